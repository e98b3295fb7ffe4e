"""Entry point of the desktop app: ``carbonmgr gui [FILE] [--smoke-test]``.

Start-up stays light: matplotlib (charts), the Excel reader and sqlite-utils are
imported only when first needed, and the window is shown before the case is read.
"""
from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()


def _prepare_environment(smoke_test: bool) -> None:
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") and smoke_test and \
            not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_API", "PySide6")  # matplotlib's Qt backend uses this binding


def choose_language(settings, explicit: str | None) -> str:
    from carbonmgr.ui import i18n

    if explicit:
        return "zh" if explicit.lower().startswith("zh") else "en"
    saved = settings.get("ui/language")
    if saved in ("zh", "en"):
        return saved
    return i18n.system_lang()


def ensure_cjk_font(app) -> None:
    """Use a font that has Chinese glyphs (WenQuanYi / Noto / system CJK) when one is installed."""
    from PySide6.QtGui import QFont, QFontDatabase

    families = set(QFontDatabase.families())
    for name in ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                 "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"):
        if name in families:
            font = QFont(app.font())
            base = font.family()
            font.setFamilies([base, name] if base and base != name else [name])
            app.setFont(font)
            return


def create_app(argv=None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or [sys.argv[0]]))
    app.setOrganizationName("CarbonMgr")
    app.setApplicationName("CarbonMgr")
    app.setApplicationDisplayName("CarbonMgr")
    app.setDesktopFileName("carbonmgr")  # packaging/carbonmgr.desktop (Wayland matches windows to it)
    app.setWindowIcon(app_icon())
    ensure_cjk_font(app)
    return app


def app_icon():
    """The application icon (every PNG size of resources/icons), shown on every window."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from carbonmgr.common.paths import icon_files

    icon = QIcon()
    for size, path in icon_files().items():
        icon.addFile(str(path), QSize(size, size))
    return icon


def _smoke_report(workspace, lang: str) -> int:
    """Write the demo report (the Report page's and ``carbonmgr report``'s path) and render its
    first page: proves that reportlab, matplotlib, the CJK font and pypdfium2 all work in this
    build. Returns the number of pages (0 on failure)."""
    import tempfile
    from pathlib import Path

    try:
        from carbonmgr.ui.report_page import render_pages

        with tempfile.TemporaryDirectory() as folder:
            path = workspace.snapshot().write_report(Path(folder) / "smoke.pdf", lang=lang)
            images, count = render_pages(path, count=1)
            return count if images and not images[0].isNull() else 0
    except Exception as exc:  # noqa: BLE001 - reported, and the smoke test fails
        print(f"smoke test: report failed: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 0


def main(args=None) -> int:
    """Run the app.  ``args``: the CLI's namespace (``file``, ``smoke_test``, ``lang``) or None."""
    import multiprocessing

    multiprocessing.freeze_support()
    file = getattr(args, "file", None)
    smoke = bool(getattr(args, "smoke_test", False))
    lang_arg = getattr(args, "lang", None)
    _prepare_environment(smoke)
    from carbonmgr.common.i18n import normalize_lang
    from carbonmgr.ui.startup import problem

    stop = problem(normalize_lang(lang_arg))  # before Qt could abort: no [gui] extra, no display, xcb libraries
    if stop:
        print(stop, file=sys.stderr)
        return 2
    if smoke and not file:
        file = "demo"

    app = create_app()
    from carbonmgr.ui import i18n
    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    settings = Settings()
    i18n.set_language(choose_language(settings, lang_arg))
    win = MainWindow(settings)
    if smoke:
        os.environ.setdefault("CARBONMGR_NO_DIALOGS", "1")
        win.ask = lambda kind, text, buttons=("yes", "no"): "discard" if "discard" in buttons else "no"
    win.show()
    outcome = {"code": 0}

    if smoke:
        def ok():
            s = win.session
            if s is None or s.results is None or s.results.totals.get("total", 0) <= 0:
                outcome["code"] = 1
            else:
                win.grab()  # the window really draws the inventory
                elapsed = time.perf_counter() - _T0
                pages = -1
                if os.environ.get("CARBONMGR_SMOKE_REPORT", "1") != "0":  # bench/bench_gui.py times start-up only
                    pages = _smoke_report(win.workspace, i18n.current())
                    if pages < 1:
                        outcome["code"] = 1
                print(f"smoke test ok: {s.title}: total {s.results.totals['total']:,.2f} t CO2e, "
                      f"{len(s)} lines, shown after {elapsed * 1000:.0f} ms on Qt's {app.platformName()} platform"
                      + (f"; report of {pages} pages previewed" if pages >= 0 else ""),
                      flush=True)
            app.quit()

        def fail():
            print("smoke test failed: the case was not shown in time", file=sys.stderr, flush=True)
            outcome["code"] = 1
            app.quit()

        from PySide6.QtCore import QTimer

        win.results_shown.connect(lambda: QTimer.singleShot(0, ok))
        QTimer.singleShot(60_000, fail)

    if file:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: win.open_path(file))
    else:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: offer_untitled_recovery(win))
    code = app.exec()
    win.tasks.shutdown()
    return outcome["code"] or code


def offer_untitled_recovery(win) -> None:
    """After a crash: offer the autosave of an untitled session (an opened workbook, the demo)."""
    from PySide6.QtCore import QCoreApplication

    from carbonmgr.facade import Workspace
    from carbonmgr.ui import i18n
    from carbonmgr.ui.settings import data_dir

    found = Workspace.untitled_recoveries(data_dir())
    if not found:
        return
    data = max(found, key=lambda d: d.get("saved_at", ""))
    answer = win.ask("recover", QCoreApplication.translate("MainWindow", "CarbonMgr found unsaved work on “%1” from %2 (autosave). Recover it?")
                     .replace("%1", str(data.get("title", ""))).replace("%2", str(data.get("saved_at", ""))),
                     ("yes", "no"))
    if answer == "yes":
        from pathlib import Path

        from carbonmgr.facade import ImportJob
        from carbonmgr.ui.mainwindow import ImportOperation

        base = data.get("base") or {}
        job = (ImportJob(base["path"]) if base.get("kind") == "workbook" and ImportOperation._big(Path(base["path"]))
               else None)  # the user's workbook is read in a child process, as on import
        try:
            ws = Workspace.from_untitled_recovery(data, lang=i18n.current(), autosave_dir=data_dir(), job=job)
        except Exception as exc:  # noqa: BLE001
            win.show_error(exc)
            return
        win.install_workspace(ws, check_recovery=False)
    try:
        os.unlink(data["file"])
    except OSError:
        pass

