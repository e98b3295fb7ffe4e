"""The app's ETS page (pytest-qt, offscreen): a real case workbook with an ETS sheet opened in
the real window; the units, their allocation and its trace, the position, in both languages."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from carbonmgr.ui.ets_page import UNIT_COLUMNS
from uihelpers import open_and_wait

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from case_books import ets_file  # noqa: E402

CASE = [["key", "value"], ["title", "ETS page"], ["standard", "gbt32150"], ["reporting_year", 2023],
        ["carbon_price", 90], ["ccer_offered", 1000]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "carbon_content",
               "oxidation_rate", "ets_unit"],
              ["F1", "stationary_combustion", "烟煤", 1000, "t", 20, "GJ/t", 0.0275, 100, "G1"]]
ETS = [["unit", "facility", "class", "generation", "heat", "load_factor", "verified_emissions"],
       ["U1", "F1", "I", 3_000_000, 1_000_000, 0.6, 2_700_000],
       ["G1", "F1", "gas", 1_000, None, None, None]]


def ets_case(folder, case=CASE, **more_sheets):
    """``folder``/ets.xlsx: the page's case (a class I unit and a small gas unit, English headings)."""
    return ets_file(folder, ETS, case, ACTIVITIES, sheet="ETS", **more_sheets)


def test_the_ets_page_shows_units_allocation_trace_and_position(qtbot, win, tmp_path):
    path = ets_case(tmp_path)
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.units.rowCount() == 2)
    headers = [page.units.horizontalHeaderItem(c).text() for c in range(page.units.columnCount())]
    # proper column headings, not the trace's lower-case words
    assert headers[:4] == ["Unit", "Facility", "Class", "Electricity benchmark"]
    assert headers[UNIT_COLUMNS.index("top_up")] == "Top-up"
    assert all(h[:1].isupper() for h in headers)
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
    assert "Surplus (negative: shortfall)" in names and "Surrender deadline" in names
    page.position.selectRow(names.index("Surrender deadline"))
    assert "2024-12-31" in page.trace_text()

    win.set_language("zh")
    qtbot.wait(50)
    assert win.tabs.tabText(win.tabs.indexOf(page)) == "配额"
    headers = [page.units.horizontalHeaderItem(c).text() for c in range(page.units.columnCount())]
    assert "配额量" in headers and "补发配额量" in headers
    assert headers[:4] == ["机组", "设施", "机组类别", "发电（供电）基准值"]
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


ABATEMENT = [["measure", "tonnes", "cost_per_t"], ["Efficiency", 20_000, 40], ["Fuel switch", 30_000, 120]]


def test_the_ets_page_compares_the_paths_to_compliance_with_the_macc(qtbot, win, tmp_path):
    from carbonmgr.ui import i18n

    i18n.set_language("en")
    path = ets_case(tmp_path, Abatement=ABATEMENT)
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.options is not None)
    # allowances due 2 700 000 + 2 016.67 (the gas unit's line); final allocation 2 635 152 + 2 016 (330 topped
    # up by 1 686); nothing held: a shortfall of 64 848.67 t at the case's ¥90
    o = page.options
    assert o["shortfall"] == 2_700_000 + 1000 * 20 * 0.0275 * 44 / 12 - 2_637_168
    assert page.price.value() == 90 and "the case's" in page.price_note.text()
    text = page.paths_text()
    assert "Paths to cover a shortfall of 64,849 t at 90.00 CNY/t" in text
    assert "buy allowances: 5,836,380.00 CNY" in text  # 64 848.67 × 90
    # along the curve: 20 000 t × 40 + 30 000 t × 120 + 14 848.67 t × 90
    assert "abate 50,000 t along the curve, buy the rest: 5,736,380.00 CNY" in text
    # the cheapest mix takes only the measure below the price: 800 000 + 44 848.67 × 90
    assert "cheapest mix: abate 20,000 t, CCER 0 t, buy 44,849 t: 4,836,380.00 CNY" in text
    assert "CCER" in page.paths_note.text()  # no CCER price given: the path is left out, and the page says so
    assert page.macc.canvas is not None and [s.name for s in page.macc.steps] == ["Efficiency", "Fuel switch"]
    # a CCER price of ¥60: CCER up to 5 % of the allowances due (135 100 t ≥ the shortfall) covers it all
    page.compare_paths(price=90, ccer_price=60)
    text = page.paths_text()
    assert "CCER for 64,849 t (at most 5 % of the allowances due), buy the rest: 3,890,920.00 CNY" in text
    assert "cheapest mix: abate 20,000 t, CCER 44,849 t, buy 0 t: 3,490,920.00 CNY" in text  # 800 000 + 44 848.67 × 60
    # a higher price: the fuel switch (¥120) is worth it at ¥130
    page.compare_paths(price=130)
    text = page.paths_text()
    assert "buy allowances: 8,430,326.67 CNY" in text  # 64 848.67 × 130
    assert "cheapest mix: abate 50,000 t, CCER 0 t, buy 14,849 t: 6,330,326.67 CNY" in text
    assert "as entered" in page.price_note.text()
    # the curve is drawn when the page is seen (every edit brings the page new results), the paths at once
    win.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.isVisible())
    page.compare_paths(price=100)
    assert page.macc.steps == [] and "buy allowances: 6,484,866.67 CNY" in page.paths_text()  # 64 848.67 × 100
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: [s.name for s in page.macc.steps] == ["Efficiency", "Fuel switch"])
    assert page.macc.price == 100 and page.macc.canvas is not None
    # Chinese
    win.set_language("zh")
    qtbot.wait(50)
    assert page.paths_box.title() == "履约途径与边际减排成本曲线"
    assert "购买配额：6,484,866.67 元" in page.paths_text()  # the price typed (¥100) stays through a redraw


def test_without_a_case_price_the_page_takes_the_cea_price_and_says_where_from(qtbot, win, tmp_path):
    from carbonmgr.ui import i18n

    i18n.set_language("en")
    case = [row for row in CASE if row[0] != "carbon_price"]
    path = ets_case(tmp_path, case)
    open_and_wait(qtbot, win, path)
    page = win.ets
    qtbot.waitUntil(lambda: page.options is not None)
    # 2023 is surrendered by 2024-12-31: the month before is November 2024, whose monthly average of the
    # daily closes is in the bundled data (not the 2024 annual average)
    from carbonmgr.facade.market import price_for

    row = price_for(2024, 11)
    assert row.kind == "monthly_average" and row.period == "2024-11" and row.value != price_for(2024).value
    assert page.price.value() == row.value
    assert "CEA monthly average of daily closes, 2024-11" in page.price_note.text()
    assert row.publisher in page.price_note.text() and "annual average" not in page.price_note.text()
    assert "no Abatement sheet" in page.paths_note.text()
    assert f"buy allowances: {page.options['shortfall'] * row.value:,.2f} CNY" in page.paths_text()


CASE_2021 = [["key", "value"], ["title", "Borrowing"], ["standard", "gbt32150"], ["reporting_year", 2021],
             ["carbon_price", 55], ["allowances_borrowed", 70_000]]
ETS_2021 = [["unit", "facility", "class", "supply", "load_factor", "cooling", "verified_emissions"],
            ["U1", "F1", "I", 1_034_315, 0.9, "water", 1_000_000]]


def test_the_ets_page_shows_what_may_be_borrowed_and_what_is(qtbot, win, tmp_path):
    from carbonmgr.ui import i18n

    i18n.set_language("en")
    # 2021: A = ⌊1 034 315 × 0.8218⌋ = 850 000, E = 1 000 000: gap rate 15 %, so up to ⌊0.5 × 150 000⌋ = 75 000 t
    # may be borrowed from the 2023 pre-allocation; the case borrows 70 000 t: surplus −80 000 t
    path = ets_file(tmp_path, ETS_2021, CASE_2021, ACTIVITIES[:1], sheet="ETS")
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.units.rowCount() == 1)

    def position():
        return {page.position.item(r, 0).text(): page.position.item(r, 1).text()
                for r in range(page.position.rowCount())}

    pos = position()
    assert pos["May be borrowed"] == "75,000 t" and pos["Allowances borrowed"] == "70,000 t"
    metrics = page.position.fontMetrics()  # the labels are shown whole, not elided
    assert page.position.columnWidth(0) > max(metrics.horizontalAdvance(name) for name in pos)
    assert pos["Surplus (negative: shortfall)"] == "-80,000 t"
    names = list(pos)
    page.position.selectRow(names.index("May be borrowed"))
    trace = page.trace_text()
    assert "⌊0.5 × max(0, O − A_final)⌋" in trace and "gap rate 15 %" in trace
    assert "from the 2023 pre-allocation" in trace and "国环规气候〔2023〕1号" in trace
    assert page.options["shortfall"] == 80_000  # the paths cover what is left after borrowing
    win.set_language("zh")
    qtbot.wait(50)
    pos = position()
    assert pos["可预支配额量"] == "75,000 t" and pos["预支配额"] == "70,000 t"
    page.position.selectRow(list(pos).index("可预支配额量"))
    assert "从 2023 年度预分配配额中预支" in page.trace_text()
    assert "borrow" not in " ".join(pos)  # no internal names


def test_the_ets_page_says_where_too_much_is_borrowed(qtbot, win, tmp_path):
    from carbonmgr.ui import i18n

    i18n.set_language("en")
    case = CASE_2021[:-1] + [["allowances_borrowed", 80_000]]  # more than the 75 000 t allowed
    path = ets_file(tmp_path, ETS_2021, case, ACTIVITIES[:1], sheet="ETS")
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: "more than may be borrowed" in page.plan.text())
    assert "Case!B6" in page.plan.text() and "75,000 t" in page.plan.text()
    assert page.position.rowCount() == 0


def test_allowances_borrowed_typed_on_the_inputs_tab_is_an_edit_of_the_case(qtbot, win, tmp_path):
    from PySide6.QtCore import Qt

    from carbonmgr.ui import i18n

    i18n.set_language("en")
    path = ets_file(tmp_path, ETS_2021, CASE_2021[:-1], ACTIVITIES[:1], sheet="ETS")
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    page.views.setCurrentWidget(page.inputs)
    edit = page.inputs.settings["allowances_borrowed"]
    assert page.inputs.setting_labels["allowances_borrowed"].text() == "Allowances borrowed (t)"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "60000")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert win.session.case.info.allowances_borrowed == 60_000

    def borrowed():
        names = [page.position.item(r, 0).text() for r in range(page.position.rowCount())]
        return page.position.item(names.index("Allowances borrowed"), 1).text() if names else None

    qtbot.waitUntil(lambda: borrowed() == "60,000 t")
    win.set_language("zh")
    qtbot.wait(50)
    assert page.inputs.setting_labels["allowances_borrowed"].text() == "预支配额（吨）"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
def test_at_the_default_window_size_the_page_shows_its_tables_whole_beside_the_chart(qtbot, win, tmp_path, lang,
                                                                                        size):
    """The issue 10 walk at 1280×800: the figures table showed two of its rows ("verified ···") and the
    calculation three lines, under a chart taking most of the page. Every unit and every figure is
    shown without scrolling, the calculation has room for a dozen lines, and the chart stays readable."""
    from PySide6.QtWidgets import QApplication

    win.set_language(lang)
    win.resize(*size)
    path = ets_case(tmp_path)
    open_and_wait(qtbot, win, path)
    page = win.ets
    win.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.units.rowCount() == 2 and page.position.rowCount() > 5)
    page.units.selectRow(0)
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)
    for table in (page.units, page.position):
        assert table.verticalScrollBar().maximum() == 0, (table.rowCount(), table.viewport().height())
    assert page.trace.viewport().height() >= 12 * page.trace.fontMetrics().lineSpacing()
    assert page.paths_box.height() >= 300
