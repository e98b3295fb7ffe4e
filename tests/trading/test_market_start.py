"""A class market drawn from one case workbook (``carbonmgr market start``): real .xlsx files, the
ETS engine computing each firm's allocation, the trainer's variants when the case has them, a real
market file. Expected values are worked out from the plan's benchmark and each firm's drawn factors
by the formulas written here, not read back from the code."""
from __future__ import annotations

import json
import math

import pytest

from carbonmgr.cli import main
from carbonmgr.facade import market as mk
from case_books import write_book

CASE = [["key", "value"], ["title", "Market case"], ["standard", "gbt32150"], ["reporting_year", 2023],
        ["ets_year", 2023], ["allowances_held", 1000]]
FACILITIES = [["id", "name"], ["F1", "Power plant"]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "carbon_content",
               "oxidation_rate", "ets_unit"],
              ["F1", "stationary_combustion", "烟煤", 1000, "t", 20, "GJ/t", 0.0275, 100, None]]
# one class I unit: 0.7950 × 1 000 000 MWh = 795 000 t; verified 900 000 t (80 %: 720 000, no top-up)
ETS = [["unit", "facility", "class", "generation", "load_factor", "verified_emissions", "basis_emissions"],
       ["U1", "F1", "I", 1_000_000, 0.8, 900_000, 1_000_000]]
ABATEMENT = [["measure", "tonnes", "cost_per_t"], ["Efficiency", 20_000, 40], ["Fuel switch", 30_000, 120]]


def case_file(tmp_path, **sheets):
    base = {"Case": CASE, "Facilities": FACILITIES, "Activities": ACTIVITIES, "ETS": ETS, "Abatement": ABATEMENT}
    base.update(sheets)
    return write_book(tmp_path / "case.xlsx", {k: v for k, v in base.items() if v is not None})


def expected_allocation(output, emissions):
    a = math.floor(round(0.7950 * 1_000_000 * output, 6))
    v = 900_000 * emissions
    return a + (math.floor(round(0.8 * v - a, 6)) if a < 0.8 * v else 0)


def test_without_spread_every_firm_is_the_case(tmp_path):
    store, info = mk.start_from_case(case_file(tmp_path), tmp_path / "m.cmmkt", firms=3, seed=1, spread=0,
                                     start_price=9000, lang="en")
    with store:
        firms = store.firms()
        assert [f.id for f in firms] == ["Firm 1", "Firm 2", "Firm 3"]
        for f in firms:
            assert (f.emissions, f.allocation) == (900_000, 795_000)
            assert f.holdings == 795_000 + 1000  # the allocation and the case's allowances held
            assert f.cash == round(0.2 * 900_000 * 9000)  # fen: 20 % of the emissions at ¥90
            assert [(m.name, m.tonnes, m.cost_per_t) for m in f.measures] == [("Efficiency", 20_000, 40),
                                                                              ("Fuel switch", 30_000, 120)]
        assert store.info()["year"] == 2023 and store.info()["start_price"] == 9000
        assert store.origin()["case"] == "case.xlsx" and store.origin()["seed"] == 1
    assert info["firms"][0]["pre_allocation"] == 700_000  # 70 % of the 2022 verified 1 000 000


def test_a_seeded_spread_draws_firms_the_engine_allocates(tmp_path):
    path = case_file(tmp_path)
    store, info = mk.start_from_case(path, tmp_path / "m.cmmkt", firms=6, seed=42, spread=0.2, start_price=9000)
    with store:
        firms = store.firms()
    assert len(firms) == 6 and not info["variants"]
    seen = set()
    for f, o in zip(firms, info["firms"]):
        e, out, cost = o["emissions_factor"], o["output_factor"], o["cost_factor"]
        for x in (e, out, cost):
            assert 0.8 <= x <= 1.2
        seen.add((e, out, cost))
        assert f.emissions == math.floor(900_000 * e + 0.5)
        assert f.allocation == expected_allocation(out, e)
        assert f.measures[1].cost_per_t == round(120 * cost, 2)
        assert f.cash == math.floor(0.2 * f.emissions * 9000 + 0.5)
    assert len(seen) == 6  # the firms differ
    # the same seed draws the same firms; another seed others
    again = mk.start_from_case(path, tmp_path / "m2.cmmkt", firms=6, seed=42, spread=0.2, start_price=9000)[1]
    other = mk.start_from_case(path, tmp_path / "m3.cmmkt", firms=6, seed=43, spread=0.2, start_price=9000)[1]
    assert again["firms"] == info["firms"]
    assert other["firms"] != info["firms"]


def test_verified_emissions_from_the_lines_of_each_variant(tmp_path):
    # U1 without given verified emissions: 1000 t × 20 GJ/t × 0.0275 tC/GJ × 44/12 = 2 016.67 t, × e
    acts = [ACTIVITIES[0], ACTIVITIES[1][:-1] + ["U1"]]
    ets = [ETS[0][:5], ["U1", "F1", "I", 2_000, 0.8]]  # 0.7950 × 2 000 × out
    store, info = mk.start_from_case(case_file(tmp_path, Activities=acts, ETS=ets), tmp_path / "m.cmmkt",
                                     firms=3, seed=5, spread=0.1, start_price=9000)
    store.close()
    for o in info["firms"]:
        line = 1000 * 20 * 0.0275 * 44 / 12 * o["emissions_factor"]
        assert o["verified_emissions"] == pytest.approx(line)
        a = math.floor(round(0.7950 * 2_000 * o["output_factor"], 6))
        assert o["allocation"] == (a if a >= 0.8 * line else a + math.floor(round(0.8 * line - a, 6)))


def test_a_case_with_variables_gives_each_firm_the_trainers_variant(tmp_path):
    from carbonmgr.training.exercise import Variable
    from carbonmgr.training.package import draw_values
    from tests.training.exercise_books import BRIEF

    acts = [ACTIVITIES[0], ["F1", "stationary_combustion", "烟煤", "{{coal}}", "t", 20, "GJ/t", 0.0275, 100, "U1"]]
    ets = [ETS[0][:5], ["U1", "F1", "I", 2_000, 0.8]]
    variables = [["name", "value", "min", "max", "decimals"], ["coal", 1000, 800, 1200, 0]]
    path = write_book(tmp_path / "exercise.xlsx", {
        "Case": CASE, "Facilities": FACILITIES, "Activities": acts, "ETS": ets, "Abatement": ABATEMENT,
        "Brief": BRIEF, "Variables": variables})
    store, info = mk.start_from_case(path, tmp_path / "m.cmmkt", firms=4, seed="class-A", spread=0.1,
                                     start_price=9000)
    store.close()
    assert info["variants"]
    coal = [o["values"]["coal"] for o in info["firms"]]
    # the exam packer's draw, firm n = variant n
    assert coal == [draw_values([Variable("coal", 1000, 800, 1200, 0)], "class-A", n)["coal"] for n in range(1, 5)]
    assert len(set(coal)) > 1
    for o in info["firms"]:
        assert o["emissions_factor"] == 1.0  # the variant decides the emissions
        assert o["verified_emissions"] == pytest.approx(o["values"]["coal"] * 20 * 0.0275 * 44 / 12)


def test_market_start_on_the_command_line(tmp_path, capsys):
    path = case_file(tmp_path)
    out = tmp_path / "m.cmmkt"
    assert main(["--lang", "zh", "market", "start", str(path), "--firms", "3", "--seed", "9", "-o", str(out),
                 "--start-price", "90", "--spread", "5%"]) == 0
    text = capsys.readouterr().out
    assert "由 case.xlsx 生成 3 家企业" in text and "企业1" in text and "应清缴量（吨）" in text
    assert "起始价格 90.00 元/吨" in text
    assert main(["--lang", "en", "market", "status", str(out), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert len(status["firms"]) == 3
    # the CEA price of the case's ETS year when none is given (2023 annual average 68.15, bundled data)
    assert main(["--lang", "en", "market", "start", str(path), "--firms", "2", "-o", str(out), "--force",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["start_price"] == 68.15 and data["price_source"]["period"] == "2023"
    assert data["firms"][0]["cash"] == pytest.approx(round(0.2 * data["firms"][0]["emissions"] * 6815) / 100)


def test_a_case_without_ets_sheet_or_bad_arguments_exit_2(tmp_path, capsys):
    path = case_file(tmp_path, ETS=None)
    assert main(["--lang", "en", "market", "start", str(path), "--firms", "3", "-o", str(tmp_path / "m.cmmkt"),
                 "--start-price", "90"]) == 2
    err = capsys.readouterr().err
    assert "the case has no ETS sheet" in err and "Traceback" not in err
    assert not (tmp_path / "m.cmmkt").exists()
    path = case_file(tmp_path)
    assert main(["--lang", "zh", "market", "start", str(path), "--firms", "0", "-o", str(tmp_path / "m.cmmkt"),
                 "--start-price", "90"]) == 2
    assert "市场应有 1 至 500 家企业" in capsys.readouterr().err
