"""The one entry point front ends use (the CLI today, the desktop app tomorrow).

A :class:`Workspace` holds a case (from a case workbook or a project file), computes
its inventory and saves it.  Front ends never reach past it into the importer,
engine or store.
"""
from __future__ import annotations

from pathlib import Path

from .errors import CarbonMgrError, Problem, ValidationFailed
from .model import CaseData

PROJECT_SUFFIX = ".carbon"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def demo_path(lang: str = "zh") -> Path:
    from .paths import demo_dir

    name = "demo_wuhan_zh.xlsx" if lang == "zh" else "demo_wuhan_en.xlsx"
    return demo_dir() / name


def resolve_input(path: str | Path, lang: str = "zh") -> Path:
    """``demo`` (or ``demo-en`` / ``demo-zh``) names a bundled demo case."""
    text = str(path)
    if text in ("demo", "demo-zh", "demo:zh"):
        return demo_path("zh" if text != "demo" else lang)
    if text in ("demo-en", "demo:en"):
        return demo_path("en")
    return Path(path)


def read_workbook(path: Path, library=None):
    """Read a case workbook and check its lines against the factor library.

    Problems of the workbook itself (a quantity that is not a number, an unknown facility)
    and of its lines' meaning (an unknown item, a unit that does not fit) are reported
    together, so that a user fixes everything in one pass.
    """
    from .workbook import read_case

    try:
        return read_case(path)
    except ValidationFailed as exc:
        partial = getattr(exc, "partial_case", None)
        if partial is None:
            raise
        extra = _semantic_problems(partial, exc.problems, library)
        if not extra:
            raise
        merged = sorted(exc.problems + extra, key=lambda p: (p.code == "workbook.too_many_problems",
                                                            p.sheet or "", p.row or 0, len(p.col or ""), p.col or ""))
        raise ValidationFailed(merged) from None


def _semantic_problems(case: CaseData, known: list[Problem], library) -> list[Problem]:
    """Engine problems of the activity lines the importer found sound."""
    from .engine import compute
    from .library import default_library
    from .model import ActivityTable

    acts = case.activities
    if not len(acts) or any(p.row is None for p in known):
        return []  # a missing sheet or column: the lines cannot be judged
    sheet = case.sheet("Activities")
    bad_rows = {p.row for p in known if p.sheet == sheet}
    facility_ids = {f.id for f in case.facilities}
    keep = [i for i in range(len(acts))
            if acts.row[i] not in bad_rows and acts.facility[i] in facility_ids and acts.quantity[i] is not None
            and acts.source[i] is not None and acts.unit[i] is not None]
    sound = ActivityTable(
        [acts.row[i] for i in keep], [acts.facility[i] for i in keep], [acts.source[i] for i in keep],
        [acts.item[i] for i in keep], [acts.quantity[i] for i in keep], [acts.unit[i] for i in keep],
        {k: [col[i] for i in keep] for k, col in acts.options.items()})
    subset = CaseData(info=case.info, facilities=case.facilities, activities=sound, columns=case.columns,
                      sheet_names=case.sheet_names)
    try:
        compute(subset, library or default_library())
    except ValidationFailed as more:
        return [p for p in more.problems if p.sheet == sheet]
    except Exception:  # noqa: BLE001 - the importer's own problems are reported regardless
        return []
    return []


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
            from .store import Project

            project = Project.open(path)
            return cls(project.load_case(), source=path, project=project)
        return cls(read_workbook(path), source=path)

    @property
    def library(self):
        if self._library is None:
            from .library import default_library

            lib = default_library()
            if self.project is not None:
                lib = self.project.pinned_library(lib)
            self._library = lib
        return self._library

    # ------------------------------------------------------------ compute
    def compute(self, *, standard: str | None = None, gwp: str | None = None):
        from .engine import compute

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
        from .library import default_library

        return self.project.diff_factors(default_library())

    def rerun_with_current_factors(self, *, apply: bool = False) -> dict:
        """Recompute a project with today's factor library (an explicit action).

        Returns the old and new totals and the factor differences; with ``apply`` the new
        inventory is saved as a new run, which then becomes the pinned one.
        """
        from .engine import compute
        from .library import default_library

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
        from .store import Project

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
