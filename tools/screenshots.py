"""Render screenshots of every view in both languages into docs/screenshots/ (offscreen).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--lang zh en] [--size 1280x800]

Uses a throw-away settings file; grabs the start page and the New project dialog, then opens
the bundled demo case and grabs each page of the window, whatever pages it has (the Report
page after generating the report, with its preview). Files are named
``<lang>_<n>_<page>.png``: ``0_start``, ``0_new_project``, then the pages in tab order.
Then the trainer's views on the bundled Wuhan exercise: the Exercises page, a practice project
after "Check my work", the exam mode of its package, and the Instructor page after grading a
folder of submissions to the cement plant exercise (the key, three with a mistake each, one edited after sealing), and the
ETS page on the bundled coal power plant exercise (a key with an ETS sheet), and the registry checklist
window after a check.
Chinese text is drawn with the WenQuanYi font (fonts-wqy-microhei) when installed.
"""
from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("brief", "boundary", "activities", "factors", "results", "report")  # names of the first pages


def _page_name(win, i: int) -> str:
    """A file name for tab ``i``: the known pages by name, others by their class (EtsPage -> ets)."""
    import re

    if i < len(PAGES):
        return PAGES[i]
    widget = win.tabs.widget(i)
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", type(widget).__name__.removesuffix("Page")).lower()
    return name or f"page{i + 1}"
MAX_BYTES = 200_000


def _wait(app, cond, timeout=30.0):
    end = time.monotonic() + timeout
    while not cond():
        app.processEvents()
        time.sleep(0.01)
        if time.monotonic() > end:
            raise TimeoutError("timed out")
    app.processEvents()


def _save(img, path: Path) -> int:
    """Save as PNG; reduce to an indexed palette if it is too big."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    img.save(str(path), "PNG")
    size = path.stat().st_size
    if size > MAX_BYTES:
        small = img.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither |
                                    Qt.ImageConversionFlag.AvoidDither)
        small.save(str(path), "PNG", 9)
        size = path.stat().st_size
    return size


def _show(path: Path, size: int) -> None:
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1024} KB")


def _settle(app, seconds=0.1) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _answers(key: Path, folder: Path) -> list[tuple[str, str, Path]]:
    """Case workbooks a class might hand in: the key, and copies with one mistake each."""
    import openpyxl

    def variant(name: str, change) -> Path:
        wb = openpyxl.load_workbook(key)
        ws = wb["Activities"]
        header = [str(c.value or "").split(" ")[0] for c in ws[1]]
        change(ws, header)
        for sheet in list(wb.sheetnames):  # a trainee hands in the case sheets only
            if sheet not in ("Case", "Facilities", "Activities", "Instruments", "Equipment"):
                del wb[sheet]
        path = folder / f"{name}.xlsx"
        wb.save(path)
        return path

    def tenfold(ws, header):  # a slip by a power of ten on the gas bill
        cell = ws.cell(3, header.index("quantity") + 1)
        cell.value = cell.value * 10

    def left_out(ws, header):  # a source left out
        ws.delete_rows(ws.max_row)

    def misread(ws, header):  # a figure misread from its document
        cell = ws.cell(2, header.index("quantity") + 1)
        cell.value = round(cell.value * 1.2, 2)

    return [("S01", "王芳", variant("S01", lambda ws, h: None)), ("S02", "李强", variant("S02", tenfold)),
            ("S03", "张伟", variant("S03", left_out)), ("S04", "陈静", variant("S04", misread)),
            ("S05", "刘洋", variant("S05", lambda ws, h: None))]


def _ets_exercise(folder: Path) -> Path | None:
    """A bundled exercise whose key has an ETS sheet (the power plant's), for the ETS page."""
    import openpyxl

    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            if "ETS" in wb.sheetnames or "配额" in wb.sheetnames:
                return path
        finally:
            wb.close()
    return None


def trainer_views(app, win, lang: str, out: Path, tmp: Path, first: int) -> None:
    import sqlite3

    from carbonmgr.common.paths import resource_dir
    from carbonmgr.facade.exams import pack_exam, submit

    n = first
    key = resource_dir() / "exercises" / "wuhan_manufacturing.xlsx"
    page = win.show_exercises()
    page.resize(1000, 640)
    _wait(app, lambda: page.listing.count() >= 4, 60)
    row = next(i for i, info in enumerate(page.infos) if info.path.stem == "wuhan_manufacturing")
    page.listing.setCurrentRow(row)
    _settle(app)
    path = out / f"{lang}_{n}_exercises.png"
    _show(path, _save(page.grab().toImage(), path))
    n += 1
    practice = tmp / f"{lang}-practice.carbon"
    win.ask_path = lambda kind, suggestion="": str(practice)
    page.start()
    _wait(app, lambda: win.session is not None and win.practice.exercise is not None
          and win.practice.dock.isVisible(), 60)
    win.tabs.setCurrentWidget(win.activities)
    win.practice.check()
    _wait(app, lambda: win.practice.last is not None and not win.practice.checking, 60)
    _settle(app, 0.3)
    path = out / f"{lang}_{n}_practice.png"
    _show(path, _save(win.grab().toImage(), path))
    n += 1

    exam = tmp / f"{lang}-exam.cmexam"
    pack_exam(key, exam)
    win.ask = lambda *a, **k: "discard" if "discard" in (a[2] if len(a) > 2 else k.get("buttons", ())) else "no"
    win.ask_path = lambda kind, suggestion="": str(tmp / f"{lang}-exam.carbon")
    win.exam_tools.open_exam(str(exam))
    _wait(app, lambda: win.exam_tools.mode is not None and win.exam_tools.mode.active
          and win.session is not None and win.session.results is not None, 60)
    win.tabs.setCurrentWidget(win.activities)
    _settle(app, 0.3)
    path = out / f"{lang}_{n}_exam.png"
    _show(path, _save(win.grab().toImage(), path))
    n += 1

    # the instructor grades a class on an exercise whose key holds no drawn variables (the cement plant)
    graded_key = resource_dir() / "exercises" / "cement_plant.xlsx"
    class_exam = tmp / f"{lang}-class.cmexam"
    pack_exam(graded_key, class_exam)
    folder = tmp / f"{lang}-collected"
    folder.mkdir()
    answers = tmp / f"{lang}-answers"
    answers.mkdir()
    for trainee, name, answer in _answers(graded_key, answers):
        submit(answer, class_exam, trainee_id=trainee, trainee_name=name, output=folder / f"{trainee}.cmsub")
    con = sqlite3.connect(folder / "S05.cmsub")  # edited outside the app after sealing
    with con:
        con.execute("UPDATE activities SET quantity = quantity * 0.9 WHERE rowid = (SELECT min(rowid) FROM activities)")
    con.close()
    inst = win.exam_tools.show_instructor()
    inst.resize(1280, 800)
    inst.choose_key(str(graded_key))
    inst.choose_folder(str(folder))
    fut = inst.grade()
    _wait(app, lambda: fut.done() and bool(inst.results), 120)
    _settle(app, 0.3)
    path = out / f"{lang}_{n}_instructor.png"
    _show(path, _save(inst.grab().toImage(), path))
    inst.close()
    n += 1

    if win.exam_tools.mode is not None:
        win.exam_tools.mode.leave()
    ets_case = _ets_exercise(resource_dir() / "exercises")
    if ets_case is None:
        print("no bundled exercise has an ETS sheet: the ETS page is shown on the demo only")
    else:
        before = win.session
        win.open_path(str(ets_case), check_recovery=False)
        _wait(app, lambda: win.session is not None and win.session is not before and win.session.results is not None,
              60)
        for i in range(win.tabs.count()):
            if _page_name(win, i) == "ets":
                win.tabs.setCurrentIndex(i)
        _settle(app, 1.0)
        path = out / f"{lang}_{n}_ets_{ets_case.stem}.png"
        _show(path, _save(win.grab().toImage(), path))
    n += 1

    # the registry checklist after a check: a step that does not belong, one out of order, one left out
    reg = win.show_registry_checklist()
    reg.resize(1280, 800)
    reg.set_answer(["C", "D", "F", "A", "J", "B", "I", "E", "G", "L"])
    reg.check()
    _settle(app, 0.3)
    path = out / f"{lang}_{n}_registry.png"
    _show(path, _save(reg.grab().toImage(), path))
    reg.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--lang", nargs="*", default=["zh", "en"])
    ap.add_argument("--size", default="1280x800")
    ap.add_argument("--no-trainer", dest="trainer", action="store_false", help="skip the trainer's and the ETS views")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp(prefix="carbonmgr-shots-")
    atexit.register(shutil.rmtree, tmp, True)
    os.environ["CARBONMGR_SETTINGS"] = str(Path(tmp) / "settings.ini")
    os.environ["CARBONMGR_DATA_DIR"] = str(Path(tmp) / "data")
    os.environ["CARBONMGR_NO_DIALOGS"] = "1"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    w, h = (int(x) for x in args.size.split("x"))

    from carbonmgr.ui import i18n
    from carbonmgr.ui.app import create_app
    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    app = create_app()
    for lang in args.lang:
        i18n.set_language(lang)
        win = MainWindow(Settings())
        win.ask = lambda *a, **k: "no"
        win.resize(w, h)
        win.show()
        app.processEvents()
        time.sleep(0.05)
        app.processEvents()
        path = out / f"{lang}_0_start.png"  # what plain `carbonmgr gui` shows
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{_save(win.grab().toImage(), path) // 1024} KB")
        from carbonmgr.ui.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(win, str(Path.home()))
        dialog.show()
        app.processEvents()
        path = out / f"{lang}_0_new_project.png"
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{_save(dialog.grab().toImage(), path) // 1024} KB")
        dialog.close()
        dialog.deleteLater()
        win.open_path("demo")
        _wait(app, lambda win=win: win.session is not None and win.session.results is not None)
        s = win.session
        for i in range(win.tabs.count()):
            name = _page_name(win, i)
            win.tabs.setCurrentIndex(i)
            if name == "activities":
                win.activities.select_position(0, "quantity")
            if name == "factors":
                _wait(app, lambda win=win: win.factors.model.rowCount() > 0)
                win.factors.find.setText("天然气" if lang == "zh" else "natural gas")
                win.factors.search()
            if name == "results":
                _wait(app, lambda win=win: len(win.results.canvases) == 4, 60)
                for c in win.results.canvases:
                    if hasattr(c, "draw"):
                        c.draw()
            if name == "report":  # a report in the UI's language, under the case's profile
                win.report.generate()
                _wait(app, lambda win=win: win.report.report is not None and win.report.job is None, 120)
                time.sleep(0.2)
            app.processEvents()
            time.sleep(0.05)
            app.processEvents()
            path = out / f"{lang}_{i + 1}_{name}.png"
            size = _save(win.grab().toImage(), path)
            print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1024} KB")
        s.discard_autosave()
        if args.trainer:
            trainer_views(app, win, lang, out, Path(tmp), win.tabs.count() + 1)
            if win.session is not None:
                win.session.discard_autosave()
        win.close()
        win.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
