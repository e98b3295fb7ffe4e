"""The Rubric of an ETS exercise (issue 11): its rows target the ETS checks by the inventory's naming
scheme (a key unit by its ETS row, ``ETS!<row>``; the Case inputs and the answers by their Case
keys, in either language; ``verified_emissions``, ``holdings``) and set their points, explanation
and rule; a weight changes the finding's points, the points possible and the score, in the core
and in ``carbonmgr grade``.

The bundled ``coal_power_ets`` has no Rubric sheet: the ETS defaults are 5 points per input check
(year, two units, verified emissions, price, holdings: 30) and 10 per answer asked (9: 90)."""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import openpyxl
import pytest

from carbonmgr.common.paths import exercises_dir
from carbonmgr.io.workbook import write_case
from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.grading import grade

KEY = exercises_dir() / "coal_power_ets.xlsx"
INVENTORY_POINTS = 3 * 10 + 3 * 5  # three key sources (the two coal lines are one), three settings


def with_rubric(path, rows):
    book = openpyxl.load_workbook(KEY)
    ws = book.create_sheet("评分")
    for row in [["对象", "分值", "英文说明", "依据"], *rows]:
        ws.append(row)
    book.save(path)
    return path


def mistaken(key_case):
    """The key's answer with U2 entered as class I (the key's answers kept: the allocation answer is then
    explained by the other class's benchmark, a second wrong_benchmark, on the Case sheet)."""
    case = copy.deepcopy(key_case)
    case.ets.units[1].klass = "I"
    return case


@pytest.fixture(scope="module")
def plain():
    return read_exercise(KEY)


def _graded(ex, case):
    result = grade(ex, case, "en")
    return result, {f.kind: f for f in result.findings if f.key_sheet == "ETS" or f.kind != "wrong_benchmark"}


def test_without_a_rubric_the_ets_defaults(plain):
    result, found = _graded(plain, mistaken(plain.key))
    assert result.points_possible == INVENTORY_POINTS + 6 * 5 + 9 * 10
    assert found["wrong_benchmark"].points == 5 and found["wrong_benchmark"].key_sheet == "ETS"


def test_a_rubric_weight_changes_an_ets_findings_points_and_the_score(plain, tmp_path):
    ex = read_exercise(with_rubric(tmp_path / "weighted.xlsx", [
        ["配额!3", 25, "A 350 MW coal unit is class II: its benchmark is 0.8049 t/MWh.", "分配方案 附1"],
        ["my_ccer_used", 30, None, None],
        ["碳价", 0, None, None],  # the price by its Chinese name: not weighed
        ["我的罚款下限", 4, None, None],
    ]))
    assert {t for t in ex.rubric.rows} == {"ETS!3", "my_ccer_used", "carbon_price", "my_penalty_min"}
    possible = INVENTORY_POINTS + (6 * 5 - 5 + 25 - 5) + (9 * 10 - 10 + 30 - 10 + 4)
    case = mistaken(ex.key)
    case.info.extra["my_ccer_used"] = 200_000  # above the cap (189 934 t): the later answers follow from the key's
    result, found = _graded(ex, case)
    assert result.points_possible == possible
    wrong_class, over = found["wrong_benchmark"], found["ccer_over_cap"]
    assert (wrong_class.points, over.points) == (25, 30)
    assert "0.8049 t/MWh" in wrong_class.text("en") and "分配方案 附1" in wrong_class.text("en")
    lost = sum(f.points for f in result.findings)
    assert result.score == round(100 * (possible - lost) / possible, 1)
    # the same work against the plain exercise: other points, another score
    plain_result, plain_found = _graded(plain, case)
    assert (plain_found["wrong_benchmark"].points, plain_found["ccer_over_cap"].points) == (5, 10)
    assert plain_result.score != result.score

    # the command line grades with the same weights
    write_case(case, tmp_path / "trainee.xlsx")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(tmp_path / "weighted.xlsx"),
                          str(tmp_path / "trainee.xlsx"), "--json", "--lang", "en"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    [cli] = json.loads(out.stdout)
    points = {f["kind"]: f["points"] for f in cli["findings"] if f.get("sheet") == "ETS" or f["kind"] != "wrong_benchmark"}
    assert (points["wrong_benchmark"], points["ccer_over_cap"]) == (25, 30)
    assert cli["score"] == result.score
    by_kind = {f["kind"]: f for f in cli["findings"] if f.get("sheet") == "ETS" or f["kind"] != "wrong_benchmark"}
    assert by_kind["wrong_benchmark"]["sheet"] == "ETS" and by_kind["ccer_over_cap"]["field"] == "my_ccer_used"


def test_a_rubric_row_of_a_unit_the_key_does_not_have_is_refused(tmp_path):
    from carbonmgr.common.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as err:
        read_exercise(with_rubric(tmp_path / "bad.xlsx", [["ETS!9", 5, None, None]]))
    assert any(p.code == "exercise.rubric_row_unknown" for p in err.value.problems)
