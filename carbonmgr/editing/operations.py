"""Edits as undoable commands, and :class:`Changes`, what an edit changed."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from carbonmgr.inventory.model import Facility

if TYPE_CHECKING:
    from carbonmgr.editing.session import EditSession

__all__ = ["Changes", "NO_CHANGES", "Command"]


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

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.lines | other.lines, self.fields | other.fields, self.structure or other.structure,
                       self.case or other.case, self.facilities or other.facilities,
                       self.everything or other.everything, self.instruments or other.instruments,
                       self.equipment or other.equipment, self.renamed + other.renamed)

    @property
    def affects_results(self) -> bool:
        return bool(self.lines or self.structure or self.case or self.facilities or self.everything or
                    self.instruments or self.equipment)


NO_CHANGES = Changes()


class Command:
    """One undoable edit.  ``label`` is (action id, params) for the undo menu text."""

    label: tuple[str, dict] = ("edit", {})

    def redo(self, s: "EditSession") -> Changes:  # pragma: no cover - interface
        raise NotImplementedError

    def undo(self, s: "EditSession") -> Changes:  # pragma: no cover - interface
        raise NotImplementedError


class SetCells(Command):
    def __init__(self, cells: list[tuple[int, str, Any, Any]], label: tuple[str, dict]):
        self.cells = cells  # (position, field, old, new)
        self.label = label

    def redo(self, s):
        for pos, f, _old, new in self.cells:
            s._set(pos, f, new)
        return Changes(lines=frozenset(c[0] for c in self.cells), fields=frozenset(c[1] for c in self.cells))

    def undo(self, s):
        for pos, f, old, _new in reversed(self.cells):
            s._set(pos, f, old)
        return Changes(lines=frozenset(c[0] for c in self.cells), fields=frozenset(c[1] for c in self.cells))


class InsertLines(Command):
    def __init__(self, position: int, lines: list[dict], label: tuple[str, dict]):
        self.position = position
        self.lines = lines
        self.keys: list[int] | None = None
        self.label = label

    def redo(self, s):
        self.keys = s._insert(self.position, self.lines, self.keys)
        return Changes(structure=True)

    def undo(self, s):
        s._delete(list(range(self.position, self.position + len(self.lines))))
        return Changes(structure=True)


class DeleteLines(Command):
    def __init__(self, positions: list[int], label: tuple[str, dict]):
        self.positions = sorted(set(positions))
        self.saved: list[tuple[int, dict, int]] = []
        self.label = label

    def redo(self, s):
        self.saved = [(p, s.line_values(p), s.keys[p]) for p in self.positions]
        s._delete(self.positions)
        return Changes(structure=True)

    def undo(self, s):
        for p, values, key in self.saved:  # ascending: each insert lands at its old position
            s._insert(p, [values], [key])
        return Changes(structure=True)


class SetInfo(Command):
    def __init__(self, key: str, old, new):
        self.key, self.old, self.new = key, old, new
        self.label = ("case", {"field": key})

    def redo(self, s):
        s._set_info(self.key, self.new)
        return Changes(case=True)

    def undo(self, s):
        s._set_info(self.key, self.old)
        return Changes(case=True)


class SetFacility(Command):
    def __init__(self, index: int, key: str, old, new):
        self.index, self.key, self.old, self.new = index, key, old, new
        self.label = ("facility", {"field": key})

    def redo(self, s):
        s._set_facility(self.index, self.key, self.new)
        return Changes(facilities=True)

    def undo(self, s):
        s._set_facility(self.index, self.key, self.old)
        return Changes(facilities=True)


class AddFacility(Command):
    def __init__(self, facility: Facility):
        self.facility = facility
        self.label = ("add_facility", {"id": facility.id})

    def redo(self, s):
        s._insert_facility(len(s.case.facilities), dataclasses.replace(self.facility))
        return Changes(facilities=True)

    def undo(self, s):
        s._remove_facility(len(s.case.facilities) - 1)
        return Changes(facilities=True)


def _record_changes(kind: str) -> Changes:
    return Changes(instruments=True) if kind == "instrument" else Changes(equipment=True)


class InsertRecord(Command):
    """Insert an instrument or an equipment line (``kind``) at ``index``."""

    def __init__(self, kind: str, index: int, record, label: tuple[str, dict]):
        self.kind, self.index, self.record, self.label = kind, index, record, label

    def redo(self, s):
        s._insert_record(self.kind, self.index, self.record)
        return _record_changes(self.kind)

    def undo(self, s):
        s._remove_record(self.kind, self.index)
        return _record_changes(self.kind)


class DeleteRecords(Command):
    def __init__(self, kind: str, indices: list[int], label: tuple[str, dict]):
        self.kind, self.indices, self.label = kind, sorted(set(indices)), label
        self.saved: list[tuple[int, Any]] = []

    def redo(self, s):
        records = s.records(self.kind)
        self.saved = [(i, records[i]) for i in self.indices]
        for i in reversed(self.indices):
            s._remove_record(self.kind, i)
        return _record_changes(self.kind)

    def undo(self, s):
        for i, rec in self.saved:  # ascending: each insert lands at its old index
            s._insert_record(self.kind, i, rec)
        return _record_changes(self.kind)


class SetRecord(Command):
    def __init__(self, kind: str, index: int, key: str, old, new):
        self.kind, self.index, self.key, self.old, self.new = kind, index, key, old, new
        self.label = (kind, {"field": key})

    def redo(self, s):
        s._set_record(self.kind, self.index, self.key, self.new)
        return _record_changes(self.kind)

    def undo(self, s):
        s._set_record(self.kind, self.index, self.key, self.old)
        return _record_changes(self.kind)


class RenameFacility(Command):
    """A new facility id, and every activity line, instrument and equipment line moved to it."""

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        self.label = ("rename_facility", {"id": old, "new": new})

    def _do(self, s, old, new) -> Changes:
        positions = s._rename_facility(old, new)
        return Changes(lines=frozenset(positions), fields=frozenset({"facility"}) if positions else frozenset(),
                       facilities=True, instruments=True, equipment=True, renamed=((old, new),))

    def redo(self, s):
        return self._do(s, self.old, self.new)

    def undo(self, s):
        return self._do(s, self.new, self.old)


class RemoveFacility(Command):
    def __init__(self, index: int):
        self.index = index
        self.facility: Facility | None = None
        self.label = ("delete_facility", {})

    def redo(self, s):
        self.facility = s.case.facilities[self.index]
        self.label = ("delete_facility", {"id": self.facility.id})
        s._remove_facility(self.index)
        return Changes(facilities=True)

    def undo(self, s):
        fac = self.facility
        s._insert_facility(self.index, dataclasses.replace(fac, extra=dict(fac.extra)))
        return Changes(facilities=True)


class Macro(Command):
    """Several commands as one undo step (paste, assign factor)."""

    def __init__(self, commands: list[Command], label: tuple[str, dict]):
        self.commands = commands
        self.label = label

    def redo(self, s):
        out = NO_CHANGES
        for c in self.commands:
            out = out | c.redo(s)
        return out

    def undo(self, s):
        out = NO_CHANGES
        for c in reversed(self.commands):
            out = out | c.undo(s)
        return out
