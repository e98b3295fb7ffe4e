"""A large new project holds its activity lines as one block of columns (issue 8, item 19: an import of
200,000 lines wrote 200,000 rows): it reads back exactly what rows give, the first edit of a line turns
it into rows in the edit's own transaction, and a crafted block is a damaged project, not a crash."""
from __future__ import annotations

import datetime as dt
import sqlite3
import zlib

import pytest

from carbonmgr.common.errors import ProjectError
from carbonmgr.factors.library import default_library
from carbonmgr.inventory.engine import compute
from carbonmgr.inventory.model import ActivityTable, CaseData, CaseInfo, Facility
from carbonmgr.storage import store
from carbonmgr.storage.store import Project

N = store._PACK_LINES  # the smallest case written as a block

KINDS = [("stationary_combustion", "天然气", "10^4 Nm3"), ("purchased_electricity", "", "MWh"),
         ("process", "石灰石", "t"), ("stationary_combustion", "烟煤", "t")]


def large_case(n: int = N, blanks: bool = True) -> CaseData:
    kinds = [KINDS[i % len(KINDS)] for i in range(n)]
    acts = ActivityTable(
        row=[i + 2 for i in range(n)],
        facility=["F1" if i % 3 else "F2" for i in range(n)],
        source=[k[0] for k in kinds],
        item=[k[1] for k in kinds],
        quantity=[None if blanks and i == 7 else round(0.1 + (i * 7919 % 100_000) / 7.0, 6) for i in range(n)],
        unit=[k[2] for k in kinds],
        options={"evidence": [f"台账-{i % 97}" if i % 5 else None for i in range(n)],
                 "purity": [0.95 if k[0] == "process" else None for k in kinds],
                 "note": ['引号 "a"\n' if i == 3 else None for i in range(n)],
                 "biogenic": [None] * n},
        extra={"发票日期": [dt.date(2024, 1 + i % 12, 1) if i % 11 == 0 else None for i in range(n)],
               "Count": [i if i % 2 else None for i in range(n)], "供应商": ["甲公司"] * n},
    )
    return CaseData(info=CaseInfo(title="大案例", reporting_year=2023),
                    facilities=[Facility("F1", "一号厂", "湖北"), Facility("F2", "二号厂", "湖南")],
                    activities=acts)


def table_dict(t: ActivityTable) -> dict:
    return {k: getattr(t, k) for k in ActivityTable.__slots__}


def types(t: ActivityTable) -> list:
    return [type(v) for k in ActivityTable.__slots__ if k not in ("options", "extra") for v in getattr(t, k)] + [
        type(v) for bag in (t.options, t.extra) for col in bag.values() for v in col]


@pytest.fixture
def both(tmp_path, monkeypatch):
    """The same large case written as a block and (the block switched off) as rows."""
    case = large_case()
    packed = tmp_path / "packed.carbon"
    Project.create(packed, case).close()
    with monkeypatch.context() as m:
        m.setattr(store, "_PACK_LINES", 10 ** 9)
        rows = tmp_path / "rows.carbon"
        Project.create(rows, case).close()
    return case, packed, rows


def counts(path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        return (con.execute("SELECT count(*) FROM activities").fetchone()[0],
                con.execute("SELECT count(*) FROM activity_pack").fetchone()[0])
    finally:
        con.close()


def test_a_large_case_is_one_block_and_reads_back_exactly_as_rows(both):
    case, packed, rows = both
    assert counts(packed) == (0, 1) and counts(rows) == (N, 0)
    with Project.open(packed) as p, Project.open(rows) as r:
        a, b = p.load_case(), r.load_case()
        assert table_dict(a.activities) == table_dict(b.activities) == table_dict(case.activities)
        assert list(a.activities.options) == list(b.activities.options)
        assert list(a.activities.extra) == list(b.activities.extra)
        assert types(a.activities) == types(b.activities)
        assert a.activities.quantity[7] is None
        assert p.activity_ids() == r.activity_ids() == list(range(1, N + 1))
        for i in (1, 4, 8, 12, N):
            assert p.activity(i) == r.activity(i)
        with pytest.raises(ProjectError):
            p.activity(N + 1)
    assert packed.stat().st_size * 3 < rows.stat().st_size


@pytest.mark.parametrize("edit", [
    lambda p: p.update_activity(5, "quantity", 12.5),
    lambda p: p.update_activity(6, "evidence", "发票 7"),
    lambda p: p.update_activity(6, "extra:新列", 3),
    lambda p: p.add_activity("F1", "process", "石灰石", 5, "t", options={"purity": 0.8}, position=2),
    lambda p: p.delete_activity(9),
    lambda p: p.rename_facility("F2", "F9"),
], ids=["quantity", "option", "new extra column", "add", "delete", "rename facility"])
def test_an_edit_of_a_block_gives_what_the_same_edit_of_rows_gives(both, edit):
    _case, packed, rows = both
    with Project.open(packed) as p, Project.open(rows) as r:
        assert edit(p) == edit(r)
        a, b = p.load_case(), r.load_case()
        assert table_dict(a.activities) == table_dict(b.activities)
        assert types(a.activities) == types(b.activities)
        assert p.activity_ids() == r.activity_ids()
        strip = [{k: v for k, v in row.items() if k not in ("id", "at")} for row in p.audit_log()[:-1]]
        assert strip and strip == [{k: v for k, v in row.items() if k not in ("id", "at")}
                                   for row in r.audit_log()[:-1]]  # the edit's rows (the last is the creation)
    n = len(b.activities)
    assert counts(packed) == (n, 0)  # rows now, and only rows


def test_an_edit_that_fails_leaves_the_block_as_it_was(both):
    _case, packed, _rows = both
    before = _block(packed)
    with Project.open(packed) as p:
        with pytest.raises(ProjectError):
            p.update_activity(5, "quantity", "about 100")
        with pytest.raises(ProjectError):
            p.update_activity(5, "no_such_field", 1)
    assert counts(packed) == (0, 1)
    assert _block(packed) == before
    with Project.open(packed) as p:
        assert p.load_case().activities.quantity[4] == large_case().activities.quantity[4]
        assert [r["action"] for r in p.audit_log()] == ["create"]


def test_an_inventory_of_a_block_is_stored_and_its_traces_come_back(tmp_path):
    case = large_case(blanks=False)
    lib = default_library()
    inv = compute(case, lib)
    path = tmp_path / "inv.carbon"
    Project.create(path, case, inv, library=lib).close()
    assert counts(path) == (0, 1)
    with Project.open(path) as p:
        saved = p.latest_inventory()
        assert saved["totals"] == inv.totals
        for i in (0, 1, 2, 3, N - 1):
            want = inv.line(i)
            assert p.line_trace(i) == want["trace"]
            assert saved["lines"][i]["tco2e"] == want["tco2e"]
        again = compute(p.load_case(), p.pinned_library(lib))
        assert again.totals == inv.totals
        assert p.save_inventory(again, library=lib) > saved["run_id"]  # a save of the unchanged lines


def _set_block(path, blob=None, lines=None, add_row=False):
    con = sqlite3.connect(path)
    if blob is not None:
        con.execute("UPDATE activity_pack SET data = ?", (blob,))
    if lines is not None:
        con.execute("UPDATE activity_pack SET lines = ?", (lines,))
    if add_row:
        con.execute("INSERT INTO activities(id, seq, row, facility, source, item, quantity, unit) "
                    "VALUES (1, 1, 2, 'F1', 'process', '石灰石', 1.0, 't')")
    con.commit()
    con.close()


def _block(path) -> bytes:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT data FROM activity_pack").fetchone()[0]
    finally:
        con.close()


def _rewrite_json(raw: bytes, change) -> bytes:
    size = int.from_bytes(raw[:8], "little")
    d = store.loads(raw[8:8 + size].decode())
    change(d)
    text = store.dumps(d).encode()
    return zlib.compress(len(text).to_bytes(8, "little") + text + raw[8 + size:])


@pytest.mark.parametrize("crafted", [
    lambda raw: b"not zlib at all",
    lambda raw: zlib.compress(b"\x00" * 7),
    lambda raw: zlib.compress(raw[:-8]),  # one quantity short
    lambda raw: zlib.compress(raw + b"\x00" * 8),
    lambda raw: _rewrite_json(raw, lambda d: d["facility"].update(u=[1, 2])),  # a number for a facility
    lambda raw: _rewrite_json(raw, lambda d: d["source"]["u"].clear()),  # indexes of nothing
    lambda raw: _rewrite_json(raw, lambda d: d.update(row=[1, 2, 3])),  # three rows for N lines
    lambda raw: _rewrite_json(raw, lambda d: d.update(arrays=["d"])),
    lambda raw: _rewrite_json(raw, lambda d: d.pop("unit")),
    lambda raw: _rewrite_json(raw, lambda d: d.update(options=[1])),
    lambda raw: zlib.compress(raw[:8] + b"x" + raw[9:]),  # not JSON
], ids=["not zlib", "short", "quantity short", "too long", "number as text", "bad index", "rows short",
        "arrays short", "column missing", "options not columns", "not json"])
def test_a_crafted_block_is_a_damaged_project(both, crafted):
    _case, packed, _rows = both
    _set_block(packed, blob=crafted(zlib.decompress(_block(packed))))
    with Project.open(packed) as p:
        with pytest.raises(ProjectError) as err:
            p.load_case()
    assert err.value.problem.code == "store.damaged"


def test_a_block_with_rows_beside_it_or_a_wrong_count_is_a_damaged_project(both):
    _case, packed, rows = both
    _set_block(packed, add_row=True)
    with Project.open(packed) as p, pytest.raises(ProjectError):
        p.load_case()
    _case, packed2, _ = both
    con = sqlite3.connect(packed2)
    con.execute("DELETE FROM activities")
    con.commit()
    con.close()
    _set_block(packed2, lines=N + 1)
    with Project.open(packed2) as p, pytest.raises(ProjectError):
        p.load_case()


def test_a_block_that_inflates_beyond_its_lines_is_refused_without_inflating_it_all(both):
    _case, packed, _rows = both
    _set_block(packed, blob=zlib.compress(b"\x00" * (N * store._PACK_BYTES_PER_LINE + (17 << 20)), 9), lines=N)
    with Project.open(packed) as p, pytest.raises(ProjectError):
        p.load_case()


def test_a_small_case_is_still_written_as_rows(tmp_path):
    case = large_case(N - 1)
    Project.create(tmp_path / "s.carbon", case).close()
    assert counts(tmp_path / "s.carbon") == (N - 1, 0)


def test_the_app_edits_and_saves_a_large_imported_project(tmp_path):
    """The edit session over a project held as a block: a save of edits (one transaction) turns it into
    rows and holds the edits, and the project opens again with them."""
    from carbonmgr.editing.session import EditSession

    path = tmp_path / "big.carbon"
    case = large_case(blanks=False)
    Project.create(path, case, compute(case, default_library())).close()
    s = EditSession.open(path)
    s.set_cell(0, "quantity", "100")
    s.insert_lines(1, count=1)
    s.delete_lines([N - 1])
    s.save().result()
    expected = [s.line_values(i) for i in (0, 1, 2, N - 1)]
    s.close().result()
    assert counts(path) == (N, 0)
    s2 = EditSession.open(path)
    assert len(s2) == N
    assert [s2.line_values(i) for i in (0, 1, 2, N - 1)] == expected
    assert s2.case.activities.quantity[0] == 100.0
    s2.close().result()


def test_a_block_of_an_absurd_count_is_refused_before_anything_is_allocated(both):
    _case, packed, _rows = both
    _set_block(packed, lines=10 ** 12)
    with Project.open(packed) as p:
        with pytest.raises(ProjectError):
            p.activity_ids()
        with pytest.raises(ProjectError):
            p.load_case()


def _arrays(path) -> list[str]:
    raw = zlib.decompress(_block(path))
    size = int.from_bytes(raw[:8], "little")
    return store.loads(raw[8:8 + size].decode())["arrays"]


def test_a_block_keeps_each_index_in_as_few_bytes_as_its_distinct_values_need(tmp_path, monkeypatch):
    """Rows and the indexes of a text column take the narrowest array that holds them (one byte per line
    for a column of at most 256 distinct values, two up to 65,536): less to compress on an import. A block
    of wide arrays (as written before) reads back the same."""
    n = 70_000
    case = large_case(n, blanks=False)
    case.activities.extra["供应商"] = [f"供应商 {i % 300}" for i in range(n)]  # 300 distinct: 2 bytes
    case.activities.options["note"] = [f"第 {i} 行" for i in range(n)]  # 70,000 distinct: 4 bytes
    narrow, wide = tmp_path / "narrow.carbon", tmp_path / "wide.carbon"
    Project.create(narrow, case).close()
    # quantity, row, facility, source, item, unit, evidence, note, biogenic (all blank), 供应商 (the other
    # columns are not text)
    assert _arrays(narrow) == ["d", "i", "B", "B", "B", "B", "B", "i", "B", "H"]
    with monkeypatch.context() as m:
        m.setattr(store, "_narrowest", lambda count, codes=None: "i")
        m.setattr(store, "_ROW_CODE", "q")
        Project.create(wide, case).close()
    assert _arrays(wide) == ["d", "q", "i", "i", "i", "i", "i", "i", "i", "i"]
    with Project.open(narrow) as p, Project.open(wide) as w:
        a, b = p.load_case().activities, w.load_case().activities
    assert table_dict(a) == table_dict(b) == table_dict(case.activities)
    assert types(a) == types(b) == types(case.activities)


def test_computing_and_writing_a_large_case_runs_no_garbage_collection(tmp_path):
    """The columns of a large case are hundreds of thousands of acyclic values: a collection of the older
    young generation in the middle of the compute or the write traverses every one of them (0.1 s of a
    200,000-line import), and frees nothing. The collector is paused there, as it is while the workbook is
    read: at most the youngest generation is collected once, when it resumes; and it is on afterwards."""
    import gc

    case = large_case(blanks=False)
    lib = default_library()
    seen: dict[str, list[int]] = {"compute": [], "write": [], "save": []}
    where = [None]

    def hook(phase, info):
        if phase == "start" and where[0] is not None:
            seen[where[0]].append(info["generation"])

    def run(name, work):
        gc.collect()  # the young generations empty: a collection during ``work`` is one that it made
        gc.set_threshold(50, 1, 1000)  # often: a collection of generation 1 after every one of generation 0
        where[0] = name
        try:
            return work()
        finally:
            where[0] = None

    thresholds = gc.get_threshold()
    gc.callbacks.append(hook)
    try:
        inv = run("compute", lambda: compute(case, lib))
        run("write", lambda: Project.create(tmp_path / "p.carbon", case, inv, library=lib)).close()
        with Project.open(tmp_path / "p.carbon") as p:
            run("save", lambda: p.save_inventory(inv, library=lib))
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(hook)
        gc.set_threshold(*thresholds)
    assert {name: gens for name, gens in seen.items() if gens not in ([], [0])} == {}


def test_a_column_of_text_with_one_value_of_another_type_far_down_is_kept_as_it_is(tmp_path):
    """Whether a column is text is told from its distinct values (one pass): a number, True or a date far
    below the first lines of an option column keeps the column as values; in a column that must be text
    (the item), the lines are written as rows; both read back exactly."""
    case = large_case(blanks=False)
    acts = case.activities
    acts.options["evidence"][5000] = 1.0
    acts.options["evidence"][6000] = True  # equal to 1.0 as a key: must not come back as 1.0
    acts.options["note"][N - 1] = 0
    acts.extra["供应商"][700] = dt.date(2024, 5, 1)
    path = tmp_path / "mixed.carbon"
    Project.create(path, case).close()
    assert counts(path) == (0, 1)
    with Project.open(path) as p:
        back = p.load_case().activities
    assert table_dict(back) == table_dict(acts) and types(back) == types(acts)
    acts.item[N - 2] = 3.0
    rows = tmp_path / "rows.carbon"
    Project.create(rows, case).close()
    assert counts(rows) == (N, 0)


def test_a_large_workbook_imported_by_the_command_line_gives_back_every_line_s_trace(tmp_path):
    """issue 8 item 19, end to end: `carbonmgr import` of a real workbook of more lines than make a block
    (the project holds its lines and its run compactly: one block of columns, one block of lines, a trace
    template per group), and the project opened again gives each line's full trace exactly as the engine
    computes it from the workbook."""
    import os
    import subprocess
    import sys

    from carbonmgr.io.workbook import read_case, write_case

    book, target = tmp_path / "large.xlsx", tmp_path / "large.carbon"
    write_case(large_case(N + 500, blanks=False), book)
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "import", str(book), "-o", str(target)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert counts(target) == (0, 1)
    inv = compute(read_case(book), default_library())
    with Project.open(target) as p:
        for i in (0, 1, 2, 3, 4, 5, 777, N + 499):
            assert p.line_trace(i) == inv.line(i)["trace"]
        assert p.line_trace(N + 500) is None
        saved = p.latest_inventory()
    assert saved["totals"] == inv.totals
    assert [saved["lines"][i]["tco2e"] for i in (0, N + 499)] == [inv.line(i)["tco2e"] for i in (0, N + 499)]
