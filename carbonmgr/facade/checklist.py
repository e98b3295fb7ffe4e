"""The checklist exercise through the facade (the registry steps: opening accounts, binding the
CCER account, the national compliance offset, the surrender request, the paper form), for the
app's checklist dialog and ``carbonmgr grade --key registry``."""
from __future__ import annotations

from pathlib import Path

from carbonmgr.training.checklist import (ANSWER_SUFFIXES, CHECKLIST_KINDS, Answer, Checklist, ChecklistResult, Step,
                                          bundled_path, grade_answer, grade_files, is_checklist,
                                          read_answer, read_checklist, write_answer)

__all__ = ["ANSWER_SUFFIXES", "CHECKLIST_KINDS", "Answer", "Checklist", "ChecklistResult", "Step", "BUNDLED_NAMES", "bundled_checklist",
           "checklist_key", "grade_steps", "grade_answer_files", "read_answer", "read_checklist", "write_answer"]

BUNDLED_NAMES = ("registry", "registry_checklist")  # ``--key registry``: the bundled registry checklist


def bundled_checklist() -> Checklist:
    """The bundled registry checklist, read and checked."""
    return read_checklist(bundled_path())


def checklist_key(key: str | Path) -> Path | None:
    """The checklist file ``key`` names (a bundled name or a checklist .json), else None."""
    if str(key).strip().lower() in BUNDLED_NAMES:
        return bundled_path()
    path = Path(key)
    return path if is_checklist(path) else None


def grade_steps(checklist: Checklist, steps: list[str], lang: str = "zh", *, trainee: str | None = None
                ) -> ChecklistResult:
    """Grade the steps a trainee chose, in their order (labels or ids)."""
    return grade_answer(checklist, Answer(list(steps), trainee), lang)


def grade_answer_files(checklist: Checklist, paths, *, lang: str = "zh", progress=None) -> list[ChecklistResult]:
    """Grade answer files (JSON or workbooks) in the order given; unreadable ones are flagged."""
    return grade_files(checklist, paths, lang, progress)
