"""Every line's trace survives the project file (issue 8, item 19): the file keeps one trace template per
group of lines and the lines' quantities, and the trace rebuilt from them is the trace the engine computed,
for every method the demo and the bundled exercises use, in the calculation pane's form (``line``), in
``calc --json``'s form (``iter_lines_json``) and after recomputing with the project's pinned factors (what
``update-factors`` and the report recompute from)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from carbonmgr.common.paths import demo_path
from carbonmgr.factors.library import default_library
from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case
from carbonmgr.storage.store import Project
from carbonmgr.training.exercise import read_exercise

EXERCISES = sorted((Path(__file__).resolve().parents[1] / "resources" / "exercises").glob("*.xlsx"))
CASES = [("demo-zh", lambda: read_case(demo_path("zh"))), ("demo-en", lambda: read_case(demo_path("en")))] + [
    (f"exercise-{p.stem}", lambda p=p: read_exercise(p).key) for p in EXERCISES]

_methods_seen: set[str] = set()


@pytest.mark.parametrize("name, make", CASES, ids=[c[0] for c in CASES])
def test_every_trace_read_back_from_a_project_is_the_computed_trace(name, make, tmp_path):
    case = make()
    lib = default_library()
    inv = compute(case, lib)
    n = len(case.activities)
    assert n and any(g.calc is not None for g in inv.groups), name
    in_memory = [inv.line(i)["trace"] for i in range(n)] + [line.get("trace") for line in inv.extra_lines]
    as_json = [json.loads(text)["trace"] for text in inv.iter_lines_json()]
    path = tmp_path / "p.carbon"
    Project.create(path, case, inv, library=lib).close()
    with Project.open(path) as p:
        stored = [p.line_trace(i) for i in range(len(in_memory))]
        assert p.line_trace(len(in_memory)) is None
        again = compute(p.load_case(), p.pinned_library(default_library()))
    for i, (got, want) in enumerate(zip(stored, in_memory)):
        assert got == want, f"{name}: line {i}"
        assert json.loads(json.dumps(got)) == as_json[i], f"{name}: line {i} (calc --json)"
    recomputed = [again.line(i)["trace"] for i in range(n)] + [line.get("trace") for line in again.extra_lines]
    assert recomputed == stored
    _methods_seen.update(g.calc.method for g in inv.groups if g.calc is not None)


def test_the_cases_above_cover_the_methods_of_the_source_types():
    """The round trip above went through the formulas of combustion, process, fugitive and purchased
    energy lines at least (not only one kind of trace)."""
    if not _methods_seen:
        pytest.skip("run with the round-trip test")
    assert len(_methods_seen) >= 4, sorted(_methods_seen)
