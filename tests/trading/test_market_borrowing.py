"""A class market drawn from a 2021-2022 case counts the allowances it borrowed (预支) as
``carbonmgr ets`` does: surplus = final allocation + held + borrowed + CCER used − allowances due,
validated against each firm's ``borrow_max`` when the market is created. Real workbooks, real market
files (reopened), the command line and the facade.

The case (as in test_ets_borrowing): a 2021 class I unit, water-cooled, load factor 90 % (every
correction 1), supply 1 034 315 MWh: allocation ⌊1 034 315 × 0.8218⌋ = 850 000 t; verified
1 000 000 t: gap rate 15 % (no top-up: 850 000 ≥ 80 %), so it may borrow ⌊0.5 × 150 000⌋ = 75 000 t.
With 1 000 t held, 70 000 t borrowed and 10 000 t CCER offered (cap ⌊5 % × 1 000 000⌋ = 50 000):
still needed 1 000 000 − 850 000 − 1 000 − 70 000 = 79 000, CCER used 10 000,
surplus = 850 000 + 1 000 + 70 000 + 10 000 − 1 000 000 = −69 000.
"""
from __future__ import annotations

import json
import math
import sqlite3

import openpyxl
import pytest

from carbonmgr.cli import main
from carbonmgr.facade import market as mk
from carbonmgr.trading import market_start
from case_books import FACILITIES, write_book

ETS_2021 = [["unit", "facility", "class", "supply", "load_factor", "cooling", "verified_emissions"],
            ["U1", "F1", "I", 1_034_315, 0.9, "water", 1_000_000]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit"], ["F1", "purchased_electricity", None, 10, "MWh"]]
SURPLUS = 850_000 + 1_000 + 70_000 + 10_000 - 1_000_000  # −69 000, worked in the module's text


def case_file(tmp_path, *, year=2021, held=1_000, borrowed=70_000, ccer=10_000, name="borrow.xlsx"):
    case = [["key", "value"], ["ets_year", year], ["standard", "gbt32150"], ["reporting_year", year],
            ["allowances_held", held], ["allowances_borrowed", borrowed], ["ccer_offered", ccer]]
    ets_rows = ETS_2021 if year < 2023 else [["unit", "facility", "class", "generation", "load_factor",
                                              "verified_emissions"], ["U1", "F1", "I", 1_000_000, 0.9, 1_500_000]]
    return write_book(tmp_path / name, {"Case": case, "Facilities": FACILITIES, "Activities": ACTIVITIES,
                                        "ETS": ets_rows})


def ets_entity(path, capsys):
    assert main(["--lang", "en", "ets", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["entity"]


def test_a_market_firm_surrenders_with_its_borrowed_allowances_as_carbonmgr_ets_does(tmp_path, capsys):
    path = case_file(tmp_path)
    e = ets_entity(path, capsys)
    assert (e["borrowed"], e["borrow_max"], e["ccer_used"], e["surplus"]) == (70_000, 75_000, 10_000, SURPLUS)
    store, info = mk.start_from_case(path, tmp_path / "m.cmmkt", firms=2, seed=1, spread=0, start_price=5500)
    with store:
        firms = store.firms()
        assert [(f.holdings, f.borrowed, f.ccer) for f in firms] == [(851_000, 70_000, 10_000)] * 2
        debrief = store.debrief()
    assert [f["borrowed"] for f in info["firms"]] == [70_000, 70_000]
    for o in debrief["firms"]:  # before any trade: the position of `carbonmgr ets`
        assert (o["borrowed"], o["ccer_used"], o["surplus"]) == (70_000, e["ccer_used"], e["surplus"])
        assert o["shortfall"] == 69_000 and o["penalty_min"] == 5 * 5500 * 69_000
    # the least-cost outcome counts them too, with the 1 000 t held: 2 × (1 000 000 − 850 000 − 1 000 − 70 000)
    assert debrief["least_cost"]["need"] == 158_000
    with mk.open_market(tmp_path / "m.cmmkt") as again:  # a restart: the same file, the same position
        assert again.debrief()["firms"] == debrief["firms"]
        snap = mk.market_snapshot(again)
    assert [f["borrowed"] for f in snap["firms"]] == [70_000, 70_000]
    assert snap["firms"][0]["position"] == 851_000 + 70_000 - 1_000_000  # allowances, before CCER


def test_borrowed_allowances_are_surrendered_never_sold(tmp_path):
    store, _ = mk.start_from_case(case_file(tmp_path, held=0), tmp_path / "m.cmmkt", firms=2, seed=1, spread=0,
                                  start_price=5500, cash=10**12, lang="en")
    with store:
        # Firm 1 holds 850 000 (its allocation) and borrowed 70 000: it may sell 850 000, not 920 000
        store.add_order(mk.Order("Firm 1", "sell", 920_000, 5000))
        store.add_order(mk.Order("Firm 2", "buy", 920_000, 6000))
        result = store.clear_round()
        assert result.volume == 0 and [(r.firm, r.code) for r in result.refused] == [
            ("Firm 1", "market.refused.holdings")]
        assert result.refused[0].params["held"] == 850_000  # the borrowed 70 000 are not for sale
        store.add_order(mk.Order("Firm 1", "sell", 850_000, 5000))
        store.add_order(mk.Order("Firm 2", "buy", 920_000, 6000))
        assert store.clear_round().volume == 850_000
        f1 = store.firm("Firm 1")
        assert (f1.holdings, f1.borrowed) == (0, 70_000)
        o1 = store.debrief()["firms"][0]
        assert o1["surplus"] == 0 + 70_000 + 10_000 - 1_000_000


def test_the_command_line_shows_borrowed_allowances_and_agrees_with_ets(tmp_path, capsys):
    path = case_file(tmp_path)
    e = ets_entity(path, capsys)
    out = tmp_path / "m.cmmkt"
    assert main(["--lang", "zh", "market", "start", str(path), "--firms", "2", "--seed", "3", "--spread", "0",
                 "-o", str(out), "--start-price", "55"]) == 0
    text = capsys.readouterr().out
    assert "预支配额（吨）" in text and "70,000" in text
    assert main(["--lang", "en", "market", "status", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Borrowed (t)" in text and f"{851_000 + 70_000 - 1_000_000:+,}" in text
    assert main(["--lang", "en", "market", "debrief", str(out), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert [(o["borrowed"], o["surplus"]) for o in d["firms"]] == [(70_000, e["surplus"])] * 2
    assert main(["--lang", "zh", "market", "debrief", str(out)]) == 0
    text = capsys.readouterr().out
    assert "预支配额（吨）" in text and "-69,000" in text
    assert main(["--lang", "en", "market", "debrief", str(out), "-o", str(tmp_path / "d.xlsx")]) == 0
    capsys.readouterr()
    rows = list(openpyxl.load_workbook(tmp_path / "d.xlsx")["Firms"].values)
    col, surplus = rows[0].index("Borrowed (t)"), rows[0].index("Surplus (t)")
    assert [(r[col], r[surplus]) for r in rows[1:]] == [(70_000, SURPLUS)] * 2


def expected_borrow_max(draw):
    """The variant's borrow_max by the plan's rule, worked here: V = 1 000 000 × e, A = ⌊0.8218 × S × o⌋,
    a top-up to 80 % of V, then ⌊0.5 × (V − A_final)⌋ where (V − A) / V ≥ 10 %."""
    v = 1_000_000 * draw.emissions
    a = math.floor(round(0.8218 * 1_034_315 * draw.output, 6))
    final = a + (math.floor(round(0.8 * v - a, 6)) if a < 0.8 * v else 0)
    return math.floor(0.5 * max(0.0, v - final)) if (v - a) >= 0.1 * v - 1e-9 else 0


def test_a_variant_that_borrows_more_than_it_may_is_refused_at_creation(tmp_path, capsys):
    path = case_file(tmp_path, borrowed=75_000)
    drawn = market_start.draws(8, 5, 0.1)
    over = [d.number for d in drawn if expected_borrow_max(d) < 75_000]
    assert over and len(over) < 8  # the seed gives both kinds (else the test proves nothing)
    out = tmp_path / "m.cmmkt"
    with pytest.raises(mk.ValidationFailed) as exc:
        mk.start_from_case(path, out, firms=8, seed=5, spread=0.1, start_price=5500, lang="en")
    problems = exc.value.problems
    assert [p.params["firm"] for p in problems] == [f"Firm {n}" for n in over]
    assert all(p.cell == "Case!B6" for p in problems)  # the allowances_borrowed key, row 6 of the Case sheet
    assert not out.exists()
    d = drawn[over[0] - 1]
    assert f"Firm {over[0]}: allowances borrowed 75,000 t is more than may be borrowed, " \
           f"{expected_borrow_max(d):,} t" in problems[0].render("en")
    assert main(["--lang", "zh", "market", "start", str(path), "--firms", "8", "--seed", "5", "--spread", "10%",
                 "-o", str(out), "--start-price", "55"]) == 2
    err = capsys.readouterr().err
    assert f"企业{over[0]}：预支配额 75,000 吨超过可预支量 {expected_borrow_max(d):,} 吨" in err
    assert "Case!B6" in err and "Traceback" not in err and "borrow_max" not in err
    assert not out.exists()


def test_borrowing_under_a_plan_without_it_is_refused_at_creation(tmp_path, capsys):
    path = case_file(tmp_path, year=2023, borrowed=10, ccer=0)
    out = tmp_path / "m.cmmkt"
    assert main(["--lang", "en", "market", "start", str(path), "--firms", "2", "--spread", "0", "-o", str(out),
                 "--start-price", "70"]) == 2
    err = capsys.readouterr().err
    assert "Firm 1: allowances borrowed 10 t: the 2023 plan" in err and "does not allow borrowing" in err
    assert "Firm 2:" in err and "Case!B6" in err and "Traceback" not in err
    assert not out.exists()


def test_a_fraction_of_a_tonne_held_or_borrowed_is_refused_not_truncated(tmp_path, capsys):
    path = case_file(tmp_path, held=1_000.5)
    out = tmp_path / "m.cmmkt"
    assert main(["--lang", "zh", "market", "start", str(path), "--firms", "2", "--spread", "0", "-o", str(out),
                 "--start-price", "55"]) == 2
    err = capsys.readouterr().err
    assert "持有配额 1000.5 吨：课堂市场的配额与 CCER 以整吨计" in err and "Case!B5" in err
    assert "Traceback" not in err and not out.exists()


def test_a_version_1_market_file_opens_with_nothing_borrowed(tmp_path):
    store = mk.new_market(tmp_path / "old.cmmkt", [mk.Firm("A", 1000, 900, 900, 100_000)], start_price=6000)
    store.close()
    # make it a file of the first schema, as an earlier CarbonMgr wrote it
    conn = sqlite3.connect(tmp_path / "old.cmmkt", isolation_level=None)
    conn.execute("ALTER TABLE firms DROP COLUMN borrowed")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with mk.open_market(tmp_path / "old.cmmkt") as store:
        (f,) = store.firms()
        assert (f.holdings, f.borrowed) == (900, 0)
        assert store.debrief()["firms"][0]["surplus"] == -100
    conn = sqlite3.connect(tmp_path / "old.cmmkt")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
