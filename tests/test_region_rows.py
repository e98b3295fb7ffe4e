"""A factor set that publishes an item by country (DESNZ 2024's hotel stay: a UK row and a China row):
the row of where the activity happened is used (the line's region, else the facility's country), a
generic row when none matches, else a located problem naming the rows; never another country's row
in silence. Figures by hand from resources/factors/desnz2024.csv:
UK Government GHG Conversion Factors for Company Reporting 2024, "Hotel stay: UK" 10.4 and
"Hotel stay: China" 53.5 kg CO2e/room-night."""
from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.factors.library import default_library
from carbonmgr.inventory.engine import compute
from carbonmgr.inventory.model import Facility
from conftest_helpers import make_case

DESNZ = {"factor_set": "desnz2024", "scope3_category": 6}


def hotel_case(region="湖北", line_opts=None, qty=420):
    return make_case("gbt32150", lines=[("scope3", "hotel_stay", qty, "room-night", {**DESNZ, **(line_opts or {})})],
                     facilities=[Facility("F1", "Wuhan plant", region)])


def the_factor(inv):
    [inp] = [i for i in inv.line(0)["trace"]["inputs"] if i.get("factor")]
    return inp


@pytest.mark.parametrize("region", ["湖北", "湖北省武汉市", "Hubei", "中国", "CN"])
def test_a_facility_in_china_takes_the_china_row(region):
    inv = compute(hotel_case(region))
    assert inv.line_tco2e(0) == pytest.approx(420 * 53.5 / 1000)  # 22.47 t
    assert inv.line_tco2e(0) == pytest.approx(22.47)
    f = the_factor(inv)
    assert f["value"] == 53.5 and "Hotel stay: China" in f["source"]
    notes = inv.line(0)["trace"]["notes"]
    assert any(n.startswith("factor row for China; the facility's region") for n in notes), notes


def test_the_lines_own_region_wins():
    inv = compute(hotel_case("湖北", {"region": "UK"}))
    assert inv.line_tco2e(0) == pytest.approx(420 * 10.4 / 1000)  # 4.368 t
    assert inv.line_tco2e(0) == pytest.approx(4.368)
    assert "Hotel stay: UK" in the_factor(inv)["source"]
    assert compute(hotel_case("湖北", {"region": "英国"})).line_tco2e(0) == pytest.approx(4.368)
    zh = [n for n in compute(hotel_case("湖北", {"region": "英国"})).line(0)["trace"]["note_ids"]
          if n["id"].startswith("engine.note.region_row")]
    assert zh and zh[0]["id"] == "engine.note.region_row_line"


def test_no_matching_row_is_a_located_problem_naming_the_rows():
    with pytest.raises(ValidationFailed) as exc:
        compute(hotel_case("Wuhan", {"region": "France"}))
    [p] = exc.value.problems
    assert p.code == "engine.region_no_row" and p.sheet == "Activities" and p.row == 2
    en = p.render("en")
    assert "UK 10.4" in en and "CN 53.5" in en and "France" in en
    assert "UK 10.4" in p.render("zh") and "地区" in p.render("zh")
    # a facility with no region: no country is known, so no row is taken in silence either
    with pytest.raises(ValidationFailed) as exc:
        compute(hotel_case(""))
    assert exc.value.problems[0].code == "engine.region_no_row"


def test_a_generic_row_is_taken_when_no_country_matches():
    lib = default_library()
    rows = lib.factors_for("desnz2024", "hotel_stay")
    generic = dataclasses.replace(rows[0], region="", value=20.0)  # a test library, not a published row
    by_item = dict(lib.by_item)
    by_item[("desnz2024", "hotel_stay")] = [*rows, generic]
    test_lib = dataclasses.replace(lib, by_item=by_item)
    inv = compute(hotel_case("Paris", {"region": "France"}), test_lib)
    assert inv.line_tco2e(0) == pytest.approx(420 * 20.0 / 1000)
    assert any(n["id"] == "engine.note.region_row_generic" for n in inv.line(0)["trace"]["note_ids"])
    assert compute(hotel_case("湖北"), test_lib).line_tco2e(0) == pytest.approx(22.47)


def test_items_whose_rows_carry_no_region_are_unaffected():
    a = compute(make_case("gbt32150", lines=[("stationary_combustion", "natural_gas", 1000, "kWh", DESNZ)],
                          facilities=[Facility("F1", "", "湖北")]))
    b = compute(make_case("gbt32150", lines=[("stationary_combustion", "natural_gas", 1000, "kWh", DESNZ)],
                          facilities=[Facility("F1", "", "")]))
    assert a.line_tco2e(0) == b.line_tco2e(0) == pytest.approx(1000 * 0.18290 / 1000, rel=1e-3)


def test_only_desnz_hotel_stay_differs_by_region_alone():
    """The library's items whose rows differ only by region, grids aside (they choose by region)."""
    lib = default_library()
    seen = {}
    for f in lib.factors:
        if lib.item(f.item) is None or lib.item(f.item).kind == "grid":
            continue
        seen.setdefault((f.set, f.item, f.param, f.gas, f.variant, f.year), set()).add(f.region)
    assert sorted(k[:2] for k, v in seen.items() if len(v) > 1) == [("desnz2024", "hotel_stay")]


def test_the_demo_names_the_china_row():
    from test_report import demo_inventory

    for lang in ("zh", "en"):
        inv = demo_inventory(lang)
        [i] = [i for i in range(len(inv)) if inv.line(i)["item_id"] == "hotel_stay"]
        assert inv.line_tco2e(i) == pytest.approx(22.47)
        assert "Hotel stay: China" in the_factor_of(inv, i)["source"]


def the_factor_of(inv, i):
    [inp] = [x for x in inv.line(i)["trace"]["inputs"] if x.get("factor")]
    return inp


def test_a_saved_project_keeps_the_row_it_used(tmp_path, capsys):
    """A project saved when the engine took the UK row for a Wuhan facility (its snapshot pins the UK
    row: the key set/item/param names one row per run) keeps 4.368 t; update-factors shows 22.47 t."""
    from carbonmgr.facade import Workspace
    from carbonmgr.storage.store import Project

    case = hotel_case("湖北")
    path = tmp_path / "old.carbon"
    Project.create(path, case, compute(case), library=default_library()).close()
    uk = next(f for f in default_library().factors_for("desnz2024", "hotel_stay") if f.region == "UK")
    with sqlite3.connect(path) as db:  # the run as an older version saved it: the UK row pinned
        [(rowid, row)] = db.execute("SELECT rowid, row FROM snapshot_factors WHERE item = 'hotel_stay'").fetchall()
        assert json.loads(row)["region"] == "CN"
        db.execute("UPDATE snapshot_factors SET row = ?, value = ? WHERE rowid = ?",
                   (json.dumps(uk.to_dict()), uk.value, rowid))
    with Workspace.open(path, lang="en") as ws:
        assert compute(ws.case, ws.library).line_tco2e(0) == pytest.approx(4.368)
        result = ws.rerun_with_current_factors()
    assert result["old_totals"]["scope3"] == pytest.approx(4.368)
    assert result["new_totals"]["scope3"] == pytest.approx(22.47)
    from carbonmgr.cli import main

    assert main(["--lang", "en", "update-factors", str(path)]) == 0
    out = capsys.readouterr().out
    assert "4.37" in out and "22.47" in out and "+18.10" in out, out
    with Workspace.open(path, lang="en") as ws:  # not applied: the project still holds 4.368 t
        assert compute(ws.case, ws.library).line_tco2e(0) == pytest.approx(4.368)


def test_the_activities_sheet_reads_a_region_column(tmp_path):
    """A real .xlsx: the optional column 地区 on the Activities sheet is the line's region; a line
    without one takes the facility's country; the column survives export and import."""
    from case_books import write_book

    from carbonmgr.io.workbook import read_case, write_case

    sheets = {
        "案例": [["键", "值"], ["标题", "武汉某厂"], ["核算标准", "GB/T 32150"], ["报告年度", 2023]],
        "设施": [["编号", "名称", "地区"], ["F1", "总厂", "湖北"]],
        "活动数据": [["设施", "排放源类别", "品种", "数量", "单位", "范围三类别", "因子集", "地区"],
                 ["F1", "范围三", "酒店住宿", 420, "room-night", 6, "desnz2024", "英国"],
                 ["F1", "范围三", "酒店住宿", 420, "room-night", 6, "desnz2024", None]],
    }
    case = read_case(write_book(tmp_path / "c.xlsx", sheets))
    assert case.activities.options["region"] == ["英国", None]
    inv = compute(case)
    assert [inv.line_tco2e(0), inv.line_tco2e(1)] == pytest.approx([4.368, 22.47])
    write_case(case, tmp_path / "out.xlsx")
    again = read_case(tmp_path / "out.xlsx")
    assert [compute(again).line_tco2e(i) for i in (0, 1)] == pytest.approx([4.368, 22.47])
    sheets["活动数据"][1][7] = "法国"
    with pytest.raises(ValidationFailed) as exc:
        compute(read_case(write_book(tmp_path / "fr.xlsx", sheets)))
    [p] = exc.value.problems
    assert p.cell == "活动数据!H2" or p.cell == "Activities!H2", p.cell
