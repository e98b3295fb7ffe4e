"""The optional ``ETS`` sheet of a case workbook: one row per unit covered by the national ETS.

The columns are ``ETS_COLUMNS`` of :mod:`carbonmgr.io.workbook` (the workbook's contract);
each row has been converted there, cell by cell, with located problems.  This module turns
the rows into :class:`~carbonmgr.inventory.ets_model.EtsUnit` records and checks what one
cell cannot: a unit id given twice, a heat ratio without heat, a net supply above the gross
generation.  What depends on the plan of
the ETS year (which quantity the plan allocates on, which corrections it has) is checked by
:func:`carbonmgr.trading.ets.check`.
"""
from __future__ import annotations

from typing import Any, Iterable

from carbonmgr.inventory.ets_model import EtsData, EtsUnit

MAX_UNITS = 10_000  # units of one case; more is not a case of one entity


def read_ets_units(problems: Any, sheet: str, columns: dict[str, dict[str, str]],
                   records: Iterable[tuple[int, dict, dict]]) -> EtsData:
    """``records``: (row number, converted values, extra values) of each data row."""
    units: list[EtsUnit] = []
    seen: dict[str, int] = {}
    for row, values, _extra in records:
        cols = columns.get("ETS", {})  # known once the header is read (records is a generator)
        if len(units) >= MAX_UNITS:
            problems.add("ets.too_many_units", sheet, row, None, limit=MAX_UNITS)
            break
        uid = values.get("ets_unit")
        if uid is None:
            continue  # reported as empty by the reader
        if uid in seen:
            problems.add("ets.duplicate_unit", sheet, row, cols.get("ets_unit"), unit=uid, first=seen[uid])
            continue
        seen[uid] = row
        units.append(EtsUnit(
            unit=uid, facility=values.get("facility") or "", klass=values.get("class") or "I",
            generation=values.get("generation"), supply=values.get("supply"), heat=values.get("heat"),
            load_factor=values.get("load_factor"), cooling=values.get("cooling"),
            heat_ratio=values.get("heat_ratio"), verified_emissions=values.get("verified_emissions"),
            intensity=values.get("intensity"), balance_value=values.get("balance_value"),
            basis_supply=values.get("basis_supply"), basis_heat=values.get("basis_heat"),
            basis_emissions=values.get("basis_emissions"), row=row))
        gen, sup = values.get("generation"), values.get("supply")
        if gen is not None and sup is not None and sup > gen:
            # the net supply to the grid is the gross generation less the plant's own use
            problems.add("ets.supply_above_generation", sheet, row, cols.get("supply"), unit=uid,
                         supply=_fmt(sup), generation=_fmt(gen))
        if (values.get("heat_ratio") or 0) > 0 and not (values.get("heat") or 0) > 0:
            # a heat-supply ratio says how much of the unit's heat is supplied: none without heat
            problems.add("ets.heat_ratio_without_heat", sheet, row, cols.get("heat_ratio"), unit=uid,
                         ratio=f"{values['heat_ratio']:.4g}")
        if values.get("intensity") == 0 or values.get("balance_value") == 0:
            field = "balance_value" if values.get("balance_value") == 0 else "intensity"
            problems.add("ets.zero", sheet, row, cols.get(field), field=field)
    return EtsData(units)


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
