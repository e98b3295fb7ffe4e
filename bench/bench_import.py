"""Benchmark: a 200,000-line case workbook -> validated, computed inventory.

Prints, for the same generated workbook:
  * python-calamine alone reading the Activities sheet (the reference),
  * CarbonMgr read_case (validation) + compute, and their ratio to the reference
    (target: at most 1.5x),
  * peak resident memory of the whole import in a fresh process (target < 400 MB),
  * `carbonmgr --version` wall time (target < 0.2 s).

Usage: python bench/bench_import.py [--lines N]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

ITEMS = [
    ("stationary_combustion", "天然气", "10^4 Nm3"),
    ("stationary_combustion", "烟煤", "t"),
    ("stationary_combustion", "柴油", "t"),
    ("mobile_combustion", "汽油", "t"),
    ("mobile_combustion", "柴油", "t"),
    ("process", "石灰石", "t"),
    ("fugitive", "R-410A", "kg"),
    ("purchased_electricity", "", "kWh"),
    ("purchased_electricity", "", "MWh"),
    ("purchased_heat", "", "GJ"),
]


def make_workbook(path: Path, n: int) -> None:
    import openpyxl

    rnd = random.Random(42)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Case")
    ws.append(["key", "value"])
    for row in (["title", f"Benchmark {n} lines"], ["standard", "gbt32150"], ["gwp", "SAR"],
                ["reporting_year", 2023], ["consolidation", "operational_control"]):
        ws.append(row)
    ws = wb.create_sheet("Facilities")
    ws.append(["id", "name", "region", "equity_share", "financial_control", "operational_control"])
    regions = ["湖北", "湖南", "河南", "广东", "江苏", "北京", "上海", "四川"]
    for i in range(20):
        ws.append([f"F{i:02d}", f"Plant {i}", regions[i % len(regions)], 100, "yes", "yes"])
    ws = wb.create_sheet("Activities")
    ws.append(["facility", "source", "item", "quantity", "unit", "evidence", "note"])
    for i in range(n):
        source, item, unit = ITEMS[rnd.randrange(len(ITEMS))]
        ws.append([f"F{rnd.randrange(20):02d}", source, item, round(rnd.uniform(0.1, 1000.0), 3), unit,
                   f"ledger-{i % 997}", "monthly reading"])
    wb.save(path)


def child_import(path: str) -> None:
    """Run in a fresh process: time calamine alone, then read_case + compute; report peak RSS."""
    import resource

    t0, m0, c0 = time.perf_counter(), time.thread_time(), time.process_time()
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    rows = wb.get_sheet_by_name("Activities").to_python()
    t_cal = time.perf_counter() - t0
    cpu_cal = (time.thread_time() - m0, time.process_time() - c0)
    n = len(rows) - 1
    del rows, wb
    t1 = time.perf_counter()
    from carbonmgr.inventory.engine import compute
    from carbonmgr.factors.library import default_library
    from carbonmgr.io.workbook import read_case

    lib = default_library()
    t_lib = time.perf_counter() - t1
    t2, m2, c2 = time.perf_counter(), time.thread_time(), time.process_time()
    case = read_case(path)
    t_read = time.perf_counter() - t2
    t3 = time.perf_counter()
    inv = compute(case, lib)
    t_calc = time.perf_counter() - t3
    cpu_import = [time.thread_time() - m2, time.process_time() - c2]  # read and compute, then the write
    total = inv.totals["total"]
    import tempfile

    from carbonmgr.storage.store import Project

    with tempfile.TemporaryDirectory() as tmp:  # what `carbonmgr import` adds: writing the project file
        t4, m4, c4 = time.perf_counter(), time.thread_time(), time.process_time()
        Project.create(Path(tmp) / "bench.carbon", case, inv, library=lib).close()
        t_project = time.perf_counter() - t4
        cpu_import[0] += time.thread_time() - m4
        cpu_import[1] += time.process_time() - c4
        project_mb = (Path(tmp) / "bench.carbon").stat().st_size / 1e6
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the import's peak, before reopening
        del case, inv
        t6 = time.perf_counter()  # opening it again: what the app and `carbonmgr calc firm.carbon` do first
        with Project.open(Path(tmp) / "bench.carbon") as project:
            project.load_case()
        t_open = time.perf_counter() - t6
    from carbonmgr.io.safety import check_sheet_extents
    from carbonmgr.io.workbook import _sheet_parts

    t5 = time.perf_counter()  # the sheet-extent check that read_case makes before calamine reads a sheet
    check_sheet_extents(path, _sheet_parts(Path(path)))
    t_extent = time.perf_counter() - t5
    print(json.dumps({"lines": n, "calamine_s": t_cal, "library_s": t_lib, "read_case_s": t_read,
                      "compute_s": t_calc, "project_s": t_project, "project_mb": project_mb, "peak_rss_mb": rss,
                      "total_t": total, "extent_s": t_extent, "open_s": t_open,
                      "cpu_main": cpu_import[0] / cpu_cal[0], "cpu_all": cpu_import[1] / cpu_cal[1]}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.child:
        child_import(args.child)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"activities_{args.lines}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        make_workbook(path, args.lines)
        print(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
    load_before = os.getloadavg()[0]
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["read_case_s"] + r["compute_s"])
    cal = min(r["calamine_s"] for r in runs)
    ours = best["read_case_s"] + best["compute_s"]
    print(f"lines: {best['lines']:,}")
    print(f"python-calamine alone (Activities sheet): {cal:.3f} s (best of {args.repeat})")
    print(f"CarbonMgr read_case (validated):          {best['read_case_s']:.3f} s")
    print(f"  of which the sheet-extent check:        {best['extent_s']:.3f} s "
          f"(streams each sheet once before calamine reads it)")
    print(f"CarbonMgr compute:                        {best['compute_s']:.3f} s")
    print(f"CarbonMgr total:                          {ours:.3f} s = {ours / cal:.2f} x calamine (target <= 1.5)")
    imp = min(runs, key=lambda r: r["read_case_s"] + r["compute_s"] + r["project_s"])
    whole = imp["read_case_s"] + imp["compute_s"] + imp["project_s"]
    print(f"CarbonMgr writing the project file:       {imp['project_s']:.3f} s ({imp['project_mb']:.1f} MB, "
          f"{imp['project_mb'] * 1e6 / imp['lines']:.0f} bytes per line)")
    print(f"carbonmgr import (read, compute, write):  {whole:.3f} s = {whole / cal:.2f} x calamine (target <= 1.5)")
    # the same ratio taken within each run (calamine and the import timed in one process one after the
    # other), so that a machine busy with other work during some runs does not skew it
    per_run = sorted((r["read_case_s"] + r["compute_s"] + r["project_s"]) / r["calamine_s"] for r in runs)
    ratio = per_run[0]
    verdict = "met" if ratio <= 1.5 else f"not met: {ratio * cal - 1.5 * cal:.2f} s too slow"
    print(f"  ratio per run (best, median):           {ratio:.2f} x, {statistics.median(per_run):.2f} x "
          f"-> target 1.5 x {verdict}")
    print(f"  every run's ratio:                      {', '.join(f'{r:.2f}' for r in per_run)} (load average "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} cores: a busy machine "
          f"slows the import's second thread more than calamine)")
    print(f"  CPU time instead of wall time (best, median): main thread {min(r['cpu_main'] for r in runs):.2f} x, "
          f"{statistics.median(r['cpu_main'] for r in runs):.2f} x; all threads {min(r['cpu_all'] for r in runs):.2f} x, "
          f"{statistics.median(r['cpu_all'] for r in runs):.2f} x (bounds of the ratio on an idle machine)")
    print(f"project file size:                        {imp['project_mb']:.1f} MB")
    print(f"opening the project again (load_case):    {min(r['open_s'] for r in runs):.3f} s")
    print(f"factor library load (once per process):   {best['library_s']:.3f} s")
    print(f"peak RSS of the import process:           {max(r['peak_rss_mb'] for r in runs):.0f} MB (target < 400)")
    times = []
    for _ in range(10):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "carbonmgr", "--version"], capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    print(f"carbonmgr --version: median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
          f"(target < 200 ms)")


if __name__ == "__main__":
    main()
