"""Computing a case without raising: an inventory with its problems mapped to lines and
equipment rows, tied to the session version it was computed from."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from carbonmgr.common.errors import Problem
from carbonmgr.inventory.model import CaseData

__all__ = ["Results", "compute_results"]


@dataclass
class Results:
    """An inventory plus what went wrong, tied to the session version it was computed from."""

    inventory: Any  # carbonmgr.inventory.engine.Inventory
    group_errors: dict[int, tuple[str, str | None, dict]]  # group index -> (code, field, params)
    problems: list[Problem]  # line problems (at most 1000) and case problems, in line order
    version: int
    structure: int
    error_lines: int = 0
    seconds: float = 0.0
    # equipment-register problems: Equipment.row -> (code, field, params)
    equipment_errors: dict[int, tuple[str, str, dict]] = field(default_factory=dict)

    @property
    def totals(self) -> dict[str, float]:
        return self.inventory.totals

    def line_error(self, i: int) -> tuple[str, str | None, dict] | None:
        if not self.group_errors:
            return None
        inv = self.inventory
        if i >= len(inv.line_group):
            return None
        return self.group_errors.get(inv.line_group[i])

    def line_tco2e(self, i: int) -> float | None:
        inv = self.inventory
        if i >= len(inv.line_group):
            return None
        g = inv.groups[inv.line_group[i]]
        if g.calc is None:
            return None
        return inv.case.activities.quantity[i] * g.line_factor

    def line_scope(self, i: int):
        inv = self.inventory
        if i >= len(inv.line_group):
            return None
        return inv.groups[inv.line_group[i]].scope


def compute_results(case: CaseData, library, *, version: int = 0, structure: int = 0) -> Results:
    """Compute ``case`` without raising: per-line problems are mapped to their groups."""
    from carbonmgr.inventory.engine import compute

    t0 = time.perf_counter()
    inv = compute(case, library, raise_on_error=False)
    group_errors: dict[int, tuple[str, str | None, dict]] = {}
    problems: list[Problem] = []
    failed = [g for g in inv.groups if g.calc is None]
    error_lines = 0
    acts = case.activities
    if failed:
        sheet = case.sheet("Activities")
        cols = case.columns.get("Activities", {})
        for g in failed:
            group_errors[g.index] = g.error or ("engine.source_unknown", "source", {"source": g.source})
            error_lines += len(g.lines)
        lines = sorted(i for g in failed for i in g.lines[:1000])[:1000]
        for i in lines:
            code, fld, params = group_errors[inv.line_group[i]]
            problems.append(Problem(code, params, sheet=sheet, row=acts.row[i], col=cols.get(fld or "item", None)))
    for fac in case.facilities:
        if not 0.0 <= fac.equity_share <= 1.0:
            problems.insert(0, Problem("engine.equity_range", {"facility": fac.id, "value": fac.equity_share},
                                       sheet=case.sheet("Facilities")))
    equipment_errors: dict[int, tuple[str, str, dict]] = {}
    if case.equipment and len(inv.extra_lines) < len(case.equipment):
        equipment_errors = _equipment_problems(case, library, problems)
        error_lines += len(equipment_errors)
    return Results(inv, group_errors, problems, version, structure, error_lines, time.perf_counter() - t0,
                   equipment_errors)


# which column of the equipment register an engine problem is about (default: refrigerant)
_EQUIPMENT_ERROR_FIELD = {"engine.equipment_unknown": "equipment", "engine.no_factor": "equipment",
                          "engine.equipment_method": "method"}


def _equipment_problems(case: CaseData, library, problems: list[Problem]) -> dict[int, tuple[str, str, dict]]:
    """Problems of the equipment register (appended to ``problems``), by Equipment.row."""
    from carbonmgr.inventory.engine import Resolver, _equipment

    found: list[Problem] = []
    _equipment(case, Resolver(library, case), found)
    by_row = {eq.row: eq for eq in case.equipment}
    cols = case.columns.get("Equipment", {})
    out: dict[int, tuple[str, str, dict]] = {}
    for p in found:
        fld = _EQUIPMENT_ERROR_FIELD.get(p.code, "refrigerant")
        eq = by_row.get(p.row)
        if fld == "refrigerant" and eq is not None and not (eq.refrigerant or "").strip():
            p = Problem("workbook.required", {"field": "refrigerant"},
                        sheet=p.sheet, row=p.row, col=cols.get("refrigerant"))
        out.setdefault(p.row, (p.code, fld, dict(p.params)))
        problems.append(p)
    return out
