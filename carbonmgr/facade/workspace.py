"""The one entry point front ends use (the CLI today, the desktop app tomorrow).

A :class:`Workspace` holds a case (from a case workbook or a project file), computes
its inventory and saves it.  Front ends never reach past it into the importer,
engine or store.
"""
from __future__ import annotations

from pathlib import Path

from carbonmgr.io import WORKBOOK_SUFFIXES
from carbonmgr.storage import PROJECT_SUFFIX
from carbonmgr.common.errors import CarbonMgrError, Problem, ValidationFailed
from carbonmgr.common.paths import demo_path, resolve_input
from carbonmgr.inventory.model import CaseData
from carbonmgr.io.reader import read_workbook



class Workspace:
    """A case, its factor library and, once computed, its inventory."""

    def __init__(self, case: CaseData, *, source: Path | None = None, project=None, library=None):
        self.case = case
        self.source = source
        self.project = project
        self._library = library
        self.inventory = None

    # ----------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, *, lang: str = "zh") -> "Workspace":
        path = resolve_input(path, lang)
        if not path.exists():
            raise ValidationFailed([Problem("cli.file_not_found", {"path": str(path)})])
        if path.suffix.lower() == PROJECT_SUFFIX:
            from carbonmgr.storage.store import Project

            project = Project.open(path)
            return cls(project.load_case(), source=path, project=project)
        return cls(read_workbook(path), source=path)

    @property
    def library(self):
        if self._library is None:
            from carbonmgr.factors.library import default_library

            lib = default_library()
            if self.project is not None:
                lib = self.project.pinned_library(lib)
            self._library = lib
        return self._library

    # ------------------------------------------------------------ compute
    def compute(self, *, standard: str | None = None, gwp: str | None = None):
        from carbonmgr.inventory.engine import compute

        if standard:
            self.case.info.standard = standard
        if gwp:
            self.case.info.gwp = gwp
        self.inventory = compute(self.case, self.library)
        return self.inventory

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
            self.project.save_inventory(fresh, library=current_lib)
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

    def close(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


__all__ = ["Workspace", "CarbonMgrError", "ValidationFailed", "demo_path", "resolve_input"]
