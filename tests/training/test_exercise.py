"""Exercise workbooks: the key, the trainer sheets, variables and variants, the template, and
the trainee's own figures of hand-calculation mode kept by the case reader and the project file."""
from __future__ import annotations

import pytest

from carbonmgr.cli import main
from carbonmgr.common.errors import ValidationFailed
from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case
from carbonmgr.storage.store import Project
from carbonmgr.training.exercise import (DEFAULT_POINTS, DEFAULT_SETTING_POINTS, DEFAULT_TOLERANCE, instantiate,
                                         my_results, my_total, read_exercise)
from carbonmgr.training.expr import ExprError, cell_value, evaluate

from exercise_books import ACT_HEADER, CASE, FACILITIES, KEY_LINES, write_book, write_exercise


def problems_of(path, lang="en"):
    with pytest.raises(ValidationFailed) as info:
        read_exercise(path)
    return [(p.sheet, p.row, p.col, p.code) for p in info.value.problems], info.value.render(lang)


def test_a_plain_exercise_is_read_with_its_defaults(tmp_path):
    ex = read_exercise(write_exercise(tmp_path / "ex.xlsx"))
    assert ex.brief.text("title", "en") == "Wuhan Gear Works: 2023 inventory"
    assert ex.brief.text("story", "zh") == ["武汉齿轮厂位于湖北省武汉市。"]
    assert ex.mode == "practice" and not ex.hand_calculation and ex.brief.time_limit is None
    assert [(d.sheet, d.kind, d.title_in("en")) for d in ex.documents] == [("燃料台账", "fuel_ledger", "Fuel ledger 2023")]
    assert ex.documents[0].rows[1] == ["全年", 50.0, 20.0]
    assert ex.key.documents == {}  # the trainer sheets are not documents of the key
    assert list(ex.key.activities.row) == [2, 3, 4, 5]
    # absent Given: the facilities, nothing else; absent Rubric: the documented defaults
    start = ex.starting_case()
    assert [f.id for f in start.facilities] == ["F1"] and len(start.activities) == 0
    assert "燃料台账" in start.documents
    assert ex.rubric.points("Activities!2") == DEFAULT_POINTS == 10
    assert ex.rubric.points("standard") == DEFAULT_SETTING_POINTS == 5
    assert ex.rubric.tolerance("Activities!2") == DEFAULT_TOLERANCE == 0.01


def test_chinese_sheet_and_column_names_are_accepted(tmp_path):
    path = write_exercise(
        tmp_path / "zh.xlsx", Brief=None, Documents=None,
        案例说明=[["项目", "中文", "英文", "值"], ["标题", "齿轮厂", "Gear works", None], ["任务", "编制清单", None, None],
              ["手工计算", None, None, "是"], ["模式", None, None, "考试"], ["时间限制", None, None, 90]],
        资料清单=[["工作表", "标题", "类型"], ["燃料台账", "燃料台账", "燃料台账"]],
        已知=[["工作表", "行"], ["设施", "全部"], ["活动数据", "2, 4"]],
        评分=[["对象", "分值", "容差", "中文说明", "英文说明", "依据"], ["活动数据!3", 20, "2%", "柴油", "diesel", "GB/T 32150-2015"],
            ["核算标准", 8, None, None, None, None], ["默认", 12, "0.5%", None, None, None]],
        变量=[["名称", "值", "最小值", "最大值", "小数位"], ["x", 1, 0, 2, 0]])
    ex = read_exercise(path)
    assert ex.brief.title == {"zh": "齿轮厂", "en": "Gear works"}
    assert ex.brief.text("task", "en") == ["编制清单"]  # only Chinese given: shown as written
    assert ex.hand_calculation and ex.mode == "exam" and ex.brief.time_limit == 90
    assert ex.documents[0].kind == "fuel_ledger"
    assert ex.given.sheets == {"Facilities": "all", "Activities": [2, 4]}
    start = ex.starting_case()
    assert list(start.activities.row) == [2, 4] and start.activities.quantity == [50.0, 1200.0]
    assert ex.rubric.points("Activities!3") == 20 and ex.rubric.tolerance("Activities!3") == pytest.approx(0.02)
    assert ex.rubric.row("Activities!3").explanation("en") == "diesel"
    assert ex.rubric.points("standard") == 8 and ex.rubric.points("Activities!2") == 12
    assert ex.rubric.tolerance("Activities!2") == pytest.approx(0.005)
    assert [v.name for v in ex.variables] == ["x"]


def test_variables_fill_the_key_and_the_documents_and_instantiate_draws_variants(tmp_path):
    path = write_exercise(
        tmp_path / "var.xlsx",
        Activities=[ACT_HEADER, ["F1", "stationary_combustion", "天然气", "{{gas}}", "10^4 Nm3", None, None],
                    ["F1", "mobile_combustion", "柴油", "{{ diesel_kg / 1000 }}", "t", None, None],
                    ["F1", "stationary_combustion", "烟煤", "{{coal}} * 2", "t", "{{ncv}}", "GJ/t"]],
        Variables=[["name", "value", "min", "max", "decimals"], ["gas", 50, 40, 60, 1],
                   ["diesel_kg", 20000, 15000, 25000, 0], ["coal", 500, 400, 600, 0], ["ncv", 23, 20, 25, 2]],
        燃料台账=[["月份", "天然气", "柴油（kg）"], ["全年", "{{gas}}", "{{diesel_kg}}"],
              ["说明", "月均约 {{gas / 12}} 万Nm3", None]])
    ex = read_exercise(path)
    acts = ex.key.activities
    assert acts.quantity == [50.0, 20.0, 1000.0] and acts.options["ncv"] == [None, None, 23.0]
    assert ex.documents[0].rows[1] == ["全年", 50.0, 20000.0]
    assert ex.documents[0].rows[2][1] == "月均约 4.2 万Nm3"  # 50/12 = 4.1666.. at the variable's 1 decimal
    variant = instantiate(ex, {"gas": 44.44, "coal": 450})
    assert variant.values == {"gas": 44.4, "diesel_kg": 20000.0, "coal": 450.0, "ncv": 23.0}
    assert variant.key.activities.quantity == [44.4, 20.0, 900.0]
    assert variant.documents[0].rows[1][1] == 44.4 and variant.documents[0].rows[2][1] == "月均约 3.7 万Nm3"
    assert ex.key.activities.quantity == [50.0, 20.0, 1000.0]  # the exercise itself is unchanged
    assert instantiate(variant).key.activities.quantity == [50.0, 20.0, 1000.0]  # from the template again
    # the variant's key computes: 900 t of coal at NCV 23 GJ/t with the fuel table the test key names
    # (factor_set cn_mee_steel_2024, table A.1: CC 0.02618 tC/GJ, OF 99 %): 900*23*0.02618*0.99*44/12
    coal = [x for x in compute(variant.key).lines() if x["row"] == 4][0]
    assert coal["tco2e"] == pytest.approx(900 * 23 * 0.02618 * 0.99 * 44 / 12)
    with pytest.raises(ValidationFailed) as info:
        instantiate(ex, {"gas": 70, "nope": 1})
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["exercise.unknown_variable_value", "exercise.variable_value_range"]
    assert "40" in info.value.render("zh") and "60" in info.value.render("zh")


def test_expressions_are_evaluated_without_eval():
    assert evaluate("(a + b) * 2 - -1 / 4", {"a": 1, "b": 2}) == 6.25
    for text, code in (("__import__('os')", "exercise.expr_bad_char"), ("a ** 2", "exercise.expr_syntax"),
                       ("1 / (a - a)", "exercise.expr_division_by_zero"), ("b", "exercise.expr_unknown_name"),
                       ("(" * 30 + "1" + ")" * 30, "exercise.expr_too_long"), ("1 +", "exercise.expr_syntax"),
                       ("x" * 300, "exercise.expr_too_long")):
        with pytest.raises(ExprError) as info:
            evaluate(text, {"a": 1})
        assert info.value.code == code, text
    assert cell_value("{{a}} / 4", {"a": 2}) == 0.5
    assert cell_value("about {{a}} t", {"a": 2}) == "about 2 t"
    assert cell_value("no placeholder", {}) == "no placeholder"


def test_every_problem_of_the_trainer_sheets_is_located_in_both_languages(tmp_path):
    path = write_exercise(
        tmp_path / "bad.xlsx",
        Activities=[ACT_HEADER, ["F1", "stationary_combustion", "天然气", "{{gaz}}", "10^4 Nm3", None, None],
                    ["F1", "mobile_combustion", "柴油", 20, "t", None, None]],
        Brief=[["key", "zh", "en", "value"], ["title", "T", "T", None], ["mode", None, None, "homework"],
               ["hand_calculation", None, None, "maybe"], ["time_limit", None, None, -5],
               [None, "orphan text", None, None], ["exercise_version", None, None, 2]],
        Documents=[["sheet", "title", "kind"], ["nope", "x", "fuel_ledger"], ["燃料台账", "x", "receipts"]],
        Given=[["sheet", "rows"], ["Activities", "2,7"], ["Equipment", "all"], ["Facilities", "two"]],
        Rubric=[["target", "points", "tolerance"], ["Activities!9", 3, None], ["foo", 1, None],
                ["standard", -1, None], ["default", 10, "150%"]],
        Variables=[["name", "value", "min", "max", "decimals"], ["gas", 50, 60, 70, 1], ["bad name", 1, None, None, None],
                   ["x", "abc", None, None, None], ["gas", 55, 50, 60, 1]])
    found, zh = problems_of(path, "zh")
    expected = [
        ("Activities", 2, "D", "exercise.unknown_variable"),
        ("Brief", 3, "D", "exercise.bad_mode"), ("Brief", 4, "D", "exercise.bad_yes_no"),
        ("Brief", 5, "D", "exercise.bad_time_limit"), ("Brief", 6, "A", "exercise.brief_key_missing"),
        ("Brief", 7, "D", "exercise.newer_version"),
        ("Documents", 2, "A", "exercise.document_missing"), ("Documents", 3, "C", "exercise.bad_kind"),
        ("Given", 2, "B", "exercise.given_row_unknown"), ("Given", 3, "A", "exercise.bad_given_sheet"),
        ("Given", 4, "B", "exercise.bad_rows"),
        ("Rubric", 2, "A", "exercise.rubric_row_unknown"), ("Rubric", 3, "A", "exercise.bad_target"),
        ("Rubric", 4, "B", "exercise.bad_points"), ("Rubric", 5, "C", "exercise.bad_tolerance"),
        ("Variables", 2, "B", "exercise.variable_range"), ("Variables", 3, "A", "exercise.bad_variable_name"),
        ("Variables", 4, "B", "exercise.not_number"), ("Variables", 5, "A", "exercise.variable_duplicate"),
    ]
    assert sorted(found) == sorted(expected)
    assert "Brief!D3：模式应为" in zh and "Variables!B4：值（value）应为数字" in zh
    _, en = problems_of(path, "en")
    assert 'Rubric!A3: the target should be one of' in en and "exercise." not in en


def test_missing_brief_and_columns_and_a_key_problem_are_reported_together(tmp_path):
    path = write_exercise(tmp_path / "b.xlsx", Brief=None, Documents=[["title"], ["x"]],
                          Activities=[ACT_HEADER, ["F1", "stationary_combustion", "天然气", "lots", "10^4 Nm3", None, None]])
    found, en = problems_of(path)
    codes = sorted(c for *_, c in found)
    assert codes == ["exercise.column_missing", "exercise.sheet_missing", "workbook.not_number"]
    assert "the exercise has no Brief sheet" in en and "the column sheet is missing" in en


def test_a_key_that_does_not_compute_is_refused(tmp_path):
    path = write_exercise(tmp_path / "k.xlsx", Activities=[ACT_HEADER, ["F1", "stationary_combustion", "no such fuel",
                                                                       5, "t", None, None]])
    found, _ = problems_of(path)
    assert found and all(sheet == "Activities" and row == 2 for sheet, row, _, _ in found)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_exercise_template_passes_its_own_check(tmp_path, lang):
    out = tmp_path / f"exercise_{lang}.xlsx"
    assert main(["--lang", lang, "template", "--exercise", str(out), "--template-lang", lang]) == 0
    ex = read_exercise(out)
    assert ex.variables[0].name == "gas" and ex.key.activities.quantity == [50.0]
    assert ex.documents and ex.documents[0].rows[1][1] == 50.0
    assert set(ex.rubric.rows) == {"default", "Activities!2", "standard", "gwp_set", "consolidation"}
    assert "exercise." not in str(ex.brief) and "{{" not in str(ex.documents)
    assert compute(ex.key).totals["total"] > 0
    assert main(["template", "--exercise", str(out)]) == 2  # an existing file is not overwritten


def test_the_trainees_own_figures_are_kept_by_the_reader_and_the_project_file(tmp_path):
    header = ["设施", "排放源类别", "品种", "数量", "单位", "我的结果"]
    path = write_book(tmp_path / "hand.xlsx", {
        "Case": [list(r) for r in CASE] + [["我的总排放", 1144.4]],
        "Facilities": [list(r) for r in FACILITIES],
        "Activities": [header, KEY_LINES[0][:5] + [1082.5], KEY_LINES[1][:5] + [None]],
    })
    case = read_case(path)
    assert my_results(case) == [1082.5, None] and my_total(case) == 1144.4
    project = Project.create(tmp_path / "hand.carbon", case)
    project.close()
    with Project.open(tmp_path / "hand.carbon") as reopened:
        again = reopened.load_case()
    assert my_results(again) == [1082.5, None] and my_total(again) == 1144.4
    assert my_results(read_case(write_book(tmp_path / "plain.xlsx", {
        "Case": CASE, "Facilities": FACILITIES, "Activities": [ACT_HEADER, KEY_LINES[0]]}))) is None
