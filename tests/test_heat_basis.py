"""Heating-value basis (issue 8, item 14): wherever a fuel quantity in energy units meets a factor
per unit of energy, both are on the same basis (gross, HHV, against net, NCV), or the line is a
problem: an NCV-basis Chinese carbon content applied to an mmBtu (HHV) quantity is 5-10 % off."""
from __future__ import annotations

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import render_problem
from carbonmgr.inventory.engine import compute, factor_heat_basis
from carbonmgr.factors.library import default_library
from conftest_helpers import make_case


def _problem(case):
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    [p] = exc.value.problems
    return render_problem(p, "en"), render_problem(p, "zh")


def test_an_mmbtu_quantity_does_not_take_an_ncv_carbon_content():
    en, zh = _problem(make_case("ghgp", lines=[("stationary_combustion", "diesel", 100, "mmBtu", {})]))
    assert "gross (higher heating value, HHV) basis" in en and "net (net calorific value, NCV)" in en
    assert "高位发热量（HHV）" in zh and "低位发热量（NCV）" in zh


def test_the_same_quantity_with_an_hhv_set_is_computed():
    # EPA Hub 2025 Table 1, diesel (distillate No. 2): 73.96 kg CO2/mmBtu, HHV basis → 7.396 t CO2
    inv = compute(make_case("ghgp", lines=[("stationary_combustion", "diesel", 100, "mmBtu",
                                           {"factor_set": "epa2025"})]))
    assert inv.by_gas["CO2"]["t"] == pytest.approx(7.396, rel=1e-9)


def test_a_declared_basis_wins_over_the_unit_convention():
    # said to be net: the Chinese NCV-basis carbon content fits (42.652 GJ/t is not used: the
    # quantity is energy already): 100 mmBtu × 1.055056 GJ × 0.02020 tC/GJ × 0.98 × 44/12
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "mmBtu",
                                               {"heat_basis": "低位", "factor_set": "cn_mee_steel_2024"})]))
    assert inv.totals["scope1"] == pytest.approx(100 * 1.055056 * 0.02020 * 0.98 * 44 / 12, rel=1e-9)
    en, _zh = _problem(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "GJ",
                                                    {"heat_basis": "hhv"})]))
    assert "on the gross (higher heating value, HHV) basis" in en


def test_an_energy_quantity_of_unstated_basis_in_gj_is_taken_as_written():
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "GJ", {})]))
    assert inv.totals["scope1"] > 0


def test_an_unknown_basis_is_a_problem():
    en, zh = _problem(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "GJ",
                                                    {"heat_basis": "medium"})]))
    assert 'heat basis "medium" is neither ncv (net) nor hhv (gross)' in en and "热值基准“medium”" in zh


def test_every_factor_per_energy_has_a_known_basis_where_it_matters():
    lib = default_library()
    epa = [f for f in lib.factors if f.set == "epa2025" and f.unit.endswith("/mmBtu")]
    assert epa and all(factor_heat_basis(f) == "hhv" for f in epa)
    desnz = {factor_heat_basis(f) for f in lib.factors if f.set == "desnz2024" and "CV)" in f.unit}
    assert desnz == {"hhv", "ncv"}
    cn = [f for f in lib.factors if f.set.startswith("cn_") and f.param == "cc"]
    assert cn and all(factor_heat_basis(f) == "ncv" for f in cn)
