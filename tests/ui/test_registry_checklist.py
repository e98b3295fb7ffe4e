"""The registry checklist dialog, reached from the Exercises page: tick and order the steps, check
them (findings naming the procedure and its source document), save the answer and grade it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from carbonmgr.facade import checklist as ck

RIGHT = ["C", "F", "A", "J", "I", "B", "E", "G", "L", "M"]


def _dialog(win, qtbot):
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() >= 5, timeout=20000)  # the listing has loaded (on the task pool)
    qtbot.mouseClick(page.registry_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.registry_dialog is not None and page.registry_dialog.isVisible(), timeout=10000)
    return page, page.registry_dialog


def test_registry_steps_checked_fixed_and_saved(win, qtbot, tmp_path):
    page, dlg = _dialog(win, qtbot)
    assert dlg.steps.count() == 13 and dlg.chosen() == []
    # the trainee ticks the steps in the list's order, with one that does not belong (D)
    dlg.set_answer(["C", "D", "F", "A", "J", "B", "I", "E", "G", "L", "M"])
    qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
    texts = [dlg.findings.item(i).text() for i in range(dlg.findings.count())]
    assert len(texts) == 2 and "《碳排放权登记管理规则（试行）》" in texts[0] and "does not belong" in texts[0]
    assert "out of order" in texts[1] and "Score: 90 / 100" in dlg.score.text()
    # untick D; move I up above B
    dlg.steps.item(1).setCheckState(Qt.CheckState.Unchecked)
    dlg.steps.setCurrentRow(next(i for i in range(dlg.steps.count())
                                 if dlg.steps.item(i).data(Qt.ItemDataRole.UserRole) == "I"))
    qtbot.mouseClick(dlg.up_btn, Qt.MouseButton.LeftButton)
    assert dlg.chosen() == RIGHT
    qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
    assert "Score: 100 / 100" in dlg.score.text()
    assert dlg.findings.item(0).text() == "All steps are right and in order."
    target = tmp_path / "my answer.json"
    dlg.ask_answer_path = lambda: str(target)
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    [result] = ck.grade_answer_files(ck.bundled_checklist(), [target], lang="en")
    assert result.score == 100.0
    dlg.close()  # deleted on close
    page.close()


@pytest.mark.parametrize("lang", ["zh"])
def test_registry_steps_in_chinese(win, qtbot, lang):
    from carbonmgr.ui import i18n

    i18n.set_language(lang)
    try:
        page, dlg = _dialog(win, qtbot)
        assert "注册登记" in dlg.heading.text() and "开立" in dlg.steps.item(0).text() + dlg.steps.item(2).text()
        dlg.set_answer(RIGHT[:-1])
        qtbot.mouseClick(dlg.check_btn, Qt.MouseButton.LeftButton)
        [text] = [dlg.findings.item(i).text() for i in range(dlg.findings.count())]
        assert "漏了步骤 M" in text and "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》" in text
        assert dlg.check_btn.text() != "&Check my steps"
        dlg.close()
        page.close()
    finally:
        i18n.set_language("en")
