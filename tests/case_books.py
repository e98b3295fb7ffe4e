"""Case workbooks for the tests, written with openpyxl (real .xlsx files): ``write_book`` writes any
sheets; ``ets_file`` writes a case workbook with an ETS sheet (the tests of the ETS sheet, the ETS
page, the command line and the report build on it).

The standard ETS case: one power plant F1 with a class I coal unit U1 (3 000 000 MWh, 1 000 000 GJ
of heat, load factor 60 %, verified 2 700 000 t) and a gas unit U2 (10 000 MWh) whose emissions come
from the activity lines marked with it (1 000 t of bituminous coal and 10 000 MWh of electricity);
the ETS sheet is named and headed in Chinese (配额), the Case sheet sets the ETS year 2023, a price of
¥90 and 10 000 t of CCER offered.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl

CASE = [["key", "value"], ["title", "ETS test"], ["standard", "gbt32150"], ["reporting_year", 2023],
        ["ets_year", 2023], ["carbon_price", 90], ["allowances_held", 0], ["CCER", 10_000]]
FACILITIES = [["id", "name"], ["F1", "Power plant"]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "carbon_content",
               "oxidation_rate", "配额机组"],
              ["F1", "stationary_combustion", "烟煤", 1000, "t", 20, "GJ/t", 0.0275, 100, "U2"],
              ["F1", "purchased_electricity", None, 10_000, "MWh", None, None, None, None, "U2"]]
ETS = [["unit", "设施", "机组类别", "发电量", "供热量", "负荷率", "核查排放量"],
       ["U1", "F1", "300MW等级以上常规燃煤机组", 3_000_000, 1_000_000, "60%", 2_700_000],
       ["U2", "F1", "燃气", 10_000, None, None, None]]

# a plain case without ETS data: two facilities, one of them held jointly (the reader's tests)
PLAIN_CASE = [["key", "value"], ["title", "Test case"], ["standard", "gbt32150"], ["gwp", "SAR"],
              ["reporting_year", 2023], ["consolidation", "operational_control"]]
PLAIN_FACILITIES = [["id", "name", "region", "equity_share", "financial_control", "operational_control"],
                    ["F1", "Plant 1", "湖北", 100, "yes", "yes"],
                    ["F2", "Plant 2", "湖南", 60, "joint", "no"]]


def write_book(path: str | Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per entry, in order, rows written from A1 (None: an empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
    book.save(path)
    return Path(path)


def ets_file(folder: Path, ets=None, case=None, activities=None, *, facilities=None, sheet="配额",
             **more_sheets) -> Path:
    """``folder``/ets.xlsx: the standard ETS case (see above), with the ETS sheet ``ets`` named
    ``sheet`` and the Case, Activities and Facilities sheets given instead of the standard ones;
    ``more_sheets`` (Abatement=[...]) are added after them."""
    sheets = {"Case": case or CASE, "Facilities": facilities or FACILITIES, "Activities": activities or ACTIVITIES,
              sheet: ets or ETS}
    sheets.update(more_sheets)
    return write_book(Path(folder) / "ets.xlsx", sheets)
