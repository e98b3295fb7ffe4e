"""The project store: one SQLite file per project (``*.carbon``).

A project holds a case (everything of :class:`~carbonmgr.inventory.model.CaseData`), the
inventory runs computed from it (with a snapshot of every factor and GWP value
used, so that old results can be reproduced after the factor library changes) and
an audit trail of edits.

Layout (all tables STRICT, rollback journal so that the file alone holds every committed
save, schema version in ``PRAGMA user_version`` and in ``meta``; schema changes are
sqlite-utils migrations, see ``_STEPS``; a file holding any schema object the steps do not
create is refused on open):

* ``meta`` (key, value): schema_version, app, app_version, created_at, modified_at,
  case_modified_at, library_version, last_activity_id;
* ``case`` (kind, key, value JSON, seq): ``info`` = CaseInfo fields, ``extra`` =
  CaseInfo.extra, ``layout`` = columns, sheet_names and the activity option/extra
  column lists;
* ``facilities``, ``activities`` (one row per line, ordered by ``seq``),
  ``instruments``, ``equipment``, ``documents``;
* ``activity_pack``: the lines of a large new file (an import, Save As) as one compressed block of
  columns instead of rows (``activities`` is then empty); the first edit of a line turns it into rows;
* ``results`` (one row per run), ``result_groups`` (per group of lines: the trace
  template, zlib-compressed), ``result_lines`` (per line: tco2e, gases JSON),
  ``snapshot_factors``, ``snapshot_gwp``;
* ``audit``;
* ``practice_attempts`` (a practice project's checks of the trainee's work, with
  :mod:`carbonmgr.storage.practice`).

JSON columns keep Python values exactly (int vs float, bool, dates from
spreadsheets: see :func:`dumps`).
"""
from __future__ import annotations

import dataclasses
import errno
import datetime as _dt
import hashlib
import json
import os
import math
import sqlite3
import struct
import sys
import zlib
from pathlib import Path
from typing import Any, Callable, Iterable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from carbonmgr import __version__
from carbonmgr.common.errors import ProjectError, Problem
from carbonmgr.common.gcpause import gc_paused
from carbonmgr.io.fileio import WriteFailed, atomic_write, write_error
from carbonmgr.factors.library import Factor, GwpValue, Library, norm_name
from carbonmgr.inventory.model import (ACTIVITY_OPTIONS, CALC_OPTIONS, CH4_RULES, CONSOLIDATIONS, EQUIPMENT_METHODS,
                    EQUIPMENT_VALUE_FIELDS, GWP_SETS, SECTORS, SOURCES, STANDARDS, ActivityTable, CaseData, CaseInfo, Equipment,
                    Facility, Instrument, MAX_NUMBER, implausible_numbers)
from carbonmgr.inventory.sources import is_market_based
from carbonmgr.inventory.ets_model import COOLING, ETS_CLASSES, EtsData, EtsUnit

APPLICATION_ID = 0x43424D47  # "CBMG" in PRAGMA application_id marks a CarbonMgr project
MIGRATION_SET = "carbonmgr"

# ------------------------------------------------------------------------- JSON

_Q = object()  # placeholder for a line's quantity in stored trace templates
_QTEXT = '{"$t":"q"}'


def _json_default(o):
    if o is _Q:
        return {"$t": "q"}
    if isinstance(o, _dt.datetime):
        return {"$t": "datetime", "v": o.isoformat()}
    if isinstance(o, _dt.date):
        return {"$t": "date", "v": o.isoformat()}
    if isinstance(o, _dt.time):
        return {"$t": "time", "v": o.isoformat()}
    if isinstance(o, _dt.timedelta):
        return {"$t": "timedelta", "v": o.total_seconds()}
    if isinstance(o, (set, frozenset)):
        return sorted(o, key=str)
    if hasattr(o, "item") and callable(o.item):  # numpy scalars
        return o.item()
    return str(o)


_DECODERS = {
    "datetime": _dt.datetime.fromisoformat,
    "date": _dt.date.fromisoformat,
    "time": _dt.time.fromisoformat,
    "timedelta": lambda v: _dt.timedelta(seconds=v),
}


def _json_hook(d: dict):
    if len(d) == 2 and "$t" in d and "v" in d:
        dec = _DECODERS.get(d["$t"])
        if dec is not None:
            return dec(d["v"])
    return d


_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)
_decoder = json.JSONDecoder(object_hook=_json_hook)


def dumps(value: Any) -> str:
    """JSON text that :func:`loads` turns back into the same Python value."""
    return _encoder.encode(value)


def loads(text: str | None) -> Any:
    return None if text is None else _decoder.decode(text)


def _pack(value: Any) -> bytes:
    return zlib.compress(dumps(value).encode("utf-8"), 6)


def _unpack(blob: bytes | None, quantity=None) -> Any:
    if blob is None:
        return None
    text = zlib.decompress(blob).decode("utf-8")
    if quantity is not None or _QTEXT in text:
        text = text.replace(_QTEXT, dumps(quantity))
    return loads(text)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


# ------------------------------------------------------------------- migrations

def _m0001_initial(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", not_null=["value"], strict=True)
    db["case"].create({"kind": str, "key": str, "value": str, "seq": int}, pk=("kind", "key"),
                      not_null=["seq"], strict=True)
    db["facilities"].create({"seq": int, "id": str, "name": str, "region": str, "equity_share": float,
                             "financial_control": str, "operational_control": int, "extra": str},
                            pk="seq", not_null=["id"], strict=True)
    db["facilities"].create_index(["id"])
    db["activities"].create({"id": int, "seq": int, "row": int, "facility": str, "source": str, "item": str,
                             "quantity": float, "unit": str, "options": str, "extra": str},
                            pk="id", not_null=["seq"], strict=True)
    db["activities"].create_index(["seq"])
    db["instruments"].create({"seq": int, "facility": str, "type": str, "quantity": float, "ef": float,
                              "row": int, "extra": str}, pk="seq", strict=True)
    db["equipment"].create({"seq": int, "facility": str, "method": str, "refrigerant": str, "equipment": str,
                            "values_json": str, "row": int, "extra": str}, pk="seq", strict=True)
    db["documents"].create({"name": str, "position": int, "cells": str}, pk="name", not_null=["position"],
                           strict=True)
    db["results"].create({"id": int, "computed_at": str, "standard": str, "gwp": str, "reporting_year": int,
                          "library_version": str, "factors_digest": str, "line_count": int, "totals": str,
                          "summary": str, "warnings": str}, pk="id", not_null=["computed_at"], strict=True)
    db["result_groups"].create({"run_id": int, "group_no": int, "facility": str, "source": str, "item": str,
                                "item_id": str, "unit": str, "scope": int, "iso_category": int,
                                "scope3_category": int, "share": float, "method": str, "tco2e": float,
                                "trace": bytes}, pk=("run_id", "group_no"), strict=True)
    db["result_lines"].create({"run_id": int, "line_no": int, "activity_id": int, "group_no": int, "row": int,
                               "quantity": float, "tco2e": float, "gases": str, "biogenic_co2": float,
                               "tco2e_location": float, "tco2e_market": float, "detail": bytes},
                              pk=("run_id", "line_no"), strict=True)
    db["snapshot_factors"].create({"run_id": int, "key": str, "set": str, "item": str, "param": str,
                                   "value": float, "unit": str, "status": str, "used": int, "row": str},
                                  pk=("run_id", "key"), strict=True)
    db["snapshot_gwp"].create({"run_id": int, "gas": str, "value": float, "set": str, "source": str},
                              pk=("run_id", "gas"), strict=True)
    db["audit"].create({"id": int, "at": str, "action": str, "entity": str, "entity_id": str, "field": str,
                        "old_value": str, "new_value": str}, pk="id", not_null=["at", "action"], strict=True)


# Schema history: append a step for every change, never edit an applied one.  The
# schema version is the number of steps; it is written to PRAGMA user_version and meta.
def _m0002_kept_runs(db: Database) -> None:
    # why a run is kept ("report", "submission", "factor_update", ...); runs without a reason are
    # replaced by the next save's run, so a project does not grow by a full run per save
    db["results"].add_column("kept", str)


def _m0003_line_arrays(db: Database) -> None:
    # a run's activity lines as arrays in one compressed blob (activity id, group, row, quantity),
    # and each group's per-unit coefficients: a line's results are its quantity times its group's
    # coefficients, so they are not stored line by line (result_lines keeps the register lines)
    db["results"].add_column("lines", bytes)
    db["result_groups"].add_column("coefficients", str)


def _m0004_sector(db: Database) -> None:
    # A case now names its sector, whose guideline gives the default fuel table (general industry,
    # the NDRC 2013/2015 family table, when none is named). Projects saved before took the MEE
    # steel guideline's table by default: they keep it (a saved inventory never changes silently;
    # choosing another sector is an explicit edit that shows the difference). No data, no change:
    # a new file's case is written after its schema steps.
    has_case = db.execute("SELECT 1 FROM \"case\" WHERE kind = 'info' LIMIT 1").fetchone()
    named = db.execute("SELECT value FROM \"case\" WHERE kind = 'info' AND key = 'factor_set'").fetchone()
    has_sector = db.execute("SELECT 1 FROM \"case\" WHERE kind = 'info' AND key = 'sector'").fetchone()
    if has_case and not has_sector and (named is None or named[0] in (None, "null", '""')):
        seq = db.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM \"case\" WHERE kind = 'info'").fetchone()[0]
        db.execute("INSERT INTO \"case\" (kind, key, value, seq) VALUES ('info', 'sector', ?, ?)",
                   [dumps("steel"), seq])


def _m0005_facility_residual_mix(db: Database) -> None:
    # the residual mix of a facility's electricity market (t CO2e/MWh), for market-based Scope 2
    db["facilities"].add_column("residual_mix_ef", float)


def _m0006_ets_units(db: Database) -> None:
    # the case's ETS sheet (carbon trading): one row per covered unit, its fields as JSON
    db["ets_units"].create({"seq": int, "unit": str, "data": str, "row": int}, pk="seq", not_null=["unit", "data"],
                           strict=True)


def _m0007_practice_attempts(db: Database) -> None:
    # a practice project (an exercise worked in the app): each "Check my work" with its score and
    # findings; the exercise it works is the meta key "exercise" (carbonmgr/storage/practice.py)
    db["practice_attempts"].create({"id": int, "at": str, "exercise": str, "score": float,
                                    "points_possible": float, "findings": str},
                                   pk="id", not_null=["at", "exercise"], strict=True)


def _m0008_activity_pack(db: Database) -> None:
    # a large case's activity lines written at once (an import, Save As) as one compressed block of
    # columns instead of a row per line (carbonmgr/storage/store.py, _activity_block); the first edit of
    # a line turns the block into rows. A file holds its lines one way or the other, never both.
    db["activity_pack"].create({"id": int, "lines": int, "data": bytes}, pk="id", not_null=["lines", "data"],
                               strict=True)


_STEPS: list[tuple[str, Any]] = [
    ("0001_initial", _m0001_initial),
    ("0002_kept_runs", _m0002_kept_runs),
    ("0003_line_arrays", _m0003_line_arrays),
    ("0004_sector", _m0004_sector),
    ("0005_facility_residual_mix", _m0005_facility_residual_mix),
    ("0006_ets_units", _m0006_ets_units),
    ("0007_practice_attempts", _m0007_practice_attempts),
    ("0008_activity_pack", _m0008_activity_pack),
]


def schema_version() -> int:
    return len(_STEPS)


def _migrations() -> Migrations:
    m = Migrations(MIGRATION_SET)
    for name, fn in _STEPS:
        m(name=name)(fn)
    return m


def _migrate(db: Database) -> None:
    """Apply pending schema steps, then record the version (PRAGMA user_version + meta)."""
    _migrations().apply(db)
    version = schema_version()
    with db.atomic():
        db.execute(f"PRAGMA user_version = {version}")
        _set_meta(db, schema_version=str(version))


_SQLITE_OWN_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
_expected_schema: dict[int, set[tuple[str, str, str, str | None]]] = {}


def _schema_objects(db) -> set[tuple[str, str, str, str | None]]:
    return {(kind, name, tbl, " ".join(sql.split()) if sql else None)
            for kind, name, tbl, sql in db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")}


def expected_schema(version: int) -> set[tuple[str, str, str, str | None]]:
    """The schema objects (tables and indexes, with their SQL) that CarbonMgr creates for a file
    of ``version``: made once by running the schema steps on an empty in-memory database."""
    if version not in _expected_schema:
        db = Database(memory=True, strict=True, execute_plugins=False)
        m = Migrations(MIGRATION_SET)
        for name, fn in _STEPS[:version]:
            m(name=name)(fn)
        m.apply(db)
        _expected_schema[version] = _schema_objects(db)
        db.close()
    return _expected_schema[version]


def _check_schema_objects(db: Database, version: int, path: Path) -> None:
    """A project file is untrusted: refuse one holding database objects CarbonMgr did not create
    (a trigger or view planted in it would run on save; an altered table would store anything)."""
    expected = expected_schema(version)
    for obj in _schema_objects(db) - expected:
        kind, name = obj[0], obj[1]
        if kind == "table" and name in _SQLITE_OWN_TABLES:
            continue  # SQLite's own bookkeeping (AUTOINCREMENT, ANALYZE / PRAGMA optimize)
        if kind == "index" and name.startswith("sqlite_autoindex_") and obj[3] is None:
            if any(e[1] == name for e in expected):
                continue
        raise ProjectError("store.unexpected_schema", path=str(path))


def _set_meta(db: Database, **values: str) -> None:
    db.conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [(k, "" if v is None else str(v)) for k, v in values.items()])


# ---------------------------------------------------------------- case writing

_INFO_FIELDS = [f.name for f in dataclasses.fields(CaseInfo) if f.name != "extra"]
_FACILITY_FIELDS = ("name", "region", "equity_share", "financial_control", "operational_control", "residual_mix_ef")
_ACTIVITY_CORE = ("row", "facility", "source", "item", "quantity", "unit")


_ETS_NUMBERS = ("generation", "supply", "heat", "load_factor", "heat_ratio", "verified_emissions", "intensity",
                "balance_value", "basis_supply", "basis_heat", "basis_emissions")


def _ets_fields(u: EtsUnit) -> dict:
    return {k: v for k, v in u.to_dict().items() if k not in ("unit", "row") and v is not None}


def _ets_value_ok(key: str, value: Any) -> bool:
    if key in _ETS_NUMBERS:
        return (type(value) in (int, float) and math.isfinite(value) and 0 <= value <= MAX_NUMBER
                and (key not in ("load_factor", "heat_ratio") or value <= 1))
    if key == "klass":
        return value in ETS_CLASSES
    if key == "cooling":
        return value in COOLING
    return key == "facility" and isinstance(value, str)


def _none_if_empty(d: dict | None) -> str | None:
    return dumps(d) if d else None


def _write_case(db: Database, case: CaseData, deferred: list | None = None) -> list[int]:
    """Write all of ``case`` into empty tables; returns the activity ids in line order.

    ``deferred``: a list to which the writing of a large case's block of lines is added (a function to
    call before the transaction ends), so that it is compressed while the caller goes on."""
    conn = db.conn
    info = case.info
    rows = [("info", name, dumps(getattr(info, name)), i) for i, name in enumerate(_INFO_FIELDS)]
    rows += [("extra", k, dumps(v), i) for i, (k, v) in enumerate(info.extra.items())]
    acts = case.activities
    layout = {"columns": case.columns, "sheet_names": case.sheet_names,
              "activity_options": list(acts.options), "activity_extra": list(acts.extra)}
    rows += [("layout", k, dumps(v), i) for i, (k, v) in enumerate(layout.items())]
    conn.executemany("INSERT INTO \"case\"(kind, key, value, seq) VALUES (?, ?, ?, ?)", rows)

    conn.executemany(
        "INSERT INTO facilities(seq, id, name, region, equity_share, financial_control, operational_control, "
        "residual_mix_ef, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, f.id, f.name, f.region, f.equity_share, f.financial_control, int(bool(f.operational_control)),
          f.residual_mix_ef, _none_if_empty(f.extra)) for i, f in enumerate(case.facilities)])
    conn.executemany(
        "INSERT INTO instruments(seq, facility, type, quantity, ef, row, extra) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(i, x.facility, x.type, x.quantity, x.ef, x.row, _none_if_empty(x.extra))
         for i, x in enumerate(case.instruments)])
    conn.executemany(
        "INSERT INTO equipment(seq, facility, method, refrigerant, equipment, values_json, row, extra) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, e.facility, e.method, e.refrigerant, e.equipment, dumps(e.values), e.row, _none_if_empty(e.extra))
         for i, e in enumerate(case.equipment)])
    conn.executemany("INSERT INTO documents(name, position, cells) VALUES (?, ?, ?)",
                     [(name, i, dumps(cells)) for i, (name, cells) in enumerate(case.documents.items())])
    if case.ets is not None:
        conn.executemany("INSERT INTO ets_units(seq, unit, data, row) VALUES (?, ?, ?, ?)",
                         [(i, u.unit, dumps(_ets_fields(u)), u.row) for i, u in enumerate(case.ets.units)])

    n = len(acts)
    ids = list(range(1, n + 1))
    if n >= _PACK_LINES and _has_table(conn, "activity_pack"):
        raw = _activity_block(acts)
        if raw is not None:
            data = _deflate_aside(raw)
            insert = lambda: conn.execute("INSERT INTO activity_pack(id, lines, data) VALUES (1, ?, ?)",  # noqa: E731
                                          (n, data()))
            if deferred is None:
                insert()
            else:
                deferred.append(insert)
            _set_meta(db, last_activity_id=str(n))
            return ids
    # the tables are empty: the line-order index is built once after the lines (not grown line by line),
    # with the very statement its schema step ran, so the schema check on open finds what it expects
    index = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name = 'idx_activities_seq'"
                         ).fetchone()
    if index is not None and n >= _BULK_INDEX_LINES:
        conn.execute(f'DROP INDEX "{index[0]}"')
    _insert_rows(conn, "activities", ("id", "seq", "row", "facility", "source", "item", "quantity", "unit", "options",
                                      "extra"),
                 zip(ids, ids, acts.row, acts.facility, acts.source, acts.item, acts.quantity, acts.unit,
                     _per_line_json(acts.options, n), _per_line_json(acts.extra, n)))
    if index is not None and n >= _BULK_INDEX_LINES:
        conn.execute(index[1])
    _set_meta(db, last_activity_id=str(n))
    return ids


_PACK_LINES = 10_000  # from this many lines, a new file holds them as one block of columns (below)
_TEXT_COLUMNS = ("facility", "source", "item", "unit")
_INT_OR_BLANK = frozenset((int, type(None)))
_MAX_PACKED_LINES = 100_000_000  # a count beyond is a damaged (or crafted) file
_PACK_BYTES_PER_LINE = 16 << 10  # a block that inflates to more than this per line (+ 16 MB) is refused


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _deflate_aside(raw: bytes) -> Callable[[], bytes]:
    """``zlib.compress(raw, 1)`` on a worker thread (zlib lets go of the GIL while it compresses): the
    block of a large case is compressed while the rest of the project is built. Returns the function
    that gives the compressed bytes (waiting for them)."""
    global _deflater
    if _deflater is None:
        from concurrent.futures import ThreadPoolExecutor

        _deflater = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carbonmgr-deflate")
    return _deflater.submit(zlib.compress, raw, 1).result


_deflater = None  # one worker: blocks are compressed one after the other, beside the main thread


def _activity_block(acts: ActivityTable) -> bytes | None:
    """The lines as one block (compressed before it is stored): the JSON of their columns (each value as
    :func:`dumps` writes it in a row's JSON), where numbers are kept as arrays after the JSON: the
    quantities (little-endian doubles, a blank as NaN, which a REAL column stores as NULL too), the rows,
    and for a column of text its distinct values in the JSON and each line's index among them in an array
    (the narrowest that holds them). None when a column
    holds a value of a type its table column would convert (the lines are then written as rows, as
    before): what comes back is exactly what rows would give."""
    if not set(map(type, acts.row)) <= _INT_OR_BLANK:
        return None
    quantity = acts.quantity
    if not set(map(type, quantity)) <= _FLOAT_OR_BLANK:
        return None
    texts = {name: _distinct(getattr(acts, name)) for name in _TEXT_COLUMNS}
    if any(values is None for values, _codes in texts.values()):
        return None
    if None in quantity:
        nan = float("nan")
        quantity = [nan if q is None else q for q in quantity]
    arrays: list = []
    _array(arrays, "d", quantity)
    row = acts.row if None in acts.row else {"a": _array(arrays, _row_code(acts.row), acts.row)}

    def column(col: list, distinct: tuple | None = None) -> Any:
        values, codes = distinct or _distinct(col)
        if values is None:
            return col  # not text: as JSON
        return {"u": values, "a": _array(arrays, _narrowest(len(values)), codes)}

    columns = {"quantity": {"a": 0}, "row": row,
               **{name: column([], texts[name]) for name in _TEXT_COLUMNS},
               "options": {k: column(col) for k, col in acts.options.items()},
               "extra": {k: column(col) for k, col in acts.extra.items()},
               "arrays": [a.typecode for a in arrays]}
    text = dumps(columns).encode("utf-8")
    if sys.byteorder != "little":  # pragma: no cover - the block is little-endian
        for a in arrays:
            a.byteswap()
    return b"".join([struct.pack("<Q", len(text)), text, *(a.tobytes() for a in arrays)])


def _array(arrays: list, code: str, values: list) -> int:
    from array import array

    arrays.append(array(code, values))  # from a list: an array grows item by item from an iterator
    return len(arrays) - 1


def _distinct(col: list) -> tuple[list | None, list]:
    """A column of text and blanks as its distinct values and each line's index among them, in one pass
    ((None, ...) when the column holds anything but text and blanks: a value that is neither is then
    among the distinct values, as no text or blank equals it)."""
    if not set(map(type, col[:64])) <= _TEXT_OR_BLANK:
        return None, []  # (a quick answer for a column of numbers)
    index = _Index()
    try:
        codes = list(map(index.__getitem__, col))  # a call into Python only for each distinct value
    except TypeError:  # a value that cannot be a key is not text
        return None, []
    if not set(map(type, index)) <= _TEXT_OR_BLANK:
        return None, []
    return list(index), codes


class _Index(dict):
    """Value -> its index among the distinct values, in the order they first come."""

    def __missing__(self, key: Any) -> int:
        n = self[key] = len(self)
        return n


def _narrowest(count: int) -> str:
    """The array type of indexes 0 .. count - 1: one byte each up to 256 values, two up to 65,536."""
    return "B" if count <= 1 << 8 else "H" if count <= 1 << 16 else "i"


_ROW_CODE = "i"  # row numbers (a worksheet has 1,048,576 rows at most) in 4 bytes when they fit


def _row_code(rows: list) -> str:
    return _ROW_CODE if rows and -(1 << 31) <= min(rows) and max(rows) < 1 << 31 else "q"


_ARRAY_CODES = {"d": 8, "q": 8, "i": 4, "H": 2, "B": 1}  # the first blocks held rows as q, indexes as i


def _column(x: Any, n: int, arrays: list[list]) -> list:
    """A packed column back as a list of ``n`` values (ValueError if it is not one)."""
    if type(x) is dict and x.keys() in ({"a"}, {"u", "a"}):
        k = x["a"]
        if type(k) is not int or not 0 <= k < len(arrays):
            raise ValueError("a packed activity column names no array")
        if "u" not in x:
            return list(arrays[k])  # a copy: two columns naming one array stay two lists
        values, index = x["u"], arrays[k]
        if type(values) is not list or (index and not 0 <= min(index) <= max(index) < len(values)):
            raise ValueError("a packed activity column's indexes are not indexes of its values")
        return list(map(values.__getitem__, index))
    if type(x) is not list or len(x) != n:
        raise ValueError(f"a packed activity column is not {n} values")
    return x


_FLOAT_OR_BLANK = frozenset((float, type(None)))


def _unpack_activities(data: Any, n: Any) -> ActivityTable:
    """The lines of a block written by :func:`_activity_block`. A project file is untrusted: anything
    but a well-formed block of ``n`` lines of the right types is a ValueError (a damaged project)."""
    from array import array

    if not isinstance(data, bytes) or type(n) is not int or n < 0:
        raise ValueError("the packed activity lines are not a block of lines")
    inflater = zlib.decompressobj()
    raw = inflater.decompress(data, n * _PACK_BYTES_PER_LINE + (16 << 20))
    if inflater.unconsumed_tail or not inflater.eof:
        raise ValueError("the packed activity lines are larger than their count allows")
    size = struct.unpack_from("<Q", raw)[0] if len(raw) >= 8 else -1
    if not 0 <= size <= len(raw) - 8:
        raise ValueError("the packed activity lines do not have the expected size")
    packed = loads(raw[8:8 + size].decode("utf-8"))
    if type(packed) is not dict or packed.keys() != {"quantity", "row", *_TEXT_COLUMNS, "options", "extra", "arrays"}:
        raise ValueError("the packed activity lines do not have the expected columns")
    codes = packed["arrays"]
    if type(codes) is not list or not codes or codes[0] != "d" or not all(c in _ARRAY_CODES for c in codes) \
            or len(raw) != 8 + size + n * sum(_ARRAY_CODES[c] for c in codes):
        raise ValueError("the packed activity lines do not have the expected arrays")
    arrays, pos = [], 8 + size
    for code in codes:
        a = array(code)
        a.frombytes(raw[pos:pos + n * _ARRAY_CODES[code]])
        if sys.byteorder != "little":  # pragma: no cover
            a.byteswap()
        pos += n * _ARRAY_CODES[code]
        arrays.append(a.tolist())
    if packed["quantity"] != {"a": 0}:
        raise ValueError("the packed activity quantities are not the first array")
    quantity = arrays[0]
    total = sum(quantity)
    if total != total:  # a NaN among them (or infinities of both signs): the blanks
        quantity = [None if q != q else q for q in quantity]
    columns = {}
    for name in ("row", *_TEXT_COLUMNS):
        col = columns[name] = _column(packed[name], n, arrays)
        if not set(map(type, col)) <= (_INT_OR_BLANK if name == "row" else _TEXT_OR_BLANK):
            raise ValueError(f"the packed activity column {name} holds values of another type")
    for name in ("options", "extra"):
        bag = packed[name]
        if type(bag) is not dict:
            raise ValueError(f"the packed activity {name} are not columns")
        columns[name] = {k: _column(col, n, arrays) for k, col in bag.items()}
    return ActivityTable(columns["row"], columns["facility"], columns["source"], columns["item"], quantity,
                         columns["unit"], columns["options"], columns["extra"])


_BULK_INDEX_LINES = 10_000  # from this many lines, the line-order index is built after inserting them
_ROWS_PER_INSERT = 90  # rows per INSERT statement (parameters stay under SQLite's old limit of 999)


def _insert_rows(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Insert ``rows`` with one statement per _ROWS_PER_INSERT rows (a multi-row VALUES): a quarter
    faster than one statement per row for the hundreds of thousands of lines of a large import."""
    from itertools import chain, islice

    names = ", ".join(columns)
    one = "(" + ", ".join("?" * len(columns)) + ")"
    full = f"INSERT INTO {table}({names}) VALUES " + ", ".join([one] * _ROWS_PER_INSERT)
    rows = iter(rows)
    batches = iter(lambda: tuple(islice(rows, _ROWS_PER_INSERT)), ())
    rest: tuple = ()
    whole = []
    for batch in batches:
        if len(batch) < _ROWS_PER_INSERT:
            rest = batch
            break
        whole.append(tuple(chain.from_iterable(batch)))
        if len(whole) == 64:
            conn.executemany(full, whole)
            whole.clear()
    if whole:
        conn.executemany(full, whole)
    if rest:
        conn.executemany(f"INSERT INTO {table}({names}) VALUES {one}", rest)


def _per_line_json(columns: dict[str, list], n: int) -> list[str | None]:
    """One JSON object per line with the non-empty values of ``columns`` (None if all empty): exactly
    the text :func:`dumps` writes for that object. A column of text (and blanks) is encoded once per
    distinct value, the way a workbook column of evidence or notes repeats itself."""
    if not columns:
        return [None] * n
    from json.encoder import encode_basestring

    def enc(v) -> str:  # a value's JSON exactly as dumps writes it, the common types without the encoder
        kind = type(v)  # exact: bool is not int here
        if kind is str:
            return encode_basestring(v)
        if kind is int or (kind is float and math.isfinite(v)):
            return repr(v)
        return dumps(v)

    parts_by_column = []
    for k, col in columns.items():
        key = encode_basestring(k) + ":"
        if set(map(type, col)) <= _TEXT_OR_BLANK:  # distinct values only: no 1 / 1.0 / True to confuse
            memo = {v: None if v is None else key + encode_basestring(v) for v in dict.fromkeys(col)}
            parts_by_column.append(list(map(memo.__getitem__, col)))
        else:
            parts_by_column.append([None if v is None else key + enc(v) for v in col])
    if not any(None in parts for parts in parts_by_column):  # every line has every column
        if len(parts_by_column) == 1:
            return ["{" + p + "}" for p in parts_by_column[0]]
        return ["{" + p + "}" for p in map(",".join, zip(*parts_by_column))]
    out = []
    for parts in zip(*parts_by_column):
        present = [x for x in parts if x is not None]
        out.append("{" + ",".join(present) + "}" if present else None)
    return out


_TEXT_OR_BLANK = frozenset((str, type(None)))


# ----------------------------------------------------------- inventory writing

def _problem_dict(p: Problem) -> dict:
    return {"code": p.code, "params": dict(p.params), "sheet": p.sheet, "row": p.row, "col": p.col,
            "severity": p.severity}


def _problem_from(d: dict) -> Problem:
    return Problem(d["code"], d.get("params") or {}, d.get("sheet"), d.get("row"), d.get("col"),
                   d.get("severity", "error"))


def _pair_rows(library: Library | None, used: dict[str, dict]) -> dict[str, dict]:
    """All library rows of the (set, item) pairs of ``used`` (kept only where ``library``
    agrees with every used row of the pair, i.e. it is the library the run used)."""
    if library is None:
        return {}
    pairs: dict[tuple[str, str], list[dict]] = {}
    for row in used.values():
        pairs.setdefault((row["set"], row["item"]), []).append(row)
    out: dict[str, dict] = {}
    for pair, used_rows in pairs.items():
        rows = library.by_item.get(pair, [])
        by_key = {f.key: f for f in rows}
        consistent = all(k in by_key and by_key[k].to_dict() == r
                         for k, r in ((r["key"], r) for r in used_rows))
        if consistent:
            for f in rows:
                out.setdefault(f.key, f.to_dict())
    return out


def _write_inventory(db: Database, inv, activity_ids: list[int], library: Library | None) -> int:
    from carbonmgr.inventory.engine import trace  # the engine is heavy; the store only needs it when saving

    conn = db.conn
    acts = inv.case.activities
    lines = _deflate_aside(_lines_block(activity_ids, inv.line_group, acts.row, acts.quantity))
    now = _now()
    d = inv.to_dict(with_lines=False)
    used = d.pop("factors_used")
    gwp_used = d.pop("gwp_used")
    d.pop("warnings")
    totals = d.pop("totals")
    _add_extra_line_snapshots(inv, library, used, gwp_used)
    digest = hashlib.sha256(dumps([sorted(used.items()), sorted(gwp_used.items())]).encode()).hexdigest()[:16]
    cur = conn.execute(
        "INSERT INTO results(computed_at, standard, gwp, reporting_year, library_version, factors_digest, "
        "line_count, totals, summary, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (now, inv.standard, inv.gwp, inv.reporting_year, inv.library_version or "", digest,
         len(inv.line_group) + len(inv.extra_lines), dumps(totals), dumps(d),
         dumps([_problem_dict(w) for w in inv.warnings])))
    run_id = cur.lastrowid

    # groups: method and trace template (the line's quantity is a placeholder)
    grows = []
    coefs = []
    for g in inv.groups:
        c = g.calc
        if c is None:
            grows.append((run_id, g.index, g.facility, g.source, g.item, None, g.unit, g.scope, g.iso_category,
                          None, g.share, None, g.tco2e, None))
            coefs.append(None)
            continue
        gas_coef = list(g.gas_coefficients().items())
        loc = g.line_factor_location if is_market_based(g.source) else None
        mkt = g.market_factor if is_market_based(g.source) else None
        coefs.append((g.line_factor, gas_coef, c.biogenic_per_unit * g.share, loc, mkt))
        grows.append((run_id, g.index, g.facility, g.source, g.item, c.item_id, g.unit, g.scope, g.iso_category,
                      c.scope3_category if g.scope == 3 else None, g.share, c.method, g.tco2e,
                      _pack(trace(c, _Q, g.unit, g.share, g))))
    conn.executemany("INSERT INTO result_groups(run_id, group_no, facility, source, item, item_id, unit, scope, "
                     "iso_category, scope3_category, share, method, tco2e, trace, coefficients) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(*r, None if cf is None else dumps(cf)) for r, cf in zip(grows, coefs)])

    # lines of the equipment register: few, each with its own detail and trace
    base = len(inv.line_group)
    conn.executemany("INSERT INTO result_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (run_id, base + j, None, None, line.get("row"), line.get("quantity"), line.get("tco2e"),
         dumps(line.get("gases") or {}), line.get("biogenic_co2"), None, None, _pack(line))
        for j, line in enumerate(inv.extra_lines)])

    rows = _pair_rows(library, used)
    for k, r in used.items():
        rows[k] = r
    conn.executemany(
        "INSERT INTO snapshot_factors(run_id, key, \"set\", item, param, value, unit, status, used, row) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(run_id, k, r["set"], r["item"], r["param"], r["value"], r["unit"], r["status"], int(k in used),
          dumps(r)) for k, r in rows.items()])
    conn.executemany("INSERT INTO snapshot_gwp(run_id, gas, value, \"set\", source) VALUES (?, ?, ?, ?, ?)",
                     [(run_id, gas, v["value"], v.get("set") or inv.gwp, v.get("source") or "")
                      for gas, v in gwp_used.items()])
    conn.execute("UPDATE results SET lines = ? WHERE id = ?", (lines(), run_id))
    meta = {"modified_at": now}
    if inv.library_version:
        meta["library_version"] = inv.library_version
    _set_meta(db, **meta)
    _audit(db, "compute", "result", run_id, None, None, {"totals": totals, "lines": len(inv.line_group)}, now)
    return run_id


_LINE_ARRAYS = (("activity_id", "q"), ("group", "i"), ("row", "q"), ("quantity", "d"))


def _lines_block(activity_ids, groups, rows, quantities) -> bytes:
    """A run's activity lines as four arrays in one blob, compressed before it is stored (a missing row is
    -1, a missing quantity NaN): writing 200,000 lines costs one blob, not 200,000 rows."""
    from array import array

    n = len(groups)
    nan = float("nan")
    parts = [struct.pack("<I", n),
             array("q", activity_ids).tobytes(), array("i", groups).tobytes(),
             array("q", [-1 if r is None else r for r in rows] if None in rows else rows).tobytes(),
             array("d", [nan if q is None else q for q in quantities] if None in quantities else quantities
                   ).tobytes()]
    return b"".join(parts)


def _unpack_lines(blob: bytes) -> dict[str, list]:
    from array import array

    data = zlib.decompress(blob)
    (n,) = struct.unpack_from("<I", data)
    out, pos = {}, 4
    for name, code in _LINE_ARRAYS:
        a = array(code)
        size = a.itemsize * n
        a.frombytes(data[pos:pos + size])
        if sys.byteorder != "little":  # pragma: no cover - the blob is little-endian
            a.byteswap()
        pos += size
        out[name] = a.tolist()
    if pos != len(data):
        raise ValueError("the stored lines of a run do not have the expected size")
    out["row"] = [None if r == -1 else r for r in out["row"]]
    out["quantity"] = [None if q != q else q for q in out["quantity"]]
    return out


def _stored_line(group: tuple, row, q, t, gases, bio, loc, mkt) -> dict:
    """A stored result line as a dict: its group's columns (facility … scope 3 category) and its own
    values; the location- and market-based figures only for a market-based source, the Scope 3
    category only in Scope 3."""
    fac, src, item, item_id, unit, scope, share, iso, s3 = group
    line = {"row": row, "facility": fac, "source": src, "item": item, "item_id": item_id, "quantity": q,
            "unit": unit, "scope": scope, "share": share, "tco2e": t, "gases": gases, "biogenic_co2": bio}
    if is_market_based(src):
        line["tco2e_location"] = loc
        line["tco2e_market"] = mkt
    if scope == 3:
        line["scope3_category"] = s3
    line["iso_category"] = iso
    return line


def _line_values(q, cf) -> tuple:
    """tco2e, gases, biogenic CO2, location- and market-based tco2e of a line of quantity ``q`` in a
    group of coefficients ``cf`` (None: a group that failed): exactly what the engine gave the line."""
    if cf is None or q is None:
        return 0.0, {}, 0.0, None, None
    lf, gas_coef, bio, loc, mkt = cf
    return (q * lf, {gas: q * k for gas, k in gas_coef}, q * bio,
            None if loc is None else q * loc, None if mkt is None else q * mkt)


def _drop_unkept_runs(db: Database, latest: int) -> None:
    """Remove the runs before ``latest`` that nothing keeps (their rows in every results table)."""
    ids = [r[0] for r in db.execute("SELECT id FROM results WHERE id < ? AND kept IS NULL", (latest,))]
    if not ids:
        return
    marks = ", ".join("?" * len(ids))
    for table in ("result_lines", "result_groups", "snapshot_factors", "snapshot_gwp"):
        db.execute(f"DELETE FROM {table} WHERE run_id IN ({marks})", ids)
    db.execute(f"DELETE FROM results WHERE id IN ({marks})", ids)


def _add_extra_line_snapshots(inv, library: Library | None, used: dict, gwp_used: dict) -> None:
    """Factors and GWP values of equipment-register lines (Inventory.factors_used() and
    gwps_used() cover only activity groups): taken from the lines' traces, with the full
    factor row from ``library`` where it holds the same value."""
    if not inv.extra_lines:
        return
    by_key = {f.key: f for f in library.factors} if library is not None else {}
    for line in inv.extra_lines:
        tr = line.get("trace") or {}
        for inp in tr.get("inputs") or []:
            key = inp.get("factor")
            if key and key not in used:
                f = by_key.get(key)
                if f is not None and f.value == inp.get("value"):
                    used[key] = f.to_dict()
        for gas, g in (tr.get("gwp") or {}).items():
            gwp_used.setdefault(gas, {"value": g.get("value"), "set": inv.gwp, "source": g.get("source") or ""})


def _set_json_key(db: Database, table: str, column: str, seq: int, json_text: str | None, field: str,
                  value: Any, empty_is_null: bool = True):
    """Set one key of a row's JSON column (None removes it); (old, new), or None if unchanged."""
    data = loads(json_text) or {}
    old = data.get(field)
    if old == value and type(old) is type(value):
        return None
    if value is None:
        data.pop(field, None)
    else:
        data[field] = value
    stored = _none_if_empty(data) if empty_is_null else dumps(data)
    db.execute(f"UPDATE {table} SET {column} = ? WHERE seq = ?", (stored, seq))
    return old, value


def _set_extra(db: Database, table: str, seq: int, extra_json: str | None, field: str, value: Any):
    """Set one key of a row's ``extra`` JSON (None removes it); (old, new), or None if unchanged."""
    return _set_json_key(db, table, "extra", seq, extra_json, field, value)


def _set_column(db: Database, table: str, seq: int, field: str, old: Any, new: Any, stored: Any = None) -> bool:
    """Write ``new`` into a column unless it equals ``old`` (same type); True if written."""
    if old == new and type(old) is type(new):
        return False
    db.execute(f"UPDATE {table} SET {field} = ? WHERE seq = ?", (new if stored is None else stored, seq))
    return True


def _audit(db: Database, action, entity, entity_id, field, old, new, at=None) -> None:
    db.conn.execute(
        "INSERT INTO audit(at, action, entity, entity_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at or _now(), action, entity, None if entity_id is None else str(entity_id), field,
         None if old is None else dumps(old), None if new is None else dumps(new)))


# ------------------------------------------------------------------- coercion

def _bad(field, value):
    return ProjectError("store.bad_value", field=field, value=value)


def _to_float(field, value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _bad(field, value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise _bad(field, value) from None


def _to_int(field, value):
    if value is None or value == "":
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise _bad(field, value) from None
    if isinstance(value, bool) or f != int(f):
        raise _bad(field, value)
    return int(f)


def _to_bool(field, value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "yes", "y", "true", "是", "1.0"):
        return True
    if text in ("0", "no", "n", "false", "否", "0.0"):
        return False
    raise _bad(field, value)


def _to_text(field, value):
    return None if value is None else str(value)


_OPTION_COERCE = {"number": _to_float, "fraction": _to_float, "int": _to_int, "bool": _to_bool, "text": _to_text}
def _to_source(field, value):
    if value not in SOURCES:
        raise _bad(field, value)
    return value


_ACTIVITY_COERCE = {"row": _to_int, "facility": _to_text, "source": _to_source, "item": _to_text,
                    "quantity": _to_float, "unit": _to_text}


def _coerce_info(key, value):
    if key in ("reporting_year", "base_year"):
        return _to_int(key, value)
    if key in ("residual_mix_ef", "carbon_price", "allowances_held", "ccer_offered", "allowances_borrowed"):
        return _to_float(key, value)
    if key == "ets_year":
        return _to_int(key, value)
    choices = {"standard": STANDARDS, "gwp": GWP_SETS, "consolidation": CONSOLIDATIONS, "ch4_ar6": CH4_RULES,
               "sector": SECTORS}
    if key in choices:
        if value is None and key in ("gwp", "sector"):
            return None
        if value not in choices[key]:
            raise _bad(key, value)
        return value
    if key in ("factor_set", "grid_factor_set"):
        return None if value in (None, "") else str(value)
    return "" if value is None else str(value)


def _coerce_facility(key, value):
    if key == "residual_mix_ef":
        return _to_float(key, value)
    if key == "equity_share":
        v = _to_float(key, value)
        if v is None:
            raise _bad(key, value)
        return v
    if key == "operational_control":
        v = _to_bool(key, value)
        if v is None:
            raise _bad(key, value)
        return v
    if key == "financial_control":
        if value not in ("yes", "no", "joint"):
            raise _bad(key, value)
        return value
    return "" if value is None else str(value)


_INSTRUMENT_FIELDS = ("facility", "type", "quantity", "ef", "row")
_EQUIPMENT_FIELDS = ("facility", "method", "refrigerant", "equipment", "row")


def _coerce_instrument(key, value):
    if key in ("quantity", "ef"):
        v = _to_float(key, value)
        if v is None or v < 0:
            raise _bad(key, value)
        return v
    if key == "row":
        return _to_int(key, value)
    return "" if value is None else str(value)


def _coerce_equipment(key, value):
    if key in EQUIPMENT_VALUE_FIELDS:
        v = _to_float(key, value)
        if v is not None and v < 0:
            raise _bad(key, value)
        return v
    if key == "method":
        if value not in EQUIPMENT_METHODS:
            raise _bad(key, value)
        return value
    if key == "row":
        return _to_int(key, value)
    if key in ("facility", "refrigerant", "equipment"):
        return "" if value is None else str(value)
    raise ProjectError("store.unknown_field", field=key, entity="equipment")


# --------------------------------------------------------------------- Project

_DAMAGE = (sqlite3.DatabaseError, UnicodeDecodeError, ValueError, KeyError, TypeError, zlib.error)


def _reading(method):
    """Reading a damaged project gives a clear ProjectError, never a raw decoding error."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except ProjectError:
            raise
        except _DAMAGE as exc:
            raise ProjectError("store.damaged", path=str(self.path), detail=f"{type(exc).__name__}: {exc}"[:200]) \
                from exc

    return wrapper


class Project:
    """An open ``.carbon`` project file.  Use :meth:`create` or :meth:`open`."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False):
        self.db = db
        self.path = path
        self.read_only = read_only  # the file or its folder cannot be written: reading and Save As only

    # ----------------------------------------------------------- lifecycle
    @classmethod
    def create(cls, path, case: CaseData, inventory=None, *, overwrite: bool = False,
               library: Library | None = None) -> "Project":
        """Write a new project file holding ``case`` (and ``inventory``, a run of it).

        The file is written under a temporary name in the same folder and renamed into
        place, so a crash never leaves a half-written project at ``path``.
        ``library``: the library the inventory was computed with (default: the bundled
        one); only used to snapshot the full rows of the factor sets the run used.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise ProjectError("store.exists", path=str(path))
        try:
            return cls._create(path, case, inventory, library)
        except sqlite3.Error as exc:  # a full disk or a refused write inside SQLite: nothing was written
            raise sqlite_write_error(path, exc) from exc

    @classmethod
    def _create(cls, path: Path, case: CaseData, inventory, library: Library | None) -> "Project":
        with gc_paused():  # a large case's columns: see carbonmgr/common/gcpause.py
            cls._write_new(path, case, inventory, library)
            return cls.open(path)

    @classmethod
    def _write_new(cls, path: Path, case: CaseData, inventory, library: Library | None) -> None:
        with atomic_write(path, code="store.write_failed", companions=("-journal", "-wal", "-shm")) as tmp:
            conn = sqlite3.connect(str(tmp))
            try:
                # no sqlite-utils plugins: none may run on a project's connection, and looking for them
                # (every installed distribution's entry points) cost an import 0.1 s
                db = Database(conn, strict=True, execute_plugins=False)
                # the temporary file is thrown away on any failure: no need for a disk journal
                db.execute("PRAGMA journal_mode = MEMORY")
                db.execute("PRAGMA synchronous = OFF")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                _migrate(db)
                now = _now()
                with db.atomic():
                    _set_meta(db, app="CarbonMgr", app_version=__version__, created_at=now, modified_at=now,
                              case_modified_at=now,
                              library_version=getattr(inventory, "library_version", "") or "")
                    deferred: list = []  # the block of a large case's lines, compressed meanwhile
                    ids = _write_case(db, case, deferred)
                    _audit(db, "create", "project", None, None, None,
                           {"path": path.name, "lines": len(ids), "facilities": len(case.facilities)}, now)
                    if inventory is not None:
                        _check_inventory(inventory, case.activities)
                        if library is None:
                            from carbonmgr.factors.library import default_library
                            library = default_library()
                        _write_inventory(db, inventory, ids, library)
                    for finish in deferred:
                        finish()
                # A rollback journal (not WAL): once a save has committed, the .carbon file alone holds it,
                # so a copy taken while the app is open is complete, and shared (network) drives work.
                db.execute("PRAGMA journal_mode = DELETE")
            finally:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            if path.exists():
                for suffix in ("-wal", "-shm"):  # a stale WAL must never be applied to the new file
                    stale = Path(str(path) + suffix)
                    if stale.exists():
                        stale.unlink()

    @classmethod
    def open(cls, path) -> "Project":
        """Open a project; applies pending schema migrations of files from older versions."""
        path = Path(path)
        if not path.is_file():
            raise ProjectError("store.not_found", path=str(path))
        folder = path.resolve().parent
        # a save writes the file and a journal beside it: both must be writable, else read-only
        read_only = not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))
        uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "?mode=rw")
        try:
            conn = sqlite3.connect(uri, uri=True)
            if read_only and conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                conn.close()  # a WAL file of an earlier version cannot be read without writing beside it
                conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise ProjectError("store.not_a_project", path=str(path)) from exc
        try:
            db = Database(conn, strict=True, execute_plugins=False)  # no plugins (see _create)
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = set(db.table_names())
            if app_id != APPLICATION_ID or "meta" not in tables:
                raise ProjectError("store.not_a_project", path=str(path))
            meta_version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = max(version, int(meta_version[0]) if meta_version and meta_version[0].isdigit() else 0)
            if found > schema_version():
                raise ProjectError("store.newer_schema", found=found, supported=schema_version())
            pending = found < schema_version() or bool(_migrations().pending(db))
        except ProjectError:
            conn.close()
            raise
        except (sqlite3.DatabaseError, UnicodeDecodeError, ValueError) as exc:  # garbage, encrypted, damaged
            conn.close()
            raise ProjectError("store.not_a_project", path=str(path)) from exc
        try:
            _check_schema_objects(db, found, path)
        except ProjectError:
            conn.close()
            raise
        if read_only:
            if pending:
                conn.close()
                raise ProjectError("store.read_only_needs_upgrade", path=str(path))
            conn.execute("PRAGMA trusted_schema = OFF")
            return cls(db, path, read_only=True)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                # files of earlier versions were kept in WAL mode: fold the WAL in, use a rollback journal
                db.execute("PRAGMA journal_mode = DELETE")
            if pending:
                _migrate(db)
        except sqlite3.Error as exc:  # locked by another program, a read-only medium ...
            conn.close()
            raise sqlite_write_error(path, exc) from exc
        return cls(db, path)

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            self.db.close()
            self.db = None

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):  # pragma: no cover - best effort
        try:
            if getattr(self, "db", None) is not None:
                self.db.close()
        except Exception:
            pass

    @property
    def _db(self) -> Database:
        if self.db is None:
            raise ProjectError("store.closed")
        return self.db

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def mark_save(self, token: str) -> None:
        """Record which save wrote the project (inside the save's transaction), so that an autosave
        made while that save ran can tell, after a crash, whether it landed."""
        with self._db.atomic():  # its own transaction when called outside the save's (a new file)
            _set_meta(self._db, save_token=token)

    def set_meta(self, **values: str) -> None:
        """Set keys of the project's ``meta`` table in one transaction (a sealed submission's
        trainee, package and seal: carbonmgr.training.submission)."""
        with self._db.atomic():
            _set_meta(self._db, **values)

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # ---------------------------------------------------------------- case
    @_reading
    def load_case(self) -> CaseData:
        db = self._db
        info = CaseInfo()
        layout: dict[str, Any] = {}
        for kind, key, value in db.execute('SELECT kind, key, value FROM "case" ORDER BY kind, seq'):
            v = loads(value)
            if kind == "info":
                if key in _INFO_FIELDS:
                    setattr(info, key, v)
                else:  # a field this version does not know: keep it
                    info.extra[key] = v
            elif kind == "extra":
                info.extra[key] = v
            elif kind == "layout":
                layout[key] = v
        facilities = [
            Facility(fid, name, region, equity_share, financial_control, bool(op), loads(extra) or {}, residual)
            for fid, name, region, equity_share, financial_control, op, residual, extra in db.execute(
                "SELECT id, name, region, equity_share, financial_control, operational_control, residual_mix_ef, "
                "extra FROM facilities ORDER BY seq")]
        instruments = [Instrument(f, t, q, ef, row or 0, loads(extra) or {}) for f, t, q, ef, row, extra in db.execute(
            "SELECT facility, type, quantity, ef, row, extra FROM instruments ORDER BY seq")]
        equipment = [Equipment(f, m, r, e or "", loads(v) or {}, row or 0, loads(extra) or {})
                     for f, m, r, e, v, row, extra in db.execute(
                         "SELECT facility, method, refrigerant, equipment, values_json, row, extra "
                         "FROM equipment ORDER BY seq")]
        documents = {name: loads(cells) for name, cells in db.execute(
            "SELECT name, cells FROM documents ORDER BY position")}
        acts = self._load_activities(layout)[0]
        case = CaseData(info=info, facilities=facilities, activities=acts, instruments=instruments,
                        equipment=equipment, documents=documents, columns=layout.get("columns") or {},
                        sheet_names=layout.get("sheet_names") or {}, ets=self._load_ets())
        bad = implausible_numbers(case, finite_only=True)  # a crafted or damaged file: NaN, infinity
        if bad:
            sheet, row, name, value = bad[0]
            raise ProjectError("store.bad_number", path=str(self.path), sheet=sheet, row="-" if row is None else row,
                               field=name or "-", value=repr(value), count=len(bad))
        return case

    def _load_ets(self) -> EtsData | None:
        """The ETS units (None: the case has no ETS sheet); a file is untrusted: each field is checked."""
        rows = self._db.execute("SELECT unit, data, row FROM ets_units ORDER BY seq").fetchall()
        if not rows:
            return None
        units = []
        for unit, data, row in rows:
            fields = loads(data)
            if not isinstance(fields, dict) or not isinstance(unit, str):
                raise ProjectError("store.bad_ets", path=str(self.path), unit=str(unit), field="-")
            for key, value in fields.items():
                if not _ets_value_ok(key, value):
                    raise ProjectError("store.bad_ets", path=str(self.path), unit=unit, field=str(key)[:40])
            units.append(EtsUnit.from_dict({**fields, "unit": unit, "row": row if isinstance(row, int) else 0}))
        return EtsData(units)

    def _layout(self) -> dict[str, Any]:
        return {k: loads(v) for k, v in self._db.execute("SELECT key, value FROM \"case\" WHERE kind = 'layout'")}

    def _packed(self, what: str = "lines, data") -> tuple | None:
        """(lines, block) when the lines are held as one block (a large new file), else None."""
        db = self._db
        if not _has_table(db.conn, "activity_pack"):  # a file of an earlier schema step
            return None
        row = db.execute(f"SELECT {what} FROM activity_pack ORDER BY id LIMIT 1").fetchone()
        if row is None:
            return None
        if type(row[0]) is not int or not 0 <= row[0] <= _MAX_PACKED_LINES:
            raise ValueError("the packed activity lines have no sound count")
        if db.execute("SELECT 1 FROM activities LIMIT 1").fetchone() is not None:
            raise ValueError("a project holds its activity lines both as rows and as a block")
        return row

    def _unpacked(self, layout=None) -> tuple[ActivityTable, list[int]] | None:
        packed = self._packed()
        if packed is None:
            return None
        n, data = packed
        acts = _unpack_activities(data, n)
        layout = self._layout() if layout is None else layout
        for bag, key in ((acts.options, "activity_options"), (acts.extra, "activity_extra")):
            declared = {name: [None] * n for name in layout.get(key) or [] if name not in bag}
            bag.update(declared)
        return acts, list(range(1, n + 1))

    def _rows_of_lines(self) -> None:
        """Turn a block of lines into one row per line (inside the caller's transaction), before an edit
        of a line: the ids and the order stay as they were."""
        unpacked = self._unpacked()
        if unpacked is None:
            return
        acts, ids = unpacked
        conn = self._db.conn
        n = len(ids)
        _insert_rows(conn, "activities", ("id", "seq", "row", "facility", "source", "item", "quantity", "unit",
                                          "options", "extra"),
                     zip(ids, ids, acts.row, acts.facility, acts.source, acts.item, acts.quantity, acts.unit,
                         _per_line_json(acts.options, n), _per_line_json(acts.extra, n)))
        conn.execute("DELETE FROM activity_pack")

    def _load_activities(self, layout=None) -> tuple[ActivityTable, list[int]]:
        unpacked = self._unpacked(layout)
        if unpacked is not None:
            return unpacked
        layout = self._layout() if layout is None else layout
        cur = self._db.execute(
            "SELECT id, row, facility, source, item, quantity, unit, options, extra FROM activities ORDER BY seq, id")
        cols = [list(c) for c in zip(*cur.fetchall())] or [[] for _ in range(9)]
        ids, row, facility, source, item, quantity, unit, opts, extra = cols
        n = len(ids)
        options = _columns_from_json(opts, layout.get("activity_options") or [], n)
        extras = _columns_from_json(extra, layout.get("activity_extra") or [], n)
        return ActivityTable(row, facility, source, item, quantity, unit, options, extras), ids

    @_reading
    def activity_ids(self) -> list[int]:
        """Ids of the activity lines, in line order."""
        packed = self._packed("lines")
        if packed is not None:
            return list(range(1, packed[0] + 1))
        return [r[0] for r in self._db.execute("SELECT id FROM activities ORDER BY seq, id")]

    @_reading
    def activity(self, activity_id: int) -> dict:
        unpacked = self._unpacked()
        if unpacked is not None:
            acts, ids = unpacked
            if type(activity_id) is not int or not 1 <= activity_id <= len(ids):
                raise ProjectError("store.no_such_activity", id=activity_id)
            i = activity_id - 1
            d = {"id": activity_id, **{k: getattr(acts, k)[i] for k in _ACTIVITY_CORE}}
            d["options"] = {k: col[i] for k, col in acts.options.items() if col[i] is not None}
            d["extra"] = {k: col[i] for k, col in acts.extra.items() if col[i] is not None}
            return d
        row = self._db.execute(
            "SELECT id, row, facility, source, item, quantity, unit, options, extra FROM activities WHERE id = ?",
            (activity_id,)).fetchone()
        if row is None:
            raise ProjectError("store.no_such_activity", id=activity_id)
        keys = ("id", "row", "facility", "source", "item", "quantity", "unit")
        d = dict(zip(keys, row[:7]))
        d["options"] = loads(row[7]) or {}
        d["extra"] = loads(row[8]) or {}
        return d

    # ------------------------------------------------------------- editing
    def _touch(self, now: str) -> None:
        _set_meta(self._db, modified_at=now, case_modified_at=now)

    def _add_layout_column(self, key: str, name: str) -> None:
        db = self._db
        row = db.execute("SELECT value FROM \"case\" WHERE kind = 'layout' AND key = ?", (key,)).fetchone()
        names = loads(row[0]) if row else []
        if name not in names:
            names.append(name)
            db.execute("INSERT INTO \"case\"(kind, key, value, seq) VALUES ('layout', ?, ?, "
                       "(SELECT coalesce(max(seq), -1) + 1 FROM \"case\" WHERE kind = 'layout')) "
                       "ON CONFLICT(kind, key) DO UPDATE SET value = excluded.value", (key, dumps(names)))

    def update_activity(self, activity_id: int, field: str, value: Any) -> None:
        """Set one field of one line: a core column (row, facility, source, item,
        quantity, unit), an option (see ACTIVITY_OPTIONS; None clears it) or an extra
        column (its name, or "extra:NAME" to start a new extra column)."""
        db = self._db
        with db.atomic():
            self._rows_of_lines()
            line = self.activity(activity_id)
            if field in _ACTIVITY_CORE:
                new = _ACTIVITY_COERCE[field](field, value)
                old = line[field]
                if new == old and type(new) is type(old):
                    return
                db.execute(f'UPDATE activities SET "{field}" = ? WHERE id = ?', (new, activity_id))
            else:
                extra_cols = self._layout().get("activity_extra") or []
                if field in ACTIVITY_OPTIONS:
                    bag, col, layout_key = line["options"], "options", "activity_options"
                    new = _OPTION_COERCE[ACTIVITY_OPTIONS[field]](field, value)
                    name = field
                elif field in extra_cols or field.startswith("extra:"):
                    name = field if field in extra_cols else field[len("extra:"):]
                    bag, col, layout_key = line["extra"], "extra", "activity_extra"
                    new = value
                else:
                    raise ProjectError("store.unknown_field", field=field, entity="activities")
                old = bag.get(name)
                if new == old and type(new) is type(old):
                    return
                if new is None:
                    bag.pop(name, None)
                else:
                    bag[name] = new
                    self._add_layout_column(layout_key, name)
                db.execute(f"UPDATE activities SET {col} = ? WHERE id = ?", (_none_if_empty(bag), activity_id))
                field = name
            now = _now()
            _audit(db, "update", "activity", activity_id, field, old, new, now)
            self._touch(now)

    def add_activity(self, facility: str, source: str, item: str, quantity: float, unit: str, *,
                     row: int | None = None, options: dict | None = None, extra: dict | None = None,
                     position: int | None = None) -> int:
        """Add a line (at ``position`` in line order, default at the end); returns its id."""
        db = self._db
        opts = {}
        for k, v in (options or {}).items():
            if k not in ACTIVITY_OPTIONS:
                raise ProjectError("store.unknown_field", field=k, entity="activities")
            v = _OPTION_COERCE[ACTIVITY_OPTIONS[k]](k, v)
            if v is not None:
                opts[k] = v
        extra = {k: v for k, v in (extra or {}).items() if v is not None}
        values = {"row": _to_int("row", row), "facility": _to_text("facility", facility),
                  "source": _to_source("source", source), "item": _to_text("item", item),
                  "quantity": _to_float("quantity", quantity), "unit": _to_text("unit", unit)}
        with db.atomic():
            self._rows_of_lines()
            last = db.execute("SELECT value FROM meta WHERE key = 'last_activity_id'").fetchone()
            max_id = db.execute("SELECT coalesce(max(id), 0), coalesce(max(seq), 0), coalesce(max(row), 1) "
                                "FROM activities").fetchone()
            new_id = max(int(last[0]) if last else 0, max_id[0]) + 1
            if values["row"] is None:
                values["row"] = max_id[2] + 1
            if position is None:
                seq = max_id[1] + 1
            else:
                at = db.execute("SELECT seq FROM activities ORDER BY seq, id LIMIT 1 OFFSET ?",
                                (max(0, int(position)),)).fetchone()
                if at is None:
                    seq = max_id[1] + 1
                else:
                    seq = at[0]
                    db.execute("UPDATE activities SET seq = seq + 1 WHERE seq >= ?", (seq,))
            db.execute("INSERT INTO activities(id, seq, row, facility, source, item, quantity, unit, options, extra) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (new_id, seq, values["row"], values["facility"], values["source"], values["item"],
                        values["quantity"], values["unit"], _none_if_empty(opts), _none_if_empty(extra)))
            for k in opts:
                self._add_layout_column("activity_options", k)
            for k in extra:
                self._add_layout_column("activity_extra", k)
            now = _now()
            _set_meta(db, last_activity_id=str(new_id))
            _audit(db, "add", "activity", new_id, None, None, {**values, "options": opts, "extra": extra}, now)
            self._touch(now)
        return new_id

    def delete_activity(self, activity_id: int) -> None:
        db = self._db
        with db.atomic():
            self._rows_of_lines()
            line = self.activity(activity_id)
            db.execute("DELETE FROM activities WHERE id = ?", (activity_id,))
            now = _now()
            line.pop("id")
            _audit(db, "delete", "activity", activity_id, None, line, None, now)
            self._touch(now)

    def update_case(self, key: str, value: Any) -> None:
        """Set a case setting: a CaseInfo field (validated) or any other key (kept in extra)."""
        db = self._db
        kind = "info" if key in _INFO_FIELDS else "extra"
        if kind == "info":
            value = _coerce_info(key, value)
        with db.atomic():
            row = db.execute('SELECT value FROM "case" WHERE kind = ? AND key = ?', (kind, key)).fetchone()
            old = loads(row[0]) if row else None
            if row is not None and old == value and type(old) is type(value):
                return
            db.execute('INSERT INTO "case"(kind, key, value, seq) VALUES (?, ?, ?, '
                       '(SELECT coalesce(max(seq), -1) + 1 FROM "case" WHERE kind = ?)) '
                       "ON CONFLICT(kind, key) DO UPDATE SET value = excluded.value",
                       (kind, key, dumps(value), kind))
            now = _now()
            _audit(db, "update", "case", None, key, old, value, now)
            self._touch(now)

    def update_facility(self, facility_id: str, field: str, value: Any) -> None:
        """Set a facility field (name, region, equity_share, financial_control,
        operational_control) or an extra key of the facility."""
        db = self._db
        with db.atomic():
            row = db.execute("SELECT seq, name, region, equity_share, financial_control, operational_control, "
                             "residual_mix_ef, extra FROM facilities WHERE id = ? ORDER BY seq LIMIT 1",
                             (facility_id,)).fetchone()
            if row is None:
                raise ProjectError("store.no_such_facility", id=facility_id)
            current = dict(zip(_FACILITY_FIELDS, row[1:7]))
            current["operational_control"] = bool(current["operational_control"])
            self._set_register_field("facilities", "facility", row[0], facility_id, field, value, current,
                                     _coerce_facility, fixed="id", extra_json=row[7],
                                     stored=lambda f, new: int(new) if f == "operational_control" else None)

    def add_facility(self, facility: Facility, position: int | None = None) -> None:
        """Insert a facility (at ``position`` in the list, default last), with an audit row."""
        db = self._db
        with db.atomic():
            if db.execute("SELECT 1 FROM facilities WHERE id = ?", (facility.id,)).fetchone():
                raise ProjectError("store.facility_exists", id=facility.id)
            values = {k: _coerce_facility(k, getattr(facility, k)) for k in _FACILITY_FIELDS}
            seqs = [r[0] for r in db.execute("SELECT seq FROM facilities ORDER BY seq")]
            if position is None or position >= len(seqs):
                seq = (seqs[-1] + 1) if seqs else 0
            else:
                # shift the following facilities up by one (from the end, to keep seq unique)
                for old_seq in reversed(seqs[position:]):
                    db.execute("UPDATE facilities SET seq = ? WHERE seq = ?", (old_seq + 1, old_seq))
                seq = seqs[position]
            db.execute("INSERT INTO facilities(seq, id, name, region, equity_share, financial_control, "
                       "operational_control, residual_mix_ef, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (seq, facility.id, values["name"], values["region"], values["equity_share"],
                        values["financial_control"], int(bool(values["operational_control"])),
                        values["residual_mix_ef"], _none_if_empty(facility.extra)))
            now = _now()
            _audit(db, "add", "facility", facility.id, None, None, {**values, "extra": facility.extra}, now)
            self._touch(now)

    def delete_facility(self, facility_id: str) -> None:
        """Remove a facility (its activity lines are left to the caller), with an audit row."""
        db = self._db
        with db.atomic():
            row = db.execute("SELECT seq, name, region, equity_share, financial_control, operational_control, "
                             "residual_mix_ef, extra FROM facilities WHERE id = ? ORDER BY seq LIMIT 1",
                             (facility_id,)).fetchone()
            if row is None:
                raise ProjectError("store.no_such_facility", id=facility_id)
            old = dict(zip(_FACILITY_FIELDS, row[1:7]))
            old["extra"] = loads(row[7])
            db.execute("DELETE FROM facilities WHERE seq = ?", (row[0],))
            now = _now()
            _audit(db, "delete", "facility", facility_id, None, old, None, now)
            self._touch(now)

    def rename_facility(self, old_id: str, new_id: str) -> dict[str, int]:
        """Give a facility a new id and move every reference to it (activity lines,
        instruments, equipment) in one transaction; one audit row for the facility and one
        per table whose rows were moved.  Returns the number of rows moved per table."""
        db = self._db
        new_id = _to_text("id", new_id)
        if not new_id or not new_id.strip():
            raise _bad("id", new_id)
        with db.atomic():
            if db.execute("SELECT 1 FROM facilities WHERE id = ?", (old_id,)).fetchone() is None:
                raise ProjectError("store.no_such_facility", id=old_id)
            if new_id == old_id:
                return {}
            if db.execute("SELECT 1 FROM facilities WHERE id = ?", (new_id,)).fetchone():
                raise ProjectError("store.facility_exists", id=new_id)
            self._rows_of_lines()
            db.execute("UPDATE facilities SET id = ? WHERE id = ?", (new_id, old_id))
            now = _now()
            _audit(db, "rename", "facility", old_id, "id", old_id, new_id, now)
            moved = {}
            for table, entity in (("activities", "activity"), ("instruments", "instrument"),
                                  ("equipment", "equipment")):
                n = db.execute(f"UPDATE {table} SET facility = ? WHERE facility = ?", (new_id, old_id)).rowcount
                moved[table] = n
                if n:
                    _audit(db, "rename", entity, None, "facility", {"facility": old_id, "count": n},
                           {"facility": new_id, "count": n}, now)
            self._touch(now)
        return moved

    # ------------------------------------------------- instruments, equipment
    # Both are small lists kept in order by ``seq``; they are addressed by their index in
    # that order (0-based), as in CaseData.instruments / CaseData.equipment.

    def _record_seq(self, table: str, index: int, code: str) -> int:
        seqs = [r[0] for r in self._db.execute(f"SELECT seq FROM {table} ORDER BY seq")]
        if not isinstance(index, int) or not 0 <= index < len(seqs):
            raise ProjectError(code, index=index)
        return seqs[index]

    def _insert_seq(self, table: str, position: int | None) -> int:
        db = self._db
        seqs = [r[0] for r in db.execute(f"SELECT seq FROM {table} ORDER BY seq")]
        if position is None or position >= len(seqs):
            return (seqs[-1] + 1) if seqs else 0
        position = max(0, int(position))
        for old_seq in reversed(seqs[position:]):  # from the end: seq stays unique
            db.execute(f"UPDATE {table} SET seq = ? WHERE seq = ?", (old_seq + 1, old_seq))
        return seqs[position]

    def _next_row(self, table: str) -> int:
        return self._db.execute(f"SELECT coalesce(max(row), 1) + 1 FROM {table}").fetchone()[0]

    def add_instrument(self, instrument: Instrument, position: int | None = None) -> None:
        """Insert an electricity instrument (at ``position``, default last), with an audit row."""
        db = self._db
        values = {k: _coerce_instrument(k, getattr(instrument, k)) for k in _INSTRUMENT_FIELDS}
        extra = {k: v for k, v in (instrument.extra or {}).items() if v is not None}
        with db.atomic():
            if not values["row"]:
                values["row"] = self._next_row("instruments")
            seq = self._insert_seq("instruments", position)
            db.execute("INSERT INTO instruments(seq, facility, type, quantity, ef, row, extra) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (seq, values["facility"], values["type"], values["quantity"], values["ef"], values["row"],
                        _none_if_empty(extra)))
            now = _now()
            _audit(db, "add", "instrument", values["row"], None, None, {**values, "extra": extra}, now)
            self._touch(now)

    def update_instrument(self, index: int, field: str, value: Any) -> None:
        """Set a field of the instrument at ``index`` (facility, type, quantity, ef) or an
        extra key of it (None clears an extra key)."""
        db = self._db
        with db.atomic():
            seq = self._record_seq("instruments", index, "store.no_such_instrument")
            row = db.execute("SELECT facility, type, quantity, ef, row, extra FROM instruments WHERE seq = ?",
                             (seq,)).fetchone()
            current = dict(zip(("facility", "type", "quantity", "ef"), row[:4]))
            self._set_register_field("instruments", "instrument", seq, row[4], field, value, current,
                                     _coerce_instrument, fixed="row", extra_json=row[5])

    def delete_instrument(self, index: int) -> None:
        db = self._db
        with db.atomic():
            seq = self._record_seq("instruments", index, "store.no_such_instrument")
            row = db.execute("SELECT facility, type, quantity, ef, row, extra FROM instruments WHERE seq = ?",
                             (seq,)).fetchone()
            old = dict(zip(("facility", "type", "quantity", "ef", "row"), row[:5]))
            old["extra"] = loads(row[5]) or {}
            db.execute("DELETE FROM instruments WHERE seq = ?", (seq,))
            now = _now()
            _audit(db, "delete", "instrument", old["row"], None, old, None, now)
            self._touch(now)

    def add_equipment(self, equipment: Equipment, position: int | None = None) -> None:
        """Insert a line of the refrigerant equipment register (default last), with an audit row."""
        db = self._db
        values = {k: _coerce_equipment(k, getattr(equipment, k)) for k in _EQUIPMENT_FIELDS}
        kg = {k: _coerce_equipment(k, v) for k, v in (equipment.values or {}).items()}
        kg = {k: v for k, v in kg.items() if v is not None}
        extra = {k: v for k, v in (equipment.extra or {}).items() if v is not None}
        with db.atomic():
            if not values["row"]:
                values["row"] = self._next_row("equipment")
            seq = self._insert_seq("equipment", position)
            db.execute("INSERT INTO equipment(seq, facility, method, refrigerant, equipment, values_json, row, extra) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (seq, values["facility"], values["method"], values["refrigerant"], values["equipment"],
                        dumps(kg), values["row"], _none_if_empty(extra)))
            now = _now()
            _audit(db, "add", "equipment", values["row"], None, None, {**values, "values": kg, "extra": extra}, now)
            self._touch(now)

    def update_equipment(self, index: int, field: str, value: Any) -> None:
        """Set a field of the equipment line at ``index``: facility, method, refrigerant,
        equipment (type), a kg value (see EQUIPMENT_VALUE_FIELDS; None clears it) or an
        extra key."""
        db = self._db
        with db.atomic():
            seq = self._record_seq("equipment", index, "store.no_such_equipment")
            row = db.execute("SELECT facility, method, refrigerant, equipment, values_json, row, extra "
                             "FROM equipment WHERE seq = ?", (seq,)).fetchone()
            current = dict(zip(("facility", "method", "refrigerant", "equipment"), row[:4]))
            self._set_register_field("equipment", "equipment", seq, row[5], field, value, current,
                                     _coerce_equipment, fixed="row", extra_json=row[6],
                                     value_fields=EQUIPMENT_VALUE_FIELDS, values_json=row[4])

    def _set_register_field(self, table: str, entity: str, seq: int, audit_id, field: str, value: Any,
                            current: dict[str, Any], coerce: Callable[[str, Any], Any], *, fixed: str,
                            extra_json: str | None, stored: Callable[[str, Any], Any] | None = None,
                            value_fields=(), values_json: str | None = None) -> None:
        """Set ``field`` of the row ``seq`` of a register (facilities, instruments, equipment), inside
        the caller's transaction: one of its columns (``current``: their values; ``coerce`` checks the
        new one, ``stored`` gives the value to store when it is not the new one), a key of its
        ``values_json`` (``value_fields``), else a key of its extra JSON; ``fixed`` is refused. Nothing
        is written when the value is unchanged; a change is audited as ``entity`` ``audit_id``."""
        db = self._db
        if field in current:
            new = coerce(field, value)
            old = current[field]
            if not _set_column(db, table, seq, field, old, new, stored(field, new) if stored else None):
                return
        elif field in value_fields:
            changed = _set_json_key(db, table, "values_json", seq, values_json, field, coerce(field, value),
                                    empty_is_null=False)
            if changed is None:
                return
            old, new = changed
        elif field == fixed:
            raise ProjectError("store.unknown_field", field=field, entity=table)
        else:
            changed = _set_extra(db, table, seq, extra_json, field, value)
            if changed is None:
                return
            old, new = changed
        now = _now()
        _audit(db, "update", entity, audit_id, field, old, new, now)
        self._touch(now)

    def delete_equipment(self, index: int) -> None:
        db = self._db
        with db.atomic():
            seq = self._record_seq("equipment", index, "store.no_such_equipment")
            row = db.execute("SELECT facility, method, refrigerant, equipment, values_json, row, extra "
                             "FROM equipment WHERE seq = ?", (seq,)).fetchone()
            old = dict(zip(("facility", "method", "refrigerant", "equipment"), row[:4]))
            old.update(values=loads(row[4]) or {}, row=row[5], extra=loads(row[6]) or {})
            db.execute("DELETE FROM equipment WHERE seq = ?", (seq,))
            now = _now()
            _audit(db, "delete", "equipment", old["row"], None, old, None, now)
            self._touch(now)

    # ---------------------------------------------------------------- the ETS units
    def _ets_checked(self, unit: EtsUnit) -> tuple[str, dict, int]:
        if not isinstance(unit.unit, str) or not unit.unit:
            raise _bad("ets_unit", unit.unit)
        fields = _ets_fields(unit)
        for key, value in fields.items():
            if not _ets_value_ok(key, value):
                raise _bad(key, value)
        return unit.unit, fields, int(unit.row or 0)

    def add_ets_unit(self, unit: EtsUnit, position: int | None = None) -> None:
        """Insert an ETS unit (at ``position``, default last), with an audit row."""
        db = self._db
        name, fields, row = self._ets_checked(unit)
        with db.atomic():
            if not row:
                row = self._next_row("ets_units")
            seq = self._insert_seq("ets_units", position)
            db.execute("INSERT INTO ets_units(seq, unit, data, row) VALUES (?, ?, ?, ?)", (seq, name, dumps(fields), row))
            now = _now()
            _audit(db, "add", "ets_unit", row, None, None, {**fields, "unit": name}, now)
            self._touch(now)

    def update_ets_unit(self, index: int, field: str, value: Any) -> None:
        """Set a field of the ETS unit at ``index`` (its id ``unit``, or an EtsUnit field; None clears it)."""
        db = self._db
        with db.atomic():
            seq = self._record_seq("ets_units", index, "store.no_such_ets_unit")
            name, data, row = db.execute("SELECT unit, data, row FROM ets_units WHERE seq = ?", (seq,)).fetchone()
            fields = loads(data) or {}
            unit = EtsUnit.from_dict({**fields, "unit": name, "row": row})
            if field not in unit.to_dict() or field == "row":
                raise ProjectError("store.unknown_field", field=field, entity="ets_units")
            old = getattr(unit, field)
            new_name, new_fields, _ = self._ets_checked(dataclasses.replace(unit, **{field: value}))
            if old == value and type(old) is type(value):
                return
            db.execute("UPDATE ets_units SET unit = ?, data = ? WHERE seq = ?", (new_name, dumps(new_fields), seq))
            now = _now()
            _audit(db, "update", "ets_unit", row, field, old, value, now)
            self._touch(now)

    def delete_ets_unit(self, index: int) -> None:
        db = self._db
        with db.atomic():
            seq = self._record_seq("ets_units", index, "store.no_such_ets_unit")
            name, data, row = db.execute("SELECT unit, data, row FROM ets_units WHERE seq = ?", (seq,)).fetchone()
            db.execute("DELETE FROM ets_units WHERE seq = ?", (seq,))
            now = _now()
            _audit(db, "delete", "ets_unit", row, None, {**(loads(data) or {}), "unit": name}, None, now)
            self._touch(now)

    def transaction(self):
        """One transaction around many edits (each edit still writes its audit row)."""
        return self._db.atomic()

    def audit_log(self, limit: int | None = None) -> list[dict]:
        """Audit rows, newest first; old_value/new_value decoded from JSON."""
        sql = "SELECT id, at, action, entity, entity_id, field, old_value, new_value FROM audit ORDER BY id DESC"
        params: tuple = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (int(limit),)
        keys = ("id", "at", "action", "entity", "entity_id", "field", "old_value", "new_value")
        out = []
        for r in self._db.execute(sql, params):
            d = dict(zip(keys, r))
            d["old_value"] = loads(d["old_value"])
            d["new_value"] = loads(d["new_value"])
            out.append(d)
        return out

    # ------------------------------------------------------------ results
    def save_inventory(self, inv, library: Library | None = None, *, keep_previous: str | None = None) -> int:
        """Store an inventory run of this project's current lines; returns the run id.

        The new run replaces the earlier runs that nothing keeps (see :meth:`keep_run`): a
        project holds its kept runs and its latest one, not one run per save.
        ``keep_previous``: keep the run this one supersedes, for that reason (a factor update).
        ``library`` is the library the run was computed with (default: the bundled one);
        it is only used to snapshot all rows of the (set, item) pairs the run used."""
        db = self._db
        if library is None:
            from carbonmgr.factors.library import default_library
            library = default_library()
        with gc_paused(), db.atomic():  # a large case's columns: see carbonmgr/common/gcpause.py
            acts, ids = self._load_activities()
            _check_inventory(inv, acts)
            previous = self.latest_run_id()
            if keep_previous and previous is not None:
                db.execute("UPDATE results SET kept = ? WHERE id = ?", (keep_previous, previous))
            run_id = _write_inventory(db, inv, ids, library)
            _drop_unkept_runs(db, run_id)
            return run_id

    def keep_run(self, run_id: int, reason: str) -> None:
        """Keep run ``run_id`` for good (``reason``: "report", "submission" ...): later saves do not
        replace it, so the results a report or a submission used can always be shown again."""
        with self._db.atomic():
            if self._db.execute("UPDATE results SET kept = ? WHERE id = ?", (reason, run_id)).rowcount != 1:
                raise ProjectError("store.no_such_run", id=run_id)

    def runs(self) -> list[dict]:
        keys = ("id", "computed_at", "standard", "gwp", "reporting_year", "library_version", "factors_digest",
                "line_count", "kept")
        return [dict(zip(keys, r)) for r in self._db.execute(
            "SELECT " + ", ".join(keys) + " FROM results ORDER BY id")]

    def latest_run_id(self) -> int | None:
        row = self._db.execute("SELECT max(id) FROM results").fetchone()
        return row[0] if row else None

    @_reading
    def latest_inventory(self) -> dict | None:
        run_id = self.latest_run_id()
        return None if run_id is None else self.inventory(run_id)

    @_reading
    def inventory(self, run_id: int, with_lines: bool = True) -> dict:
        """A stored run, shaped like ``Inventory.to_dict()`` (lines without their trace:
        see :meth:`line_trace`), plus run_id, computed_at, stale and warning_problems."""
        db = self._db
        r = db.execute("SELECT computed_at, standard, gwp, reporting_year, library_version, factors_digest, "
                       "totals, summary, warnings FROM results WHERE id = ?", (run_id,)).fetchone()
        if r is None:
            return None
        computed_at, standard, gwp, year, libv, digest, totals, summary, warnings = r
        d = loads(summary)
        d.update(run_id=run_id, computed_at=computed_at, standard=standard, gwp=gwp, reporting_year=year,
                 library_version=libv, factors_digest=digest, totals=loads(totals))
        problems = [_problem_from(w) for w in loads(warnings)]
        d["warnings"] = [p.render("en") for p in problems]
        d["warning_problems"] = [_problem_dict(p) for p in problems]
        d["factors_used"] = {k: loads(row) for k, row in db.execute(
            "SELECT key, row FROM snapshot_factors WHERE run_id = ? AND used = 1 ORDER BY rowid", (run_id,))}
        d["gwp_used"] = {gas: {"value": v, "set": s, "source": src} for gas, v, s, src in db.execute(
            "SELECT gas, value, \"set\", source FROM snapshot_gwp WHERE run_id = ? ORDER BY rowid", (run_id,))}
        changed = db.execute("SELECT value FROM meta WHERE key = 'case_modified_at'").fetchone()
        d["stale"] = bool(changed and changed[0] > computed_at)
        if with_lines:
            d["lines"] = self._lines(run_id)
        return d

    def _line_arrays(self, run_id: int) -> dict[str, list] | None:
        row = self._db.execute("SELECT lines FROM results WHERE id = ?", (run_id,)).fetchone()
        return None if row is None or row[0] is None else _unpack_lines(row[0])

    def _lines(self, run_id: int) -> list[dict]:
        db = self._db
        groups = {}
        coefs = {}
        for (gno, fac, src, item, item_id, unit, scope, iso, s3, share, cf) in db.execute(
                "SELECT group_no, facility, source, item, item_id, unit, scope, iso_category, scope3_category, "
                "share, coefficients FROM result_groups WHERE run_id = ?", (run_id,)):
            groups[gno] = (fac, src, item, item_id, unit, scope, share, iso, s3)
            coefs[gno] = loads(cf)
        out = []
        arrays = self._line_arrays(run_id)
        if arrays is not None:  # runs written since schema step 0003
            for i, (act_id, gno, row, q) in enumerate(zip(arrays["activity_id"], arrays["group"], arrays["row"],
                                                           arrays["quantity"])):
                line = _stored_line(groups[gno], row, q, *_line_values(q, coefs[gno]))
                line["line_no"] = i
                line["activity_id"] = act_id
                out.append(line)
        dec = _decoder.decode
        for (line_no, act_id, gno, row, q, t, gases, bio, loc, mkt, detail) in db.execute(
                "SELECT line_no, activity_id, group_no, row, quantity, tco2e, gases, biogenic_co2, "
                "tco2e_location, tco2e_market, detail FROM result_lines WHERE run_id = ? ORDER BY line_no",
                (run_id,)):
            if detail is not None:
                line = _unpack(detail)
                line.pop("trace", None)
            else:
                line = _stored_line(groups[gno], row, q, t, dec(gases), bio, loc, mkt)
            line["line_no"] = line_no
            line["activity_id"] = act_id
            out.append(line)
        return out

    @_reading
    def line_trace(self, line_no: int, run_id: int | None = None) -> dict | None:
        """The calculation trace of one line of a run (built on demand from its group)."""
        db = self._db
        run_id = self.latest_run_id() if run_id is None else run_id
        if run_id is None:
            return None
        r = db.execute("SELECT group_no, quantity, detail FROM result_lines WHERE run_id = ? AND line_no = ?",
                       (run_id, line_no)).fetchone()
        if r is None:
            arrays = self._line_arrays(run_id)
            if arrays is None or not 0 <= line_no < len(arrays["group"]):
                return None
            r = (arrays["group"][line_no], arrays["quantity"][line_no], None)
        gno, q, detail = r
        if detail is not None:
            return _unpack(detail).get("trace")
        g = db.execute("SELECT trace FROM result_groups WHERE run_id = ? AND group_no = ?", (run_id, gno)).fetchone()
        return _unpack(g[0], q) if g and g[0] is not None else None

    # ------------------------------------------------------- factor snapshots
    def _snapshot(self, run_id: int | None):
        db = self._db
        run_id = self.latest_run_id() if run_id is None else run_id
        if run_id is None:
            return None, [], []
        factors = [(used, loads(row)) for used, row in db.execute(
            "SELECT used, row FROM snapshot_factors WHERE run_id = ? ORDER BY rowid", (run_id,))]
        gwps = db.execute("SELECT gas, value, \"set\", source FROM snapshot_gwp WHERE run_id = ? ORDER BY rowid",
                          (run_id,)).fetchall()
        return run_id, factors, gwps

    @_reading
    def pinned_library(self, current: Library, run_id: int | None = None) -> Library:
        """``current`` with every (set, item) pair of the run's snapshot replaced by exactly
        the snapshot's rows, and the snapshot's GWP values in its GWP set, so that
        recomputing gives the stored numbers even after resources/ changed."""
        run_id, factors, gwps = self._snapshot(run_id)
        if run_id is None:
            return current
        names = {f.name for f in dataclasses.fields(Factor)}
        pinned: dict[tuple[str, str], list[Factor]] = {}
        for _used, row in factors:
            f = _checked_factor(Factor(**{k: row[k] for k in names}))
            pinned.setdefault((f.set, f.item), []).append(f)
        by_item = dict(current.by_item)
        by_item.update(pinned)
        sets_of_item = {k: list(v) for k, v in current.sets_of_item.items()}
        set_info = dict(current.set_info)
        for set_name, item in pinned:
            sets = sets_of_item.setdefault(item, [])
            if set_name not in sets:
                sets.append(set_name)
            set_info.setdefault(set_name, {"name": set_name, "sources": set(), "statuses": set(), "rows": 0,
                                           "file": "(project snapshot)"})
        factors_list = [f for f in current.factors if (f.set, f.item) not in pinned]
        for rows in pinned.values():
            factors_list.extend(rows)
        gwp = dict(current.gwp)
        for gas, value, set_name, source in gwps:
            key_gas = gas
            if source.startswith(f"{set_name} CH4 fossil") and norm_name(gas) == "ch4":
                key_gas = "CH4_fossil"
            key = (set_name, norm_name(key_gas))
            old = gwp.get(key)
            if old is not None and old.value == value:
                continue
            if old is None and _current_gwp(current, set_name, key_gas)[0] == value:
                continue  # a blend the library still computes to this value: pinning it would change its trace
            gwp[key] = GwpValue(set_name, key_gas, value, source or (old.source if old else ""),
                                old.status if old else "", old.tag if old else "", "pinned from project snapshot")
        return dataclasses.replace(current, factors=factors_list, by_item=by_item, sets_of_item=sets_of_item,
                                   gwp=gwp, set_info=set_info)

    @_reading
    def diff_factors(self, current: Library, run_id: int | None = None) -> list[dict]:
        """Factors (and GWP values) used by the run whose value, unit or status differs in
        ``current`` (``change``: "changed" or "removed")."""
        run_id, factors, gwps = self._snapshot(run_id)
        if run_id is None:
            return []
        by_key, by_key_region = {}, {}
        for f in current.factors:
            by_key.setdefault(f.key, f)
            by_key_region.setdefault((f.key, f.region), f)  # rows of an item published by country share a key
        out = []
        for used, row in factors:
            if not used:
                continue
            f = by_key_region.get((row["key"], row.get("region") or "")) or by_key.get(row["key"])
            entry = {"kind": "factor", "key": row["key"], "set": row["set"], "item": row["item"],
                     "param": row["param"], "gas": row["gas"], "old_value": row["value"], "old_unit": row["unit"],
                     "old_status": row["status"]}
            if f is None:
                out.append({**entry, "change": "removed", "new_value": None, "new_unit": None, "new_status": None})
            elif (f.value, f.unit, f.status) != (row["value"], row["unit"], row["status"]):
                out.append({**entry, "change": "changed", "new_value": f.value, "new_unit": f.unit,
                            "new_status": f.status})
        for gas, value, set_name, source in gwps:
            name = "CH4_fossil" if source.startswith(f"{set_name} CH4 fossil") else gas
            new_value, new_status = _current_gwp(current, set_name, name)
            if new_value is None or new_value == value:
                continue  # unchanged, or a name only the engine's item lookup resolves
            out.append({"kind": "gwp", "key": f"gwp/{set_name}/{name}", "set": set_name, "item": name,
                        "param": "gwp", "gas": name, "old_value": value, "old_unit": "", "old_status": "",
                        "change": "changed", "new_value": new_value, "new_unit": "", "new_status": new_status})
        return out


def _current_gwp(lib: Library, set_name: str, gas: str) -> tuple[float | None, str | None]:
    """GWP of ``gas`` in ``lib`` (a listed value, or a blend computed from its composition)."""
    g = lib.gwp_value(set_name, gas)
    if g is not None:
        return g.value, g.status
    comps = lib.blend(gas)
    if comps:
        total = 0.0
        for comp, frac, _src in comps:
            cg = lib.gwp_value(set_name, comp)
            if cg is None:
                return None, None
            total += frac * cg.value
        return total, "blend"
    return None, None


_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 8, 10, 13, 14


def sqlite_write_error(path: str | os.PathLike, exc: sqlite3.Error) -> WriteFailed:
    """A write to a project that SQLite refused, as the error a user reads: a full disk and a
    read-only file or folder get their own message; anything else says what SQLite said."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_FULL or (primary == _SQLITE_IOERR and "full" in str(exc).lower()):
        return write_error(path, OSError(errno.ENOSPC, str(exc)), "store.write_failed")
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
        return write_error(path, OSError(errno.EROFS, str(exc)), "store.write_failed")
    return WriteFailed("store.write_failed", path=str(path), name=Path(path).name, error=str(exc))


def _checked_factor(f: Factor) -> Factor:
    """A factor row read back from a snapshot, checked like any untrusted value (ValueError if not sound)."""
    value = f.value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"factor snapshot value is not a finite number: {value!r:.40}")
    if f.year is not None and (isinstance(f.year, bool) or not isinstance(f.year, int)):
        raise ValueError(f"factor snapshot year is not a year: {f.year!r:.40}")
    for name in ("set", "item", "param", "gas", "variant", "unit", "region", "source", "status"):
        if not isinstance(getattr(f, name), str):
            raise ValueError(f"factor snapshot {name} is not text")
    return f


def _check_inventory(inv, stored: ActivityTable) -> None:
    """The inventory must have been computed from exactly the stored lines (every
    column and calculation option), else its numbers would be attached to other lines."""
    acts = inv.case.activities
    n = len(stored)
    same = len(inv.line_group) == len(acts) == n
    if same and acts is stored:  # the very table the inventory was computed from (an import, Save As)
        return
    same = same and all(list(getattr(acts, k)) == list(getattr(stored, k)) for k in _ACTIVITY_CORE)
    if same:
        empty = [None] * n
        same = all(list(acts.options.get(k) or empty) == list(stored.options.get(k) or empty)
                   for k in CALC_OPTIONS)
    if not same:
        raise ProjectError("store.inventory_mismatch", lines=len(inv.line_group), activities=n)


def _columns_from_json(texts: list, declared: list[str], n: int) -> dict[str, list]:
    cols: dict[str, list] = {name: [None] * n for name in declared}
    dec = _decoder.decode
    for i, text in enumerate(texts):
        if text is None:
            continue
        for k, v in dec(text).items():
            col = cols.get(k)
            if col is None:
                col = cols[k] = [None] * n
            col[i] = v
    return cols


