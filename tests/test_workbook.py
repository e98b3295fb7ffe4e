"""Case workbook import/export: real .xlsx files written with openpyxl, read back with read_case."""
from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import struct
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbonmgr.io import safety, workbook
from carbonmgr.common.errors import ValidationFailed
from carbonmgr.inventory.model import (ACTIVITY_OPTIONS, SOURCES, ActivityTable, CaseData, CaseInfo, Equipment, Facility,
                             Instrument)
from carbonmgr.io.safety import check_workbook_file
from carbonmgr.io.workbook import read_case, write_case, write_template
from case_books import PLAIN_CASE, PLAIN_FACILITIES, write_book

# ------------------------------------------------------------------------------------- helpers

CASE, FACILITIES = PLAIN_CASE, PLAIN_FACILITIES
# quantity is column E, as in the contract's example message
ACT_HEADER = ["facility", "source", "item", "unit", "quantity"]


def activities(*rows):
    return [ACT_HEADER, *rows]


GOOD_LINES = [
    ["F1", "stationary_combustion", "natural_gas", "10^4 Nm3", 12.5],
    ["F1", "purchased_electricity", None, "MWh", 1000],
    ["F2", "mobile_combustion", "diesel", "t", 3],
]


def case_file(tmp_path: Path, act_rows=None, case=None, facilities=None, extra_sheets=None,
              name="case.xlsx") -> Path:
    sheets = {"Case": case or CASE, "Facilities": facilities or FACILITIES,
              "Activities": act_rows if act_rows is not None else activities(*GOOD_LINES)}
    sheets.update(extra_sheets or {})
    return write_book(tmp_path / name, sheets)


def problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        read_case(path)
    return [p.render(lang) for p in info.value.problems]


def one_problem(path: Path, lang: str = "en") -> str:
    found = problems(path, lang)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------------- happy path

def test_happy_path_english(tmp_path):
    case = read_case(case_file(tmp_path))
    assert case.info.title == "Test case"
    assert case.info.standard == "gbt32150" and case.info.gwp == "SAR"
    assert case.info.reporting_year == 2023 and isinstance(case.info.reporting_year, int)
    assert case.info.consolidation == "operational_control"
    assert [f.id for f in case.facilities] == ["F1", "F2"]
    f2 = case.facilities[1]
    assert f2.equity_share == pytest.approx(0.6) and f2.financial_control == "joint"
    assert f2.operational_control is False and f2.region == "湖南"
    table = case.activities
    assert table.row == [2, 3, 4]
    assert table.facility == ["F1", "F1", "F2"]
    assert table.source == ["stationary_combustion", "purchased_electricity", "mobile_combustion"]
    assert table.item == ["natural_gas", "", "diesel"]
    assert table.quantity == [12.5, 1000.0, 3.0]
    assert all(type(q) is float for q in table.quantity)
    assert table.unit == ["10^4 Nm3", "MWh", "t"]
    assert table.options == {} and table.extra == {}
    assert case.sheet_names == {"Case": "Case", "Facilities": "Facilities", "Activities": "Activities"}
    assert case.columns["Activities"] == {"facility": "A", "source": "B", "item": "C", "unit": "D",
                                          "quantity": "E"}
    assert case.columns["Facilities"]["equity_share"] == "D"
    assert case.instruments == [] and case.equipment == [] and case.documents == {}


def test_chinese_sheets_headers_and_values(tmp_path):
    sheets = {
        "案例": [["键", "值"], ["标题", "武汉某厂"], ["核算标准", "GB/T 32150"], ["全球变暖潜势", "ar5"],
               ["报告年度", "2023年"], ["合并方法", "股权比例"], ["企业简介", "  汽车零部件  "], ["统一社会信用代码", 91420100]],
        "设施": [["编号", "名称", "地区", "股权比例", "财务控制", "运营控制"],
               ["F1", "总厂", "湖北", "60%", "是", "否"], ["F2", "分厂", "湖北", 0.3, "共同", "是"]],
        "活动数据": [["设施", "排放源类别", "品种", "单位", "数量", "碳氧化率", "生物质", "范围三类别", "备注"],
                 ["F1", "固定燃烧", "天然气", "万Nm3", " 1,234.5 ", "98%", "否", None, "锅炉"],
                 ["F2", "购入电力", None, "MWh", "12", 0.99, None, None, None],
                 ["F1", "范围三", "hotel_stay", "room-night", 3, None, "是", 6, None]],
    }
    case = read_case(write_book(tmp_path / "zh.xlsx", sheets))
    assert case.sheet_names == {"Case": "案例", "Facilities": "设施", "Activities": "活动数据"}
    assert case.info.standard == "gbt32150" and case.info.gwp == "AR5"
    assert case.info.reporting_year == 2023 and case.info.consolidation == "equity_share"
    assert case.info.extra == {"企业简介": "汽车零部件", "统一社会信用代码": 91420100}
    f1, f2 = case.facilities
    assert (f1.equity_share, f1.financial_control, f1.operational_control) == (pytest.approx(0.6), "yes", False)
    assert (f2.equity_share, f2.financial_control, f2.operational_control) == (pytest.approx(0.3), "joint", True)
    t = case.activities
    assert t.source == ["stationary_combustion", "purchased_electricity", "scope3"]
    assert t.quantity == [1234.5, 12.0, 3.0]
    assert t.unit == ["万Nm3", "MWh", "room-night"]
    assert t.options["oxidation_rate"] == [pytest.approx(0.98), 0.99, None]
    assert t.options["biogenic"] == [False, None, True]
    assert t.options["scope3_category"] == [None, None, 6]
    assert t.options["note"] == ["锅炉", None, None]
    assert case.columns["Activities"]["oxidation_rate"] == "F"


@pytest.mark.parametrize("header", ["quantity", "Quantity", " QUANTITY ", "quantity [数量]", "数量 (quantity)",
                                    "数量", "数量（quantity）", "Quantity (t)"])
def test_forgiving_headers(tmp_path, header):
    rows = [["facility", "source", "item", "unit", header], ["F1", "process", "limestone", "t", 5]]
    case = read_case(case_file(tmp_path, rows))
    assert case.activities.quantity == [5.0]
    assert case.columns["Activities"]["quantity"] == "E"


@pytest.mark.parametrize("header", ["数量 quantity", "Quantity 数量", "数量\nQuantity", "Quantity / 数量",
                                    "数量 Quantity (t)", "消耗量 | amount", "数量 Qty"])
def test_bilingual_headers_without_brackets(tmp_path, header):
    """Many firms' templates head a column with both names and no brackets, often on two lines of
    the cell: each part that names a column names the same one, so the column is read."""
    rows = [["facility", "source", "item", "unit", header], ["F1", "process", "limestone", "t", 5]]
    case = read_case(case_file(tmp_path, rows))
    assert case.activities.quantity == [5.0]
    assert case.columns["Activities"]["quantity"] == "E"


def test_bilingual_header_whose_parts_name_two_columns_is_not_guessed(tmp_path):
    """'数量 unit' names quantity in Chinese and unit in English: not read as either; the sheet then
    lacks its quantity column, which the reader says, naming the header it found."""
    rows = [["facility", "source", "item", "unit", "数量 unit"], ["F1", "process", "limestone", "t", 5]]
    message = one_problem(case_file(tmp_path, rows))
    assert "quantity" in message and '"数量 unit"' in message


def test_bilingual_ets_headers_and_case_keys_without_brackets(tmp_path):
    """The ETS sheet's and the Case sheet's names, written Chinese-then-English with a space or a
    line break, are read as the contract's columns and keys."""
    from case_books import ets_file

    ets = [["机组 unit", "设施\nfacility", "机组类别 class", "发电量 generation", "供热量 heat",
            "负荷率 load_factor", "核查排放量 verified_emissions"],
           ["U1", "F1", "300MW等级以上常规燃煤机组", 3_000_000, 1_000_000, "60%", 2_700_000]]
    case = [["key", "value"], ["title", "ETS test"], ["standard", "gbt32150"], ["报告年度 reporting_year", 2023],
            ["配额年度 ets_year", 2023], ["碳价\ncarbon_price", 90]]
    read = read_case(ets_file(tmp_path, ets=ets, case=case))
    unit = read.ets.units[0]
    assert (unit.unit, unit.verified_emissions, unit.load_factor) == ("U1", 2_700_000, pytest.approx(0.6))
    info = read.info
    assert (info.ets_year, info.carbon_price, info.reporting_year, info.extra) == (2023, 90, 2023, {})


def test_exact_id_wins_over_chinese_alias(tmp_path):
    rows = [ACT_HEADER + ["排放因子 (ef_co2)", "ef_co2e [排放因子]"],
            ["F1", "process", "x", "t", 1, 2, 3]]
    table = read_case(case_file(tmp_path, rows)).activities
    assert table.options == {"ef_co2": [2.0], "ef_co2e": [3.0]}


def test_sheet_name_variants(tmp_path):
    sheets = {"case (案例)": CASE, " FACILITIES ": FACILITIES, "Activities [活动数据]"[:31].replace("[", "(")
              .replace("]", ")"): activities(*GOOD_LINES)}
    case = read_case(write_book(tmp_path / "v.xlsx", sheets))
    assert case.sheet_names["Facilities"] == " FACILITIES "
    assert case.sheet_names["Activities"] == "Activities (活动数据)"


def test_extra_sheets_and_columns_are_kept(tmp_path):
    rows = [ACT_HEADER + ["ncv", "Comment", None, "Meter"],
            ["F1", "stationary_combustion", "natural_gas", "10^4 Nm3", 1, 389.31, "first", None, "M-1"],
            ["F1", "stationary_combustion", "natural_gas", "10^4 Nm3", 2, None, None, None, 7]]
    facilities = [FACILITIES[0] + ["manager"], FACILITIES[1] + ["Wang"], FACILITIES[2] + [None]]
    extra = {"Fuel ledger": [["month", "gas"], ["2023-01", 1.5], [None, None], ["total", 3]],
             "Power bills": [["kWh"], [100]]}
    path = case_file(tmp_path, rows, facilities=facilities, extra_sheets=extra)
    case = read_case(path)
    assert case.activities.options == {"ncv": [389.31, None]}
    assert case.activities.extra == {"Comment": ["first", None], "Meter": ["M-1", 7.0]}
    assert case.facilities[0].extra == {"manager": "Wang"} and case.facilities[1].extra == {"manager": None}
    assert list(case.documents) == ["Fuel ledger", "Power bills"]
    assert case.documents["Fuel ledger"] == [["month", "gas"], ["2023-01", 1.5], [None, None], ["total", 3.0]]
    assert case.documents["Power bills"] == [["kWh"], [100.0]]


def test_blank_rows_are_skipped_but_numbering_kept(tmp_path):
    rows = activities(GOOD_LINES[0], [None] * 5, ["  ", None, " ", None, None], GOOD_LINES[2])
    case = read_case(case_file(tmp_path, rows))
    assert case.activities.row == [2, 5]
    assert case.activities.facility == ["F1", "F2"]


def test_text_is_stripped_and_numbers_as_text_accepted(tmp_path):
    rows = activities([" F1 ", " Stationary Combustion ", "  natural_gas ", " 10^4 Nm3 ", " 12 "],
                      ["F1", "STATIONARY-COMBUSTION", "coal", "t", "1,234.5"],
                      ["F1", "固定 燃烧", "coal", "t", "１２"])
    t = read_case(case_file(tmp_path, rows)).activities
    assert t.facility == ["F1"] * 3 and t.source == ["stationary_combustion"] * 3
    assert t.item[0] == "natural_gas" and t.unit[0] == "10^4 Nm3"
    assert t.quantity == [12.0, 1234.5, 12.0]


def test_numeric_facility_ids_match(tmp_path):
    facilities = [["id"], [101], ["102"]]
    rows = activities([101, "process", "limestone", "t", 1], ["102", "process", "limestone", "t", 1],
                      [102.0, "process", "limestone", "t", 1])
    case = read_case(case_file(tmp_path, rows, facilities=facilities))
    assert [f.id for f in case.facilities] == ["101", "102"]
    assert case.activities.facility == ["101", "102", "102"]


@pytest.mark.parametrize("value, expected", [(60, 0.6), ("60%", 0.6), (0.6, 0.6), ("0.6", 0.6), ("60", 0.6),
                                             (1, 1.0), (100, 1.0), (0, 0.0), ("100 %", 1.0), (None, 1.0)])
def test_equity_share_percent_or_fraction(tmp_path, value, expected):
    facilities = [["id", "equity_share"], ["F1", value], ["F2", None]]
    case = read_case(case_file(tmp_path, facilities=facilities))
    assert case.facilities[0].equity_share == pytest.approx(expected)


def test_defaults_when_optional_facility_columns_missing(tmp_path):
    case = read_case(case_file(tmp_path, facilities=[["id"], ["F1"], ["F2"]]))
    f = case.facilities[0]
    assert (f.name, f.region, f.equity_share, f.financial_control, f.operational_control) == ("", "", 1.0, "yes",
                                                                                               True)


def test_all_activity_options(tmp_path):
    values = {"ncv": 20.9, "ncv_unit": "GJ/t", "carbon_content": 0.0261, "carbon_element": "0.5",
              "oxidation_rate": 98, "purity": "95%", "ef_co2": 1.5, "ef_ch4": 0.001, "ef_n2o": 0.0001,
              "ef_co2e": 2.0, "ef_unit": "t/t", "scope3_category": "6", "biogenic": "yes", "uncertainty": "5%",
              "factor_set": "ipcc2006", "variant": "energy", "gas": "CH4", "evidence": "invoice", "note": 42}
    options = [k for k in ACTIVITY_OPTIONS if k in values]
    rows = [ACT_HEADER + options, GOOD_LINES[0] + [values[k] for k in options]]
    opts = read_case(case_file(tmp_path, rows)).activities.options
    assert opts["ncv"] == [20.9] and opts["ncv_unit"] == ["GJ/t"] and opts["carbon_element"] == [0.5]
    assert opts["oxidation_rate"] == [pytest.approx(0.98)] and opts["purity"] == [pytest.approx(0.95)]
    assert opts["scope3_category"] == [6] and type(opts["scope3_category"][0]) is int
    assert opts["biogenic"] == [True] and opts["uncertainty"] == [5.0]
    assert opts["note"] == ["42"] and opts["gas"] == ["CH4"]


def test_optional_sheets_instruments_and_equipment(tmp_path):
    extra = {
        "电力凭证": [["设施", "类型", "数量 (MWh)", "排放因子 (t CO2e/MWh)", "note"], ["F1", "GEC", 500, 0, "green"]],
        "Equipment": [["facility", "method", "refrigerant", "equipment", "new_charge (kg)", "operating_capacity",
                       "disposed_capacity"],
                      ["F1", "筛选法", "R-410A", "chiller", 0, 120, None],
                      ["F2", "simplified material balance", "HFC-134a", None, None, None, 5]],
    }
    case = read_case(case_file(tmp_path, extra_sheets=extra))
    assert case.instruments == [Instrument("F1", "GEC", 500.0, 0.0, row=2, extra={"note": "green"})]
    assert case.equipment == [
        Equipment("F1", "screening", "R-410A", "chiller", {"new_charge": 0.0, "operating_capacity": 120.0}, row=2),
        Equipment("F2", "simplified_material_balance", "HFC-134a", "", {"disposed_capacity": 5.0}, row=3),
    ]
    assert case.sheet_names["Instruments"] == "电力凭证"
    assert case.columns["Instruments"] == {"facility": "A", "type": "B", "quantity": "C", "ef": "D"}


def test_case_optional_keys(tmp_path):
    case_rows = CASE + [["residual_mix_ef", 0.6], ["factor_set", "cn_gbt32151_22_2024"],
                        ["grid_factor_set", "cn_mee_grid"], ["ch4_ar6", "fossil"], ["base_year", 2020],
                        ["address", "Wuhan"], ["contact", None]]
    info = read_case(case_file(tmp_path, case=case_rows)).info
    assert info.residual_mix_ef == 0.6 and info.factor_set == "cn_gbt32151_22_2024"
    assert info.grid_factor_set == "cn_mee_grid" and info.ch4_ar6 == "fossil" and info.base_year == 2020
    assert info.extra == {"address": "Wuhan", "contact": None}


def test_case_sheet_without_header_row(tmp_path):
    info = read_case(case_file(tmp_path, case=CASE[1:])).info
    assert info.title == "Test case" and info.reporting_year == 2023


# ------------------------------------------------------------------------------- bad cell input

def test_quantity_not_a_number_both_languages(tmp_path):
    rows = activities(*GOOD_LINES, GOOD_LINES[0], GOOD_LINES[0], ["F1", "process", "limestone", "t", "about 100"])
    path = case_file(tmp_path, rows)
    assert one_problem(path) == 'Activities!E7: quantity "about 100" is not a number'
    assert one_problem(path, "zh") == "Activities!E7：数量“about 100”不是数字"


def test_chinese_sheet_name_in_cell_reference(tmp_path):
    sheets = {"案例": CASE, "设施": FACILITIES, "活动数据": activities(["F1", "process", "limestone", "t", "约100"])}
    path = write_book(tmp_path / "zh.xlsx", sheets)
    assert one_problem(path, "zh") == "活动数据!E2：数量“约100”不是数字"


@pytest.mark.parametrize("cell, en, zh", [
    (dt.datetime(2024, 1, 2), "Activities!E2: quantity is a date or time (2024-01-02), not a number",
     "Activities!E2：数量是日期或时间（2024-01-02），不是数字"),
    (-5, "Activities!E2: quantity -5 is negative", "Activities!E2：数量为负数（-5）"),
    ("-5", 'Activities!E2: quantity -5 is negative', "Activities!E2：数量为负数（-5）"),
    (None, "Activities!E2: quantity is empty", "Activities!E2：数量为空"),
    (True, 'Activities!E2: quantity "TRUE" is not a number', "Activities!E2：数量“TRUE”不是数字"),
    ("1,5", 'Activities!E2: quantity "1,5" is not a number', "Activities!E2：数量“1,5”不是数字"),
    ("nan", 'Activities!E2: quantity "nan" is not a number', "Activities!E2：数量“nan”不是数字"),
])
def test_bad_quantity(tmp_path, cell, en, zh):
    path = case_file(tmp_path, activities(["F1", "process", "limestone", "t", cell]))
    assert one_problem(path) == en
    assert one_problem(path, "zh") == zh


@pytest.mark.parametrize("column, cell, en, zh", [
    ("oxidation_rate", 150, "Activities!F2: oxidation_rate 150 is out of range (a fraction 0-1 or a percentage "
     "0-100 %)", "Activities!F2：碳氧化率150超出范围（应为 0-1 的小数或 0-100% 的百分数）"),
    ("purity", "101%", "Activities!F2: purity 101% is out of range (a fraction 0-1 or a percentage 0-100 %)",
     "Activities!F2：纯度101%超出范围（应为 0-1 的小数或 0-100% 的百分数）"),
    ("purity", -0.1, "Activities!F2: purity -0.1 is out of range (a fraction 0-1 or a percentage 0-100 %)",
     "Activities!F2：纯度-0.1超出范围（应为 0-1 的小数或 0-100% 的百分数）"),
    ("uncertainty", -1, "Activities!F2: uncertainty -1 is negative", "Activities!F2：不确定性为负数（-1）"),
    ("ncv", "n/a", 'Activities!F2: ncv "n/a" is not a number', "Activities!F2：低位发热量“n/a”不是数字"),
    ("scope3_category", 16, "Activities!F2: scope3_category 16 is out of range (1-15)",
     "Activities!F2：范围三类别16超出范围（1-15）"),
    ("scope3_category", 2.5, 'Activities!F2: scope3_category "2.5" is not a whole number',
     "Activities!F2：范围三类别“2.5”不是整数"),
    ("biogenic", "maybe", 'Activities!F2: biogenic "maybe" is not yes or no',
     "Activities!F2：生物质“maybe”不是“是”或“否”"),
    ("ef_co2e", dt.date(2023, 5, 1), "Activities!F2: ef_co2e is a date or time (2023-05-01), not a number",
     "Activities!F2：排放因子是日期或时间（2023-05-01），不是数字"),
])
def test_bad_option_values(tmp_path, column, cell, en, zh):
    rows = [ACT_HEADER + [column], GOOD_LINES[0] + [cell]]
    path = case_file(tmp_path, rows)
    assert one_problem(path) == en
    assert one_problem(path, "zh") == zh


def test_unknown_facility_names_known_ids(tmp_path):
    path = case_file(tmp_path, activities(["F9", "process", "limestone", "t", 1]))
    assert one_problem(path) == 'Activities!A2: facility "F9" is not listed in the Facilities sheet (known ids: F1, F2)'
    assert one_problem(path, "zh") == "Activities!A2：设施“F9”未在Facilities工作表中列出（已有编号：F1、F2）"


def test_unknown_facility_in_chinese_workbook(tmp_path):
    sheets = {"案例": CASE, "设施": FACILITIES, "活动数据": activities(["F9", "process", "limestone", "t", 1])}
    path = write_book(tmp_path / "zh.xlsx", sheets)
    assert one_problem(path, "zh") == "活动数据!A2：设施“F9”未在设施工作表中列出（已有编号：F1、F2）"


def test_unknown_source(tmp_path):
    path = case_file(tmp_path, activities(["F1", "burning", "coal", "t", 1]))
    assert one_problem(path) == ('Activities!B2: source "burning" is not one of: Stationary combustion, '
                                 "Mobile combustion, Process, Fugitive, Purchased electricity, Purchased heat, "
                                 "Exported electricity, Exported heat, Scope 3")
    assert one_problem(path, "zh") == ("Activities!B2：排放源类别“burning”不是可选值之一：固定燃烧、移动燃烧、过程排放、"
                                       "逸散排放、购入电力、购入热力、输出电力、输出热力、范围三")


def test_item_required_except_electricity_and_heat(tmp_path):
    rows = activities(["F1", "stationary_combustion", None, "t", 1], ["F1", "purchased_heat", "", "GJ", 1],
                      ["F1", "exported_electricity", "  ", "MWh", 1])
    path = case_file(tmp_path, rows)
    assert one_problem(path) == ("Activities!C2: item is empty; only purchased or exported electricity and heat "
                                 "may leave it empty")
    assert one_problem(path, "zh") == "Activities!C2：品种为空；只有购入或输出的电力、热力可以不填品种"


def test_unit_and_facility_required(tmp_path):
    rows = activities(["F1", "process", "limestone", None, 1], [None, "process", "limestone", "t", 1])
    assert problems(case_file(tmp_path, rows)) == ["Activities!D2: unit is empty", "Activities!A3: facility is empty"]


def test_every_problem_is_reported_in_sheet_order(tmp_path):
    rows = activities(["F9", "process", "limestone", "t", "x"], ["F1", "nope", None, None, -1])
    facilities = FACILITIES + [["F1", "dup"]]
    case_rows = CASE + [["standard", "ghgp"], [None, "orphan"]]
    found = problems(case_file(tmp_path, rows, case=case_rows, facilities=facilities))
    assert found == [
        'Case!A7: key "standard" already appears in row 3',
        'Case!B8: value "orphan" has no key in column A',
        'Facilities!A4: facility id "F1" is already used in row 2',
        'Activities!A2: facility "F9" is not listed in the Facilities sheet (known ids: F1, F2)',
        'Activities!E2: quantity "x" is not a number',
        'Activities!B3: source "nope" is not one of: ' + ", ".join(workbook.choice_names("source", "en")),
        "Activities!D3: unit is empty",
        "Activities!E3: quantity -1 is negative",
    ]


def test_bad_facility_rows(tmp_path):
    facilities = [FACILITIES[0], ["F1", "a", None, 150, "maybe", "perhaps"], ["F2", "b", None, -5, "no", "no"],
                  [None, "c", None, None, None, None]]
    found = problems(case_file(tmp_path, facilities=facilities))
    assert found == [
        "Facilities!D2: equity_share 150 is out of range (a fraction 0-1 or a percentage 0-100 %)",
        'Facilities!E2: financial_control "maybe" is not one of: yes, no, joint',
        'Facilities!F2: operational_control "perhaps" is not yes or no',
        "Facilities!D3: equity_share -5 is out of range (a fraction 0-1 or a percentage 0-100 %)",
        "Facilities!A4: id is empty",
    ]
    zh = problems(case_file(tmp_path, facilities=facilities), "zh")
    assert zh[1] == "Facilities!E2：财务控制“maybe”不是可选值之一：是、否、共同"


def test_bad_case_values(tmp_path):
    case_rows = [["key", "value"], ["standard", "kyoto"], ["gwp", "AR7"], ["consolidation", "control"],
                 ["residual_mix_ef", "high"], ["reporting_year", 1850]]
    found = problems(case_file(tmp_path, case=case_rows))
    assert found == [
        'Case!B2: standard "kyoto" is not one of: GB/T 32150, GHG Protocol, ISO 14064-1',
        'Case!B3: gwp "AR7" is not one of: IPCC SAR, IPCC AR4, IPCC AR5, IPCC AR6, IPCC AR6-SM',
        'Case!B4: consolidation "control" is not one of: operational control, financial control, equity share',
        'Case!B5: residual_mix_ef "high" is not a number',
        "Case!B6: reporting_year 1850 is out of range (1900-2100)",
    ]
    zh = problems(case_file(tmp_path, case=case_rows), "zh")
    assert zh[0] == "Case!B2：核算标准“kyoto”不是可选值之一：GB/T 32150、GHG Protocol、ISO 14064-1"
    assert zh[2] == "Case!B4：合并方法“control”不是可选值之一：运营控制、财务控制、股权比例"


def test_missing_case_keys(tmp_path):
    path = case_file(tmp_path, case=[["key", "value"], ["title", "x"]])
    assert problems(path) == ['Case: required key "standard" (or "核算标准") is missing',
                              'Case: required key "reporting_year" (or "报告年度") is missing']
    assert problems(path, "zh")[0] == "Case：缺少必填项“核算标准”（或“standard”）"


def test_bad_instruments_and_equipment(tmp_path):
    extra = {"Instruments": [["facility", "type", "quantity", "ef"], ["F3", None, "lots", -0.1]],
             "Equipment": [["facility", "method", "refrigerant", "recharge"], ["F1", "guess", "R-22", -2]]}
    found = problems(case_file(tmp_path, extra_sheets=extra))
    assert found == [
        'Instruments!A2: facility "F3" is not listed in the Facilities sheet (known ids: F1, F2)',
        "Instruments!B2: type is empty",
        'Instruments!C2: quantity "lots" is not a number',
        "Instruments!D2: ef -0.1 is negative",
        'Equipment!B2: method "guess" is not one of: screening, material balance, simplified material balance',
        "Equipment!D2: recharge -2 is negative",
    ]


# --------------------------------------------------------------------------- sheets and columns

def test_missing_sheets(tmp_path):
    path = write_book(tmp_path / "m.xlsx", {"Case": CASE, "Notes": [["x"]]})
    assert problems(path) == [
        'the workbook has no "Facilities" sheet (a sheet named "设施" is accepted too); sheets found: "Case", "Notes"',
        'the workbook has no "Activities" sheet (a sheet named "活动数据" is accepted too); sheets found: "Case", '
        '"Notes"',
    ]
    assert problems(path, "zh")[1] == "工作簿缺少“活动数据”工作表（也可命名为“Activities”）；现有工作表：\"Case\"、\"Notes\""


def test_missing_and_duplicate_columns(tmp_path):
    rows = [["facility", "source", "数量", "quantity", "note"], ["F1", "process", 1, 2, None]]
    found = problems(case_file(tmp_path, rows))
    assert found == [
        'Activities: required column "item" (or "品种") is missing from row 1; columns found: "facility", '
        '"source", "数量", "quantity", "note"',
        'Activities: required column "unit" (or "单位") is missing from row 1; columns found: "facility", '
        '"source", "数量", "quantity", "note"',
        'Activities!D1: column "quantity" repeats the quantity column (C)',
    ]
    zh = problems(case_file(tmp_path, rows), "zh")
    assert zh[2] == "Activities!D1：列“quantity”与 C 列重复（都是数量列）"


def test_duplicate_sheets_and_empty_sheet(tmp_path):
    sheets = {"Case": CASE, "Facilities": FACILITIES, "Activities": activities(*GOOD_LINES), "活动数据": [[None]],
              "Equipment": []}
    path = write_book(tmp_path / "d.xlsx", sheets)
    assert problems(path) == [
        'sheets "Activities" and "活动数据" are both the Activities sheet; keep only one',
        "Equipment: the sheet is empty; row 1 must hold the column headers",
    ]


def test_facilities_without_rows(tmp_path):
    path = case_file(tmp_path, facilities=[["id", "name"]], act_rows=activities())
    assert problems(path) == ["Facilities: the sheet has no data rows"]


def test_problem_cap(tmp_path):
    rows = activities(*[["F1", "process", "limestone", "t", "x"]] * 1500)
    found = problems(case_file(tmp_path, rows))
    assert len(found) == workbook.MAX_PROBLEMS + 1
    assert found[-1] == "... and 500 more problems"
    assert found[0] == 'Activities!E2: quantity "x" is not a number'
    assert problems(case_file(tmp_path, rows), "zh")[-1] == "……另有 500 个问题"


def test_problem_cap_keeps_reading_order(tmp_path):
    """Columns are checked one after the other, yet the first 1000 problems in row order are kept."""
    rows = activities(*[["F9", "process", "limestone", "t", "x"]] * 1200)
    found = problems(case_file(tmp_path, rows))
    assert found[:4] == ['Activities!A2: facility "F9" is not listed in the Facilities sheet (known ids: F1, F2)',
                         'Activities!E2: quantity "x" is not a number',
                         'Activities!A3: facility "F9" is not listed in the Facilities sheet (known ids: F1, F2)',
                         'Activities!E3: quantity "x" is not a number']
    assert found[999] == 'Activities!E501: quantity "x" is not a number'
    assert found[-1] == "... and 1400 more problems"


def test_large_table_fast_paths_and_odd_cells(tmp_path):
    """Odd cells scattered in long, otherwise clean columns go through the per-cell path."""
    n = 3000
    rows = [ACT_HEADER + ["ncv", "oxidation_rate", "note"]]
    for i in range(n):
        rows.append(["F1" if i % 2 else "F2", "stationary_combustion", "coal", "t", float(i), None, None, None])
    rows[101][4] = "1,000"            # number as text
    rows[202][5] = 20.5               # sparse option
    rows[303][6] = "98%"              # percent text in a fraction column
    rows[404][6] = 99                 # percent number
    rows[505][6] = 0.97
    rows[606][7] = 7                  # number in a text column
    rows[707] = [None] * 8            # blank row
    case = read_case(case_file(tmp_path, rows))
    t = case.activities
    assert len(t) == n - 1 and t.row[705:707] == [707, 709]
    assert t.quantity[100] == 1000.0
    assert t.options["ncv"][201] == 20.5 and t.options["ncv"].count(None) == n - 2
    ox = t.options["oxidation_rate"]
    assert (ox[302], ox[403], ox[504]) == (pytest.approx(0.98), pytest.approx(0.99), 0.97)
    assert t.options["note"][605] == "7"
    bad = [row[:] for row in rows]
    bad[1500][4] = "oops"
    bad[2500][6] = 300
    bad[2999][0] = "F7"
    assert problems(case_file(tmp_path, bad, name="bad.xlsx")) == [
        'Activities!E1501: quantity "oops" is not a number',
        "Activities!G2501: oxidation_rate 300 is out of range (a fraction 0-1 or a percentage 0-100 %)",
        'Activities!A3000: facility "F7" is not listed in the Facilities sheet (known ids: F1, F2)',
    ]


# ---------------------------------------------------------------------- formulas and error cells

def test_formula_without_cached_value(tmp_path):
    rows = activities(GOOD_LINES[0], ["F1", "process", "limestone", "t", "=1+2"], ["F1", "process", "x", "t", 1])
    rows[3][3] = "=LOWER(\"T\")"
    path = case_file(tmp_path, rows)
    msg = "formula without a saved value; open and save the file in Excel, or type the value"
    assert problems(path) == [f"Activities!E3: {msg}", f"Activities!D4: {msg}"]
    assert problems(path, "zh")[0] == "Activities!E3：公式没有保存的计算结果；请用 Excel 打开并保存该文件，或直接输入数值"


def test_formula_with_cached_value_is_fine(tmp_path):
    """Excel saves a formula with its value: <c><f>1+2</f><v>3</v></c>."""
    rows = activities(["F1", "process", "limestone", "t", "=1+2"], ["F1", "process", "limestone", "t", "=A1"])
    src = case_file(tmp_path, rows, name="src.xlsx")
    dst = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if b"<f>1+2</f>" in data:
                data = data.replace(b"<f>1+2</f><v />", b"<f>1+2</f><v>3</v>")
                data = data.replace(b'<c r="E3"><f>A1</f><v />', b'<c r="E3"><f>A1</f><v>4</v>')
            zout.writestr(info, data)
    assert read_case(dst).activities.quantity == [3.0, 4.0]


def test_error_cell(tmp_path):
    rows = activities(["F1", "process", "limestone", "t", "#DIV/0!"])
    path = case_file(tmp_path, rows)
    assert problems(path) == ["Activities!E2: the cell holds the error value #DIV/0!; correct the formula or type "
                              "the value"]
    assert problems(path, "zh") == ["Activities!E2：单元格为错误值 #DIV/0!；请修正公式或直接输入数值"]


def test_formula_in_document_sheet_is_not_a_problem(tmp_path):
    path = case_file(tmp_path, extra_sheets={"Ledger": [["total"], ["=SUM(A1:A2)"]]})
    assert read_case(path).documents["Ledger"] == [["total"]]


def test_scan_namespace_prefix(tmp_path):
    """Some writers prefix the SpreadsheetML namespace (<x:c><x:f>)."""
    xml = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<x:sheetData><x:row r="1"><x:c r="A1"><x:f>1+1</x:f></x:c><x:c r="B1"><x:f>2</x:f><x:v>2</x:v></x:c>'
           b'<x:c r="C1" t="e"><x:v>#REF!</x:v></x:c></x:row></x:sheetData>'
           b'<x:dataValidations><x:dataValidation><x:formula1>"a,b"</x:formula1></x:dataValidation>'
           b'</x:dataValidations></x:worksheet>')
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("s.xml", xml)
    with zipfile.ZipFile(path) as zf:
        assert workbook._scan_member(zf, "s.xml") == [("A1", "workbook.formula_no_value", None),
                                                      ("C1", "workbook.cell_error", "#REF!")]


def test_scan_handles_chunk_boundaries(monkeypatch, tmp_path):
    monkeypatch.setattr(workbook, "_SCAN_CHUNK", 97)
    rows = activities(*[["F1", "process", "limestone", "t", 1.5]] * 50, ["F1", "process", "x", "t", "=2*3"])
    assert problems(case_file(tmp_path, rows)) == [
        "Activities!E52: formula without a saved value; open and save the file in Excel, or type the value"]


# ------------------------------------------------------------------------------ whole-file checks

@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """A .xlsx whose sheet part is 300 MB of zeros (~300 KB compressed), written in 1 MB chunks."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            zeros = bytes(1 << 20)
            for _ in range(300):
                fh.write(zeros)
    return path


def test_zip_bomb_refused_quickly(zip_bomb):
    assert zip_bomb.stat().st_size < 2_000_000
    start = time.perf_counter()
    found = problems(zip_bomb)
    assert time.perf_counter() - start < 0.5
    assert len(found) == 1
    assert found[0].startswith('"bomb.xlsx": part xl/worksheets/sheet1.xml expands ')
    assert found[0].endswith(":1 to 300 MB (at most 200:1 is accepted); refused as a possible zip bomb")
    assert "疑似压缩炸弹" in problems(zip_bomb, "zh")[0]


def test_zip_total_and_member_caps(monkeypatch, tmp_path):
    path = case_file(tmp_path)
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1000)
    assert [p.code for p in check_workbook_file(path)] == ["workbook.zip_total"]
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1 << 30)
    monkeypatch.setattr(safety, "MAX_MEMBERS", 3)
    assert one_problem(path).startswith('"case.xlsx" holds ')
    assert one_problem(path).endswith(" parts (at most 3 are accepted); refused as a possible zip bomb")


def test_member_lying_about_its_size(tmp_path):
    """A part whose header declares 1 MB but which inflates to 50 MB: refused, memory bounded."""
    good = case_file(tmp_path, name="good.xlsx")
    path = tmp_path / "liar.xlsx"
    target = "xl/worksheets/sheet3.xml"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != target:
                zout.writestr(info, zin.read(info))
                continue
            head, tail = zin.read(info).split(b"</sheetData>")
            with zout.open(target, "w") as fh:
                fh.write(head)
                blob = b'<row r="9"><c r="A9" t="n"><v>1</v></c></row>' * 1000
                for _ in range(50 * (1 << 20) // len(blob)):
                    fh.write(blob)
                fh.write(b"</sheetData>" + tail)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(target)
    struct.pack_into("<I", data, info.header_offset + 22, 1 << 20)
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(target)] != target.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 1 << 20)
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo(target).file_size == 1 << 20
    start = time.perf_counter()
    assert one_problem(path) == ('"liar.xlsx" is damaged or incomplete (perhaps a truncated download or copy); '
                                 "open it in Excel to repair it, or get the file again")
    assert time.perf_counter() - start < 1.0


def test_billion_laughs_refused(tmp_path):
    good = case_file(tmp_path, name="good.xlsx")
    path = tmp_path / "laughs.xlsx"
    lol = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
           + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                      for i in range(1, 10))
           + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, lol if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info))
    start = time.perf_counter()
    assert one_problem(path) == ('"laughs.xlsx": part xl/worksheets/sheet1.xml contains a DOCTYPE or ENTITY '
                                 "declaration, which Excel never writes; refused (possible XML entity expansion "
                                 "attack)")
    assert time.perf_counter() - start < 0.5
    assert one_problem(path, "zh") == ("“laughs.xlsx”：部件 xl/worksheets/sheet1.xml 含有 DOCTYPE 或 ENTITY 声明"
                                       "（Excel 从不写入）；疑似 XML 实体扩展攻击，拒绝读取")


def test_utf16_doctype_refused(tmp_path):
    good = case_file(tmp_path, name="good.xlsx")
    path = tmp_path / "u16.xlsx"
    part = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><workbook/>'.encode("utf-16")
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, part if info.filename == "xl/workbook.xml" else zin.read(info))
    assert [p.code for p in check_workbook_file(path)] == ["workbook.xml_dtd"]


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.99])
def test_truncated_file(tmp_path, cut):
    good = case_file(tmp_path, name="good.xlsx")
    data = good.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[:int(len(data) * cut)])
    assert one_problem(path) == ('"cut.xlsx" is damaged or incomplete (perhaps a truncated download or copy); '
                                 "open it in Excel to repair it, or get the file again")
    assert one_problem(path, "zh") == "“cut.xlsx”已损坏或不完整（可能是下载或复制不完整）；请用 Excel 打开修复，或重新获取该文件"


def test_corrupt_member_data(tmp_path):
    """Central directory intact, but the sheet's compressed bytes are garbage."""
    good = case_file(tmp_path, name="good.xlsx")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("xl/worksheets/sheet3.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 200) - 2):
        data[i] = 0xFF
    path = tmp_path / "garbled.xlsx"
    path.write_bytes(bytes(data))
    found = problems(path)
    assert len(found) >= 1
    assert all(f.startswith(('"garbled.xlsx" is damaged', 'cannot read "garbled.xlsx"')) for f in found), found


def test_a_sheet_whose_xml_is_cut_is_located_and_worded_in_chinese(tmp_path):
    """The zip is sound but one sheet's XML stops mid-way (a tool that crashed while saving): the
    problem is at that sheet, in the user's language, with the parser's own words only in English."""
    good = case_file(tmp_path, name="good.xlsx")
    path = tmp_path / "halfsheet.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2] + "中".encode()[:2]  # cut inside a character
            zout.writestr(info, data)
    [zh] = problems(path, "zh")
    assert zh.startswith("Case：") and "该工作表已损坏，无法读取" in zh and "halfsheet.xlsx" in zh, zh
    assert not re.search(r"[A-Za-z]{4,}", zh.replace("Case", "").replace("Excel", "").replace("halfsheet.xlsx", "")), zh
    [en] = problems(path)
    assert en.startswith("Case: this sheet is damaged and cannot be read (") and "halfsheet.xlsx" in en, en


@pytest.mark.parametrize("content, kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
    (b"%PDF-1.7\n", "a PDF document"),
    ("facility,source,item\nF1,process,石灰石\n".encode(), "a text file (CSV?)"),
    (b"<html><body>login</body></html>", "a web page (HTML)"),
    (bytes(range(256)) * 4, "a file of another type"),
])
def test_not_a_workbook(tmp_path, content, kind):
    path = tmp_path / "data.xlsx"
    path.write_bytes(content)
    assert one_problem(path) == f'"data.xlsx" is not an Excel workbook (.xlsx); it looks like {kind}'


def test_not_a_workbook_chinese(tmp_path):
    path = tmp_path / "图片.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert one_problem(path, "zh") == "“图片.xlsx”不是 Excel 工作簿（.xlsx），看起来是PNG 图片"


def test_empty_missing_and_folder(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert one_problem(empty) == '"empty.xlsx" is empty (0 bytes), not an Excel workbook'
    assert one_problem(empty, "zh") == "“empty.xlsx”是空文件（0 字节），不是 Excel 工作簿"
    assert one_problem(tmp_path / "nope.xlsx") == 'cannot open "nope.xlsx": the file does not exist'
    (tmp_path / "dir.xlsx").mkdir()
    assert one_problem(tmp_path / "dir.xlsx") == '"dir.xlsx" is a folder, not an Excel workbook'
    assert one_problem(tmp_path / "dir.xlsx", "zh") == "“dir.xlsx”是文件夹，不是 Excel 工作簿"


def test_too_big(monkeypatch, tmp_path):
    path = case_file(tmp_path)
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1000)
    found = one_problem(path)
    assert found.startswith('"case.xlsx" is too large (') and found.endswith("MB is accepted)")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "docs.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    assert one_problem(path) == '"docs.xlsx" is a zip archive but not an Excel workbook (it has no workbook part)'


def test_ods_refused(tmp_path):
    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    assert one_problem(path) == ('"sheet.xlsx" is an OpenDocument spreadsheet (.ods); save it as '
                                 '"Excel 2007-365 (.xlsx)"')


def _ole_file(path: Path, streams: list[str]) -> Path:
    """A minimal OLE2 compound file: header + one directory sector naming ``streams``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", header, 30, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 48, 0)  # first directory sector
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", *streams][:4]):
        raw = name.encode("utf-16-le") + b"\0\0"
        directory[i * 128:i * 128 + len(raw)] = raw
        struct.pack_into("<H", directory, i * 128 + 64, len(raw))
    path.write_bytes(bytes(header) + bytes(directory) + bytes(512))
    return path


def test_encrypted_and_legacy_xls(tmp_path):
    enc = _ole_file(tmp_path / "secret.xlsx", ["EncryptionInfo", "EncryptedPackage"])
    assert one_problem(enc) == ('"secret.xlsx" is password-protected; remove the password in Excel (File > Info > '
                                "Protect Workbook > Encrypt with Password) and save it again")
    assert one_problem(enc, "zh").startswith("“secret.xlsx”设置了打开密码")
    xls = _ole_file(tmp_path / "old.xlsx", ["Workbook", "SummaryInformation"])
    assert one_problem(xls) == ('"old.xlsx" is an old Excel 97-2003 workbook (.xls); open it in Excel and save it '
                                'as "Excel Workbook (*.xlsx)"')


def test_encrypted_zip_member(tmp_path):
    good = case_file(tmp_path, name="good.xlsx")
    data = bytearray(good.read_bytes())
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, pos + 8, struct.unpack_from("<H", data, pos + 8)[0] | 1)
    path = tmp_path / "zipcrypto.xlsx"
    path.write_bytes(bytes(data))
    assert [p.code for p in check_workbook_file(path)] == ["workbook.encrypted"]


def test_file_problems_have_no_cell(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"hello")
    (problem,) = check_workbook_file(path)
    assert problem.sheet is None and problem.row is None and problem.col is None and problem.cell is None


def test_libreoffice_workbook(tmp_path):
    """LibreOffice writes shared strings, t="str" formula cells and cached values: all read fine."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    rows = [ACT_HEADER + ["note"], GOOD_LINES[0] + ["=\"a\"&\"b\""], ["F1", "process", "limestone", "t", "=1+2", '=""']]
    src = case_file(tmp_path, rows, name="src.xlsx", extra_sheets={"Ledger": [["total"], ["=SUM(1,2)"]]})
    assert len(problems(src)) == 3  # formulas written by openpyxl have no saved value
    out = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "xlsx", "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(out / "src.xlsx") as zf:
        assert "xl/sharedStrings.xml" in zf.namelist()
    case = read_case(out / "src.xlsx")
    assert case.activities.quantity == [12.5, 3.0]
    assert case.activities.options["note"] == ["ab", None]
    assert case.documents["Ledger"] == [["total"], [3.0]]
    assert case.info.title == "Test case"


# ------------------------------------------------------------------------------ writing and template

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_template_is_a_readable_case(tmp_path, lang):
    path = tmp_path / f"template_{lang}.xlsx"
    write_template(path, lang=lang)
    case = read_case(path)
    assert case.info.standard == "gbt32150" and case.info.reporting_year == 2024
    assert len(case.activities) == 5 and len(case.facilities) == 2
    assert case.activities.item[3] == "" and case.activities.options["oxidation_rate"][1] == pytest.approx(0.98)
    readme = "README (说明)" if lang == "zh" else "README"
    assert list(case.documents) == [readme]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == readme
    acts = book[workbook.sheet_title("Activities", lang)]
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in acts.data_validations.dataValidation}
    assert lists["B"] == '"' + ",".join(workbook.choice_name("source", s, lang) for s in SOURCES) + '"'
    assert acts["A1"].comment is not None and acts["A2"].comment is not None
    case_ws = book[workbook.sheet_title("Case", lang)]
    assert any("GB/T 32150,GHG Protocol,ISO 14064-1" in dv.formula1 for dv in case_ws.data_validations.dataValidation)
    if lang == "zh":
        assert acts["D1"].value == "quantity [数量]" and "填写说明" in book[readme]["A1"].value


def test_every_column_and_key_has_help_in_both_languages():
    from carbonmgr.common.i18n import translate

    for canonical, spec in [("Case", workbook.CASE_KEYS), *workbook.SHEET_COLUMNS.items()]:
        for field in spec:
            for lang in ("en", "zh"):
                assert workbook._help(canonical, field, lambda code, lang=lang: translate(code, lang)), (canonical, field)


def _demo_case() -> CaseData:
    table = ActivityTable()
    from carbonmgr.inventory.model import Activity

    table.append(Activity(2, "F1", "stationary_combustion", "natural_gas", 12.5, "10^4 Nm3",
                          {"ncv": 389.31, "note": "=not a formula", "biogenic": False}))
    table.append(Activity(3, "F2", "purchased_electricity", "", 1000.0, "MWh", {"uncertainty": 2.0}))
    table.extra["Meter"] = ["M-1", None]
    return CaseData(
        info=CaseInfo(title="Demo", standard="ghgp", gwp="AR6", reporting_year=2024, consolidation="equity_share",
                      residual_mix_ef=0.55, base_year=2019, extra={"address": "Wuhan", "employees": 120}),
        facilities=[Facility("F1", "Plant", "湖北", 1.0, "yes", True, extra={"note": None}),
                    Facility("F2", "JV", "湖南", 0.4, "joint", False, extra={"note": "x"})],
        activities=table,
        instruments=[Instrument("F2", "PPA", 300.0, 0.0, row=2, extra={"note": "wind"})],
        equipment=[Equipment("F1", "material_balance", "HFC-134a", "", {"inventory_start": 10.0, "sold": 2.0},
                             row=2)],
        documents={"Ledger": [["month", "gas"], ["2024-01", 1.5], [None, 2.0]]},
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_write_case_round_trip(tmp_path, lang):
    case = _demo_case()
    path = tmp_path / f"rt_{lang}.xlsx"
    write_case(case, path, lang=lang)
    back = read_case(path)
    assert back.info == case.info
    assert back.facilities == case.facilities
    assert back.instruments == case.instruments and back.equipment == case.equipment
    assert back.documents == case.documents
    for name in ("row", "facility", "source", "item", "quantity", "unit", "options", "extra"):
        assert getattr(back.activities, name) == getattr(case.activities, name), name
    assert back.activities.options["note"] == ["=not a formula", None]
    if lang == "zh":
        assert back.sheet_names["Activities"] == "Activities (活动数据)"
        assert openpyxl.load_workbook(path)["Activities (活动数据)"]["A1"].value == "facility [设施]"


def test_write_case_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "keep.xlsx"
    path.write_bytes(b"old")
    (tmp_path / "ro").mkdir()
    from carbonmgr.common.errors import ProjectError

    with pytest.raises(ProjectError):
        write_case(_demo_case(), tmp_path / "missing-dir" / "x.xlsx")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


_text = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf", "Co")), min_size=1,
            max_size=12).filter(lambda s: s == s.strip() and s),
    st.sampled_from(["=SUM(A1)", "#N/A", "#DIV/0!", "TRUE", "0", "1.5", "1,234", "天然气", "R-410A"]))
_number = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
_fraction = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def _cases(draw):
    fac_ids = draw(st.lists(_text, min_size=1, max_size=4, unique=True))
    facilities = [Facility(fid, draw(_text), draw(st.sampled_from(["湖北", "Hubei", ""])), draw(_fraction),
                           draw(st.sampled_from(["yes", "no", "joint"])), draw(st.booleans())) for fid in fac_ids]
    options = draw(st.lists(st.sampled_from(["ncv", "ncv_unit", "oxidation_rate", "purity", "scope3_category",
                                             "biogenic", "uncertainty", "evidence", "note"]), unique=True))
    kinds = {"ncv": _number, "ncv_unit": _text, "oxidation_rate": _fraction, "purity": _fraction,
             "scope3_category": st.integers(1, 15), "biogenic": st.booleans(), "uncertainty": _number,
             "evidence": _text, "note": _text}
    n = draw(st.integers(0, 12))
    table = ActivityTable()
    for i in range(n):
        source = draw(st.sampled_from(SOURCES))
        item = draw(st.one_of(_text, st.just(""))) if "electricity" in source or "heat" in source else draw(_text)
        table.row.append(i + 2)
        table.facility.append(draw(st.sampled_from(fac_ids)))
        table.source.append(source)
        table.item.append(item)
        table.quantity.append(draw(_number))
        table.unit.append(draw(st.sampled_from(["t", "kg", "10^4 Nm3", "万Nm3", "MWh", "kWh", "GJ", "L"])))
    for key in options:
        table.options[key] = [draw(st.one_of(st.none(), kinds[key])) for _ in range(n)]
    if draw(st.booleans()):
        table.extra["x_extra"] = [draw(st.one_of(st.none(), _text, _number)) for _ in range(n)]
    info = CaseInfo(title=draw(_text), standard=draw(st.sampled_from(["gbt32150", "ghgp", "iso14064"])),
                    gwp=draw(st.sampled_from([None, "SAR", "AR5", "AR6-SM"])),
                    reporting_year=draw(st.integers(1990, 2100)),
                    consolidation=draw(st.sampled_from(["operational_control", "financial_control",
                                                        "equity_share"])))
    return CaseData(info=info, facilities=facilities, activities=table)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_cases(), lang=st.sampled_from(["en", "zh"]))
def test_round_trip_property(tmp_path, case, lang):
    path = tmp_path / "prop.xlsx"
    write_case(case, path, lang=lang)
    back = read_case(path)
    assert back.info == case.info
    assert back.facilities == case.facilities
    for name in ("row", "facility", "source", "item", "quantity", "unit", "options", "extra"):
        assert getattr(back.activities, name) == getattr(case.activities, name), name
    for values in back.activities.options.values():
        assert all(v is None or not isinstance(v, float) or math.isfinite(v) for v in values)


def test_user_headers_and_values_are_written_as_text_never_as_formulas(tmp_path):
    """Issue 8, item 11: an extra column header typed by a user that starts with '=' stays text
    in the case workbook and in the Excel export (no live formula)."""
    import openpyxl

    from carbonmgr.inventory.engine import compute
    from carbonmgr.report import export_inventory

    acts = ActivityTable(row=[2], facility=["F1"], source=["stationary_combustion"], item=["天然气"],
                         quantity=[10.0], unit=["10^4 Nm3"], options={},
                         extra={"=HYPERLINK(\"http://x\",\"y\")": ["=1+1"], "@SUM(A1)": [None]})
    case = CaseData(info=CaseInfo(title="=cmd|' /C calc'!A0", reporting_year=2023),
                    facilities=[Facility("F1", "一号厂", "湖北", extra={"=2*3": "=A1"})], activities=acts)
    book_path = tmp_path / "case.xlsx"
    write_case(case, book_path)
    export_path = tmp_path / "export.xlsx"
    export_inventory(compute(case), export_path)
    for path in (book_path, export_path):
        book = openpyxl.load_workbook(path)
        formulas = [(ws.title, c.coordinate, c.value) for ws in book.worksheets for row in ws.iter_rows()
                    for c in row if c.data_type == "f"]
        assert formulas == [], path.name
        texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
        assert '=HYPERLINK("http://x","y")' in texts and "=2*3" in texts and "=1+1" in texts
    again = read_case(book_path)
    assert again.activities.extra['=HYPERLINK("http://x","y")'] == ["=1+1"]
    assert again.facilities[0].extra["=2*3"] == "=A1"


# ------------------------------------------------------------- repeated texts read as one string

def test_repeated_texts_are_one_string_each(tmp_path):
    """A text repeated down the Activities sheet comes back as one shared string (later passes, which
    look each value up, then compare it by identity), with the same values as written."""
    rows = [ACT_HEADER + ["memo"]]
    for i in range(40):
        rows.append(["F1" if i % 2 else "F2", "stationary_combustion", "coal", "t", float(i + 1),
                     f"ledger-{i % 3}"])
    t = read_case(case_file(tmp_path, rows)).activities
    assert t.extra["memo"] == [f"ledger-{i % 3}" for i in range(40)]
    assert len({id(v) for v in t.extra["memo"]}) == 3
    assert len({id(v) for v in t.unit}) == 1 and len({id(v) for v in t.facility}) == 2


def test_mixed_column_keeps_each_value_and_type(tmp_path):
    """A column holding a truth value, numbers and text is not merged (True == 1.0 == 1 in a dict): each
    cell keeps its value and its type, whether the column starts with text or not."""
    memo = [True, 1.0, "1", "x", False, 0.0, "x", None]
    for lead in (0, 70):
        rows = [ACT_HEADER + ["memo"]]
        for i, value in enumerate(["x"] * lead + memo):
            rows.append(["F1", "stationary_combustion", "coal", "t", float(i + 1), value])
        got = read_case(case_file(tmp_path, rows, name=f"mixed{lead}.xlsx")).activities.extra["memo"]
        assert got[lead:] == memo
        assert [type(v) for v in got[lead:]] == [bool, float, str, str, bool, float, str, type(None)]
