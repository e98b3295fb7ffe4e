"""Background work and the DB thread, marshalled back to the GUI thread (Anki's TaskManager).

* DB work runs on the session's single DB worker (:func:`carbonmgr.editing.session.db_worker`);
* other slow work (reading workbooks, computing large cases, autosave writes) runs on
  a small thread pool;
* results come back through one signal: ``run_on_main(closure)`` queues a closure and
  emits ``_closures_pending``, drained on the GUI thread.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal


class TaskManager(QObject):
    _closures_pending = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._closures: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self._closures_pending.connect(self._on_closures_pending, Qt.ConnectionType.QueuedConnection)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="carbonmgr-bg")
        self._serial = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carbonmgr-autosave")
        self.on_error: Callable[[BaseException], None] | None = None

    def run_on_main(self, closure: Callable[[], None]) -> None:
        with self._lock:
            self._closures.append(closure)
        self._closures_pending.emit()

    def _on_closures_pending(self) -> None:
        with self._lock:
            closures, self._closures = self._closures, []
        for closure in closures:
            closure()

    def watch(self, future: Future, on_done: Callable | None = None,
              on_error: Callable[[BaseException], None] | None = None, *, owner: QObject | None = None) -> Future:
        """Call ``on_done(result)`` or ``on_error(exc)`` on the GUI thread when ``future`` ends;
        neither when ``owner`` (the widget the handlers touch) has been deleted meanwhile, nor when
        this manager has (its window closed and deleted).

        Returns a future that settles (with ``future``'s result or exception) only after that
        handler has run, so whoever waits on it sees the window's state already updated."""
        settled: Future = Future()

        def finished(f: Future):
            def deliver():
                try:
                    if f.cancelled() or (owner is not None and not shiboken6.isValid(owner)):
                        return
                    exc = f.exception()
                    if exc is not None:
                        handler = on_error or self.on_error
                        if handler is None:
                            raise exc
                        handler(exc)
                    elif on_done is not None:
                        on_done(f.result())
                finally:
                    _settle(settled, f)

            try:
                self.run_on_main(deliver)
            except RuntimeError:  # this manager was deleted (its window closed): nobody to tell
                _settle(settled, f)

        future.add_done_callback(finished)
        return settled

    def run_in_background(self, fn: Callable, on_done: Callable | None = None,
                          on_error: Callable[[BaseException], None] | None = None, *,
                          owner: QObject | None = None) -> Future:
        return self.watch(self._pool.submit(fn), on_done, on_error, owner=owner)

    def run_serial(self, fn: Callable, on_done=None, on_error=None) -> Future:
        """Run in order with other serial tasks (autosave writes must not overtake each other)."""
        return self.watch(self._serial.submit(fn), on_done, on_error)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._serial.shutdown(wait=True)


def _settle(settled: Future, source: Future) -> None:
    """Give ``settled`` the outcome of ``source`` (a cancelled source settles as cancelled)."""
    if settled.done():
        return
    if source.cancelled():
        settled.cancel()
    elif source.exception() is not None:
        settled.set_exception(source.exception())
    else:
        settled.set_result(source.result())
