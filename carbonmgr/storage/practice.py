"""A practice project: the exercise a project works and the trainee's checked attempts.

A project made from an exercise (the app's practice mode) names the exercise in the meta key
``exercise`` (``bundled:<name>`` for a bundled one, else the workbook's path), and keeps
each "Check my work" in the table ``practice_attempts``: when, the score, the points
possible and the findings (kind, rows, points and the explanation in both languages).

A project file is untrusted: what is read back is checked (types, sizes); a row that does
not fit is skipped, never shown half-read.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import re
from typing import Any

MAX_ATTEMPTS_SHOWN = 500
MAX_REF = 1000
MAX_FINDINGS_JSON = 2_000_000
_FIELD = re.compile(r"[a-z][a-z0-9_]{0,39}")  # a field's name as the grader gives it (my_allocation, klass ...)


def set_exercise(project, ref: str) -> None:
    """Mark ``project`` as the practice of the exercise ``ref``."""
    if not isinstance(ref, str) or not ref or len(ref) > MAX_REF:
        raise ValueError("an exercise reference is a short text")
    project.set_meta(exercise=ref)


def exercise_of(project) -> str | None:
    """The exercise ``project`` practises (as stored; the caller checks it), or None."""
    if project is None:
        return None
    ref = project.meta().get("exercise")
    if not isinstance(ref, str) or not ref or len(ref) > MAX_REF:
        return None
    return ref


def add_attempt(project, exercise: str, score: float, points_possible: float, findings: list[dict],
                at: str | None = None) -> int:
    """Keep one checked attempt (one transaction); returns its id."""
    at = at or _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    text = json.dumps(findings, ensure_ascii=False)
    if len(text) > MAX_FINDINGS_JSON:
        text = json.dumps(findings[:200], ensure_ascii=False)
    with project.transaction():
        cur = project._db.execute(
            "INSERT INTO practice_attempts (at, exercise, score, points_possible, findings) VALUES (?, ?, ?, ?, ?)",
            [at, exercise, float(score), float(points_possible), text])
        return int(cur.lastrowid)


def _finding(d: Any) -> dict | None:
    if not isinstance(d, dict) or not isinstance(d.get("kind"), str):
        return None
    text = d.get("text")
    if not isinstance(text, dict) or not all(isinstance(text.get(k), str) for k in ("zh", "en")):
        return None
    rows = d.get("rows")
    if not isinstance(rows, list) or not all(isinstance(r, int) and not isinstance(r, bool) for r in rows):
        return None
    points = d.get("points")
    if not isinstance(points, (int, float)) or isinstance(points, bool) or not math.isfinite(points):
        return None
    key_row = d.get("key_row")
    if key_row is not None and (not isinstance(key_row, int) or isinstance(key_row, bool)):
        return None
    out = {"kind": d["kind"][:40], "key_row": key_row, "rows": rows[:1000], "points": float(points),
           "text": {"zh": text["zh"][:4000], "en": text["en"][:4000]}}
    for name in ("sheet", "rows_sheet"):  # where key_row / rows are (the registers, ETS); anything else dropped
        if d.get(name) in ("Equipment", "Instruments", "Activities", "ETS", "Case"):
            out[name] = d[name]
    field = d.get("field")  # an ETS finding's field (a Case key, a unit's field): a plain name, else dropped
    if isinstance(field, str) and _FIELD.fullmatch(field):
        out["field"] = field
    return out


def attempts(project) -> list[dict]:
    """The attempts kept in ``project``, oldest first (at most the last MAX_ATTEMPTS_SHOWN):
    id, at, exercise, score, points_possible, findings."""
    if project is None or "practice_attempts" not in project._db.table_names():
        return []
    rows = project._db.execute(
        "SELECT id, at, exercise, score, points_possible, findings FROM practice_attempts "
        "ORDER BY id DESC LIMIT ?", [MAX_ATTEMPTS_SHOWN]).fetchall()
    out = []
    for id_, at, exercise, score, possible, findings in reversed(rows):
        if not isinstance(at, str) or not isinstance(exercise, str):
            continue
        if not isinstance(score, (int, float)) or not math.isfinite(score) or not 0 <= score <= 100:
            continue
        try:
            data = json.loads(findings) if isinstance(findings, str) and len(findings) <= MAX_FINDINGS_JSON else []
        except ValueError:
            data = []
        items = [f for f in (_finding(d) for d in (data if isinstance(data, list) else [])) if f is not None]
        out.append({"id": id_, "at": at[:40], "exercise": exercise[:MAX_REF], "score": float(score),
                    "points_possible": float(possible) if isinstance(possible, (int, float)) else 0.0,
                    "findings": items})
    return out
