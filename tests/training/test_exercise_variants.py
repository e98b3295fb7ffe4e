"""The bundled exercises' Rubric and Variables sheets: the Wuhan and office exercises grade with
their rubric's points, tolerances, explanations and rules (both languages); the Wuhan exercise
draws per-trainee variants (December's forklift diesel, a refrigerant top-up, two limestone
deliveries) whose keys the engine recomputes: each variant's key checked by hand, and
`carbonmgr exam pack KEY --variants 3 --seed 1` graded end to end (the answer of variant i,
worked from its package's documents, scores 100 against the key of variant i and less against
the key of variant j, the findings naming the quantities that changed)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from carbonmgr.training.exercise import instantiate
from carbonmgr.training.grading import _qty, grade
from carbonmgr.training.package import read_package

from test_exercises import C, _submission, _wuhan_work, column, exercise, key_lines, path, sheet_values

W = "wuhan_manufacturing"
# Published parameters (as in test_exercises.test_wuhan_manufacturing_by_hand): diesel 42.652 GJ/t,
# 20.20 tC/TJ, 98 % (NDRC guideline family's table); R-410A = 0.5 x HFC-32 (SAR 650) + 0.5 x HFC-125
# (SAR 2800); CaCO3 0.4397 t/t at the lab's 93.5 % purity.
DIESEL_PER_T = 42.652 * 0.02020 * 0.98 * C
R410A_PER_T = 0.5 * 650 + 0.5 * 2800
LIME_PER_T = 0.935 * 0.4397


def env():
    return dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", CARBONMGR_LANG="")


def test_the_wuhan_variables_and_a_variant_key_by_hand():
    ex = exercise(W)
    assert [(v.name, v.value, v.min, v.max, v.decimals) for v in ex.variables] == [
        ("forklift_dec", 1230, 800, 2000, 0), ("ac2_topup", 9.8, 5, 20, 1), ("lime_apr", 32, 20, 45, 1),
        ("lime_oct", 32, 20, 45, 1)]
    # the key's numbers that follow the variables: the diesel and limestone lines and the register's recharge
    assert sorted(p.cell for p in ex.placeholders) == ["Activities!D4", "Activities!D8", "Equipment!F2"]
    values = {"forklift_dec": 1500, "ac2_topup": 12.4, "lime_apr": 28.5, "lime_oct": 41.0}
    assert exercise(W, **values).key.equipment[0].values == pytest.approx({"new_charge": 18, "capacity_new": 18,
                                                                          "recharge": 31.2})
    lines, inv = key_lines(W, **values)
    base, _ = key_lines(W)
    # the forklifts' other eleven months stay 13,130 kg; the other top-ups 6.5 + 7.2 + 5.1 kg
    (register,) = inv.extra_lines  # R-410A in the equipment register: 18 − 18 + the top-ups
    assert lines[4] == pytest.approx((13_130 + 1500) / 1000 * DIESEL_PER_T, rel=1e-9)
    assert register["tco2e"] == pytest.approx((18 - 18 + 6.5 + 7.2 + 5.1 + 12.4) / 1000 * R410A_PER_T, rel=1e-9)
    assert lines[8] == pytest.approx((28.5 + 41.0) * LIME_PER_T, rel=1e-9)
    assert {r: lines[r] for r in (2, 3, 5, 6, 7)} == {r: base[r] for r in (2, 3, 5, 6, 7)}
    assert inv.totals["total"] == pytest.approx(sum(lines.values()) + register["tco2e"], rel=1e-9)
    # the documents the trainee reads show the drawn values and add up to the variant's key
    log = sheet_values(W, "柴油领用记录", **values)
    assert sum(r[3] for r in log[3:27] if r[1].startswith("仓储部")) == 14_630
    assert log[27][3] == 14_630 + 10_330  # the total row: forklifts and the carrier's trucks
    ac = sheet_values(W, "制冷剂维保记录", **values)
    assert sum(r[4] for r in ac[2:9] if r[3].startswith("补充加注")) == pytest.approx(31.2)
    lime = sheet_values(W, "石灰石采购及化验", **values)
    assert (lime[3][1], lime[4][1], lime[5][1]) == (28.5, 41.0, 69.5)


def test_a_variant_solved_from_its_documents_scores_100_and_another_variants_answer_does_not():
    a = {"forklift_dec": 1500, "ac2_topup": 12.4, "lime_apr": 28.5, "lime_oct": 41.0}
    b = {"forklift_dec": 900, "ac2_topup": 6.0, "lime_apr": 40.0, "lime_oct": 22.0}
    ex_a, ex_b = instantiate(exercise(W), a), instantiate(exercise(W), b)
    work_a = _wuhan_work(lambda sheet: sheet_values(W, sheet, **a))
    work_b = _wuhan_work(lambda sheet: sheet_values(W, sheet, **b))
    assert grade(ex_a, _submission(W, work_a)).score == 100 and grade(ex_b, _submission(W, work_b)).score == 100
    result = grade(ex_a, _submission(W, work_b))
    found = {(f.key_sheet, f.key_row): f.text("en") for f in result.findings}
    assert [f.kind for f in result.findings] == ["wrong_quantity"] * 3
    assert sorted(found) == [("Activities", 4), ("Activities", 8), ("Equipment", 2)]
    assert "it fits: 14.63 t" in found["Activities", 4] and "it fits: 69.5 t" in found["Activities", 8]
    # the trainee entered the top-ups as fugitive lines (kg): compared with the register by the mass emitted
    assert "refrigerant emitted" in found["Equipment", 2] and "You have: 24.8 kg; it fits: 31.2 kg" in \
        found["Equipment", 2]


def test_the_rubrics_of_the_bundled_exercises():
    """Wuhan: coal 20 points at 0.5 %, five more lines and the R-410A register at 10, steam by default 10,
    the settings 5 each;
    office: its lines, the certificates and the settings."""
    w = exercise(W)
    assert w.rubric.points("Activities!2") == 20 and w.rubric.tolerance("Activities!2") == 0.005
    assert w.rubric.points("Activities!6") == 10 and w.rubric.row("Activities!6") is None  # steam: the default
    for target in ("Activities!3", "Activities!4", "Activities!5", "Activities!7", "Activities!8", "Equipment!2",
                   "standard", "gwp_set", "consolidation", "extra_source", "hint"):
        row = w.rubric.row(target)
        assert row is not None, target
        if target != "hint":
            assert row.explanation_zh and row.explanation_en and row.rule and row.rule_en, target
            assert any("\u4e00" <= ch <= "\u9fff" for ch in row.explanation_zh + row.rule), target
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in row.explanation_en + row.rule_en), target
    o = exercise("office_services")
    assert o.rubric.points("Activities!3") == 15 and o.rubric.points("Instruments!2") == 15
    assert all(o.rubric.row(f"Activities!{r}") for r in range(2, 10))
    assert "Scope 2 Guidance" in o.rubric.row("Instruments!2").rule_en
    # the points possible follow from the rubric: Wuhan 20 + 7 x 10 + 3 x 5; office 10+15+5+5+5+10+5+10+15 + 3 x 5
    from carbonmgr.training.grading import _Grader
    from carbonmgr.factors.library import default_library

    assert _Grader(w, default_library()).points_possible() == 105
    assert _Grader(o, default_library()).points_possible() == 95


def test_a_finding_carries_the_rubrics_explanation_and_rule_in_each_language():
    ex = exercise(W)
    coal = sheet_values(W, "煤炭台账")
    work = [ln for ln in _wuhan_work() if ln[2] != "烟煤"]
    work += [("F1", "stationary_combustion", "烟煤", t, "t", {"ncv": 21.85, "ncv_unit": "GJ/t"})
             for t in column(coal, "Received (weighbridge)", 5, 16)]
    result = grade(ex, _submission(W, work))
    (f,) = result.findings
    assert (f.kind, f.key_row, f.points) == ("wrong_quantity", 2, 20)
    assert result.score == round(100 * (105 - 20) / 105, 1)
    en, zh = f.text("en"), f.text("zh")
    assert "not the coal received (weighbridge)" in en and "Rule: GB/T 32150-2015 General guideline" in en
    assert "不是入厂煤" in zh and "依据：GB/T 32150-2015《工业企业温室气体排放核算和报告通则》：化石燃料燃烧排放" in zh
    assert "《" not in en


def test_exam_pack_variants_graded_end_to_end(tmp_path):
    """`carbonmgr exam pack` draws three distinct variants; each variant's answer is worked from its
    own package's documents; graded against each variant's key with `carbonmgr grade`."""
    out = tmp_path / "exam"
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "exam", "pack", str(path(W)), "--variants", "3",
                          "--seed", "1", "-o", str(out)], capture_output=True, text=True, env=env(), timeout=300)
    assert res.returncode == 0, res.stderr
    keys = sorted(out.glob("*-key.xlsx"))
    packages = sorted(out.glob("*.cmexam"))
    assert len(keys) == len(packages) == 3
    from carbonmgr.io.workbook import write_case
    from carbonmgr.training.exercise import read_exercise

    variants = [read_exercise(k) for k in keys]
    assert len({tuple(sorted(v.values.items())) for v in variants}) == 3  # three distinct draws
    answers = []
    for n, pkg_path in enumerate(packages):
        docs = {d.sheet: [tuple(r) + (None,) * 10 for r in d.rows] for d in read_package(pkg_path).documents}
        case = _submission(W, _wuhan_work(docs.__getitem__))
        answers.append(write_case(case, tmp_path / f"answer{n + 1}.xlsx") or tmp_path / f"answer{n + 1}.xlsx")
    for i, key in enumerate(keys):
        res = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(key), *map(str, answers),
                              "--json", "--lang", "en"], capture_output=True, text=True, env=env(), timeout=300)
        assert res.returncode == 0, res.stderr
        graded = json.loads(res.stdout)
        key_lines_i = variants[i].key.activities
        for j, g in enumerate(graded):
            if i == j:
                assert g["score"] == 100 and g["findings"] == [], (i, j, g["findings"])
                continue
            assert g["score"] < 100, (i, j)
            assert g["findings"] and {f["kind"] for f in g["findings"]} == {"wrong_quantity"}, (i, j)
            found = {(f.get("sheet", "Activities"), f["key_row"]) for f in g["findings"]}
            assert found <= {("Activities", 4), ("Equipment", 2), ("Activities", 8)}, (i, j)  # diesel, R-410A, lime
            for f in g["findings"]:
                if f.get("sheet") == "Equipment":
                    fits = _qty(variants[i].key.equipment[0].values["recharge"], "kg")  # 18 − 18 + recharge
                else:
                    k = key_lines_i.row.index(f["key_row"])
                    fits = _qty(key_lines_i.quantity[k], key_lines_i.unit[k])
                assert f"it fits: {fits}" in f["message"], f


def test_a_variant_key_computes_as_its_variant_and_opens_for_editing(tmp_path):
    """The key of each variant (and the exercise itself, whose key holds {{…}} placeholders) is a
    case the instructor can compute, report and open: `calc` gives the variant's inventory (the
    engine's total of its key at the variant's values), in the user's language with the brief's
    title; it used to stop at each placeholder ("is not a number", exit 2)."""
    from carbonmgr.editing.session import EditSession
    from carbonmgr.inventory.engine import compute
    from carbonmgr.training.exercise import read_case_or_key, read_exercise

    out = tmp_path / "variants"
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "exam", "pack", str(path(W)), "--variants", "2",
                          "--seed", "7", "-o", str(out)], capture_output=True, text=True, env=env(), timeout=300)
    assert res.returncode == 0, res.stderr
    totals = []
    for key in [*sorted(out.glob("*-key.xlsx")), path(W)]:
        variant = read_exercise(key)
        expected = compute(variant.key).totals["total"]
        res = subprocess.run([sys.executable, "-m", "carbonmgr", "calc", str(key), "--json"], capture_output=True,
                             text=True, env=env(), timeout=300)
        assert res.returncode == 0, res.stderr
        assert json.loads(res.stdout)["totals"]["total"] == pytest.approx(expected, abs=1e-6)
        totals.append(expected)
        case = read_case_or_key(key)
        assert case.activities.quantity == variant.key.activities.quantity
        # its documents at the variant's values, and the trainer's sheets, as the workbook has them
        for doc in variant.documents:
            assert case.documents[doc.sheet] == doc.rows
            assert not any("{{" in str(v) for r in doc.rows for v in r)
        assert "Brief" in case.documents and "Variables" in case.documents
        session = EditSession.from_workbook(key)
        assert session.case.activities.quantity == variant.key.activities.quantity
    assert len(set(round(t, 6) for t in totals)) == 3  # two variants and the exercise's own values differ
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", "zh", "calc", str(path(W))],
                         capture_output=True, text=True, env=env(), timeout=300)
    assert res.returncode == 0 and res.stdout.startswith("案例：武汉楚天精密机械：2023 年度温室气体排放核算"), res.stdout[:200]


def test_a_placeholder_workbook_that_is_no_sound_exercise_reports_the_exercises_problems(tmp_path):
    """A key whose placeholder names no variable: `calc` names that problem at its cell (exit 2),
    not a bare "is not a number"."""
    import openpyxl

    book = openpyxl.load_workbook(path(W))
    ws = book["Activities"]
    col = next(c.column for c in ws[1] if str(c.value).startswith("quantity"))
    ws.cell(2, col).value = "{{no_such_variable * 2}}"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "calc", str(bad)], capture_output=True, text=True,
                         env=env(), timeout=300)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "no_such_variable" in res.stderr and "Activities!" in res.stderr, res.stderr


def test_a_placeholder_in_a_plain_case_workbook_is_a_value_that_is_not_a_number(tmp_path):
    """Without the trainer's sheets (no Brief, no Variables) "{{x}}" is no exercise's placeholder:
    the firm's workbook gets the plain located problem, not the exercise reader's."""
    from case_books import PLAIN_CASE, PLAIN_FACILITIES, write_book

    act = [["facility", "source", "item", "quantity", "unit"], ["F1", "process", "limestone", "{{x}}", "t"]]
    book = write_book(tmp_path / "firm.xlsx", {"Case": PLAIN_CASE, "Facilities": PLAIN_FACILITIES, "Activities": act})
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "calc", str(book)], capture_output=True, text=True,
                         env=env(), timeout=300)
    assert res.returncode == 2
    assert res.stderr.splitlines()[0] == 'Activities!D2: quantity "{{x}}" is not a number', res.stderr
    assert "Brief" not in res.stderr and "variable" not in res.stderr
