"""Practice mode, run as a trainee would: the Exercises page, a practice project, the brief and
the documents beside the inventory, values taken from document cells, "Check my work", a fix,
full marks; the attempts are kept in the project."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog

from carbonmgr.facade import exercises as fx


def _select_doc_cell(practice, sheet, ref):
    """Select the cell ``ref`` (e.g. "B17") of the document ``sheet`` in the practice panel."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    p = practice.panel
    view = p.doc_views[sheet]
    p.tabs.setCurrentWidget(view)
    col, row = coordinate_from_string(ref)
    idx = view.model().index(row - 1, column_index_from_string(col) - 1)
    view.setCurrentIndex(idx)
    view.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    return view.model().data(idx)


def _select_activity(win, pos, field):
    acts = win.activities
    assert acts.select_position(pos, field)


def _take(win, qtbot, sheet, ref, pos, field):
    _select_doc_cell(win.practice, sheet, ref)
    _select_activity(win, pos, field)
    win.practice.take_value()


def _new_line(win) -> int:
    """Insert a line at the end of the table; its position."""
    s = win.session
    if len(s):
        win.activities.select_position(len(s) - 1)
    win.insert_line()
    return len(s) - 1


def _check(win, qtbot):
    n = len(win.practice.last.attempts) if win.practice.last is not None else 0
    win.practice.check()
    qtbot.waitUntil(lambda: win.practice.last is not None and len(win.practice.last.attempts) == n + 1
                    and not win.practice.checking, timeout=30000)
    return win.practice.last


def test_practice_an_exercise_end_to_end(win, qtbot, tmp_path):
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() == 6, timeout=20000)  # the 5 exercises and the registry checklist
    titles = [page.listing.item(i).text() for i in range(page.listing.count())]
    assert "Jiangdong Power: a coal plant's 2023 emissions report in the national ETS" in titles
    page.listing.setCurrentRow(titles.index("Jiangdong Power: a coal plant's 2023 emissions report in the national ETS"))
    project = tmp_path / "my power plant.carbon"
    win.answers["path:practice"] = str(project)
    page.start()
    qtbot.waitUntil(lambda: win.session is not None and win.practice.exercise is not None
                    and win.practice.dock.isVisible(), timeout=30000)
    s = win.session
    assert s.project_path == project and len(s) == 0  # the trainee starts from the facilities alone
    practice = win.practice
    assert practice.panel.title.text().startswith("Jiangdong Power")
    tab_texts = [practice.panel.tabs.tabText(i) for i in range(practice.panel.tabs.count())]
    assert tab_texts[0] == "Brief" and "Coal burned and received" in tab_texts
    assert "2 × 660 MW" in practice.panel.brief.toPlainText() or "660 MW" in practice.panel.brief.toPlainText()

    # the settings the brief asks for (the sector gives the coal oxidation rate of the power guideline)
    win.edit_case("grid_factor_set", "cn_grid_mee_ets")
    # two lines first: coal and diesel, their figures taken from the documents
    assert (_new_line(win), _new_line(win)) == (0, 1)
    win.edit_cell(0, "source", "stationary_combustion")
    win.edit_cell(0, "item", "bituminous_coal")
    win.edit_cell(0, "unit", "t")
    _take(win, qtbot, "入炉煤台账", "B17", 0, "quantity")
    _take(win, qtbot, "煤质化验汇总", "G17", 0, "carbon_element")  # 53.87 %: read as 0.5387 tC/t
    win.edit_cell(1, "source", "stationary_combustion")
    win.edit_cell(1, "item", "diesel")
    win.edit_cell(1, "unit", "t")
    _take(win, qtbot, "燃油台账", "C17", 1, "quantity")
    assert s.value(0, "quantity") == pytest.approx(2_908_445.1)
    assert s.value(0, "carbon_element") == pytest.approx(53.87)  # as the lab prints it: the engine reads a percent
    assert s.value(0, "evidence") == "入炉煤台账!B17; 煤质化验汇总!G17"  # the line remembers where its figures came from
    assert s.value(1, "evidence") == "燃油台账!C17"

    first = _check(win, qtbot)
    kinds = [f["kind"] for f in first.findings]
    assert "missing_source" in kinds  # the grid power drawn while the units were down
    assert first.score < 100
    assert practice.panel.findings.count() == len(first.findings)
    # a finding on a line leads to it
    for i, f in enumerate(first.findings):
        if f["rows"]:
            practice.go_to_finding(practice.panel.findings.item(i))
            assert win.tabs.currentWidget() is win.activities
            assert s.case.activities.row[win.activities.current_position()] in f["rows"]
            break

    # fix: the sector, and the missing line
    win.edit_case("sector", "power")
    assert _new_line(win) == 2
    win.edit_cell(2, "source", "purchased_electricity")
    win.edit_cell(2, "item", "grid_cn")
    win.edit_cell(2, "unit", "MWh")
    _take(win, qtbot, "购网电量结算单", "C17", 2, "quantity")
    second = _check(win, qtbot)
    assert second.findings == [], [f["text"]["en"] for f in second.findings]
    assert second.score == 100
    assert "100" in practice.panel.score.text()
    assert [a["score"] for a in second.attempts] == [first.score, 100]

    # the panel in Chinese: the brief, the documents' titles, the buttons, the score
    from carbonmgr.ui import i18n

    i18n.set_language("zh")
    try:
        qtbot.waitUntil(lambda: practice.panel.title.text().startswith("江东发电"), timeout=5000)
        assert practice.panel.tabs.tabText(0) == "案例说明"
        assert "入炉煤/入厂煤月度台账" in [practice.panel.tabs.tabText(i) for i in range(practice.panel.tabs.count())]
        assert practice.panel.check_btn.text().startswith("检查我的答案")
        assert practice.panel.score.text().startswith("得分") and "发电" in practice.panel.brief.toPlainText()
        brief = practice.panel.brief.toPlainText()
        assert "企业概况" in brief and "The firm" not in brief and "Your task" not in brief
        assert practice.dock.windowTitle() == "练习"
    finally:
        i18n.set_language("en")

    # the attempts and the evidence are kept in the project
    win.save()
    qtbot.waitUntil(lambda: not win.session.modified, timeout=20000)
    from carbonmgr.facade import Workspace

    win.session.close().result()
    ws = Workspace.open_project(project, read_only=True).result()
    try:
        assert fx.practice_of(ws).result() == "bundled:coal_power_plant"
        assert [a["score"] for a in fx.practice_attempts(ws).result()] == [first.score, 100]
        assert ws.session.value(0, "evidence") == "入炉煤台账!B17; 煤质化验汇总!G17"
    finally:
        ws.close().result()


def test_an_exercise_taken_as_an_exam(win, qtbot):
    """Exam on the Exercises page packs the exercise (never its key) and opens it in exam mode."""
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() == 6, timeout=20000)  # the 5 exercises and the registry checklist
    page.listing.setCurrentRow(0)  # the cement plant
    page.mode_exam.setChecked(True)
    page.start()
    qtbot.waitUntil(lambda: win.exam_tools.mode is not None and win.exam_tools.mode.active, timeout=30000)
    s = win.session
    assert len(s) == 0 and "生产月报" in s.case.documents
    assert not win.practice.dock.isVisible()  # no practice feedback in an exam


def test_hand_calculation_hides_the_results_until_checked(win, qtbot, tmp_path):
    """An exercise in hand-calculation mode, opened from a file: the app's results stay hidden
    until the trainee has checked the work once."""
    import openpyxl

    from carbonmgr.common.paths import exercises_dir

    wb = openpyxl.load_workbook(exercises_dir() / "coal_power_plant.xlsx")
    for row in wb["Brief"].iter_rows(min_row=2):
        if row[0].value == "hand_calculation":
            row[3].value = "yes"
    mine = tmp_path / "hand.xlsx"
    wb.save(mine)
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() == 6, timeout=20000)  # the 5 exercises and the registry checklist
    page.ask_exercise_path = lambda: str(mine)
    page.open_file()
    qtbot.waitUntil(lambda: page.listing.count() == 7, timeout=20000)
    assert page.current().hand_calculation and page.current().path == mine
    win.answers["path:practice"] = str(tmp_path / "hand.carbon")
    page.start()
    qtbot.waitUntil(lambda: win.practice.exercise is not None and win.practice.dock.isVisible(), timeout=30000)
    assert win.practice.ref == str(mine.resolve())
    assert not win.totals_bar.isVisible()
    assert not win.tabs.isTabVisible(win.tabs.indexOf(win.results))
    assert win.activities.view.isColumnHidden(win.activities.model.column_of("tco2e"))
    _check(win, qtbot)
    assert win.totals_bar.isVisible() and win.tabs.isTabVisible(win.tabs.indexOf(win.results))
    assert not win.activities.view.isColumnHidden(win.activities.model.column_of("tco2e"))


def test_the_start_page_leads_to_the_exercises(win, qtbot):
    from PySide6.QtWidgets import QPushButton

    button = win.start_page.findChild(QPushButton, "start_exercises")
    assert button is not None and button.text().replace("&", "") == "Exercises …"
    button.click()
    page = next(w for w in win.findChildren(QDialog) if w.objectName() == "ExercisesPage")
    qtbot.waitUntil(lambda: page.listing.count() == 6, timeout=20000)  # the 5 exercises and the registry checklist
    page.reject()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_exercises_page_describes_the_chosen_exercise_in_one_language(win, qtbot, lang):
    """The firm, the task and the titles of the source documents, in the UI's language (no count alone)."""
    import re

    from carbonmgr.ui import i18n

    i18n.set_language(lang)
    try:
        page = win.show_exercises()
        qtbot.waitUntil(lambda: page.listing.count() >= 4, timeout=20000)
        row = next(i for i, info in enumerate(page.infos) if info.path.stem == "wuhan_manufacturing")
        page.listing.setCurrentRow(row)
        text = page.details.toPlainText()
        info = page.infos[row]
        assert info.story[lang] and info.story[lang][0][:40] in text
        assert info.task[lang] and info.task[lang][0][:40] in text
        titles = info.document_titles[lang]
        assert len(titles) == len(info.documents) >= 5 and all(t in text for t in titles)
        has_cjk = bool(re.search(r"[\u4e00-\u9fff]", text))
        assert has_cjk == (lang == "zh"), text
        if lang == "zh":  # no English label left over (only names such as GB/T 32150 or R-410A)
            assert not re.search(r"\b(?!GB\b)[A-Za-z]{3,}\b(?![-/])", text.replace("R-410A", "")), text
        assert page.listing.wordWrap()
        page.close()
    finally:
        i18n.set_language("en")


def test_closing_the_exercises_page_before_its_exercises_are_read(win, qtbot):
    """The page is deleted on close; the exercises read afterwards reach no deleted widget (an
    exception in the callback would fail the test: pytest-qt catches those raised in Qt's loop)."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    page = win.show_exercises()
    loading = page.loading
    assert not loading.done()
    page.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(page) and not loading.done()
    qtbot.waitUntil(loading.done, timeout=30000)
    assert loading.exception() is None
    # the window goes on: the page opens again and lists the exercises
    page = win.show_exercises()
    qtbot.waitUntil(lambda: len(page.infos) == 5 and page.listing.count() >= 5, timeout=20000)
    page.reject()


def test_closing_the_window_right_after_opening_the_exercises_page(qtbot, caplog):
    """The window (and the page in it) closed and deleted while the exercises are being read."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, Qt

    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    w = MainWindow(Settings())
    w.show()
    page = w.show_exercises()
    loading = page.loading
    w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    assert w.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(page) and not loading.done()
    qtbot.waitUntil(loading.done, timeout=30000)  # settled, though no window is left to tell
    qtbot.wait(50)
    assert not [r for r in caplog.records if r.levelname == "ERROR"], caplog.text
