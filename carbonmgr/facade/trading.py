"""Carbon trading through the facade: the ETS allocation and compliance position of a
workspace's case (``carbonmgr ets``, the app's ETS page, the report's compliance section),
and the words to show its figures and traces in the user's language.
"""
from __future__ import annotations

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.trading.ets_text import (class_label, field_label, figure_lines, fmt_value, render_position,
                                        source_text, unit_text)

__all__ = ["has_ets", "ets_position", "class_label", "field_label", "figure_lines", "fmt_value", "render_position",
           "source_text", "unit_text"]


def has_ets(ws) -> bool:
    """Does the workspace's case have ETS data (an ETS sheet with units)?"""
    ets = getattr(ws.case, "ets", None)
    return bool(ets and ets.units)


def ets_position(ws, *, inventory=None):
    """The :class:`~carbonmgr.trading.ets.EtsResult` of the workspace's case, or None when it
    has no ETS data. Bad ETS data raises :class:`ValidationFailed` with located problems.
    The inventory is computed only when a unit takes its verified emissions from lines."""
    from carbonmgr.trading import ets

    case = ws.case
    if not has_ets(ws):
        return None
    problems = ets.check(case)
    if problems:
        raise ValidationFailed(problems)
    marks = case.activities.options.get("ets_unit")
    wanted = {u.unit for u in case.ets.units if u.verified_emissions is None}
    if inventory is None and marks and wanted & set(marks):
        inventory = ws.inventory if ws.inventory is not None else ws.compute()
    return ets.compute(case, inventory)
