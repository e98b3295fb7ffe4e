"""The factor library: items, factors, GWP values and refrigerant blends.

Loaded from the CSV files under ``resources/`` (see ``docs/factor-data.md``).  Every
factor row keeps its provenance (source, publisher, year, status) so that results can
show where each number came from.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from carbonmgr.common.paths import resource_dir

STATUSES = ("verified", "secondary", "unverified")

# Factor sets tried, in this order, when the chosen set has no factor for an item.
# US/UK sets (epa2025, desnz2024) are used only when a case or line asks for them.
CN_FUEL_CHAIN = (
    "cn_mee_steel_2024",
    "cn_gbt32151_22_2024",
    "cn_ndrc_2013",
    "cn_set_a",
    "cn_civil_aviation",
    "cn_gbt2589",
    "cn_mee_power_2022",
)
# The default fuel table of each sector's guideline (the sectors are model.SECTORS). General
# industry takes the NDRC 2013/2015 family table (the 2013 first-batch table; the 2015
# 工业其他行业 guideline's own table has not been read, china-addendum §1.8); steel the MEE 2024
# steel guideline's 附表A.1; power the MEE 发电设施 guideline's Appendix A where we have its rows,
# then the family table. Cement and aluminium (MEE 2024 guidelines, 环办气候函〔2024〕321号):
# their own fuel tables have not been read, so the family table, with a note on the line.
SECTOR_FUEL_SETS = {
    "general": ("cn_ndrc_2013",),
    "steel": ("cn_mee_steel_2024",),
    "power": ("cn_mee_power_2022", "cn_ndrc_2013"),
    "cement": ("cn_ndrc_2013",),
    "aluminium": ("cn_ndrc_2013",),
}
SECTORS_WITHOUT_OWN_TABLE = frozenset({"cement", "aluminium"})
DEFAULT_FUEL_SET = SECTOR_FUEL_SETS["general"][0]
DEFAULT_GRID_SET = "cn_grid_mee_nbs"
DEFAULT_PROCESS_CHAIN = ("cn_carbonates", "cn_mee_steel_2024", "cn_steel_2013", "cn_mee_cement_2024",
                         "cn_cement_oxide")


def norm_name(text: str) -> str:
    """Normalise a name for matching: case, spaces, '-', '_', full-width brackets."""
    text = str(text).strip().lower()
    return re.sub(r"[\s\-_·‐–—()（）\[\]【】]+", "", text)


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    state: str = ""
    biogenic: bool = False
    note: str = ""

    def name(self, lang: str = "en") -> str:
        return (self.name_zh if lang == "zh" else self.name_en) or self.name_en or self.name_zh or self.id


@dataclass(frozen=True)
class Factor:
    set: str
    item: str
    param: str
    gas: str
    variant: str
    value: float
    unit: str
    region: str
    year: int | None
    source: str
    publisher: str
    year_published: str
    years_valid: str
    gwp_basis: str
    status: str
    tag: str
    note: str

    @property
    def key(self) -> str:
        parts = [self.set, self.item, self.param]
        if self.gas:
            parts.append(self.gas)
        if self.variant:
            parts.append(self.variant)
        if self.year is not None:
            parts.append(str(self.year))
        return "/".join(parts)

    def valid_for(self, year: int | None) -> bool:
        if not self.years_valid or year is None:
            return True
        text = self.years_valid.replace("–", "-").strip()
        try:
            if "-" in text:
                lo, hi = text.split("-", 1)
                lo_ok = not lo.strip() or year >= int(lo)
                hi_ok = not hi.strip() or year <= int(hi)
                return lo_ok and hi_ok
            return year == int(text)
        except ValueError:
            return True

    def citation(self) -> str:
        bits = [self.source]
        if self.publisher:
            bits.append(self.publisher)
        if self.year_published:
            bits.append(str(self.year_published))
        return ", ".join(b for b in bits if b)

    def to_dict(self) -> dict:
        # every field is a plain value (text, number, None): what asdict gives, without its deep copies
        d = {name: getattr(self, name) for name in _FACTOR_FIELDS}
        d["key"] = self.key
        return d


_FACTOR_FIELDS = tuple(f.name for f in fields(Factor))


@dataclass(frozen=True)
class GwpValue:
    set: str
    gas: str
    value: float
    source: str
    status: str
    tag: str = ""
    note: str = ""


@dataclass
class Library:
    items: dict[str, Item] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # normalised name -> item id
    factors: list[Factor] = field(default_factory=list)
    by_item: dict[tuple[str, str], list[Factor]] = field(default_factory=dict)  # (set, item)
    sets_of_item: dict[str, list[str]] = field(default_factory=dict)
    gwp: dict[tuple[str, str], GwpValue] = field(default_factory=dict)  # (set, norm gas)
    blends: dict[str, list[tuple[str, float, str]]] = field(default_factory=dict)  # norm blend
    set_info: dict[str, dict] = field(default_factory=dict)

    # ----------------------------------------------------------------- items
    def resolve_item(self, name: str) -> Item | None:
        if name is None:
            return None
        key = norm_name(name)
        item_id = self.names.get(key)
        return self.items.get(item_id) if item_id else None

    def item(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    # --------------------------------------------------------------- factors
    def factors_for(self, set_name: str, item_id: str) -> list[Factor]:
        return self.by_item.get((set_name, item_id), [])

    def find(self, set_name: str, item_id: str, param: str, gas: str = "", variant: str | None = None,
             year: int | None = None) -> Factor | None:
        rows = [f for f in self.by_item.get((set_name, item_id), ())
                if f.param == param and (not gas or f.gas.lower() == gas.lower())]
        if variant is not None:
            exact = [f for f in rows if f.variant == variant]
            rows = exact or [f for f in rows if not f.variant]
        if not rows:
            return None
        return pick_year(rows, year)

    def search(self, text: str = "", set_name: str | None = None, status: str | None = None,
               region: str | None = None, year: int | None = None, kind: str | None = None) -> list[Factor]:
        needle = norm_name(text) if text else ""
        out = []
        for f in self.factors:
            if set_name and f.set != set_name:
                continue
            if status and f.status != status:
                continue
            if year is not None and f.year is not None and f.year != year:
                continue
            item = self.items.get(f.item)
            if kind and (item is None or item.kind != kind):
                continue
            if region and norm_name(region) not in norm_name(f.region or ""):
                continue
            if needle:
                hay = [f.set, f.item, f.param, f.gas, f.source, f.region, f.variant]
                if item:
                    hay += [item.name_zh, item.name_en, *item.aliases]
                if not any(needle in norm_name(h) for h in hay if h):
                    continue
            out.append(f)
        return out

    # -------------------------------------------------------------------- gwp
    def gwp_value(self, set_name: str, gas: str) -> GwpValue | None:
        return self.gwp.get((set_name, norm_name(gas)))

    def blend(self, name: str) -> list[tuple[str, float, str]] | None:
        return self.blends.get(norm_name(name))

    def gwp_sets(self) -> list[str]:
        return sorted({s for s, _ in self.gwp})


def pick_year(rows: list[Factor], year: int | None) -> Factor:
    """The row for ``year``; else the latest earlier one; else the earliest one.

    Rows restricted by ``years_valid`` to other reporting years lose against rows
    that are valid for ``year``.
    """
    if len(rows) == 1:
        return rows[0]
    valid = [f for f in rows if f.valid_for(year)] or rows
    dated = [f for f in valid if f.year is not None]
    if not dated or year is None:
        if dated:
            return max(dated, key=lambda f: f.year)
        return valid[0]
    exact = [f for f in dated if f.year == year]
    if exact:
        return exact[0]
    earlier = [f for f in dated if f.year < year]
    if earlier:
        return max(earlier, key=lambda f: f.year)
    return min(dated, key=lambda f: f.year)


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


class CitationError(ValueError):
    """A data row's citation is not an official document (a code file, a package, a web address,
    our reference notes): where a value was read belongs in the row's status tag, not in its source."""


# What a citation of an official document never holds: where *we* read the value.
_NOT_A_CITATION = (
    (re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|cn|org|net|io|gov)(?:\.\w+)?/", re.I), "a web address"),
    (re.compile(r"github|gitlab|gitee|bitbucket", re.I), "a code host"),
    (re.compile(r"[\w./-]+\.(?:jsx?|tsx?|py|kt|java|json|csv|md|ya?ml|html?|shtml?)\b", re.I), "a file"),
    (re.compile(r"\bsrc/|\bcommit\b|@[0-9a-f]{7,}", re.I), "a file"),
    (re.compile(r"\bas (?:read|implemented|found) in\b|\bpypi\b|\bnpm\b|\b[a-z][a-z0-9]*[-_]?[a-z0-9]* \d+\.\d+\.\d+\b"),
     "a software package"),
    (re.compile(r"china(?:-addendum)?\.md|intl\.md|peers\.md|documents\.md|market\.md|\bREPO-[A-Z]\b"
                r"|\b(?:china|intl|china-addendum) §", re.I), "our reference notes"),
)


def citation_problem(text: str) -> str | None:
    """Why ``text`` is not a citation of a published document (None when it may be one)."""
    for pattern, what in _NOT_A_CITATION:
        if pattern.search(text or ""):
            return what
    return None


def _check_citation(path: Path, row_no: int, text: str) -> None:
    what = citation_problem(text)
    if what:
        raise CitationError(f"{path.parent.name}/{path.name} row {row_no}, column source: the citation names {what} "
                            f"({text[:80]!r}); cite the official document and keep where the value was read "
                            f"in the status tag")


def _int_or_none(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def load_library(root: Path | None = None) -> Library:
    root = Path(root) if root else resource_dir()
    lib = Library()
    for path in sorted((root / "items").glob("*.csv"), key=lambda p: (p.name != "fuels.csv", p.name)):
        for row in _read_csv(path):
            item_id = (row.get("id") or "").strip()
            if not item_id:
                continue
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
            old = lib.items.get(item_id)
            if old is not None:
                aliases = old.aliases + tuple(a for a in aliases if a not in old.aliases)
                item = Item(old.id, old.kind, old.name_zh, old.name_en, aliases, old.state, old.biogenic, old.note)
            else:
                item = Item(item_id, (row.get("kind") or "").strip(), (row.get("name_zh") or "").strip(),
                            (row.get("name_en") or "").strip(), aliases, (row.get("state") or "").strip(),
                            (row.get("biogenic") or "").strip() in ("1", "yes", "true"),
                            (row.get("note") or "").strip())
            lib.items[item_id] = item
            for name in (item.id, item.name_zh, item.name_en, *item.aliases):
                if name:
                    lib.names.setdefault(norm_name(name), item_id)
    for path in sorted((root / "factors").glob("*.csv")):
        for row_no, row in enumerate(_read_csv(path), start=2):
            try:
                value = float(row["value"])
            except (KeyError, TypeError, ValueError):
                continue
            _check_citation(path, row_no, row.get("source") or "")
            f = Factor(
                set=row["set"].strip(), item=row["item"].strip(), param=row["param"].strip(),
                gas=(row.get("gas") or "").strip(), variant=(row.get("variant") or "").strip(),
                value=value, unit=(row.get("unit") or "").strip(), region=(row.get("region") or "").strip(),
                year=_int_or_none(row.get("year")), source=(row.get("source") or "").strip(),
                publisher=(row.get("publisher") or "").strip(),
                year_published=(row.get("year_published") or "").strip(),
                years_valid=(row.get("years_valid") or "").strip(),
                gwp_basis=(row.get("gwp_basis") or "").strip(), status=(row.get("status") or "").strip(),
                tag=(row.get("tag") or "").strip(), note=(row.get("note") or "").strip(),
            )
            lib.factors.append(f)
            lib.by_item.setdefault((f.set, f.item), []).append(f)
            sets = lib.sets_of_item.setdefault(f.item, [])
            if f.set not in sets:
                sets.append(f.set)
            info = lib.set_info.setdefault(f.set, {"name": f.set, "sources": set(), "statuses": set(),
                                                   "rows": 0, "file": path.name})
            info["sources"].add(f.source)
            info["statuses"].add(f.status)
            info["rows"] += 1
    gwp_dir = root / "gwp"
    if (gwp_dir / "gwp.csv").exists():
        for row_no, row in enumerate(_read_csv(gwp_dir / "gwp.csv"), start=2):
            try:
                value = float(row["value"])
            except (KeyError, TypeError, ValueError):
                continue
            _check_citation(gwp_dir / "gwp.csv", row_no, row.get("source") or "")
            g = GwpValue(row["set"].strip(), row["gas"].strip(), value, (row.get("source") or "").strip(),
                         (row.get("status") or "").strip(), (row.get("tag") or "").strip(),
                         (row.get("note") or "").strip())
            lib.gwp[(g.set, norm_name(g.gas))] = g
    if (gwp_dir / "blends.csv").exists():
        for row_no, row in enumerate(_read_csv(gwp_dir / "blends.csv"), start=2):
            try:
                frac = float(row["mass_fraction"])
            except (KeyError, TypeError, ValueError):
                continue
            _check_citation(gwp_dir / "blends.csv", row_no, row.get("source") or "")
            if frac > 1:
                frac /= 100.0
            lib.blends.setdefault(norm_name(row["blend"]), []).append(
                (row["component"].strip(), frac, (row.get("source") or "").strip()))
    return lib


@lru_cache(maxsize=1)
def default_library() -> Library:
    return load_library()


@dataclass(frozen=True)
class PlausibleRange:
    """A published plausibility range of a parameter of an item (for checking measured values;
    outside it a value is questioned, not refused)."""
    item: str
    param: str
    unit: str
    low: float | None
    high: float | None
    basis: str
    source: str
    publisher: str
    year_published: str
    status: str
    tag: str
    note: str


@lru_cache(maxsize=None)
def plausible_ranges() -> dict[tuple[str, str], PlausibleRange]:
    """(item id, parameter) -> its published plausibility range (``resources/ranges``)."""
    out: dict[tuple[str, str], PlausibleRange] = {}
    folder = resource_dir() / "ranges"
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else ():
        for row_no, row in enumerate(_read_csv(path), start=2):
            _check_citation(path, row_no, row.get("source") or "")

            def num(text):
                text = (text or "").strip()
                return float(text) if text else None

            r = PlausibleRange(row["item"].strip(), row["param"].strip(), row["unit"].strip(), num(row["low"]),
                               num(row["high"]), row["basis"].strip(), row["source"].strip(),
                               row["publisher"].strip(), row["year_published"].strip(), row["status"].strip(),
                               row["tag"].strip(), row["note"].strip())
            out[(r.item, r.param)] = r
    return out
