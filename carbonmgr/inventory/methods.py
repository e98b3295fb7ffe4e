"""Calculation methods as pure functions over plain numbers.

Each function is the formula of a published method; the engine picks the method and
its inputs, these functions only compute.  Units are stated per argument.
"""
from __future__ import annotations

import math
from typing import Iterable

C_TO_CO2 = 44.0 / 12.0  # molar mass ratio CO2 / C


def combustion_cn(fc: float, ncv: float, cc: float, of: float) -> float:
    """Chinese guideline fuel combustion: E = FC × NCV × CC × OF × 44/12.

    fc: fuel (t or 10^4 Nm3); ncv: GJ per fuel unit; cc: tC/GJ; of: fraction -> t CO2.
    """
    return fc * ncv * cc * of * C_TO_CO2


def combustion_element_carbon(fc: float, c_ar: float, of: float) -> float:
    """Element-carbon form: E = FC × C_ar × OF × 44/12 (fc in t, c_ar in tC/t)."""
    return fc * c_ar * of * C_TO_CO2


def per_gas(activity: float, factors: dict[str, float]) -> dict[str, float]:
    """Activity × per-gas factor, for each gas (factors in t gas per activity unit)."""
    return {gas: activity * ef for gas, ef in factors.items()}


def co2e(masses: dict[str, float], gwp: dict[str, float]) -> float:
    """Σ mass_gas × GWP_gas (t CO2e)."""
    return sum(m * gwp[g] for g, m in masses.items())


def carbonate(mass: float, purity: float, ef: float) -> float:
    """Carbonate decomposition: E = M × purity × EF (t, fraction, t CO2/t carbonate)."""
    return mass * purity * ef


def clinker_oxide(mass: float, cao: float, mgo: float, cao_nc: float, mgo_nc: float, ef_cao: float,
                  ef_mgo: float) -> float:
    """Cement clinker by its oxides (NDRC cement guideline / GB/T 32151.8):
    E = Q × [(CaO − CaO_non-carbonate) × 44/56 + (MgO − MgO_non-carbonate) × 44/40], the ratios as
    published (ef_cao, ef_mgo); kiln and bypass dust are further masses Q with the clinker's oxides."""
    return mass * ((cao - cao_nc) * ef_cao + (mgo - mgo_nc) * ef_mgo)


STEAM_REFERENCE_ENTHALPY = 83.74  # kJ/kg: water at 20 °C (MEE steel guideline 2024, 附录E)
WATER_REFERENCE_TEMPERATURE = 20.0  # °C
WATER_HEAT_CAPACITY = 4.1868  # kJ/(kg·°C)


def steam_energy(mass_t: float, enthalpy_kj_per_kg: float) -> float:
    """Heat of steam, GJ: AD_st = M_st × (En_st − 83.74) × 10⁻³ (t, kJ/kg)."""
    return mass_t * (enthalpy_kj_per_kg - STEAM_REFERENCE_ENTHALPY) * 1e-3


def hot_water_energy(mass_t: float, temperature_c: float) -> float:
    """Heat of hot water, GJ: AD_w = M_w × (T_w − 20) × 4.1868 × 10⁻³ (t, °C)."""
    return mass_t * (temperature_c - WATER_REFERENCE_TEMPERATURE) * WATER_HEAT_CAPACITY * 1e-3


def blend_gwp(components: Iterable[tuple[float, float]]) -> float:
    """GWP of a refrigerant blend: Σ mass fraction × component GWP."""
    return sum(frac * gwp for frac, gwp in components)


def refrigerant_screening(gwp: float, c_new: float, k_install: float, c_operating: float, x_operating: float,
                          c_disposed: float, y_remaining: float, z_recovery: float) -> float:
    """EPA SGEC screening method (kg CO2e when capacities are kg; rates as fractions).

    E = GWP × [C_new × k + C_operating × x + C_disposed × y × (1 − z)]
    """
    return gwp * (c_new * k_install + c_operating * x_operating + c_disposed * y_remaining * (1.0 - z_recovery))


def refrigerant_material_balance(gwp: float, inventory_start: float, inventory_end: float, purchased: float,
                                 sold: float, capacity_start: float, capacity_end: float) -> float:
    """EPA material balance: E = GWP × (ΔInventory + Transferred + ΔCapacity), floored at 0."""
    released = (inventory_start - inventory_end) + (purchased - sold) + (capacity_start - capacity_end)
    return gwp * max(0.0, released)


def refrigerant_simplified_balance(gwp: float, charge_new: float, capacity_new: float, recharge: float,
                                   capacity_disposed: float, recovered: float) -> float:
    """EPA simplified material balance, floored at 0:
    E = GWP × (Charge_new − Capacity_new + Recharge + Capacity_disposed − Recovered)."""
    released = charge_new - capacity_new + recharge + capacity_disposed - recovered
    return gwp * max(0.0, released)


def market_based(consumption: float, instruments: Iterable[tuple[float, float]], residual_ef: float
                 ) -> tuple[float, float]:
    """GHG Protocol Scope 2 market-based emissions for one site.

    instruments: (MWh, t CO2e/MWh) in order of use; coverage is capped at consumption.
    Returns (emissions t CO2e, MWh covered by instruments).
    """
    left = consumption
    emissions = 0.0
    for mwh, ef in instruments:
        use = min(mwh, left)
        if use <= 0:
            break
        emissions += use * ef
        left -= use
    emissions += left * residual_ef
    return emissions, consumption - left


def cn_green_power(consumption: float, green_mwh: float, ef_rest: float) -> float:
    """Chinese green-power rule: certified green power counts 0; the rest uses the national
    factor excluding market-traded non-fossil power (china.md §3.5)."""
    rest = max(0.0, consumption - min(green_mwh, consumption))
    return rest * ef_rest


def uncertainty_sum(pairs: Iterable[tuple[float, float]]) -> float:
    """IPCC Approach 1 summation rule: U = sqrt(Σ(U_i·x_i)²) / |Σx_i| (pairs of (x, U%))."""
    pairs = list(pairs)
    total = sum(x for x, _ in pairs)
    if total == 0:
        return 0.0
    return math.sqrt(sum((u * x) ** 2 for x, u in pairs)) / abs(total)
