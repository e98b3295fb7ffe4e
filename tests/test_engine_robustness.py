"""A defect in one group of lines is reported on its cells; the other lines still compute."""
import pytest
from conftest_helpers import Facility, make_case

from carbonmgr.inventory import engine
from carbonmgr.common.errors import ValidationFailed


def test_a_failing_group_is_reported_by_cell_and_the_rest_computes(monkeypatch):
    real = engine.Resolver.resolve

    def flaky(self, source, item_text, unit_text, opts, facility):
        if item_text == "柴油":
            raise ZeroDivisionError("simulated defect")
        return real(self, source, item_text, unit_text, opts, facility)

    monkeypatch.setattr(engine.Resolver, "resolve", flaky)
    case = make_case("gbt32150", "SAR", lines=[
        ("stationary_combustion", "天然气", 10, "10^4 Nm3", {}),
        ("stationary_combustion", "柴油", 5, "t", {}),
        ("stationary_combustion", "柴油", 7, "t", {}),
    ], facilities=[Facility("F1", "P", "湖北")])
    with pytest.raises(ValidationFailed) as info:
        engine.compute(case)
    rows = [(p.code, p.row) for p in info.value.problems]
    assert rows == [("engine.line_failed", 3), ("engine.line_failed", 4)]
    assert "simulated defect" in info.value.render("en")
    inv = engine.compute(case, raise_on_error=False)
    failed = [g for g in inv.groups if g.calc is None]
    assert len(failed) == 1 and failed[0].error[0] == "engine.line_failed"
    assert inv.totals["scope1"] > 0  # the natural gas line still counts
