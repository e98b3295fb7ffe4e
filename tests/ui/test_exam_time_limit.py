"""The exam's time limit in the window, driven by an injected clock (no sleeps): the time left is
shown, warnings at 5 and 1 minute, at zero the work is locked (no edits, no results) and submitted
to the file the trainee chose (else beside the project), announced; the start is kept in the
project, so a new window (the app closed and started again) neither resets the clock nor lets a
trainee past the limit go on: such an exam is locked and submitted at once."""
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
T0 = 1_900_000_000.0


@pytest.fixture
def exam(tmp_path):
    key = write_exercise(tmp_path / "key.xlsx", Activities=[ACT_HEADER] + KEY_LINES,
                         Brief=BRIEF + [["time_limit", None, None, 6]])
    out = tmp_path / "exam.cmexam"
    pack_exam(key, out)
    return out


def driven(win, start: float = T0) -> list[float]:
    now = [start]
    win.exam_tools.clock = lambda: now[0]
    return now


def open_exam(qtbot, win, path):
    before = win.exam_tools.mode
    win.exam_tools.open_exam(str(path))
    qtbot.waitUntil(lambda: win.exam_tools.mode is not None and win.exam_tools.mode is not before
                    and win.exam_tools.mode.active and win.session is not None and win.session.results is not None
                    and win.exam_tools.mode.started is not None, timeout=30000)
    return win.exam_tools.mode


def new_window(qtbot):
    """Another main window, as after the app was closed and started again (same data folder)."""
    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    w = MainWindow(Settings())
    w.answers = {}
    w.ask = lambda kind, text, buttons=("yes", "no"): w.answers.get(kind, buttons[-1])
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


def close_window(qtbot, w) -> None:
    w.answers["save_changes"] = "save"
    w.close()
    if w.session is not None:
        qtbot.waitUntil(lambda: not w.session.modified, timeout=20000)


def answer(qtbot, win, text):
    old = win.session.results
    win.paste_cells(text)
    qtbot.waitUntil(lambda: win.session.results is not old and win.session.results.version == win.session.version,
                    timeout=20000)


def test_the_clock_warns_then_locks_and_submits_to_the_chosen_file(qtbot, win, exam, tmp_path):
    now = driven(win)
    mode = open_exam(qtbot, win, exam)
    clock = mode.panel.clock
    assert mode.deadline == T0 + 6 * 60
    assert clock.text() == "Time left: 6:00" and mode.warnings_shown == []
    answer(qtbot, win, "F1\tstationary_combustion\t天然气\t50\t10^4 Nm3\r\n")
    mode.panel.name.setText("Li Si")
    mode.panel.trainee_id.setText("S042")
    mode.remember_trainee()
    chosen = tmp_path / "usb" / "S042-answer"
    chosen.parent.mkdir()
    mode.ask_submission_path = lambda suggestion: str(chosen)
    assert mode.choose_submission_file() == str(chosen) + ".cmsub"
    # 5 minutes left: the first warning
    now[0] += 60
    mode.tick()
    assert clock.text() == "Time left: 5:00" and mode.warnings_shown == [5]
    assert "5 minute(s) left" in mode.panel.status.text() and "5 minute(s) left" in win.statusBar().currentMessage()
    now[0] += 1
    mode.tick()
    assert mode.warnings_shown == [5]  # once
    # 1 minute left: the second
    now[0] += 239
    mode.tick()
    assert clock.text() == "Time left: 1:00" and mode.warnings_shown == [5, 1]
    answer(qtbot, win, "F1\tmobile_combustion\t柴油\t20\tt\r\n")
    assert not mode.locked and not win.totals_bar.isVisible()
    # zero: locked and submitted where the trainee chose, announced
    now[0] += 60
    mode.tick()
    assert mode.locked and mode.time_up and clock.text() == "Time is up: locked"
    qtbot.waitUntil(lambda: mode.submitted is not None, timeout=20000)
    target = tmp_path / "usb" / "S042-answer.cmsub"
    assert mode.submitted == target
    assert str(target) in mode.announced and "submitted" in mode.announced
    assert str(target) in win.statusBar().currentMessage()
    sub = read_submission(target)
    assert (sub.seal, sub.trainee_id, sub.trainee_name) == ("ok", "S042", "Li Si")
    assert sorted(sub.case.activities.quantity) == [20.0, 50.0]
    # no results and no edits now
    assert not win.totals_bar.isVisible()
    tabs = win.tabs
    assert not tabs.isTabVisible(tabs.indexOf(win.results))
    assert win.activities.view.isColumnHidden(win.activities.model.column_of("tco2e"))
    # the work done was saved into the project (at the lock), and the state (start, lock) too
    qtbot.waitUntil(lambda: not win.session.modified, timeout=20000)
    qtbot.wait(50)
    win.paste_cells("F1\tmobile_combustion\t柴油\t99\tt\r\n")
    qtbot.wait(50)
    assert len(win.session) == 2 and sorted(win.session.case.activities.quantity) == [20.0, 50.0]
    assert "locked" in win.statusBar().currentMessage()
    win.undo()
    assert len(win.session) == 2
    assert mode.panel.trainee_id.isReadOnly() and not mode.panel.submit_btn.isEnabled()
    project = win.session.project_path
    qtbot.waitUntil(lambda: "exam_locked_at" in _meta(project), timeout=20000)
    meta = _meta(project)
    assert float(meta["exam_started_at"]) == T0 and meta["exam_submission"] == str(target)
    # reopened later: locked at once, not submitted again
    stamp = target.stat().st_mtime_ns
    now[0] += 3600
    win.open_path("demo")
    qtbot.waitUntil(lambda: win.exam_tools.mode is None and win.session is not None
                    and win.session.project_path is None, timeout=30000)
    mode = open_exam(qtbot, win, exam)
    assert mode.locked and mode.panel.clock.text() == "Time is up: locked"
    assert str(target) in mode.panel.status.text()
    assert sorted(win.session.case.activities.quantity) == [20.0, 50.0]
    qtbot.wait(100)
    assert target.stat().st_mtime_ns == stamp
    win.paste_cells("F1\tmobile_combustion\t柴油\t99\tt\r\n")
    qtbot.wait(50)
    assert len(win.session) == 2


def _meta(project: Path) -> dict:
    con = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()


def test_restarting_the_app_neither_resets_the_clock_nor_escapes_it(qtbot, win, exam, tmp_path):
    driven(win)
    mode = open_exam(qtbot, win, exam)
    assert mode.deadline == T0 + 360
    answer(qtbot, win, "F1\tmobile_combustion\t柴油\t20\tt\r\n")
    mode.panel.trainee_id.setText("S007")
    mode.remember_trainee()
    project = win.session.project_path
    close_window(qtbot, win)  # the app is closed (the work saved) ...
    # ... and started again two minutes later: the clock goes on from the first opening
    win2 = new_window(qtbot)
    now2 = driven(win2, T0 + 120)
    mode2 = open_exam(qtbot, win2, exam)
    assert mode2.deadline == T0 + 360 and mode2.panel.clock.text() == "Time left: 4:00"
    assert mode2.warnings_shown == [5] and mode2.panel.trainee_id.text() == "S007"  # kept in the project
    assert win2.session.case.activities.quantity == [20.0]
    close_window(qtbot, win2)
    # started again after the limit: locked and submitted at once, beside the project (no file chosen)
    win3 = new_window(qtbot)
    driven(win3, now2[0] + 600)
    win3.exam_tools.open_exam(str(exam))
    qtbot.waitUntil(lambda: win3.exam_tools.mode is not None and win3.exam_tools.mode.submitted is not None,
                    timeout=30000)
    mode3 = win3.exam_tools.mode
    target = project.with_name("S007-Wuhan_Gear_Works_2023_inventory.cmsub")  # the ID and the exam's title
    assert mode3.locked and mode3.submitted == target and target.parent == project.parent
    assert str(target) in mode3.announced
    sub = read_submission(target)
    assert sub.seal == "ok" and sub.trainee_id == "S007" and sub.case.activities.quantity == [20.0]
    assert sub.package_id == read_exam(exam).package_id
    assert not win3.totals_bar.isVisible()
    win3.paste_cells("F1\tmobile_combustion\t柴油\t99\tt\r\n")
    qtbot.wait(50)
    assert win3.session.case.activities.quantity == [20.0]
    win3.answers["save_changes"] = "discard"
    win3.close()


def test_a_trainee_without_an_id_is_still_submitted_at_time_up(qtbot, win, exam):
    now = driven(win)
    mode = open_exam(qtbot, win, exam)
    now[0] += 30  # opened with the time nearly gone would warn once: here plenty is left
    mode.tick()
    assert mode.warnings_shown == []
    now[0] += 6 * 60
    mode.tick()
    qtbot.waitUntil(lambda: mode.submitted is not None, timeout=20000)
    assert read_submission(mode.submitted).trainee_id == "unknown"


def test_an_exam_opened_in_its_last_minute_warns_once(qtbot, win, exam):
    now = driven(win)
    mode = open_exam(qtbot, win, exam)
    now[0] += 6 * 60 - 30
    mode.tick()
    assert mode.warnings_shown == [5, 1] and "1 minute(s) left" in mode.panel.status.text()
    assert mode.panel.clock.text() == "Time left: 0:30"


def test_the_time_up_file_is_named_like_a_submission_and_overwrites_nothing(qtbot, win, exam, tmp_path):
    """No file chosen: the work goes beside the project, named after the trainee and the exam's title
    (as Submit would suggest it; never after the package's id), and an existing file there is kept."""
    now = driven(win)
    mode = open_exam(qtbot, win, exam)
    answer(qtbot, win, "F1\tmobile_combustion\t柴油\t20\tt\r\n")
    mode.panel.name.setText("Li Lei")
    mode.panel.trainee_id.setText("S/007")
    mode.remember_trainee()
    project = win.session.project_path
    package_id = read_exam(exam).package_id
    name = "S_007-Li_Lei-Wuhan_Gear_Works_2023_inventory.cmsub"  # the title "Wuhan Gear Works: 2023 inventory"
    assert mode.suggested_file() == project.with_name(name)
    assert Path(mode._submission_suggestion()).name == name
    earlier = project.with_name(name)
    earlier.write_bytes(b"an earlier submission")
    now[0] += 6 * 60
    mode.tick()
    qtbot.waitUntil(lambda: mode.submitted is not None, timeout=20000)
    assert mode.submitted == project.with_name("S_007-Li_Lei-Wuhan_Gear_Works_2023_inventory-2.cmsub")
    assert package_id not in mode.submitted.name and package_id not in mode.announced
    assert earlier.read_bytes() == b"an earlier submission"
    sub = read_submission(mode.submitted)
    assert (sub.seal, sub.trainee_id, sub.trainee_name) == ("ok", "S/007", "Li Lei")
