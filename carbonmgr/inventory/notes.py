"""Engine trace notes: each note is a message id with named parameters (a :class:`Note`).

The engine stores Notes in a calculation; :func:`carbonmgr.inventory.engine.trace` writes
each note's English text ("notes", as the JSON output always had) and its id and parameters
beside it ("note_ids"). The app and the report render the ids in the user's language
(:func:`trace_notes`); a trace saved before notes had ids shows its notes as written.
"""
from __future__ import annotations

from carbonmgr.common.i18n import Message, render_note, trace_notes

__all__ = ["Note", "GREEN_RULE_NOTE", "note_text", "trace_notes"]


class Note(Message):
    """A trace note of the engine: message id (``engine.note.*``) and parameters."""

    def to_dict(self) -> dict:
        return {"id": self.id, "params": dict(self.params)}


GREEN_RULE_NOTE = Note("engine.note.green_rule")

#: A note in ``lang``: a Note, a saved ``{"id", "params"}`` record, or an old plain string (as written).
note_text = render_note
