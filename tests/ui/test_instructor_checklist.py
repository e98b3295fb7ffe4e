"""The Instructor page grades a folder of answers to the registry checklist (issue 11): its button
takes the bundled checklist as the key (shown by its title, not its file), the folder's answer
files (.json, .xlsx) are graded as ``carbonmgr grade --key registry`` grades them (an unreadable one
flagged), the gradebook's columns are the checklist's kinds of finding; the Excel gradebook and the
feedback PDFs stay for inventory exercises."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
from PySide6.QtCore import Qt

from carbonmgr.common.i18n import translate
from carbonmgr.facade import checklist as ck

RIGHT = ["C", "F", "A", "J", "I", "B", "E", "G", "L", "M"]


def test_the_instructor_grades_registry_answers_as_the_cli_does(win, qtbot, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    ck.write_answer(folder / "S01.json", RIGHT, trainee="Li Lei", trainee_id="S01")
    ck.write_answer(folder / "S02.json", ["C", "D", "F", "A", "J", "B", "I", "E", "G", "L"], trainee="Han Mei",
                    trainee_id="S02")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Checklist"
    ws.append(["step [步骤]"])
    for label in RIGHT[:-1]:
        ws.append([label])
    wb.save(folder / "S03.xlsx")
    (folder / "S04.json").write_text("{not json", encoding="utf-8")
    files = sorted(folder.iterdir(), key=lambda p: p.name.lower())

    page = win.exam_tools.show_instructor()
    qtbot.mouseClick(page.registry_btn, Qt.MouseButton.LeftButton)
    checklist = ck.bundled_checklist()
    assert page.checklist is not None and page.key_label.text() == checklist.title_in("en")
    page.choose_folder(str(folder))
    assert page.submission_files() == files
    fut = page.grade()
    qtbot.waitUntil(lambda: fut.done() and len(page.results) == 4, timeout=60000)

    env = dict(os.environ, CARBONMGR_LANG="en")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", "registry", *map(str, files), "--json",
                          "--lang", "en"], capture_output=True, text=True, env=env, timeout=120)
    cli = json.loads(out.stdout)
    assert [r.score for r in page.results] == [e["score"] for e in cli] == [100.0, 80.0, 90.0, None]
    assert [[f.text("en") for f in r.findings] for r in page.results] == \
        [[f["message"] for f in e["findings"]] for e in cli]
    heads = page.headers()
    assert [translate(f"grade.kind.{k}", "en") for k in ck.CHECKLIST_KINDS] == heads[len(page.COLUMNS):]
    assert [page.cell_text(r, 2) for r in range(4)] == ["100", "80", "90", ""]
    assert page.cell_text(3, 5).startswith("unreadable")
    assert page.cell_text(0, 0).startswith("Li Lei") and page.cell_text(1, 0).startswith("Han Mei")
    assert not page.gradebook_btn.isEnabled() and not page.feedback_btn.isEnabled()
    win.set_language("zh")
    try:
        assert page.key_label.text() == checklist.title_in("zh") and page.registry_btn.text() == "注册登记步骤清单(&R)"
        assert page.headers()[len(page.COLUMNS)] == translate(f"grade.kind.{ck.CHECKLIST_KINDS[0]}", "zh")
    finally:
        win.set_language("en")
    page.close()
