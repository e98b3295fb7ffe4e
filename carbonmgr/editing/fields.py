"""The fields an edit can change (activity lines, facilities, case settings, instruments,
equipment lines), what the app offers for them, and :class:`CellError`, the error of a
value typed into one of them."""
from __future__ import annotations

from carbonmgr.common.errors import CarbonMgrError, Problem
from carbonmgr.inventory.model import ACTIVITY_OPTIONS, EQUIPMENT_VALUE_FIELDS

__all__ = ["CORE_FIELDS", "LINE_FIELDS", "FACILITY_FIELDS", "INSTRUMENT_FIELDS", "EQUIPMENT_FIELDS", "RECORD_KINDS",
           "INFO_FIELDS", "SOURCE_KINDS", "DIMENSION_UNITS", "CellError"]

CORE_FIELDS = ("facility", "source", "item", "quantity", "unit")
LINE_FIELDS = CORE_FIELDS + tuple(ACTIVITY_OPTIONS)
FACILITY_FIELDS = ("id", "name", "region", "equity_share", "financial_control", "operational_control")
INSTRUMENT_FIELDS = ("facility", "type", "quantity", "ef")
EQUIPMENT_FIELDS = ("facility", "method", "refrigerant", "equipment") + EQUIPMENT_VALUE_FIELDS
RECORD_KINDS = ("instrument", "equipment")  # the small registers next to the activity lines
INFO_FIELDS = ("title", "standard", "gwp", "reporting_year", "consolidation", "residual_mix_ef", "factor_set",
               "grid_factor_set", "ch4_ar6", "base_year")

# Item kinds (see resources/items/*.csv) that belong to each source type.
SOURCE_KINDS: dict[str, tuple[str, ...]] = {
    "stationary_combustion": ("fuel",),
    "mobile_combustion": ("fuel", "vehicle"),
    "process": ("carbonate", "process_material", "clinker", "clinker_deduction", "gas"),
    "fugitive": ("refrigerant", "gas"),
    "purchased_electricity": ("grid",),
    "exported_electricity": ("grid",),
    "purchased_heat": ("heat",),
    "exported_heat": ("heat",),
    "scope3": ("travel", "freight", "waste", "upstream"),
}
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


class CellError(CarbonMgrError):
    """A value typed into a cell is not valid (a core message id + params)."""

    def __init__(self, code: str, **params):
        self.problem = Problem(code, params)
        self.code = code
        self.params = params
        super().__init__(self.problem.render("en"))

    def render(self, lang: str = "en") -> str:
        return self.problem.render(lang)
