"""Practice projects (carbonmgr.facade.exercises, carbonmgr.storage.practice): made from an
exercise without its key, marked with the exercise, checked attempts kept; what a project file
says about its practice is untrusted."""
from __future__ import annotations

import json
import sqlite3

import pytest

from carbonmgr.common.errors import ProjectError
from carbonmgr.common.paths import exercises_dir
from carbonmgr.facade import Workspace
from carbonmgr.facade import exercises as fx
from carbonmgr.io.workbook import read_case
from carbonmgr.storage import practice, store
from carbonmgr.storage.store import Project


def test_bundled_exercises_have_titles_in_both_languages():
    infos = fx.bundled_exercises()
    assert [i.ref for i in infos] == ["bundled:cement_plant", "bundled:coal_power_ets", "bundled:coal_power_plant",
                                      "bundled:office_services", "bundled:wuhan_manufacturing"]
    for info in infos:
        assert info.title("zh") != info.title("en") and info.title("en").isascii()
        assert info.mode == "practice" and info.documents


def test_a_practice_project_starts_without_the_key_and_keeps_its_attempts(tmp_path):
    target = tmp_path / "practice.carbon"
    fx.create_practice("bundled:cement_plant", target)
    with Project.open(target) as p:
        case = p.load_case()
        assert len(case.activities) == 0 and [f.id for f in case.facilities] == ["F1"]
        assert "生产月报" in case.documents and "Activities" not in case.documents
        assert practice.exercise_of(p) == "bundled:cement_plant"
        assert practice.attempts(p) == []
    ws = Workspace.open_project(target).result()
    try:
        assert fx.practice_of(ws).result() == "bundled:cement_plant"
        first = fx.grade_practice(ws.session.snapshot(), "bundled:cement_plant", lang="zh")
        assert first.score < 100 and {f["kind"] for f in first.findings} == {"missing_source"}
        assert len(first.findings) == 5  # the five sources of the key
        assert all(f["text"]["zh"] != f["text"]["en"] for f in first.findings)
        fx.record_attempt(ws, "bundled:cement_plant", first).result()
        key = read_case(exercises_dir() / "cement_plant.xlsx")
        full = fx.grade_practice(key, "bundled:cement_plant")
        assert full.score == 100 and full.findings == []
        kept = fx.record_attempt(ws, "bundled:cement_plant", full).result()
        assert [a["score"] for a in kept.attempts] == [first.score, 100]
        assert kept.attempts[0]["findings"] == first.findings
    finally:
        ws.close().result()
    with Project.open(target) as p:  # kept in the file
        assert [a["score"] for a in practice.attempts(p)] == [first.score, 100]


@pytest.mark.parametrize("ref", ["bundled:../../etc/passwd", "bundled:nothing", "", "/no/such/exercise.xlsx",
                                 str(exercises_dir() / "cement_plant.txt")])
def test_an_exercise_reference_from_a_project_is_checked(ref):
    with pytest.raises(ProjectError) as e:
        fx.exercise_path(ref)
    assert e.value.problem.code == "practice.exercise_missing"
    assert "练习" in e.value.render("zh") and "exercise" in e.value.render("en")


def test_a_bundled_exercise_is_named_by_its_name_and_another_by_its_path(tmp_path):
    assert fx.reference_of(exercises_dir() / "office_services.xlsx") == "bundled:office_services"
    other = tmp_path / "mine.xlsx"
    other.write_bytes((exercises_dir() / "office_services.xlsx").read_bytes())
    assert fx.reference_of(other) == str(other.resolve())
    assert fx.exercise_path(fx.reference_of(other)) == other.resolve()


def test_tampered_attempts_are_skipped_never_shown_half_read(tmp_path):
    target = tmp_path / "practice.carbon"
    fx.create_practice("bundled:office_services", target)
    with Project.open(target) as p:
        practice.add_attempt(p, "bundled:office_services", 80.0, 100.0,
                             [{"kind": "missing_source", "key_row": 3, "rows": [], "points": 10.0,
                               "text": {"zh": "缺少", "en": "missing"}}])
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("INSERT INTO practice_attempts (at, exercise, score, points_possible, findings) "
                     "VALUES ('x', 'bundled:office_services', 1e9, 100, '[]')")  # a score beyond 100
        conn.execute("INSERT INTO practice_attempts (at, exercise, score, points_possible, findings) "
                     "VALUES ('y', 'bundled:office_services', 50, 100, '{not json')")
        conn.execute("INSERT INTO practice_attempts (at, exercise, score, points_possible, findings) "
                     "VALUES ('z', 'bundled:office_services', 40, 100, ?)",
                     [json.dumps([{"kind": "wrong_quantity", "rows": "all", "points": 5, "text": {"en": "x"}},
                                  {"kind": "wrong_factor", "key_row": None, "rows": [2], "points": 5.0,
                                   "text": {"zh": "因子", "en": "factor"}}])])
    conn.close()
    with Project.open(target) as p:
        got = practice.attempts(p)
    assert [a["score"] for a in got] == [80.0, 50.0, 40.0]
    assert got[1]["findings"] == []  # unreadable findings: none shown
    assert [f["kind"] for f in got[2]["findings"]] == ["wrong_factor"]  # the malformed one is left out


def test_a_project_of_an_earlier_version_gains_the_attempts_table(tmp_path, monkeypatch):
    target = tmp_path / "old.carbon"
    steps = store._STEPS
    with monkeypatch.context() as m:
        m.setattr(store, "_STEPS", [s for s in steps if s[0] != "0007_practice_attempts"])
        Workspace.open("demo").save_project(target)
    with Project.open(target) as p:
        assert p.schema_version == store.schema_version()
        assert "practice_attempts" in p.db.table_names()
        assert practice.exercise_of(p) is None and practice.attempts(p) == []


def test_a_practice_project_is_titled_in_the_trainees_language(tmp_path):
    """A bilingual exercise's case title holds both languages; the trainee's project takes the
    brief's title in the language they practise in (the window and the status bar show it)."""
    titles = {}
    for lang in ("zh", "en"):
        target = tmp_path / f"practice-{lang}.carbon"
        fx.create_practice("bundled:wuhan_manufacturing", target, lang=lang)
        with Project.open(target) as p:
            titles[lang] = p.load_case().info.title
    assert titles["en"].isascii() and titles["en"].startswith("Wuhan")
    assert not titles["zh"].isascii() and "Wuhan" not in titles["zh"]
    fx.create_practice("bundled:wuhan_manufacturing", tmp_path / "as-is.carbon")
    with Project.open(tmp_path / "as-is.carbon") as p:  # without a language: the case's own title
        assert p.load_case().info.title not in titles.values()
