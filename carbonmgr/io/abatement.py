"""Abatement options of a case: the optional sheet ``Abatement`` [减排措施] of a case workbook, and the
measures file of the class market (the same columns, with the firm).

Columns: ``measure`` [措施], ``tonnes`` [年减排量] (t CO2 a year, > 0), and the cost either as
``cost_per_t`` [单位减排成本] (CNY/t, negative for a saving) or as ``capital`` [初始投资] (CNY) with
``operating`` [年运行成本] (CNY a year) and ``lifetime`` [使用年限] (years), with an optional
``rate`` [折现率] (discount rate, a fraction or a percentage).

The sheet is kept with the case as it was typed (a sheet the contract does not read is kept as a
document sheet, so it travels through the project file and the export unchanged); the workbook
reader calls :func:`sheet_problems` so that its problems are reported with the others, located
(sheet, row, column) and saying what was expected.
"""
from __future__ import annotations

import math
import unicodedata
from decimal import Decimal, InvalidOperation

from carbonmgr.common.errors import Problem, column_letters
from carbonmgr.common.i18n import Message
from carbonmgr.io.orders import ORDER_COLUMNS, CsvTable, _norm, header_column, load

MAX_MEASURES = 200
MAX_NAME = 100

# the sheet's accepted names and its columns' accepted headers: input vocabulary, both languages
SHEET_NAMES = ("Abatement", "减排措施", "abatement options", "abatement measures", "减排选项", "减排方案")
MEASURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "measure": ("measure", "name", "option", "措施", "减排措施", "措施名称"),
    "tonnes": ("tonnes", "tonnes a year", "reduction", "abatement", "年减排量", "减排量"),
    "cost_per_t": ("cost_per_t", "cost per tonne", "unit cost", "单位减排成本", "减排成本", "单位成本"),
    "capital": ("capital", "capex", "investment", "初始投资", "投资", "投资额"),
    "operating": ("operating", "opex", "operating cost", "年运行成本", "运行成本", "运营成本"),
    "lifetime": ("lifetime", "life", "years", "使用年限", "寿命", "年限"),
    "rate": ("rate", "discount rate", "折现率", "贴现率"),
}
_SHEET_IDS = {_norm(n): "Abatement" for n in SHEET_NAMES}
_HEADERS = {_norm(a): col for col, names in MEASURE_COLUMNS.items() for a in names}
_FIRM_HEADERS = {**_HEADERS, **{_norm(a): "firm" for a in ORDER_COLUMNS["firm"]}}


def column_name(col: str) -> Message:
    return Message(f"market.col.{col}")


def find_sheet(documents: dict) -> str | None:
    """The name of the case's Abatement sheet among its document sheets, if it has one."""
    for name in documents:
        if header_column(_SHEET_IDS, str(name)):
            return name
    return None


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").strip()
    pct = text.endswith("%")
    text = text.rstrip("%").strip()
    if not text or len(text) > 30:
        return None
    try:
        x = Decimal(text)
    except InvalidOperation:
        return None
    if not x.is_finite():
        return None
    return float(x) / (100 if pct else 1)


def _show(value) -> str:
    """A cell's value as the user typed it: 5, not 5.0 (a whole number read as a float)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)[:40]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def measure_from(get, add, row: int) -> dict | None:
    """One measure from a row (``get(column id)`` -> the raw value); problems through
    ``add(code, row, column id, **params)``; None when the row has any."""
    problems = []

    def bad(code, col, **params):
        problems.append(1)
        add(code, row, col, **params)

    name = get("measure")
    name = "" if _blank(name) else str(name).strip()
    if not name:
        bad("market.measure.required", "measure", column=column_name("measure"))
    elif len(name) > MAX_NAME:
        bad("market.measure.name_too_long", "measure", limit=MAX_NAME)
    values = {}
    limits = {"tonnes": (0, 1e9, False), "cost_per_t": (-1e6, 1e6, True), "capital": (0, 1e12, True),
              "operating": (-1e12, 1e12, True), "lifetime": (0, 100, False), "rate": (0, 1, True)}
    for col, (low, high, low_ok) in limits.items():
        raw = get(col)
        if _blank(raw):
            continue
        x = _number(raw)
        if x is None or x > high or x < low or (x == low and not low_ok):
            bad("market.measure.bad_number", col, column=column_name(col), value=_show(raw),
                expected=Message(f"market.measure.expected.{col}"))
            continue
        values[col] = x
    if "tonnes" not in values and _blank(get("tonnes")):
        bad("market.measure.required", "tonnes", column=column_name("tonnes"))
    has_unit = "cost_per_t" in values
    has_capex = "lifetime" in values and ("capital" in values or "operating" in values)
    if not problems and not has_unit and not has_capex:
        if "capital" in values or "operating" in values:  # a cost over the years, but over how many?
            bad("abatement.lifetime_needed", "lifetime")
        else:
            bad("market.measure.no_cost", "cost_per_t")
    if not problems and has_unit and ("capital" in values or "operating" in values):
        bad("market.measure.two_costs", "cost_per_t")
    if problems:
        return None
    return {"name": name, "tonnes": values["tonnes"], "cost_per_t": values.get("cost_per_t"),
            "capital": values.get("capital"), "operating": values.get("operating"),
            "lifetime": values.get("lifetime"), "rate": values.get("rate", 0.0), "row": row}


def read_sheet(name: str, rows: list[list]) -> tuple[list[dict], list[Problem]]:
    """The measures of an Abatement sheet (its raw rows) and its problems (sheet, row, column)."""
    problems: list[Problem] = []
    header_at = next((i for i, r in enumerate(rows) if any(not _blank(v) for v in r)), None)
    if header_at is None:
        return [], []
    index: dict[str, int] = {}
    for i, cell in enumerate(rows[header_at]):
        col = header_column(_HEADERS, str(cell)) if not _blank(cell) else None
        if col is not None and col not in index:
            index[col] = i

    def add(code, row, col, **params):
        letter = column_letters(index[col]) if col in index else None
        problems.append(Problem(code, params, name, row, letter))

    missing = [c for c in ("measure", "tonnes") if c not in index]
    if missing:
        found = [f'"{str(c).strip()}"' for c in rows[header_at] if not _blank(c)] or ["-"]
        for c in missing:
            problems.append(Problem("market.measure.column_missing", {"column": column_name(c), "found": found},
                                    name, header_at + 1))
        return [], problems
    out = []
    for r in range(header_at + 1, len(rows)):
        row = rows[r]
        if all(_blank(v) for v in row):
            continue
        if len(out) >= MAX_MEASURES:
            problems.append(Problem("market.measure.too_many", {"limit": MAX_MEASURES}, name, r + 1))
            break

        def get(col, row=row):
            i = index.get(col)
            return row[i] if i is not None and i < len(row) else None

        m = measure_from(get, add, r + 1)
        if m is not None:
            out.append(m)
    return out, problems


def case_measures(documents: dict) -> tuple[list[dict], list[Problem]]:
    """The measures of a case (from its Abatement sheet, if any) and the sheet's problems."""
    name = find_sheet(documents)
    if name is None:
        return [], []
    return read_sheet(name, documents[name])


def sheet_problems(documents: dict) -> list[Problem]:
    """The problems of a case's Abatement sheet (for the workbook reader)."""
    return case_measures(documents)[1]


def read_measures_file(path) -> list[dict]:
    """The measures of a market's measures file (CSV: firm, measure, tonnes, costs), each with its firm."""
    data, name = load(path)
    table = CsvTable(data, name, _FIRM_HEADERS, ("firm", "measure", "tonnes"))
    out = []
    for rownum, cell in table.rows():
        firm = cell("firm")
        if not firm:
            table.add("market.orders.required", rownum, "firm", column=column_name("firm"))
        m = measure_from(lambda col, cell=cell: cell(col) if col in table.index else None, table.add, rownum)
        if m is not None and firm:
            out.append({"firm": firm, **m})
    table.done()
    return out
