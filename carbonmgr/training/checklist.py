"""Checklist exercises: the trainee picks the steps a procedure needs and puts them in order (the
national ETS registry: opening accounts, binding the CCER account, the national compliance offset,
the surrender request, the paper form; peers.md §2.12, market.md §3).

A checklist is a JSON file (``resources/exercises/registry_checklist.json``, bundled): its title and
task in Chinese and English, the official documents it cites, and its steps, each with a label the
trainee sees (A, B …), its place in the right order (``order``; null for a step that does not
belong), its text, the procedure it is part of, why, and its source document.

An answer is the list of the steps the trainee chose, in their order (labels or ids): a JSON file
``{"trainee": …, "trainee_id": …, "steps": ["C", "F", …]}`` or a workbook whose sheet
``Checklist`` [清单] (else its first sheet) has a column ``step`` [步骤] (one step a row, in order;
optional Case-like rows are not read).  :func:`grade_answer` explains the differences with the
fewest findings, each naming the step, its procedure and its source document:

* ``extra_step``: a step that does not belong (or breaks a rule);
* ``missing_step``: a step of the procedure left out;
* ``wrong_order``: the steps chosen rightly but out of order are those outside the longest run
  that is in order (one finding each, saying which step it must follow);
* ``wrong_step``: a label the checklist does not have, or a step given twice.

Points: 10 per step of the procedure; a missing step costs 10, a step out of order 5, an extra or
unknown step 5. Score = 100 × points kept / points possible (never below 0).
"""
from __future__ import annotations

import json
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.common.i18n import Message
from carbonmgr.training.findings import Finding, Result, Text

CHECKLIST_VERSION = 1
MAX_FILE_BYTES = 1_000_000  # a checklist or an answer file
MAX_STEPS = 200
STEP_POINTS = 10.0
LOSS = {"missing_step": 10.0, "wrong_order": 5.0, "extra_step": 5.0, "wrong_step": 5.0}
CHECKLIST_KINDS = ("missing_step", "extra_step", "wrong_order", "wrong_step")
# the answer sheet and its column, accepted names (input vocabulary, both languages)
ANSWER_SHEETS = ("checklist", "清单", "步骤清单", "答案")
STEP_COLUMNS = ("step", "steps", "步骤", "步骤编号", "编号")
ANSWER_SUFFIXES = (".json", ".xlsx", ".xlsm")


def _fold(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).lower().split())


@dataclass(frozen=True)
class SourceDoc:
    id: str
    title: str
    number: str = ""
    issued: str = ""

    def cite(self) -> str:
        return " ".join(f"{self.title} {self.number} {self.issued}".split())


@dataclass(frozen=True)
class Step:
    id: str
    label: str
    order: int | None  # place in the procedure (1 …); None: does not belong
    text: dict[str, str]
    procedure: dict[str, str]
    why: dict[str, str]
    source: SourceDoc

    def in_lang(self, lang: str) -> str:
        return self.text.get("zh" if lang == "zh" else "en") or self.text.get("en", "")


@dataclass
class Checklist:
    id: str
    title: dict[str, str]
    task: dict[str, str]
    steps: list[Step]  # as the trainee sees them (by label)
    path: Path | None = None

    @property
    def procedure(self) -> list[Step]:
        """The steps that belong, in their order."""
        return sorted((s for s in self.steps if s.order is not None), key=lambda s: s.order)

    def step(self, ref: Any) -> Step | None:
        """A step by its label or its id (case and spaces ignored)."""
        key = _fold(ref)
        return next((s for s in self.steps if _fold(s.label) == key or _fold(s.id) == key), None)

    def title_in(self, lang: str) -> str:
        return self.title.get("zh" if lang == "zh" else "en") or self.title.get("en", "")

    def task_in(self, lang: str) -> str:
        return self.task.get("zh" if lang == "zh" else "en") or self.task.get("en", "")


@dataclass
class Answer:
    steps: list[str]  # labels or ids, in the trainee's order
    trainee: str | None = None
    trainee_id: str | None = None
    path: Path | None = None


@dataclass
class ChecklistResult(Result):
    """The grading of one answer (the fields of ``carbonmgr grade --json``)."""

    KINDS = CHECKLIST_KINDS

    package: str | None = None

    @property
    def score(self) -> float | None:
        if not self.graded:
            return None
        if self.points_possible <= 0:
            return 100.0
        lost = sum(f.points for f in self.findings)
        return round(100.0 * max(0.0, self.points_possible - lost) / self.points_possible, 1)


# ------------------------------------------------------------------------------ reading
def bundled_path() -> Path:
    from carbonmgr.common.paths import exercises_dir

    return exercises_dir() / "registry_checklist.json"


def _load_json(path: Path, what: str) -> Any:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValidationFailed([Problem("checklist.unreadable", {"name": path.name,
                                                                 "detail": exc.strerror or str(exc)})]) from exc
    if size > MAX_FILE_BYTES:
        raise ValidationFailed([Problem("checklist.too_large", {"name": path.name, "limit": "1 MB"})])
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValidationFailed([Problem("checklist.not_json", {"name": path.name, "what": Message(what),
                                                                "detail": str(exc)[:200]})]) from exc


def _texts(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and all(isinstance(value.get(k), str) and value.get(k) for k in ("zh", "en")):
        return {"zh": value["zh"], "en": value["en"]}
    return None


def is_checklist(path: str | Path) -> bool:
    """Is ``path`` a checklist file (JSON whose ``kind`` is ``checklist``)? Unreadable: False."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return False
    try:
        data = _load_json(path, "checklist.what.checklist")
    except ValidationFailed:
        return False
    return isinstance(data, dict) and data.get("kind") == "checklist"


def read_checklist(path: str | Path | None = None) -> Checklist:
    """Read and check a checklist file (the bundled registry checklist when ``path`` is None).
    Raises :class:`ValidationFailed` with every problem, each naming the step."""
    path = Path(path) if path is not None else bundled_path()
    data = _load_json(path, "checklist.what.checklist")
    name = path.name
    problems: list[Problem] = []

    def bad(code: str, **params) -> None:
        problems.append(Problem(code, {"name": name, **params}))

    if not isinstance(data, dict) or data.get("kind") != "checklist":
        raise ValidationFailed([Problem("checklist.not_checklist", {"name": name})])
    version = data.get("version")
    if not isinstance(version, int) or version > CHECKLIST_VERSION or version < 1:
        raise ValidationFailed([Problem("checklist.version", {"name": name, "version": str(version),
                                                             "known": CHECKLIST_VERSION})])
    title, task = _texts(data.get("title")), _texts(data.get("task"))
    if title is None:
        bad("checklist.field", field="title", where="-")
    if task is None:
        bad("checklist.field", field="task", where="-")
    sources: dict[str, SourceDoc] = {}
    for sid, src in (data.get("sources") or {}).items() if isinstance(data.get("sources"), dict) else []:
        if not isinstance(src, dict) or not isinstance(src.get("title"), str) or not src["title"].strip():
            bad("checklist.field", field="title", where=str(sid))
            continue
        sources[sid] = SourceDoc(str(sid), src["title"].strip(), str(src.get("number") or ""),
                                 str(src.get("issued") or ""))
    raw = data.get("steps")
    if not isinstance(raw, list) or not raw or len(raw) > MAX_STEPS:
        raise ValidationFailed(problems + [Problem("checklist.field", {"name": name, "field": "steps",
                                                                       "where": "-"})])
    steps: list[Step] = []
    seen: set[str] = set()
    for n, s in enumerate(raw, start=1):
        where = str(s.get("id")) if isinstance(s, dict) and s.get("id") else f"#{n}"
        if not isinstance(s, dict):
            bad("checklist.field", field="step", where=where)
            continue
        sid, label = s.get("id"), s.get("label")
        texts = {k: _texts(s.get(k)) for k in ("text", "procedure", "why")}
        order = s.get("order")
        missing = [k for k in ("id", "label") if not isinstance(s.get(k), str) or not s.get(k).strip()]
        missing += [k for k, v in texts.items() if v is None]
        if not (order is None or (isinstance(order, int) and not isinstance(order, bool) and order >= 1)):
            missing.append("order")
        if s.get("source") not in sources:
            missing.append("source")
        if missing:
            for k in missing:
                bad("checklist.field", field=k, where=where)
            continue
        for ref in (sid, label):
            if _fold(ref) in seen:
                bad("checklist.duplicate", where=where, value=ref)
            seen.add(_fold(ref))
        steps.append(Step(sid.strip(), label.strip(), order, texts["text"], texts["procedure"], texts["why"],
                          sources[s["source"]]))
    orders = sorted(s.order for s in steps if s.order is not None)
    if orders != list(range(1, len(orders) + 1)):
        bad("checklist.orders", orders=", ".join(map(str, orders)))
    if problems:
        raise ValidationFailed(problems)
    return Checklist(str(data.get("id") or path.stem), title, task, steps, path)


def read_answer(path: str | Path) -> Answer:
    """A trainee's answer: a JSON file (``steps``: a list of labels or ids, ``trainee``,
    ``trainee_id``) or a workbook with a ``step`` [步骤] column. Raises ValidationFailed, located."""
    path = Path(path)
    if not path.exists():
        raise ValidationFailed([Problem("grade.file_not_found", {"path": str(path)})])
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = _load_json(path, "checklist.what.answer")
        steps = data.get("steps") if isinstance(data, dict) else None
        if not isinstance(steps, list) or len(steps) > MAX_STEPS or \
                not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in steps):
            raise ValidationFailed([Problem("checklist.answer_steps", {"name": path.name})])
        who = data.get("trainee"), data.get("trainee_id")
        return Answer([str(x).strip() for x in steps if str(x).strip()],
                      str(who[0]).strip() if who[0] else None, str(who[1]).strip() if who[1] else None, path)
    if suffix in (".xlsx", ".xlsm"):
        return _answer_workbook(path)
    raise ValidationFailed([Problem("grade.not_submission", {"name": path.name})])


def _answer_workbook(path: Path) -> Answer:
    import openpyxl

    from carbonmgr.io.safety import check_workbook_file

    problems = check_workbook_file(path)
    if problems:
        raise ValidationFailed(problems)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged file: say so, located
        raise ValidationFailed([Problem("checklist.unreadable",
                                        {"name": path.name, "detail": type(exc).__name__})]) from exc
    try:
        names = {_fold(n): n for n in wb.sheetnames}
        sheet = next((names[_fold(n)] for n in ANSWER_SHEETS if _fold(n) in names), wb.sheetnames[0])
        rows = [list(row) for row in wb[sheet].iter_rows(values_only=True, max_row=MAX_STEPS + 1, max_col=20)]
    finally:
        wb.close()
    if not rows:
        raise ValidationFailed([Problem("checklist.no_step_column", {"name": path.name, "sheet": sheet})])
    folded = [_fold(_head(h)) for h in rows[0]]
    wanted = {_fold(c) for c in STEP_COLUMNS}
    col = next((i for i, h in enumerate(folded) if h in wanted), None)
    if col is None:
        raise ValidationFailed([Problem("checklist.no_step_column", {"name": path.name, "sheet": sheet})])
    steps = [str(r[col]).strip() for r in rows[1:] if col < len(r) and r[col] not in (None, "")]
    return Answer(steps, None, None, path)


def _head(value: Any) -> str:
    """A header's first name: ``step [步骤]`` → ``step``."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    for sep in ("[", "("):  # full-width brackets are NFKC-normalised above
        text = text.split(sep)[0]
    return text


# ------------------------------------------------------------------------------ grading
def grade_answer(checklist: Checklist, answer: Answer | list[str], lang: str = "en") -> ChecklistResult:
    """The findings of an answer (a list of labels or ids in order, or an :class:`Answer`)."""
    if not isinstance(answer, Answer):
        answer = Answer(list(answer))
    procedure = checklist.procedure
    result = ChecklistResult(points_possible=STEP_POINTS * len(procedure), lang=lang,
                             submission=str(answer.path) if answer.path else None,
                             trainee=answer.trainee or answer.trainee_id, trainee_id=answer.trainee_id)
    chosen: list[tuple[int, Step]] = []  # (the trainee's position, step) of the steps that belong
    used: set[str] = set()
    findings: list[Finding] = []
    for pos, ref in enumerate(answer.steps, start=1):
        step = checklist.step(ref)
        if step is None or step.id in used:
            findings.append(Finding("wrong_step", None, [pos], "", str(ref), LOSS["wrong_step"],
                                    Message("checklist.finding.unknown" if step is None else "checklist.finding.twice",
                                            {"step": str(ref), "position": pos}),
                                    [Message("checklist.hint.wrong_step")], key_sheet="Checklist"))
            continue
        used.add(step.id)
        if step.order is None:
            findings.append(_finding("extra_step", step, [pos], None))
        else:
            chosen.append((pos, step))
    # out of order: the chosen steps outside the longest run that is in order
    keep = _longest_increasing([s.order for _, s in chosen])
    in_order = [chosen[i][1] for i in keep]
    for i, (pos, step) in enumerate(chosen):
        if i in keep:
            continue
        before = max((s for s in in_order if s.order < step.order), key=lambda s: s.order, default=None)
        findings.append(_finding("wrong_order", step, [pos], before))
    for step in procedure:
        if step.id not in used:
            before = max((s for s in procedure if s.order < step.order), key=lambda s: s.order, default=None)
            findings.append(_finding("missing_step", step, [], before))
    findings.sort(key=lambda f: (min(f.rows, default=10 ** 6), f.key_row or 0))
    result.findings = findings
    return result


def _finding(kind: str, step: Step, rows: list[int], before: Step | None) -> Finding:
    after = Message("checklist.value.step", {"label": before.label, "step": Text(before.text["zh"], before.text["en"])}) \
        if before else Message("checklist.value.first")
    params = {"label": step.label, "step": Text(step.text["zh"], step.text["en"]),
              "procedure": Text(step.procedure["zh"], step.procedure["en"]),
              "why": Text(step.why["zh"], step.why["en"]), "source": step.source.cite(), "after": after}
    hints = [Message(f"checklist.hint.{kind}", {"procedure": params["procedure"]}),
             Message("checklist.hint.source", {"source": step.source.cite()})]
    return Finding(kind, step.order, rows, "", step.label, LOSS[kind], Message(f"checklist.finding.{kind}", params),
                   hints, key_sheet="Checklist")


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence of ``values`` (the earliest one)."""
    if not values:
        return set()
    tails: list[int] = []  # values
    tail_idx: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_idx.append(i)
        else:
            tails[k] = v
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k > 0 else -1
    out, i = set(), tail_idx[-1]
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def grade_files(checklist: Checklist, paths, lang: str = "en", progress=None) -> list[ChecklistResult]:
    """Grade answer files in the order given; an unreadable one is flagged and the rest graded."""
    from carbonmgr.common.errors import CarbonMgrError

    out = []
    paths = list(paths)
    for n, path in enumerate(paths):
        try:
            result = grade_answer(checklist, read_answer(path), lang)
        except CarbonMgrError as exc:
            problems = getattr(exc, "problems", None) or [getattr(exc, "problem", None) or
                                                          Problem("grade.unreadable", {"detail": str(exc)})]
            result = ChecklistResult(points_possible=STEP_POINTS * len(checklist.procedure), lang=lang,
                                     problems=list(problems))
        result.submission = str(path)
        out.append(result)
        if progress is not None:
            progress(n + 1, len(paths))
    return out


def write_answer(path: str | Path, steps: list[str], *, trainee: str | None = None,
                 trainee_id: str | None = None) -> Path:
    """Write an answer file (JSON) that :func:`read_answer` reads (the app's "Save answer")."""
    from carbonmgr.io.fileio import write_bytes

    data = {"kind": "checklist_answer", "steps": list(steps), "trainee": trainee, "trainee_id": trainee_id}
    write_bytes(Path(path), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return Path(path)
