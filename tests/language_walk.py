"""One language at a time: what a user reads holds no identifier of ours and no text of the other
language (issue 10). Used by the walks over the CLI and the PDF report (tests/test_one_language.py)
and over the app's views (tests/ui/test_one_language_ui.py).

``problems(text, lang, allowed=...)`` lists what a user should not see in ``text``:

- identifiers: snake_case tokens (``grid_cn_hubei``, ``new_charge``), the ids of our factor sets and
  standards (``epa2025``, ``gbt32150``), names of our resource files and references to code or to
  our notes (``.md``, ``.jsx``, ``github``, ``§``);
- the other language: Chinese characters in English text, Latin words in Chinese text,

except what is allowed, each with its reason: the international symbols and names below, formula
symbols, and ``allowed`` texts (the official titles of the documents the case's factors cite, in
their own language, and the user's own data, shown as written).

``broken_lines(text, lang)`` lists, in Chinese, the lines and table cells that begin with closing
punctuation ("，" "、" "。" ...): a line broken before the mark, or a text joined to an empty one.
"""
from __future__ import annotations

import re

SNAKE = re.compile(r"(?<![A-Za-z0-9_])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_])")
OUR_FILES = re.compile(r"\b[\w-]+\.(?:csv|md|jsx?|tsx?|py|json|kt|java|ts)\b", re.I)
MARKERS = ("github", "gitlab", ".jsx", ".md", "felix0220170", "atomic6ghg", "openclimatedata", "chrisroadmap",
           "china-addendum", "REPO-", "as implemented in", "as read in")
# ids of ours that are one word (snake_case ids are caught by SNAKE)
OUR_WORD_IDS = re.compile(r"(?<![A-Za-z0-9_])(?:epa2025|desnz2024|ipcc2006|gbt32150|ghgp|iso14064|gbt2589)"
                          r"(?![A-Za-z0-9_])")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN = re.compile(r"[A-Za-z]{2,}")

# Latin words a Chinese text may hold, by reason.
LATIN_IN_ZH = {
    # unit symbols are international (SI and the units the factor documents publish)
    "units": {"kg", "kWh", "MWh", "GWh", "GJ", "TJ", "MJ", "kJ", "Nm", "tC", "km", "mi", "gal", "scf", "mmBtu", "Gg",
              "lb", "kt", "CNY", "USD", "EUR", "GBP", "tce", "kgce", "CV", "MW", "kgC"},
    # chemical formulas and refrigerant designations
    "gases": {"CO", "CH", "HFC", "HFCs", "PFC", "PFCs", "SF", "NF", "CaCO", "MgCO", "Na", "CaO", "MgO"},
    # standards, GWP sets and bodies by their own names
    "standards": {"GB", "ISO", "GHG", "Protocol", "IPCC", "SAR", "AR", "GWP", "EPA", "DESNZ", "UK", "US", "CETS", "AG",
                  "REC", "GEC", "GO", "PPA", "EEIO", "WGI", "SM", "MEE", "NBS", "TCR", "CCER", "CEA", "ETS", "MACC"},
    # formula symbols (E = FC × NCV × CC × OF × 44/12 ...), kept as the guidelines write them
    "symbols": {"AD", "EF", "NCV", "CC", "OF", "FC", "ar", "rest", "gas", "purity", "new", "op", "disp", "Cap",
                "Recharge", "Recovered", "Inventory", "Capacity", "purchased", "sold", "max", "HHV",
                "min", "final", "pre", "NS"},
    # the product's name; file formats and keys by their own names; each language named in its own
    # language in the language menu
    "product": {"CarbonMgr", "PDF", "Excel", "CSV", "JSON", "Ctrl", "Shift", "Del", "Esc", "Tab", "Enter", "English"},
    # eGRID subregions (the US EPA's codes, as the factor documents name them)
    "egrid": {"CAMX", "ERCT", "NYUP", "RFCW", "SRMW"},
}
ALLOWED_LATIN_IN_ZH = set().union(*LATIN_IN_ZH.values())

# Chinese text an English text may hold, by reason (besides the allowed texts passed in).
CJK_IN_EN = {
    "the product's name in both languages": "碳排放管理员实训平台",
    "each language named in its own language (language menu)": "中文",
    "the Chinese terms the GB/T 32150 green-power rule uses, beside their English names": "绿证 绿电",
    "a workbook sheet's Chinese name given as a hint beside its English one (the workbook accepts both)": "配额",
}


# a section of our reference notes ("china §2.9", "intl §6.6"); a section of a published document
# ("Scope 2 Guidance §7.1") is a citation
OUR_NOTES = re.compile(r"(?:china|intl|china-addendum|peers|documents|market|style)(?:\.md)?\s*§", re.I)


def identifiers(text: str) -> list[str]:
    found = SNAKE.findall(text) + OUR_WORD_IDS.findall(text) + OUR_FILES.findall(text) + OUR_NOTES.findall(text)
    low = text.lower()
    found += [m for m in MARKERS if m.lower() in low]
    return found


def other_language(text: str, lang: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Runs of the other language in ``text`` that no allowed text explains."""
    if lang == "zh":
        words = set()
        for t in allowed:
            words.update(LATIN.findall(t))
        return [w for w in LATIN.findall(text) if w not in ALLOWED_LATIN_IN_ZH and w not in words]
    pool = tuple(allowed) + tuple(CJK_IN_EN.values())
    return [run for run in CJK.findall(text) if not any(run in t for t in pool)]


# punctuation that closes what comes before it: a Chinese line never begins with it (it hangs at the end of
# the line before, or the text before it is missing)
NO_LINE_START = "，、。；：！？）》」』”’"


def bad_line_starts(text: str) -> list[str]:
    """Lines (and table cells) that begin with closing punctuation ("，首批）"), each as it begins; a
    laid-out page (pdftotext -layout) puts its columns two spaces or more apart."""
    out = []
    for line in text.splitlines():
        for cell in re.split(r"\s{2,}", line.strip()):
            if cell and cell[0] in NO_LINE_START:
                out.append(cell[:20])
    return out


def problems(text: str, lang: str, allowed: tuple[str, ...] = (), where: str = "") -> list[str]:
    out = [f"{where}: identifier {x!r}" for x in identifiers(text)]
    out += [f"{where}: other language {x!r}" for x in other_language(text, lang, allowed)]
    return out


# (not the comma: a citation keeps ", " between a document's title, publisher and year, because
# a Chinese title holds full-width commas of its own, "（发改办气候〔2013〕2526号，首批）")
_HALF_WIDTH_COLON = re.compile(r"[\u4e00-\u9fff）》」][:;](?=\s|$)")


def broken_lines(text: str, lang: str, where: str = "") -> list[str]:
    """In Chinese, the lines of ``text`` as a user reads it (before the walks blank out what the user
    typed) that begin with closing punctuation, and Chinese words followed by a half-width colon or
    semicolon ("成交价: 59.00"), where Chinese writes the full-width one (：；)."""
    if lang != "zh":
        return []
    out = [f"{where}: a line begins with punctuation {x!r}" for x in bad_line_starts(text)]
    for m in _HALF_WIDTH_COLON.finditer(text):
        out.append(f"{where}: half-width punctuation after Chinese {text[max(0, m.start() - 12):m.end() + 8]!r}")
    return out


def library_citations(lib) -> tuple[str, ...]:
    """The official titles the library cites (in the language each document is published in)."""
    texts = {f.citation() for f in lib.factors}
    texts |= {g.source for g in lib.gwp.values()}
    return tuple(sorted(t for t in texts if t))


def case_texts(case) -> tuple[str, ...]:
    """The user's own words in a case (names, evidence, notes, the case sheet): shown as written."""
    out: list[str] = [str(case.info.title or "")]
    out += [str(v) for v in (case.info.extra or {}).values() if v not in (None, "")]
    for f in case.facilities:
        out += [f.id, f.name or "", f.region or ""]
    acts = case.activities
    out += [str(x) for x in acts.item if x]
    out += [str(x) for x in acts.unit if x]
    for col in acts.options.values():
        out += [str(x) for x in col if isinstance(x, str) and x]
    for e in case.equipment:
        out += [str(e.refrigerant), str(e.equipment)]
    for doc in getattr(case, "documents", {}) or {}:
        out.append(str(doc))
    out += [str(s) for s in (getattr(case, "sheet_names", None) or {}).values()] if isinstance(
        getattr(case, "sheet_names", None), dict) else []
    return tuple(t for t in out if t)
