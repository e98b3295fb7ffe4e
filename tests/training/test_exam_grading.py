"""Sealed submissions at grading: `carbonmgr grade` reports each trainee, the seal (ok | broken |
none) and a submission to another package; an unreadable file is flagged and the rest graded."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import openpyxl

from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.grading import grade_many
from carbonmgr.training.gradebook import write_gradebook
from carbonmgr.training.package import pack, read_package
from carbonmgr.training.submission import write_submission

from exercise_books import ACT_HEADER, write_exercise

LINES = [["F1", "stationary_combustion", "天然气", "{{gas}}", "10^4 Nm3", None, None],
         ["F1", "mobile_combustion", "柴油", "{{diesel}}", "t", None, None]]
VARIABLES = [["name", "value", "min", "max", "decimals"], ["gas", 50, 30, 70, 1], ["diesel", 20, 10, 30, 2]]
LEDGER = [["项目", "值"], ["天然气（万Nm3）", "{{gas}}"], ["柴油（kg）", "{{diesel * 1000}}"]]


def run(*args, cwd):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", "en", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=180)


def test_grade_reports_trainee_seal_and_a_submission_to_another_package(tmp_path):
    key = write_exercise(tmp_path / "key.xlsx", Activities=[ACT_HEADER] + LINES, Variables=VARIABLES, 燃料台账=LEDGER)
    result = pack(key, tmp_path / "class", variants=2, seed=11)
    v1, v2 = result.variants
    p1, p2 = read_package(v1.package), read_package(v2.package)
    answer1, answer2 = read_exercise(v1.key).key, read_exercise(v2.key).key  # perfect answers to each variant
    subs = tmp_path / "subs"
    subs.mkdir()
    write_submission(subs / "a.cmsub", answer1, package=p1.identity(), trainee_id="S01", trainee_name="Li Lei")
    write_submission(subs / "b.cmsub", answer2, package=p2.identity(), trainee_id="S02", trainee_name="Han Meimei")
    write_submission(subs / "c.cmsub", answer1, package=p1.identity(), trainee_id="S03")
    con = sqlite3.connect(subs / "c.cmsub")
    with con:  # S03 "improves" a quantity with a SQLite tool after submitting
        con.execute("UPDATE activities SET quantity = quantity + 1 WHERE source = 'mobile_combustion'")
    con.close()
    (subs / "d.cmsub").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # damaged
    files = [str(subs / n) for n in ("a.cmsub", "b.cmsub", "c.cmsub", "d.cmsub")]
    r = run("grade", "--key", str(v1.key), *files, "--json", "--gradebook", "book.xlsx", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [o["submission"] for o in out] == files
    a, b, c, d = out
    assert (a["trainee"], a["seal"], a["package"], a["score"], a["findings"]) == ("Li Lei", "ok", "ok", 100.0, [])
    # B answered variant 2: flagged, and graded against variant 1's key all the same
    assert (b["trainee"], b["seal"], b["package"]) == ("Han Meimei", "ok", "other")
    assert b["score"] < 100 and {f["kind"] for f in b["findings"]} == {"wrong_quantity"}
    # C's edit is detected, and graded as it stands
    assert (c["trainee"], c["seal"], c["package"]) == ("S03", "broken", "ok")
    assert [f["kind"] for f in c["findings"]] == ["wrong_quantity"]
    # D cannot be read: flagged with the reason, no score
    assert d["score"] is None and "d.cmsub" in d["error"] and d["seal"] == "none"
    book = openpyxl.load_workbook(tmp_path / "book.xlsx", read_only=True)
    rows = [[str(v) for v in row if v is not None] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    text = {row[0] if row else "": " ".join(row) for row in rows}
    assert "ANSWERS ANOTHER EXAM PACKAGE" in text["Han Meimei"]
    assert "seal is broken" in text["S03"] and "ANOTHER" not in text["Li Lei"]
    # the text output flags them too
    r = run("grade", "--key", str(v1.key), *files[:3], cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.count("ANSWERS ANOTHER EXAM PACKAGE") == 1
    assert r.stdout.count("The seal is broken") == 1


def test_plain_files_have_no_seal_and_name_no_package(tmp_path):
    key = write_exercise(tmp_path / "key.xlsx", Activities=[ACT_HEADER] + LINES, Variables=VARIABLES, 燃料台账=LEDGER)
    from carbonmgr.storage.store import Project

    Project.create(tmp_path / "p.carbon", read_exercise(key).key).close()
    before = (tmp_path / "p.carbon").read_bytes()
    [res] = grade_many(key, [tmp_path / "p.carbon"])
    assert (res.seal, res.package, res.score) == ("none", None, 100.0)
    assert (tmp_path / "p.carbon").read_bytes() == before  # grading never writes into a trainee's file
    write_gradebook([res], tmp_path / "g.xlsx")
