"""The journal: the operations applied since the last save, in order.

A save replays it into the project store (:func:`persist`, in one transaction), an autosave
writes it to the sidecar file (:func:`autosave_entries`), and recovery reads such a file
back into operations (:func:`recover`).  All three go through the registry of operations
(:data:`~carbonmgr.editing.operations.OPERATIONS`); none knows the kinds of edits.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from carbonmgr.editing.operations import OPERATIONS, Operation

if TYPE_CHECKING:
    from carbonmgr.editing.session import EditSession

__all__ = ["LineRefs", "persist", "autosave_entries", "recover"]


class LineRefs:
    """How an autosave names activity lines: a line of the base (the project file or the
    workbook the session started from) by its position there, ``["b", i]``; a line added
    since by the key it had in the session that wrote the file, ``["n", key]``.  So any
    later session, whose own keys differ, can find the lines again."""

    def __init__(self, base_keys: Sequence[int]):
        self.base_keys = list(base_keys)
        self._base_index = {k: i for i, k in enumerate(self.base_keys)}
        self._added: dict[int, int] = {}  # key in the session that wrote the file -> key here

    def ref(self, key: int) -> list:
        i = self._base_index.get(key)
        return ["b", i] if i is not None else ["n", key]

    def key(self, ref: list) -> int | None:
        """The key here of the line ``ref`` names (None: not known)."""
        if ref[0] == "b":
            i = int(ref[1])
            return self.base_keys[i] if 0 <= i < len(self.base_keys) else None
        return self._added.get(ref[1])

    def bind(self, ref: list, key: int) -> None:
        """The line ``ref`` names has key ``key`` here (it was just added)."""
        if ref[0] == "n":
            self._added[ref[1]] = key


def persist(ops: Iterable[Operation], project, ids: dict[int, int]) -> None:
    """Make the journal's changes in ``project`` (DB thread; the caller holds the transaction)."""
    for op in ops:
        op.persist(project, ids)


def autosave_entries(ops: Iterable[Operation], refs: LineRefs) -> list[list]:
    return [entry for op in ops for entry in op.autosave(refs)]


def recover(s: EditSession, entries: Iterable[list]) -> int:
    """Apply the edits of autosave ``entries`` to ``s``; entries of an unknown kind, or
    about something no longer there, are skipped.  Returns the number applied."""
    refs = LineRefs(s.keys)
    applied = 0
    for entry in entries:
        cls = OPERATIONS.get(entry[0]) if isinstance(entry, list) and entry and isinstance(entry[0], str) else None
        if cls is None:
            continue
        try:
            op = cls.recover(entry, s, refs)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            continue  # a damaged entry: the file is untrusted input
        if op is not None:
            s.apply(op)
            applied += 1
    return applied
