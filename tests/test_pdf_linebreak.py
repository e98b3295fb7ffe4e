"""Chinese lines in the PDF are broken as Chinese is typeset (issue 10's first-hour walk): a line of a
paragraph or of a table cell never begins with closing punctuation ("，首批）", a lone "》") nor
ends with opening punctuation, whatever the width; no character is lost or added. Real reportlab
paragraphs with the report's font, at every width from narrow cells to the page."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from carbonmgr.report.fonts import register_pdf_font
from carbonmgr.report.linebreak import CANNOT_END, CANNOT_START
from language_walk import bad_line_starts

TEXTS = [
    # the texts of the report where a line began with "，", "；" or "》"
    "《中国钢铁生产企业温室气体排放核算方法与报告指南（试行）》（发改办气候〔2013〕2526号，首批）常用化石燃料相关参数的缺省值",
    "所引文件的缺省值（因子集 英国政府温室气体换算因子（2024）；已核实）",
    "绿色电力 1500 MWh 按零排放计；其余电量 × 0.6096（生态环境部、国家统计局电力二氧化碳排放因子：全国，"
    "排放因子 CO2（不含市场化交易非化石能源电量）（2023 年），《电力二氧化碳排放因子》2023年 附件）",
    "甲，乙，丙。丁、戊；己：庚！辛？（壬）》“癸”。",
]


def line_texts(para: Paragraph, width: float) -> list[str]:
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    if para.blPara.kind == 0:  # one style: (extra space, [text])
        return ["".join(words) for _extra, words in lines]
    return ["".join(w.text for w in line.words) for line in lines]


@pytest.fixture(scope="module")
def font():
    return register_pdf_font()


@pytest.mark.parametrize("markup", [False, True], ids=["one style", "mixed styles"])
def test_no_chinese_line_begins_with_closing_punctuation(font, markup):
    style = ParagraphStyle("cell", fontName=font, fontSize=7.8, leading=10, wordWrap="CJK")
    seen = 0
    for text in TEXTS:
        source = f"<b>{text[:3]}</b>{text[3:]}" if markup else text
        for width in range(30, 400, 3):
            lines = line_texts(Paragraph(source, style), width)
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (width, lines)
            for a, b in zip(lines, lines[1:]):
                assert b[:1] not in CANNOT_START, (width, a, b)
                assert a.rstrip()[-1:] not in CANNOT_END, (width, a, b)
            seen += len(lines) > 1
    assert seen > 100  # the texts were broken, many times


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_begins_no_line_with_closing_punctuation(tmp_path, lang):
    """The demo report in each language: the Chinese titles an English report cites ("《...（试行）》")
    are broken as Chinese is too, never leaving a "》" or "，首批）" at the start of a line or cell."""
    from carbonmgr.facade import Workspace

    out = tmp_path / "report.pdf"
    with Workspace.open(f"demo-{lang}", lang=lang) as ws:
        ws.write_report(out, lang=lang)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "《" in text
    assert bad_line_starts(text) == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_a_table_column_is_as_wide_as_its_longest_word(tmp_path):
    """"kg/room-nigh|t" (the English report's parameters table, issue 10 walk): a column narrower than a
    word of its cells (a unit) had it cut between two letters; the table gives such a column the width
    of its longest word, from the columns with room to spare."""
    from carbonmgr.facade import Workspace

    out = tmp_path / "report.pdf"
    with Workspace.open("demo-en", lang="en") as ws:
        ws.write_report(out, lang="en")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    cut = [m.group(0) for m in re.finditer(r"room-nigh(?!t)|passeng(?!er-mile)|passenger-(?!mile)", text)]
    assert "kg/room-night" in text and cut == []
