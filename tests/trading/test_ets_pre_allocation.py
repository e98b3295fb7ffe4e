"""Pre-allocation and the entity gap cap of each plan period, against hand calculations.

Pre-allocation (预分配) as china-addendum §2.3 and china.md §4.3 state it: 2019-2020: 70 % of the
unit's 2018 output × the benchmarks; 2021-2022: 70 % of the unit's 2021 verified emissions;
2023-2024: 70 % of the previous year's; the 2025-2026 draft: at most 50 % of the previous year's;
rounded down. The gap cap: 2019-2020 caps the surrender obligation at the allocation plus 20 % of
the verified emissions; from 2021 the allocation is topped up to 80 % of the verified emissions.
Every expected value is worked out by hand in the comment beside it.
"""
from __future__ import annotations

import pytest

from carbonmgr.inventory.ets_model import EtsData, EtsUnit
from carbonmgr.inventory.model import CaseData, CaseInfo
from carbonmgr.trading import ets


def run(year, *units, **info):
    case = CaseData(info=CaseInfo(reporting_year=year, **info), ets=EtsData(list(units)))
    assert ets.check(case) == []
    return ets.compute(case)


def notes(fig):
    return [m.id for m in fig.notes]


# ----------------------------------------------------------------------------- pre-allocation

def test_2019_pre_allocation_is_70_percent_of_2018_output_times_the_benchmarks():
    # 0.70 × (2 000 000 MWh × 0.877 + 500 000 GJ × 0.126) = 0.70 × (1 754 000 + 63 000) = 1 271 900
    r = run(2019, EtsUnit("U1", klass="I", supply=3_000_000, load_factor=0.9, cooling="water",
                          basis_supply=2_000_000, basis_heat=500_000, verified_emissions=2_700_000))
    u = r.units[0]
    assert u.value("pre_allocation") == 1_271_900
    # the final allocation: 0.877 × 3 000 000 = 2 631 000; the true-up after verification 2 631 000 − 1 271 900
    assert r.value("allocation_final") == 2_631_000
    assert r.value("pre_allocation") == 1_271_900
    assert r.value("true_up") == 1_359_100
    fig = u.figures["pre_allocation"]
    assert dict((n, v) for n, v, _ in fig.inputs)["basis_supply"] == 2_000_000
    assert fig.source.number == "国环规气候〔2020〕3号"


def test_2020_gas_unit_pre_allocation_rounds_down():
    # 0.70 × (1 000 001 × 0.392 + 0 × 0.059) = 0.70 × 392 000.392 = 274 400.2744 → 274 400
    r = run(2020, EtsUnit("G", klass="gas", supply=1_000_000, basis_supply=1_000_001, verified_emissions=390_000))
    assert r.units[0].value("pre_allocation") == 274_400


def test_2021_pre_allocation_is_70_percent_of_the_units_2021_verified_emissions():
    # 2021: the basis is the unit's own verified emissions of the year: 0.70 × 1 000 001 = 700 000.7 → 700 000
    r = run(2021, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=1_000_001))
    assert r.units[0].value("pre_allocation") == 700_000


def test_2022_pre_allocation_takes_the_2021_verified_emissions():
    # 0.70 × 1 234 567 = 864 196.9 → 864 196; two units: + 0.70 × 100 000 = 70 000
    r = run(2022, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          basis_emissions=1_234_567, verified_emissions=1_000_000),
            EtsUnit("U2", klass="II", supply=100_000, load_factor=0.9, cooling="water",
                    basis_emissions=100_000, verified_emissions=90_000))
    assert [u.value("pre_allocation") for u in r.units] == [864_196, 70_000]
    assert r.value("pre_allocation") == 934_196
    # final: 0.8177 × 1e6 = 817 700 and 0.8729 × 100 000 = 87 290 → 904 990; true-up 904 990 − 934 196
    assert r.value("allocation_final") == 904_990
    assert r.value("true_up") == -29_206
    assert "ets.note.pre_basis" in notes(r.units[0].figures["pre_allocation"])
    assert r.units[0].figures["pre_allocation"].notes[-1].params["year"] == 2021


@pytest.mark.parametrize("year", [2023, 2024])
def test_2023_2024_pre_allocation_is_70_percent_of_the_previous_year(year):
    # 0.70 × 2 000 003 = 1 400 002.1 → 1 400 002
    r = run(year, EtsUnit("U1", klass="I", generation=1_000_000, load_factor=0.8, basis_emissions=2_000_003,
                          verified_emissions=900_000))
    fig = r.units[0].figures["pre_allocation"]
    assert fig.value == 1_400_002
    assert fig.notes[-1].params["year"] == year - 1


def test_2025_draft_pre_allocation_is_at_most_50_percent():
    # 0.50 × 1 000 001 = 500 000.5 → 500 000; the draft says "not more than 50 %"
    r = run(2025, EtsUnit("U1", klass="I", generation=1_000_000, load_factor=0.8, basis_emissions=1_000_001,
                          verified_emissions=900_000))
    fig = r.units[0].figures["pre_allocation"]
    assert fig.value == 500_000
    assert "ets.note.pre_upto" in notes(fig)


def test_a_missing_basis_leaves_the_pre_allocation_unknown_and_says_why():
    r = run(2023, EtsUnit("U1", klass="I", generation=1_000_000, load_factor=0.8, verified_emissions=900_000),
            EtsUnit("U2", klass="I", generation=1_000_000, load_factor=0.8, basis_emissions=10,
                    verified_emissions=900_000))
    assert r.units[0].value("pre_allocation") is None
    assert "ets.note.pre_missing" in notes(r.units[0].figures["pre_allocation"])
    assert r.units[1].value("pre_allocation") == 7
    assert r.value("pre_allocation") is None and r.value("true_up") is None
    r = run(2019, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water"))
    assert r.units[0].value("pre_allocation") is None


def test_sectors_have_no_pre_allocation_in_our_rules():
    r = run(2026, EtsUnit("S", klass="steel", verified_emissions=1_000_000, intensity=1.9, balance_value=2.0,
                          basis_emissions=900_000))
    assert r.units[0].value("pre_allocation") is None
    assert "ets.note.pre_sector" in notes(r.units[0].figures["pre_allocation"])


def test_pre_allocation_is_in_the_json():
    r = run(2023, EtsUnit("U1", klass="I", generation=1_000_000, load_factor=0.8, basis_emissions=1_000_000,
                          verified_emissions=900_000))
    d = r.to_dict()
    assert d["units"][0]["pre_allocation"] == 700_000
    assert d["entity"]["pre_allocation"] == 700_000
    # final 0.7950 × 1e6 = 795 000 (≥ 80 % of 900 000): true-up 95 000
    assert d["entity"]["true_up"] == 95_000
    assert d["entity"]["trace"]["pre_allocation"]["inputs"][0] == {"name": "unit:U1", "value": 700_000,
                                                                   "unit": "t CO2"}


# ----------------------------------------------------------------------------- the gap cap, per plan

def test_2019_gap_cap_caps_the_obligation_at_allocation_plus_20_percent():
    # A = 0.877 × 1 000 000 = 877 000 < 80 % × 1 200 000 = 960 000: the obligation is
    # 877 000 + 0.2 × 1 200 000 = 1 117 000; the allocation is not topped up
    r = run(2019, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=1_200_000))
    assert r.value("top_up") == 0
    assert r.value("allocation_final") == 877_000
    assert r.value("obligation") == pytest.approx(1_117_000)
    assert r.value("surplus") == pytest.approx(-240_000)  # 877 000 − 1 117 000
    assert r.value("gap_rate") == pytest.approx(26.92)  # (1 200 000 − 877 000) / 1 200 000
    assert "ets.note.gap_cap_obligation" in notes(r.entity["obligation"])
    # CCER: at most 5 % of the allowances due, ⌊0.05 × 1 117 000⌋ = 55 850
    r = run(2019, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=1_200_000), ccer_offered=100_000)
    assert r.value("ccer_max") == 55_850 and r.value("ccer_used") == 55_850
    assert r.value("surplus") == pytest.approx(877_000 + 55_850 - 1_117_000)


def test_2020_no_cap_when_the_gap_is_within_20_percent():
    # 877 000 ≥ 80 % × 1 000 000: the obligation is the verified emissions; shortfall 123 000
    r = run(2020, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=1_000_000))
    assert r.value("obligation") == 1_000_000
    assert r.value("surplus") == -123_000
    assert notes(r.entity["obligation"]) == []


def test_2021_gap_cap_tops_the_allocation_up_to_80_percent():
    # 0.8218 × 1 000 000 = 821 800 < 0.8 × 1 100 000 = 880 000: top-up 58 200
    r = run(2021, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=1_100_000))
    assert r.value("top_up") == 58_200
    assert r.value("allocation_final") == 880_000
    assert r.value("obligation") == 1_100_000
    assert r.value("surplus") == -220_000


def test_2022_no_top_up_within_the_cap():
    # 0.8177 × 1 000 000 = 817 700 ≥ 800 000
    r = run(2022, EtsUnit("U1", klass="I", supply=1_000_000, load_factor=0.9, cooling="water",
                          verified_emissions=1_000_000))
    assert r.value("top_up") == 0 and r.value("allocation_final") == 817_700


@pytest.mark.parametrize("year, benchmark_allocation", [(2024, 791_000), (2025, 790_200), (2026, 789_400)])
def test_later_plans_top_up_to_80_percent(year, benchmark_allocation):
    # class I, 1 000 000 MWh: 2024 0.7910, 2025 draft 0.7902, 2026 draft 0.7894; verified 1 000 000
    r = run(year, EtsUnit("U1", klass="I", generation=1_000_000, load_factor=0.8, verified_emissions=1_000_000))
    assert r.value("allocation") == benchmark_allocation
    assert r.value("top_up") == 800_000 - benchmark_allocation
    assert r.value("allocation_final") == 800_000
