"""Helpers shared by the golden and property tests: build a CaseData in Python.

``make_case(standard, gwp, lines=[(source, item, qty, unit, options[, facility])], ...)``

* ``lines``: activity lines; the optional 6th element names the facility (default "F1").
  Spreadsheet rows are numbered from 2 (row 1 is the header), in list order, unless
  ``rows`` gives each line's row number.
* ``facilities``: a list of :class:`Facility` (default: one facility "F1", 100 % everything).
* ``instruments`` / ``equipment``: lists of :class:`Instrument` / :class:`Equipment`.
* ``**info``: CaseInfo fields (reporting_year, consolidation, residual_mix_ef, factor_set,
  grid_factor_set, ch4_ar6, ...); any other keyword (grid_year, ipcc_sector) goes into
  ``CaseInfo.extra``.
"""
from __future__ import annotations

import dataclasses

import pytest

from carbonmgr.inventory.model import Activity, ActivityTable, CaseData, CaseInfo, Equipment, Facility, Instrument

__all__ = ["make_case", "published", "Facility", "Instrument", "Equipment", "line_dicts", "LB_KG"]

LB_KG = 0.45359237  # kg per lb (exact, intl §9.0)
_INFO_FIELDS = {f.name for f in dataclasses.fields(CaseInfo)}


def make_case(standard="gbt32150", gwp=None, lines=(), facilities=None, instruments=(), equipment=(),
              first_row=2, rows=None, **info) -> CaseData:
    fields = {k: v for k, v in info.items() if k in _INFO_FIELDS}
    extra = {k: v for k, v in info.items() if k not in _INFO_FIELDS}
    fields.setdefault("reporting_year", 2023)
    case_info = CaseInfo(standard=standard, gwp=gwp, extra=extra, **fields)
    table = ActivityTable()
    for i, line in enumerate(lines):
        source, item, qty, unit = line[:4]
        options = dict(line[4]) if len(line) > 4 and line[4] else {}
        facility = line[5] if len(line) > 5 else "F1"
        row = rows[i] if rows is not None else first_row + i
        table.append(Activity(row, facility, source, item, qty, unit, options))
    if facilities is None:
        ids = sorted({table.facility[i] for i in range(len(table))} |
                     {x.facility for x in list(instruments) + list(equipment)} or {"F1"})
        facilities = [Facility(fid) for fid in ids]
    for n, inst in enumerate(instruments):
        if not inst.row:
            inst.row = n + 2
    for n, eq in enumerate(equipment):
        if not eq.row:
            eq.row = n + 2
    return CaseData(info=case_info, facilities=list(facilities), activities=table,
                    instruments=list(instruments), equipment=list(equipment))


def published(value: float, decimals: int = 0, fp: float = 1e-9):
    """A published figure rounded to ``decimals`` places: ± half its last digit
    (plus a hair of floating-point slack, so that an exact x.xx5 is not lost to 1e-16)."""
    tol = 0.5 * 10.0 ** (-decimals)
    return pytest.approx(value, abs=tol + fp * max(1.0, abs(value)))


def line_dicts(inv) -> list[dict]:
    """All result lines of an inventory: activity lines + equipment-register lines, once each
    (whether or not ``Inventory.lines()`` already yields the equipment-register lines)."""
    out = list(inv.lines())
    seen = {id(x) for x in out}
    return out + [x for x in inv.extra_lines if id(x) not in seen]
