"""``carbonmgr ets FILE [--json]``: the ETS allocation and compliance position of a case.

Wired into :mod:`carbonmgr.cli` by ``add_parsers``; reaches the core only through the facade.
"""
from __future__ import annotations

import json
import sys

EXIT_OK, EXIT_INPUT = 0, 2


def cmd_ets(args, lang: str) -> int:
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade import Workspace
    from carbonmgr.facade.trading import ets_position, render_position

    with Workspace.open(args.file, lang=lang) as ws:
        _need_ets_year(ws.case)
        result = ets_position(ws)
        if result is None:
            case = ws.case
            year, row = case.info.ets_year, case.key_rows.get("ets_year")
            if year is not None:  # located at the key that asks for an ETS position
                from carbonmgr.common.errors import Problem, ValidationFailed

                raise ValidationFailed([Problem("ets.no_sheet_for_year", {"year": year}, sheet=case.sheet("Case"),
                                                row=row, col=case.column("Case", "value") if row else None)])
            print(translate("ets.no_data", lang), file=sys.stderr)
            return EXIT_INPUT
        if args.json:
            json.dump(result.to_dict(lang), sys.stdout, ensure_ascii=False, indent=1 if args.pretty else None)
            sys.stdout.write("\n")
        else:
            print(render_position(result, lang))
    return EXIT_OK


def _need_ets_year(case) -> None:
    """The command line takes the ETS position of the year the case names (its ``ets_year``), never
    the inventory's reporting year unasked: an ETS sheet without ``ets_year`` is refused, located at
    the Case sheet. (The app's ETS page shows the reporting year as its default, editable there.)"""
    from carbonmgr.common.errors import Problem, ValidationFailed
    from carbonmgr.facade.trading import plan_years

    ets = getattr(case, "ets", None)
    if case.info.ets_year is None and ets is not None and ets.units:
        first, last = plan_years()
        raise ValidationFailed([Problem("ets.year_missing", {"first": first, "last": last},
                                        sheet=case.sheet("Case"))])


def add_parsers(subparsers) -> None:
    from carbonmgr.cli.args import h

    e = subparsers.add_parser("ets", help=h("ets"), description=h("ets"))
    e.add_argument("file", help=h("case_file"))
    e.add_argument("--json", action="store_true", help=h("ets.json"))
    e.add_argument("--pretty", action="store_true", help=h("pretty"))
    e.set_defaults(func=cmd_ets)
