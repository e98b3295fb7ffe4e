"""``carbonmgr exam pack`` and ``carbonmgr submit``: wired into :mod:`carbonmgr.cli` by ``add_parsers``.

Exit status: 0 when the files were written, 2 for bad input (a problem printed in the user's
language, located), never a traceback.
"""
from __future__ import annotations

import sys

EXIT_OK, EXIT_INPUT = 0, 2


def cmd_exam_pack(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.exams import pack_exam

    out = Path(args.output)
    if args.variants is None and out.exists() and not args.force:
        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return EXIT_INPUT
    result = pack_exam(args.key, out, variants=args.variants, seed=args.seed, overwrite=args.force,
                       lang=args.key_lang or lang)
    if args.variants is None:
        from carbonmgr.facade.exams import read_exam

        print(translate("cli.exam.packed", lang, path=str(out), package_id=read_exam(out).package_id))
    else:
        print(translate("cli.exam.variants", lang, count=len(result.variants), path=str(out),
                        manifest=str(result.manifest)))
    return EXIT_OK


def cmd_submit(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.exams import read_exam, submit

    out = Path(args.output)
    if out.exists() and not args.force:
        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return EXIT_INPUT
    package = read_exam(args.exam)
    submit(args.file, package, trainee_id=args.trainee, trainee_name=args.name, output=out, overwrite=args.force,
           lang=lang)
    print(translate("cli.exam.submitted", lang, path=str(out), trainee=args.trainee.strip(),
                    package_id=package.package_id))
    return EXIT_OK


def _variants(text: str) -> int:
    from carbonmgr.cli.args import ArgError, whole_number

    n = whole_number(text)
    if not 1 <= n <= 1000:
        raise ArgError("cli.arg.variants_range")
    return n


def add_parsers(subparsers) -> None:
    """Add ``exam`` (with ``pack``) and ``submit`` to ``carbonmgr``'s parser."""
    add_pack(subparsers)
    add_submit(subparsers)


def add_pack(subparsers) -> None:
    """Add ``exam`` (with ``pack``) to ``carbonmgr``'s parser."""
    from carbonmgr.cli.args import h

    e = subparsers.add_parser("exam", help=h("exam"), description=h("exam"))
    esub = e.add_subparsers(dest="exam_command")
    p = esub.add_parser("pack", help=h("exam.pack"), description=h("exam.pack"))
    p.add_argument("key", help=h("exam.key"))
    p.add_argument("-o", "--output", required=True, help=h("exam.output"))
    p.add_argument("--variants", type=_variants, help=h("exam.variants"))
    p.add_argument("--seed", default=None, help=h("exam.seed"))
    p.add_argument("--lang", dest="key_lang", choices=("zh", "en"), help=h("exam.lang"))
    p.add_argument("--force", action="store_true", help=h("exam.force"))
    p.set_defaults(func=cmd_exam_pack)
    e.set_defaults(func=lambda args, lang: (e.print_help(), EXIT_INPUT)[1])


def add_submit(subparsers) -> None:
    from carbonmgr.cli.args import h

    s = subparsers.add_parser("submit", help=h("submit"), description=h("submit"))
    s.add_argument("file", help=h("submit.file"))
    s.add_argument("--exam", required=True, help=h("submit.exam"))
    s.add_argument("--trainee", required=True, help=h("submit.trainee"))
    s.add_argument("--name", help=h("submit.name"))
    s.add_argument("-o", "--output", required=True, help=h("submit.output"))
    s.add_argument("--force", action="store_true", help=h("force"))
    s.set_defaults(func=cmd_submit)
