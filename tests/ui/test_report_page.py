"""The Report page and the File menu's exports, through the real window on real files (offscreen)."""
from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from carbonmgr.ui import report_page
from uihelpers import open_and_wait

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


def _answer_save_dialog(monkeypatch, path) -> list:
    """QFileDialog.getSaveFileName answers ``path``; returns the list of the dialogs' (title, start) calls."""
    calls = []

    def fake(parent, title, start, filters, *a, **k):
        calls.append((title, start, filters))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


@needs_poppler
def test_generate_chinese_report_preview_and_save(qtbot, win, tmp_path, monkeypatch):
    win.set_language("zh")
    s = open_and_wait(qtbot, win, "demo")
    page = win.report
    win.tabs.setCurrentWidget(page)
    # the empty state: what to do, nothing to save yet; the defaults are the case's profile and the UI language
    assert page.empty.isVisible() and "生成" in page.empty.text()
    assert not page.save_btn.isEnabled() and not page.progress.isVisible() and not page.cancel_btn.isVisible()
    assert page.standard.currentData() == s.case.info.standard == "gbt32150"
    assert page.lang.currentData() == "zh"

    with qtbot.waitSignal(page.report_ready, timeout=60000):
        qtbot.mouseClick(page.generate_btn, Qt.MouseButton.LeftButton)
        assert page.job is not None and page.progress.isVisible() and page.cancel_btn.isVisible()
        assert not page.generate_btn.isEnabled()
    rep = page.report
    assert rep.lang == "zh" and rep.pages >= 4 and rep.path.exists()
    assert len(page.preview.pages) >= 2 and len(page.preview.pages) == min(4, rep.pages)
    assert all(not p.pixmap().isNull() and p.isVisible() for p in page.preview.pages)
    assert page.scroll.isVisible() and not page.empty.isVisible() and page.save_btn.isEnabled()
    assert page.preview_note.isVisible() and f"共 {rep.pages} 页" in page.preview_note.text()

    # no English left on the page with a report shown
    from test_i18n_models import _english_strings, _visible_texts

    english = _english_strings()
    assert [(w, t) for w, t in _visible_texts(win) if t.strip(" :…()：") in english] == []

    # Save PDF … copies it where the user chooses (the suffix is added) and remembers the folder
    calls = _answer_save_dialog(monkeypatch, tmp_path / "out" / "武汉报告")
    (tmp_path / "out").mkdir()
    fut = page.save_pdf()
    qtbot.waitUntil(fut.done, timeout=20000)
    saved = tmp_path / "out" / "武汉报告.pdf"
    assert fut.exception() is None and saved.exists()
    assert calls and calls[0][1].endswith(".pdf")
    assert win.settings.get("files/export_dir") == str(tmp_path / "out")
    text = _pdftotext(saved)
    assert "温室气体" in text
    assert f"{s.results.totals['total']:,.0f}" in text  # the total in whole tonnes (9,777)

    # an edit makes the report out of date, and says so
    assert win.edit_cell(0, "quantity", "50") is None
    qtbot.waitUntil(lambda: page.message_kind == "stale" and page.message.isVisible())
    assert "重新生成" in page.message.text()


def test_cancel_leaves_nothing_and_the_page_idle(qtbot, win, monkeypatch):
    open_and_wait(qtbot, win, "demo")
    page = win.report
    win.tabs.setCurrentWidget(page)
    reached = threading.Event()
    original = report_page.ReportJob.on_progress

    def held(self, done, total):  # hold the writer at its first step until the user cancels
        original(self, done, total)
        if done >= 1:
            reached.set()
            self.cancel.wait(20)
        return original(self, done, total)

    monkeypatch.setattr(report_page.ReportJob, "on_progress", held)
    job = page.generate()
    qtbot.waitUntil(reached.is_set, timeout=30000)
    qtbot.waitUntil(lambda: page.progress.maximum() > 1 and page.progress.value() >= 1, timeout=5000)
    assert page.cancel_btn.isVisible() and not page.generate_btn.isEnabled()
    assert page.stage_label.text() == "Writing the report …"

    qtbot.mouseClick(page.cancel_btn, Qt.MouseButton.LeftButton)
    # idle at once
    assert page.job is None and page.generate_btn.isEnabled() and page.standard.isEnabled()
    assert not page.cancel_btn.isVisible() and not page.progress.isVisible()
    qtbot.waitUntil(job.future.done, timeout=30000)
    from carbonmgr.report import ReportCancelled

    assert isinstance(job.future.exception(), ReportCancelled)
    qtbot.wait(50)
    assert not job.folder.exists()  # neither the report nor the writer's temporary file
    assert page.report is None and page.empty.isVisible() and not page.save_btn.isEnabled()
    assert page.message_kind == ""
    assert win.statusBar().currentMessage() == "Report cancelled"


def test_missing_chinese_font_is_a_clear_message(qtbot, win, monkeypatch):
    import carbonmgr.report as report
    from carbonmgr.report import FontNotFound

    def no_font(*a, **k):
        raise FontNotFound([("/usr/share/fonts/x.otf", "cff")])

    monkeypatch.setattr(report, "write_report", no_font)
    open_and_wait(qtbot, win, "demo")
    page = win.report
    win.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.job_finished, timeout=30000):
        page.generate()
    text = page.message.text()
    assert page.message.isVisible() and page.message_kind == "error"
    assert text.startswith("No Chinese (CJK) TrueType font was found") and "x.otf" in text
    assert "Traceback" not in text and page.job is None and page.generate_btn.isEnabled()
    win.set_language("zh")
    qtbot.wait(50)
    assert page.message.text().startswith("未找到可用于 PDF 报告的中文 TrueType 字体")


def test_problems_of_the_case_stop_the_report(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    page = win.report
    assert win.edit_cell(0, "item", "no such fuel") is None
    qtbot.waitUntil(lambda: s.results.version == s.version)
    with qtbot.waitSignal(page.job_finished, timeout=30000):
        page.generate()
    assert page.message_kind == "error" and "1 problem(s)" in page.message.text()
    assert win.problems_dock.isVisible() and win.problem_model.rowCount() == 1
    assert page.report is None


def test_export_report_pdf_from_the_menu(qtbot, win, tmp_path, monkeypatch):
    open_and_wait(qtbot, win, "demo")
    page = win.report
    target = tmp_path / "report.pdf"
    _answer_save_dialog(monkeypatch, target)
    assert win.act_export_pdf in win.menu_file.actions() and win.act_export_pdf.shortcut().toString() == "Ctrl+E"
    page.standard.setCurrentIndex(page.standard.findData("ghgp"))
    page.lang.setCurrentIndex(page.lang.findData("en"))
    with qtbot.waitSignal(page.report_ready, timeout=60000):
        win.act_export_pdf.trigger()
    assert win.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: target.exists() and page._copy_future.done(), timeout=20000)
    assert target.read_bytes() == page.report.path.read_bytes() and page.report.standard == "ghgp"
    # a current report is copied, not written again
    again = tmp_path / "again.pdf"
    _answer_save_dialog(monkeypatch, again)
    fut = win.report.export_pdf()
    assert page.job is None
    qtbot.waitUntil(fut.done, timeout=20000)
    assert again.read_bytes() == target.read_bytes()


def test_export_excel_from_the_menu_imports_again(qtbot, win, tmp_path, monkeypatch):
    from carbonmgr.inventory.engine import compute
    from carbonmgr.io.workbook import read_case

    s = open_and_wait(qtbot, win, "demo")
    target = tmp_path / "inventory.xlsx"
    calls = _answer_save_dialog(monkeypatch, target)
    assert win.act_export_xlsx in win.menu_file.actions()
    assert win.act_export_xlsx.shortcut().toString() == "Ctrl+Shift+E"
    win.act_export_xlsx.trigger()
    fut = win.report._excel_future
    qtbot.waitUntil(fut.done, timeout=30000)
    assert fut.exception() is None and target.exists()
    assert calls and calls[0][1].endswith(".xlsx")
    assert Path(win.settings.get("files/export_dir")) == tmp_path
    inv = compute(read_case(target))
    assert inv.totals["total"] == pytest.approx(s.results.totals["total"], abs=1e-6)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Exported the inventory to"))
