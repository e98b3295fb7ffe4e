"""Helpers shared by the UI tests."""
from __future__ import annotations


def open_and_wait(qtbot, w, path, timeout=20000):
    """Open a file through the window and wait until its inventory is shown."""
    old = w.session
    w.open_path(str(path))
    qtbot.waitUntil(lambda: w.session is not None and w.session is not old and w.session.results is not None,
                    timeout=timeout)
    return w.session


def total_shown(w) -> float:
    return float(w.totals_bar.values["total"].text().replace(",", ""))


def all_widgets() -> list:
    """QApplication.allWidgets() with Python's garbage collector paused while PySide turns the list into
    Python objects: a collection then could free a window left in a reference cycle (an earlier test's
    main window) that the rest of the list still holds (tests/ui/test_language_walk_gc.py)."""
    import gc

    from PySide6.QtWidgets import QApplication

    enabled = gc.isenabled()
    gc.disable()
    try:
        return list(QApplication.allWidgets())
    finally:
        if enabled:
            gc.enable()
