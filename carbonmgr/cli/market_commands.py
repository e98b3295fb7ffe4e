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
    from carbonmgr.cli.args import ArgError
    from carbonmgr.facade.market import to_fen

    try:
        fen = to_fen(text)
    except Exception:  # noqa: BLE001 - any bad text
        raise ArgError("cli.arg.not_price", value=text) from None
    if fen <= 0:
        raise ArgError("cli.arg.price_not_positive", value=text)
    return fen


def _month_arg(text: str) -> int:
    from carbonmgr.cli.args import ArgError

    try:
        month = int(str(text).strip())
    except ValueError:
        raise ArgError("cli.arg.not_month", value=text) from None
    if not 1 <= month <= 12:
        raise ArgError("cli.arg.not_month", value=text)
    return month


def _table(rows, right_cols=()):
    from carbonmgr.cli import _table as table

    return table(rows, right_cols=right_cols)


def _no_trade(result, lang: str) -> str:
    """Why nothing traded: a side without orders (given or left after refusals), limits that meet
    only outside the floor / ceiling, or limits that do not meet."""
    out = {r.order for r in result.refused}
    live = [o for i, o in enumerate(result.orders) if i not in out]
    buys = [o.limit for o in live if o.side == "buy"]
    sells = [o.limit for o in live if o.side == "sell"]
    for side, limits in (("buy", buys), ("sell", sells)):
        if not limits:
            return _t("market.cli.no_trade_side", lang, side=_t(f"market.side.{side}", lang))
    if max(buys) >= min(sells):
        return _t("market.cli.no_trade_bounds", lang)
    return _t("market.cli.no_trade", lang)


def render_clearing(result, lang: str) -> str:
    from carbonmgr.facade.market import fen_text

    out = []
    if result.price is None:
        out.append(_no_trade(result, lang))
    else:
        out.append(_t("market.cli.price_line", lang, price=fen_text(result.price)))
        out.append(_t("market.cli.volume_line", lang, volume=f"{result.volume:,}"))
        out.append(_t("market.cli.interval_line", lang, low=fen_text(result.low), high=fen_text(result.high)))
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


def _change_arg(text: str) -> float:
    """A change as a fraction (-0.2) or a percentage (-20%)."""
    import math

    from carbonmgr.cli.args import ArgError

    t = text.strip()
    try:
        value = float(t[:-1]) / 100 if t.endswith("%") else float(t)
    except ValueError:
        raise ArgError("cli.arg.not_change", value=text) from None
    if not math.isfinite(value):
        raise ArgError("cli.arg.not_change", value=text)
    return value


def _yuan(fen) -> str:
    from carbonmgr.facade.market import fen_text

    if fen is None:
        return "—"
    text = fen_text(fen)
    whole, _, dec = text.partition(".")
    return f"{int(whole):,}.{dec}" if not whole.startswith("-") else f"-{int(whole[1:]):,}.{dec}"


def _dump(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _start_price(args, lang: str) -> int | None:
    """The price given, else the CEA price of the month (``--month``: its monthly average when the
    bundled data has it) or the year from the bundled data (told, with its source)."""
    from carbonmgr.facade.market import price_for

    if args.start_price is not None:
        return args.start_price
    row = price_for(args.year, getattr(args, "month", None))
    if row is None:
        print(_t("market.cli.no_start_price", lang, year=args.year), file=sys.stderr)
        return None
    print(_t("market.cli.start_price_from", lang, price=f"{row.value:.2f}", kind=_t(f"market.price.kind.{row.kind}", lang),
             period=row.period, source=row.source, publisher=row.publisher,
             status=_t(f"market.price.status.{row.status}", lang)))
    return row.fen


def cmd_prices(args, lang: str) -> int:
    from carbonmgr.facade.market import cea_prices

    rows = [r for r in cea_prices() if args.year is None or r.period.startswith(str(args.year))]
    if args.json:
        _dump([{"period": r.period, "kind": r.kind, "value": r.value, "unit": r.unit, "source": r.source,
                "publisher": r.publisher, "year_published": r.year_published, "status": r.status} for r in rows])
        return EXIT_OK
    table = [[_t(f"market.price.col.{k}", lang) for k in ("period", "kind", "value", "source", "status")]]
    for r in rows:
        table.append([r.period, _t(f"market.price.kind.{r.kind}", lang), f"{r.value:.2f}",
                      f"{r.publisher}{_t('sep.colon', lang)}{r.source}"[:90], _t(f"market.price.status.{r.status}", lang)])
    print(_table(table, right_cols=(2,)))
    return EXIT_OK


def cmd_new(args, lang: str) -> int:
    from carbonmgr.facade.market import create_market

    start = _start_price(args, lang)
    if start is None:
        return EXIT_INPUT
    with create_market(args.market, firms_file=args.firms, measures_file=args.measures, name=args.name or "",
                       year=args.year, start_price=start, ccer_price=args.ccer_price,
                       ccer_pool=args.ccer_pool, overwrite=args.force, lang=lang) as store:
        firms = store.firms()
    print(_t("market.cli.created", lang, path=args.market, firms=len(firms)))
    return EXIT_OK


def cmd_start(args, lang: str) -> int:
    """A market of N firms drawn from one case workbook: emissions and allocation by the ETS engine."""
    from carbonmgr.facade.market import start_from_case

    cash = None if args.cash is None else args.cash
    store, info = start_from_case(args.case, args.output, firms=args.firms, seed=args.seed, spread=args.spread,
                                  cash=cash, start_price=args.start_price, ccer_price=args.ccer_price,
                                  ccer_pool=args.ccer_pool, name=args.name or "", firm_name=args.firm_name or "",
                                  overwrite=args.force, lang=lang)
    store.close()
    if args.json:
        _dump({**info, "path": str(args.output), "start_price": info["start_price"] / 100,
               "firms": [{**f, "cash": f["cash"] / 100} for f in info["firms"]]})
        return EXIT_OK
    row = info["price_source"]
    if row is not None:
        print(_t("market.cli.start_price_from", lang, price=_yuan(info["start_price"]),
                 kind=_t(f"market.price.kind.{row['kind']}", lang), period=row["period"], source=row["source"],
                 publisher=row["publisher"], status=_t("market.price.status.secondary", lang)))
    else:
        print(_t("market.start.price", lang, price=_yuan(info["start_price"])))
    how = "market.start.how_variants" if info["variants"] else "market.start.how_spread"
    print(_t(how, lang, spread=f"{info['spread']:.0%}"))
    borrowing = any(f["borrowed"] for f in info["firms"])
    cols = ["firm", "emissions", "allocation", "pre_allocation", "holdings", *(["borrowed"] if borrowing else []),
            "cash", "factors"]
    if info["variants"]:
        cols.append("values")
    rows = [[_t(f"market.start.col.{c}", lang) for c in cols]]
    for f in info["firms"]:
        cells = [f["firm"], f"{f['emissions']:,}", f"{f['allocation']:,}",
                 "—" if f["pre_allocation"] is None else f"{f['pre_allocation']:,}", f"{f['holdings']:,}",
                 *([f"{f['borrowed']:,}"] if borrowing else []), _yuan(f["cash"]), f"{f['emissions_factor']:.4f} / {f['output_factor']:.4f} / {f['cost_factor']:.4f}"]
        if info["variants"]:
            cells.append(", ".join(f"{k}={v}" for k, v in f["values"].items()))
        rows.append(cells)
    print(_table(rows, right_cols=tuple(range(1, 6 + borrowing))))
    print(_t("market.start.created", lang, path=args.output, firms=len(info["firms"]), case=info["case"],
             seed=info["seed"]))
    return EXIT_OK


def _fraction_arg(text: str) -> float:
    from carbonmgr.cli.args import ArgError

    value = _change_arg(text)
    if value < 0:
        raise ArgError("cli.arg.negative", value=text)
    return value


def _cash_arg(text: str) -> int:
    from carbonmgr.cli.args import ArgError

    fen = _price_arg(text) if text.strip() not in ("0", "0.0", "0.00") else 0
    if fen < 0:
        raise ArgError("cli.arg.not_amount", value=text)
    return fen


def cmd_orders(args, lang: str) -> int:
    from carbonmgr.facade.market import load_orders, open_market

    with open_market(args.market) as store:
        n = load_orders(store, args.orders, firm=args.firm)
        round_no = store.info()["round"]
    print(_t("market.cli.orders_loaded", lang, count=n, round=round_no))
    return EXIT_OK


def cmd_order(args, lang: str) -> int:
    from carbonmgr.facade.market import Order, open_market

    with open_market(args.market) as store:
        store.add_order(Order(args.firm, args.side, args.quantity, args.price), source="cli")
        round_no = store.info()["round"]
    print(_t("market.cli.orders_loaded", lang, count=1, round=round_no))
    return EXIT_OK


def cmd_round(args, lang: str) -> int:
    from carbonmgr.facade.market import clearing_json, open_market

    with open_market(args.market) as store:
        round_no = store.info()["round"]
        result = store.clear_round(round_no=round_no)
    if args.json:
        _dump({"round": round_no, **clearing_json(result, lang)})
    else:
        print(_t("market.cli.round", lang, round=round_no))
        print(render_clearing(result, lang))
    return EXIT_OK


def cmd_shock(args, lang: str) -> int:
    from carbonmgr.facade.market import open_market

    with open_market(args.market) as store:
        if args.kind in ("floor", "ceiling"):
            store.shock(args.kind, price=None if args.lift else args.price)
        elif args.kind == "ccer":
            store.shock("ccer", tonnes=args.tonnes, price=args.price)
        else:
            store.shock(args.kind, firm=args.firm, change=args.change)
        round_no = store.info()["round"]
    print(_t("market.cli.shocked", lang, shock=_t(f"market.shock.name.{args.kind}", lang), round=round_no))
    return EXIT_OK


def cmd_abate(args, lang: str) -> int:
    from carbonmgr.facade.market import open_market

    with open_market(args.market) as store:
        cost = store.abate(args.firm, args.measure)
    print(_t("market.cli.abated", lang, firm=args.firm, measure=args.measure, cost=_yuan(cost)))
    return EXIT_OK


def cmd_ccer(args, lang: str) -> int:
    from carbonmgr.facade.market import open_market

    with open_market(args.market) as store:
        cost = store.buy_ccer(args.firm, args.tonnes)
    print(_t("market.cli.ccer_bought", lang, firm=args.firm, tonnes=args.tonnes, cost=_yuan(cost)))
    return EXIT_OK


def render_status(store, lang: str) -> str:
    info = store.info()
    out = [_t("market.cli.status", lang, name=info["name"], year=info["year"],
              status=_t(f"market.status.{info['status']}", lang), round=info["round"]),
           _t("market.cli.limits", lang, floor=_yuan(info["floor"]), ceiling=_yuan(info["ceiling"]),
              pool=f"{info['ccer_pool']:,}", ccer_price=_yuan(info["ccer_price"])),
           _t("market.cli.pending", lang, count=len(store.orders()) if info["status"] == "open" else 0), ""]
    firms = store.firms()
    borrowing = any(f.borrowed for f in firms)  # the column only where a firm borrowed (2021-2022 cases)
    cols = ("firm", "emissions", "allocation", "holdings", *(("borrowed",) if borrowing else ()), "ccer", "cash",
            "position")
    rows = [[_t(f"market.status.col.{k}", lang) for k in cols]]
    for f in firms:
        position = f.holdings + (f.final_allocation() - f.allocation) + f.borrowed - f.current_emissions()
        rows.append([f.id, f"{f.current_emissions():,}", f"{f.final_allocation():,}", f"{f.holdings:,}",
                     *([f"{f.borrowed:,}"] if borrowing else []), f"{f.ccer:,}", _yuan(f.cash), f"{position:+,}"])
    out.append(_table(rows, right_cols=tuple(range(1, len(cols)))))
    rounds = store.rounds()
    if rounds:
        out += ["", f"== {_t('market.cli.rounds', lang)} =="]
        rows = [[_t(f"market.debrief.col.{k}", lang) for k in ("round", "price", "volume", "orders")]]
        rows += [[str(r["n"]), _yuan(r["price"]), f"{r['volume']:,}", str(r["orders"])] for r in rounds]
        out.append(_table(rows, right_cols=(0, 1, 2, 3)))
    return "\n".join(out)


def cmd_status(args, lang: str) -> int:
    from carbonmgr.facade.market import open_market

    with open_market(args.market) as store:
        if args.json:
            info = store.info()
            _dump({**info, "pending_orders": len(store.orders()) if info["status"] == "open" else 0,
                   "firms": [{"firm": f.id, "emissions": f.current_emissions(),
                              "allocation_final": f.final_allocation(), "holdings": f.holdings,
                              "borrowed": f.borrowed, "ccer": f.ccer,
                              "cash": f.cash / 100} for f in store.firms()],
                   "rounds": [{"n": r["n"], "price": None if r["price"] is None else r["price"] / 100,
                               "volume": r["volume"]} for r in store.rounds()]})
        else:
            print(render_status(store, lang))
    return EXIT_OK


def render_debrief(d: dict, lang: str) -> str:
    """``d``: the debrief in yuan (debrief_json)."""
    num = (lambda v: "—" if v is None else (f"{v:,.2f}" if isinstance(v, float) else f"{v:,}"))
    colon = _t("sep.colon", lang)
    out = [_t("market.debrief.title", lang, name=d["name"], year=d["year"]),
           f"{_t('market.debrief.reference_price', lang)}{colon}{num(d['reference_price'])}", "",
           f"== {_t('market.debrief.sheet.rounds', lang)} =="]
    rows = [[_t(f"market.debrief.col.{k}", lang) for k in ("round", "price", "volume", "orders")]]
    rows += [[str(r["n"]), num(r["price"]), num(r["volume"]), str(r["orders"])] for r in d["rounds"]]
    out.append(_table(rows, right_cols=(0, 1, 2, 3)))
    out += ["", f"== {_t('market.debrief.sheet.firms', lang)} =="]
    borrowing = any(o["borrowed"] for o in d["firms"])  # the column only where a firm borrowed
    cols = ("firm", "emissions", "allocation_final", "held", *(("borrowed",) if borrowing else ()), "ccer_used",
            "surplus", "paid", "abatement_cost", "penalty_min", "cost", "compliant")
    rows = [[_t(f"market.debrief.col.{k}", lang) for k in cols]]
    for o in d["firms"]:
        rows.append([o["firm"], *[num(o[k]) for k in cols[1:-1]],
                     _t("market.debrief.yes" if o["compliant"] else "market.debrief.no", lang)])
    out.append(_table(rows, right_cols=tuple(range(1, len(cols) - 1))))
    lc = d["least_cost"]
    out += ["", f"== {_t('market.debrief.sheet.least_cost', lang)} ==",
            f"{_t('market.debrief.lc_need', lang)}{colon}{num(lc['need'])}",
            f"{_t('market.debrief.lc_price', lang)}{colon}{num(lc['price'])}",
            f"{_t('market.debrief.lc_system_cost', lang)}{colon}{num(lc['system_cost'])}",
            f"{_t('market.debrief.class_cost', lang)}{colon}{num(d['class_cost'])}"]
    if not lc["reachable"]:
        out.append(f"{_t('market.debrief.lc_short', lang)}{colon}{num(lc['short'])}")
    by_firm = {o["firm"]: o for o in d["firms"]}
    cols = ("firm", "class_abated", "lc_abated", "lc_net_buy", "class_cost", "lc_cost")
    rows = [[_t(f"market.debrief.col.{k}", lang) for k in cols]]
    for p in lc["firms"]:
        o = by_firm[p["firm"]]
        rows.append([p["firm"], num(float(o["abated"])), num(float(p["abated"])), num(float(p["net_buy"])),
                     num(o["cost"]), num(float(p["cost"]))])
    out.append(_table(rows, right_cols=(1, 2, 3, 4, 5)))
    return "\n".join(out)


def cmd_end(args, lang: str) -> int:
    from carbonmgr.facade.market import debrief_json, open_market

    with open_market(args.market) as store:
        d = debrief_json(store.end())
    print(_t("market.cli.ended", lang))
    print(render_debrief(d, lang))
    return EXIT_OK


def cmd_debrief(args, lang: str) -> int:
    from pathlib import Path

    from carbonmgr.facade.market import debrief_json, export_debrief, open_market

    out_lang = args.report_lang or lang
    if args.output and Path(args.output).exists() and not args.force:
        print(_t("cli.exists", lang, path=args.output), file=sys.stderr)
        return EXIT_INPUT
    with open_market(args.market) as store:
        raw = store.debrief()
    if args.output:
        export_debrief(raw, args.output, lang=out_lang)
        print(_t("cli.written", lang, path=args.output))
        return EXIT_OK
    d = debrief_json(raw)
    if args.json:
        _dump(d)
    else:
        print(render_debrief(d, lang))
    return EXIT_OK


def cmd_macc(args, lang: str) -> int:
    """The abatement measures of a case (its Abatement sheet) as a MACC against a carbon price, and
    the paths to cover a shortfall."""
    from carbonmgr.facade import Workspace
    from carbonmgr.facade.market import compliance_paths, macc, price_for

    price_fen = args.price
    row = None
    if price_fen is None:
        row = price_for(args.year, getattr(args, "month", None))
        if row is None:
            print(_t("market.cli.no_start_price", lang, year=args.year), file=sys.stderr)
            return EXIT_INPUT
        price_fen = row.fen
    price = price_fen / 100
    from carbonmgr.facade.market import case_measures

    with Workspace.open(args.case, lang=lang) as ws:
        measures = case_measures(ws.case)
        due = float(ws.compute().totals["scope1"]) if args.due is None else args.due
    steps = macc(measures)
    paths = compliance_paths(args.shortfall or 0, price, measures, due=due,
                             ccer_price=None if args.ccer_price is None else args.ccer_price / 100)
    if args.json:
        _dump({"price": price, "price_source": None if row is None else {
                   "period": row.period, "kind": row.kind, "source": row.source, "publisher": row.publisher,
                   "status": row.status},
               "due": due,
               "steps": [{"measure": s.name, "tonnes": s.tonnes, "cost_per_t": round(s.cost_per_t, 4),
                          "cumulative": s.end, "below_price": s.cost_per_t <= price} for s in steps],
               "traces": [{"measure": m.name, **m.trace()} for m in measures],
               "paths": paths})
        return EXIT_OK
    if row is not None:
        print(_t("market.cli.price_from", lang, price=f"{row.value:.2f}",
                 kind=_t(f"market.price.kind.{row.kind}", lang), period=row.period, source=row.source,
                 publisher=row.publisher, status=_t(f"market.price.status.{row.status}", lang)))
    if not steps:
        print(_t("market.ui.macc_none", lang))
        return EXIT_OK
    rows = [[_t(f"market.macc.col.{k}", lang) for k in ("measure", "tonnes", "cost_per_t", "cumulative", "taken")]]
    for s in steps:
        rows.append([s.name, f"{s.tonnes:,.0f}", f"{s.cost_per_t:,.2f}", f"{s.end:,.0f}",
                     _t("market.debrief.yes" if s.cost_per_t <= price else "market.debrief.no", lang)])
    print(_table(rows, right_cols=(1, 2, 3)))
    if args.shortfall:
        money = (lambda v: f"{v:,.2f}")
        print()
        print(_t("market.ui.paths_head", lang, shortfall=f"{paths['shortfall']:,.0f}", price=money(price)))
        print("  " + _t("market.ui.path.buy", lang, cost=money(paths["buy"]["cost"])))
        if "ccer" in paths:
            print("  " + _t("market.ui.path.ccer", lang, ccer=f"{paths['ccer']['ccer']:,.0f}",
                            cost=money(paths["ccer"]["cost"])))
        print("  " + _t("market.ui.path.abate", lang, abated=f"{paths['abate']['abated']:,.0f}",
                        cost=money(paths["abate"]["cost"])))
        b = paths["best"]
        print("  " + _t("market.ui.path.best", lang, abated=f"{b['abated']:,.0f}", ccer=f"{b['ccer']:,.0f}",
                        bought=f"{b['bought']:,.0f}", cost=money(b["cost"])))
    return EXIT_OK


def add_parsers(subparsers) -> None:
    """Add ``market`` and its sub-commands to ``carbonmgr``'s parser."""
    from carbonmgr.cli.args import h, mv, number, whole_number

    m = subparsers.add_parser("market", help=h("market"), description=h("market"))
    sub = m.add_subparsers(dest="market_command")
    m.set_defaults(func=lambda args, lang: (m.print_help(), EXIT_OK)[1])

    def add(name, key):
        return sub.add_parser(name, help=h(f"market.{key}"), description=h(f"market.{key}"))

    c = add("clear", "clear")
    c.add_argument("orders", help=h("market.orders_file"))
    c.add_argument("--json", action="store_true", help=h("market.clear_json"))
    c.add_argument("--floor", type=_price_arg, help=h("market.floor"))
    c.add_argument("--ceiling", type=_price_arg, help=h("market.ceiling"))
    c.set_defaults(func=cmd_clear)

    n = add("new", "new")
    n.add_argument("market", help=h("market.new_file"))
    n.add_argument("--firms", required=True, help=h("market.firms"))
    n.add_argument("--measures", help=h("market.measures"))
    n.add_argument("--name", help=h("market.name"))
    n.add_argument("--year", type=whole_number, default=2024, help=h("market.year"))
    n.add_argument("--month", type=_month_arg, help=h("market.month"))
    n.add_argument("--start-price", type=_price_arg, help=h("market.start_price"))
    n.add_argument("--ccer-price", type=_price_arg, help=h("market.ccer_price"))
    n.add_argument("--ccer-pool", type=whole_number, default=0, help=h("market.ccer_pool"))
    n.add_argument("--force", action="store_true", help=h("market.force"))
    n.set_defaults(func=cmd_new)

    sa = add("start", "start")
    sa.add_argument("case", help=h("market.start_case"))
    sa.add_argument("-o", "--output", required=True, help=h("market.new_file"))
    sa.add_argument("--firms", type=whole_number, required=True, metavar=mv("count"), help=h("market.start_firms"))
    sa.add_argument("--seed", default="0", help=h("market.start_seed"))
    sa.add_argument("--spread", type=_fraction_arg, default=0.1, help=h("market.start_spread"))
    sa.add_argument("--cash", type=_cash_arg, help=h("market.start_cash"))
    sa.add_argument("--name", help=h("market.name"))
    sa.add_argument("--firm-name", help=h("market.start_firm_name"))
    sa.add_argument("--start-price", type=_price_arg, help=h("market.start_start_price"))
    sa.add_argument("--ccer-price", type=_price_arg, help=h("market.ccer_price"))
    sa.add_argument("--ccer-pool", type=whole_number, default=0, help=h("market.ccer_pool"))
    sa.add_argument("--json", action="store_true", help=h("market.start_json"))
    sa.add_argument("--force", action="store_true", help=h("market.force"))
    sa.set_defaults(func=cmd_start)

    o = add("orders", "orders")
    o.add_argument("market", help=h("market.file"))
    o.add_argument("orders", help=h("market.orders_file"))
    o.add_argument("--firm", help=h("market.own_firm"))
    o.set_defaults(func=cmd_orders)

    e = add("order", "order")
    e.add_argument("market", help=h("market.file"))
    e.add_argument("--firm", required=True, help=h("market.firm"))
    e.add_argument("--side", required=True, choices=("buy", "sell"), help=h("market.side"))
    e.add_argument("--quantity", type=whole_number, required=True, help=h("market.quantity"))
    e.add_argument("--price", type=_price_arg, required=True, help=h("market.limit"))
    e.set_defaults(func=cmd_order)

    r = add("round", "round")
    r.add_argument("market", help=h("market.file"))
    r.add_argument("--json", action="store_true", help=h("json"))
    r.set_defaults(func=cmd_round)

    s = add("shock", "shock")
    s.add_argument("market", help=h("market.file"))
    s.add_argument("kind", choices=("output", "benchmark", "floor", "ceiling", "ccer"), help=h("market.kind"))
    s.add_argument("--firm", help=h("market.shock_firm"))
    s.add_argument("--change", type=_change_arg, help=h("market.change"))
    s.add_argument("--price", type=_price_arg, help=h("market.shock_price"))
    s.add_argument("--lift", action="store_true", help=h("market.lift"))
    s.add_argument("--tonnes", type=whole_number, help=h("market.tonnes"))
    s.set_defaults(func=cmd_shock)

    a = add("abate", "abate")
    a.add_argument("market", help=h("market.file"))
    a.add_argument("firm", help=h("market.firm"))
    a.add_argument("measure", help=h("market.measure"))
    a.set_defaults(func=cmd_abate)

    cc = add("ccer", "ccer")
    cc.add_argument("market", help=h("market.file"))
    cc.add_argument("firm", help=h("market.firm"))
    cc.add_argument("tonnes", type=whole_number, help=h("market.ccer_tonnes"))
    cc.set_defaults(func=cmd_ccer)

    st = add("status", "status")
    st.add_argument("market", help=h("market.file"))
    st.add_argument("--json", action="store_true", help=h("json"))
    st.set_defaults(func=cmd_status)

    en = add("end", "end")
    en.add_argument("market", help=h("market.file"))
    en.set_defaults(func=cmd_end)

    d = add("debrief", "debrief")
    d.add_argument("market", help=h("market.file"))
    d.add_argument("--json", action="store_true", help=h("json"))
    d.add_argument("-o", "--output", help=h("market.debrief_output"))
    d.add_argument("--lang", dest="report_lang", choices=("zh", "en"), help=h("market.debrief_lang"))
    d.add_argument("--force", action="store_true", help=h("force"))
    d.set_defaults(func=cmd_debrief)

    pr = add("prices", "prices")
    pr.add_argument("--year", type=whole_number, help=h("market.prices_year"))
    pr.add_argument("--json", action="store_true", help=h("json"))
    pr.set_defaults(func=cmd_prices)

    mc = add("macc", "macc")
    mc.add_argument("case", help=h("market.case"))
    mc.add_argument("--price", type=_price_arg, help=h("market.macc_price"))
    mc.add_argument("--year", type=whole_number, default=2024, help=h("market.macc_year"))
    mc.add_argument("--month", type=_month_arg, help=h("market.macc_month"))
    mc.add_argument("--shortfall", type=number, help=h("market.shortfall"))
    mc.add_argument("--due", type=number, help=h("market.due"))
    mc.add_argument("--ccer-price", type=_price_arg, help=h("market.macc_ccer_price"))
    mc.add_argument("--json", action="store_true", help=h("json"))
    mc.set_defaults(func=cmd_macc)
