"""Units of activity data and factors.

A unit has a *dimension* and a factor to that dimension's base unit:

============  ==========  =====================================================
dimension     base        examples
============  ==========  =====================================================
mass          t           t, kg, g, Gg, kt, lb, short ton, 吨, 万吨
volume        m3          m3, Nm3, 10^4 Nm3 (万Nm3), L, gal, scf
energy        GJ          GJ, MJ, TJ, kJ, kWh, MWh, GWh, mmBtu, therm, tce
distance      km          km, m, mi
pdistance     pkm         passenger-km, passenger-mile
tdistance     tkm         t-km, short ton-mile
vdistance     vkm         vehicle-km, vehicle-mile
money_XXX     XXX         USD, CNY (元, 万元), EUR, GBP: currencies never convert
count         1           room-night, unit, piece
ratio         1           fraction, %
============  ==========  =====================================================

Gas volumes: Chinese activity data in m3 / 10^4 m3 are at standard conditions
(标准立方米, 0 °C, 101.325 kPa), so ``m3`` and ``Nm3`` are the same unit here.
US ``scf`` (60 °F, 14.696 psia) is converted to the same amount of gas at 0 °C:
1 scf = 0.0283168466 m3 × 273.15 / 288.705556 = 0.026790... Nm3.

Factor units are ratios ``<numerator>/<denominator>``; the numerator may name a gas or
carbon (``kg CO2e``, ``tC``, ``kgC``), which is dropped: the gas is a separate column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from carbonmgr.common.errors import CarbonMgrError
from carbonmgr.common.i18n import Message, messages


class UnitError(CarbonMgrError):
    """A unit string is not understood, or two units do not convert."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        return Message(self.code, self.params).render(lang)


@dataclass(frozen=True)
class Unit:
    dimension: str
    factor: float  # multiply a value in this unit by factor to get the base unit
    symbol: str  # canonical spelling

    def to_base(self, value: float) -> float:
        return value * self.factor


LB_T = 0.45359237e-3  # t per lb (exact)
SHORT_TON_T = 0.90718474  # t per short ton (exact)
MILE_KM = 1.609344  # exact
GAL_M3 = 3.785411784e-3  # US gallon, exact
SCF_NM3 = 0.0283168466 * 273.15 / 288.705556  # gas at 60 °F -> 0 °C, same pressure
MMBTU_GJ = 1.055056  # international table Btu
KCAL_KJ = 4.1868
TCE_GJ = 29.3076  # 1 kgce = 29 307.6 kJ (GB/T 2589; china-addendum §1.2 footnote)

_BASE = {
    # mass
    "t": ("mass", 1.0), "tonne": ("mass", 1.0), "tonnes": ("mass", 1.0), "ton": ("mass", 1.0),
    "metric ton": ("mass", 1.0), "吨": ("mass", 1.0), "公吨": ("mass", 1.0),
    "kg": ("mass", 1e-3), "千克": ("mass", 1e-3), "公斤": ("mass", 1e-3),
    "g": ("mass", 1e-6), "克": ("mass", 1e-6),
    "gg": ("mass", 1e3), "kt": ("mass", 1e3), "千吨": ("mass", 1e3), "万吨": ("mass", 1e4),
    "10^4 t": ("mass", 1e4), "mt": ("mass", 1e6),
    "lb": ("mass", LB_T), "lbs": ("mass", LB_T), "pound": ("mass", LB_T),
    "short ton": ("mass", SHORT_TON_T), "short tons": ("mass", SHORT_TON_T), "shortton": ("mass", SHORT_TON_T),
    # volume
    "m3": ("volume", 1.0), "nm3": ("volume", 1.0), "立方米": ("volume", 1.0), "标准立方米": ("volume", 1.0),
    "标方": ("volume", 1.0), "方": ("volume", 1.0),
    "10^4 nm3": ("volume", 1e4), "10^4 m3": ("volume", 1e4), "万nm3": ("volume", 1e4), "万m3": ("volume", 1e4),
    "万立方米": ("volume", 1e4), "万标准立方米": ("volume", 1e4), "万标方": ("volume", 1e4), "万方": ("volume", 1e4),
    "10^8 m3": ("volume", 1e8), "亿立方米": ("volume", 1e8), "亿m3": ("volume", 1e8),
    "l": ("volume", 1e-3), "liter": ("volume", 1e-3), "litre": ("volume", 1e-3), "liters": ("volume", 1e-3),
    "litres": ("volume", 1e-3), "升": ("volume", 1e-3), "kl": ("volume", 1.0),
    "gal": ("volume", GAL_M3), "gallon": ("volume", GAL_M3), "gallons": ("volume", GAL_M3),
    "scf": ("volume", SCF_NM3), "mscf": ("volume", 1e3 * SCF_NM3), "mmscf": ("volume", 1e6 * SCF_NM3),
    # energy
    "gj": ("energy", 1.0), "mj": ("energy", 1e-3), "kj": ("energy", 1e-6), "tj": ("energy", 1e3),
    "kwh": ("energy", 0.0036), "千瓦时": ("energy", 0.0036), "度": ("energy", 0.0036),
    "mwh": ("energy", 3.6), "兆瓦时": ("energy", 3.6), "gwh": ("energy", 3600.0),
    "万kwh": ("energy", 36.0), "万千瓦时": ("energy", 36.0),
    "mmbtu": ("energy", MMBTU_GJ), "million btu": ("energy", MMBTU_GJ), "therm": ("energy", 0.1 * MMBTU_GJ),
    "btu": ("energy", MMBTU_GJ * 1e-6), "kcal": ("energy", KCAL_KJ * 1e-6), "gcal": ("energy", KCAL_KJ),
    "tce": ("energy", TCE_GJ), "kgce": ("energy", TCE_GJ * 1e-3), "吨标煤": ("energy", TCE_GJ),
    "吨标准煤": ("energy", TCE_GJ),
    # Chinese names of energy and other units
    "吉焦": ("energy", 1.0), "兆焦": ("energy", 1e-3), "千焦": ("energy", 1e-6), "太焦": ("energy", 1e3),
    "百万千焦": ("energy", 1.0), "吉瓦时": ("energy", 3600.0), "百万千瓦时": ("energy", 3600.0),
    "亿千瓦时": ("energy", 3.6e5), "百万英热单位": ("energy", MMBTU_GJ), "千卡": ("energy", KCAL_KJ * 1e-6),
    "百万千卡": ("energy", KCAL_KJ), "吉卡": ("energy", KCAL_KJ),
    "千立方米": ("volume", 1e3), "千标准立方米": ("volume", 1e3), "加仑": ("volume", GAL_M3),
    "标准立方英尺": ("volume", SCF_NM3), "磅": ("mass", LB_T), "短吨": ("mass", SHORT_TON_T),
    "英里": ("distance", MILE_KM), "米": ("distance", 1e-3),
    "美元": ("money_USD", 1.0), "欧元": ("money_EUR", 1.0), "英镑": ("money_GBP", 1.0),
    # distance
    "km": ("distance", 1.0), "公里": ("distance", 1.0), "千米": ("distance", 1.0), "m": ("distance", 1e-3),
    "mi": ("distance", MILE_KM), "mile": ("distance", MILE_KM), "miles": ("distance", MILE_KM),
    "passenger-km": ("pdistance", 1.0), "pkm": ("pdistance", 1.0), "人公里": ("pdistance", 1.0),
    "passenger km": ("pdistance", 1.0), "passenger-mile": ("pdistance", MILE_KM),
    # the units' Chinese labels as they are shown ("人·英里": "·" reads as "-")
    "人-公里": ("pdistance", 1.0), "人-英里": ("pdistance", MILE_KM), "人英里": ("pdistance", MILE_KM),
    "车-公里": ("vdistance", 1.0), "车公里": ("vdistance", 1.0), "车-英里": ("vdistance", MILE_KM),
    "车英里": ("vdistance", MILE_KM), "吨-公里": ("tdistance", 1.0),
    "短吨-英里": ("tdistance", SHORT_TON_T * MILE_KM), "短吨英里": ("tdistance", SHORT_TON_T * MILE_KM),
    "间-夜": ("count", 1.0),
    "passenger mile": ("pdistance", MILE_KM), "passenger-miles": ("pdistance", MILE_KM), "pmi": ("pdistance", MILE_KM),
    "t-km": ("tdistance", 1.0), "tkm": ("tdistance", 1.0), "tonne-km": ("tdistance", 1.0), "吨公里": ("tdistance", 1.0),
    "short ton-mile": ("tdistance", SHORT_TON_T * MILE_KM), "ton-mile": ("tdistance", SHORT_TON_T * MILE_KM),
    "short ton-miles": ("tdistance", SHORT_TON_T * MILE_KM),
    "vehicle-km": ("vdistance", 1.0), "vkm": ("vdistance", 1.0), "vehicle-mile": ("vdistance", MILE_KM),
    "vehicle mile": ("vdistance", MILE_KM), "vehicle-miles": ("vdistance", MILE_KM),
    # money
    "usd": ("money_USD", 1.0), "$": ("money_USD", 1.0), "us$": ("money_USD", 1.0),
    "cny": ("money_CNY", 1.0), "rmb": ("money_CNY", 1.0), "元": ("money_CNY", 1.0), "人民币": ("money_CNY", 1.0),
    "万元": ("money_CNY", 1e4), "kcny": ("money_CNY", 1e3),
    "eur": ("money_EUR", 1.0), "€": ("money_EUR", 1.0), "gbp": ("money_GBP", 1.0), "£": ("money_GBP", 1.0),
    # counts
    "room-night": ("count", 1.0), "room night": ("count", 1.0), "间夜": ("count", 1.0),
    "unit": ("count", 1.0), "units": ("count", 1.0), "piece": ("count", 1.0), "台": ("count", 1.0),
    "个": ("count", 1.0), "次": ("count", 1.0), "件": ("count", 1.0), "times": ("count", 1.0),
    # ratios
    "fraction": ("ratio", 1.0), "小数": ("ratio", 1.0), "%": ("ratio", 0.01), "percent": ("ratio", 0.01),
}

_CANONICAL = {
    "t": "t", "kg": "kg", "g": "g", "gg": "Gg", "lb": "lb", "short ton": "short ton",
    "m3": "m3", "nm3": "Nm3", "10^4 nm3": "10^4 Nm3", "10^4 m3": "10^4 Nm3", "l": "L", "gal": "gal",
    "scf": "scf", "gj": "GJ", "mj": "MJ", "tj": "TJ", "kj": "kJ", "kwh": "kWh", "mwh": "MWh",
    "mmbtu": "mmBtu", "km": "km", "mi": "mi", "usd": "USD", "cny": "CNY", "万元": "10^4 CNY",
}

BASE_SYMBOL = {
    "mass": "t", "volume": "m3", "energy": "GJ", "distance": "km", "pdistance": "passenger-km",
    "tdistance": "t-km", "vdistance": "vehicle-km", "count": "unit", "ratio": "fraction",
}

DIMENSIONS = ("mass", "volume", "energy", "distance", "pdistance", "tdistance", "vdistance", "count", "ratio")
# Each dimension is named by the catalogue entry unit.dimension.<dim> (money: unit.dimension.money)

_GAS_WORDS = re.compile(r"\s*(co2e|co2|ch4|n2o|c(?=\s*/|$)|碳)\s*$", re.IGNORECASE)
_PAREN = re.compile(r"\s*[\(（][^\)）]*[\)）]\s*")
_SUPERSCRIPTS = str.maketrans({"³": "3", "⁴": "4", "²": "2", "·": "-", "×": "*", "＾": "^"})


def _norm(text: str) -> str:
    text = text.translate(_SUPERSCRIPTS).strip().lower()
    text = re.sub(r"\s+", " ", text)
    text = text.replace("10 ^ 4", "10^4").replace("10e4", "10^4").replace("1e4 ", "10^4 ")
    text = text.replace("10^4nm3", "10^4 nm3").replace("10^4m3", "10^4 m3")
    return text


def dimension_message(dim: str) -> Message:
    """What a unit of dimension ``dim`` is, as a message (rendered in the user's language)."""
    if dim.startswith("money_"):
        return Message("unit.dimension.money", {"currency": dim[6:]})
    return Message(f"unit.dimension.{dim}")


def one_of(messages: list[Message]) -> Message:
    """"a / b / c": any of several messages (e.g. the dimensions a unit may have)."""
    if len(messages) == 1:
        return messages[0]
    return Message("unit.one_of", {"first": messages[0], "rest": one_of(messages[1:])})


def dimension_name(dim: str, lang: str = "en") -> str:
    """What a unit of dimension ``dim`` is, in ``lang`` (the dimension itself when it has no name)."""
    if dim.startswith("money_") or f"unit.dimension.{dim}" in messages():
        return dimension_message(dim).render(lang)
    return dim


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit:
    """Parse an activity unit ("t", "万Nm3", "kWh", "USD", ...)."""
    if text is None:
        raise UnitError("unit.empty")
    raw = str(text)
    key = _norm(raw)
    if not key:
        raise UnitError("unit.empty")
    if key in _BASE:
        dim, factor = _BASE[key]
        return Unit(dim, factor, _CANONICAL.get(key, raw.strip()))
    # "kWh (Gross CV)" and the like: the parenthesis qualifies, it does not scale.
    stripped = _PAREN.sub(" ", key).strip()
    if stripped != key and stripped in _BASE:
        dim, factor = _BASE[stripped]
        return Unit(dim, factor, raw.strip())
    # a numeric prefix: "1000 t", "10^4 kWh"
    m = re.match(r"^(10\^(\d+)|[0-9.]+(?:e[0-9]+)?)\s*(.+)$", key)
    if m:
        scale = 10.0 ** int(m.group(2)) if m.group(2) else float(m.group(1))
        inner = parse_unit(m.group(3))
        return Unit(inner.dimension, inner.factor * scale, raw.strip())
    raise UnitError("unit.unknown", unit=raw.strip())


@lru_cache(maxsize=4096)
def parse_rate(text: str) -> tuple[Unit, Unit]:
    """Parse a factor unit "<numerator>/<denominator>", e.g. "kg/scf", "tC/TJ", "GJ/10^4 Nm3".

    A gas or carbon word in the numerator ("kg CO2e", "tC") is dropped; a word after
    the denominator such as "kg/short ton-mile" is part of the denominator unit.
    """
    if not text or "/" not in str(text):
        raise UnitError("unit.not_rate", unit=str(text or "").strip())
    num, den = str(text).split("/", 1)
    num = _norm(num)
    num = _GAS_WORDS.sub("", num).strip()
    num = re.sub(r"(?<=[a-z])\s*(co2e|co2|c)$", "", num)
    return parse_unit(num), parse_unit(den)


def convert(value: float, src: Unit, dst: Unit) -> float:
    if src.dimension != dst.dimension:
        raise UnitError("unit.mismatch", src=src.symbol, dst=dst.symbol)
    if src.factor == dst.factor:
        return value
    return value * (src.factor / dst.factor)


def factor_between(src: Unit, dst: Unit) -> float:
    """Multiplier that turns a value in ``src`` into ``dst`` (same dimension)."""
    if src.dimension != dst.dimension:
        raise UnitError("unit.mismatch", src=src.symbol, dst=dst.symbol)
    return src.factor / dst.factor


def percent_or_fraction(value: float) -> float:
    """98 -> 0.98, 0.98 -> 0.98 (values above 1 are read as percent)."""
    return value / 100.0 if value > 1.0 else value
