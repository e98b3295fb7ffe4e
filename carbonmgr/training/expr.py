"""Placeholders of an exercise workbook: ``{{name}}`` alone or in a small arithmetic
expression (``{{coal}} * 0.98``, ``{{ (a + b) / 12 }}``), evaluated without ``eval``.

The grammar is numbers, variable names, ``+ - * /``, unary minus and parentheses; an
expression is at most :data:`MAX_EXPR` characters and :data:`MAX_DEPTH` parentheses deep.
"""
from __future__ import annotations

import math
import re
from typing import Mapping

MAX_EXPR = 200
MAX_DEPTH = 20

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([^\W\d]\w*)|(\S))")


class ExprError(ValueError):
    """An expression that cannot be evaluated: ``code`` is a message id, ``params`` its parameters."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def has_placeholder(value) -> bool:
    return type(value) is str and "{{" in value


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # only trailing space is left
            break
        pos = m.end()
        number, name, op = m.groups()
        if number is not None:
            out.append(("num", float(number)))
        elif name is not None:
            out.append(("name", name))
        elif op in "+-*/()":
            out.append(("op", op))
        else:
            raise ExprError("exercise.expr_bad_char", char=op)
    return out


class _Parser:
    def __init__(self, tokens, values: Mapping[str, float]):
        self.tokens = tokens
        self.i = 0
        self.values = values
        self.depth = 0
        self.names: list[str] = []

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def expr(self) -> float:
        x = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            y = self.term()
            x = x + y if op == "+" else x - y
        return x

    def term(self) -> float:
        x = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            y = self.factor()
            if op == "*":
                x = x * y
            else:
                if y == 0:
                    raise ExprError("exercise.expr_division_by_zero")
                x = x / y
        return x

    def factor(self) -> float:
        kind, value = self.take()
        if kind == "op" and value in "+-":
            x = self.factor()
            return -x if value == "-" else x
        if kind == "num":
            return float(value)
        if kind == "name":
            self.names.append(str(value))
            if str(value) not in self.values:
                raise ExprError("exercise.expr_unknown_name", name=value)
            return float(self.values[str(value)])
        if kind == "op" and value == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ExprError("exercise.expr_too_long", limit=MAX_EXPR)
            x = self.expr()
            if self.take() != ("op", ")"):
                raise ExprError("exercise.expr_syntax")
            self.depth -= 1
            return x
        raise ExprError("exercise.expr_syntax")


def evaluate(text: str, values: Mapping[str, float]) -> float:
    """The value of an arithmetic expression of numbers and the names in ``values``."""
    if len(text) > MAX_EXPR:
        raise ExprError("exercise.expr_too_long", limit=MAX_EXPR)
    parser = _Parser(_tokens(text), values)
    if not parser.tokens:
        raise ExprError("exercise.expr_syntax")
    x = parser.expr()
    if parser.peek()[0] != "end":
        raise ExprError("exercise.expr_syntax")
    if not math.isfinite(x):
        raise ExprError("exercise.expr_not_finite")
    return x


def names_in(text: str) -> list[str]:
    """The variable names a cell's placeholders use."""
    out: list[str] = []
    for m in PLACEHOLDER.finditer(text):
        try:
            for kind, value in _tokens(m.group(1)):
                if kind == "name" and value not in out:
                    out.append(str(value))
        except ExprError:
            pass
    return out


def cell_number(text: str, values: Mapping[str, float]) -> float:
    """A numeric cell: its placeholders replaced by their expressions, the whole an expression
    (``{{coal}}``, ``{{coal}} / 12``, ``{{ a + b }}``)."""
    if len(text) > MAX_EXPR:
        raise ExprError("exercise.expr_too_long", limit=MAX_EXPR)
    return evaluate(PLACEHOLDER.sub(lambda m: "(" + m.group(1) + ")", text), values)


def format_number(x: float, decimals: int | None = None) -> str:
    if decimals is not None:
        x = round(x, decimals)
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.10g}"


def cell_value(value, values: Mapping[str, float], decimals: Mapping[str, int] | None = None):
    """A document cell with placeholders: a number when the whole cell is an expression,
    else its text with each placeholder replaced by its value."""
    if not has_placeholder(value):
        return value
    stripped = value.strip()
    whole = PLACEHOLDER.fullmatch(stripped)
    try:
        x = cell_number(stripped, values)
        if whole is not None or not PLACEHOLDER.sub("", stripped).strip().replace(" ", "") \
                or _is_arithmetic(stripped):
            return x
    except ExprError:
        pass

    def one(m) -> str:
        x = evaluate(m.group(1), values)
        names = names_in(m.group(0))
        d = max((decimals.get(n, 0) for n in names), default=None) if decimals else None
        return format_number(x, d)

    return PLACEHOLDER.sub(one, value)


def _is_arithmetic(text: str) -> bool:
    """Is ``text`` with its placeholders as numbers an arithmetic expression (no words)?"""
    try:
        _tokens(PLACEHOLDER.sub("0", text))
    except ExprError:
        return False
    return not re.search(r"[^\W\d]", PLACEHOLDER.sub("0", text))
