"""Exercises in the app (the trainee's side): the bundled exercises, a practice project made
from an exercise, checking the trainee's work against the exercise's key, the attempts kept.

A practice is an ordinary project file (``.carbon``) that starts from the exercise's given
data and source documents (never the key) and names the exercise it works (``bundled:<name>``
for a bundled exercise, else the workbook's path).  "Check my work" grades a snapshot of the
edited case with the trainer's grader and keeps the attempt (score, findings in both
languages) in the project, on the edit session's DB worker.

Slow parts (reading an exercise, which checks that its key computes; grading, which computes
both inventories) are plain blocking functions: the app runs them on its task pool.
"""
from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from carbonmgr.common.errors import ProjectError
from carbonmgr.common.paths import exercises_dir

BUNDLED = "bundled:"
LANGS = ("zh", "en")


@dataclass(frozen=True)
class ExerciseInfo:
    """What the Exercises page shows of an exercise."""

    ref: str  # "bundled:<name>" or the workbook's path
    path: Path
    titles: dict[str, str]  # lang -> title
    mode: str  # practice | exam
    time_limit: float | None  # minutes
    hand_calculation: bool
    documents: dict[str, str] = field(default_factory=dict, compare=False)  # sheet -> title (zh)
    story: dict[str, list[str]] = field(default_factory=dict, compare=False)  # lang -> the firm's story
    task: dict[str, list[str]] = field(default_factory=dict, compare=False)  # lang -> the task
    document_titles: dict[str, list[str]] = field(default_factory=dict, compare=False)  # lang -> titles

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("zh") or self.titles.get("en") or self.path.stem


@dataclass
class CheckResult:
    """One "Check my work": the score (0-100), and each finding as the app shows it."""

    score: float
    points_possible: float
    findings: list[dict[str, Any]]  # kind, key_row, rows, points, text {zh, en}, and sheet / rows_sheet (below)
    attempts: list[dict[str, Any]] = field(default_factory=list)  # all kept so far, oldest first

    def text(self, i: int, lang: str) -> str:
        return self.findings[i]["text"]["zh" if lang == "zh" else "en"]


# ------------------------------------------------------------------------------ exercises
def bundled_names() -> list[str]:
    return sorted(p.stem for p in exercises_dir().glob("*.xlsx"))


def exercise_path(ref: str) -> Path:
    """The workbook of an exercise reference (as a project stores it: untrusted)."""
    if not isinstance(ref, str) or not ref:
        raise ProjectError("practice.exercise_missing", path=str(ref))
    if ref.startswith(BUNDLED):
        name = ref[len(BUNDLED):]
        if name not in bundled_names():  # only a bundled name: never a path smuggled into the reference
            raise ProjectError("practice.exercise_missing", path=name)
        return exercises_dir() / f"{name}.xlsx"
    path = Path(ref)
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        raise ProjectError("practice.exercise_missing", path=ref)
    return path


def reference_of(path: str | Path) -> str:
    """How a project names the exercise at ``path`` (a bundled one by its name)."""
    path = Path(path)
    try:
        if path.resolve().parent == exercises_dir().resolve() and path.stem in bundled_names():
            return BUNDLED + path.stem
    except OSError:
        pass
    return str(path.resolve())


def case_title(case, lang: str) -> str:
    """A case's title as shown in ``lang``: an exercise's key (its title holds both languages) by
    its brief's title in that language, as the trainee reads it; any other case by its title."""
    from carbonmgr.training.exercise import brief_titles

    return brief_titles(case).get(lang) or case.info.title


def bundled_title(path: str | Path, lang: str) -> str | None:
    """The title (the brief's, in ``lang``) of a bundled exercise's workbook at ``path``: the app
    names a bundled key by it, never by its file of ours; None for any other file."""
    if not reference_of(path).startswith(BUNDLED):
        return None
    titles = _bundled_titles(Path(path).stem)
    return titles.get(lang) or None


@lru_cache(maxsize=16)
def _bundled_titles(name: str) -> dict[str, str]:
    from carbonmgr.io.workbook import read_case
    from carbonmgr.training.exercise import brief_titles

    from carbonmgr.common.errors import ValidationFailed

    try:
        case = read_case(exercises_dir() / f"{name}.xlsx")
    except ValidationFailed as exc:  # a key with placeholders ({{...}}) reads as a partial case
        case = getattr(exc, "partial_case", None)
    return brief_titles(case) if case is not None else {}


def read_exercise(ref_or_path: str | Path):
    """The exercise (key, brief, documents ...), read and checked: raises ValidationFailed."""
    from carbonmgr.training.exercise import read_exercise as read

    text = str(ref_or_path)
    path = exercise_path(text) if text.startswith(BUNDLED) else Path(ref_or_path)
    return read(path)


def _info(ex, ref: str, path: Path) -> ExerciseInfo:
    titles = {lang: ex.brief.text("title", lang) or "" for lang in LANGS}
    return ExerciseInfo(ref=ref, path=path, titles=titles, mode=ex.mode, time_limit=ex.brief.time_limit,
                        hand_calculation=ex.hand_calculation,
                        documents={d.sheet: d.title_in("zh") for d in ex.documents},
                        story={lang: [p for p in ex.brief.text("story", lang) if p] for lang in LANGS},
                        task={lang: [p for p in ex.brief.text("task", lang) if p] for lang in LANGS},
                        document_titles={lang: [d.title_in(lang) for d in ex.documents] for lang in LANGS})


def exercise_info(ref_or_path: str | Path) -> ExerciseInfo:
    """An exercise's title, mode and settings (reads and checks the workbook: slow, a worker's job)."""
    text = str(ref_or_path)
    path = exercise_path(text) if text.startswith(BUNDLED) else Path(ref_or_path)
    return _info(read_exercise(path), reference_of(path), path)


def bundled_exercises() -> list[ExerciseInfo]:
    """The bundled exercises (each read and checked: a worker's job)."""
    return [exercise_info(BUNDLED + name) for name in bundled_names()]


def brief_texts(ex, lang: str) -> dict[str, Any]:
    """The brief in ``lang``: title, story (paragraphs), task (paragraphs), and the documents
    (sheet, title, rows) in the workbook's order."""
    def paras(part):
        v = ex.brief.text(part, lang)
        return [p for p in ([v] if isinstance(v, str) else list(v or [])) if p]

    return {"title": ex.brief.text("title", lang) or "", "story": paras("story"), "task": paras("task"),
            "documents": [(d.sheet, d.title_in(lang), d.rows) for d in ex.documents]}


# ------------------------------------------------------------------------------ practice
def create_practice(ref_or_path: str | Path, project_path: str | Path, *, overwrite: bool = False,
                    lang: str | None = None) -> Path:
    """Write a practice project for an exercise: its given data and source documents (never the
    key), marked with the exercise it works. Blocking (a worker's job); then open it as any
    project. With ``lang``, the project is titled with the brief's title in that language (a
    bilingual exercise's case title holds both)."""
    from carbonmgr.factors.library import default_library
    from carbonmgr.inventory.engine import compute
    from carbonmgr.storage.practice import set_exercise
    from carbonmgr.storage.store import Project

    text = str(ref_or_path)
    path = exercise_path(text) if text.startswith(BUNDLED) else Path(ref_or_path)
    ex = read_exercise(path)
    case = ex.starting_case()
    if lang and ex.brief.text("title", lang):
        case.info.title = ex.brief.text("title", lang)
    lib = default_library()
    inv = compute(case, lib, raise_on_error=False)
    project = Project.create(Path(project_path), case, inv, overwrite=overwrite, library=lib)
    try:
        set_exercise(project, reference_of(path))
    finally:
        project.close()
    return Path(project_path)


def exam_of(ref_or_path: str | Path, output: str | Path) -> Path:
    """The exam package (``.cmexam``, never the key) of an exercise, to take it as an exam in the
    app (exam mode: no feedback, a time limit, Submit). Blocking (a worker's job)."""
    from carbonmgr.facade.exams import pack_exam

    text = str(ref_or_path)
    path = exercise_path(text) if text.startswith(BUNDLED) else Path(ref_or_path)
    result = pack_exam(path, output, overwrite=True)
    return result.packages[0] if result.packages else Path(output)


def practice_of(ws) -> Future:
    """A Future of the exercise reference the open project practises (None if it is no practice)."""
    from carbonmgr.storage.practice import exercise_of

    if ws is None or ws.session is None:
        done: Future = Future()
        done.set_result(None)
        return done
    return ws.session.on_project(exercise_of)


def _finding_dict(f) -> dict[str, Any]:
    """A finding as the app shows and keeps it. ``sheet`` (when not Activities: Equipment or
    Instruments) is the sheet of ``key_row`` and, unless ``rows_sheet`` says otherwise, of the
    trainee's ``rows`` (as in ``carbonmgr grade --json``): the practice panel leads there."""
    out = {"kind": f.kind, "key_row": f.key_row, "rows": [int(r) for r in f.rows], "points": float(f.points),
           "text": {lang: f.text(lang) for lang in LANGS}}
    if f.key_sheet != "Activities":
        out["sheet"] = f.key_sheet
    if f.rows_sheet and f.rows_sheet != f.key_sheet:
        out["rows_sheet"] = f.rows_sheet
    if getattr(f, "field", ""):
        out["field"] = f.field  # an ETS finding's field: the Case key or the unit's field it is on
    return out


def rows_sheet_of(finding: dict[str, Any]) -> str:
    """The sheet of a finding's ``rows`` (the trainee's): Activities, Equipment or Instruments; for an
    ETS finding ETS (a unit's row) or Case (a Case key: its ``field``)."""
    sheet = finding.get("rows_sheet") or finding.get("sheet") or "Activities"
    return sheet if sheet in ("Activities", "Equipment", "Instruments", "ETS", "Case") else "Activities"


def grade_practice(case, ref: str, *, lang: str = "zh", exercise=None) -> CheckResult:
    """Grade the trainee's case (a snapshot: ``ws.session.snapshot()``) against the exercise's key.
    Blocking (a worker's job)."""
    from carbonmgr.training.grading import grade

    ex = exercise if exercise is not None else read_exercise(exercise_path(ref))
    result = grade(ex, case, lang)
    return CheckResult(score=float(result.score if result.score is not None else 0.0),
                       points_possible=float(result.points_possible),
                       findings=[_finding_dict(f) for f in result.findings])


def record_attempt(ws, ref: str, check: CheckResult) -> Future:
    """Keep the attempt in the project (DB worker); a Future of the CheckResult with all attempts."""
    from carbonmgr.storage.practice import add_attempt, attempts

    def job(project):
        if project is None:
            return check
        add_attempt(project, ref, check.score, check.points_possible, check.findings)
        check.attempts = attempts(project)
        return check

    return ws.session.on_project(job)


def practice_attempts(ws) -> Future:
    """A Future of the attempts kept in the open project, oldest first."""
    from carbonmgr.storage.practice import attempts

    return ws.session.on_project(attempts)
