"""Access keys reachable at once are unique (issue 10): in one state of a window, the menu bar's
titles and the access keys of every visible button, check box, buddied label, group title and tab
of the page shown (with the docks beside it: Problems, practice, exam) never share a letter, in
either language. The walk covers the start page, every page of the window (in practice and in
exam mode too), the View menu's entries (each has a text) and the window's dialogs and windows
(New project, Override, Import, Exercises, Instructor)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTabWidget, QWidget

from carbonmgr.facade import exercises as fx
from uihelpers import open_and_wait

CJK = re.compile(r"[\u4e00-\u9fff]")


def access_key(text: str) -> str | None:
    """The access key of a widget text ("Save &as …" → "a", "文件(&F)" → "f"; "&&" is a plain "&")."""
    m = re.search(r"&([^&\s])", (text or "").replace("&&", ""))
    return m.group(1).lower() if m else None


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and QtGui_Qt.mightBeRichText(label.text()))


def reachable(window: QWidget) -> list[tuple[str, str]]:
    """(what, text) of every access key reachable at once in ``window`` as it is shown now."""
    out = []
    if hasattr(window, "menuBar"):
        out += [("menu", a.text()) for a in window.menuBar().actions() if a.isVisible()]
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        if isinstance(w, QAbstractButton):
            out.append((type(w).__name__, w.text()))
        elif isinstance(w, QLabel) and not _is_rich(w):  # a rich-text label's "&" is an entity, not a key
            out.append(("QLabel", w.text()))
        elif isinstance(w, QGroupBox):
            out.append(("QGroupBox", w.title()))
        elif isinstance(w, QTabWidget):
            out += [("tab", w.tabText(i)) for i in range(w.count()) if w.isTabVisible(i)]
    return [(what, text) for what, text in out if access_key(text)]


def collisions(window: QWidget) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for what, text in reachable(window):
        seen.setdefault(access_key(text), []).append(f"{what} {text!r}")
    return {k: v for k, v in seen.items() if len(v) > 1}


def _settle(qtbot, ms=30):
    QApplication.processEvents()
    qtbot.wait(ms)


def walk_window(qtbot, win, state: str) -> dict[str, dict]:
    """The collisions of the start page and of every visible page of the window."""
    found = {}
    win.show_start_page()
    _settle(qtbot)
    if dup := collisions(win):
        found[f"{state}: start page"] = dup
    for i in range(win.tabs.count()):
        if not win.tabs.isTabVisible(i):
            continue
        win.show_page(i)
        _settle(qtbot)
        if dup := collisions(win):
            found[f"{state}: page {win.tabs.tabText(i)}"] = dup
    return found


def walk_dialogs(qtbot, win, tmp_path) -> dict[str, dict]:
    from carbonmgr.ui.mainwindow import ImportDialog, OverrideDialog
    from carbonmgr.ui.new_project_dialog import NewProjectDialog

    found = {}
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() > 0, timeout=20000)
    instructor = win.exam_tools.show_instructor()
    for name, dialog in (("New project", NewProjectDialog(win, tmp_path)),
                         ("Override factor", OverrideDialog(win, 1.0, "t/t")),
                         ("Import", ImportDialog(win, "case.xlsx")), ("Exercises", page),
                         ("Instructor", instructor), ("Registry steps", win.show_registry_checklist())):
        dialog.show()
        _settle(qtbot)
        if dup := collisions(dialog):
            found[name] = dup
        dialog.hide()
    page.reject()
    return found


def _practice(qtbot, win, tmp_path):
    ref = fx.bundled_exercises()[0].ref
    project = fx.create_practice(ref, tmp_path / "practice.carbon", overwrite=True)
    open_and_wait(qtbot, win, project)
    qtbot.waitUntil(lambda: win.practice.dock.isVisible(), timeout=20000)


def _exam(qtbot, win, tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
    from exercise_books import ACT_HEADER, BRIEF, write_exercise

    from carbonmgr.facade.exams import pack_exam

    key = write_exercise(tmp_path / "key.xlsx", Activities=[ACT_HEADER], Brief=BRIEF + [["time_limit", None, None, 30]])
    pack_exam(key, tmp_path / "exam.cmexam")
    win.exam_tools.open_exam(str(tmp_path / "exam.cmexam"))
    qtbot.waitUntil(lambda: win.exam_tools.mode is not None and win.exam_tools.mode.active
                    and win.session is not None and win.session.results is not None, timeout=30000)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_access_keys_reachable_at_once_are_unique_everywhere(qtbot, win, tmp_path, lang):
    win.set_language(lang)
    found = walk_window(qtbot, win, "no case")
    open_and_wait(qtbot, win, "demo-" + lang)
    win.problems_dock.show()
    found |= walk_window(qtbot, win, "demo case")
    found |= walk_dialogs(qtbot, win, tmp_path)
    _practice(qtbot, win, tmp_path)
    found |= walk_window(qtbot, win, "practice mode")
    _exam(qtbot, win, tmp_path)
    found |= walk_window(qtbot, win, "exam mode")
    print("\n".join(f"{k}: {v}" for k, v in found.items()))
    assert found == {}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_view_menu_entry_has_a_text_and_a_key(qtbot, win, lang):
    win.set_language(lang)
    _settle(qtbot)
    entries = [a for a in win.menu_view.actions() if not a.isSeparator()]
    assert len(entries) >= win.tabs.count() + 2  # the pages, Problems, Language
    texts = [a.text() for a in entries]
    assert all(t.strip() for t in texts), texts
    assert all(access_key(t) for t in texts), texts
    keys = [access_key(t) for t in texts]
    assert len(set(keys)) == len(keys), texts
    for i in range(win.tabs.count()):  # each page's entry is named as its tab
        tab = win.tabs.tabText(i)
        assert re.sub(r"\(&\w\)", "", win.act_pages[i].text()).replace("&", "") == tab
    if lang == "zh":
        assert all(CJK.search(t) for t in texts if t != "中文"), texts


def test_the_check_finds_a_collision_on_a_page(qtbot, win):
    """A button planted on a page with Alt+E (the Edit menu's key) is found."""
    from PySide6.QtWidgets import QPushButton

    open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.results)
    button = QPushButton("&Everything", win.results)
    button.show()
    _settle(qtbot)
    assert "e" in collisions(win)
    assert access_key("Fish && chips") is None and access_key("因子集(&C)：") == "c"
