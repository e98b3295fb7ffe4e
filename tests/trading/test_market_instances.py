"""One market file, several instances and crashes: a round is never cleared twice nor lost, pending
orders never land in a round already cleared, cash never goes below zero.

Two real MarketStore instances on one real file. To make the second instance act at the worst moment
(after the first has read the market, before it writes), SQLite's own statement hook on the first
connection runs the second instance's step when the first begins its write transaction; a crash is a
real process killed (os._exit) in the middle of its transaction."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from carbonmgr.facade.market import Firm, MarketError, Order, new_market, open_market


def market(path, *, cash=1_000_000_00):
    new_market(path, [Firm("A", 1000, 900, 900, cash), Firm("B", 1000, 1050, 1050, cash)], start_price=5000).close()
    return path


def when_first_writes(store, step):
    """Run ``step()`` (another instance's) once, when ``store`` begins its next write transaction."""
    done = []

    def hook(sql):
        if sql.startswith("BEGIN IMMEDIATE") and not done:
            done.append(True)
            step()

    store.conn.set_trace_callback(hook)
    return done


def test_orders_handed_in_while_another_instance_clears_go_to_the_open_round(tmp_path):
    path = market(tmp_path / "m.cmmkt")
    a, b = open_market(path), open_market(path)
    a.set_orders([Order("A", "buy", 100, 6000), Order("B", "sell", 50, 4500)], source="r1.csv")
    # A's window hands in a firm's file just as B's window clears round 1
    fired = when_first_writes(a, lambda: b.clear_round())
    a.set_orders([Order("A", "buy", 10, 5500)], source="late.csv", firm="A")
    assert fired
    assert a.info()["round"] == 2 and [r["n"] for r in a.rounds()] == [1]
    assert a.orders() == [Order("A", "buy", 10, 5500)]  # pending in round 2, not lost in round 1
    a.close(), b.close()


def test_a_round_two_instances_clear_is_cleared_once(tmp_path):
    path = market(tmp_path / "m.cmmkt")
    a, b = open_market(path), open_market(path)
    a.set_orders([Order("A", "buy", 100, 6000), Order("B", "sell", 50, 4500)], source="r1.csv")
    fired = when_first_writes(a, lambda: b.clear_round(round_no=1))
    with pytest.raises(MarketError) as exc:
        a.clear_round(round_no=1)
    assert fired
    assert exc.value.problem.code == "market.store.round_moved"
    assert "round 1 was already cleared" in exc.value.problem.render("en")
    assert "第 1 轮已经撮合" in exc.value.problem.render("zh")
    with open_market(path) as c:
        assert [(r["n"], r["volume"]) for r in c.rounds()] == [(1, 50)]
        assert [f.holdings for f in c.firms()] == [950, 1000]  # moved once
        assert c.info()["round"] == 2
    a.close(), b.close()


def test_cash_spent_by_another_instance_is_not_spent_twice(tmp_path):
    path = market(tmp_path / "m.cmmkt", cash=1_000_00)
    with open_market(path) as s:  # a measure of 50 t at 20 CNY/t = 1,000 CNY: all of A's cash
        s.conn.execute("INSERT INTO measures VALUES ('A', 0, 'M1', 50, 20, 0)")
        s.conn.execute("INSERT INTO measures VALUES ('A', 1, 'M2', 50, 20, 0)")
    a, b = open_market(path), open_market(path)
    fired = when_first_writes(a, lambda: b.abate("A", "M1"))
    with pytest.raises(MarketError) as exc:
        a.abate("A", "M2")
    assert fired and exc.value.problem.code == "market.abate.no_cash"
    with open_market(path) as c:
        f = c.firm("A")
        assert (f.cash, f.spent_abatement, [m.taken for m in f.measures]) == (0, 1_000_00, [True, False])
    a.close(), b.close()


CRASH = textwrap.dedent("""
    import os, sys
    from carbonmgr.facade.market import open_market
    store = open_market(sys.argv[1])

    def hook(sql):  # the firms are updated; the process dies before the round is recorded
        if sql.startswith("INSERT INTO rounds"):
            os._exit(9)

    store.conn.set_trace_callback(hook)
    store.clear_round()
""")


def test_a_crash_in_the_middle_of_a_round_leaves_it_open_and_whole(tmp_path):
    path = market(tmp_path / "m.cmmkt")
    with open_market(path) as s:
        s.set_orders([Order("A", "buy", 100, 6000), Order("B", "sell", 50, 4500)], source="r1.csv")
    r = subprocess.run([sys.executable, "-c", CRASH, str(path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 9, r.stderr
    with open_market(path) as s:  # the journal rolls the half-written round back
        assert s.info()["round"] == 1 and s.rounds() == []
        assert [f.holdings for f in s.firms()] == [900, 1050] and len(s.orders()) == 2
        assert s.clear_round(round_no=1).volume == 50
    with open_market(path) as s:
        assert [r["n"] for r in s.rounds()] == [1] and [f.holdings for f in s.firms()] == [950, 1000]
