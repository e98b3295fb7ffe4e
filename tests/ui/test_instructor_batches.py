"""The Instructor page keeps the window free while it grades: the grading thread never calls into
the GUI (one hand-over at the end), the gradebook takes the results in batches (rows inserted,
never a full refill at the end), flagged rows are marked, and the page follows the language."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from exercise_books import write_exercise  # noqa: E402

from carbonmgr.facade.exams import pack_exam, read_exam  # noqa: E402


def test_grading_a_class_hands_rows_to_the_window_in_batches(qtbot, win, tmp_path):
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.submission import write_submission

    key = write_exercise(tmp_path / "key.xlsx")
    pack_exam(key, tmp_path / "exam.cmexam")
    pkg = read_exam(tmp_path / "exam.cmexam")
    answer = read_exercise(key).key
    folder = tmp_path / "class"
    folder.mkdir()
    n = 24
    for i in range(n):
        write_submission(folder / f"S{i:02d}.cmsub", answer, package=pkg.identity(), trainee_id=f"S{i:02d}")
    con = sqlite3.connect(folder / "S07.cmsub")
    with con:
        con.execute("UPDATE activities SET quantity = quantity * 2 WHERE rowid = (SELECT min(rowid) FROM activities)")
    con.close()

    page = win.exam_tools.show_instructor()
    qtbot.addWidget(page)
    page.choose_key(str(key))
    page.choose_folder(str(folder))
    model = page.table.model()
    resets, removed, inserted = [], [], []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    handed = []
    run_on_main = win.tasks.run_on_main

    def counting(closure):  # how often the grading hands work to the GUI thread
        handed.append(closure)
        run_on_main(closure)

    win.tasks.run_on_main = counting
    try:
        fut = page.grade()
        qtbot.waitUntil(lambda: fut.done() and len(page.results) == n, timeout=120000)
    finally:
        win.tasks.run_on_main = run_on_main
    assert len(handed) <= 2  # the end of the grading (and its settling), not one per submission
    assert resets == [] and removed == []  # rows only added, one insertion per batch, never refilled
    assert inserted and inserted[0][0] == 0 and inserted[-1][1] == n - 1 and len(inserted) == page.flushes
    assert sum(last - first + 1 for first, last in inserted) == n
    assert [page.cell_text(r, 1) for r in range(n)] == [f"S{i:02d}.cmsub" for i in range(n)]
    assert page.progress_seen[-1] == (n, n) and not page.progress.isVisible()
    flagged = model.data(model.index(7, 0), Qt.ItemDataRole.BackgroundRole)
    assert flagged is not None and flagged.color().name() == "#fde2e1"
    assert model.data(model.index(6, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "seal broken" in page.cell_text(7, 5) and page.cell_text(6, 2) == "100"
    assert f"{n} submission(s): {n} graded, 1 flagged" in page.summary.text()
    assert sum(c for _, c in page.scores_chart.bars) == n
    # the gradebook follows the language
    win.set_language("zh")
    qtbot.wait(50)
    assert page.headers()[0] == "学员" and "封签已破坏" in page.cell_text(7, 5)
    win.set_language("en")
    qtbot.wait(50)
    assert page.headers()[0] == "Trainee"
    # grading again starts from an empty gradebook and ends with the same rows
    removed.clear()
    inserted.clear()
    fut = page.grade()
    qtbot.waitUntil(lambda: fut.done() and len(page.results) == n, timeout=120000)
    assert model.rowCount() == n and removed == [(0, n - 1)] and resets == []
    assert sum(last - first + 1 for first, last in inserted) == n and len(inserted) == page.flushes
    page.close()
