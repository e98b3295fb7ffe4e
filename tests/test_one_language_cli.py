"""One language at a time on the command line and in the Excel export (issue 10).

- ``--help`` of ``carbonmgr`` and of every sub-command (found by walking the parser, so a command
  added later is walked too), and argparse's own words and errors, in each language: chosen by
  ``--lang`` anywhere on the command line or by the locale;
- what every command prints, run as a user runs it (calc, factors, import, update-factors,
  template, report, export, ets, every market step, grade, exam pack, submit), in each language;
- every cell of every sheet of the Excel export, in each language,

show no identifier of ours and no text of the other language (tests/language_walk.py says what
is looked for and what is allowed, with the reasons). Each walk is shown to catch a planted
identifier. ``calc --json`` and the other ``--json`` outputs are machine formats (their keys and
coded values are documented ids): they are left out, and so are the option names a user types.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from carbonmgr.cli import build_parser, main
from carbonmgr.cli.args import speaking
from carbonmgr.common import i18n
from carbonmgr.common.paths import resource_dir
from case_books import ets_file
from language_walk import CJK, broken_lines, problems
from test_one_language import DEMO, allowed_for, workbook_texts

EXERCISE = resource_dir() / "exercises" / "cement_plant.xlsx"  # its key holds plain numbers
WITH_VARIANTS = resource_dir() / "exercises" / "wuhan_manufacturing.xlsx"  # its key holds {{placeholders}}


# ------------------------------------------------------------------------------------- the parser
def parser_paths(parser: argparse.ArgumentParser, prefix=()) -> list[tuple[str, ...]]:
    """Every command line that has a help of its own: (), ("calc",), ("market", "clear") ..."""
    out = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += parser_paths(sub, prefix + (name,))
    return out


def typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """What a user types, shown as typed: command names and the values options take by choice."""
    words = {"carbonmgr"}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words.add(name)
                words |= typed_words(sub)
        elif action.choices is not None:
            words |= {str(c) for c in action.choices}
    return words


def _parser(lang: str) -> argparse.ArgumentParser:
    with speaking(lang):
        return build_parser()


# the user's own words on the command line, shown as typed; each with its reason
TYPED = [
    (re.compile(r"(?<![\w-])--?[a-z][a-z-]*"), "an option, as typed"),
    (re.compile(r"\{[^{}\s]*\}"), "the values an option takes, as typed"),
    (re.compile(r"(?<![\w])\.(?:xlsx|carbon|cmexam|cmsub|cmmkt|pdf|csv)\b"), "a file's extension"),
    (re.compile(r"\bdemo(?:-en|-zh)?\b"), "the bundled demo, typed as its name"),
    (re.compile(r"\bregistry\b"), "the bundled registry checklist, typed as its name (grade --key registry)"),
    (re.compile(r"\b[0-9a-f]{20}\b"), "an exam package's number, quoted by submissions and the grader"),
]


def strip_typed(text: str, words: set[str]) -> str:
    for pattern, _reason in TYPED:
        text = pattern.sub(" ", text)
    for word in sorted(words, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", text)
    return text


def run_main(argv, capsys) -> tuple[int, str]:
    """``carbonmgr ARGV`` in this process, as a user runs it: exit status and what it printed."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # --help, and argparse's errors
        code = exc.code if isinstance(exc.code, int) else 0
    captured = capsys.readouterr()
    return code, captured.out + captured.err


# ------------------------------------------------------------------------------------- help
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_help_speaks_one_language(lang, capsys, monkeypatch):
    """Every help in the language asked for, laid out in terminal columns: a Chinese character takes
    two, so argparse's own count of characters would run Chinese help past the edge."""
    from carbonmgr.cli.args import _width

    monkeypatch.setenv("COLUMNS", "80")
    parser = _parser(lang)
    paths = parser_paths(parser)
    assert len(paths) > 25 and ("market", "macc") in paths and ("exam", "pack") in paths
    words = typed_words(parser)
    found = []
    for path in paths:
        code, text = run_main(["--lang", lang, *path, "--help"], capsys)
        assert code == 0, (path, text)
        assert ("用法：" in text and "显示本帮助并退出" in text) if lang == "zh" else \
            ("usage:" in text and "show this help message and exit" in text), (path, text)
        found += problems(strip_typed(text, words), lang, where=" ".join(("carbonmgr",) + path) + " --help")
        found += broken_lines(text, lang, where=" ".join(("carbonmgr",) + path) + " --help")
        wide = [line for line in text.splitlines() if _width(line) > 80]
        assert wide == [], (path, wide)
    print("\n".join(found))
    assert found == []


def test_every_option_and_command_has_its_help():
    """No option shows an empty help line or a placeholder in English inside the Chinese help."""
    for lang in ("en", "zh"):
        parser = _parser(lang)
        stack = [parser]
        while stack:
            p = stack.pop()
            for action in p._actions:
                if isinstance(action, argparse._SubParsersAction):
                    stack += list(action.choices.values())
                    assert all(a.help for a in action._choices_actions), p.prog
                    continue
                assert action.help, (p.prog, action.dest)
                if action.nargs != 0 and action.choices is None and lang == "zh":
                    assert action.metavar and CJK.search(action.metavar), (p.prog, action.dest, action.metavar)


BAD_COMMAND_LINES = [
    ("calc",),  # a required argument missing
    ("calc", "demo", "--standard", "foo"),  # an invalid choice
    ("factors", "--year", "twenty"),  # not a whole number
    ("calc", "demo", "--frobnicate"),  # an unrecognised option
    ("frobnicate",),  # an unknown command
    ("market", "clear", "x.csv", "--floor", "cheap"),  # not a price
    ("market", "shock", "m.cmmkt", "output", "--change", "a lot"),  # not a change
    ("market", "macc", "x.xlsx", "--shortfall", "some"),  # not a number
    ("exam", "pack", "k.xlsx", "-o", "e.cmexam", "--variants", "0"),  # out of range
    ("submit", "a.xlsx"),  # several required options missing
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_argparse_errors_speak_one_language(lang, capsys):
    words = typed_words(_parser(lang))
    found = []
    for line in BAD_COMMAND_LINES:
        code, text = run_main(["--lang", lang, *line], capsys)
        assert code == 2, (line, text)
        assert ("错误：" in text) if lang == "zh" else ("error:" in text), (line, text)
        typed = {w for arg in line for w in re.split(r"[\s.=]+", arg) if w}  # quoted back as typed
        found += problems(strip_typed(text, words | typed), lang, where=" ".join(line))
        found += broken_lines(text, lang, where=" ".join(line))
    print("\n".join(found))
    assert found == []


def _env(**more) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE",
                                                            "CARBONMGR_LANG")}
    env.update(more)
    return env


@pytest.mark.parametrize("locale, lang", [("zh_CN.UTF-8", "zh"), ("en_US.UTF-8", "en")])
def test_the_locale_or_lang_anywhere_chooses_the_language(locale, lang):
    """The locale decides when no --lang is given; --lang anywhere on the command line (after the
    command, after --help) wins over it."""
    def run(*args, env):
        return subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True,
                              env=env, timeout=120)

    env = _env(LANG=locale, LC_ALL=locale)
    r = run("--help", env=env)
    assert r.returncode == 0 and bool(CJK.search(r.stdout.replace("碳排放管理员实训平台", ""))) == (lang == "zh")
    assert ("用法：" in r.stdout) == (lang == "zh") and ("usage:" in r.stdout) == (lang == "en")
    r = run("report", env=env)
    assert r.returncode == 2
    assert ("缺少以下必需参数" in r.stderr) == (lang == "zh"), r.stderr
    assert ("the following arguments are required" in r.stderr) == (lang == "en"), r.stderr
    other = "en" if lang == "zh" else "zh"
    r = run("report", "demo", "--help", "--lang", other, env=env)
    assert r.returncode == 0 and ("用法：" in r.stdout) == (other == "zh"), r.stdout


def test_the_help_walk_catches_a_planted_identifier(monkeypatch, capsys):
    catalogue = i18n.messages()
    entry = catalogue["cli.help.calc.json"]
    monkeypatch.setitem(catalogue, "cli.help.calc.json", {"en": entry["en"] + " (grid_year)",
                                                          "zh": entry["zh"] + "（cn_set_a，Hubei）"})
    for lang, planted in (("en", "grid_year"), ("zh", "cn_set_a"), ("zh", "Hubei")):
        _code, text = run_main(["--lang", lang, "calc", "--help"], capsys)
        found = problems(strip_typed(text, typed_words(_parser(lang))), lang)
        assert any(planted in f for f in found), (planted, found)


# ------------------------------------------------------------------------------------- outputs
ETS_CASE = [["key", "value"], ["title", "ETS"], ["standard", "gbt32150"], ["reporting_year", 2023],
            ["ets_year", 2023], ["carbon_price", 90], ["allowances_held", 0], ["CCER", 10_000]]
ETS_ACTIVITIES = [["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "carbon_content",
                   "oxidation_rate", "ets_unit"],
                  ["F1", "stationary_combustion", "bituminous coal", 1000, "t", 20, "GJ/t", 0.0275, 100, "U2"]]
ETS_UNITS = [["unit", "facility", "class", "generation", "heat", "load_factor", "verified_emissions"],
             ["U1", "F1", "I", 3_000_000, 1_000_000, "60%", 2_700_000], ["U2", "F1", "gas", 10_000, None, None, None]]


def market_files(folder: Path) -> None:
    (folder / "firms.csv").write_text("firm,emissions,allocation,cash\nA,1000,900,100000\nB,1000,1050,100000\n"
                                      "C,500,500,50000\n", encoding="utf-8")
    (folder / "measures.csv").write_text("firm,measure,tonnes,cost_per_t\nA,A1,100,30\nB,B1,50,20\nC,C1,100,60\n",
                                         encoding="utf-8")
    (folder / "orders.csv").write_text("firm,side,quantity,limit_price\nA,buy,100,60\nB,sell,50,45\n",
                                       encoding="utf-8")


def answer_with_a_line_left_out(path: Path) -> Path:
    """The exercise's own answer with its first activity line left out (one finding)."""
    book = openpyxl.load_workbook(EXERCISE)
    ws = next(ws for ws in book.worksheets if ws.title.startswith("Activities"))
    ws.delete_rows(2)
    book.save(path)
    return path


def command_outputs(folder: Path, lang: str, capsys, monkeypatch) -> dict[str, str]:
    """What each command prints (stdout and stderr), run in ``folder``."""
    monkeypatch.chdir(folder)
    demo = DEMO[lang]
    ets_file(folder, ETS_UNITS, ETS_CASE, ETS_ACTIVITIES, sheet="ETS")
    market_files(folder)
    answer_with_a_line_left_out(folder / "answer.xlsx")
    steps = [
        ("calc", demo), ("calc", demo, "--standard", "iso14064"),
        ("factors", "天然气" if lang == "zh" else "natural gas"), ("factors", "--region", "湖北", "--year", "2023"),
        ("factors", "no such thing at all"),
        ("import", demo, "-o", "case.carbon"), ("update-factors", "case.carbon"),
        ("update-factors", "case.carbon", "--apply"), ("update-factors", "export.xlsx"),
        ("template", "case.xlsx"), ("calc", "case.xlsx"), ("template", "exercise.xlsx", "--exercise"),
        ("report", demo, "-o", "report.pdf"), ("report", demo, "-o", str(folder / "no" / "dir" / "x.pdf")),
        ("export", demo, "-o", "export.xlsx"), ("export", demo, "-o", "export.xlsx"),
        ("ets", "ets.xlsx"), ("ets", demo),
        ("market", "prices", "--year", "2023"), ("market", "clear", "orders.csv"),
        ("market", "new", "m.cmmkt", "--firms", "firms.csv", "--measures", "measures.csv", "--year", "2023"),
        ("market", "orders", "m.cmmkt", "orders.csv"), ("market", "round", "m.cmmkt"),
        ("market", "shock", "m.cmmkt", "output", "--firm", "C", "--change=-20%"),
        ("market", "order", "m.cmmkt", "--firm", "A", "--side", "buy", "--quantity", "10", "--price", "70"),
        ("market", "order", "m.cmmkt", "--firm", "C", "--side", "sell", "--quantity", "10", "--price", "60"),
        ("market", "round", "m.cmmkt"), ("market", "abate", "m.cmmkt", "B", "B1"),
        ("market", "ccer", "m.cmmkt", "A", "1"), ("market", "status", "m.cmmkt"), ("market", "end", "m.cmmkt"),
        ("market", "debrief", "m.cmmkt"), ("market", "debrief", "m.cmmkt", "-o", "debrief.xlsx"),
        ("market", "round", "m.cmmkt"),
        ("market", "macc", "ets.xlsx", "--price", "60"),
        ("market", "start", "ets.xlsx", "--firms", "3", "-o", "drawn.cmmkt"),
        ("grade", "--key", str(EXERCISE), str(EXERCISE), "answer.xlsx", "no-such-answer.xlsx"),
        ("exam", "pack", str(EXERCISE), "-o", "exam.cmexam"),
        ("exam", "pack", str(WITH_VARIANTS), "-o", "variants", "--variants", "2", "--seed", "7"),
        ("submit", "answer.xlsx", "--exam", "exam.cmexam", "--trainee", "S007", "-o", "s7.cmsub"),
        ("grade", "--key", str(EXERCISE), "s7.cmsub"),
        ("calc", "no-such-file.xlsx"),
    ]
    out: dict[str, str] = {}
    for step in steps:
        code, text = run_main(["--lang", lang, *step], capsys)
        assert code in (0, 2), (step, text)
        assert "Traceback" not in text and "internal error" not in text and "内部错误" not in text, (step, text)
        out[" ".join(step)] = text
    return out


def trading_documents() -> tuple[str, ...]:
    """The official titles, numbers, articles and publishers of the ETS rules and the CEA prices
    (resources/ets), in the language each document is published in: the ETS and market outputs
    cite them as they are."""
    import csv

    out: list[str] = []
    for path in sorted((resource_dir() / "ets").glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                out += [row[k] for k in ("document", "number", "article", "annex", "source", "publisher")
                        if row.get(k)]
    return tuple(dict.fromkeys(out))


def exercise_texts() -> tuple[str, ...]:
    """The exercise's own words (the grader quotes its items, facilities and documents as written)."""
    return workbook_texts(EXERCISE)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_command_speaks_one_language(tmp_path, lang, capsys, monkeypatch):
    outputs = command_outputs(tmp_path, lang, capsys, monkeypatch)
    # the user's own words quoted back: the template's example rows (a problem quotes its cell), the
    # exercise's items and documents (the grader quotes them), the firms, measures, units and trainee
    allowed = (allowed_for(lang) + exercise_texts() + workbook_texts(tmp_path / "case.xlsx") + trading_documents()
               + workbook_texts(WITH_VARIANTS) + (str(tmp_path), str(EXERCISE)))
    words = typed_words(_parser(lang)) | {"A", "B", "C", "A1", "B1", "C1", "F1", "U1", "U2", "S007"}
    found = []
    for name, text in outputs.items():
        found += broken_lines(text, lang, where=f"carbonmgr {name}")
        text = text.replace(str(tmp_path), " ").replace(str(EXERCISE), " ").replace(str(WITH_VARIANTS), " ")
        for f in ("no-such-answer.xlsx", "no-such-file.xlsx", "no/dir/x.pdf", "no/dir", "x.pdf", "case.xlsx", "report.pdf",
                  "export.xlsx", "case.carbon", "ets.xlsx", "orders.csv", "firms.csv", "measures.csv", "drawn.cmmkt",
                  "m.cmmkt", "debrief.xlsx", "answer.xlsx", "exam.cmexam", "s7.cmsub", "exercise.xlsx",
                  "wuhan_manufacturing.xlsx", "cement_plant.xlsx", "manifest.csv", "variants"):
            text = text.replace(f, " ")  # the user's own file names, as given
        found += problems(strip_typed(text, words), lang, allowed, where=f"carbonmgr {name}")
    print("\n".join(found))
    assert found == []


# ------------------------------------------------------------------------------------- the export
# Cells of the case sheets that keep the workbook contract's id because the reader does not read a
# name back to the same value (carbonmgr/report/export.py writes a name wherever it does), by reason:
# none since the reader takes an instrument's type and a factor set by their names too
CONTRACT_KEEPS: dict[tuple[str, str], str] = {}


def export_problems(path: Path, lang: str, allowed: tuple[str, ...]) -> list[str]:
    """What a user should not see in the export at ``path``: every cell of every sheet, except the
    case workbook's contract (sheet names, header rows, the Case sheet's keys and the columns of
    CONTRACT_KEEPS), which is what the file needs to import again."""
    from carbonmgr.io.workbook import SHEETS
    from carbonmgr.report.export import is_result_sheet

    book = openpyxl.load_workbook(path)
    allowed = allowed + tuple(book.sheetnames)  # a line names its sheet as the workbook's tab shows it
    found: list[str] = []
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        canonical = next((c for c in SHEETS if ws.title == c or ws.title.startswith(c + " (")), None)
        if is_result_sheet(ws.title) or canonical is None:
            start, keep = 0, set()  # result sheets and the case's documents: every cell
        else:
            header = [str(h or "") for h in rows[0]]
            keep = {i for i, h in enumerate(header) for (sheet, field) in CONTRACT_KEEPS
                    if sheet == canonical and (h == field or h.startswith(field + " ["))}
            if canonical == "Case":
                keep.add(0)  # its keys
            start = 1  # the header row names the contract's columns
        for r, row in enumerate(rows[start:], start=start + 1):
            kept_row = canonical == "Case" and any(
                sheet == "Case" and (str(row[0]) == key or str(row[0]).startswith(key + " ["))
                for sheet, key in CONTRACT_KEEPS)
            for c, value in enumerate(row):
                if isinstance(value, str) and c not in keep and not kept_row:
                    found += problems(value, lang, allowed, where=f"{ws.title}!{get_column_letter(c + 1)}{r}")
                if isinstance(value, str):
                    found += broken_lines(value, lang, where=f"{ws.title}!{get_column_letter(c + 1)}{r}")
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("standard", ["gbt32150", "ghgp"])
def test_every_cell_of_the_export_speaks_one_language(tmp_path, lang, standard, capsys):
    path = tmp_path / "export.xlsx"
    code, text = run_main(["--lang", lang, "export", DEMO[lang], "-o", str(path), "--standard", standard], capsys)
    assert code == 0, text
    assert export_problems(path, lang, allowed_for(lang)) == []


def test_the_export_walk_catches_a_planted_identifier(tmp_path, capsys):
    """A factor key in a result sheet, a source-type id in the Activities sheet and Chinese text in
    an English export are each found, at their cell."""
    path = tmp_path / "export.xlsx"
    assert run_main(["--lang", "en", "export", "demo-en", "-o", str(path)], capsys)[0] == 0
    assert export_problems(path, "en", allowed_for("en")) == []
    book = openpyxl.load_workbook(path)
    book["Results"]["Y2"] = "cn_grid_mee_nbs/grid_cn/ef/CO2/2023"
    book["Activities"]["B3"] = "stationary_combustion"
    book["Totals"]["A3"] = "核算标准"
    book.save(path)
    found = export_problems(path, "en", allowed_for("en"))
    assert any(f.startswith("Results!Y2") and "cn_grid_mee_nbs" in f for f in found), found
    assert any(f.startswith("Activities!B3") and "stationary_combustion" in f for f in found), found
    assert any(f.startswith("Totals!A3") and "核算标准" in f for f in found), found


def test_the_command_walk_catches_a_planted_identifier(tmp_path, capsys, monkeypatch):
    """An id planted in what a command prints (the market's round heading) is found."""
    catalogue = i18n.messages()
    entry = catalogue["market.cli.round"]
    monkeypatch.setitem(catalogue, "market.cli.round", {"en": entry["en"] + " new_charge", "zh": entry["zh"] + " Round"})
    monkeypatch.chdir(tmp_path)
    market_files(tmp_path)
    for lang, planted in (("en", "new_charge"), ("zh", "Round")):
        run_main(["--lang", lang, "market", "new", "m.cmmkt", "--firms", "firms.csv", "--start-price", "50",
                  "--force"], capsys)
        _code, text = run_main(["--lang", lang, "market", "round", "m.cmmkt"], capsys)
        found = problems(strip_typed(text.replace("m.cmmkt", " "), typed_words(_parser(lang))), lang)
        assert any(planted in f for f in found), (planted, found)
