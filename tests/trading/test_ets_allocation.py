"""ETS allocation and compliance (carbonmgr.trading.ets) against hand calculations.

china-addendum.md §5.3 T13-T19 and T22, then further hand-computed cases: each plan period,
every correction factor, the gas exemption, the gap cap, the CCER cap, the penalty under the
regulation in force at the deadline, and verified emissions taken from the inventory's lines
with the 2021-2022 and the 2023 boundary. Expected values are worked out by hand in the
comments (or as a formula written out here from the plan's text), never copied from the code.
"""
from __future__ import annotations

import math

import pytest

from carbonmgr.inventory.engine import compute as compute_inventory
from carbonmgr.inventory.ets_model import EtsData, EtsUnit
from carbonmgr.inventory.model import CaseData, CaseInfo
from carbonmgr.trading import ets
from tests.conftest_helpers import make_case


def run(year, *units, **info):
    case = CaseData(info=CaseInfo(reporting_year=year, **info), ets=EtsData(list(units)))
    assert ets.check(case) == []
    return ets.compute(case)


def unit(result, i=0):
    return result.units[i]


# --------------------------------------------------------------------------- china-addendum §5.3

def test_T13_2023_class_I_load_70_percent_has_no_load_correction():
    # 0.7950 × 3 000 000 + 0.1038 × 1 000 000 = 2 385 000 + 103 800
    r = run(2023, EtsUnit("U1", klass="I", generation=3_000_000, load_factor=0.70, heat=1_000_000))
    assert unit(r).value("correction") == 1.0
    assert unit(r).value("allocation") == 2_488_800


def test_T14_2023_class_I_load_60_percent():
    # F_f = 1.015^(16 − 20 × 0.6) = 1.015^4 = 1.0613636; 2 385 000 × 1.0613636 = 2 531 352.07 → 2 531 352
    r = run(2023, EtsUnit("U1", klass="I", generation=3_000_000, load_factor=0.60, heat=1_000_000))
    u = unit(r)
    assert u.figures["correction_load"].value == pytest.approx(1.061364, abs=5e-7)
    assert u.value("allocation_electricity") == 2_531_352
    assert u.value("allocation_heat") == 103_800
    assert u.value("allocation") == 2_635_152


def test_T15_2021_class_I_water_cooled_heat_ratio_20_percent():
    # 0.8218 × 3e6 × (1 − 0.22 × 0.20) + 0.1111 × 1e6 = 2 356 922.4 + 111 100 → 2 468 022
    r = run(2021, EtsUnit("U1", klass="I", supply=3_000_000, load_factor=0.90, cooling="water", heat_ratio=0.20,
                          heat=1_000_000))
    assert unit(r).value("allocation") == 2_468_022
    assert unit(r).figures["correction_heat"].value == pytest.approx(0.956)


def test_T16_air_cooled():
    # 2 356 922.4 × 1.05 = 2 474 768.52 → 2 474 768; + 111 100 = 2 585 868
    r = run(2021, EtsUnit("U1", klass="I", supply=3_000_000, load_factor=0.90, cooling="air", heat_ratio=0.20,
                          heat=1_000_000))
    assert unit(r).value("allocation") == 2_585_868


def test_T17_2023_gas_unit_and_its_exemption():
    # 0.3305 × 1e6 + 0.0536 × 5e5 = 330 500 + 26 800 = 357 300
    r = run(2023, EtsUnit("G1", klass="gas", generation=1_000_000, heat=500_000, verified_emissions=300_000))
    assert unit(r).value("allocation") == 357_300 and unit(r).value("top_up") == 0
    r = run(2023, EtsUnit("G1", klass="gas", generation=1_000_000, heat=500_000, verified_emissions=400_000))
    assert unit(r).value("top_up") == 400_000 - 357_300
    assert r.value("allocation") == 400_000  # the unit's allocation after the exemption


def test_T18_gap_cap_tops_up_to_80_percent_of_verified():
    # two coal units: 0.7950 × 500 000 = 397 500 and 0.8090 × 373 300 = 301 999.7 → 301 999; sum 699 499
    r = run(2023, EtsUnit("A", klass="I", generation=500_000, load_factor=0.8, verified_emissions=600_000),
            EtsUnit("B", klass="II", generation=373_300, load_factor=0.8, verified_emissions=400_000))
    assert r.value("allocation") == 699_499
    assert r.value("verified_emissions") == 1_000_000
    assert r.value("top_up") == 800_000 - 699_499
    assert r.value("allocation_final") == 800_000
    assert r.value("gap_rate") == pytest.approx(30.05)  # (1 000 000 − 699 499) / 1 000 000, 2 dp


def test_T18_no_top_up_at_80_percent_or_more():
    r = run(2023, EtsUnit("A", klass="I", generation=1_006_290, load_factor=0.8, verified_emissions=1_000_000))
    # 0.7950 × 1 006 290 = 800 000.55 → 800 000 = 80 % exactly: no top-up
    assert r.value("allocation") == 800_000 and r.value("top_up") == 0


def test_T19_penalty_under_decree_775_article_24():
    # 0.7950 × 1e6 = 795 000; verified 805 000 → shortfall 10 000; 5–10 × ¥90 × 10 000
    r = run(2023, EtsUnit("A", klass="I", generation=1_000_000, load_factor=0.8, verified_emissions=805_000),
            carbon_price=90)
    assert r.value("surplus") == -10_000
    assert r.value("penalty_min") == pytest.approx(4_500_000)
    assert r.value("penalty_max") == pytest.approx(9_000_000)
    assert r.entity["penalty_min"].source.number == "国务院令第775号"
    assert r.entity["penalty_min"].source.part == "第二十四条"
    assert r.value("next_year_reduction") == 10_000
    assert r.value("deadline") == "2024-12-31"


def test_T22_2026_draft_load_40_percent():
    # F_f = 7.254 − 0.633(1 − e^(−40/29.822)) − 5.643(1 − e^(−40/6.871)) = 1.160254 (6 dp)
    ff = round(7.254 - 0.633 * (1 - math.exp(-40 / 29.822)) - 5.643 * (1 - math.exp(-40 / 6.871)), 6)
    assert ff == 1.160254
    r = run(2026, EtsUnit("U1", klass="I", generation=1_000_000, load_factor=0.40))
    assert unit(r).figures["correction_load"].value == ff
    assert unit(r).value("allocation") == 915_904  # 0.7894 × 1e6 × 1.160254 = 915 904.5 → down
    assert r.plan.draft and any(m.id == "ets.note.draft" for m in r.notes)


# --------------------------------------------------------------------------- each plan period

def test_2019_supply_based_with_load_correction_between_80_and_85():
    # F = 0.82: F_f = 1 + 0.0014 × (85 − 82) = 1.0042; 0.979 × 1e6 × 1.0042 = 983 111.8 → 983 111
    r = run(2019, EtsUnit("U", klass="II", supply=1_000_000, load_factor=0.82, cooling="water"))
    assert unit(r).figures["correction_load"].value == pytest.approx(1.0042)
    assert unit(r).value("allocation") == 983_111
    assert unit(r).value("benchmark_electricity") == 0.979


def test_2020_load_between_75_and_80():
    # F = 0.77: F_f = 1.007 + 0.0016 × (80 − 77) = 1.0118; 0.877 × 1e6 × 1.0118 = 887 348.6 → 887 348
    r = run(2020, EtsUnit("U", klass="I", supply=1_000_000, load_factor=0.77, cooling="water"))
    assert unit(r).value("allocation") == 887_348


def test_2022_load_below_75_and_air_cooling():
    # F = 0.70: F_f = 1.015^(16 − 14) = 1.030225; × 1.05 air; 0.8729 × 1e6 × 1.030225 × 1.05 = 944 247.57 → 944 247
    r = run(2022, EtsUnit("U", klass="II", supply=1_000_000, load_factor=0.70, cooling="air"))
    assert unit(r).value("correction") == pytest.approx(1.030225 * 1.05)
    assert unit(r).value("allocation") == 944_247


def test_2019_2022_load_correction_only_for_condensing_units():
    # T15's cogeneration unit at 50 % load: still 2 468 022 (no load factor for a heat-supplying unit)
    r = run(2021, EtsUnit("U1", klass="I", supply=3_000_000, load_factor=0.50, cooling="water", heat_ratio=0.20,
                          heat=1_000_000))
    assert "correction_load" not in unit(r).figures
    assert unit(r).value("allocation") == 2_468_022


def test_2022_gas_unit_heat_correction_and_exemption():
    # F_r = 1 − 0.6 × 0.3 = 0.82; 0.3901 × 500 000 × 0.82 = 159 941; heat 0.0557 × 200 000 = 11 140
    r = run(2022, EtsUnit("G", klass="gas", supply=500_000, heat=200_000, heat_ratio=0.3,
                          verified_emissions=180_000))
    u = unit(r)
    assert u.value("allocation_electricity") == 159_941
    assert u.value("allocation_heat") == 11_140
    assert u.value("allocation") == 171_081
    assert u.value("top_up") == 180_000 - 171_081


def test_2024_class_III_has_no_load_correction_and_class_II_below_65_has():
    r = run(2024, EtsUnit("C", klass="III", generation=1_000_000, load_factor=0.50))
    assert unit(r).value("allocation") == 824_400  # 0.8244 × 1e6, F_f = 1 for unconventional coal
    r = run(2024, EtsUnit("B", klass="II", generation=1_000_000, load_factor=0.64))
    ff = 1.015 ** (16 - 20 * 0.64)
    assert unit(r).figures["correction_load"].value == pytest.approx(ff)
    assert unit(r).value("allocation") == math.floor(0.8049 * 1_000_000 * ff)
    r = run(2024, EtsUnit("B", klass="II", generation=1_000_000, load_factor=0.65))
    assert unit(r).figures["correction_load"].value == 1.0  # the 2023-24 factor jumps at 65 %


def test_2025_draft_class_II_load_30_percent():
    ff = round(7.254 - 0.633 * (1 - math.exp(-30 / 29.822)) - 5.643 * (1 - math.exp(-30 / 6.871)), 6)
    r = run(2025, EtsUnit("B", klass="II", generation=100_000, load_factor=0.30, heat=10_000))
    assert unit(r).figures["correction_load"].value == ff
    assert unit(r).value("allocation") == math.floor(0.8017 * 100_000 * ff) + 1027  # heat 0.1027 × 10 000


def test_benchmark_metric_follows_the_plan():
    # before 2023 supply, from 2023 generation: the other one is ignored
    r = run(2022, EtsUnit("U", klass="I", supply=1_000_000, generation=9_999_999, load_factor=0.9, cooling="water"))
    assert unit(r).value("allocation") == 817_700
    r = run(2023, EtsUnit("U", klass="I", supply=9_999_999, generation=1_000_000, load_factor=0.9))
    assert unit(r).value("allocation") == 795_000


# --------------------------------------------------------------------------- steel, cement, aluminium (2026)

@pytest.mark.parametrize("intensity, expected", [
    (1.35, 1_015_000),  # X = (1.5 − 1.35) / 1.5 = 0.10 → α = 0.15 × 0.10 = 0.015
    (1.20, 1_030_000),  # X = 0.20 → α = +0.03
    (1.80, 970_000),    # X = −0.20 → α = −0.03
    (1.65, 985_000),    # X = −0.10 → α = −0.015
])
def test_2026_intensity_rule(intensity, expected):
    r = run(2026, EtsUnit("S", klass="steel", verified_emissions=1_000_000, intensity=intensity, balance_value=1.5))
    assert unit(r).value("allocation") == expected


def test_sectors_are_refused_outside_2026():
    case = CaseData(info=CaseInfo(reporting_year=2025), ets=EtsData([
        EtsUnit("S", klass="cement", verified_emissions=1, intensity=1, balance_value=1, row=2)]))
    assert [p.code for p in ets.check(case)] == ["ets.sector_year"]


# --------------------------------------------------------------------------- compliance

def _position(held, ccer, verified=1_000_000, **info):
    # allocation 0.7950 × 1 006 290 = 800 000.55 → 800 000 (no gap top-up at 80 % of 1 000 000)
    return run(2023, EtsUnit("A", klass="I", generation=1_006_290, load_factor=0.8, verified_emissions=verified),
               allowances_held=held, ccer_offered=ccer, **info)


def test_ccer_is_capped_at_5_percent_of_the_allowances_due():
    r = _position(held=0, ccer=80_000)  # final 800 000; due 1 000 000; cap 50 000
    assert r.value("ccer_max") == 50_000
    assert r.value("ccer_used") == 50_000
    assert r.value("surplus") == 800_000 + 0 + 50_000 - 1_000_000


def test_ccer_used_is_no_more_than_still_needed():
    r = _position(held=190_000, ccer=80_000)  # needs 10 000 more
    assert r.value("ccer_used") == 10_000
    assert r.value("surplus") == 0
    assert r.value("penalty_min") == 0 and r.value("penalty_max") == 0
    r = _position(held=250_000, ccer=80_000)  # needs none
    assert r.value("ccer_used") == 0
    assert r.value("surplus") == 50_000


def test_2021_shortfall_is_fined_under_the_2021_measures():
    # deadline 2023-12-31, before the regulation (in force 2024-05-01): ¥20 000–30 000
    r = run(2021, EtsUnit("A", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=900_000), carbon_price=60)
    assert r.value("surplus") == 821_800 - 900_000
    assert (r.value("penalty_min"), r.value("penalty_max")) == (20_000, 30_000)
    assert r.entity["penalty_min"].source.number == "生态环境部令第19号"


def test_2025_shortfall_no_new_reduction_after_the_code():
    r = run(2025, EtsUnit("A", klass="I", generation=1_000_000, load_factor=0.8, verified_emissions=800_000),
            carbon_price=70)
    # 790 200 allocated, shortfall 9 800, deadline 2026-12-31
    assert r.value("surplus") == -9_800
    assert r.value("penalty_max") == pytest.approx(10 * 70 * 9_800)
    assert r.value("next_year_reduction") is None
    assert [m.id for m in r.entity["next_year_reduction"].notes] == ["ets.note.no_new_reduction"]


def test_no_price_means_no_fine_figure_but_a_note():
    r = run(2023, EtsUnit("A", klass="I", generation=1_000_000, load_factor=0.8, verified_emissions=805_000))
    assert r.value("penalty_min") is None
    assert any(m.id == "ets.note.no_price" for m in r.entity["penalty_min"].notes)


def test_banking_2024():
    r = _position(held=300_000, ccer=0)  # surplus 100 000; without net sales 10 000 may be carried over
    assert r.value("banking_base") == 10_000


# --------------------------------------------------------------------------- verified emissions from lines

def _lines_case(year):
    coal = ("stationary_combustion", "烟煤", 1000, "t",
            {"ncv": 20, "ncv_unit": "GJ/t", "carbon_content": 0.0275, "oxidation_rate": 1.0, "ets_unit": "U1"})
    power = ("purchased_electricity", "", 10_000, "MWh", {"factor_set": "cn_grid_mee_ets", "ets_unit": "U1"})
    other = ("stationary_combustion", "烟煤", 500, "t", {"ncv": 20, "ncv_unit": "GJ/t", "carbon_content": 0.0275,
                                                         "oxidation_rate": 1.0})
    case = make_case("gbt32150", lines=[coal, power, other], reporting_year=year)
    case.ets = EtsData([EtsUnit("U1", klass="I", generation=1_000, supply=1_000, load_factor=0.9, cooling="water",
                                row=2)])
    return case


def test_verified_emissions_from_lines_2023_boundary_is_direct_only():
    case = _lines_case(2023)
    assert ets.check(case) == []
    r = ets.compute(case, compute_inventory(case))
    # 1000 t × 20 GJ/t × 0.0275 tC/GJ × 44/12 × 100 % = 2 016.67 t; electricity and the unmarked line left out
    assert unit(r).value("verified_emissions") == pytest.approx(1000 * 20 * 0.0275 * 44 / 12)


def test_verified_emissions_from_lines_2022_boundary_counts_purchased_electricity():
    case = _lines_case(2022)
    r = ets.compute(case, compute_inventory(case))
    # + 10 000 MWh × 0.5810 t/MWh (the MEE factor for 2021-2022 accounting)
    assert unit(r).value("verified_emissions") == pytest.approx(1000 * 20 * 0.0275 * 44 / 12 + 10_000 * 0.5810)


def test_given_verified_emissions_win_over_lines():
    case = _lines_case(2023)
    case.ets.units[0].verified_emissions = 1234.0
    r = ets.compute(case, compute_inventory(case))
    assert unit(r).value("verified_emissions") == 1234.0


def test_every_figure_has_a_trace_with_a_rule():
    r = run(2023, EtsUnit("U1", klass="I", generation=3_000_000, load_factor=0.60, heat=1_000_000,
                          verified_emissions=2_700_000), carbon_price=90)
    d = r.to_dict()
    assert d["plan"]["name"].startswith("《2023、2024年度") and d["plan"]["number"] == "国环规气候〔2024〕1号"
    for key in ("benchmark_electricity", "benchmark_heat", "correction", "allocation_electricity", "allocation_heat",
                "allocation", "top_up"):
        trace = d["units"][0]["trace"][key]
        assert trace["rule"]["document"] and trace["rule"]["status"] in ("verified", "secondary"), key
    for key in ("allocation", "top_up", "allocation_final", "ccer_max", "ccer_used", "surplus", "penalty_min",
                "penalty_max", "deadline"):
        assert d["entity"]["trace"][key]["rule"]["document"], key
    inputs = {i["name"]: i for i in d["units"][0]["trace"]["allocation_electricity"]["inputs"]}
    assert inputs["generation"] == {"name": "generation", "value": 3_000_000, "unit": "MWh"}
