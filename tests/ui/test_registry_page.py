"""The registry checklist exercise in the app (issue 11): listed on the Exercises page beside the
exercises; its window shows the task and the steps in the UI language; the trainee ticks (Space) and
orders (Ctrl+Up/Down, the buttons) the steps, checks them (the core's findings, with their source
documents, and the score) and saves the answer, which ``carbonmgr grade --key registry`` grades the
same; the language switches with the window open and closed."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtCore import Qt

from carbonmgr.common.i18n import translate
from carbonmgr.facade import checklist as ck

RIGHT = ["C", "F", "A", "J", "I", "B", "E", "G", "L", "M"]


def _open(win, qtbot):
    """From the Exercises page: choose the checklist (the row after the exercises) and start it."""
    page = win.show_exercises()
    qtbot.waitUntil(lambda: bool(page.checklist) and page.listing.count() == len(page.infos) + 1, timeout=20000)
    page.listing.setCurrentRow(page.listing.count() - 1)
    checklist = ck.bundled_checklist()
    assert page.listing.currentItem().text() == checklist.title_in("en")
    details = page.details.toPlainText()
    assert checklist.task_in("en")[:60] in details and "《碳排放权登记管理规则（试行）》" in details
    assert not page.mode_exam.isEnabled() and page.start_btn.isEnabled()
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    reg = win.registry_page
    qtbot.waitUntil(lambda: reg is not None and reg.isVisible(), timeout=10000)
    assert not page.isVisible()
    return reg


def _cli_grade(path, lang="en"):
    env = dict(os.environ, CARBONMGR_LANG=lang)
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", "registry", str(path), "--json",
                          "--lang", lang], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    [entry] = json.loads(out.stdout)
    return entry


def _shown(result, lang):
    """The findings as the page shows them: kind, points, the core's text."""
    return [f"[{translate(f'grade.kind.{f.kind}', lang)}] −{f.points:g}: {f.text(lang)}" for f in result.findings]


def test_registry_steps_ticked_ordered_checked_saved_and_graded_as_the_cli_does(win, qtbot, tmp_path):
    reg = _open(win, qtbot)
    checklist = reg.checklist
    assert reg.model.rowCount() == len(checklist.steps) == 13 and reg.chosen() == []
    assert reg.heading.text() == checklist.title_in("en") and reg.task.text() == checklist.task_in("en")
    first = checklist.steps[0]
    assert reg.model.item(0).text() == f"{first.label}  {first.text['en']}"
    # the keyboard: Space ticks the current step, Ctrl+Down and Ctrl+Up move it
    reg.steps.setFocus()
    reg.steps.setCurrentIndex(reg.model.index(0, 0))
    qtbot.keyClick(reg.steps, Qt.Key.Key_Space)
    assert reg.chosen() == [first.label]
    qtbot.keyClick(reg.steps, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reg.steps, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert reg.labels()[2] == first.label and reg.steps.currentIndex().row() == 2
    qtbot.keyClick(reg.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert reg.labels()[1] == first.label
    qtbot.keyClick(reg.steps, Qt.Key.Key_Space)
    assert reg.chosen() == []
    # a first try: one step that does not belong (D), I after B
    tried = ["C", "D", "F", "A", "J", "B", "I", "E", "G", "L", "M"]
    reg.set_answer(tried)
    assert reg.chosen() == tried
    qtbot.mouseClick(reg.check_btn, Qt.MouseButton.LeftButton)
    core = ck.grade_steps(checklist, tried, "en")
    assert [f.kind for f in core.findings] == ["extra_step", "wrong_order"]
    assert reg.finding_texts() == _shown(core, "en")
    assert "《碳排放权登记管理规则（试行）》" in reg.finding_texts()[0]
    assert reg.score.text() == f"Score: {core.score:g} / 100 (2 finding(s))" == "Score: 90 / 100 (2 finding(s))"
    first_try = tmp_path / "first try.json"
    reg.ask_answer_path = lambda: str(first_try)
    qtbot.mouseClick(reg.save_btn, Qt.MouseButton.LeftButton)
    assert reg.status.text() == "Answer saved: first try.json"
    graded = _cli_grade(first_try)
    assert graded["score"] == core.score == reg.result.score
    assert [f["message"] for f in graded["findings"]] == [f.text("en") for f in reg.result.findings]
    # fixed: untick D, move I up above B with the button
    row_d = reg.labels().index("D")
    reg.model.item(row_d).setCheckState(Qt.CheckState.Unchecked)
    reg.steps.setCurrentIndex(reg.model.index(reg.labels().index("I"), 0))
    qtbot.mouseClick(reg.up_btn, Qt.MouseButton.LeftButton)
    assert reg.chosen() == RIGHT
    qtbot.mouseClick(reg.check_btn, Qt.MouseButton.LeftButton)
    assert reg.score.text() == "Score: 100 / 100 (0 finding(s))"
    assert reg.finding_texts() == ["All steps are right and in order."]
    answer = tmp_path / "my answer.json"
    reg.ask_answer_path = lambda: str(answer)
    qtbot.mouseClick(reg.save_btn, Qt.MouseButton.LeftButton)
    assert ck.read_answer(answer).steps == RIGHT
    assert _cli_grade(answer)["score"] == 100.0
    reg.close()
    assert win.registry_page is reg and not reg.isVisible()


def test_registry_steps_follow_the_language_open_and_closed(win, qtbot):
    reg = _open(win, qtbot)
    checklist = reg.checklist
    reg.set_answer(RIGHT[:-1])  # the deadline (M) left out
    qtbot.mouseClick(reg.check_btn, Qt.MouseButton.LeftButton)
    assert reg.finding_texts() == _shown(ck.grade_steps(checklist, RIGHT[:-1], "en"), "en")
    try:
        win.set_language("zh")  # with the window open
        zh = ck.grade_steps(checklist, RIGHT[:-1], "zh")
        assert reg.windowTitle() == "注册登记操作步骤" and reg.heading.text() == checklist.title_in("zh")
        assert reg.task.text() == checklist.task_in("zh")
        assert [reg.model.item(r).text() for r in range(reg.model.rowCount())] == \
            [f"{lab}  {checklist.step(lab).text['zh']}" for lab in reg.labels()]
        [text] = reg.finding_texts()
        assert text == _shown(zh, "zh")[0] and "漏了步骤 M" in text
        assert "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》" in text
        assert reg.check_btn.text() == "检查我的步骤(&C)" and reg.score.text() == "得分：90 / 100（1 个问题）"
        reg.close()
        win.set_language("en")  # with the window closed
        again = win.show_registry_checklist()
        assert again is reg and reg.isVisible() and reg.chosen() == RIGHT[:-1]  # the trainee's steps as left
        assert reg.heading.text() == checklist.title_in("en") and reg.check_btn.text() == "&Check my steps"
        assert reg.finding_texts() == _shown(ck.grade_steps(checklist, RIGHT[:-1], "en"), "en")
        win.set_language("zh")
        assert reg.heading.text() == checklist.title_in("zh")
        reg.close()
    finally:
        win.set_language("en")
    win.set_language("en")  # the same language again: no translator changes, every widget is still told
    assert reg.heading.text() == checklist.title_in("en") and reg.check_btn.text() == "&Check my steps"
