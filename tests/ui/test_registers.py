"""Electricity instruments, the refrigerant equipment register, facility rename/delete and
sorting the activity lines: end to end through the real window, on real files (offscreen)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from carbonmgr.editing.session import EditSession
from carbonmgr.ui.models import ERROR_BG, UNUSED_BG
from uihelpers import open_and_wait, total_shown

Ctrl = Qt.KeyboardModifier.ControlModifier


def shown(w, key) -> float:
    return float(w.totals_bar.values[key].text().replace(",", ""))


def settled(s) -> bool:
    return s.results is not None and s.results.version == s.version


def _factor(s, set_name, item, param, gas="", variant=None, year=None):
    f = s.library.find(set_name, item, param, gas, variant=variant, year=year)
    assert f is not None
    return f


def type_into(view, index, text: str) -> None:
    """F2 on the cell, type ``text``, Enter (a line edit or an editable combo box)."""
    view.setFocus()
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    combo = isinstance(editor, QComboBox)
    if combo:
        editor = editor.lineEdit()
    assert isinstance(editor, QLineEdit), type(editor)
    editor.selectAll()
    if combo:  # no completion pop-up: offscreen, a pop-up keeps the window inactive afterwards
        editor.setText(text)
    elif text.isascii():
        QTest.keyClicks(editor, text)
    else:  # as an input method inserts it (QTest types ASCII only)
        editor.insert(text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits and closes the editor in a queued call


def choose(view, index, data) -> None:
    """F2 on the cell, pick the entry whose data is ``data`` in the drop-down, Enter."""
    view.setFocus()
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    if not isinstance(editor, QComboBox):
        editor = editor.parent()
    assert isinstance(editor, QComboBox)
    i = editor.findData(data)
    assert i >= 0, data
    editor.setCurrentIndex(i)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


# ---------------------------------------------------------------- instruments

def test_green_certificate_changes_the_gbt32150_total(qtbot, win, tmp_path):
    s = open_and_wait(qtbot, win, "demo")
    b = win.boundary
    win.tabs.setCurrentWidget(b)
    before = total_shown(win)
    market_before = shown(win, "scope2_market")
    hubei = _factor(s, "cn_grid_mee_nbs", "grid_cn_hubei", "ef", "CO2", year=2023)
    rest = _factor(s, "cn_grid_mee_nbs", "grid_cn", "ef", "CO2", variant="excl_market_nonfossil", year=2023)
    f2_mwh = 2140.0  # F2's purchased electricity (MWh), a 湖北 facility without any instrument
    assert s.case.activities.quantity[10] == f2_mwh and s.case.activities.facility[10] == "F2"

    # Ctrl+I in the instrument table adds an instrument there
    view, m = b.inst_view, b.inst_model
    view.setFocus()
    view.setCurrentIndex(m.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_I, Ctrl)
    assert m.rowCount() == 2 and len(s.case.instruments) == 2
    assert view.currentIndex().row() == 1 and s.case.instruments[1].row == 3  # a fresh row number
    assert win.act_undo.text().replace("&", "") == "Undo add instrument"
    choose(view, m.index(1, m.column_of("facility")), "F2")
    choose(view, m.index(1, m.column_of("type")), "green_certificate")
    type_into(view, m.index(1, m.column_of("quantity")), "500")
    assert s.case.instruments[1].facility == "F2" and s.case.instruments[1].quantity == 500.0
    assert m.index(1, m.column_of("type")).data() == "Green electricity certificate (GEC)"  # the name the export and the report write
    expected = (f2_mwh - 500) * rest.value - f2_mwh * hubei.value
    qtbot.waitUntil(lambda: settled(s) and abs(total_shown(win) - (before + expected)) < 0.01)
    # a typed Chinese name works too (free text), and a bad number is refused on the cell
    type_into(view, m.index(1, m.column_of("type")), "绿电")
    assert s.case.instruments[1].type == "绿电"
    assert m.setData(m.index(1, m.column_of("ef")), "lots") is False
    assert "not a number" in m.index(1, m.column_of("ef")).data(Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: settled(s))
    assert total_shown(win) == pytest.approx(before + expected, abs=0.01)

    # undo the type, the quantity, the facility, the new row (the type chosen first was the default)
    assert win.act_undo.text().replace("&", "") == "Undo edit instrument instrument type"
    for _ in range(4):
        win.act_undo.trigger()
    qtbot.waitUntil(lambda: settled(s) and abs(total_shown(win) - before) < 0.005)
    assert m.rowCount() == 1 and shown(win, "scope2_market") == pytest.approx(market_before, abs=0.005)
    assert not win.act_undo.isEnabled()
    for _ in range(3):
        win.act_redo.trigger()
    assert s.case.instruments[1].type == "green_certificate"
    qtbot.waitUntil(lambda: settled(s) and abs(total_shown(win) - (before + expected)) < 0.01)

    # saved into the project with audit rows; reopened
    target = tmp_path / "green.carbon"
    fut = win.save(str(target))
    qtbot.waitUntil(fut.done, timeout=20000)
    b.inst_view.setFocus()
    b.select_cell("instrument", 1, "quantity")
    type_into(b.inst_view, m.index(1, m.column_of("quantity")), "600")
    fut = win.save()
    qtbot.waitUntil(fut.done, timeout=20000)
    assert fut.exception() is None
    log = s.audit_log(20).result()
    assert ("update", "instrument", "3", "quantity", 500.0, 600.0) in [
        (r["action"], r["entity"], r["entity_id"], r["field"], r["old_value"], r["new_value"]) for r in log]
    win.session = None
    s2 = open_and_wait(qtbot, win, target)
    assert [(x.facility, x.type, x.quantity) for x in s2.case.instruments][1] == ("F2", "green_certificate", 600.0)
    assert total_shown(win) == pytest.approx(before + (f2_mwh - 600) * rest.value - f2_mwh * hubei.value, abs=0.01)
    assert win.boundary.inst_model.rowCount() == 2

    # Ctrl+Del in the table deletes the selected instrument
    win.tabs.setCurrentWidget(win.boundary)
    win.boundary.inst_view.setFocus()
    win.boundary.select_cell("instrument", 1)
    QTest.keyClick(win.boundary.inst_view, Qt.Key.Key_Delete, Ctrl)
    assert len(s2.case.instruments) == 1 and win.act_undo.text().replace("&", "") == "Undo delete instruments"


# ---------------------------------------------------------------- equipment

def test_screening_equipment_row_raises_scope1(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    b = win.boundary
    win.tabs.setCurrentWidget(b)
    view, m = b.eq_view, b.eq_model
    scope1 = shown(win, "scope1")
    total = total_shown(win)
    assert m.index(0, m.column_of("tco2e")).data() == f"{s.results.inventory.extra_lines[0]['tco2e']:,.2f}"

    b.add_eq.click()
    assert m.rowCount() == 2 and s.case.equipment[1].row == 3 and s.case.equipment[1].method == "screening"
    qtbot.waitUntil(lambda: settled(s))
    ref = m.index(1, m.column_of("refrigerant"))
    assert ref.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    assert "refrigerant is empty" in ref.data(Qt.ItemDataRole.ToolTipRole)
    assert win.problems_dock.isVisible() and "Equipment" in win.problem_model.index(0).data()
    assert total_shown(win) == pytest.approx(total, abs=0.005)  # not counted
    # the material-balance columns are greyed out and not editable for a screening line
    inv = m.index(1, m.column_of("inventory_start"))
    assert inv.data(Qt.ItemDataRole.BackgroundRole) == UNUSED_BG
    assert not inv.flags() & Qt.ItemFlag.ItemIsEditable
    assert m.index(1, m.column_of("new_charge")).flags() & Qt.ItemFlag.ItemIsEditable

    type_into(view, ref, "HFC-134a")
    choose(view, m.index(1, m.column_of("equipment")), "chillers")
    assert m.index(1, m.column_of("equipment")).data() == "Chillers"
    type_into(view, m.index(1, m.column_of("new_charge")), "50")
    type_into(view, m.index(1, m.column_of("operating_capacity")), "200")
    eq = s.case.equipment[1]
    assert (eq.refrigerant, eq.equipment, eq.values) == ("HFC-134a", "chillers",
                                                         {"new_charge": 50.0, "operating_capacity": 200.0})
    gwp = s.library.gwp_value("SAR", "HFC-134a").value
    k = _factor(s, "epa_sgec_screening", "chillers", "k_install").value / 100  # %
    x = _factor(s, "epa_sgec_screening", "chillers", "x_operating").value / 100
    expected = gwp * (50 * k + 200 * x) / 1000  # kg -> t
    qtbot.waitUntil(lambda: settled(s) and abs(shown(win, "scope1") - (scope1 + expected)) < 0.01)
    assert m.index(1, m.column_of("tco2e")).data() == f"{expected:,.2f}"
    assert not win.problems_dock.isVisible()

    # an unknown equipment type is marked on its cell; the problem list leads to it
    type_into(view, m.index(1, m.column_of("equipment")), "toaster")
    qtbot.waitUntil(lambda: settled(s) and bool(s.results.equipment_errors))
    cell = m.index(1, m.column_of("equipment"))
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    assert "toaster" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert m.index(1, m.column_of("tco2e")).data() == "—"
    assert shown(win, "scope1") == pytest.approx(scope1, abs=0.01)
    win.tabs.setCurrentWidget(win.activities)
    win._goto_problem(win.problem_model.index(0))
    assert win.tabs.currentWidget() is b and view.currentIndex() == cell
    win.act_undo.trigger()
    qtbot.waitUntil(lambda: settled(s) and abs(shown(win, "scope1") - (scope1 + expected)) < 0.01)

    # another method: other columns are used
    choose(view, m.index(1, m.column_of("method")), "material_balance")
    assert m.index(1, m.column_of("new_charge")).data(Qt.ItemDataRole.BackgroundRole) == UNUSED_BG
    assert m.index(1, m.column_of("inventory_start")).flags() & Qt.ItemFlag.ItemIsEditable
    type_into(view, m.index(1, m.column_of("inventory_start")), "100")
    type_into(view, m.index(1, m.column_of("inventory_end")), "80")
    qtbot.waitUntil(lambda: settled(s) and abs(shown(win, "scope1") - (scope1 + gwp * 20 / 1000)) < 0.01)


# ---------------------------------------------------------------- facilities

def test_rename_facility_everywhere_save_reopen_and_audit(qtbot, win, tmp_path):
    target = tmp_path / "firm.carbon"
    s0 = EditSession.open("demo", lang="en")
    s0.save(target).result()
    s0.close().result()
    s = open_and_wait(qtbot, win, target)
    total = total_shown(win)
    page = win.activities
    page.fac_filter.setCurrentIndex(page.fac_filter.findData("F2"))
    page._apply_filter()
    assert page.model.rowCount() == 2
    b = win.boundary
    win.tabs.setCurrentWidget(b)
    b.fac_view.setFocus()
    b.select_cell("facility", 1, "name")
    b.rename_fac.click()  # edits the ID cell of the selected facility
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "F2"
    editor.selectAll()
    QTest.keyClicks(editor, "XG")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert [f.id for f in s.case.facilities] == ["F1", "XG", "F3"]
    assert s.case.activities.facility.count("XG") == 2 and "F2" not in s.case.activities.facility
    assert s.case.equipment[0].facility == "XG"
    assert win.act_undo.text().replace("&", "") == "Undo rename facility F2"
    # the activity filter follows the facility
    assert page.model.filter[0] == "XG" and page.model.rowCount() == 2
    assert page.fac_filter.currentData() == "XG"
    # a taken id is refused on the cell
    assert b.fac_model.setData(b.fac_model.index(1, 0), "F1") is False
    assert "already exists" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: settled(s))
    assert total_shown(win) == pytest.approx(total, abs=0.005)
    win.act_undo.trigger()
    assert s.case.facilities[1].id == "F2" and page.model.filter[0] == "F2" and page.model.rowCount() == 2
    win.act_redo.trigger()

    fut = win.save()
    qtbot.waitUntil(fut.done, timeout=20000)
    assert fut.exception() is None
    win.session = None
    s2 = open_and_wait(qtbot, win, target)
    assert [f.id for f in s2.case.facilities] == ["F1", "XG", "F3"]
    assert s2.case.activities.facility.count("XG") == 2 and s2.case.equipment[0].facility == "XG"
    assert win.boundary.fac_model.index(1, 0).data() == "XG"
    assert win.activities.fac_filter.findData("XG") >= 0 and win.activities.fac_filter.findData("F2") < 0
    assert total_shown(win) == pytest.approx(total, abs=0.005)
    log = s2.audit_log(None).result()
    rows = [(r["action"], r["entity"], r["entity_id"], r["field"], r["old_value"], r["new_value"]) for r in log]
    assert ("rename", "facility", "F2", "id", "F2", "XG") in rows
    assert ("rename", "activity", None, "facility", {"facility": "F2", "count": 2},
            {"facility": "XG", "count": 2}) in rows
    assert ("rename", "equipment", None, "facility", {"facility": "F2", "count": 1},
            {"facility": "XG", "count": 1}) in rows


def test_delete_facility_refuses_or_deletes_what_names_it(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    b = win.boundary
    win.tabs.setCurrentWidget(b)
    n = len(s)
    b.fac_view.setFocus()
    b.select_cell("facility", 2)  # F3: one activity line
    b.del_fac.click()  # the question is answered "no": refused, with the reason
    assert [f.id for f in s.case.facilities] == ["F1", "F2", "F3"]
    msg = win.statusBar().currentMessage()
    assert "F3 was not deleted" in msg and "1 activity line(s)" in msg
    win.answers["delete_facility"] = "yes"
    QTest.keyClick(b.fac_view, Qt.Key.Key_Delete, Ctrl)  # Ctrl+Del in the table
    assert [f.id for f in s.case.facilities] == ["F1", "F2"] and len(s) == n - 1
    assert "F3" not in s.case.activities.facility
    assert b.fac_model.rowCount() == 2 and win.activities.fac_filter.findData("F3") < 0
    assert win.act_undo.text().replace("&", "") == "Undo delete facility F3"
    win.act_undo.trigger()
    assert [f.id for f in s.case.facilities] == ["F1", "F2", "F3"] and len(s) == n
    assert s.case.activities.facility[11] == "F3"
    # the same in Chinese
    win.set_language("zh")
    win.answers.pop("delete_facility")
    b.select_cell("facility", 2)
    b.del_fac.click()
    msg = win.statusBar().currentMessage()
    assert "未删除设施 F3" in msg and "仍被 1 行活动数据" in msg
    win.set_language("en")


# ---------------------------------------------------------------- sorting

def _click_header(view, column: int) -> None:
    hh = view.horizontalHeader()
    x = hh.sectionViewportPosition(column) + hh.sectionSize(column) // 2
    QTest.mouseClick(hh.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, hh.height() // 2))


def test_sort_by_tco2e_then_edit_and_undo_the_right_line(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    page = win.activities
    win.tabs.setCurrentWidget(page)
    m, view = page.model, page.view
    col = m.column_of("tco2e")
    res = s.results
    values = [res.line_tco2e(i) for i in range(len(s))]
    _click_header(view, col)
    assert m.sort_field == "tco2e" and not m.sort_desc and m.order is not None
    assert [values[m.position(r)] for r in range(m.rowCount())] == sorted(values)
    _click_header(view, col)
    assert m.sort_desc
    order = [m.position(r) for r in range(m.rowCount())]
    assert [values[p] for p in order] == sorted(values, reverse=True)
    top = order[0]  # the biggest line: F1's purchased electricity
    assert s.case.activities.source[top] == "purchased_electricity"
    assert view.verticalHeader().model().headerData(0, Qt.Orientation.Vertical) == str(s.case.activities.row[top])

    # edit the quantity of the first row shown: it is line `top`, and it stays there
    q0 = s.case.activities.quantity[top]
    view.setFocus()
    view.setCurrentIndex(m.index(0, m.column_of("quantity")))
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "1")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert s.case.activities.quantity[top] == 1.0
    qtbot.waitUntil(lambda: settled(s))
    assert m.position(0) == top and m.index(0, col).data() == f"{s.results.line_tco2e(top):,.2f}"
    win.act_undo.trigger()
    assert s.case.activities.quantity[top] == q0 and m.position(0) == top
    qtbot.waitUntil(lambda: settled(s))
    assert m.index(0, m.column_of("quantity")).data() == f"{q0:,.10g}"
    assert [m.position(r) for r in range(m.rowCount())] == order

    # a problem on a sorted line is marked on its row, and the problem list leads to it
    r5 = m.row_of(5)
    assert m.setData(m.index(r5, m.column_of("item")), "unobtainium")
    qtbot.waitUntil(lambda: settled(s) and bool(s.results.problems))
    assert m.index(r5, m.column_of("item")).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    win._goto_problem(win.problem_model.index(0))
    assert view.currentIndex().row() == r5 and page.current_position() == 5
    win.act_undo.trigger()

    # inserting a line sorts again (once its t CO2e is known); the new line is found
    view.setCurrentIndex(m.index(0, 0))
    win.act_insert.trigger()
    qtbot.waitUntil(lambda: settled(s) and m.order is not None and len(m.order) == len(s))
    new = top + 1
    assert s.case.activities.quantity[new] == 0.0
    assert page.current_position() == new
    shown_values = [s.results.line_tco2e(m.position(r)) for r in range(m.rowCount())]
    known = [v for v in shown_values if v is not None]
    assert known == sorted(known, reverse=True) and shown_values[:len(known)] == known
    win.act_undo.trigger()
    qtbot.waitUntil(lambda: settled(s) and m.order is not None and len(m.order) == len(s))

    # a third click: line order again; the keyboard does the same
    _click_header(view, col)
    assert m.sort_field is None and m.order is None and m.position(3) == 3
    view.setCurrentIndex(m.index(0, m.column_of("item")))
    win.act_sort.trigger()
    assert m.sort_field == "item" and not m.sort_desc
    items = [s.case.activities.item[m.position(r)] for r in range(m.rowCount())]
    filled = [i for i in items if i]
    assert filled == sorted(filled, key=str.casefold) and items[len(filled):] == [""] * (len(items) - len(filled))
    assert view.horizontalHeader().sortIndicatorSection() == m.column_of("item")
    # with a filter: only the filtered lines, sorted
    page.fac_filter.setCurrentIndex(page.fac_filter.findData("F1"))
    page._apply_filter()
    assert m.rowCount() == 11 and all(s.case.activities.facility[m.position(r)] == "F1" for r in range(11))
    view.setCurrentIndex(m.index(0, m.column_of("item")))
    win.act_sort.trigger()
    win.act_sort.trigger()
    assert m.sort_field is None and m.rowCount() == 11


def test_sorting_big_cases_runs_off_the_gui_thread(qtbot, win, monkeypatch):
    from carbonmgr.ui import pages

    monkeypatch.setattr(pages, "SYNC_SORT_LINES", 0)  # every sort goes to the task pool
    s = open_and_wait(qtbot, win, "demo")
    page = win.activities
    m = page.model
    page.sort_by("quantity", True)
    assert m.order is None and m.sort_pending  # not yet: computed in the background
    qtbot.waitUntil(lambda: m.order is not None)
    q = [s.case.activities.quantity[m.position(r)] for r in range(m.rowCount())]
    assert q == sorted(s.case.activities.quantity, reverse=True)
    # lines deleted while a sort is under way: the stale order is dropped, a new one follows
    page.sort_by("quantity", False)
    s_before = len(s)
    win.activities.select_position(0)
    win.act_delete.trigger()
    assert len(s) == s_before - 1
    qtbot.waitUntil(lambda: m.order is not None and len(m.order) == len(s))
    q = [s.case.activities.quantity[m.position(r)] for r in range(m.rowCount())]
    assert q == sorted(s.case.activities.quantity)
    # sorting by t CO2e right after an edit waits for the new results, then sorts
    m.setData(m.index(m.row_of(0), m.column_of("quantity")), "43")
    assert not settled(s)
    page.sort_by("tco2e", True)
    qtbot.waitUntil(lambda: settled(s) and not m.sort_pending and m.order is not None)
    t = [s.results.line_tco2e(m.position(r)) for r in range(m.rowCount())]
    assert t == sorted(t, reverse=True)
