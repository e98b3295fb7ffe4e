"""Who has a project open for editing: a lock file beside the project.

A second instance (the same trainee opening the file twice, or another PC on a shared
drive) finds the lock when it opens the file and is told who holds it and since when, so
that it can open the project read-only instead of racing the first one's saves and
autosaves. The lock is a small file created atomically (``O_EXCL``, which network file
systems honour, unlike SQLite's byte-range locks on some of them) next to the project:
``.~lock.<name>#``, as office programs name theirs. It holds who, where and since when;
a lock left by a process of this computer that no longer runs is stale and taken over.
"""
from __future__ import annotations

import datetime as _dt
import getpass
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from carbonmgr.common.errors import ProjectError

MAX_LOCK_BYTES = 4096  # a lock file is untrusted too: read no more than this


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    since: str


def lock_path(project: str | os.PathLike) -> Path:
    p = Path(project)
    return p.with_name(f".~lock.{p.name}#")


def _me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        user = ""
    return Holder(user, socket.gethostname(), os.getpid(),
                  _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))


def _read(path: Path) -> Holder | None:
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read(MAX_LOCK_BYTES).decode("utf-8"))
        return Holder(str(data["user"])[:100], str(data["host"])[:100], int(data["pid"]), str(data["since"])[:40])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable or damaged: treated as held by someone unknown


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` of this computer still runs."""
    try:
        pid = int(pid)
    except (TypeError, ValueError):
        return False
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ProjectInUse(ProjectError):
    """The project is open for editing elsewhere; ``holder`` says by whom (None: unknown)."""

    def __init__(self, path: Path, holder: Holder | None):
        self.holder = holder
        if holder is None:
            super().__init__("store.in_use_unknown", path=str(path))
        else:
            super().__init__("store.in_use", path=str(path), user=holder.user or "?", host=holder.host or "?",
                             since=holder.since.replace("T", " ")[:16])


class ProjectLock:
    """The edit lock of one project file; :meth:`acquire` or raise :class:`ProjectInUse`."""

    def __init__(self, project: str | os.PathLike):
        self.project = Path(project)
        self.path = lock_path(self.project)
        self.held = False

    def holder(self) -> Holder | None:
        return _read(self.path) if self.path.exists() else None

    def acquire(self) -> "ProjectLock":
        me = _me()
        body = json.dumps(me.__dict__, ensure_ascii=False).encode("utf-8")
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                held = _read(self.path)
                if held is not None and held.host == me.host and (held.pid == me.pid or not pid_alive(held.pid)):
                    # ours from an earlier open, or left by a process of this computer that crashed
                    try:
                        self.path.unlink()
                    except OSError:
                        pass
                    continue
                raise ProjectInUse(self.project, held) from None
            except OSError:
                # a folder we cannot write in: nobody can save there either; no lock is needed
                return self
            try:
                os.write(fd, body)
            finally:
                os.close(fd)
            self.held = True
            return self
        raise ProjectInUse(self.project, _read(self.path))

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        held = _read(self.path)
        me = _me()
        if held is None or (held.host == me.host and held.pid == me.pid):
            try:
                self.path.unlink()
            except OSError:
                pass

    def __enter__(self) -> "ProjectLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
