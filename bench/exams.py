"""Benchmark of exams: packing, sealing and checking submissions, and the Instructor page grading a
folder of sealed submissions in the app (offscreen). Prints:

  * `exam pack` of the bundled Wuhan exercise: one package, and N variants (each with its key,
    recomputed by the engine);
  * writing one sealed submission (.cmsub) and reading it back with its seal checked;
  * the Instructor page grading N sealed submissions on the task pool: wall time until the
    gradebook is shown, and the longest gap of a 10 ms QTimer heartbeat on the GUI thread
    meanwhile (target: no freeze over 100 ms: the window stays responsive).

Usage: python bench/exams.py [N]   (default 100)
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CARBONMGR_NO_DIALOGS", "1")

FREEZE_TARGET_MS = 100


def main(n: int = 100) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="carbonmgr-bench-exams-"))
    os.environ["CARBONMGR_SETTINGS"] = str(tmp / "settings.ini")
    os.environ["CARBONMGR_DATA_DIR"] = str(tmp / "recovery")
    from carbonmgr.facade import exams
    from carbonmgr.facade.grading import read_exercise
    from carbonmgr.training.submission import read_submission, write_submission

    key = ROOT / "resources" / "exercises" / "wuhan_manufacturing.xlsx"
    t0 = time.perf_counter()
    exams.pack_exam(key, tmp / "exam.cmexam")
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = exams.pack_exam(key, tmp / "variants", variants=30, seed=1)
    many = time.perf_counter() - t0
    print(f"exam pack, one package:                {one:.2f} s")
    print(f"exam pack, 30 variants with their keys: {many:.2f} s ({many / len(result.variants) * 1000:.0f} ms each)")

    package = exams.read_exam(tmp / "exam.cmexam")
    answer = read_exercise(key).key
    folder = tmp / "subs"
    folder.mkdir()
    writes, reads = [], []
    for i in range(n):
        t0 = time.perf_counter()
        write_submission(folder / f"s{i:03d}.cmsub", answer, package=package.identity(), trainee_id=f"S{i:03d}")
        writes.append(time.perf_counter() - t0)
    for i in range(n):
        t0 = time.perf_counter()
        assert read_submission(folder / f"s{i:03d}.cmsub").seal == "ok"
        reads.append(time.perf_counter() - t0)
    print(f"sealed submission written (median of {n}): {statistics.median(writes) * 1000:.0f} ms")
    print(f"sealed submission read + seal checked:     {statistics.median(reads) * 1000:.0f} ms")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv)
    win = MainWindow(Settings())
    win.resize(1280, 800)
    win.show()
    page = win.exam_tools.show_instructor()
    page.choose_key(str(key))
    page.choose_folder(str(folder))
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.setInterval(10)
    heart.timeout.connect(beat)
    heart.start()
    t0 = time.perf_counter()
    last[0] = t0
    fut = page.grade()
    while not (fut.done() and page.results):
        app.processEvents()
        time.sleep(0.002)
    total = time.perf_counter() - t0
    heart.stop()
    worst = max(gaps) * 1000 if gaps else 0.0
    typical = statistics.median(gaps) * 1000 if gaps else 0.0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Instructor page, {n} sealed submissions graded and shown: {total:.2f} s "
          f"({total / n * 1000:.0f} ms each)")
    print(f"longest GUI freeze meanwhile: {worst:.0f} ms (target: at most {FREEZE_TARGET_MS} ms) -> "
          f"{'ok' if worst <= FREEZE_TARGET_MS else 'OVER'}; median heartbeat {typical:.0f} ms; "
          f"load average {load:.1f} on {os.cpu_count()} CPUs (a loaded machine's scheduler adds to the gaps)")
    page.close()
    win.answers = {}
    win.ask = lambda *a, **k: "discard"
    win.close()
    win.tasks.shutdown()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
