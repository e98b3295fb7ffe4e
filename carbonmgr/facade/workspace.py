"""The one entry point of both front ends: the command line and the desktop app.

A :class:`Workspace` is a case (from a case workbook, a project file or the demo) with
its factor library.  Both front ends open, compute, save, report and export through it:

* **read-only** (the CLI): :meth:`Workspace.open` reads the file; :meth:`compute`,
  :meth:`write_report`, :meth:`export_inventory` and :meth:`save_project` work on that
  case.  Such a workspace has no edit session (``session is None``).
* **editing** (the app): :meth:`Workspace.import_workbook`, :meth:`Workspace.open_project`,
  :meth:`Workspace.create_project` and :meth:`Workspace.from_untitled_recovery` give a
  workspace that owns an :class:`~carbonmgr.editing.session.EditSession` (``session``):
  the edits (``set_cell``, ``insert_lines``, ``undo`` ... the names of
  :data:`EDIT_OPERATIONS`) are called on the workspace, each returns a
  :class:`~carbonmgr.editing.session.Changes` record, and the views read the session's
  case and live results.  The outputs of an editing workspace are written from a
  :meth:`snapshot` (a read-only workspace on a copy of the case), so they may run off
  the GUI thread while the user goes on editing.

The PDF report and the Excel export have one path, open -> compute -> write
(:meth:`write_report`, :meth:`export_inventory`): ``carbonmgr report``/``export`` and the
app's Report page / File menu both call it.  Heavy modules (the engine, the report
writer, sqlite-utils) load when a method needs them.
"""
from __future__ import annotations

import copy
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable

from carbonmgr.common.errors import CarbonMgrError, Problem, ValidationFailed
from carbonmgr.common.paths import demo_path, resolve_input
from carbonmgr.inventory.model import CaseData
from carbonmgr.io import WORKBOOK_SUFFIXES
from carbonmgr.io.reader import read_workbook
from carbonmgr.training.exercise import read_case_or_key
from carbonmgr.storage import PROJECT_SUFFIX

# The edits of an editing workspace: each is the edit session's method of the same name
# and returns a Changes record (save returns a Future of the project path).
EDIT_OPERATIONS = (
    "set_cell", "set_cells", "insert_lines", "delete_lines", "paste", "assign_factor", "override_factor",
    "clear_override", "set_info", "set_facility", "add_facility", "rename_facility", "delete_facility",
    "add_record", "delete_records", "set_record", "undo", "redo", "recover", "save",
)

_REPORT_LOCK = threading.Lock()  # one report at a time (reportlab keeps global state)


def _resolve_future(inner: Future, wrap: Callable[[Any], Any]) -> Future:
    """A future giving ``wrap(result)`` of ``inner`` (or its exception)."""
    outer: Future = Future()

    def done(f: Future) -> None:
        exc = f.exception()
        if exc is not None:
            outer.set_exception(exc)
            return
        try:
            outer.set_result(wrap(f.result()))
        except BaseException as err:  # noqa: BLE001 - handed to the caller
            outer.set_exception(err)

    inner.add_done_callback(done)
    return outer


def factor_library():
    """The bundled factor library: factor sets, items and GWP values (``carbonmgr factors``)."""
    from carbonmgr.factors.library import default_library

    return default_library()


def write_template(path: str | Path, *, lang: str = "zh") -> Path:
    """Write an empty case workbook to start from (``carbonmgr template``)."""
    from carbonmgr.io.workbook import write_template as write

    write(Path(path), lang=lang)
    return Path(path)


def line_groups(results) -> tuple[list[int], list[float], dict[int, int | None]]:
    """The computed columns of every line at once (the app sorts by them): each line's group
    (the lines computed alike), each group's t CO2e per unit of a line's quantity (NaN when
    the group failed) and each group's scope (9: exported, counted in no scope; None: failed).

    ``results``: an edit session's results (``session.results``)."""
    inv = results.inventory
    factors = [g.line_factor if g.calc is not None else float("nan") for g in inv.groups]
    scopes = {g.index: (None if g.calc is None else (g.scope or 9)) for g in inv.groups}
    return inv.line_group, factors, scopes


class Workspace:
    """A case, its factor library and, once computed, its inventory (see the module's text)."""

    def __init__(self, case: CaseData | None = None, *, source: Path | None = None, project=None, library=None,
                 session=None):
        if case is None and session is None:
            raise ValueError("a workspace needs a case or an edit session")
        self._case = case
        self.source = source
        self.project = project
        self._library = library
        self.session = session  # the EditSession of an editing workspace, None when read-only
        self.inventory = None
        # why this editing workspace takes no edits (a message id: an exam whose time is up, a
        # submission opened for reading); None: it takes them. Saving stays allowed.
        self.locked: str | None = None
        self.submission = None  # a sealed submission opened for reading: who, what it answers, its seal

    def lock(self, code: str) -> None:
        """Refuse every edit from now on with the message ``code`` (a refused edit, ``CellError``);
        what was edited before is kept and may still be saved."""
        self.locked = code

    # ----------------------------------------------------------- opening (read-only)
    @classmethod
    def open(cls, path: str | Path, *, lang: str = "zh") -> "Workspace":
        """A case workbook, a project or ``demo``, read now (the command line)."""
        path = resolve_input(path, lang)
        if not path.exists():
            raise ValidationFailed([Problem("cli.file_not_found", {"path": str(path)})])
        if path.suffix.lower() == PROJECT_SUFFIX:
            from carbonmgr.storage.store import Project

            project = Project.open(path)
            return cls(project.load_case(), source=path, project=project)
        if path.suffix.lower() == ".cmsub":  # a sealed submission: its case, read from a private copy
            from carbonmgr.training.submission import read_submission

            return cls(read_submission(path).case, source=path)
        return cls(read_case_or_key(path), source=path)

    # ----------------------------------------------------------- opening (editing)
    @classmethod
    def editing(cls, session) -> "Workspace":
        """The workspace of an edit session."""
        src = session.project_path
        if src is None and session.base.get("kind") == "workbook":
            src = Path(session.base["path"])
        return cls(session=session, source=src)

    @classmethod
    def import_workbook(cls, path: str | Path, *, job=None, lang: str = "zh", autosave_dir=None,
                        cancelled: Callable[[], bool] | None = None,
                        stage: Callable[[str], None] | None = None) -> "Workspace":
        """Read a case workbook for editing and compute it (blocking: call it off the GUI thread).

        ``job`` (an :class:`~carbonmgr.editing.session.ImportJob`) reads it in a child process;
        ``cancelled()`` true after the read raises ImportCancelled; ``stage("computing")`` is
        called before the inventory is computed."""
        from carbonmgr.editing.session import EditSession, ImportCancelled

        path = Path(path)
        case = job.run() if job is not None else read_case_or_key(path)
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if stage is not None:
            stage("computing")
        session = EditSession.from_workbook(path, case=case, lang=lang, autosave_dir=autosave_dir)
        session.compute()
        return cls.editing(session)

    @classmethod
    def open_project(cls, path: str | Path, *, lang: str = "zh", autosave_dir=None, read_only: bool = False) -> Future:
        """Open a ``.carbon`` project for editing on the DB thread; the future gives the workspace.

        If another instance edits the project the future fails with ``ProjectInUse``; ``read_only``
        then opens it for reading and Save As."""
        from carbonmgr.editing.session import EditSession

        fut = EditSession.open_project(path, lang=lang, autosave_dir=autosave_dir, read_only=read_only)
        return _resolve_future(fut, cls.editing)

    @classmethod
    def create_project(cls, path: str | Path, *, lang: str = "zh", autosave_dir=None,
                       overwrite: bool = False, essentials: dict | None = None) -> Future:
        """Write a new, empty project and open it for editing; the future gives the workspace.
        ``essentials``: what the New project dialog asked (``title``, ``standard``,
        ``reporting_year``, ``facility_id``, ``facility_name``, ``region``)."""
        from carbonmgr.editing.cases import blank_case
        from carbonmgr.editing.session import EditSession

        case = blank_case(lang, **(essentials or {}))
        fut = EditSession.create_project(path, case, lang=lang, autosave_dir=autosave_dir, overwrite=overwrite)
        return _resolve_future(fut, cls.editing)

    @staticmethod
    def untitled_recoveries(autosave_dir) -> list[dict]:
        """Autosaves of untitled sessions (opened workbooks, the demo) left by a crashed app."""
        from carbonmgr.editing.session import EditSession

        return EditSession.untitled_recoveries(autosave_dir)

    @classmethod
    def from_untitled_recovery(cls, data: dict, *, lang: str = "zh", autosave_dir=None, job=None) -> "Workspace":
        """The recovered session; ``job`` (an ImportJob of its workbook) reads the workbook in a child process."""
        from carbonmgr.editing.session import EditSession

        more = {"case": job.run()} if job is not None and (data.get("base") or {}).get("kind") == "workbook" else {}
        return cls.editing(EditSession.from_untitled_recovery(data, lang=lang, autosave_dir=autosave_dir, **more))

    @staticmethod
    def write_autosave(target: Path, data: dict | None):
        """Write an autosave journal (any thread); see :meth:`EditSession.autosave_data`."""
        from carbonmgr.editing.session import EditSession

        return EditSession.write_autosave(target, data)

    # ------------------------------------------------------------ state
    @property
    def case(self) -> CaseData:
        return self.session.case if self.session is not None else self._case

    @property
    def library(self):
        if self.session is not None:
            return self.session.library
        if self._library is None:
            from carbonmgr.factors.library import default_library

            lib = default_library()
            if self.project is not None:
                lib = self.project.pinned_library(lib)
            self._library = lib
        return self._library

    def snapshot(self) -> "Workspace":
        """A read-only workspace on a copy of the case (same library): outputs are written from it."""
        case = self.session.snapshot() if self.session is not None else copy.deepcopy(self._case)
        return Workspace(case, source=self.source, library=self.library)

    # ------------------------------------------------------------ compute
    def compute(self, *, standard: str | None = None, gwp: str | None = None):
        """The inventory of the case (under ``standard`` / ``gwp`` when given); problems are raised."""
        from carbonmgr.inventory.engine import compute

        if self.session is not None:  # never change the edited case behind the session's back
            return self.snapshot().compute(standard=standard, gwp=gwp)
        if standard:
            self._case.info.standard = standard
        if gwp:
            self._case.info.gwp = gwp
        self.inventory = compute(self._case, self.library)
        return self.inventory

    # ------------------------------------------------------------ outputs
    def write_report(self, path: str | Path, *, lang: str = "zh", standard: str | None = None,
                     progress: Callable[[int, int], Any] | None = None) -> Path:
        """Compute the case (under ``standard``) and write its PDF report to ``path``.

        ``progress(done, total)`` is called as the report is laid out; when it returns False
        nothing is written and ReportCancelled is raised.  Problems of the case are raised
        (ValidationFailed) before anything is written."""
        from carbonmgr.report import write_report

        with _REPORT_LOCK:
            inv = self.compute(standard=standard)
            return write_report(inv, Path(path), lang=lang, standard=inv.standard, progress=progress,
                                library=self.library)

    def export_inventory(self, path: str | Path, *, lang: str = "zh", standard: str | None = None) -> Path:
        """Compute the case (under ``standard``) and write it with its results to an Excel workbook."""
        from carbonmgr.report import export_inventory

        inv = self.compute(standard=standard)
        return export_inventory(inv, Path(path), lang=lang)

    # ------------------------------------------------- factor updates
    def factor_changes(self) -> list[dict]:
        """Factors and GWP values of the saved inventory that differ in today's library."""
        if self.project is None:
            return []
        from carbonmgr.factors.library import default_library

        return self.project.diff_factors(default_library())

    def rerun_with_current_factors(self, *, apply: bool = False) -> dict:
        """Recompute a project with today's factor library (an explicit action).

        Returns the old and new totals and the factor differences; with ``apply`` the new
        inventory is saved as a new run, which then becomes the pinned one.
        """
        from carbonmgr.inventory.engine import compute
        from carbonmgr.factors.library import default_library

        if self.project is None:
            raise ValueError("rerun_with_current_factors needs a project")
        pinned = compute(self.case, self.library)
        current_lib = default_library()
        fresh = compute(self.case, current_lib)
        result = {
            "changes": self.project.diff_factors(current_lib),
            "old_totals": dict(pinned.totals),
            "new_totals": dict(fresh.totals),
            "applied": False,
        }
        if apply:
            self.project.save_inventory(fresh, library=current_lib, keep_previous="factor_update")
            self._library = None
            self.inventory = fresh
            result["applied"] = True
        return result

    # --------------------------------------------------------------- save
    def save_project(self, path: str | Path, *, overwrite: bool = False):
        """Write the case (and its inventory, if computed) to a new project file."""
        from carbonmgr.storage.store import Project

        if self.inventory is None:
            self.compute()
        project = Project.create(Path(path), self.case, self.inventory, overwrite=overwrite)
        project.close()
        return Path(path)

    def close(self):
        """Close the project file; an editing workspace's close runs on the DB thread (a Future)."""
        if self.session is not None:
            return self.session.close()
        if self.project is not None:
            self.project.close()
            self.project = None
        return None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _edit(name: str):
    def operation(self, *args, **kwargs):
        if self.session is None:
            raise ValueError(f"{name}: this workspace is read-only (it has no edit session)")
        if self.locked is not None and name != "save":
            from carbonmgr.editing.fields import CellError

            raise CellError(self.locked)
        return getattr(self.session, name)(*args, **kwargs)

    operation.__name__ = operation.__qualname__ = name
    operation.__doc__ = f"The edit session's ``{name}`` (an editing workspace only)."
    return operation


for _name in EDIT_OPERATIONS:
    setattr(Workspace, _name, _edit(_name))
del _name


__all__ = ["Workspace", "EDIT_OPERATIONS", "line_groups", "factor_library", "write_template", "CarbonMgrError", "ValidationFailed", "demo_path", "resolve_input",
           "PROJECT_SUFFIX", "WORKBOOK_SUFFIXES", "read_workbook"]
