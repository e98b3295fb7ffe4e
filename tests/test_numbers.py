"""Every number of a case is finite and of a plausible size, or it is a located problem.

A spreadsheet program never writes NaN or infinity, but a crafted file can (``<v>NaN</v>``):
before, they passed the importer's checks; ``calc`` ended in "internal error", ``--json``
printed NaN, ``import`` wrote a project that could never be computed or saved. 1e308 passes
as a number and overflows to infinity in the first product.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from carbonmgr.common.errors import ProjectError, ValidationFailed
from carbonmgr.facade import demo_path
from carbonmgr.io.workbook import ACTIVITY_COLUMNS, CASE_KEYS, BadValue, converter_for, read_case
from carbonmgr.storage.store import Project


def _crafted(tmp_path: Path, cells: dict[tuple[str, str], float | str], plain: dict | None = None,
             name="crafted.xlsx") -> Path:
    """The demo workbook with the cells {(sheet, "D2"): marker} set, then each marker's value
    replaced in the XML by the text given (e.g. "NaN"): what a crafted file holds."""
    import openpyxl

    path = tmp_path / name
    shutil.copy(demo_path("en"), path)
    wb = openpyxl.load_workbook(path)
    for (sheet, ref), value in (plain or {}).items():
        wb[sheet][ref] = value
    markers = {}
    for i, ((sheet, ref), text) in enumerate(cells.items()):
        marker = 777_000_001 + i
        ws = wb[sheet] if sheet in wb.sheetnames else wb.create_sheet(sheet)
        ws[ref] = marker
        markers[f"<v>{marker}</v>".encode()] = f"<v>{text}</v>".encode()
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            for old, new in markers.items():
                data = data.replace(old, new)
            zf.writestr(info, data)
    return path


def _problems(path: Path) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as err:
        read_case(path)
    return {p.cell: p.code for p in err.value.problems}


def test_nan_infinity_and_1e308_in_quantities_are_located_problems(tmp_path):
    path = _crafted(tmp_path, {("Activities", "D2"): "NaN", ("Activities", "D3"): "inf",
                               ("Activities", "D4"): "1e308", ("Activities", "D5"): "-Infinity"})
    assert _problems(path) == {"Activities!D2": "workbook.not_finite", "Activities!D3": "workbook.not_finite",
                               "Activities!D4": "workbook.too_large", "Activities!D5": "workbook.not_finite"}
    for args in (["calc", str(path)], ["calc", "--json", str(path)], ["import", str(path), "-o", str(tmp_path / "p.carbon")]):
        out = subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True,
                             env={"CARBONMGR_LANG": "en", "PATH": ""}, timeout=120)
        assert out.returncode == 2, out.stderr  # bad input; was 1 ("internal error") or 0 with NaN printed
        assert "NaN" not in out.stdout and "internal error" not in out.stderr
        assert "Activities!D2: quantity nan is not a finite number" in out.stderr
        assert "Activities!D4: quantity 1e+308 is too large to be meant (at most 10^15 in its unit)" in out.stderr
    assert not (tmp_path / "p.carbon").exists()


def test_every_numeric_column_free_column_and_document_is_checked(tmp_path):
    path = _crafted(tmp_path, {
        ("Activities", "F4"): "NaN",  # purity (a fraction)
        ("Activities", "H2"): "inf",  # uncertainty (a number option)
        ("Activities", "L3"): "NaN",  # a free column (its header is written below)
        ("Case", "B20"): "inf",  # a free Case key
        ("Facilities", "D2"): "NaN",  # equity share
        ("Instruments", "D2"): "1e300",  # ef
        ("Equipment", "E2"): "inf",
        ("Fuel ledger", "C3"): "NaN",  # a document sheet
        ("Fuel ledger", "D3"): "1e300",  # a free number: large is allowed there, not NaN
    }, plain={("Activities", "L1"): "meter reading", ("Case", "A20"): "audit budget"})
    found = _problems(path)
    assert found == {
        "Activities!F4": "workbook.not_finite", "Activities!H2": "workbook.not_finite",
        "Activities!L3": "workbook.not_finite", "Case!B20": "workbook.not_finite",
        "Facilities!D2": "workbook.not_finite", "Instruments!D2": "workbook.too_large",
        "Equipment!E2": "workbook.not_finite", "Fuel ledger!C3": "workbook.cell_not_finite",
    }


def test_typed_text_is_held_to_the_same_rule(tmp_path):
    path = _crafted(tmp_path, {}, plain={("Activities", "D2"): "1e308", ("Activities", "D3"): "1e999",
                                         ("Activities", "D4"): "1000000000000000"})  # 10^15: the largest accepted
    found = _problems(path)
    assert found == {"Activities!D2": "workbook.too_large", "Activities!D3": "workbook.not_number"}


def test_the_apps_cell_check_refuses_them_with_the_importers_words():
    quantity = converter_for(ACTIVITY_COLUMNS["quantity"])
    for value, code in ((float("nan"), "workbook.not_finite"), (float("inf"), "workbook.not_finite"),
                        ("1e300", "workbook.too_large"), (1e16, "workbook.too_large"), ("nan", "workbook.not_number")):
        with pytest.raises(BadValue) as err:
            quantity(value)
        assert err.value.code == code
    assert quantity("1e15") == 1e15 and quantity(2.5) == 2.5
    with pytest.raises(BadValue):
        converter_for(CASE_KEYS["residual_mix_ef"])(float("-inf"))
    with pytest.raises(BadValue):
        converter_for(ACTIVITY_COLUMNS["oxidation_rate"])(float("nan"))


def _demo_project(tmp_path: Path) -> Path:
    target = tmp_path / "demo.carbon"
    with Project.create(target, read_case(demo_path("en"))):
        pass
    return target


@pytest.mark.parametrize("sql,where", [
    ("UPDATE activities SET quantity = 9e999 WHERE row = 3", "Activities row 3, quantity = inf"),
    ("UPDATE activities SET options = json_set(COALESCE(options, '{}'), '$.ncv', 'X') WHERE row = 4",
     "Activities row 4, ncv = nan"),
    ("UPDATE facilities SET extra = '{\"area\": NaN}' WHERE id = 'F2'", "Facilities row 3, area = nan"),
])
def test_a_crafted_project_with_nan_is_refused_on_open_with_its_place(tmp_path, sql, where):
    path = _demo_project(tmp_path)
    con = sqlite3.connect(path)
    with con:
        con.execute(sql)
        con.execute("UPDATE activities SET options = replace(options, '\"X\"', 'NaN')")
    con.close()
    with Project.open(path) as p, pytest.raises(ProjectError) as err:
        p.load_case()
    assert err.value.problem.code == "store.bad_number"
    text = err.value.problem.render("en")
    assert where in text and "NaN or infinity" in text
    assert "第" in err.value.problem.render("zh")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "calc", "--json", str(path)], capture_output=True,
                         text=True, env={"CARBONMGR_LANG": "en", "PATH": ""}, timeout=120)
    assert out.returncode == 2 and "NaN" not in out.stdout and where in out.stderr
    assert json.loads(out.stdout or "null") is None
