"""``carbonmgr market ...``: the class market on the command line, wired into :mod:`carbonmgr.cli`
by ``add_parsers``.

* ``market clear ORDERS.csv [--json]``: clear one round from an orders file;
* ``market new|orders|round|shock|status|end|debrief MARKET.cmmkt ...``: a class market kept in one file.

Every output in the user's language; bad input is a located message and exit 2.
"""
from __future__ import annotations

import json
import sys

EXIT_OK, EXIT_INPUT = 0, 2


def _t(code: str, lang: str, **params) -> str:
    from carbonmgr.common.i18n import translate

    return translate(code, lang, **params)


def _price_arg(text: str) -> int:
    import argparse

    from carbonmgr.facade.market import to_fen

    try:
        fen = to_fen(text)
    except Exception:  # noqa: BLE001 - any bad text
        raise argparse.ArgumentTypeError(f"not a price in yuan with at most two decimals: {text!r}") from None
    if fen <= 0:
        raise argparse.ArgumentTypeError(f"a price must be more than 0: {text!r}")
    return fen


def _table(rows, right_cols=()):
    from carbonmgr.cli import _table as table

    return table(rows, right_cols=right_cols)


def render_clearing(result, lang: str) -> str:
    from carbonmgr.facade.market import fen_text

    unit = _t("market.unit.yuan_per_t", lang)
    out = []
    if result.price is None:
        out.append(_t("market.cli.no_trade", lang))
    else:
        out.append(f"{_t('market.cli.price', lang)}: {fen_text(result.price)} {unit}")
        out.append(f"{_t('market.cli.volume', lang)}: {result.volume:,} t")
        out.append(f"{_t('market.cli.interval', lang)}: {fen_text(result.low)} – {fen_text(result.high)} {unit}")
        for side, m in result.marginal.items():
            out.append(_t("market.cli.rationed", lang, side=_t(f"market.side.{side}", lang), limit=fen_text(m["limit"]),
                          allotted=f"{m['allotted']:,}", quantity=f"{m['quantity']:,}", orders=m["orders"]))
        out += ["", f"== {_t('market.cli.fills', lang)} =="]
        rows = [[_t(f"market.col.{k}", lang) for k in ("row", "firm", "side", "filled")]]
        for f in result.fills:
            ref = result.orders[f.order].ref
            rows.append([str(ref if ref is not None else f.order + 1), f.firm, _t(f"market.side.{f.side}", lang),
                         f"{f.quantity:,}"])
        out.append(_table(rows, right_cols=(0, 3)))
    if result.refused:
        out += ["", f"== {_t('market.cli.refused', lang)} =="]
        for r in result.refused:
            out.append(_t(r.code, lang, **r.params))
    return "\n".join(out)


def cmd_clear(args, lang: str) -> int:
    from carbonmgr.facade.market import clear_orders_file, clearing_json

    result = clear_orders_file(args.orders, floor=args.floor, ceiling=args.ceiling)
    if args.json:
        json.dump(clearing_json(result, lang), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(render_clearing(result, lang))
    return EXIT_OK


def add_parsers(subparsers) -> None:
    """Add ``market`` and its sub-commands to ``carbonmgr``'s parser."""
    m = subparsers.add_parser("market", help="the class market: clear a round, run a market kept in one file")
    sub = m.add_subparsers(dest="market_command")
    m.set_defaults(func=lambda args, lang: (m.print_help(), EXIT_OK)[1])

    c = sub.add_parser("clear", help="clear one round (call auction) from an orders file (CSV)")
    c.add_argument("orders", help="CSV file: firm, side (buy|sell), quantity (t), limit_price (CNY/t); Chinese headers accepted")
    c.add_argument("--json", action="store_true", help="print price, volume and fills as JSON")
    c.add_argument("--floor", type=_price_arg, help="price floor (CNY/t)")
    c.add_argument("--ceiling", type=_price_arg, help="price ceiling (CNY/t)")
    c.set_defaults(func=cmd_clear)
