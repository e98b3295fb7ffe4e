"""Translatable labels of core identifiers (fields, standards, approaches ...).

Every label is declared with ``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate`` extracts
it, and translated when shown (so a language switch takes effect at once).  Names that
the core already knows in both languages (source types, item names, problem
messages) come from the core instead.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from carbonmgr.common.numbers import tonnes
from carbonmgr import facade
from carbonmgr.common.i18n import lookup
from carbonmgr.facade import SOURCE_NAMES

CTX = "Labels"

FIELDS = {
    "facility": QT_TRANSLATE_NOOP("Labels", "Facility"),
    "source": QT_TRANSLATE_NOOP("Labels", "Source type"),
    "item": QT_TRANSLATE_NOOP("Labels", "Item"),
    "quantity": QT_TRANSLATE_NOOP("Labels", "Quantity"),
    "unit": QT_TRANSLATE_NOOP("Labels", "Unit"),
    "tco2e": QT_TRANSLATE_NOOP("Labels", "t CO2e"),
    "scope": QT_TRANSLATE_NOOP("Labels", "Scope"),
    "ncv": QT_TRANSLATE_NOOP("Labels", "NCV"),
    "ncv_unit": QT_TRANSLATE_NOOP("Labels", "NCV unit"),
    "carbon_content": QT_TRANSLATE_NOOP("Labels", "Carbon content (tC/GJ)"),
    "carbon_element": QT_TRANSLATE_NOOP("Labels", "Carbon by mass (tC/t)"),
    "oxidation_rate": QT_TRANSLATE_NOOP("Labels", "Oxidation rate"),
    "purity": QT_TRANSLATE_NOOP("Labels", "Purity"),
    "ef_co2": QT_TRANSLATE_NOOP("Labels", "EF CO2"),
    "ef_ch4": QT_TRANSLATE_NOOP("Labels", "EF CH4"),
    "ef_n2o": QT_TRANSLATE_NOOP("Labels", "EF N2O"),
    "ef_co2e": QT_TRANSLATE_NOOP("Labels", "EF CO2e"),
    "ef_gas": QT_TRANSLATE_NOOP("Labels", "EF of the gas"),
    "ef_unit": QT_TRANSLATE_NOOP("Labels", "EF unit"),
    "heat_basis": QT_TRANSLATE_NOOP("Labels", "Heating value basis"),
    "enthalpy": QT_TRANSLATE_NOOP("Labels", "Steam enthalpy (kJ/kg)"),
    "water_temperature": QT_TRANSLATE_NOOP("Labels", "Hot water temperature (°C)"),
    "cao": QT_TRANSLATE_NOOP("Labels", "Clinker CaO"),
    "mgo": QT_TRANSLATE_NOOP("Labels", "Clinker MgO"),
    "cao_non_carbonate": QT_TRANSLATE_NOOP("Labels", "Non-carbonate CaO"),
    "mgo_non_carbonate": QT_TRANSLATE_NOOP("Labels", "Non-carbonate MgO"),
    "scope3_category": QT_TRANSLATE_NOOP("Labels", "Scope 3 category"),
    "biogenic": QT_TRANSLATE_NOOP("Labels", "Biogenic"),
    "uncertainty": QT_TRANSLATE_NOOP("Labels", "Uncertainty (%)"),
    "factor_set": QT_TRANSLATE_NOOP("Labels", "Factor set"),
    "variant": QT_TRANSLATE_NOOP("Labels", "Factor variant"),
    "gas": QT_TRANSLATE_NOOP("Labels", "Gas"),
    "evidence": QT_TRANSLATE_NOOP("Labels", "Evidence"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    # facilities
    "id": QT_TRANSLATE_NOOP("Labels", "ID"),
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "region": QT_TRANSLATE_NOOP("Labels", "Region"),
    "equity_share": QT_TRANSLATE_NOOP("Labels", "Equity share"),
    "financial_control": QT_TRANSLATE_NOOP("Labels", "Financial control"),
    "operational_control": QT_TRANSLATE_NOOP("Labels", "Operational control"),
    # case settings
    "title": QT_TRANSLATE_NOOP("Labels", "Case title"),
    "standard": QT_TRANSLATE_NOOP("Labels", "Standard profile"),
    "gwp": QT_TRANSLATE_NOOP("Labels", "GWP set"),
    "reporting_year": QT_TRANSLATE_NOOP("Labels", "Reporting year"),
    "consolidation": QT_TRANSLATE_NOOP("Labels", "Consolidation approach"),
    "residual_mix_ef": QT_TRANSLATE_NOOP("Labels", "Residual mix factor"),
    "grid_factor_set": QT_TRANSLATE_NOOP("Labels", "Grid factor set"),
    "ch4_ar6": QT_TRANSLATE_NOOP("Labels", "AR6 methane rule"),
    "base_year": QT_TRANSLATE_NOOP("Labels", "Base year"),
    # factors
    "set": QT_TRANSLATE_NOOP("Labels", "Factor set"),
    "param": QT_TRANSLATE_NOOP("Labels", "Parameter"),
    "value": QT_TRANSLATE_NOOP("Labels", "Value"),
    "year": QT_TRANSLATE_NOOP("Labels", "Year"),
    "status": QT_TRANSLATE_NOOP("Labels", "Status"),
    "source_doc": QT_TRANSLATE_NOOP("Labels", "Source"),
    "publisher": QT_TRANSLATE_NOOP("Labels", "Publisher"),
    "year_published": QT_TRANSLATE_NOOP("Labels", "Published"),
    "years_valid": QT_TRANSLATE_NOOP("Labels", "Valid for years"),
    "gwp_basis": QT_TRANSLATE_NOOP("Labels", "GWP basis"),
    "tag": QT_TRANSLATE_NOOP("Labels", "Verification tag"),
    "share": QT_TRANSLATE_NOOP("Labels", "Share"),
    "t": QT_TRANSLATE_NOOP("Labels", "t"),
    # electricity instruments
    "type": QT_TRANSLATE_NOOP("Labels", "Instrument type"),
    "mwh": QT_TRANSLATE_NOOP("Labels", "Quantity (MWh)"),
    "ef": QT_TRANSLATE_NOOP("Labels", "EF (t CO2e/MWh)"),
    # refrigerant equipment register
    "method": QT_TRANSLATE_NOOP("Labels", "Method"),
    "refrigerant": QT_TRANSLATE_NOOP("Labels", "Refrigerant"),
    "equipment": QT_TRANSLATE_NOOP("Labels", "Equipment type"),
    "new_charge": QT_TRANSLATE_NOOP("Labels", "Charge of new equipment (kg)"),
    "operating_capacity": QT_TRANSLATE_NOOP("Labels", "Charge of operating equipment (kg)"),
    "disposed_capacity": QT_TRANSLATE_NOOP("Labels", "Charge of disposed equipment (kg)"),
    "inventory_start": QT_TRANSLATE_NOOP("Labels", "Inventory at start (kg)"),
    "inventory_end": QT_TRANSLATE_NOOP("Labels", "Inventory at end (kg)"),
    "purchased": QT_TRANSLATE_NOOP("Labels", "Purchased (kg)"),
    "sold": QT_TRANSLATE_NOOP("Labels", "Sold or returned (kg)"),
    "capacity_start": QT_TRANSLATE_NOOP("Labels", "Total capacity at start (kg)"),
    "capacity_end": QT_TRANSLATE_NOOP("Labels", "Total capacity at end (kg)"),
    "capacity_new": QT_TRANSLATE_NOOP("Labels", "Capacity of new equipment (kg)"),
    "recharge": QT_TRANSLATE_NOOP("Labels", "Recharge (kg)"),
    "recovered": QT_TRANSLATE_NOOP("Labels", "Recovered (kg)"),
}

STANDARDS = {
    "gbt32150": QT_TRANSLATE_NOOP("Labels", "GB/T 32150 (China)"),
    "ghgp": QT_TRANSLATE_NOOP("Labels", "GHG Protocol"),
    "iso14064": QT_TRANSLATE_NOOP("Labels", "ISO 14064-1"),
}
CONSOLIDATIONS = {
    "operational_control": QT_TRANSLATE_NOOP("Labels", "Operational control"),
    "financial_control": QT_TRANSLATE_NOOP("Labels", "Financial control"),
    "equity_share": QT_TRANSLATE_NOOP("Labels", "Equity share"),
}
FINANCIAL = {
    "yes": QT_TRANSLATE_NOOP("Labels", "Yes"),
    "no": QT_TRANSLATE_NOOP("Labels", "No"),
    "joint": QT_TRANSLATE_NOOP("Labels", "Joint"),
}
METHODS = {
    "screening": QT_TRANSLATE_NOOP("Labels", "Screening (EPA default rates)"),
    "material_balance": QT_TRANSLATE_NOOP("Labels", "Material balance"),
    "simplified_material_balance": QT_TRANSLATE_NOOP("Labels", "Simplified material balance"),
}
STATUSES = {
    "verified": QT_TRANSLATE_NOOP("Labels", "Verified"),
    "secondary": QT_TRANSLATE_NOOP("Labels", "Secondary"),
    "unverified": QT_TRANSLATE_NOOP("Labels", "Unverified"),
}
PARAMS = {
    "ef": QT_TRANSLATE_NOOP("Labels", "Emission factor"),
    "ef_co2e": QT_TRANSLATE_NOOP("Labels", "CO2e factor"),
    "ef_co2e_part": QT_TRANSLATE_NOOP("Labels", "CO2e factor (part)"),
    "ncv": QT_TRANSLATE_NOOP("Labels", "Net calorific value"),
    "cc": QT_TRANSLATE_NOOP("Labels", "Carbon content"),
    "of": QT_TRANSLATE_NOOP("Labels", "Oxidation rate"),
    "heat_content": QT_TRANSLATE_NOOP("Labels", "Heat content"),
}
# Undo/redo action names: (action id) -> text; "%1" is a field name
ACTIONS = {
    "edit": QT_TRANSLATE_NOOP("Labels", "edit %1"),
    "edit_many": QT_TRANSLATE_NOOP("Labels", "edit cells"),
    "paste": QT_TRANSLATE_NOOP("Labels", "paste"),
    "insert": QT_TRANSLATE_NOOP("Labels", "insert lines"),
    "delete": QT_TRANSLATE_NOOP("Labels", "delete lines"),
    "assign_factor": QT_TRANSLATE_NOOP("Labels", "assign factor"),
    "override_factor": QT_TRANSLATE_NOOP("Labels", "override factor"),
    "clear_override": QT_TRANSLATE_NOOP("Labels", "clear factor override"),
    "case": QT_TRANSLATE_NOOP("Labels", "edit %1"),
    "facility": QT_TRANSLATE_NOOP("Labels", "edit facility %1"),
    "add_facility": QT_TRANSLATE_NOOP("Labels", "add facility"),
    "rename_facility": QT_TRANSLATE_NOOP("Labels", "rename facility %1"),
    "delete_facility": QT_TRANSLATE_NOOP("Labels", "delete facility %1"),
    "add_instrument": QT_TRANSLATE_NOOP("Labels", "add instrument"),
    "delete_instruments": QT_TRANSLATE_NOOP("Labels", "delete instruments"),
    "instrument": QT_TRANSLATE_NOOP("Labels", "edit instrument %1"),
    "add_equipment": QT_TRANSLATE_NOOP("Labels", "add equipment line"),
    "delete_equipment": QT_TRANSLATE_NOOP("Labels", "delete equipment lines"),
    "equipment": QT_TRANSLATE_NOOP("Labels", "edit equipment %1"),
    "add_ets_unit": QT_TRANSLATE_NOOP("Labels", "add ETS unit"),
    "delete_ets_units": QT_TRANSLATE_NOOP("Labels", "delete ETS units"),
    "ets_unit": QT_TRANSLATE_NOOP("Labels", "edit ETS unit %1"),
}
# Keys of CaseInfo.extra shown in the case brief
BRIEF_KEYS = {
    "company": QT_TRANSLATE_NOOP("Labels", "Company"),
    "credit_code": QT_TRANSLATE_NOOP("Labels", "Unified social credit code"),
    "industry": QT_TRANSLATE_NOOP("Labels", "Industry"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address"),
    "legal_representative": QT_TRANSLATE_NOOP("Labels", "Legal representative"),
    "contact": QT_TRANSLATE_NOOP("Labels", "Contact"),
    "description": QT_TRANSLATE_NOOP("Labels", "Description"),
    "grid_year": QT_TRANSLATE_NOOP("Labels", "Grid factor year"),
    "ipcc_sector": QT_TRANSLATE_NOOP("Labels", "IPCC sector"),
}
TOTALS = {
    "total": QT_TRANSLATE_NOOP("Labels", "Total"),
    "scope1": QT_TRANSLATE_NOOP("Labels", "Scope 1"),
    "scope2": QT_TRANSLATE_NOOP("Labels", "Scope 2 (reported)"),
    "scope2_location": QT_TRANSLATE_NOOP("Labels", "Location-based"),
    "scope2_market": QT_TRANSLATE_NOOP("Labels", "Market-based"),
    "scope3": QT_TRANSLATE_NOOP("Labels", "Scope 3"),
    "exported": QT_TRANSLATE_NOOP("Labels", "Exported (deducted)"),
    "biogenic_co2": QT_TRANSLATE_NOOP("Labels", "Biogenic CO2 (outside totals)"),
}
# Symbols of calculation inputs (the symbol stays, its meaning is shown next to it)
SYMBOLS = {
    "AD": QT_TRANSLATE_NOOP("Labels", "activity data"),
    "FC": QT_TRANSLATE_NOOP("Labels", "fuel consumed"),
    "NCV": QT_TRANSLATE_NOOP("Labels", "net calorific value"),
    "CC": QT_TRANSLATE_NOOP("Labels", "carbon content per heat"),
    "C_ar": QT_TRANSLATE_NOOP("Labels", "carbon content by mass"),
    "OF": QT_TRANSLATE_NOOP("Labels", "oxidation rate"),
    "EF": QT_TRANSLATE_NOOP("Labels", "emission factor"),
    "EF_rest": QT_TRANSLATE_NOOP("Labels", "factor for the rest"),
    "GWP": QT_TRANSLATE_NOOP("Labels", "global warming potential"),
    "M": QT_TRANSLATE_NOOP("Labels", "mass"),
    "m": QT_TRANSLATE_NOOP("Labels", "mass"),
    "purity": QT_TRANSLATE_NOOP("Labels", "purity"),
    "Q": QT_TRANSLATE_NOOP("Labels", "clinker (or dust) produced"),
    "CaO": QT_TRANSLATE_NOOP("Labels", "CaO content of the clinker"),
    "MgO": QT_TRANSLATE_NOOP("Labels", "MgO content of the clinker"),
    "CaO_nc": QT_TRANSLATE_NOOP("Labels", "CaO not from carbonates"),
    "MgO_nc": QT_TRANSLATE_NOOP("Labels", "MgO not from carbonates"),
    "En": QT_TRANSLATE_NOOP("Labels", "steam enthalpy"),
    "T": QT_TRANSLATE_NOOP("Labels", "hot water temperature"),
}
MISC = {
    "exported": QT_TRANSLATE_NOOP("Labels", "exported"),
    "others": QT_TRANSLATE_NOOP("Labels", "others"),
    "not_used": QT_TRANSLATE_NOOP("Labels", "Not used by the method of this line"),
    "rename_hint": QT_TRANSLATE_NOOP("Labels", "Edit the ID to rename the facility in every line that names it"),
}
ORIGINS = {
    "line": QT_TRANSLATE_NOOP("Labels", "this line"),
    "case": QT_TRANSLATE_NOOP("Labels", "case setting"),
    "library": QT_TRANSLATE_NOOP("Labels", "factor library"),
    "constant": QT_TRANSLATE_NOOP("Labels", "constant"),
}


def tl(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def symbol(name: str) -> str:
    """An input symbol with its meaning: "NCV (net calorific value)"."""
    base = name.split(" ")[0]
    text = SYMBOLS.get(base) or (SYMBOLS["EF"] if base.startswith("EF_") else None)
    if not text:
        return name
    meaning = tl(text)
    return f"{name}（{meaning}）" if _zh() else f"{name} ({meaning})"


def _zh() -> bool:
    from carbonmgr.ui import i18n

    return i18n.current() == "zh"


def field(name: str) -> str:
    """A column or setting by its name; one without a label of the app's own by the case workbook's
    name of the column in the user's language, never by its id."""
    text = FIELDS.get(name)
    if text:
        return tl(text)
    lang = "zh" if _zh() else "en"
    for prefix in ("ets.answer.", "ets.field."):  # the ETS inputs and answers: named by the core
        named = lookup(prefix + name, lang)
        if named:
            return named
    from carbonmgr.common.i18n import column_name

    name_in_lang = column_name(name, "zh" if _zh() else "en")
    return name_in_lang.replace("_", " ") if facade.is_identifier(name_in_lang) else name_in_lang


def choice(table: dict, key) -> str:
    text = table.get(key)
    return tl(text) if text else ("" if key is None else str(key))


def instrument(code) -> str:
    """An instrument type by the core's name, the one the export and the report write and the
    workbook reader reads back (绿色电力证书 / Green electricity certificate (GEC))."""
    return facade.instrument_name(code, "zh" if _zh() else "en") if code else ""


def source(source_id: str, lang: str) -> str:
    names = SOURCE_NAMES.get(source_id)
    if not names:
        return source_id or ""
    return names[1] if lang == "zh" else names[0]


# Names of the library's things (items, factor sets, units, regions, parameters, status grades):
# the core's, so that the app, the CLI and the report name each thing the same way, never by its id.
def item(text, lang: str) -> str:
    return facade.item_name(str(text), lang) if text else ""


def factor_set(set_id, lang: str) -> str:
    return facade.set_name(set_id, lang)


def unit(text, lang: str) -> str:
    return facade.unit_name(str(text), lang) if text else ""


def region(text, lang: str) -> str:
    return facade.region_name(text, lang) if text else ""


def factor_param(code, lang: str) -> str:
    return facade.factor_param_name(code, lang)


def variant(code, lang: str) -> str:
    return lookup(f"label.variant.{code}", lang, "") if code else ""


def grade(tag, lang: str) -> str:
    return facade.grade_name(tag, lang)


def factor(f, lang: str) -> str:
    return facade.factor_name(f, lang)


def factor_source(f, lang: str) -> str:
    """Where a library factor comes from, for a tooltip: the official title of the document that
    publishes it, its publisher and year, and its status in words (how the value was checked), never
    the factor's key or the tag of where it was transcribed."""
    colon = "：" if lang == "zh" else ": "
    lines = [field("source_doc") + colon + (f.source or "")]
    published = ", ".join(str(x) for x in (f.publisher, f.year_published) if x)
    if published:
        lines.append(field("year_published") + colon + published)
    status = choice(STATUSES, f.status)
    how = grade(f.tag, lang)
    if how:
        status = f"{status}（{how}）" if lang == "zh" else f"{status} ({how})"
    lines.append(field("status") + colon + status)
    return "\n".join(lines)


def gwp_source(text, lang: str) -> str:
    return facade.gwp_source_name(text, lang)


def typed_item(text, lang: str) -> str:
    """An item cell as shown: a library item typed by its id ("hotel_stay") reads as its name; any other
    text as the user typed it."""
    text = "" if text is None else str(text)
    return facade.item_name(text, lang) if facade.is_identifier(text) else text


def typed_set(text, lang: str) -> str:
    """A factor-set cell as shown: a set of the library by its name; any other text as typed."""
    text = str(text)
    return facade.set_name(text, lang) if text in facade.factor_library().set_info else text


def method(code: str, lang: str) -> str:
    """A calculation method (``cn_combustion`` ...) by its name."""
    return lookup(f"report.method.{code}", lang, "") if code else ""


def action(label: tuple[str, dict] | None, lang: str) -> str:
    if label is None:
        return ""
    code, params = label
    text = tl(ACTIONS.get(code, code))
    if "%1" in text:
        if "field" not in params and "id" in params:  # a facility id, as it is
            return text.replace("%1", str(params["id"]))
        name = field(params.get("field", ""))
        text = text.replace("%1", name if lang == "zh" else name[:1].lower() + name[1:])
    return text


def number(value, digits: int = 2) -> str:
    """A figure in tonnes by the one rounding rule (:func:`carbonmgr.common.numbers.tonnes`)."""
    if value is None:
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    return tonnes(v, digits)


def quantity(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return f"{value:,.10g}"
    return str(value)
