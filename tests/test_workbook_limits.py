"""Reading limits of case workbooks: a sheet's extent is checked before the parser reads it.

python-calamine turns a sheet into one grid from A1 to its farthest value: one value at
XFD1048576 asks for 17 billion cells and aborts the process (exit 134, a Rust backtrace);
one value in the last row of Activities costs ~700 MB. The hostile files below are real
.xlsx files; each read that could crash runs in a child process with a memory cap, so a
regression fails the test instead of killing (or swapping) the suite.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.facade import demo_path
from carbonmgr.io import safety
from carbonmgr.io.workbook import read_case

_LIMIT_AS = 1536 * 1024 * 1024  # the child's address space: far below what a whole-grid read asks


def _demo_copy(tmp_path: Path, name: str = "case.xlsx") -> Path:
    path = tmp_path / name
    shutil.copy(demo_path("en"), path)
    return path


def _with_value_at(tmp_path: Path, sheet: str, cell: str, *, new_sheet: bool) -> Path:
    import openpyxl

    path = _demo_copy(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet(sheet) if new_sheet else wb[sheet]
    if new_sheet:
        ws["A1"] = "notes"
    ws[cell] = "stray"
    wb.save(path)
    assert path.stat().st_size < 20_000
    return path


def _cli_capped(*args: str) -> subprocess.CompletedProcess:
    """Run the command line in a child process whose memory is capped."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({0}, {0}));"
            "from carbonmgr.cli import main; sys.exit(main(sys.argv[1:]))").format(_LIMIT_AS)
    env = {**os.environ, "CARBONMGR_LANG": "en", "RUST_BACKTRACE": "0"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _rewrite_sheet(path: Path, member: str, edit) -> None:
    """Replace one sheet part of the zip with ``edit(xml)``."""
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            zf.writestr(info, edit(data) if info.filename == member else data)


def _member_of(path: Path, sheet: str) -> str:
    from carbonmgr.io.workbook import _sheet_parts

    return _sheet_parts(path)[sheet]


def _problem_codes(path: Path) -> list[tuple[str, str | None]]:
    """(code, cell) of the problems read_case reports, read in a child process with capped memory."""
    code = ("import json, resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({0}, {0}));"
            "from carbonmgr.io.workbook import read_case; from carbonmgr.common.errors import ValidationFailed\n"
            "try:\n    read_case(sys.argv[1]); print(json.dumps([]))\n"
            "except ValidationFailed as e:\n    print(json.dumps([(p.code, p.cell) for p in e.problems]))"
            ).format(_LIMIT_AS)
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "RUST_BACKTRACE": "0"})
    assert out.returncode == 0, out.stderr[-2000:]
    return [tuple(p) for p in json.loads(out.stdout)]


# --------------------------------------------------------------------------- the reported files

def test_one_value_at_xfd1048576_in_an_extra_sheet_is_a_located_problem_not_a_crash(tmp_path):
    path = _with_value_at(tmp_path, "Notes", "XFD1048576", new_sheet=True)
    out = _cli_capped("calc", str(path))
    assert out.returncode == 2, out.stderr[-2000:]  # bad input, not 134 (abort) or 1 (internal error)
    assert "panicked" not in out.stderr and "Traceback" not in out.stderr
    assert "Notes!XFD1048576" in out.stderr and "mostly empty" in out.stderr
    assert _problem_codes(path) == [("workbook.sheet_mostly_empty", "Notes!XFD1048576")]


def test_one_value_in_the_last_row_of_activities_is_refused_before_reading(tmp_path):
    path = _with_value_at(tmp_path, "Activities", "A1048576", new_sheet=False)
    out = _cli_capped("calc", "--json", str(path))
    assert out.returncode == 2, out.stderr[-2000:]
    assert "Activities!A1048576" in out.stderr
    with pytest.raises(ValidationFailed) as err:
        read_case(path)
    (p,) = err.value.problems
    assert p.code == "workbook.sheet_mostly_empty" and p.cell == "Activities!A1048576"
    assert p.params["rows"] == "1,048,576"
    zh = p.render("zh")
    assert zh.startswith("Activities!A1048576：") and "删除数据以外的行和列" in zh


def test_the_other_sheets_problems_are_still_reported(tmp_path):
    import openpyxl

    path = _demo_copy(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Activities"]["D3"] = "about 100"
    wb.create_sheet("Notes")["ZZ900000"] = "stray"
    wb.save(path)
    codes = _problem_codes(path)
    assert ("workbook.not_number", "Activities!D3") in codes
    assert ("workbook.sheet_mostly_empty", "Notes!ZZ900000") in codes


# --------------------------------------------------------------------------- what the check reads

def test_a_small_declared_dimension_does_not_hide_a_far_cell(tmp_path):
    path = _demo_copy(tmp_path)
    member = _member_of(path, "Fuel ledger")

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:D14"/>', xml)
        return xml.replace(b"</sheetData>", b'<row r="1000000"><c r="AAA1000000" t="inlineStr"><is><t>x</t>'
                                            b"</is></c></row></sheetData>")

    _rewrite_sheet(path, member, edit)
    assert _problem_codes(path) == [("workbook.sheet_mostly_empty", "Fuel ledger!AAA1000000")]


def test_a_large_declared_dimension_with_few_cells_is_read(tmp_path):
    path = _demo_copy(tmp_path)
    member = _member_of(path, "Fuel ledger")
    _rewrite_sheet(path, member, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>',
                                                   b'<dimension ref="A1:XFD1048576"/>', xml))
    case = read_case(path)
    assert case.documents == read_case(demo_path("en")).documents


@pytest.mark.parametrize("far", [
    # a cell without r takes its row's r and the next column
    b'<row r="900000"><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>',
    # r not the first attribute, single quotes
    b"<row r='2'><c t=\"n\" r='Q900000'><v>1</v></c></row>",
    # a namespace prefix on the cell (calamine reads cells by their local name)
    b'<row r="3"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="B900000">'
    b"<x:v>1</x:v></x:c></row>",
    # lower-case reference, leading zeros
    b'<row r="4"><c r="b0900000"><v>1</v></c></row>',
])
def test_cells_written_in_any_form_are_placed_as_the_reader_places_them(tmp_path, far):
    path = _demo_copy(tmp_path)
    member = _member_of(path, "Power bills")
    _rewrite_sheet(path, member, lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"))
    (code, cell), = _problem_codes(path)
    assert code == "workbook.sheet_mostly_empty" and cell.startswith("Power bills!") and cell.endswith("900000")


def test_a_cell_beyond_the_last_column_is_refused(tmp_path):
    path = _demo_copy(tmp_path)
    member = _member_of(path, "Power bills")
    _rewrite_sheet(path, member, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="5"><c r="XFE5"><v>1</v></c></row></sheetData>'))
    assert _problem_codes(path) == [("workbook.sheet_beyond_grid", "Power bills!XFE5")]


def _sheet_xml(rows: int, columns: int, extra: bytes = b"", at: int | None = None) -> bytes:
    """A sheet written top to bottom; ``extra`` is inserted before row ``at``."""
    from carbonmgr.common.errors import column_letters

    letters = [column_letters(i) for i in range(columns)]
    out = [b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b"<sheetData>"]
    for r in range(1, rows + 1):
        if r == at:
            out.append(extra)
        out.append(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>%d</v></c>' % (c.encode(), r, r)
                                                  for c in letters) + b"</row>")
    out.append(b"</sheetData></worksheet>")
    return b"".join(out)


def _extent_of(tmp_path: Path, xml: bytes) -> safety.SheetExtent:
    path = tmp_path / "sheet.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("sheet.xml", xml)
    with zipfile.ZipFile(path) as zf:
        return safety.sheet_extent(zf, "sheet.xml")


@pytest.mark.parametrize("at", [1, 1500, 2999])
@pytest.mark.parametrize("cell,rows,columns", [(b"A3001", 3001, 8), (b"I17", 3000, 9), (b"C4999", 4999, 8),
                                                (b"AB5000", 5000, 28), (b"a3500", 3500, 8)])
def test_the_quick_scan_finds_a_cell_out_of_order_anywhere(tmp_path, at, cell, rows, columns):
    """One regex pass stops only at a cell beyond the extent seen so far; a cell out of order,
    a row or a column past it, anywhere in the sheet, is found."""
    extra = b'<row r="%d"><c r="%s"><v>1</v></c></row>' % (at, cell)
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as zf:
        zf.writestr("s.xml", _sheet_xml(3000, 8, extra, at))
    with zipfile.ZipFile(tmp_path / "x.zip") as zf:
        quick = safety._quick_extent(zf, "s.xml")
        exact = safety._exact_extent(zf, "s.xml")
    assert (exact.rows, exact.columns, exact.cells) == (rows, columns, 3000 * 8 + 1)
    assert quick is not None and quick.columns == columns and rows <= quick.rows <= rows + rows // 100


def test_a_dense_sheet_within_the_limits_is_accepted_by_the_quick_scan(tmp_path):
    extent = _extent_of(tmp_path, _sheet_xml(3000, 12))
    assert extent.fits() and extent.columns == 12 and extent.rows >= 3000


def test_limits(tmp_path):
    """A sheet may span at most MAX_SHEET_CELLS, and beyond FREE_SHEET_CELLS not be mostly empty."""
    e = safety.SheetExtent(rows=200_000, columns=26, cells=1_400_000)
    assert e.fits()  # 200,000 lines with a sparse far option column
    assert not safety.SheetExtent(rows=1_048_576, columns=11, cells=112).fits()
    assert safety.SheetExtent(rows=1000, columns=1000, cells=1).fits()  # small grids: always
    assert not safety.SheetExtent(rows=1_000_000, columns=11, cells=11_000_000).fits()  # too large however full
    problem = safety._extent_problem("Activities", safety.SheetExtent(
        rows=1_000_000, columns=11, cells=11_000_000, far_row="K1000000", far_column="K1"))
    assert problem.code == "workbook.sheet_too_large" and problem.cell == "Activities"
    assert "10,000,000" in problem.render("en") and "10,000,000" in problem.render("zh")
