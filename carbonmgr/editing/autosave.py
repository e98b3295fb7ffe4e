"""The autosave sidecar file: where it lives, written atomically (carbonmgr.io.fileio.write_bytes),
read back safely, and the autosaves of untitled sessions a crashed app left behind.

What an autosave holds (the journal's entries) is written and read by the operations
themselves (:mod:`carbonmgr.editing.journal`)."""
from __future__ import annotations

from pathlib import Path

from carbonmgr.io.fileio import write_bytes
from carbonmgr.storage import PROJECT_SUFFIX
from carbonmgr.storage.lock import pid_alive  # one definition, shared with the edit lock

__all__ = ["AUTOSAVE_SUFFIX", "AUTOSAVE_FORMAT", "AUTOSAVE_VERSION", "AUTOSAVE_EVERY_EDITS", "autosave_path",
           "untitled_path", "write_autosave", "read_autosave", "untitled_autosaves", "pid_alive"]

AUTOSAVE_SUFFIX = ".autosave"
AUTOSAVE_FORMAT = "carbonmgr-autosave"
AUTOSAVE_VERSION = 1
AUTOSAVE_EVERY_EDITS = 20  # autosave after this many edits (the app also autosaves on a timer)


def autosave_path(project: str | Path) -> Path:
    p = Path(project)
    return p.with_name(p.name + AUTOSAVE_SUFFIX)


def untitled_path(folder: Path, session_id: str) -> Path:
    """The autosave of an untitled session (an opened workbook, the demo, a new case)."""
    return folder / f"untitled-{session_id}{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}"


def write_autosave(target: Path, data: dict | None) -> Path | None:
    """Write (or, for None, remove) an autosave file atomically (any thread)."""
    if data is None:  # removing needs nothing else loaded (closing the app stays quick)
        try:
            target.unlink()
        except OSError:
            pass
        return None
    from carbonmgr.storage.store import dumps

    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, dumps(data).encode("utf-8"))
    return target


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


def untitled_autosaves(folder: str | Path) -> list[dict]:
    """Autosaves of untitled sessions in ``folder`` whose app is no longer running, each
    with its path under ``"file"``."""
    out: list[dict] = []
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob(f"untitled-*{PROJECT_SUFFIX}{AUTOSAVE_SUFFIX}")):
        data = read_autosave(path)
        if data is None:
            continue
        pid = data.get("pid")
        if pid and pid_alive(pid):
            continue  # another running app owns it
        data["file"] = str(path)
        out.append(data)
    return out

