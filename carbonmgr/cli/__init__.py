"""Command line: ``carbonmgr calc|import|factors|template|gui``.

Heavy modules (the Excel reader, the engine, sqlite-utils) are imported inside the
commands, so ``carbonmgr --version`` answers at once.  No traceback ever reaches the
user: problems are printed in the user's language and the exit status says what
happened (0 ok, 2 bad input, 1 internal error).
"""
from __future__ import annotations

import argparse
import sys
import unicodedata

from carbonmgr import __version__

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2

def _l(key: str, lang: str) -> str:
    from carbonmgr.common.i18n import translate

    return translate(f"cli.label.{key}", lang)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _table(rows: list[list[str]], right_cols=()) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, r in enumerate(rows):
        out.append("  ".join(_pad(c, widths[i], i in right_cols) for i, c in enumerate(r)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _num(value: float, standard: str) -> str:
    """Tonnes by the one rounding rule: whole tonnes under GB/T 32150 (as the Chinese guidelines
    report them), else two decimals."""
    from carbonmgr.common.numbers import tonnes

    return tonnes(value, None, standard=standard)


def _qty(value: float) -> str:
    if abs(value) >= 1e6 or value == int(value):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return f"{value:,.6g}"


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, never in the middle of a word."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if text[limit - 1].isascii() and text[limit - 1].isalnum() and cut[-1:].isascii() and cut[-1:].isalnum():
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;(") + "…"


def _source_name(source: str, lang: str) -> str:
    from carbonmgr.common.i18n import lookup

    return lookup(f"source.{source}", lang, source)


def _factor_sources(trace: dict, lang: str) -> str:
    """The factor sets a line's factors come from, by name, with their status."""
    from carbonmgr.common.i18n import lookup, translate
    from carbonmgr.facade import set_name, status_name

    srcs: list[str] = []
    seen: set[str] = set()
    for inp in trace.get("inputs", []):
        s = inp.get("set")
        if s and s not in seen:
            seen.add(s)
            srcs.append(translate("label.with_status", lang, what=set_name(s, lang),
                                  status=status_name(inp.get("status"), lang)))
    if not srcs:
        method = trace.get("method", "")
        return lookup(f"report.method.{method}", lang, "") if method else ""
    return translate("sep.semicolon", lang).join(srcs)


def _share(share) -> str:
    return "" if share is None else f"{share:.1f} %"


def _headline(inv, lang: str) -> str:
    """The standard's parts adding up to its total, with their shares of it (carbonmgr.facade.figures)."""
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade import figures

    h = figures.headline(inv)
    rows = [["", "t CO2e", translate("figures.share_of_total", lang)]]
    rows += [[translate(p.label, lang), _num(p.value, inv.standard), _share(p.share)] for p in h.shown_parts()]
    rows.append([f"= {translate(h.total.label, lang)}", _num(h.total.value, inv.standard), "100.0 %"])
    return _table(rows, right_cols=(1, 2))


def _breakdown(rows, std: str, lang: str) -> str:
    """A breakdown: deductions negative, each row's share of the total; rows outside the total say so."""
    from carbonmgr.common.i18n import translate

    out = [["", "t CO2e", translate("figures.share_of_total", lang)]]
    for name, r in rows:
        out.append([name, _num(r.value, std), _share(r.share) if r.in_total else translate("figures.not_in_total", lang)])
    return _table(out, right_cols=(1, 2))


def render_inventory(inv, lang: str) -> str:
    from carbonmgr.common.i18n import lookup, translate
    from carbonmgr.facade import figures, item_name, unit_name
    from carbonmgr.facade.exercises import case_title

    info = inv.case.info
    std = inv.standard
    colon = translate("sep.colon", lang)
    out = [
        f"{_l('title', lang)}{colon}{case_title(inv.case, lang)}",
        f"{_l('standard', lang)}{colon}{lookup(f'report.standard_short.{std}', lang, std)}   "
        f"{_l('gwp', lang)}{colon}{inv.gwp}   "
        f"{_l('year', lang)}{colon}{info.reporting_year or '—'}   {_l('consolidation', lang)}{colon}"
        f"{lookup(f'cli.consolidation.{info.consolidation}', lang) or info.consolidation}",
        "",
        f"== {_l('lines', lang)} ==",
    ]
    rows = [[_l(k, lang) for k in ("row", "facility", "source", "item", "quantity", "scope", "tco2e", "factor")]]
    for line in inv.lines():
        trace = line.get("trace") or {}
        scope = line.get("scope")
        item = line.get("item")
        rows.append([
            (f"{line['sheet']}!{line['row']}" if line.get("sheet") else str(line["row"])), str(line["facility"]),
            _source_name(line["source"], lang), item_name(line.get("item_id") or item, lang) if item else "—",
            f"{_qty(line['quantity'])} {unit_name(line['unit'], lang)}",
            str(scope) if scope else _l("exported_short", lang),
            _num(line["tco2e"], ""), _factor_sources(trace, lang),
        ])
    out.append(_table(rows, right_cols=(0, 4, 6)))
    out += ["", f"== {_l('totals', lang)} =="]
    out.append(_headline(inv, lang))
    out.append("")
    t = inv.totals
    keys = ["total", "scope1"]
    if "scope2" in t:
        keys.append("scope2")
    keys += ["scope2_location", "scope2_market", "scope3", "exported", "biogenic_co2"]
    out.append(_table([["", "t CO2e"]] + [[_l(k, lang), _num(-t[k] if k == "exported" and std == "gbt32150" else t[k], std)]
                                           for k in keys], right_cols=(1,)))
    out += ["", f"== {_l('by_source', lang)} =="]
    out.append(_breakdown([(_source_name(r.key, lang), r) for r in figures.by_source(inv)], std, lang))
    out += ["", f"== {_l('by_facility', lang)} =="]
    names = {f.id: f.name for f in inv.case.facilities}
    out.append(_breakdown([(f"{r.key} {names.get(r.key, '')}".strip(), r) for r in figures.by_facility(inv)], std,
                          lang))
    out += ["", f"== {_l('by_gas', lang)} =="]
    out.append(_table([["", "t", "t CO2e"]] + [[g, f"{v['t']:,.4f}", _num(v["tco2e"], std)]
                                                for g, v in inv.by_gas.items()], right_cols=(1, 2)))
    if inv.uncertainty.get("total_percent") is not None:
        out += ["", f"{_l('uncertainty', lang)}{translate('sep.colon', lang)}±{inv.uncertainty['total_percent']:.2f} %"]
    if inv.warnings:
        out += ["", f"== {_l('warnings', lang)} =="] + [w.render(lang) for w in inv.warnings]
    return "\n".join(out)


def _print_problems(exc, lang: str, *, writes: bool = True) -> None:
    """The problems of ``exc``, then their count; ``writes``: the command writes a file (and so says
    that it wrote none), else it only reads (calc, ets, grade ...)."""
    from carbonmgr.common.i18n import translate

    problems = getattr(exc, "problems", None)
    if problems is None:
        print(exc.render(lang), file=sys.stderr)
        return
    for p in problems:
        print(p.render(lang), file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    print(translate("cli.problems" if writes else "cli.problems_read", lang, count=errors), file=sys.stderr)


def cmd_calc(args, lang: str) -> int:
    from carbonmgr.facade import Workspace

    with Workspace.open(args.file, lang=lang) as ws:
        inv = ws.compute(standard=args.standard, gwp=args.gwp)
        if args.json:
            inv.write_json(sys.stdout, indent=1 if args.pretty else None)
            sys.stdout.write("\n")
        else:
            print(render_inventory(inv, lang))
    return EXIT_OK


def cmd_import(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.facade import Workspace
    from carbonmgr.common.i18n import translate

    out = Path(args.output)
    if out.exists() and not args.force:
        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return EXIT_INPUT
    with Workspace.open(args.file, lang=lang) as ws:
        ws.compute()
        ws.save_project(out, overwrite=args.force)
    print(translate("cli.written", lang, path=str(out)))
    return EXIT_OK


def cmd_update_factors(args, lang: str) -> int:
    """Show how a saved inventory would change with today's factors; --apply saves it."""
    from carbonmgr.facade import Workspace, unit_name
    from carbonmgr.common.i18n import translate

    with Workspace.open(args.file, lang=lang) as ws:
        if ws.project is None:
            print(translate("cli.needs_project", lang), file=sys.stderr)
            return EXIT_INPUT
        result = ws.rerun_with_current_factors(apply=args.apply)
    changes = result["changes"]
    if not changes:
        print(translate("cli.factors_unchanged", lang))
    else:
        head = [translate(f"cli.update.col.{k}", lang) for k in ("factor", "old", "new", "change")]
        rows = [head] + [[_change_name(c, lang), f"{c['old_value']} {unit_name(c.get('old_unit'), lang)}".strip(),
                          f"{c['new_value']} {unit_name(c.get('new_unit'), lang)}".strip()
                          if c["new_value"] is not None else "—",
                          translate(f"label.change.{c['change']}", lang)] for c in changes]
        print(_table(rows))
    old, new = result["old_totals"], result["new_totals"]
    if not changes and not result["applied"] and all(abs(old[k] - new[k]) < 1e-9 for k in old if k in new):
        print(translate("cli.factors_nothing_to_apply", lang))  # --apply would change nothing
        return EXIT_OK
    print()
    from carbonmgr.common.numbers import tonnes

    rows = [["", translate("cli.update.col.old", lang), translate("cli.update.col.new", lang), "Δ"]]
    for key in ("total", "scope1", "scope2_location", "scope2_market", "scope3"):
        rows.append([_l(key, lang), tonnes(old[key]), tonnes(new[key]), tonnes(new[key] - old[key], sign=True)])
    print(_table(rows, right_cols=(1, 2, 3)))
    print(translate("cli.factors_applied" if result["applied"] else "cli.factors_not_applied", lang))
    return EXIT_OK


def _change_name(change: dict, lang: str) -> str:
    """A factor or GWP value of an update-factors change, by name."""
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade import factor_name

    if change.get("kind") == "gwp":
        return translate("label.gwp_of", lang, gas=change.get("gas") or "", set=change.get("set") or "")
    return factor_name(change.get("key"), lang)


def cmd_factors(args, lang: str) -> int:
    from carbonmgr.common.i18n import translate
    from carbonmgr.common.i18n import lookup
    from carbonmgr.facade import factor_library, factor_param_name, item_name, set_name, status_name, unit_name

    lib = factor_library()
    wanted_set = args.set
    if wanted_set and wanted_set not in lib.set_info:  # a set may be named by its name in either language
        needle = wanted_set.strip().lower()
        named = [s for s in lib.set_info if needle in set_name(s, "en").lower() or needle in set_name(s, "zh").lower()]
        wanted_set = named[0] if len(named) == 1 else wanted_set
    rows = lib.search(args.text or "", set_name=wanted_set, status=args.status, region=args.region, year=args.year)
    if args.json:
        import json

        json.dump([f.to_dict() for f in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    head = [translate(f"cli.factors.col.{k}", lang)
            for k in ("set", "item", "param", "gas", "value", "unit", "year", "status", "source")]
    table = [head]
    for f in rows:
        param = factor_param_name(f.param, lang)
        if f.variant:
            param = translate("label.with_variant", lang, what=param,
                              variant=lookup(f"label.variant.{f.variant}", lang, "") or f.variant)
        table.append([set_name(f.set, lang), item_name(f.item, lang), param, f.gas, f"{f.value:g}", unit_name(f.unit, lang),
                      str(f.year or ""), status_name(f.status, lang), _cut(f.citation(), 70)])
    if len(table) == 1:
        print(translate("cli.factors.none", lang))
        return EXIT_OK
    print(_table(table, right_cols=(4,)))
    print("\n" + translate("cli.factors.count", lang, count=len(rows)))
    return EXIT_OK


def cmd_template(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.common.i18n import translate
    from carbonmgr.facade import write_template

    out = Path(args.output)
    if out.exists() and not args.force:
        print(translate("cli.exists", lang, path=str(out)), file=sys.stderr)
        return EXIT_INPUT
    if getattr(args, "exercise", False):
        from carbonmgr.facade.grading import write_exercise_template

        write_exercise_template(out, lang=args.template_lang or lang)
    else:
        write_template(out, lang=args.template_lang or lang)
    print(translate("cli.written", lang, path=str(out)))
    return EXIT_OK


def cmd_gui(args, lang: str) -> int:  # pragma: no cover - provided by the desktop app (issue 3)
    try:
        from carbonmgr.ui.app import main as gui_main
    except ImportError:
        from carbonmgr.common.i18n import translate

        print(translate("app.start.no_gui_extra", lang), file=sys.stderr)
        return EXIT_INPUT
    return gui_main(args)


def build_parser() -> argparse.ArgumentParser:
    """The ``carbonmgr`` parser, its help in the language :func:`carbonmgr.cli.args.speaking` holds."""
    from carbonmgr.cli.args import Parser, h, name_values, whole_number

    p = Parser(prog="carbonmgr", description=h("description"))
    p.add_argument("--version", action="version", version=f"carbonmgr {__version__}", help=h("version"))
    p.add_argument("--lang", choices=("en", "zh"), help=h("lang"))
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("calc", help=h("calc"), description=h("calc"))
    c.add_argument("file", help=h("case_file"))
    c.add_argument("--json", action="store_true", help=h("calc.json"))
    c.add_argument("--pretty", action="store_true", help=h("pretty"))
    c.add_argument("--standard", choices=("gbt32150", "ghgp", "iso14064"), help=h("standard"))
    c.add_argument("--gwp", choices=("SAR", "AR4", "AR5", "AR6", "AR6-SM"), help=h("calc.gwp"))
    c.set_defaults(func=cmd_calc)

    i = sub.add_parser("import", help=h("import"), description=h("import"))
    i.add_argument("file", help=h("import.file"))
    i.add_argument("-o", "--output", required=True, help=h("import.output"))
    i.add_argument("--force", action="store_true", help=h("import.force"))
    i.set_defaults(func=cmd_import)

    f = sub.add_parser("factors", help=h("factors"), description=h("factors"))
    f.add_argument("text", nargs="?", help=h("factors.text"))
    f.add_argument("--set", help=h("factors.set"))
    f.add_argument("--status", choices=("verified", "secondary", "unverified"), help=h("factors.status"))
    f.add_argument("--region", help=h("factors.region"))
    f.add_argument("--year", type=whole_number, help=h("factors.year"))
    f.add_argument("--json", action="store_true", help=h("factors.json"))
    f.set_defaults(func=cmd_factors)

    u = sub.add_parser("update-factors", help=h("update"), description=h("update"))
    u.add_argument("file", help=h("update.file"))
    u.add_argument("--apply", action="store_true", help=h("update.apply"))
    u.set_defaults(func=cmd_update_factors)

    t = sub.add_parser("template", help=h("template"), description=h("template"))
    t.add_argument("output", help=h("template.output"))
    t.add_argument("--template-lang", choices=("en", "zh"), help=h("template.lang"))
    t.add_argument("--force", action="store_true", help=h("force"))
    t.add_argument("--exercise", action="store_true", help=h("template.exercise"))
    t.set_defaults(func=cmd_template)

    from carbonmgr.cli.report_commands import add_parsers

    add_parsers(sub)

    from carbonmgr.cli.grade_commands import add_parsers as add_grade_parsers

    add_grade_parsers(sub)

    from carbonmgr.cli.market_commands import add_parsers as add_market_parsers

    add_market_parsers(sub)

    from carbonmgr.cli import exam_commands

    exam_commands.add_parsers(sub)

    from carbonmgr.cli.ets_commands import add_parsers as add_ets_parsers

    add_ets_parsers(sub)

    g = sub.add_parser("gui", help=h("gui"), description=h("gui"))
    g.add_argument("file", nargs="?", help=h("gui.file"))
    g.add_argument("--smoke-test", action="store_true", help=h("gui.smoke_test"))
    g.set_defaults(func=cmd_gui)
    name_values(p)
    return p


def main(argv=None) -> int:
    """Run one command line. Everything it says, argparse's help and errors included, is in the
    language it asks for (``--lang``, anywhere on it) or else the locale's."""
    from carbonmgr.cli.args import lang_of_argv, speaking

    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(lang_of_argv(argv)):
        return _main(argv)


def _main(argv) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from carbonmgr.common.i18n import normalize_lang

    # "carbonmgr report demo --lang zh": a command's own language is the language of its messages too
    lang = normalize_lang(args.lang or getattr(args, "report_lang", None) or getattr(args, "template_lang", None)
                          or getattr(args, "key_lang", None) or getattr(args, "grade_lang", None))
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_OK
    from carbonmgr.common.errors import CarbonMgrError, ValidationFailed

    try:
        return args.func(args, lang)
    except ValidationFailed as exc:
        _print_problems(exc, lang, writes=bool(getattr(args, "output", None) or getattr(args, "apply", False)))
        return EXIT_INPUT
    except CarbonMgrError as exc:
        render = getattr(exc, "render", None)
        print(render(lang) if render else str(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last resort: never show a traceback
        from carbonmgr.common.i18n import translate

        print(translate("cli.internal_error", lang, error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
