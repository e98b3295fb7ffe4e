"""App actions as small operations on the facade, run through one helper (Anki's CollectionOp).

An operation is a callable on the open :class:`~carbonmgr.facade.Workspace`
(``lambda ws: ws.set_cell(pos, field, value)``).  :class:`Op` runs it and then does the
same thing every time:

* on success, a :class:`~carbonmgr.facade.Changes` record it returns is applied to the
  views (:meth:`MainWindow.after_change`), then the action's own ``success`` step runs;
* on failure, :func:`report_failure` tells the user what went wrong in their language,
  in one place (a refused edit in the status bar, problems of a case in the Problems
  list, anything else in the status bar and a message box; never a traceback), then the
  action's own ``failure`` step runs (e.g. a form puts back the value it showed).

Slow work leaves the GUI thread: an operation returning a Future (saving, opening a
project: the edit session's DB worker) is watched, and :meth:`Op.run_in_background`
runs the operation on the task pool (:mod:`carbonmgr.ui.taskman`); either way success
and failure are handled on the GUI thread, the same as for a quick edit.
"""
from __future__ import annotations

import os
from concurrent.futures import Future
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from carbonmgr.common.errors import CarbonMgrError, ValidationFailed
from carbonmgr.facade import CellError, Changes

from carbonmgr.ui import i18n

REFUSED_MS = 8000  # how long a refused edit's reason stays in the status bar
ERROR_MS = 15000


def report_failure(win, exc: BaseException, context: Callable[[str], str] | None = None,
                   timeout: int | None = None) -> str:
    """Tell the user that an operation failed, in their language; returns the text shown.

    ``context(reason)`` puts the reason into a sentence of the action (e.g. "Facility F3 was
    not deleted: …")."""
    lang = i18n.current()
    if isinstance(exc, ValidationFailed):
        title = QCoreApplication.translate("MainWindow", "Problems")
        win.show_problems(exc.problems, title)
        return title
    if isinstance(exc, CarbonMgrError) and hasattr(exc, "render"):
        text = exc.render(lang)
    else:
        text = QCoreApplication.translate("MainWindow", "Internal error: %1").replace("%1", f"{type(exc).__name__}: {exc}")
    if context is not None:
        text = context(text)
    if isinstance(exc, CellError):  # a refused edit: the reason, next to the work, no dialog
        win.statusBar().showMessage(text, timeout or REFUSED_MS)
        return text
    win.statusBar().showMessage(text, timeout or ERROR_MS)
    if not os.environ.get("CARBONMGR_NO_DIALOGS"):
        QMessageBox.warning(win, "CarbonMgr", text)
    return text


class Refusal(str):
    """The reason a typed value was refused, as shown (a str), that renders itself again in another
    language (a value kept on its cell and in the Problems list outlives a language switch)."""

    def __new__(cls, text: str, exc: BaseException | None = None):
        obj = super().__new__(cls, text)
        obj.exc = exc
        return obj

    def render(self, lang: str) -> str:
        return self.exc.render(lang) if isinstance(self.exc, CellError) else str(self)

    def message(self):
        """The reason as a parameter of another message (rendered in that message's language)."""
        from carbonmgr.common.i18n import Message

        return Message(self.exc.code, dict(self.exc.params)) if isinstance(self.exc, CellError) else str(self)


def reason_text(reason) -> str:
    """A refused value's reason in the current language."""
    return reason.render(i18n.current()) if isinstance(reason, Refusal) else str(reason)


class Op:
    """One app action on the open workspace: ``Op(win, op).success(fn).failure(fn).run()``."""

    def __init__(self, win, op: Callable[[Any], Any]):
        self.win = win
        self.op = op
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._context: Callable[[str], str] | None = None
        self._timeout: int | None = None
        self.error: str | None = None  # the message shown when the operation failed (a Refusal)

    def success(self, fn: Callable[[Any], None]) -> "Op":
        """Run ``fn(result)`` after the change record (if any) is applied to the views."""
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> "Op":
        """Run ``fn(exc)`` after the error has been shown to the user."""
        self._failure = fn
        return self

    def context(self, fn: Callable[[str], str], timeout: int | None = None) -> "Op":
        """Show a failure's reason inside the sentence ``fn(reason)``."""
        self._context, self._timeout = fn, timeout
        return self

    # ------------------------------------------------------------------ running
    def run(self):
        """Run now on the GUI thread.  Returns the operation's result (a Future it returns is
        watched: its outcome is handled when it settles; the watched future is returned);
        None when it failed or no case is open (``error`` then holds the message shown)."""
        ws = self.win.workspace
        if ws is None:
            return None
        try:
            result = self.op(ws)
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user, one way
            self._failed(exc)
            return None
        if isinstance(result, Future):
            return self.win.tasks.watch(result, self._succeeded, self._failed)
        self._succeeded(result)
        return result

    def run_in_background(self) -> Future | None:
        """Run on the task pool (slow work); success and failure come back to the GUI thread."""
        ws = self.win.workspace
        if ws is None:
            return None
        return self.win.tasks.run_in_background(lambda: self.op(ws), self._succeeded, self._failed)

    def _succeeded(self, result) -> None:
        if isinstance(result, Changes):
            self.win.after_change(result)
        if self._success is not None:
            self._success(result)

    def _failed(self, exc: BaseException) -> None:
        self.error = Refusal(report_failure(self.win, exc, self._context, self._timeout),
                             exc if self._context is None else None)
        if self._failure is not None:
            self._failure(exc)
