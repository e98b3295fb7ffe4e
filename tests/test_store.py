"""The project store: real SQLite files in tmp_path."""
from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbonmgr.storage import store
from carbonmgr.inventory.engine import compute
from carbonmgr.common.errors import ProjectError
from carbonmgr.factors.library import default_library, load_library
from carbonmgr.inventory.model import (Activity, ActivityTable, CaseData, CaseInfo, Equipment, Facility, Instrument)
from carbonmgr.common.paths import resource_dir
from carbonmgr.storage.store import Project


# ---------------------------------------------------------------- helpers

def small_case() -> CaseData:
    lines = [
        Activity(2, "F1", "stationary_combustion", "天然气", 100, "10^4 Nm3"),
        Activity(3, "F1", "purchased_electricity", "", 1000, "MWh"),
        Activity(4, "F1", "process", "石灰石", 1000, "t", {"purity": 0.95}),
    ]
    return CaseData(info=CaseInfo(title="湖北示例", reporting_year=2023),
                    facilities=[Facility("F1", "一号厂", "湖北")],
                    activities=ActivityTable.from_lines(lines))


def rich_case() -> CaseData:
    acts = ActivityTable(
        row=[5, 6, 7],
        facility=["F1", "F2", "F1"],
        source=["stationary_combustion", "process", "purchased_electricity"],
        item=["原煤", "石灰石", ""],
        quantity=[12.5, 3.0, 4000.0],
        unit=["t", "t", "MWh"],
        options={"purity": [None, 0.9, None], "note": ["备注：锅炉", None, None], "biogenic": [False, None, None],
                 "scope3_category": [None, None, None], "evidence": [None, None, None]},
        extra={"供应商": ["甲公司", None, "国网湖北"], "发票日期": [dt.date(2024, 3, 1), None, None],
               "Count": [1, 2, None]},
    )
    return CaseData(
        info=CaseInfo(title="碳核算 — 测试", standard="ghgp", gwp="AR6", reporting_year=2024,
                      consolidation="equity_share", residual_mix_ef=0.5, factor_set=None,
                      grid_factor_set="cn_grid_mee_nbs", ch4_ar6="fossil", base_year=2020,
                      extra={"grid_year": 2022, "联系人": "张三", "flags": [1, "二", None]}),
        facilities=[Facility("F1", "一号厂", "湖北", 1.0, "yes", True),
                    Facility("F2", "合资厂", "广东", 0.4, "joint", False, {"备注": "合资", "n": 3})],
        activities=acts,
        instruments=[Instrument("F1", "绿证", 500.0, 0.0, row=3, extra={"证书号": "GEC-001"})],
        equipment=[Equipment("F2", "screening", "R-410A", "空调", {"new_charge": 10.0, "operating_capacity": 50.0},
                             row=4, extra={"位置": "办公楼"})],
        documents={"燃料台账": [["日期", "数量", "单位"], [dt.datetime(2024, 1, 5, 8, 30), 12.5, "t"],
                                [None, True, 3]],
                   "电费单": [["月份", "kWh"], ["1月", 1_000_000]]},
        columns={"Activities": {"item": "C", "quantity": "D"}, "Facilities": {"id": "A"}},
        sheet_names={"Activities": "活动数据", "Facilities": "设施"},
    )


def table_dict(t: ActivityTable) -> dict:
    return {k: getattr(t, k) for k in ActivityTable.__slots__}


def assert_same_case(a: CaseData, b: CaseData) -> None:
    assert a.info == b.info
    assert a.facilities == b.facilities
    assert table_dict(a.activities) == table_dict(b.activities)
    assert list(a.activities.options) == list(b.activities.options)
    assert list(a.activities.extra) == list(b.activities.extra)
    assert a.instruments == b.instruments
    assert a.equipment == b.equipment
    assert a.documents == b.documents
    assert list(a.documents) == list(b.documents)
    assert a.columns == b.columns
    assert a.sheet_names == b.sheet_names
    # types survive too (int stays int, dates stay dates)
    assert [type(v) for col in b.activities.extra.values() for v in col] == \
        [type(v) for col in a.activities.extra.values() for v in col]


# ---------------------------------------------------------------- round trip

def test_round_trip_case(tmp_path):
    case = rich_case()
    path = tmp_path / "项目.carbon"
    with Project.create(path, case) as p:
        assert_same_case(case, p.load_case())
    with Project.open(path) as p:
        assert_same_case(case, p.load_case())
        assert p.activity_ids() == [1, 2, 3]
        meta = p.meta()
        assert meta["schema_version"] == str(store.schema_version())
        assert meta["app"] == "CarbonMgr"
        assert p.schema_version == store.schema_version()


def test_empty_case_round_trip(tmp_path):
    case = CaseData()
    with Project.create(tmp_path / "e.carbon", case) as p:
        assert_same_case(case, p.load_case())
        assert p.latest_inventory() is None
        lib = default_library()
        assert p.pinned_library(lib) is lib
        assert p.diff_factors(lib) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(1, 10**6), st.text(max_size=8), st.text(max_size=8),
                          st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=5),
                          st.one_of(st.none(), st.floats(0, 1)), st.one_of(st.none(), st.text(max_size=10))),
                max_size=20))
def test_round_trip_property(rows):
    acts = ActivityTable()
    for r, fac, item, q, unit, purity, note in rows:
        opts = {k: v for k, v in (("purity", purity), ("note", note)) if v is not None}
        acts.append(Activity(r, fac, "process", item, q, unit, opts))
    case = CaseData(activities=acts)
    with tempfile.TemporaryDirectory() as d:
        with Project.create(Path(d) / "p.carbon", case) as p:
            assert table_dict(p.load_case().activities) == table_dict(acts)


def test_create_refuses_overwrite(tmp_path):
    path = tmp_path / "a.carbon"
    Project.create(path, small_case()).close()
    with pytest.raises(ProjectError) as err:
        Project.create(path, small_case())
    assert err.value.problem.code == "store.exists"
    case = rich_case()
    with Project.create(path, case, overwrite=True) as p:
        assert_same_case(case, p.load_case())


# ---------------------------------------------------------------- inventory

def test_save_and_load_inventory(tmp_path):
    case = small_case()
    inv = compute(case, default_library())
    path = tmp_path / "inv.carbon"
    with Project.create(path, case) as p:
        run_id = p.save_inventory(inv)
    with Project.open(path) as p:
        saved = p.latest_inventory()
        assert saved["run_id"] == run_id
        assert saved["totals"] == pytest.approx(inv.totals)
        assert saved["totals"]["total"] > 0
        assert saved["stale"] is False
        expected = inv.to_dict()
        for key in ("by_source", "by_facility", "by_gas", "standard", "gwp", "reporting_year"):
            assert saved[key] == expected[key]
        assert saved["factors_used"] == expected["factors_used"]
        assert saved["gwp_used"] == expected["gwp_used"]
        assert len(saved["lines"]) == 3
        for i, line in enumerate(saved["lines"]):
            want = inv.line(i)
            trace = want.pop("trace")
            assert line.pop("activity_id") == i + 1
            assert line.pop("line_no") == i
            assert line == want
            assert p.line_trace(i) == trace  # rebuilt on demand from the group's template
        # the case can be recomputed from the project and gives the same numbers
        again = compute(p.load_case(), default_library())
        assert again.totals == pytest.approx(saved["totals"])
        # an edit makes the stored run stale
        p.update_activity(1, "quantity", 200)
        assert p.latest_inventory()["stale"] is True


def test_create_with_inventory_and_mismatch(tmp_path):
    case = small_case()
    inv = compute(case, default_library())
    with Project.create(tmp_path / "c.carbon", case, inv) as p:
        assert p.latest_inventory()["totals"] == pytest.approx(inv.totals)
        p.delete_activity(2)
        with pytest.raises(ProjectError) as err:
            p.save_inventory(inv)
        assert err.value.problem.code == "store.inventory_mismatch"
        assert len(p.runs()) == 1


def _edited_resources(tmp_path: Path, key: str, new_value: str) -> Path:
    """A copy of resources/ with the factor ``key`` (set/item/param) set to ``new_value``."""
    root = tmp_path / "resources"
    shutil.copytree(resource_dir(), root)
    set_name, item, param = key.split("/")[:3]
    changed = 0
    for path in (root / "factors").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if not rows:
            continue
        fields = list(rows[0])
        hit = False
        for row in rows:
            if (row["set"], row["item"], row["param"]) == (set_name, item, param):
                row["value"] = new_value
                hit = True
                changed += 1
        if hit:
            with path.open("w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fields)
                w.writeheader()
                w.writerows(rows)
    assert changed == 1
    return root


def test_pinned_library_reproduces_old_numbers(tmp_path):
    case = small_case()
    lib = default_library()
    inv = compute(case, lib)
    path = tmp_path / "pin.carbon"
    Project.create(path, case, inv).close()

    key = "cn_ndrc_2013/natural_gas/ncv"
    assert key in inv.factors_used()
    old_value = inv.factors_used()[key]["value"]
    new_lib = load_library(root=_edited_resources(tmp_path, key, str(old_value * 2)))
    changed = compute(case, new_lib)
    assert changed.totals["total"] != pytest.approx(inv.totals["total"])

    with Project.open(path) as p:
        pinned = p.pinned_library(new_lib)
        again = compute(p.load_case(), pinned)
        assert again.totals == pytest.approx(inv.totals, rel=1e-12)
        assert again.factors_used() == inv.factors_used()
        # nothing else of the new library is lost
        assert len(pinned.items) == len(new_lib.items)
        diff = p.diff_factors(new_lib)
        assert [d["key"] for d in diff] == [key]
        assert diff[0]["old_value"] == old_value and diff[0]["new_value"] == old_value * 2
        assert diff[0]["change"] == "changed"
        assert p.diff_factors(lib) == []


# ---------------------------------------------------------------- bad files

def test_newer_schema(tmp_path):
    path = tmp_path / "new.carbon"
    Project.create(path, small_case()).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    e = err.value
    assert e.problem.code == "store.newer_schema"
    assert e.problem.params == {"found": 99, "supported": store.schema_version()}
    en, zh = e.render("en"), e.render("zh")
    assert "newer version of CarbonMgr" in en and "99" in en and str(store.schema_version()) in en
    assert "更新版本" in zh and "99" in zh
    assert str(e) == en


def test_garbage_and_foreign_files(tmp_path):
    junk = tmp_path / "junk.carbon"
    junk.write_bytes(os.urandom(3000))
    with pytest.raises(ProjectError) as err:
        Project.open(junk)
    assert err.value.problem.code == "store.not_a_project"
    assert "不是 CarbonMgr 项目文件" in err.value.render("zh")

    text = tmp_path / "notes.carbon"
    text.write_text("hello, this is not a database\n" * 100, encoding="utf-8")
    with pytest.raises(ProjectError) as err:
        Project.open(text)
    assert err.value.problem.code == "store.not_a_project"

    other = tmp_path / "other.carbon"  # a valid SQLite file of some other program
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError) as err:
        Project.open(other)
    assert err.value.problem.code == "store.not_a_project"

    empty = tmp_path / "empty.carbon"
    empty.write_bytes(b"")
    with pytest.raises(ProjectError):
        Project.open(empty)

    with pytest.raises(ProjectError) as err:
        Project.open(tmp_path / "missing.carbon")
    assert err.value.problem.code == "store.not_found"
    assert not (tmp_path / "missing.carbon").exists()


def test_crash_during_create_leaves_nothing(tmp_path, monkeypatch):
    path = tmp_path / "crash.carbon"

    def boom(src, dst):
        raise RuntimeError("power cut")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(RuntimeError):
        Project.create(path, rich_case())
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


def test_crash_during_overwrite_keeps_old_file(tmp_path, monkeypatch):
    path = tmp_path / "keep.carbon"
    Project.create(path, small_case()).close()

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "_write_case", fail)
    with pytest.raises(ProjectError) as err:
        Project.create(path, rich_case(), overwrite=True)
    assert err.value.problem.code == "store.write_failed"
    monkeypatch.undo()
    with Project.open(path) as p:
        assert p.load_case().info.title == "湖北示例"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["keep.carbon"]


def test_migration_of_older_file(tmp_path, monkeypatch):
    path = tmp_path / "old.carbon"
    Project.create(path, small_case()).close()

    def add_tags(db):
        db["tags"].create({"id": int, "name": str}, pk="id")

    n = store.schema_version()
    monkeypatch.setattr(store, "_STEPS", store._STEPS + [("9999_tags", add_tags)])
    with Project.open(path) as p:
        assert p.schema_version == n + 1
        assert p.meta()["schema_version"] == str(n + 1)
        assert "tags" in p.db.table_names()
        assert p.load_case().info.title == "湖北示例"
    with Project.open(path) as p:  # applied once only
        assert p.schema_version == n + 1


# ---------------------------------------------------------------- editing

def test_edits_write_audit_rows(tmp_path):
    with Project.create(tmp_path / "edit.carbon", small_case()) as p:
        created = p.audit_log()
        assert [r["action"] for r in created] == ["create"]

        p.update_activity(1, "quantity", 120)
        p.update_activity(3, "purity", 0.9)
        p.update_activity(2, "note", "电费单 2023")
        p.update_activity(2, "extra:供应商", "国网")
        new_id = p.add_activity("F1", "process", "石灰石", 5, "t", options={"purity": 0.8}, position=0)
        p.delete_activity(2)
        p.update_case("title", "新标题")
        p.update_case("联系人", "李四")
        p.update_facility("F1", "equity_share", 0.6)
        p.update_facility("F1", "name", "一号工厂")
        p.update_activity(1, "quantity", 120)  # unchanged: no audit row

        log = p.audit_log()
        assert [(r["action"], r["entity"], r["field"]) for r in log] == [
            ("update", "facility", "name"),
            ("update", "facility", "equity_share"),
            ("update", "case", "联系人"),
            ("update", "case", "title"),
            ("delete", "activity", None),
            ("add", "activity", None),
            ("update", "activity", "供应商"),
            ("update", "activity", "note"),
            ("update", "activity", "purity"),
            ("update", "activity", "quantity"),
            ("create", "project", None),
        ]
        q = log[-2]
        assert (q["entity_id"], q["old_value"], q["new_value"]) == ("1", 100.0, 120.0)
        assert (log[-3]["old_value"], log[-3]["new_value"]) == (0.95, 0.9)
        assert log[4]["old_value"]["unit"] == "MWh" and log[4]["entity_id"] == "2"
        assert log[5]["entity_id"] == str(new_id) and log[5]["new_value"]["options"] == {"purity": 0.8}
        assert (log[1]["old_value"], log[1]["new_value"]) == (1.0, 0.6)
        for r in log:
            at = dt.datetime.fromisoformat(r["at"])
            assert at.utcoffset() == dt.timedelta(0)
        assert len(p.audit_log(limit=2)) == 2

        case = p.load_case()
        acts = case.activities
        assert acts.item == ["石灰石", "天然气", "石灰石"]  # new line first, line 2 deleted
        assert acts.quantity == [5.0, 120.0, 1000.0]
        assert acts.options["purity"] == [0.8, None, 0.9]
        assert "note" in acts.options and acts.options["note"] == [None, None, None]
        assert acts.extra["供应商"] == [None, None, None]
        assert case.info.title == "新标题" and case.info.extra == {"联系人": "李四"}
        assert case.facilities[0].equity_share == 0.6 and case.facilities[0].name == "一号工厂"
        assert p.activity_ids() == [new_id, 1, 3]

        # a deleted id is never handed out again
        again = p.add_activity("F1", "process", "石灰石", 1, "t")
        assert again == new_id + 1


def test_edit_errors_roll_back(tmp_path):
    with Project.create(tmp_path / "err.carbon", small_case()) as p:
        for call, code in [
            (lambda: p.update_activity(99, "quantity", 1), "store.no_such_activity"),
            (lambda: p.update_activity(1, "colour", 1), "store.unknown_field"),
            (lambda: p.update_activity(1, "quantity", "abc"), "store.bad_value"),
            (lambda: p.update_case("standard", "nonsense"), "store.bad_value"),
            (lambda: p.update_facility("F9", "name", "x"), "store.no_such_facility"),
            (lambda: p.update_facility("F1", "financial_control", "maybe"), "store.bad_value"),
        ]:
            with pytest.raises(ProjectError) as err:
                call()
            assert err.value.problem.code == code
            assert err.value.render("zh")  # every store message has a Chinese text
        assert [r["action"] for r in p.audit_log()] == ["create"]
        assert not p.db.conn.in_transaction
    p.close()  # closing twice is harmless
    with pytest.raises(ProjectError):
        p.load_case()


# ---------------------------------------------------------------- file format

def test_rollback_journal_and_strict_tables(tmp_path):
    path = tmp_path / "fmt.carbon"
    case = small_case()
    with Project.create(path, case, compute(case, default_library())) as p:
        assert p.db.journal_mode == "delete"
        rows = p.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        names = {n for n, _ in rows}
        assert {"meta", "case", "facilities", "activities", "instruments", "equipment", "documents", "results",
                "result_lines", "snapshot_factors", "snapshot_gwp", "audit", "_sqlite_migrations"} <= names
        for name, sql in rows:
            assert sql.rstrip().rstrip(";").rstrip().upper().endswith("STRICT"), name
        assert p.db.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
        assert p.db.execute("PRAGMA user_version").fetchone()[0] == store.schema_version()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_json_values_round_trip():
    values = [1, 1.0, True, None, "中文", [1, "a"], {"k": [dt.date(2024, 1, 2)]},
              dt.datetime(2024, 1, 5, 8, 30), dt.time(7, 15), dt.timedelta(hours=3)]
    for v in values:
        back = store.loads(store.dumps(v))
        assert back == v and type(back) is type(v)


def test_inventory_of_edited_lines_is_refused(tmp_path):
    case = small_case()
    inv = compute(case, default_library())
    with Project.create(tmp_path / "m.carbon", case) as p:
        p.update_activity(3, "purity", 0.5)  # same rows, other calculation option
        with pytest.raises(ProjectError) as err:
            p.save_inventory(inv)
        assert err.value.problem.code == "store.inventory_mismatch"
        p.update_activity(3, "purity", 0.95)
        p.update_activity(1, "note", "only a note")  # not a calculation option
        assert p.save_inventory(inv) == 1



def test_inventory_with_equipment_and_instruments(tmp_path):
    case = small_case()
    case.equipment = [Equipment("F1", "material_balance", "R-410A",
                                values={"inventory_start": 100.0, "inventory_end": 80.0, "purchased": 10.0}, row=2)]
    case.instruments = [Instrument("F1", "绿证", 200.0, 0.0, row=2)]
    lib = default_library()
    inv = compute(case, lib)
    expected = inv.to_dict()
    with Project.create(tmp_path / "eq.carbon", case, inv) as p:
        saved = p.latest_inventory()
        assert saved["totals"] == pytest.approx(inv.totals)
        assert len(saved["lines"]) == 4
        for i, (got, want) in enumerate(zip(saved["lines"], expected["lines"])):
            want = dict(want)
            trace = want.pop("trace")
            got = dict(got)
            assert got.pop("line_no") == i
            got.pop("activity_id")
            assert got == want
            assert p.line_trace(i) == trace
        assert saved["lines"][3]["activity_id"] is None  # equipment register line
        # equipment lines' GWP values are snapshotted too (gwps_used() covers activity groups only)
        assert saved["gwp_used"] == {**expected["gwp_used"], **saved["gwp_used"]}
        assert "R-410A" in saved["gwp_used"]
        again = compute(p.load_case(), p.pinned_library(lib))
        assert again.totals == pytest.approx(inv.totals, rel=1e-12)


def test_add_and_delete_facility_with_audit(tmp_path):
    from carbonmgr.common.errors import ProjectError
    from carbonmgr.inventory.model import Facility

    path = tmp_path / "f.carbon"
    Project.create(path, small_case()).close()
    with Project.open(path) as p:
        p.add_facility(Facility("F0", "First", "湖南", 0.4, "joint", False), position=0)
        p.add_facility(Facility("F9", "Last", "湖北"))
        with pytest.raises(ProjectError):
            p.add_facility(Facility("F9"))
    with Project.open(path) as p:
        facs = p.load_case().facilities
        assert [f.id for f in facs][0] == "F0" and facs[-1].id == "F9"
        assert (facs[0].equity_share, facs[0].financial_control, facs[0].operational_control) == (0.4, "joint", False)
        p.delete_facility("F0")
        assert "F0" not in [f.id for f in p.load_case().facilities]
        actions = [(r["action"], r["entity"], r["entity_id"]) for r in p.audit_log()]
        assert ("add", "facility", "F0") in actions and ("delete", "facility", "F0") in actions


def test_facility_edits_store_columns_and_extra_keys_with_audit(tmp_path):
    path = tmp_path / "fac.carbon"
    Project.create(path, small_case()).close()
    with Project.open(path) as p:
        p.update_facility("F1", "operational_control", False)
        p.update_facility("F1", "operational_control", False)  # unchanged: no audit row
        p.update_facility("F1", "联系人", "王五")  # an extra key
        p.update_facility("F1", "联系人", "王五")
        with pytest.raises(ProjectError) as e:
            p.update_facility("F1", "id", "F2")
        assert e.value.problem.code == "store.unknown_field"
        got = [(r["action"], r["entity"], r["entity_id"], r["field"]) for r in p.audit_log()[:2]]
        assert got == [("update", "facility", "F1", "联系人"), ("update", "facility", "F1", "operational_control")]
    con = sqlite3.connect(path)
    assert con.execute("SELECT operational_control, typeof(operational_control) FROM facilities").fetchone() == \
        (0, "integer")
    con.close()
    with Project.open(path) as p:
        [f] = p.load_case().facilities
        assert (f.id, f.operational_control, f.extra) == ("F1", False, {"联系人": "王五"})


def test_instrument_and_equipment_edits_with_audit(tmp_path):
    path = tmp_path / "reg.carbon"
    Project.create(path, rich_case()).close()
    with Project.open(path) as p:
        p.add_instrument(Instrument("F2", "ppa", 120.0, 0.05), position=0)  # row: next free one
        p.add_instrument(Instrument("F1", "绿电", 80, 0, row=9, extra={"合同": "A-1"}))
        p.update_instrument(1, "quantity", "650")
        p.update_instrument(1, "证书号", None)  # an extra key
        p.update_instrument(0, "type", "supplier_rate")
        p.update_instrument(1, "quantity", 650.0)  # unchanged: no audit row
        p.delete_instrument(2)
        p.add_equipment(Equipment("F1", "material_balance", "R-404A", "", {"inventory_start": 100, "sold": None}))
        p.update_equipment(0, "new_charge", None)
        p.update_equipment(0, "disposed_capacity", 7.5)
        p.update_equipment(1, "method", "simplified_material_balance")
        p.delete_equipment(0)
        for bad, code in [(lambda: p.update_instrument(5, "ef", 0.1), "store.no_such_instrument"),
                          (lambda: p.update_instrument(0, "quantity", -1), "store.bad_value"),
                          (lambda: p.update_instrument(0, "row", 3), "store.unknown_field"),
                          (lambda: p.update_equipment(0, "method", "guessing"), "store.bad_value"),
                          (lambda: p.update_equipment(0, "recharge", "lots"), "store.bad_value"),
                          (lambda: p.delete_equipment(3), "store.no_such_equipment")]:
            with pytest.raises(ProjectError) as e:
                bad()
            assert e.value.problem.code == code
        log = p.audit_log()
        got = [(r["action"], r["entity"], r["entity_id"], r["field"]) for r in log[:10]]
        assert got == [
            ("delete", "equipment", "4", None),
            ("update", "equipment", "5", "method"),
            ("update", "equipment", "4", "disposed_capacity"),
            ("update", "equipment", "4", "new_charge"),
            ("add", "equipment", "5", None),
            ("delete", "instrument", "9", None),
            ("update", "instrument", "4", "type"),
            ("update", "instrument", "3", "证书号"),
            ("update", "instrument", "3", "quantity"),
            ("add", "instrument", "9", None),
        ]
        assert (log[8]["old_value"], log[8]["new_value"]) == (500.0, 650.0)
        assert log[5]["old_value"]["extra"] == {"合同": "A-1"}
        assert log[4]["new_value"]["values"] == {"inventory_start": 100.0}
        case = p.load_case()
    assert case.instruments == [Instrument("F2", "supplier_rate", 120.0, 0.05, row=4),
                                Instrument("F1", "绿证", 650.0, 0.0, row=3)]
    assert case.equipment == [Equipment("F1", "simplified_material_balance", "R-404A", "", {"inventory_start": 100.0},
                                        row=5)]


def test_rename_facility_moves_every_reference(tmp_path):
    path = tmp_path / "ren.carbon"
    Project.create(path, rich_case()).close()
    with Project.open(path) as p:
        with pytest.raises(ProjectError) as e:
            p.rename_facility("F1", "F2")
        assert e.value.problem.code == "store.facility_exists"
        with pytest.raises(ProjectError) as e:
            p.rename_facility("F7", "F8")
        assert e.value.problem.code == "store.no_such_facility"
        moved = p.rename_facility("F2", "JV")
        assert moved == {"activities": 1, "instruments": 0, "equipment": 1}
        case = p.load_case()
        log = p.audit_log(3)
    assert [f.id for f in case.facilities] == ["F1", "JV"] and case.facilities[1].name == "合资厂"
    assert case.activities.facility == ["F1", "JV", "F1"]
    assert case.equipment[0].facility == "JV" and case.instruments[0].facility == "F1"
    assert [(r["action"], r["entity"], r["field"]) for r in log] == [
        ("rename", "equipment", "facility"), ("rename", "activity", "facility"), ("rename", "facility", "id")]
    assert (log[2]["entity_id"], log[2]["old_value"], log[2]["new_value"]) == ("F2", "F2", "JV")
    assert log[1]["old_value"] == {"facility": "F2", "count": 1} and log[1]["new_value"]["facility"] == "JV"


def test_damaged_project_gives_a_clear_error_not_a_decoding_error(tmp_path):
    """Bytes damaged inside stored text (a disk fault) are reported as a damaged project."""
    from carbonmgr.common.errors import ProjectError
    from carbonmgr.facade import Workspace, demo_path

    path = tmp_path / "p.carbon"
    with Workspace.open(demo_path("zh")) as ws:
        ws.save_project(path)
    data = bytearray(path.read_bytes())
    hits = [i for i in range(len(data)) if data.startswith(b'"unit":"', i)]
    assert hits
    for i in hits:
        data[i + 8] = 0xFF  # invalid UTF-8 inside stored JSON
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError) as info:
        with Workspace.open(path) as ws:
            ws.compute()
            ws.factor_changes()
    assert info.value.problem.code in ("store.damaged", "store.not_a_project")
    assert "p.carbon" in info.value.render("en") and "p.carbon" in info.value.render("zh")


# ------------------------------------------------ the file alone holds what was saved (issue 8, item 2)

def test_a_copy_taken_while_open_holds_every_committed_save(tmp_path):
    """No WAL: after a save commits, the .carbon file by itself (copied to a USB stick or handed in
    while the app still has it open) holds the save; no -wal file is left beside it."""
    path = tmp_path / "p.carbon"
    project = Project.create(path, small_case())
    try:
        [first, *_] = project.activity_ids()
        with project.transaction():
            project.update_activity(first, "quantity", 4321.0)
        copy = tmp_path / "copy.carbon"
        shutil.copyfile(path, copy)  # only the main file, as a file manager copies it
        assert not Path(str(path) + "-wal").exists()
        with Project.open(copy) as other:
            assert other.activity(first)["quantity"] == 4321.0
    finally:
        project.close()


def test_a_project_of_an_earlier_version_in_wal_mode_is_folded_into_one_file(tmp_path):
    path = tmp_path / "old.carbon"
    Project.create(path, small_case()).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    with Project.open(path) as project:
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        [first, *_] = project.activity_ids()
        with project.transaction():
            project.update_activity(first, "quantity", 77.0)
    assert not Path(str(path) + "-wal").exists()
    with Project.open(path) as project:
        assert project.activity(first)["quantity"] == 77.0


# ------------------------------------------------ a crafted project file is refused (issue 8, item 8)

@pytest.mark.parametrize("ddl", [
    "CREATE TRIGGER wipe AFTER UPDATE ON meta BEGIN DELETE FROM audit; END",
    "CREATE TRIGGER shrink AFTER UPDATE ON activities BEGIN UPDATE activities SET quantity = 625 "
    "WHERE id = new.id; END",
    "CREATE VIEW v AS SELECT * FROM activities",
    "CREATE INDEX extra_idx ON activities(unit)",
    "CREATE TABLE payload (x)",
])
def test_a_planted_schema_object_is_refused_on_open(tmp_path, ddl):
    path = tmp_path / "crafted.carbon"
    Project.create(path, small_case()).close()
    conn = sqlite3.connect(path)
    conn.execute(ddl)
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError) as info:
        Project.open(path)
    assert info.value.problem.code == "store.unexpected_schema"
    assert "crafted.carbon" in info.value.render("zh") and "触发器" in info.value.render("zh")
    conn = sqlite3.connect(path)  # nothing ran: the audit log is intact
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] >= 1
    conn.close()


def test_a_changed_table_definition_is_refused_on_open(tmp_path):
    """A table rebuilt without STRICT (so a text could stand where a number belongs) is not ours."""
    path = tmp_path / "crafted.carbon"
    Project.create(path, small_case()).close()
    conn = sqlite3.connect(path)
    conn.executescript("ALTER TABLE audit RENAME TO audit_old; CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, "
                       "action TEXT, entity TEXT, entity_id TEXT, field TEXT, old_value TEXT, new_value TEXT); "
                       "DROP TABLE audit_old;")
    conn.close()
    with pytest.raises(ProjectError) as info:
        Project.open(path)
    assert info.value.problem.code == "store.unexpected_schema"


def test_a_text_in_the_factor_snapshot_is_a_damaged_project_not_a_crash(tmp_path):
    from carbonmgr.facade import Workspace, demo_path

    path = tmp_path / "p.carbon"
    with Workspace.open(demo_path("zh")) as ws:
        ws.save_project(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE snapshot_factors SET row = json_set(row, '$.value', 'abc') "
                 "WHERE rowid = (SELECT min(rowid) FROM snapshot_factors)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError) as info:
        with Workspace.open(path) as ws:
            ws.compute()
    assert info.value.problem.code == "store.damaged"
    assert "p.carbon" in info.value.render("en")


# ------------------------------------------------ one run per save no longer (issue 8, item 7)

def _line_project(path, n=2000):
    lines = [Activity(2 + i, "F1", "stationary_combustion", "天然气", 10 + i % 7, "10^4 Nm3") for i in range(n)]
    case = CaseData(info=CaseInfo(title="多行", reporting_year=2023), facilities=[Facility("F1", "一号厂", "湖北")],
                    activities=ActivityTable.from_lines(lines))
    return Project.create(path, case, compute(case, default_library()))


def test_saves_replace_the_unkept_run_so_the_file_does_not_grow_per_save(tmp_path):
    path = tmp_path / "big.carbon"
    with _line_project(path) as p:
        size_after_first = path.stat().st_size
        first_id = p.activity_ids()[0]
        for k in range(10):  # ten one-cell saves, each with its results
            with p.transaction():
                p.update_activity(first_id, "quantity", 100.0 + k)
            p.save_inventory(compute(p.load_case(), default_library()))
        assert [r["id"] for r in p.runs()] == [11]
        assert p.latest_inventory()["totals"]["total"] > 0
        assert p.line_trace(0) is not None
        stale = p.db.execute("SELECT count(*) FROM result_lines WHERE run_id <> 11").fetchone()[0]
        assert stale == 0
        assert [r["action"] for r in p.audit_log()].count("compute") == 11  # the audit log keeps every run
    assert path.stat().st_size < 1.5 * size_after_first


def test_a_kept_run_survives_later_saves(tmp_path):
    with _line_project(tmp_path / "k.carbon", n=20) as p:
        [run] = p.runs()
        p.keep_run(run["id"], "report")
        case = p.load_case()
        p.save_inventory(compute(case, default_library()))
        p.save_inventory(compute(case, default_library()))
        assert [(r["id"], r["kept"]) for r in p.runs()] == [(run["id"], "report"), (3, None)]
        assert p.inventory(run["id"])["totals"]["total"] > 0
        with pytest.raises(ProjectError) as info:
            p.keep_run(99, "report")
        assert info.value.problem.code == "store.no_such_run"


def test_a_file_of_schema_version_1_gains_the_later_columns(tmp_path, monkeypatch):
    path = tmp_path / "v1.carbon"
    with monkeypatch.context() as m:
        # a file as version 1 wrote it (no run); the facilities' residual-mix column (step 0005) is
        # there too, since today's writer writes it
        m.setattr(store, "_STEPS", store._STEPS[:1] + [s for s in store._STEPS if s[0].startswith("0005")])
        Project.create(path, small_case()).close()
    with Project.open(path) as p:
        assert p.schema_version == store.schema_version() >= 3
        case = p.load_case()
        p.save_inventory(compute(case, default_library()))
        assert p.runs()[0]["kept"] is None
        assert len(p.latest_inventory()["lines"]) == len(case.activities)


def test_lines_of_a_run_come_back_exactly_from_the_compact_arrays(tmp_path):
    """Schema step 0003: a run's lines are stored as arrays and their group's coefficients; what comes
    back is what the engine computed, to the last bit, traces included."""
    from carbonmgr.facade import demo_path
    from carbonmgr.io.workbook import read_case

    case = read_case(demo_path("zh"))  # combustion, process, electricity (two bases), heat, the register
    inv = compute(case, default_library())
    assert inv.extra_lines
    with Project.create(tmp_path / "c.carbon", case, inv) as p:
        stored = p.latest_inventory()["lines"]
        rows = p.db.execute("SELECT count(*) FROM result_lines").fetchone()[0]
        assert rows == len(inv.extra_lines)  # only the register lines are stored one by one
        expected = [line for line in inv.lines()]
        assert len(stored) == len(expected)
        for got, want in zip(stored, expected):
            for key in ("row", "facility", "source", "quantity", "tco2e", "gases", "biogenic_co2", "scope"):
                assert got.get(key) == want.get(key), key
            for key in ("tco2e_location", "tco2e_market"):
                assert got.get(key) == want.get(key), key
        for i in range(len(case.activities)):
            assert p.line_trace(i) is not None
        assert p.line_trace(len(stored) + 5) is None


def test_per_line_json_writes_exactly_what_dumps_writes():
    """The fast path of the activities' per-line JSON (issue 8, item 19) gives the general encoder's text."""
    import datetime as dt

    cols = {"a": ['x"y', None, 1, 2.5, True, "中文", dt.date(2024, 1, 1), None, 1e-300, 12345678901234567890],
            "b": [None, None, 3, -0.0, False, "\n\t", None, [1, "二"], 0.1, "é"],
            "键": [None] * 9 + [dt.datetime(2024, 1, 2, 3, 4)]}
    expected = []
    for values in zip(*cols.values()):
        d = {k: v for k, v in zip(cols, values) if v is not None}
        expected.append(store.dumps(d) if d else None)
    got = store._per_line_json(cols, 10)
    assert got == expected
    assert [store.loads(x) if x else None for x in got] == [store.loads(x) if x else None for x in expected]


@pytest.mark.parametrize("cols", [
    {"evidence": [f"ledger-{i % 7}" for i in range(40)], "note": ["monthly reading"] * 40},  # every line has both
    {"evidence": ["a", None, "a", 'q"uote', None, "中文"], "note": [None] * 6},  # text and blanks
    {"only": ["x", "y\n", "x"]},
    {"mixed": [1, 1.0, True, "1", None, 1]},  # equal but not the same value: each written as itself
])
def test_per_line_json_of_text_columns_encodes_each_distinct_value_as_dumps_does(cols):
    n = len(next(iter(cols.values())))
    expected = []
    for values in zip(*cols.values()):
        d = {k: v for k, v in zip(cols, values) if v is not None}
        expected.append(store.dumps(d) if d else None)
    assert store._per_line_json(cols, n) == expected


def test_sqlite_utils_plugins_never_run_on_a_project(tmp_path):
    """A project file is opened by CarbonMgr alone: a sqlite-utils plugin installed beside it (its
    prepare_connection hook may register SQL functions on every connection) is not loaded or run, and
    looking for such plugins (every installed distribution's entry points, 0.1 s) is not paid on the
    first project an import writes."""
    from sqlite_utils.hookspecs import hookimpl
    from sqlite_utils.plugins import pm

    seen = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn):
            seen.append(conn)

    plugin = Plugin()
    pm.register(plugin)
    try:
        path = tmp_path / "p.carbon"
        Project.create(path, small_case()).close()
        with Project.open(path) as p:
            p.load_case()
        store.expected_schema(1)
    finally:
        pm.unregister(plugin)
    assert seen == []
