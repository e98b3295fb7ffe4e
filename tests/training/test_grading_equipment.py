"""The refrigerant equipment register is graded like activity lines: its rows are matched to the
key's by (facility, refrigerant, equipment type), split rows summed; one finding per first
difference of the chain (the method, then the amounts it takes, then the equipment type, then
the GWP); a unit left out or added, another refrigerant with the key's amounts; the key's
refrigerant entered as fugitive activity lines in kg or t instead (or the other way round).

The key: the standard test exercise (tests/training/exercise_books.py: four sources) plus an
Equipment sheet (GB/T 32150, GWP set SAR):
row 2 F1 simplified material balance, R-410A: recharge 28.6 kg (top-ups 6.5 + 9.8 + 7.2 + 5.1),
row 3 F1 screening, HFC-134a, chillers: operating capacity 200 kg.
Points possible without a rubric: (4 + 2) sources x 10 + 3 settings x 5 = 75.
"""
from __future__ import annotations

import pytest

from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.grading import grade
from carbonmgr.training.intake import load_submission

from exercise_books import CASE, KEY_LINES, write_exercise, write_submission

K = KEY_LINES
EQ_HEADER = ["facility", "method", "refrigerant", "equipment", "recharge", "operating_capacity", "new_charge",
             "capacity_new"]
R410A = ["F1", "simplified_material_balance", "R-410A", None, 28.6, None, None, None]
CHILLER = ["F1", "screening", "HFC-134a", "chillers", None, 200, None, None]
POSSIBLE = 75.0
# IPCC SAR GWPs (resources/gwp/gwp.csv, SAR column of the GHG Protocol GWP table): HFC-32 650, HFC-125 2800,
# HFC-134a 1300; R-410A is 50 % HFC-32 + 50 % HFC-125 (US EPA GHG Emission Factors Hub 2025, Table 12).
R410A_SAR = 0.5 * 650 + 0.5 * 2800
# The Climate Registry 2021 Default Emission Factor Document, Table 4.1: chillers, operating loss 15 %/year.
CHILLER_X = 0.15


@pytest.fixture(scope="module")
def exercise(tmp_path_factory):
    path = write_exercise(tmp_path_factory.mktemp("eq") / "ex.xlsx", Equipment=[EQ_HEADER, R410A, CHILLER])
    return read_exercise(path)


def graded(exercise, tmp_path, equipment, lines=K, **kw):
    more = {"Equipment": [EQ_HEADER, *equipment]} if equipment else None
    path = write_submission(tmp_path / "sub.xlsx", lines, more=more, **kw)
    return grade(exercise, load_submission(path), "en")


def kinds(result):
    return [(f.kind, f.key_sheet, f.key_row, f.rows) for f in result.findings]


def test_the_key_computes_the_register_by_hand(exercise):
    from carbonmgr.inventory.engine import compute

    lines = {x["row"]: x for x in compute(exercise.key).extra_lines}
    assert lines[2]["tco2e"] == pytest.approx(28.6 / 1000 * R410A_SAR)
    assert lines[3]["tco2e"] == pytest.approx(200 * CHILLER_X / 1000 * 1300)


def test_a_perfect_register_has_no_finding(exercise, tmp_path):
    result = graded(exercise, tmp_path, [R410A, CHILLER])
    assert result.findings == [] and result.score == 100.0 and result.points_possible == POSSIBLE
    # split into one row per top-up, a new unit's first charge with its capacity (nets to nothing), reordered
    split = [CHILLER, *[["F1", "simplified_material_balance", "R410A", None, kg, None, None, None]
                        for kg in (6.5, 9.8, 7.2, 5.1)],
             ["F1", "simplified_material_balance", "R-410A", None, None, None, 18.0, 18.0]]
    assert graded(exercise, tmp_path, split).findings == []


def test_each_mistake_in_the_register_is_exactly_one_finding(exercise, tmp_path):
    wrong = {
        "unit left out": ([CHILLER], ("missing_source", "Equipment", 2, []), 10),
        "unit added": ([R410A, CHILLER, ["F1", "simplified_material_balance", "R-407C", None, 36.0, None, None, None]],
                       ("extra_source", "Equipment", None, [4]), 5),
        "R-22 instead of R-410A": ([["F1", "simplified_material_balance", "R-22", None, 28.6, None, None, None],
                                    CHILLER], ("wrong_factor", "Equipment", 2, [2]), 5),
        "top-up short": ([["F1", "simplified_material_balance", "R-410A", None, 23.5, None, None, None], CHILLER],
                         ("wrong_quantity", "Equipment", 2, [2]), 10),
        "first charge counted as a top-up": ([["F1", "simplified_material_balance", "R-410A", None, 46.6, None, None,
                                               None], CHILLER], ("wrong_quantity", "Equipment", 2, [2]), 10),
        "top-up in t": ([["F1", "simplified_material_balance", "R-410A", None, 0.0286, None, None, None], CHILLER],
                        ("unit_error", "Equipment", 2, [2]), 5),
        "charge wrong": ([R410A, ["F1", "screening", "HFC-134a", "chillers", None, 250, None, None]],
                         ("wrong_quantity", "Equipment", 3, [3]), 10),
        "wrong method": ([["F1", "screening", "R-410A", "residential_commercial_ac", None, 28.6, None, None], CHILLER],
                         ("wrong_factor", "Equipment", 2, [2]), 5),
        "wrong equipment type": ([R410A, ["F1", "screening", "HFC-134a", "residential_commercial_ac", None, 200, None,
                                          None]], ("wrong_factor", "Equipment", 3, [3]), 5),
    }
    for name, (equipment, expected, loss) in wrong.items():
        result = graded(exercise, tmp_path, equipment)
        assert kinds(result) == [expected], name
        f = result.findings[0]
        assert f.points == loss and result.score == round(100 * (POSSIBLE - loss) / POSSIBLE, 1), name
        en, zh = f.text("en"), f.text("zh")
        assert en != zh and "grade." not in en + zh and "{" not in en + zh, name
        assert "GB/T 32150-2015" in en and "SAR" in en and "《工业企业温室气体排放核算和报告通则》" in zh, name
        assert f.to_dict("en")["sheet"] == "Equipment", name


def test_the_messages_name_what_differs(exercise, tmp_path):
    r22 = graded(exercise, tmp_path, [["F1", "simplified_material_balance", "R-22", None, 28.6, None, None, None],
                                      CHILLER]).findings[0]
    assert "R-22 (GWP 1,500)" in r22.text("en") and f"R-410A (GWP {R410A_SAR:,.0f})" in r22.text("en")
    assert "制冷剂填错了" in r22.text("zh")
    short = graded(exercise, tmp_path, [["F1", "simplified_material_balance", "R-410A", None, 23.5, None, None, None],
                                        CHILLER]).findings[0]
    assert "the recharge of the R-410A" in short.text("en") and "You have: 23.5 kg; it fits: 28.6 kg" in short.text("en")
    assert "补充充注量" in short.text("zh")
    method = graded(exercise, tmp_path, [["F1", "screening", "R-410A", "residential_commercial_ac", None, 28.6, None,
                                          None], CHILLER]).findings[0]
    assert "screening" in method.text("en") and "simplified material balance" in method.text("en").lower()


def test_the_register_entered_as_activity_lines_in_kg_or_t_is_no_mistake(exercise, tmp_path):
    """The refrigerant emitted, entered as fugitive lines (kg or t) instead of register rows: compared
    by the mass emitted; a wrong mass is one finding on the key's register row."""
    for qty, unit in ((28.6, "kg"), (0.0286, "t")):
        lines = [*K, ["F1", "fugitive", "R-410A", qty, unit, None, None]]
        assert graded(exercise, tmp_path, [CHILLER], lines=lines).findings == [], unit
    lines = [*K, ["F1", "fugitive", "R-410A", 20, "kg", None, None]]
    result = graded(exercise, tmp_path, [CHILLER], lines=lines)
    assert kinds(result) == [("wrong_quantity", "Equipment", 2, [6])]
    assert result.findings[0].to_dict("en")["rows_sheet"] == "Activities"


def test_a_key_fugitive_line_entered_in_the_register(tmp_path):
    """The key enters the top-ups as a fugitive line (row 6); the trainee in the register."""
    lines = [*K, ["F1", "fugitive", "R-410A", 28.6, "kg", None, None]]
    ex = read_exercise(write_exercise(tmp_path / "line.xlsx", Activities=[
        ["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit"], *lines]))
    assert graded(ex, tmp_path, [R410A], lines=K).findings == []
    result = graded(ex, tmp_path, [["F1", "simplified_material_balance", "R-410A", None, 30.0, None, None, None]],
                    lines=K)
    assert kinds(result) == [("wrong_quantity", "Activities", 6, [2])]
    assert result.findings[0].to_dict("en")["rows_sheet"] == "Equipment"


def test_the_rubric_sets_the_points_and_explanation_of_a_register_row(tmp_path):
    rubric = [["target", "points", "tolerance", "explanation_zh", "explanation_en", "rule"],
              ["Equipment!2", 20, "2%", "补充加注量取维保记录合计。", "Top-ups are the log's total.", "SGEC rule"]]
    ex = read_exercise(write_exercise(tmp_path / "r.xlsx", Equipment=[EQ_HEADER, R410A, CHILLER], Rubric=rubric))
    assert graded(ex, tmp_path, [["F1", "simplified_material_balance", "R-410A", None, 29.0, None, None, None],
                                 CHILLER]).findings == []  # within 2 %
    result = graded(ex, tmp_path, [CHILLER])
    assert result.points_possible == POSSIBLE + 10 and result.findings[0].points == 20
    assert "Top-ups are the log's total." in result.findings[0].text("en") and "SGEC rule" in result.findings[0].text("en")
    assert "补充加注量取维保记录合计。" in result.findings[0].text("zh")


def test_case_settings_do_not_count_again_on_the_register(exercise, tmp_path):
    gwp = [list(r) for r in CASE] + [["gwp", "AR5"]]
    result = graded(exercise, tmp_path, [R410A, CHILLER], case=gwp)
    assert [f.kind for f in result.findings] == ["wrong_gwp"]
