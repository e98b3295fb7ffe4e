"""The one atomic file writer of CarbonMgr.

Every file the core writes (the PDF report, the Excel export, a case workbook or the
template, a project file, the autosave of an edit session) goes through
:func:`atomic_write`: the content is written to a temporary file in the same folder,
flushed to disk, given the user's normal permissions (``0o666`` less the umask) and
renamed over the target in one step; the folder is flushed too.  A crash or a failed
write leaves the old file as it was and no temporary file behind.  A failure of the
file system (disk full, read-only folder, no permission) is raised as
:class:`WriteFailed`, a :class:`~carbonmgr.common.errors.ProjectError` with a message id.
"""
from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from carbonmgr.common.errors import ProjectError

TEMP_PREFIX = ".~"  # temporary files: hidden, and named after their target (".~report.pdf.x1y2.tmp")

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), getattr(errno, "EFBIG", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


class WriteFailed(ProjectError):
    """A file could not be written; the file that was there before is unchanged."""


def write_error(path: str | os.PathLike, exc: OSError, code: str = "file.write_failed") -> WriteFailed:
    """The error to raise for ``exc``: disk full and read-only get their own message; any other
    failure gets ``code`` (whose message may use ``{name}``, ``{path}``, ``{detail}`` or ``{error}``)."""
    path = Path(path)
    if exc.errno in _DISK_FULL:
        code = "file.disk_full"
    elif exc.errno in _READ_ONLY:
        code = "file.read_only"
    elif exc.errno == errno.ENOENT and not path.parent.is_dir():
        code = "file.no_folder"
    detail = exc.strerror or str(exc) or type(exc).__name__
    return WriteFailed(code, name=path.name, path=str(path), folder=str(path.parent), detail=detail, error=detail)


def default_file_mode() -> int:
    """0o666 less the process umask: what an ordinary new file gets (mkstemp gives 0o600)."""
    try:  # Linux: read the umask without changing it (os.umask is process-wide, not thread-safe)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
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


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass


@contextmanager
def atomic_write(path: str | os.PathLike, *, code: str = "file.write_failed",
                 companions: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield the path of a new, empty temporary file next to ``path``; write the content to it
    (by name).  When the block ends without an error the file is flushed, given the user's
    normal permissions and renamed over ``path``.  On any error the temporary file (and its
    ``companions``: suffixes such as ``"-journal"`` of files made beside it) is removed and
    ``path`` is untouched; an :class:`OSError` is raised as :class:`WriteFailed` (``code`` names
    the message of a failure that is neither a full disk nor a read-only folder), anything
    else unchanged."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise write_error(path, exc, code) from exc
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, default_file_mode())
        os.replace(tmp, path)
    except BaseException as exc:
        for p in (tmp, *(Path(str(tmp) + s) for s in companions)):
            _remove(p)
        if isinstance(exc, OSError):
            raise write_error(path, exc, code) from exc
        raise
    fsync_dir(folder)


def write_bytes(path: str | os.PathLike, data: bytes, *, code: str = "file.write_failed") -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    with atomic_write(path, code=code) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
