"""Error types and cell-precise problem reports.

The core never formats user-facing text itself: a :class:`Problem` carries a message
id and parameters, and :mod:`carbonmgr.common.i18n` renders it in English or Chinese.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class CarbonMgrError(Exception):
    """Base class of every error the core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    sheet: str | None = None
    row: int | None = None  # 1-based spreadsheet row
    col: str | None = None  # spreadsheet column letters ("E")
    severity: str = "error"  # "error" | "warning"

    @property
    def cell(self) -> str | None:
        if self.sheet is None:
            return None
        if self.row is None:
            return self.sheet
        return f"{self.sheet}!{self.col or ''}{self.row}"

    def render(self, lang: str = "en") -> str:
        from carbonmgr.common.i18n import render_problem

        return render_problem(self, lang)


class ValidationFailed(CarbonMgrError):
    """The input has problems; nothing was imported or written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        return "\n".join(p.render(lang) for p in self.problems)


class ProblemError(CarbonMgrError):
    """An error that is one problem (message id + params), rendered in the user's language."""

    def __init__(self, code: str, **params):
        self.problem = Problem(code, params)
        super().__init__(self.problem.render("en"))

    def render(self, lang: str = "en") -> str:
        return self.problem.render(lang)


class ProjectError(ProblemError):
    """A project file cannot be opened or written (message id + params)."""


def column_letters(index: int) -> str:
    """0-based column index -> spreadsheet letters (0 -> A, 27 -> AB)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
