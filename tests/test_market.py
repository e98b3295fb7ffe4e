"""The class market kept in one SQLite file: a hand-worked market of three firms over three rounds
with a shock, surrender and the debrief; restart mid-session; hostile files; the CLI end to end."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.facade.market import (Firm, FirmMeasure, MarketError, Order, create_market, debrief_json,
                                     export_debrief, load_orders, new_market, open_market)
from carbonmgr.trading.market import least_cost


def firms():
    return [
        Firm("A", 1000, 900, 900, 100_000_00, measures=[FirmMeasure("A1", 100, 30), FirmMeasure("A2", 100, 80)]),
        Firm("B", 1000, 1050, 1050, 100_000_00, measures=[FirmMeasure("B1", 50, 20)]),
        Firm("C", 500, 500, 500, 50_000_00, measures=[FirmMeasure("C1", 100, 60)]),
    ]


def play(path, restart=lambda s: s):
    """Round 1: A buys 100 @ 60, B sells 50 @ 45 -> 50 t at 52.50 (interval [45, 60]).
    Shock: C's output -20 %.  Round 2: A buys 50 @ 50, C sells 50 @ 40 -> 50 t at 45.00.
    Round 3: A 10 @ 30 vs B 10 @ 60: no trade.  B takes B1 (50 t at 20/t = 1,000)."""
    s = new_market(path, firms(), name="class 1", year=2024, start_price=5000)
    s.set_orders([Order("A", "buy", 100, 6000, 2), Order("B", "sell", 50, 4500, 3)], source="r1.csv")
    s = restart(s)
    r = s.clear_round()
    assert (r.price, r.volume) == (5250, 50)
    s.shock("output", firm="C", change=-0.2)
    s = restart(s)
    s.set_orders([Order("A", "buy", 50, 5000)], source="a.csv", firm="A")
    s.set_orders([Order("C", "sell", 50, 4000)], source="c.csv", firm="C")
    s = restart(s)
    assert (s.clear_round().price, s.rounds()[-1]["volume"]) == (4500, 50)
    s.add_order(Order("A", "buy", 10, 3000))
    s.add_order(Order("B", "sell", 10, 6000))
    assert s.clear_round().price is None
    assert s.abate("B", "B1") == 1000_00
    return restart(s)


def check_debrief(d):
    # reference price: (52.50 x 50 + 45.00 x 50) / 100 = 48.75
    assert d["reference_price"] == 48.75
    assert [(r["n"], r["price"], r["volume"]) for r in d["rounds"]] == [(1, 52.5, 50), (2, 45.0, 50), (3, None, 0)]
    by = {o["firm"]: o for o in d["firms"]}
    # A: E 1000, allocation 900, held 900 + 50 + 50 = 1000: surplus 0; paid 50 x 52.50 + 50 x 45 = 4,875
    assert (by["A"]["emissions"], by["A"]["held"], by["A"]["surplus"], by["A"]["paid"], by["A"]["cost"]) == \
        (1000, 1000, 0, 4875.0, 4875.0)
    # B: E 1000 - 50 = 950, held 1050 - 50 = 1000: surplus 50; received 2,625; abatement 1,000
    assert (by["B"]["emissions"], by["B"]["surplus"], by["B"]["paid"], by["B"]["cost"]) == (950, 50, -2625.0, -1625.0)
    # C: output -20 %: E 400, final allocation floor(500 x 0.8) = 400, true-up -100; held 500 - 50 - 100 = 350:
    # short 50; penalty 5 x 48.75 x 50 = 12,187.50 (10 x: 24,375); cost -2,250 + 12,187.50 = 9,937.50
    assert (by["C"]["emissions"], by["C"]["allocation_final"], by["C"]["true_up"], by["C"]["held"],
            by["C"]["shortfall"]) == (400, 400, -100, 350, 50)
    assert (by["C"]["penalty_min"], by["C"]["penalty_max"], by["C"]["cost"]) == (12187.5, 24375.0, 9937.5)
    assert [o["compliant"] for o in d["firms"]] == [True, True, False]
    # least cost: need 2400 - 2350 = 50 t; the cheapest is B1 (50 t at 20): P* = 20, system cost 1,000;
    # A buys 100 t at 20 (2,000), B sells 100 (-2,000 + 1,000 abatement), C nothing
    lc = d["least_cost"]
    assert (lc["need"], lc["price"], lc["system_cost"], lc["reachable"]) == (50, 20.0, 1000.0, True)
    assert [(p["firm"], p["abated"], p["net_buy"], p["cost"]) for p in lc["firms"]] == [
        ("A", 0.0, 100.0, 2000.0), ("B", 50.0, -100.0, -1000.0), ("C", 0.0, 0.0, 0.0)]
    # the class: 1,000 abatement + 12,187.50 penalty
    assert d["class_cost"] == 13187.5


def test_hand_worked_market(tmp_path):
    s = play(tmp_path / "m.cmmkt")
    check_debrief(debrief_json(s.end()))
    with pytest.raises(MarketError):
        s.clear_round()  # ended: nothing changes
    s.close()


def test_market_survives_restarts_between_every_step(tmp_path):
    path = tmp_path / "m.cmmkt"

    def restart(store):
        store.close()
        return open_market(path)

    s = play(path, restart)
    check_debrief(debrief_json(s.end()))
    s.close()
    s = open_market(path)
    assert s.info()["status"] == "ended"
    check_debrief(debrief_json(s.debrief()))
    s.close()


def test_refusals_and_checks(tmp_path):
    s = new_market(tmp_path / "m.cmmkt", firms(), start_price=5000)
    # C holds 500: a sell of 600 is refused, A cannot commit 100,000 x 60
    s.set_orders([Order("C", "sell", 600, 4000), Order("A", "buy", 2000, 6000)], source="x")
    r = s.clear_round()
    assert [x.code for x in r.refused] == ["market.refused.holdings", "market.refused.cash"] and r.volume == 0
    with pytest.raises(ValidationFailed) as err:
        s.set_orders([Order("Z", "buy", 1, 100, 7)], source="z.csv")
    assert "z.csv, row 7" in err.value.render("en") and "Z" in err.value.render("en")
    with pytest.raises(MarketError):
        s.abate("A", "nope")
    with pytest.raises(MarketError):
        s.buy_ccer("A", 10)  # no CCER on offer
    s.shock("ccer", tonnes=100, price=4000)
    with pytest.raises(MarketError) as err:
        s.buy_ccer("C", 30)  # cap 5 % x 500 = 25
    assert "25" in err.value.render("en")
    assert s.buy_ccer("C", 25) == 25 * 4000
    s.shock("floor", price=5500)
    with pytest.raises(MarketError):
        s.shock("ceiling", price=5000)  # below the floor
    s.set_orders([Order("A", "buy", 10, 6000), Order("B", "sell", 10, 5000)], source="y")
    assert s.clear_round().price == 5750  # within [55, 60]
    s.close()


def test_hostile_files(tmp_path):
    path = tmp_path / "m.cmmkt"
    new_market(path, firms(), start_price=5000).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER t AFTER UPDATE ON firms BEGIN DELETE FROM rounds; END")
    conn.commit()
    conn.close()
    with pytest.raises(MarketError) as err:
        open_market(path)
    assert "database objects" in err.value.render("en")
    junk = tmp_path / "junk.cmmkt"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(MarketError) as err:
        open_market(junk)
    assert "not a CarbonMgr market file" in err.value.render("en")
    other = tmp_path / "other.cmmkt"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(MarketError):
        open_market(other)
    with pytest.raises(MarketError):
        open_market(tmp_path / "none.cmmkt")
    with pytest.raises(MarketError):
        new_market(path, firms(), start_price=5000)  # exists
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]  # no temporary file left


def test_least_cost_shares_the_marginal_measure():
    # need = 300 - 150 = 150 t; curve: X 100 t at 10, Y 100 t at 30, Z 100 t at 30: after X, 50 t are
    # needed from the two 30 measures (200 t): each gives 25 t; P* = 30
    fs = [Firm("F", 300, 150, 150, 0, measures=[FirmMeasure("X", 100, 10), FirmMeasure("Y", 100, 30)]),
          Firm("G", 0, 0, 0, 0, measures=[FirmMeasure("Z", 100, 30)])]
    lc = least_cost(fs)
    assert (lc["need"], lc["price"]) == (150, 30)
    assert [(p["firm"], p["abated"]) for p in lc["firms"]] == [("F", 125.0), ("G", 25.0)]
    # G sells its 25 t at 30 (and abated 25 t at 30): cost 0; F: 100 x 10 + 25 x 30 + 25 t bought x 30 = 2,500
    assert [round(p["cost"], 6) for p in lc["firms"]] == [2500.0, 0.0]
    # not reachable: the need exceeds every measure
    lc = least_cost([Firm("F", 1000, 0, 0, 0, measures=[FirmMeasure("X", 100, 10)])])
    assert (lc["reachable"], lc["short"]) == (False, 900)


def test_least_cost_counts_the_allowances_held_before_trading(tmp_path):
    # A holds 300 t beyond its allocation (banked or bought before, as a case's allowances_held):
    # the class holds 900 + 300 + 1050 = 2 250 t for 2 000 t of emissions: nothing needs cutting,
    # as each firm's surrender counts them (it counted only the allocations: need 2 000 − 1 950 = 50)
    fs = [Firm("A", 1000, 900, 1200, 100_000_00, measures=[FirmMeasure("A1", 100, 30)]),
          Firm("B", 1000, 1050, 1050, 100_000_00, measures=[FirmMeasure("B1", 50, 20)])]
    s = new_market(tmp_path / "m.cmmkt", fs, start_price=5000)
    lc = s.debrief()["least_cost"]
    assert (lc["need"], lc["price"], lc["system_cost"]) == (-250, 0.0, 0.0)
    assert [(p["firm"], p["net_buy"]) for p in lc["firms"]] == [("A", -200.0), ("B", -50.0)]
    # a round moves 100 t from A to B: the class's need and each firm's least-cost trade are the same
    s.set_orders([Order("A", "sell", 100, 4000), Order("B", "buy", 100, 5000)], source="r1.csv")
    assert s.clear_round().volume == 100
    after = s.debrief()["least_cost"]
    assert (after["need"], [p["net_buy"] for p in after["firms"]]) == (-250, [-200.0, -50.0])
    assert [o["surplus"] for o in s.debrief()["firms"]] == [100, 150]  # 1 100 − 1 000, 1 150 − 1 000
    s.close()


def run(*args, cwd=None):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def test_cli_market_end_to_end(tmp_path):
    (tmp_path / "firms.csv").write_text("firm,emissions,allocation,cash\nA,1000,900,100000\nB,1000,1050,100000\n"
                                        "C,500,500,50000\n", encoding="utf-8")
    (tmp_path / "measures.csv").write_text("企业,措施,年减排量,单位减排成本\nA,A1,100,30\nA,A2,100,80\nB,B1,50,20\n"
                                           "C,C1,100,60\n", encoding="utf-8")
    (tmp_path / "r1.csv").write_text("firm,side,quantity,limit_price\nA,buy,100,60\nB,sell,50,45\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("side,quantity,limit_price\nbuy,50,50\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("方向,数量,限价\n卖,50,40\n", encoding="utf-8")
    steps = [
        ("market", "new", "m.cmmkt", "--firms", "firms.csv", "--measures", "measures.csv", "--start-price", "50",
         "--name", "class 1"),
        ("market", "orders", "m.cmmkt", "r1.csv"), ("market", "round", "m.cmmkt"),
        ("market", "shock", "m.cmmkt", "output", "--firm", "C", "--change=-20%"),
        ("market", "orders", "m.cmmkt", "a.csv", "--firm", "A"), ("market", "orders", "m.cmmkt", "c.csv", "--firm", "C"),
        ("market", "round", "m.cmmkt"),
        ("market", "order", "m.cmmkt", "--firm", "A", "--side", "buy", "--quantity", "10", "--price", "30"),
        ("market", "order", "m.cmmkt", "--firm", "B", "--side", "sell", "--quantity", "10", "--price", "60"),
        ("market", "round", "m.cmmkt"), ("market", "abate", "m.cmmkt", "B", "B1"),
        ("market", "status", "m.cmmkt"), ("market", "end", "m.cmmkt"),
    ]
    for step in steps:
        r = run(*step, cwd=tmp_path)
        assert r.returncode == 0, (step, r.stderr)
    r = run("market", "debrief", "m.cmmkt", "--json", cwd=tmp_path)
    check_debrief(json.loads(r.stdout))
    r = run("--lang", "zh", "market", "debrief", "m.cmmkt", cwd=tmp_path)
    assert "均衡价格" in r.stdout and "market." not in r.stdout
    r = run("market", "debrief", "m.cmmkt", "-o", "d.xlsx", "--lang", "zh", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx")
    assert wb.sheetnames == ["各轮", "企业", "最低成本"]
    firms_rows = list(wb["企业"].values)
    assert firms_rows[0][0] == "企业" and [row[0] for row in firms_rows[1:]] == ["A", "B", "C"]
    penalty = firms_rows[0].index("罚款下限 5 倍（元）")
    assert firms_rows[3][penalty] == 12187.5  # C's lower penalty
    assert [row[firms_rows[0].index("预支配额（吨）")] for row in firms_rows[1:]] == [0, 0, 0]  # none borrowed
    r = run("market", "round", "m.cmmkt", cwd=tmp_path)
    assert r.returncode == 2 and "ended" in r.stderr and "Traceback" not in r.stderr
    r = run("market", "orders", "m.cmmkt", "nofile.csv", cwd=tmp_path)
    assert r.returncode == 2 and "does not exist" in r.stderr


def test_cli_bad_firms_file(tmp_path):
    (tmp_path / "firms.csv").write_text("firm,emissions,allocation,cash\nA,abc,900,100000\nA,10,9.5,1\n"
                                        "B,,10,5\n", encoding="utf-8")
    r = run("market", "new", "m.cmmkt", "--firms", "firms.csv", "--start-price", "50", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert lines[0].startswith("firms.csv, row 2, column B:") and "tonnes of CO2" in lines[0]
    assert any(ln.startswith("firms.csv, row 3, column A:") and "twice" in ln for ln in lines)
    assert any(ln.startswith("firms.csv, row 3, column C:") and "whole tonnes" in ln for ln in lines)
    assert any(ln.startswith("firms.csv, row 4, column B:") and "no emissions" in ln for ln in lines)
    assert not (tmp_path / "m.cmmkt").exists()


def test_export_debrief_in_english(tmp_path):
    s = play(tmp_path / "m.cmmkt")
    export_debrief(s.debrief(), tmp_path / "d.xlsx", lang="en")
    s.close()
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx")
    assert wb.sheetnames == ["Rounds", "Firms", "Least cost"]
    rows = list(wb["Rounds"].values)
    assert rows[1][1] == 48.75 and [r[:3] for r in rows[4:7]] == [(1, 52.5, 50), (2, 45.0, 50), (3, None, 0)]


def test_firms_from_case_workbooks(tmp_path):
    from carbonmgr.facade import demo_path, Workspace

    wb = openpyxl.load_workbook(demo_path("en"))
    ws = wb.create_sheet("Abatement")
    ws.append(["measure", "tonnes", "cost_per_t", "capital", "operating", "lifetime", "rate"])
    ws.append(["LED lighting", 100, -50])
    ws.append(["Boiler upgrade", 2000, None, 1_000_000, 20_000, 10, "8%"])
    wb.save(tmp_path / "case.xlsx")
    with Workspace.open(tmp_path / "case.xlsx", lang="en") as w:
        scope1 = w.compute().totals["scope1"]
    (tmp_path / "firms.csv").write_text("firm,case,allocation,cash\nT1,case.xlsx,100,1000\n", encoding="utf-8")
    s = create_market(tmp_path / "m.cmmkt", firms_file=tmp_path / "firms.csv", start_price=5000, lang="en")
    f = s.firms()[0]
    assert f.emissions == int(scope1 + 0.5)
    # boiler: CRF(8 %, 10 y) = 0.08 x 1.08^10 / (1.08^10 - 1) = 0.1490295; (1e6 x CRF + 20,000) / 2000 = 84.51
    assert [(m.name, round(m.cost_per_t, 2)) for m in f.measures] == [("LED lighting", -50.0),
                                                                      ("Boiler upgrade", 84.51)]
    s.close()


def test_load_orders_of_a_firm(tmp_path):
    s = new_market(tmp_path / "m.cmmkt", firms(), start_price=5000)
    (tmp_path / "a.csv").write_text("side,quantity,limit_price\nbuy,10,50\n", encoding="utf-8")
    assert load_orders(s, tmp_path / "a.csv", firm="A") == 1
    (tmp_path / "a2.csv").write_text("side,quantity,limit_price\nbuy,20,51\nbuy,5,52\n", encoding="utf-8")
    load_orders(s, tmp_path / "a2.csv", firm="A")  # handed in again: replaces A's orders
    assert [(o.quantity, o.limit) for o in s.orders()] == [(20, 5100), (5, 5200)]
    s.close()


def test_cea_prices_data_and_default_start_price(tmp_path):
    from carbonmgr.facade.market import cea_prices, price_for

    rows = cea_prices()
    assert all(r.source and r.publisher and r.status in ("secondary", "verified") and r.tag for r in rows)
    # market.md §1.4: 2025-11 monthly average 59.87; 2024-09 the later release 94.26; §1.2: 2023 average 68.15
    assert price_for(2025, 11).value == 59.87 and price_for(2024, 9).value == 94.26
    assert price_for(2023).kind == "annual_average" and price_for(2023).value == 68.15
    # every month since the launch has its monthly average (mean of the daily closes,
    # cea_daily_closes.csv); a month without one (before the launch) falls back to the year's
    assert price_for(2023, 5).kind == "monthly_average" and price_for(2023, 5).value == 56.57
    assert price_for(2022, 3).kind == "monthly_average" and price_for(2022, 3).value == 57.85
    assert price_for(2024, 2).kind == "monthly_average" and price_for(2024, 2).value == 76.94
    assert price_for(2021, 5).kind == "annual_average" and price_for(2021, 5).value == 42.85
    assert price_for(2019) is None
    (tmp_path / "firms.csv").write_text("firm,emissions,allocation,cash\nA,10,10,100\n", encoding="utf-8")
    r = run("market", "new", "m.cmmkt", "--firms", "firms.csv", "--year", "2023", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "68.15" in r.stdout and "annual average" in r.stdout
    assert json.loads(run("market", "status", "m.cmmkt", "--json", cwd=tmp_path).stdout)["start_price"] == 6815
    r = run("market", "new", "n.cmmkt", "--firms", "firms.csv", "--year", "2019", cwd=tmp_path)
    assert r.returncode == 2 and "--start-price" in r.stderr
    r = run("--lang", "zh", "market", "prices", "--year", "2025", cwd=tmp_path)
    assert r.returncode == 0 and "59.87" in r.stdout and "月度日均收盘价" in r.stdout


def test_a_market_of_a_month_starts_from_that_months_cea_average(tmp_path):
    """``market new --year 2022 --month 9`` starts from the monthly average of September 2022's daily
    closes (bundled since the daily closes were located), not from the 2022 annual average; a month
    whose closes were not located falls back to the year's average, and says so."""
    from carbonmgr.facade.market import price_for

    sept = price_for(2022, 9)
    assert sept.kind == "monthly_average" and sept.period == "2022-09" and sept.value != price_for(2022).value
    (tmp_path / "firms.csv").write_text("firm,emissions,allocation,cash\nA,10,10,100\n", encoding="utf-8")
    r = run("market", "new", "m.cmmkt", "--firms", "firms.csv", "--year", "2022", "--month", "9", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"{sept.value:.2f}" in r.stdout and "monthly average of daily closes 2022-09" in r.stdout
    assert "上海环境能源交易所" in r.stdout and "annual average" not in r.stdout
    assert json.loads(run("market", "status", "m.cmmkt", "--json", cwd=tmp_path).stdout)["start_price"] == sept.fen
    # May 2021, before the launch: no monthly average, so the 2021 annual average (42.85)
    r = run("market", "new", "n.cmmkt", "--firms", "firms.csv", "--year", "2021", "--month", "5", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "42.85" in r.stdout and "annual average 2021" in r.stdout
    # without --month: the annual average, as before
    r = run("market", "new", "o.cmmkt", "--firms", "firms.csv", "--year", "2022", cwd=tmp_path)
    assert "55.30" in r.stdout and "annual average" in r.stdout
    # a month that is not one: a message in the user's language, exit 2, no file
    r = run("--lang", "zh", "market", "new", "p.cmmkt", "--firms", "firms.csv", "--year", "2022", "--month", "13",
            cwd=tmp_path)
    assert r.returncode == 2 and "不是月份" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "p.cmmkt").exists()
    # the table of prices lists the new months of 2022, with the exchange's daily bulletin as their source
    r = run("--lang", "zh", "market", "prices", "--year", "2022", cwd=tmp_path)
    assert r.returncode == 0 and "2022-09" in r.stdout and f"{sept.value:.2f}" in r.stdout
    assert "全国碳市场每日成交数据" in r.stdout
    rows = json.loads(run("market", "prices", "--year", "2022", "--json", cwd=tmp_path).stdout)
    assert [x["period"] for x in rows if x["kind"] == "monthly_average"] == [f"2022-{m:02d}" for m in range(1, 13)]
