"""The edit session: one case being edited, with its project file, results, undo stack,
journal and autosave.  Qt-free; tested without Qt (``tests/test_session.py``,
``tests/test_operations.py``).

How an edit flows (Anki's ``Collection`` + ``TaskManager``, git-cola's commands):

1. an editing method (:meth:`EditSession.set_cell`, :meth:`~EditSession.insert_lines`,
   :meth:`~EditSession.add_record` ...) checks the typed values and makes
   :mod:`operations <carbonmgr.editing.operations>`, one class per kind of edit, holding
   plain values (the old ones too);
2. the operations of one user action form one undo :class:`~carbonmgr.editing.operations.Step`:
   :meth:`~EditSession.execute` applies them, undo applies their inverses in reverse order, redo
   applies them again; each returns :class:`Changes` (what changed), never UI instructions;
3. every operation applied (edit, undo or redo) joins the *journal*
   (:mod:`carbonmgr.editing.journal`);
4. :meth:`~EditSession.autosave` writes the journal atomically to a sidecar file
   ``<name>.carbon.autosave`` (:mod:`carbonmgr.editing.autosave`), from which a crashed or
   killed session is recovered (:meth:`~EditSession.recover`);
5. :meth:`~EditSession.save` replays the journal into the project
   (:class:`~carbonmgr.storage.store.Project`'s editing API, one transaction, so the
   project's audit log records each edit).

All access to the SQLite project goes through ONE worker thread
(:class:`~carbonmgr.editing.worker.DbWorker`): methods that touch the project return a
:class:`concurrent.futures.Future`.  Reading a large workbook runs in a child process
(:mod:`carbonmgr.editing.importjob`).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import os
import sqlite3
import threading
import time
import uuid
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, Iterable

from carbonmgr.common.errors import Problem, ProjectError, ValidationFailed
from carbonmgr.editing.autosave import (AUTOSAVE_EVERY_EDITS, AUTOSAVE_FORMAT, AUTOSAVE_SUFFIX, AUTOSAVE_VERSION,
                                        autosave_path, read_autosave, untitled_autosaves, untitled_path,
                                        write_autosave)
from carbonmgr.editing.cases import blank_case, copy_case
from carbonmgr.editing.fields import (CORE_FIELDS, EQUIPMENT_FIELDS, FACILITY_FIELDS, INFO_FIELDS,
                                      INSTRUMENT_FIELDS, LINE_FIELDS, RECORD_KINDS, SOURCE_KINDS, CellError)
from carbonmgr.editing.importjob import ImportCancelled, ImportJob
from carbonmgr.editing import choices, journal, validation
from carbonmgr.editing.journal import LineRefs
from carbonmgr.editing.operations import (NO_CHANGES, AddFacility, AddLines, AddRecord, Changes, DeleteLines,
                                          Operation, RemoveFacility, RemoveRecord, RenameFacility, SetCells,
                                          SetFacility, SetInfo, SetRecord, Step, copy_facility, info_value,
                                          line_record, record_value)
from carbonmgr.editing.results import Results, compute_results
from carbonmgr.editing.worker import DbWorker, db_worker
from carbonmgr.inventory.ets_model import EtsData, EtsUnit
from carbonmgr.inventory.model import (ACTIVITY_OPTIONS, CONSOLIDATIONS, DEFAULT_GWP, EQUIPMENT_METHOD_FIELDS,
                                       EQUIPMENT_METHODS, EQUIPMENT_VALUE_FIELDS, GWP_SETS, INSTRUMENT_TYPES,
                                       SECTORS, SOURCE_NAMES, SOURCES, STANDARDS, CaseData, Equipment, Facility,
                                       Instrument)
from carbonmgr.io import WORKBOOK_SUFFIXES
from carbonmgr.storage import PROJECT_SUFFIX

__all__ = [
    "EditSession", "Changes", "Operation", "Step", "Results", "DbWorker", "db_worker", "ImportJob", "ImportCancelled",
    "CellError", "CORE_FIELDS", "LINE_FIELDS", "ACTIVITY_OPTIONS", "SOURCES", "SOURCE_NAMES", "STANDARDS",
    "GWP_SETS", "CONSOLIDATIONS", "SECTORS", "DEFAULT_GWP", "FACILITY_FIELDS", "INFO_FIELDS", "autosave_path", "read_autosave",
    "blank_case", "copy_case", "PROJECT_SUFFIX", "WORKBOOK_SUFFIXES", "AUTOSAVE_SUFFIX", "AUTOSAVE_EVERY_EDITS",
    "SOURCE_KINDS", "resolve_input", "INSTRUMENT_FIELDS", "EQUIPMENT_FIELDS", "EQUIPMENT_METHODS",
    "EQUIPMENT_VALUE_FIELDS", "EQUIPMENT_METHOD_FIELDS", "INSTRUMENT_TYPES", "RECORD_KINDS",
]


def resolve_input(path: str | Path, lang: str = "zh") -> Path:
    from carbonmgr.common.paths import resolve_input as _resolve

    return _resolve(path, lang)


def _file_stamp(path: Path) -> dict:
    st = path.stat()
    return {"mtime": st.st_mtime, "size": st.st_size}


class EditSession:
    """A case being edited: data, project, results, undo stack and autosave journal."""

    def __init__(self, case: CaseData, *, library=None, project_path: Path | None = None,
                 base: dict | None = None, worker: DbWorker | None = None, autosave_dir: Path | None = None,
                 lang: str = "zh"):
        self.case = case
        self.lang = lang
        self._library = library
        self.worker = worker or db_worker()
        self.project_path = Path(project_path) if project_path else None
        self._project = None  # a store.Project, touched only on the worker thread
        self._lock = None  # the project's edit lock (storage.lock.ProjectLock), held while open for editing
        # why the session may not save over its project (Save As only): "elsewhere" (another
        # instance edits it) or "file" (the file or its folder cannot be written); None: it may
        self.read_only_reason: str | None = None
        self._ids: dict[int, int] = {}  # line key -> activity id in the project (worker thread only)
        self.base = base or {"kind": "new"}
        self.autosave_dir = Path(autosave_dir) if autosave_dir else None
        self.session_id = uuid.uuid4().hex[:12]
        n = len(case.activities)
        self._key_counter = itertools.count(1)
        self.keys: list[int] = [next(self._key_counter) for _ in range(n)]
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._clean: int | None = 0  # len(self._undo) at the last save; None: never reachable
        self._journal: list[Operation] = []  # operations applied since the last save
        self.version = 0  # bumped on every change
        self.structure = 0  # bumped when lines are inserted or deleted
        self.results: Results | None = None
        self.edits_since_autosave = 0
        self.last_autosave: float | None = None
        self._autosave_lock = threading.Lock()
        self._saving: tuple | None = None  # (token, operations, line keys) of the save under way
        self.recovered_from: dict | None = None
        # autosaves name the lines of the base (the project file, or the workbook) by position
        self._refs = LineRefs(self.keys)
        self._positions: tuple[int, dict[int, int]] | None = None  # (structure, key -> position)
        # how completions of DB-thread work are run on the caller's thread (the app
        # installs a function that posts to the GUI thread; by default: at once)
        self.dispatch: Callable[[Callable[[], None]], None] = lambda fn: fn()

    # ------------------------------------------------------------------ opening
    @property
    def library(self):
        if self._library is None:
            from carbonmgr.factors.library import default_library

            self._library = default_library()
        return self._library

    @classmethod
    def from_workbook(cls, path: str | Path, *, case: CaseData | None = None, **kwargs) -> "EditSession":
        """A session on a case workbook (not yet a project: the first save creates one)."""
        path = Path(path)
        if case is None:
            from carbonmgr.training.exercise import read_case_or_key as read_case

            case = read_case(path)
        base = {"kind": "workbook", "path": str(path.resolve()), **_file_stamp(path)}
        session = cls(case, base=base, **kwargs)
        from carbonmgr.training.exercise import brief_titles

        titles = brief_titles(case)  # an exercise's key: its case title holds both languages
        if titles:
            session._brief_titles = (case.info.title, titles)
        return session

    @classmethod
    def open_project(cls, path: str | Path, *, worker: DbWorker | None = None, read_only: bool = False,
                     **kwargs) -> Future:
        """Open a ``.carbon`` project on the DB thread; the future gives the session.

        The project's edit lock is taken first: if another instance (another window, another
        computer on a shared drive) edits it, the future fails with ``ProjectInUse`` (who, where,
        since when) and nothing is opened; ``read_only`` then opens it without the lock, for
        reading and Save As."""
        worker = worker or db_worker()
        path = Path(path)

        def job():
            from carbonmgr.factors.library import default_library
            from carbonmgr.storage.lock import ProjectLock
            from carbonmgr.storage.store import Project

            lock = None if read_only else ProjectLock(path).acquire()
            try:
                project = Project.open(path)
            except BaseException:
                if lock is not None:
                    lock.release()
                raise
            try:
                case = project.load_case()
                ids = project.activity_ids()
                lib = project.pinned_library(default_library())
                meta = project.meta()
            except BaseException:
                project.close()
                if lock is not None:
                    lock.release()
                raise
            s = cls(case, library=lib, project_path=path, worker=worker,
                    base={"kind": "project", "path": str(path.resolve()), "modified_at": meta.get("modified_at", ""),
                          "save_token": meta.get("save_token", "")},
                    **kwargs)
            s._project = project
            s._lock = lock
            s.read_only_reason = "file" if project.read_only else ("elsewhere" if read_only else None)
            s._ids = dict(zip(s.keys, ids))
            return s

        return worker.submit(job)

    @classmethod
    def create_project(cls, path: str | Path, case: CaseData | None = None, *, worker: DbWorker | None = None,
                       overwrite: bool = False, **kwargs) -> Future:
        """Write a new project (``case`` or a blank one) and open it; the future gives the session."""
        worker = worker or db_worker()
        case = case if case is not None else blank_case(kwargs.get("lang", "zh"))
        path = Path(path)

        def job():
            from carbonmgr.inventory.engine import compute
            from carbonmgr.factors.library import default_library
            from carbonmgr.storage.store import Project

            lib = default_library()
            inv = compute(case, lib, raise_on_error=False)
            Project.create(path, case, inv, overwrite=overwrite, library=lib).close()
            return None

        outer: Future = Future()

        def created(f: Future):
            exc = f.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
            inner = cls.open_project(path, worker=worker, **kwargs)
            inner.add_done_callback(lambda g: outer.set_exception(g.exception()) if g.exception()
                                    else outer.set_result(g.result()))

        worker.submit(job).add_done_callback(created)
        return outer

    @classmethod
    def open(cls, path: str | Path, *, lang: str = "zh", worker: DbWorker | None = None, **kwargs) -> "EditSession":
        """Open a project, a workbook or ``demo`` (blocking; the app uses the async pieces)."""
        path = resolve_input(path, lang)
        if not path.exists():
            raise ValidationFailed([Problem("cli.file_not_found", {"path": str(path)})])
        if path.suffix.lower() == PROJECT_SUFFIX:
            return cls.open_project(path, worker=worker, lang=lang, **kwargs).result()
        return cls.from_workbook(path, worker=worker, lang=lang, **kwargs)

    def close(self) -> Future:
        """Close the project (on the DB thread)."""

        def job():
            if self._project is not None:
                self._project.close()
                self._project = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

        return self.worker.submit(job)

    # ------------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        """Save As only (see ``read_only_reason``)."""
        return self.read_only_reason is not None

    @property
    def title(self) -> str:
        return self.case.info.title

    def title_in(self, lang: str) -> str:
        """The title as shown in ``lang``: an exercise's key workbook by its brief's title in that
        language, as the trainee reads it, while the case's own title (both languages) is as read."""
        known = getattr(self, "_brief_titles", None)
        if known is not None and known[0] == self.case.info.title:
            return known[1].get(lang) or self.case.info.title
        return self.case.info.title

    @property
    def modified(self) -> bool:
        return self._clean != len(self._undo) or self.recovered_from is not None

    def __len__(self) -> int:
        return len(self.case.activities)

    def line_values(self, pos: int) -> dict:
        """All values of one line (core fields, options, extra columns)."""
        a = self.case.activities
        d = {"row": a.row[pos], "facility": a.facility[pos], "source": a.source[pos], "item": a.item[pos],
             "quantity": a.quantity[pos], "unit": a.unit[pos]}
        d["options"] = {k: v[pos] for k, v in a.options.items() if v[pos] is not None}
        d["extra"] = {k: v[pos] for k, v in a.extra.items() if v[pos] is not None}
        return d

    def value(self, pos: int, field_name: str):
        a = self.case.activities
        if field_name in CORE_FIELDS:
            return getattr(a, field_name)[pos]
        col = a.options.get(field_name)
        return None if col is None else col[pos]

    def position(self, key: int | None) -> int | None:
        """The position of the line with key ``key`` now (None: no such line)."""
        if key is None:
            return None
        if self._positions is None or self._positions[0] != self.structure:
            self._positions = (self.structure, {k: i for i, k in enumerate(self.keys)})
        return self._positions[1].get(key)

    def new_key(self) -> int:
        """A key for a new line (keys name lines across undo, journal and save)."""
        return next(self._key_counter)

    def next_row(self) -> int:
        """A sheet row number after every line's."""
        rows = self.case.activities.row
        return (max(rows) if rows else 1) + 1

    # Records (instruments, equipment lines) are never changed in place: a change replaces
    # the record, so that snapshots (background computations, saves) keep their values.
    def records(self, kind: str) -> list:
        if kind == "instrument":
            return self.case.instruments
        if kind == "equipment":
            return self.case.equipment
        if kind == "ets_unit":
            if self.case.ets is None:
                self.case.ets = EtsData()
            return self.case.ets.units
        raise ValueError(kind)

    # ------------------------------------------------------------------ operations, undo stack
    def apply(self, op: Operation) -> Changes:
        """Apply one operation and add it to the journal (not undoable by itself: edits go
        through :meth:`execute`).  The only place where the case changes."""
        changes = op.apply(self)
        self._journal.append(op)
        self.version += 1
        if changes.structure:
            self.structure += 1
        return changes

    def _apply_all(self, ops) -> Changes:
        out = NO_CHANGES
        for op in ops:
            out = out | self.apply(op)
        return out

    def execute(self, step: Step) -> Changes:
        """Apply the operations of one user action as one undo step."""
        changes = self._apply_all(step.ops)
        self._undo.append(step)
        if self._clean is not None and self._clean > len(self._undo) - 1:
            self._clean = None  # the saved state was undone past and can no longer be reached
        self._redo.clear()
        self.edits_since_autosave += 1
        return changes

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> tuple[str, dict] | None:
        return self._undo[-1].label if self._undo else None

    def redo_label(self) -> tuple[str, dict] | None:
        return self._redo[-1].label if self._redo else None

    def undo(self) -> Changes:
        if not self._undo:
            return NO_CHANGES
        step = self._undo.pop()
        changes = self._apply_all(op.inverse() for op in reversed(step.ops))
        self._redo.append(step)
        self.edits_since_autosave += 1
        return changes

    def redo(self) -> Changes:
        if not self._redo:
            return NO_CHANGES
        step = self._redo.pop()
        changes = self._apply_all(step.ops)
        self._undo.append(step)
        self.edits_since_autosave += 1
        return changes

    # ------------------------------------------------------------------ validation
    def parse_cell(self, field_name: str, value):
        """The value to store for ``value`` typed into ``field_name``; raises :class:`CellError`."""
        return validation.parse_line_value(self.case, field_name, value)

    def line_cell_problem(self, pos: int, field_name: str) -> Problem | None:
        """A problem of a stored value that the importer would have reported (empty item)."""
        return validation.line_cell_problem(self.case, pos, field_name)

    # ------------------------------------------------------------------ editing API
    def set_cell(self, pos: int, field_name: str, value, *, parsed: bool = False) -> Changes:
        """Set one cell (``value`` as typed unless ``parsed``); raises :class:`CellError`."""
        new = value if parsed else self.parse_cell(field_name, value)
        old = self.value(pos, field_name)
        if old == new and type(old) is type(new):
            return NO_CHANGES
        return self.execute(Step([SetCells(((pos, self.keys[pos], field_name, old, new),))],
                                 ("edit", {"field": field_name})))

    def set_cells(self, cells: Iterable[tuple[int, str, Any]], label=("edit_many", {}), *,
                  parsed: bool = False) -> tuple[Changes, list[tuple[int, str, CellError]]]:
        """Set many cells as one undo step; invalid ones are skipped and returned."""
        todo, errors = [], []
        for pos, f, value in cells:
            try:
                new = value if parsed else self.parse_cell(f, value)
            except CellError as exc:
                errors.append((pos, f, exc))
                continue
            old = self.value(pos, f)
            if old == new and type(old) is type(new):
                continue
            todo.append((pos, self.keys[pos], f, old, new))
        if not todo:
            return NO_CHANGES, errors
        return self.execute(Step([SetCells(tuple(todo))], label)), errors

    def default_line(self, facility: str | None = None, source: str | None = None) -> dict:
        facs = self.case.facilities
        return {"facility": facility or (facs[0].id if facs else "F1"),
                "source": source or "stationary_combustion", "item": "", "quantity": 0.0, "unit": "t",
                "options": {}, "extra": {}}

    def insert_lines(self, position: int, lines: list[dict] | None = None, *, count: int = 1,
                     facility: str | None = None, source: str | None = None) -> Changes:
        if lines is None:
            lines = [self.default_line(facility, source) for _ in range(count)]
        position = max(0, min(position, len(self)))
        return self.execute(Step([self._add_lines(position, lines)], ("insert", {"count": len(lines)})))

    def _add_lines(self, position: int, lines: list[dict]) -> AddLines:
        row = self.next_row()
        recs = tuple(line_record(ln, ln["row"] if ln.get("row") is not None else row + i)
                     for i, ln in enumerate(lines))
        return AddLines(tuple(range(position, position + len(lines))), tuple(self.new_key() for _ in lines), recs)

    def _delete_lines(self, positions: list[int]) -> DeleteLines:
        positions = sorted(set(positions))
        return DeleteLines(tuple(positions), tuple(self.keys[p] for p in positions),
                           tuple(self.line_values(p) for p in positions))

    def delete_lines(self, positions: Iterable[int]) -> Changes:
        positions = sorted(set(p for p in positions if 0 <= p < len(self)))
        if not positions:
            return NO_CHANGES
        return self.execute(Step([self._delete_lines(positions)], ("delete", {"count": len(positions)})))

    def paste(self, cells: list[tuple[int, str, str]], new_rows: list[dict[str, str]], *,
              facility: str | None = None, source: str | None = None
              ) -> tuple[Changes, list[tuple[int, str, CellError]]]:
        """Paste typed text: ``cells`` into existing lines, ``new_rows`` (field -> text) as
        new lines at the end.  Invalid values are skipped (new lines keep defaults) and
        returned with their position.  One undo step."""
        ops: list[Operation] = []
        errors: list[tuple[int, str, CellError]] = []
        todo = []
        for pos, f, value in cells:
            try:
                new = self.parse_cell(f, value)
            except CellError as exc:
                errors.append((pos, f, exc))
                continue
            old = self.value(pos, f)
            if not (old == new and type(old) is type(new)):
                todo.append((pos, self.keys[pos], f, old, new))
        if todo:
            ops.append(SetCells(tuple(todo)))
        lines = []
        start = len(self)
        for r, row in enumerate(new_rows):
            line = self.default_line(facility, source)
            for f, value in row.items():
                try:
                    v = self.parse_cell(f, value)
                except CellError as exc:
                    errors.append((start + r, f, exc))
                    continue
                if f in CORE_FIELDS:
                    line[f] = v
                elif v is not None:
                    line["options"][f] = v
            lines.append(line)
        if lines:
            ops.append(self._add_lines(start, lines))
        if not ops:
            return NO_CHANGES, errors
        count = len(todo) + sum(len(ln) for ln in new_rows)
        return self.execute(Step(ops, ("paste", {"count": count}))), errors

    def assign_factor(self, positions: Iterable[int], factor) -> Changes:
        """Use library factor ``factor`` for these lines: its set (and variant, and item
        when the line names another item); user factors on the lines are cleared."""
        cells = []
        lib = self.library
        for pos in sorted(set(positions)):
            item = lib.resolve_item(self.value(pos, "item")) if self.value(pos, "item") else None
            if item is None or item.id != factor.item:
                target = lib.item(factor.item)
                cells.append((pos, "item", target.name("zh" if self.lang == "zh" else "en") if target else factor.item))
            cells.append((pos, "factor_set", factor.set))
            cells.append((pos, "variant", factor.variant or None))
            for k in ("ef_co2e", "ef_co2", "ef_ch4", "ef_n2o", "ef_unit"):
                cells.append((pos, k, None))
        changes, _ = self.set_cells(cells, ("assign_factor", {"set": factor.set}), parsed=True)
        return changes

    def override_factor(self, positions: Iterable[int], value: float, unit: str) -> Changes:
        """Give these lines their own CO2e factor (``ef_co2e`` with ``ef_unit``)."""
        cells = []
        for pos in sorted(set(positions)):
            cells += [(pos, "ef_co2e", float(value)), (pos, "ef_unit", unit)]
        changes, _ = self.set_cells(cells, ("override_factor", {}), parsed=True)
        return changes

    def clear_override(self, positions: Iterable[int]) -> Changes:
        cells = [(pos, k, None) for pos in sorted(set(positions)) for k in ("ef_co2e", "ef_unit")]
        changes, _ = self.set_cells(cells, ("clear_override", {}), parsed=True)
        return changes

    def set_info(self, key: str, value) -> Changes:
        """Set a case setting (standard, gwp, reporting_year, consolidation ...)."""
        value = validation.parse_info_value(key, value)
        old = info_value(self.case.info, key)
        if old == value and type(old) is type(value):
            return NO_CHANGES
        return self.execute(Step([SetInfo(key, old, value)], ("case", {"field": key})))

    def set_facility(self, index: int, key: str, value) -> Changes:
        """Set a field of facility ``index`` (a new id renames it); raises :class:`CellError`."""
        if key == "id":
            return self.rename_facility(index, value)
        value = validation.parse_facility_value(key, value)
        fac = self.case.facilities[index]
        old = getattr(fac, key) if key in FACILITY_FIELDS else fac.extra.get(key)
        if old == value and type(old) is type(value):
            return NO_CHANGES
        return self.execute(Step([SetFacility(index, fac.id, key, old, value)], ("facility", {"field": key})))

    def add_facility(self, facility_id: str, name: str = "", region: str = "") -> Changes:
        facility_id = str(facility_id).strip()
        if not facility_id:
            raise CellError("workbook.required", field="id")
        taken = [f for f in self.case.facilities if f.id == facility_id]
        if taken:
            raise CellError("editing.facility_id_taken", id=facility_id, name=taken[0].name or facility_id)
        return self.execute(Step([AddFacility(len(self.case.facilities), Facility(facility_id, name, region))],
                                 ("add_facility", {"id": facility_id})))

    def facility_references(self, facility_id: str) -> tuple[list[int], list[int], list[int]]:
        """Positions of the activity lines, and indices of the instruments and equipment
        lines, that name ``facility_id``."""
        col = self.case.activities.facility
        return ([i for i, f in enumerate(col) if f == facility_id],
                [i for i, x in enumerate(self.case.instruments) if x.facility == facility_id],
                [i for i, x in enumerate(self.case.equipment) if x.facility == facility_id])

    def rename_facility(self, index: int, new_id) -> Changes:
        """Give facility ``index`` a new id; its lines, instruments and equipment follow (one undo step)."""
        new_id = "" if new_id is None else str(new_id).strip()
        if not new_id:
            raise CellError("workbook.required", field="id")
        old = self.case.facilities[index].id
        if new_id == old:
            return NO_CHANGES
        if any(f.id == new_id for f in self.case.facilities):
            raise CellError("store.facility_exists", id=new_id)
        if (new_id in self.case.activities.facility or any(x.facility == new_id for x in self.case.instruments)
                or any(x.facility == new_id for x in self.case.equipment)):
            raise CellError("store.facility_id_referenced", id=new_id)
        return self.execute(Step([RenameFacility(old, new_id)], ("rename_facility", {"id": old, "new": new_id})))

    def delete_facility(self, index: int, *, cascade: bool = False) -> Changes:
        """Remove facility ``index``.  While lines, instruments or equipment lines name it,
        this raises :class:`CellError` (``store.facility_in_use``) unless ``cascade``: then
        they are deleted with it, as one undo step."""
        fid = self.case.facilities[index].id
        lines, insts, eqs = self.facility_references(fid)
        if (lines or insts or eqs) and not cascade:
            raise CellError("store.facility_in_use", id=fid, activities=len(lines), instruments=len(insts),
                            equipment=len(eqs))
        ops: list[Operation] = []
        if lines:
            ops.append(self._delete_lines(lines))
        ops += self._remove_records("instrument", insts)
        ops += self._remove_records("equipment", eqs)
        ops.append(RemoveFacility(index, copy_facility(self.case.facilities[index])))
        return self.execute(Step(ops, ("delete_facility", {"id": fid})))

    # ------------------------------------------------------------------ instruments, equipment
    def record_value(self, kind: str, index: int, key: str):
        return record_value(kind, self.records(kind)[index], key)

    def parse_record_cell(self, kind: str, key: str, value):
        """The value to store for ``value`` typed into column ``key`` of an instrument or an
        equipment line; raises :class:`CellError`."""
        return validation.parse_record_value(self.case, kind, key, value)

    def default_record(self, kind: str):
        """A new instrument or equipment line, with a row number no other line of its list has."""
        facs = self.case.facilities
        fid = facs[0].id if facs else "F1"
        row = max((r.row or 0 for r in self.records(kind)), default=1) + 1
        row = max(row, 2)  # row 1 is the header of the sheet
        if kind == "instrument":
            return Instrument(fid, "green_certificate", 0.0, 0.0, row)
        if kind == "ets_unit":
            taken = {u.unit for u in self.records(kind)}
            n = len(taken) + 1
            while f"U{n}" in taken:
                n += 1
            return EtsUnit(f"U{n}", fid if facs else "", "I", row=row)
        return Equipment(fid, "screening", "", "", {}, row)

    def add_record(self, kind: str, index: int | None = None, **values) -> Changes:
        """Add an instrument or an equipment line (at ``index``, default last); ``values``:
        field -> value as typed (kg values of equipment lines by their field name)."""
        rec = self.default_record(kind)
        fields, kg = {}, {}
        for key, value in values.items():
            v = self.parse_record_cell(kind, key, value)
            if kind == "equipment" and key in EQUIPMENT_VALUE_FIELDS:
                if v is not None:
                    kg[key] = v
            else:
                fields[key] = v
        if kg:
            fields["values"] = kg
        rec = dataclasses.replace(rec, **fields)
        records = self.records(kind)
        index = len(records) if index is None else max(0, min(int(index), len(records)))
        label = ("add_" + kind, {})
        return self.execute(Step([AddRecord(kind, index, rec)], label))

    def delete_records(self, kind: str, indices: Iterable[int]) -> Changes:
        n = len(self.records(kind))
        indices = sorted(set(i for i in indices if 0 <= i < n))
        if not indices:
            return NO_CHANGES
        code = {"instrument": "delete_instruments", "equipment": "delete_equipment",
                "ets_unit": "delete_ets_units"}[kind]
        return self.execute(Step(self._remove_records(kind, indices), (code, {"count": len(indices)})))

    def _remove_records(self, kind: str, indices: list[int]) -> list[RemoveRecord]:
        """Operations that remove these records, last first (so each index holds when it runs)."""
        records = self.records(kind)
        return [RemoveRecord(kind, i, records[i]) for i in sorted(set(indices), reverse=True)]

    def set_record(self, kind: str, index: int, key: str, value, *, parsed: bool = False) -> Changes:
        """Set one cell of an instrument or an equipment line (undoable; raises :class:`CellError`)."""
        new = value if parsed else self.parse_record_cell(kind, key, value)
        old = self.record_value(kind, index, key)
        if old == new and type(old) is type(new):
            return NO_CHANGES
        return self.execute(Step([SetRecord(kind, index, key, old, new)], (kind, {"field": key})))

    # ------------------------------------------------------------------ what the app offers (editing/choices.py)
    def refrigerant_items(self) -> list:
        return choices.refrigerant_items(self.library)

    def refrigerant_names(self) -> list[tuple[str, Any]]:
        return choices.refrigerant_names(self.library)

    def equipment_type_items(self) -> list:
        return choices.equipment_type_items(self.library)

    def items_for_source(self, source: str) -> list:
        return choices.items_for_source(self.library, source)

    def units_for(self, source: str, item_text: str) -> list[str]:
        """Units that fit the item (from its factors' units), most likely first."""
        from carbonmgr.inventory.sources import units_for

        return units_for(self.library, source, item_text)

    def search_factors(self, text: str = "", *, set_name=None, status=None, region=None, year=None,
                       source: str | None = None) -> list:
        return choices.search_factors(self.library, text, set_name=set_name, status=status, region=region,
                                      year=year, source=source)

    def factor_regions(self) -> list[str]:
        return choices.factor_regions(self.library)

    def factor_years(self) -> list[int]:
        return choices.factor_years(self.library)

    def factor_sets(self) -> list[str]:
        return choices.factor_sets(self.library)

    # ------------------------------------------------------------------ computing
    def snapshot(self) -> CaseData:
        return copy_case(self.case)

    def compute(self) -> Results:
        """Compute the current case now (in the calling thread)."""
        res = compute_results(self.case, self.library, version=self.version, structure=self.structure)
        self.results = res
        return res

    def compute_snapshot(self, snap: CaseData, version: int, structure: int) -> Results:
        """Compute a snapshot (any thread); the caller installs it with :meth:`accept_results`."""
        return compute_results(snap, self.library, version=version, structure=structure)

    def accept_results(self, res: Results) -> bool:
        """Install results computed in the background unless newer ones are present."""
        if self.results is not None and self.results.version > res.version:
            return False
        self.results = res
        return True

    def line_trace(self, pos: int) -> dict | None:
        """The calculation of one line (formula, inputs with units, factors and sources)."""
        res = self.results
        if res is None or res.structure != self.structure:
            return None
        inv = res.inventory
        if pos >= len(inv.line_group):
            return None
        return inv.line(pos)

    # ------------------------------------------------------------------ saving
    def save(self, path: str | Path | None = None) -> Future:
        """Write the session to its project (or to ``path``: save as).  Runs on the DB thread;
        the future gives the project path.  Edits made meanwhile stay pending."""
        target = Path(path) if path is not None else self.project_path
        if target is None:
            raise ProjectError("store.not_found", path="")
        ops = self._journal
        self._journal = []
        token = uuid.uuid4().hex
        snap = copy_case(self.case)
        keys = list(self.keys)
        undo_len = len(self._undo)
        recovered = self.recovered_from
        new_file = self._project is None or (path is not None and Path(path).resolve() != (
            self.project_path.resolve() if self.project_path else None))
        if self.read_only and not new_file:  # a failed future, like any failed save
            self._journal[:0] = ops
            refused: Future = Future()
            code = "store.read_only_file" if self.read_only_reason == "file" else "store.read_only_session"
            refused.set_exception(ProjectError(code, path=str(target)))
            return refused
        lib = self.library

        def job():
            from carbonmgr.inventory.engine import compute
            from carbonmgr.storage.store import Project

            inv = compute(snap, lib, raise_on_error=False)
            if new_file:
                from carbonmgr.storage.lock import ProjectLock

                same = self._lock is not None and self._lock.project.resolve() == target.resolve()
                lock = self._lock if same else ProjectLock(target).acquire()  # nobody else edits the target
                try:
                    project = Project.create(target, snap, inv, overwrite=True, library=lib)
                except BaseException:
                    if lock is not self._lock:
                        lock.release()
                    raise
                if self._project is not None:
                    self._project.close()
                if self._lock is not None and lock is not self._lock:
                    self._lock.release()
                self._project = project
                self._lock = lock
                self._ids = dict(zip(keys, project.activity_ids()))
                project.mark_save(token)
            else:
                # the edits and their results land together in one transaction, or nothing does:
                # a failed save (disk full, a second writer) is a clean no-op and retrying it is safe
                ids = dict(self._ids)  # line key -> activity id; kept only if the save lands
                try:
                    with self._project.transaction():
                        journal.persist(ops, self._project, ids)
                        self._project.save_inventory(inv, lib)
                        self._project.mark_save(token)
                except sqlite3.Error as exc:
                    from carbonmgr.storage.store import sqlite_write_error

                    raise sqlite_write_error(target, exc) from exc
                self._ids = ids
            return self._project.meta().get("modified_at", "")

        # until the save is done, an autosave holds its edits too, and those made meanwhile as they
        # stand after it: a crash at any moment keeps every edit since the last completed save
        self._saving = (token, ops, keys)
        fut = self.worker.submit(job)
        outer: Future = Future()

        def finish(f: Future):
            exc = f.exception()
            if exc is not None:
                with self._autosave_lock:
                    self._journal[:0] = ops  # nothing was lost: try again later
                    self._saving = None
                outer.set_exception(exc)
                return
            old_sidecar = self.autosave_file()
            self.read_only_reason = None  # saved under a name of its own: this session now edits that file
            self.project_path = target
            with self._autosave_lock:
                self.base = {"kind": "project", "path": str(target.resolve()), "modified_at": f.result(),
                             "save_token": token}
                self._refs = LineRefs(keys)
                self._saving = None
            self._clean = undo_len
            if recovered is not None and self.recovered_from is recovered:
                self.recovered_from = None
            new_sidecar = self.autosave_file()
            if self._journal:  # edits made while saving: the sidecar now holds just them (replaced in one step)
                self.autosave()
            elif new_sidecar is not None:
                self._remove_autosave(new_sidecar)
            if old_sidecar is not None and old_sidecar != new_sidecar:
                self._remove_autosave(old_sidecar)
            outer.set_result(target)

        fut.add_done_callback(lambda f: self.dispatch(lambda: finish(f)))
        return outer

    def on_project(self, fn: Callable[[Any], Any]) -> Future:
        """Run ``fn(project)`` on the DB worker with the open project file (a store.Project, or
        None when the session has no project yet); a Future of its result."""
        return self.worker.submit(lambda: fn(self._project))

    def audit_log(self, limit: int | None = 100) -> Future:
        def job():
            return self._project.audit_log(limit) if self._project is not None else []

        return self.worker.submit(job)

    # ------------------------------------------------------------------ autosave
    def autosave_file(self) -> Path | None:
        if self.read_only:
            return None  # the sidecar belongs to the instance that edits the project
        if self.project_path is not None:
            return autosave_path(self.project_path)
        if self.autosave_dir is not None:
            return untitled_path(self.autosave_dir, self.session_id)
        return None

    def autosave_due(self) -> bool:
        return self.edits_since_autosave >= AUTOSAVE_EVERY_EDITS

    def autosave_data(self) -> dict | None:
        """What an autosave holds now (cheap; call on the editing thread).  None: nothing unsaved.

        While a save runs, the file holds its edits as well as those made meanwhile (``ops``,
        against the project as it was) and, apart, those made meanwhile as they stand once the
        save has landed (``after_save``, with the save's token): recovery takes whichever fits
        the project it finds."""
        saving = self._saving
        if not self._journal and self.recovered_from is None and saving is None:
            return None
        in_flight = list(saving[1]) if saving is not None else []
        ops = journal.autosave_entries(in_flight + self._journal, self._refs)
        data = {"format": AUTOSAVE_FORMAT, "version": AUTOSAVE_VERSION,
                "saved_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
                "pid": os.getpid(), "session": self.session_id, "title": self.case.info.title,
                "base": dict(self.base), "lang": self.lang, "lines": len(self), "ops": ops}
        if saving is not None:
            data["after_save"] = {"token": saving[0],
                                  "ops": journal.autosave_entries(self._journal, LineRefs(saving[2]))}
        return data

    @staticmethod
    def write_autosave(target: Path, data: dict | None) -> Path | None:
        """Write (or, for None, remove) an autosave file atomically (any thread)."""
        return write_autosave(target, data)

    def autosave(self) -> Path | None:
        """Write unsaved edits atomically next to the project (temp file + os.replace)."""
        target = self.autosave_file()
        if target is None:
            return None
        with self._autosave_lock:
            data = self.autosave_data()
            self.edits_since_autosave = 0
            self.last_autosave = time.time()
            return self.write_autosave(target, data)

    def _remove_autosave(self, target: Path | None) -> None:
        if target is not None:
            self.write_autosave(target, None)

    def discard_autosave(self) -> None:
        self._remove_autosave(self.autosave_file())

    def recovery(self) -> dict | None:
        """An autosave of this project with unsaved edits, if one is newer than the project."""
        if self.project_path is None:
            return None
        side = autosave_path(self.project_path)
        if not side.exists():
            return None
        data = read_autosave(side)
        if data is None:
            return None
        base = data.get("base") or {}
        if base.get("kind") != "project":
            return None
        after = data.get("after_save")
        if (isinstance(after, dict) and isinstance(after.get("ops"), list) and after.get("token")
                and after["token"] == self.base.get("save_token")):
            # written while a save ran that then landed: the edits made after it
            data = dict(data, ops=after["ops"])
        elif base.get("modified_at") and base.get("modified_at") != self.base.get("modified_at"):
            return None  # the project was saved after this autosave: it is stale
        if not data["ops"]:
            return None
        try:
            if side.stat().st_mtime + 1.0 < self.project_path.stat().st_mtime and not base.get("modified_at"):
                return None
        except OSError:
            return None
        data["file"] = str(side)
        return data

    def recover(self, data: dict) -> Changes:
        """Re-apply the edits of an autosave (they become unsaved changes; undo history is not kept)."""
        journal.recover(self, data["ops"])
        self._undo.clear()
        self._redo.clear()
        self._clean = None
        self.recovered_from = data
        return Changes(everything=True)

    @classmethod
    def untitled_recoveries(cls, autosave_dir: str | Path) -> list[dict]:
        """Autosaves of untitled sessions (opened workbooks, the demo) left by a crashed app."""
        return untitled_autosaves(autosave_dir)

    @classmethod
    def from_untitled_recovery(cls, data: dict, **kwargs) -> "EditSession":
        base = data.get("base") or {}
        if base.get("kind") == "workbook":
            s = cls.from_workbook(base["path"], **kwargs)
        else:
            s = cls(blank_case(data.get("lang", "zh")), **kwargs)
        s.recover(data)
        return s


