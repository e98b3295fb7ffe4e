"""A case names its sector (Case key ``sector`` [行业]); the sector's guideline gives the default
fuel table (issue 8, item 17): general industry (the default) the NDRC 2013/2015 family table,
steel the MEE 2024 steel guideline's 附表A.1. Projects saved before keep the table they used."""
from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case, write_case, write_template
from carbonmgr.storage import store
from carbonmgr.storage.store import Project
from conftest_helpers import make_case, published


def _book(path, sector_key, sector_value):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "案例"
    for row in (("键", "值"), ("标题", "示例"), ("核算标准", "GB/T 32150"), ("报告年度", 2024),
                (sector_key, sector_value)):
        ws.append(list(row))
    fac = wb.create_sheet("设施")
    fac.append(["编号", "名称", "地区"])
    fac.append(["F1", "一厂", "湖北"])
    act = wb.create_sheet("活动数据")
    act.append(["设施", "排放源类别", "品种", "数量", "单位"])
    act.append(["F1", "固定燃烧", "烟煤", 1000, "t"])
    wb.save(path)
    return path


@pytest.mark.parametrize("key, value, expected, tonnes", [
    ("行业", "钢铁", "steel", 2255.71),          # 1000 × 23.736 × 0.02618 × 0.99 × 44/12
    ("sector", "general", "general", 1747.09),  # 1000 × 19.570 × 0.02618 × 0.93 × 44/12
    ("核算指南", "工业其他行业", "general", 1747.09),
])
def test_the_sector_is_read_in_either_language_and_chooses_the_table(tmp_path, key, value, expected, tonnes):
    case = read_case(_book(tmp_path / "c.xlsx", key, value))
    assert case.info.sector == expected
    assert compute(case).totals["scope1"] == published(tonnes, 2)
    # written back and read again, it stays
    write_case(case, tmp_path / "again.xlsx", lang="zh")
    assert read_case(tmp_path / "again.xlsx").info.sector == expected


def test_an_unknown_sector_is_a_located_problem(tmp_path):
    from carbonmgr.common.errors import ValidationFailed
    from carbonmgr.common.i18n import render_problem

    with pytest.raises(ValidationFailed) as exc:
        read_case(_book(tmp_path / "c.xlsx", "行业", "造船"))
    [p] = exc.value.problems
    assert p.sheet == "案例" and p.row == 5 and p.col == "B"
    assert "行业“造船”不是可选值之一" in render_problem(p, "zh")
    assert 'sector "造船" is not one of' in render_problem(p, "en")


def test_the_template_names_the_sector(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, "zh")
    ws = openpyxl.load_workbook(path)["Case (案例)"] if "Case (案例)" in openpyxl.load_workbook(path).sheetnames \
        else openpyxl.load_workbook(path).worksheets[0]
    keys = [str(c.value) for c in ws["A"] if c.value]
    assert any(k.startswith("sector") for k in keys)


def test_a_project_saved_before_sectors_keeps_the_steel_table(tmp_path, monkeypatch):
    """A project saved by a version whose default fuel table was the steel guideline's is migrated
    to name that sector, so its inventory does not change when it is opened again."""
    case = make_case("gbt32150", lines=[("stationary_combustion", "烟煤", 1000, "t", {})])
    path = tmp_path / "old.carbon"
    steps = store._STEPS
    monkeypatch.setattr(store, "_STEPS", steps[:3] + [s for s in steps if s[0].startswith("0005")])
    Project.create(path, case).close()
    import sqlite3
    with sqlite3.connect(path) as conn:  # as the older version wrote it: no sector row at all
        conn.execute("DELETE FROM \"case\" WHERE kind = 'info' AND key = 'sector'")
    monkeypatch.setattr(store, "_STEPS", steps)
    with Project.open(path) as p:
        old = p.load_case()
        assert old.info.sector == "steel"
        assert compute(old).totals["scope1"] == published(2255.71, 2)
    # a new project that names no sector stays general industry
    fresh = tmp_path / "new.carbon"
    Project.create(fresh, case).close()
    with Project.open(fresh) as p:
        assert p.load_case().info.sector is None
        assert compute(p.load_case()).totals["scope1"] == published(1747.09, 2)


def test_the_report_names_the_guideline(tmp_path):
    case = make_case("gbt32150", sector="steel", title="钢铁示例",
                     lines=[("stationary_combustion", "烟煤", 1000, "t", {})])
    book = tmp_path / "steel.xlsx"
    write_case(case, book, lang="zh")
    pdf = tmp_path / "steel.pdf"
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", "zh", "report", str(book), "-o", str(pdf)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "燃料参数缺省值依据" in text and "钢铁行业" in text and "CETS-AG-03.01-V01-2024" in text
