"""`carbonmgr exam pack`: a package never holds the key; variants are drawn within their ranges,
reproducibly from the seed, each beside its own key recomputed by the engine; a submission to
another variant is told apart."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from carbonmgr.inventory.engine import compute
from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.package import draw_values, pack, package_id, read_package
from carbonmgr.training.submission import read_submission, write_submission

from exercise_books import ACT_HEADER, BRIEF, FACILITIES, write_exercise

# The key: 53.7 x 10^4 Nm3 of gas, 18.35 t of diesel, 1234.5 MWh, 987 t of bituminous coal at an NCV of
# 23.37 GJ/t; the documents hold only monthly figures and other units, so no key number is in them.
KEY_CASE = [["key", "value"], ["title", "Wuhan Gear Works 2023"], ["standard", "gbt32150"], ["gwp", "AR5"],
            ["reporting_year", 2023], ["consolidation", "equity_share"]]
KEY_LINES = [
    ["F1", "stationary_combustion", "天然气", 53.7, "10^4 Nm3", None, None],
    ["F1", "mobile_combustion", "柴油", 18.35, "t", None, None],
    ["F1", "purchased_electricity", "", 1234.5, "MWh", None, None],
    ["F1", "stationary_combustion", "烟煤", 987, "t", 23.37, "GJ/t"],
]
GAS_MONTHS = [4.5] * 11 + [4.2]  # 53.7
LEDGER = [["月份", "天然气（万Nm3）", "用电（kWh）"]] + [[f"{m}月", g, 102875] for m, g in zip(range(1, 13), GAS_MONTHS)]
DOCS = [["sheet", "title", "title_en", "kind"], ["燃料台账", "2023 年燃料与电力台账", "Fuel and power ledger", "fuel_ledger"],
        ["柴油发票", "柴油发票", "Diesel invoices", "invoices"], ["化验单", "煤质化验单", "Coal lab report", "lab_report"]]
INVOICES = [["日期", "柴油（kg）"], ["2023-03-01", 9000], ["2023-09-01", 9350]]
LAB = [["项目", "值"], ["收到基低位发热量（kJ/kg）", 23370], ["进厂煤量（kg）", 987000]]


def key_book(tmp_path: Path, **changes) -> Path:
    sheets = dict(Case=KEY_CASE, Activities=[ACT_HEADER] + KEY_LINES, Brief=BRIEF, Documents=DOCS, 燃料台账=LEDGER,
                  柴油发票=INVOICES, 化验单=LAB)
    sheets.update(changes)
    return write_exercise(tmp_path / "key.xlsx", **sheets)


def numbers_in(value) -> set[float]:
    """Every number of a JSON value: its numbers and the numbers written in its texts."""
    out: set[float] = set()
    if isinstance(value, bool) or value is None:
        return out
    if isinstance(value, (int, float)):
        return {float(value)}
    if isinstance(value, str):
        return {float(x) for x in re.findall(r"\d+(?:\.\d+)?", value)}
    items = value.values() if isinstance(value, dict) else value
    for v in items:
        out |= numbers_in(v)
    return out


def unpacked(path: Path) -> tuple[dict, str]:
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["exam.json", "mimetype"]
        text = zf.read("exam.json").decode("utf-8")
    return json.loads(text), text


def test_a_package_holds_the_brief_documents_and_given_data_and_never_the_key(tmp_path):
    key = key_book(tmp_path)
    out = tmp_path / "exam.cmexam"
    pack(key, out)
    content, text = unpacked(out)
    pkg = read_package(out)
    assert pkg.title("en") == "Wuhan Gear Works: 2023 inventory"
    assert [d.sheet for d in pkg.documents] == ["燃料台账", "柴油发票", "化验单"]
    assert pkg.documents[0].rows[1] == ["1月", 4.5, 102875]
    assert [g.sheet for g in pkg.given] == ["Case", "Facilities", "Activities"]  # the facilities (default Given)
    assert ["F1", "Main plant", "湖北"] == pkg.given[1].rows[1][:3]
    assert len(pkg.given[2].rows) == 1  # the Activities header only: no line of the key
    # no key value: quantities, parameters, settings, nor the key's results
    ex = read_exercise(key)
    inv = compute(ex.key)
    key_numbers = {53.7, 18.35, 1234.5, 987.0, 23.37}
    key_numbers |= {round(line["tco2e"], 2) for line in inv.lines()} | {round(inv.totals["total"], 2)}
    found = numbers_in(content)
    assert not key_numbers & found, key_numbers & found
    assert not {round(x, 2) for x in found} & {round(line["tco2e"], 2) for line in inv.lines()}
    case_values = [r[1] for r in pkg.given[0].rows[1:] if len(r) > 1]
    assert "equity_share" not in case_values and "AR5" not in case_values and 2023 in case_values
    for word in ("AR5", "stationary_combustion", "mobile_combustion", "purchased_electricity",
                 "烟煤", "GJ/t"):
        assert word not in text, word
    # the test can fail: a package of an exercise that gives the key's lines holds them
    leaky = key_book(tmp_path, Given=[["sheet", "rows"], ["Facilities", "all"], ["Activities", "all"]])
    pack(leaky, tmp_path / "leaky.cmexam")
    assert 987.0 in numbers_in(unpacked(tmp_path / "leaky.cmexam")[0])


VARIABLES = [["name", "value", "min", "max", "decimals"], ["gas", 53.7, 40, 60, 1], ["coal", 987, 800, 1200, 0],
             ["ncv", 23.37, 20, 25, 2]]
VAR_LINES = [
    ["F1", "stationary_combustion", "天然气", "{{gas}}", "10^4 Nm3", None, None],
    ["F1", "stationary_combustion", "烟煤", "{{coal}}", "t", "{{ncv}}", "GJ/t"],
]
VAR_LEDGER = [["项目", "值"], ["天然气（万Nm3）", "{{gas}}"], ["烟煤（kg）", "{{coal * 1000}}"],
              ["低位发热量（GJ/t）", "{{ncv}}"]]


def variant_book(tmp_path: Path) -> Path:
    return key_book(tmp_path, Activities=[ACT_HEADER] + VAR_LINES, Variables=VARIABLES, 燃料台账=VAR_LEDGER,
                    Documents=DOCS[:2])


def test_variants_are_drawn_within_their_ranges_reproducibly_each_with_its_own_key(tmp_path):
    key = variant_book(tmp_path)
    result = pack(key, tmp_path / "out", variants=4, seed=2024)
    assert len(result.variants) == 4
    ids = set()
    for v in result.variants:
        assert 40 <= v.values["gas"] <= 60 and round(v.values["gas"], 1) == v.values["gas"]
        assert 800 <= v.values["coal"] <= 1200 and v.values["coal"] == int(v.values["coal"])
        assert 20 <= v.values["ncv"] <= 25 and round(v.values["ncv"], 2) == v.values["ncv"]
        pkg = read_package(v.package)
        assert pkg.variant == v.number and pkg.package_id == v.package_id and pkg.exam_id == result.exam_id
        ids.add(pkg.package_id)
        # the document shows this variant's values
        assert pkg.documents[0].rows[1][1] == v.values["gas"]
        assert pkg.documents[0].rows[2][1] == pytest.approx(v.values["coal"] * 1000)
        # the key beside it reads as this variant: its lines hold the drawn values ...
        vkey = read_exercise(v.key)
        assert vkey.key.activities.quantity == [pytest.approx(v.values["gas"]), pytest.approx(v.values["coal"])]
        assert vkey.key.activities.options["ncv"][1] == pytest.approx(v.values["ncv"])
        # ... and it names the package it grades (a submission to another variant is told apart)
        assert package_id(vkey) == v.package_id
        # its results were recomputed for these values: coal = q * NCV * 0.02618 tC/GJ * 93 % * 44/12
        # (bituminous coal in the general-industry default table, NDRC 2013/2015 guidelines: china-addendum.md)
        book = openpyxl.load_workbook(v.key, read_only=True)
        rows = list(book["答案结果"].iter_rows(values_only=True))
        book.close()
        coal = [r for r in rows if r and r[0] == 3][0]
        assert coal[6] == pytest.approx(v.values["coal"] * v.values["ncv"] * 0.02618 * 0.93 * 44 / 12, rel=1e-6)
    assert len(ids) == 4  # four different variants
    # the manifest: variant -> files, id and values
    with open(result.manifest, encoding="utf-8-sig") as fh:
        manifest = list(csv.reader(fh))
    assert manifest[0][4:] == ["gas", "coal", "ncv"]
    assert [r[1] for r in manifest[1:]] == [v.package.name for v in result.variants]
    assert [float(r[4]) for r in manifest[1:]] == [v.values["gas"] for v in result.variants]
    # the same seed gives the same variants; another seed others
    again = pack(key, tmp_path / "again", variants=4, seed=2024)
    assert [v.package_id for v in again.variants] == [v.package_id for v in result.variants]
    assert [v.values for v in again.variants] == [v.values for v in result.variants]
    other = pack(key, tmp_path / "other", variants=4, seed=7)
    assert [v.values for v in other.variants] != [v.values for v in result.variants]


def test_draw_values_stay_in_range_at_the_edges():
    class V:
        def __init__(self, name, low, high, dec):
            self.name, self.min, self.max, self.decimals = name, low, high, dec

    for n in range(1, 300):
        got = draw_values([V("a", 0.05, 0.06, 1), V("b", 1, 1, 0), V("c", 2.25, 2.35, 1)], 1, n)
        assert 0.05 <= got["a"] <= 0.06 and got["b"] == 1 and 2.25 <= got["c"] <= 2.35


def test_a_submission_answers_its_own_variant_and_not_another(tmp_path, ):
    result = pack(variant_book(tmp_path), tmp_path / "out", variants=2, seed=1)
    v1, v2 = result.variants
    answer = read_exercise(v1.key).key  # a perfect answer to variant 1
    sub = read_submission(write_submission(tmp_path / "s.cmsub", answer, package=read_package(v1.package).identity(),
                                           trainee_id="S1"))
    assert sub.seal == "ok" and sub.variant == "1" and sub.exam_id == result.exam_id
    assert sub.answers(package_id(read_exercise(v1.key))) is True
    assert sub.answers(package_id(read_exercise(v2.key))) is False


def run(*args, cwd, lang="en"):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", lang, *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=180)


def test_carbonmgr_exam_pack_and_submit_end_to_end(tmp_path):
    key = variant_book(tmp_path)
    r = run("exam", "pack", str(key), "-o", "exam.cmexam", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    pid = read_package(tmp_path / "exam.cmexam").package_id
    assert pid in r.stdout
    r = run("exam", "pack", str(key), "-o", "exam.cmexam", cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr
    r = run("exam", "pack", str(key), "--variants", "3", "--seed", "5", "-o", "class", cwd=tmp_path, lang="zh")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "class").iterdir()) == [
        "key-v01-key.xlsx", "key-v01.cmexam", "key-v02-key.xlsx", "key-v02.cmexam", "key-v03-key.xlsx",
        "key-v03.cmexam", "manifest.csv"]
    assert "清单" in r.stdout
    # an answer workbook submitted to variant 2
    answer = tmp_path / "answer.xlsx"
    openpyxl_book(answer)
    r = run("submit", str(answer), "--exam", "class/key-v02.cmexam", "--trainee", "S02", "-o", "s02.cmsub",
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert read_submission(tmp_path / "s02.cmsub").package_id == read_package(tmp_path / "class/key-v02.cmexam").package_id
    # a bad key: exit 2 with its cell, no traceback
    bad = write_exercise(tmp_path / "bad.xlsx", Variables=[["name", "value", "min", "max"], ["gas", 70, 40, 60]],
                         Activities=[ACT_HEADER] + VAR_LINES[:1])
    r = run("exam", "pack", str(bad), "-o", "bad.cmexam", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "B2" in r.stderr, r.stderr
    assert not (tmp_path / "bad.cmexam").exists()


def openpyxl_book(path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in (("Case", KEY_CASE), ("Facilities", FACILITIES), ("Activities", [ACT_HEADER] + KEY_LINES)):
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
