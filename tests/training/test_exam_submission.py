"""Sealed submissions (.cmsub): written by `carbonmgr submit` and the facade, read back with their
seal; an edit made with sqlite3 breaks the seal; hostile files give a located error."""
from __future__ import annotations

import copy
import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from carbonmgr.common.errors import CarbonMgrError
from carbonmgr.common.paths import demo_path
from carbonmgr.io.reader import read_workbook
from carbonmgr.storage.store import Project
from carbonmgr.training.package import ExamDocument, ExamPackage, write_package
from carbonmgr.training.submission import (SEAL_BROKEN, SEAL_NONE, SEAL_OK, canonical_case, compute_seal,
                                           read_submission, write_submission)


def run(*args, cwd=None, lang="en"):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", lang, *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def small_package(title="Exam A") -> ExamPackage:
    pkg = ExamPackage(brief=[{"key": "title", "zh": title, "en": title}], settings={"time_limit": 30},
                      documents=[ExamDocument("Ledger", "台账", "Ledger", "fuel_ledger", [["month", "t"], ["Jan", 5]])])
    return pkg.seal_id()


@pytest.fixture(scope="module")
def demo_case():
    return read_workbook(demo_path("en"))


@pytest.fixture
def sealed(tmp_path, demo_case):
    pkg = small_package()
    path = write_submission(tmp_path / "s001.cmsub", demo_case, package=pkg.identity(), trainee_id="S001",
                            trainee_name="张三")
    return path, pkg


def test_a_submission_reads_back_with_its_trainee_package_and_an_intact_seal(sealed, demo_case):
    path, pkg = sealed
    sub = read_submission(path)
    assert sub.seal == SEAL_OK
    assert (sub.trainee_id, sub.trainee_name, sub.package_id) == ("S001", "张三", pkg.package_id)
    assert sub.answers(pkg.package_id) is True
    assert sub.answers(small_package("Another exam").package_id) is False  # a submission to another package
    # the case is the trainee's, line for line
    assert sub.case.activities.quantity == demo_case.activities.quantity
    assert [f.id for f in sub.case.facilities] == [f.id for f in demo_case.facilities]
    # it is an ordinary project file too
    with Project.open(path) as project:
        assert len(project.load_case().activities) == len(demo_case.activities)


@pytest.mark.parametrize("edit", [
    "UPDATE activities SET quantity = quantity * 10 WHERE seq = (SELECT min(seq) FROM activities)",
    "UPDATE activities SET unit = 'kg' WHERE seq = (SELECT max(seq) FROM activities)",
    "DELETE FROM activities WHERE seq = (SELECT max(seq) FROM activities)",
    "UPDATE facilities SET region = 'Beijing'",
    "UPDATE \"case\" SET value = '\"ghgp\"' WHERE kind = 'info' AND key = 'standard'",
    "UPDATE meta SET value = 'S002' WHERE key = 'trainee_id'",
    "UPDATE meta SET value = '0000' WHERE key = 'package_id'",
    "DELETE FROM meta WHERE key = 'seal'",
])
def test_an_edit_made_with_sqlite3_breaks_the_seal(sealed, edit):
    path, _ = sealed
    con = sqlite3.connect(path)
    with con:
        assert con.execute(edit).rowcount >= 1
    con.close()
    assert read_submission(path).seal == SEAL_BROKEN


def test_a_plain_project_has_no_seal_and_grading_never_changes_the_file(tmp_path, demo_case):
    path = tmp_path / "plain.carbon"
    Project.create(path, demo_case).close()
    before = path.read_bytes()
    sub = read_submission(path)
    assert sub.seal == SEAL_NONE and sub.trainee_id is None and sub.answers("abc") is None
    assert path.read_bytes() == before


def test_the_seal_covers_every_field_of_the_case(demo_case):
    """The canonical form holds each part a grader reads (an edit anywhere changes the seal)."""
    canon = canonical_case(demo_case)
    assert set(canon) >= {"info", "facilities", "activities", "instruments", "equipment", "documents"}
    assert canon["activities"]["quantity"][0] == demo_case.activities.quantity[0]
    # 5 and 5.0 are one value (the store keeps a REAL column)
    demo_case.activities.quantity[0] = float(int(demo_case.activities.quantity[0]))
    a = canonical_case(demo_case)
    demo_case.activities.quantity[0] = int(demo_case.activities.quantity[0])
    assert canonical_case(demo_case) == a


@pytest.mark.parametrize("trainee, code", [("", "exam.sub.field_required"), ("S\x00001", "exam.sub.field_control"),
                                           ("x" * 65, "exam.sub.field_too_long")])
def test_a_bad_trainee_id_is_refused_and_nothing_is_written(tmp_path, demo_case, trainee, code):
    out = tmp_path / "x.cmsub"
    with pytest.raises(CarbonMgrError) as err:
        write_submission(out, demo_case, package=small_package().identity(), trainee_id=trainee)
    assert err.value.problem.code == code
    assert "trainee" in err.value.render("en") and "学员编号" in err.value.render("zh")
    assert not out.exists() and not list(tmp_path.iterdir())


def _hostile(tmp_path: Path, kind: str, sealed_path: Path) -> Path:
    p = tmp_path / f"{kind}.cmsub"
    if kind == "garbage":
        p.write_bytes(b"not a database at all" * 100)
    elif kind == "empty":
        p.write_bytes(b"")
    elif kind == "truncated":
        p.write_bytes(sealed_path.read_bytes()[:3000])
    elif kind == "trigger":
        p.write_bytes(sealed_path.read_bytes())
        con = sqlite3.connect(p)
        with con:
            con.execute("CREATE TRIGGER t AFTER UPDATE ON meta BEGIN DELETE FROM activities; END")
        con.close()
    elif kind == "nan":
        p.write_bytes(sealed_path.read_bytes())
        con = sqlite3.connect(p)
        with con:
            con.execute("UPDATE activities SET quantity = 9e999")
        con.close()
    elif kind == "long_meta":
        p.write_bytes(sealed_path.read_bytes())
        con = sqlite3.connect(p)
        with con:
            con.execute("UPDATE meta SET value = ? WHERE key = 'trainee_name'", ("x" * 100_000,))
        con.close()
    elif kind == "folder":
        p.mkdir()
    return p


@pytest.mark.parametrize("kind, code", [
    ("garbage", "store.not_a_project"), ("empty", "store.not_a_project"), ("truncated", "store.not_a_project"),
    ("trigger", "store.unexpected_schema"), ("nan", "store.bad_number"), ("long_meta", "exam.sub.bad_meta"),
    ("folder", "exam.file_is_folder"), ("missing", "exam.file_missing"),
])
def test_a_hostile_submission_gives_a_located_error_in_both_languages(tmp_path, sealed, kind, code):
    path = _hostile(tmp_path, kind, sealed[0])
    with pytest.raises(CarbonMgrError) as err:
        read_submission(path)
    assert err.value.problem.code == code
    for lang in ("en", "zh"):
        text = err.value.render(lang)
        assert str(path) in text, text  # the trainee's file is named, never our private copy
        assert "submission.carbon" not in text


def test_carbonmgr_submit_seals_a_workbook_answer_and_refuses_bad_input(tmp_path):
    pkg = small_package()
    exam = write_package(pkg, tmp_path / "exam.cmexam")
    answer = demo_path("zh")
    r = run("submit", str(answer), "--exam", str(exam), "--trainee", "S007", "--name", "Li Lei", "-o", "s7.cmsub",
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "s7.cmsub" in r.stdout and pkg.package_id in r.stdout
    sub = read_submission(tmp_path / "s7.cmsub")
    assert (sub.seal, sub.trainee_id, sub.trainee_name, sub.package_id) == (SEAL_OK, "S007", "Li Lei", pkg.package_id)
    # a project answer too
    project = tmp_path / "answer.carbon"
    Project.create(project, read_workbook(answer)).close()
    r = run("submit", str(project), "--exam", str(exam), "--trainee", "S008", "-o", "s8.cmsub", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert read_submission(tmp_path / "s8.cmsub").seal == SEAL_OK
    # existing output, bad exam, bad trainee id: exit 2, a message, no traceback
    r = run("submit", str(answer), "--exam", str(exam), "--trainee", "S007", "-o", "s7.cmsub", cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr
    (tmp_path / "bad.cmexam").write_bytes(b"PK\x03\x04garbage")
    r = run("submit", str(answer), "--exam", "bad.cmexam", "--trainee", "S009", "-o", "s9.cmsub", cwd=tmp_path,
            lang="zh")
    assert r.returncode == 2 and "考试包" in r.stderr and "Traceback" not in r.stderr
    r = run("submit", str(answer), "--exam", str(exam), "--trainee", " ", "-o", "s9.cmsub", cwd=tmp_path)
    assert r.returncode == 2 and "trainee ID is required" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "s9.cmsub").exists()


def test_carbonmgr_calc_reads_a_submission_and_leaves_it_unchanged(sealed):
    path, _ = sealed
    before = path.read_bytes()
    r = run("calc", str(path), "--json", cwd=path.parent)
    assert r.returncode == 0, r.stderr
    import json

    assert len(json.loads(r.stdout)["lines"]) > 0
    assert path.read_bytes() == before


def _with_ets(case):
    from carbonmgr.inventory.ets_model import EtsData, EtsUnit
    out = copy.deepcopy(case)
    out.ets = EtsData([EtsUnit("U1", facility=case.facilities[0].id, klass="I", generation=3_000_000.0,
                               supply=2_800_000.0, load_factor=0.8, cooling="water", row=2)])
    return out


@pytest.mark.parametrize("edit", [
    "UPDATE ets_units SET data = replace(data, '3000000', '3500000')",
    "DELETE FROM ets_units",
])
def test_the_seal_covers_the_ets_units(tmp_path, demo_case, edit):
    """A trainee's ETS units (class, output, load factor ...) are part of what is sealed."""
    case = _with_ets(demo_case)
    path = write_submission(tmp_path / "ets.cmsub", case, package=small_package().identity(), trainee_id="S001")
    assert read_submission(path).seal == SEAL_OK
    con = sqlite3.connect(path)
    with con:
        assert con.execute(edit).rowcount >= 1
    con.close()
    assert read_submission(path).seal == SEAL_BROKEN


def test_a_field_a_later_version_adds_leaves_earlier_seals_intact(demo_case):
    """A new optional field of the case settings (empty in a case that does not use it) does not
    change the canonical form, so a submission sealed before the field existed stays intact; a value
    in that field does change it."""
    base = type(demo_case.info)
    later = dataclasses.make_dataclass("LaterCaseInfo", [("new_optional_key", "float | None", None)], bases=(base,))
    newer = copy.deepcopy(demo_case)
    newer.info = later(**dataclasses.asdict(demo_case.info))
    assert canonical_case(newer) == canonical_case(demo_case)
    newer.info.new_optional_key = 12.5
    assert canonical_case(newer) != canonical_case(demo_case)


def test_a_submission_sealed_in_the_first_form_still_reads_intact(sealed, demo_case):
    """Submissions sealed before empty fields were left out of the seal (the first form) read as
    intact; under such a seal, ETS units cannot be added unnoticed."""
    path, _ = sealed
    sub = read_submission(path)
    old = compute_seal(sub.case, sub.meta, legacy=True)
    assert old != compute_seal(sub.case, sub.meta)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'seal'", (old,))
    con.close()
    assert read_submission(path).seal == SEAL_OK
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE \"case\" SET value = '\"ghgp\"' WHERE kind = 'info' AND key = 'standard'")
    con.close()
    assert read_submission(path).seal == SEAL_BROKEN


def test_an_ets_unit_added_under_a_first_form_seal_breaks_it(tmp_path, demo_case):
    path = write_submission(tmp_path / "ets.cmsub", _with_ets(demo_case), package=small_package().identity(),
                            trainee_id="S001")
    sub = read_submission(path)
    without = copy.deepcopy(sub.case)
    without.ets = None
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'seal'", (compute_seal(without, sub.meta, legacy=True),))
    con.close()
    assert read_submission(path).seal == SEAL_BROKEN


@pytest.mark.parametrize("trainee_id, name, title, expected", [
    ("S001", "张三", "武汉齿轮厂 2023 年温室气体核算", "S001-张三-武汉齿轮厂_2023_年温室气体核算.cmsub"),
    ("S/01", 'Li "Lei"', 'a\\b: c*d?<e>|f', "S_01-Li_Lei-a_b_c_d_e_f.cmsub"),  # nothing a file system refuses
    ("", "", "..", "submission.cmsub"),
    ("S1", "", "x" * 200, "S1-" + "x" * 77 + ".cmsub"),
])
def test_a_submission_file_is_named_after_the_trainee_and_the_exam(trainee_id, name, title, expected):
    from carbonmgr.facade.exams import submission_file_name

    assert submission_file_name(trainee_id, name, title) == expected


def test_the_file_beside_the_project_never_replaces_another(tmp_path):
    from carbonmgr.facade.exams import default_submission_path, free_submission_path

    path = default_submission_path(tmp_path / "exam-0123abcd.carbon", "S1", "Li", "Exam")
    assert path == tmp_path / "S1-Li-Exam.cmsub"
    assert free_submission_path(path) == path
    path.write_bytes(b"first")
    assert free_submission_path(path) == tmp_path / "S1-Li-Exam-2.cmsub"
    (tmp_path / "S1-Li-Exam-2.cmsub").write_bytes(b"second")
    assert free_submission_path(path) == tmp_path / "S1-Li-Exam-3.cmsub"
