"""The autosave sidecar file: where it lives, read back safely (written by carbonmgr.io.fileio.write_bytes)."""
from __future__ import annotations

from pathlib import Path

from carbonmgr.storage.lock import pid_alive  # one definition, shared with the edit lock

__all__ = ["AUTOSAVE_SUFFIX", "AUTOSAVE_FORMAT", "AUTOSAVE_VERSION", "AUTOSAVE_EVERY_EDITS", "autosave_path",
           "read_autosave", "pid_alive"]

AUTOSAVE_SUFFIX = ".autosave"
AUTOSAVE_FORMAT = "carbonmgr-autosave"
AUTOSAVE_VERSION = 1
AUTOSAVE_EVERY_EDITS = 20  # autosave after this many edits (the app also autosaves on a timer)


def autosave_path(project: str | Path) -> Path:
    p = Path(project)
    return p.with_name(p.name + AUTOSAVE_SUFFIX)


def read_autosave(path: str | Path) -> dict | None:
    """The content of an autosave file, or None if it is missing or not readable."""
    from carbonmgr.storage.store import loads

    try:
        text = Path(path).read_text(encoding="utf-8")
        data = loads(text)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != AUTOSAVE_FORMAT or not isinstance(data.get("ops"), list):
        return None
    return data
