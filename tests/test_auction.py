"""The call auction of the class market: hand-worked rounds, and a brute-force check of the rules."""
from __future__ import annotations

import random

import pytest

from carbonmgr.trading.auction import Order, clear, fen_text, to_fen


def o(firm, side, quantity, price):
    return Order(firm, side, quantity, to_fen(price))


def fills(result):
    out = {}
    for f in result.fills:
        out[(f.firm, f.side)] = out.get((f.firm, f.side), 0) + f.quantity
    return out


def test_price_priority_and_the_marginal_buy_level():
    # By hand: D(p) = 300 for p <= 50, 200 for 50 < p <= 55, 100 for 55 < p <= 60; S(p) = 150 for p >= 40.
    # min(D, S) is largest (150) on [40, 55]: price (40 + 55) / 2 = 47.50.  Buys fill from 60 down:
    # A 100, then the 55 level (marginal) gets the 50 t left; the 50 level (C) gets nothing though its
    # limit is above the price.
    r = clear([o("A", "buy", 100, 60), o("B", "buy", 100, 55), o("C", "buy", 100, 50), o("D", "sell", 150, 40)])
    assert (r.price, r.volume, r.low, r.high) == (4750, 150, 4000, 5500)
    assert fills(r) == {("A", "buy"): 100, ("B", "buy"): 50, ("D", "sell"): 150}
    assert r.marginal == {"buy": {"limit": 5500, "quantity": 100, "allotted": 50, "orders": 1}}
    assert r.by_firm()["A"] == {"bought": 100, "sold": 0, "paid": 100 * 4750}
    assert r.by_firm()["D"]["paid"] == -150 * 4750


def test_no_cross_no_trade():
    r = clear([o("A", "buy", 10, 40), o("B", "sell", 10, 50)])
    assert (r.price, r.volume, r.fills) == (None, 0, [])


@pytest.mark.parametrize("side", ["buy", "sell"])
def test_one_side_empty(side):
    r = clear([o("A", side, 10, 40), o("B", side, 20, 50)])
    assert (r.price, r.volume, r.fills) == (None, 0, [])
    assert clear([]).volume == 0


def test_marginal_level_rationed_pro_rata_with_a_tie():
    # Sells X 25 @ 50, Y 20 @ 55: S = 25 on [50, 55), 45 from 55.  Buys 60 t, all at 60.
    # min(D, S): 25 at 50, 45 at 55 and at 60: interval [55, 60], price 57.50, volume 45.
    # The one buy level (60 t) gets 45 t: exact shares A 22.5, B 15, C 7.5 -> 22 + 15 + 7 = 44,
    # one tonne left: A and C tie on the fraction (0.5), the larger order (A) takes it.
    r = clear([o("A", "buy", 30, 60), o("B", "buy", 20, 60), o("C", "buy", 10, 60),
               o("X", "sell", 25, 50), o("Y", "sell", 20, 55)])
    assert (r.price, r.volume) == (5750, 45)
    assert fills(r) == {("A", "buy"): 23, ("B", "buy"): 15, ("C", "buy"): 7, ("X", "sell"): 25, ("Y", "sell"): 20}


def test_all_rationed_equal_orders_go_by_arrival():
    # One price on both sides: 30 t bid, 20 t offered, all at 50.  Every buy is rationed: 20 x 10/30 =
    # 6.67 each -> 6 + 6 + 6 = 18, two tonnes left, equal fractions and equal orders: the earlier two.
    r = clear([o("A", "buy", 10, 50), o("B", "buy", 10, 50), o("C", "buy", 10, 50), o("X", "sell", 20, 50)])
    assert (r.price, r.volume, r.low, r.high) == (5000, 20, 5000, 5000)
    assert fills(r) == {("A", "buy"): 7, ("B", "buy"): 7, ("C", "buy"): 6, ("X", "sell"): 20}


def test_marginal_sell_level():
    # Buy 70 @ 52; sells 40 @ 45 (one order), 30 + 30 @ 48 (the marginal level: 30 t left for 60 t).
    # D = 70 up to 52; S = 40 on [45, 48), 100 from 48: volume 70 on [48, 52], price 50.00.
    r = clear([o("B", "buy", 70, 52), o("S1", "sell", 40, 45), o("S2", "sell", 30, 48), o("S3", "sell", 30, 48)])
    assert (r.price, r.volume) == (5000, 70)
    assert fills(r) == {("B", "buy"): 70, ("S1", "sell"): 40, ("S2", "sell"): 15, ("S3", "sell"): 15}
    assert r.marginal == {"sell": {"limit": 4800, "quantity": 60, "allotted": 30, "orders": 2}}


def test_half_fen_midpoint_rounds_half_up():
    r = clear([o("A", "buy", 10, "50.01"), o("B", "sell", 10, "50.00")])
    assert (r.low, r.high, r.price) == (5000, 5001, 5001)  # 50.005 -> 50.01
    assert fen_text(r.price) == "50.01"


def test_price_floor_and_ceiling():
    orders = [o("A", "buy", 10, 45), o("B", "buy", 10, 60), o("S", "sell", 20, 40)]
    # free: D = 20 up to 45, 10 on (45, 60]; S = 20 from 40: volume 20 on [40, 45], price 42.50
    assert clear(orders).price == 4250
    # floor 48: only [48, 60] may clear; there D = 10, S = 20: volume 10 on [48, 60], price 54.00,
    # and the seller (the marginal, only level) is rationed to 10 t
    r = clear(orders, floor=4800)
    assert (r.price, r.volume) == (5400, 10)
    assert fills(r) == {("B", "buy"): 10, ("S", "sell"): 10}
    # ceiling 41: volume 20 on [40, 41], price 40.50
    assert clear(orders, ceiling=4100).price == 4050
    # a floor above every bid: nothing trades
    assert clear(orders, floor=7000).volume == 0


def test_holdings_and_cash_refuse_orders():
    orders = [o("S", "sell", 10, 40), o("S", "sell", 10, 41), o("B", "buy", 10, 50), o("C", "buy", 8, 50)]
    # S holds 15: its first sell (10) passes, the second (10 more) is refused; B has ¥400 < 10 x 50
    r = clear(orders, holdings={"S": 15}, cash={"B": 40000, "C": 40000})
    assert [(x.order, x.code) for x in r.refused] == [(1, "market.refused.holdings"), (2, "market.refused.cash")]
    # left: C buys 8 @ 50, S sells 10 @ 40: volume 8 on [40, 50], price 45.00
    assert (r.price, r.volume) == (4500, 8)
    assert fills(r) == {("C", "buy"): 8, ("S", "sell"): 8}


def _brute_volume(orders, lo, hi):
    best = 0
    for p in range(lo, hi + 1):
        d = sum(x.quantity for x in orders if x.side == "buy" and x.limit >= p)
        s = sum(x.quantity for x in orders if x.side == "sell" and x.limit <= p)
        best = max(best, min(d, s))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_random_rounds_keep_the_rules(seed):
    rnd = random.Random(seed)
    orders = [Order(f"F{rnd.randrange(12)}", rnd.choice(("buy", "sell")), rnd.randint(1, 50),
                    rnd.randint(4000, 4030)) for _ in range(rnd.randint(1, 30))]
    r = clear(orders)
    # the volume is the largest any price allows (every fen from 39.90 to 40.40 tried)
    assert r.volume == _brute_volume(orders, 3990, 4040)
    bought = sum(f.quantity for f in r.fills if f.side == "buy")
    sold = sum(f.quantity for f in r.fills if f.side == "sell")
    assert bought == sold == r.volume
    if r.volume:
        # every fen in [low, high] clears the volume, the ones just outside do not
        assert all(_brute_volume(orders, p, p) == r.volume for p in range(r.low, r.high + 1))
        assert _brute_volume(orders, r.low - 1, r.low - 1) < r.volume
        assert _brute_volume(orders, r.high + 1, r.high + 1) < r.volume
        assert r.low <= r.price <= r.high and abs(2 * r.price - (r.low + r.high)) <= 1
    for f in r.fills:
        x = orders[f.order]
        assert 0 < f.quantity <= x.quantity
        assert (x.limit >= r.price) if x.side == "buy" else (x.limit <= r.price)
    # price priority: a partly or un-filled order means no order with a worse limit on its side filled
    for side, better in (("buy", lambda a, b: a > b), ("sell", lambda a, b: a < b)):
        part = [x.limit for i, x in enumerate(orders) if x.side == side and r.filled(i) < x.quantity]
        got = [x.limit for i, x in enumerate(orders) if x.side == side and r.filled(i) > 0]
        for p in part:
            assert not any(better(p, g) for g in got)


@pytest.mark.parametrize("seed", range(40))
def test_random_rounds_within_a_floor_ceiling_and_the_firms_accounts(seed):
    """The rules again with a floor and/or a ceiling and with holdings and cash: the volume is the
    largest any price within the bounds allows among the orders accepted; the price lies within the
    bounds; no firm sells more than it held nor pays more than its cash; each order of a rationed
    level gets its exact pro-rata share rounded down or up (within one tonne)."""
    rnd = random.Random(1000 + seed)
    orders = [Order(f"F{rnd.randrange(8)}", rnd.choice(("buy", "sell")), rnd.randint(1, 60),
                    rnd.randint(4000, 4030)) for _ in range(rnd.randint(2, 40))]
    holdings = {f"F{i}": rnd.randint(0, 120) for i in range(8)}
    cash = {f"F{i}": rnd.randint(0, 120) * 4030 for i in range(8)}
    floor = rnd.choice((None, rnd.randint(3995, 4020)))
    ceiling = rnd.choice((None, rnd.randint(max(floor or 0, 4005), 4035)))
    r = clear(orders, holdings=holdings, cash=cash, floor=floor, ceiling=ceiling)
    refused = {x.order for x in r.refused}
    live = [x for i, x in enumerate(orders) if i not in refused]
    lo, hi = floor if floor is not None else 3990, ceiling if ceiling is not None else 4040
    assert r.volume == _brute_volume(live, lo, hi)
    assert sum(f.quantity for f in r.fills if f.side == "buy") == sum(
        f.quantity for f in r.fills if f.side == "sell") == r.volume
    if r.volume:
        assert lo <= r.low <= r.price <= r.high <= hi
    assert not any(f.order in refused for f in r.fills)
    for firm in holdings:
        sold = sum(f.quantity for f in r.fills if f.firm == firm and f.side == "sell")
        paid = sum(f.quantity * r.price for f in r.fills if f.firm == firm and f.side == "buy")
        assert sold <= holdings[firm] and paid <= cash[firm]
    for side, m in r.marginal.items():
        level = [(i, x) for i, x in enumerate(orders) if i not in refused and x.side == side
                 and x.limit == m["limit"]]
        assert sum(r.filled(i) for i, _ in level) == m["allotted"]
        for i, x in level:
            exact = m["allotted"] * x.quantity / m["quantity"]
            assert int(exact) <= r.filled(i) <= int(exact) + 1
