"""``carbonmgr report`` and ``carbonmgr export``: wired into :mod:`carbonmgr.cli` by ``add_parsers``.

Nothing heavy is imported here: reportlab, matplotlib and openpyxl load when a command runs.
"""
from __future__ import annotations

import sys

EXIT_OK, EXIT_INPUT = 0, 2
STANDARD_CHOICES = ("gbt32150", "ghgp", "iso14064")


def _refuse_overwrite(out, args, lang: str) -> bool:
    if out.exists() and not getattr(args, "force", False):
        from carbonmgr.common.i18n import translate

        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return True
    return False


def _progress_printer(lang: str):
    """A progress callback printing a percentage to stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None
    last = [-1]

    def show(done: int, total: int) -> bool:
        pct = int(100 * done / total) if total else 100
        if pct != last[0]:
            last[0] = pct
            sys.stderr.write(f"\r{pct:3d} %")
            if done >= total:
                sys.stderr.write("\r      \r")
            sys.stderr.flush()
        return True

    return show


def _write_output(args, lang: str, write) -> int:
    """Open FILE and hand the workspace to ``write(ws, out, out_lang)``: the facade computes it
    (under --standard if given) and writes the file."""
    from pathlib import Path

    from carbonmgr.facade import Workspace
    from carbonmgr.common.i18n import translate

    out = Path(args.output)
    if _refuse_overwrite(out, args, lang):
        return EXIT_INPUT
    out_lang = getattr(args, "report_lang", None) or lang
    with Workspace.open(args.file, lang=out_lang) as ws:
        write(ws, out, out_lang)
    print(translate("cli.written", lang, path=str(out)))
    return EXIT_OK


def cmd_report(args, lang: str) -> int:
    """Write the PDF report of a case workbook, a project or the demo."""
    return _write_output(args, lang, lambda ws, out, out_lang: ws.write_report(
        out, lang=out_lang, standard=args.standard, progress=_progress_printer(lang)))


def cmd_export(args, lang: str) -> int:
    """Write the inventory (the case and its results) to an Excel workbook."""
    return _write_output(args, lang, lambda ws, out, out_lang: ws.export_inventory(
        out, lang=out_lang, standard=args.standard))


def add_parsers(subparsers) -> None:
    """Add the ``report`` and ``export`` sub-commands to ``carbonmgr``'s parser."""
    from carbonmgr.cli.args import h

    r = subparsers.add_parser("report", help=h("report"), description=h("report"))
    r.add_argument("file", help=h("case_file"))
    r.add_argument("-o", "--output", required=True, help=h("report.output"))
    # dest differs from the global --lang (messages), so that one does not override the other
    r.add_argument("--lang", dest="report_lang", choices=("zh", "en"), help=h("report.lang"))
    r.add_argument("--standard", choices=STANDARD_CHOICES, help=h("report.standard"))
    r.add_argument("--force", action="store_true", help=h("force"))
    r.set_defaults(func=cmd_report)

    e = subparsers.add_parser("export", help=h("export"), description=h("export"))
    e.add_argument("file", help=h("case_file"))
    e.add_argument("-o", "--output", required=True, help=h("export.output"))
    e.add_argument("--lang", dest="report_lang", choices=("zh", "en"), help=h("export.lang"))
    e.add_argument("--standard", choices=STANDARD_CHOICES, help=h("standard"))
    e.add_argument("--force", action="store_true", help=h("force"))
    e.set_defaults(func=cmd_export)
