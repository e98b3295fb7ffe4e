"""The PDF report as a verifier reads it (issue 10): the guideline it names is the document the
lines' default fuel parameters cite, in every sector; the charts add up to the total under each
standard; a line that uses another country's factor says so and why; no figure overlaps its
neighbour, no heading is left at a page's foot, units are typeset as the guidelines print them,
a citation names its publisher once; the trainee's feedback report. Real PDFs, read back with
pdftotext and pdffonts."""
from __future__ import annotations

import re
import subprocess

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("matplotlib")

from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import KeepTogether, Paragraph, Table  # noqa: E402

from carbonmgr.common.i18n import translate  # noqa: E402
from carbonmgr.common.numbers import tonnes  # noqa: E402
from carbonmgr.inventory.engine import compute  # noqa: E402
from carbonmgr.inventory.headline import headline  # noqa: E402
from carbonmgr.report import charts, write_report  # noqa: E402
from carbonmgr.report.pdf import ReportBuilder  # noqa: E402
from conftest_helpers import make_case  # noqa: E402
from test_report import demo_inventory, needs_font, needs_poppler  # noqa: E402

pytestmark = [needs_poppler, needs_font]

FUEL_LINES = [("stationary_combustion", "烟煤", 1000, "t", {}), ("stationary_combustion", "天然气", 10, "10^4 Nm3", {}),
              ("mobile_combustion", "柴油", 20, "t", {})]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def default_table_sources(inv) -> list[str]:
    """The documents the lines' fuel parameters cite when they come from the library (NCV, carbon
    content, oxidation rate: the default table of a guideline), in the order of the lines."""
    out: list[str] = []
    for g in inv.groups:
        for inp in g.calc.inputs:
            f = inp.factor
            if inp.origin == "library" and f is not None and f.param in ("ncv", "cc", "of") and f.source not in out:
                out.append(f.source)
    return out


@pytest.mark.parametrize("sector, cited, own_table", [
    ("general", ["发改办气候〔2013〕2526号"], "none"),
    ("steel", ["CETS-AG-03.01-V01-2024"], "all"),
    # power: coal with a measured NCV takes the guideline's coal CC and OF; the rest the 2013 table
    ("power", ["环办气候函〔2022〕485号", "发改办气候〔2013〕2526号"], "partly"),
    ("cement", ["发改办气候〔2013〕2526号"], "none"),
    ("aluminium", ["发改办气候〔2013〕2526号"], "none"),
])
def test_the_named_guideline_is_the_document_the_default_lines_cite(tmp_path, sector, cited, own_table):
    lines = FUEL_LINES + [("stationary_combustion", "烟煤", 500, "t", {"ncv": 21.5, "ncv_unit": "GJ/t"})]
    inv = compute(make_case("gbt32150", sector=sector, title="示例", lines=lines))
    sources = default_table_sources(inv)
    assert sources and all(any(c in s for s in sources) for c in cited)
    pdf = write_report(inv, tmp_path / "r.pdf", lang="zh")
    text = squeeze(pdf_text(pdf))
    start = text.index("燃料参数缺省值依据")
    named = text[start:text.index("核算边界内的设施", start)]
    refs = text[text.rindex("因子来源文件"):]
    for source in sources:  # each document the lines used is named, under its number in the list of sources
        m = re.search(r"\[(\d+)\]" + re.escape(squeeze(source)), named)
        assert m, (sector, source)
        assert f"[{m[1]}]{squeeze(source)}" in refs
    guideline = translate(f"guideline.{sector}", "zh")
    title = squeeze(guideline.split("》")[0] + "》")
    assert squeeze("行业核算指南" + guideline) in text
    if own_table == "all":
        assert "未收录" not in named and "未给出缺省值" not in named
    elif own_table == "none":  # said plainly: the sector guideline's own table is not in the library
        assert "因子库未收录" + title in named
    else:
        assert "因子库中" + title in named and "未给出缺省值的燃料参数" in named


def test_a_table_the_case_names_is_said_to_be_the_cases_choice(tmp_path):
    inv = compute(make_case("gbt32150", title="示例", factor_set="cn_mee_steel_2024", lines=FUEL_LINES))
    text = squeeze(pdf_text(write_report(inv, tmp_path / "r.pdf", lang="zh")))
    start = text.index("燃料参数缺省值依据")
    named = text[start:text.index("核算边界内的设施", start)]
    assert "CETS-AG-03.01-V01-2024" in named and "燃料参数缺省值表由案例指定" in named and "未收录" not in named


def test_the_english_report_names_the_same_documents(tmp_path):
    inv = compute(make_case("ghgp", title="Example", lines=FUEL_LINES))
    text = squeeze(pdf_text(write_report(inv, tmp_path / "r.pdf", lang="en")))
    named = text[text.index("Defaultfuelparametersfrom"):]
    for source in default_table_sources(inv):
        assert re.search(r"\[\d+\]" + re.escape(squeeze(source)), named)
    assert "Thefactorlibrarydoesnotholdthedefaultfueltableofthe" in named


@pytest.mark.parametrize("lang, standard", [("zh", "gbt32150"), ("en", "ghgp"), ("en", "iso14064"),
                                            ("en", "gbt32150")])
def test_every_chart_adds_up_to_the_total(lang, standard):
    inv = demo_inventory(lang, standard)
    h = headline(inv)
    for fn in (charts.chart_by_category, charts.chart_by_source, charts.chart_by_facility, charts.chart_by_gas):
        bars = [p.get_width() for p in fn(inv, lang).axes[0].patches]
        assert sum(bars) == pytest.approx(h.total.value, abs=1e-6), fn.__name__
    ax = charts.chart_by_category(inv, lang).axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [translate(p.label, lang) for p in h.shown_parts()]
    if standard == "gbt32150":  # the standard's categories, the deducted export as a negative bar
        assert translate("figures.gbt.fuel_combustion", lang) in names
        assert not any("Scope" in n or "范围" in n for n in names)
        exported = names.index(translate("figures.gbt.exported_electricity", lang))
        assert ax.patches[exported].get_width() < 0
    else:
        assert len(names) == 2  # Scope 1 and Scope 2 (location-based), or ISO categories 1 and 2


@pytest.mark.parametrize("lang, standard, caption", [
    ("zh", "gbt32150", "图1按GB/T32150排放类别的排放（各项之和等于总量：温室气体排放总量{t}tCO2e）"),
    ("en", "ghgp", "Figure1.Emissionsbyscope(thebarsadduptothetotal:TotalScope1+Scope2(location-based){t}tCO2e)"),
])
def test_the_chart_captions_state_the_reports_total(tmp_path, lang, standard, caption):
    inv = demo_inventory(lang, standard)
    text = squeeze(pdf_text(write_report(inv, tmp_path / "r.pdf", lang=lang)))
    total = tonnes(headline(inv).total.value, 0 if standard == "gbt32150" else 2)
    assert caption.format(t=total) in text
    assert text.count(total) >= 3  # cover, summary table, captions: the same figure


def test_a_line_with_another_countrys_factor_says_which_and_why(tmp_path):
    # the demo's hotel stays (Wuhan) take the UK government's (DESNZ) factor for stays in China
    inv = demo_inventory("zh", "gbt32150")
    text = squeeze(pdf_text(write_report(inv, tmp_path / "zh.pdf", lang="zh")))
    section = text[text.rindex("采用其他国家发布的因子"):]
    assert "范围三·酒店住宿（第15行）：采用英国发布的因子（EF53.5kg/间·夜；适用于中国），出自[6]UKGovernmentGHGConversion" \
           "FactorsforCompanyReporting2024。原因：该数据行指定采用该文件的因子；因子库中没有中国官方文件发布的此类因子。" in section
    assert "中途航班" in section and "采用美国发布的因子" in section
    # a hotel stay that names no factor set: the reason is that no Chinese document publishes one
    case = make_case("gbt32150", title="示例", lines=[("scope3", "hotel_stay", 10, "room-night",
                                                      {"scope3_category": 6, "region": "英国"})])
    text = squeeze(pdf_text(write_report(compute(case), tmp_path / "h.pdf", lang="zh")))
    assert "采用英国发布的因子" in text and "原因：因子库中没有中国官方文件发布的此类因子。" in text
    # the GHG Protocol report has no such section (its factors may come from any country)
    en = squeeze(pdf_text(write_report(demo_inventory("en", "ghgp"), tmp_path / "en.pdf", lang="en")))
    assert "Factorspublishedinothercountries" not in en


def _tables(story):
    for f in story:
        if isinstance(f, KeepTogether):
            yield from _tables(f._content)
        elif isinstance(f, Table):
            yield f


def ets_inventory(tmp_path):
    from case_books import ets_file

    from carbonmgr.io.workbook import read_case

    return compute(read_case(ets_file(tmp_path)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_plain_figure_is_wider_than_its_column(tmp_path, lang):
    """A table cell that does not wrap (figures, right-aligned) fits its column: a wider one would be
    drawn over its neighbour (the compliance trace's 2,702,016.67 t CO2 was)."""
    for inv in (demo_inventory(lang), ets_inventory(tmp_path)):
        b = ReportBuilder(inv, lang)
        story = b.build_story()
        checked = 0
        for t in _tables(story):
            for row in t._cellvalues:
                for value, width in zip(row, t._argW):
                    if isinstance(value, str) and value:
                        checked += 1
                        assert stringWidth(value, b.font, 7.8) <= width - 6 + 0.01, (value, width)
                    elif isinstance(value, Paragraph):
                        assert value.wrap(width - 6, 10_000)[0] <= width - 6 + 0.01
        assert checked > 50


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_heading_is_left_at_the_foot_of_a_page(tmp_path, lang):
    inv = demo_inventory(lang, "gbt32150" if lang == "zh" else "ghgp")
    b = ReportBuilder(inv, lang)
    headings = {" ".join(re.sub(r"<[^>]+>", "", f.text).split()) for f in b.build_story()
                if isinstance(f, Paragraph) and getattr(f, "_cm_key", None)}
    pdf = write_report(inv, tmp_path / "r.pdf", lang=lang)
    pages = pdf_text(pdf, "-layout").split("\f")
    for n, page in enumerate(pages[2:], start=3):  # after the cover and the contents
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if not re.match(r"^(第 \d+ 页 / 共 \d+ 页|Page \d+ of \d+)$", line)]
        if body:
            assert body[-1] not in headings, (n, body[-1])


def test_units_citations_and_fonts_as_a_reader_expects(tmp_path):
    pdf = write_report(demo_inventory("zh"), tmp_path / "zh.pdf", lang="zh")
    raw = pdf_text(pdf)
    text = squeeze(raw)
    assert "10⁴Nm³" in text and "10^4" not in raw and "Nm3" not in raw  # as the guidelines print them
    assert "(生态环境部国家统计局),生态环境部国家统计局" not in text  # the publishers named once
    assert "[3]《电力二氧化碳排放因子》2023年附件(生态环境部国家统计局)" in text
    assert "[6]UKGovernmentGHGConversionFactorsforCompanyReporting2024" in text  # the title in full
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows)  # every font embedded


@pytest.mark.parametrize("lang, header", [("zh", "序号"), ("en", "No.")])
def test_the_feedback_report_reads_cleanly(tmp_path, lang, header):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "training"))
    from exercise_books import CASE, KEY_LINES, write_exercise, write_submission

    from carbonmgr.report.feedback import write_feedback
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.grading import grade
    from carbonmgr.training.intake import load_submission

    exercise = read_exercise(write_exercise(tmp_path / "key.xlsx"))
    lines = [list(KEY_LINES[0]), list(KEY_LINES[1]), list(KEY_LINES[2])]
    lines[1][3] = 200
    sub = write_submission(tmp_path / "sub.xlsx", lines, case=CASE + [["trainee", "李四"]])
    pdf = write_feedback(grade(exercise, load_submission(sub), lang), tmp_path / "f.pdf", lang=lang)
    text = pdf_text(pdf)
    assert header in text.splitlines()  # the column's header on one line, not broken letter by letter
    where = [line for line in text.splitlines() if "3" in line and ("答案" in line or "key" in line.lower())]
    assert where and (lang == "en" or "；" in where[0])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_purchased_heat_cites_the_guideline_that_publishes_its_factor(tmp_path, lang):
    """The 0.11 tCO2/GJ heat default is cited by the official title of a guideline that prints it
    (the third-batch NDRC guideline for public-building operators, appendix table 3), not by a
    description of where it is recommended."""
    inv = demo_inventory(lang)
    heat = [inp.factor for g in inv.groups for inp in g.calc.inputs
            if inp.factor is not None and inp.factor.item == "heat_cn_default"]
    assert heat, "the demo case has purchased heat at the library default"
    text = squeeze(pdf_text(write_report(inv, tmp_path / f"{lang}.pdf", lang=lang)))
    assert "《公共建筑运营单位（企业）温室气体排放核算方法和报告指南（试行）》" in text
    assert "推荐的热力排放因子" not in text
