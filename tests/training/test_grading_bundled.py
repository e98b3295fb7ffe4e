"""Each bundled exercise grades its own answer (as a case workbook and as a project file) to 100,
and the answer with one line left out to exactly one missing source."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from carbonmgr.inventory.model import ActivityTable
from carbonmgr.io.workbook import write_case
from carbonmgr.storage.store import Project
from carbonmgr.training.exercise import read_exercise
from carbonmgr.training.grading import grade_many

EXERCISES = sorted((Path(__file__).resolve().parents[2] / "resources" / "exercises").glob("*.xlsx"))


@pytest.mark.skipif(not EXERCISES, reason="no bundled exercises")
@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_a_bundled_exercise_grades_its_answer(path, tmp_path):
    exercise = read_exercise(path)
    answer = tmp_path / "answer.xlsx"
    write_case(exercise.key, answer)
    project = tmp_path / "answer.carbon"
    Project.create(project, copy.deepcopy(exercise.key)).close()
    short = copy.deepcopy(exercise.key)
    lines = list(short.activities)
    left_out = lines.pop(0)
    short.activities = ActivityTable.from_lines(lines)
    if any((x.facility, x.source, x.item) == (left_out.facility, left_out.source, left_out.item) for x in lines):
        pytest.skip("the first line's source has more lines")
    write_case(short, tmp_path / "short.xlsx")
    results = grade_many(exercise, [answer, project, tmp_path / "short.xlsx"], "zh")
    assert [r.score for r in results[:2]] == [100.0, 100.0]
    assert [(f.kind, f.key_row) for f in results[2].findings] == [("missing_source", left_out.row)]
