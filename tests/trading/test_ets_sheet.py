"""The ETS sheet of a case workbook and ``carbonmgr ets``: real .xlsx files written with
openpyxl, read by the importer, checked, computed and printed by the command line."""
from __future__ import annotations

import json

import openpyxl
import pytest

from carbonmgr.cli import main
from carbonmgr.common.errors import ValidationFailed
from carbonmgr.io.workbook import read_case
from case_books import ACTIVITIES, CASE, ETS, FACILITIES, ets_file, write_book


def test_the_sheet_is_read_in_either_language(tmp_path):
    case = read_case(ets_file(tmp_path))
    assert case.info.ets_year == 2023 and case.info.carbon_price == 90 and case.info.ccer_offered == 10_000
    u1, u2 = case.ets.units
    assert (u1.unit, u1.facility, u1.klass, u1.generation, u1.heat, u1.load_factor, u1.verified_emissions, u1.row) == \
        ("U1", "F1", "I", 3_000_000, 1_000_000, 0.6, 2_700_000, 2)
    assert (u2.klass, u2.verified_emissions) == ("gas", None)
    assert case.activities.options["ets_unit"] == ["U2", "U2"]
    english = [["unit", "facility", "class", "generation", "load_factor"], ["A", "F1", "II", 100, 0.9]]
    case = read_case(ets_file(tmp_path, english, sheet="ETS"))
    assert case.ets.units[0].klass == "II"


@pytest.mark.parametrize("price, held, ccer", [("59.87 元/吨", "5,000 吨", "10000吨"), ("¥59.87", "5000 tCO2", "10000 t"),
                                                ("59.87 CNY/t", "5000", "10,000 吨二氧化碳")])
def test_the_trading_keys_may_carry_their_unit(tmp_path, price, held, ccer):
    """A firm's sheet often writes the unit with the number: the carbon price in 元/吨 (or with ¥),
    the allowances and CCER in 吨 / t CO2; the number is read."""
    case = [r for r in CASE if r[0] not in ("carbon_price", "allowances_held", "CCER")]
    case += [["carbon_price", price], ["allowances_held", held], ["CCER", ccer]]
    info = read_case(ets_file(tmp_path, case=case)).info
    assert (info.carbon_price, info.allowances_held, info.ccer_offered) == (59.87, 5000, 10_000)


@pytest.mark.parametrize("key, value", [("carbon_price", "59.87 万元"), ("CCER", "1 万吨"), ("carbon_price", "59.87 美元/吨")])
def test_another_unit_is_not_guessed(tmp_path, key, value):
    """万元, 万吨 or another currency: refused at its cell, quoting what was typed."""
    case = [r for r in CASE if r[0] != key] + [[key, value]]
    with pytest.raises(ValidationFailed) as info:
        read_case(ets_file(tmp_path, case=case))
    [problem] = info.value.problems
    assert problem.render("zh").endswith(f"“{value}”不是数字"), problem.render("zh")


def test_a_case_without_the_sheet_has_no_ets_data(tmp_path):
    path = write_book(tmp_path / "plain.xlsx", {"Case": CASE, "Facilities": FACILITIES, "Activities": ACTIVITIES[:1]
                                                + [["F1", "purchased_electricity", None, 1, "MWh"]]})
    assert read_case(path).ets is None
    assert main(["--lang", "en", "ets", str(path)]) == 2


@pytest.mark.parametrize("rows, cell, text_en, text_zh", [
    ([["unit", "class"], ["U1", "coal"]], "B2", 'class "coal" is not one of', "机组类别“coal”不是可选值之一"),
    ([["unit", "class", "cooling"], ["U1", "I", "fan"]], "C2", 'cooling "fan" is not one of', "冷却方式“fan”"),
    ([["unit", "class", "load_factor"], ["U1", "I", 180]], "C2", "load_factor", "负荷率"),
    ([["unit", "class", "generation"], ["U1", "I", -5]], "C2", "negative", "负"),
    ([["unit", "class"], ["U1", "I"], ["U1", "II"]], "A3", 'unit "U1" is listed twice (first in row 2)', "机组“U1”重复"),
    ([["unit", "class"], [None, "I"]], "A3", "", ""),
])
def test_bad_ets_sheets_are_located(tmp_path, rows, cell, text_en, text_zh):
    if rows[-1][0] is None:  # an empty unit id
        rows = [rows[0], ["U1", "I"], [None, "gas"]]
    path = ets_file(tmp_path, rows)
    with pytest.raises(ValidationFailed) as info:
        read_case(path)
    problems = info.value.problems
    assert any(p.cell == f"配额!{cell}" for p in problems), [p.cell for p in problems]
    en = [p.render("en") for p in problems if p.cell == f"配额!{cell}"]
    zh = [p.render("zh") for p in problems if p.cell == f"配额!{cell}"]
    assert any(text_en in t for t in en), en
    assert any(text_zh in t for t in zh), zh


@pytest.mark.parametrize("rows, case, cell, text_en", [
    # 2023 allocates on generation: a unit with supply only is refused, at its row and the column
    ([["unit", "class", "供电量", "负荷率"], ["U1", "I", 100, 0.9]], None, "配额!2",
     "unit U1: the 2023 plan allocates on generation, which is empty"),
    ([["unit", "class", "generation"], ["U1", "I", 100]], None, "配额!2", "unit U1: load_factor is needed"),
    ([["unit", "class", "supply", "load_factor"], ["U1", "I", 100, 0.9]], [["ets_year", 2021]], "配额!2",
     "unit U1: cooling is needed for the 2021 allocation"),
    ([["unit", "class", "generation", "load_factor"], ["U1", "I", 100, 0.9]], [["ets_year", 2018]], "Case",
     "no allocation plan for ETS year 2018"),
])
def test_bad_ets_data_for_the_year_exits_2_with_located_messages(tmp_path, capsys, rows, case, cell, text_en):
    base = [r for r in CASE if not case or r[0] != "ets_year"] + (case or [])
    if case and case[0][1] == 2018:
        base = [r for r in base if r[0] != "ets_year"] + [["ets_year", 2019]]
        path = ets_file(tmp_path, rows, base)
        wb = openpyxl.load_workbook(path)  # a year no plan covers (the reader accepts 2019-2100)
        ws = wb["Case"]
        for r in ws.iter_rows():
            if r[0].value == "ets_year":
                r[1].value = 2100
        wb.save(path)
        text_en = "no allocation plan for ETS year 2100"
    else:
        path = ets_file(tmp_path, rows, base, activities=ACTIVITIES[:2])
    assert main(["--lang", "en", "ets", str(path)]) == 2
    err = capsys.readouterr().err
    assert text_en in err and cell in err and "Traceback" not in err
    assert main(["--lang", "zh", "ets", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_ets_unit_in_activities_must_be_listed(tmp_path, capsys):
    acts = [ACTIVITIES[0], ACTIVITIES[1][:9] + ["U9"]]
    path = ets_file(tmp_path, activities=acts)
    assert main(["--lang", "en", "ets", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Activities!J2" in err and 'ETS unit "U9" is not listed in the ETS sheet' in err


def test_carbonmgr_ets_json(tmp_path, capsys):
    path = ets_file(tmp_path)
    assert main(["--lang", "en", "ets", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["year"] == 2023 and out["plan"]["name"].startswith("《2023、2024年度")
    u1, u2 = out["units"]
    assert set(u1) >= {"unit", "facility", "class", "benchmark_electricity", "benchmark_heat", "correction",
                       "allocation_electricity", "allocation_heat", "allocation", "verified_emissions", "top_up"}
    assert u1["allocation"] == 2_635_152  # T14
    # U2, gas: 0.3305 × 10 000 = 3 305; verified from its lines, direct only in 2023:
    # 1000 t × 20 GJ/t × 0.0275 tC/GJ × 44/12 = 2 016.67 t (the electricity line is outside the boundary)
    assert u2["allocation"] == 3_305
    assert u2["verified_emissions"] == pytest.approx(2016.6667, abs=1e-3)
    assert u2["top_up"] == 0
    e = out["entity"]
    assert set(e) >= {"allocation", "top_up", "allocation_final", "verified_emissions", "allowances_held", "ccer_max",
                      "ccer_used", "surplus", "price", "penalty_min", "penalty_max", "deadline"}
    verified = 2_700_000 + 1000 * 20 * 0.0275 * 44 / 12
    assert e["allocation"] == 2_635_152 + 3_305
    assert e["verified_emissions"] == pytest.approx(verified)
    assert e["ccer_max"] == int(0.05 * verified)
    assert e["ccer_used"] == 10_000
    assert e["surplus"] == pytest.approx(2_635_152 + 3_305 + 10_000 - verified)
    shortfall = verified - (2_635_152 + 3_305 + 10_000)  # 53 559.67 t short
    assert (e["price"], e["deadline"]) == (90, "2024-12-31")
    assert e["penalty_min"] == pytest.approx(5 * 90 * shortfall)
    assert e["penalty_max"] == pytest.approx(10 * 90 * shortfall)


@pytest.mark.parametrize("lang, words", [
    ("en", ["ETS allocation and compliance, 2023", "electricity allocation = 2,531,352 t CO2", "load correction F_f",
            "read in a verbatim transcription of the official text", "国环规气候〔2024〕1号"]),
    ("zh", ["2023 年度配额分配与清缴", "发电配额量 = 2,531,352 t CO2", "负荷（调峰）修正系数 F_f", "据官方文本逐字转录",
            "清缴截止日：2024-12-31"]),
])
def test_carbonmgr_ets_text_prints_every_trace_in_the_users_language(tmp_path, capsys, lang, words):
    path = ets_file(tmp_path)
    assert main(["--lang", lang, "ets", str(path)]) == 0
    out = capsys.readouterr().out
    for w in words:
        assert w in out, w
    for internal in ("ets.", "row:", "unit:", "correction_load", "None"):
        assert internal not in out, internal


def test_an_imported_project_keeps_the_ets_data(tmp_path, capsys):
    path = ets_file(tmp_path)
    project = tmp_path / "ets.carbon"
    assert main(["--lang", "en", "import", str(path), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "ets", str(path), "--json"]) == 0
    from_workbook = json.loads(capsys.readouterr().out)
    assert main(["--lang", "en", "ets", str(project), "--json"]) == 0
    from_project = json.loads(capsys.readouterr().out)
    assert from_project == from_workbook
    assert from_project["entity"]["price"] == 90


def test_a_damaged_ets_row_in_a_project_is_refused(tmp_path, capsys):
    import sqlite3

    project = tmp_path / "ets.carbon"
    assert main(["--lang", "en", "import", str(ets_file(tmp_path)), "-o", str(project)]) == 0
    conn = sqlite3.connect(project)
    conn.execute("""UPDATE ets_units SET data = '{"klass": "I", "generation": -1}' WHERE unit = 'U1'""")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["--lang", "zh", "ets", str(project)]) == 2
    err = capsys.readouterr().err
    assert "机组 U1 的配额数据已损坏（发电量）" in err and "Traceback" not in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_written_case_reads_back_with_its_ets_sheet(tmp_path, lang):
    from carbonmgr.io.workbook import write_case

    case = read_case(ets_file(tmp_path))
    out = tmp_path / f"back_{lang}.xlsx"
    write_case(case, out, lang=lang)
    again = read_case(out)
    assert [u.to_dict() | {"row": 0} for u in again.ets.units] == [u.to_dict() | {"row": 0} for u in case.ets.units]
    assert again.info.ets_year == 2023 and again.info.ccer_offered == 10_000
    assert again.activities.options["ets_unit"] == ["U2", "U2"]


def test_pre_allocation_from_the_sheet_in_the_json_and_a_project(tmp_path, capsys):
    ets = [row + [basis] for row, basis in zip(ETS, ["上年度核查排放量", 2_000_001, 3_000])]
    path = ets_file(tmp_path, ets)
    assert read_case(path).ets.units[0].basis_emissions == 2_000_001
    assert main(["--lang", "en", "ets", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # 2023: 70 % of the previous year's verified emissions, rounded down: 1 400 000.7 → 1 400 000; 2 100
    assert [u["pre_allocation"] for u in out["units"]] == [1_400_000, 2_100]
    assert out["entity"]["pre_allocation"] == 1_402_100
    assert out["entity"]["true_up"] == out["entity"]["allocation_final"] - 1_402_100
    project = tmp_path / "ets.carbon"
    assert main(["--lang", "en", "import", str(path), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["--lang", "zh", "ets", str(project)]) == 0
    text = capsys.readouterr().out
    assert "预分配配额量 = 1,400,000 t CO2" in text and "基准年 2022" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_figure_without_a_value_shows_no_unit(tmp_path, capsys, lang):
    """"预分配配额量 - t CO2" (the issue 10 walk, the ETS page and `carbonmgr ets`): a figure the year
    does not have reads "-" alone, never as a minus sign before a unit."""
    from carbonmgr.trading.ets_text import value_text

    assert value_text(None, "t CO2", lang) == "-"
    assert value_text(1500.0, "t CO2", lang) == "1,500 t CO2"
    path = ets_file(tmp_path)
    assert main(["--lang", lang, "ets", str(path)]) == 0
    out = capsys.readouterr().out
    assert "- t CO2" not in out and "- 元" not in out and "- CNY" not in out
