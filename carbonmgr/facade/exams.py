"""Exams through the facade: packing an exam from a key, reading a package, starting an exam,
submitting a sealed answer and reading a submission back (``carbonmgr exam pack``,
``carbonmgr submit``, the app's exam mode and Instructor page).

The work is done by :mod:`carbonmgr.training.package` and :mod:`carbonmgr.training.submission`;
the front ends reach them only from here.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.inventory.model import CaseData
from carbonmgr.training.package import (EXAM_SUFFIX, ExamDocument, ExamPackage, PackageError, PackResult, Variant,
                                        read_package)
from carbonmgr.training.submission import (SEAL_BROKEN, SEAL_NONE, SEAL_OK, SUBMISSION_SUFFIX, Submission,
                                           SubmissionError, read_submission)

__all__ = ["EXAM_SUFFIX", "SUBMISSION_SUFFIX", "ExamPackage", "ExamDocument", "PackageError", "SubmissionError",
           "Submission", "PackResult", "Variant", "SEAL_OK", "SEAL_BROKEN", "SEAL_NONE", "read_exam",
           "read_submission", "pack_exam", "starting_case", "start_exam_project", "finding_kinds", "class_mistakes",
           "class_scores", "submit", "submit_case"]


def read_exam(path: str | Path) -> ExamPackage:
    """Read and check an exam package (``.cmexam``)."""
    return read_package(path)


def pack_exam(key: str | Path, output: str | Path, *, variants: int | None = None, seed: int | str | None = None,
              overwrite: bool = False, lang: str = "zh") -> PackResult:
    """The exam package of an exercise workbook (or, with ``variants``, a folder of them with their keys)."""
    from carbonmgr.training.package import pack

    return pack(key, output, variants=variants, seed=seed, overwrite=overwrite, lang=lang)


_EMPTY_CODES = {"workbook.required", "workbook.no_rows"}


def starting_case(package: ExamPackage) -> CaseData:
    """The case a trainee starts the exam with: the package's given rows (read by the case workbook
    reader, which checks them) and its source documents; an empty case when nothing is given."""
    from carbonmgr.io.reader import read_workbook
    from carbonmgr.training.package import given_workbook

    case = CaseData()
    if package.given:
        with tempfile.TemporaryDirectory(prefix="carbonmgr-exam-") as folder:
            path = given_workbook(package, Path(folder) / "given.xlsx")
            try:
                case = read_workbook(path)
            except ValidationFailed as exc:
                # nothing given but the case's title and year (no facility, no line): start from that;
                # any other problem of the given rows is the package's and is raised
                if exc.partial_case is None or any(p.code not in _EMPTY_CODES for p in exc.problems):
                    raise
                case = exc.partial_case
    case.info.title = case.info.title or package.title("zh") or package.title("en")
    case.documents = {d.sheet: [list(r) for r in d.rows] for d in package.documents}
    return case


def start_exam_project(package: ExamPackage, path: str | Path) -> Path:
    """Write the trainee's starting project for ``package`` (its given rows and source documents)
    at ``path``; the app opens it for editing like any project."""
    from carbonmgr.storage.store import Project

    Project.create(Path(path), starting_case(package), None, overwrite=True).close()
    return Path(path)


def _load_answer(source: str | Path, lang: str) -> CaseData:
    """The case of a project file or a case workbook."""
    from carbonmgr.facade.workspace import Workspace

    with Workspace.open(source, lang=lang) as ws:
        return ws.case


def submit(source: str | Path, exam: str | Path | ExamPackage, *, trainee_id: str, trainee_name: str | None = None,
           output: str | Path, overwrite: bool = False, lang: str = "zh") -> Path:
    """Seal the answer in ``source`` (a project or a case workbook) as a submission to ``exam``."""
    package = exam if isinstance(exam, ExamPackage) else read_package(exam)
    return submit_case(_load_answer(source, lang), package, trainee_id=trainee_id, trainee_name=trainee_name,
                       output=output, overwrite=overwrite)


def submit_case(case: CaseData, package: ExamPackage, *, trainee_id: str, trainee_name: str | None = None,
                output: str | Path, overwrite: bool = False) -> Path:
    """Seal ``case`` (the app's edited case) as a submission to ``package``."""
    from carbonmgr.training.submission import write_submission

    output = Path(output)
    if output.suffix.lower() != SUBMISSION_SUFFIX:
        raise ValidationFailed([Problem("exam.sub.bad_suffix", {"path": str(output), "suffix": SUBMISSION_SUFFIX})])
    return write_submission(output, case, package=package.identity(), trainee_id=trainee_id,
                            trainee_name=trainee_name, overwrite=overwrite)


# ------------------------------------------------------------------ the class (Instructor page)

def finding_kinds() -> tuple[str, ...]:
    """The kinds of findings, in the gradebook's order."""
    from carbonmgr.training.findings import KINDS

    return tuple(KINDS)


def class_mistakes(results, limit: int = 8) -> list[tuple[str, int]]:
    """(kind, submissions that made it) of the kinds the most graded submissions made, most first."""
    counts: dict[str, int] = {}
    for r in results:
        if not r.graded:
            continue
        for kind in {f.kind for f in r.findings}:
            counts[kind] = counts.get(kind, 0) + 1
    kinds = finding_kinds()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kinds.index(kv[0]) if kv[0] in kinds else 99))
    return ranked[:limit]


def class_scores(results) -> list[tuple[str, int]]:
    """(score band, count) of the graded submissions (the gradebook's bands)."""
    from carbonmgr.training.gradebook import score_distribution

    return score_distribution(results)
