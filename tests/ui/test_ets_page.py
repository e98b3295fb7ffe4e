"""The app's ETS page (pytest-qt, offscreen): a real case workbook with an ETS sheet opened in
the real window; the units, their allocation and its trace, the position, in both languages."""
from __future__ import annotations

import openpyxl

from carbonmgr.ui.ets_page import UNIT_COLUMNS
from uihelpers import open_and_wait

CASE = [["key", "value"], ["title", "ETS page"], ["standard", "gbt32150"], ["reporting_year", 2023],
        ["carbon_price", 90], ["ccer_offered", 1000]]
FACILITIES = [["id", "name"], ["F1", "Power plant"]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "carbon_content",
               "oxidation_rate", "ets_unit"],
              ["F1", "stationary_combustion", "烟煤", 1000, "t", 20, "GJ/t", 0.0275, 100, "G1"]]
ETS = [["unit", "facility", "class", "generation", "heat", "load_factor", "verified_emissions"],
       ["U1", "F1", "I", 3_000_000, 1_000_000, 0.6, 2_700_000],
       ["G1", "F1", "gas", 1_000, None, None, None]]


def _write(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_the_ets_page_shows_units_allocation_trace_and_position(qtbot, win, tmp_path):
    path = _write(tmp_path / "ets.xlsx", {"Case": CASE, "Facilities": FACILITIES, "Activities": ACTIVITIES,
                                          "ETS": ETS})
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.units.rowCount() == 2)
    headers = [page.units.horizontalHeaderItem(c).text() for c in range(page.units.columnCount())]
    assert headers[UNIT_COLUMNS.index("top_up")] == "top-up"
    col = UNIT_COLUMNS.index("allocation")
    assert page.units.item(0, 0).text() == "U1"
    assert page.units.item(0, col).text() == "2,635,152"  # T14: 2 531 352 + 103 800
    # the gas unit: 0.3305 × 1 000 = 330 t; its verified emissions from its line:
    # 1000 t × 20 GJ/t × 0.0275 tC/GJ × 44/12 = 2 016.67 t, so the gas exemption tops it up by 1 686 t
    assert page.units.item(1, UNIT_COLUMNS.index("top_up")).text() == "1,686"
    assert "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》" in page.plan.text()
    page.units.selectRow(0)
    trace = page.trace_text()
    assert "electricity allocation = 2,531,352 t CO2" in trace
    assert "F < 65%: F_f = 1.015^(16 − 20F)" in trace
    assert "国环规气候〔2024〕1号 附2" in trace
    names = [page.position.item(r, 0).text() for r in range(page.position.rowCount())]
    assert "surplus (negative: shortfall)" in names and "surrender deadline" in names
    page.position.selectRow(names.index("surrender deadline"))
    assert "2024-12-31" in page.trace_text()

    win.set_language("zh")
    qtbot.wait(50)
    assert win.tabs.tabText(win.tabs.indexOf(page)) == "配额"
    headers = [page.units.horizontalHeaderItem(c).text() for c in range(page.units.columnCount())]
    assert "配额量" in headers and "补发配额量" in headers
    page.units.selectRow(0)
    assert "发电配额量 = 2,531,352 t CO2" in page.trace_text()
    assert "据官方文本逐字转录" in page.trace_text()
    # an edit reaches the page: the unit's verified emissions follow the marked line
    qty_before = win.session.case.activities.quantity[0]
    assert qty_before == 1000


def test_the_ets_page_of_a_case_without_ets_data(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.ets)
    assert win.ets.units.rowCount() == 0
    assert "no ETS sheet" in win.ets.plan.text()
