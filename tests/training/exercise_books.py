"""Build small exercise workbooks and submissions with openpyxl (real .xlsx files, written by
``write_book`` of tests/case_books.py)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from case_books import write_book  # noqa: E402

CASE = [["key", "value"], ["title", "Wuhan Gear Works 2023"], ["standard", "gbt32150"],
        ["reporting_year", 2023], ["consolidation", "operational_control"],
        ["factor_set", "cn_mee_steel_2024"]]  # the fuel table the hand calculations of the tests use
FACILITIES = [["id", "name", "region"], ["F1", "Main plant", "湖北"]]
ACT_HEADER = ["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit"]
# The answer key: rows 2-5 of its Activities sheet
KEY_LINES = [
    ["F1", "stationary_combustion", "天然气", 50, "10^4 Nm3", None, None],  # row 2
    ["F1", "mobile_combustion", "柴油", 20, "t", None, None],  # row 3
    ["F1", "purchased_electricity", "", 1200, "MWh", None, None],  # row 4
    ["F1", "stationary_combustion", "烟煤", 1000, "t", 23.0, "GJ/t"],  # row 5
]
BRIEF = [["key", "zh", "en", "value"],
         ["title", "武汉齿轮厂 2023 年温室气体核算", "Wuhan Gear Works: 2023 inventory", None],
         ["story", "武汉齿轮厂位于湖北省武汉市。", "Wuhan Gear Works is in Wuhan, Hubei.", None],
         ["task", "根据台账编制 2023 年排放清单。", "Build the 2023 inventory from the ledgers.", None],
         ["mode", None, None, "practice"]]
DOCUMENTS = [["sheet", "title", "title_en", "kind"], ["燃料台账", "2023 年燃料消耗台账", "Fuel ledger 2023", "fuel_ledger"]]
LEDGER = [["月份", "天然气（万Nm3）", "柴油（t）"], ["全年", 50, 20]]


def exercise_sheets(**changes) -> dict[str, list[list]]:
    """The sheets of the standard test exercise; ``changes`` replaces or adds sheets (None drops one)."""
    sheets = {
        "Case": [list(r) for r in CASE],
        "Facilities": [list(r) for r in FACILITIES],
        "Activities": [ACT_HEADER] + [list(r) for r in KEY_LINES],
        "Brief": [list(r) for r in BRIEF],
        "Documents": [list(r) for r in DOCUMENTS],
        "燃料台账": [list(r) for r in LEDGER],
    }
    for name, rows in changes.items():
        if rows is None:
            sheets.pop(name, None)
        else:
            sheets[name] = rows
    return sheets


def write_exercise(path: Path, **changes) -> Path:
    return write_book(path, exercise_sheets(**changes))


def write_submission(path: Path, lines: list[list], header=ACT_HEADER, case=None, facilities=None,
                     sheet_names=("Case", "Facilities", "Activities"), more=None) -> Path:
    return write_book(path, {
        sheet_names[0]: [list(r) for r in (case or CASE)],
        sheet_names[1]: [list(r) for r in (facilities or FACILITIES)],
        sheet_names[2]: [list(header)] + [list(r) for r in lines],
        **(more or {}),
    })
