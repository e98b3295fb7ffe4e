"""Orders files of the class market (``firm, side, quantity, limit_price``), read as untrusted input.

A trainee hands in a CSV file (saved from Excel or typed); the instructor loads it. The
file is bounded (size, rows, length of a name), decoded as UTF-8 (with or without a byte
order mark) or, failing that, as GB 18030 (what Excel writes on a Chinese Windows), and
checked cell by cell. Every problem is located (file, row, column) and says what was
expected; nothing is returned when there is any.

Headers and sides may be written in English or Chinese (``企业, 方向, 数量, 限价``;
``买``/``卖``). Quantities are whole tonnes (the national market trades 1 t lots), limit
prices yuan per tonne with at most two decimals (its tick is ¥0.01).

Numbers: a comma groups thousands (``1,500``, ``1,234.50``) in a file whose cells are separated
by commas or tabs; in a file separated by semicolons (what Excel writes where the comma is the
decimal sign) it is the decimal sign (``60,5``, ``1.234,50``). Anything else with a comma
(``60,5`` in a comma file), or ``1.500`` in a semicolon file (1.5 or 1 500?), is refused, never
guessed.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

from carbonmgr.common.errors import Problem, ValidationFailed, column_letters
from carbonmgr.common.i18n import Message
from carbonmgr.common.names import named_by_parts

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_PROBLEMS = 200
MAX_NAME = 100
MAX_QUANTITY = 10**9  # t
MAX_PRICE_FEN = 100_000 * 100  # ¥100,000 per tonne
MAX_EXPONENT = 12  # a number read is 0 or between 10^-12 and 10^13 in size

# column -> accepted headers (compared after _norm): input vocabulary, both languages
ORDER_COLUMNS: dict[str, tuple[str, ...]] = {
    "firm": ("firm", "company", "trader", "participant", "企业", "企业名称", "公司", "单位", "交易主体", "控排企业"),
    "side": ("side", "direction", "buy/sell", "方向", "买卖", "买卖方向", "交易方向"),
    "quantity": ("quantity", "qty", "tonnes", "amount", "volume", "数量", "申报数量", "委托数量", "配额数量"),
    "limit_price": ("limit_price", "limit", "price", "limit price", "限价", "价格", "报价", "申报价格", "委托价格"),
}
REQUIRED = ("side", "quantity", "limit_price")
# side -> accepted spellings (after _norm): input vocabulary
SIDE_WORDS: dict[str, tuple[str, ...]] = {
    "buy": ("buy", "b", "bid", "买", "买入", "购买", "买进"),
    "sell": ("sell", "s", "ask", "offer", "卖", "卖出", "出售", "卖出申报"),
}
# words and signs around a number, and cell separators, accepted in an orders file: input vocabulary
NUMBER_DECORATIONS = ("元/吨", "元", "吨", "cny/t", "cny", "yuan", "t")
CURRENCY_SIGNS = ("¥", "￥")
DELIMITERS = (",", "\t", ";", "，")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_BRACKETED = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
_DROP = re.compile(r"[\s_\-.:·]+")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    text = _BRACKETED.sub("", text)  # "数量（吨）", "limit_price (CNY/t)"
    return _DROP.sub("", text)


def header_column(headers: dict[str, str], cell: str) -> str | None:
    """The column id a header names (``headers``: accepted spellings after :func:`_norm`); a header
    in both languages without brackets ("数量 quantity", "企业\nfirm") names the column that its
    parts name, and none when they name different ones."""
    col = headers.get(_norm(cell))
    return col if col is not None else named_by_parts(cell, lambda part: headers.get(_norm(part)))


_HEADER = {_norm(a): col for col, names in ORDER_COLUMNS.items() for a in names}
_SIDE = {_norm(a): side for side, names in SIDE_WORDS.items() for a in names}


def column_name(column: str) -> Message:
    return Message(f"market.col.{column}")


def read_orders(path: str | os.PathLike, *, firm: str | None = None) -> list[dict]:
    """The orders of a file as ``{"firm", "side", "quantity", "limit" (fen), "row"}``.

    ``firm``: the file is that firm's own (its rows may leave the firm out; a row naming
    another firm is a problem). Raises :class:`ValidationFailed` with located problems."""
    data, name = load(path)
    return parse_orders(data, name, firm=firm)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ValidationFailed([Problem("market.orders.is_workbook", {"name": name})])
    if b"\x00" in data[:65536]:
        raise ValidationFailed([Problem("market.orders.not_text", {"name": name})])
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed([Problem("market.orders.encoding", {"name": name})])


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class CsvTable:
    """A CSV file of the market checked as a whole (size, encoding, header row), then read row by
    row: ``headers`` maps the accepted header spellings (after :func:`_norm`) to column ids,
    ``required`` lists the columns that must be there. ``add`` records a located problem."""

    def __init__(self, data: bytes, name: str, headers: dict[str, str], required: tuple[str, ...]):
        self.name = name
        self.problems: list[Problem] = []
        if len(data) > MAX_FILE_BYTES:
            raise ValidationFailed([Problem("market.orders.too_big", {
                "name": name, "size_kb": f"{len(data) / 1024:.0f}", "limit_kb": f"{MAX_FILE_BYTES / 1024:.0f}"})])
        text = _decode(data, name)
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        if not first:
            raise ValidationFailed([Problem("market.orders.empty", {"name": name})])
        delim = _delimiter(first)
        if delim == DELIMITERS[-1]:  # a full-width comma
            text, delim = text.replace(delim, ","), ","
        self.decimal_comma = delim == ";"  # Excel's CSV where the comma is the decimal sign
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        try:
            rows = []
            for n, r in enumerate(reader, start=1):
                if n > MAX_ROWS + 1:
                    raise ValidationFailed([Problem("market.orders.too_many_rows", {"name": name, "limit": MAX_ROWS})])
                rows.append(r)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):  # the one csv.Error these files meet: a runaway cell
                raise ValidationFailed([Problem("market.orders.cell_too_long", {
                    "name": name, "row": reader.line_num, "limit": f"{csv.field_size_limit():,}"},
                    row=reader.line_num)]) from None
            raise ValidationFailed([Problem("market.orders.bad_csv", {"name": name, "detail": str(exc)[:120]})]) \
                from None
        header_at = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
        if header_at is None:
            raise ValidationFailed([Problem("market.orders.empty", {"name": name})])
        self.header_row = header_at + 1
        self._rows = rows[header_at + 1:]
        header = rows[header_at]
        self.width = len(header)
        self.index: dict[str, int] = {}
        for i, cell in enumerate(header):
            col = header_column(headers, cell) if cell.strip() else None
            if col is None:
                continue
            if col in self.index:
                self.add("market.orders.column_duplicate", self.header_row, i, column=column_name(col),
                         other=column_letters(self.index[col]))
            else:
                self.index[col] = i
        missing = [c for c in required if c not in self.index]
        if missing:
            found = [f'"{c.strip()}"' for c in header if c.strip()] or ["-"]
            for c in missing:
                self.add("market.orders.column_missing", self.header_row, None, column=column_name(c), found=found)
            raise ValidationFailed(self.problems)

    def add(self, code: str, row: int | None = None, col: int | str | None = None, **params) -> None:
        """A problem located in the file: its row, and its column (letter, as a spreadsheet shows it;
        ``col`` an index or a column id)."""
        if isinstance(col, str):
            col = self.index.get(col)
        if row is None:
            self.problems.append(Problem(code, params))
            return
        inner = Message(code, params)
        if col is None:
            self.problems.append(Problem("market.orders.at_row", {"name": self.name, "row": row, "problem": inner},
                                         row=row))
            return
        letter = column_letters(col)
        self.problems.append(Problem("market.orders.at_cell", {"name": self.name, "row": row, "col": letter,
                                                               "problem": inner}, row=row, col=letter))

    def rows(self):
        """(row number, cell(column id) -> stripped text) of each non-blank row."""
        for k, row in enumerate(self._rows):
            if not any(c.strip() for c in row):
                continue
            if len(self.problems) >= MAX_PROBLEMS:
                self.add("market.orders.too_many_problems", limit=MAX_PROBLEMS)
                return
            # cells beyond the header's columns: most often 1,500 written unquoted, which would
            # otherwise read as 1 t and shift the price (a row read wrongly is worse than refused)
            extra = sum(1 for c in row[self.width:] if c.strip())
            if extra:
                self.add("market.orders.extra_cells", self.header_row + 1 + k, self.width, count=extra)
                continue

            def cell(col: str, row: list[str] = row) -> str:
                i = self.index.get(col)
                return row[i].strip() if i is not None and i < len(row) else ""

            yield self.header_row + 1 + k, cell

    def done(self) -> None:
        if self.problems:
            raise ValidationFailed(self.problems)


def load(path: str | os.PathLike) -> tuple[bytes, str]:
    """The bytes of a market CSV file (bounded) and its name; located problems if it cannot be read."""
    path = Path(path)
    name = path.name
    try:
        if path.is_dir():
            raise ValidationFailed([Problem("market.orders.not_text", {"name": name})])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationFailed([Problem("market.orders.too_big", {
                "name": name, "size_kb": f"{size / 1024:.0f}", "limit_kb": f"{MAX_FILE_BYTES / 1024:.0f}"})])
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1), name
    except FileNotFoundError:
        raise ValidationFailed([Problem("market.orders.file_missing", {"name": name})]) from None
    except OSError as exc:
        raise ValidationFailed([Problem("market.orders.unreadable",
                                        {"name": name, "detail": exc.strerror or str(exc)})]) from None


def parse_orders(data: bytes, name: str, *, firm: str | None = None) -> list[dict]:
    """See :func:`read_orders`; ``data`` is the file's content, ``name`` names it in messages."""
    table = CsvTable(data, name, _HEADER, REQUIRED + (() if firm is not None else ("firm",)))
    add = table.add
    orders: list[dict] = []
    for rownum, cell in table.rows():
        before = len(table.problems)
        who = cell("firm")
        if firm is not None:
            if who and who != firm:
                add("market.orders.other_firm", rownum, "firm", value=who, firm=firm)
            who = firm
        elif not who:
            add("market.orders.required", rownum, "firm", column=column_name("firm"))
        if len(who) > MAX_NAME:
            add("market.orders.firm_too_long", rownum, "firm", limit=MAX_NAME)
        raw_side = cell("side")
        side = _SIDE.get(_norm(raw_side)) if raw_side else None
        if not raw_side:
            add("market.orders.required", rownum, "side", column=column_name("side"))
        elif side is None:
            add("market.orders.bad_side", rownum, "side", value=raw_side[:40])
        quantity = _quantity(cell("quantity"), table.decimal_comma)
        if not cell("quantity"):
            add("market.orders.required", rownum, "quantity", column=column_name("quantity"))
        elif quantity is None:
            add("market.orders.bad_quantity", rownum, "quantity", value=cell("quantity")[:40],
                limit=f"{MAX_QUANTITY:,}")
        limit = _price(cell("limit_price"), table.decimal_comma)
        if not cell("limit_price"):
            add("market.orders.required", rownum, "limit_price", column=column_name("limit_price"))
        elif limit is None:
            add("market.orders.bad_price", rownum, "limit_price", value=cell("limit_price")[:40],
                limit=f"{MAX_PRICE_FEN // 100:,}")
        if len(table.problems) == before:
            orders.append({"firm": who, "side": side, "quantity": quantity, "limit": limit, "row": rownum})
    table.done()
    if not orders:
        raise ValidationFailed([Problem("market.orders.no_orders", {"name": name})])
    return orders


def _number(text: str, decimal_comma: bool = False) -> Decimal | None:
    """The number of a cell; ``decimal_comma``: the file writes the comma as the decimal sign."""
    text = unicodedata.normalize("NFKC", text).lower()
    for sign in CURRENCY_SIGNS:
        text = text.replace(sign, "")
    text = text.strip()
    for word in NUMBER_DECORATIONS:
        if text.endswith(word):
            text = text[: -len(word)].strip()
            break
    if not text or len(text) > 30:
        return None
    if decimal_comma:
        if _DOT_THOUSANDS.fullmatch(text):
            if "," not in text:
                return None  # 1.500: one and a half, or fifteen hundred? refused, not guessed
            text = text.replace(".", "").replace(",", ".")
        elif "," in text:
            if not _DECIMAL_COMMA.fullmatch(text):
                return None
            text = text.replace(",", ".")
    elif "," in text:
        if not _THOUSANDS.fullmatch(text):
            return None  # 60,5 where the comma groups thousands
        text = text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    # finite, and within what the files' numbers can be (every bound is below 10^13): an exponent
    # such as 1E999999 would overflow decimal arithmetic (× 100 to fen) instead of being refused
    if not value.is_finite() or (value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT):
        return None
    return value


def _quantity(text: str, decimal_comma: bool = False) -> int | None:
    value = _number(text, decimal_comma) if text else None
    if value is None or value != value.to_integral_value() or not 0 < value <= MAX_QUANTITY:
        return None
    return int(value)


def _price(text: str, decimal_comma: bool = False) -> int | None:
    value = _number(text, decimal_comma) if text else None
    if value is None:
        return None
    fen = value * 100
    if fen != fen.to_integral_value() or not 0 < fen <= MAX_PRICE_FEN:
        return None
    return int(fen)
