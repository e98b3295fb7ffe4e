"""Exercise workbooks: a case workbook (v1) whose case sheets are the answer key, plus the
trainer's sheets (Brief, Documents, Given, Rubric, Variables). The contract is documented in
``docs/exercise-workbook.md``.

:func:`read_exercise` reads one and reports every problem of it with its cell (the case
reader's problems of the key, the engine's problems of the key's lines and the problems of
each trainer sheet), or returns an :class:`Exercise`; :func:`instantiate` gives the
exercise with other values of its variables (per-trainee variants).
"""
from __future__ import annotations

import copy
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from carbonmgr.common.errors import Problem, ValidationFailed, column_letters
from carbonmgr.common.i18n import Message, register_param_namer, translate
from carbonmgr.common.names import Names, first_chinese, norm
from carbonmgr.inventory.model import (ACTIVITY_OPTIONS, EQUIPMENT_VALUE_FIELDS, MAX_NUMBER, ActivityTable, CaseData,
                                       CaseInfo)
from carbonmgr.training.ets_grading import ANSWER_KEYS as ETS_ANSWER_KEYS, INPUT_TARGETS as ETS_INPUT_TARGETS
from carbonmgr.training.expr import ExprError, PLACEHOLDER, cell_number, cell_value, has_placeholder, names_in

__all__ = ["Exercise", "Brief", "Document", "Given", "Rubric", "RubricRow", "Variable", "read_exercise",
           "instantiate", "EXERCISE_VERSION", "DOCUMENT_KINDS", "TRAINER_SHEETS", "DEFAULT_POINTS",
           "DEFAULT_SETTING_POINTS", "DEFAULT_TOLERANCE", "MODES"]

EXERCISE_VERSION = 1  # the version of the exercise-workbook contract this reader knows
MAX_DOC_ROWS = 2000  # rows of one source document
MAX_DOC_COLUMNS = 100  # columns of one source document
MAX_DOC_CELLS = 500_000  # cells of all source documents together
MAX_TRAINER_ROWS = 5000  # rows of a trainer sheet (Brief, Rubric ...)

# Documented defaults of the rubric (docs/exercise-workbook.md)
DEFAULT_POINTS = 10.0  # per key source
DEFAULT_SETTING_POINTS = 5.0  # per case setting (standard, GWP set, consolidation)
DEFAULT_TOLERANCE = 0.01  # relative
DEFAULT_ARITHMETIC_POINTS = 10.0  # the hand calculation, when the brief asks for one
DEFAULT_EXTRA_SOURCE_POINTS = 5.0  # lost per source the key does not have
DEFAULT_HINT_POINTS = 1.0  # lost per hint revealed

MODES = ("practice", "exam")
SETTING_TARGETS = ("standard", "gwp_set", "consolidation")
SPECIAL_TARGETS = ("default", "arithmetic", "extra_source", "hint")

# canonical trainer sheet -> accepted names (the contract: input vocabulary, both languages)
TRAINER_SHEETS: dict[str, tuple[str, ...]] = {
    "Brief": ("案例说明", "说明", "任务说明"),
    "Documents": ("资料清单", "原始资料", "资料"),
    "Given": ("已知", "已知数据"),
    "Rubric": ("评分", "评分标准"),
    "Variables": ("变量", "变量表"),
}
# column -> (accepted names, required)
TRAINER_COLUMNS: dict[str, dict[str, tuple[tuple[str, ...], bool]]] = {
    "Brief": {"key": (("项目", "键"), True), "zh": (("中文",), False), "en": (("英文", "english"), False),
              "value": (("值", "设置"), False)},
    "Documents": {"sheet": (("工作表", "表"), True), "title": (("标题", "中文标题"), False),
                  "title_en": (("英文标题", "english title"), False), "kind": (("类型", "资料类型"), False)},
    "Given": {"sheet": (("工作表", "表"), True), "rows": (("行", "行号"), True)},
    "Rubric": {"target": (("对象", "评分对象"), True), "points": (("分值", "分数"), False),
               "tolerance": (("容差", "允许误差"), False), "explanation_zh": (("中文说明", "说明"), False),
               "explanation_en": (("英文说明", "explanation"), False), "rule": (("依据", "规则"), False),
               "rule_en": (("英文依据", "rule (en)"), False)},
    "Variables": {"name": (("名称", "变量名"), True), "value": (("值", "默认值"), True),
                  "min": (("最小值",), False), "max": (("最大值",), False), "decimals": (("小数位", "小数位数"), False)},
}
BRIEF_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "名称"), "story": ("背景", "案例背景", "故事"), "task": ("任务",),
    "time_limit": ("时间限制", "限时", "考试时间"), "hand_calculation": ("手工计算", "手算"),
    "mode": ("模式",), "exercise_version": ("版本", "练习版本"),
}
MODE_NAMES: dict[str, tuple[str, ...]] = {"practice": ("练习",), "exam": ("考试",)}
DOCUMENT_KINDS: dict[str, tuple[str, ...]] = {
    "fuel_ledger": ("燃料台账", "燃料消耗台账", "能源台账"),
    "power_bill": ("电费单", "电费账单", "电力账单"),
    "heat_meter": ("热计量", "热力计量", "热表读数", "蒸汽计量"),
    "refrigerant_log": ("制冷剂维护记录", "制冷剂记录", "制冷剂台账"),
    "production_records": ("生产记录", "生产台账", "产量记录"),
    "travel_records": ("差旅记录", "出差记录", "通勤记录"),
    "invoices": ("发票", "采购发票"),
    "lab_report": ("检测报告", "化验报告", "化验单"),
    "other": ("其他",),
}
GIVEN_SHEETS: dict[str, tuple[str, ...]] = {
    "Facilities": ("设施",), "Activities": ("活动数据",), "Instruments": ("电力凭证",),
}
RUBRIC_SHEETS: dict[str, tuple[str, ...]] = {**GIVEN_SHEETS, "Equipment": ("制冷设备",), "ETS": ("配额",)}
ALL_ROWS = ("all", "全部", "所有")
TARGET_NAMES: dict[str, tuple[str, ...]] = {
    "standard": ("核算标准", "标准"), "gwp_set": ("gwp", "全球变暖潜势"), "consolidation": ("合并方法", "组织边界"),
    "default": ("默认",), "arithmetic": ("计算", "手工计算"), "extra_source": ("多报排放源",),
    "hint": ("提示",),
    # the ETS checks (docs/exercise-workbook.md, "ETS exercises"): the inputs, and the answers by their Case keys
    **ETS_INPUT_TARGETS, **ETS_ANSWER_KEYS,
}
_PERCENT = ("%", "％")
_ROW_SEPARATORS = re.compile(r"[,，;；、\s]+")
_TARGET_ROW = re.compile(r"\s*(.+?)\s*[!！]\s*(\d+)\s*")
_YES = ("yes", "y", "true", "1", "是")
_NO = ("no", "n", "false", "0", "否")

# numeric fields of the key that may hold placeholders, per sheet
_NUMERIC_FIELDS = {
    "Activities": {"quantity", *(k for k, kind in ACTIVITY_OPTIONS.items() if kind in ("number", "fraction"))},
    "Instruments": {"quantity", "ef"},
    "Equipment": set(EQUIPMENT_VALUE_FIELDS),  # the register's amounts, kg
}
_FRACTIONS = {k for k, kind in ACTIVITY_OPTIONS.items() if kind == "fraction"}


# ------------------------------------------------------------------------------ names
def _matcher(entries: Mapping[str, Iterable[str]]):
    return Names(entries).match


match_trainer_sheet = _matcher(TRAINER_SHEETS)
_match_brief_key = _matcher(BRIEF_KEYS)
_match_mode = _matcher(MODE_NAMES)
_match_kind = _matcher(DOCUMENT_KINDS)
_match_given_sheet = _matcher(GIVEN_SHEETS)
_match_rubric_sheet = _matcher(RUBRIC_SHEETS)
_match_target = _matcher(TARGET_NAMES)
_ROW_SHEETS = ("Activities", "Instruments", "Equipment", "ETS")  # a Rubric target "<sheet>!<row>"


def vocabulary_names(entries: Mapping[str, Iterable[str]], lang: str) -> list[str]:
    """The names of a vocabulary of the exercise workbook in ``lang``, each read back by the
    workbook's reader as its entry: in Chinese its first Chinese name, in English its words."""
    out = []
    for key, names in entries.items():
        name = (first_chinese(names) or key) if lang == "zh" else key.replace("_", " ")
        out.append(name)
    return out


def _vocabulary(kind: str, lang: str) -> str:
    """``{vocabulary}`` in a message: what a cell of the exercise workbook may hold, named in ``lang``."""
    if kind == "target":
        row = translate("exercise.row_placeholder", lang)
        names = [f"{vocabulary_names({s: RUBRIC_SHEETS[s]}, lang)[0]}!{row}" for s in _ROW_SHEETS]
        names += vocabulary_names({k: TARGET_NAMES[k] for k in TARGET_NAMES}, lang)
    else:
        table = {"mode": MODE_NAMES, "kind": DOCUMENT_KINDS, "given_sheet": GIVEN_SHEETS}.get(kind)
        if table is None:
            return kind
        names = vocabulary_names(table, lang)
    return translate("sep.list", lang).join(names)


register_param_namer("vocabulary", _vocabulary)
_COLUMN_MATCHERS = {sheet: _matcher({k: names for k, (names, _) in cols.items()})
                    for sheet, cols in TRAINER_COLUMNS.items()}


def column_matches(text: Any, name: str, *aliases: str) -> bool:
    """Does the header ``text`` name the column ``name`` (or one of ``aliases``)?"""
    return _matcher({name: aliases})(text) == name


# ------------------------------------------------------------------------------ records
@dataclass
class Brief:
    """The firm's story and the task, in Chinese and English, and the exercise's settings."""

    title: dict[str, str] = field(default_factory=dict)  # lang -> text
    story: list[dict[str, str]] = field(default_factory=list)  # one paragraph per row
    task: list[dict[str, str]] = field(default_factory=list)
    time_limit: float | None = None  # minutes
    hand_calculation: bool = False
    mode: str = "practice"
    version: int = EXERCISE_VERSION
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)  # other keys, kept as read

    def text(self, part: str, lang: str) -> str | list[str]:
        """``title`` (a string) or ``story`` / ``task`` (paragraphs) in ``lang`` (the other
        language where a row has only that one)."""
        other = "en" if lang == "zh" else "zh"
        if part == "title":
            return self.title.get(lang) or self.title.get(other) or ""
        return [p.get(lang) or p.get(other) or "" for p in getattr(self, part)]


@dataclass
class Document:
    """A source document: a sheet shown read-only to the trainee."""

    sheet: str
    title: str = ""  # Chinese
    title_en: str = ""
    kind: str = "other"
    rows: list[list[Any]] = field(default_factory=list)  # cell values, None where empty

    def title_in(self, lang: str) -> str:
        if lang == "en":
            return self.title_en or self.title or self.sheet
        return self.title or self.title_en or self.sheet


@dataclass
class Given:
    """What the trainee starts with: per key sheet, ``"all"`` or the key's row numbers."""

    sheets: dict[str, str | list[int]] = field(default_factory=lambda: {"Facilities": "all"})

    def rows(self, sheet: str, key_rows: Iterable[int]) -> list[int]:
        spec = self.sheets.get(sheet)
        if spec is None:
            return []
        if spec == "all":
            return list(key_rows)
        wanted = set(spec)
        return [r for r in key_rows if r in wanted]


@dataclass
class RubricRow:
    target: str
    points: float | None = None
    tolerance: float | None = None
    explanation_zh: str = ""
    explanation_en: str = ""
    rule: str = ""  # Chinese, or the one text for both languages
    row: int = 0  # row of the Rubric sheet (0: a default)
    rule_en: str = ""  # English, when the rule is given in both

    def explanation(self, lang: str) -> str:
        if lang == "en":
            return self.explanation_en or self.explanation_zh
        return self.explanation_zh or self.explanation_en


@dataclass
class Rubric:
    """Points, tolerance, explanation and rule per key row, case setting or special target."""

    rows: dict[str, RubricRow] = field(default_factory=dict)  # target -> row ("Activities!5", "standard" ...)

    @property
    def default(self) -> RubricRow:
        return self.rows.get("default") or RubricRow("default")

    def tolerance(self, target: str) -> float:
        own = self.rows.get(target)
        if own is not None and own.tolerance is not None:
            return own.tolerance
        d = self.default.tolerance
        return DEFAULT_TOLERANCE if d is None else d

    def points(self, target: str) -> float:
        own = self.rows.get(target)
        if own is not None and own.points is not None:
            return own.points
        if target in SETTING_TARGETS:
            return DEFAULT_SETTING_POINTS
        if target == "arithmetic":
            return DEFAULT_ARITHMETIC_POINTS
        if target == "extra_source":
            return DEFAULT_EXTRA_SOURCE_POINTS
        if target == "hint":
            return DEFAULT_HINT_POINTS
        d = self.default.points
        return DEFAULT_POINTS if d is None else d

    def row(self, target: str) -> RubricRow | None:
        return self.rows.get(target)


@dataclass
class Variable:
    name: str
    value: float
    min: float
    max: float
    decimals: int = 2
    row: int = 0


@dataclass
class Placeholder:
    """A key cell holding a placeholder expression."""

    sheet: str  # canonical: Activities | Instruments
    row: int  # spreadsheet row
    field: str
    text: str
    cell: str  # where it is, as the workbook names it ("活动数据!D5")


@dataclass
class Exercise:
    """An exercise: its answer key (a case) and the trainer's sheets."""

    key: CaseData
    brief: Brief = field(default_factory=Brief)
    documents: list[Document] = field(default_factory=list)
    given: Given = field(default_factory=Given)
    rubric: Rubric = field(default_factory=Rubric)
    variables: list[Variable] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)  # the variables' values of this instance
    path: Path | None = None
    template_documents: list[Document] = field(default_factory=list, repr=False)  # with placeholders
    template_key: CaseData | None = field(default=None, repr=False)
    # every sheet of the workbook other than the case's (trainer sheets and documents), as read
    workbook_sheets: dict[str, list] = field(default_factory=dict, repr=False)

    @property
    def mode(self) -> str:
        return self.brief.mode

    @property
    def hand_calculation(self) -> bool:
        return self.brief.hand_calculation

    def document(self, sheet: str) -> Document | None:
        return next((d for d in self.documents if d.sheet == sheet), None)

    def starting_case(self) -> CaseData:
        """The case the trainee starts from: the given facilities, lines and instruments, the
        case's title and reporting year, and the source documents."""
        key = self.key
        info = CaseInfo(title=key.info.title, reporting_year=key.info.reporting_year)
        fac_rows = list(range(2, len(key.facilities) + 2))
        given_fac = set(self.given.rows("Facilities", fac_rows))
        facilities = [copy.deepcopy(f) for r, f in zip(fac_rows, key.facilities) if r in given_fac]
        acts = key.activities
        keep = set(self.given.rows("Activities", acts.row))
        table = ActivityTable.from_lines(line for line in acts if line.row in keep)
        instruments = [copy.deepcopy(i) for i in key.instruments
                       if i.row in set(self.given.rows("Instruments", [x.row for x in key.instruments]))]
        return CaseData(info=info, facilities=facilities, activities=table, instruments=instruments,
                        documents={d.sheet: copy.deepcopy(d.rows) for d in self.documents},
                        sheet_names={}, columns={})


# ------------------------------------------------------------------------------ reading
def read_exercise(path: str | Path) -> Exercise:
    """Read an exercise workbook; raise :class:`ValidationFailed` listing every problem
    (of the key and of the trainer sheets), each with its cell."""
    from carbonmgr.io.workbook import read_case

    path = Path(path)
    key_failure: ValidationFailed | None = None
    try:
        case = read_case(path)
    except ValidationFailed as exc:
        case = getattr(exc, "partial_case", None)
        if case is None:
            raise
        key_failure = exc
    reader = _TrainerReader(path, case)
    placeholders = reader.key_placeholders()
    ph_cells = {(case.sheet(p.sheet), p.row, p.cell.rsplit("!", 1)[1].rstrip("0123456789")) for p in placeholders}
    problems: list[Problem] = []
    if key_failure is not None:
        problems += [p for p in key_failure.problems if (p.sheet, p.row, p.col) not in ph_cells]
    exercise = reader.read(placeholders)
    problems += reader.problems
    problems = _with_formulas_without_value(path, case, problems)
    if problems:
        raise ValidationFailed(_sorted(problems, case))
    exercise.path = path
    try:
        exercise = instantiate(exercise)
    except ValidationFailed as exc:
        raise ValidationFailed(_sorted(exc.problems, case)) from None
    _check_key_computes(exercise)
    return exercise


def read_case_or_key(path: str | Path, library=None) -> CaseData:
    """A case workbook, read as :func:`carbonmgr.io.reader.read_workbook` reads it; an exercise
    workbook whose key holds ``{{…}}`` placeholders (its Variables sheet, or a variant key that
    ``exam pack --variants`` wrote) reads as its key at the values of its Variables sheet, so an
    instructor can compute, open and report it. Any other problem is raised as it was, and so is a
    placeholder in a workbook without the trainer's sheets; an exercise workbook that is not sound
    raises the exercise's own problems."""
    from carbonmgr.io.reader import read_workbook
    from carbonmgr.io.workbook import sheet_names

    try:
        return read_workbook(Path(path), library)
    except ValidationFailed as exc:
        if not any(has_placeholder(v) for p in exc.problems for v in p.params.values() if isinstance(v, str)):
            raise
        if not {match_trainer_sheet(n) for n in sheet_names(path)} & {"Brief", "Variables"}:
            raise  # no exercise: "{{x}}" is a value that is not a number, as any other
        exercise = read_exercise(path)
    key = copy.copy(exercise.key)
    documents = {d.sheet: d.rows for d in exercise.documents}  # at the variables' values
    key.documents = {name: documents.get(name, rows) for name, rows in exercise.workbook_sheets.items()}
    return key


def brief_titles(case: CaseData) -> dict[str, str]:
    """The title of an exercise's brief per language (``{"zh": ..., "en": ...}``, the other
    language where one is missing), as a trainee reads it, for a key workbook read as a case;
    empty when the workbook has no Brief sheet (it is no exercise) or its brief has no title."""
    reader = _TrainerReader(Path(), case)
    if "Brief" not in reader.found:
        return {}
    brief = reader._brief()
    if not brief.title:
        return {}
    return {lang: str(brief.text("title", lang)) for lang in ("zh", "en")}


def _with_formulas_without_value(path: Path, case: CaseData, problems: list[Problem]) -> list[Problem]:
    """The trainer sheets and source documents are read as they are: a formula saved without its value
    there (an exercise written with openpyxl) would give trainees an empty cell, or a variable no value.
    Each is a problem at its cell, in place of what was said of that cell as if it were empty."""
    from carbonmgr.io.workbook import formulas_without_value

    try:
        found = formulas_without_value(path, list(case.documents))
    except (OSError, ValueError, KeyError, SyntaxError, zipfile.BadZipFile):  # reported by the case reader
        return problems
    cells = {(p.sheet, p.row, p.col) for p in found}
    return [p for p in problems if (p.sheet, p.row, p.col) not in cells] + found


def _sorted(problems: list[Problem], case: CaseData) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.sheet or "", p.row or 0, len(p.col or ""), p.col or ""))[:1000]


def _check_key_computes(exercise: Exercise) -> None:
    """The key must compute: its lines' items, units and factors are checked by the engine."""
    from carbonmgr.inventory.engine import compute

    compute(exercise.key)


class _TrainerReader:
    def __init__(self, path: Path, case: CaseData):
        self.path = path
        self.case = case
        self.problems: list[Problem] = []
        self.found: dict[str, str] = {}  # canonical trainer sheet -> sheet name
        for name in case.documents:
            canonical = match_trainer_sheet(name)
            if canonical is None:
                continue
            if canonical in self.found:
                self.add("exercise.sheet_duplicate", None, None, None, first=self.found[canonical], second=name)
            else:
                self.found[canonical] = name

    def add(self, code: str, where: str | None, row: int | None, col: str | None, /, **params) -> None:
        self.problems.append(Problem(code, params, sheet=where, row=row, col=col))

    # -- key placeholders -----------------------------------------------------------------------
    def key_placeholders(self) -> list[Placeholder]:
        """Cells of the key's sheets holding ``{{...}}`` (read from the file: the case reader
        keeps no text of a numeric cell)."""
        from python_calamine import CalamineWorkbook

        out: list[Placeholder] = []
        sheets = {c: n for c, n in self.case.sheet_names.items() if c in ("Case", "Facilities", "Activities",
                                                                          "Instruments", "Equipment")}
        if not sheets:
            return out
        try:
            book = CalamineWorkbook.from_path(str(self.path))
        except Exception:  # noqa: BLE001 - the case reader has reported the file already
            return out
        try:
            for canonical, name in sheets.items():
                try:
                    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                except Exception:  # noqa: BLE001 - reported by the case reader
                    continue
                letters = {v: k for k, v in self.case.columns.get(canonical, {}).items()}
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        if not has_placeholder(value):
                            continue
                        letter = column_letters(c)
                        fieldname = letters.get(letter)
                        if canonical not in _NUMERIC_FIELDS or fieldname not in _NUMERIC_FIELDS[canonical]:
                            self.add("exercise.placeholder_not_here", name, r + 1, letter, value=_show(value))
                            continue
                        out.append(Placeholder(canonical, r + 1, fieldname, str(value).strip(),
                                               f"{name}!{letter}{r + 1}"))
        finally:
            book.close()
        return out

    # -- trainer sheets ---------------------------------------------------------------------------
    def read(self, placeholders: list[Placeholder]) -> Exercise:
        case = self.case
        brief = self._brief()
        variables = self._variables()
        documents = self._documents()
        given = self._given()
        rubric = self._rubric()
        known = {v.name for v in variables}
        for ph in placeholders:
            for name in self._names(ph.text, ph.cell.rsplit("!", 1)[0], ph.row, _col_of(ph.cell)):
                if name not in known:
                    self.add("exercise.unknown_variable", ph.cell.rsplit("!", 1)[0], ph.row, _col_of(ph.cell),
                             name=name)
        for doc in documents:
            for r, row in enumerate(doc.rows):
                for c, value in enumerate(row):
                    if has_placeholder(value):
                        for name in self._names(value, doc.sheet, r + 1, column_letters(c)):
                            if name not in known:
                                self.add("exercise.unknown_variable", doc.sheet, r + 1, column_letters(c), name=name)
        key = copy.copy(case)
        key.documents = {}
        template_key = copy.deepcopy(key)
        return Exercise(key=key, brief=brief, documents=documents, given=given, rubric=rubric,
                        variables=variables, placeholders=placeholders, template_documents=documents,
                        template_key=template_key, workbook_sheets=dict(case.documents))

    def _names(self, text: str, sheet: str, row: int, col: str) -> list[str]:
        """Variable names of a placeholder cell; a malformed placeholder is a problem."""
        for m in PLACEHOLDER.finditer(text):
            inner = m.group(1)
            try:
                cell_number("{{" + inner + "}}", _Any())
            except ExprError as exc:
                self.add(exc.code, sheet, row, col, **exc.params)
        if text.count("{{") != len(PLACEHOLDER.findall(text)):
            self.add("exercise.expr_syntax", sheet, row, col)
        return names_in(text)

    def _table(self, canonical: str) -> tuple[str, list[tuple[int, dict[str, Any]]], dict[str, str]] | None:
        """(sheet name, [(row number, {column: value})], {column: letter}) of a trainer sheet."""
        name = self.found.get(canonical)
        if name is None:
            return None
        rows = self.case.documents.get(name) or []
        if len(rows) > MAX_TRAINER_ROWS:
            self.add("exercise.sheet_too_large", name, None, None, rows=len(rows), limit=MAX_TRAINER_ROWS)
            return None
        if not rows or all(_blank(v) for v in rows[0]):
            self.add("exercise.sheet_no_header", name, 1, None)
            return None
        match = _COLUMN_MATCHERS[canonical]
        index: dict[str, int] = {}
        for i, cell in enumerate(rows[0]):
            if _blank(cell):
                continue
            col = match(cell)
            if col is None:
                continue  # other columns are notes of the trainer's: kept out of the exercise
            if col in index:
                self.add("exercise.column_duplicate", name, 1, column_letters(i), column=str(cell).strip(),
                         first=column_letters(index[col]))
                continue
            index[col] = i
        missing = [c for c, (_, req) in TRAINER_COLUMNS[canonical].items() if req and c not in index]
        for col in missing:
            self.add("exercise.column_missing", name, 1, None, column=_col(col),
                     found=[f'"{str(c).strip()}"' for c in rows[0] if not _blank(c)] or ["-"])
        if missing:
            return None
        out = []
        for r in range(1, len(rows)):
            row = rows[r]
            if all(_blank(v) for v in row):
                continue
            out.append((r + 1, {c: (row[i] if i < len(row) else None) for c, i in index.items()}))
        return name, out, {c: column_letters(i) for c, i in index.items()}

    def _brief(self) -> Brief:
        brief = Brief()
        table = self._table("Brief")
        if table is None:
            if "Brief" not in self.found:
                self.add("exercise.sheet_missing", None, None, None, sheet=Message("exercise.sheet.Brief"))
            return brief
        name, rows, letters = table
        seen: dict[str, int] = {}
        for r, cells in rows:
            raw = cells.get("key")
            key = _match_brief_key(raw) if not _blank(raw) else None
            if key is None:
                if _blank(raw):
                    self.add("exercise.brief_key_missing", name, r, letters["key"])
                else:
                    brief.extra[str(raw).strip()] = {k: v for k, v in cells.items() if k != "key"}
                continue
            texts = {lang: _text(cells.get(lang)) for lang in ("zh", "en")}
            texts = {k: v for k, v in texts.items() if v}
            value = cells.get("value")
            if key in ("story", "task"):
                if texts:
                    getattr(brief, key).append(texts)
                continue
            if key in seen:
                self.add("exercise.brief_key_duplicate", name, r, letters["key"], key=str(raw).strip(), first=seen[key])
                continue
            seen[key] = r
            letter = letters.get("value", letters["key"])
            if key == "title":
                brief.title = texts or ({"zh": _text(value), "en": _text(value)} if _text(value) else {})
            elif key == "time_limit":
                if not _blank(value):
                    x = _number(value)
                    if x is None or x <= 0 or x > 24 * 60:
                        self.add("exercise.bad_time_limit", name, r, letter, value=_show(value))
                    else:
                        brief.time_limit = x
            elif key == "hand_calculation":
                if not _blank(value):
                    b = _bool(value)
                    if b is None:
                        self.add("exercise.bad_yes_no", name, r, letter, value=_show(value))
                    else:
                        brief.hand_calculation = b
            elif key == "mode":
                if not _blank(value):
                    mode = _match_mode(value)
                    if mode is None:
                        self.add("exercise.bad_mode", name, r, letter, value=_show(value), vocabulary="mode")
                    else:
                        brief.mode = mode
            elif key == "exercise_version":
                if not _blank(value):
                    x = _number(value)
                    if x is None or not float(x).is_integer() or x < 1:
                        self.add("exercise.bad_version", name, r, letter, value=_show(value))
                    elif x > EXERCISE_VERSION:
                        self.add("exercise.newer_version", name, r, letter, version=int(x), known=EXERCISE_VERSION)
                    else:
                        brief.version = int(x)
        if not brief.title:
            brief.title = {"zh": self.case.info.title, "en": self.case.info.title} if self.case.info.title else {}
        return brief

    def _documents(self) -> list[Document]:
        table = self._table("Documents")
        if table is None:
            return []
        name, rows, letters = table
        sheets = [n for n in self.case.documents if n not in self.found.values()]
        out: list[Document] = []
        seen: dict[str, int] = {}
        total = 0
        for r, cells in rows:
            sheet = _text(cells.get("sheet"))
            if not sheet:
                self.add("exercise.required", name, r, letters["sheet"], column=_col("sheet"))
                continue
            actual = next((s for s in sheets if s == sheet), None) or \
                next((s for s in sheets if norm(s) == norm(sheet)), None)
            if actual is None:
                self.add("exercise.document_missing", name, r, letters["sheet"], value=sheet,
                         found=[f'"{s}"' for s in sheets] or ["-"])
                continue
            if actual in seen:
                self.add("exercise.document_duplicate", name, r, letters["sheet"], value=sheet, first=seen[actual])
                continue
            seen[actual] = r
            kind = "other"
            raw_kind = cells.get("kind")
            if not _blank(raw_kind):
                kind = _match_kind(raw_kind)
                if kind is None:
                    self.add("exercise.bad_kind", name, r, letters["kind"], value=_show(raw_kind),
                             vocabulary="kind")
                    kind = "other"
            cells_rows = self.case.documents.get(actual) or []
            while cells_rows and all(_blank(v) for v in cells_rows[-1]):
                cells_rows = cells_rows[:-1]
            width = max((len(x) for x in cells_rows), default=0)
            while width and all(len(x) < width or _blank(x[width - 1]) for x in cells_rows):
                width -= 1
            if len(cells_rows) > MAX_DOC_ROWS or width > MAX_DOC_COLUMNS:
                self.add("exercise.document_too_large", actual, None, None, rows=len(cells_rows), columns=width,
                         max_rows=MAX_DOC_ROWS, max_columns=MAX_DOC_COLUMNS)
                continue
            total += len(cells_rows) * width
            if total > MAX_DOC_CELLS:
                self.add("exercise.documents_too_large", name, r, letters["sheet"], limit=MAX_DOC_CELLS)
                break
            out.append(Document(actual, _text(cells.get("title")) or "", _text(cells.get("title_en")) or "", kind,
                                [list(x[:width]) for x in cells_rows]))
        return out

    def _given(self) -> Given:
        table = self._table("Given")
        if table is None:
            return Given()
        name, rows, letters = table
        given = Given(sheets={})
        key_rows = {
            "Facilities": list(range(2, len(self.case.facilities) + 2)),
            "Activities": list(self.case.activities.row),
            "Instruments": [i.row for i in self.case.instruments],
        }
        for r, cells in rows:
            raw = cells.get("sheet")
            sheet = _match_given_sheet(raw) if not _blank(raw) else None
            if sheet is None:
                self.add("exercise.bad_given_sheet", name, r, letters["sheet"], value=_show(raw),
                         vocabulary="given_sheet")
                continue
            spec = cells.get("rows")
            text = _text(spec) or ""
            if norm(text) in {norm(a) for a in ALL_ROWS}:
                given.sheets[sheet] = "all"
                continue
            numbers = _row_list(spec)
            if numbers is None:
                self.add("exercise.bad_rows", name, r, letters["rows"], value=_show(spec))
                continue
            unknown = [n for n in numbers if n not in set(key_rows[sheet])]
            if unknown:
                self.add("exercise.given_row_unknown", name, r, letters["rows"], rows=unknown,
                         sheet=self.case.sheet(sheet))
                continue
            prev = given.sheets.get(sheet)
            if prev != "all":
                given.sheets[sheet] = sorted(set(prev or []) | set(numbers))
        return given

    def _rubric(self) -> Rubric:
        table = self._table("Rubric")
        rubric = Rubric()
        if table is None:
            return rubric
        name, rows, letters = table
        act_rows = set(self.case.activities.row)
        act_sheet = self.case.sheet("Activities")
        for r, cells in rows:
            raw = _text(cells.get("target"))
            target = None
            if raw:
                m = _TARGET_ROW.fullmatch(raw)
                sheet = None
                if m:
                    sheet = "Activities" if norm(m.group(1)) == norm(act_sheet) else \
                        "Instruments" if norm(m.group(1)) == norm(self.case.sheet("Instruments")) else \
                        "Equipment" if norm(m.group(1)) == norm(self.case.sheet("Equipment")) else \
                        "ETS" if norm(m.group(1)) == norm(self.case.sheet("ETS")) else \
                        _match_rubric_sheet(m.group(1))
                if sheet in ("Activities", "Instruments", "Equipment", "ETS"):
                    row = int(m.group(2))
                    known = act_rows if sheet == "Activities" else {i.row for i in self.case.instruments} \
                        if sheet == "Instruments" else {e.row for e in self.case.equipment} \
                        if sheet == "Equipment" else {u.row for u in (self.case.ets.units if self.case.ets else [])}
                    if row not in known:
                        self.add("exercise.rubric_row_unknown", name, r, letters["target"], value=raw,
                                 sheet=self.case.sheet(sheet))
                        continue
                    target = f"{sheet}!{row}"
                else:
                    target = _match_target(raw)
            if target is None:
                self.add("exercise.bad_target", name, r, letters["target"], value=_show(cells.get("target")),
                         vocabulary="target")
                continue
            if target in rubric.rows:
                self.add("exercise.rubric_duplicate", name, r, letters["target"], value=raw,
                         first=rubric.rows[target].row)
                continue
            points = None
            if not _blank(cells.get("points")):
                points = _number(cells.get("points"))
                if points is None or points < 0 or points > 1000:
                    self.add("exercise.bad_points", name, r, letters["points"], value=_show(cells.get("points")))
                    continue
            tolerance = None
            if not _blank(cells.get("tolerance")):
                tolerance = _tolerance(cells.get("tolerance"))
                if tolerance is None:
                    self.add("exercise.bad_tolerance", name, r, letters["tolerance"],
                             value=_show(cells.get("tolerance")))
                    continue
            rubric.rows[target] = RubricRow(target, points, tolerance, _text(cells.get("explanation_zh")) or "",
                                            _text(cells.get("explanation_en")) or "", _text(cells.get("rule")) or "",
                                            r, _text(cells.get("rule_en")) or "")
        return rubric

    def _variables(self) -> list[Variable]:
        table = self._table("Variables")
        if table is None:
            return []
        name, rows, letters = table
        out: list[Variable] = []
        seen: dict[str, int] = {}
        for r, cells in rows:
            vname = _text(cells.get("name"))
            if not vname or not vname.isidentifier():
                self.add("exercise.bad_variable_name", name, r, letters["name"], value=_show(cells.get("name")))
                continue
            if vname in seen:
                self.add("exercise.variable_duplicate", name, r, letters["name"], value=vname, first=seen[vname])
                continue
            seen[vname] = r
            bad = False
            nums: dict[str, float | None] = {}
            for col in ("value", "min", "max", "decimals"):
                raw = cells.get(col)
                if _blank(raw):
                    nums[col] = None
                    if col == "value":
                        self.add("exercise.required", name, r, letters[col], column=_col(col))
                        bad = True
                    continue
                x = _number(raw)
                if x is None or abs(x) > MAX_NUMBER:
                    self.add("exercise.not_number", name, r, letters[col], column=_col(col), value=_show(raw))
                    bad = True
                nums[col] = x
            if bad:
                continue
            value = nums["value"]
            low = nums["min"] if nums["min"] is not None else value
            high = nums["max"] if nums["max"] is not None else value
            decimals = nums["decimals"]
            if decimals is not None and (not float(decimals).is_integer() or not 0 <= decimals <= 10):
                self.add("exercise.bad_decimals", name, r, letters["decimals"], value=_show(cells.get("decimals")))
                continue
            if not low <= value <= high:
                self.add("exercise.variable_range", name, r, letters["value"], value=_show(cells.get("value")),
                         low=_show(low), high=_show(high))
                continue
            out.append(Variable(vname, value, low, high, 2 if decimals is None else int(decimals), r))
        return out


class _Any(dict):
    """Values for a syntax check: every name is 1."""

    def __contains__(self, key) -> bool:
        return True

    def __getitem__(self, key):
        return 1.0


def _col(name: str) -> Message:
    """A trainer column's name, shown in the user's language."""
    return Message(f"exercise.col.{name}")


def _col_of(cell: str) -> str:
    return cell.rsplit("!", 1)[1].rstrip("0123456789")


def _blank(v: Any) -> bool:
    return v is None or (type(v) is str and not v.strip())


def _text(v: Any) -> str | None:
    if _blank(v):
        return None
    if type(v) is float and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _show(v: Any) -> str:
    if v is None:
        return ""
    if type(v) is float and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    text = str(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _number(v: Any) -> float | None:
    if type(v) is bool:
        return None
    if isinstance(v, (int, float)):
        return float(v) if math.isfinite(v) else None
    if type(v) is str:
        s = unicodedata.normalize("NFKC", v).strip().replace(",", "")
        try:
            x = float(s)
        except ValueError:
            return None
        return x if math.isfinite(x) else None
    return None


def _bool(v: Any) -> bool | None:
    if type(v) is bool:
        return v
    key = norm(_text(v) or "")
    if key in {norm(x) for x in _YES}:
        return True
    if key in {norm(x) for x in _NO}:
        return False
    return None


def _tolerance(v: Any) -> float | None:
    """'1%', 1 (a plain number of 1 or more is a percent), 0.01 -> 0.01; None when not a tolerance."""
    if type(v) is str and v.strip().endswith(_PERCENT):
        x = _number(v.strip()[:-1])
        x = None if x is None else x / 100.0
    else:
        x = _number(v)
        if x is not None and x >= 1:
            x = x / 100.0
    if x is None or not 0 <= x < 1:
        return None
    return x


def _row_list(v: Any) -> list[int] | None:
    """'2,3,5', '2-4', 7 -> row numbers; None when not a list of rows."""
    if isinstance(v, float) and v.is_integer() and v >= 1:
        return [int(v)]
    text = unicodedata.normalize("NFKC", str(v or "")).strip()
    if not text:
        return None
    out: list[int] = []
    for part in _ROW_SEPARATORS.split(text):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)(?:\.0)?(?:[-~](\d+))?", part)
        if m is None:
            return None
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if a < 1 or b < a or b - a > 100_000:
            return None
        out.extend(range(a, b + 1))
    return out or None


# ------------------------------------------------------------------------------ variants
def instantiate(exercise: Exercise, values: Mapping[str, float] | None = None) -> Exercise:
    """The exercise with its variables set to ``values`` (each variable not named keeps its
    ``value``): every placeholder of the key and of the documents is evaluated, each value
    rounded to its variable's decimals. Raises :class:`ValidationFailed` for an unknown
    variable, a value outside its range, or a key cell whose expression cannot be evaluated
    (e.g. a division by zero or a negative quantity)."""
    values = dict(values or {})
    by_name = {v.name: v for v in exercise.variables}
    problems: list[Problem] = []
    for name in values:
        if name not in by_name:
            problems.append(Problem("exercise.unknown_variable_value", {"name": name}))
    chosen: dict[str, float] = {}
    for v in exercise.variables:
        x = values.get(v.name, v.value)
        try:
            x = round(float(x), v.decimals)
        except (TypeError, ValueError):
            problems.append(Problem("exercise.variable_value_bad", {"name": v.name, "value": _show(x)}))
            continue
        if not v.min - 1e-9 <= x <= v.max + 1e-9 or not math.isfinite(x):
            problems.append(Problem("exercise.variable_value_range", {"name": v.name, "value": _show(x),
                                                                       "low": _show(v.min), "high": _show(v.max)}))
        chosen[v.name] = x
    if problems:
        raise ValidationFailed(problems)
    template = exercise.template_key if exercise.template_key is not None else exercise.key
    key = copy.deepcopy(template)
    acts = key.activities
    row_index = {r: i for i, r in enumerate(acts.row)}
    for ph in exercise.placeholders:
        sheet, _, ref = ph.cell.rpartition("!")
        col = ref.rstrip("0123456789")
        try:
            x = cell_number(ph.text, chosen)
        except ExprError as exc:
            problems.append(Problem(exc.code, exc.params, sheet=sheet, row=ph.row, col=col))
            continue
        if ph.field in _FRACTIONS and 1.0 < x <= 100.0:
            x = x / 100.0
        if x < 0 or abs(x) > MAX_NUMBER or (ph.field in _FRACTIONS and x > 1.0):
            problems.append(Problem("exercise.placeholder_out_of_range", {"value": _show(x)}, sheet=sheet,
                                    row=ph.row, col=col))
            continue
        if ph.sheet == "Activities":
            i = row_index.get(ph.row)
            if i is None:
                continue
            if ph.field == "quantity":
                acts.quantity[i] = x
            else:
                acts.options.setdefault(ph.field, [None] * len(acts))[i] = x
        elif ph.sheet == "Instruments":
            for ins in key.instruments:
                if ins.row == ph.row:
                    setattr(ins, ph.field, x)
        elif ph.sheet == "Equipment":
            for eq in key.equipment:
                if eq.row == ph.row:
                    eq.values[ph.field] = x
    if problems:
        raise ValidationFailed(problems)
    decimals = {v.name: v.decimals for v in exercise.variables}
    documents = []
    for doc in exercise.template_documents or exercise.documents:
        rows = [[cell_value(v, chosen, decimals) if has_placeholder(v) else v for v in row] for row in doc.rows]
        documents.append(replace(doc, rows=rows))
    key.documents = {}
    return replace(exercise, key=key, documents=documents, values=chosen,
                   template_documents=exercise.template_documents or exercise.documents, template_key=template)


# ------------------------------------------------------------------------------ hand calculation
# The trainee's own figures in hand-calculation mode: an optional Activities column and a Case
# key (the case reader keeps them as an extra column and an extra key; so does the project file).
HAND_COLUMNS: dict[str, tuple[str, ...]] = {"my_result": ("我的结果", "my result")}
HAND_KEYS: dict[str, tuple[str, ...]] = {"my_total": ("我的总排放", "my total")}
_match_hand_column = _matcher(HAND_COLUMNS)
_match_hand_key = _matcher(HAND_KEYS)


def my_results(case: CaseData) -> list[float | None] | None:
    """The trainee's own result (t CO2e) of each activity line, or None without the column."""
    for key, values in case.activities.extra.items():
        if _match_hand_column(key) == "my_result":
            return [_number(v) for v in values]
    return None


def my_total(case: CaseData) -> float | None:
    """The trainee's own total (t CO2e), from the Case key my_total [我的总排放]."""
    for key, value in case.info.extra.items():
        if _match_hand_key(key) == "my_total":
            return _number(value)
    return None
