"""A sealed submission (.cmsub) opened in the app: read-only, with a banner naming the trainee, the
package it answers and the seal in words; graded against a key from there with the same findings as
`carbonmgr grade`; the feedback report written; the file never changed; an edited file shows a
broken seal and a plain project file none."""
from __future__ import annotations

import copy
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from exercise_books import write_exercise  # noqa: E402

from carbonmgr.facade.exams import pack_exam, read_exam  # noqa: E402


@pytest.fixture
def graded_exam(tmp_path):
    """The test exercise, its package, and a sealed submission with two mistakes (diesel 17 t, not 20;
    the electricity left out)."""
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.submission import write_submission

    key = write_exercise(tmp_path / "key.xlsx")
    pack_exam(key, tmp_path / "exam.cmexam")
    pkg = read_exam(tmp_path / "exam.cmexam")
    case = copy.deepcopy(read_exercise(key).key)
    acts = case.activities
    keep = [i for i, s in enumerate(acts.source) if s != "purchased_electricity"]
    for col in (acts.row, acts.facility, acts.source, acts.item, acts.quantity, acts.unit, *acts.options.values(),
                *acts.extra.values()):
        col[:] = [col[i] for i in keep]
    acts.quantity[acts.source.index("mobile_combustion")] = 17.0
    folder = tmp_path / "collected"
    folder.mkdir()
    sub = write_submission(folder / "S002.cmsub", case, package=pkg.identity(), trainee_id="S002",
                           trainee_name="Wang Wu")
    return key, pkg, sub


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_submission(qtbot, win, path):
    before = win.exam_tools.submission
    win.open_path(str(path))
    qtbot.waitUntil(lambda: win.exam_tools.submission is not None and win.exam_tools.submission is not before
                    and win.exam_tools.submission.active
                    and win.session is not None and win.session.results is not None, timeout=30000)
    return win.exam_tools.submission


def cli_grade(key, sub) -> dict:
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(key), str(sub), "--json",
                          "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)[0]


def test_a_submission_opens_read_only_with_its_banner_and_grades_as_the_cli(qtbot, win, graded_exam, tmp_path):
    key, pkg, sub = graded_exam
    before, files_before = digest(sub), sorted(p.name for p in sub.parent.iterdir())
    view = open_submission(qtbot, win, sub)
    banner = view.banner.text()
    assert "Wang Wu (S002)" in banner and pkg.package_id in banner and pkg.identity()["title"] in banner
    assert "Seal: intact" in banner and "read-only" in banner
    assert "S002.cmsub" in win.windowTitle() and "read-only" in win.windowTitle()
    assert len(win.session) == 3 and sorted(win.session.case.activities.quantity) == [17.0, 50.0, 1000.0]
    # no edit is taken
    win.paste_cells("F1\tmobile_combustion\t柴油\t20\tt\r\n")
    qtbot.wait(50)
    assert len(win.session) == 3 and "read-only" in win.statusBar().currentMessage()
    # grading against the key: the findings of `carbonmgr grade`
    fut = view.grade(str(key))
    qtbot.waitUntil(lambda: fut.done() and view.result is not None, timeout=60000)
    cli = cli_grade(key, sub)
    shown = [view.findings.item(i).text() for i in range(view.findings.count())]
    assert len(shown) == len(cli["findings"]) == 2
    assert shown == [f"{i + 1}. {f['message']}" for i, f in enumerate(cli["findings"])]
    assert sorted(f["kind"] for f in cli["findings"]) == ["missing_source", "wrong_quantity"]
    assert f"Score: {cli['score']:g} / 100 · 2 finding(s)" in view.score.text()
    assert "answers this key's exam package" in view.score.text()
    # a finding leads to its line
    wrong = next(i for i, f in enumerate(cli["findings"]) if f["kind"] == "wrong_quantity")
    view.go_to_finding(view.findings.item(wrong))
    row = win.activities.view.currentIndex().row()
    assert win.tabs.currentWidget() is win.activities
    assert win.session.case.activities.quantity[win.activities.model.position(row)] == 17.0
    # the feedback report
    fut = view.write_feedback(str(tmp_path / "feedback"))
    qtbot.waitUntil(fut.done, timeout=120000)
    assert fut.exception() is None
    pdf = tmp_path / "feedback" / "S002.feedback.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    # in Chinese too
    win.set_language("zh")
    qtbot.wait(50)
    assert "封签：完好" in view.banner.text() and view.dock.windowTitle() == "提交文件"
    assert view.findings.item(0).text() != shown[0]
    win.set_language("en")
    # the file was never changed, nothing was written beside it
    win.open_path("demo")
    qtbot.waitUntil(lambda: win.exam_tools.submission is None and win.session is not None
                    and win.session.base.get("kind") != "submission", timeout=30000)
    assert digest(sub) == before and sorted(p.name for p in sub.parent.iterdir()) == files_before


def test_an_edited_submission_shows_a_broken_seal_and_a_plain_project_none(qtbot, win, graded_exam, tmp_path):
    key, pkg, sub = graded_exam
    edited = tmp_path / "edited.cmsub"
    shutil.copyfile(sub, edited)
    con = sqlite3.connect(edited)
    with con:
        con.execute("UPDATE activities SET quantity = 20 WHERE quantity = 17")
    con.close()
    view = open_submission(qtbot, win, edited)
    assert "Seal: BROKEN" in view.banner.text()
    assert sorted(win.session.case.activities.quantity) == [20.0, 50.0, 1000.0]
    fut = view.grade(str(key))
    qtbot.waitUntil(lambda: fut.done() and view.result is not None, timeout=60000)
    assert view.result.seal == "broken" == cli_grade(key, edited)["seal"]
    # a plain project file, named as a submission: nothing to check
    from carbonmgr.facade import Workspace

    plain = tmp_path / "plain.cmsub"
    with Workspace.open(key) as ws:
        ws.save_project(tmp_path / "plain.carbon")
    shutil.copyfile(tmp_path / "plain.carbon", plain)
    view = open_submission(qtbot, win, plain)
    assert "Seal: none" in view.banner.text() and "not named" in view.banner.text()
    assert "no exam package" in view.banner.text()


def test_a_file_that_is_no_submission_is_reported(qtbot, win, tmp_path):
    bad = tmp_path / "bad.cmsub"
    bad.write_bytes(b"not sqlite at all")
    fut = win.open_path(str(bad))
    qtbot.waitUntil(fut.done, timeout=20000)
    assert win.exam_tools.submission is None and win.session is None
    assert "bad.cmsub" in win.statusBar().currentMessage()


def test_carbonmgr_gui_opens_a_submission(graded_exam, tmp_path):
    import os

    _, _, sub = graded_exam
    before = digest(sub)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CARBONMGR_SETTINGS=str(tmp_path / "gui.ini"),
               CARBONMGR_DATA_DIR=str(tmp_path / "gui-data"), CARBONMGR_SMOKE_REPORT="0", CARBONMGR_NO_DIALOGS="1")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "gui", "--smoke-test", str(sub)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "smoke test ok" in out.stdout and "3 lines" in out.stdout
    assert digest(sub) == before
