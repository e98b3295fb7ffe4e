"""Where a factor comes from, as the app says it (issue 10): the factor library's tooltip gives the
official title of the document, its publisher and year and the factor's status in words; the
status bar names a factor used for lines by its name. No factor key, set id or transcription tag."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from carbonmgr.ui import labels
from uihelpers import open_and_wait

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from language_walk import identifiers  # noqa: E402

STATUS_WORDS = {"en": {"verified": "Verified", "secondary": "Secondary", "unverified": "Unverified"},
                "zh": {"verified": "已核实", "secondary": "二手来源", "unverified": "未核实"}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_factor_librarys_tooltip_names_document_year_and_status(qtbot, win, lang):
    win.set_language(lang)
    open_and_wait(qtbot, win, "demo-" + lang)
    win.tabs.setCurrentWidget(win.factors)
    model = win.factors.model
    qtbot.waitUntil(lambda: model.rowCount() > 100, timeout=10000)
    statuses = set()
    for r in range(model.rowCount()):
        f = model.factor(r)
        tip = model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert f.source in tip, tip
        if f.year_published:
            assert str(f.year_published) in tip, tip
        assert labels.choice(labels.STATUSES, f.status) in tip, tip
        assert labels.grade(f.tag, lang) in tip, tip
        assert f.key not in tip and f.set not in tip.replace(f.source, "") and (not f.tag or f.tag not in tip), tip
        assert identifiers(tip.replace(f.source, "").replace(f.publisher or "", "")) == [], tip
        statuses.add(f.status)
    assert statuses >= {"verified", "secondary"}
    # the status is in words of the user's language
    assert any(STATUS_WORDS[lang]["verified"] in model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
               for r in range(model.rowCount()))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_factor_used_for_lines_is_named_in_the_status_bar(qtbot, win, lang):
    win.set_language(lang)
    s = open_and_wait(qtbot, win, "demo-" + lang)
    win.tabs.setCurrentWidget(win.factors)
    qtbot.waitUntil(lambda: win.factors.model.rowCount() > 0, timeout=10000)
    view = win.factors.view
    row = next(r for r in range(win.factors.model.rowCount()) if win.factors.model.factor(r).set.startswith("cn_"))
    view.selectRow(row)
    f = win.factors.current_factor()
    win.activities.select_position(0, "quantity")
    win.assign_factor()
    message = win.statusBar().currentMessage()
    assert labels.factor(f, lang) in message, message
    assert f.key not in message and identifiers(message) == [], message
    assert s.can_undo()
