"""The app reads a user's workbook in a child process: if that process dies (a parser crash,
out of memory, killed), the window lives on with its session and unsaved edits, and says what
happened in the user's language."""
from __future__ import annotations

import os
import shutil
import signal

from carbonmgr.facade import demo_path
from uihelpers import open_and_wait


def _users_copy(tmp_path):
    path = tmp_path / "lab case.xlsx"
    shutil.copy(demo_path("en"), path)
    return path


def test_a_users_workbook_is_read_in_a_child_process(qtbot, win, tmp_path):
    op = win.import_workbook(str(_users_copy(tmp_path)))
    assert op.job is not None
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    assert win.session is not None and len(win.session) == 14 and win.session.results is not None


def test_the_window_survives_the_reading_process_dying(qtbot, win, tmp_path):
    s = open_and_wait(qtbot, win, "demo")
    m = win.activities.model
    assert m.setData(m.index(0, m.column_of("quantity")), "43")
    assert s.modified and win.isWindowModified()

    op = win.import_workbook(str(_users_copy(tmp_path)))
    qtbot.waitUntil(lambda: op.job._proc is not None and op.job._proc.pid is not None, timeout=10000)
    os.kill(op.job._proc.pid, signal.SIGKILL)  # what the kernel's OOM killer or an abort in the parser does
    qtbot.waitUntil(lambda: op.finished, timeout=30000)

    assert win.session is s and s.modified and s.case.activities.quantity[0] == 43.0
    assert win.isWindowModified() and win.act_undo.isEnabled()
    texts = [win.problem_model.index(i).data() for i in range(win.problem_model.rowCount())]
    assert win.problems_dock.isVisible() and len(texts) == 1
    assert "lab case.xlsx" in texts[0] and "ended unexpectedly (signal 9)" in texts[0]
    assert "Nothing was imported" in texts[0] and "Traceback" not in texts[0]
    from carbonmgr.ui import i18n

    i18n.set_language("zh")
    assert "读取工作簿的进程意外结束（signal 9）" in win.problem_model.index(0).data()
    i18n.set_language("en")
    win.act_undo.trigger()  # the window still works
    assert s.case.activities.quantity[0] == 42.0
