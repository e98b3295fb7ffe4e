"""Read a case workbook and check its lines against the factor library, so that every
problem of a workbook (of its cells and of its lines' meaning) is reported in one pass."""
from __future__ import annotations

from pathlib import Path

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.inventory.model import CaseData


def read_workbook(path: Path, library=None):
    """Read a case workbook and check its lines against the factor library.

    Problems of the workbook itself (a quantity that is not a number, an unknown facility)
    and of its lines' meaning (an unknown item, a unit that does not fit) are reported
    together, so that a user fixes everything in one pass.
    """
    from carbonmgr.io.workbook import read_case

    try:
        return read_case(path)
    except ValidationFailed as exc:
        partial = getattr(exc, "partial_case", None)
        if partial is None:
            raise
        extra = _semantic_problems(partial, exc.problems, library)
        if not extra:
            raise
        merged = sorted(exc.problems + extra, key=lambda p: (p.code == "workbook.too_many_problems",
                                                            p.sheet or "", p.row or 0, len(p.col or ""), p.col or ""))
        raise ValidationFailed(merged) from None


def _semantic_problems(case: CaseData, known: list[Problem], library) -> list[Problem]:
    """Engine problems of the activity lines the importer found sound."""
    from carbonmgr.inventory.engine import compute
    from carbonmgr.factors.library import default_library
    from carbonmgr.inventory.model import ActivityTable

    acts = case.activities
    if not len(acts) or any(p.row is None for p in known):
        return []  # a missing sheet or column: the lines cannot be judged
    sheet = case.sheet("Activities")
    bad_rows = {p.row for p in known if p.sheet == sheet}
    facility_ids = {f.id for f in case.facilities}
    keep = [i for i in range(len(acts))
            if acts.row[i] not in bad_rows and acts.facility[i] in facility_ids and acts.quantity[i] is not None
            and acts.source[i] is not None and acts.unit[i] is not None]
    sound = ActivityTable(
        [acts.row[i] for i in keep], [acts.facility[i] for i in keep], [acts.source[i] for i in keep],
        [acts.item[i] for i in keep], [acts.quantity[i] for i in keep], [acts.unit[i] for i in keep],
        {k: [col[i] for i in keep] for k, col in acts.options.items()})
    subset = CaseData(info=case.info, facilities=case.facilities, activities=sound, columns=case.columns,
                      sheet_names=case.sheet_names)
    try:
        compute(subset, library or default_library())
    except ValidationFailed as more:
        return [p for p in more.problems if p.sheet == sheet]
    except Exception:  # noqa: BLE001 - the importer's own problems are reported regardless
        return []
    return []
