"""The class gradebook: one row per submission (trainee, score, findings by kind, seal), the
class's most common mistakes, written to an Excel workbook in one step."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from carbonmgr.common.i18n import translate
from carbonmgr.training.findings import KINDS
from carbonmgr.training.grading import GradeResult


@dataclass
class Mistake:
    """One mistake of the class: a kind of finding on one key source (or setting), how many
    submissions made it, and its explanation as the first of them was told."""

    kind: str
    key_row: int | None
    facility: str
    item: str
    count: int
    share: float  # of the graded submissions
    example: Any  # a Finding


def trainee_label(result: GradeResult) -> str:
    """The trainee as the gradebook names them: their name (and ID), else the file's name."""
    if result.trainee:
        if result.trainee_id and result.trainee_id != result.trainee:
            return f"{result.trainee} ({result.trainee_id})"
        return result.trainee
    return Path(result.submission or "").name or "-"


def common_mistakes(results: Iterable[GradeResult], limit: int = 20) -> list[Mistake]:
    """The mistakes the most submissions made, most frequent first."""
    results = [r for r in results if r.graded]
    counts: Counter = Counter()
    examples: dict[tuple, Any] = {}
    for r in results:
        seen = set()
        for f in r.findings:
            key = (f.kind, f.key_row, f.facility, str(f.item))
            if key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            examples.setdefault(key, f)
    n = len(results) or 1
    out = [Mistake(kind, row, fac, item, c, c / n, examples[(kind, row, fac, item)])
           for (kind, row, fac, item), c in counts.items()]
    out.sort(key=lambda m: (-m.count, KINDS.index(m.kind), m.key_row or 0))
    return out[:limit]


def score_distribution(results: Iterable[GradeResult]) -> list[tuple[str, int]]:
    """(band, count) of the graded scores: 0-59, 60-69, 70-79, 80-89, 90-100."""
    bands = [("0-59", 0, 60), ("60-69", 60, 70), ("70-79", 70, 80), ("80-89", 80, 90), ("90-100", 90, 101)]
    scores = [r.score for r in results if r.graded and r.score is not None]
    return [(name, sum(1 for s in scores if low <= s < high)) for name, low, high in bands]


def write_gradebook(results: list[GradeResult], path: str | os.PathLike, lang: str = "en") -> Path:
    """Write the gradebook of ``results`` to ``path`` (.xlsx), replacing it in one step."""
    import openpyxl

    from carbonmgr.io.fileio import atomic_write
    from carbonmgr.io.workbook import safe_row

    def t(code: str, **params) -> str:
        return translate(code, lang, **params)

    if openpyxl.DEFUSEDXML is not True:  # pragma: no cover - a dependency of the package
        raise RuntimeError("defusedxml must be installed")
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(t("gradebook.sheet.grades"))
    head = [t("gradebook.col.trainee"), t("gradebook.col.trainee_id"), t("gradebook.col.submission"),
            t("gradebook.col.seal"), t("gradebook.col.score"), t("gradebook.col.points"),
            t("gradebook.col.findings"), *(t(f"grade.kind.{k}") for k in KINDS), t("gradebook.col.remark")]
    ws.append(safe_row(ws, head))
    for r in results:
        counts = r.by_kind()
        remark = r.problem_text(lang) if r.problems else ""
        if r.seal == "broken":
            remark = (t("gradebook.seal_broken") + " " + remark).strip()
        if r.package == "other":
            remark = (t("gradebook.other_package") + " " + remark).strip()
        points = f"{r.points_kept:g} / {r.points_possible:g}" if r.graded else ""
        ws.append(safe_row(ws, [r.trainee or "", r.trainee_id or "", Path(r.submission or "").name,
                                t(f"gradebook.seal.{r.seal}"), r.score if r.graded else t("gradebook.ungraded"),
                                points, len(r.findings) if r.graded else "",
                                *((counts[k] if r.graded else "") for k in KINDS), remark[:2000]]))
    ws = book.create_sheet(t("gradebook.sheet.mistakes"))
    ws.append(safe_row(ws, [t("gradebook.col.kind"), t("gradebook.col.key_row"), t("gradebook.col.facility"),
                            t("gradebook.col.item"), t("gradebook.col.count"), t("gradebook.col.share"),
                            t("gradebook.col.explanation")]))
    for m in common_mistakes(results):
        item = m.example.item_name(lang)
        ws.append(safe_row(ws, [t(f"grade.kind.{m.kind}"), m.key_row if m.key_row is not None else "",
                                m.facility, item, m.count, round(m.share, 3), m.example.text(lang)]))
    ws = book.create_sheet(t("gradebook.sheet.distribution"))
    ws.append(safe_row(ws, [t("gradebook.col.band"), t("gradebook.col.count")]))
    for band, count in score_distribution(results):
        ws.append(safe_row(ws, [band, count]))
    with atomic_write(path, code="workbook.write_failed") as tmp:
        book.save(tmp)
    return Path(path)
