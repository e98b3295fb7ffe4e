"""One language at a time (issue 10): the CLI's commands and the PDF report, in each language, show
no identifier of ours and no text of the other language (tests/language_walk.py says what is
looked for and what is allowed, with the reasons); the factor library cites official documents
only. Each walk is shown to fail on a planted identifier."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from carbonmgr.common import i18n
from carbonmgr.facade import Workspace, demo_path, factor_library
from carbonmgr.factors.library import CitationError, citation_problem, load_library
from carbonmgr.common.paths import resource_dir
from language_walk import broken_lines, case_texts, library_citations, problems

DEMO = {"en": "demo-en", "zh": "demo-zh"}


def run(*args, lang: str, cwd=None):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", lang, *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


def allowed_for(lang: str) -> tuple[str, ...]:
    with Workspace.open(DEMO[lang], lang=lang) as ws:
        case = ws.compute().case
    return library_citations(factor_library()) + case_texts(case)


def cli_outputs(tmp_path: Path, lang: str) -> dict[str, str]:
    """What each command prints (stdout and stderr), as a user runs it."""
    demo = DEMO[lang]
    out: dict[str, str] = {}

    def take(name, *args):
        r = run(*args, lang=lang, cwd=tmp_path)
        assert r.returncode in (0, 2), (name, r.stderr)
        out[name] = r.stdout + r.stderr

    take("calc", "calc", demo)
    take("calc ghgp", "calc", demo, "--standard", "ghgp")
    take("template", "template", "case.xlsx")
    take("calc template", "calc", "case.xlsx")
    take("report", "report", demo, "-o", "report.pdf")
    take("export", "export", demo, "-o", "export.xlsx")
    take("import", "import", demo, "-o", "case.carbon")
    take("update-factors", "update-factors", "case.carbon")
    take("factors", "factors", "天然气" if lang == "zh" else "natural gas")
    take("factors grid", "factors", "hubei")
    take("missing file", "calc", "no-such-file.xlsx")
    take("exists", "template", "case.xlsx")
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cli_speaks_one_language(tmp_path, lang):
    outputs = cli_outputs(tmp_path, lang)
    allowed = allowed_for(lang) + workbook_texts(tmp_path / "case.xlsx") + (str(tmp_path),)
    found = []
    for name, text in outputs.items():
        found += broken_lines(text, lang, where=f"carbonmgr {name}")
        for f in ("case.xlsx", "report.pdf", "export.xlsx", "case.carbon", "no-such-file.xlsx"):
            text = text.replace(f, "")  # the user's own file names, as given
        text = re.sub(r"(?<!\w)--[a-z][a-z-]*", "", text)  # the command's options, typed as written
        found += problems(text, lang, allowed, where=f"carbonmgr {name}")
    assert found == []


def workbook_texts(path: Path) -> tuple[str, ...]:
    """The texts of a workbook the user edits (the template): a message quoting a cell shows it as written."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    return tuple(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
                 if isinstance(v, str))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("standard", ["gbt32150", "ghgp", "iso14064"])
def test_report_speaks_one_language(tmp_path, lang, standard):
    out = tmp_path / "report.pdf"
    with Workspace.open(DEMO[lang], lang=lang) as ws:
        ws.write_report(out, lang=lang, standard=standard)
    text = pdf_text(out)
    assert len(text) > 5000
    assert problems(text, lang, allowed_for(lang), where=f"report {standard}") == []
    assert broken_lines(text, lang, where=f"report {standard}") == []


# ------------------------------------------------------------------------------------- test the tests
def test_the_cli_walk_catches_a_planted_identifier(tmp_path, monkeypatch):
    """An id planted in what the CLI prints (here: the label of the total) is reported."""
    env_catalogue = i18n.messages()
    entry = env_catalogue["cli.label.total"]
    monkeypatch.setitem(env_catalogue, "cli.label.total", {"en": "Total grid_year", "zh": entry["zh"] + "（cn_set_a）"})
    from carbonmgr.cli import render_inventory

    for lang, planted in (("en", "grid_year"), ("zh", "cn_set_a")):
        with Workspace.open(DEMO[lang], lang=lang) as ws:
            text = render_inventory(ws.compute(), lang)
        found = problems(text, lang, allowed_for(lang))
        assert any(planted in f for f in found), found


def test_the_walk_catches_the_other_language():
    allowed = allowed_for("en")
    assert problems("Total 9,777 t CO2e", "en", allowed) == []
    assert problems("Region: 湖北", "en", ()) != []
    assert problems("区域：Hubei", "zh", ()) != []
    assert problems("排放因子：0.4044 t/MWh（GB/T 32150，IPCC）", "zh", ()) == []
    for planted in ("cn_grid_mee_nbs/grid_cn/ef/CO2", "operating_capacity", "epa2025", "china.md §2.9",
                    "felix0220170/ghg-accounting src/components/CarbonateEmission.jsx", "gbt32150"):
        assert problems(f"Source: {planted}", "en", allowed), planted


def test_the_walk_catches_a_line_that_begins_with_punctuation():
    """"，首批）" at the start of a line (or of a table cell, in a laid-out page) is reported, in Chinese."""
    assert broken_lines("（发改办气候〔2013〕2526号\n，首批）常用化石燃料", "zh") != []
    assert broken_lines("EF 排放因子     ；已核实）", "zh") != []
    assert broken_lines("、天然气", "zh") != [] and broken_lines("。", "zh") != []
    assert broken_lines("天然气、柴油\n（发改办气候〔2013〕2526号，首批）", "zh") == []
    assert broken_lines(", and", "en") == []


def test_the_walk_catches_half_width_punctuation_after_chinese():
    """"成交价: 59.00" (a half-width colon or semicolon after a Chinese word) is reported in Chinese;
    the full-width form, and the ", " of a citation (title, publisher, year), are not."""
    for bad in ("成交价: 59.00 元/吨", "位置参数:\n  文件", "（首批）; 附件"):
        assert broken_lines(bad, "zh") != [], bad
    for good in ("成交价：59.00 元/吨", "缺省值, 国家发展改革委, 2013", "Price: 59.00"):
        assert broken_lines(good, "zh") == [], good
    assert broken_lines("成交价: 59.00", "en") == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_report_walk_catches_a_planted_identifier(tmp_path, monkeypatch):
    catalogue = i18n.messages()
    entry = catalogue["report.label.gbt_s5"]
    monkeypatch.setitem(catalogue, "report.label.gbt_s5", {"en": entry["en"] + " new_charge", "zh": entry["zh"]})
    out = tmp_path / "report.pdf"
    with Workspace.open(DEMO["en"], lang="en") as ws:
        ws.write_report(out, lang="en")
    found = problems(pdf_text(out), "en", allowed_for("en"))
    assert any("new_charge" in f for f in found), found


# ------------------------------------------------------------------------------------- citations
def test_every_citation_of_the_library_is_a_published_document():
    lib = load_library()
    texts = library_citations(lib) + tuple(src for comps in lib.blends.values() for _, _, src in comps)
    bad = [(t, citation_problem(t)) for t in texts if citation_problem(t)]
    assert bad == []
    # where a value was read stays in the row's status tag (shown in the factor browser)
    tags = " ".join(f.tag for f in lib.factors)
    assert "atomic6ghg" in tags and "felix0220170" in tags


def test_a_chinese_document_is_cited_in_chinese():
    """A document published in Chinese is cited by its Chinese title, number and date: no English
    word of ours in the citation (it reached `carbonmgr --lang zh factors` and the Chinese report as
    "published 2024-12" and "2022 notice")."""
    lib = load_library()
    texts = library_citations(lib) + tuple(f.source for f in lib.factors)
    chinese = [t for t in texts if re.search(r"[\u4e00-\u9fff]", t)]
    assert chinese
    assert [t for t in chinese if re.search(r"\b[a-z]{3,}\b", t)] == []


@pytest.mark.parametrize("text,what", [
    ("Carbonate factors (as implemented in felix0220170/ghg-accounting src/components/CarbonateEmission.jsx)",
     "a file"),
    ("Screening factors, as read in atomic6ghg 1.1.1", "a software package"),
    ("IPCC SAR values as used by NDRC guidelines (china.md §2.9)", "a file"),
    ("GB/T 2589 (combined table at max.book118.com/html/2020/1123/8133103033003020.shtm)", "a web address"),
    ("see https://github.com/x/y", "a web address"),
    ("as listed in china-addendum §1.2", "our reference notes"),
])
def test_a_citation_that_is_not_a_document_is_refused_by_the_loader(tmp_path, text, what):
    assert citation_problem(text) == what
    root = tmp_path / "resources"
    shutil.copytree(resource_dir() / "items", root / "items")
    (root / "factors").mkdir()
    head = ("set,item,param,gas,variant,value,unit,region,year,source,publisher,year_published,years_valid,"
            "gwp_basis,status,tag,note\n")
    row = f'x_set,natural_gas,ncv,,,1,GJ/t,,,"{text}",,,,,secondary,,\n'
    (root / "factors" / "x.csv").write_text(head + row, encoding="utf-8")
    with pytest.raises(CitationError, match="x.csv row 2"):
        load_library(root)


def test_official_citations_are_accepted():
    for text in ("《企业温室气体排放核算与报告指南 钢铁行业》CETS-AG-03.01-V01-2024（环办气候函〔2025〕27号）附表A.1",
                 "EPA GHG Emission Factors Hub 2025, Table 1 (stationary combustion; from 40 CFR 98 Tables C-1, C-2)",
                 "UK Government GHG Conversion Factors for Company Reporting 2024, flat file v1.1",
                 "2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol.2 Energy, Ch.1 Table 1.2"):
        assert citation_problem(text) is None, text


def test_demo_path_is_what_the_walk_reads():
    assert demo_path("en").exists() and demo_path("zh").exists()
