"""The app writes its report and its Excel export through the same facade path as the
command line (open -> compute -> write): for the demo, both give the same document."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import openpyxl
import pytest

from uihelpers import open_and_wait

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


def _cli(*args):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True, env=env,
                         timeout=180)
    assert out.returncode == 0, out.stderr
    return out


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def _cells(path) -> dict:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()


@needs_poppler
@pytest.mark.parametrize("standard, lang", [("ghgp", "en"), ("gbt32150", "zh")])
def test_report_page_writes_the_report_the_cli_writes(qtbot, win, tmp_path, standard, lang):
    open_and_wait(qtbot, win, "demo-en")
    page = win.report
    page.standard.setCurrentIndex(page.standard.findData(standard))
    page.lang.setCurrentIndex(page.lang.findData(lang))
    with qtbot.waitSignal(page.report_ready, timeout=90000):
        page.generate()
    rep = page.report
    assert rep.standard == standard and rep.lang == lang
    cli_pdf = tmp_path / "cli.pdf"
    _cli("report", "demo-en", "-o", str(cli_pdf), "--lang", lang, "--standard", standard)
    app_text, cli_text = _pdftotext(rep.path), _pdftotext(cli_pdf)
    assert len(app_text) > 1000 and app_text == cli_text


def test_excel_export_of_the_app_is_the_cli_export(qtbot, win, tmp_path):
    open_and_wait(qtbot, win, "demo-en")
    app_xlsx, cli_xlsx = tmp_path / "app.xlsx", tmp_path / "cli.xlsx"
    fut = win.report.export_excel(str(app_xlsx))
    qtbot.waitUntil(fut.done, timeout=60000)
    assert fut.exception() is None
    _cli("export", "demo-en", "-o", str(cli_xlsx), "--lang", "en")
    app, cli = _cells(app_xlsx), _cells(cli_xlsx)
    assert len(app) >= 3 and app == cli


def test_an_edited_case_is_reported_as_edited(qtbot, win, tmp_path):
    """The report is written from a snapshot of the edited case, not from the file on disk."""
    s = open_and_wait(qtbot, win, "demo-en")
    before = s.results.totals["total"]
    assert win.edit_cell(0, "quantity", str(s.value(0, "quantity") * 2)) is None
    qtbot.waitUntil(lambda: s.results.version == s.version)
    after = s.results.totals["total"]
    assert after > before
    out = tmp_path / "edited.xlsx"
    fut = win.report.export_excel(str(out))
    qtbot.waitUntil(fut.done, timeout=60000)
    assert fut.exception() is None
    from carbonmgr.facade import Workspace

    with Workspace.open(out) as again:
        assert again.compute().totals["total"] == pytest.approx(after, abs=1e-6)
