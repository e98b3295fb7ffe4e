"""The headline figures of an inventory: the categories its standard reports, labelled as that
standard labels them, whose parts add up to the standard's total.

One place decides what a total is made of, so that the app's totals bar, its Results page,
the command line and the PDF report show the same parts adding to the same total:

* **GB/T 32150**: fuel combustion + process + fugitive + purchased electricity + purchased
  heat − exported electricity − exported heat = the total (GB/T 32150-2015 §7: the emissions
  of exported electricity and heat are deducted).  Purchased electricity and heat are shown
  *gross* (what was bought); the deduction is its own negative part, and the *net* figures
  (purchased minus exported, "净购入") are given beside them.  Scope 1, Scope 2 and Scope 3
  are other views (Scope 3 and biogenic CO2 are outside the total).
* **GHG Protocol** (and **ISO 14064-1**, categories 1 and 2): Scope 1 + Scope 2
  (location-based) = the total the engine reports; the market-based Scope 2 and its total,
  Scope 3 and exported energy (never deducted) come beside it.

The engine's numbers are used as they are; only their grouping and labels are decided here.
Labels are message ids (``figures.*`` in the catalogue).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from carbonmgr.common.numbers import shares as _shares
from carbonmgr.inventory.sources import SOURCE_TYPES

__all__ = ["Figure", "Headline", "headline", "Row", "by_source", "by_facility", "by_gas"]

PART, TOTAL, MEMO, SUB = "part", "total", "memo", "sub"


@dataclass(frozen=True)
class Figure:
    key: str  # what it is (a category of the standard, a scope, a memo item)
    label: str  # message id of its name
    value: float  # t CO2e; a part as it enters the total (deductions negative)
    role: str = PART  # part | total | memo (beside the total, not adding to it) | sub (of which ...)
    share: Decimal | None = None  # per cent of the total, parts only (the parts' shares add up to 100)
    note: str | None = None  # message id saying how it relates to the total


@dataclass
class Headline:
    standard: str
    total: Figure
    parts: list[Figure]  # every category of the standard, in its order; they add up to the total
    memo: list[Figure] = field(default_factory=list)  # other views and items outside the total
    share_label: str = "figures.share_of_total"

    def shown_parts(self) -> list[Figure]:
        """The parts that are not zero (a compact view still adds up: a zero adds nothing)."""
        return [p for p in self.parts if p.value]

    def gap(self) -> float:
        """The parts' sum minus the total (0 up to float noise; tests hold it)."""
        return sum(p.value for p in self.parts) - self.total.value


def _with_shares(parts: list[Figure], total: float) -> list[Figure]:
    pct = _shares([p.value for p in parts], total)
    return [Figure(p.key, p.label, p.value, p.role, s if p.value else None, p.note) for p, s in zip(parts, pct)]


def headline(inv) -> Headline:
    """The headline figures of ``inv`` (a computed :class:`~carbonmgr.inventory.engine.Inventory`)."""
    t, bs = inv.totals, inv.by_source
    get = lambda key: bs.get(key, 0.0)  # noqa: E731
    if inv.standard == "gbt32150":
        fuel = get("stationary_combustion") + get("mobile_combustion")
        parts = [
            Figure("fuel_combustion", "figures.gbt.fuel_combustion", fuel),
            Figure("process", "figures.gbt.process", get("process")),
            Figure("fugitive", "figures.gbt.fugitive", get("fugitive")),
            Figure("purchased_electricity", "figures.gbt.purchased_electricity", get("purchased_electricity")),
            Figure("purchased_heat", "figures.gbt.purchased_heat", get("purchased_heat")),
            # by_source holds exported energy as a positive amount; it enters the total negative
            Figure("exported_electricity", "figures.gbt.exported_electricity", -get("exported_electricity")),
            Figure("exported_heat", "figures.gbt.exported_heat", -get("exported_heat")),
        ]
        named = {"stationary_combustion", "mobile_combustion", *(p.key for p in parts)}
        for sid, st in SOURCE_TYPES.items():  # a source type added later still counts, under its own name
            if sid not in named and (st.deducted or st.scopes.get("gbt32150") in (1, 2)):
                parts.insert(-2, Figure(sid, f"source.{sid}", -get(sid) if st.deducted else get(sid)))
        total = Figure("total", "figures.gbt.total", t["total"], TOTAL)
        memo = [
            Figure("fuel_stationary", "figures.gbt.of_stationary", get("stationary_combustion"), SUB),
            Figure("fuel_mobile", "figures.gbt.of_mobile", get("mobile_combustion"), SUB),
            Figure("net_electricity", "figures.gbt.net_electricity",
                   get("purchased_electricity") - get("exported_electricity"), MEMO, note="figures.note.net"),
            Figure("net_heat", "figures.gbt.net_heat", get("purchased_heat") - get("exported_heat"), MEMO,
                   note="figures.note.net"),
            Figure("scope1", "figures.scope1", t["scope1"], MEMO, note="figures.note.other_view"),
            Figure("scope2", "figures.gbt.scope2", t.get("scope2", t["scope2_location"]), MEMO,
                   note="figures.note.gbt_scope2"),
            Figure("scope2_location", "figures.scope2_location", t["scope2_location"], MEMO,
                   note="figures.note.other_view"),
            Figure("scope2_market", "figures.scope2_market", t["scope2_market"], MEMO,
                   note="figures.note.other_view"),
            Figure("scope3", "figures.scope3", t["scope3"], MEMO, note="figures.note.not_in_total"),
            Figure("biogenic_co2", "figures.biogenic_co2", t["biogenic_co2"], MEMO,
                   note="figures.note.not_in_total"),
        ]
        return Headline(inv.standard, total, _with_shares(parts, total.value), memo)
    iso = inv.standard == "iso14064"
    parts = [
        Figure("scope1", "figures.iso.category1" if iso else "figures.scope1", t["scope1"]),
        Figure("scope2_location", "figures.iso.category2" if iso else "figures.scope2_location",
               t["scope2_location"]),
    ]
    total = Figure("total", "figures.iso.total" if iso else "figures.ghgp.total", t["total"], TOTAL)
    memo = [
        Figure("scope2_market", "figures.scope2_market", t["scope2_market"], MEMO, note="figures.note.market"),
        Figure("total_market", "figures.ghgp.total_market", t["scope1"] + t["scope2_market"], MEMO,
               note="figures.note.market"),
        Figure("scope3", "figures.scope3", t["scope3"], MEMO, note="figures.note.not_in_total"),
        Figure("exported", "figures.ghgp.exported", t["exported"], MEMO, note="figures.note.not_deducted"),
        Figure("biogenic_co2", "figures.biogenic_co2", t["biogenic_co2"], MEMO, note="figures.note.not_in_total"),
    ]
    return Headline(inv.standard, total, _with_shares(parts, total.value), memo)


@dataclass(frozen=True)
class Row:
    """A row of a breakdown (by source type, facility or gas) with its share of the total."""
    key: str  # source type id, facility id or gas
    value: float  # t CO2e as it enters the total (deductions negative); outside the total: as computed
    in_total: bool  # False: shown beside the total (Scope 3, exported energy under the GHG Protocol)
    share: Decimal | None  # per cent of the total; None outside the total (the shares add up to 100)


def _rows(items: list[tuple[str, float, bool]], total: float) -> list[Row]:
    inside = [(k, v) for k, v, counted in items if counted]
    pct = dict(zip((k for k, _v in inside), _shares([v for _k, v in inside], total)))
    return [Row(k, v, counted, pct.get(k) if counted else None) for k, v, counted in items]


def by_source(inv) -> list[Row]:
    """The source types with emissions, deductions negative; Scope 3 (and exported energy outside
    GB/T 32150) beside the total, without a share."""
    gbt = inv.standard == "gbt32150"
    items = []
    for sid, v in inv.by_source.items():
        if not v:
            continue
        st = SOURCE_TYPES.get(sid)
        scope = st.scopes.get(inv.standard) if st is not None else None
        if st is not None and st.deducted:
            items.append((sid, -v if gbt else v, gbt))
        else:
            items.append((sid, v, scope in (1, 2)))
    return _rows(items, inv.totals["total"])


def by_facility(inv) -> list[Row]:
    return _rows([(k, v, True) for k, v in inv.by_facility.items()], inv.totals["total"])


def by_gas(inv) -> list[Row]:
    return _rows([(g, v["tco2e"], True) for g, v in inv.by_gas.items() if v.get("tco2e")], inv.totals["total"])
