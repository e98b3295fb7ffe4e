"""The firms file of a class market (CSV): one row per firm (a trainee or a team).

Columns: ``firm`` [企业], ``emissions`` [排放量] (t CO2 of the year; may be left blank when
``case`` names a case workbook, whose direct emissions are then taken), ``allocation`` [配额]
(whole tonnes of free allocation), ``holdings`` [持有配额] (whole tonnes held at the start;
default: the allocation), ``cash`` [资金] (CNY, at most two decimals), ``case`` [案例] (optional:
a case workbook, relative to the firms file; its Abatement sheet gives the firm's measures).
Read as untrusted input, like an orders file.
"""
from __future__ import annotations

from pathlib import Path

from carbonmgr.common.i18n import Message
from carbonmgr.io.orders import MAX_NAME, ORDER_COLUMNS, CsvTable, _norm, _number, load

MAX_FIRMS = 500
MAX_TONNES = 10**10

# accepted headers (input vocabulary, both languages)
FIRM_COLUMNS: dict[str, tuple[str, ...]] = {
    "firm": ORDER_COLUMNS["firm"],
    "emissions": ("emissions", "verified emissions", "排放量", "核查排放量", "年排放量"),
    "allocation": ("allocation", "free allocation", "配额", "免费配额", "分配配额", "配额量"),
    "holdings": ("holdings", "held", "allowances held", "持有配额", "持仓", "初始持有"),
    "cash": ("cash", "funds", "资金", "现金", "可用资金"),
    "case": ("case", "workbook", "case workbook", "案例", "案例文件", "工作簿"),
}
_HEADERS = {_norm(a): col for col, names in FIRM_COLUMNS.items() for a in names}


def _col(c: str) -> Message:
    return Message(f"market.col.{c}")


def read_firms_file(path) -> list[dict]:
    """``{"firm", "emissions" (t or None), "allocation", "holdings", "cash" (fen), "case" (Path or None),
    "row"}`` per firm."""
    path = Path(path)
    data, name = load(path)
    table = CsvTable(data, name, _HEADERS, ("firm", "allocation", "cash"))
    out, seen = [], {}
    for rownum, cell in table.rows():
        before = len(table.problems)
        firm = cell("firm")
        if not firm:
            table.add("market.orders.required", rownum, "firm", column=_col("firm"))
        elif len(firm) > MAX_NAME:
            table.add("market.orders.firm_too_long", rownum, "firm", limit=MAX_NAME)
        elif firm in seen:
            table.add("market.firms.twice", rownum, "firm", firm=firm, first=seen[firm])
        else:
            seen[firm] = rownum
        values = {}
        for col, whole in (("emissions", False), ("allocation", True), ("holdings", True), ("cash", False)):
            raw = cell(col)
            if not raw:
                values[col] = None
                continue
            x = _number(raw, table.decimal_comma)
            ok = x is not None and 0 <= x <= MAX_TONNES and (not whole or x == x.to_integral_value())
            if col == "cash" and ok:
                ok = (x * 100) == (x * 100).to_integral_value()
            if not ok:
                table.add("market.firms.bad_number", rownum, col, column=_col(col), value=raw[:40],
                          expected=Message(f"market.firms.expected.{col}"))
                continue
            values[col] = x
        case = cell("case")
        for col in ("allocation", "cash"):
            if not cell(col):
                table.add("market.orders.required", rownum, col, column=_col(col))
        if not cell("emissions") and not case:
            table.add("market.firms.no_emissions", rownum, "emissions")
        case_path = None
        if case:
            case_path = (path.parent / case) if not Path(case).is_absolute() else Path(case)
            if not case_path.is_file():
                table.add("market.firms.case_missing", rownum, "case", value=case[:200])
        if len(table.problems) == before:
            allocation = int(values["allocation"])
            out.append({"firm": firm,
                        "emissions": None if values["emissions"] is None else float(values["emissions"]),
                        "allocation": allocation,
                        "holdings": allocation if values["holdings"] is None else int(values["holdings"]),
                        "cash": int(values["cash"] * 100), "case": case_path, "row": rownum})
        if len(out) > MAX_FIRMS:
            table.add("market.firms.too_many", rownum, None, limit=MAX_FIRMS)
            break
    table.done()
    if not out:
        table.add("market.firms.none", name=name)
        table.done()
    return out
