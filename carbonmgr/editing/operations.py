"""Edits as data: one class per kind of edit.

An operation is one change of a case (set cells, add lines, rename a facility ...), made
of plain values taken when it is made: what it changes, where, and the old values.  Each
kind of edit is defined here once, and knows how to

* ``apply`` itself to an edit session's case (it returns :class:`Changes`, what changed);
* give its ``inverse``, the operation that undoes it (undo applies the inverse);
* ``persist`` itself into the project store (a save replays the journal of applied
  operations in one transaction of :class:`~carbonmgr.storage.store.Project`);
* ``autosave`` itself as JSON entries of the autosave file, one per line, cell or record;
* ``recover`` itself from one such entry, against the case being recovered (None when
  what it changed is no longer there).

The kinds are registered by the tag of their autosave entries (:data:`OPERATIONS`); the
undo stack, the journal, autosave, recovery and save go through the registry and never
switch on kinds.  A new kind of edit is one subclass here, decorated with :func:`register`.

An operation never changes after it is made (so the same one can sit in the undo stack
and, several times, in the journal); whatever it inserts into the case is a copy.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from carbonmgr.editing.fields import (CORE_FIELDS, EQUIPMENT_FIELDS, ETS_UNIT_FIELDS, FACILITY_FIELDS, INFO_FIELDS,
                                      INSTRUMENT_FIELDS, RECORD_KINDS)
from carbonmgr.inventory.ets_model import EtsUnit
from carbonmgr.inventory.model import EQUIPMENT_VALUE_FIELDS, ActivityTable, CaseInfo, Equipment, Facility, Instrument

if TYPE_CHECKING:
    from carbonmgr.editing.journal import LineRefs
    from carbonmgr.editing.session import EditSession

__all__ = ["Changes", "NO_CHANGES", "Operation", "OPERATIONS", "register", "Step", "SetCells", "AddLines",
           "DeleteLines", "SetInfo", "SetFacility", "AddFacility", "RemoveFacility", "RenameFacility", "AddRecord",
           "RemoveRecord", "SetRecord", "info_value", "record_value", "copy_facility", "line_record"]


@dataclass(frozen=True)
class Changes:
    """What an operation changed (the UI decides what to redraw)."""

    lines: frozenset = frozenset()  # positions of lines whose values changed (after the change)
    fields: frozenset = frozenset()  # the line fields that changed
    structure: bool = False  # lines were inserted or deleted: positions moved
    case: bool = False  # case settings (CaseInfo) changed
    facilities: bool = False
    everything: bool = False  # a new case (open, recover)
    instruments: bool = False  # the electricity instruments changed
    equipment: bool = False  # the refrigerant equipment register changed
    renamed: tuple = ()  # (old id, new id) of facilities renamed, in order
    ets: bool = False  # the ETS units changed

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.lines | other.lines, self.fields | other.fields, self.structure or other.structure,
                       self.case or other.case, self.facilities or other.facilities,
                       self.everything or other.everything, self.instruments or other.instruments,
                       self.equipment or other.equipment, self.renamed + other.renamed, self.ets or other.ets)

    @property
    def affects_results(self) -> bool:
        return bool(self.lines or self.structure or self.case or self.facilities or self.everything or
                    self.instruments or self.equipment or self.ets)


NO_CHANGES = Changes()

# kind tag of an autosave entry -> the operation class that reads it back
OPERATIONS: dict[str, type[Operation]] = {}


def register(cls: type[Operation]) -> type[Operation]:
    """Register an operation class under the tags of its autosave entries (``cls.tags``)."""
    for tag in cls.tags:
        if tag in OPERATIONS:
            raise ValueError(f"two operations use the tag {tag!r}")
        OPERATIONS[tag] = cls
    return cls


class Operation:
    """One edit of a case, as data (see the module's documentation)."""

    __slots__ = ()
    tags: ClassVar[tuple[str, ...]] = ()  # the kind tags of its autosave entries

    def apply(self, s: EditSession) -> Changes:  # pragma: no cover - interface
        raise NotImplementedError

    def inverse(self) -> Operation:  # pragma: no cover - interface
        raise NotImplementedError

    def persist(self, project, ids: dict[int, int]) -> None:  # pragma: no cover - interface
        """Make the same change in ``project`` (a store.Project, on the DB thread); ``ids``
        maps line keys to the project's activity ids and is kept up to date."""
        raise NotImplementedError

    def autosave(self, refs: LineRefs) -> list[list]:  # pragma: no cover - interface
        """The JSON entries of the autosave file; each starts with its kind tag."""
        raise NotImplementedError

    @classmethod
    def recover(cls, entry: list, s: EditSession, refs: LineRefs) -> Operation | None:  # pragma: no cover
        """The operation one autosave entry stands for, against the case of ``s`` now."""
        raise NotImplementedError


class Step:
    """One undo step: the operations of one user action, in order, and its label
    (action id, params) for the undo menu."""

    __slots__ = ("ops", "label")

    def __init__(self, ops: list[Operation], label: tuple[str, dict]):
        self.ops = tuple(ops)
        self.label = label


# --------------------------------------------------------------------------- helpers

def info_value(info: CaseInfo, key: str):
    return getattr(info, key) if key in INFO_FIELDS else info.extra.get(key)


def _set_in(obj, declared: tuple, key: str, value) -> None:
    """Set a declared field of a facility or the case settings, or one of its extra keys."""
    if key in declared:
        setattr(obj, key, value)
    elif value is None:
        obj.extra.pop(key, None)
    else:
        obj.extra[key] = value


def record_value(kind: str, rec, key: str):
    """The value of column ``key`` of an instrument, an equipment line or an ETS unit."""
    if kind == "ets_unit":
        return getattr(rec, key) if key in ETS_UNIT_FIELDS else None
    if kind == "equipment" and key in EQUIPMENT_VALUE_FIELDS:
        return rec.values.get(key)
    if key in (INSTRUMENT_FIELDS if kind == "instrument" else EQUIPMENT_FIELDS):
        return getattr(rec, key)
    return rec.extra.get(key)


def _with_value(kind: str, rec, key: str, value):
    """A copy of a record with column ``key`` set to ``value`` (records are replaced, never
    changed in place, so that snapshots keep their values)."""
    if kind == "ets_unit":
        if key not in ETS_UNIT_FIELDS:
            raise ValueError(key)
        return dataclasses.replace(rec, **{key: value})
    if kind == "equipment" and key in EQUIPMENT_VALUE_FIELDS:
        values = dict(rec.values)
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
        return dataclasses.replace(rec, values=values)
    if key in (INSTRUMENT_FIELDS if kind == "instrument" else EQUIPMENT_FIELDS):
        return dataclasses.replace(rec, **{key: value})
    extra = dict(rec.extra)
    if value is None:
        extra.pop(key, None)
    else:
        extra[key] = value
    return dataclasses.replace(rec, extra=extra)


_RECORD_TYPES = {"instrument": Instrument, "equipment": Equipment, "ets_unit": EtsUnit}
_RECORD_CHANGES = {"instrument": Changes(instruments=True), "equipment": Changes(equipment=True),
                   "ets_unit": Changes(ets=True)}


def copy_facility(fac: Facility) -> Facility:
    return dataclasses.replace(fac, extra=dict(fac.extra))


def _facility_index(s: EditSession, fid: str) -> int | None:
    return next((i for i, fac in enumerate(s.case.facilities) if fac.id == fid), None)


def _line_columns(a: ActivityTable, keys: list[int]) -> list[list]:
    return [a.row, a.facility, a.source, a.item, a.quantity, a.unit, keys, *a.options.values(), *a.extra.values()]


def _insert_at(col: list, positions: tuple[int, ...], values: list) -> None:
    """Insert ``values`` into ``col`` so that they end up at ``positions`` (ascending)."""
    if positions[-1] - positions[0] == len(positions) - 1:  # one block
        col[positions[0]:positions[0]] = values
        return
    out: list = []
    taken = 0
    for p, v in zip(positions, values):
        k = p - len(out)  # old values before this one
        out.extend(col[taken:taken + k])
        taken += k
        out.append(v)
    out.extend(col[taken:])
    col[:] = out


# --------------------------------------------------------------------------- activity lines

@register
@dataclass(frozen=True, slots=True)
class SetCells(Operation):
    """Values of cells of activity lines: (position, line key, field, old, new) each."""

    tags: ClassVar[tuple[str, ...]] = ("set",)
    cells: tuple[tuple[int, int, str, Any, Any], ...]

    def apply(self, s):
        a = s.case.activities
        for pos, _key, f, _old, new in self.cells:
            if f in CORE_FIELDS:
                getattr(a, f)[pos] = new
                continue
            col = a.options.get(f)
            if col is None:
                if new is None:
                    continue
                col = a.options[f] = [None] * len(a)
            col[pos] = new
        return Changes(lines=frozenset(c[0] for c in self.cells), fields=frozenset(c[2] for c in self.cells))

    def inverse(self):
        return SetCells(tuple((pos, key, f, new, old) for pos, key, f, old, new in reversed(self.cells)))

    def persist(self, project, ids):
        for _pos, key, f, _old, new in self.cells:
            if key in ids:
                project.update_activity(ids[key], f, new)

    def autosave(self, refs):
        return [["set", refs.ref(key), f, new] for _pos, key, f, _old, new in self.cells]

    @classmethod
    def recover(cls, entry, s, refs):
        _, ref, f, value = entry
        key = refs.key(ref)
        pos = s.position(key)
        return None if pos is None else cls(((pos, key, f, s.value(pos, f), value),))


def line_record(line: dict, row: int) -> dict:
    """A line as an operation keeps it: core fields, row, and options and extra columns
    without empty values."""
    rec = {f: line[f] for f in CORE_FIELDS}
    rec["row"] = row
    rec["options"] = {k: v for k, v in (line.get("options") or {}).items() if v is not None}
    rec["extra"] = {k: v for k, v in (line.get("extra") or {}).items() if v is not None}
    return rec


@register
@dataclass(frozen=True, slots=True)
class AddLines(Operation):
    """Activity lines that end up at ``positions`` (ascending), with their keys and values
    (:func:`line_record`)."""

    tags: ClassVar[tuple[str, ...]] = ("add",)
    positions: tuple[int, ...]
    keys: tuple[int, ...]
    lines: tuple[dict, ...]

    def apply(self, s):
        a = s.case.activities
        before = len(a)
        for names, table in (({k for ln in self.lines for k in ln["options"]}, a.options),
                             ({k for ln in self.lines for k in ln["extra"]}, a.extra)):
            for k in names:
                if k not in table:
                    table[k] = [None] * before
        _insert_at(a.row, self.positions, [ln["row"] for ln in self.lines])
        for f in CORE_FIELDS:
            _insert_at(getattr(a, f), self.positions, [ln[f] for ln in self.lines])
        for k, col in a.options.items():
            _insert_at(col, self.positions, [ln["options"].get(k) for ln in self.lines])
        for k, col in a.extra.items():
            _insert_at(col, self.positions, [ln["extra"].get(k) for ln in self.lines])
        _insert_at(s.keys, self.positions, list(self.keys))
        return Changes(structure=True)

    def inverse(self):
        return DeleteLines(self.positions, self.keys, self.lines)

    def persist(self, project, ids):
        for pos, key, rec in zip(self.positions, self.keys, self.lines):
            ids[key] = project.add_activity(rec["facility"], rec["source"], rec["item"], rec["quantity"], rec["unit"],
                                            row=rec["row"], options=rec["options"], extra=rec["extra"],
                                            position=pos)

    def autosave(self, refs):
        return [["add", refs.ref(key), pos, rec] for pos, key, rec in zip(self.positions, self.keys, self.lines)]

    @classmethod
    def recover(cls, entry, s, refs):
        _, ref, pos, rec = entry
        key = refs.key(ref)
        if key is None or s.position(key) is not None:  # a new line, or one of the base twice
            key = s.new_key()
        refs.bind(ref, key)
        rec = line_record(rec, rec.get("row"))
        if rec["row"] is None:
            rec["row"] = s.next_row()
        return cls((max(0, min(int(pos), len(s))),), (key,), (rec,))


@register
@dataclass(frozen=True, slots=True)
class DeleteLines(Operation):
    """Activity lines deleted from ``positions`` (ascending), with their keys and values."""

    tags: ClassVar[tuple[str, ...]] = ("delete",)
    positions: tuple[int, ...]
    keys: tuple[int, ...]
    lines: tuple[dict, ...]

    def apply(self, s):
        cols = _line_columns(s.case.activities, s.keys)
        if len(self.positions) <= 64:
            for p in reversed(self.positions):
                for col in cols:
                    del col[p]
        else:
            drop = set(self.positions)
            keep = [i for i in range(len(s.keys)) if i not in drop]
            for col in cols:
                col[:] = [col[i] for i in keep]
        return Changes(structure=True)

    def inverse(self):
        return AddLines(self.positions, self.keys, self.lines)

    def persist(self, project, ids):
        for key in self.keys:
            aid = ids.pop(key, None)
            if aid is not None:
                project.delete_activity(aid)

    def autosave(self, refs):
        return [["delete", refs.ref(key)] for key in self.keys]

    @classmethod
    def recover(cls, entry, s, refs):
        key = refs.key(entry[1])
        pos = s.position(key)
        if pos is None:
            return None
        return cls((pos,), (key,), (line_record(s.line_values(pos), s.case.activities.row[pos]),))


# --------------------------------------------------------------------------- case settings, facilities

@register
@dataclass(frozen=True, slots=True)
class SetInfo(Operation):
    """A case setting (standard, gwp, reporting year ... or an extra key)."""

    tags: ClassVar[tuple[str, ...]] = ("case",)
    key: str
    old: Any
    new: Any

    def apply(self, s):
        _set_in(s.case.info, INFO_FIELDS, self.key, self.new)
        return Changes(case=True)

    def inverse(self):
        return SetInfo(self.key, self.new, self.old)

    def persist(self, project, ids):
        project.update_case(self.key, self.new)

    def autosave(self, refs):
        return [["case", self.key, self.new]]

    @classmethod
    def recover(cls, entry, s, refs):
        _, key, value = entry
        return cls(key, info_value(s.case.info, key), value)


@register
@dataclass(frozen=True, slots=True)
class SetFacility(Operation):
    """A field of facility ``index`` (whose id is ``fid``), other than its id."""

    tags: ClassVar[tuple[str, ...]] = ("facility",)
    index: int
    fid: str
    key: str
    old: Any
    new: Any

    def apply(self, s):
        _set_in(s.case.facilities[self.index], FACILITY_FIELDS, self.key, self.new)
        return Changes(facilities=True)

    def inverse(self):
        return SetFacility(self.index, self.fid, self.key, self.new, self.old)

    def persist(self, project, ids):
        project.update_facility(self.fid, self.key, self.new)

    def autosave(self, refs):
        return [["facility", self.fid, self.key, self.new]]

    @classmethod
    def recover(cls, entry, s, refs):
        _, fid, key, value = entry
        i = _facility_index(s, fid)
        if i is None:
            return None
        fac = s.case.facilities[i]
        return cls(i, fid, key, getattr(fac, key) if key in FACILITY_FIELDS else fac.extra.get(key), value)


@register
@dataclass(frozen=True, slots=True)
class AddFacility(Operation):
    tags: ClassVar[tuple[str, ...]] = ("facility_add",)
    index: int
    facility: Facility

    def apply(self, s):
        s.case.facilities.insert(self.index, copy_facility(self.facility))
        return Changes(facilities=True)

    def inverse(self):
        return RemoveFacility(self.index, self.facility)

    def persist(self, project, ids):
        project.add_facility(copy_facility(self.facility), position=self.index)

    def autosave(self, refs):
        return [["facility_add", self.index, dataclasses.asdict(self.facility)]]

    @classmethod
    def recover(cls, entry, s, refs):
        _, index, d = entry
        return cls(max(0, min(int(index), len(s.case.facilities))), Facility(**d))


@register
@dataclass(frozen=True, slots=True)
class RemoveFacility(Operation):
    tags: ClassVar[tuple[str, ...]] = ("facility_remove",)
    index: int
    facility: Facility  # a copy of the facility as it was

    def apply(self, s):
        s.case.facilities.pop(self.index)
        return Changes(facilities=True)

    def inverse(self):
        return AddFacility(self.index, self.facility)

    def persist(self, project, ids):
        project.delete_facility(self.facility.id)

    def autosave(self, refs):
        return [["facility_remove", self.facility.id]]

    @classmethod
    def recover(cls, entry, s, refs):
        i = _facility_index(s, entry[1])
        return None if i is None else cls(i, copy_facility(s.case.facilities[i]))


@register
@dataclass(frozen=True, slots=True)
class RenameFacility(Operation):
    """A new facility id; every activity line, instrument and equipment line moves to it."""

    tags: ClassVar[tuple[str, ...]] = ("facility_rename",)
    old: str
    new: str

    def apply(self, s):
        case, old, new = s.case, self.old, self.new
        for fac in case.facilities:
            if fac.id == old:
                fac.id = new
        col = case.activities.facility
        positions = [i for i, f in enumerate(col) if f == old]
        for i in positions:
            col[i] = new
        case.instruments = [dataclasses.replace(x, facility=new) if x.facility == old else x
                            for x in case.instruments]
        case.equipment = [dataclasses.replace(x, facility=new) if x.facility == old else x for x in case.equipment]
        if case.ets is not None:
            case.ets.units = [dataclasses.replace(u, facility=new) if u.facility == old else u for u in case.ets.units]
        return Changes(lines=frozenset(positions), fields=frozenset({"facility"}) if positions else frozenset(),
                       facilities=True, instruments=True, equipment=True, renamed=((old, new),), ets=True)

    def inverse(self):
        return RenameFacility(self.new, self.old)

    def persist(self, project, ids):
        project.rename_facility(self.old, self.new)

    def autosave(self, refs):
        return [["facility_rename", self.old, self.new]]

    @classmethod
    def recover(cls, entry, s, refs):
        _, old, new = entry
        return cls(old, new) if _facility_index(s, old) is not None else None


# --------------------------------------------------------------------------- instruments, equipment lines
# ``kind`` is one of RECORD_KINDS; the store has add_<kind>, update_<kind> and delete_<kind>.

def _record_kind(entry: list) -> str:
    kind = entry[0].rsplit("_", 1)[0]  # "ets_unit_set" -> "ets_unit"
    if kind not in RECORD_KINDS:
        raise ValueError(entry[0])
    return kind


def _record_index(entry: list, s: EditSession, kind: str) -> int | None:
    i = int(entry[1])
    return i if 0 <= i < len(s.records(kind)) else None


@register
@dataclass(frozen=True, slots=True)
class AddRecord(Operation):
    """An instrument, an equipment line or an ETS unit (``kind``) inserted at ``index``."""

    tags: ClassVar[tuple[str, ...]] = tuple(k + "_add" for k in RECORD_KINDS)
    kind: str
    index: int
    record: Any

    def apply(self, s):
        s.records(self.kind).insert(self.index, self.record)
        return _RECORD_CHANGES[self.kind]

    def inverse(self):
        return RemoveRecord(self.kind, self.index, self.record)

    def persist(self, project, ids):
        getattr(project, "add_" + self.kind)(self.record, position=self.index)

    def autosave(self, refs):
        return [[self.kind + "_add", self.index, dataclasses.asdict(self.record)]]

    @classmethod
    def recover(cls, entry, s, refs):
        kind = _record_kind(entry)
        return cls(kind, max(0, min(int(entry[1]), len(s.records(kind)))), _RECORD_TYPES[kind](**entry[2]))


@register
@dataclass(frozen=True, slots=True)
class RemoveRecord(Operation):
    tags: ClassVar[tuple[str, ...]] = tuple(k + "_remove" for k in RECORD_KINDS)
    kind: str
    index: int
    record: Any  # the record as it was

    def apply(self, s):
        s.records(self.kind).pop(self.index)
        return _RECORD_CHANGES[self.kind]

    def inverse(self):
        return AddRecord(self.kind, self.index, self.record)

    def persist(self, project, ids):
        getattr(project, "delete_" + self.kind)(self.index)

    def autosave(self, refs):
        return [[self.kind + "_remove", self.index]]

    @classmethod
    def recover(cls, entry, s, refs):
        kind = _record_kind(entry)
        i = _record_index(entry, s, kind)
        return None if i is None else cls(kind, i, s.records(kind)[i])


@register
@dataclass(frozen=True, slots=True)
class SetRecord(Operation):
    """Column ``key`` of an instrument, an equipment line or an ETS unit."""

    tags: ClassVar[tuple[str, ...]] = tuple(k + "_set" for k in RECORD_KINDS)
    kind: str
    index: int
    key: str
    old: Any
    new: Any

    def apply(self, s):
        records = s.records(self.kind)
        records[self.index] = _with_value(self.kind, records[self.index], self.key, self.new)
        return _RECORD_CHANGES[self.kind]

    def inverse(self):
        return SetRecord(self.kind, self.index, self.key, self.new, self.old)

    def persist(self, project, ids):
        getattr(project, "update_" + self.kind)(self.index, self.key, self.new)

    def autosave(self, refs):
        return [[self.kind + "_set", self.index, self.key, self.new]]

    @classmethod
    def recover(cls, entry, s, refs):
        kind = _record_kind(entry)
        i = _record_index(entry, s, kind)
        if i is None:
            return None
        _, _, key, value = entry
        return cls(kind, i, key, record_value(kind, s.records(kind)[i], key), value)
