"""Issue 10 in the app: the start page, the New project dialog (no silent default factor, a
clear message for a facility ID in use), the status bar after a language switch, and access
keys (mnemonics) unique in every menu and dialog in both languages."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMenu, QPushButton, QWidget

from carbonmgr.facade import demo_path
from carbonmgr.ui.new_project_dialog import NewProjectDialog
from carbonmgr.ui.start_page import StartEntry
from uihelpers import open_and_wait

CJK = re.compile(r"[\u4e00-\u9fff]")


def _fill(qtbot, dialog: NewProjectDialog, path, region="Hubei", title="Firm 2024", name="Main plant"):
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, title)
    dialog.facility_name.clear()
    qtbot.keyClicks(dialog.facility_name, name)
    if region is not None:
        dialog.region.setCurrentIndex(dialog.region.findData(region))
    dialog.set_path(str(path))


# --------------------------------------------------------------------------------------------
# Start page
# --------------------------------------------------------------------------------------------

def test_the_app_starts_on_the_start_page_and_its_entries_work(qtbot, win):
    assert win.stack.currentWidget() is win.start_page and win.start_page.isVisible()
    page = win.start_page
    shown = [k for k, b in page.buttons.items() if b.isVisible()]
    assert shown == ["demo", "new", "import", "open", "market", "exercises"]  # "back" only once a case is open
    # no recent files: the page says what to do instead of showing an empty list
    assert page.recent_empty.isVisible() and not page.recent.isVisible()
    assert "demo" in page.recent_empty.text()

    page.buttons["demo"].click()
    qtbot.waitUntil(lambda: win.session is not None and win.session.results is not None, timeout=20000)
    assert win.stack.currentWidget() is win.work and win.tabs.isVisible()

    win.act_start.trigger()  # File > Start page: the demo is now a recent file, and Back returns
    assert win.stack.currentWidget() is page
    assert page.recent.isVisible() and page.recent.count() == 1
    assert page.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(demo_path("en"))
    assert page.buttons["back"].isVisible() and win.session.title in page.details["back"].text()
    page.buttons["back"].click()
    assert win.stack.currentWidget() is win.work

    win.act_start.trigger()
    old = win.session
    page.recent.itemActivated.emit(page.recent.item(0))  # Enter on a recent file opens it
    qtbot.waitUntil(lambda: win.session is not old and win.session is not None and win.session.results is not None,
                    timeout=20000)
    assert win.stack.currentWidget() is win.work

    win.act_start.trigger()
    win.act_pages[2].trigger()  # Ctrl+3: a page of the open case
    assert win.stack.currentWidget() is win.work and win.tabs.currentIndex() == 2


def test_the_start_page_takes_more_entries(qtbot, win):
    ran = []
    button = win.start_page.add_entry(StartEntry("another", lambda: "Ano&ther", lambda: "Another entry",
                                                 lambda: ran.append(1)), before="open")
    # (the Exercises entry is the practice mode's own, before Open as well)
    assert [e.key for e in win.start_page.entries][:6] == ["demo", "new", "import", "exercises", "another", "open"]
    assert button.objectName() == "start_another" and button.text() == "Ano&ther"
    button.click()
    assert ran == [1]


def test_the_start_page_in_chinese(qtbot, win):
    win.set_language("zh")
    page = win.start_page
    qtbot.waitUntil(lambda: page.buttons["demo"].text() == "打开示例案例(&D)")
    for widget in [page.heading, page.intro, page.recent_title, page.recent_empty, *page.details.values()]:
        if widget.isVisible():
            assert CJK.search(widget.text()), widget.text()
    win.set_language("en")


def test_an_empty_activity_table_says_what_to_do(qtbot, win, tmp_path):
    dialog = NewProjectDialog(win, tmp_path)
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, tmp_path / "firm.carbon")
    answer = (dialog.project_path(), dialog.essentials())
    win.ask_new_project = lambda: answer
    win.new_project()
    qtbot.waitUntil(lambda: win.session is not None and win.session.results is not None, timeout=20000)
    win.tabs.setCurrentWidget(win.activities)
    hint = win.activities_hint.label
    assert hint.isVisible() and "Ctrl+I" in hint.text()
    win.act_insert.trigger()
    qtbot.waitUntil(lambda: len(win.session) == 1)
    assert not hint.isVisible()


# --------------------------------------------------------------------------------------------
# New project: the essentials in one dialog
# --------------------------------------------------------------------------------------------

def test_the_new_project_dialog_asks_for_every_essential(qtbot, win, tmp_path):
    dialog = NewProjectDialog(win, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.region.currentIndex() == -1  # no region chosen for the user
    assert not ok.isEnabled()
    assert dialog.missing.isVisible() and "Region" in dialog.missing.text() and "Case title" in dialog.missing.text()
    _fill(qtbot, dialog, tmp_path / "firm", region=None)
    assert not ok.isEnabled() and "Region" in dialog.missing.text() and "Case title" not in dialog.missing.text()
    dialog.region.setCurrentIndex(dialog.region.findData("Hubei"))
    assert ok.isEnabled() and not dialog.missing.isVisible()
    assert dialog.project_path() == str(tmp_path / "firm.carbon")
    assert dialog.essentials() == {"title": "Firm 2024", "standard": "gbt32150",
                                   "reporting_year": dialog.year.value(), "facility_id": "F1",
                                   "facility_name": "Main plant", "region": "Hubei"}
    dialog.facility_id.clear()
    assert not ok.isEnabled() and "ID" in dialog.missing.text()


def test_the_fields_still_needed_are_named_without_their_access_keys(qtbot, win, tmp_path):
    """"尚需填写：案例标题(T)、设施名称(N)": the list names each field as a reader says it, in Chinese without
    the "(T)" of its access key, as in English without the "&"."""
    win.set_language("zh")
    dialog = NewProjectDialog(win, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.missing.text()
    assert "案例标题" in text and "设施名称" in text and "所在地区（电网）" in text
    assert not re.search(r"\(&?[A-Za-z]\)|&", text), text


def test_a_new_project_has_what_the_dialog_asked_and_its_electricity_the_regions_factor(qtbot, win, tmp_path):
    dialog = NewProjectDialog(win, tmp_path)
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, tmp_path / "firm.carbon", title="Xiaogan 2023", name="Coating plant")
    dialog.standard.setCurrentIndex(dialog.standard.findData("ghgp"))
    dialog.year.setValue(2023)
    answer = (dialog.project_path(), dialog.essentials())
    win.ask_new_project = lambda: answer
    fut = win.new_project()
    qtbot.waitUntil(lambda: win.session is not None and win.session.results is not None, timeout=20000)
    s = win.session
    assert fut.done() and s.project_path == tmp_path / "firm.carbon" and s.project_path.exists()
    assert s.title == "Xiaogan 2023" and s.case.info.standard == "ghgp" and s.case.info.reporting_year == 2023
    [fac] = s.case.facilities
    assert (fac.id, fac.name, fac.region) == ("F1", "Coating plant", "Hubei")

    # 1,000 MWh of purchased electricity: Hubei's grid factor, not the national one, and no warning
    s.insert_lines(0, facility="F1", source="purchased_electricity")
    s.set_cell(0, "quantity", "1000")
    s.set_cell(0, "unit", "MWh")
    win.compute_now()
    qtbot.waitUntil(lambda: s.results.version == s.version and s.results.totals["total"] > 0, timeout=20000)
    trace = next(iter(s.results.inventory.lines()))["trace"]
    assert "grid_cn_hubei" in repr(trace) and "grid_cn/" not in repr(trace), trace
    assert not [w for w in s.results.inventory.warnings if w.code == "engine.region_missing"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_facility_id_in_use_is_named_with_its_facility(qtbot, win, lang):
    open_and_wait(qtbot, win, "demo")
    win.set_language(lang)
    win.tabs.setCurrentWidget(win.boundary)
    first = win.session.case.facilities[0]
    assert win.add_facility(first.id, "again") is False
    message = win.statusBar().currentMessage()
    assert first.id in message and first.name in message and "-" not in message.replace(first.id, "")
    assert ("已被" in message) == (lang == "zh") and ("already used" in message) == (lang == "en")


# --------------------------------------------------------------------------------------------
# The status bar after a language switch
# --------------------------------------------------------------------------------------------

def test_the_status_bar_drops_the_old_languages_message(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    win.statusBar().showMessage(win.tr("Opened %1").replace("%1", "demo"), 60000)
    assert win.statusBar().currentMessage().startswith("Opened")
    win.set_language("zh")
    message = win.statusBar().currentMessage()
    assert not re.search(r"[A-Za-z]{4,}", message.replace("CarbonMgr", "")), message
    assert win.status_lines.text() and CJK.search(win.status_lines.text())
    win.set_language("en")


# --------------------------------------------------------------------------------------------
# Access keys: unique in every menu and dialog, in both languages
# --------------------------------------------------------------------------------------------

def _key(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def _duplicates(texts: list[str]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for text in texts:
        key = _key(text)
        if key:
            seen.setdefault(key, []).append(text)
    return {k: v for k, v in seen.items() if len(v) > 1}


def _menus(win) -> dict[str, list[str]]:
    """Every menu (the menu bar, each menu and submenu, the context menus of views): its texts."""
    out = {"menu bar": [a.text() for a in win.menuBar().actions()]}

    def walk(menu: QMenu, where: str):
        menu.aboutToShow.emit()  # menus filled when shown (Open recent)
        out[where] = [a.text() for a in menu.actions() if not a.isSeparator()]
        for a in menu.actions():
            if a.menu() is not None:
                walk(a.menu(), where + " > " + a.menu().title())

    for a in win.menuBar().actions():
        walk(a.menu(), a.text())
    for w in win.findChildren(QWidget):
        if w.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu and w.actions():
            out[f"context menu of {type(w).__name__} {w.objectName()}"] = [a.text() for a in w.actions()]
    return out


def _dialog_texts(dialog: QWidget) -> list[str]:
    texts = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QPushButton):
            texts.append(w.text())
    return texts


def _dialogs(win, tmp_path):
    from carbonmgr.ui.mainwindow import ImportDialog, OverrideDialog

    made = {"New project": NewProjectDialog(win, tmp_path), "Override factor": OverrideDialog(win, 1.0, "t/t"),
            "Import": ImportDialog(win, "case.xlsx")}
    return made


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_access_keys_are_unique_in_every_menu_and_dialog(qtbot, win, tmp_path, lang):
    open_and_wait(qtbot, win, "demo")  # menus as they are with a case open (Undo/Redo texts ...)
    win.set_language(lang)
    qtbot.wait(50)  # parts that re-translate on the LanguageChange event
    found = {}
    for where, texts in _menus(win).items():
        dup = _duplicates(texts)
        if dup:
            found[where] = dup
        if where == "menu bar":
            assert len([t for t in texts if _key(t)]) == len(texts), texts  # every menu has one
    for name, dialog in _dialogs(win, tmp_path).items():
        qtbot.addWidget(dialog)
        dup = _duplicates(_dialog_texts(dialog))
        if dup:
            found[name] = dup
    tabs = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert not [t for t in tabs if _key(t)], tabs  # pages go by Ctrl+1 …; Alt+F stays File's
    dup = _duplicates([b.text() for b in win.start_page.buttons.values()] +
                      [a.text() for a in win.menuBar().actions()])
    if dup:
        found["start page and menu bar"] = dup
    assert found == {}
    if lang == "zh":  # the Chinese texts carry their key in the Chinese way: 文件(&F)
        texts = [t for texts in _menus(win).values() for t in texts if _key(t) and CJK.search(t)]
        assert texts and all(re.search(r"\(&[A-Za-z0-9]\)", t) for t in texts), texts
    win.set_language("en")


def test_the_access_key_check_finds_a_collision(qtbot, win):
    """The check itself can fail: two actions of one menu with the same key are found."""
    menu = win.menu_edit
    act = menu.addAction("&Undo everything")
    try:
        dup = _duplicates(_menus(win)[win.menuBar().actions()[1].text()])
        assert "u" in dup
    finally:
        menu.removeAction(act)
    assert _key("Save &as …") == "a" and _key("文件(&F)") == "f" and _key("Fish && chips") is None
    _ = QApplication.instance(), QDialog
