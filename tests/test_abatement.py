"""Abatement options: the Abatement sheet of a case workbook (located problems), costs per tonne
(annualised capital), the MACC and the paths to compliance, each against a hand calculation."""
from __future__ import annotations

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.facade import demo_path
from carbonmgr.facade.market import Measure, case_measures, compliance_paths, macc
from carbonmgr.io.workbook import read_case


def test_cost_per_tonne_from_capital():
    # CRF(5 %, 20 y) = 0.05 x 1.05^20 / (1.05^20 - 1) = 0.05 x 2.6532977 / 1.6532977 = 0.0802426
    m = Measure("kiln", 10_000, capital=2_000_000, operating=50_000, lifetime=20, rate=0.05)
    assert m.crf() == pytest.approx(0.0802426, abs=1e-7)
    # (2,000,000 x 0.0802426 + 50,000) / 10,000 = 21.0485
    assert m.unit_cost() == pytest.approx(21.0485, abs=1e-4)
    # no discounting: capital spread evenly: (600,000 / 10 - 10,000) / 1,000 = 50
    assert Measure("x", 1000, capital=600_000, operating=-10_000, lifetime=10).unit_cost() == pytest.approx(50)
    assert Measure("y", 10, cost_per_t=-20).annual_cost() == -200


def test_macc_and_paths():
    ms = [Measure("C", 300, 120), Measure("A", 100, -10), Measure("B", 200, 40)]
    steps = macc(ms)
    assert [(s.name, s.start, s.end) for s in steps] == [("A", 0, 100), ("B", 100, 300), ("C", 300, 600)]
    # shortfall 400 t at 60/t, 10,000 t due (CCER cap 500 t), CCER at 50/t
    p = compliance_paths(400, 60, ms, due=10_000, ccer_price=50)
    assert p["buy"]["cost"] == 24_000  # 400 x 60
    assert p["ccer"] == {"ccer": 400, "bought": 0, "cost": 20_000, "cap": 500}  # 400 x 50 (within 500)
    # abate along the curve: A 100 (-1,000) + B 200 (8,000) + C 100 (12,000) = 19,000
    assert p["abate"]["cost"] == pytest.approx(19_000) and p["abate"]["abated"] == 400
    # best: A (-10), B (40), then CCER (50) for the last 100 t; C (120) and buying (60) are dearer:
    # -1,000 + 8,000 + 5,000 = 12,000
    assert p["best"] == {"abated": 300, "ccer": 100, "bought": 0, "cost": pytest.approx(12_000)}


def _case_with(tmp_path, rows, sheet="减排措施"):
    wb = openpyxl.load_workbook(demo_path("en"))
    ws = wb.create_sheet(sheet)
    for r in rows:
        ws.append(r)
    path = tmp_path / "case.xlsx"
    wb.save(path)
    return path


def test_abatement_sheet_read_with_chinese_headers(tmp_path):
    path = _case_with(tmp_path, [["措施", "年减排量（吨/年）", "单位减排成本（元/吨）", "初始投资", "年运行成本", "使用年限", "折现率"],
                                 ["LED", 100, -50], ["锅炉改造", 2000, None, 1_000_000, 20_000, 10, "8%"]])
    case = read_case(path)
    ms = case_measures(case)
    # CRF(8 %, 10 y) = 0.1490295: (1,000,000 x 0.1490295 + 20,000) / 2000 = 84.5147
    assert [(m.name, m.tonnes, round(m.unit_cost(), 4)) for m in ms] == [("LED", 100, -50.0),
                                                                        ("锅炉改造", 2000, 84.5147)]


def test_abatement_sheet_named_and_headed_in_both_languages_without_brackets(tmp_path):
    """'减排措施 Abatement' with headers such as '措施 measure' and '年减排量\ntonnes' (a bilingual
    template) is the Abatement sheet, its columns read as their parts name them."""
    path = _case_with(tmp_path, [["措施 measure", "年减排量\ntonnes", "单位减排成本 / cost_per_t"], ["LED", 100, -50]],
                      sheet="减排措施 Abatement")
    assert [(m.name, m.tonnes, m.unit_cost()) for m in case_measures(read_case(path))] == [("LED", 100, -50.0)]


def test_a_market_orders_file_headed_in_both_languages(tmp_path):
    from carbonmgr.io.orders import read_orders

    f = tmp_path / "orders.csv"
    f.write_text("企业 firm,方向 side,数量（吨） quantity,限价 limit_price\n甲,买,100,60\n乙,卖,80,55\n", encoding="utf-8")
    assert [(o["firm"], o["side"], o["quantity"], o["limit"]) for o in read_orders(f)] == [
        ("甲", "buy", 100, 6000), ("乙", "sell", 80, 5500)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_abatement_sheet_problems_are_located(tmp_path, lang):
    path = _case_with(tmp_path, [["measure", "tonnes", "cost_per_t", "capital", "lifetime", "rate"],
                                 ["a", "x", 10], ["b", 10, None], ["c", 10, 5, 100, 3], [None, 5, 5],
                                 ["d", 5, None, 100, 0, "150%"]], sheet="Abatement")
    with pytest.raises(ValidationFailed) as err:
        read_case(path)
    text = err.value.render(lang).splitlines()
    cells = [t.split(":" if lang == "en" else "：")[0] for t in text]
    assert cells == ["Abatement!B2", "Abatement!C3", "Abatement!C4", "Abatement!A5", "Abatement!E6",
                     "Abatement!F6"]
    if lang == "en":
        assert "more than 0" in text[0] and "no cost given" in text[1] and "two costs" in text[2]
        assert "required" in text[3] and "years" in text[4] and "fraction" in text[5]
    else:
        assert "大于 0" in text[0] and "未给出成本" in text[1] and "两种成本" in text[2]


def test_a_case_without_the_sheet_has_no_measures():
    assert case_measures(read_case(demo_path("en"))) == []


def test_cli_macc_of_a_case(tmp_path):
    import json
    import os
    import subprocess
    import sys

    path = _case_with(tmp_path, [["measure", "tonnes", "cost_per_t"], ["C", 300, 120], ["A", 100, -10],
                                 ["B", 200, 40]], sheet="Abatement")
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    r = subprocess.run([sys.executable, "-m", "carbonmgr", "market", "macc", str(path), "--price", "60",
                        "--shortfall", "400", "--due", "10000", "--ccer-price", "50", "--json"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    # the same hand calculation as test_macc_and_paths
    assert [(s["measure"], s["cumulative"], s["below_price"]) for s in out["steps"]] == [
        ("A", 100, True), ("B", 300, True), ("C", 600, False)]
    assert out["paths"]["buy"]["cost"] == 24_000 and out["paths"]["best"]["cost"] == pytest.approx(12_000)
    r = subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", "zh", "market", "macc", str(path), "--year",
                        "2025"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "62.36" in r.stdout and "碳价" in r.stdout and "market." not in r.stdout
