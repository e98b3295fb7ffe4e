"""Every view at 1280x800 and 1366x768, in both languages: no table header, group title or
single-line label is cut (measured with the widgets' own font metrics)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from carbonmgr.ui import i18n
from carbonmgr.ui.fitting import clipped_texts, fit_header
from uihelpers import open_and_wait


def _settle(qtbot):
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
def test_no_text_is_cut_in_any_view(qtbot, win, lang, size):
    open_and_wait(qtbot, win, "demo")
    i18n.set_language(lang)
    win.resize(*size)
    cut = []
    for t in range(win.tabs.count()):
        win.tabs.setCurrentIndex(t)
        _settle(qtbot)
        cut += [f"{win.tabs.tabText(t)}: {c}" for c in clipped_texts(win)]
    assert cut == []


def test_a_cut_header_is_seen_and_fitted_again(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    i18n.set_language("zh")
    win.tabs.setCurrentWidget(win.activities)
    _settle(qtbot)
    view = win.activities.table if hasattr(win.activities, "table") else None
    if view is None:
        from PySide6.QtWidgets import QTableView

        view = next(v for v in win.activities.findChildren(QTableView) if v.isVisible())
    col = view.model().columns.index("uncertainty")
    view.horizontalHeader().resizeSection(col, 20)
    assert any("不确定性" in c for c in clipped_texts(win))  # the check sees a cut header
    fit_header(view)
    assert not any("不确定性" in c for c in clipped_texts(win))
