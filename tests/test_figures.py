"""Figures that add up, labelled as the case's standard labels them, rounded by one rule.

The expected figures here are worked by hand from the lines' own factors (no library value):
  stationary combustion 100 GJ × 0.05 t/GJ            =   5.0 t
  process CO2 released                                  =  12.4 t
  purchased electricity 1,000 MWh × 0.5 t/MWh          = 500.0 t
  exported electricity 100 MWh × 0.5 t/MWh             =  50.0 t (deducted under GB/T 32150)
  Scope 3 business travel 1,000 passenger-mile × 0.2 kg =   0.2 t (outside the totals)
GB/T 32150 total = 5 + 12.4 + 500 − 50 = 467.4 t; GHG Protocol total = 5 + 12.4 + 500 = 517.4 t.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from carbonmgr.common.i18n import translate
from carbonmgr.common.numbers import percent, rounded, shares, tonnes
from carbonmgr.facade import Workspace, figures
from carbonmgr.inventory.engine import compute
from conftest_helpers import make_case

LINES = [
    ("stationary_combustion", "natural_gas", 100, "GJ", {"ef_co2e": 0.05, "ef_unit": "t/GJ"}),
    ("process", "CO2", 12.4, "t"),
    ("purchased_electricity", "", 1000, "MWh", {"ef_co2e": 0.5, "ef_unit": "t/MWh"}),
    ("exported_electricity", "", 100, "MWh", {"ef_co2e": 0.5, "ef_unit": "t/MWh"}),
    ("scope3", "travel_air_medium_haul", 1000, "passenger-mile",
     {"ef_co2e": 0.2, "ef_unit": "kg/passenger-mile", "scope3_category": 6}),
]


# ------------------------------------------------------------------------------ one rounding rule
@pytest.mark.parametrize("value, text", [
    (91.425, "91.43"),  # the figure that showed as 91.42 in one table and 91.43 in the next
    (91.42500000000001, "91.43"),  # the by-gas sum of the demo
    (91.42499999999999, "91.43"),  # the same figure reached by another order of additions
    (0.005, "0.01"), (-0.005, "-0.01"),  # half away from zero
    (2.675, "2.68"),  # a float below the half (2.67499999...) that means 2.675
    (1234567.125, "1,234,567.13"),
    (-0.001, "0.00"), (-0.0, "0.00"),  # no negative zero
])
def test_tonnes_round_half_away_from_zero_on_the_decimal_value(value, text):
    assert tonnes(value) == text


def test_whole_tonnes_under_gbt32150_and_signs():
    assert tonnes(9776.5391988892, standard="gbt32150", digits=None) == "9,777"
    assert tonnes(34.5, 0) == "35" and tonnes(-34.5, 0) == "-35"
    assert tonnes(12.3456, 4) == "12.3456" and tonnes(1.5, sign=True) == "+1.50"
    assert rounded(91.425, 2) == Decimal("91.43") and percent(12.25) == "12.3"


def test_python_formatting_would_differ_and_ours_does_not():
    # the old way: two tables of the same figure disagreed
    assert f"{91.425:,.2f}" != f"{91.42500000000001:,.2f}"
    assert tonnes(91.425) == tonnes(91.42500000000001)


def test_shares_add_up_to_exactly_100():
    # by hand: 1.0698 %, 2.6530 %, 106.9748 %, -10.6975 %: rounded each would give 100.1 %
    s = shares([5.0, 12.4, 500.0, -50.0], 467.4)
    assert s == [Decimal("1.1"), Decimal("2.6"), Decimal("107.0"), Decimal("-10.7")]
    assert sum(s) == Decimal("100.0")
    assert shares([1, 1, 1], 3) == [Decimal("33.4"), Decimal("33.3"), Decimal("33.3")]
    assert shares([0.0], 0.0) == [Decimal("0.0")]


# ------------------------------------------------------------------------------ the standard's parts
def test_gbt32150_parts_are_its_categories_deductions_negative_and_add_up():
    inv = compute(make_case("gbt32150", lines=LINES))
    h = figures.headline(inv)
    parts = {p.key: p for p in h.parts}
    assert h.total.value == pytest.approx(467.4)
    assert parts["fuel_combustion"].value == pytest.approx(5.0)
    assert parts["process"].value == pytest.approx(12.4)
    assert parts["purchased_electricity"].value == pytest.approx(500.0)  # gross, as bought
    assert parts["exported_electricity"].value == pytest.approx(-50.0)  # deducted: negative
    assert sum(p.value for p in h.parts) == pytest.approx(h.total.value)
    assert [p.share for p in h.shown_parts()] == [Decimal("1.1"), Decimal("2.6"), Decimal("107.0"),
                                                   Decimal("-10.7")]
    memo = {m.key: m for m in h.memo}
    assert memo["net_electricity"].value == pytest.approx(450.0)  # net = purchased − exported
    assert memo["scope3"].value == pytest.approx(0.2) and memo["scope3"].share is None
    zh = [translate(p.label, "zh") for p in h.shown_parts()]
    assert zh == ["燃料燃烧排放", "过程排放", "购入电力排放", "输出电力排放（扣减）"]
    assert translate(h.total.label, "zh") == "温室气体排放总量"
    assert translate(memo["net_electricity"].label, "zh").startswith("净购入电力排放")


def test_ghg_protocol_parts_are_scope1_and_location_scope2_and_exported_takes_no_share():
    inv = compute(make_case("ghgp", lines=LINES))
    h = figures.headline(inv)
    assert [p.key for p in h.parts] == ["scope1", "scope2_location"]
    assert [p.value for p in h.parts] == pytest.approx([17.4, 500.0])
    assert h.total.value == pytest.approx(517.4)
    assert [p.share for p in h.parts] == [Decimal("3.4"), Decimal("96.6")]  # 3.363 %, 96.637 %
    memo = {m.key: m for m in h.memo}
    assert memo["exported"].value == pytest.approx(50.0) and memo["exported"].note == "figures.note.not_deducted"
    rows = {r.key: r for r in figures.by_source(inv)}
    assert rows["exported_electricity"].in_total is False and rows["exported_electricity"].share is None
    assert rows["scope3"].share is None
    assert sum(r.share for r in rows.values() if r.in_total) == Decimal("100.0")


def test_breakdowns_of_the_demo_add_up_to_100_percent_under_every_standard():
    ws = Workspace.open("demo")
    for std in ("gbt32150", "ghgp", "iso14064"):
        inv = ws.compute(standard=std)
        h = figures.headline(inv)
        assert abs(h.gap()) < 1e-6
        assert sum(p.share for p in h.parts if p.share is not None) == Decimal("100.0")
        for rows in (figures.by_source(inv), figures.by_facility(inv), figures.by_gas(inv)):
            inside = [r for r in rows if r.in_total]
            assert sum(r.value for r in inside) == pytest.approx(inv.totals["total"])
            assert sum(r.share for r in inside) == Decimal("100.0")
            assert all(r.share is None for r in rows if not r.in_total)
        exported = [r for r in figures.by_source(inv) if r.key == "exported_electricity"]
        assert exported and (exported[0].value < 0) == (std == "gbt32150")


def test_cli_prints_the_standards_parts_adding_up_with_shares():
    from carbonmgr.cli import render_inventory

    inv = compute(make_case("gbt32150", lines=LINES))
    text = render_inventory(inv, "en")
    rows = {}
    for line in text.splitlines():
        m = __import__("re").match(r"^(=?\s?\S.*?)\s{2,}(-?[\d,]+)\s+(-?[\d.]+ %|not in the total)$", line)
        if m:
            rows.setdefault(m.group(1).strip(), (m.group(2), m.group(3)))
    # by hand (whole tonnes under GB/T 32150): 5 + 12 + 500 - 50 = 467 (5 + 12.4 + 500 - 50 = 467.4)
    assert rows["Fuel combustion"] == ("5", "1.1 %") and rows["Process emissions"] == ("12", "2.6 %")
    assert rows["Purchased electricity"] == ("500", "107.0 %")
    assert rows["Exported electricity (deducted)"] == ("-50", "-10.7 %")
    assert rows["= Total GHG emissions"] == ("467", "100.0 %")
    assert rows["Scope 3"] == ("0", "not in the total")  # by source type: 0.2 t, outside the total
    assert rows["Exported electricity"] == ("-50", "-10.7 %")  # by source type: the deduction is negative
