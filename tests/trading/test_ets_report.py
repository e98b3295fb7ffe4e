"""The compliance section of the PDF report: written for a real case workbook with an ETS
sheet, read back with pdftotext; a case without ETS data has no such section."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from carbonmgr.cli import main
from case_books import ets_file

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("lang, words", [
    ("zh", ["碳排放权交易：配额分配与清缴", "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》",
            "国环规气候〔2024〕1号", "2,635,152", "2,531,352", "清缴截止日", "2024-12-31", "《碳排放权交易管理暂行条例",
            "国务院令第775号 第二十四条"]),
    ("en", ["Carbon trading: allocation and compliance", "国环规气候〔2024〕1号", "2,635,152", "Surrender deadline",
            "Fine, upper bound"]),
])
def test_the_report_has_a_compliance_section(tmp_path, capsys, lang, words):
    out = tmp_path / f"ets_{lang}.pdf"
    assert main(["--lang", lang, "report", str(ets_file(tmp_path)), "-o", str(out)]) == 0
    text = " ".join(pdf_text(out).split())
    squeezed = text.replace(" ", "")  # Chinese text may wrap between any two characters
    for w in words:
        assert w in text or (lang == "zh" and w.replace(" ", "") in squeezed), w
    for english in ("shortfall", "top-up", "held", "CNY", "None"):  # no English word in a Chinese report
        assert lang == "en" or english not in text, english
    # the report cites the published rule, not how we read it (that is the rule library's status)
    for status in ("逐字转录", "verbatim", "transcription", "依据：", "rule:"):
        assert status not in text, status
    # the fine of the shortfall: 5-10 × ¥90 × (2 702 016.67 − 2 648 457) t
    shortfall = 2_700_000 + 1000 * 20 * 0.0275 * 44 / 12 - (2_635_152 + 3_305 + 10_000)
    assert f"{5 * 90 * shortfall:,.2f}" in text and f"{10 * 90 * shortfall:,.2f}" in text


def test_no_compliance_section_without_ets_data(tmp_path):
    out = tmp_path / "demo.pdf"
    assert main(["--lang", "zh", "report", "demo", "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "碳排放权交易" not in text and "配额分配" not in text


@pytest.mark.parametrize("lang, words", [
    ("en", ["May be borrowed", "75,000 t", "Allowances borrowed", "70,000 t", "2023 pre-allocation",
            "国环规气候〔2023〕1号"]),
    ("zh", ["可预支配额量", "75,000 t", "预支配额", "70,000 t", "2023 年度预分配配额"]),
])
def test_the_compliance_section_shows_borrowing(tmp_path, lang, words):
    # the 2021 case of tests/trading/test_ets_borrowing.py: gap rate 15 %, up to 75 000 t may be borrowed
    from test_ets_borrowing import borrowing_file

    out = tmp_path / f"borrow_{lang}.pdf"
    assert main(["--lang", lang, "report", str(borrowing_file(tmp_path, "allowances_borrowed", 70_000)),
                 "-o", str(out)]) == 0
    text = " ".join(pdf_text(out).split())
    squeezed = text.replace(" ", "")
    for w in words:
        assert w in text or w.replace(" ", "") in squeezed, w


def test_a_report_with_too_much_borrowed_is_refused_located(tmp_path, capsys):
    from test_ets_borrowing import borrowing_file

    out = tmp_path / "borrow.pdf"
    assert main(["--lang", "en", "report", str(borrowing_file(tmp_path, "allowances_borrowed", 80_000)),
                 "-o", str(out)]) == 2
    assert "Case!B6" in capsys.readouterr().err and not out.exists()
