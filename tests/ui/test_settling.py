"""A future the app hands out settles only after the window has taken in its outcome.

Whoever waits on it (a test, ``maybe_save``) then sees the window's state, not a moment
before it: on a loaded machine the gap between the two was long enough to fail a test."""
from __future__ import annotations

from concurrent.futures import Future

from carbonmgr.ui.taskman import TaskManager
from uihelpers import open_and_wait


def test_watched_future_settles_after_its_handler_ran(qtbot, qapp):
    tasks = TaskManager()
    seen: list = []
    source: Future = Future()
    watched = tasks.watch(source, seen.append)
    source.set_result(7)  # the work is done; the handler has not run on the GUI thread yet
    assert not watched.done()
    qtbot.waitUntil(watched.done, timeout=5000)
    assert seen == [7] and watched.result() == 7


def test_watched_future_carries_the_error_after_the_error_handler_ran(qtbot, qapp):
    tasks = TaskManager()
    errors: list = []
    source: Future = Future()
    watched = tasks.watch(source, None, errors.append)
    boom = OSError("disk full")
    source.set_exception(boom)
    assert not watched.done()
    qtbot.waitUntil(watched.done, timeout=5000)
    assert errors == [boom] and watched.exception() is boom


def test_save_future_resolves_once_the_window_is_no_longer_modified(qtbot, win, tmp_path):
    s = open_and_wait(qtbot, win, "demo")
    m = win.activities.model
    assert m.setData(m.index(0, m.column_of("quantity")), "43")
    assert win.isWindowModified()
    fut = win.save(str(tmp_path / "demo.carbon"))
    modified_when_done: list = []
    # a done-callback runs the moment the future resolves: the window must be settled by then
    fut.add_done_callback(lambda f: modified_when_done.append(win.isWindowModified()))
    qtbot.waitUntil(fut.done, timeout=20000)
    assert fut.exception() is None and modified_when_done == [False] and not s.modified


def test_open_future_resolves_once_the_session_is_installed(qtbot, win, tmp_path):
    open_and_wait(qtbot, win, "demo")
    target = tmp_path / "demo.carbon"
    fut = win.save(str(target))
    qtbot.waitUntil(fut.done, timeout=20000)
    win.session = None
    installed: list = []
    fut = win.open_path(str(target))
    fut.add_done_callback(lambda f: installed.append(win.session is not None))
    qtbot.waitUntil(fut.done, timeout=20000)
    assert installed == [True]
