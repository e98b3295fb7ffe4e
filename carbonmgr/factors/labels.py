"""What a user reads for each thing of the library: one language at a time, never an id.

The names come from the data (items: ``name_zh`` / ``name_en`` in ``resources/items``) and from
the message catalogue (factor sets, status grades, units, parameters:
:mod:`carbonmgr.common.messages.labels`). A thing without a name is shown by a neutral
description, never by its id. The CLI, the app (through :mod:`carbonmgr.facade`) and the report
use these functions, so each name is written once.

Importing this module also makes every message show its ``item``, ``grid``, ``set``, ``key``,
``region`` and ``unit`` parameters by these names (:func:`carbonmgr.common.i18n.register_param_namer`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from carbonmgr.common.i18n import lookup, register_param_namer, translate
from carbonmgr.factors.library import Factor, default_library, norm_name

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
_REGION_SUFFIXES = ("省", "市", "自治区", "电网", " province", " grid")  # "湖北省" names the grid "湖北"
_WAN = re.compile(r"^万\s*(.+)$")  # "万Nm3": 10^4 of a unit


def is_identifier(text: str) -> bool:
    """A snake_case id such as ``grid_cn_hubei`` (never shown to a user)."""
    return bool(_SNAKE.match(text or ""))


# ---------------------------------------------------------------------------- factor sets
def set_name(set_id: str | None, lang: str = "en") -> str:
    """The name of a factor set; a set without a name reads as a neutral description."""
    if not set_id:
        return ""
    name = lookup(f"label.set.{set_id}", lang, "")
    if name:
        return name
    return translate("label.set.unnamed", lang)


def _set_param(value: str, lang: str) -> str:
    """A ``set`` parameter: a factor set by its name; a GWP set ("AR5") as it is."""
    if value in default_library().set_info or is_identifier(value):
        return set_name(value, lang)
    return value


# ---------------------------------------------------------------------------- items, regions
def item_name(text: str | None, lang: str = "en") -> str:
    """An item by its name in ``lang``: an id or any spelling of a library item; text the
    library does not know (a user's own name for a thing) is shown as written."""
    if not text:
        return ""
    lib = default_library()
    item = lib.item(text) or lib.resolve_item(text)
    if item is not None:
        return item.name(lang)
    if is_identifier(text):
        return translate("label.item_unknown", lang)
    return text


def region_name(text: str | None, lang: str = "en") -> str:
    """A facility's region in ``lang`` when it names a grid of the library ("湖北" is "Hubei" in
    English, "Hubei" is "湖北" in Chinese); other text as written."""
    if not text:
        return ""
    country = lookup(f"report.country.{text.strip()}", lang)  # a factor row's country code: UK, US, CN
    if country:
        return country
    lib = default_library()
    item = lib.resolve_item(text)
    if item is None:
        for suffix in _REGION_SUFFIXES:
            if text.lower().endswith(suffix):
                item = lib.resolve_item(text[: -len(suffix)])
                break
    if item is not None and item.kind == "grid":
        if item.id == "grid_cn":  # 中国, China: the country, not its grid's name (全国)
            return lookup("report.country.CN", lang) or item.name(lang)
        return item.name(lang)
    return text


# ---------------------------------------------------------------------------- units
def unit_name(unit: str | None, lang: str = "en") -> str:
    """A unit in ``lang``: "万Nm3" is "10^4 Nm3" in English, "passenger-mile" is "人·英里" in
    Chinese; symbols (t, kWh, GJ, Nm3 ...) stay as they are."""
    if not unit:
        return ""
    parts = unit.split("/")
    return "/".join(_unit_part(p, lang) for p in parts)


def _unit_part(part: str, lang: str) -> str:
    key = part.strip().lower()
    name = lookup(f"label.unit.{key}", lang, "")
    if name:
        return name
    m = re.match(r"^(.*?)\s*(\([^)]*\))$", part.strip())  # "kWh (Gross CV)"
    if m:
        name = lookup(f"label.unit.{m.group(0).lower()}", lang, "")
        if name:
            return name
    if lang != "zh" and _CJK.search(part):
        m = _WAN.match(part.strip())
        if m:
            return "10^4 " + _unit_part(m.group(1), lang)
    return part


# ---------------------------------------------------------------------------- parameters, statuses
def param_name(code: str | None, lang: str = "en") -> str:
    """A factor parameter (``ncv``, ``k_install`` ...) or a value of a refrigerant line
    (``new_charge`` ...) by its name; unknown codes by a neutral word."""
    if not code:
        return ""
    for prefix in ("label.param.", "label.input."):
        name = lookup(prefix + code, lang, "")
        if name:
            return name
    return translate("label.param.unnamed", lang) if is_identifier(code) else code


def status_name(code: str | None, lang: str = "en") -> str:
    return lookup(f"report.status.{code}", lang, "") if code else ""


_GRADES = (  # (pattern at the start of a tag, grade message)
    (re.compile(r"^\[VT\]"), "VT"), (re.compile(r"^V-2nd"), "V2"), (re.compile(r"^\[V\]"), "V_cn"),
    (re.compile(r"^V\b"), "V"), (re.compile(r"^\[T\]"), "T"), (re.compile(r"^\[?D\]?\b"), "D"),
    (re.compile(r"^\[?M\]?\b"), "M"), (re.compile(r"^definition"), "definition"),
)


def grade_name(tag: str | None, lang: str = "en") -> str:
    """How the value of a row was checked (the grade of its status tag: a verbatim transcription, a
    secondary source, third-party software ...), for a reader. Where it was read (a transcription, a
    code file, our notes) stays in the data (the tag column, the Excel export, ``carbonmgr factors
    --json``): it is not a name a user reads."""
    tag = (tag or "").strip()
    grade = "none"
    for pattern, code in _GRADES:
        if pattern.search(tag):
            grade = code
            break
    return translate(f"label.grade.{grade}", lang)


def instrument_name(code: str | None, lang: str = "en") -> str:
    """A contractual instrument of electricity (``green_certificate`` ...) by its name."""
    if not code:
        return ""
    return lookup(f"label.instrument.{code}", lang, "") or translate("label.instrument.unnamed", lang)


# ---------------------------------------------------------------------------- factors
@lru_cache(maxsize=1)
def _factors_by_key() -> dict[str, Factor]:
    return {f.key: f for f in default_library().factors}


def factor_name(factor: Factor | str | None, lang: str = "en") -> str:
    """A library factor named for a reader (its set, item and parameter), from the factor or its
    key as a trace keeps it ("cn_mee_steel_2024/natural_gas/ncv")."""
    if factor is None or factor == "":
        return ""
    f = factor if isinstance(factor, Factor) else _factors_by_key().get(str(factor))
    if f is None:
        parts = str(factor).split("/")
        if len(parts) < 3:
            return translate("label.factor_unknown", lang)
        set_id, item_id, param = parts[:3]
        return translate("label.factor", lang, set=set_name(set_id, lang), item=item_name(item_id, lang),
                         param=param_name(param, lang))
    param = param_name(f.param, lang)
    if f.gas and f.param != "ef_co2e":
        param = f"{param} {f.gas}"
    variant = lookup(f"label.variant.{f.variant}", lang, "") if f.variant else ""
    if variant:
        param = translate("label.with_variant", lang, what=param, variant=variant)
    params = dict(set=set_name(f.set, lang), item=item_name(f.item, lang), param=param)
    if f.year is not None:
        return translate("label.factor_year", lang, year=f.year, **params)
    return translate("label.factor", lang, **params)


_BLEND = re.compile(r"^(?P<gwp>\S+) blend (?P<blend>.+?): (?P<parts>.+)$")
_ONE_GAS = re.compile(r"^(?P<gwp>\S+) (?P<gas>.+?) \((?P<source>.*)\)$")


def gwp_source_name(text: str | None, lang: str = "en") -> str:
    """Where a GWP value comes from, as a calculation keeps it ("AR5 CH4 (document)", "SAR blend
    R-410A: 0.5×650 (HFC-32) + ..."), for a reader: the document, or the blend's composition."""
    text = (text or "").strip()
    m = _BLEND.match(text)
    if m:
        return translate("label.gwp_blend", lang, gwp=m["gwp"], blend=m["blend"], parts=m["parts"])
    m = _ONE_GAS.match(text)
    if m:
        return m["source"]
    return text


# ---------------------------------------------------------------------------- message parameters
def _item_param(value: str, lang: str) -> str:
    return item_name(value, lang) if (default_library().item(value) or is_identifier(value)) else value


def _key_param(value: str, lang: str) -> str:
    return factor_name(value, lang) if value.count("/") >= 2 else value


register_param_namer("item", _item_param)
register_param_namer("grid", lambda value, lang: region_name(value, lang) if not default_library().item(value)
                     else item_name(value, lang))
register_param_namer("set", _set_param)
register_param_namer("chosen", _set_param)
register_param_namer("used", lambda value, lang: set_name(value, lang)  # a factor set, or a variant used instead
                     if value in default_library().set_info else lookup(f"label.variant.{value}", lang, value))
register_param_namer("key", _key_param)
register_param_namer("region", region_name)
register_param_namer("row_region", region_name)
register_param_namer("unit", unit_name)
# a factor variant (with_rf) by its name; text that is no variant's id as it is
register_param_namer("variant", lambda value, lang: lookup(f"label.variant.{value}", lang, value))
# the variants of an item's factors ("with_rf,without_rf"), each by its name
register_param_namer("variants", lambda value, lang: translate("sep.list", lang).join(
    lookup(f"label.variant.{v}", lang, v) for v in value.split(",")) if value else "—")


def variant_id(text: str | None) -> str | None:
    """A factor variant typed by its name in either language ("含辐射强迫", "with radiative
    forcing") is its id (with_rf); other text as it is (an id, or a variant the engine refuses)."""
    if not text:
        return text
    return _variant_ids().get(" ".join(str(text).split()).lower(), text)


@lru_cache(maxsize=1)
def _variant_ids() -> dict[str, str]:
    from carbonmgr.common.i18n import messages

    out: dict[str, str] = {}
    for code, entry in messages().items():
        if code.startswith("label.variant."):
            for name in entry.values():
                out.setdefault(" ".join(name.split()).lower(), code.removeprefix("label.variant."))
    return out

__all__ = ["set_name", "item_name", "region_name", "unit_name", "param_name", "status_name", "grade_name",
           "factor_name", "gwp_source_name", "instrument_name", "is_identifier", "norm_name"]
