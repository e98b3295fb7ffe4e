"""Benchmark of the class market: one call-auction round of 50 firms (target: under 0.1 s).

    python bench/market.py

Prints the time to clear a round of 50 firms (each with two to four orders, holdings and cash),
read from an orders file and cleared in memory, the median of many runs; the time of a round as
the app and ``carbonmgr market round`` clear it: in the market file (read the firms and orders,
clear, write the fills, the round and the log in one transaction, committed to disk); and the time
of 500 firms for scale.
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from carbonmgr.io.orders import read_orders  # noqa: E402
from carbonmgr.trading.auction import Order, clear  # noqa: E402
from carbonmgr.trading.market import Firm  # noqa: E402
from carbonmgr.trading.market_store import MarketStore  # noqa: E402

TARGET_S = 0.1


def orders_of(firms: int, seed: int = 1) -> tuple[list[Order], dict, dict]:
    rnd = random.Random(seed)
    orders, holdings, cash = [], {}, {}
    for f in range(firms):
        name = f"firm{f:03d}"
        holdings[name] = rnd.randint(0, 200_000)
        cash[name] = rnd.randint(1_000_000, 20_000_000) * 100
        for _ in range(rnd.randint(2, 4)):
            side = rnd.choice(("buy", "sell"))
            orders.append(Order(name, side, rnd.randint(100, 20_000), rnd.randint(4500, 6500)))
    return orders, holdings, cash


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    orders, holdings, cash = orders_of(50)
    t_clear = timed(lambda: clear(orders, holdings=holdings, cash=cash), 200)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        path.write_text("firm,side,quantity,limit_price\n" + "".join(
            f"{o.firm},{o.side},{o.quantity},{o.limit / 100:.2f}\n" for o in orders), encoding="utf-8")
        t_file = timed(lambda: clear([Order(d["firm"], d["side"], d["quantity"], d["limit"], d["row"])
                                      for d in read_orders(path)], holdings=holdings, cash=cash), 100)
        store = MarketStore.create(Path(tmp) / "m.cmmkt", name="bench", year=2024, start_price=5500,
                                   firms=[Firm(f, 100_000, holdings[f], holdings[f], cash[f]) for f in holdings])
        times = []
        with store:
            for _ in range(30):  # each run a new round of the same orders (holdings and cash move)
                store.set_orders(orders, source="bench.csv")
                t0 = time.perf_counter()
                store.clear_round()
                times.append(time.perf_counter() - t0)
        t_store = statistics.median(times)
    big, bh, bc = orders_of(500)
    t_big = timed(lambda: clear(big, holdings=bh, cash=bc), 20)
    print(f"market round, 50 firms ({len(orders)} orders), clear:            {t_clear * 1000:8.2f} ms "
          f"(target < {TARGET_S * 1000:.0f} ms) {'ok' if t_clear < TARGET_S else 'TOO SLOW'}")
    print(f"market round, 50 firms, orders file read + clear:          {t_file * 1000:8.2f} ms "
          f"{'ok' if t_file < TARGET_S else 'TOO SLOW'}")
    print(f"market round, 50 firms, in the market file (SQLite):      {t_store * 1000:8.2f} ms "
          f"{'ok' if t_store < TARGET_S else 'TOO SLOW'}")
    print(f"market round, 500 firms ({len(big)} orders), clear:          {t_big * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
