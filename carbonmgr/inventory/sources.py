"""The source types, as data: one :class:`SourceType` entry per source type.

Everything the rest of CarbonMgr knows about a source type comes from its entry here:
the importer's accepted spellings, the scope it reports to under each standard
profile, whether a line may leave its item empty, which items and units the app
offers, which calculation options its method reads, and the method itself (the
function that turns a group of lines into a :class:`~carbonmgr.inventory.engine.Calc`).
The names a user reads are the message catalogue's ``source.<id>`` entries.

The tables other modules import (``SOURCES``, ``SOURCE_ALIASES``, ``SOURCE_NAMES``,
``SCOPE_OF_SOURCE``, ``NO_ITEM_SOURCES``, ``SOURCE_KINDS``) are views derived from the
registry, and :func:`units_for` reads it, so a new source type is one entry (with its
method) plus its name in ``carbonmgr/common/messages/core.py``; see docs/architecture.md.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from carbonmgr.common.i18n import translate
from carbonmgr.units import UnitError, parse_rate

if TYPE_CHECKING:  # the engine imports this module; these names are for annotations only
    from carbonmgr.factors.library import Item, Library
    from carbonmgr.inventory.engine import Calc, Resolver
    from carbonmgr.inventory.model import Facility
    from carbonmgr.units import Unit


@dataclass(frozen=True)
class GroupLines:
    """What a method sees of a group of activity lines (they share all of it)."""

    source: str  # the source type id
    item_text: str  # the item as written on the lines ("" when left empty)
    item: Item | None  # the library item it names, if any
    unit: Unit
    options: dict[str, Any]  # the calculation options set on the lines
    facility: Facility


Method = Callable[["Resolver", GroupLines], "Calc"]


@dataclass(frozen=True)
class SourceType:
    """One source type.

    ``scopes``: the scope its lines report to under each standard profile (``None``:
    outside the scopes, such as exported energy, which GB/T 32150 deducts).
    ``item_optional``: a line may leave its item empty (the facility's region or a
    default decides). ``item_kinds``: the library item kinds the app offers for it.
    ``dimensions``: the unit dimensions its lines accept; empty: those of the item's
    factors. ``first_units``: units offered first. ``options``: the calculation options
    (see ``model.CALC_OPTIONS``) its method reads. ``deducted``: its result counts
    negative. ``biogenic_apart``: the CO2 of biomass is reported outside the totals.
    ``market_based``: its lines also take the market-based Scope 2 method with the
    facility's instruments (and, under GB/T 32150, the green-power rule).
    ``fossil_methane``: its CH4 is fossil methane released unburnt, which the AR6
    ``by_source`` rule weights with the fossil CH4 GWP.
    ``aliases``: accepted spellings besides the id (compared after normalising case,
    spaces, '-' and '_').
    """

    id: str
    scopes: Mapping[str, int | None]
    method: Method
    item_optional: bool = False
    item_kinds: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    first_units: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    deducted: bool = False
    biogenic_apart: bool = False
    market_based: bool = False
    fossil_methane: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def message_id(self) -> str:
        return f"source.{self.id}"

    def name(self, lang: str = "en") -> str:
        """The source type's name in ``lang`` (from the message catalogue)."""
        return translate(self.message_id, lang)

    def scope(self, standard: str) -> int | None:
        """The scope of its lines under ``standard`` (the GHG Protocol's when unknown)."""
        return self.scopes.get(standard, self.scopes["ghgp"])


def _scopes(scope: int | None) -> Mapping[str, int | None]:
    """The same scope under every standard profile: GB/T 32150's direct emissions and
    energy indirect emissions are Scopes 1 and 2; ISO 14064-1 categories 1 and 2 likewise."""
    return MappingProxyType({"gbt32150": scope, "ghgp": scope, "iso14064": scope})


# ------------------------------------------------------------------ methods
# Each method computes a group of lines through the engine's resolver (which chooses the
# factors and calls the formulas of carbonmgr.inventory.methods).

def combustion(r: Resolver, g: GroupLines) -> Calc:
    """Fuel combustion: Chinese guideline (NCV × CC × OF × 44/12), element carbon, per gas."""
    return r.combustion(g.source, g.item_text, g.item, g.unit, g.options)


def process(r: Resolver, g: GroupLines) -> Calc:
    """Process emissions: carbonates (M × purity × EF), clinker, process materials, gases."""
    return r.process(g.source, g.item_text, g.item, g.unit, g.options)


def fugitive(r: Resolver, g: GroupLines) -> Calc:
    """Released gas: m × GWP (blends from their composition)."""
    return r.fugitive(g.source, g.item_text, g.item, g.unit, g.options)


def electricity(r: Resolver, g: GroupLines) -> Calc:
    """Grid electricity, location-based (market-based and the green-power rule per facility)."""
    return r.electricity(g.source, g.item_text, g.item, g.unit, g.options, g.facility)


def heat(r: Resolver, g: GroupLines) -> Calc:
    """Heat and steam: GJ × EF."""
    return r.heat(g.source, g.item_text, g.item, g.unit, g.options)


def scope3(r: Resolver, g: GroupLines) -> Calc:
    """Scope 3: spend-based, supplier-specific, average-data, distance-based or fuel-based."""
    return r.scope3(g.source, g.item_text, g.item, g.unit, g.options)


# ----------------------------------------------------------------- registry
# Options of a line that gives its own factor (read by every method).
OWN_FACTOR = ("ef_co2", "ef_ch4", "ef_n2o", "ef_co2e", "ef_gas", "ef_unit", "gas")
_HEAT_OPTIONS = OWN_FACTOR + ("factor_set", "enthalpy", "water_temperature")
_CLINKER_OPTIONS = ("cao", "mgo", "cao_non_carbonate", "mgo_non_carbonate")
_COMBUSTION_OPTIONS = OWN_FACTOR + ("ncv", "ncv_unit", "heat_basis", "carbon_content", "carbon_element", "oxidation_rate",
                                    "factor_set", "variant", "region", "biogenic")

SOURCE_TYPES: Mapping[str, SourceType] = MappingProxyType({s.id: s for s in (
    SourceType(
        "stationary_combustion", _scopes(1), combustion,
        item_kinds=("fuel",), options=_COMBUSTION_OPTIONS, biogenic_apart=True,
        aliases=("固定燃烧", "固定源燃烧", "化石燃料燃烧", "燃料燃烧", "固定燃烧源", "化石燃料燃烧排放",
                 "stationary", "combustion", "stationary combustion emissions")),
    SourceType(
        "mobile_combustion", _scopes(1), combustion,
        item_kinds=("fuel", "vehicle"), options=_COMBUSTION_OPTIONS, biogenic_apart=True,
        aliases=("移动燃烧", "移动源燃烧", "移动源", "移动燃烧源", "交通运输", "mobile", "mobile sources")),
    SourceType(
        "process", _scopes(1), process,
        item_kinds=("carbonate", "process_material", "clinker", "clinker_dust", "clinker_deduction", "gas"),
        options=OWN_FACTOR + ("purity", "factor_set", "biogenic") + _CLINKER_OPTIONS, biogenic_apart=True,
        aliases=("过程排放", "工业生产过程", "工业过程", "生产过程", "工业生产过程排放", "过程", "碳酸盐使用",
                 "process emissions", "industrial process", "industrial processes")),
    SourceType(
        "fugitive", _scopes(1), fugitive,
        item_kinds=("refrigerant", "gas"), options=OWN_FACTOR, fossil_methane=True,
        aliases=("逸散排放", "逃逸排放", "逸散", "逃逸", "无组织排放", "制冷剂逸散", "fugitive emissions")),
    SourceType(
        "purchased_electricity", _scopes(2), electricity,
        item_optional=True, item_kinds=("grid",), dimensions=("energy",), first_units=("MWh", "kWh"),
        options=OWN_FACTOR + ("factor_set",), market_based=True,
        aliases=("购入电力", "外购电力", "净购入电力", "购入电", "外购电", "购入的电力", "购入使用电力",
                 "electricity", "purchased power", "grid electricity")),
    SourceType(
        "purchased_heat", _scopes(2), heat,
        item_optional=True, item_kinds=("heat",), dimensions=("energy", "mass"), options=_HEAT_OPTIONS,
        aliases=("购入热力", "外购热力", "净购入热力", "购入热", "外购热", "购入的热力", "外购蒸汽", "购入蒸汽",
                 "purchased steam", "heat", "steam", "purchased heat and steam")),
    SourceType(
        "exported_electricity", _scopes(None), electricity,
        item_optional=True, item_kinds=("grid",), dimensions=("energy",), first_units=("MWh", "kWh"),
        options=OWN_FACTOR + ("factor_set",), deducted=True,
        aliases=("输出电力", "外供电力", "输出电", "输出的电力", "售电", "上网电量", "exported power",
                 "electricity exported")),
    SourceType(
        "exported_heat", _scopes(None), heat,
        item_optional=True, item_kinds=("heat",), dimensions=("energy", "mass"), options=_HEAT_OPTIONS,
        deducted=True,
        aliases=("输出热力", "外供热力", "输出热", "输出的热力", "外供蒸汽", "exported steam", "heat exported")),
    SourceType(
        "scope3", _scopes(3), scope3,
        item_kinds=("travel", "freight", "waste", "upstream"),
        options=_COMBUSTION_OPTIONS + ("scope3_category",),
        aliases=("范围三", "范围3", "其他间接排放", "范围三排放", "价值链排放", "scope 3", "scope three",
                 "value chain")),
)})

# ------------------------------------------------------------ derived views
SOURCES: tuple[str, ...] = tuple(SOURCE_TYPES)
# Accepted spellings of each source (besides the canonical id).
SOURCE_ALIASES: dict[str, list[str]] = {s.id: list(s.aliases) for s in SOURCE_TYPES.values()}
# (English, Chinese) name of each source type, from the message catalogue.
SOURCE_NAMES: dict[str, tuple[str, str]] = {s.id: (s.name("en"), s.name("zh")) for s in SOURCE_TYPES.values()}
# Scope of each source type (the same under every standard profile; None: outside the scopes).
SCOPE_OF_SOURCE: dict[str, int | None] = {s.id: s.scope("ghgp") for s in SOURCE_TYPES.values()}
# Sources whose lines may leave the item empty.
NO_ITEM_SOURCES: frozenset[str] = frozenset(s.id for s in SOURCE_TYPES.values() if s.item_optional)
# Item kinds (see resources/items/*.csv) that belong to each source type.
SOURCE_KINDS: dict[str, tuple[str, ...]] = {s.id: s.item_kinds for s in SOURCE_TYPES.values()}



def is_market_based(source: str) -> bool:
    """Lines of ``source`` have a market-based Scope 2 result besides the location-based one."""
    spec = SOURCE_TYPES.get(source)
    return spec is not None and spec.market_based


# ------------------------------------------------------------------- units
# Units offered per dimension (the unit column stays free text: any unit the core knows).
DIMENSION_UNITS = {
    "mass": ("t", "kg", "10^4 t", "lb", "short ton"),
    "volume": ("10^4 Nm3", "Nm3", "m3", "L", "gal", "scf"),
    "energy": ("GJ", "MWh", "kWh", "TJ", "mmBtu", "tce"),
    "distance": ("km", "mi"),
    "pdistance": ("passenger-km", "passenger-mile"),
    "tdistance": ("t-km", "short ton-mile"),
    "vdistance": ("vehicle-km", "vehicle-mile"),
    "count": ("room-night", "unit"),
}
# Item kinds whose quantity is a mass whatever their factors' units.
MASS_KINDS = ("carbonate", "process_material", "clinker", "clinker_deduction", "gas", "refrigerant")


def factor_dimensions(lib: Library, item, sets=None) -> list[str]:
    """Dimensions of activity data the item's factors accept (from their units), in order
    of appearance; an NCV or carbon content per heat makes energy acceptable too."""
    dims: list[str] = []
    for s in (sets if sets is not None else lib.sets_of_item.get(item.id, ())):
        for f in lib.factors_for(s, item.id):
            if f.param in ("ncv", "ef", "ef_co2e", "heat_content"):
                try:
                    _, den = parse_rate(f.unit)
                except UnitError:
                    continue
                if den.dimension not in dims:
                    dims.append(den.dimension)
            if f.param in ("cc", "ncv") and "energy" not in dims:
                dims.append("energy")
    return dims


def units_for(lib: Library, source: str, item_text: str) -> list[str]:
    """Units that fit a line of ``source`` with ``item_text`` (the source type's dimensions,
    else those of the item's factors), most likely first."""
    spec = SOURCE_TYPES.get(source)
    item = lib.resolve_item(item_text) if item_text else None
    dims: list[str] = []
    if spec is not None and spec.dimensions:
        dims = list(spec.dimensions)
    elif item is not None:
        dims = factor_dimensions(lib, item)
        if item.kind in MASS_KINDS and "mass" not in dims:
            dims.insert(0, "mass")
    if not dims:
        dims = ["mass", "volume", "energy"]
    out: list[str] = []
    for d in dims:
        for u in DIMENSION_UNITS.get(d, ()):
            if u not in out:
                out.append(u)
    first = spec.first_units if spec is not None else ()
    return list(first) + [u for u in out if u not in first]
