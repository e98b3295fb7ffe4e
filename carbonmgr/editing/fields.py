"""The fields an edit can change (activity lines, facilities, case settings, instruments,
equipment lines), what the app offers for them, and :class:`CellError`, the error of a
value typed into one of them."""
from __future__ import annotations

from carbonmgr.common.errors import CarbonMgrError, Problem
from carbonmgr.inventory.model import ACTIVITY_OPTIONS, EQUIPMENT_VALUE_FIELDS
# item kinds of each source type and units offered per dimension: the source-type registry's
from carbonmgr.inventory.sources import DIMENSION_UNITS, SOURCE_KINDS

__all__ = ["CORE_FIELDS", "LINE_FIELDS", "FACILITY_FIELDS", "INSTRUMENT_FIELDS", "EQUIPMENT_FIELDS", "ETS_UNIT_FIELDS", "RECORD_KINDS",
           "INFO_FIELDS", "SOURCE_KINDS", "DIMENSION_UNITS", "CellError"]

CORE_FIELDS = ("facility", "source", "item", "quantity", "unit")
LINE_FIELDS = CORE_FIELDS + tuple(ACTIVITY_OPTIONS)
FACILITY_FIELDS = ("id", "name", "region", "equity_share", "financial_control", "operational_control",
                   "residual_mix_ef")
INSTRUMENT_FIELDS = ("facility", "type", "quantity", "ef")
EQUIPMENT_FIELDS = ("facility", "method", "refrigerant", "equipment") + EQUIPMENT_VALUE_FIELDS
# the ETS units (the ETS sheet): the fields the app edits, as EtsUnit names them
ETS_UNIT_FIELDS = ("unit", "facility", "klass", "generation", "supply", "heat", "load_factor", "cooling", "heat_ratio",
                   "verified_emissions", "intensity", "balance_value", "basis_supply", "basis_heat", "basis_emissions")
# the small registers next to the activity lines, and the ETS units
RECORD_KINDS = ("instrument", "equipment", "ets_unit")
INFO_FIELDS = ("title", "standard", "gwp", "reporting_year", "consolidation", "residual_mix_ef", "factor_set",
               "grid_factor_set", "ch4_ar6", "base_year", "sector",
               "ets_year", "carbon_price", "allowances_held", "ccer_offered", "allowances_borrowed")


class CellError(CarbonMgrError):
    """A value typed into a cell is not valid (a core message id + params)."""

    def __init__(self, code: str, **params):
        self.problem = Problem(code, params)
        self.code = code
        self.params = params
        super().__init__(self.problem.render("en"))

    def render(self, lang: str = "en") -> str:
        return self.problem.render(lang)
