"""Plain data records of a case (what a case workbook or a project holds).

Activity lines are stored column-wise (:class:`ActivityTable`) because a case may
hold hundreds of thousands of lines: the engine groups lines that share an item,
unit and parameters and computes each group's factor once.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any, Iterator

# The source types, their accepted spellings and names: views of the registry in sources.py
from carbonmgr.inventory.ets_model import EtsData
from carbonmgr.inventory.sources import SOURCE_ALIASES, SOURCE_NAMES, SOURCES  # noqa: F401

# Words that name electricity itself rather than a grid: an item cell holding one of them
# is treated as empty (the facility's region decides the grid).
GENERIC_ELECTRICITY_ITEMS = {"电力", "电", "电网", "电网电力", "网电", "外购电力", "购入电力", "市电", "用电",
                             "electricity", "grid", "power", "grid electricity", "purchased electricity"}

STANDARDS = ("gbt32150", "ghgp", "iso14064")
GWP_SETS = ("SAR", "AR4", "AR5", "AR6", "AR6-SM")
CONSOLIDATIONS = ("operational_control", "financial_control", "equity_share")
CH4_RULES = ("by_source", "fossil", "non_fossil")
# The sector whose accounting guideline gives a Chinese case its default fuel table
# (carbonmgr.factors.library.SECTOR_FUEL_SETS); general industry when a case names none.
SECTORS = ("general", "steel", "power", "cement", "aluminium")
DEFAULT_SECTOR = "general"

# Default GWP set per standard profile: the Chinese guidelines use SAR (china.md §2.9);
# GHG Protocol / ISO reporting today commonly uses AR5 (EPA and DESNZ factors embed AR5).
DEFAULT_GWP = {"gbt32150": "SAR", "ghgp": "AR5", "iso14064": "AR5"}

# Optional per-line columns of the Activities sheet, with their value type.
# number: float; fraction: float in [0, 1] (percent accepted); text: str; bool: yes/no.
ACTIVITY_OPTIONS = {
    "ncv": "number",
    "ncv_unit": "text",
    "carbon_content": "number",  # tC/GJ
    "carbon_element": "number",  # tC/t (as received)
    "oxidation_rate": "fraction",
    "purity": "fraction",
    "ef_co2": "number",
    "ef_ch4": "number",
    "ef_n2o": "number",
    "ef_co2e": "number",
    "ef_gas": "number",  # a factor for the gas the line names in "gas" (kg CF4 per t aluminium ...)
    "ef_unit": "text",
    "heat_basis": "text",  # ncv | hhv: the heating-value basis of a fuel quantity in energy units
    "enthalpy": "number",  # kJ/kg: steam entered in tonnes
    "water_temperature": "number",  # °C: hot water entered in tonnes
    "cao": "fraction",  # cement clinker by its oxides: CaO of the clinker
    "mgo": "fraction",
    "cao_non_carbonate": "fraction",  # CaO (MgO) of the clinker not from carbonates
    "mgo_non_carbonate": "fraction",
    "scope3_category": "int",
    "biogenic": "bool",
    "uncertainty": "number",  # percent, half the 95 % confidence interval
    "factor_set": "text",
    "variant": "text",  # a factor variant: IPCC sector, vehicle class, "with_rf" ...
    "region": "text",  # where the activity happened (a hotel stay abroad): chooses among a set's regional rows
    "gas": "text",
    "evidence": "text",
    "note": "text",
    "ets_unit": "text",  # the ETS unit (ETS sheet) whose verified emissions this line is part of
}

# Options that change a line's result (they are part of the grouping key).
CALC_OPTIONS = (
    "ncv",
    "ncv_unit",
    "carbon_content",
    "carbon_element",
    "oxidation_rate",
    "purity",
    "ef_co2",
    "ef_ch4",
    "ef_n2o",
    "ef_co2e",
    "ef_gas",
    "heat_basis",
    "enthalpy",
    "water_temperature",
    "cao",
    "mgo",
    "cao_non_carbonate",
    "mgo_non_carbonate",
    "ef_unit",
    "scope3_category",
    "biogenic",
    "factor_set",
    "region",
    "variant",
    "gas",
)


@dataclass
class CaseInfo:
    title: str = ""
    standard: str = "gbt32150"
    gwp: str | None = None  # None: DEFAULT_GWP[standard]
    reporting_year: int | None = None
    consolidation: str = "operational_control"
    residual_mix_ef: float | None = None  # t CO2e / MWh
    factor_set: str | None = None  # default factor set for fuels and materials
    grid_factor_set: str | None = None  # default set for grid electricity
    ch4_ar6: str = "by_source"
    base_year: int | None = None
    sector: str | None = None  # None: DEFAULT_SECTOR (general industry)
    # carbon trading (the ETS keys; see carbonmgr.inventory.ets_model for the ETS sheet)
    ets_year: int | None = None  # the compliance year (default: reporting_year)
    carbon_price: float | None = None  # CNY/t, average of the month before the surrender deadline
    allowances_held: float | None = None  # t, bought or banked
    ccer_offered: float | None = None  # t
    allowances_borrowed: float | None = None  # t, borrowed from a later year's pre-allocation (2021-2022 plan)
    extra: dict[str, Any] = field(default_factory=dict)  # other keys, kept as read

    @property
    def gwp_set(self) -> str:
        return self.gwp or DEFAULT_GWP.get(self.standard, "AR5")


@dataclass
class Facility:
    id: str
    name: str = ""
    region: str = ""
    equity_share: float = 1.0  # fraction
    financial_control: str = "yes"  # yes | no | joint
    operational_control: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    residual_mix_ef: float | None = None  # t CO2e/MWh: the residual mix of the facility's electricity market

    def share(self, consolidation: str) -> float:
        """Fraction of this facility's emissions consolidated (GHG Protocol ch.3)."""
        if consolidation == "equity_share":
            return self.equity_share
        if consolidation == "financial_control":
            if self.financial_control == "joint":
                return self.equity_share  # joint financial control: by equity share
            return 1.0 if self.financial_control == "yes" else 0.0
        return 1.0 if self.operational_control else 0.0


@dataclass
class Instrument:
    """A contractual instrument for market-based Scope 2 (certificate, PPA, supplier rate)."""

    facility: str
    type: str
    quantity: float  # MWh
    ef: float  # t CO2e / MWh
    row: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


# Instrument types offered in the app (free text is accepted too; the Chinese green-power
# rule recognises green_certificate / green_power and their Chinese names 绿证 / 绿电).
INSTRUMENT_TYPES = ("green_certificate", "green_power", "rec", "go", "i_rec", "ppa", "supplier_rate")

# Refrigerant equipment register: methods and the kg values each one uses.
EQUIPMENT_METHODS = ("screening", "material_balance", "simplified_material_balance")
EQUIPMENT_VALUE_FIELDS = ("new_charge", "operating_capacity", "disposed_capacity", "inventory_start",
                          "inventory_end", "purchased", "sold", "capacity_start", "capacity_end", "capacity_new",
                          "recharge", "recovered")
EQUIPMENT_METHOD_FIELDS = {
    "screening": ("equipment", "new_charge", "operating_capacity", "disposed_capacity"),
    "material_balance": ("inventory_start", "inventory_end", "purchased", "sold", "capacity_start",
                         "capacity_end"),
    "simplified_material_balance": ("new_charge", "capacity_new", "recharge", "disposed_capacity", "recovered"),
}


@dataclass
class Equipment:
    """One line of the refrigerant equipment register (EPA SGEC methods)."""

    facility: str
    method: str  # screening | material_balance | simplified_material_balance
    refrigerant: str
    equipment: str = ""  # equipment type (screening)
    values: dict[str, float] = field(default_factory=dict)  # kg
    row: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Activity:
    """One activity line (a row view of :class:`ActivityTable`)."""

    row: int
    facility: str
    source: str
    item: str
    quantity: float
    unit: str
    options: dict[str, Any] = field(default_factory=dict)


class ActivityTable:
    """Activity lines stored column-wise.

    ``options`` maps an option name (see :data:`ACTIVITY_OPTIONS`) to a list with one
    value per line (``None`` where the cell was empty); ``extra`` keeps unknown
    columns as read, so that nothing of the instructor's workbook is lost.
    """

    __slots__ = ("row", "facility", "source", "item", "quantity", "unit", "options", "extra")

    def __init__(self, row=None, facility=None, source=None, item=None, quantity=None, unit=None,
                 options=None, extra=None):
        self.row: list[int] = row or []
        self.facility: list[str] = facility or []
        self.source: list[str] = source or []
        self.item: list[str] = item or []
        self.quantity: list[float] = quantity or []
        self.unit: list[str] = unit or []
        self.options: dict[str, list] = options or {}
        self.extra: dict[str, list] = extra or {}

    def __len__(self) -> int:
        return len(self.row)

    def line(self, i: int) -> Activity:
        opts = {k: v[i] for k, v in self.options.items() if v[i] is not None}
        return Activity(self.row[i], self.facility[i], self.source[i], self.item[i],
                        self.quantity[i], self.unit[i], opts)

    def __iter__(self) -> Iterator[Activity]:
        for i in range(len(self.row)):
            yield self.line(i)

    def append(self, activity: Activity) -> None:
        n = len(self.row)
        self.row.append(activity.row)
        self.facility.append(activity.facility)
        self.source.append(activity.source)
        self.item.append(activity.item)
        self.quantity.append(activity.quantity)
        self.unit.append(activity.unit)
        for key in activity.options:
            if key not in self.options:
                self.options[key] = [None] * n
        for key, col in self.options.items():
            col.append(activity.options.get(key))
        for col in self.extra.values():
            col.append(None)

    @classmethod
    def from_lines(cls, lines) -> "ActivityTable":
        table = cls()
        for line in lines:
            table.append(line)
        return table


@dataclass
class CaseData:
    """Everything a case workbook (or a project) holds."""

    info: CaseInfo = field(default_factory=CaseInfo)
    facilities: list[Facility] = field(default_factory=list)
    activities: ActivityTable = field(default_factory=ActivityTable)
    instruments: list[Instrument] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    # Sheets that are not part of the contract (source documents: fuel ledgers,
    # power bills ...), kept as rows of cell values, in workbook order.
    documents: dict[str, list[list[Any]]] = field(default_factory=dict)
    # Column letter of each field per sheet, so that problems found later (by the
    # engine) can name the cell: {"Activities": {"item": "C", ...}}
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    # Actual sheet names as written in the workbook (e.g. "活动数据" for "Activities").
    sheet_names: dict[str, str] = field(default_factory=dict)
    # The optional ETS sheet (covered units), None when the case has none.
    ets: EtsData | None = None
    # The row of each Case key as read from a workbook ({"allowances_borrowed": 12}), so that a problem
    # found later names the cell; empty for a case not read from a workbook. Not part of the case's value.
    key_rows: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def facility_map(self) -> dict[str, Facility]:
        return {f.id: f for f in self.facilities}

    def sheet(self, canonical: str) -> str:
        return self.sheet_names.get(canonical, canonical)

    def column(self, sheet: str, fieldname: str) -> str | None:
        return self.columns.get(sheet, {}).get(fieldname)


# No quantity, parameter or factor of a case is larger than this in its unit; NaN and infinity
# never are numbers of a case. The importer, the app's cell checks and the project store hold it.
MAX_NUMBER = 1e15


def _implausible(value: Any, finite_only: bool = False) -> bool:
    if type(value) is bool or not isinstance(value, (int, float)):
        return False
    if type(value) is float and not math.isfinite(value):
        return True
    return not finite_only and not -MAX_NUMBER <= value <= MAX_NUMBER


def implausible_numbers(case: CaseData, finite_only: bool = False) -> list[tuple[str, int | None, str, Any]]:
    """(sheet, row, field, value) of each number of ``case`` that is NaN, infinite or beyond
    MAX_NUMBER; in free columns, free keys and documents (and everywhere with ``finite_only``)
    only NaN and infinity count."""
    found: list[tuple[str, int | None, str, Any]] = []
    only_finite = finite_only

    def check(sheet: str, row: int | None, name: str, value: Any, finite_only: bool = False) -> None:
        if _implausible(value, finite_only or only_finite):
            found.append((sheet, row, name, value))

    info = case.info
    for f in dataclasses.fields(CaseInfo):
        if f.name != "extra":
            check(case.sheet("Case"), None, f.name, getattr(info, f.name))
    for key, value in info.extra.items():
        check(case.sheet("Case"), None, key, value, True)
    for i, fac in enumerate(case.facilities):
        check(case.sheet("Facilities"), i + 2, "equity_share", fac.equity_share)
        for key, value in fac.extra.items():
            check(case.sheet("Facilities"), i + 2, key, value, True)
    for ins in case.instruments:
        check(case.sheet("Instruments"), ins.row, "quantity", ins.quantity)
        check(case.sheet("Instruments"), ins.row, "ef", ins.ef)
        for key, value in ins.extra.items():
            check(case.sheet("Instruments"), ins.row, key, value, True)
    for eq in case.equipment:
        for key, value in eq.values.items():
            check(case.sheet("Equipment"), eq.row, key, value)
        for key, value in eq.extra.items():
            check(case.sheet("Equipment"), eq.row, key, value, True)
    acts, sheet = case.activities, case.sheet("Activities")
    columns = [("quantity", acts.quantity, False), *((k, v, False) for k, v in acts.options.items()),
               *((k, v, True) for k, v in acts.extra.items())]
    for name, values, finite_only in columns:
        floats = [v for v in values if type(v) is float]
        if floats and math.isfinite(sum(floats)) and (finite_only or only_finite or (
                -MAX_NUMBER <= min(floats) and max(floats) <= MAX_NUMBER)):
            continue  # the common case, at C speed
        for row, value in zip(acts.row, values):
            check(sheet, row, name, value, finite_only)
    for name, rows in case.documents.items():
        for r, cells in enumerate(rows or []):
            for value in cells or []:
                check(name, r + 1, "", value, True)
    return found
