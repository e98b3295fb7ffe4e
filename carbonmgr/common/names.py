"""Reading a name a person typed (a sheet, a column header, a Case key, a choice) back as the id it
stands for, shared by the case-workbook reader and the exercise reader.

A name matches when, compared without case, spaces, ``_ - . / : ·`` and with full-width forms
folded (NFKC), it equals an id or one of the id's names, whole or in one of its bracketed parts
(``quantity [数量]``, ``排放因子 (ef_co2)``). An id wins over a name, so ``排放因子 (ef_co2)`` is ef_co2.
A bilingual header without brackets (``核查排放量 verified_emissions``, ``数量\\nQuantity``,
``Fuel type / 燃料品种``) is read by its Chinese and its other part when the whole does not match: it is
the id that every part that matches names, and nothing when two parts name different ids.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

CJK = re.compile(r"[\u4e00-\u9fff]")
_DROP = re.compile(r"[\s_\-./:·]+")
_BRACKETS = re.compile(r"[\[\]()【】{}<>《》]")
_SEPARATOR = re.compile(r"[\s/|]+")


def norm(text: Any) -> str:
    """Comparison form: NFKC, lower-case, without spaces, '_', '-', '.', '/', ':', '·'."""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text)).lower())


def candidates(text: Any) -> list[str]:
    """A name and its bracketed parts: 'quantity [数量]' -> quantity[数量], quantity, 数量."""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    out: list[str] = []
    for part in [text, *_BRACKETS.split(text)]:
        key = norm(part)
        if key and key not in out:
            out.append(key)
    return out


def script_parts(text: Any) -> list[str]:
    """The runs of a name split where a Chinese word and a word in Latin letters meet across a
    space, a line break, '/' or '|': '核查排放量 verified_emissions' -> 核查排放量, verified_emissions;
    'Quantity (t) 数量' -> Quantity (t), 数量. A name in one script is one part."""
    words = [w for w in _SEPARATOR.split(unicodedata.normalize("NFKC", str(text)).strip()) if w]
    parts: list[tuple[bool, list[str]]] = []
    for word in words:
        chinese = bool(CJK.search(word))
        if parts and parts[-1][0] == chinese:
            parts[-1][1].append(word)
        else:
            parts.append((chinese, [word]))
    return [" ".join(ws) for _, ws in parts]


def named_by_parts(text: Any, match) -> str | None:
    """The id a name in both scripts (:func:`script_parts`) stands for: the one that every part that
    ``match`` (part -> id or None) names, and None when no part, or two parts, name different ids."""
    parts = script_parts(text)
    named = {m for m in map(match, parts) if m is not None} if len(parts) > 1 else set()
    return named.pop() if len(named) == 1 else None


class Names:
    """Look-up of the ids of a vocabulary from the names people write for them."""

    def __init__(self, entries: Mapping[str, Iterable[str]]):
        self.ids = {norm(k): k for k in entries}
        self.aliases: dict[str, str] = {}
        for key, names in entries.items():
            for name in names:
                self.aliases.setdefault(norm(name), key)

    def _whole(self, text: Any) -> str | None:
        cands = candidates(text)
        for cand in cands:
            if cand in self.ids:
                return self.ids[cand]
        for cand in cands:
            if cand in self.aliases:
                return self.aliases[cand]
        return None

    def match(self, text: Any) -> str | None:
        if text is None:
            return None
        found = self._whole(text)
        return found if found is not None else named_by_parts(text, self._whole)


def first_chinese(names: Iterable[str]) -> str | None:
    """The first of ``names`` written in Chinese, or None."""
    return next((n for n in names if CJK.search(n)), None)
