"""The trainer through the facade: exercise workbooks, grading, gradebooks and feedback
reports, for the command line (``carbonmgr template --exercise``, ``carbonmgr grade``) and
the app's Exercises and Instructor pages."""
from __future__ import annotations

from pathlib import Path


def write_exercise_template(path: str | Path, *, lang: str = "zh") -> Path:
    """Write an exercise workbook to start from (``carbonmgr template --exercise``)."""
    from carbonmgr.training.template import write_exercise_template as write

    write(Path(path), lang=lang)
    return Path(path)


def read_exercise(path: str | Path):
    """An exercise workbook, read and checked (raises ValidationFailed with every problem)."""
    from carbonmgr.training.exercise import read_exercise as read

    return read(Path(path))


def grade_case(exercise, submission, lang: str = "zh", *, hints_revealed=None):
    """Grade one trainee case (a CaseData, e.g. the app's edited case, or a loaded submission)
    against ``exercise``; returns a GradeResult (findings, score, hints)."""
    from carbonmgr.training.grading import grade

    return grade(exercise, submission, lang, hints_revealed=hints_revealed)


def warm_up() -> None:
    """Load what grading uses (the grader, the submission and exercise readers, the workbook
    reader, the factor library), so that the first grading does not: the Instructor page calls
    it on its grading thread when it opens, while the instructor chooses the key and the folder."""
    import importlib.metadata  # noqa: F401
    import carbonmgr.inventory.engine  # noqa: F401
    import carbonmgr.io.abatement  # noqa: F401
    import carbonmgr.io.orders  # noqa: F401
    import carbonmgr.io.safety  # noqa: F401
    import carbonmgr.io.workbook  # noqa: F401
    import carbonmgr.training.gradebook  # noqa: F401
    import carbonmgr.training.grading  # noqa: F401
    import carbonmgr.training.intake  # noqa: F401
    import carbonmgr.training.package  # noqa: F401
    import carbonmgr.training.submission  # noqa: F401
    import carbonmgr.io.reader  # noqa: F401
    import carbonmgr.storage.store  # noqa: F401
    import openpyxl.packaging.extended  # noqa: F401
    import openpyxl.reader.excel  # noqa: F401
    import openpyxl.writer.excel  # noqa: F401
    import python_calamine  # noqa: F401
    from carbonmgr.factors.library import default_library

    default_library()


def grade_submissions(key, paths, *, lang: str = "zh", progress=None, on_result=None):
    """Grade submission files (case workbooks, project files) against ``key`` (an exercise
    workbook's path or an Exercise), in the order given; an unreadable submission is flagged
    in its result and the rest are graded. ``on_result(index, result)`` and ``progress(done,
    total)`` after each one (on the grading thread)."""
    from carbonmgr.training.grading import grade_many

    return grade_many(key, paths, lang, progress, on_result=on_result)


def write_gradebook(results, path: str | Path, *, lang: str = "zh") -> Path:
    """The class gradebook (.xlsx): grades, findings by kind, seals, most common mistakes."""
    from carbonmgr.training.gradebook import write_gradebook as write

    return write(list(results), path, lang)


def write_feedback_reports(results, folder: str | Path, *, lang: str = "zh", title: str = "") -> list[Path]:
    """One feedback PDF per submission in ``folder`` (created if needed), named after the
    submission's file; returns the paths written, in the order of ``results``."""
    from carbonmgr.facade.workspace import _REPORT_LOCK
    from carbonmgr.report.feedback import write_feedback

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for result in results:
        stem = Path(result.submission or "submission").stem or "submission"
        name, n = f"{stem}.feedback.pdf", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.feedback.pdf"
        used.add(name.lower())
        with _REPORT_LOCK:
            written.append(write_feedback(result, folder / name, title=title, lang=lang))
    return written


def trainee_label(result) -> str:
    """The trainee of a graded submission as the gradebook names them (name and ID, else the file)."""
    from carbonmgr.training.gradebook import trainee_label as label

    return label(result)
