"""Sealed submissions (``.cmsub``): a trainee's answer to an exam package.

A submission is a project file (the SQLite file of :mod:`carbonmgr.storage.store`, same
schema as a ``.carbon`` project, opened and checked the same way) whose ``meta`` table also
holds who submitted it, which package it answers and a seal:

``submission_format``  ``1``
``trainee_id``, ``trainee_name``  as typed by the trainee (the ID is required)
``package_id``  the id of the package answered (:func:`carbonmgr.training.package.package_id`)
``exam_id``, ``variant``, ``exam_title``  the exam the package belongs to, for the gradebook
``submitted_at``  UTC time of the submission
``seal``  ``hmac-sha256:<hex>`` over a canonical serialisation of the case as stored
(every field of the case that holds a value: settings, facilities, activity lines with all their
columns, instruments, equipment, ETS units, documents) and of the fields above. A field left empty
is not part of it, so a field that a later version adds does not break an earlier seal.

At grading, :func:`read_submission` loads the case back from the file and recomputes the
seal: an edit made to the case or to the fields above with any SQLite tool changes it
(``broken``). A project file without a seal is ``none``. What the seal can and cannot
prove is written in ``docs/exams.md``: the key is in the program, so it stops casual edits,
not a determined person who reads the code.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import hmac
import json
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonmgr.common.errors import Problem, ProblemError, ProjectError, ValidationFailed
from carbonmgr.common.i18n import Message
from carbonmgr.inventory.model import CaseData

SUBMISSION_SUFFIX = ".cmsub"
SUBMISSION_FORMAT = "1"
MAX_SUBMISSION_BYTES = 200 * 1024 * 1024  # as a case workbook
MAX_ID_CHARS = 64
MAX_NAME_CHARS = 100
MAX_META_CHARS = 1000

# The seal's key. It ships in the program (anyone with the code can compute a seal): the seal
# shows an edit made outside CarbonMgr, it does not stop someone who reads this module.
_SEAL_KEY = b"CarbonMgr submission seal v1 \x8f\x1e\x07\xa4\x9b\x3c\x52\xd6\x11\xe8\x70\x2a\x93\xc5\x4d\x06"
_SEAL_PREFIX = "hmac-sha256:"

# meta keys of a submission, in the order they are sealed (the seal itself is apart)
META_KEYS = ("submission_format", "trainee_id", "trainee_name", "package_id", "exam_id", "variant", "exam_title",
             "submitted_at")

SEAL_OK, SEAL_BROKEN, SEAL_NONE = "ok", "broken", "none"


class SubmissionError(ProblemError):
    """A submission cannot be written or read (message id + params, located by file and field)."""


@dataclass
class Submission:
    """A submission read back: the trainee's case, who and what it answers, and its seal."""

    path: Path
    case: CaseData
    seal: str  # ok | broken | none
    trainee_id: str | None = None
    trainee_name: str | None = None
    package_id: str | None = None
    exam_id: str | None = None
    variant: str | None = None
    exam_title: str | None = None
    submitted_at: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def answers(self, package_id: str | None) -> bool | None:
        """Whether it answers the package ``package_id`` (None: it names no package, or no id to compare)."""
        if not self.package_id or not package_id:
            return None
        return self.package_id == package_id


# ------------------------------------------------------------------ canonical form

def _norm(value: Any) -> Any:
    """A JSON-able value with one spelling per value: 5 and 5.0 alike, dates as ISO text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2 ** 53:
            return int(value)
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (_dt.date, _dt.time, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return _norm(value.total_seconds())
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_norm(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_norm(v) for v in value), key=str)
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return _norm(value.item())
    return str(value)


def _fields(obj: Any) -> dict:
    """The fields of a record (the case settings, a facility, a unit ...) that hold a value: a field
    left empty is left out, so that a field a later version adds (empty in a case that does not use
    it) does not change the seal of a submission made before it existed."""
    return {k: v for k, v in dataclasses.asdict(obj).items() if v is not None}


def canonical_case(case: CaseData, *, legacy: bool = False) -> dict:
    """Every field of a case as plain JSON values (fields and columns left empty are dropped).

    ``legacy``: the form of the first sealed submissions (every field, empty ones too, and no ETS
    units), so that a submission sealed then still reads as intact."""
    acts = case.activities
    fields = dataclasses.asdict if legacy else _fields

    def columns(d: dict[str, list]) -> dict[str, list]:
        return {k: list(col) for k, col in sorted(d.items()) if any(v is not None for v in col)}

    canon = {
        "info": fields(case.info),
        "facilities": [fields(f) for f in case.facilities],
        "activities": {"row": acts.row, "facility": acts.facility, "source": acts.source, "item": acts.item,
                       "quantity": acts.quantity, "unit": acts.unit, "options": columns(acts.options),
                       "extra": columns(acts.extra)},
        "instruments": [fields(i) for i in case.instruments],
        "equipment": [fields(e) for e in case.equipment],
        "documents": case.documents,
        "columns": case.columns,
        "sheet_names": case.sheet_names,
    }
    if not legacy and case.ets is not None and case.ets.units:
        canon["ets"] = [_fields(u) for u in case.ets.units]
    return _norm(canon)


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def compute_seal(case: CaseData, meta: dict[str, str], *, legacy: bool = False) -> str:
    """The seal of a case and its submission fields (``hmac-sha256:<hex>``); ``legacy``: in the form of
    the first sealed submissions (:func:`canonical_case`)."""
    body = canonical_bytes({"meta": {k: meta.get(k, "") for k in META_KEYS}, "case": canonical_case(case, legacy=legacy)})
    return _SEAL_PREFIX + hmac.new(_SEAL_KEY, b"carbonmgr-submission\x00" + body, hashlib.sha256).hexdigest()


def seal_matches(sealed: str, case: CaseData, meta: dict[str, str]) -> bool:
    """Whether ``sealed`` is the seal of ``case`` and ``meta``: in today's form, or in the form of a
    submission sealed before the case gained its ETS units (only when the case has none, so that ETS
    units cannot be edited under an old-form seal)."""
    if hmac.compare_digest(sealed, compute_seal(case, meta)):
        return True
    if case.ets is not None and case.ets.units:
        return False
    return hmac.compare_digest(sealed, compute_seal(case, meta, legacy=True))


# ------------------------------------------------------------------ writing

def _field(name: str) -> Message:
    return Message(f"exam.field.{name}")


def _clean_text(value: str | None, field_name: str, limit: int, *, required: bool) -> str:
    field_name = _field(field_name)
    text = unicodedata.normalize("NFC", (value or "")).strip()
    if required and not text:
        raise SubmissionError("exam.sub.field_required", field=field_name)
    if len(text) > limit:
        raise SubmissionError("exam.sub.field_too_long", field=field_name, limit=limit)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise SubmissionError("exam.sub.field_control", field=field_name)
    return text


def write_submission(path: str | Path, case: CaseData, *, package: dict, trainee_id: str,
                     trainee_name: str | None = None, overwrite: bool = False,
                     now: _dt.datetime | None = None) -> Path:
    """Write ``case`` as a sealed submission to the package described by ``package`` (its
    ``package_id``, ``exam_id``, ``variant``, ``title``: :meth:`ExamPackage.identity`).

    The file is written under a temporary name and renamed into place once sealed: a
    crash never leaves a half-written or unsealed submission at ``path``."""
    from carbonmgr.io.fileio import atomic_write
    from carbonmgr.storage.store import Project

    path = Path(path)
    if path.exists() and not overwrite:
        raise SubmissionError("exam.exists", path=str(path))
    meta = {
        "submission_format": SUBMISSION_FORMAT,
        "trainee_id": _clean_text(trainee_id, "trainee_id", MAX_ID_CHARS, required=True),
        "trainee_name": _clean_text(trainee_name, "trainee_name", MAX_NAME_CHARS, required=False),
        "package_id": str(package.get("package_id") or ""),
        "exam_id": str(package.get("exam_id") or ""),
        "variant": "" if package.get("variant") in (None, "") else str(package.get("variant")),
        "exam_title": str(package.get("title") or "")[:MAX_META_CHARS],
        "submitted_at": (now or _dt.datetime.now(_dt.timezone.utc)).isoformat(timespec="seconds"),
    }
    if not meta["package_id"]:
        raise SubmissionError("exam.sub.field_required", field=_field("package_id"))
    with atomic_write(path, code="file.write_failed", companions=("-journal",)) as tmp:
        project = Project.create(tmp, case, None, overwrite=True)
        try:
            project.set_meta(**meta)
            stored = project.load_case()  # seal the case as it is stored, as grading will read it
            project.set_meta(seal=compute_seal(stored, meta))
        finally:
            project.close()
    return path


# ------------------------------------------------------------------ reading

def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SubmissionError("exam.file_missing", path=str(path)) from None
    except OSError as exc:
        raise SubmissionError("exam.file_unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
    if path.is_dir():
        raise SubmissionError("exam.file_is_folder", path=str(path))
    if size > MAX_SUBMISSION_BYTES:
        raise SubmissionError("exam.sub.too_large", path=str(path), size_mb=f"{size / 2**20:.0f}",
                              limit_mb=f"{MAX_SUBMISSION_BYTES / 2**20:.0f}")


def read_submission(path: str | Path) -> Submission:
    """Read a ``.cmsub`` (or any project file) and check its seal.

    The file is read from a private copy, so grading never changes a trainee's file (not even
    a schema update of an older file). A file that is no project, or whose contents cannot be
    right, raises a :class:`~carbonmgr.common.errors.CarbonMgrError` naming it."""
    from carbonmgr.storage.store import Project

    path = Path(path)
    _check_size(path)
    with tempfile.TemporaryDirectory(prefix="carbonmgr-sub-") as folder:
        copy = Path(folder) / "submission.carbon"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise SubmissionError("exam.file_unreadable", path=str(path), detail=exc.strerror or str(exc)) from None
        try:
            project = Project.open(copy)
        except ProjectError as exc:
            raise _renamed(exc, copy, path) from None
        try:
            try:
                case = project.load_case()
                meta = project.meta()
            except ProjectError as exc:
                raise _renamed(exc, copy, path) from None
            except (ValueError, TypeError, KeyError, UnicodeDecodeError, RecursionError) as exc:
                raise SubmissionError("exam.sub.damaged", path=str(path), detail=type(exc).__name__) from None
            except Exception as exc:  # noqa: BLE001 - sqlite3 and zlib errors of a damaged file
                raise SubmissionError("exam.sub.damaged", path=str(path), detail=type(exc).__name__) from None
        finally:
            project.close()
    return _submission(path, case, meta)


def _renamed(exc: ProjectError, copy: Path, path: Path) -> ProjectError:
    """The store's error about the private copy, naming the trainee's file instead."""
    params = {k: (str(path) if v == str(copy) else v) for k, v in exc.problem.params.items()}
    return ProjectError(exc.problem.code, **params)


def _submission(path: Path, case: CaseData, meta: dict[str, str]) -> Submission:
    fields = {k: meta.get(k) for k in META_KEYS}
    sealed = meta.get("seal")
    if not sealed and not any(fields[k] for k in META_KEYS if k != "submission_format"):
        return Submission(path, case, SEAL_NONE, meta={})
    for key in (*META_KEYS, "seal"):
        value = meta.get(key)
        if value is not None and len(value) > MAX_META_CHARS:
            raise SubmissionError("exam.sub.bad_meta", path=str(path), field=_field(key))
    if fields.get("submission_format") not in (None, "", SUBMISSION_FORMAT):
        raise SubmissionError("exam.sub.newer_format", path=str(path), found=fields["submission_format"][:20],
                              supported=SUBMISSION_FORMAT)
    full = {k: fields[k] or "" for k in META_KEYS}
    if not sealed:
        seal = SEAL_BROKEN  # trainee fields without a seal: the seal was removed
    else:
        seal = SEAL_OK if seal_matches(sealed, case, full) else SEAL_BROKEN
    return Submission(path, case, seal, trainee_id=fields["trainee_id"] or None,
                      trainee_name=fields["trainee_name"] or None, package_id=fields["package_id"] or None,
                      exam_id=fields["exam_id"] or None, variant=fields["variant"] or None,
                      exam_title=fields["exam_title"] or None, submitted_at=fields["submitted_at"] or None,
                      meta=full)


def submission_problem(exc: Exception) -> Problem:
    """The problem to show for a submission that could not be read."""
    if isinstance(exc, (SubmissionError, ProjectError)):
        return exc.problem
    if isinstance(exc, ValidationFailed) and exc.problems:
        return exc.problems[0]
    return Problem("exam.sub.damaged", {"path": "", "detail": type(exc).__name__})


__all__ = ["SUBMISSION_SUFFIX", "Submission", "SubmissionError", "write_submission", "read_submission",
           "compute_seal", "canonical_case", "SEAL_OK", "SEAL_BROKEN", "SEAL_NONE"]
