"""Exams through the facade: packing an exam from a key, reading a package, starting an exam,
submitting a sealed answer and reading a submission back (``carbonmgr exam pack``,
``carbonmgr submit``, the app's exam mode and Instructor page).

The work is done by :mod:`carbonmgr.training.package` and :mod:`carbonmgr.training.submission`;
the front ends reach them only from here.
"""
from __future__ import annotations

import math
import tempfile
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.common.filenames import safe_file_stem
from carbonmgr.inventory.model import CaseData
from carbonmgr.training.package import (EXAM_SUFFIX, ExamDocument, ExamPackage, PackageError, PackResult, Variant,
                                        read_package)
from carbonmgr.training.submission import (SEAL_BROKEN, SEAL_NONE, SEAL_OK, SUBMISSION_SUFFIX, Submission,
                                           SubmissionError, read_submission)

__all__ = ["EXAM_SUFFIX", "SUBMISSION_SUFFIX", "ExamPackage", "ExamDocument", "PackageError", "SubmissionError",
           "Submission", "PackResult", "Variant", "SEAL_OK", "SEAL_BROKEN", "SEAL_NONE", "read_exam",
           "read_submission", "pack_exam", "starting_case", "start_exam_project", "finding_kinds", "class_mistakes",
           "class_scores", "submit", "submit_case", "ExamState", "exam_state", "record_exam", "default_submission_path",
           "submission_file_name", "free_submission_path",
           "open_submission", "SubmissionInfo", "EXAM_LOCKED", "EXAM_SUBMITTED", "SUBMISSION_READ_ONLY"]


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


# ------------------------------------------------------------------ the trainee's exam, kept in their project

EXAM_LOCKED = "exam.locked"  # the refused edit of an exam whose time is up
EXAM_SUBMITTED = "exam.submitted_final"  # the refused edit of an exam already submitted (it is final)
SUBMISSION_READ_ONLY = "exam.sub.read_only"  # the refused edit of a submission opened for reading
_STATE_TEXT_CHARS = 1000  # what a project says about its exam is untrusted: longer texts are left out


@dataclass
class ExamState:
    """What the trainee's project keeps of its exam (meta keys ``exam_*``): when it was first opened
    (the clock runs from then, whatever happens to the app), the trainee's name and ID and the
    submission file as typed, and when the work was submitted and when it was locked (time up)."""

    started_at: float
    trainee_id: str = ""
    trainee_name: str = ""
    submission: str = ""
    submitted_at: str = ""
    locked_at: str = ""


_STATE_KEYS = {"trainee_id": "exam_trainee_id", "trainee_name": "exam_trainee_name",
               "submission": "exam_submission", "submitted_at": "exam_submitted_at", "locked_at": "exam_locked_at"}


def _legacy_start(project_path: Path | None) -> float | None:
    """The start kept beside the project by earlier versions (``<project>.started``)."""
    if project_path is None:
        return None
    try:
        value = float(Path(project_path).with_suffix(".started").read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return value if math.isfinite(value) else None


def exam_state(ws, now: float) -> Future:
    """A Future of the :class:`ExamState` of the open exam project (DB worker). The first call
    records ``now`` (seconds since the epoch) as the start, in the project itself, so that closing
    and reopening the app, or the exam, does not give the time again; a start in the future
    (a clock set back, or an edited file) counts from ``now``."""
    session = ws.session
    legacy = _legacy_start(session.project_path)

    def job(project):
        if project is None:
            return ExamState(started_at=now)
        meta = project.meta()
        try:
            started = float(meta.get("exam_started_at", "nan"))
        except ValueError:
            started = math.nan
        if not math.isfinite(started):
            started = legacy if legacy is not None else now
            project.set_meta(exam_started_at=repr(float(started)))
        started = min(started, now)
        texts = {}
        for attr, key in _STATE_KEYS.items():
            value = meta.get(key, "")
            texts[attr] = value if isinstance(value, str) and len(value) <= _STATE_TEXT_CHARS else ""
        return ExamState(started_at=started, **texts)

    return session.on_project(job)


def record_exam(ws, **values: str) -> Future:
    """Keep fields of the exam's state in the project (``trainee_id``, ``trainee_name``,
    ``submission``, ``submitted_at``, ``locked_at``); a Future (DB worker)."""
    unknown = set(values) - set(_STATE_KEYS)
    if unknown:
        raise ValueError(f"not an exam state field: {sorted(unknown)}")
    meta = {_STATE_KEYS[k]: str(v or "")[:_STATE_TEXT_CHARS] for k, v in values.items()}

    def job(project):
        if project is not None:
            project.set_meta(**meta)

    return ws.session.on_project(job)


def submission_file_name(trainee_id: str = "", trainee_name: str = "", title: str = "") -> str:
    """The name of a submission file (Submit's suggestion, and the file written at time up when the
    trainee chose none): the trainee's ID, their name and the exam's title joined by "-", each made
    safe for any file system by :func:`~carbonmgr.common.filenames.safe_file_stem` (spaces become
    "_"); "submission" when all three are empty. Never an id of the package."""
    parts = (safe_file_stem(p, "") for p in (trainee_id, trainee_name, title))
    return safe_file_stem("-".join(p for p in parts if p), "submission") + SUBMISSION_SUFFIX


def default_submission_path(project: str | Path, trainee_id: str = "", trainee_name: str = "",
                            title: str = "") -> Path:
    """Where a submission goes when the trainee chose no file: beside the exam's project, named
    as :func:`submission_file_name` names it (written to :func:`free_submission_path` of it)."""
    return Path(project).with_name(submission_file_name(trainee_id, trainee_name, title))


def free_submission_path(path: str | Path) -> Path:
    """``path`` if no file is there, else the first of NAME-2, NAME-3 … that is free: a submission
    written where the trainee chose no file never overwrites another."""
    path = Path(path)
    n = 1
    found = path
    while found.exists():
        n += 1
        found = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return found


# ------------------------------------------------------------------ a submission opened in the app

@dataclass
class SubmissionInfo:
    """Who submitted, what it answers and its seal (the banner of a submission opened read-only)."""

    path: Path
    seal: str
    trainee_id: str | None
    trainee_name: str | None
    package_id: str | None
    exam_id: str | None
    variant: str | None
    exam_title: str | None
    submitted_at: str | None


def open_submission(path: str | Path, *, lang: str = "zh"):
    """A submission (``.cmsub``, or a plain project) for reading in the app: its case, read from
    a private copy with the seal checked (the file itself is never opened for writing, nor
    changed), computed, in a workspace that refuses every edit. Blocking: call it off the GUI
    thread. The workspace's ``submission`` is the :class:`SubmissionInfo`."""
    from carbonmgr.editing.session import EditSession
    from carbonmgr.facade.workspace import Workspace

    path = Path(path)
    sub = read_submission(path)
    session = EditSession(sub.case, base={"kind": "submission", "path": str(path.resolve())}, lang=lang)
    session.read_only_reason = "submission"  # the window says "read-only"; Save asks for a new file
    session.compute()
    ws = Workspace.editing(session)
    ws.source = path
    ws.lock(SUBMISSION_READ_ONLY)
    ws.submission = SubmissionInfo(path=path, seal=sub.seal, trainee_id=sub.trainee_id,
                                   trainee_name=sub.trainee_name, package_id=sub.package_id, exam_id=sub.exam_id,
                                   variant=sub.variant, exam_title=sub.exam_title, submitted_at=sub.submitted_at)
    return ws
