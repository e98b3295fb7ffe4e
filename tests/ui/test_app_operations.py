"""App actions run as operations on the facade through one helper (ui/operations.py): a
refused edit, a failed save and a refused form value are each told to the user one way,
in their language, through the real window (offscreen)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from uihelpers import open_and_wait


def test_a_refused_edit_shows_its_reason_through_the_helper(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.activities)
    m = win.activities.model
    index = m.index(0, m.column_of("quantity"))
    before, version, undo = s.value(0, "quantity"), s.version, win.act_undo.isEnabled()
    win.statusBar().clearMessage()
    assert not m.setData(index, "lots")  # what the cell editor does on Enter: refused
    msg = win.statusBar().currentMessage()
    assert msg and "lots" in msg and "Traceback" not in msg and "CellError" not in msg
    # nothing changed but the rejected text kept in the cell with its reason
    assert s.value(0, "quantity") == before and s.version == version and win.act_undo.isEnabled() == undo
    assert m.index(0, m.column_of("quantity")).data(Qt.ItemDataRole.DisplayRole) == "lots"
    assert msg in (m.index(0, m.column_of("quantity")).data(Qt.ItemDataRole.ToolTipRole) or "")
    # the same refusal, in Chinese
    win.set_language("zh")
    win.statusBar().clearMessage()
    assert win.edit_cell(1, "quantity", "很多") == win.statusBar().currentMessage()
    zh = win.statusBar().currentMessage()
    assert zh and "很多" in zh and zh != msg and not any("a" <= ch <= "z" for ch in zh.replace("很多", "")[:4])
    win.set_language("en")


def test_a_failed_save_is_reported_once_in_the_users_language(qtbot, win, tmp_path):
    open_and_wait(qtbot, win, "demo")
    assert win.edit_cell(0, "quantity", "50") is None
    target = tmp_path / "no such folder" / "x.carbon"
    fut = win.save(str(target))
    qtbot.waitUntil(fut.done, timeout=20000)
    assert fut.exception() is not None and not target.exists()
    msg = win.statusBar().currentMessage()
    assert msg and "Traceback" not in msg and not msg.startswith("Internal error")
    assert win.isWindowModified()  # still unsaved


def test_a_refused_form_value_is_put_back(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    year = s.case.info.reporting_year
    win.statusBar().clearMessage()
    win.edit_case("reporting_year", "soon")
    assert s.case.info.reporting_year == year
    msg = win.statusBar().currentMessage()
    assert msg and "soon" in msg and "Traceback" not in msg
