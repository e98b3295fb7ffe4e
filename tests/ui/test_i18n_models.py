"""Translations (no English left when Chinese is active) and model checks (qtmodeltester)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QMenu, QTabWidget, QTextBrowser)

from carbonmgr.common.paths import resource_dir
from uihelpers import all_widgets, open_and_wait

TS = resource_dir() / "i18n" / "carbonmgr_zh_CN.ts"


def _english_strings() -> set[str]:
    """Source strings whose Chinese translation differs (proper nouns and units stay as they are)."""
    out = set()
    for msg in ET.parse(TS).getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        text = "".join(tr.itertext()) if tr is not None else ""
        if text.strip() and text != src:
            for piece in re.split(r"%\d|%n", src.replace("&", "")):
                piece = piece.strip(" :…()")
                if len(piece) >= 2 and re.search("[A-Za-z]{2,}", piece):
                    out.add(piece)
    return out


def test_ts_is_complete_and_qm_is_current(qapp):
    """Every message of the .ts is translated, and the committed .qm holds exactly those translations."""
    from PySide6.QtCore import QTranslator

    root = ET.parse(TS).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    qm = QTranslator()
    assert qm.load(str(TS.with_suffix(".qm")))
    stale = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            if msg.get("numerus") == "yes":
                want = tr.findtext("numerusform").replace("%n", "3")
                got = qm.translate(name, src, None, 3).replace("%n", "3")
            else:
                want, got = tr.text, qm.translate(name, src)
            if got != want:
                stale.append((name, src))
    assert stale == [], "run: python resources/i18n/build.py"


def _visible_texts(win) -> list[tuple[str, str]]:
    """(where, text) of every visible string: widgets, menus, actions, headers, tab texts."""
    out = []

    def add(where, text):
        if text:  # (a header on two lines is one text)
            out.append((where, str(text).replace("&", "").replace("\n", " ")))

    for w in all_widgets():
        if not w.isVisible() or w.window() is not win:
            continue
        name = type(w).__name__
        add(name + ".toolTip", w.toolTip())
        if isinstance(w, QLabel):
            add("QLabel", w.text())
        elif isinstance(w, QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add("QGroupBox", w.title())
        elif isinstance(w, QLineEdit):
            add("QLineEdit.placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add("QComboBox", w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add("tab", w.tabText(i))
                add("tab.toolTip", w.tabToolTip(i))
        elif isinstance(w, QTextBrowser):
            for line in w.toPlainText().splitlines():
                add("QTextBrowser", line.split(":")[0].split("：")[0])
        elif isinstance(w, QAbstractItemView):
            m: QAbstractItemModel = w.model()
            if m is not None and type(m).__name__ == "ProblemModel":
                for r in range(min(3, m.rowCount())):
                    add("problem", m.index(r, 0).data())
            elif m is not None:
                for c in range(m.columnCount()):
                    add("header", m.headerData(c, Qt.Orientation.Horizontal))
                if m.rowCount() and m.columnCount() and type(m).__name__ in (
                        "ActivityModel", "FacilityModel", "FactorModel", "SummaryModel", "InstrumentModel",
                        "EquipmentModel"):
                    for r in range(min(3, m.rowCount())):
                        for c in range(m.columnCount()):
                            if type(m).__name__ == "ActivityModel" and m.field(c) in ("item", "unit", "note",
                                                                                        "evidence"):
                                continue  # data as typed by the instructor
                            if type(m).__name__ == "EquipmentModel" and m.field(c) == "refrigerant":
                                continue  # a gas designation (R-410A)
                            if type(m).__name__ == "FactorModel" and m.COLUMNS[c] not in ("param", "status"):
                                continue
                            add("cell", m.index(r, c).data())
    add("window", win.windowTitle())
    for menu in win.menuBar().findChildren(QMenu):
        add("menu", menu.title())
        for act in menu.actions():
            add("action", act.text())
            add("action.toolTip", act.toolTip())
    return out


def test_switch_to_chinese_leaves_no_english(qtbot, win):
    english = _english_strings()
    assert {"Facility", "Quantity", "Undo", "Save the project", "Refrigerant",
            "Charge of operating equipment (kg", "Electricity instruments (market-based Scope 2"} <= english
    s = open_and_wait(qtbot, win, "demo")
    win.activities.select_position(0, "quantity")
    # the registers hold lines of every kind: each instrument type, each method, a problem
    from carbonmgr.editing.session import EQUIPMENT_METHODS, INSTRUMENT_TYPES

    for t in INSTRUMENT_TYPES[1:]:
        s.add_record("instrument", facility="F1", type=t, quantity="10", ef="0.5")
    for method in EQUIPMENT_METHODS:
        s.add_record("equipment", facility="F1", method=method, refrigerant="R-404A", equipment="chillers")
    win.after_change(s.add_record("equipment", 0, facility="F2", method="screening", refrigerant="HFC-134a",
                                  equipment="toaster"))
    win.activities.sort_by("tco2e", True)
    win.compute_now()
    assert win.boundary.eq_model.rowCount() == 5 and win.boundary.inst_model.rowCount() == 7
    win.set_language("zh")
    qtbot.wait(50)
    assert win.menu_file.title() == "文件(&F)"
    found = []
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        found += [(where, text) for where, text in _visible_texts(win)
                  if text.strip(" :…()：") in english]
        if win.tabs.currentWidget() is win.boundary:  # the registers were walked too
            assert win.boundary.inst_view.isVisible() and win.boundary.eq_view.isVisible()
            assert win.problems_dock.isVisible()
    assert found == []
    b = win.boundary
    assert b.inst_model.index(1, b.inst_model.column_of("type")).data() == "绿色电力交易"
    # an instrument type has one name: the app's is the export's and the report's, and it reads back
    from carbonmgr.facade import instrument_name
    from carbonmgr.io.workbook import INSTRUMENT_COLUMNS, converter_for

    shown = {b.inst_model.index(r, b.inst_model.column_of("type")).data(): rec.type
             for r, rec in enumerate(s.case.instruments)}
    assert "绿色电力证书" in shown and len(set(shown.values())) == 7
    for name, code in shown.items():
        assert name == instrument_name(code, "zh") and converter_for(INSTRUMENT_COLUMNS["type"])(name) == code
    assert [n for n, _ in b._type_choices(None)] == [instrument_name(c, "zh") for _, c in b._type_choices(None)]
    assert b.eq_model.index(3, b.eq_model.column_of("method")).data() == "物料平衡法"
    eq_cell = b.eq_model.index(0, b.eq_model.column_of("equipment"))
    assert "设备类型“toaster”无法识别" in eq_cell.data(Qt.ItemDataRole.ToolTipRole)
    unused = b.eq_model.index(3, b.eq_model.column_of("new_charge")).data(Qt.ItemDataRole.ToolTipRole)
    assert unused == "该行所选方法不使用此项"
    assert win.act_undo.text() == "撤销 添加制冷设备(&U)"
    # the core's own messages come translated too
    s = win.session
    win.activities.model.setData(win.activities.model.index(0, win.activities.model.column_of("quantity")), "许多")
    tip = win.activities.model.index(0, win.activities.model.column_of("quantity")).data(Qt.ItemDataRole.ToolTipRole)
    assert "不是数字" in tip
    assert s.case.activities.quantity[0] == 42.0
    # and back, at run time
    win.set_language("en")
    assert win.menu_file.title() == "&File"
    assert win.tabs.tabText(2) == "Activities" and win.act_pages[2].text() == "&Activities"


def test_chinese_is_the_default_on_a_chinese_system(monkeypatch, qapp):
    from carbonmgr.ui import app, i18n
    from carbonmgr.ui.settings import Settings

    monkeypatch.setenv("CARBONMGR_LANG", "zh_CN.UTF-8")
    assert app.choose_language(Settings(), None) == "zh"
    monkeypatch.setenv("CARBONMGR_LANG", "en_US")
    assert app.choose_language(Settings(), None) == "en"
    s = Settings()
    s.set("ui/language", "zh")
    assert app.choose_language(s, None) == "zh"
    assert app.choose_language(s, "en") == "en"
    assert i18n.set_language("zh") is True
    assert QApplication.translate("Labels", "Quantity") == "数量"
    i18n.set_language("en")


@pytest.mark.parametrize("which", ["activities", "filtered", "sorted", "facilities", "factors", "documents",
                                   "summary", "problems", "instruments", "equipment"])
def test_models_pass_qtmodeltester(qtbot, win, qtmodeltester, which):
    s = open_and_wait(qtbot, win, "demo")
    if which == "activities":
        model = win.activities.model
    elif which == "filtered":
        model = win.activities.model
        model.set_filter("F1", "purchased_electricity", "")
        assert model.rowCount() == 1
    elif which == "sorted":
        model = win.activities.model
        model.set_filter("F1", None, "")
        win.activities.sort_by("quantity", True)
        assert model.rowCount() == 11 and model.order is not None
    elif which == "facilities":
        model = win.boundary.fac_model
    elif which == "instruments":
        s.add_record("instrument", facility="F2", type="ppa", quantity="5", ef="0.1")
        win.boundary.inst_model.refresh()
        model = win.boundary.inst_model
        assert model.rowCount() == 2
    elif which == "equipment":
        s.add_record("equipment", facility="F2", method="material_balance", refrigerant="R-404A")
        win.boundary.eq_model.refresh()
        win.compute_now()
        model = win.boundary.eq_model
        assert model.rowCount() == 2
    elif which == "factors":
        win.tabs.setCurrentWidget(win.factors)
        model = win.factors.model
        assert model.rowCount() > 100
    elif which == "documents":
        model = win.brief.doc_models[0]
    elif which == "summary":
        model = win.results.by_source
    else:
        s.set_cell(0, "item", "xyz")
        win.compute_now()
        model = win.problem_model
        assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=False)
