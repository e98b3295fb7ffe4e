"""End-to-end workflows through the real window, on real files (offscreen)."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from carbonmgr.facade import demo_path
from carbonmgr.ui import mainwindow
from carbonmgr.ui.models import ERROR_BG
from uihelpers import open_and_wait, total_shown


def _cell(w, pos, field):
    m = w.activities.model
    return m.index(m.row_of(pos), m.column_of(field))


def test_open_demo_edit_quantity_undo_save_reopen(qtbot, win, tmp_path):
    s = open_and_wait(qtbot, win, "demo")
    assert win.tabs.count() == 8 and win.activities.model.rowCount() == len(s) == 14
    before = total_shown(win)
    assert before == pytest.approx(s.results.totals["total"], abs=0.005)
    q0 = s.case.activities.quantity[0]
    per_unit = s.results.line_tco2e(0) / q0

    # type the new quantity into the cell with the keyboard (F2, text, Enter)
    win.tabs.setCurrentWidget(win.activities)
    view = win.activities.view
    view.setFocus()
    view.setCurrentIndex(_cell(win, 0, "quantity"))
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "50")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: s.case.activities.quantity[0] == 50.0)
    qtbot.waitUntil(lambda: abs(total_shown(win) - (before + per_unit * (50 - q0))) < 0.01)
    assert win.activities.model.index(0, win.activities.model.column_of("tco2e")).data() == f"{per_unit * 50:,.2f}"
    assert win.act_undo.isEnabled() and win.act_undo.text().replace("&", "") == "Undo edit quantity"
    assert win.isWindowModified()

    win.act_undo.trigger()
    qtbot.waitUntil(lambda: abs(total_shown(win) - before) < 0.005)
    assert s.case.activities.quantity[0] == q0
    assert win.act_redo.text().replace("&", "") == "Redo edit quantity"
    win.act_redo.trigger()
    qtbot.waitUntil(lambda: s.case.activities.quantity[0] == 50.0)
    qtbot.waitUntil(lambda: abs(total_shown(win) - before) > 1)
    after = total_shown(win)

    target = tmp_path / "demo.carbon"
    fut = win.save(str(target))
    qtbot.waitUntil(fut.done, timeout=20000)
    assert fut.exception() is None and target.exists()
    qtbot.waitUntil(lambda: not win.isWindowModified())
    assert str(target.resolve()) in win.settings.recent()

    win.session = None  # reopen from disk in the same window
    s2 = open_and_wait(qtbot, win, target)
    assert s2.case.activities.quantity[0] == 50.0
    assert total_shown(win) == pytest.approx(after, abs=0.005)
    assert not win.act_undo.isEnabled()


def _broken_workbook(tmp_path):
    import openpyxl

    src = demo_path("en")
    path = tmp_path / "broken.xlsx"
    shutil.copy(src, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Activities (活动数据)"] if "Activities (活动数据)" in wb.sheetnames else wb.worksheets[2]
    ws["D3"] = "about 100"
    ws["A4"] = "F99"
    ws["D5"] = -7
    wb.save(path)
    return path


def test_import_broken_workbook_shows_cell_precise_errors(qtbot, win, tmp_path):
    path = _broken_workbook(tmp_path)
    op = win.import_workbook(str(path))
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert win.session is None  # nothing was imported
    texts = [win.problem_model.index(i).data() for i in range(win.problem_model.rowCount())]
    assert win.problems_dock.isVisible() and len(texts) >= 3
    joined = "\n".join(texts)
    assert "!D3" in joined and "about 100" in joined and "not a number" in joined
    assert "!A4" in joined and "F99" in joined
    assert "!D5" in joined and "negative" in joined
    assert "broken.xlsx" in win.problem_title.text()
    # the window still works: open the demo afterwards
    open_and_wait(qtbot, win, "demo")
    assert not win.problems_dock.isVisible()


def test_large_import_runs_in_a_child_process_and_can_be_cancelled(qtbot, win, monkeypatch):
    monkeypatch.setattr(mainwindow, "SUBPROCESS_IMPORT_BYTES", 0)
    monkeypatch.setattr(mainwindow, "PROGRESS_DELAY_MS", 0)
    op = win.import_workbook(str(demo_path("en")))
    assert op.job is not None
    op.cancel()
    assert op.finished and op.cancelled
    qtbot.wait(300)
    assert win.session is None
    op2 = win.import_workbook(str(demo_path("en")))
    qtbot.waitUntil(lambda: op2.finished, timeout=30000)
    assert op2.dialog_shown  # progress with a cancel button while the child process reads
    assert win.session is not None and len(win.session) == 14 and win.session.results is not None


def test_invalid_cell_is_marked_with_the_reason(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    m = win.activities.model
    idx = _cell(win, 0, "quantity")
    assert m.setData(idx, "lots") is False
    assert idx.data() == "lots"
    assert "not a number" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert s.case.activities.quantity[0] == 42.0 and not s.can_undo()
    assert m.setData(idx, "43") is True
    assert idx.data() == "43" and idx.data(Qt.ItemDataRole.ToolTipRole) is None


def test_engine_problems_are_marked_on_the_line(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    m = win.activities.model
    before = s.results.totals["total"]
    lost = s.results.line_tco2e(1)
    assert m.setData(_cell(win, 1, "item"), "unobtainium")
    qtbot.waitUntil(lambda: s.results.version == s.version)
    item = _cell(win, 1, "item")
    assert item.data(Qt.ItemDataRole.BackgroundRole) == ERROR_BG
    assert "unobtainium" in item.data(Qt.ItemDataRole.ToolTipRole)
    assert "not in the factor library" in item.data(Qt.ItemDataRole.ToolTipRole)
    assert _cell(win, 1, "tco2e").data() == "—"
    assert total_shown(win) == pytest.approx(before - lost, abs=0.01)
    assert "1 line" in win.totals_bar.status.text()
    assert win.problems_dock.isVisible() and "unobtainium" in win.problem_model.index(0).data()
    assert m.setData(_cell(win, 2, "unit"), "furlong")
    qtbot.waitUntil(lambda: s.results.version == s.version)
    assert "furlong" in _cell(win, 2, "unit").data(Qt.ItemDataRole.ToolTipRole)
    win.act_undo.trigger()
    win.act_undo.trigger()
    qtbot.waitUntil(lambda: s.results.version == s.version and not s.results.problems)
    assert not win.problems_dock.isVisible()


def test_paste_rows_from_excel(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    view = win.activities.view
    n = len(s)
    view.setCurrentIndex(_cell(win, 0, "facility"))
    view.setCurrentIndex(win.activities.model.index(n - 1, 0))
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    # paste below the last line: two new lines, one with a bad quantity
    win.activities.view.setCurrentIndex(win.activities.model.index(n - 1, 0))
    win.paste_cells("F1\t固定燃烧\t柴油\t12\tt\r\nF2\tmobile_combustion\t汽油\tlots\tt\r\n")
    # the first pasted row overwrote the last line; the second became a new line
    assert len(s) == n + 1
    assert s.case.activities.item[n - 1] == "柴油" and s.case.activities.quantity[n - 1] == 12.0
    assert s.case.activities.source[n] == "mobile_combustion" and s.case.activities.quantity[n] == 0.0
    assert "lots" in win.problem_model.index(0).data()
    assert win.act_undo.text().replace("&", "") == "Undo paste"
    win.act_undo.trigger()
    assert len(s) == n


def test_insert_delete_lines_with_filters(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    page = win.activities
    page.fac_filter.setCurrentIndex(page.fac_filter.findData("F2"))
    page._apply_filter()
    assert page.model.rowCount() == 2
    win.act_insert.trigger()  # the new line gets the filter's facility
    assert page.model.rowCount() == 3 and len(s) == 15
    pos = page.current_position()
    assert s.case.activities.facility[pos] == "F2"
    assert page.model.setData(page.model.index(page.model.row_of(pos), page.model.column_of("item")), "柴油")
    assert page.model.setData(page.model.index(page.model.row_of(pos), page.model.column_of("quantity")), "1")
    qtbot.waitUntil(lambda: s.results.version == s.version)
    assert s.results.line_error(pos) is not None or s.results.line_tco2e(pos) is not None
    win.act_delete.trigger()
    assert len(s) == 14 and page.model.rowCount() == 2


def test_boundary_settings_and_facilities(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    b = win.boundary
    before = s.results.totals["total"]
    b.consolidation.setCurrentIndex(b.consolidation.findData("equity_share"))
    b.consolidation.activated.emit(b.consolidation.currentIndex())
    qtbot.waitUntil(lambda: s.results.version == s.version)
    assert s.case.info.consolidation == "equity_share" and s.results.totals["total"] != before
    assert win.act_undo.text().replace("&", "") == "Undo edit consolidation approach"
    fm = b.fac_model
    col = fm.COLUMNS.index("operational_control")
    assert fm.setData(fm.index(2, col), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert s.case.facilities[2].operational_control is True
    assert fm.setData(fm.index(1, fm.COLUMNS.index("equity_share")), "75%")
    assert s.case.facilities[1].equity_share == 0.75
    b.new_fac_id.setText("F4")
    b.new_fac_name.setText("Depot")
    b.add_fac.click()
    assert [f.id for f in s.case.facilities][-1] == "F4" and fm.rowCount() == 4
    assert win.activities.fac_filter.findData("F4") >= 0
    b.year.setValue(2024)
    b.year.editingFinished.emit()
    assert s.case.info.reporting_year == 2024
    b.gwp.setCurrentIndex(b.gwp.findData("AR6"))
    b.gwp.activated.emit(b.gwp.currentIndex())
    assert s.case.info.gwp == "AR6"


def test_factor_library_assign_and_override(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.factors)
    page = win.factors
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    total_factors = page.model.rowCount()
    page.find.setText("natural gas")
    page.search()
    assert 0 < page.model.rowCount() < total_factors
    page.status_box.setCurrentIndex(page.status_box.findData("verified"))
    page.search()
    assert all(f.status == "verified" for f in page.model.rows)
    page.set_box.setCurrentIndex(page.set_box.findData("ipcc2006"))
    page.status_box.setCurrentIndex(0)
    page.search()
    assert page.model.rowCount() > 0 and all(f.set == "ipcc2006" for f in page.model.rows)
    page.view.selectRow(0)
    assert "2006 IPCC Guidelines, default values" in page.prov.toPlainText() and "ipcc2006" not in page.prov.toPlainText()
    assert page.model.rows[0].source in page.prov.toPlainText()
    win.activities.select_position(0, "item")
    page.assign_btn.click()
    assert s.value(0, "factor_set") == "ipcc2006"
    win.override_factor(2.5, "t/10^4 Nm3")
    qtbot.waitUntil(lambda: s.results.version == s.version)
    assert s.results.line_tco2e(0) == pytest.approx(2.5 * 42)
    win.activities.select_position(0, "item")
    win.act_clear_override.trigger()
    assert s.value(0, "ef_co2e") is None


def test_trace_of_the_selected_line(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.activities)
    win.activities.select_position(0, "quantity")
    text = win.activities.trace.toPlainText()
    for part in ("Formula", "E = FC × NCV × CC × OF × 44/12", "NCV", "GJ/10^4 Nm3", "NDRC steel-producer guideline (2013), fuel defaults: Natural gas, net calorific value",
                 "factor library", "Result"):
        assert part in text
    assert "cn_ndrc_2013" not in text  # the factor set by its name, never its id


def test_results_page_and_charts(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.results)
    page = win.results
    t = s.results.totals
    assert page.values["scope2_location"].text() == f"{t['scope2_location']:,.2f}"
    assert page.values["scope2_market"].text() == f"{t['scope2_market']:,.2f}"
    assert page.by_source.rowCount() >= 5 and page.by_facility.rowCount() == 3 and page.by_gas.rowCount() >= 1
    qtbot.waitUntil(lambda: len(page.canvases) == 4, timeout=30000)


def test_recovery_offered_when_opening_a_project(qtbot, win, tmp_path):
    from carbonmgr.editing.session import EditSession

    path = tmp_path / "p.carbon"
    s = EditSession.open("demo", lang="en")
    s.save(path).result()
    s.set_cell(0, "quantity", "99")
    s.autosave()
    s.close().result()
    win.answers["recover"] = "yes"
    s2 = open_and_wait(qtbot, win, path)
    assert s2.case.activities.quantity[0] == 99.0 and s2.modified and win.isWindowModified()


def test_keyboard_reaches_every_action(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    for menu in (win.menu_file, win.menu_edit, win.menu_view, win.menu_help):
        assert "&" in menu.title()
        for act in menu.actions():
            if act.isSeparator() or act.menu() is not None:
                continue
            assert "&" in act.text() or not act.shortcut().isEmpty() or act in (win.act_zh, win.act_en), act.text()
    QTest.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentWidget() is win.factors
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentWidget() is win.activities
    win.act_find.trigger()
    assert QApplication.focusWidget() is win.activities.find
    # every label on the pages has a buddy (its mnemonic moves the focus)
    from PySide6.QtWidgets import QLabel

    for page in (win.boundary, win.activities, win.factors):
        for lbl in page.findChildren(QLabel):
            if "&" in lbl.text():
                assert lbl.buddy() is not None, lbl.text()


def test_settings_remember_language_and_recent_files(qtbot, win, tmp_path):
    from carbonmgr.ui.settings import Settings

    open_and_wait(qtbot, win, "demo")
    win.act_zh.trigger()
    assert Settings().get("ui/language") == "zh"
    win.act_en.trigger()
    assert Settings().get("ui/language") == "en"
    assert str(demo_path("en").resolve()) in Settings().recent()
    win.menu_recent.aboutToShow.emit()
    assert any(demo_path("en").name in a.text() for a in win.menu_recent.actions())


def test_start_up_imports_stay_light():
    import subprocess
    import sys

    code = ("import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
            "from carbonmgr.ui.app import create_app\n"
            "app = create_app()\n"
            "from carbonmgr.ui.mainwindow import MainWindow\n"
            "w = MainWindow(); w.show(); app.processEvents()\n"
            "print([m for m in ('matplotlib', 'openpyxl', 'python_calamine', 'reportlab', 'sqlite_utils',"
            " 'carbonmgr.inventory.engine', 'carbonmgr.report') if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_smoke_test_command(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CARBONMGR_SETTINGS=str(tmp_path / "s.ini"),
               CARBONMGR_DATA_DIR=str(tmp_path / "rec"))
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "gui", "--smoke-test"], capture_output=True, text=True,
                         timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert "smoke test ok" in out.stdout


def test_new_project_then_enter_a_line(qtbot, win, tmp_path):
    target = tmp_path / "firm.carbon"
    win.ask_new_project = lambda: (str(target), {"title": "Firm 2024", "standard": "gbt32150", "reporting_year": 2024,
                                                 "facility_id": "F1", "facility_name": "Main plant",
                                                 "region": "Hubei"})
    fut = win.new_project()
    qtbot.waitUntil(lambda: win.session is not None and win.session.results is not None, timeout=20000)
    s = win.session
    assert fut.done() and s.project_path == target and target.exists() and len(s) == 0
    win.act_insert.trigger()
    m = win.activities.model
    assert m.setData(m.index(0, m.column_of("item")), "Diesel")
    assert m.setData(m.index(0, m.column_of("quantity")), "10")
    qtbot.waitUntil(lambda: s.results.version == s.version and s.results.totals["total"] > 0)
    assert win.isWindowModified()
    fut = win.save()
    qtbot.waitUntil(fut.done, timeout=20000)
    assert not win.isWindowModified()
    win.session = None
    s2 = open_and_wait(qtbot, win, target)
    assert len(s2) == 1 and s2.case.activities.item[0] == "Diesel"


def test_open_recent_asks_before_discarding_unsaved_edits(qtbot, win, tmp_path):
    """Issue 8, item 5: File > Open recent goes through the same save prompt as Open."""
    s = open_and_wait(qtbot, win, "demo")
    before = s.case.activities.quantity[0]
    s.set_cell(0, "quantity", str(before + 1))
    assert s.modified
    asked = []
    answer = win.ask
    win.ask = lambda kind, text, buttons=("yes", "no"): (asked.append(kind), "cancel")[1]
    win.menu_recent.aboutToShow.emit()
    [act] = [a for a in win.menu_recent.actions() if demo_path("en").name in a.text()]
    act.trigger()
    assert asked == ["save_changes"]
    assert win.session is s and s.modified and s.case.activities.quantity[0] == before + 1
    win.ask = answer


def test_a_project_edited_elsewhere_opens_read_only_and_saves_as(qtbot, win, tmp_path):
    """Issue 8, item 3: a second instance (here a child process holding the project's edit lock) is
    detected when the window opens the file; the user opens it read-only and Save keeps the edits
    in a file of their own."""
    import subprocess
    import sys
    import textwrap

    from carbonmgr.facade import Workspace

    project = tmp_path / "shared.carbon"
    with Workspace.open("demo") as ws:
        ws.save_project(project)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path[:0] = {sys.path!r}
        from carbonmgr.editing.session import EditSession
        s = EditSession.open({str(project)!r})
        print("open", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        asked = []
        answer = win.ask
        win.ask = lambda kind, text, buttons=("yes", "no"): (asked.append((kind, text)), "yes")[1]
        win.open_path(str(project))
        qtbot.waitUntil(lambda: win.session is not None and win.session.results is not None, timeout=20000)
        win.ask = answer
        [(kind, text)] = asked
        assert kind == "open_read_only" and "shared.carbon" in text
        s = win.session
        assert s.read_only and "(read-only)" in win.windowTitle()
        s.set_cell(0, "quantity", "321")
        mine = tmp_path / "mine.carbon"
        win.answers["path:save"] = str(mine)
        fut = win.save()
        qtbot.waitUntil(fut.done, timeout=20000)
        assert fut.exception() is None and mine.exists() and not s.read_only
        assert "(read-only)" not in win.windowTitle()
    finally:
        holder.kill()
        holder.wait()
