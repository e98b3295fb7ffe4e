"""A refused value stays shown as refused (red, with the reason) in its cell and in the Problems
list until it is corrected or undone; the entry rule of fractions is the cell's tooltip."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from carbonmgr.common.i18n import translate
from carbonmgr.ui import i18n
from carbonmgr.ui.models import REJECTED_FG
from uihelpers import open_and_wait, total_shown


def _rejected(win):
    return [p for p in win.problem_model.problems if p.code == "entry.rejected"]


def test_a_refused_value_is_shown_as_refused_until_corrected_or_undone(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    model = win.activities.model
    col = model.columns.index("quantity")
    idx = model.index(0, col)
    before_total, before_qty = total_shown(win), s.case.activities.quantity[0]
    assert model.setData(idx, "-5") is False
    # the cell shows what was typed, in red, with the reason; the old value is still used
    assert idx.data() == "-5" and idx.data(Qt.ItemDataRole.ForegroundRole) == REJECTED_FG
    assert idx.data(Qt.ItemDataRole.ToolTipRole)
    assert s.case.activities.quantity[0] == before_qty and total_shown(win) == before_total
    # ... and the Problems list names it at its cell, in the user's language
    probs = _rejected(win)
    assert len(probs) == 1 and probs[0].row == s.case.activities.row[0]
    assert probs[0].col == s.case.columns.get("Activities", {}).get("quantity")
    assert win.problems_dock.isVisible()
    text = probs[0].render("en")
    assert "-5 was not accepted" in text and "previous value is still used" in text
    assert "未被接受" in probs[0].render("zh")
    # a new result does not drop it
    assert model.setData(model.index(1, col), "19") is True
    qtbot.waitUntil(lambda: s.results is not None and s.results.version == s.version)
    assert len(_rejected(win)) == 1 and idx.data() == "-5"
    # corrected: gone from the cell and the list
    assert model.setData(idx, "40") is True
    assert idx.data(Qt.ItemDataRole.ForegroundRole) != REJECTED_FG and _rejected(win) == []
    # refused again, then undone: the refused value is withdrawn with the edit undone
    assert model.setData(idx, "-5") is False and len(_rejected(win)) == 1
    win.undo()
    assert _rejected(win) == [] and idx.data() != "-5"
    assert s.case.activities.quantity[0] == before_qty


def test_the_fraction_rule_is_the_tooltip_of_oxidation_rate_cells(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    model = win.activities.model
    col = model.columns.index("oxidation_rate")
    rule_en = translate("entry.fraction_rule", "en")
    assert model.index(0, col).data(Qt.ItemDataRole.ToolTipRole) == rule_en
    assert rule_en in model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    i18n.set_language("zh")
    assert model.index(0, col).data(Qt.ItemDataRole.ToolTipRole) == translate("entry.fraction_rule", "zh")


# Every editable table like the activities: the facilities and the two registers of the Boundary page
TABLES = [  # (kind, sheet, field, refused text, good text, the value in the case)
    ("facility", "Facilities", "equity_share", "150", "80", lambda s: s.case.facilities[0].equity_share),
    ("instrument", "Instruments", "quantity", "-3", "120", lambda s: s.case.instruments[0].quantity),
    ("equipment", "Equipment", "new_charge", "-5", "12", lambda s: s.case.equipment[0].values.get("new_charge")),
]


@pytest.mark.parametrize("kind, sheet, field, bad, good, value", TABLES, ids=[t[0] for t in TABLES])
def test_a_refused_value_in_the_boundary_tables_is_shown_as_refused(qtbot, win, kind, sheet, field, bad, good,
                                                                     value):
    s = open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.boundary)
    model = win.boundary.models()[kind]
    idx = model.index(0, model.COLUMNS.index(field))
    before, total = value(s), total_shown(win)
    assert model.setData(idx, bad) is False
    # the cell shows what was typed, in red, with the reason; the old value is still used
    assert idx.data() == bad and idx.data(Qt.ItemDataRole.ForegroundRole) == REJECTED_FG
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None and idx.data(Qt.ItemDataRole.ToolTipRole)
    assert value(s) == before and total_shown(win) == total
    # ... and the Problems list names it at its cell (sheet, row, column)
    [p] = _rejected(win)
    assert win.problems_dock.isVisible()
    assert p.sheet == s.case.sheet(sheet) and p.col == s.case.columns[sheet][field]
    assert p.row == (2 if kind == "facility" else s.records(kind)[0].row)
    assert bad in p.render("en") and "was not accepted" in p.render("en") and "未被接受" in p.render("zh")
    # the problem leads to the cell
    win.tabs.setCurrentWidget(win.activities)
    win.problem_view.activated.emit(win.problem_model.index(0))
    view = win.boundary.view_of(kind)
    assert win.tabs.currentWidget() is win.boundary and view.currentIndex() == idx
    # an edit elsewhere (new results) does not drop it
    win.edit_cell(0, "quantity", str(s.case.activities.quantity[0] + 1))
    qtbot.waitUntil(lambda: s.results is not None and s.results.version == s.version)
    assert len(_rejected(win)) == 1 and idx.data() == bad
    # corrected: gone from the cell and the list
    assert model.setData(idx, good) is True
    assert idx.data(Qt.ItemDataRole.ForegroundRole) != REJECTED_FG and _rejected(win) == []
    assert value(s) != before
    # refused again, then undone: the refused value is withdrawn with the edit undone
    assert model.setData(idx, bad) is False and len(_rejected(win)) == 1
    win.undo()
    assert _rejected(win) == [] and idx.data() != bad
    assert idx.data(Qt.ItemDataRole.ForegroundRole) != REJECTED_FG


def test_a_refused_value_goes_when_its_row_goes(qtbot, win):
    """Adding or deleting register lines moves rows: the refused values shown are dropped, and so
    is their entry in the Problems list."""
    s = open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.boundary)
    model = win.boundary.models()["instrument"]
    assert model.setData(model.index(0, model.COLUMNS.index("ef")), "x") is False
    assert len(_rejected(win)) == 1
    win.boundary.add_record("instrument")
    assert len(s.case.instruments) == 2 and _rejected(win) == [] and not model.rejected


def test_a_refused_value_speaks_the_language_switched_to(qtbot, win):
    """The reason of a refused value (its cell's tooltip, its entry in the Problems list) follows a
    language switch, in the activity table and in the registers."""
    import re

    s = open_and_wait(qtbot, win, "demo")
    acts = win.activities.model
    act_idx = acts.index(0, acts.columns.index("quantity"))
    assert acts.setData(act_idx, "-5") is False
    eq = win.boundary.models()["equipment"]
    eq_idx = eq.index(0, eq.COLUMNS.index("new_charge"))
    assert eq.setData(eq_idx, "-5") is False
    assert len(_rejected(win)) == 2
    english = [act_idx.data(Qt.ItemDataRole.ToolTipRole), eq_idx.data(Qt.ItemDataRole.ToolTipRole)]
    assert all("negative" in t for t in english), english
    win.set_language("zh")
    for idx in (act_idx, eq_idx):
        tip = idx.data(Qt.ItemDataRole.ToolTipRole)
        assert re.search(r"[\u4e00-\u9fff]", tip) and "negative" not in tip, tip
    listed = [win.problem_model.data(win.problem_model.index(r)) for r in range(win.problem_model.rowCount())]
    refused = [t for t in listed if "未被接受" in t]
    assert len(refused) == 2 and not any("negative" in t for t in refused), listed
    assert s.case.activities.quantity[0] > 0
