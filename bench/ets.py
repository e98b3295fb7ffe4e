"""Benchmark: what an ETS calculation adds to `calc`. Prints, for cases of N activity lines
(every tenth line marked with one of 20 ETS units, which take their verified emissions from
those lines) and 20 units:

  * the inventory (the engine, as `carbonmgr calc` computes it; reading the workbook, which
    `calc` does first and which takes far longer, is left out, so the share is an upper bound);
  * the ETS check and computation on that inventory (allocation, position, traces);
  * the ETS share of the two (target: no noticeable time, i.e. a few per cent at most).

Usage: python bench/ets.py [--lines 10000 100000] [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import time

from carbonmgr.inventory.engine import compute
from carbonmgr.inventory.ets_model import EtsData, EtsUnit
from carbonmgr.inventory.model import Activity, ActivityTable, CaseData, CaseInfo, Facility
from carbonmgr.trading import ets

UNITS = 20


def make_case(lines: int) -> CaseData:
    table = ActivityTable()
    for i in range(lines):
        mark = f"U{(i // 10) % UNITS}" if i % 10 == 0 else None
        opts = {"ncv": 20 + (i % 7), "ncv_unit": "GJ/t", "carbon_content": 0.0275, "oxidation_rate": 0.98}
        if mark:
            opts["ets_unit"] = mark
        table.append(Activity(i + 2, "F1", "stationary_combustion", "烟煤", 100.0 + i % 13, "t", opts))
    units = [EtsUnit(f"U{k}", "F1", ("I", "II", "III", "gas")[k % 4], generation=1_000_000, heat=100_000,
                     load_factor=0.6, row=k + 2) for k in range(UNITS)]
    return CaseData(info=CaseInfo(reporting_year=2023, carbon_price=90, ccer_offered=1000),
                    facilities=[Facility("F1")], activities=table, ets=EtsData(units))


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"{'lines':>8}  {'calc (s)':>10}  {'ets (s)':>10}  {'ets/calc':>8}")
    for n in args.lines:
        case = make_case(n)
        inv = compute(case)
        calc_best, _ = best(lambda case=case: compute(case), args.runs)

        def run_ets(case=case, inv=inv):
            assert ets.check(case) == []
            return ets.compute(case, inv)

        result = run_ets()
        assert result.value("verified_emissions") > 0
        ets_best, _ = best(run_ets, args.runs)
        print(f"{n:>8}  {calc_best:>10.4f}  {ets_best:>10.4f}  {ets_best / calc_best:>7.1%}")


if __name__ == "__main__":
    main()
