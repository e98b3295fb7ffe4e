"""Carbon trading through the facade: the ETS allocation and compliance position of a
workspace's case (``carbonmgr ets``, the app's ETS page, the report's compliance section),
and the words to show its figures and traces in the user's language.
"""
from __future__ import annotations

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.trading.ets_text import (class_label, field_label, figure_lines, fmt_value, heading_label,
                                        render_position, source_text, unit_text, value_text)

__all__ = ["has_ets", "plan_years", "ets_position", "compliance_options", "class_label", "field_label", "figure_lines", "fmt_value",
           "heading_label", "render_position", "source_text", "unit_text", "value_text"]


def has_ets(ws) -> bool:
    """Does the workspace's case have ETS data (an ETS sheet with units)?"""
    ets = getattr(ws.case, "ets", None)
    return bool(ets and ets.units)


def plan_years() -> tuple[int, int]:
    """The first and the last ETS year the bundled plans cover."""
    from carbonmgr.trading.rules import default_rules

    years = default_rules().years()
    return years[0], years[-1]


def ets_position(ws, *, inventory=None):
    """The :class:`~carbonmgr.trading.ets.EtsResult` of the workspace's case, or None when it
    has no ETS data. Bad ETS data raises :class:`ValidationFailed` with located problems.
    The inventory is computed only when a unit takes its verified emissions from lines; allowances
    borrowed beyond what the plan allows are refused the same way."""
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
    result = ets.compute(case, inventory)
    problems = ets.check_position(case, result)  # e.g. more borrowed than the plan allows
    if problems:
        raise ValidationFailed(problems)
    return result


def compliance_options(ws, result, *, price: float | None = None, ccer_price: float | None = None) -> dict | None:
    """The paths to compliance of the workspace's case (its ETS ``result``) compared by cost, and its
    MACC (the case's Abatement sheet): the shortfall to cover is what the allowances due exceed the
    final allocation, the allowances held and those borrowed by; the paths buy it all, use CCER up to 5 % of the
    allowances due (at ``ccer_price``; left out when none is given), abate along the curve, or take
    the cheapest mix (:func:`carbonmgr.trading.abatement.compliance_paths`).

    The carbon price (CNY/t): ``price``, else the case's ``carbon_price``, else the CEA price of the
    month before the surrender deadline from the bundled data (the year's average when that month is
    not known), with its source. None when the verified emissions are unknown. A bad Abatement sheet
    raises :class:`ValidationFailed` with located problems."""
    import datetime as dt

    from carbonmgr.facade.market import case_measures
    from carbonmgr.trading.abatement import compliance_paths, macc
    from carbonmgr.trading.prices import price_for

    due = result.value("obligation")
    if due is None:
        return None
    measures = case_measures(ws.case)
    final, held = result.value("allocation_final"), result.value("allowances_held") or 0.0
    shortfall = max(0.0, due - final - held - (result.value("borrowed") or 0.0))
    price_row, origin = None, "given"
    if price is None and result.value("price") is not None:
        price, origin = float(result.value("price")), "case"
    if price is None:
        deadline = dt.date.fromisoformat(result.value("deadline"))
        year, month = (deadline.year, deadline.month - 1) if deadline.month > 1 else (deadline.year - 1, 12)
        price_row = price_for(year, month)
        if price_row is not None:
            price, origin = price_row.value, "cea"
    steps = macc(measures)
    paths = None if price is None else compliance_paths(shortfall, price, measures, due=due, ccer_price=ccer_price)
    return {"shortfall": shortfall, "due": due, "price": price, "price_origin": origin if price is not None else None,
            "price_row": price_row, "ccer_price": ccer_price, "steps": steps, "paths": paths,
            "measures": measures}
