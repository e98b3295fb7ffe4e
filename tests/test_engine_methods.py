"""The formulas of carbonmgr.inventory.methods govern the engine.

tests/test_methods.py checks each formula against the published figures; these tests
show that the engine computes through those very functions, so that a regression of a
formula is a regression of the engine too:

* each function of ``methods`` is replaced (pytest's monkeypatch) by one that returns
  twice the true result, and the engine's figure that depends on it doubles;
* ``engine.py`` calls every function of ``methods`` and holds no inline copy of the
  combustion formula (no 44/12 of its own).
"""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from carbonmgr.inventory import engine, methods
from carbonmgr.inventory.engine import compute
from conftest_helpers import Equipment, Facility, Instrument, make_case


def _doubled(value):
    if isinstance(value, tuple):  # market_based: (emissions, MWh covered)
        return (2 * value[0],) + value[1:]
    if isinstance(value, dict):  # per_gas
        return {k: 2 * v for k, v in value.items()}
    return 2 * value


def _screening():
    return Equipment("F1", "screening", "HFC-32", "chillers",
                     values={"new_charge": 100, "operating_capacity": 1000, "disposed_capacity": 50})


# function -> (case, the figure of the inventory that the function's result scales)
CASES = {
    "combustion_cn": (
        lambda: make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100, "t", {})]),
        lambda inv: inv.totals["scope1"]),
    "combustion_element_carbon": (
        lambda: make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t",
                                               {"carbon_element": 0.55, "oxidation_rate": 0.94})]),
        lambda inv: inv.totals["scope1"]),
    "carbonate": (
        lambda: make_case("gbt32150", lines=[("process", "石灰石", 1000, "t", {"purity": 0.95})]),
        lambda inv: inv.totals["scope1"]),
    "blend_gwp": (
        lambda: make_case("ghgp", "AR5", lines=[("fugitive", "R-410A", 10, "kg", {})]),
        lambda inv: inv.totals["scope1"]),
    "co2e": (
        lambda: make_case("ghgp", "AR5", lines=[("stationary_combustion", "natural gas", 1_000_000, "scf",
                                                  {"factor_set": "epa2025"})]),
        lambda inv: inv.totals["scope1"]),
    "per_gas": (
        lambda: make_case("ghgp", "AR5", lines=[("stationary_combustion", "natural gas", 1_000_000, "scf",
                                                  {"factor_set": "epa2025"})]),
        lambda inv: inv.by_gas["CH4"]["t"]),
    "market_based": (
        lambda: make_case("ghgp", lines=[("purchased_electricity", "eGRID CAMX", 1000, "MWh", {})],
                          instruments=[Instrument("F1", "rec", 600, 0.0)], residual_mix_ef=0.50),
        lambda inv: inv.totals["scope2_market"]),
    "cn_green_power": (
        lambda: make_case("gbt32150", lines=[("purchased_electricity", "", 10_000, "MWh", {})],
                          facilities=[Facility("F1", region="河北")],
                          instruments=[Instrument("F1", "green_certificate", 5_000, 0.0)],
                          reporting_year=2023, grid_year=2021),
        lambda inv: inv.totals["scope2"]),
    "refrigerant_screening": (
        lambda: make_case("ghgp", "AR4", equipment=[_screening()]),
        lambda inv: inv.totals["scope1"]),
    "refrigerant_material_balance": (
        lambda: make_case("ghgp", "AR4", equipment=[Equipment("F1", "material_balance", "HFC-23", values={
            "inventory_start": 500, "inventory_end": 400, "purchased": 100, "sold": 20})]),
        lambda inv: inv.totals["scope1"]),
    "refrigerant_simplified_balance": (
        lambda: make_case("ghgp", "AR4", equipment=[Equipment("F1", "simplified_material_balance", "HFC-143a",
                                                              values={"new_charge": 10, "recharge": 5})]),
        lambda inv: inv.totals["scope1"]),
    "clinker_oxide": (
        lambda: make_case("gbt32150", lines=[("process", "硅酸盐水泥熟料", 1000, "t", {"cao": 0.65, "mgo": 0.02})]),
        lambda inv: inv.totals["scope1"]),
    "steam_energy": (
        lambda: make_case("gbt32150", lines=[("purchased_heat", "", 100, "t", {"enthalpy": 2800})]),
        lambda inv: inv.totals["scope2_location"]),
    "hot_water_energy": (
        lambda: make_case("gbt32150", lines=[("purchased_heat", "", 100, "t", {"water_temperature": 90})]),
        lambda inv: inv.totals["scope2_location"]),
    "uncertainty_sum": (
        lambda: make_case("ghgp", lines=[
            ("stationary_combustion", "source A", 100, "t", {"ef_co2e": 1.0, "uncertainty": 8.6023}),
            ("stationary_combustion", "source B", 50, "t", {"ef_co2e": 1.0, "uncertainty": 20})]),
        lambda inv: inv.uncertainty["total_percent"]),
}


def _formulas() -> set[str]:
    return {name for name, fn in vars(methods).items()
            if inspect.isfunction(fn) and fn.__module__ == methods.__name__ and not name.startswith("_")}


def test_every_formula_has_a_case_here():
    assert set(CASES) == _formulas()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_changed_formula_changes_the_engine(name, monkeypatch):
    make, figure = CASES[name]
    true_value = figure(compute(make()))
    assert true_value > 0  # the case reaches the formula with something to double
    original = getattr(methods, name)
    calls = []

    def doubled(*args, **kwargs):
        calls.append(args)
        return _doubled(original(*args, **kwargs))

    monkeypatch.setattr(methods, name, doubled)
    changed = figure(compute(make()))
    assert calls, f"the engine did not call methods.{name}"
    assert changed == pytest.approx(2 * true_value, rel=1e-12)


def _engine_tree() -> ast.Module:
    return ast.parse(Path(engine.__file__).read_text(encoding="utf-8"))


def test_engine_calls_every_formula():
    called = {node.func.attr for node in ast.walk(_engine_tree())
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name) and node.func.value.id == "methods"}
    assert _formulas() <= called, f"not called by the engine: {sorted(_formulas() - called)}"


def test_engine_has_no_copy_of_the_carbon_to_co2_ratio():
    tree = _engine_tree()
    operands = {side.value for node in ast.walk(tree) if isinstance(node, ast.BinOp)
                for side in (node.left, node.right) if isinstance(side, ast.Constant)}
    assert not operands & {44, 12, methods.C_TO_CO2}  # no 44/12, × 44, ÷ 12 of its own
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    names |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "C_TO_CO2" not in names
