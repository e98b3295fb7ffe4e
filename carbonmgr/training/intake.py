"""Submissions to grade: a case workbook (.xlsx) or a project file (.carbon), read as untrusted
files, with what they say of their trainee. (Sealed submission files extend this.)"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.inventory.model import CaseData

# Case keys naming the trainee (input vocabulary, both languages)
TRAINEE_KEYS: dict[str, tuple[str, ...]] = {
    "trainee": ("trainee", "trainee name", "学员", "学员姓名", "姓名"),
    "trainee_id": ("trainee id", "student id", "学号", "学员编号", "考号"),
}
_KEY_OF = {"".join(name.lower().replace("_", " ").split()): key
           for key, names in TRAINEE_KEYS.items() for name in (key, *names)}


@dataclass
class Submission:
    """A trainee's work, read: their case, who they are (when the file says), and the seal
    (``none`` for a plain workbook or project)."""

    path: Path
    case: CaseData
    trainee: str | None = None
    trainee_id: str | None = None
    seal: str = "none"  # ok | broken | none
    package: str | None = None  # the exam package it answers, when the file says
    meta: dict[str, Any] = field(default_factory=dict)


def trainee_of(case: CaseData) -> tuple[str | None, str | None]:
    """(name, id) of the trainee from the Case sheet's keys (trainee / 学员, trainee_id / 学号)."""
    found: dict[str, str] = {}
    for key, value in case.info.extra.items():
        canonical = _KEY_OF.get("".join(str(key).lower().replace("_", " ").split()))
        if canonical and value not in (None, "") and canonical not in found:
            found[canonical] = str(value).strip()
    return found.get("trainee"), found.get("trainee_id")


def load_submission(path: str | Path) -> Submission:
    """Read a submission: a sealed submission (.cmsub), a project file (.carbon) or a case workbook
    (.xlsx, .xlsm). Raises :class:`ValidationFailed` (or another CarbonMgrError) with the reason
    when it cannot be read. A project file (sealed or not) is read from a private copy with its
    seal checked (:mod:`carbonmgr.training.submission`): ``ok``, ``broken`` or ``none``."""
    from carbonmgr.io import WORKBOOK_SUFFIXES
    from carbonmgr.storage import PROJECT_SUFFIX
    from carbonmgr.training.submission import SUBMISSION_SUFFIX

    path = Path(path)
    if not path.exists():
        raise ValidationFailed([Problem("grade.file_not_found", {"path": str(path)})])
    suffix = path.suffix.lower()
    if suffix in (PROJECT_SUFFIX, SUBMISSION_SUFFIX):
        from carbonmgr.training.submission import read_submission

        sealed = read_submission(path)
        trainee, trainee_id = sealed.trainee_name, sealed.trainee_id
        if sealed.seal == "none":
            trainee, trainee_id = trainee_of(sealed.case)
        return Submission(path=path, case=sealed.case, trainee=trainee or trainee_id, trainee_id=trainee_id,
                          seal=sealed.seal, package=sealed.package_id,
                          meta={k: v for k, v in (("exam_id", sealed.exam_id), ("variant", sealed.variant),
                                                  ("submitted_at", sealed.submitted_at)) if v})
    elif suffix in WORKBOOK_SUFFIXES:
        case = _read_workbook(path)
    else:
        raise ValidationFailed([_not_submission(path)])
    trainee, trainee_id = trainee_of(case)
    return Submission(path=path, case=case, trainee=trainee or trainee_id, trainee_id=trainee_id)


def _not_submission(path: Path) -> Problem:
    """Why a file of another kind is not graded: a spreadsheet saved in a format the reader does not
    take (.ods, an old .xls, an encrypted workbook) says how to save it, whatever its name ends with."""
    from carbonmgr.io.safety import check_workbook_file

    problems = check_workbook_file(path)
    if problems and problems[0].code in _SAVE_AS_CODES:
        return problems[0]
    return Problem("grade.not_submission", {"name": path.name})


_SAVE_AS_CODES = ("workbook.ods", "workbook.legacy_xls", "workbook.encrypted")


def _read_workbook(path: Path) -> CaseData:
    """A case workbook; an exercise workbook whose key holds placeholders of its variables (an
    exercise's key or a variant's key, graded as a submission to check it) is its key with the
    values of its Variables sheet."""
    from carbonmgr.io.workbook import read_case

    try:
        return read_case(path)
    except ValidationFailed as exc:
        from carbonmgr.training.exercise import read_exercise

        try:
            exercise = read_exercise(path)
        except ValidationFailed:
            raise exc from None
        if not exercise.placeholders:
            raise
        return exercise.key
