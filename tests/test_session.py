"""The desktop app's facade (carbonmgr.editing.session), tested without Qt on real files."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.io.fileio import WriteFailed
from carbonmgr.editing.session import (AUTOSAVE_EVERY_EDITS, CellError, EditSession, ImportCancelled, ImportJob,
                               autosave_path, blank_case, read_autosave)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo():
    s = EditSession.open("demo", lang="en")
    s.compute()
    yield s
    s.close().result()


@pytest.fixture
def project(tmp_path):
    """A project file made from the demo case; yields its path."""
    s = EditSession.open("demo", lang="en")
    path = tmp_path / "demo.carbon"
    s.save(path).result()
    s.close().result()
    return path


def line_factor(s, pos):
    return s.results.line_tco2e(pos) / s.case.activities.quantity[pos]


def test_edit_changes_total_by_expected_amount_and_undo_restores(demo):
    before = demo.results.totals["total"]
    per_unit = line_factor(demo, 0)
    q0 = demo.case.activities.quantity[0]
    changes = demo.set_cell(0, "quantity", "50")
    assert changes.lines == {0} and "quantity" in changes.fields
    assert demo.undo_label() == ("edit", {"field": "quantity"})
    after = demo.compute().totals["total"]
    assert after - before == pytest.approx(per_unit * (50 - q0), rel=1e-9)
    demo.undo()
    assert demo.case.activities.quantity[0] == q0
    assert demo.compute().totals["total"] == pytest.approx(before)
    assert demo.can_redo() and demo.redo_label() == ("edit", {"field": "quantity"})
    demo.redo()
    assert demo.compute().totals["total"] == pytest.approx(after)


def test_invalid_cells_raise_translated_errors(demo):
    with pytest.raises(CellError) as e:
        demo.set_cell(0, "quantity", "about 100")
    assert "not a number" in e.value.render("en") and "不是数字" in e.value.render("zh")
    with pytest.raises(CellError):
        demo.set_cell(0, "quantity", "-5")
    with pytest.raises(CellError) as e:
        demo.set_cell(0, "facility", "F99")
    assert "F99" in e.value.render("en")
    with pytest.raises(CellError):
        demo.set_cell(0, "oxidation_rate", "150")
    assert demo.parse_cell("source", "固定燃烧") == "stationary_combustion"
    assert demo.parse_cell("quantity", "1,234.5") == 1234.5
    assert demo.parse_cell("oxidation_rate", "98%") == pytest.approx(0.98)
    assert not demo.can_undo()


def test_engine_problems_are_mapped_to_lines(demo):
    demo.set_cell(1, "item", "unobtainium")
    demo.set_cell(2, "unit", "parsec")
    res = demo.compute()
    assert res.line_error(1)[0] == "engine.item_unknown" and res.line_error(1)[1] == "item"
    assert res.line_error(2)[0] == "engine.unit_unknown" and res.line_error(2)[1] == "unit"
    assert res.line_error(0) is None
    assert res.error_lines == 2
    cells = {p.cell for p in res.problems}
    assert any(c.endswith("!C3") for c in cells) and any(c.endswith("!E4") for c in cells)
    assert "unobtainium" in res.problems[0].render("zh") or "unobtainium" in res.problems[1].render("zh")


def test_insert_delete_paste_undo(demo):
    n = len(demo)
    demo.insert_lines(2, count=2)
    assert len(demo) == n + 2 and demo.case.activities.quantity[2] == 0.0
    demo.delete_lines([2, 3])
    assert len(demo) == n
    changes, errors = demo.paste([(0, "quantity", "7")],
                                 [{"facility": "F1", "source": "固定燃烧", "item": "柴油", "quantity": "3", "unit": "t"},
                                  {"quantity": "oops", "item": "汽油"}])
    assert changes.structure and len(demo) == n + 2
    assert [(p, f) for p, f, _ in errors] == [(n + 1, "quantity")]
    assert demo.case.activities.source[n] == "stationary_combustion" and demo.case.activities.quantity[0] == 7
    demo.undo()  # the whole paste is one step
    assert len(demo) == n and demo.case.activities.quantity[0] == 42.0


def test_assign_and_override_factor(demo):
    lib = demo.library
    # a set whose factors do not fit the line's unit (IPCC NCVs are per mass; the line is in 10^4 Nm3):
    # the named set is used, so the line is a problem on its unit, not silently another table
    f = lib.find("ipcc2006", "natural_gas", "ef", "CO2") or lib.search("natural gas", set_name="ipcc2006")[0]
    demo.assign_factor([0], f)
    assert demo.value(0, "factor_set") == "ipcc2006"
    assert demo.compute().line_error(0)[0] == "engine.unit_not_fit"
    demo.undo()
    f = lib.find("cn_ndrc_2013", "natural_gas", "cc") or lib.search("natural gas", set_name="cn_ndrc_2013")[0]
    demo.assign_factor([0], f)
    assert demo.value(0, "factor_set") == "cn_ndrc_2013"
    assert demo.compute().line_error(0) is None
    demo.override_factor([0], 2.0, "t/10^4 Nm3")
    assert demo.compute().line_tco2e(0) == pytest.approx(2.0 * demo.case.activities.quantity[0])
    demo.undo()
    demo.undo()
    assert demo.value(0, "factor_set") is None and demo.value(0, "ef_co2e") is None


def test_save_replays_edits_into_the_project_with_audit_log(project):
    s = EditSession.open(project)
    s.set_cell(0, "quantity", "100")
    s.insert_lines(0, count=1)
    s.set_cell(0, "item", "柴油")
    s.set_cell(0, "source", "mobile_combustion")
    s.delete_lines([6])
    s.set_info("reporting_year", "2024")
    s.set_facility(1, "equity_share", "50%")
    expected = [s.line_values(i) for i in range(len(s))]
    assert s.modified
    s.save().result()
    assert not s.modified
    log = s.audit_log(50).result()
    s.close().result()
    actions = [(r["action"], r["entity"], r["field"]) for r in log]
    assert ("update", "activity", "quantity") in actions and ("add", "activity", None) in actions
    assert ("delete", "activity", None) in actions and ("update", "facility", "equity_share") in actions
    s2 = EditSession.open(project)
    got = [s2.line_values(i) for i in range(len(s2))]
    assert [(g["item"], g["quantity"], g["source"]) for g in got] == \
           [(e["item"], e["quantity"], e["source"]) for e in expected]
    assert s2.case.info.reporting_year == 2024 and s2.case.facilities[1].equity_share == 0.5
    s2.close().result()


def test_save_with_new_facility_keeps_the_audit_log(project):
    s = EditSession.open(project)
    s.set_cell(0, "quantity", "77")
    s.save().result()
    s.add_facility("F9", "New plant")
    s.insert_lines(len(s), [dict(s.default_line("F9"), item="柴油", quantity=2.0)])
    s.save().result()
    log = s.audit_log(None).result()
    s.close().result()
    actions = [(r["action"], r["entity"], r["entity_id"], r["field"]) for r in log]
    assert ("add", "facility", "F9", None) in actions
    # the file was not rewritten: the first save's edit and the creation are still in the log
    assert any(a[0] == "update" and a[3] == "quantity" for a in actions)
    assert actions[-1][0] == "create"
    s2 = EditSession.open(project)
    assert [f.id for f in s2.case.facilities][-1] == "F9"
    assert s2.case.activities.facility[-1] == "F9" and s2.compute().line_error(len(s2) - 1) is None
    s2.close().result()


def test_autosave_and_recovery_after_save_with_inserted_lines(project):
    """Autosaves name base lines by position, so keys of an earlier session never leak."""
    s = EditSession.open(project)
    s.insert_lines(0, count=1)
    s.set_cell(0, "quantity", "5")
    s.save().result()  # the project order now differs from the keys' order
    s.set_cell(1, "quantity", "77")  # the old first line (natural gas)
    s.insert_lines(0, count=1)
    s.set_cell(0, "quantity", "9")
    s.set_info("title", "recovered")
    side = s.autosave()
    assert side == autosave_path(project) and side.exists()
    want = [s.line_values(i)["quantity"] for i in range(len(s))]
    s.close().result()  # "crash": the edits were never saved

    s2 = EditSession.open(project)
    rec = s2.recovery()
    assert rec is not None and len(rec["ops"]) == 4
    s2.recover(rec)
    assert s2.modified and s2.case.info.title == "recovered"
    assert [s2.line_values(i)["quantity"] for i in range(len(s2))] == want
    s2.save().result()
    assert not side.exists()
    s2.close().result()
    s3 = EditSession.open(project)
    assert s3.recovery() is None and [s3.line_values(i)["quantity"] for i in range(len(s3))] == want
    s3.close().result()


def test_autosave_is_due_after_n_edits(demo, tmp_path):
    demo.autosave_dir = tmp_path
    for i in range(AUTOSAVE_EVERY_EDITS):
        assert not demo.autosave_due()
        demo.set_cell(0, "quantity", str(i + 1))
    assert demo.autosave_due()
    path = demo.autosave()
    assert path.parent == tmp_path and path.name.startswith("untitled-")
    assert not demo.autosave_due()
    data = EditSession.untitled_recoveries(tmp_path)
    assert data == []  # this process is alive: not offered
    data = read_autosave(path)
    data["pid"] = 0
    s2 = EditSession.from_untitled_recovery(data, lang="en")
    assert s2.case.activities.quantity[0] == AUTOSAVE_EVERY_EDITS


KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    from carbonmgr.editing.session import EditSession
    s = EditSession.open(sys.argv[1])
    i = 0
    while True:
        i += 1
        s.set_cell(0, "quantity", str(i))
        s.set_cell(1, "note", "x" * (i % 5000))  # autosaves of varying size
        s.autosave()
        if i == 20:
            print("ready", flush=True)
""")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_while_autosaving_leaves_a_consistent_recovery(project, tmp_path):
    script = tmp_path / "autosave_loop.py"
    script.write_text(KILL_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(project)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.7)  # keep writing autosaves
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    side = autosave_path(project)
    data = read_autosave(side)
    assert data is not None, "the autosave file must be complete (temp file + os.replace)"
    s = EditSession.open(project)
    rec = s.recovery()
    assert rec is not None
    s.recover(rec)
    q = s.case.activities.quantity[0]
    assert q == int(q) and q >= 20
    note = s.value(1, "note")
    assert note == "x" * (int(q) % 5000) or note is None and int(q) % 5000 == 0
    s.save().result()
    s.close().result()
    s2 = EditSession.open(project)
    assert s2.case.activities.quantity[0] == q
    s2.close().result()


def test_import_job_in_a_child_process_and_cancel(tmp_path):
    from carbonmgr.facade import demo_path

    case = ImportJob(demo_path("zh")).run()
    assert len(case.activities) == 14 and case.documents
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(ValidationFailed):
        ImportJob(bad).run()
    job = ImportJob(demo_path("zh"))
    job.cancel()
    with pytest.raises(ImportCancelled):
        job.run()


def test_new_project_and_db_thread(tmp_path):
    path = tmp_path / "new.carbon"
    s = EditSession.create_project(path, blank_case("en"), lang="en").result()
    assert s.project_path == path and len(s) == 0 and s.case.facilities[0].id == "F1"
    assert s.worker.call(lambda: s._project is not None)  # the project lives on the DB thread
    s.insert_lines(0, [dict(s.default_line(), item="Diesel", quantity=10.0, unit="t")])
    assert s.compute().totals["total"] > 0
    s.save().result()
    s.close().result()
    s2 = EditSession.open(path)
    assert len(s2) == 1 and s2.case.activities.item[0] == "Diesel"
    s2.close().result()


# ---------------------------------------------------------------- instruments, equipment, facilities

def _factor(s, set_name, item, param, gas="", variant=None, year=None):
    f = s.library.find(set_name, item, param, gas, variant=variant, year=year)
    assert f is not None, (set_name, item, param)
    return f


def test_green_certificate_changes_the_gbt32150_total_by_the_rule(demo):
    """F2 (湖北) buys 2,140 MWh and has no instrument: a green certificate of 500 MWh makes
    500 MWh count 0 and the rest count the national factor excl. market-traded non-fossil power."""
    before = demo.results.totals
    hubei = _factor(demo, "cn_grid_mee_nbs", "grid_cn_hubei", "ef", "CO2", year=2023)
    rest = _factor(demo, "cn_grid_mee_nbs", "grid_cn", "ef", "CO2", variant="excl_market_nonfossil", year=2023)
    assert hubei.unit == rest.unit == "t/MWh"
    mwh = sum(q for f, src, q in zip(demo.case.activities.facility, demo.case.activities.source,
                                     demo.case.activities.quantity) if f == "F2" and src == "purchased_electricity")
    assert mwh == 2140.0
    changes = demo.add_record("instrument", facility="F2", type="绿证", quantity="500", ef="0")
    assert changes.instruments and changes.affects_results
    assert demo.undo_label() == ("add_instrument", {})
    assert demo.case.instruments[-1].row == 3  # a fresh row number
    after = demo.compute().totals
    expected = (mwh - 500) * rest.value - mwh * hubei.value
    assert after["total"] - before["total"] == pytest.approx(expected, rel=1e-9)
    assert after["scope2_location"] == pytest.approx(before["scope2_location"])
    # edit the quantity; then undo both steps
    demo.set_record("instrument", 1, "quantity", "2,000")
    assert demo.compute().totals["total"] - before["total"] == pytest.approx((mwh - 2000) * rest.value - mwh * hubei.value)
    with pytest.raises(CellError) as e:
        demo.set_record("instrument", 1, "quantity", "-3")
    assert "negative" in e.value.render("en")
    with pytest.raises(CellError):
        demo.set_record("instrument", 1, "facility", "F99")
    demo.undo()
    demo.undo()
    assert len(demo.case.instruments) == 1 and demo.compute().totals["total"] == pytest.approx(before["total"])
    demo.redo()
    assert demo.compute().totals["total"] - before["total"] == pytest.approx(expected, rel=1e-9)


def test_screening_equipment_row_raises_scope1_and_problems_are_mapped(demo):
    before = demo.results.totals["scope1"]
    p = {k: _factor(demo, "epa_sgec_screening", "chillers", k).value / 100 for k in ("k_install", "x_operating")}
    gwp = demo.library.gwp_value("SAR", "HFC-134a").value
    demo.add_record("equipment", facility="F1", method="筛选法", refrigerant="HFC-134a", equipment="chillers",
                    new_charge="50", operating_capacity="200", sold="3")
    eq = demo.case.equipment[-1]
    assert (eq.method, eq.row, eq.values) == ("screening", 3, {"new_charge": 50.0, "operating_capacity": 200.0,
                                                               "sold": 3.0})
    res = demo.compute()
    expected = gwp * (50 * p["k_install"] + 200 * p["x_operating"]) / 1000  # kg -> t
    assert res.totals["scope1"] - before == pytest.approx(expected, rel=1e-9)
    assert not res.problems and not res.equipment_errors
    # an unknown equipment type: the row's problem names the column; not counted
    demo.set_record("equipment", 1, "equipment", "toaster")
    res = demo.compute()
    assert res.equipment_errors == {3: ("engine.equipment_unknown", "equipment", {"item": "toaster"})}
    assert res.totals["scope1"] == pytest.approx(before) and res.error_lines == 1
    assert res.problems[0].sheet == demo.case.sheet("Equipment") and res.problems[0].row == 3
    # a new empty line: its refrigerant is required
    demo.add_record("equipment")
    res = demo.compute()
    assert res.equipment_errors[4][:2] == ("workbook.required", "refrigerant")
    assert "制冷剂为空" in [p.render("zh") for p in res.problems if p.row == 4][0]
    demo.undo()
    demo.undo()
    assert demo.compute().totals["scope1"] - before == pytest.approx(expected, rel=1e-9)
    demo.delete_records("equipment", [0, 1])
    assert demo.case.equipment == [] and demo.undo_label() == ("delete_equipment", {"count": 2})
    demo.undo()
    assert [e.row for e in demo.case.equipment] == [2, 3]


def test_rename_and_delete_facility_are_undoable(demo):
    total = demo.results.totals["total"]
    with pytest.raises(CellError):
        demo.rename_facility(1, "F1")  # taken
    with pytest.raises(CellError):
        demo.rename_facility(1, "  ")
    changes = demo.set_facility(1, "id", "XG")  # editing the id cell renames
    assert changes.renamed == (("F2", "XG"),) and changes.lines == {9, 10}
    assert demo.undo_label() == ("rename_facility", {"id": "F2", "new": "XG"})
    a = demo.case.activities
    assert [f.id for f in demo.case.facilities] == ["F1", "XG", "F3"]
    assert [a.facility[i] for i in (9, 10)] == ["XG", "XG"] and demo.case.equipment[0].facility == "XG"
    assert demo.compute().totals["total"] == pytest.approx(total)
    demo.undo()
    assert demo.case.facilities[1].id == "F2" and a.facility[9] == "F2" and demo.case.equipment[0].facility == "F2"
    demo.redo()
    # delete: refused while referenced, or everything that names it together, as one step
    with pytest.raises(CellError) as e:
        demo.delete_facility(1)
    assert "2 activity line(s), 0 instrument(s) and 1 equipment line(s)" in e.value.render("en")
    n = len(demo)
    demo.delete_facility(1, cascade=True)
    assert len(demo) == n - 2 and demo.case.equipment == [] and [f.id for f in demo.case.facilities] == ["F1", "F3"]
    assert demo.undo_label() == ("delete_facility", {"id": "XG"})
    demo.undo()
    assert len(demo) == n and [f.id for f in demo.case.facilities] == ["F1", "XG", "F3"]
    assert demo.case.activities.facility[9] == "XG" and demo.case.equipment[0].facility == "XG"
    assert demo.compute().totals["total"] == pytest.approx(total)
    demo.add_facility("F9", "empty")
    demo.delete_facility(3)  # nothing names it: no question
    assert [f.id for f in demo.case.facilities] == ["F1", "XG", "F3"]


def test_register_and_facility_edits_are_saved_with_audit_rows_and_recovered(project):
    s = EditSession.open(project)
    s.rename_facility(1, "XG")
    s.add_record("instrument", facility="XG", type="green_power", quantity="300", ef="0")
    s.set_record("instrument", 0, "ef", "0.01")
    s.add_record("equipment", 0, facility="F1", method="material_balance", refrigerant="R-404A",
                 inventory_start="100", inventory_end="80", purchased="5")
    s.set_record("equipment", 1, "operating_capacity", "150")
    s.delete_records("instrument", [0])
    want = (list(s.case.instruments), list(s.case.equipment), [f.id for f in s.case.facilities],
            list(s.case.activities.facility))
    totals = s.compute().totals
    side = s.autosave()
    s.close().result()  # "crash"

    s2 = EditSession.open(project)
    rec = s2.recovery()
    assert rec is not None and [op[0] for op in rec["ops"]] == [
        "facility_rename", "instrument_add", "instrument_set", "equipment_add", "equipment_set",
        "instrument_remove"]
    s2.recover(rec)
    assert (s2.case.instruments, s2.case.equipment, [f.id for f in s2.case.facilities],
            s2.case.activities.facility) == want
    s2.save().result()
    assert not side.exists()
    log = s2.audit_log(None).result()
    s2.close().result()
    got = [(r["action"], r["entity"], r["field"]) for r in log]
    for entry in [("rename", "facility", "id"), ("rename", "activity", "facility"), ("add", "instrument", None),
                  ("update", "instrument", "ef"), ("add", "equipment", None),
                  ("update", "equipment", "operating_capacity"), ("delete", "instrument", None)]:
        assert entry in got

    s3 = EditSession.open(project)
    assert (s3.case.instruments, s3.case.equipment, [f.id for f in s3.case.facilities],
            s3.case.activities.facility) == want
    assert s3.compute().totals == pytest.approx(totals)
    s3.close().result()


def test_a_failed_save_is_a_clean_no_op_and_retrying_it_adds_nothing_twice(project):
    """Issue 8, item 1: the edits and their results are one transaction. The disk fills up
    (SQLite's own limit on the file's pages, a real 'database or disk is full') after the edits
    were written but before the results were; the retry must not add the new line again."""
    s = EditSession.open(project)
    n = len(s)
    s.insert_lines(0, count=1)
    s.set_cell(0, "quantity", "5")

    def fill_the_disk():
        db = s._project.db
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")

    s.worker.submit(fill_the_disk).result()
    with pytest.raises(Exception) as info:
        s.save().result()
    assert "full" in str(info.value)
    assert s.modified
    s.worker.submit(lambda: s._project.db.execute("PRAGMA max_page_count = 1073741823")).result()
    s.save().result()  # the retry
    s.save().result()  # and a save with nothing new
    assert not s.modified
    s.close().result()
    s2 = EditSession.open(project)
    assert len(s2) == n + 1
    assert s2.line_values(0)["quantity"] == 5
    s2.close().result()


def test_a_retried_save_still_deletes_and_edits_what_the_failed_one_did_not_keep(project):
    """The failed save rolled back: the lines it deleted are still in the file, so the retry
    must delete them again (the session's map of lines to the file's rows is kept only when a
    save lands)."""
    s = EditSession.open(project)
    s.delete_lines([0])
    s.set_cell(0, "quantity", "6")
    s.insert_lines(1, count=1)
    want = [s.line_values(i) for i in range(len(s))]

    def fill_the_disk():
        db = s._project.db
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")

    s.worker.submit(fill_the_disk).result()
    with pytest.raises(WriteFailed):
        s.save().result()
    s.worker.submit(lambda: s._project.db.execute("PRAGMA max_page_count = 1073741823")).result()
    s.save().result()
    s.close().result()
    s2 = EditSession.open(project)
    assert [s2.line_values(i) for i in range(len(s2))] == want
    s2.close().result()


def test_a_second_instance_is_told_the_project_is_in_use_and_can_open_it_read_only(project, tmp_path):
    """Issue 8, item 3: the edit lock. Another process (a second app on the same file, here a child
    Python process) holds the project; this one is refused, opens it read-only, cannot save over it,
    leaves the holder's autosave sidecar alone, and keeps its edits with Save As."""
    from carbonmgr.common.errors import ProjectError
    from carbonmgr.editing.autosave import autosave_path
    from carbonmgr.storage.lock import ProjectInUse, lock_path

    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        sys.path[:0] = {sys.path!r}
        from carbonmgr.editing.session import EditSession
        s = EditSession.open({str(project)!r})
        print("open", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectInUse) as info:
            EditSession.open(project)
        assert "read-only" in info.value.render("en") and "只读" in info.value.render("zh")
        s = EditSession.open_project(project, read_only=True).result()
        assert s.read_only
        s.set_cell(0, "quantity", "123")
        assert s.autosave_file() is None  # the holder's sidecar is not ours to write
        with pytest.raises(ProjectError) as refused:
            s.save().result()
        assert refused.value.problem.code == "store.read_only_session"
        assert s.modified and not autosave_path(project).exists()
        mine = tmp_path / "mine.carbon"
        s.save(mine).result()  # Save As: the edits are kept in a file of its own
        assert not s.read_only and s.project_path == mine and lock_path(mine).exists()
        s.close().result()
        assert not lock_path(mine).exists()
    finally:
        holder.kill()
        holder.wait()
    s2 = EditSession.open(mine)
    assert s2.case.activities.quantity[0] == 123
    s2.close().result()
    # the holder died without closing: its lock on this computer is stale and taken over
    s3 = EditSession.open(project)
    assert not s3.read_only and s3.case.activities.quantity[0] != 123
    s3.close().result()


def test_a_read_only_project_opens_read_only_and_save_says_to_save_as(project, tmp_path, monkeypatch):
    """Issue 8, item 6: a project in a read-only folder (a CD, a protected share) is a project, not
    'damaged'; it opens read-only and Save says what is wrong and to use Save As, which works.
    Without root the folder and file are really made read-only; as root (who may write anyway, as
    CI runs) the operating system's answer for that folder is made 'not writable'."""
    import shutil
    import stat

    from carbonmgr.common.errors import ProjectError

    folder = tmp_path / "cd"
    folder.mkdir()
    path = folder / "p.carbon"
    shutil.copyfile(project, path)
    if os.geteuid() == 0:
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (mode & os.W_OK and Path(p).resolve()
                                                                          in (path.resolve(), folder.resolve()))
                            else real_access(p, mode, **kw))
    else:
        path.chmod(stat.S_IRUSR | stat.S_IRGRP)
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        s = EditSession.open(path)
        assert s.read_only and s.read_only_reason == "file"
        before = s.case.activities.quantity[0]
        s.set_cell(0, "quantity", str(before + 1))
        with pytest.raises(ProjectError) as info:
            s.save().result()
        assert info.value.problem.code == "store.read_only_file"
        assert "Save As" in info.value.render("en") and "另存为" in info.value.render("zh")
        copy = tmp_path / "mine.carbon"
        s.save(copy).result()
        s.close().result()
        s2 = EditSession.open(copy)
        assert s2.case.activities.quantity[0] == before + 1 and not s2.read_only
        s2.close().result()
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def _hold_worker(s):
    """Block the session's DB thread until the returned event is set (a save queued behind waits)."""
    import threading

    gate = threading.Event()
    s.worker.submit(gate.wait)
    return gate


@pytest.mark.parametrize("lands", [True, False])
def test_edits_made_during_a_save_survive_a_crash_whether_the_save_landed_or_not(project, lands):
    """Issue 8, item 4: edit A is being saved; edit B is made meanwhile and autosaved; the app dies
    before the save's completion reaches the window. Recovery keeps every edit since the last
    completed save: B alone if the save landed (A is in the file), A and B if it did not."""
    s = EditSession.open(project)
    a_before, b_before = s.case.activities.quantity[0], s.case.activities.quantity[1]
    s.set_cell(0, "quantity", str(a_before + 11))  # A
    s.dispatch = lambda fn: None  # the window never hears of the save: the crash comes first
    gate = _hold_worker(s)
    if not lands:
        def fill_the_disk():
            db = s._project.db
            db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        s.worker.submit(fill_the_disk)
    fut = s.save()
    s.set_cell(1, "quantity", str(b_before + 22))  # B, while the save waits
    s.autosave()  # the timer fires during the save
    gate.set()
    s.worker.submit(lambda: None).result(timeout=60)  # the save's job has run (and landed, or failed)
    s.worker.submit(lambda: s._project.db.execute("PRAGMA max_page_count = 1073741823")).result(timeout=60)
    assert fut.done() is False  # its completion never reached the session
    s.close().result(timeout=60)  # the process is gone: the lock and the DB connection with it

    s2 = EditSession.open(project)
    assert (s2.case.activities.quantity[0] == a_before + 11) is lands
    data = s2.recovery()
    assert data is not None
    s2.recover(data)
    assert s2.case.activities.quantity[0] == a_before + 11
    assert s2.case.activities.quantity[1] == b_before + 22
    s2.save().result(timeout=60)
    s2.close().result(timeout=60)
    s3 = EditSession.open(project)
    assert s3.recovery() is None
    assert (s3.case.activities.quantity[0], s3.case.activities.quantity[1]) == (a_before + 11, b_before + 22)
    s3.close().result(timeout=60)


def test_an_autosave_during_a_save_with_nothing_new_keeps_the_edits_being_saved(project):
    """The timer fires while a save runs and nothing was edited since: the sidecar must still hold
    the edits being saved (not be deleted), in case the save never lands."""
    from carbonmgr.editing.autosave import autosave_path, read_autosave

    s = EditSession.open(project)
    s.set_cell(0, "quantity", "4242")
    s.autosave()
    s.dispatch = lambda fn: None
    gate = _hold_worker(s)
    s.save()
    s.autosave()
    data = read_autosave(autosave_path(project))
    assert data is not None and data["ops"] and data["after_save"]["ops"] == []
    gate.set()
    s.worker.submit(lambda: None).result(timeout=60)
    s.close().result(timeout=60)
