"""Golden cases of the international reference run through engine.compute.

intl.md §8 (B-1 consolidation) and §9 (9.1 refrigerants, 9.2–9.5 EPA/DESNZ/IPCC,
9.6 uncertainty, 9.7 blends and CH4/N2O sums). Expected numbers are typed in from
intl.md and checked to their stated rounding (± half the last published digit). Figures
published in kg or lb are converted to t here (1 lb = 0.45359237 kg, exact).

Published blend GWPs are integers (R-410A 1,924 etc.) while the engine computes blends in
full precision (1,923.5): those cases allow ± 0.5 × mass (t) on top of the rounding.
"""
from __future__ import annotations

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.inventory.engine import compute
from conftest_helpers import LB_KG, Equipment, Facility, Instrument, make_case, published

EPA = {"factor_set": "epa2025"}
DESNZ = {"factor_set": "desnz2024"}
IPCC = {"factor_set": "ipcc2006"}


def kg(value, decimals=0):
    """A figure published in kg, compared in t."""
    return published(value / 1000.0, decimals + 3)


def lb(value, decimals=0):
    return published(value * LB_KG / 1000.0, decimals + 3)


def blend_tol(value_t, mass_t):
    """Published figure computed with an integer-rounded blend GWP: ± 0.5 GWP × mass."""
    return pytest.approx(value_t, abs=0.5 * mass_t * (1 + 1e-9) + 1e-9)


def line(inv, row):
    [found] = [x for x in inv.lines() if x["row"] == row and "sheet" not in x]  # activity lines only
    return found


def extra(inv, row):
    [found] = [x for x in inv.extra_lines if x["row"] == row]
    return found


# ============================================================ §8 B-1 consolidation
B1_FACILITIES = [  # (id, equity, financial control, operational control) from DEL Example 2-4
    ("B", 1.00, "yes", True),
    ("C", 0.90, "yes", True),
    ("D", 0.72, "yes", True),
    ("JV1", 0.50, "joint", True),
    ("JV2", 0.75, "yes", False),
    ("JV3", 0.45, "no", True),
    ("JV4", 0.50, "yes", False),
]
B1_SHARES = {  # share of each entity consolidated by A, intl.md §8 table
    "equity_share": {"B": 1.0, "C": 0.9, "D": 0.72, "JV1": 0.5, "JV2": 0.75, "JV3": 0.45, "JV4": 0.5},
    "financial_control": {"B": 1, "C": 1, "D": 1, "JV1": 0.5, "JV2": 1, "JV3": 0, "JV4": 1},
    "operational_control": {"B": 1, "C": 1, "D": 1, "JV1": 1, "JV2": 0, "JV3": 1, "JV4": 0},
}


@pytest.mark.parametrize("consolidation, expected", [
    ("equity_share", 4820), ("financial_control", 5500), ("operational_control", 5000)])
@pytest.mark.parametrize("standard", ["ghgp", "iso14064"])
def test_B_1_consolidation(standard, consolidation, expected):
    facilities = [Facility(fid, equity_share=eq, financial_control=fc, operational_control=oc)
                  for fid, eq, fc, oc in B1_FACILITIES]
    lines = [("stationary_combustion", "entity emissions", 1000, "t", {"ef_co2e": 1.0}, fid)
             for fid, *_ in B1_FACILITIES]
    inv = compute(make_case(standard, lines=lines, facilities=facilities, consolidation=consolidation))
    assert inv.totals["total"] == published(expected, 0)
    assert inv.totals["scope1"] == published(expected, 0)
    for fid, share in B1_SHARES[consolidation].items():
        assert inv.by_facility.get(fid, 0.0) == published(1000 * share, 0), fid


# ============================================================ §9.1 refrigerants
def _screening(refrigerant, equipment, new, operating, disposed):
    return Equipment("F1", "screening", refrigerant, equipment,
                     {"new_charge": new, "operating_capacity": operating, "disposed_capacity": disposed})


def test_A6_1_screening_domestic_hfc32():
    inv = compute(make_case("ghgp", "AR4", equipment=[_screening("HFC-32", "domestic_refrigeration", 100, 1, 0.5)]))
    assert inv.totals["scope1"] == kg(759.375, 3)


def test_A6_2_screening_standalone_commercial_hfc134a():
    inv = compute(make_case("ghgp", "AR4", equipment=[
        _screening("HFC-134a", "standalone_commercial_refrigeration", 100, 1, 0.5)]))
    assert inv.totals["scope1"] == kg(4676.1, 1)


def test_A6_3_screening_chillers_hfc125():
    inv = compute(make_case("ghgp", "AR4", equipment=[_screening("HFC-125", "chillers", 100, 1, 0.5)]))
    assert inv.totals["scope1"] == kg(4112.5, 1)


def test_A6_4_material_balance_hfc23():
    # ΔInventory 1 lb, transferred 1 lb, ΔCapacity 1 lb (entered in kg) → 44,400 lb CO2e
    eq = Equipment("F1", "material_balance", "HFC-23", values={
        "inventory_start": 1 * LB_KG, "inventory_end": 0.0, "purchased": 1 * LB_KG, "sold": 0.0,
        "capacity_start": 1 * LB_KG, "capacity_end": 0.0})
    inv = compute(make_case("ghgp", "AR4", equipment=[eq]))
    assert inv.totals["scope1"] == lb(44_400)
    assert inv.by_gas["HFCs"]["t"] == pytest.approx(3 * LB_KG / 1000, rel=1e-12)


def test_A6_5_simplified_material_balance_hfc143a():
    eq = Equipment("F1", "simplified_material_balance", "HFC-143a", values={
        "new_charge": 1 * LB_KG, "capacity_new": 0.5 * LB_KG, "recharge": 1 * LB_KG,
        "disposed_capacity": 1 * LB_KG, "recovered": 0.5 * LB_KG})
    inv = compute(make_case("ghgp", "AR4", equipment=[eq]))
    assert inv.totals["scope1"] == lb(8_940)


def test_E_R1_screening_chillers_r410a():
    # published with R-410A AR5 = 1,924 (rounded); 82 kg released
    inv = compute(make_case("ghgp", "AR5", equipment=[_screening("R-410A", "chillers", 200, 500, 100)]))
    assert inv.totals["scope1"] == blend_tol(157.768, 0.082)
    assert extra(inv, 2)["quantity"] == pytest.approx(0.082, rel=1e-12)


def test_E_R2_material_balance_hfc134a():
    eq = Equipment("F1", "material_balance", "HFC-134a", values={
        "inventory_start": 50, "inventory_end": 40, "purchased": 30, "sold": 5,
        "capacity_start": 10, "capacity_end": 20})  # new capacity 20, retired 10
    inv = compute(make_case("ghgp", "AR5", equipment=[eq]))
    assert inv.totals["scope1"] == kg(32_500)
    assert inv.by_source["fugitive"] == kg(32_500)


@pytest.mark.parametrize("gwp, expected_kg", [("AR4", 39_220), ("AR5", 39_430), ("AR6", 47_280)])
def test_E_R3_r404a_leak(gwp, expected_kg):
    inv = compute(make_case("ghgp", gwp, lines=[("fugitive", "R-404A", 10, "kg", {})]))
    assert inv.totals["scope1"] == blend_tol(expected_kg / 1000, 0.010)


# ============================================================ §9.2 stationary combustion, EPA25
@pytest.mark.parametrize("gwp, ch4_rule, expected_kg, decimals", [
    ("AR5", "by_source", 54_495.34, 2),
    ("AR4", "by_source", 54_495.55, 2),
    ("AR6", "fossil", 54_497.994, 3),      # CH4 29.8 applied to fuels
    ("AR6", "by_source", 54_495.11, 2),    # combustion CH4 counted non-fossil (27.0)
    ("AR6", "non_fossil", 54_495.11, 2),
])
def test_E_S1_natural_gas_scf(gwp, ch4_rule, expected_kg, decimals):
    """1,000,000 scf natural gas. The engine uses the per-scf path (kg/scf factors), not the
    heat-content path of E-S1b (1,026 mmBtu → 54,495.477 kg)."""
    inv = compute(make_case("ghgp", gwp, lines=[("stationary_combustion", "natural gas", 1_000_000, "scf", EPA)],
                            ch4_ar6=ch4_rule))
    assert inv.totals["scope1"] == kg(expected_kg, decimals)
    row = line(inv, 2)
    assert row["gases"]["CO2"] == kg(54_440)
    assert row["gases"]["CH4"] == kg(1.03, 2)
    assert row["gases"]["N2O"] == kg(0.10, 2)
    assert "kg/scf" in {i["unit"] for i in row["trace"]["inputs"]}  # the per-unit path


def test_E_S2_distillate_no2_per_gallon():
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "Distillate Fuel Oil No. 2", 1000, "gal", EPA)]))
    assert inv.totals["scope1"] == kg(10_242.68, 2)
    assert inv.by_gas["CO2"]["t"] == kg(10_210)


def test_E_S3_propane_per_gallon():
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "propane", 1000, "gal", EPA)]))
    assert inv.totals["scope1"] == kg(5_740.81, 2)


@pytest.mark.parametrize("gwp, expected_kg", [("AR5", 234_327.2), ("AR4", 234_377.0)])
def test_E_S4_bituminous_coal_per_short_ton(gwp, expected_kg):
    inv = compute(make_case("ghgp", gwp, lines=[("stationary_combustion", "bituminous coal", 100, "short ton", EPA)]))
    assert inv.totals["scope1"] == kg(expected_kg, 1)
    assert inv.by_gas["CH4"]["t"] == kg(27.4, 1)
    assert inv.by_gas["N2O"]["t"] == kg(4.0, 1)


def test_E_S5_purchased_steam_scope2():
    inv = compute(make_case("ghgp", lines=[("purchased_heat", "EPA steam", 10_000, "mmBtu", {})]))
    assert inv.totals["scope2_location"] == kg(663_981.25, 2)
    assert inv.totals["scope1"] == 0.0
    assert inv.totals["total"] == kg(663_981.25, 2)


# ============================================================ §9.3 mobile, electricity, scope 3 (EPA25)
def test_E_M1_gasoline_car_2019():
    inv = compute(make_case("ghgp", lines=[
        ("mobile_combustion", "gasoline", 400, "gal", EPA),
        ("mobile_combustion", "gasoline_passenger_car_2019", 10_000, "mi", EPA)]))
    assert inv.totals["scope1"] == kg(3_517.403, 3)
    assert inv.by_gas["CO2"]["t"] == kg(3_512)
    assert inv.by_gas["CH4"]["t"] == kg(0.051, 3)
    assert inv.by_gas["N2O"]["t"] == kg(0.015, 3)


def test_E_M2_diesel_heavy_duty_truck_2015():
    inv = compute(make_case("ghgp", lines=[
        ("mobile_combustion", "diesel", 1000, "gal", EPA),
        ("mobile_combustion", "diesel_heavy_duty_truck_2007_2022", 10_000, "mi", EPA)]))
    assert inv.totals["scope1"] == kg(10_326.875, 3)
    assert inv.by_gas["N2O"]["t"] == kg(0.431, 3)


@pytest.mark.parametrize("ref, grid, co2e_t, co2_t", [
    ("E-E1", "eGRID CAMX", 198.741, 198.063),
    ("E-E2", "US grid", 351.642, 349.957),
    ("E-E3", "eGRID RFCW", 415.472, 413.368),
])
def test_E_E_location_based(ref, grid, co2e_t, co2_t):
    inv = compute(make_case("ghgp", lines=[("purchased_electricity", grid, 1000, "MWh", {})]))
    assert inv.totals["scope2_location"] == published(co2e_t, 3)
    assert inv.by_gas["CO2"]["t"] == published(co2_t, 3)


def test_E_E4_market_based_recs():
    case = make_case("ghgp", lines=[("purchased_electricity", "eGRID CAMX", 1000, "MWh", {})],
                     instruments=[Instrument("F1", "rec", 600, 0.0)], residual_mix_ef=0.50)
    inv = compute(case)
    assert inv.totals["scope2_market"] == published(200, 0)
    assert inv.totals["scope2_location"] == published(198.741, 3)  # unchanged (= E-E1)
    assert inv.totals["total"] == published(198.741, 3)            # total uses location-based


def test_E_E4_market_based_recs_capped_at_consumption():
    case = make_case("ghgp", lines=[("purchased_electricity", "eGRID CAMX", 1000, "MWh", {})],
                     instruments=[Instrument("F1", "rec", 1200, 0.0)], residual_mix_ef=0.50)
    inv = compute(case)
    assert inv.totals["scope2_market"] == 0.0
    assert any(w.code == "engine.instruments_capped" for w in inv.warnings)


def test_E_3a_air_travel_long_haul():
    inv = compute(make_case("ghgp", lines=[("scope3", "travel_air_long_haul", 5000, "passenger-mile", {})]))
    assert inv.totals["scope3"] == kg(821.974, 3)
    assert inv.scope3_categories == {6: kg(821.974, 3)}
    assert inv.totals["total"] == 0.0


def test_E_3b_truck_freight_ton_miles():
    inv = compute(make_case("ghgp", lines=[
        ("scope3", "freight_medium_heavy_duty_truck", 200_000, "short ton-mile", {})]))
    assert inv.totals["scope3"] == kg(37_495.16, 2)
    assert inv.scope3_categories == {4: kg(37_495.16, 2)}


def test_E_3c_waste():
    inv = compute(make_case("ghgp", lines=[
        ("scope3", "waste_mixed_msw_landfilled", 10, "short ton", {}),
        ("scope3", "waste_corrugated_containers_recycled", 5, "short ton", {})]))
    assert line(inv, 2)["tco2e"] == published(5.80, 2)
    assert line(inv, 3)["tco2e"] == published(0.55, 2)
    assert inv.scope3_categories == {5: published(6.35, 2)}


# ============================================================ §9.4 DESNZ 2024
def test_E_U1_natural_gas_gross_cv():
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "natural gas", 100_000, "kWh (Gross CV)", DESNZ)]))
    assert inv.totals["scope1"] == kg(18_290)
    assert inv.by_gas["CO2"]["tco2e"] == kg(18_253)
    assert inv.by_gas["CH4"]["tco2e"] == kg(28)
    assert inv.by_gas["N2O"]["tco2e"] == kg(9)
    assert inv.totals["scope1"] != pytest.approx(20.264, abs=0.001)  # the Net CV mistake


def test_E_U1_natural_gas_net_cv():
    """The same gas metered on a Net CV basis must use the Net CV row (0.20264 kg/kWh)."""
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "natural gas", 100_000, "kWh (Net CV)", DESNZ)]))
    assert inv.totals["scope1"] == kg(20_264)


@pytest.mark.parametrize("variant, expected_kg, decimals", [
    (None, 25_127.9, 1),                      # DESNZ's default diesel: average biofuel blend
    ("average_biofuel_blend", 25_127.9, 1),
    ("mineral", 26_615.5, 1),                 # [D] 10,000 L × 2.66155 (intl §6.5, Diesel 100 % mineral)
])
def test_E_U2_diesel(variant, expected_kg, decimals):
    """10,000 L diesel (average biofuel blend) → 25,127.9 kg CO2e scope 1."""
    opts = {**DESNZ, **({"variant": variant} if variant else {})}
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "diesel", 10_000, "L", opts)]))
    assert inv.totals["scope1"] == kg(expected_kg, decimals)


def test_E_U2_diesel_wtt_scope3():
    inv = compute(make_case("ghgp", lines=[("scope3", "WTT diesel", 10_000, "L", {**DESNZ, "scope3_category": 3})]))
    assert inv.totals["scope3"] == kg(6_110.1, 1)
    assert inv.totals["scope1"] == 0.0


def test_E_U2_diesel_biogenic_outside_scopes():
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "diesel_blend_biogenic", 10_000, "L", DESNZ)]))
    assert inv.totals["biogenic_co2"] == kg(1_600)
    assert inv.totals["scope1"] == 0.0
    assert inv.totals["total"] == 0.0


def test_E_U3_uk_grid_scope2_and_scope3_rows():
    inv = compute(make_case("ghgp", lines=[
        ("purchased_electricity", "UK grid", 100_000, "kWh", {}),
        ("scope3", "T&D UK electricity", 100_000, "kWh", {"scope3_category": 3}),
        ("scope3", "WTT UK electricity generation", 100_000, "kWh", {"scope3_category": 3}),
        ("scope3", "WTT UK electricity T&D", 100_000, "kWh", {"scope3_category": 3})]))
    assert inv.totals["scope2_location"] == kg(20_705)
    assert line(inv, 3)["tco2e"] == kg(1_830)
    assert line(inv, 4)["tco2e"] == kg(4_590)
    assert line(inv, 5)["tco2e"] == kg(397)
    assert inv.totals["total"] == kg(20_705)  # WTT and T&D never enter scope 1/2


@pytest.mark.parametrize("variant, expected_kg", [
    (None, 2_201.21),           # without a variant: with RF, the DESNZ figure recommended for reporting
    ("with_rf", 2_201.21),
    ("without_rf", 1_299.32),
])
def test_E_U4_flight_long_haul_economy(variant, expected_kg):
    """11,000 passenger-km long-haul economy: 2,201.21 kg with RF, 1,299.32 kg without."""
    opts = {**DESNZ, **({"variant": variant} if variant else {})}
    inv = compute(make_case("ghgp", lines=[
        ("scope3", "travel_flight_long_haul_economy", 11_000, "passenger-km", opts)]))
    assert inv.totals["scope3"] == kg(expected_kg, 2)
    assert inv.scope3_categories == {6: kg(expected_kg, 2)}


# ============================================================ §9.5 IPCC Tier 1
@pytest.mark.parametrize("gwp, ch4_rule, expected_kg, decimals", [
    ("AR5", "by_source", 319_674.9, 1),
    ("AR6", "fossil", 319_718.76, 2),
    ("AR6", "by_source", 319_682.64, 2),
])
def test_E_I1_gas_diesel_oil_manufacturing(gwp, ch4_rule, expected_kg, decimals):
    inv = compute(make_case("ghgp", gwp, lines=[("stationary_combustion", "gas/diesel oil", 100, "t", IPCC)],
                            ch4_ar6=ch4_rule, ipcc_sector="manufacturing"))
    assert inv.totals["scope1"] == kg(expected_kg, decimals)
    assert inv.by_gas["CO2"]["t"] == kg(318_630)
    assert inv.by_gas["CH4"]["t"] == kg(12.9, 1)
    assert inv.by_gas["N2O"]["t"] == kg(2.58, 2)


def test_E_I2_other_bituminous_coal_manufacturing():
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "other bituminous coal", 1000, "t", IPCC)]))
    assert inv.totals["scope1"] == kg(2_458_159.5, 1)
    assert inv.by_gas["CH4"]["t"] == kg(258)
    assert inv.by_gas["N2O"]["t"] == kg(38.7, 1)


def test_E_I3_natural_gas_energy_industries():
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "natural gas", 10, "TJ", IPCC)],
                            ipcc_sector="energy"))
    assert inv.totals["scope1"] == kg(561_545)


def test_E_P1_cement_tier1_process():
    """100,000 t cement × clinker fraction 0.75, EF_clc = (0.65/0.5603) × 0.43971 × 1.02
    (IPCC Vol.3 eq. 2.1/2.4, intl §6.4) entered as a line factor → 39,022.99 t process CO2."""
    ef_clc = (0.65 / 0.5603) * 0.43971 * 1.02
    assert ef_clc == published(0.5203, 4)
    inv = compute(make_case("ghgp", lines=[("process", "clinker (IPCC Tier 1)", 100_000 * 0.75, "t", {"ef_co2": ef_clc})]))
    assert inv.totals["scope1"] == published(39_022.99, 2)
    assert inv.by_source["process"] == published(39_022.99, 2)


# ============================================================ §9.6 uncertainty
def test_E_Q2_uncertainty_summation_through_engine():
    inv = compute(make_case("ghgp", lines=[
        ("stationary_combustion", "source A", 100, "t", {"ef_co2e": 1.0, "uncertainty": 8.6023}),
        ("stationary_combustion", "source B", 50, "t", {"ef_co2e": 1.0, "uncertainty": 20})]))
    assert inv.uncertainty["total_percent"] == published(8.79, 2)
    assert inv.uncertainty["lines_with_uncertainty"] == 2


# ============================================================ §9.7 blends, CH4 + N2O
@pytest.mark.parametrize("blend, gwp, expected, tol", [
    ("R-410A", "AR5", 1924, 0.5),      # EPA25 / DESNZ24 integer
    ("R-410A", "AR6", 2255.5, 0.05),
    ("R-404A", "AR6", 4728.0, 0.05),
    ("R-407C", "AR6", 1907.93, 0.005),
])
def test_9_7_blend_gwp_through_engine(blend, gwp, expected, tol):
    inv = compute(make_case("ghgp", gwp, lines=[("fugitive", blend, 1, "t", {})]))
    assert inv.totals["scope1"] == pytest.approx(expected, abs=tol * (1 + 1e-9))
    assert inv.by_gas["HFCs"]["t"] == pytest.approx(1.0)
    if blend == "R-404A":
        assert inv.totals["scope1"] != pytest.approx(4203, abs=1)


@pytest.mark.parametrize("gwp, ch4_rule, expected", [
    ("AR4", "by_source", 323),
    ("AR5", "by_source", 293),
    ("AR6", "by_source", 302.8),   # a fugitive fossil release: CH4 fossil 29.8
    ("AR6", "fossil", 302.8),
    ("AR6", "non_fossil", 300.0),
])
def test_9_7_ch4_plus_n2o(gwp, ch4_rule, expected):
    inv = compute(make_case("ghgp", gwp, lines=[("fugitive", "CH4", 1, "t", {}), ("fugitive", "N2O", 1, "t", {})],
                            ch4_ar6=ch4_rule))
    assert inv.totals["scope1"] == published(expected, 1)


# ------------------------------------------------ a named variant never drops a gas (issue 8, item 13)
def test_a_named_variant_keeps_the_gases_it_does_not_cover():
    """50 t LPG, IPCC 2006, variant "commercial" (Table 2.4 has CH4 5 and N2O 0.1 kg/TJ for it;
    Table 1.4's CO2 63,100 kg/TJ has no variant). 50 t × 47.3 TJ/Gg = 2.365 TJ:
    CO2 = 2.365 × 63.1 = 149.2315 t; CH4 = 2.365 × 5 kg = 0.011825 t; N2O = 0.0002365 t;
    CO2e (AR5: 28, 265) = 149.2315 + 0.3311 + 0.0627 = 149.625 t — not the 0.39 t of CH4 and N2O alone."""
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "LPG", 50, "t",
                                            {"variant": "commercial", "factor_set": "ipcc2006"})]))
    [line] = [x for x in inv.lines() if x["row"] == 2]
    assert line["gases"]["CO2"] == pytest.approx(149.2315, abs=1e-4)
    assert line["gases"]["CH4"] == pytest.approx(0.011825, abs=1e-6)
    assert line["gases"]["N2O"] == pytest.approx(0.0002365, abs=1e-7)
    assert line["tco2e"] == pytest.approx(149.2315 + 0.011825 * 28 + 0.0002365 * 265, abs=1e-3)
    assert any("CO2" in n and "commercial" in n for n in line["trace"]["notes"])


def test_an_unknown_variant_is_a_located_problem():
    with pytest.raises(ValidationFailed) as info:
        compute(make_case("ghgp", lines=[("stationary_combustion", "LPG", 50, "t",
                                          {"variant": "comercial", "factor_set": "ipcc2006"})]))
    [p] = info.value.problems
    assert p.code == "engine.variant_unknown" and p.row == 2
    assert "commercial" in p.render("en") and "comercial" in p.render("zh")


# ------------------------------------------------ a named factor set is used, or the line is a problem (item 14)
def test_mobile_diesel_in_mmbtu_takes_the_named_epa_set():
    """100 mmBtu of diesel in a vehicle, factor_set epa2025: EPA Hub 2025 Table 1 gives
    73.96 kg CO2/mmBtu → 7.396 t (not the Chinese steel table's NCV-basis carbon content
    applied to an HHV-basis quantity, 7.658 t); vehicle CH4/N2O come per distance (noted)."""
    inv = compute(make_case("ghgp", lines=[("mobile_combustion", "diesel", 100, "mmBtu", EPA)]))
    [line] = [x for x in inv.lines() if x["row"] == 2]
    assert line["tco2e"] == published(7.396, 3)
    assert set(line["gases"]) == {"CO2"}
    assert {i.get("set") for i in line["trace"]["inputs"] if i.get("set")} == {"epa2025"}
    assert any("per distance" in n for n in line["trace"]["notes"])


def test_a_line_naming_a_set_without_the_item_is_a_problem_not_another_set():
    with pytest.raises(ValidationFailed) as info:
        compute(make_case("ghgp", lines=[("stationary_combustion", "高炉煤气", 10, "10^4 Nm3", EPA)]))
    [p] = info.value.problems
    assert p.code == "engine.no_factor" and p.row == 2 and "US EPA GHG Emission Factors Hub 2025" in p.render("en")
