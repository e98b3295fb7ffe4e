"""The pure formulas of carbonmgr.inventory.methods against the worked numbers of the references.

Every expected value below is the *published* figure (china.md §6, china-addendum §5,
intl.md §9), checked to its stated rounding: ± half of its last published digit.
Inputs are typed in from the references; nothing is read from resources/ or computed
with the engine.
"""
from __future__ import annotations

import pytest

from carbonmgr.inventory import methods
from conftest_helpers import published

# GWPs typed in from intl.md §5.1 (not from resources/gwp), so these tests check the formulas only.
AR4 = {"CH4": 25, "N2O": 298, "HFC-32": 675, "HFC-125": 3500, "HFC-134a": 1430, "HFC-143a": 4470, "HFC-23": 14800}
AR5 = {"CH4": 28, "N2O": 265, "HFC-32": 677, "HFC-125": 3170, "HFC-134a": 1300, "HFC-143a": 4800, "HFC-23": 12400}
AR6 = {"CH4_fossil": 29.8, "CH4": 27.0, "N2O": 273, "HFC-32": 771, "HFC-125": 3740, "HFC-134a": 1530,
       "HFC-143a": 5810}


def test_c_to_co2_is_44_over_12():
    assert methods.C_TO_CO2 == pytest.approx(44.0 / 12.0, rel=1e-15)
    assert methods.C_TO_CO2 == pytest.approx(3.6666666666666665)


# ------------------------------------------------------------------ combustion (china)
@pytest.mark.parametrize("ref, fc, ncv, cc, of, expected, decimals", [
    ("T2a", 1000, 19.570, 26.1e-3, 0.93, 1741.75, 2),       # GB/T 32151.22 table, CC in tC/TJ
    ("T2b", 1000, 23.204, 0.02618, 0.93, 2071.51, 2),       # Set A
    ("T3", 100, 389.31, 0.0153, 0.99, 2162.19, 2),          # 100 × 10^4 Nm3 natural gas
    ("T4", 100, 42.652, 20.2e-3, 0.98, 309.59, 2),          # diesel
    ("T4-setA", 100, 43.33, 20.2e-3, 0.98, 314.51, 2),      # diesel, Set A NCV 43.33
    ("T5", 1_000_000, 20.0, 0.03085, 0.99, 2_239_710, 0),   # power coal, default CC
    ("T20", 1000, 23.736, 0.02618, 1.0, 2278.50, 2),        # MEE steel 2024, enterprise level: no OF
    ("addendum-1.7-ndrc2013", 1000, 19.570, 26.18e-3, 0.93, 1747.09, 2),
    ("PZ-179111-coal", 1000, 20, 27.49e-3, 0.94, 1894.98, 2),
    ("PZ-179111-lpg", 5, 41.87, 17.2e-3, 0.98, 12.94, 2),   # 5 000 kg = 5 t
    ("PZ-179111-diesel", 2, 43, 20.2e-3, 0.98, 6.24, 2),
])
def test_combustion_cn(ref, fc, ncv, cc, of, expected, decimals):
    assert methods.combustion_cn(fc, ncv, cc, of) == published(expected, decimals)


def test_T3_natural_gas_per_m3_matches_set_c():
    # china.md §6 T3: 2,162.19 t for 10^6 m3 = 2.1622 kg CO2 per m3 (Set C, GB/T 2589 table)
    per_m3_kg = methods.combustion_cn(1, 389.31, 0.0153, 0.99) / 1e4 * 1000
    assert per_m3_kg == published(2.1622, 4)


def test_combustion_element_carbon_equals_ncv_times_cc():
    # china.md §1.3: E = FC × C_ar × OF × 44/12 with C_ar = NCV × CC (PZ-179111 coal)
    c_ar = 20 * 27.49e-3
    assert methods.combustion_element_carbon(1000, c_ar, 0.94) == published(1894.98, 2)
    assert methods.combustion_element_carbon(1000, c_ar, 0.94) == pytest.approx(
        methods.combustion_cn(1000, 20, 27.49e-3, 0.94), rel=1e-12)


def test_T8_carbonate_limestone():
    assert methods.carbonate(1000, 0.95, 0.4397) == published(417.71, 2)


def test_T9_clinker_factor_as_carbonate_with_full_purity():
    # T9: 1,000,000 t Portland clinker × 0.535 (E = M × EF; purity 1)
    assert methods.carbonate(1_000_000, 1.0, 0.535) == published(535_000, 0)


def test_T1_cn_green_power():
    # 10,000 MWh, 5,000 MWh certified green: rest × 0.5942 → 2,971 t
    assert methods.cn_green_power(10_000, 5_000, 0.5942) == published(2971, 0)
    # exam distractors must not come out
    for wrong in (7120, 3560, 2784):
        assert methods.cn_green_power(10_000, 5_000, 0.5942) != pytest.approx(wrong, abs=1)


def test_cn_green_power_caps_green_at_consumption():
    assert methods.cn_green_power(1_000, 5_000, 0.5942) == 0.0


# ------------------------------------------------------------------ per-gas (EPA, IPCC)
def test_E_S1_per_gas_and_co2e():
    # 1,000,000 scf natural gas, per-scf factors (kg and g per scf) → kg
    masses = methods.per_gas(1_000_000, {"CO2": 0.05444, "CH4": 0.00103e-3, "N2O": 0.0001e-3})
    assert masses["CO2"] == published(54_440, 0)
    assert masses["CH4"] == published(1.03, 2)
    assert masses["N2O"] == published(0.10, 2)
    assert methods.co2e(masses, {"CO2": 1, **AR5}) == published(54_495.34, 2)
    assert methods.co2e(masses, {"CO2": 1, **AR4}) == published(54_495.55, 2)
    assert methods.co2e(masses, {"CO2": 1, "CH4": AR6["CH4_fossil"], "N2O": AR6["N2O"]}) == published(54_497.994, 3)
    assert methods.co2e(masses, {"CO2": 1, "CH4": AR6["CH4"], "N2O": AR6["N2O"]}) == published(54_495.11, 2)


def test_E_I1_per_gas_ipcc_tier1():
    tj = 100 * 43.0 / 1000  # 100 t = 0.1 Gg × 43.0 TJ/Gg
    masses = methods.per_gas(tj, {"CO2": 74_100, "CH4": 3, "N2O": 0.6})  # kg/TJ → kg
    assert masses["CO2"] == published(318_630, 0)
    assert methods.co2e(masses, {"CO2": 1, **AR5}) == published(319_674.9, 1)
    assert methods.co2e(masses, {"CO2": 1, "CH4": 29.8, "N2O": 273}) == published(319_718.76, 2)
    assert methods.co2e(masses, {"CO2": 1, "CH4": 27.0, "N2O": 273}) == published(319_682.64, 2)


@pytest.mark.parametrize("ar, expected", [("AR4", 323), ("AR5", 293), ("AR6 fossil", 302.8), ("AR6 non-fossil", 300.0)])
def test_9_7_ch4_plus_n2o(ar, expected):
    gwp = {"AR4": {"CH4": 25, "N2O": 298}, "AR5": {"CH4": 28, "N2O": 265},
           "AR6 fossil": {"CH4": 29.8, "N2O": 273}, "AR6 non-fossil": {"CH4": 27.0, "N2O": 273}}[ar]
    assert methods.co2e({"CH4": 1.0, "N2O": 1.0}, gwp) == published(expected, 1)


# ------------------------------------------------------------------ blends (intl §5.2, §9.7)
@pytest.mark.parametrize("blend, gwp, comp, expected, decimals", [
    ("R-410A", AR5, {"HFC-32": 0.5, "HFC-125": 0.5}, 1923.5, 1),
    ("R-410A", AR6, {"HFC-32": 0.5, "HFC-125": 0.5}, 2255.5, 1),
    ("R-410A", AR4, {"HFC-32": 0.5, "HFC-125": 0.5}, 2087.5, 1),
    ("R-404A", AR6, {"HFC-125": 0.44, "HFC-134a": 0.04, "HFC-143a": 0.52}, 4728.0, 1),
    ("R-404A", AR5, {"HFC-125": 0.44, "HFC-134a": 0.04, "HFC-143a": 0.52}, 3942.8, 1),
    ("R-404A", AR4, {"HFC-125": 0.44, "HFC-134a": 0.04, "HFC-143a": 0.52}, 3921.6, 1),
    ("R-407C", AR6, {"HFC-32": 0.23, "HFC-125": 0.25, "HFC-134a": 0.52}, 1907.93, 2),
    ("R-407C", AR5, {"HFC-32": 0.23, "HFC-125": 0.25, "HFC-134a": 0.52}, 1624.21, 2),
])
def test_9_7_blend_gwp(blend, gwp, comp, expected, decimals):
    assert methods.blend_gwp((f, gwp[g]) for g, f in comp.items()) == published(expected, decimals)


def test_9_7_blend_gwp_matches_rounded_published_tables():
    # EPA25 / DESNZ24 publish integers: R-410A 1,924 and R-404A 3,943 (AR5) → ±0.5
    assert methods.blend_gwp([(0.5, 677), (0.5, 3170)]) == pytest.approx(1924, abs=0.5)
    assert methods.blend_gwp([(0.44, 3170), (0.04, 1300), (0.52, 4800)]) == pytest.approx(3943, abs=0.5)


def test_9_7_r404a_ar6_is_not_the_4203_mistake():
    # 4,203 used AR5 HFC-143a (4,800) inside an AR6 sum
    value = methods.blend_gwp([(0.44, 3740), (0.04, 1530), (0.52, 5810)])
    assert value != pytest.approx(4203, abs=1)
    assert methods.blend_gwp([(0.44, 3740), (0.04, 1530), (0.52, 4800)]) == pytest.approx(4203, abs=0.5)


# ------------------------------------------------------------------ refrigerants (intl §9.1)
def test_A6_1_screening_domestic_hfc32():
    kg = methods.refrigerant_screening(675, 100, 0.01, 1, 0.005, 0.5, 0.80, 0.70)
    assert kg == published(759.375, 3)  # kg CO2e


def test_A6_2_screening_standalone_commercial_hfc134a():
    kg = methods.refrigerant_screening(1430, 100, 0.03, 1, 0.15, 0.5, 0.80, 0.70)
    assert kg == published(4676.1, 1)


def test_A6_3_screening_chillers_hfc125():
    kg = methods.refrigerant_screening(3500, 100, 0.01, 1, 0.15, 0.5, 1.00, 0.95)
    assert kg == published(4112.5, 1)


def test_A6_4_material_balance_hfc23_lb():
    # ΔInventory 1, transferred 1, ΔCapacity 1 (lb) → lb CO2e
    lb = methods.refrigerant_material_balance(14800, inventory_start=1, inventory_end=0, purchased=1, sold=0,
                                              capacity_start=1, capacity_end=0)
    assert lb == published(44_400, 0)


def test_A6_5_simplified_material_balance_hfc143a_lb():
    lb = methods.refrigerant_simplified_balance(4470, charge_new=1, capacity_new=0.5, recharge=1,
                                                capacity_disposed=1, recovered=0.5)
    assert lb == published(8_940, 0)


def test_E_R1_screening_chillers_r410a():
    # published with the rounded blend GWP 1,924 → 157,768 kg
    assert methods.refrigerant_screening(1924, 200, 0.01, 500, 0.15, 100, 1.0, 0.95) == published(157_768, 0)


def test_E_R2_material_balance_hfc134a_kg():
    # IB 50, IE 40, P 30, S 5; new capacity 20, retired 10 → ΔCapacity = start − end = −10
    kg = methods.refrigerant_material_balance(1300, 50, 40, 30, 5, capacity_start=10, capacity_end=20)
    assert kg == published(32_500, 0)


def test_material_balances_are_floored_at_zero():
    assert methods.refrigerant_material_balance(1300, 10, 50, 0, 5, 0, 0) == 0.0
    assert methods.refrigerant_simplified_balance(1300, 0, 10, 0, 0, 5) == 0.0


# ------------------------------------------------------------------ market-based scope 2 (intl §9.3 E-E4)
def test_E_E4_market_based():
    emissions, covered = methods.market_based(1000, [(600, 0.0)], 0.50)
    assert emissions == published(200, 0)
    assert covered == 600


def test_E_E4_market_based_caps_instruments_at_consumption():
    emissions, covered = methods.market_based(1000, [(1200, 0.0)], 0.50)
    assert emissions == 0.0
    assert covered == 1000


def test_market_based_uses_instruments_in_order():
    # 300 MWh at 0.1, then 500 of 900 MWh at 0.2 (capped), no residual left
    emissions, covered = methods.market_based(800, [(300, 0.1), (900, 0.2), (50, 9.9)], 0.7)
    assert emissions == pytest.approx(300 * 0.1 + 500 * 0.2)
    assert covered == 800


# ------------------------------------------------------------------ uncertainty (intl §9.6)
def test_E_Q2_summation_rule():
    assert methods.uncertainty_sum([(100, 8.6023), (50, 20)]) == published(8.79, 2)


def test_uncertainty_sum_of_nothing_is_zero():
    assert methods.uncertainty_sum([]) == 0.0
    assert methods.uncertainty_sum([(10, 5), (-10, 5)]) == 0.0
