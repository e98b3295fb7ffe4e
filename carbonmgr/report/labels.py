"""Every heading and label of the report and the Excel export, in the user's language.

The texts are catalogue entries (:mod:`carbonmgr.common.messages.report_labels`), rendered by
:mod:`carbonmgr.common.i18n`: ``label(key, lang, **params)`` is ``report.label.<key>``, and
the named things (standards, approaches, methods, parameters, categories ...) have one
function each.
"""
from __future__ import annotations

from carbonmgr.common.i18n import lookup, translate
from carbonmgr.inventory.notes import note_text  # noqa: F401  (re-exported for the report)

ORIGINS = {"line": "origin_line", "case": "origin_case", "library": "origin_library", "constant": "origin_constant"}


def label(key: str, lang: str, **params) -> str:
    return translate(f"report.label.{key}", lang, **params)


def _name(kind: str, code, lang: str, default: str = "") -> str:
    return lookup(f"report.{kind}.{code}", lang, default)


def standard_name(code: str, lang: str) -> str:
    """The standard in full (e.g. GB/T 32150-2015 and its title)."""
    return _name("standard", code, lang, code)


def standard_short(code: str, lang: str) -> str:
    return _name("standard_short", code, lang, code)


def sector_guideline(sector: str | None, lang: str) -> str:
    """The guideline whose default fuel table a case's sector takes, by its official title."""
    return lookup(f"guideline.{sector or 'general'}", lang, lookup("guideline.general", lang))


# The parameters a guideline's default fuel table publishes (NCV, carbon content per unit heat,
# oxidation rate): a line that takes one of them from the library uses that guideline's table.
FUEL_TABLE_PARAMS = frozenset({"ncv", "cc", "of"})

# Factor sets published in another country than China, by that country; a Chinese (GB/T 32150)
# report says plainly when a line uses one of them, and why.
FOREIGN_SETS = {"desnz2024": "UK", "epa2025": "US", "epa_sgec_screening": "US"}


def country_name(code: str, lang: str) -> str:
    """A country (``UK``, ``US``, ``CN``) by its name; other text as written."""
    return lookup(f"report.country.{code}", lang, code)


def sector_name(sector: str | None, lang: str) -> str:
    return lookup(f"sector.{sector or 'general'}", lang, lookup("sector.general", lang))


def is_own_guideline(sector: str | None, source: str) -> bool:
    """Whether a factor row's citation ``source`` is the sector's own guideline: it names the
    guideline by its official (Chinese) title, the title in the guideline's catalogue entry."""
    official = lookup(f"guideline.{sector or 'general'}", "zh", lookup("guideline.general", "zh"))
    title = official.split("》", 1)[0] + "》" if official.startswith("《") else official
    return bool(title) and title in (source or "")


def default_fuel_sources(lib, sector: str | None, factor_set: str | None = None) -> list[str]:
    """The documents whose fuel table a case of ``sector`` takes by default (a case's own factor set
    first), as the library's rows cite them."""
    from carbonmgr.factors.library import SECTOR_FUEL_SETS

    sets = (factor_set,) if factor_set else SECTOR_FUEL_SETS.get(sector or "general", SECTOR_FUEL_SETS["general"])
    out: list[str] = []
    for f in lib.factors:
        if f.set in sets and f.param in FUEL_TABLE_PARAMS and f.source not in out:
            out.append(f.source)
    return sorted(out, key=lambda src: sets.index(next(f.set for f in lib.factors if f.source == src)))


def consolidation_name(code: str, lang: str) -> str:
    return _name("consolidation", code, lang, code)


def status_name(code: str | None, lang: str) -> str:
    return _name("status", code or "", lang, code or "")


def method_name(code: str, lang: str) -> str:
    return _name("method", code, lang, code)


def param_name(code: str, lang: str, *, by_prefix: bool = False) -> str:
    """The name of a formula parameter (NCV, OF ...); empty when it has none.  ``by_prefix``:
    EF_CO2 is named as EF when it has no name of its own."""
    name = _name("param", code, lang, "")
    if not name and by_prefix:
        name = _name("param", code.split("_")[0], lang, "")
    return name


def iso_category_name(n: int, lang: str) -> str:
    return _name("iso_category", n, lang, "")


def scope3_category(n: int | None, lang: str) -> str:
    if n is None:
        return "—"
    name = _name("scope3_category", n, lang, "")
    return translate("report.scope3_category", lang, n=n, name=name).strip()


def source_name(source: str, lang: str) -> str:
    return lookup(f"source.{source}", lang, source)
