"""What the workbook could not express before (issue 8, item 18): emission factors per unit of
production for any gas, the cement clinker method by its oxides with kiln and bypass dust and
non-carbonate CaO/MgO, steam and hot water entered in tonnes, and unit conversions in the trace.
Every expected figure is worked by hand from the published formula and factor."""
from __future__ import annotations

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import render_problem
from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case, write_case
from conftest_helpers import make_case

HEAT_EF = 0.11  # t CO2/GJ, purchased heat default (china.md §3.4)


def _line(inv, row=2):
    return [x for x in inv.lines() if x["row"] == row and "sheet" not in x][0]


def _notes(inv, row=2):
    return " ".join(_line(inv, row)["trace"]["notes"])


# ------------------------------------------------------------------- steam and hot water in tonnes
def test_steam_in_tonnes_takes_its_enthalpy():
    # MEE steel guideline 2024, Appendix E: AD = 100 t × (2,800 − 83.74) kJ/kg × 10⁻³ = 271.626 GJ
    inv = compute(make_case("gbt32150", lines=[("purchased_heat", "蒸汽", 100, "t", {"enthalpy": 2800})]))
    assert _line(inv)["tco2e"] == pytest.approx(271.626 * HEAT_EF, rel=1e-12)
    trace = _line(inv)["trace"]
    assert trace["formula"].startswith("AD = M × (En − 83.74) × 10⁻³")
    names = [i["name"] for i in trace["inputs"]]
    assert "En" in names and "M" in names


def test_hot_water_in_tonnes_takes_its_temperature():
    # AD = 1,000 t × (90 − 20) °C × 4.1868 × 10⁻³ = 293.076 GJ
    inv = compute(make_case("gbt32150", lines=[("purchased_heat", "热水", 1000, "t", {"water_temperature": 90})]))
    assert _line(inv)["tco2e"] == pytest.approx(293.076 * HEAT_EF, rel=1e-12)


def test_exported_steam_in_tonnes_is_deducted():
    inv = compute(make_case("gbt32150", lines=[("exported_heat", "", 100, "t", {"enthalpy": 2800})]))
    assert _line(inv)["tco2e"] == pytest.approx(-271.626 * HEAT_EF, rel=1e-12)


def _problems(case) -> dict[int, tuple[str, str]]:
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    return {p.row: (render_problem(p, "en"), render_problem(p, "zh")) for p in exc.value.problems}


def test_steam_in_tonnes_without_enthalpy_is_a_located_problem():
    en, zh = _problems(make_case("gbt32150", lines=[("purchased_heat", "蒸汽", 100, "t", {})]))[2]
    assert en.startswith("Activities!") and "enthalpy" in en and "蒸汽焓值" in zh


# ------------------------------------------------------------------- clinker by its oxides
def test_clinker_with_kiln_and_bypass_dust_by_its_oxides():
    """E = (Q_clinker + Q_kiln dust + Q_bypass dust) × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × 44/40]:
    (150,000 + 3,000 + 500) t × (0.65 × 44/56 + 0.02 × 44/40) = 153,500 × 0.532714… = 81,771.64 t."""
    ox = {"cao": 0.65, "mgo": 0.02}
    inv = compute(make_case("gbt32150", lines=[("process", "硅酸盐水泥熟料", 150_000, "t", ox),
                                                ("process", "窑头粉尘", 3_000, "t", ox),
                                                ("process", "旁路放风粉尘", 500, "t", ox)]))
    per_t = 0.65 * 44 / 56 + 0.02 * 44 / 40
    assert inv.totals["scope1"] == pytest.approx(153_500 * per_t, rel=1e-12)
    assert round(inv.totals["scope1"], 2) == 81_771.64
    assert "kiln and bypass dust count like clinker" in _notes(inv, 3)
    assert _line(inv)["trace"]["formula"] == "E = Q × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × 44/40]"


def test_non_carbonate_oxides_are_taken_off():
    # 1,000 t × ((0.65 − 0.01) × 44/56 + (0.02 − 0.005) × 44/40) = 1,000 × (0.502857… + 0.0165) = 519.36 t
    inv = compute(make_case("gbt32150", lines=[("process", "熟料", 1000, "t", {
        "cao": 0.65, "mgo": 0.02, "cao_non_carbonate": 0.01, "mgo_non_carbonate": 0.005})]))
    assert inv.totals["scope1"] == pytest.approx(1000 * (0.64 * 44 / 56 + 0.015 * 44 / 40), rel=1e-12)
    assert round(inv.totals["scope1"], 2) == 519.36


def test_dust_without_oxides_and_too_much_non_carbonate_are_problems():
    msgs = _problems(make_case("gbt32150", lines=[("process", "窑头粉尘", 3000, "t", {}),
                                                  ("process", "熟料", 1000, "t", {"cao": 0.6, "cao_non_carbonate": 0.7})]))
    assert "counted by the clinker's oxides" in msgs[2][0]
    assert "non-carbonate CaO 70 % is more than the clinker's CaO 60 %" in msgs[3][0]


# ------------------------------------------------------------------- a factor per unit of production
def test_pfc_per_tonne_of_aluminium():
    """china-addendum §4 (aluminium anode effect): defaults 0.034 kg CF4/t Al and 0.0034 kg C2F6/t Al;
    10,000 t Al under AR5 (CF4 6,630; C2F6 11,100): 10,000 × 0.034/1000 × 6,630 = 2,254.2 t and
    10,000 × 0.0034/1000 × 11,100 = 377.4 t; 2,631.6 t CO2e."""
    inv = compute(make_case("ghgp", "AR5", lines=[
        ("process", "原铝（阳极效应）", 10_000, "t", {"ef_gas": 0.034, "gas": "CF4", "ef_unit": "kg/t"}),
        ("process", "原铝（阳极效应）", 10_000, "t", {"ef_gas": 0.0034, "gas": "C2F6", "ef_unit": "kg/t"})]))
    assert _line(inv, 2)["tco2e"] == pytest.approx(2254.2, rel=1e-12)
    assert _line(inv, 3)["tco2e"] == pytest.approx(377.4, rel=1e-12)
    assert inv.totals["scope1"] == pytest.approx(2631.6, rel=1e-12)


def test_a_gas_factor_needs_its_gas():
    msgs = _problems(make_case("ghgp", lines=[("process", "原铝", 10, "t", {"ef_gas": 0.034, "ef_unit": "kg/t"})]))
    assert "needs the gas it is for" in msgs[2][0]


# ------------------------------------------------------------------- unit conversions in the trace
def test_the_trace_shows_the_unit_conversion():
    inv = compute(make_case("gbt32150", lines=[("purchased_electricity", "", 1_000_000, "kWh", {})]))
    assert "unit conversion: 1 kWh = 0.001 MWh" in _notes(inv)
    inv = compute(make_case("gbt32150", lines=[("stationary_combustion", "柴油", 100_000, "kg", {})]))
    assert "1 kg = 0.001 t" in _notes(inv)
    inv = compute(make_case("gbt32150", lines=[("purchased_electricity", "", 1000, "MWh", {})]))
    assert "unit conversion" not in _notes(inv)


# ------------------------------------------------------------------- the workbook columns
def test_the_new_columns_are_read_in_either_language_and_written_back(tmp_path):
    path = tmp_path / "c.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "案例"
    for row in (("键", "值"), ("核算标准", "GB/T 32150"), ("报告年度", 2024)):
        ws.append(list(row))
    fac = wb.create_sheet("设施")
    fac.append(["编号", "名称", "地区"])
    fac.append(["F1", "水泥厂", "湖北"])
    act = wb.create_sheet("活动数据")
    act.append(["设施", "排放源类别", "品种", "数量", "单位", "熟料CaO含量", "熟料MgO含量", "蒸汽焓值"])
    act.append(["F1", "过程排放", "熟料", 1000, "t", "65%", "2%", None])
    act.append(["F1", "购入热力", "蒸汽", 100, "t", None, None, 2800])
    wb.save(path)
    case = read_case(path)
    assert case.activities.options["cao"] == [0.65, None] and case.activities.options["enthalpy"] == [None, 2800]
    inv = compute(case)
    assert inv.totals["scope1"] == pytest.approx(1000 * (0.65 * 44 / 56 + 0.02 * 44 / 40), rel=1e-12)
    write_case(case, tmp_path / "again.xlsx", lang="en")
    again = read_case(tmp_path / "again.xlsx")
    assert again.activities.options["mgo"] == [0.02, None]
    assert compute(again).totals == pytest.approx(inv.totals)
