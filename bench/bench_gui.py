"""Benchmark of the desktop app (offscreen).  Prints:

  * start-up: `carbonmgr gui --smoke-test` (demo case read, computed and drawn) against a bare
    PySide6 window with one QTableView, both as fresh processes (target: at most 4x);
  * import of a 200,000-line workbook through the window: total time and the longest gap of a
    10 ms QTimer heartbeat on the GUI thread (target: no freeze over 100 ms);
  * save of the 200,000 lines as a project, and reopening it;
  * scrolling the 200,000-line table: scrollTo every 1000th row and repaint (per-step max);
  * sorting the 200,000 lines by t CO2e, item and quantity (off the GUI thread): time until shown
    sorted, and the longest gap of the GUI heartbeat meanwhile (target: no freeze over 100 ms);
  * a single quantity edit in a 10,000-line project until the totals label shows the new total
    (target: under 50 ms);
  * the Instructor page grading 100 sealed submissions of the bundled Wuhan exercise (bench/grading.py's
    class: lines reordered and split by month, every fifth with a mistake, written by a child
    process so that the app grades as freshly started) in the background, three times: the GUI
    event loop's gaps meanwhile (a 10 ms QTimer heartbeat in a running QEventLoop), max and p95
    per run (target: the largest well under 100 ms), and how many batches the gradebook took.

Usage: python bench/bench_gui.py [--lines 200000] [--runs 5] [--grading 100] [--only-grading]
Needs bench/out/activities_<N>.xlsx (python bench/bench_import.py makes it; made here if missing).
"""
from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

BARE = r"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QTableView
from PySide6.QtGui import QStandardItemModel, QStandardItem
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
model = QStandardItemModel(14, 8)
for r in range(14):
    for c in range(8):
        model.setItem(r, c, QStandardItem(f"{r}:{c}"))
view = QTableView()
view.setModel(model)
view.resize(1280, 800)
view.show()
def done():
    view.grab()
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _tmpdir() -> str:
    tmp = tempfile.mkdtemp(prefix="carbonmgr-bench-")
    atexit.register(shutil.rmtree, tmp, True)
    return tmp


def _env(tmp: str) -> dict:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", CARBONMGR_SETTINGS=str(Path(tmp) / "s.ini"),
                CARBONMGR_DATA_DIR=str(Path(tmp) / "rec"), CARBONMGR_NO_DIALOGS="1")


def _run(cmd, env) -> float:
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    dt = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{cmd} failed: {out.stderr}")
    return dt


def bench_startup(runs: int) -> None:
    tmp = _tmpdir()
    env = dict(_env(tmp), CARBONMGR_SMOKE_REPORT="0")  # time the window, not the smoke test's report check
    bare = [sys.executable, "-c", BARE]
    app = [sys.executable, "-m", "carbonmgr", "gui", "--smoke-test"]
    _run(bare, env), _run(app, env)  # warm the file cache
    t_bare = statistics.median(_run(bare, env) for _ in range(runs))
    t_app = statistics.median(_run(app, env) for _ in range(runs))
    print(f"start-up (median of {runs} fresh processes, to a drawn window):")
    print(f"  bare PySide6 window + QTableView : {t_bare * 1000:7.0f} ms")
    print(f"  carbonmgr gui demo (smoke test)  : {t_app * 1000:7.0f} ms   ratio {t_app / t_bare:.2f}x "
          f"(target <= 4x)")


def _wait(app, cond, timeout=300.0):
    end = time.monotonic() + timeout
    while not cond():
        app.processEvents()
        time.sleep(0.002)
        if time.monotonic() > end:
            raise TimeoutError
    app.processEvents()


def bench_in_window(lines: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = _tmpdir()
    os.environ.update({k: v for k, v in _env(tmp).items() if k.startswith(("CARBONMGR", "QT_"))})
    from PySide6.QtCore import QTimer

    from carbonmgr.ui import i18n
    from carbonmgr.ui.app import create_app
    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    app = create_app()
    i18n.set_language("en")
    win = MainWindow(Settings())
    win.ask = lambda *a, **k: "no"
    win.resize(1280, 800)
    win.show()
    win.tabs.setCurrentWidget(win.activities)
    app.processEvents()

    # ---- import with a heartbeat
    xlsx = OUT / f"activities_{lines}.xlsx"
    if not xlsx.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_import import make_workbook

        OUT.mkdir(parents=True, exist_ok=True)
        make_workbook(xlsx, lines)
    gaps = []
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    hb = QTimer()
    hb.setInterval(10)
    hb.timeout.connect(beat)
    hb.start()
    t0 = time.perf_counter()
    last[0] = t0
    op = win.import_workbook(str(xlsx))
    _wait(app, lambda: op.finished and win.session is not None and win.session.results is not None)
    t_import = time.perf_counter() - t0
    for _ in range(20):  # a few more beats after the table is shown
        app.processEvents()
        time.sleep(0.01)
    hb.stop()
    op = None  # let go of the import operation
    s = win.session
    print(f"import of {len(s):,} lines through the window: {t_import:.2f} s; GUI heartbeat (10 ms) max gap "
          f"{max(gaps) * 1000:.0f} ms, {sum(g > 0.1 for g in gaps)} gap(s) over 100 ms (target: none)")

    # ---- save as a project, reopen
    target = Path(tmp) / "big.carbon"
    t0 = time.perf_counter()
    fut = win.save(str(target))
    _wait(app, fut.done)
    print(f"save as a project: {time.perf_counter() - t0:.2f} s ({target.stat().st_size / 1e6:.0f} MB)")
    win.session = None
    t0 = time.perf_counter()
    win.open_path(str(target))
    _wait(app, lambda: win.session is not None and win.session.results is not None)
    print(f"reopen the project and compute: {time.perf_counter() - t0:.2f} s")

    # ---- scrolling
    view = win.activities.view
    model = win.activities.model
    n = model.rowCount()
    steps = []
    for row in range(0, n, 1000):
        t = time.perf_counter()
        view.scrollTo(model.index(row, 0))
        view.viewport().repaint()
        app.processEvents()
        steps.append(time.perf_counter() - t)
    print(f"scroll through {n:,} lines (scrollTo every 1000th row + repaint, {len(steps)} steps): "
          f"mean {statistics.mean(steps) * 1000:.1f} ms, max {max(steps) * 1000:.1f} ms")

    # ---- sorting by a column (header click): the order is computed on the task pool
    page = win.activities
    hh = view.horizontalHeader()
    for field in ("tco2e", "item", "quantity"):
        gaps.clear()
        hb.start()
        t0 = time.perf_counter()
        last[0] = t0
        before = model.order
        page.sort_by(field, True)
        t_click = time.perf_counter() - t0
        _wait(app, lambda before=before: model.order is not None and model.order is not before)
        view.viewport().repaint()
        t_sorted = time.perf_counter() - t0
        for _ in range(10):
            app.processEvents()
            time.sleep(0.01)
        hb.stop()
        print(f"sort {n:,} lines by {field} (descending): shown sorted after {t_sorted * 1000:.0f} ms "
              f"(order computed in {page.sort_seconds * 1000:.0f} ms, the click itself {t_click * 1000:.0f} ms); "
              f"GUI heartbeat max gap {max(gaps) * 1000:.0f} ms (target: no freeze over 100 ms)")
    t0 = time.perf_counter()
    model.setData(model.index(0, model.column_of("quantity")), "123")
    win.undo()
    print(f"edit + undo of the first sorted row: {(time.perf_counter() - t0) * 1000:.0f} ms")
    page.sort_by(None)
    del hh

    # ---- a single edit in a 10,000-line project
    from carbonmgr.editing.session import EditSession, copy_case

    small = copy_case(s.case)
    a = small.activities
    for col in (a.row, a.facility, a.source, a.item, a.quantity, a.unit, *a.options.values(), *a.extra.values()):
        del col[10_000:]
    path10 = Path(tmp) / "ten.carbon"
    EditSession(small, lang="en").save(path10).result()
    win.session = None
    win.open_path(str(path10))
    _wait(app, lambda: win.session is not None and win.session.results is not None)
    s10 = win.session
    label = win.totals_bar.values["total"]
    col = model.column_of("quantity")
    times = []
    for i in range(30):
        before = label.text()
        idx = model.index(i, col)
        t = time.perf_counter()
        model.setData(idx, str(1000.0 + i * 7.5))
        while label.text() == before:
            app.processEvents()
        label.repaint()
        times.append(time.perf_counter() - t)
    print(f"single edit in a {len(s10):,}-line project until the totals show it: median "
          f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms (target < 50 ms); "
          f"slowest: {', '.join(f'{t * 1000:.0f}' for t in sorted(times)[-3:])} ms")
    s10.discard_autosave()
    win.close()


def _sealed_class(n: int, folder: Path) -> Path:
    """``n`` sealed submissions of the bundled Wuhan exercise (bench/grading.py's answers); the key's path."""
    sys.path.insert(0, str(ROOT / "bench"))
    from grading import bundled_key, submissions_of

    from carbonmgr.facade import exams
    from carbonmgr.facade.workspace import Workspace

    key = bundled_key()
    answers = folder / "answers"
    answers.mkdir()
    exams.pack_exam(key, folder / "exam.cmexam")
    package = exams.read_exam(folder / "exam.cmexam")
    subs = folder / "class"
    subs.mkdir()
    for i, answer in enumerate(submissions_of(key, n, answers)):
        with Workspace.open(answer, lang="en") as ws:
            case = ws.case
        exams.submit_case(case, package, trainee_id=f"S{i:03d}", trainee_name=f"Trainee {i}",
                          output=subs / f"S{i:03d}.cmsub")
    return key


def bench_grading(n: int, runs: int = 3) -> None:
    """The Instructor page grading ``n`` sealed submissions while the GUI event loop runs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = _tmpdir()
    os.environ.update({k: v for k, v in _env(tmp).items() if k.startswith(("CARBONMGR", "QT_"))})
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from carbonmgr.ui import i18n
    from carbonmgr.ui.app import create_app
    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    # the class is made by another process, so that this one is an app as the instructor starts it
    made = subprocess.run([sys.executable, __file__, "--make-class", tmp, "--grading", str(n)], capture_output=True,
                          text=True, timeout=900)
    if made.returncode != 0:
        raise SystemExit(f"making the class failed: {made.stderr}")
    key = Path(made.stdout.strip().splitlines()[-1])
    app = QApplication.instance() or create_app()
    i18n.set_language("en")
    win = MainWindow(Settings())
    win.ask = lambda *a, **k: "discard"
    win.resize(1280, 800)
    win.show()
    win.open_path("demo")  # a case open in the window, as in a class
    _wait(app, lambda: win.session is not None and win.session.results is not None)
    page = win.exam_tools.show_instructor()
    page.choose_key(str(key))
    page.choose_folder(str(Path(tmp) / "class"))
    _wait(app, page.warmed.done)  # the page loads the grader while the instructor chooses the key and the folder
    all_gaps: list[float] = []
    print(f"Instructor page grading {n} sealed submissions (Wuhan exercise) in the background, "
          f"GUI heartbeat every 10 ms (target: largest gap well under 100 ms):")
    for run in range(runs):
        gaps: list[float] = []
        last = [time.perf_counter()]

        def beat(gaps=gaps, last=last) -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        loop = QEventLoop()
        heart = QTimer()
        heart.setInterval(10)
        heart.timeout.connect(beat)
        check = QTimer()
        check.setInterval(5)
        t0 = time.perf_counter()
        fut = page.grade()
        check.timeout.connect(lambda fut=fut, loop=loop: fut.done() and page.results and loop.quit())
        last[0] = time.perf_counter()
        heart.start()
        check.start()
        loop.exec()
        total = time.perf_counter() - t0
        end = time.perf_counter() + 0.2  # the last redraws
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)
        heart.stop()
        check.stop()
        all_gaps += gaps
        ordered = sorted(gaps)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"  run {run + 1}: {len(page.results)} graded and shown in {total:.2f} s; GUI gap max "
              f"{ordered[-1] * 1000:.0f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.0f} ms, "
              f"{sum(g > 0.1 for g in gaps)} over 100 ms; {getattr(page, 'flushes', '-')} gradebook batches; "
              f"load average {load:.1f} on {os.cpu_count()} CPUs")
    ordered = sorted(all_gaps)
    print(f"  all runs: GUI gap max {ordered[-1] * 1000:.0f} ms, p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.0f}"
          f" ms, median {statistics.median(ordered) * 1000:.0f} ms ({len(ordered)} beats)")
    page.close()
    win.close()
    win.tasks.shutdown()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument("--grading", type=int, default=100, help="submissions graded on the Instructor page")
    ap.add_argument("--only-grading", action="store_true", help="only the Instructor page's grading")
    ap.add_argument("--make-class", metavar="DIR", help=argparse.SUPPRESS)  # the child that writes the class
    args = ap.parse_args(argv)
    if args.make_class:
        print(_sealed_class(args.grading, Path(args.make_class)))
        return 0
    if not args.only_grading:
        if not args.skip_startup:
            bench_startup(args.runs)
        bench_in_window(args.lines)
    if args.grading:
        bench_grading(args.grading)
    return 0


if __name__ == "__main__":
    sys.exit(main())
