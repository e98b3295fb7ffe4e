"""Every registered kind of edit (carbonmgr.editing.operations.OPERATIONS) round-trips through
apply/undo/redo, through autosave -> recover, and through save -> reopen, on real SQLite project
files and real autosave sidecar files.  The tests are parameterised over the registry: a new
kind of edit fails ``test_every_kind_of_edit_has_an_example`` until it has an example below."""
from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from carbonmgr.editing.operations import OPERATIONS, Operation
from carbonmgr.editing.session import EditSession, autosave_path


# One edit through the session's public API per tag of the registry; each must put an
# operation of that tag into the journal.
EXAMPLES = {
    "set": lambda s: s.set_cell(3, "quantity", "123.5"),
    "add": lambda s: s.paste([], [{"facility": "F2", "source": "固定燃烧", "item": "柴油", "quantity": "3",
                                   "unit": "t", "oxidation_rate": "98%"}]) and s.insert_lines(2, count=2),
    "delete": lambda s: s.delete_lines([1, 4, 5]),
    "case": lambda s: s.set_info("reporting_year", "2021"),
    "facility": lambda s: s.set_facility(2, "equity_share", "40%"),
    "facility_add": lambda s: s.add_facility("F9", "New plant", "湖北"),
    "facility_remove": lambda s: s.delete_facility(1, cascade=True),
    "facility_rename": lambda s: s.rename_facility(1, "XG"),
    "instrument_add": lambda s: s.add_record("instrument", 0, facility="F2", type="绿证", quantity="500", ef="0"),
    "instrument_set": lambda s: s.set_record("instrument", 0, "quantity", "777"),
    "instrument_remove": lambda s: s.delete_records("instrument", [0]),
    "equipment_add": lambda s: s.add_record("equipment", facility="F1", method="筛选法", refrigerant="HFC-134a",
                                            equipment="chillers", new_charge="50", operating_capacity="200"),
    "equipment_set": lambda s: s.set_record("equipment", 0, "operating_capacity", "150"),
    "equipment_remove": lambda s: s.delete_records("equipment", [0]),
    "ets_unit_add": lambda s: s.add_record("ets_unit", unit="#1", facility="F1", klass="II", generation="1500000",
                                           load_factor="60%", cooling="水冷"),
    "ets_unit_set": lambda s: s.add_record("ets_unit", unit="#1", klass="I") and s.set_record("ets_unit", 0, "klass",
                                                                                                "II"),
    "ets_unit_remove": lambda s: (s.add_record("ets_unit", unit="#1") and s.add_record("ets_unit", unit="#2")
                                  and s.delete_records("ets_unit", [0])),
}
TAGS = sorted(OPERATIONS)


def state(s: EditSession) -> dict:
    """Everything an edit can change, as plain data."""
    case = s.case
    return {"info": dataclasses.asdict(case.info),
            "facilities": [dataclasses.asdict(f) for f in case.facilities],
            "lines": [s.line_values(i) for i in range(len(s))],
            "instruments": [dataclasses.asdict(x) for x in case.instruments],
            "equipment": [dataclasses.asdict(x) for x in case.equipment],
            "ets": [dataclasses.asdict(u) for u in (case.ets.units if case.ets else [])]}


def journal_tags(s: EditSession) -> list[str]:
    return [entry[0] for entry in (s.autosave_data() or {"ops": []})["ops"]]


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory):
    s = EditSession.open("demo", lang="en")
    path = tmp_path_factory.mktemp("ops") / "demo.carbon"
    s.save(path).result()
    s.close().result()
    return path


@pytest.fixture
def project(demo_project, tmp_path):
    path = tmp_path / "case.carbon"
    shutil.copyfile(demo_project, path)
    return path


def open_session(path) -> EditSession:
    return EditSession.open(path, lang="en")


def test_every_kind_of_edit_has_an_example():
    assert set(EXAMPLES) == set(OPERATIONS), "add an example of each new kind of edit to EXAMPLES"
    for tag, cls in OPERATIONS.items():
        assert issubclass(cls, Operation) and tag in cls.tags


@pytest.mark.parametrize("tag", TAGS)
def test_apply_undo_redo(tag, project):
    s = open_session(project)
    before = state(s)
    changes = EXAMPLES[tag](s)
    assert changes and tag in journal_tags(s)
    after = state(s)
    assert after != before and s.modified
    while s.can_undo():
        s.undo()
    assert state(s) == before
    while s.can_redo():
        s.redo()
    assert state(s) == after
    s.close().result()


@pytest.mark.parametrize("undone", [False, True], ids=["edited", "undone"])
@pytest.mark.parametrize("tag", TAGS)
def test_autosave_then_recover(tag, undone, project):
    s = open_session(project)
    before = state(s)
    EXAMPLES[tag](s)
    if undone:
        s.undo()  # the journal now also holds the inverse operations
    want = state(s)
    side = s.autosave()
    assert side == autosave_path(project) and side.exists()
    s.close().result()  # "crash": nothing was saved

    s2 = open_session(project)
    assert state(s2) == before
    rec = s2.recovery()
    assert rec is not None and tag in [entry[0] for entry in rec["ops"]]
    s2.recover(rec)
    assert state(s2) == want and s2.modified
    # what was recovered is saved like any edit
    s2.save().result()
    assert not side.exists()
    s2.close().result()
    s3 = open_session(project)
    assert state(s3) == want and s3.recovery() is None
    s3.close().result()


@pytest.mark.parametrize("undone", [False, True], ids=["edited", "undone"])
@pytest.mark.parametrize("tag", TAGS)
def test_save_then_reopen(tag, undone, project):
    s = open_session(project)
    before = state(s)
    EXAMPLES[tag](s)
    assert state(s) != before
    if undone:
        s.undo()  # the journal now also holds the inverse operations
    want = state(s)
    s.save().result()
    assert not s.modified
    log = s.audit_log(None).result()
    s.close().result()
    s2 = open_session(project)
    assert state(s2) == want
    s2.close().result()
    assert len(log) > 1  # the edits were replayed into the project, not a new file written


@pytest.mark.parametrize("tag", TAGS)
def test_autosave_entries_are_json_and_read_back_by_their_own_kind(tag, project):
    s = open_session(project)
    EXAMPLES[tag](s)
    for op in s._journal:
        entries = op.autosave(s._refs)
        assert entries and json.loads(json.dumps(entries)) == entries
        assert all(OPERATIONS[e[0]] is type(op) for e in entries)
    s.close().result()


def test_a_restored_base_line_is_found_again_by_later_edits(project):
    """Delete a line of the project, undo, then edit it: recovery applies the edit."""
    s = open_session(project)
    s.delete_lines([2])
    s.undo()
    s.set_cell(2, "quantity", "4242")
    want = state(s)
    s.autosave()
    s.close().result()
    s2 = open_session(project)
    s2.recover(s2.recovery())
    assert state(s2) == want
    s2.close().result()


def test_damaged_or_unknown_autosave_entries_are_skipped(project):
    s = open_session(project)
    s.set_cell(0, "quantity", "5")
    data = s.autosave_data()
    s.close().result()
    data["ops"] = [["teleport", 1], [], [3], ["set", ["b", 10_000], "quantity", 1.0], ["facility_add", 0, {"x": 1}],
                   ["instrument_set", "x", "quantity", 2.0]] + data["ops"]
    s2 = open_session(project)
    s2.recover(data)
    assert s2.case.activities.quantity[0] == 5.0
    s2.close().result()


def test_many_scattered_lines_deleted_come_back_in_place(project):
    """More than 64 lines deleted at once (the table is rebuilt) and restored by undo at
    scattered positions (merged back in one pass), then autosaved, recovered and saved."""
    s = open_session(project)
    s.insert_lines(3, [dict(s.default_line("F3"), item="Diesel", quantity=float(i), unit="t") for i in range(200)])
    s.save().result()
    before = state(s)
    positions = list(range(1, len(s), 3))
    assert len(positions) > 64
    s.delete_lines(positions)
    deleted = state(s)
    assert len(deleted["lines"]) == len(before["lines"]) - len(positions)
    s.undo()
    assert state(s) == before
    s.redo()
    s.undo()
    s.set_cell(positions[-1], "quantity", "31")  # a restored line is found again
    want = state(s)
    s.autosave()
    s.close().result()
    s2 = open_session(project)
    s2.recover(s2.recovery())
    assert state(s2) == want
    s2.save().result()
    s2.close().result()
    s3 = open_session(project)
    assert state(s3) == want
    s3.close().result()
