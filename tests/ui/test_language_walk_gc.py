"""Switching the language tells every window, and Python's cyclic garbage collector may run while it
does. A window owned by its Python object (made without a parent: the test fixture's main window,
the Instructor page) that is left in a reference cycle is freed by the collector, whenever that runs;
if it ran while PySide turned Qt's list of all widgets into Python objects (each new wrapper an
allocation that can start a collection), the freed window was still in the list and the next
conversion read freed memory: the segmentation fault in ``set_language`` that full UI test runs
hit after the registry checklist's tests (the garbage was the previous test's main window).

The walk runs in a fresh interpreter (a crash must fail this test, not end the run). To make the
collector run during the walk every time, not by chance, an application event filter collects the
garbage once, the first time PySide marks a widget as it makes its Python object (a dynamic property change)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import gc
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QListWidget, QVBoxLayout, QWidget
    from carbonmgr.ui import i18n

    class Collector(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.DynamicPropertyChange and gc.isenabled():
                QApplication.instance().removeEventFilter(self)  # once, and only when an automatic one could run
                gc.collect()
            return False

    app = QApplication([])
    holder = QWidget()
    lay = QVBoxLayout(holder)
    for _ in range(30):
        lay.addWidget(QListWidget())  # widgets Qt made (viewports, scroll bars): no Python object yet
    class Window(QWidget):
        pass

    for _ in range(20):
        w = Window()  # no parent: owned by its Python object
        QVBoxLayout(w).addWidget(QListWidget())
        w.me = w  # a reference cycle: garbage once the name is gone, freed when the collector runs
        del w
    collector = Collector()
    app.installEventFilter(collector)  # from here on
    for lang in ("en", "en", "zh", "en"):
        i18n.set_language(lang)
    print("walked")
""")


def test_a_language_walk_survives_the_collector_freeing_a_window():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-X", "faulthandler", "-c", SCRIPT], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0 and "walked" in out.stdout, out.stderr[-2000:]
