"""Golden cases of the Chinese references run through engine.compute.

china.md §6 (T1–T9, T12; T10/T11 are allowance/trading and out of scope),
china-addendum §5.1 (PZ-179111) and §5.3 (T20). Each published figure is checked to its
stated rounding (± half its last digit). Cases are built in Python; the expected numbers
are typed in from the references.
"""
from __future__ import annotations

import pytest

from carbonmgr.inventory.engine import compute
from conftest_helpers import Facility, Instrument, make_case, published


def line(inv, row):
    [found] = [x for x in inv.lines() if x["row"] == row and "sheet" not in x]  # activity lines only
    return found


# ---------------------------------------------------------------------------- T1
def test_T1_green_power_hebei():
    """Hebei chemical firm, 2023: 10,000 MWh purchased, 5,000 MWh with green certificates.
    Green power counts 0; the rest × 0.5942 (2021 national factor excl. market-traded
    non-fossil power, the data year named by the worked problem) → 2,971 t."""
    case = make_case("gbt32150", lines=[("purchased_electricity", "", 10_000, "MWh", {})],
                     facilities=[Facility("F1", region="河北")],
                     instruments=[Instrument("F1", "green_certificate", 5_000, 0.0)],
                     reporting_year=2023, grid_year=2021)
    inv = compute(case)
    assert inv.totals["scope2"] == published(2971, 0)
    assert inv.totals["total"] == published(2971, 0)
    assert line(inv, 2)["tco2e"] == published(2971, 0)
    assert inv.by_gas["CO2"]["tco2e"] == published(2971, 0)  # the gas table follows the rule too
    # the exam distractors: 10,000 × 0.7120, 5,000 × 0.7120, 5,000 × 0.5568
    for wrong in (7120, 3560, 2784):
        assert inv.totals["total"] != pytest.approx(wrong, abs=1)


# ---------------------------------------------------------------------------- T2–T5
@pytest.mark.parametrize("ref, factor_set, expected", [
    ("T2a", "cn_gbt32151_22_2024", 1741.75),  # 19.570 GJ/t, 26.1 tC/TJ, 93 % (china.md "Set B" = GB/T 32151.22)
    ("T2b", "cn_set_a", 2071.51),             # 23.204 GJ/t, 0.02618 tC/GJ, 93 %
])
def test_T2_bituminous_coal(ref, factor_set, expected):
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                                 {"factor_set": factor_set})]))
    assert inv.totals["scope1"] == published(expected, 2)
    assert inv.totals["total"] == published(expected, 2)


@pytest.mark.parametrize("factor_set, unit", [
    ("cn_gbt32151_22_2024", "10^4 Nm3"),  # CC 15.3 tC/TJ
    ("cn_set_a", "万Nm3"),                  # CC 0.01530 tC/GJ
])
def test_T3_natural_gas(factor_set, unit):
    """100 × 10^4 Nm3, 389.31 GJ/10^4 Nm3, 0.0153 tC/GJ, 99 % → 2,162.19 t.
    (The default set cn_mee_steel_2024 has CC 0.01532, a different table.)"""
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "天然气", 100, unit,
                                                 {"factor_set": factor_set})]))
    assert inv.totals["scope1"] == published(2162.19, 2)


@pytest.mark.parametrize("options", [
    {},                                         # default set cn_mee_steel_2024: 42.652, 0.02020, 98
    {"factor_set": "cn_gbt32151_22_2024"},     # 42.652, 20.2 tC/TJ, 98
])
def test_T4_diesel(options):
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "t", options)]))
    assert inv.totals["scope1"] == published(309.59, 2)


def test_T4_diesel_set_a_ncv():
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "t",
                                                 {"factor_set": "cn_set_a"})]))
    assert inv.totals["scope1"] == published(314.51, 2)


def test_T5_power_coal_default_cc():
    """1,000,000 t coal, measured NCV 20.0 GJ/t, element carbon unmeasured:
    CC default 0.03085 tC/GJ and OF 99 % (MEE power guideline) → 2,239,710 t."""
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "原煤", 1_000_000, "t",
                                                 {"factor_set": "cn_mee_power_2022", "ncv": 20.0})]))
    assert inv.totals["scope1"] == published(2_239_710, 0)


# ---------------------------------------------------------------------------- T6, T7
@pytest.mark.parametrize("expected, options, info", [
    (5703, {"factor_set": "cn_grid_mee_ets"}, {}),     # ETS "2022年度" factor, valid for 2023–2025 reporting
    (5366, {}, {"grid_year": 2022}),                     # MEE/NBS 2022 national average (default grid set)
    (5306, {}, {"grid_year": 2023}),                     # MEE/NBS 2023 national average
    (5306, {}, {}),                                      # grid year defaults to the reporting year 2023
])
def test_T6_purchased_electricity(expected, options, info):
    inv = compute(make_case("gbt32150", lines=[("purchased_electricity", "", 10_000, "MWh", options)],
                            reporting_year=2023, **info))
    assert inv.totals["scope2"] == published(expected, 0)
    assert inv.totals["scope2_location"] == published(expected, 0)
    assert inv.totals["total"] == published(expected, 0)


def test_T6_purchased_electricity_in_kwh():
    inv = compute(make_case("gbt32150", lines=[("purchased_electricity", "全国", 10_000_000, "kWh", {})],
                            grid_year=2022))
    assert inv.totals["scope2"] == published(5366, 0)


def test_T7_purchased_heat():
    inv = compute(make_case("gbt32150", lines=[("purchased_heat", "", 10_000, "GJ", {})]))
    assert inv.totals["scope2"] == published(1100, 0)
    assert inv.totals["scope1"] == 0.0


# ---------------------------------------------------------------------------- T8, T9
def test_T8_limestone():
    """1,000 t limestone at 95 % CaCO3 × 0.4397 → 417.71 t (process, scope 1)."""
    inv = compute(make_case("gbt32150", lines=[("process", "石灰石", 1000, "t", {"purity": 0.95})]))
    assert inv.totals["scope1"] == published(417.71, 2)
    assert inv.by_source["process"] == published(417.71, 2)


def test_T9_portland_clinker():
    """1,000,000 t Portland clinker, no alternative raw materials (MEE 2024 cement): × 0.535
    → +535,000 t. Clinker is the emitting input of the clinker method, not a deduction."""
    inv = compute(make_case("gbt32150", lines=[("process", "硅酸盐水泥熟料", 1_000_000, "t", {})]))
    assert inv.totals["scope1"] == published(535_000, 0)
    assert inv.totals["total"] == published(535_000, 0)


# ---------------------------------------------------------------------------- T12
def test_T12_combined_inventory():
    """T2a + T3 + T8 + 10,000 MWh × 0.5703 + T7 = 11,124.65 t."""
    case = make_case("gbt32150", lines=[
        ("stationary_combustion", "烟煤", 1000, "t", {"factor_set": "cn_gbt32151_22_2024"}),
        ("stationary_combustion", "天然气", 100, "10^4 Nm3", {"factor_set": "cn_gbt32151_22_2024"}),
        ("process", "石灰石", 1000, "t", {"purity": 0.95}),
        ("purchased_electricity", "", 10_000, "MWh", {"factor_set": "cn_grid_mee_ets"}),
        ("purchased_heat", "", 10_000, "GJ", {}),
    ], reporting_year=2023)
    inv = compute(case)
    assert inv.totals["total"] == published(11_124.65, 2)
    assert inv.totals["scope1"] == published(1741.75 + 2162.19 + 417.71, 2)
    assert inv.totals["scope2"] == published(5703 + 1100, 0)
    assert line(inv, 2)["tco2e"] == published(1741.75, 2)
    assert line(inv, 3)["tco2e"] == published(2162.19, 2)
    assert line(inv, 4)["tco2e"] == published(417.71, 2)
    assert line(inv, 5)["tco2e"] == published(5703, 0)
    assert line(inv, 6)["tco2e"] == published(1100, 0)


# ---------------------------------------------------------------------------- PZ-179111
def _pz_case():
    return make_case("gbt32150", lines=[
        ("stationary_combustion", "原煤", 1000, "t", {"ncv": 20, "carbon_content": 27.49e-3, "oxidation_rate": 0.94}),
        ("stationary_combustion", "液化石油气", 5000, "kg", {"ncv": 41.87, "carbon_content": 17.2e-3,
                                                         "oxidation_rate": 0.98}),
        ("purchased_electricity", "", 5000, "MWh", {}),
        ("scope3", "柴油", 2, "t", {"ncv": 43, "carbon_content": 20.2e-3, "oxidation_rate": 0.98,
                                   "scope3_category": 4}),
    ], reporting_year=2023, grid_year=2021)  # no green power bought: plain 2021 national average 0.5568


def test_PZ_179111_coal():
    assert line(compute(_pz_case()), 2)["tco2e"] == published(1894.98, 2)


def test_PZ_179111_lpg():
    assert line(compute(_pz_case()), 3)["tco2e"] == published(12.94, 2)


def test_PZ_179111_electricity():
    inv = compute(_pz_case())
    assert line(inv, 4)["tco2e"] == published(2784, 0)
    assert inv.totals["scope2"] == published(2784, 0)


def test_PZ_179111_outsourced_diesel_scope3():
    inv = compute(_pz_case())
    assert line(inv, 5)["tco2e"] == published(6.24, 2)
    assert line(inv, 5)["scope"] == 3
    assert inv.totals["scope3"] == published(6.24, 2)
    assert inv.scope3_categories == {4: pytest.approx(6.24, abs=0.005)}


def test_PZ_179111_totals():
    inv = compute(_pz_case())
    assert inv.totals["scope1"] == published(1894.98 + 12.94, 2)
    # the GB/T 32150 total is scope 1 + scope 2; the outsourced fleet (scope 3) is outside it
    assert inv.totals["total"] == published(1894.98 + 12.94 + 2784, 2)


# ---------------------------------------------------------------------------- T20
def test_T20_bituminous_steel_enterprise_level():
    """1,000 t 烟煤, MEE steel 2024 A.1 (23.736 GJ/t, 0.02618 tC/GJ), enterprise-level carbon
    balance has no oxidation rate → oxidation_rate 1.0 → 2,278.50 t."""
    inv = compute(make_case("gbt32150", sector="steel", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                                                 {"oxidation_rate": 1.0})]))
    assert inv.totals["scope1"] == published(2278.50, 2)


def test_T20_steel_sector_default_set_is_mee_steel_2024_with_its_of():
    # [D] Same line without the override uses A.1 solid-fuel OF 99 %: 1000 × 23.736 × 0.02618 × 0.99 × 44/12
    inv = compute(make_case("gbt32150", sector="steel", lines=[("stationary_combustion", "烟煤", 1000, "t", {})]))
    assert inv.totals["scope1"] == published(2255.71, 2)


# ------------------------------------------------------------------ default table by sector
def test_general_industry_takes_the_ndrc_2013_2015_family_table():
    """china-addendum §1.7: 1,000 t 烟煤 with the NDRC 2013 first-batch defaults
    (19.570 GJ/t; 26.18 tC/TJ; 93 %): 1000 × 19.570 × 0.02618 × 0.93 × 44/12 = 1,747.09 t.
    A case that names no sector is general industry (a Wuhan auto-parts maker is not a steelworks)."""
    for sector in (None, "general"):
        inv = compute(make_case("gbt32150", sector=sector, lines=[("stationary_combustion", "烟煤", 1000, "t", {})]))
        assert inv.totals["scope1"] == published(1747.09, 2)
        ncv = [i for i in line(inv, 2)["trace"]["inputs"] if i["name"] == "NCV"][0]
        assert ncv["set"] == "cn_ndrc_2013"


def test_a_named_set_still_wins_over_the_sector():
    inv = compute(make_case("gbt32150", sector="steel", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                                                 {"factor_set": "cn_gbt32151_22_2024"})]))
    assert inv.totals["scope1"] == published(1741.75, 2)  # china-addendum §1.7, GB/T 32151.22 row


def test_a_sector_without_its_own_table_in_the_library_says_so():
    inv = compute(make_case("gbt32150", sector="cement", lines=[("stationary_combustion", "烟煤", 1000, "t", {})]))
    assert inv.totals["scope1"] == published(1747.09, 2)
    notes = " ".join(line(inv, 2)["trace"]["notes"])
    assert "cement clinker guideline's own fuel table" in notes
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t", {})]))
    assert "own fuel table" not in " ".join(line(inv, 2)["trace"]["notes"])


def test_T9_clinker_with_carbide_slag_deduction():
    """[D] china.md §2.4 formula E = Q_熟料 × EF_熟料 − Σ(替代原料 × 扣减系数):
    1,000,000 t Portland clinker × 0.535 − 10,000 t 电石渣 × 0.480 = 530,200 t."""
    inv = compute(make_case("gbt32150", lines=[("process", "硅酸盐水泥熟料", 1_000_000, "t", {}),
                                                ("process", "电石渣", 10_000, "t", {})]))
    assert line(inv, 3)["tco2e"] == published(-4_800, 0)
    assert inv.totals["scope1"] == published(530_200, 0)


# ---------------------------------------------------------------------------- cement oxide method
def test_cement_oxide_method_uses_the_published_ratios():
    """NDRC cement guideline / GB/T 32151.8 oxide method: E = Q_clinker × (CaO × 44/56 + MgO × 44/40),
    with the ratios as published (not exact molar masses, which give 0.7848 and 1.0919).
    150,000 t clinker with CaO 65 % and MgO 2 % (documents.md's illustrative line):
    97,500 t CaO × 44/56 = 76,607.14 t; 3,000 t MgO × 44/40 = 3,300 t; 79,907.14 t in all
    (0.5327 t/t clinker, beside the 2024 guideline's 0.535 default)."""
    inv = compute(make_case("gbt32150", lines=[
        ("process", "熟料CaO", 150_000 * 0.65, "t", {"factor_set": "cn_cement_oxide"}),
        ("process", "熟料MgO", 150_000 * 0.02, "t", {"factor_set": "cn_cement_oxide"}),
    ]))
    assert line(inv, 2)["tco2e"] == pytest.approx(97_500 * 44 / 56, abs=0.01)
    assert line(inv, 3)["tco2e"] == pytest.approx(3_300, abs=0.01)
    assert inv.totals["total"] == published(79_907.14, 2)
    assert inv.totals["total"] != pytest.approx(97_500 * 0.7848 + 3_000 * 1.0919, abs=1)


# ---------------------------------------------------------------------------- parameters in the other unit
def test_element_carbon_typed_as_a_percent_is_read_as_one():
    """Issue 8, item 12: C_ar 52.3 (the guidelines print element carbon in percent) is 52.3 %, not
    52.3 tC/t: the same emissions as 0.523, with a note saying how it was read."""
    as_percent = compute(make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                                       {"carbon_element": 52.3})]))
    as_fraction = compute(make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                                        {"carbon_element": 0.523})]))
    assert line(as_percent, 2)["tco2e"] == pytest.approx(line(as_fraction, 2)["tco2e"], rel=1e-12)
    assert line(as_percent, 2)["tco2e"] < 1000 * 0.6 * 44 / 12  # not 100 times
    assert any("percent" in n for n in line(as_percent, 2)["trace"]["notes"])


def test_carbon_content_typed_per_tj_is_refused_with_the_likely_value():
    """26.18 in the tC/GJ column is the NDRC table's 26.18 tC/TJ: no fuel holds 26 t of carbon per GJ."""
    from carbonmgr.common.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as info:
        compute(make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                               {"carbon_content": 26.18})]))
    [p] = info.value.problems
    assert p.code == "engine.param_unit_likely" and p.row == 2
    assert "0.02618 tC/GJ" in p.render("en") and "26.18 tC/TJ" in p.render("zh")


@pytest.mark.parametrize("item, unit, opts, warned", [
    ("天然气", "10^4 Nm3", {"ncv": 450, "ncv_unit": "GJ/10^4 Nm3"}, True),    # above 398.3
    ("天然气", "10^4 Nm3", {"ncv": 389.31, "ncv_unit": "GJ/10^4 Nm3"}, False),
    ("天然气", "10^4 Nm3", {"ncv": 45.0, "ncv_unit": "MJ/Nm3"}, True),        # 450 GJ/10^4 Nm3 in other units
    ("煤矸石", "t", {"ncv": 3.0, "ncv_unit": "GJ/t"}, True),                  # below 4.5
    ("烟煤", "t", {"carbon_element": 0.95}, True),                            # above the daf maximum 92 %
    ("烟煤", "t", {"carbon_element": 0.60}, False),
])
def test_a_parameter_outside_the_published_verification_range_is_a_warning(item, unit, opts, warned):
    """The 2026 power verification guideline's plausibility values (china-addendum §1.6): outside them
    a line's own parameter is questioned on its cell (a warning), not refused."""
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", item, 100, unit, opts)]))
    found = [w for w in inv.warnings if w.code == "engine.param_outside_range"]
    assert bool(found) is warned
    if warned:
        [w] = found
        assert w.row == 2 and w.severity == "warning" and item in w.render("zh")
        assert "企业温室气体排放核查技术指南" in w.render("en")
