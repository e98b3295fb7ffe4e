"""Exam packages (.cmexam) as files: written, read back and checked; a changed or hostile package
gives a located error in the user's language, never a traceback."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from carbonmgr.common.errors import CarbonMgrError
from carbonmgr.facade.exams import start_exam_project, starting_case
from carbonmgr.storage.store import Project
from carbonmgr.inventory.model import CaseData, CaseInfo, Facility
from carbonmgr.training.package import (ExamDocument, ExamPackage, PackageError, given_grids, read_package,
                                        write_package)


def sample() -> ExamPackage:
    return ExamPackage(
        brief=[{"key": "title", "zh": "武汉齿轮厂", "en": "Wuhan Gear Works"},
               {"key": "story", "zh": "位于武汉。", "en": "In Wuhan."},
               {"key": "task", "zh": "编制清单。", "en": "Build the inventory."}],
        settings={"time_limit": 45, "hand_calculation": True},
        documents=[ExamDocument("燃料台账", "燃料台账", "Fuel ledger", "fuel_ledger",
                                [["月份", "天然气"], ["1月", 4.25], ["2月", 3]])],
        given=given_grids(CaseData(info=CaseInfo(title="Wuhan Gear Works", reporting_year=2023),
                                   facilities=[Facility("F1", "Main plant", "湖北")])))


def rezip(path: Path, content=None, members=None):
    """Rewrite a package with ``content`` (a dict, or bytes) as its exam.json, or these ``members``."""
    if members is None:
        body = content if isinstance(content, bytes) else json.dumps(content).encode()
        members = {"mimetype": b"application/x-carbonmgr-exam", "exam.json": body}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def content_of(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("exam.json"))


def test_a_package_round_trips_and_its_id_is_a_digest_of_what_the_trainee_sees(tmp_path):
    pkg = sample()
    path = write_package(pkg, tmp_path / "a.cmexam")
    back = read_package(path)
    assert back.content() == pkg.content() and back.package_id == pkg.package_id
    assert back.title("en") == "Wuhan Gear Works" and back.title("zh") == "武汉齿轮厂"
    assert back.time_limit == 45 and back.hand_calculation is True
    assert back.documents[0].rows[1] == ["1月", 4.25]
    other = sample()
    other.documents[0].rows[1][1] = 4.26
    assert other.seal_id().package_id != pkg.package_id
    with pytest.raises(PackageError) as err:
        write_package(sample(), path)
    assert err.value.problem.code == "exam.exists"


def test_a_package_changed_after_it_was_made_is_refused(tmp_path):
    path = write_package(sample(), tmp_path / "a.cmexam")
    data = content_of(path)
    data["documents"][0]["rows"][1][1] = 42.0  # a trainee "improves" the ledger
    rezip(path, data)
    with pytest.raises(PackageError) as err:
        read_package(path)
    assert err.value.problem.code == "exam.pkg.changed"
    assert "在生成后被改动过" in err.value.render("zh")


def test_the_trainee_starts_from_the_given_rows_and_sees_the_documents(tmp_path):
    pkg = read_package(write_package(sample(), tmp_path / "a.cmexam"))
    start = start_exam_project(pkg, tmp_path / "start.carbon")
    with Project.open(start) as project:
        stored = project.load_case()
    for case in (starting_case(pkg), stored):
        assert [(f.id, f.name) for f in case.facilities] == [("F1", "Main plant")]
        assert len(case.activities) == 0 and case.info.reporting_year == 2023
        assert case.documents["燃料台账"][1] == ["1月", 4.25]
    # nothing given (no facility): an empty case with the documents
    pkg.given = given_grids(CaseData(info=CaseInfo(title="武汉齿轮厂")))
    case = starting_case(pkg.seal_id())
    assert not case.facilities and "燃料台账" in case.documents and case.info.title == "武汉齿轮厂"
    # a given row that cannot be right is the package's problem, reported
    pkg.given[1].rows.append(["F1", "Main plant", "湖北", "half"])
    with pytest.raises(CarbonMgrError):
        starting_case(pkg.seal_id())


def _bad(where, value):
    def change(d):
        node = d
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = value
        return d
    return change


@pytest.mark.parametrize("change, where_text, expected", [
    (_bad(("documents", 0, "rows", 1, 1), {"x": 1}), "燃料台账 › 2 › B", "a cell value"),
    (_bad(("documents", 0, "rows"), "all"), "燃料台账", "a list"),
    (_bad(("brief", 1, "en"), 7), "brief › 2 › en", "a text"),
    (_bad(("settings", "time_limit"), -5), "settings › time_limit", "a time limit in minutes"),
    (_bad(("settings", "hand_calculation"), "maybe"), "settings › hand_calculation", "yes or no"),
    (_bad(("given", 0, "sheet"), "Results"), "given › 1 › sheet", "a sheet of the case workbook"),
    (_bad(("package_id",), "../../etc"), "package_id", "an id"),
    (_bad(("variant",), True), "variant", "a whole number"),
    (_bad(("documents",), {}), "documents", "a list"),
    (_bad(("documents", 0, "sheet"), "a/b"), "documents › 1 › sheet", "a sheet name"),
])
def test_a_malformed_field_is_located_in_both_languages(tmp_path, change, where_text, expected):
    path = write_package(sample(), tmp_path / "a.cmexam")
    rezip(path, change(content_of(path)))
    with pytest.raises(PackageError) as err:
        read_package(path)
    assert err.value.problem.code == "exam.pkg.bad_field"
    en, zh = err.value.render("en"), err.value.render("zh")
    assert where_text in en and expected in en and str(path) in en, en
    assert where_text in zh and "考试包" in zh and "expected" not in zh, zh


def _deep(n):
    return ("[" * n + "]" * n).encode()


@pytest.mark.parametrize("make, code", [
    (lambda p: p.write_bytes(b"hello"), "exam.pkg.not_a_package"),
    (lambda p: p.write_bytes(b""), "exam.pkg.not_a_package"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "exam.pkg.not_a_package"),
    (lambda p: rezip(p, members={"exam.json": b"{}"}), "exam.pkg.not_a_package"),
    (lambda p: rezip(p, members={"mimetype": b"application/x-carbonmgr-exam", "exam.json": b"{}",
                                 "../evil.sh": b"rm -rf"}), "exam.pkg.not_a_package"),
    (lambda p: rezip(p, members={"mimetype": b"text/plain", "exam.json": b"{}"}), "exam.pkg.not_a_package"),
    (lambda p: rezip(p, b"{not json"), "exam.pkg.bad_json"),
    (lambda p: rezip(p, b"\xff\xfe\x00"), "exam.pkg.bad_json"),
    (lambda p: rezip(p, _deep(100_000)), "exam.pkg.bad_json"),
    (lambda p: rezip(p, b'{"format": "carbonmgr-exam", "version": NaN}'), "exam.pkg.bad_json"),
    (lambda p: rezip(p, b'[1, 2]'), "exam.pkg.bad_field"),
    (lambda p: rezip(p, {"format": "carbonmgr-exam", "version": 99}), "exam.pkg.newer_format"),
    (lambda p: rezip(p, b" " * (65 * 2**20)), "exam.pkg.too_much"),  # a zip bomb: 65 MB of spaces in 65 KB
    (lambda p: p.mkdir(), "exam.file_is_folder"),
    (lambda p: None, "exam.file_missing"),
])
def test_a_hostile_package_gives_a_located_error_never_a_traceback(tmp_path, make, code):
    path = tmp_path / "x.cmexam"
    make(path)
    with pytest.raises(CarbonMgrError) as err:
        read_package(path)
    assert err.value.problem.code == code
    assert str(path) in err.value.render("en") and str(path) in err.value.render("zh")


def test_too_many_rows_are_refused_before_they_are_read(tmp_path):
    path = write_package(sample(), tmp_path / "a.cmexam")
    data = content_of(path)
    data["documents"][0]["rows"] = [[1]] * 20_001
    rezip(path, data)
    with pytest.raises(PackageError) as err:
        read_package(path)
    assert err.value.problem.code == "exam.pkg.too_many" and "20000" in err.value.render("en")
