"""The graded ETS exercise (resources/exercises/coal_power_ets.xlsx): its key checked by a hand
calculation, solved end to end, and one test per ETS finding kind giving exactly that one finding.

The hand calculation uses the published parameters (china-addendum.md §2.1–2.3, §3, §5.3): the
2024 benchmarks of the 2023–2024 plan (class I 0.7910, class II 0.8049 t CO2/MWh of generation,
heat 0.1033 t CO2/GJ), the load correction below 65 % 1.015^(16 − 20F) (T14: 1.061364 at 60 %),
the CCER cap of 5 % of the allowances due, and the fine of 5–10 × price × shortfall (T19).
"""
from __future__ import annotations

import copy
import json
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from carbonmgr.common.paths import exercises_dir
from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case, write_case
from carbonmgr.trading import ets
from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.grading import grade, grade_many

C = 44 / 12
PRICE = 59.87  # CEA, 2025-11 monthly average (the month before the 2024 surrender deadline 2025-12-31)
CCER_PRICE = 70.76
HELD, CCER = 10_000, 15_000
MEASURES = [(8_000, -10.0), (20_000, 35.0), (30_000, 120.0)]  # (t, CNY/t) of the exercise's Abatement sheet


@pytest.fixture(scope="module")
def exercise():
    return read_exercise(exercises_dir() / "coal_power_ets.xlsx")


def hand():
    """Every figure of the key, by hand from the exercise's documents."""
    u1 = math.floor(3_000_000 * 0.7910 * 1.0) + math.floor(1_000_000 * 0.1033)  # load 70 % ≥ 65 %: F_f = 1
    f_f = 1.015 ** (16 - 20 * 0.60)
    u2 = math.floor(1_500_000 * 0.8049 * f_f)
    coal = 1_250_000 * 0.5520 * 0.99 * C + 650_000 * 0.5480 * 0.99 * C  # C_ar method, OF 99 % (power guideline)
    diesel = 320 * 42.652 * 20.2e-3 * 0.98 * C  # NDRC default NCV and carbon content, OF 98 %
    v = coal + diesel  # purchased electricity is outside the 2023+ boundary
    final = u1 + u2  # gap (v − A)/v ≈ 1 % < 20 %: no top-up
    need = v - final - HELD
    cap = math.floor(0.05 * v)
    ccer = min(CCER, cap, need)
    surplus = final + HELD + ccer - v
    shortfall = -surplus
    abate = -10 * 8_000 + 35 * 20_000 + 120 * (need - 28_000)  # the third measure in part
    return {"u1": u1, "u2": u2, "f_f": f_f, "verified": v, "my_allocation": final, "ccer_max": cap,
            "my_ccer_used": ccer, "my_surplus": surplus, "my_penalty_min": 5 * PRICE * shortfall,
            "my_penalty_max": 10 * PRICE * shortfall, "my_cost_buy": need * PRICE,
            "my_cost_ccer": CCER * CCER_PRICE + (need - CCER) * PRICE, "my_cost_abate": abate,
            "my_cheapest": "abate"}


def test_the_key_by_hand(exercise):
    h = hand()
    assert h["f_f"] == pytest.approx(1.061364, abs=5e-7)  # china-addendum §5.3 T14
    assert h["u1"] == 2_373_000 + 103_300
    key = exercise.key
    res = ets.compute(key, compute(key))
    units = {u.unit.unit: u for u in res.units}
    assert units["U1"].value("allocation") == h["u1"]
    assert units["U2"].value("allocation") == h["u2"]
    assert units["U2"].value("correction") == pytest.approx(h["f_f"], rel=1e-12)
    assert res.value("verified_emissions") == pytest.approx(h["verified"], rel=1e-9)
    assert res.value("allocation_final") == h["my_allocation"]
    assert res.value("ccer_max") == h["ccer_max"]
    assert res.value("surplus") == pytest.approx(h["my_surplus"], abs=1e-6)
    # the key's own answers (Case keys) are the hand-worked figures
    given = key.info.extra
    for name in ("my_allocation", "my_ccer_used", "my_surplus", "my_penalty_min", "my_penalty_max", "my_cost_buy",
                 "my_cost_ccer", "my_cost_abate"):
        assert given[name] == pytest.approx(h[name], abs=0.01), name
    assert given["my_cheapest"] == h["my_cheapest"]
    assert h["my_cost_abate"] < h["my_cost_buy"] < h["my_cost_ccer"]  # the CCER (70.76) costs more than the CEA (59.87)


def test_the_penalty_of_t19_by_the_grader(exercise):
    """china-addendum §5.3 T19: shortfall 10 000 t at ¥90/t → ¥4.5–9.0 million."""
    case = copy.deepcopy(exercise.key)
    case.info.carbon_price = 90.0
    _solve(case)
    case.info.extra["my_surplus"] = -10_000.0
    case.info.extra["my_penalty_min"], case.info.extra["my_penalty_max"] = 4_500_000, 9_000_000
    kinds = [f.kind for f in grade(exercise, case).findings]
    assert kinds == ["wrong_price", "wrong_position"]  # the price and the position; the fine follows from them


# ------------------------------------------------------------------------------ the trainee
def _solve(case, **given):
    """A trainee's answers worked on their own ETS data (as a careful trainee would), the
    answers in ``given`` taken as written and the later ones worked from them."""
    from carbonmgr.trading.abatement import Measure, cheapest

    res = ets.compute(case, compute(case))
    v = res.value("verified_emissions")
    held, offered, price = case.info.allowances_held or 0, case.info.ccer_offered or 0, case.info.carbon_price
    held += case.info.allowances_borrowed or 0  # surrendered like the allowances held
    a = given.get("my_allocation", res.value("allocation_final"))
    need = max(0.0, v - a - held)
    ccer = given.get("my_ccer_used", min(offered, math.floor(0.05 * v), need))
    surplus = given.get("my_surplus", a + held + ccer - v)
    short = max(0.0, -surplus)
    got, cost, _ = cheapest([Measure(str(t), t, c) for t, c in MEASURES], need)
    costs = {"my_cost_buy": need * price, "my_cost_ccer": min(offered, math.floor(0.05 * v), need) * CCER_PRICE
             + (need - min(offered, math.floor(0.05 * v), need)) * price, "my_cost_abate": cost + (need - got) * price}
    costs.update({k: given[k] for k in costs if k in given})
    answers = {"my_allocation": a, "my_ccer_used": ccer, "my_surplus": surplus,
               "my_penalty_min": given.get("my_penalty_min", 5 * price * short),
               "my_penalty_max": given.get("my_penalty_max", 10 * price * short), **costs,
               "my_cheapest": given.get("my_cheapest", min(("buy", "ccer", "abate"),
                                                           key=lambda p: costs[f"my_cost_{p}"]))}
    case.info.extra.update(answers)
    return case


def _unit(case, uid):
    return next(u for u in case.ets.units if u.unit == uid)


def test_the_key_as_a_submission_scores_100(exercise, tmp_path):
    write_case(exercise.key, tmp_path / "answer.xlsx")
    [result] = grade_many(exercise, [tmp_path / "answer.xlsx"], "zh")
    assert result.score == 100.0 and result.findings == []


def test_solved_end_to_end_from_the_documents(exercise, tmp_path):
    """A trainee starts from the exercise, reads the documents, fills in a workbook with Chinese
    headers, other units (kWh, a load factor in %) and one line per coal ledger row, and scores 100."""
    start = exercise.starting_case()
    docs = {d.sheet: d.rows for d in exercise.documents}
    prod = {r[0]: r for r in docs["机组生产统计"] if r and str(r[0]).startswith("#")}
    fuel = {r[0]: r for r in docs["燃料及化验"] if r and str(r[0]).startswith("#")}
    grid = next(r[1] for r in docs["电量结算单"] if r and r[0] and str(r[0]).startswith("下网"))
    assets = {str(r[0]).split(" ")[0]: r[1] for r in docs["碳资产与碳价"] if r and r[0]}
    month = {r[0]: r[1] for r in docs["碳资产与碳价"] if r and isinstance(r[0], str) and r[0].startswith("2025-")}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "案例"
    own = _solve(copy.deepcopy(exercise.key))
    rows = [["项目", "值"], ["标题", start.info.title], ["核算标准", "GB/T 32150"], ["全球变暖潜势", "SAR"],
            ["报告年度", 2024], ["合并方法", "运营控制"], ["行业", "power"], ["grid_factor_set", "cn_grid_mee_ets"],
            ["配额年度", 2024], ["碳价", month["2025-11"]], ["持有配额", assets["持有的"]],
            ["CCER", assets["已购"]], ["学员", "王小明"]]
    rows += [[k, v] for k, v in own.info.extra.items() if k.startswith("my_")]
    for r in rows:
        ws.append(r)
    ws = wb.create_sheet("设施")
    ws.append(["编号", "名称", "地区"])
    for f in start.facilities:
        ws.append([f.id, f.name, f.region])
    ws = wb.create_sheet("活动数据")
    ws.append(["设施", "排放源类别", "品种", "数量", "单位", "元素碳含量", "机组"])
    names = list(prod)
    for uid, name in zip(("U1", "U2"), names):
        coal, c_ar = fuel[name][1], fuel[name][2]
        for _ in range(4):  # quarterly lines
            ws.append(["F1", "固定燃烧", "烟煤", coal / 4, "t", c_ar / 100, uid])
    diesel = next(r[1] for r in docs["燃料及化验"] if r and isinstance(r[0], str) and "柴油" in r[0])
    ws.append(["F1", "固定燃烧", "柴油", diesel * 1000, "kg", None, "U1"])
    ws.append(["F1", "外购电力", "grid_cn", grid * 1000, "kWh", None, "U1"])
    ws = wb.create_sheet("配额")
    ws.append(["机组", "设施", "机组类别", "发电量", "供电量", "供热量", "负荷率", "冷却方式"])
    for uid, name in zip(("U1", "U2"), names):
        _n, mw, _fuel, g, s, h, lf = prod[name]
        ws.append([uid, "F1", "I" if mw >= 400 else "II", g, s, h or None, f"{lf * 100:g}%", "水冷"])
    wb.save(tmp_path / "trainee.xlsx")
    [result] = grade_many(exercise, [tmp_path / "trainee.xlsx"], "zh")
    assert result.problems == []
    assert [f.to_dict("en")["message"] for f in result.findings] == []
    assert result.score == 100.0 and result.trainee == "王小明"


# ------------------------------------------------------------------------------ one finding each
def _mistake(exercise, change, **given):
    case = copy.deepcopy(exercise.key)
    change(case)
    _solve(case, **given)
    return grade(exercise, case, "zh").findings


def _set(**values):
    def change(case):
        for k, v in values.items():
            setattr(case.info, k, v)
    return change


def _unit_set(uid, **values):
    def change(case):
        for k, v in values.items():
            setattr(_unit(case, uid), k, v)
    return change


def _typed_verified(extra: float):
    """The trainee types the units' verified emissions, ``extra`` t too many on unit 1."""
    def change(case):
        inv = compute(case)
        res = ets.compute(case, inv)
        for ur in res.units:
            _unit(case, ur.unit.unit).verified_emissions = ur.value("verified_emissions") + (
                extra if ur.unit.unit == "U1" else 0.0)
    return change


def _electricity(case) -> float:
    inv = compute(case)
    return sum(x["tco2e"] for x in inv.lines() if x.get("source") == "purchased_electricity")


def _noop(case):
    return None


ALLOC = hand()["my_allocation"]
U2_AS_CLASS_I = ALLOC - hand()["u2"] + math.floor(1_500_000 * 0.7910 * hand()["f_f"])
U1_AIR_COOLED = ALLOC - 2_373_000 + math.floor(3_000_000 * 0.7910 * 1.05)

MISTAKES = {
    # inputs
    "wrong_benchmark": (_set(ets_year=2023), {}),  # the 2023 benchmarks
    "wrong_benchmark/class": (_unit_set("U2", klass="I"), {}),  # 350 MW is class II (< 400 MW)
    "wrong_output": (_unit_set("U1", generation=2_851_200), {}),  # supply where the plan allocates on generation
    "wrong_correction": (_unit_set("U2", load_factor=0.70), {}),  # the load factor of unit 1
    "wrong_boundary": (lambda case: _typed_verified(_electricity(case))(case), {}),
    "wrong_verified": (_typed_verified(12_345.0), {}),
    "wrong_price": (_set(carbon_price=53.94), {}),  # October, not November
    "wrong_holdings": (_set(allowances_held=0), {}),
    # allowances borrowed the key does not have: one input finding; the answers worked with them are right
    "wrong_holdings/borrowed": (_set(allowances_borrowed=5_000), {}),
    # answers, on the trainee's own inputs
    "wrong_allocation": (_noop, {"my_allocation": ALLOC + 4_321}),
    "wrong_benchmark/answer": (_noop, {"my_allocation": U2_AS_CLASS_I}),
    "wrong_correction/answer": (_noop, {"my_allocation": U1_AIR_COOLED}),  # cooling correction abolished from 2023
    "ccer_over_cap": (_noop, {"my_ccer_used": 200_000}),  # the cap is 5 % of 3.8 Mt: 189 934 t
    "wrong_ccer": (_noop, {"my_ccer_used": 12_000}),
    "wrong_position": (_noop, {"my_surplus": hand()["my_surplus"] - 15_000}),  # CCER left out
    "wrong_penalty": (_noop, {"my_penalty_min": PRICE * -hand()["my_surplus"]}),
    "wrong_cost": (_noop, {"my_cost_ccer": (-hand()["my_surplus"] + 15_000) * CCER_PRICE}),
    "wrong_choice": (_noop, {"my_cheapest": "buy"}),
}


@pytest.mark.parametrize("case_id", MISTAKES)
def test_one_mistake_one_finding(exercise, case_id):
    change, given = MISTAKES[case_id]
    findings = _mistake(exercise, change, **given)
    kind = case_id.split("/")[0]
    assert [f.kind for f in findings] == [kind], [f.text("en") for f in findings]
    f = findings[0]
    assert f.points > 0
    text = f.text("en")
    assert "Rule: " in text and "《" in text  # names the rule by its official title
    assert f.text("zh") != text


def test_a_gas_unit_given_a_load_correction(exercise):
    """A correction applied to a gas unit (the plan has the load correction for coal units only)."""
    key = copy.deepcopy(exercise.key)
    _unit(key, "U2").klass = "gas"
    _unit(key, "U2").generation = 4_000_000  # 4e6 × 0.3288 = 1.32 Mt > its 1.29 Mt: no gas-unit top-up
    ex = copy.copy(exercise)
    ex.key = key
    res = ets.compute(key, compute(key))
    u2 = next(u for u in res.units if u.unit.unit == "U2")
    assert "correction_load" not in u2.figures
    wrong = res.value("allocation_final") - u2.value("allocation") + math.floor(4_000_000 * 0.3288 * hand()["f_f"])
    case = _solve(copy.deepcopy(key), my_allocation=wrong)
    findings = grade(ex, case, "en").findings
    assert [f.kind for f in findings] == ["wrong_correction"], [f.text("en") for f in findings]
    assert "load" in findings[0].text("en")


def test_grade_json_lists_the_ets_findings(exercise, tmp_path):
    case = _mistake_case(exercise)
    write_case(case, tmp_path / "sub.xlsx")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(exercises_dir() / "coal_power_ets.xlsx"),
                          str(tmp_path / "sub.xlsx"), "--json", "--lang", "en"], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    [entry] = json.loads(out.stdout)
    [finding] = entry["findings"]
    assert finding["kind"] == "ccer_over_cap"
    assert set(finding) >= {"kind", "key_row", "rows", "facility", "item", "points", "message", "sheet"}
    assert finding["sheet"] == "Case" and finding["points"] == 10
    assert entry["score"] < 100


def test_grade_text_names_each_findings_points_in_the_users_language(exercise, tmp_path):
    """The plain output: a line per finding with its kind and the points it costs, worded in the
    language asked for (扣 10 分： in Chinese, "-10 points:" in English)."""
    write_case(_mistake_case(exercise), tmp_path / "sub.xlsx")
    key = str(exercises_dir() / "coal_power_ets.xlsx")
    lines = {}
    for lang in ("zh", "en"):
        out = subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", lang, "grade", "--key", key,
                              str(tmp_path / "sub.xlsx")], capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        lines[lang] = [ln for ln in out.stdout.splitlines() if ln.startswith("  - [")]
    assert len(lines["zh"]) == len(lines["en"]) == 1
    assert "] 扣 10 分：" in lines["zh"][0] and "points" not in lines["zh"][0]
    assert "] -10 points: " in lines["en"][0]


def _mistake_case(exercise):
    case = copy.deepcopy(exercise.key)
    return _solve(case, my_ccer_used=200_000)


def test_wrong_inputs_are_located_in_the_ets_sheet(exercise):
    findings = _mistake(exercise, _unit_set("U1", generation=2_851_200))
    [f] = findings
    assert f.key_sheet == "ETS" and f.item == "U1" and f.key_row == _unit(exercise.key, "U1").row
    assert f.to_dict("en")["sheet"] == "ETS"


def test_a_case_without_ets_sheet_is_one_finding(exercise):
    case = copy.deepcopy(exercise.key)
    case.ets = None
    result = grade(exercise, case)
    assert [f.kind for f in result.findings] == ["wrong_output"]
    assert result.score < 100


def test_the_committed_exercise_is_read_by_the_app_path(exercise):
    """The starting case carries the documents (the Abatement sheet among them) and no key."""
    start = exercise.starting_case()
    assert "Abatement" in start.documents
    assert not start.activities or len(start.activities) == 0
    assert Path(exercises_dir() / "coal_power_ets.xlsx").exists()
    assert read_case(exercises_dir() / "coal_power_ets.xlsx").ets.unit_ids() == ["U1", "U2"]
