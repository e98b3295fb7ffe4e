"""Benchmark of the grader: 100 submissions of a Wuhan-type manufacturing exercise graded in one
``carbonmgr grade`` call, against one ``carbonmgr calc`` of its key (target: at most 10 times).

    python bench/grading.py [N]

Uses the bundled Wuhan exercise (resources/exercises/) when there is one, else builds a key like it
(coal boiler with a measured NCV, natural gas, diesel forklifts by month, purchased electricity and
steam, exported heat, a refrigerant top-up, limestone) into a temporary folder. The submissions are
real .xlsx files: the key's lines reordered, one split by month, every fifth with one mistake.
Both commands run as separate processes, as an instructor runs them; prints the wall times.
"""
from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

TARGET_RATIO = 10.0
CASE = [["key", "value"], ["title", "Wuhan Gear Works 2023"], ["standard", "gbt32150"], ["reporting_year", 2023],
        ["consolidation", "operational_control"]]
FACILITIES = [["id", "name", "region"], ["F1", "Main plant", "湖北"]]
HEADER = ["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "purity"]
KEY = [
    ["F1", "stationary_combustion", "烟煤", 1000, "t", 23.0, "GJ/t", None],
    ["F1", "stationary_combustion", "天然气", 50, "10^4 Nm3", None, None, None],
    ["F1", "mobile_combustion", "柴油", 24, "t", None, None, None],
    ["F1", "purchased_electricity", "", 1200, "MWh", None, None, None],
    ["F1", "purchased_heat", "", 5000, "GJ", None, None, None],
    ["F1", "exported_heat", "", 800, "GJ", None, None, None],
    ["F1", "fugitive", "hfc_134a", 15, "kg", None, None, None],
    ["F1", "process", "石灰石", 120, "t", None, None, 0.95],
]
BRIEF = [["key", "zh", "en", "value"], ["title", "武汉齿轮厂", "Wuhan Gear Works", None]]


def write_book(path: Path, sheets: dict) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    book.save(path)
    return path


def bundled_key() -> Path | None:
    folder = ROOT / "resources" / "exercises"
    found = sorted(p for p in folder.glob("*.xlsx") if "wuhan" in p.name.lower()) if folder.is_dir() else []
    return found[0] if found else None


def submissions_of(key: Path, n: int, folder: Path) -> list[Path]:
    """``n`` submissions of ``key``'s answer: its lines reordered, the first line split by month,
    and every fifth submission with one mistake (a quantity off by 10 % or a line left out)."""
    import copy

    from carbonmgr.inventory.model import Activity, ActivityTable
    from carbonmgr.io.workbook import write_case
    from carbonmgr.training.exercise import read_exercise

    exercise = read_exercise(key)
    rnd = random.Random(1)
    out = []
    for i in range(n):
        case = copy.deepcopy(exercise.key)
        lines = list(case.activities)
        first = lines.pop(0)
        lines += [Activity(0, first.facility, first.source, first.item, first.quantity / 12, first.unit,
                           dict(first.options)) for _ in range(12)]
        if i % 5 == 1:
            lines[0].quantity *= 1.1
        elif i % 5 == 2 and len(lines) > 13:
            lines.pop(0)
        rnd.shuffle(lines)
        for r, line in enumerate(lines):
            line.row = r + 2
        case.activities = ActivityTable.from_lines(lines)
        case.info.extra["trainee"] = f"trainee {i:03d}"
        path = folder / f"s{i:03d}.xlsx"
        write_case(case, path)
        out.append(path)
    return out


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "carbonmgr", *args], check=True, stdout=subprocess.DEVNULL,
                   cwd=str(ROOT))
    return time.perf_counter() - start


def main(n: int = 100) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        key = bundled_key()
        if key is None:
            key = write_book(tmp / "key.xlsx", {"Case": CASE, "Facilities": FACILITIES, "Activities": [HEADER, *KEY],
                                                "Brief": BRIEF})
        subs = submissions_of(key, n, tmp)
        # one calc of the key: the key's case (an exercise whose key quantities are expressions of its
        # variables is a case once they are set, as the grader reads it)
        from carbonmgr.io.workbook import write_case
        from carbonmgr.training.exercise import read_exercise

        key_case = write_case(read_exercise(key).key, tmp / "key-case.xlsx") or tmp / "key-case.xlsx"
        calc = statistics.median(run(["calc", str(key_case), "--json"]) for _ in range(3))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(key), *map(str, subs),
                               "--json", "--lang", "en"], check=True, capture_output=True, text=True, cwd=str(ROOT))
        grade = time.perf_counter() - start
        scores = [entry["score"] for entry in json.loads(done.stdout)]
        print(f"key: {key.name if key.parent == ROOT / 'resources' / 'exercises' else 'built-in Wuhan-type key'}")
        print(f"carbonmgr calc of the key (median of 3): {calc:.2f} s")
        print(f"carbonmgr grade of {n} submissions:        {grade:.2f} s ({grade / n * 1000:.0f} ms each); "
              f"{scores.count(100.0)} scored 100, the others {sorted(set(s for s in scores if s != 100.0))}")
        ratio = grade / calc
        print(f"ratio: {ratio:.2f}x (target: at most {TARGET_RATIO:g}x) -> {'ok' if ratio <= TARGET_RATIO else 'OVER'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
