"""The grader: a perfect submission in any equivalent form scores 100; each kind of mistake is
exactly one finding; hand-calculation arithmetic; hints; rubric points and tolerances.

The key (tests/training/exercise_books.py, GB/T 32150, facility F1 in Hubei):
row 2 natural gas 50 10^4 Nm3, row 3 diesel (mobile) 20 t, row 4 purchased electricity 1200 MWh,
row 5 bituminous coal 1000 t at a measured NCV of 23 GJ/t. Points possible without a rubric:
4 sources x 10 + 3 settings x 5 = 55.
"""
from __future__ import annotations

import json
import shutil

import pytest

from carbonmgr.cli import main
from carbonmgr.io.workbook import read_case
from carbonmgr.storage.store import Project
from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.grading import grade, grade_many
from carbonmgr.training.intake import load_submission

from exercise_books import ACT_HEADER, CASE, FACILITIES, KEY_LINES, write_book, write_exercise, write_submission

K = KEY_LINES
POSSIBLE = 55.0
# Published values of the fuel table the test key names (factor_set cn_mee_steel_2024: the MEE steel
# guideline CETS-AG-03.01-V01-2024, table A.1) and the Hubei grid factor, for hand calculations:
# t CO2 per unit of each key line.
GAS_PER_10K_NM3 = 389.31 * 0.01532 * 0.99 * 44 / 12  # NCV GJ/10^4 Nm3 x CC tC/GJ x OF x 44/12
DIESEL_PER_T = 42.652 * 0.0202 * 0.98 * 44 / 12
HUBEI_PER_MWH = 0.4044
COAL_PER_T_AT_23 = 23.0 * 0.02618 * 0.99 * 44 / 12


@pytest.fixture(scope="module")
def exercise(tmp_path_factory):
    return read_exercise(write_exercise(tmp_path_factory.mktemp("ex") / "ex.xlsx"))


def graded(exercise, tmp_path, lines, **kw):
    path = write_submission(tmp_path / "sub.xlsx", lines, **kw)
    return grade(exercise, load_submission(path), "en")


def kinds(result):
    return [(f.kind, f.key_row, f.rows) for f in result.findings]


def test_the_key_itself_scores_100(exercise, tmp_path):
    result = graded(exercise, tmp_path, K)
    assert result.findings == [] and result.score == 100.0 and result.points_possible == POSSIBLE


def test_a_perfect_submission_in_another_form_scores_100(exercise, tmp_path):
    """Lines reordered, the gas split by month in m3, diesel in kg, electricity in kWh, Chinese sheet
    names and headers, saved as a project file."""
    months = [52000, 48000, 45000, 40000, 38000, 35000, 33000, 34000, 36000, 42000, 47000, 50000]
    assert sum(months) == 500_000  # m3 = 50 x 10^4 Nm3
    header = ["设施", "排放源类别", "品种", "数量", "单位", "低位发热量", "低位发热量单位"]
    lines = [["F1", "购入电力", "", 1_200_000, "kWh", None, None],
             ["F1", "固定燃烧", "烟煤", 1000, "吨", 23, "GJ/t"],
             *[["F1", "固定燃烧", "天然气", m, "m3", None, None] for m in months],
             ["F1", "移动源", "柴油", 20_000, "kg", None, None]]
    case_zh = [["键", "值"], ["标题", "我的清单"], ["核算标准", "GB/T 32150"], ["报告年度", "2023年"],
               ["合并方法", "运营控制"], ["因子集", "cn_mee_steel_2024"], ["学员", "李四"], ["学号", "S01"]]
    xlsx = write_submission(tmp_path / "zh.xlsx", lines, header=header, case=case_zh,
                            facilities=[["编号", "名称", "地区"], ["F1", "总厂", "湖北"]],
                            sheet_names=("案例", "设施", "活动数据"))
    project = tmp_path / "zh.carbon"
    Project.create(project, read_case(xlsx)).close()
    for path in (xlsx, project):
        sub = load_submission(path)
        assert (sub.trainee, sub.trainee_id, sub.seal) == ("李四", "S01", "none")
        result = grade(exercise, sub, "zh")
        assert kinds(result) == [] and result.score == 100.0


def test_each_mistake_is_exactly_one_finding(exercise, tmp_path):
    gwp = [list(r) for r in CASE] + [["gwp", "AR5"]]
    financial = [r if r[0] != "consolidation" else ["consolidation", "financial_control"] for r in CASE]
    ghgp = [r if r[0] != "standard" else ["standard", "ghgp"] for r in CASE]  # GWP left to the default: AR5
    own_ef = ACT_HEADER + ["ef_co2e", "ef_unit"]
    cases = {
        "missing_source": ([K[0], K[1], K[2]], {}, (5, [])),
        "extra_source": ([*K, ["F1", "stationary_combustion", "汽油", 3, "t", None, None]], {}, (None, [6])),
        "wrong_source_type": ([K[0], ["F1", "stationary_combustion", "柴油", 20, "t", None, None], K[2], K[3]], {},
                              (3, [3])),
        "unit_error": ([["F1", "stationary_combustion", "天然气", 50, "m3", None, None], *K[1:]], {}, (2, [2])),
        "wrong_quantity": ([["F1", "stationary_combustion", "天然气", 55, "10^4 Nm3", None, None], *K[1:]], {},
                           (2, [2])),
        "wrong_parameter": ([*K[:3], ["F1", "stationary_combustion", "烟煤", 1000, "t", 20.0, "GJ/t"]], {}, (5, [5])),
        "wrong_factor": ([[*x, None, None] for x in K[:2]] + [["F1", "purchased_electricity", "", 1200, "MWh", None,
                                                              None, 0.5810, "t/MWh"]] + [[*K[3], None, None]],
                         {"header": own_ef}, (4, [4])),
        "wrong_gwp": (K, {"case": gwp}, (None, [])),
        "wrong_consolidation": (K, {"case": financial}, (None, [])),
        "wrong_standard": (K, {"case": ghgp}, (None, [])),
    }
    for kind, (lines, kw, (key_row, rows)) in cases.items():
        result = graded(exercise, tmp_path, lines, **kw)
        assert kinds(result) == [(kind, key_row, rows)], kind
        finding = result.findings[0]
        assert finding.text("en") and finding.text("zh") != finding.text("en")
        assert "grade." not in finding.text("zh") and "{" not in finding.text("en")
        expected_loss = {"missing_source": 10, "wrong_quantity": 10, "extra_source": 5, "wrong_gwp": 5,
                         "wrong_consolidation": 5, "wrong_standard": 5}.get(kind, 5)
        assert finding.points == expected_loss, kind
        assert result.score == round(100 * (POSSIBLE - expected_loss) / POSSIBLE, 1), kind


def test_the_explanation_says_what_they_have_what_fits_and_the_rule(exercise, tmp_path):
    result = graded(exercise, tmp_path, [["F1", "stationary_combustion", "天然气", 50, "m3", None, None], *K[1:]])
    en, zh = result.findings[0].text("en"), result.findings[0].text("zh")
    assert "You have: 50 m3" in en and "it fits: 50 10^4 Nm3" in en and "Natural gas" in en
    assert "GB/T 32150-2015" in en and "天然气" in zh and "《工业企业温室气体排放核算和报告通则》" in zh
    d = result.findings[0].to_dict("zh")
    assert d["item"] == "天然气" and d["facility"] == "F1" and d["rows"] == [2] and d["key_row"] == 2


def test_kwh_typed_as_mwh_is_a_unit_error(exercise, tmp_path):
    result = graded(exercise, tmp_path, [*K[:2], ["F1", "purchased_electricity", "", 1_200_000, "MWh", None, None],
                                         K[3]])
    assert kinds(result) == [("unit_error", 4, [4])]


def test_a_line_under_the_wrong_type_is_one_finding_even_beside_a_right_line_of_that_type(tmp_path):
    key_lines = [*K, ["F1", "stationary_combustion", "柴油", 5, "t", None, None]]  # row 6: a generator's diesel
    ex = read_exercise(write_exercise(tmp_path / "gen.xlsx", Activities=[ACT_HEADER, *key_lines]))
    lines = [K[0], ["F1", "stationary_combustion", "柴油", 5, "t", None, None],
             ["F1", "stationary_combustion", "柴油", 20, "t", None, None], K[2], K[3]]  # forklifts' diesel in row 4
    result = graded(ex, tmp_path, lines)
    assert kinds(result) == [("wrong_source_type", 3, [4])]
    # the forklifts' 20 t split in two lines, both under stationary combustion: still one finding
    lines = [K[0], ["F1", "stationary_combustion", "柴油", 12, "t", None, None],
             ["F1", "stationary_combustion", "柴油", 5, "t", None, None],
             ["F1", "stationary_combustion", "柴油", 8, "t", None, None], K[2], K[3]]
    assert kinds(graded(ex, tmp_path, lines)) == [("wrong_source_type", 3, [3, 5])]


def test_hand_calculation_is_judged_on_the_trainees_own_inputs(tmp_path):
    brief = [["key", "zh", "en", "value"], ["title", "手算", "By hand", None], ["hand_calculation", None, None, "yes"]]
    ex = read_exercise(write_exercise(tmp_path / "hand.xlsx", Brief=brief))
    assert ex.hand_calculation
    header = ACT_HEADER + ["my_result"]
    gas_55 = 55 * GAS_PER_10K_NM3  # their own (wrong) quantity, computed right
    diesel = 20 * DIESEL_PER_T
    power = 1200 * HUBEI_PER_MWH
    coal = 1000 * COAL_PER_T_AT_23
    lines = [["F1", "stationary_combustion", "天然气", 55, "10^4 Nm3", None, None, round(gas_55, 2)],
             [*K[1], round(diesel, 2)], [*K[2], round(power, 2) + 40],  # a slip on the electricity line
             [*K[3], round(coal, 2)]]
    total = gas_55 + diesel + power + coal
    case = [list(r) for r in CASE] + [["my_total", round(total, 2)]]
    result = graded(ex, tmp_path, lines, header=header, case=case)
    assert kinds(result) == [("wrong_quantity", 2, [2]), ("arithmetic", None, [4])]
    arithmetic = result.findings[1]
    assert f"{power:,.6g} t CO2e" in arithmetic.text("en")  # what their own inputs give: 485.28
    assert arithmetic.points == pytest.approx(10 / 5)  # the 10 arithmetic points over 4 lines + the total
    assert result.points_possible == POSSIBLE + 10
    # a wrong total is one more finding; a missing figure too
    case = [list(r) for r in CASE] + [["我的总排放", round(total, 2) + 100]]
    lines[2][-1] = None
    result = graded(ex, tmp_path, lines, header=header, case=case)
    assert kinds(result) == [("wrong_quantity", 2, [2]), ("arithmetic", None, [4]), ("arithmetic", None, [])]


def test_hints_are_revealed_one_at_a_time_at_a_cost(exercise, tmp_path):
    result = graded(exercise, tmp_path, [K[0], K[1], K[2]])
    assert result.score == round(100 * 45 / 55, 1)
    first = result.reveal_hint(0)
    assert first is not None and "Bituminous coal" in first.render("en")
    assert result.score == round(100 * 44 / 55, 1)
    revealed = [result.reveal_hint(0) for _ in range(5)]
    assert revealed[-1] is None and len(result.hints_shown(0)) == len(result.findings[0].hints) == 3
    assert "1,000 t" in result.hints_shown(0)[-1].render("en")
    # checking again keeps the hints revealed of the same finding (the app passes them back)
    again = grade(exercise, load_submission(tmp_path / "sub.xlsx"), "en", hints_revealed=result.hints_revealed)
    assert again.score == round(100 * (45 - 3) / 55, 1)


def test_the_rubric_sets_points_tolerance_explanation_and_rule(tmp_path):
    rubric = [["target", "points", "tolerance", "explanation_zh", "explanation_en", "rule"],
              ["Activities!2", 20, "10%", "燃气表读数之和", "the sum of the gas meter readings", "GB/T 32150-2015 §X"],
              ["standard", 0, None, None, None, None]]
    ex = read_exercise(write_exercise(tmp_path / "r.xlsx", Rubric=rubric))
    lines = [["F1", "stationary_combustion", "天然气", 54, "10^4 Nm3", None, None], *K[1:]]  # 8 % off: tolerated
    result = graded(ex, tmp_path, lines)
    assert result.findings == [] and result.points_possible == 20 + 30 + 0 + 5 + 5
    lines[0][3] = 60
    result = graded(ex, tmp_path, lines)
    assert kinds(result) == [("wrong_quantity", 2, [2])] and result.findings[0].points == 20
    assert "the sum of the gas meter readings" in result.findings[0].text("en")
    assert "燃气表读数之和" in result.findings[0].text("zh") and "§X" in result.findings[0].text("zh")


def test_grade_many_flags_an_unreadable_file_and_grades_the_rest(exercise, tmp_path):
    good = write_submission(tmp_path / "good.xlsx", K)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    seen = []
    results = grade_many(exercise, [bad, good, tmp_path / "none.xlsx"], "zh", progress=lambda d, t: seen.append((d, t)))
    assert [r.graded for r in results] == [False, True, False] and results[1].score == 100.0
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert results[0].score is None and results[0].problem_text("zh")


@pytest.mark.skipif(not all(shutil.which(t) for t in ("pdftotext", "pdffonts")),
                    reason="poppler-utils (pdftotext, pdffonts) not installed")
def test_carbonmgr_grade_json_gradebook_and_feedback(exercise, tmp_path, capsys):
    import subprocess

    import openpyxl

    key = write_exercise(tmp_path / "key.xlsx")
    subs = tmp_path / "class"
    subs.mkdir()
    a = write_submission(subs / "a.xlsx", K, case=CASE + [["trainee", "张三"], ["trainee_id", "S1"]])
    b = write_submission(subs / "b.xlsx", [K[0], K[1], K[2]], case=CASE + [["trainee", "李四"]])
    c = write_submission(subs / "c.xlsx", [K[0], K[1], K[2]], case=CASE + [["trainee", "王五"]])
    d = subs / "d.xlsx"
    d.write_text("not a workbook", encoding="utf-8")
    book, folder = tmp_path / "book.xlsx", tmp_path / "feedback"
    code = main(["grade", "--key", str(key), str(a), str(b), str(c), str(d), "--json", "--gradebook", str(book),
                 "--feedback", str(folder), "--lang", "zh"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert [e["submission"] for e in out] == [str(a), str(b), str(c), str(d)]
    assert [e["trainee"] for e in out] == ["张三", "李四", "王五", None]
    assert [e["seal"] for e in out] == ["none"] * 4 and [e["score"] for e in out] == [100.0, 81.8, 81.8, None]
    assert set(out[1]["findings"][0]) == {"kind", "key_row", "rows", "facility", "item", "points", "message"}
    assert out[1]["findings"][0]["kind"] == "missing_source" and "缺少" in out[1]["findings"][0]["message"]
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["成绩册", "常见错误", "成绩分布"]
    rows = list(wb["成绩册"].iter_rows(values_only=True))
    head = rows[0]
    assert head[0] == "学员" and "遗漏排放源" in head
    by_trainee = {r[0]: r for r in rows[1:]}
    assert by_trainee["李四"][head.index("得分")] == 81.8 and by_trainee["李四"][head.index("遗漏排放源")] == 1
    assert by_trainee[None][head.index("得分")] == "未评分"
    mistakes = list(wb["常见错误"].iter_rows(values_only=True))
    assert mistakes[1][0] == "遗漏排放源" and mistakes[1][4] == 2 and mistakes[1][5] == pytest.approx(2 / 3, abs=1e-3)
    pdfs = sorted(p.name for p in folder.iterdir())
    assert pdfs == ["a.feedback.pdf", "b.feedback.pdf", "c.feedback.pdf", "d.feedback.pdf"]
    text = subprocess.run(["pdftotext", str(folder / "b.feedback.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "排放清单评阅反馈" in text and "李四" in text and "81.8" in text and "遗漏排放源" in text
    assert "烟煤" in text
    fonts = subprocess.run(["pdffonts", str(folder / "b.feedback.pdf")], capture_output=True, text=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    # English, plain text
    assert main(["grade", "--key", str(key), str(b), "--lang", "en"]) == 0
    assert "81.8 / 100" in capsys.readouterr().out


def test_an_unusable_key_is_exit_2_with_located_problems(tmp_path, capsys):
    key = write_exercise(tmp_path / "key.xlsx", Rubric=[["target", "points"], ["nonsense", 1]])
    sub = write_submission(tmp_path / "s.xlsx", K)
    assert main(["--lang", "en", "grade", "--key", str(key), str(sub)]) == 2
    err = capsys.readouterr().err
    assert "Rubric!A2" in err and "Traceback" not in err
    assert main(["grade", "--key", str(tmp_path / "missing.xlsx"), str(sub)]) == 2


def test_facilities_are_matched_by_name_when_their_ids_differ(exercise, tmp_path):
    lines = [[("P1" if i == 0 else x) for i, x in enumerate(line)] for line in K]
    result = graded(exercise, tmp_path, lines, facilities=[["id", "name", "region"], ["P1", "Main plant", "湖北"]])
    assert result.findings == []


def test_a_book_helper_sanity(tmp_path):
    """The helper writes real workbooks the case reader reads (so the tests above grade real files)."""
    case = read_case(write_book(tmp_path / "x.xlsx", {"Case": CASE, "Facilities": FACILITIES,
                                                        "Activities": [ACT_HEADER, *K]}))
    assert len(case.activities) == 4


def test_another_item_with_the_right_quantity_is_one_wrong_factor(exercise, tmp_path):
    for item in ("无烟煤", "烟 煤煤"):  # anthracite instead of bituminous coal; a misspelt fuel the library lacks
        lines = [*K[:3], ["F1", "stationary_combustion", item, 1000, "t", 23.0, "GJ/t"]]
        result = graded(exercise, tmp_path, lines)
        assert kinds(result) == [("wrong_factor", 5, [5])], item
        assert item.replace(" ", "") in result.findings[0].text("zh").replace(" ", "") or "Anthracite" in \
            result.findings[0].text("en")
    # another item and another quantity: a source missing and one added
    lines = [*K[:3], ["F1", "stationary_combustion", "无烟煤", 700, "t", 23.0, "GJ/t"]]
    assert [k for k, _, _ in kinds(graded(exercise, tmp_path, lines))] == ["missing_source", "extra_source"]


def test_contractual_instruments_are_graded_as_sources_of_their_own(tmp_path):
    """Market-based Scope 2 (GHG Protocol): the key holds 400 MWh of green certificates (row 2 of
    its Instruments sheet); points possible: 4 sources + 1 instrument group x 10 + 3 settings x 5."""
    case = [r if r[0] != "standard" else ["standard", "ghgp"] for r in CASE]
    instruments = [["facility", "type", "quantity", "ef"], ["F1", "green_certificate", 400, 0]]
    ex = read_exercise(write_exercise(tmp_path / "gec.xlsx", Case=case, Instruments=instruments))

    def run(rows):
        more = {"Instruments": [instruments[0], *rows]} if rows else None
        return graded(ex, tmp_path, K, case=case, more=more)

    perfect = run([["F1", "绿证", 150, 0], ["F1", "GEC", 250, 0]])  # its Chinese name, split in two
    assert perfect.findings == [] and perfect.points_possible == 65
    result = run([])
    assert kinds(result) == [("missing_source", 2, [])]
    d = result.findings[0].to_dict("en")
    assert d["sheet"] == "Instruments" and "Scope 2 Guidance" in d["message"]
    assert kinds(run([["F1", "green_certificate", 400_000, 0]])) == [("unit_error", 2, [2])]
    assert kinds(run([["F1", "green_certificate", 300, 0]])) == [("wrong_quantity", 2, [2])]
    assert kinds(run([["F1", "green_certificate", 400, 0.2]])) == [("wrong_factor", 2, [2])]
    assert kinds(run([["F1", "supplier_rate", 400, 0]])) == [("wrong_factor", 2, [2])]  # another kind of instrument
    assert kinds(run([["F1", "green_certificate", 400, 0], ["F1", "ppa", 100, 0]])) == [("extra_source", None, [3])]
