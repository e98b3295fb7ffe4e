"""The one thread that touches the SQLite project file.

``sqlite3`` connections belong to the thread that opened them, so every project is opened,
used and closed by functions submitted to :class:`DbWorker`; results come back as futures.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

__all__ = ["DbWorker", "db_worker"]


class DbWorker:
    """The one thread that touches SQLite (Anki's ``TaskManager`` collection executor).

    ``sqlite3`` connections belong to the thread that opened them, so every
    :class:`~carbonmgr.storage.store.Project` is opened, used and closed by functions submitted
    here.  Results come back as futures; the GUI marshals them to its own thread.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carbonmgr-db")
        self._thread_id: int | None = None
        self._pool.submit(self._remember).result()

    def _remember(self) -> None:
        self._thread_id = threading.get_ident()

    def in_worker(self) -> bool:
        return threading.get_ident() == self._thread_id

    def submit(self, fn: Callable, *args, **kwargs) -> Future:
        if self.in_worker():  # already on the DB thread: run now (no self-deadlock)
            fut: Future = Future()
            try:
                fut.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - handed to the future
                fut.set_exception(exc)
            return fut
        return self._pool.submit(fn, *args, **kwargs)

    def call(self, fn: Callable, *args, **kwargs):
        """Run ``fn`` on the DB thread and wait for its result (tests, CLI, shutdown)."""
        return self.submit(fn, *args, **kwargs).result()

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)


_worker: DbWorker | None = None
_worker_lock = threading.Lock()


def db_worker() -> DbWorker:
    """The process-wide DB worker (created on first use)."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = DbWorker()
        return _worker
