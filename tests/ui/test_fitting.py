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


# --------------------------------------------------------------------------------------------
# The views beside the demo's pages: the start page, the class market with a market open, the ETS
# page with covered units, practice and exam mode (their docks beside every page) and the dialogs
# --------------------------------------------------------------------------------------------

SIZES = [(1280, 800), (1366, 768)]


def _cut_in_every_page(qtbot, win, state: str) -> list[str]:
    cut = []
    for size in SIZES:
        win.resize(*size)
        win.show_start_page()
        _settle(qtbot)
        cut += [f"{state} {size} start page: {c}" for c in clipped_texts(win)]
        for t in range(win.tabs.count()):
            if not win.tabs.isTabVisible(t):
                continue
            win.show_page(t)
            _settle(qtbot)
            cut += [f"{state} {size} {win.tabs.tabText(t)}: {c}" for c in clipped_texts(win)]
    return cut


def _done(qtbot, fut):
    qtbot.waitUntil(fut.done, timeout=60_000)
    assert fut.exception() is None, fut.exception()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_is_cut_beside_the_demos_pages(qtbot, win, lang, tmp_path):
    import test_one_language_ui as walk
    from test_ets_page import ets_case

    from carbonmgr.facade import exercises as fx
    from carbonmgr.ui.new_project_dialog import NewProjectDialog

    i18n.set_language(lang)
    cut = _cut_in_every_page(qtbot, win, "no case")
    # dialogs and windows of their own
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() >= 4, timeout=30_000)
    for name, dialog in (("New project", NewProjectDialog(win, tmp_path)), ("Exercises", page),
                         ("Instructor", win.exam_tools.show_instructor())):
        dialog.show()
        _settle(qtbot)
        cut += [f"{name}: {c}" for c in clipped_texts(dialog)]
        dialog.hide()
    page.reject()
    # the class market with a market through a round to its debrief
    walk._market(qtbot, win, tmp_path)
    # the ETS page with covered units
    open_and_wait(qtbot, win, ets_case(tmp_path))
    qtbot.waitUntil(lambda: win.ets.units.rowCount() == 2, timeout=10_000)
    cut += _cut_in_every_page(qtbot, win, "ETS case")
    # practice mode (the practice panel beside every page), after a check
    project = fx.create_practice(fx.bundled_exercises()[0].ref, tmp_path / "practice.carbon", overwrite=True)
    open_and_wait(qtbot, win, project)
    qtbot.waitUntil(lambda: win.practice.dock.isVisible(), timeout=20_000)
    win.practice.check()
    qtbot.waitUntil(lambda: win.practice.last is not None and not win.practice.checking, timeout=60_000)
    cut += _cut_in_every_page(qtbot, win, "practice")
    # exam mode (the exam panel beside every page)
    from test_access_keys import _exam

    _exam(qtbot, win, tmp_path)
    cut += _cut_in_every_page(qtbot, win, "exam")
    assert cut == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_instruments_table_shows_every_header_without_scrolling(qtbot, win, lang, size):
    """The Boundary page's electricity instruments: all four columns, each header whole, side by
    side in the table's width (the unit under the name), with no sideways scrolling."""
    from carbonmgr.ui.fitting import HEADER_SLACK, header_need

    open_and_wait(qtbot, win, "demo")
    i18n.set_language(lang)
    win.resize(*size)
    win.tabs.setCurrentWidget(win.boundary)
    _settle(qtbot)
    view = win.boundary.inst_view
    header = view.horizontalHeader()
    sections = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    assert len(sections) == 4
    for i in sections:
        assert header.sectionSize(i) >= header_need(header, i) - HEADER_SLACK, view.model().headerData(i, header.orientation())
    assert sum(header.sectionSize(i) for i in sections) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    assert header.stretchLastSection()  # the last column takes what is left, not a width of its own
