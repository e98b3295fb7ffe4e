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
