"""The class market for the front ends: clear a round from an orders file, run a market kept in
one file (firms, rounds, shocks, surrender, debrief) and the abatement options of a case.

The CLI (``carbonmgr market ...``) and the app's market page call only what is named here.
"""
from __future__ import annotations

from pathlib import Path

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.trading.abatement import CCER_CAP, Measure, compliance_paths, macc
from carbonmgr.trading.auction import ClearingResult, Order, clear, fen_text, to_fen
from carbonmgr.trading.market import SHOCKS, Firm, FirmMeasure
from carbonmgr.trading.market_store import SUFFIX as MARKET_SUFFIX
from carbonmgr.trading.market_store import MarketError, MarketStore
from carbonmgr.trading.prices import PriceRow, cea_prices, price_for

__all__ = ["clear_orders_file", "clearing_json", "ClearingResult", "fen_text", "to_fen", "Order", "Firm",
           "FirmMeasure", "Measure", "MarketStore", "MarketError", "MARKET_SUFFIX", "SHOCKS", "CCER_CAP",
           "create_market", "open_market", "load_orders", "read_orders", "debrief_json", "case_measures",
           "measures_of", "macc", "compliance_paths", "export_debrief", "firm_from_case", "cea_prices", "price_for",
           "PriceRow", "new_market", "market_snapshot", "charts", "start_from_case", "has_variables"]


def read_orders(path: str | Path, *, firm: str | None = None) -> list[Order]:
    """The orders of an orders file (untrusted: located problems raised as ValidationFailed)."""
    from carbonmgr.io.orders import read_orders as _read

    return [Order(o["firm"], o["side"], o["quantity"], o["limit"], o["row"]) for o in _read(path, firm=firm)]


def clear_orders_file(path: str | Path, *, floor: int | None = None, ceiling: int | None = None) -> ClearingResult:
    """Clear one round from an orders file (``firm, side, quantity, limit_price``); floor and
    ceiling in fen (a floor above the ceiling is refused, as the market's shocks refuse it)."""
    if floor is not None and ceiling is not None and floor > ceiling:
        raise MarketError("market.shock.floor_above_ceiling")
    return clear(read_orders(path), floor=floor, ceiling=ceiling)


def _price_number(fen: int | None):
    return None if fen is None else float(fen_text(fen))


def clearing_json(result: ClearingResult, lang: str = "en") -> dict:
    """What ``carbonmgr market clear --json`` prints: price (CNY/t), volume (t), fills (firm, side,
    quantity, and the orders-file row), refused orders and the trace of the price."""
    from carbonmgr.common.i18n import translate

    return {
        "price": _price_number(result.price),
        "volume": result.volume,
        "fills": [{"firm": f.firm, "side": f.side, "quantity": f.quantity, "row": result.orders[f.order].ref}
                  for f in result.fills],
        "refused": [{"firm": r.firm, "row": result.orders[r.order].ref, "reason": translate(r.code, lang, **r.params)}
                    for r in result.refused],
        "trace": result.trace(lang),
    }


# ------------------------------------------------------------------ abatement of a case

def measures_of(rows: list[dict]) -> list[Measure]:
    return [Measure(m["name"], m["tonnes"], m["cost_per_t"], m["capital"], m["operating"], m["lifetime"],
                    m["rate"] or 0.0, m.get("row")) for m in rows]


def case_measures(case) -> list[Measure]:
    """The abatement measures of a case (its Abatement sheet); problems raised, located."""
    from carbonmgr.io.abatement import case_measures as _read

    rows, problems = _read(case.documents)
    if problems:
        raise ValidationFailed(problems)
    return measures_of(rows)


def firm_from_case(path: str | Path, *, lang: str = "zh") -> tuple[float, list[Measure]]:
    """(direct emissions in t CO2e, abatement measures) of a case workbook or project: the emissions
    the national ETS has covered since 2023 (direct only, china-addendum §2.3)."""
    from carbonmgr.facade.workspace import Workspace

    with Workspace.open(path, lang=lang) as ws:
        inv = ws.compute()
        return float(inv.totals["scope1"]), case_measures(ws.case)


# ------------------------------------------------------------------ the market file

def create_market(path: str | Path, *, firms_file: str | Path, measures_file: str | Path | None = None,
                  name: str = "", year: int = 2024, start_price: int, ccer_price: int | None = None,
                  ccer_pool: int = 0, overwrite: bool = False, lang: str = "zh") -> MarketStore:
    """A new market file from a firms file (and a measures file); see :mod:`carbonmgr.io.market_setup`."""
    from carbonmgr.io.abatement import read_measures_file
    from carbonmgr.io.market_setup import read_firms_file
    from carbonmgr.trading.market import round_half_up

    rows = read_firms_file(firms_file)
    firms = []
    for r in rows:
        emissions, measures = r["emissions"], []
        if r["case"] is not None:
            case_emissions, measures = firm_from_case(r["case"], lang=lang)
            if emissions is None:
                emissions = case_emissions
        firms.append(Firm(r["firm"], round_half_up(emissions), r["allocation"], r["holdings"], r["cash"],
                          measures=[FirmMeasure(m.name, m.tonnes, m.unit_cost()) for m in measures]))
    if measures_file is not None:
        by_id = {f.id: f for f in firms}
        extra = read_measures_file(measures_file)
        bad = [Problem("market.orders.at_row", {"name": Path(measures_file).name, "row": m["row"],
                                                "problem": _message("market.firms.measure_unknown_firm",
                                                                    firm=m["firm"])}, row=m["row"])
               for m in extra if m["firm"] not in by_id]
        if bad:
            raise ValidationFailed(bad)
        for m, row in zip(measures_of(extra), extra):
            by_id[row["firm"]].measures.append(FirmMeasure(m.name, m.tonnes, m.unit_cost()))
    return MarketStore.create(path, name=name or Path(path).stem, year=year, firms=firms, start_price=start_price,
                              ccer_pool=ccer_pool, ccer_price=ccer_price, overwrite=overwrite)


def has_variables(case) -> bool:
    """Does the case workbook carry the trainer's Variables sheet (an exercise with variants)?"""
    from carbonmgr.training.exercise import TRAINER_SHEETS

    names = {"variables", *(n.lower() for n in TRAINER_SHEETS["Variables"])}
    return any(str(name).strip().lower() in names for name in (case.documents or {}))


def _exercise_of(case_path):
    """The exercise of a case workbook that carries the trainer's Variables sheet (read with its
    placeholders), else None."""
    path = Path(case_path)
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return None
    from carbonmgr.io.workbook import read_case

    try:
        plain = read_case(path)
    except ValidationFailed as exc:
        plain = getattr(exc, "partial_case", None)
        if plain is None:
            return None  # Workspace.open reports its problems
    if not has_variables(plain):
        return None
    from carbonmgr.training.exercise import read_exercise

    return read_exercise(path)


def start_from_case(case_path: str | Path, path: str | Path, *, firms: int, seed: int | str = 0,
                    spread: float = 0.1, cash: int | None = None, start_price: int | None = None,
                    ccer_price: int | None = None, ccer_pool: int = 0, name: str = "", firm_name: str = "",
                    overwrite: bool = False, lang: str = "zh") -> tuple[MarketStore, dict]:
    """A new market file of ``firms`` firms drawn from one case workbook (or project): each firm's
    emissions and allocation computed by the ETS engine on its variant of the case, its holdings,
    cash (fen; default: 20 % of its emissions at the start price) and the case's abatement measures
    (see :mod:`carbonmgr.trading.market_start`). The start price (fen) defaults to the CEA price of
    the case's ETS year. Returns the open store and what the firms were drawn from."""
    from carbonmgr.common.i18n import translate
    from carbonmgr.facade.workspace import Workspace
    from carbonmgr.trading import ets, market_start

    if not 1 <= firms <= market_start.MAX_FIRMS:
        raise MarketError("market.start.firms_range", count=firms, limit=market_start.MAX_FIRMS)
    if not 0 <= spread <= market_start.MAX_SPREAD:
        raise MarketError("market.start.spread_range", spread=f"{spread:.0%}",
                          limit=f"{market_start.MAX_SPREAD:.0%}")
    exercise = _exercise_of(case_path)
    if exercise is None:
        ws = Workspace.open(case_path, lang=lang)
        case = ws.case
    else:  # the key with the variables' default values; the Abatement sheet is the workbook's
        case = exercise.key
        ws = Workspace(case, source=Path(case_path))
    with ws:
        if case.ets is None or not case.ets.units:
            raise MarketError("market.start.no_ets", path=str(case_path))
        problems = ets.check(case)
        if problems:
            raise ValidationFailed(problems)
        sheet_case = exercise.template_key if exercise is not None else case
        measures = [(m.name, m.tonnes, m.unit_cost()) for m in case_measures(sheet_case)]
        year = ets.ets_year(case)
        price_row = None
        if start_price is None:
            price_row = price_for(year)
            if price_row is None:
                raise MarketError("market.cli.no_start_price", year=year)
            start_price = price_row.fen
        variants = exercise is not None
        drawn = market_start.draws(firms, seed, spread, emissions=not variants)
        problems = [] if variants else _whole_tonnes(case)
        if problems:
            raise ValidationFailed(problems)
        library = ws.library
        if variants:
            from carbonmgr.training.exercise import instantiate
            from carbonmgr.training.package import draw_values

            base_inventory = None
        else:
            base_inventory = ws.compute()
        out_firms, origins = [], []
        width = len(str(firms))

        def fname(n: int) -> str:
            num = f"{n:0{width}d}"
            return f"{firm_name}{num}" if firm_name else translate("market.start.firm", lang, n=num)
        for d in drawn:
            if exercise is not None:
                values = draw_values(exercise.variables, seed, d.number)
                key = instantiate(exercise, values).key
                d = market_start.Draw(d.number, 1.0, d.output, d.cost, values)
                with Workspace(key, source=Path(case_path), library=library) as variant:
                    inventory = variant.compute()
                variant_case = market_start.scaled_case(key, output=d.output)
                result = ets.compute(variant_case, inventory)
            else:
                variant_case = market_start.scaled_case(case, emissions=d.emissions, output=d.output)
                result = ets.compute(variant_case, base_inventory)
            if result.value("obligation") is None:
                raise MarketError("market.start.no_verified", path=str(case_path))
            name_of_firm = fname(d.number)
            # the firm's position as `carbonmgr ets` takes it: borrowing refused above the variant's
            # borrow_max or under a plan without it (every firm's problem reported, nothing written)
            found = (_whole_tonnes(variant_case) if variants else []) + ets.check_position(variant_case, result)
            if found:
                problems += [Problem("market.start.firm_problem", {"firm": name_of_firm,
                                                                   "problem": _message(p.code, **p.params)},
                                     sheet=p.sheet, row=p.row, col=p.col) for p in found]
                continue
            info_ = variant_case.info
            firm, origin = market_start.firm_of(name_of_firm, result, draw=d, held=info_.allowances_held or 0.0,
                                                cash=cash, start_price=start_price, measures=measures,
                                                borrowed=info_.allowances_borrowed or 0, ccer=info_.ccer_offered or 0)
            out_firms.append(firm)
            origins.append(origin)
        if problems:
            raise ValidationFailed(problems)
    info = {"case": Path(case_path).name, "seed": seed, "spread": spread, "variants": variants, "year": year,
            "plan": result.plan.id, "start_price": start_price,
            "price_source": None if price_row is None else {"period": price_row.period, "kind": price_row.kind,
                                                           "source": price_row.source,
                                                           "publisher": price_row.publisher},
            "firms": origins}
    store = MarketStore.create(path, name=name or Path(path).stem, year=year, firms=out_firms,
                               start_price=start_price, ccer_pool=ccer_pool, ccer_price=ccer_price,
                               overwrite=overwrite, origin=info)
    return store, info


# Case keys the market counts in whole tonnes (the registry's unit: the market's holdings, borrowed
# allowances and CCER are whole tonnes, so a fraction would make its surrender differ from `carbonmgr ets`)
_WHOLE_KEYS = ("allowances_held", "allowances_borrowed", "ccer_offered")


def _whole_tonnes(case) -> list[Problem]:
    """A located problem per Case key of ``_WHOLE_KEYS`` that is not a whole number of tonnes."""
    out = []
    for key in _WHOLE_KEYS:
        value = getattr(case.info, key, None)
        if value is None or float(value).is_integer():
            continue
        row = case.key_rows.get(key)
        out.append(Problem("market.start.not_whole", {"field": _message(f"ets.field.{key}"), "value": f"{value:g}"},
                           sheet=case.sheet("Case"), row=row,
                           col=case.column("Case", "value") if row else None))
    return out


def new_market(path: str | Path, firms: list[Firm], *, name: str = "", year: int = 2024, start_price: int,
               ccer_price: int | None = None, ccer_pool: int = 0, overwrite: bool = False) -> MarketStore:
    """A new market file from firms given in the app."""
    return MarketStore.create(path, name=name or Path(path).stem, year=year, firms=firms, start_price=start_price,
                              ccer_pool=ccer_pool, ccer_price=ccer_price, overwrite=overwrite)


def open_market(path: str | Path) -> MarketStore:
    return MarketStore.open(path)


def load_orders(store: MarketStore, path: str | Path, *, firm: str | None = None) -> int:
    """Put the orders of an orders file into the market's open round (a firm's own file replaces its
    pending orders)."""
    orders = read_orders(path, firm=firm)
    return store.set_orders(orders, source=Path(path).name, firm=firm)


def _message(code: str, **params):
    from carbonmgr.common.i18n import Message

    return Message(code, params)


def debrief_json(debrief: dict) -> dict:
    """The debrief with money in yuan (numbers) instead of fen."""
    yuan = (lambda fen: None if fen is None else round(fen / 100, 2))
    firms = []
    for o in debrief["firms"]:
        firms.append({**o, **{k: yuan(o[k]) for k in ("price", "penalty_min", "penalty_max", "paid",
                                                       "abatement_cost", "ccer_cost", "cost")}})
    lc = debrief["least_cost"]
    return {
        "name": debrief["name"], "year": debrief["year"], "status": debrief["status"],
        "rounds": [{**r, "price": yuan(r["price"])} for r in debrief["rounds"]],
        "shocks": [{"after_round": s["after_round"], "kind": s["kind"],
                    "params": {k: (yuan(v) if k == "price" else v) for k, v in s["params"].items()}}
                   for s in debrief["shocks"]],
        "reference_price": yuan(debrief["reference_price"]),
        "firms": firms,
        "least_cost": {**lc, "price": round(lc["price"], 2), "system_cost": round(lc["system_cost"], 2),
                       "firms": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in p.items()}
                                 for p in lc["firms"]]},
        "class_cost": round(debrief["class_cost"], 2),
    }


def export_debrief(debrief: dict, path: str | Path, *, lang: str = "zh") -> Path:
    """Write the debrief as an Excel workbook (rounds, firms: the class beside the least cost)."""
    from carbonmgr.report.market_export import write_debrief

    return write_debrief(debrief_json(debrief), Path(path), lang=lang)


def charts():
    """The market and abatement charts (matplotlib), loaded on first use."""
    import carbonmgr.report.market_charts as mod

    return mod


def market_snapshot(store: MarketStore) -> dict:
    """Everything the app shows of a market, read in one go (money in yuan): its settings, the firms
    with their positions and measures, the pending orders and the debrief as it stands."""
    info = store.info()
    yuan = (lambda fen: None if fen is None else fen / 100)
    firms = []
    for f in store.firms():
        position = f.holdings + (f.final_allocation() - f.allocation) + f.borrowed - f.current_emissions()
        firms.append({"firm": f.id, "emissions": f.current_emissions(), "allocation_final": f.final_allocation(),
                      "holdings": f.holdings, "borrowed": f.borrowed, "ccer": f.ccer, "cash": yuan(f.cash),
                      "position": position,
                      "measures": [{"name": m.name, "tonnes": m.tonnes, "cost_per_t": m.cost_per_t, "taken": m.taken}
                                   for m in f.measures]})
    pending = [{"firm": o.firm, "side": o.side, "quantity": o.quantity, "limit": yuan(o.limit)}
               for o in (store.orders() if info["status"] == "open" else [])]
    return {"path": str(store.path),
            "info": {**info, "start_price": yuan(info["start_price"]), "floor": yuan(info["floor"]),
                     "ceiling": yuan(info["ceiling"]), "ccer_price": yuan(info["ccer_price"])},
            "firms": firms, "pending": pending, "debrief": debrief_json(store.debrief())}
