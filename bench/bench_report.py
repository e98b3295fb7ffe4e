"""Benchmark of the report writer: time of a 500-line report, peak memory of a 20,000-line one.

    python bench/bench_report.py            # both figures
    python bench/bench_report.py --keep DIR # also keep the PDFs and workbooks in DIR

Each case is generated in Python (facilities × months × items, like meter readings), computed,
then written as a PDF (with its four charts) and exported to Excel, each in a fresh
subprocess so that the peak memory (ru_maxrss) belongs to that case alone.  Targets: the
500-line report in under 3 s, the 20,000-line report within 500 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = [  # (source, item, unit, typical monthly quantity, options)
    ("stationary_combustion", "natural_gas", "10^4 Nm3", 4.0, {}),
    ("stationary_combustion", "bituminous_coal", "t", 120.0, {}),
    ("mobile_combustion", "diesel", "t", 1.5, {}),
    ("mobile_combustion", "gasoline", "t", 0.7, {}),
    ("process", "limestone", "t", 8.0, {"purity": 0.92}),
    ("fugitive", "R-410A", "kg", 3.0, {}),
    ("purchased_electricity", "", "MWh", 900.0, {}),
    ("purchased_heat", "", "GJ", 400.0, {}),
]
REGIONS = ["湖北", "湖南", "广东", "江苏", "浙江", "山东", "河南", "四川", "北京", "上海"]


def make_case(n_lines: int, n_facilities: int, standard: str = "gbt32150"):
    from carbonmgr.inventory.model import Activity, ActivityTable, CaseData, CaseInfo, Facility

    info = CaseInfo(title=f"Benchmark {n_lines} lines", standard=standard, reporting_year=2023,
                    extra={"company": "基准测试有限公司", "grid_year": 2023})
    facs = [Facility(f"F{i + 1}", f"工厂 {i + 1}", REGIONS[i % len(REGIONS)]) for i in range(n_facilities)]
    acts = ActivityTable()
    k = 0
    while k < n_lines:
        for fac in facs:
            for source, item, unit, qty, opts in ITEMS:
                if k >= n_lines:
                    break
                month = k // (len(facs) * len(ITEMS))
                opts = dict(opts, evidence=f"台账 {month % 12 + 1:02d}", uncertainty=5.0)
                acts.append(Activity(k + 2, fac.id, source, item, qty * (1 + (k % 7) / 10), unit, opts))
                k += 1
    return CaseData(info=info, facilities=facs, activities=acts)


def run_one(n_lines: int, n_facilities: int, out_dir: str) -> dict:
    import resource

    from carbonmgr.inventory.engine import compute
    from carbonmgr.report import export_inventory, write_report

    case = make_case(n_lines, n_facilities)
    t0 = time.perf_counter()
    inv = compute(case)
    t1 = time.perf_counter()
    pdf = Path(out_dir) / f"report_{n_lines}.pdf"
    write_report(inv, pdf, lang="zh")
    t2 = time.perf_counter()
    xlsx = Path(out_dir) / f"inventory_{n_lines}.xlsx"
    export_inventory(inv, xlsx, lang="zh")
    t3 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024
    pages = None
    try:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    except (OSError, StopIteration, ValueError):
        pass
    return {"lines": n_lines, "groups": sum(1 for g in inv.groups if g.calc), "compute_s": t1 - t0,
            "report_s": t2 - t1, "export_s": t3 - t2, "peak_mb": rss_mb, "pages": pages,
            "pdf_kb": pdf.stat().st_size // 1024, "xlsx_kb": xlsx.stat().st_size // 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="directory to keep the files in")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(int(args.child[0]), int(args.child[1]), args.child[2])))
        return
    out_dir = args.keep or tempfile.mkdtemp(prefix="bench_report_")
    os.makedirs(out_dir, exist_ok=True)
    # warm-up: font discovery, matplotlib's font cache (a first run on a new machine builds it)
    subprocess.run([sys.executable, __file__, "--child", "20", "2", out_dir], capture_output=True, check=True)
    results = []
    for n_lines, n_fac in ((500, 6), (20_000, 25)):
        out = subprocess.run([sys.executable, __file__, "--child", str(n_lines), str(n_fac), out_dir],
                             capture_output=True, text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            raise SystemExit(out.returncode)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for r in results:
        print(f"{r['lines']:>6} lines ({r['groups']} groups): report {r['report_s']:.2f} s "
              f"({r['pages']} pages, {r['pdf_kb']} KB), export {r['export_s']:.2f} s ({r['xlsx_kb']} KB), "
              f"compute {r['compute_s']:.2f} s, peak memory {r['peak_mb']:.0f} MB")
    small, big = results
    print(f"500-line report with charts: {small['report_s']:.2f} s (target < 3 s)")
    print(f"20,000-line report: peak {big['peak_mb']:.0f} MB (target < 500 MB), {big['report_s']:.1f} s")


if __name__ == "__main__":
    main()
