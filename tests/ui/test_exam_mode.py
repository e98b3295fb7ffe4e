"""Exam mode end to end in the window: pack a key, open the package, answer with no results shown,
submit a sealed file; an edit made afterwards with sqlite3 is detected."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from exercise_books import ACT_HEADER, BRIEF, write_exercise  # noqa: E402

from carbonmgr.facade.exams import pack_exam, read_exam, read_submission  # noqa: E402

KEY_LINES = [["F1", "stationary_combustion", "天然气", 50, "10^4 Nm3", None, None],
             ["F1", "mobile_combustion", "柴油", 20, "t", None, None]]


@pytest.fixture
def exam(tmp_path):
    key = write_exercise(tmp_path / "key.xlsx", Activities=[ACT_HEADER] + KEY_LINES,
                         Brief=BRIEF + [["time_limit", None, None, 30]])
    out = tmp_path / "exam.cmexam"
    pack_exam(key, out)
    return key, out


def open_exam(qtbot, win, path):
    before = win.exam_tools.mode
    win.exam_tools.open_exam(str(path))
    qtbot.waitUntil(lambda: win.exam_tools.mode is not None and win.exam_tools.mode is not before
                    and win.exam_tools.mode.active and win.session is not None and win.session.results is not None
                    and win.exam_tools.mode.started is not None, timeout=30000)
    return win.exam_tools.mode


def test_an_exam_is_worked_without_results_and_submitted_sealed(qtbot, win, exam, tmp_path):
    key, path = exam
    mode = open_exam(qtbot, win, path)
    pkg = read_exam(path)
    assert mode.package.package_id == pkg.package_id
    # the brief and the documents are shown; the given facility is there; no line of the key
    assert "Wuhan Gear Works" in mode.panel.title.text()
    assert "Build the 2023 inventory" in mode.panel.brief.toPlainText()
    assert [f.id for f in win.session.case.facilities] == ["F1"] and len(win.session) == 0
    assert "燃料台账" in win.session.case.documents
    assert mode.panel.clock.text() in ("Time left: 30:00", "Time left: 29:59")
    # no results: totals, Results and Report pages, computed columns, trace, exports hidden
    tabs = win.tabs
    assert not win.totals_bar.isVisible()
    assert not tabs.isTabVisible(tabs.indexOf(win.results)) and not tabs.isTabVisible(tabs.indexOf(win.report))
    col = win.activities.model.column_of
    assert win.activities.view.isColumnHidden(col("tco2e")) and win.activities.view.isColumnHidden(col("scope"))
    assert not win.act_export_pdf.isVisible()
    # the trainee answers; the new results stay hidden
    old = win.session.results
    win.paste_cells("F1\tstationary_combustion\t天然气\t50\t10^4 Nm3\r\nF1\tmobile_combustion\t柴油\t20\tt\r\n")
    qtbot.waitUntil(lambda: win.session.results is not old and win.session.results.version == win.session.version,
                    timeout=20000)
    qtbot.wait(50)
    assert len(win.session) == 2
    assert not win.totals_bar.isVisible() and win.activities.view.isColumnHidden(col("tco2e"))
    # Submit needs the trainee's ID
    assert mode.submit() is None and "trainee ID is required" in mode.panel.status.text()
    mode.panel.name.setText("Zhang San")
    mode.panel.trainee_id.setText("S001")
    out = tmp_path / "S001.cmsub"
    suggested = "S001-Zhang_San-Wuhan_Gear_Works_2023_inventory.cmsub"  # the trainee and the exam's title
    mode.ask_submission_path = lambda suggestion: (Path(suggestion).name == suggested or None) and str(out)
    fut = mode.submit()
    qtbot.waitUntil(lambda: mode.submitted is not None, timeout=20000)
    assert fut.exception() is None
    sub = read_submission(out)
    assert (sub.seal, sub.trainee_id, sub.trainee_name, sub.package_id) == ("ok", "S001", "Zhang San", pkg.package_id)
    assert sub.case.activities.quantity == [50.0, 20.0]
    # submitted: the results may be seen now
    assert win.totals_bar.isVisible() and tabs.isTabVisible(tabs.indexOf(win.results))
    assert "Submitted" in mode.panel.clock.text()
    # and a submission is final: the answer cannot be changed after seeing its results
    qtbot.wait(50)
    win.paste_cells("F1\tmobile_combustion\t柴油\t99\tt\r\n")
    qtbot.wait(50)
    assert len(win.session) == 2 and win.session.case.activities.quantity == [50.0, 20.0]
    assert "submission is final" in win.statusBar().currentMessage()
    assert not mode.panel.submit_btn.isEnabled() and mode.panel.trainee_id.isReadOnly()
    assert win.totals_bar.isVisible()  # the results stay shown
    # an edit made outside the app is detected
    con = sqlite3.connect(out)
    with con:
        con.execute("UPDATE activities SET quantity = 5 WHERE quantity = 50")
    con.close()
    assert read_submission(out).seal == "broken"


def test_reopening_resumes_the_work_and_not_the_clock(qtbot, win, exam):
    _, path = exam
    now = [1_900_000_000.0]
    win.exam_tools.clock = lambda: now[0]
    mode = open_exam(qtbot, win, path)
    deadline = mode.deadline
    assert deadline == now[0] + 30 * 60
    win.set_language("zh")  # one language at a time: the exam panel and its actions follow
    qtbot.wait(50)
    assert mode.dock.windowTitle() == "考试" and "剩余时间" in mode.panel.clock.text()
    assert mode.panel.submit_btn.text().startswith("提交") and win.exam_tools.act_open_exam.text().startswith("打开考试")
    win.set_language("en")
    qtbot.wait(50)
    assert mode.dock.windowTitle() == "Exam"
    win.paste_cells("F1\tmobile_combustion\t柴油\t7\tt\r\n")
    qtbot.waitUntil(lambda: len(win.session) == 1)
    win.save()
    qtbot.waitUntil(lambda: not win.session.modified, timeout=20000)
    project = win.session.project_path
    now[0] += 600  # ten minutes later
    mode = open_exam(qtbot, win, path)  # the same package again: the trainee's project of it
    assert len(win.session) == 1 and win.session.case.activities.quantity == [7.0]
    assert mode.deadline == deadline and mode.panel.clock.text() == "Time left: 20:00"  # the clock was not reset
    # opened another way (Recent files, File › Open), the exam's project is still in exam mode
    win.open_path("demo")
    qtbot.waitUntil(lambda: win.exam_tools.mode is None and win.session is not None
                    and win.session.project_path is None, timeout=30000)
    assert win.totals_bar.isVisible()
    win.open_path(str(project))
    qtbot.waitUntil(lambda: win.exam_tools.mode is not None and win.exam_tools.mode.active
                    and win.exam_tools.mode.started is not None, timeout=30000)
    assert not win.totals_bar.isVisible() and win.exam_tools.mode.deadline == deadline


def test_a_damaged_package_is_reported_and_no_exam_starts(qtbot, win, tmp_path):
    bad = tmp_path / "bad.cmexam"
    bad.write_bytes(b"PK\x03\x04 not really")
    fut = win.exam_tools.open_exam(str(bad))
    qtbot.waitUntil(fut.done, timeout=10000)
    assert win.exam_tools.mode is None
    assert "not a CarbonMgr exam package" in win.statusBar().currentMessage()


def test_the_instructor_page_grades_a_folder_in_the_background(qtbot, win, exam, tmp_path):
    """Pack, answer and submit in the app, then grade a folder: an edited submission, a submission
    to another package and an unreadable file are flagged, the rest graded; gradebook and PDFs."""
    from carbonmgr.facade.exams import ExamPackage
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.submission import write_submission

    key, path = exam
    folder = tmp_path / "collected"
    folder.mkdir()
    mode = open_exam(qtbot, win, path)
    old = win.session.results
    win.paste_cells("F1\tstationary_combustion\t天然气\t50\t10^4 Nm3\r\nF1\tmobile_combustion\t柴油\t17\tt\r\n")
    qtbot.waitUntil(lambda: win.session.results is not old and win.session.results.version == win.session.version,
                    timeout=20000)
    mode.panel.trainee_id.setText("S001")
    mode.ask_submission_path = lambda suggestion: str(folder / "S001.cmsub")
    mode.submit()
    qtbot.waitUntil(lambda: mode.submitted is not None, timeout=20000)
    perfect = read_exercise(key).key
    pkg = read_exam(path)
    write_submission(folder / "S002.cmsub", perfect, package=pkg.identity(), trainee_id="S002", trainee_name="Wang")
    write_submission(folder / "S003.cmsub", perfect, package=pkg.identity(), trainee_id="S003")
    con = sqlite3.connect(folder / "S003.cmsub")
    with con:
        con.execute("UPDATE activities SET quantity = 99 WHERE source = 'mobile_combustion'")
    con.close()
    other = ExamPackage(brief=[{"key": "title", "zh": "别的考试", "en": "Another exam"}]).seal_id()
    write_submission(folder / "S004.cmsub", perfect, package=other.identity(), trainee_id="S004")
    (folder / "S005.cmsub").write_bytes(b"garbage")
    (folder / "notes.txt").write_text("not a submission")

    page = win.exam_tools.show_instructor()
    qtbot.addWidget(page)
    page.choose_key(str(key))
    page.choose_folder(str(folder))
    assert [p.name for p in page.submission_files()] == [f"S00{n}.cmsub" for n in range(1, 6)]
    fut = page.grade()
    qtbot.waitUntil(lambda: fut.done() and bool(page.results), timeout=60000)
    # the progress, taken by the window in batches (never more than one update per FLUSH_MS)
    done = [d for d, _ in page.progress_seen]
    assert page.progress_seen[-1] == (5, 5) and done == sorted(set(done)) and 1 <= page.flushes <= 5
    heads = page.headers()
    assert page.table.model().rowCount() == 5 and len(heads) == page.table.model().columnCount()
    rows = {page.cell_text(r, 1): {h: page.cell_text(r, c) for c, h in enumerate(heads)}
            for r in range(page.table.model().rowCount())}
    assert float(rows["S002.cmsub"]["Score"]) == 100.0 and rows["S002.cmsub"]["Flag"] == ""
    assert rows["S002.cmsub"]["Trainee"] == "Wang (S002)"
    assert float(rows["S001.cmsub"]["Score"]) < 100 and rows["S001.cmsub"]["wrong quantity"] == "1"
    assert "seal broken" in rows["S003.cmsub"]["Flag"] and rows["S003.cmsub"]["Seal"] == "BROKEN"
    assert "another exam package" in rows["S004.cmsub"]["Flag"] and rows["S004.cmsub"]["Exam package"] == "ANOTHER"
    assert "unreadable" in rows["S005.cmsub"]["Flag"] and rows["S005.cmsub"]["Score"] == ""
    assert "5 submission(s): 4 graded, 3 flagged" in page.summary.text()
    # grading is over: the exports and grading again are offered (they stayed greyed out before)
    assert page.gradebook_btn.isEnabled() and page.feedback_btn.isEnabled() and page.grade_btn.isEnabled()
    # the charts: the class's mistakes (wrong quantity: S001 and S003) and the score bands
    assert ("wrong quantity", 2) in page.mistakes_chart.bars
    assert sum(n for _, n in page.scores_chart.bars) == 4
    page.grab()  # the charts paint
    # the gradebook and the feedback reports
    fut = page.export_gradebook(str(tmp_path / "book.xlsx"))
    qtbot.waitUntil(fut.done, timeout=30000)
    assert fut.exception() is None and (tmp_path / "book.xlsx").stat().st_size > 0
    fut = page.export_feedback(str(tmp_path / "pdfs"))
    qtbot.waitUntil(fut.done, timeout=120000)
    assert fut.exception() is None
    assert len(list((tmp_path / "pdfs").glob("*.pdf"))) == 4
    page.close()
