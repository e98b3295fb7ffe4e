"""The report writer: real PDFs of the demo case (zh/en × three profiles), the Excel export, fonts, CLI."""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("matplotlib")

from carbonmgr.inventory.engine import compute  # noqa: E402
from carbonmgr.factors.library import norm_name  # noqa: E402
from carbonmgr.inventory.model import SOURCE_ALIASES  # noqa: E402
from carbonmgr.report import FontNotFound, ReportCancelled, export_inventory, fonts, write_report  # noqa: E402
from carbonmgr.report.labels import label  # noqa: E402
from carbonmgr.common.i18n import translate  # noqa: E402
from carbonmgr.report.pdf import _tidy_citation, fmt_line, fmt_t  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdfinfo"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed")
PROFILES = ("gbt32150", "ghgp", "iso14064")


def _font_available() -> bool:
    try:
        fonts.find_cjk_font()
        return True
    except FontNotFound:
        return False


needs_font = pytest.mark.skipif(not _font_available(), reason="no TrueType CJK font on this machine "
                                                               "(set CARBONMGR_CJK_FONT)")


def demo_case(lang: str, standard: str | None = None):
    """The bundled demo case, built by resources/demo/make_demo.py, with canonical source names."""
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "resources" / "demo" / "make_demo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    case = mod.build(lang)
    canon = {norm_name(a): k for k, v in SOURCE_ALIASES.items() for a in v + [k]}
    case.activities.source = [canon[norm_name(s)] for s in case.activities.source]
    if standard:
        case.info = dataclasses.replace(case.info, standard=standard)
    return case


def demo_inventory(lang: str, standard: str | None = None):
    return compute(demo_case(lang, standard))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdfpages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """One PDF per language and profile, written once for the module."""
    if not _font_available():
        pytest.skip("no TrueType CJK font on this machine (set CARBONMGR_CJK_FONT)")
    out = {}
    base = tmp_path_factory.mktemp("reports")
    for lang in ("zh", "en"):
        for std in PROFILES:
            inv = demo_inventory(lang, std)
            path = base / f"demo_{lang}_{std}.pdf"
            write_report(inv, path, lang=lang)
            out[(lang, std)] = (inv, path)
    return out


def headings(std: str, lang: str) -> list[str]:
    if std == "gbt32150":
        keys = ["gbt_s1", "gbt_s2", "gbt_s3", "gbt_s4", "gbt_s5", "gbt_s6", "gbt_s2_by_source", "gbt_s2_by_gas",
                "gbt_s2_by_facility", "gbt_s4_gwp", "factor_sources", "qa_records"]
    else:
        keys = ["int_s1", "int_s1_orgb", "int_s1_opb", "int_s1_period", "int_s2", "int_s2_scope2", "int_s3",
                "int_s4", "int_s5", "int_s7", "int_s8", "int_s8_methods", "int_s8_factors", "int_s8_gwp",
                "int_s9", "int_s10", "factor_sources"]
        if std == "iso14064":
            keys += ["int_s6_iso", "int_s11_iso"]
    return [label(k, lang) for k in keys] + [label("appendix", lang), label("toc", lang)]


# --------------------------------------------------------------------------------------------- PDF
@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("std", PROFILES)
def test_report_text(reports, lang, std):
    inv, path = reports[(lang, std)]
    text = squash(pdftext(path))
    t = inv.totals
    for key in ("total", "scope1", "scope2_location", "scope2_market", "scope3"):
        assert squash(fmt_t(t[key], std)) in text, key
    if std == "gbt32150":
        assert fmt_t(t["total"], std) == f"{t['total']:,.0f}"  # whole tonnes
        assert squash(fmt_t(t["scope2"], std)) in text
        assert squash(fmt_t(-t["exported"], std)) in text  # the deduction
    for h in headings(std, lang):
        assert squash(h) in text, h
    for f in inv.factors_used().values():
        citation = ", ".join(b for b in (f["source"], f["publisher"], str(f["year_published"] or "")) if b)
        assert squash(_tidy_citation(citation)) in text, citation  # a publisher the title names, once
    for gas in inv.gwps_used():
        assert squash(gas) in text
    # every facility, including the one outside the boundary (an exclusion)
    for fac in inv.case.facilities:
        assert squash(fac.name) in text
    # the calculation of every line: its row number and formula
    for line in inv.lines():
        assert squash(line["trace"]["formula"]) in text


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_specific_content(reports, lang):
    _, gbt = reports[(lang, "gbt32150")]
    _, ghgp = reports[(lang, "ghgp")]
    _, iso = reports[(lang, "iso14064")]
    gbt_t, ghgp_t, iso_t = (squash(pdftext(p)) for p in (gbt, ghgp, iso))
    assert squash(label("biogenic_separate", lang)) in gbt_t
    assert squash(label("qa_monitoring_plan", lang)) in gbt_t
    assert squash(label("placeholder", lang)) in gbt_t  # QA items the demo does not fill in
    for t in (ghgp_t, iso_t):
        assert squash(label("scope2_market", lang)) in t
        assert squash(label("biogenic_outside", lang)) in t
        assert squash(label("s3_category_col", lang)) in t
    # the summary names the parts of the total as each standard does: Scope 2 (location-based) under the
    # GHG Protocol, category 2 under ISO 14064-1
    assert squash(label("scope2_location", lang)) in ghgp_t
    assert squash(translate("figures.iso.category2", lang)) in iso_t
    assert squash(label("iso_category_col", lang)) not in ghgp_t
    for n in range(1, 7):
        from carbonmgr.report.labels import iso_category_name

        assert squash(iso_category_name(n, lang)) in iso_t


@needs_poppler
@pytest.mark.parametrize("key", [("zh", "gbt32150"), ("en", "ghgp"), ("zh", "iso14064"), ("en", "gbt32150")])
def test_fonts_embedded(reports, key):
    _, path = reports[key]
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        cols = row.split()
        emb = cols[-5]
        assert emb == "yes", row
        assert "Type 1" not in row and "Helvetica" not in row and "Times" not in row


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("std", PROFILES)
def test_pages_numbered(reports, lang, std):
    _, path = reports[(lang, std)]
    n = pdfpages(path)
    assert n > 3
    pages = pdftext(path).split("\f")
    for i in range(2, n + 1):  # the cover carries no number
        assert squash(label("page_of", lang, n=i, total=n)) in squash(pages[i - 1]), i


@needs_font
def test_progress_and_cancel(tmp_path):
    inv = demo_inventory("zh")
    calls = []
    out = tmp_path / "r.pdf"
    write_report(inv, out, progress=lambda d, t: calls.append((d, t)))
    assert out.stat().st_size > 10_000
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))

    seen = []

    def cancel(done, total):
        seen.append(done)
        return len(seen) < 5

    cancelled = tmp_path / "c.pdf"
    with pytest.raises(ReportCancelled) as exc:
        write_report(inv, cancelled, progress=cancel)
    assert not cancelled.exists()
    assert not list(tmp_path.glob(".~*"))  # no temporary file left (carbonmgr.io.fileio)
    assert "取消" in exc.value.render("zh") and "cancelled" in exc.value.render("en")


@needs_poppler
@needs_font
def test_standard_override_recomputes(tmp_path):
    inv = demo_inventory("en")  # computed under gbt32150
    out = tmp_path / "ghgp.pdf"
    write_report(inv, out, lang="en", standard="ghgp")
    text = squash(pdftext(out))
    ghgp = demo_inventory("en", "ghgp")
    assert squash(label("total_s12", "en")) in text
    assert squash(fmt_t(ghgp.totals["total"], "ghgp")) in text


@needs_poppler
@needs_font
def test_big_inventory_groups_traces(tmp_path):
    """Lines of one group share one trace in the appendix; every line still appears."""
    case = demo_case("en")
    acts = case.activities
    extra = 300
    for k in range(extra):  # 300 monthly readings of one meter: one group
        acts.append(type(acts.line(0))(1000 + k, "F1", "purchased_electricity", "", 10.0 + k, "MWh",
                                       {"evidence": f"meter {k % 12 + 1}"}))
    inv = compute(case)
    out = tmp_path / "big.pdf"
    write_report(inv, out, lang="en")
    text = pdftext(out)
    assert text.count("E = AD × EF") < 20  # one trace per group, not per line
    last = inv.line(len(inv) - 1)
    assert last["row"] == 1299 and "1299" in text
    assert fmt_line(last["tco2e"]) in text
    assert pdfpages(out) > 5


# --------------------------------------------------------------------------------------------- fonts
def test_missing_font_gives_clear_error(monkeypatch, tmp_path):
    missing = tmp_path / "no-such-font.ttf"
    monkeypatch.setenv(fonts.ENV_VAR, str(missing))
    monkeypatch.setattr(fonts, "SEARCH_PATHS", [])
    monkeypatch.setattr(fonts, "fc_list_candidates", lambda: [])
    monkeypatch.setattr(fonts, "_bundled_candidates", lambda: [])
    fonts.reset()
    try:
        with pytest.raises(FontNotFound) as exc:
            fonts.find_cjk_font(refresh=True)
        en, zh = exc.value.render("en"), exc.value.render("zh")
        assert "CARBONMGR_CJK_FONT" in en and "CARBONMGR_CJK_FONT" in zh
        assert str(missing) in en and "file not found" in en
        assert "中文" in zh and "文件不存在" in zh
        with pytest.raises(FontNotFound):
            write_report(demo_inventory("zh"), tmp_path / "x.pdf")
        assert not (tmp_path / "x.pdf").exists()
    finally:
        fonts.reset()


def test_cff_font_is_rejected(monkeypatch, tmp_path):
    cff = tmp_path / "fake.otf"
    # an OpenType table directory with a CFF table and no glyf table
    cff.write_bytes(b"OTTO" + (1).to_bytes(2, "big") + b"\0" * 6 + b"CFF " + b"\0" * 12)
    assert fonts.outline_kind(str(cff)) == "cff"
    monkeypatch.setenv(fonts.ENV_VAR, str(cff))
    monkeypatch.setattr(fonts, "SEARCH_PATHS", [])
    monkeypatch.setattr(fonts, "fc_list_candidates", lambda: [])
    monkeypatch.setattr(fonts, "_bundled_candidates", lambda: [])
    fonts.reset()
    try:
        with pytest.raises(FontNotFound) as exc:
            fonts.find_cjk_font(refresh=True)
        assert "CFF" in exc.value.render("en")
    finally:
        fonts.reset()


@needs_font
def test_env_var_points_at_font(monkeypatch):
    path, index = fonts.find_cjk_font()
    monkeypatch.setenv(fonts.ENV_VAR, f"{path}#{index}")
    monkeypatch.setattr(fonts, "SEARCH_PATHS", [])
    fonts.reset()
    try:
        assert fonts.find_cjk_font(refresh=True) == (path, index)
    finally:
        fonts.reset()


# --------------------------------------------------------------------------------------------- charts
@needs_font
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_are_figures(lang):
    from matplotlib.figure import Figure

    from carbonmgr.report import charts

    inv = demo_inventory(lang)
    for fn in (charts.chart_by_scope, charts.chart_by_source, charts.chart_by_facility, charts.chart_by_gas):
        fig = fn(inv, lang)
        assert isinstance(fig, Figure)
        png = charts.figure_png(fig, dpi=50)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_charts_module_is_light_and_never_uses_pyplot():
    code = ("import sys\nimport carbonmgr.report.charts, carbonmgr.report, carbonmgr.cli.report_commands\n"
            "assert 'matplotlib' not in sys.modules and 'reportlab' not in sys.modules, 'heavy import'\n"
            "sys.path.insert(0, 'tests')\n"
            "from test_report import demo_inventory\n"
            "from carbonmgr.report import charts\n"
            "try:\n    charts.chart_by_gas(demo_inventory('en'), 'en')\nexcept Exception as e:\n"
            "    if type(e).__name__ != 'FontNotFound': raise\n"
            "assert 'matplotlib.pyplot' not in sys.modules\nprint('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


# --------------------------------------------------------------------------------------------- Excel
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("std", ["gbt32150", "ghgp", "iso14064"])
def test_excel_round_trip(tmp_path, lang, std):
    pytest.importorskip("openpyxl")
    from carbonmgr.io.workbook import read_case

    inv = demo_inventory(lang, std)
    first = tmp_path / "inventory.xlsx"
    export_inventory(inv, first, lang)
    case = read_case(first)
    inv2 = compute(case)
    assert inv2.totals == pytest.approx(inv.totals, rel=1e-12, abs=1e-9)
    lines1, lines2 = list(inv.lines()), list(inv2.lines())
    assert len(lines1) == len(lines2)
    for a, b in zip(lines1, lines2):
        assert b["tco2e"] == pytest.approx(a["tco2e"], rel=1e-12, abs=1e-12)
        assert (a["facility"], a["source"], a["scope"]) == (b["facility"], b["source"], b["scope"])
    # the source documents survive; the result sheets are read back as documents ...
    def cells(rows):  # an empty text cell reads back as None
        return [[None if v == "" else v for v in r] for r in rows]

    for name in inv.case.documents:
        assert cells(case.documents[name]) == cells(inv.case.documents[name])
    # ... and are not duplicated when the re-imported case is exported again
    second = tmp_path / "again.xlsx"
    export_inventory(inv2, second, lang)
    import openpyxl

    from carbonmgr.report.export import RESULT_SHEETS, is_result_sheet, result_sheet_title

    wb = openpyxl.load_workbook(second, read_only=True)
    names = wb.sheetnames
    wb.close()
    # the result sheets are named in the export's language only, once each
    assert [n for n in names if is_result_sheet(n)] == [result_sheet_title(c, lang) for c in RESULT_SHEETS], names
    assert compute(read_case(second)).totals == pytest.approx(inv.totals, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_case_sheets_name_instruments_sets_and_equipment_in_the_language(tmp_path, lang):
    """The case sheets of the export write an instrument's type, a line's factor set and an equipment
    type by their names in the export's language, and the reader reads each name back to its id."""
    import openpyxl

    from carbonmgr.io.workbook import read_case

    inv = demo_inventory(lang)
    case = inv.case
    assert [i.type for i in case.instruments] == ["green_certificate"]
    assert "desnz2024" in case.activities.options["factor_set"] and [e.equipment for e in case.equipment] == ["chillers"]
    path = tmp_path / "inv.xlsx"
    export_inventory(inv, path, lang)
    wb = openpyxl.load_workbook(path, read_only=True)
    cells = {str(v) for ws in wb.worksheets if not ws.title.startswith(("Results", "Factors", "Totals", "结果", "因子",
                                                                          "合计"))
             for row in ws.iter_rows(values_only=True) for v in row if v is not None}
    wb.close()
    names = {"zh": ("绿色电力证书", "英国政府温室气体换算因子（2024）", "冷水机组"),
             "en": ("Green electricity certificate (GEC)", "UK Government GHG conversion factors 2024", "Chillers")}[lang]
    assert set(names) <= cells and not {"green_certificate", "desnz2024", "chillers"} & cells
    back = read_case(path)
    assert [i.type for i in back.instruments] == ["green_certificate"]
    assert back.activities.options["factor_set"] == case.activities.options["factor_set"]
    assert compute(back).totals == pytest.approx(inv.totals, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_excel_result_sheets(tmp_path, lang):
    """The result sheets name what they hold in the export's language: every line with its
    emissions adding up to the total, every factor used by its name with the official title of its
    document and its status in words, the totals by name."""
    import openpyxl

    from carbonmgr.facade import factor_name, status_name
    from carbonmgr.report.export import result_sheet_title

    inv = demo_inventory(lang)
    path = tmp_path / "inv.xlsx"
    export_inventory(inv, path, lang)
    wb = openpyxl.load_workbook(path)
    results = list(wb[result_sheet_title("Results", lang)].iter_rows(values_only=True))
    factors = list(wb[result_sheet_title("Factors", lang)].iter_rows(values_only=True))
    totals = list(wb[result_sheet_title("Totals", lang)].iter_rows(values_only=True))
    wb.close()
    head = results[0]
    col = {k: head.index(translate(f"report.export.col.{k}", lang)) for k in ("row", "tco2e", "scope", "factors",
                                                                               "factor_sources")}
    assert translate("report.export.col.gas_mass", lang, gas="CO2") in head
    assert len(results) - 1 == len(list(inv.lines()))
    # every line enters the total (exported energy deducted, negative), Scope 3 apart
    assert sum(r[col["tco2e"]] for r in results[1:] if r[col["scope"]] != 3) == pytest.approx(inv.totals["total"])
    used = inv.factors_used()
    names = {r[0] for r in factors[1:]}
    assert {factor_name(k, lang) for k in used} <= names
    gas_line = next(r for r in results[1:] if r[col["factors"]] and "389.31" in r[col["factors"]])
    assert factor_name("cn_ndrc_2013/natural_gas/ncv", lang) in gas_line[col["factors"]]
    assert status_name("secondary", lang) in gas_line[col["factor_sources"]]
    assert "《中国钢铁生产企业温室气体排放核算方法与报告指南（试行）》" in gas_line[col["factor_sources"]]
    by_label = {}
    for r in totals[1:]:
        by_label.setdefault((r[0], r[2]), r[1])
    assert by_label[(translate("figures.gbt.total", lang), "t CO2e")] == pytest.approx(inv.totals["total"])
    assert by_label[("HFCs", "t")] == pytest.approx(inv.by_gas["HFCs"]["t"])


# --------------------------------------------------------------------------------------------- CLI
def _parser():
    from carbonmgr.cli.report_commands import add_parsers

    p = argparse.ArgumentParser()
    p.add_argument("--lang")
    add_parsers(p.add_subparsers(dest="command"))
    return p


@needs_poppler
@needs_font
def test_cli_report_and_export(tmp_path):
    from carbonmgr.io.workbook import write_case

    book = tmp_path / "case.xlsx"
    write_case(demo_case("zh"), book, lang="zh")
    p = _parser()
    args = p.parse_args(["report", str(book), "-o", str(tmp_path / "r.pdf"), "--lang", "en",
                         "--standard", "iso14064"])
    assert args.func(args, "zh") == 0
    assert squash(label("int_s6_iso", "en")) in squash(pdftext(tmp_path / "r.pdf"))
    # an existing file needs --force
    assert args.func(args, "zh") == 2
    args = p.parse_args(["report", str(book), "-o", str(tmp_path / "r.pdf"), "--force"])
    assert args.func(args, "zh") == 0
    assert squash(label("gbt_s6", "zh")) in squash(pdftext(tmp_path / "r.pdf"))
    args = p.parse_args(["export", str(book), "-o", str(tmp_path / "inv.xlsx")])
    assert args.func(args, "en") == 0
    assert (tmp_path / "inv.xlsx").stat().st_size > 5000


def test_cli_global_lang_is_not_overridden():
    p = _parser()
    args = p.parse_args(["--lang", "zh", "report", "demo", "-o", "x.pdf"])
    assert args.lang == "zh" and args.report_lang is None


@needs_font
def test_cli_demo(tmp_path):
    from carbonmgr.facade import demo_path

    if not demo_path("zh").exists():
        pytest.skip("the demo workbook is not built yet (resources/demo/make_demo.py)")
    p = _parser()
    args = p.parse_args(["report", "demo", "-o", str(tmp_path / "demo.pdf")])
    assert args.func(args, "zh") == 0
