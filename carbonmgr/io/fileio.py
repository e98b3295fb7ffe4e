"""Small file helpers shared by the importer, the project store and the app session:
files are replaced in one step, so a crash never leaves a half-written file."""
from __future__ import annotations

import os
from pathlib import Path


def default_file_mode() -> int:
    """0o666 less the process umask: what an ordinary new file gets (mkstemp gives 0o600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entry table, so that a rename into it survives a power cut (POSIX)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
