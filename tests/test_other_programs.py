"""Case workbooks as other programs save them (Excel's Strict format, WPS, .NET writers, LibreOffice,
firms' own sheets with titles and merged cells): each reads to the same inventory as the workbook it
was made from, or gives one located problem in the user's language.

The files are written here: a workbook from openpyxl, then its XML rewritten the way the other program
writes it. The LibreOffice tests run when ``soffice`` is installed (tools/dev.sh installs it for the
suite) and skip otherwise.
"""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.factors.library import default_library
from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case
from case_books import PLAIN_CASE, PLAIN_FACILITIES, write_book

CASE, FACILITIES = PLAIN_CASE, PLAIN_FACILITIES
HEADER = ["facility", "source", "item", "unit", "quantity"]
LINES = [["F1", "stationary_combustion", "natural_gas", "10^4 Nm3", 12.5],
         ["F1", "purchased_electricity", None, "MWh", 1000],
         ["F1", "mobile_combustion", "diesel", "t", 3]]
ACTIVITIES_PART = "xl/worksheets/sheet3.xml"  # openpyxl writes the sheets in order: Case, Facilities, Activities


def _book(path: Path, activities=None, facilities=None, case=None) -> Path:
    return write_book(path, {"Case": case or CASE, "Facilities": facilities or FACILITIES,
                             "Activities": activities or [HEADER, *LINES]})


def _rewrite(src: Path, dst: Path, edits: dict) -> Path:
    """A copy of the workbook ``src`` whose zip members matching a key of ``edits`` (a regex) are
    passed through its function (bytes -> bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            for pattern, edit in edits.items():
                if re.fullmatch(pattern, info.filename):
                    data = edit(data)
            zout.writestr(info.filename, data)
    return dst


def _result(path: Path) -> tuple[float, list]:
    """The total and each line's (row, tCO2e, trace formula) of the workbook's inventory."""
    inv = compute(read_case(path), default_library())
    data = _json(inv)
    return data["totals"]["total"], [(line["row"], line["tco2e"], line["trace"]) for line in data["lines"]]


def _json(inv) -> dict:
    out = io.StringIO()
    inv.write_json(out)
    return json.loads(out.getvalue())


def _problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(ValidationFailed) as info:
        read_case(path)
    return [p.render(lang) for p in info.value.problems]


@pytest.fixture
def base(tmp_path) -> Path:
    return _book(tmp_path / "base.xlsx")


# ------------------------------------------------------------------ how other programs write cells

def _cached_formula(d: bytes) -> bytes:  # Excel: a formula with its value saved
    return d.replace(b'<c r="E2" t="n"><v>12.5</v></c>', b'<c r="E2"><f>10+2.5</f><v>12.5</v></c>')


def _shared_formula(d: bytes) -> bytes:  # Excel / LibreOffice: one formula shared down a column
    d = d.replace(b'<c r="E2" t="n"><v>12.5</v></c>',
                  b'<c r="E2"><f t="shared" ref="E2:E4" si="0">10+2.5</f><v>12.5</v></c>')
    return d.replace(b'<c r="E3" t="n"><v>1000</v></c>', b'<c r="E3"><f t="shared" si="0"/><v>1000</v></c>')


def _array_formula(d: bytes) -> bytes:
    return d.replace(b'<c r="E2" t="n"><v>12.5</v></c>', b'<c r="E2"><f t="array" ref="E2">SUM({10,2.5})</f><v>12.5</v></c>')


def _text_formula(d: bytes) -> bytes:  # a formula whose value is text (t="str")
    return d.replace(b'<c r="C2" t="inlineStr"><is><t>natural_gas</t></is></c>',
                     b'<c r="C2" t="str"><f>"natural"&amp;"_gas"</f><v>natural_gas</v></c>')


def _no_refs(d: bytes) -> bytes:  # writers that leave out the r of rows and of the cells of full rows
    d = re.sub(rb'<row r="[0-9]+"', b"<row", d)
    return re.sub(rb'<c r="[A-Z]+[124]"', b"<c", d)


def _prefixed(d: bytes) -> bytes:  # the .NET Open XML SDK: every element with a namespace prefix
    d = d.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="')
    return re.sub(rb"<(/?)(?!x:)([A-Za-z]+)", lambda m: b"<" + m.group(1) + b"x:" + m.group(2), d)


def _styled_to_the_end(d: bytes) -> bytes:  # empty but formatted cells down to the last row of the grid
    d = d.replace(b"</sheetData>", b'<row r="1048576" s="1" customFormat="1"><c r="A1048576" s="0"/>'
                                   b'<c r="XFD1048576" s="0"/></row></sheetData>')
    return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', d)


def _exponent(d: bytes) -> bytes:
    return d.replace(b"<v>12.5</v>", b"<v>1.25E1</v>")


@pytest.mark.parametrize("edit", [_cached_formula, _shared_formula, _array_formula, _text_formula, _no_refs, _prefixed,
                                  _styled_to_the_end, _exponent], ids=lambda f: f.__name__.strip("_"))
def test_cells_as_other_programs_write_them(base, tmp_path, edit):
    other = _rewrite(base, tmp_path / "other.xlsx", {re.escape(ACTIVITIES_PART): edit})
    with zipfile.ZipFile(base) as a, zipfile.ZipFile(other) as b:
        assert a.read(ACTIVITIES_PART) != b.read(ACTIVITIES_PART)  # the edit took
    assert _result(other) == _result(base)


def test_hidden_contract_sheet_is_read(base, tmp_path):
    """A hidden (or very hidden) sheet is still the workbook's sheet: nothing of it is lost."""
    def hide(d: bytes) -> bytes:
        return d.replace(b'name="Activities" sheetId="3" state="visible"', b'name="Activities" sheetId="3" state="veryHidden"')
    other = _rewrite(base, tmp_path / "hidden.xlsx", {r"xl/workbook\.xml": hide})
    assert b"veryHidden" in zipfile.ZipFile(other).read("xl/workbook.xml")
    assert _result(other) == _result(base)


@pytest.mark.parametrize("text, quantity", [("１２．５", 12.5), ("1，234.5", 1234.5), ("１２,５００", 12500.0),
                                            ("12\u00a0500", 12500.0), ("\u00a012.5 ", 12.5), ("+12.5", 12.5)])
def test_numbers_stored_as_text(tmp_path, text, quantity):
    """Full-width digits, Chinese commas and no-break spaces of numbers typed (or pasted) as text."""
    path = _book(tmp_path / "t.xlsx", [HEADER, ["F1", "stationary_combustion", "natural_gas", "10^4 Nm3", text]])
    assert read_case(path).activities.quantity == [quantity]


@pytest.mark.parametrize("text", ["12.5吨", "1 234,5", "1,2345", "(12.5)", "2024年3月"])
def test_text_that_is_not_a_number_is_located(tmp_path, text):
    path = _book(tmp_path / "t.xlsx", [HEADER, ["F1", "stationary_combustion", "natural_gas", "10^4 Nm3", text]])
    assert _problems(path) == [f'Activities!E2: quantity "{text}" is not a number']
    assert _problems(path, "zh") == [f"Activities!E2：数量“{text}”不是数字"]


def test_formula_without_a_saved_value_is_never_read_as_zero(base, tmp_path):
    """openpyxl (and other libraries) write formulas without their value; a shared formula's later
    cells too: each such cell is a located problem, never a 0 or an empty cell read as data."""
    def no_value(d: bytes) -> bytes:
        d = _shared_formula(d)
        return d.replace(b'<f t="shared" si="0"/><v>1000</v>', b'<f t="shared" si="0"/>')
    other = _rewrite(base, tmp_path / "nv.xlsx", {re.escape(ACTIVITIES_PART): no_value})
    assert _problems(other) == ["Activities!E3: formula without a saved value; open and save the file in Excel, "
                                "or type the value"]
    empty = _rewrite(base, tmp_path / "empty.xlsx", {re.escape(ACTIVITIES_PART): lambda d: d.replace(
        b'<c r="E2" t="n"><v>12.5</v></c>', b'<c r="E2"><f>10+2.5</f><v></v></c>')})
    assert _problems(empty)[0].startswith("Activities!E2: formula without a saved value")


# ------------------------------------------------------------------ Excel's Strict Open XML format

_STRICT = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
           b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
               b"http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _strict(d: bytes) -> bytes:
    for old, new in _STRICT.items():
        d = d.replace(old, new)
    return d


def test_strict_open_xml_workbook(base, tmp_path):
    """Excel's "Strict Open XML Spreadsheet" names its parts in other namespaces: it was called
    damaged; it reads as the workbook it was saved from."""
    strict = _rewrite(base, tmp_path / "strict.xlsx", {r"xl/.*\.xml|.*\.rels": _strict})
    assert b"purl.oclc.org/ooxml/officeDocument/relationships" in zipfile.ZipFile(strict).read("xl/workbook.xml")
    assert _result(strict) == _result(base)
    no_value = _rewrite(base, tmp_path / "strict_nv.xlsx", {r"xl/.*\.xml|.*\.rels": _strict,
                                                             re.escape(ACTIVITIES_PART): lambda d: _strict(d).replace(
                                                                 b'<c r="E2" t="n"><v>12.5</v></c>',
                                                                 b'<c r="E2"><f>10+2.5</f></c>')})
    assert _problems(no_value) == ["Activities!E2: formula without a saved value; open and save the file in Excel, "
                                   "or type the value"]


# ------------------------------------------------------------------ firms' own sheets

def test_title_rows_above_the_headers(tmp_path):
    """The contract puts the headers on row 1 (a line's row number counts from there): a sheet with a
    title above its headers is one problem saying where the headers are, not five missing columns."""
    path = _book(tmp_path / "title.xlsx", [["武汉某公司 2023 年活动数据"], [], HEADER, *LINES])
    assert _problems(path) == ["Activities!A3: the column headers start here, not on row 1: delete the 2 row(s) "
                               "above them (a title?), so that the headers are on row 1 and the data start on row 2"]
    assert _problems(path, "zh") == ["Activities!A3：列标题从此处开始，而不在第 1 行：请删除其上方的 2 行（标题等），"
                                     "使列标题位于第 1 行、数据从第 2 行开始"]
    fac = _book(tmp_path / "fac.xlsx", facilities=[[None, "设施清单"], *FACILITIES])
    assert _problems(fac) == ["Facilities!A2: the column headers start here, not on row 1: delete the 1 row(s) above "
                              "them (a title?), so that the headers are on row 1 and the data start on row 2"]


def test_two_row_header_with_merged_group_cells(tmp_path):
    path = _book(tmp_path / "base.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Activities"]
    ws.insert_rows(1)
    ws["A1"], ws["D1"] = "基本信息", "数据"
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:E1")
    book.save(path)
    assert _problems(path)[0].startswith("Activities!A2: the column headers start here, not on row 1: delete the 1 row")


def test_a_headers_missing_column_is_still_named(tmp_path):
    """Rows below row 1 that do not hold every required header change nothing: missing columns are named."""
    path = _book(tmp_path / "m.xlsx", [["facility", "source", "item", "unit"], ["facility", "source", "item", "unit"]])
    assert _problems(path) == ['Activities: required column "quantity" (or "数量") is missing from row 1; columns '
                               'found: "facility", "source", "item", "unit"']


def test_merged_cells_in_the_data(tmp_path):
    """A facility merged over its lines (the value sits in the range's first cell only) is not read
    into the other rows (a merged quantity would count twice): the problem names the merged range."""
    path = _book(tmp_path / "merged.xlsx")
    book = openpyxl.load_workbook(path)
    book["Activities"].merge_cells("A2:A4")
    book.save(path)
    assert _problems(path) == [
        f"Activities!A{r}: facility is empty: this cell is part of the merged cells A2:A4, whose value is in A2 only; "
        "unmerge them and fill in every row" for r in (3, 4)]
    assert _problems(path, "zh")[0] == ("Activities!A3：设施为空：此单元格属于合并单元格 A2:A4，其值只在 A2 中；"
                                        "请取消合并，并在每一行填写")


def test_merged_header_cell_over_an_empty_column(tmp_path):
    path = _book(tmp_path / "mh.xlsx")
    book = openpyxl.load_workbook(path)
    book["Activities"].merge_cells("E1:F1")
    book.save(path)
    assert read_case(path).activities.quantity == [12.5, 1000.0, 3.0]


# ------------------------------------------------------------------ submissions in other formats

def test_submission_in_a_format_the_reader_does_not_take(tmp_path):
    """An .ods or old .xls handed in is not graded, with how to save it (not "neither a workbook nor a project")."""
    from carbonmgr.training.intake import load_submission

    ods = tmp_path / "trainee.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ValidationFailed) as info:
        load_submission(ods)
    assert info.value.render("en") == '"trainee.ods" is an OpenDocument spreadsheet (.ods); save it as "Excel 2007-365 (.xlsx)"'
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(ValidationFailed) as info:
        load_submission(other)
    assert info.value.render("en") == '"notes.txt" is neither a case workbook (.xlsx) nor a project file (.carbon)'


# ------------------------------------------------------------------ LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
ROOT = Path(__file__).resolve().parents[1]


def _libreoffice(files: list[Path], out: Path, to: str, profile: Path) -> None:
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", to,
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=300)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> tuple[Path, Path, list[str]]:
    """The bundled demo workbooks, exercises (answer keys) and both templates, and their copies saved
    by LibreOffice Calc (shared strings, its own styles, number formats and defined names)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    src = tmp_path_factory.mktemp("src")
    for path in [*(ROOT / "resources" / "demo").glob("*.xlsx"), *(ROOT / "resources" / "exercises").glob("*.xlsx")]:
        shutil.copy(path, src / path.name)
    from carbonmgr.io.workbook import write_template
    for lang in ("en", "zh"):
        write_template(src / f"template_{lang}.xlsx", lang)
    names = sorted(p.name for p in src.glob("*.xlsx"))
    out = tmp_path_factory.mktemp("lo")
    _libreoffice([src / n for n in names], out, "xlsx", tmp_path_factory.mktemp("profile"))
    return src, out, names


@needs_soffice
def test_libreoffice_resaved_bundled_workbooks_read_the_same(resaved):
    """Every bundled workbook saved again by LibreOffice gives the same `carbonmgr calc --json` (totals and
    every line's trace), or the same problems."""
    src, out, names = resaved
    assert len(names) >= 9
    for name in names:
        with zipfile.ZipFile(out / name) as zf:  # really rewritten: LibreOffice's shared strings
            assert "xl/sharedStrings.xml" in zf.namelist(), name
        first, again = _cli("calc", "--json", str(src / name)), _cli("calc", "--json", str(out / name))
        assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr), name
        assert first.returncode in (0, 2) and "Traceback" not in first.stderr
        if first.returncode == 0:
            assert json.loads(first.stdout)["lines"], name


@needs_soffice
def test_libreoffice_resaved_answer_is_graded_the_same(resaved, tmp_path):
    """A trainee's workbook re-saved by LibreOffice grades to the same score against the key (a workbook
    has no seal: "none"); a submission made from it with `carbonmgr submit` has an intact seal, since the
    seal covers the project built from the workbook's contents, not the workbook's bytes."""
    src, out, _ = resaved
    key = src / "office_services.xlsx"
    graded = _cli("grade", "--json", "--key", str(key), str(out / "office_services.xlsx"))
    assert graded.returncode == 0, graded.stderr
    (result,) = json.loads(graded.stdout)
    assert (result["seal"], result["score"], result["findings"]) == ("none", 100.0, [])
    exam = tmp_path / "office.cmexam"
    assert _cli("exam", "pack", str(key), "-o", str(exam)).returncode == 0
    sub = tmp_path / "t1.cmsub"
    made = _cli("submit", str(out / "office_services.xlsx"), "--exam", str(exam), "--trainee", "T1", "-o", str(sub))
    assert made.returncode == 0, made.stderr
    (result,) = json.loads(_cli("grade", "--json", "--key", str(key), str(sub)).stdout)
    assert (result["seal"], result["score"], result["trainee"]) == ("ok", 100.0, "T1")


@needs_soffice
def test_libreoffice_other_formats_say_how_to_save(resaved, tmp_path):
    """.ods, .xls and flat .fods from LibreOffice: `calc` says what the file is (exit 2, nothing else)."""
    src, _, _ = resaved
    demo = src / "demo_wuhan_zh.xlsx"
    for to in ("ods", "xls", "fods"):
        _libreoffice([demo], tmp_path, to, tmp_path / "profile")
    expected = {"ods": "is an OpenDocument spreadsheet (.ods)", "xls": "is an old Excel 97-2003 workbook (.xls)",
                "fods": "is not an Excel workbook (.xlsx); it looks like an XML file"}
    for suffix, words in expected.items():
        done = _cli("calc", str(tmp_path / f"demo_wuhan_zh.{suffix}"))
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr, done.stderr
    graded = _cli("grade", "--key", str(src / "office_services.xlsx"), str(tmp_path / "demo_wuhan_zh.ods"))
    assert graded.returncode == 0 and "is an OpenDocument spreadsheet (.ods)" in graded.stdout + graded.stderr


# ------------------------------------------------------------------ exercise workbooks written by a library

EXERCISES = ROOT / "resources" / "exercises"


def test_exercise_formulas_without_a_saved_value(tmp_path):
    """An exercise whose source document or Variables sheet holds a formula without its saved value
    (written with openpyxl): the trainee would see an empty cell and the variable have no value. Each is
    a located problem (was: the package was written without that cell; "value is required here")."""
    from carbonmgr.training.exercise import read_exercise

    book = openpyxl.load_workbook(EXERCISES / "wuhan_manufacturing.xlsx")
    doc = book["天然气结算单"]
    doc.cell(doc.max_row + 1, 2, "=SUM(1,2)")
    where = f"天然气结算单!B{doc.max_row}"
    book["Variables"]["B2"] = "=800+15"
    path = tmp_path / "exercise.xlsx"
    book.save(path)
    with pytest.raises(ValidationFailed) as info:
        read_exercise(path)
    shown = [p.render("en") for p in info.value.problems]
    formula = "formula without a saved value; open and save the file in Excel, or type the value"
    assert f"{where}: {formula}" in shown and f"Variables!B2: {formula}" in shown
    assert not any(s.startswith("Variables!B2: ") and formula not in s for s in shown)
    done = _cli("exam", "pack", str(path), "-o", str(tmp_path / "e.cmexam"))
    assert done.returncode == 2 and f"{where}: {formula}" in done.stderr and not (tmp_path / "e.cmexam").exists()


def test_exercise_with_saved_formula_values_reads(tmp_path):
    """The same formulas with their values saved (as Excel and LibreOffice save them) are read as values."""
    from carbonmgr.training.exercise import read_exercise

    book = openpyxl.load_workbook(EXERCISES / "office_services.xlsx")
    doc = book[book.sheetnames[2]]
    row = doc.max_row + 1
    doc.cell(row, 2, 41)
    path = book.save(tmp_path / "plain.xlsx") or tmp_path / "plain.xlsx"
    sheet_no = book.sheetnames.index(doc.title) + 1

    def cached(d: bytes) -> bytes:
        return d.replace(f'<c r="B{row}" t="n"><v>41</v></c>'.encode(), f'<c r="B{row}"><f>40+1</f><v>41</v></c>'.encode())
    other = _rewrite(path, tmp_path / "cached.xlsx", {rf"xl/worksheets/sheet{sheet_no}\.xml": cached})
    assert b"<f>40+1</f>" in zipfile.ZipFile(other).read(f"xl/worksheets/sheet{sheet_no}.xml")
    rows = read_exercise(other).document(doc.title).rows
    assert rows[row - 1][1] == 41


def test_zip_members_named_with_backslashes(base, tmp_path):
    """Some zip writers (.NET Framework's ZipFile, exports built on it) name the parts xl\\worksheets\\sheet1.xml:
    calamine reads them; the workbook was called damaged, it reads as the workbook it was written from."""
    other = tmp_path / "backslash.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(other, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            name = info.filename.replace("/", "\\") if info.filename.startswith("xl/") else info.filename
            data = zin.read(info)
            if name.endswith("sheet3.xml"):
                data = data.replace(b'<c r="E3" t="n"><v>1000</v></c>', b'<c r="E3"><f>999+1</f><v>1000</v></c>')
            zout.writestr(name, data)
    assert "xl\\workbook.xml" in zipfile.ZipFile(other).namelist()
    assert _result(other) == _result(base)
    no_value = tmp_path / "backslash_nv.xlsx"
    with zipfile.ZipFile(other) as zin, zipfile.ZipFile(no_value, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info).replace(b"<v>1000</v>", b""))
    assert _problems(no_value) == ["Activities!E3: formula without a saved value; open and save the file in Excel, "
                                   "or type the value"]
