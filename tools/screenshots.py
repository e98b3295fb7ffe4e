"""Render screenshots of every view in both languages into docs/screenshots/ (offscreen).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--lang zh en] [--size 1280x800]

Uses a throw-away settings file; grabs the start page and the New project dialog, then opens
the bundled demo case and grabs each page of the window, whatever pages it has (the Report
page after generating the report, with its preview). Files are named
``<lang>_<n>_<page>.png``: ``0_start``, ``0_new_project``, then the pages in tab order.
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--lang", nargs="*", default=["zh", "en"])
    ap.add_argument("--size", default="1280x800")
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
        win.close()
        win.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
