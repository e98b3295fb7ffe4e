"""Case workbooks (.xlsx): read them into :class:`~carbonmgr.inventory.model.CaseData`, write them back.

The contract (sheets, columns, values) is documented for instructors in
``docs/case-workbook.md``.  Reading never resolves items, units or factors (the engine
does that later); it checks types, ranges and references, and reports *every* problem
with its cell, or returns the whole case.

Reading is fast: calamine parses the sheets (in Rust, without the GIL) while a worker
thread streams the sheet XML to find formulas saved without a value; the Activities
sheet is then validated column by column with fast paths for clean columns, falling
back to per-cell work only for odd cells.
"""
from __future__ import annotations

import datetime as _dt
import heapq
import math
import os
import re
import unicodedata
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field as dc_field
from functools import lru_cache
from itertools import compress
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

from python_calamine import CalamineWorkbook, SheetTypeEnum

from carbonmgr.common.errors import Problem, ValidationFailed, column_letters
from carbonmgr.common.gcpause import gc_paused
from carbonmgr.common.i18n import register_names, register_param_namer, translate
from carbonmgr.common.names import Names, candidates, first_chinese, norm
from carbonmgr.io.fileio import WriteFailed, atomic_write, write_error
from carbonmgr.inventory.model import (
    ACTIVITY_OPTIONS, CH4_RULES, CONSOLIDATIONS, GWP_SETS, MAX_NUMBER, SECTORS, SOURCE_ALIASES, SOURCES, STANDARDS,
    ActivityTable, CaseData, CaseInfo, Equipment, Facility, Instrument,
)
from carbonmgr.inventory.sources import NO_ITEM_SOURCES  # sources whose lines may leave the item empty
from carbonmgr.inventory.ets_model import COOLING, ETS_CLASSES
from carbonmgr.io.safety import check_sheet_extents, check_workbook_file

__all__ = ["read_case", "write_case", "write_template", "sheet_title", "header_label", "MAX_PROBLEMS", "SHEETS",
           "CASE_KEYS", "SHEET_COLUMNS"]

MAX_PROBLEMS = 1000  # problems reported; the rest are counted in a last "and N more"
_LIMIT_TEXT = "10^15"  # MAX_NUMBER as written in messages
_KEEP_PROBLEMS = 20_000  # problems kept in memory before sorting (the rest are only counted)
_SCAN_CHUNK = 1 << 20
_SCAN_MAX_CARRY = 16 << 20
_TRANSPOSE_CHUNK = 256


# --------------------------------------------------------------------------------------------
# The contract: sheets, columns, keys and accepted values
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """One column of a sheet (or one key of the Case sheet)."""

    zh: str
    kind: str = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None


# canonical sheet -> (Chinese name, further accepted names)
SHEETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Case": ("案例", ("case info", "案例信息")),
    "Facilities": ("设施", ("facility", "设施清单")),
    "Activities": ("活动数据", ("activity", "activity data")),
    "Instruments": ("电力凭证", ("instrument", "电力交易凭证")),
    "Equipment": ("制冷设备", ("refrigerant equipment", "制冷设备清单")),
    "ETS": ("配额", ("ets", "allocation", "配额分配", "碳配额", "ets units")),
}
REQUIRED_SHEETS = ("Case", "Facilities", "Activities")

CASE_KEYS: dict[str, Col] = {
    "title": Col("标题", "text", False, ("名称", "案例名称", "name", "case")),
    "standard": Col("核算标准", "standard", True, ("标准",)),
    "gwp": Col("全球变暖潜势", "gwp", False, ("全球增温潜势", "gwp set", "gwp版本")),
    "reporting_year": Col("报告年度", "year", True, ("报告年份", "核算年度", "year"), 1900, 2100),
    "consolidation": Col("合并方法", "consolidation", False, ("组织边界", "合并方式", "边界方法")),
    "residual_mix_ef": Col("剩余组合排放因子", "number", False, ("残余混合排放因子", "剩余电力排放因子")),
    "factor_set": Col("因子集", "factor_set", False, ("默认因子集",)),
    "grid_factor_set": Col("电网因子集", "factor_set"),
    "ch4_ar6": Col("甲烷AR6规则", "ch4", False, ("ch4 ar6 rule",)),
    "base_year": Col("基准年", "year", False, ("基准年度",), 1900, 2100),
    "sector": Col("行业", "sector", False, ("行业类别", "所属行业", "核算指南", "guideline")),
    # carbon trading (the ETS sheet): the compliance year, the price and the holdings
    "ets_year": Col("配额年度", "year", False, ("履约年度", "ets year", "compliance year"), 2019, 2100),
    "carbon_price": Col("碳价", "number", False, ("carbon price", "配额价格")),
    "allowances_held": Col("持有配额", "number", False, ("allowances held", "已持有配额")),
    "ccer_offered": Col("CCER", "number", False, ("ccer offered", "CCER抵销量", "核证自愿减排量")),
    "allowances_borrowed": Col("预支配额", "number", False, ("allowances borrowed", "borrowed allowances",
                                                          "预支配额量")),
}

FACILITY_COLUMNS: dict[str, Col] = {
    "id": Col("编号", "text", True, ("设施编号", "facility id", "facility")),
    "name": Col("名称", "text", False, ("设施名称", "facility name")),
    "region": Col("地区", "text", False, ("省份", "所在地区", "province")),
    "equity_share": Col("股权比例", "fraction", False, ("股权", "equity")),
    "financial_control": Col("财务控制", "financial", False, ("财务控制权",)),
    "operational_control": Col("运营控制", "bool", False, ("运营控制权",)),
    "residual_mix_ef": Col("剩余组合排放因子", "number", False, ("残余混合排放因子", "剩余电力排放因子")),
}

_OPTION_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ncv": ("低位发热量", ("net calorific value",)),
    "ncv_unit": ("低位发热量单位", ()),
    "carbon_content": ("单位热值含碳量", ()),
    "carbon_element": ("元素碳含量", ()),
    "oxidation_rate": ("碳氧化率", ("氧化率",)),
    "purity": ("纯度", ()),
    "ef_co2": ("CO2排放因子", ()),
    "ef_ch4": ("CH4排放因子", ()),
    "ef_n2o": ("N2O排放因子", ()),
    "ef_co2e": ("排放因子", ("CO2e排放因子",)),
    "ef_gas": ("气体排放因子", ("单一气体排放因子",)),
    "enthalpy": ("蒸汽焓值", ("焓值", "steam enthalpy")),
    "heat_basis": ("热值基准", ("发热量基准", "heating value basis")),
    "water_temperature": ("热水温度", ("hot water temperature",)),
    "cao": ("熟料CaO含量", ("熟料氧化钙含量", "氧化钙含量", "CaO")),
    "mgo": ("熟料MgO含量", ("熟料氧化镁含量", "氧化镁含量", "MgO")),
    "cao_non_carbonate": ("非碳酸盐CaO含量", ("非碳酸盐氧化钙",)),
    "mgo_non_carbonate": ("非碳酸盐MgO含量", ("非碳酸盐氧化镁",)),
    "ef_unit": ("排放因子单位", ()),
    "scope3_category": ("范围三类别", ("范围3类别",)),
    "biogenic": ("生物质", ()),
    "uncertainty": ("不确定性", ()),
    "factor_set": ("因子集", ()),
    "variant": ("因子变体", ("变体",)),
    "region": ("地区", ("发生地区", "活动地区", "country", "国家")),
    "gas": ("气体", ("温室气体",)),
    "evidence": ("证据", ("数据来源",)),
    "note": ("备注", ("说明",)),
    "ets_unit": ("机组", ("配额机组", "ets机组", "ets unit")),
}
_OPTION_KIND = {"number": "number", "fraction": "fraction", "int": "int", "bool": "bool", "text": "text"}



def _option_column(key: str, kind: str) -> Col:
    zh, aliases = _OPTION_NAMES.get(key, (key, ()))
    low, high = (1, 15) if key == "scope3_category" else (None, None)
    if key == "factor_set":
        return Col(zh, "factor_set", False, aliases)
    return Col(zh, _OPTION_KIND.get(kind, "text"), False, aliases, low, high)


ACTIVITY_COLUMNS: dict[str, Col] = {
    "facility": Col("设施", "facility", True, ("设施编号", "facility id")),
    "source": Col("排放源类别", "source", True, ("排放源", "排放类别", "source category")),
    "item": Col("品种", "item", True, ("燃料品种", "能源品种", "物料")),
    "quantity": Col("数量", "number", True, ("消耗量", "amount")),
    "unit": Col("单位", "text", True, ("计量单位",)),
    **{
        key: _option_column(key, kind) for key, kind in ACTIVITY_OPTIONS.items()
    },
}

INSTRUMENT_COLUMNS: dict[str, Col] = {
    "facility": Col("设施", "facility", True, ("设施编号",)),
    "type": Col("类型", "instrument", True, ("凭证类型", "instrument type", "instrument")),
    "quantity": Col("数量", "number", True, ("电量",)),
    "ef": Col("排放因子", "number", True, ("emission factor",)),
}

EQUIPMENT_VALUES: dict[str, str] = {
    "new_charge": "新设备充装量",
    "operating_capacity": "运行设备充装量",
    "disposed_capacity": "报废设备充装量",
    "inventory_start": "期初库存量",
    "inventory_end": "期末库存量",
    "purchased": "购入量",
    "sold": "售出量",
    "capacity_start": "期初设备总容量",
    "capacity_end": "期末设备总容量",
    "capacity_new": "新增设备容量",
    "recharge": "补充充装量",
    "recovered": "回收量",
}
EQUIPMENT_METHODS = ("screening", "material_balance", "simplified_material_balance")

EQUIPMENT_COLUMNS: dict[str, Col] = {
    "facility": Col("设施", "facility", True, ("设施编号",)),
    "method": Col("方法", "method", True, ("核算方法",)),
    "refrigerant": Col("制冷剂", "text", True, ("制冷剂种类",)),
    "equipment": Col("设备类型", "text", False, ("设备", "equipment type")),
    **{key: Col(zh, "number") for key, zh in EQUIPMENT_VALUES.items()},
}

# The optional ETS sheet: one row per unit covered by the national ETS (read by io/ets_sheet.py)
ETS_COLUMNS: dict[str, Col] = {
    # the column "unit" [机组] (its id is ets_unit: "unit" names the unit of measure elsewhere)
    "ets_unit": Col("机组", "text", True, ("unit", "机组编号", "unit id")),
    "facility": Col("设施", "facility", False, ("设施编号",)),
    "class": Col("机组类别", "ets_class", True, ("类别", "unit class")),
    "generation": Col("发电量", "number", False, ("gross generation",)),
    "supply": Col("供电量", "number", False, ("net supply",)),
    "heat": Col("供热量", "number", False, ("heat supplied",)),
    "load_factor": Col("负荷率", "fraction", False, ("负荷（出力）系数", "负荷系数", "出力系数", "load")),
    "cooling": Col("冷却方式", "cooling", False, ("冷却",)),
    "heat_ratio": Col("供热比", "fraction", False, ("heat ratio",)),
    "verified_emissions": Col("核查排放量", "number", False, ("经核查排放量", "verified")),
    "intensity": Col("碳排放强度", "number", False, ("排放强度",)),
    "balance_value": Col("行业平衡值", "number", False, ("平衡值", "balance")),
    # the basis of the pre-allocation (预分配): the year each plan takes (carbonmgr.trading.ets)
    "basis_supply": Col("基准年供电量", "number", False, ("预分配供电量", "2018年供电量", "basis supply")),
    "basis_heat": Col("基准年供热量", "number", False, ("预分配供热量", "2018年供热量", "basis heat")),
    "basis_emissions": Col("基准年核查排放量", "number", False,
                           ("上年度核查排放量", "上年核查排放量", "预分配排放量", "basis emissions",
                            "previous verified emissions")),
}

SHEET_COLUMNS: dict[str, dict[str, Col]] = {
    "Facilities": FACILITY_COLUMNS,
    "Activities": ACTIVITY_COLUMNS,
    "Instruments": INSTRUMENT_COLUMNS,
    "Equipment": EQUIPMENT_COLUMNS,
    "ETS": ETS_COLUMNS,
}

_YES = ("yes", "y", "true", "1", "是", "有", "√")
_NO = ("no", "n", "false", "0", "否", "无", "×")

# kind -> canonical value -> further accepted spellings (compared after norm)
_CHOICE_SPELLINGS: dict[str, dict[str, Iterable[str]]] = {
    "standard": {
        "gbt32150": ("GB/T 32150", "GB/T 32150-2015", "国标", "GB/T32150"),
        "ghgp": ("GHG Protocol", "温室气体核算体系", "温室气体议定书"),
        "iso14064": ("ISO 14064-1", "ISO 14064-1:2018", "ISO14064-1"),
    },
    "gwp": {g: ("IPCC " + g,) for g in GWP_SETS},
    "consolidation": {
        "operational_control": ("运营控制", "运营控制权", "运营控制法", "operational"),
        "financial_control": ("财务控制", "财务控制权", "财务控制法", "financial"),
        "equity_share": ("股权比例", "股权比例法", "股权", "equity"),
    },
    "ch4": {"by_source": ("按排放源", "按来源"), "fossil": ("化石",), "non_fossil": ("非化石",)},
    "sector": {
        "general": ("工业其他行业", "其他行业", "一般工业", "general industry", "other industry"),
        "steel": ("钢铁", "钢铁行业", "钢铁生产", "iron and steel"),
        "power": ("发电", "发电设施", "发电行业", "电力", "power generation"),
        "cement": ("水泥", "水泥行业", "水泥熟料"),
        "aluminium": ("铝", "铝冶炼", "电解铝", "aluminum"),
    },
    "financial": {"yes": _YES, "no": _NO, "joint": ("共同", "联合", "共同控制", "联合控制")},
    "method": {
        "screening": ("筛选法", "筛选"),
        "material_balance": ("物料平衡法", "物料平衡"),
        "simplified_material_balance": ("简化物料平衡法", "简化物料平衡"),
    },
    "source": {s: SOURCE_ALIASES.get(s, ()) for s in SOURCES},
    "ets_class": {
        "I": ("1", "Ⅰ", "I类", "一类", "300MW等级以上常规燃煤机组", "300MW等级以上常规燃煤", "class I"),
        "II": ("2", "Ⅱ", "II类", "二类", "300MW等级及以下常规燃煤机组", "300MW等级及以下常规燃煤", "class II"),
        "III": ("3", "Ⅲ", "III类", "三类", "非常规燃煤机组", "非常规燃煤", "燃煤矸石、煤泥、水煤浆等非常规燃煤机组",
                # the class's full name in the plans (china.md §4.3, china-addendum §2.1)
                "燃煤矸石、煤泥、水煤浆等非常规燃煤机组（含燃煤循环流化床机组）", "非常规燃煤机组（含燃煤循环流化床机组）",
                "非常规燃煤（煤矸石、煤泥、水煤浆等）", "非常规燃煤机组（煤矸石、煤泥、水煤浆等）", "class III"),
        "gas": ("燃气机组", "燃气", "IV", "4", "Ⅳ", "IV类", "四类", "natural gas"),
        "steel": ("钢铁", "钢铁企业"),
        "cement": ("水泥", "水泥熟料", "熟料生产线", "水泥熟料生产线"),
        "aluminium": ("aluminum", "铝", "铝冶炼", "电解铝", "铝电解", "铝电解工序"),
    },
    "cooling": {"water": ("水冷", "湿冷", "wet"), "air": ("空冷", "直接空冷", "间接空冷", "dry")},
}
_CHOICE_ALLOWED = {
    "standard": STANDARDS, "gwp": GWP_SETS, "consolidation": CONSOLIDATIONS, "ch4": CH4_RULES, "sector": SECTORS,
    "financial": ("yes", "no", "joint"), "method": EQUIPMENT_METHODS, "source": SOURCES,
    "ets_class": ETS_CLASSES, "cooling": COOLING,
}
_NO_ITEM_OK = NO_ITEM_SOURCES | {None}  # None: the source itself is wrong (reported already)

_NOT_NUMBER_TYPES = (_dt.date, _dt.time, _dt.timedelta)  # datetime is a date

# the unit a Case value of carbon trading may carry after its number (59.87 元/吨, 10000 吨), and a
# yuan sign before a price: input vocabulary, stripped before the number is read; any other unit
# (万元, 万吨) stays and the value is refused as not a number
_TONNES = ("吨二氧化碳", "吨co2", "tco2", "吨", "t")
_CASE_UNITS: dict[str, tuple[str, ...]] = {
    "carbon_price": ("元/吨二氧化碳", "元/吨", "元/t", "元每吨", "cny/t", "yuan/t", "rmb/t", "元", "cny", "yuan", "rmb"),
    "allowances_held": _TONNES, "ccer_offered": _TONNES, "allowances_borrowed": _TONNES,
}
_YUAN_SIGNS = ("¥", "￥")


def _without_unit(key: str, value: Any) -> Any:
    """A Case value typed with its unit (``59.87 元/吨``, ``¥59.87``, ``10000 吨``): the number alone;
    anything else as it was (its problem then quotes what was typed)."""
    units = _CASE_UNITS.get(key)
    if units is None or type(value) is not str:
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    if key == "carbon_price" and text.startswith(_YUAN_SIGNS):
        text = text[1:].strip()
    low = text.lower()
    unit = next((u for u in units if low.endswith(u) and len(low) > len(u)), "")
    number = text[: len(text) - len(unit)].strip()
    return number if number != value.strip() and _parse_number(number) is not None else value


# --------------------------------------------------------------------------------------------
# Names: normalisation and matching of sheet names, headers, keys and choices
# --------------------------------------------------------------------------------------------

def _col_names(cols: dict[str, Col]) -> Names:
    return Names({k: (c.zh, *c.aliases) for k, c in cols.items()})


_SHEET_NAMES = Names({k: (zh, *more) for k, (zh, more) in SHEETS.items()})
_COLUMN_NAMES = {sheet: _col_names(cols) for sheet, cols in SHEET_COLUMNS.items()}
_CASE_NAMES = _col_names(CASE_KEYS)


def register_columns(table: dict[str, Col]) -> None:
    """Messages name a column or Case key by its id (``field``) and are rendered with its name in
    the message's language: the contract's tables give each its name in both languages (an id is
    its English name). A module that adds a sheet to the contract registers its columns here."""
    register_names("field", {key: {"en": key, "zh": col.zh} for key, col in table.items()})


def register_sheet(canonical: str, zh: str) -> None:
    """A kind of sheet, named in messages by its id (``sheet_kind``)."""
    register_names("sheet_kind", {canonical: {"en": canonical, "zh": zh}})


for _table in (CASE_KEYS, *SHEET_COLUMNS.values()):
    register_columns(_table)
for _key, (_zh, _more) in SHEETS.items():
    register_sheet(_key, _zh)
_CASE_HEADER_KEYS = {norm(k) for k in ("key", "键", "项目", "字段", "参数")}
_CASE_HEADER_VALUES = {norm(k) for k in ("value", "值", "内容", "数值")}
_CHOICES: dict[str, dict[str, str]] = {}
for _kind, _spellings in _CHOICE_SPELLINGS.items():
    _map = _CHOICES.setdefault(_kind, {})
    for _canon, _names in _spellings.items():
        for _name in (_canon, *_names):
            _map.setdefault(norm(_name), _canon)
_BOOLS = {**{norm(v): True for v in _YES}, **{norm(v): False for v in _NO}}


# --------------------------------------------------------------------------------------------
# Cell conversion (the slow, per-cell path; also used for small sheets)
# --------------------------------------------------------------------------------------------

class _Bad(Exception):
    """A cell value is invalid: message id and params (without field names)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _show(value: Any) -> str:
    """A cell value as shown in a message."""
    if isinstance(value, float):
        return _fmt_number(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fmt_number(x: float) -> str:
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def _parse_number(text: str) -> float | None:
    """'1,234.5', ' 12 ', '１２' -> float; None when it is not a plain number."""
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            return None
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        return None
    x = float(s)
    return x if math.isfinite(x) else None


def _to_text(v: Any) -> str | None:
    t = type(v)
    if t is str:
        return v.strip() or None
    if v is None:
        return None
    if t is float:
        return _fmt_number(v)
    if t is bool:
        return "TRUE" if v else "FALSE"
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    return str(v).strip() or None


def _to_float(v: Any, percent_ok: bool = False) -> float | None:
    """Any finite number of a plausible size (not a date, not a boolean); None when blank."""
    t = type(v)
    if t is float:
        return v if -MAX_NUMBER <= v <= MAX_NUMBER else _implausible(v)
    if t is str:
        s = v.strip()
        if not s:
            return None
        if percent_ok and s.endswith(("%", "％")):
            s = s[:-1]
        x = _parse_number(s)
        if x is None:
            raise _Bad("workbook.not_number", value=_show(v))
        return x if -MAX_NUMBER <= x <= MAX_NUMBER else _implausible(x)
    if v is None:
        return None
    if t is int:
        return float(v) if -MAX_NUMBER <= v <= MAX_NUMBER else _implausible(v)
    if isinstance(v, _NOT_NUMBER_TYPES):
        raise _Bad("workbook.date_not_number", value=_show(v))
    raise _Bad("workbook.not_number", value=_show(v))


def _implausible(x: float | int) -> Any:
    """Raise the problem of a number that is not finite (NaN, infinity) or too large to be meant."""
    if type(x) is float and not math.isfinite(x):
        raise _Bad("workbook.not_finite", value=_show(x))
    raise _Bad("workbook.too_large", value=_show(x) if type(x) is float else f"{x:.6g}", limit=_LIMIT_TEXT)


def _plausible(xs: list[float]) -> bool:
    """Are all of the floats ``xs`` finite and within +-MAX_NUMBER? (C-speed: one sum, min, max)"""
    return math.isfinite(sum(xs)) and -MAX_NUMBER <= min(xs) and max(xs) <= MAX_NUMBER


def _to_amount(v: Any, percent_ok: bool = False) -> float | None:
    """A number that must not be negative."""
    x = _to_float(v, percent_ok)
    if x is not None and x < 0:
        raise _Bad("workbook.negative", value=_show(v))
    return x


def _to_fraction(v: Any) -> float | None:
    """0.6, 60, '60%', '0.6' -> 0.6; values above 1 (up to 100) are percentages."""
    if type(v) is str and v.strip().endswith(("%", "％")):
        x = _to_float(v.strip()[:-1])
        if x is None:
            raise _Bad("workbook.not_number", value=_show(v))
        x = x / 100.0
    else:
        x = _to_float(v)
        if x is None:
            return None
        if 1.0 < x <= 100.0:
            x = x / 100.0
    if not 0.0 <= x <= 1.0:
        raise _Bad("workbook.fraction_range", value=_show(v))
    return x


def _to_int(v: Any, low: float | None = None, high: float | None = None) -> int | None:
    if type(v) is str:
        v = v.strip().removesuffix("年度").removesuffix("年")
    x = _to_float(v)
    if x is None:
        return None
    if not x.is_integer():
        raise _Bad("workbook.not_integer", value=_show(v))
    if (low is not None and x < low) or (high is not None and x > high):
        raise _Bad("workbook.out_of_range", value=_show(v), low=_fmt_number(low), high=_fmt_number(high))
    return int(x)


def _to_bool(v: Any) -> bool | None:
    t = type(v)
    if t is bool:
        return v
    if t is float and v in (0.0, 1.0):
        return v == 1.0
    text = _to_text(v)
    if text is None:
        return None
    value = _BOOLS.get(norm(text))
    if value is None:
        raise _Bad("workbook.not_bool", value=_show(v))
    return value


def _to_choice(v: Any, kind: str) -> str | None:
    if type(v) is bool and kind == "financial":
        return "yes" if v else "no"
    text = _to_text(v)
    if text is None:
        return None
    value = _CHOICES[kind].get(norm(text))
    if value is None:
        raise _Bad("workbook.bad_choice", value=_show(v), choices=kind)  # named in the message's language
    return value


def _to_instrument(v: Any) -> str | None:
    """An instrument type: its id when the text is the name the export and the report show
    ("绿色电力证书", "Green electricity certificate (GEC)"); other text (an id, "PPA") as written."""
    text = _to_text(v)
    return _instrument_ids().get(norm(text), text) if text else text


def _instrument_names(lang: str) -> list[str]:
    from carbonmgr.common.i18n import lookup
    from carbonmgr.inventory.model import INSTRUMENT_TYPES

    return [lookup(f"label.instrument.{code}", lang, code) for code in INSTRUMENT_TYPES]


@lru_cache(maxsize=1)
def _instrument_ids() -> dict[str, str]:
    from carbonmgr.common.i18n import lookup
    from carbonmgr.inventory.model import INSTRUMENT_TYPES

    names = {}
    for code in INSTRUMENT_TYPES:
        for lang in ("en", "zh"):
            name = lookup(f"label.instrument.{code}", lang, "")
            if name:
                names.setdefault(norm(name), code)
    return names


def _to_factor_set(v: Any) -> str | None:
    """A factor set: its id when the text is the id or the set's name in either language (as the
    export writes it); other text as written (the engine says when it knows no such set)."""
    text = _to_text(v)
    return _factor_set_ids().get(norm(text), text) if text else text


def _factor_set_ids() -> dict[str, str]:
    global _FACTOR_SET_IDS
    if _FACTOR_SET_IDS is None:
        from carbonmgr.factors.labels import set_name
        from carbonmgr.factors.library import default_library

        unnamed = {norm(translate("label.set.unnamed", lang)) for lang in ("en", "zh")}
        names: dict[str, str] = {}
        for set_id in default_library().set_info:
            for lang in ("en", "zh"):
                key = norm(set_name(set_id, lang))
                if key and key not in unnamed:
                    names.setdefault(key, set_id)
        _FACTOR_SET_IDS = names
    return _FACTOR_SET_IDS


_FACTOR_SET_IDS: dict[str, str] | None = None


def _converter(col: Col) -> Callable[[Any], Any]:
    """The per-cell converter of a column kind (facility/item are plain text here)."""
    kind = col.kind
    if kind in ("text", "facility", "item"):
        return _to_text
    if kind == "instrument":
        return _to_instrument
    if kind == "factor_set":
        return _to_factor_set
    if kind == "number":
        return _to_amount
    if kind == "fraction":
        return _to_fraction
    if kind in ("int", "year"):
        return lambda v: _to_int(v, col.low, col.high)
    if kind == "bool":
        return _to_bool
    return lambda v: _to_choice(v, kind)


def _to_item(v: Any) -> str:
    return _to_text(v) or ""


def _to_source(v: Any) -> str | None:
    return _to_choice(v, "source")


def _percent_converter(v: Any) -> float | None:
    return _to_amount(v, percent_ok=True)


# --------------------------------------------------------------------------------------------
# Problem collection
# --------------------------------------------------------------------------------------------

class _Problems:
    """Collects problems, keeping only the _KEEP_PROBLEMS first ones in sheet/row/column order.

    Columns are validated one after the other, so problems do not arrive in reading
    order; a bounded heap keeps the earliest ones (and counts all) whatever the order.
    """

    def __init__(self, sheet_order: dict[str | None, int] | None = None) -> None:
        self.order = sheet_order or {}
        self.heap: list[tuple] = []  # (-sheet, -row, -column, -seq, Problem): a max-heap on the position
        self.total = 0

    def add(self, code: str, sheet: str | None = None, row: int | None = None, col: str | None = None, /,
            **params) -> None:
        self.total += 1
        key = (-self.order.get(sheet, len(self.order)), -(row or 0), -_col_index(col), -self.total)
        if len(self.heap) < _KEEP_PROBLEMS:
            heapq.heappush(self.heap, (*key, Problem(code, params, sheet, row, col)))
        elif key > self.heap[0][:4]:  # earlier than the latest kept problem
            heapq.heapreplace(self.heap, (*key, Problem(code, params, sheet, row, col)))

    def __bool__(self) -> bool:
        return self.total > 0

    @property
    def items(self) -> list[Problem]:
        """The kept problems, in sheet/row/column order."""
        return [entry[-1] for entry in sorted(self.heap, reverse=True)]

    def final(self, skip_cells: set[tuple]) -> list[Problem]:
        """Sorted problems (none on ``skip_cells`` but the scan's own), capped at MAX_PROBLEMS + 'and N more'."""
        kept = self.items
        items = [p for p in kept if (p.sheet, p.row, p.col) not in skip_cells or p.code in _SCAN_CODES]
        total = self.total - (len(kept) - len(items))
        if total > MAX_PROBLEMS:
            items = items[:MAX_PROBLEMS]
            items.append(Problem("workbook.too_many_problems", {"count": total - MAX_PROBLEMS}))
        return items


_SCAN_CODES = ("workbook.formula_no_value", "workbook.cell_error")
_EMPTY_CODES = ("workbook.required", "workbook.item_required")
_WHOLE_FILE_CODES = ("workbook.corrupt", "workbook.read_failed")


def _col_index(letters: str | None) -> int:
    n = 0
    for ch in letters or "":
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class _Column:
    """A column being validated: where it is and how to name it in problems."""

    problems: _Problems
    sheet: str
    field: str
    spec: Col
    letter: str

    def bad(self, row: int, exc: _Bad) -> None:
        self.problems.add(exc.code, self.sheet, row, self.letter, field=self.field,
                          **exc.params)

    def missing(self, row: int, code: str = "workbook.required") -> None:
        self.problems.add(code, self.sheet, row, self.letter, field=self.field)

    def convert(self, convert: Callable[[Any], Any], value: Any, row: int) -> Any:
        try:
            return convert(value)
        except _Bad as exc:
            self.bad(row, exc)
            return None


# --------------------------------------------------------------------------------------------
# Column-wise validation (Activities)
# --------------------------------------------------------------------------------------------

def _transpose(rows: list[list], width: int) -> list[list]:
    """Rows -> columns, in cache-friendly chunks (zip(*rows) on 200k rows is 10x slower)."""
    cols: list[list] = [[] for _ in range(width)]
    for start in range(0, len(rows), _TRANSPOSE_CHUNK):
        for col, part in zip(cols, zip(*rows[start:start + _TRANSPOSE_CHUNK])):
            col.extend(part)
    return cols


class _Shared(dict):
    """Text -> the one string that stands for it (a call into Python only for each distinct value)."""

    def __missing__(self, key: Any) -> Any:
        self[key] = key
        return key


_TEXT_OR_NONE = frozenset((str, type(None)))


def _shared_texts(values: list) -> list:
    """A column of text as one string per distinct text (calamine makes a new string for every cell), so
    that the passes after it (distinct values, look-ups, the project's text indexes) compare by identity
    and hash nothing again; the column itself when it holds anything but text and blanks (True, 1 and 1.0
    are one key in a dict: they must not be merged)."""
    if not set(map(type, values[:64])) <= _TEXT_OR_NONE:
        return values  # (a quick answer for a column of numbers)
    shared = _Shared()
    out = list(map(shared.__getitem__, values))
    return out if set(map(type, shared)) <= _TEXT_OR_NONE else values


def _blankish(v: Any) -> bool:
    return v is None or (type(v) is str and not v.strip())


def _by_uniques(ctx: _Column, values: list, rows: list[int], convert: Callable[[Any], Any],
                required: bool, uniques: set | None = None) -> tuple[list, dict | None]:
    """Convert a low-cardinality column once per distinct value.

    Returns the converted column and the mapping raw value -> converted value (None when
    the column had to be converted cell by cell).
    """
    uniques = set(values) if uniques is None else uniques
    if 1 in uniques or 0 in uniques:  # True == 1.0 and False == 0.0 would merge in a set
        types = set(map(type, values))
        if bool in types and len(types) > 1:
            return _per_cell(ctx, values, rows, convert, required), None
    mapping: dict[Any, Any] = {}
    bad: dict[Any, _Bad] = {}
    same = True
    for value in uniques:
        try:
            out = convert(value)
        except _Bad as exc:
            bad[value] = exc
            out = None
        mapping[value] = out
        same = same and (out is value or (type(out) is type(value) and out == value))
    result = values if same else list(map(mapping.__getitem__, values))
    empty = {v for v, out in mapping.items() if out is None and v not in bad} if required else set()
    if bad or empty:
        for i, value in enumerate(values):
            if value in bad:
                ctx.bad(rows[i], bad[value])
            elif value in empty:
                ctx.missing(rows[i])
    return result, mapping


def _per_cell(ctx: _Column, values: list, rows: list[int], convert: Callable[[Any], Any],
              required: bool) -> list:
    out = []
    for value, row in zip(values, rows):
        x = ctx.convert(convert, value, row)
        if x is None and required and _blankish(value):
            ctx.missing(row)
        out.append(x)
    return out


def _numbers(ctx: _Column, values: list, rows: list[int], required: bool, fraction: bool = False,
             percent_ok: bool = False) -> list:
    """Convert a number column: fast when every cell is a float or empty, per cell otherwise."""
    types = set(map(type, values))
    if types == {float}:
        out = values
    elif types == {float, str} and set(map(type, out := [None if v == "" else v for v in values])) <= _FLOAT_NONE:
        if required:
            for i, v in enumerate(out):
                if v is None:
                    ctx.missing(rows[i])
    else:
        convert = _percent_converter if percent_ok else (_to_fraction if fraction else _to_amount)
        out = [v if type(v) is float else None for v in values]
        for i, v in enumerate(values):
            if type(v) is not float:
                out[i] = ctx.convert(convert, v, rows[i])
                if out[i] is None and required and _blankish(v):
                    ctx.missing(rows[i])
    present = out if types == {float} else list(filter(None, out))
    if present and (min(present) < 0 or (fraction and max(present) > 1.0) or not _plausible(present)):
        _fix_ranges(ctx, values, out, rows, fraction)
    return out


_FLOAT_NONE = {float, type(None)}


def _fix_ranges(ctx: _Column, values: list, out: list, rows: list[int], fraction: bool) -> None:
    """Slow path of :func:`_numbers` for float cells: negatives, percentages in fraction columns."""
    for i, v in enumerate(values):
        if type(v) is not float:
            continue
        if not -MAX_NUMBER <= v <= MAX_NUMBER:
            out[i] = ctx.convert(_to_float, v, rows[i])  # reports it
        elif fraction and (v > 1.0 or v < 0):
            out[i] = ctx.convert(_to_fraction, v, rows[i])
        elif v < 0:
            ctx.bad(rows[i], _Bad("workbook.negative", value=_show(v)))
            out[i] = None


def _extra_values(values: list) -> list:
    return [None if v == "" else v for v in values]


# --------------------------------------------------------------------------------------------
# Streaming scan of sheet XML: formulas without a saved value, error cells
# --------------------------------------------------------------------------------------------

_REF = re.compile(rb'\br="([A-Za-z]{1,3}[0-9]{1,7})"')
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")


def _scan_sheets(path: Path, parts: dict[str, str]) -> list[tuple[str, str, str, str | None]]:
    """(sheet, cell, problem code, value) for every formula without a value / error cell."""
    found: list[tuple[str, str, str, str | None]] = []
    with zipfile.ZipFile(path) as zf:
        for sheet, member in parts.items():
            for ref, code, value in _scan_member(zf, member):
                found.append((sheet, ref, code, value))
    return found


def formulas_without_value(path: str | os.PathLike, sheets: Iterable[str]) -> list[Problem]:
    """A located problem for each cell of ``sheets`` holding a formula saved without its value (as
    openpyxl and other libraries write formulas): such a cell reads as empty, never as the value meant.
    For sheets the case reader keeps as they are (an exercise's trainer sheets and source documents),
    which read_case itself does not judge."""
    path = Path(path)
    parts = _sheet_parts(path)
    hits = _scan_sheets(path, {name: parts[name] for name in sheets if name in parts})
    out = []
    for sheet, ref, code, _value in hits:
        row, col = _split_ref(ref)
        if code == "workbook.formula_no_value" and row is not None:
            out.append(Problem(code, {}, sheet, row, col))
    return out


def _split_ref(ref: str) -> tuple[int | None, str | None]:
    """A scanned cell reference ("B12") as (row, column letters); (None, None) when it is not one."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return (int(match.group(2)), match.group(1)) if match else (None, None)


def _scan_member(zf: zipfile.ZipFile, member: str) -> list[tuple[str, str, str | None]]:
    """Stream one sheet part in 1 MB chunks; only chunks holding a formula or an error are parsed."""
    found: list[tuple[str, str, str | None]] = []
    tags: _Tags | None = None
    carry = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_SCAN_CHUNK)
            buf = carry + chunk if carry else chunk
            if tags is None:
                match = _ROOT.search(buf[:8192])
                tags = _Tags(match.group(1) if match and match.group(1) else b"")
            stop = buf.find(tags.end_data)
            if stop >= 0 or not chunk:
                _scan_block(buf, 0, stop if stop >= 0 else len(buf), tags, found)
                break
            cut = buf.rfind(tags.c_end)
            if cut < 0:
                if len(buf) > _SCAN_MAX_CARRY:
                    break
                carry = buf
                continue
            cut += len(tags.c_end)
            _scan_block(buf, 0, cut, tags, found)
            carry = buf[cut:]
    return found


class _Tags:
    """Byte patterns of the sheet XML, with the namespace prefix the file uses (often none)."""

    def __init__(self, prefix: bytes):
        p = prefix + b":" if prefix else b""
        self.f = b"<" + p + b"f"
        self.v = b"<" + p + b"v"
        self.v_end = b"</" + p + b"v>"
        self.c = b"<" + p + b"c"
        self.c_end = b"</" + p + b"c>"
        self.end_data = b"</" + p + b"sheetData>"
        # a formula element's start: found by a regex, which sre scans for faster than bytes.find does "<f"
        self.f_start = re.compile(re.escape(self.f) + rb"[\s/>]")


_TAG_END = frozenset(b"> /\t\r\n")


_ERROR_TYPE = re.compile(rb't="e"')


def _scan_block(buf: bytes, start: int, end: int, tags: _Tags, found: list) -> None:
    if tags.f_start.search(buf, start, end) is not None:  # (the same test as a find, at twice its speed)
        _scan_formulas(buf, start, end, tags, found)
    if _ERROR_TYPE.search(buf, start, end) is not None:
        _scan_errors(buf, start, end, tags, found)


def _cell_bounds(buf: bytes, pos: int, start: int, end: int, tags: _Tags) -> tuple[int, int]:
    """Start of the <c> element enclosing ``pos`` and the end of its start tag."""
    cstart = buf.rfind(tags.c, start, pos)
    while cstart >= 0 and buf[cstart + len(tags.c)] not in _TAG_END:
        cstart = buf.rfind(tags.c, start, cstart)
    return cstart, (buf.find(b">", cstart, end) if cstart >= 0 else -1)


def _scan_formulas(buf: bytes, start: int, end: int, tags: _Tags, found: list) -> None:
    flen = len(tags.f)
    pos = buf.find(tags.f, start, end)
    while pos >= 0:
        if pos + flen < end and buf[pos + flen] in _TAG_END:
            cstart, open_end = _cell_bounds(buf, pos, start, end, tags)
            cend = buf.find(tags.c_end, pos, end)
            if cstart >= 0 and cend >= 0:
                if not _has_value(buf, open_end, cend, tags, buf[cstart:open_end]):
                    found.append((_ref(buf[cstart:open_end]), "workbook.formula_no_value", None))
                pos = cend
        pos = buf.find(tags.f, pos + 1, end)


def _has_value(buf: bytes, open_end: int, cend: int, tags: _Tags, start_tag: bytes) -> bool:
    vpos = buf.find(tags.v, open_end, cend)
    while vpos >= 0 and buf[vpos + len(tags.v)] not in _TAG_END:
        vpos = buf.find(tags.v, vpos + 1, cend)
    if vpos < 0:
        return False
    vclose = buf.find(b">", vpos, cend)
    if vclose < 0 or buf[vclose - 1] == ord("/"):  # <v/>
        return b't="str"' in start_tag
    content_end = buf.find(tags.v_end, vclose, cend)
    if content_end == vclose + 1:  # <v></v>: an empty string result is a value for t="str"
        return b't="str"' in start_tag
    return True


def _scan_errors(buf: bytes, start: int, end: int, tags: _Tags, found: list) -> None:
    pos = buf.find(b't="e"', start, end)
    while pos >= 0:
        cstart, open_end = _cell_bounds(buf, pos, start, end, tags)
        if cstart >= 0 and open_end > pos:
            cend = buf.find(tags.c_end, open_end, end)
            vpos = buf.find(tags.v + b">", open_end, cend if cend >= 0 else end)
            value = None
            if vpos >= 0:
                vend = buf.find(tags.v_end, vpos, end)
                value = buf[vpos + len(tags.v) + 1:vend].decode("utf-8", "replace")
            found.append((_ref(buf[cstart:open_end]), "workbook.cell_error", value or "#N/A"))
        pos = buf.find(b't="e"', pos + 1, end)


def _ref(start_tag: bytes) -> str:
    match = _REF.search(start_tag)
    return match.group(1).decode("ascii").upper() if match else ""


def sheet_names(path: str | os.PathLike) -> list[str]:
    """The names of a workbook's sheets, in order, read from its workbook part only (a file the
    reader has checked); empty when they cannot be read."""
    try:
        return list(_sheet_parts(Path(path)))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, SyntaxError):
        return []


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> zip member of its XML (from the workbook part and its relationships)."""
    from defusedxml import ElementTree as SafeET

    def read(zf: zipfile.ZipFile, name: str) -> Any:
        with zf.open(members[name]) as fh:
            return SafeET.fromstring(fh.read(32 << 20))

    with zipfile.ZipFile(path) as zf:
        # a part's name as the package names it -> its zip member: some zip writers (.NET Framework's
        # ZipFile, some exports) store "xl\\worksheets\\sheet1.xml"; calamine reads them too
        members = {n.replace("\\", "/"): n for n in zf.namelist()}
        names = set(members)
        wb_part = "xl/workbook.xml"
        if "_rels/.rels" in names:
            for rel in read(zf, "_rels/.rels"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    wb_part = _join_part("", rel.get("Target", wb_part))
        base = PurePosixPath(wb_part).parent.as_posix()
        rels_part = f"{base}/_rels/{PurePosixPath(wb_part).name}.rels"
        targets = {rel.get("Id"): _join_part(base, rel.get("Target", ""))
                   for rel in read(zf, rels_part)} if rels_part in names else {}
        parts = {}
        for el in read(zf, wb_part).iter():
            if el.tag.endswith("}sheet") or el.tag == "sheet":
                target = targets.get(_relationship_id(el))
                if target in names:
                    parts[el.get("name")] = members[target]
        return parts


def _relationship_id(el: Any) -> str | None:
    """A sheet element's r:id, in the transitional namespace (schemas.openxmlformats.org) or in the
    one of Strict Open XML (purl.oclc.org, Excel's "Strict Open XML Spreadsheet"), which calamine reads too."""
    for name, value in el.attrib.items():
        if name.startswith("{") and name.endswith("}id") and name[1:-3].endswith("relationships"):
            return value
    return None


def _join_part(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in (base + "/" + target).split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

def read_case(path: str | os.PathLike) -> CaseData:
    """Read a case workbook; raise :class:`ValidationFailed` listing every problem found."""
    path = Path(path)
    problems = check_workbook_file(path)
    if problems:
        raise ValidationFailed(problems)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own errors, but also ValueError/OSError
        raise ValidationFailed([_read_failed(path, exc)]) from None
    try:
        with gc_paused():  # hundreds of thousands of (acyclic) row lists: ~10 % of a large read
            return _Reader(path, book).read()
    finally:
        book.close()


def _failure_detail(exc: BaseException) -> str:
    """The first line of a parser's error (its own words, English), or the error's type."""
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def _read_failed(path: Path, exc: BaseException) -> Problem:
    return Problem("workbook.read_failed", {"name": path.name, "detail": _failure_detail(exc)})


class _Reader:
    """One read of one workbook."""

    def __init__(self, path: Path, book: CalamineWorkbook):
        self.path = path
        self.book = book
        order: dict[str | None, int] = {None: 0}
        order.update((name, i + 1) for i, name in enumerate(book.sheet_names))
        self.problems = _Problems(order)
        self.case = CaseData()
        self.found: dict[str, str] = {}  # canonical -> sheet name
        self.documents: list[str] = []
        self.fac_ids: set[str] = set()
        self.fac_ok = False  # the Facilities sheet was read (its ids can be checked against)
        self.fac_sheet = "Facilities"
        self.unreadable: set[str] = set()  # sheets too large to read (a problem each)
        self.parts: dict[str, str] | None = None  # sheet name -> zip member of its XML

    # -- orchestration ------------------------------------------------------------------------

    def read(self) -> CaseData:
        self._classify_sheets()
        self._check_extents()
        with ThreadPoolExecutor(max_workers=1) as pool:
            scan = pool.submit(self._scan)
            self._read_contract_sheets()
            self._read_documents()
            self._check_optional_sheets()
            scanned = self._add_scan_problems(*scan.result())
        if self.problems:
            whole_file = [p for p in self.problems.items if p.code in _WHOLE_FILE_CODES]
            if whole_file:  # a damaged file: its cell problems would only be noise
                raise ValidationFailed(sorted(whole_file, key=lambda p: _WHOLE_FILE_CODES.index(p.code))[:1])
            failure = ValidationFailed(self._explain_merged(self.problems.final(scanned)))
            # what could be read, so that a caller may still check the sound lines (see
            # carbonmgr.facade.read_workbook): every problem is reported, not only the first kind
            failure.partial_case = self.case if self.problems.total <= MAX_PROBLEMS else None
            raise failure
        return self.case

    def _explain_merged(self, problems: list[Problem]) -> list[Problem]:
        """An empty cell that is part of merged cells (a facility merged over its lines, as firms' own
        sheets often do) says so: only the merged range's first cell holds the value, and reading it
        into the other rows could double a quantity, so the user unmerges and fills each row."""
        merged: dict[str, list] = {}
        out = []
        for p in problems:
            if p.code in _EMPTY_CODES and p.sheet is not None and p.row is not None and p.col:
                if p.sheet not in merged:
                    merged[p.sheet] = self._merged_ranges(p.sheet)
                r, c = p.row - 1, _col_index(p.col) - 1
                for (r0, c0), (r1, c1) in merged[p.sheet]:
                    if r0 <= r <= r1 and c0 <= c <= c1 and (r, c) != (r0, c0):
                        first = f"{column_letters(c0)}{r0 + 1}"
                        p = Problem("workbook.merged_cell", {**p.params, "range": f"{first}:{column_letters(c1)}{r1 + 1}",
                                                             "first": first}, p.sheet, p.row, p.col)
                        break
            out.append(p)
        return out

    def _merged_ranges(self, name: str) -> list:
        """The sheet's merged ranges as ((row, col), (row, col)) pairs, 0-based; none when unknown."""
        try:
            return list(self.book.get_sheet_by_name(name).merged_cell_ranges or [])
        except Exception:  # noqa: BLE001 - only an explanation of a problem already found
            return []

    def _scan(self) -> tuple[list, Problem | None]:
        """Formula/error scan of the contract sheets (runs in a worker thread: adds nothing itself)."""
        try:
            parts = self.parts if self.parts is not None else _sheet_parts(self.path)
            wanted = {name: parts[name] for name in self.found.values()
                      if name in parts and name not in self.unreadable}
            return _scan_sheets(self.path, wanted), None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, SyntaxError):
            return [], Problem("workbook.corrupt", {"name": self.path.name})
        except Exception as exc:  # other parser errors
            return [], Problem("workbook.read_failed", {"name": self.path.name, "detail": type(exc).__name__})

    def _check_extents(self) -> None:
        """Before calamine reads a sheet (into one grid from A1 to its farthest value), make sure
        that grid is of a size to read: a sheet that is not is a problem, and is not read."""
        wanted = [*self.found.values(), *self.documents]
        try:
            parts = self.parts = _sheet_parts(self.path)  # (the scan reads the same sheets)
            problems = check_sheet_extents(self.path, {name: parts[name] for name in wanted})
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, SyntaxError):
            raise ValidationFailed([Problem("workbook.corrupt", {"name": self.path.name})]) from None
        for p in problems:
            self.unreadable.add(p.sheet)
            self.problems.add(p.code, p.sheet, p.row, p.col, **p.params)

    def _add_scan_problems(self, hits: list, failure: Problem | None) -> set[tuple[str, int, str]]:
        """Report the scan's findings; return the cells concerned."""
        if failure is not None:
            self.problems.add(failure.code, **failure.params)
        cells = set()
        for sheet, ref, code, value in hits:
            row, col = _split_ref(ref)
            if code == "workbook.cell_error":
                self.problems.add(code, sheet, row, col, value=value)
            else:
                self.problems.add(code, sheet, row, col)
            cells.add((sheet, row, col))
        return cells

    def _classify_sheets(self) -> None:
        meta = getattr(self.book, "sheets_metadata", None)  # chart and macro sheets hold no cells
        worksheets = ([m.name for m in meta if m.typ == SheetTypeEnum.WorkSheet] if meta is not None
                      else list(self.book.sheet_names))
        for name in worksheets:
            canonical = _SHEET_NAMES.match(name)
            if canonical is None:
                self.documents.append(name)
            elif canonical in self.found:
                self.problems.add("workbook.sheet_duplicate", first=self.found[canonical], second=name,
                                  sheet_kind=canonical)
            else:
                self.found[canonical] = name
        for canonical in REQUIRED_SHEETS:
            if canonical not in self.found:
                self.problems.add("workbook.sheet_missing", sheet_kind=canonical,
                                  found=[f'"{n}"' for n in worksheets] or ["-"])
        self.case.sheet_names = dict(self.found)

    def _rows(self, name: str) -> list[list] | None:
        if name in self.unreadable:
            return None
        try:
            return self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:
            self.problems.add("workbook.sheet_damaged", name, None, None, name=self.path.name,
                              detail=_failure_detail(exc))
            return None

    def _read_contract_sheets(self) -> None:
        readers = (("Case", self._read_case_sheet), ("Facilities", self._read_facilities),
                   ("Activities", self._read_activities), ("Instruments", self._read_instruments),
                   ("Equipment", self._read_equipment), ("ETS", self._read_ets))
        for canonical, reader in readers:
            name = self.found.get(canonical)
            if name is None:
                continue
            rows = self._rows(name)
            if rows is None:
                continue
            if all(all(map(_blankish, r)) for r in rows):
                self.problems.add("workbook.sheet_empty", name)
                continue
            reader(name, rows)

    def _not_finite(self, sheet: str, row: int, col: str, value: float, key: str | None = None) -> None:
        """A NaN or infinite number in a free column, a free Case key or a document sheet: it
        would be kept with the case and break its saving and its reports."""
        if key is None:
            self.problems.add("workbook.cell_not_finite", sheet, row, col, value=_show(value))
        else:
            self.problems.add("workbook.not_finite", sheet, row, col, field=key, value=_show(value))

    def _check_optional_sheets(self) -> None:
        """Optional sheets that other parts read (kept with the case as document sheets): the Abatement
        sheet (carbonmgr/io/abatement.py). Their problems are reported with the workbook's."""
        from carbonmgr.io.abatement import sheet_problems

        for p in sheet_problems(self.case.documents):
            self.problems.add(p.code, p.sheet, p.row, p.col, **p.params)

    def _read_documents(self) -> None:
        for name in self.documents:
            rows = self._rows(name)
            if rows is not None:
                self.case.documents[name] = [_extra_values(r) for r in rows]
                for r, row in enumerate(rows):
                    floats = [v for v in row if type(v) is float]
                    if floats and not math.isfinite(sum(floats)):
                        for i, v in enumerate(row):
                            if type(v) is float and not math.isfinite(v):
                                self._not_finite(name, r + 1, column_letters(i), v)

    # -- headers ------------------------------------------------------------------------------

    def _header(self, canonical: str, name: str, rows: list[list]) -> _Header | None:
        spec = SHEET_COLUMNS[canonical]
        names = _COLUMN_NAMES[canonical]
        header = _Header()
        seen_extra: set[str] = set()
        for i, cell in enumerate(rows[0]):
            letter = column_letters(i)
            text = _to_text(cell)
            field = names.match(text) if text else None
            if field is None:
                if text is None and all(_blankish(r[i]) for r in rows[1:]):
                    continue
                key = text or letter
                if key in seen_extra:
                    key = f"{key} ({letter})"
                seen_extra.add(key)
                header.extras.append((i, key))
            elif field in header.index:
                other = column_letters(header.index[field])
                self.problems.add("workbook.column_duplicate", name, 1, letter, header=text, field=field,
                                  other=other)
            else:
                header.index[field] = i
        self.case.columns[canonical] = {f: column_letters(i) for f, i in header.index.items()}
        missing = [f for f, c in spec.items() if c.required and f not in header.index]
        lower = _header_below(rows, names, [f for f, c in spec.items() if c.required]) if missing else None
        if lower is not None:  # title rows above the headers, as in many firms' own files
            first = next(i for i, v in enumerate(rows[lower - 1]) if not _blankish(v))
            self.problems.add("workbook.header_not_first_row", name, lower, column_letters(first), above=lower - 1)
            return None
        for field in missing:
            found = [f'"{_to_text(c)}"' for c in rows[0] if _to_text(c)] or ["-"]
            self.problems.add("workbook.column_missing", name, field=field, found=found)
        return None if missing else header

    def _column(self, name: str, canonical: str, field: str, index: int) -> _Column:
        return _Column(self.problems, name, field, SHEET_COLUMNS[canonical][field], column_letters(index))

    # -- Case -----------------------------------------------------------------------------------

    def _read_case_sheet(self, name: str, rows: list[list]) -> None:
        info = CaseInfo()
        seen: dict[str, int] = {}
        start = 1 if _is_case_header(rows[0]) else 0
        self.case.columns["Case"] = {"key": "A", "value": "B"}
        for r in range(start, len(rows)):
            row = rows[r]
            key_cell = row[0] if row else ""
            value = row[1] if len(row) > 1 else ""
            if _blankish(key_cell):
                if not _blankish(value):
                    self.problems.add("workbook.case_value_no_key", name, r + 1, "B", value=_show(value))
                continue
            key_text = _to_text(key_cell) or ""
            key = _CASE_NAMES.match(key_text) or key_text
            if key in seen:
                self.problems.add("workbook.case_key_duplicate", name, r + 1, "A", key=key_text, first=seen[key])
                continue
            seen[key] = r + 1
            if key in CASE_KEYS:
                self._case_value(info, name, key, value, r + 1)
            else:
                info.extra[key_text] = _case_extra(value)
                if type(value) is float and not math.isfinite(value):
                    self._not_finite(name, r + 1, "B", value, key_text)
        for key, col in CASE_KEYS.items():
            if col.required and key not in seen:
                self.problems.add("workbook.case_key_missing", name, field=key)
        self.case.info = info
        self.case.key_rows = seen

    def _case_value(self, info: CaseInfo, name: str, key: str, value: Any, row: int) -> None:
        col = CASE_KEYS[key]
        ctx = _Column(self.problems, name, key, col, "B")
        x = ctx.convert(_converter(col), _without_unit(key, value), row)
        if x is None:
            if col.required and _blankish(value):
                ctx.missing(row)
            return
        setattr(info, key, x)

    # -- Facilities, Instruments, Equipment (row-wise: small sheets) ---------------------------

    def _records(self, canonical: str, name: str, rows: list[list]) -> Iterable[tuple[int, dict, dict]]:
        """(row number, converted values, extra values) of each non-blank data row."""
        header = self._header(canonical, name, rows)
        if header is None:
            return
        spec = SHEET_COLUMNS[canonical]
        columns = {f: (i, self._column(name, canonical, f, i)) for f, i in header.index.items()}
        convert = {f: _converter(spec[f]) for f in header.index}
        for r in range(1, len(rows)):
            row = rows[r]
            if all(_blankish(v) for v in row):
                continue
            values: dict[str, Any] = {}
            for field, (i, ctx) in columns.items():
                x = ctx.convert(convert[field], row[i], r + 1)
                if x is None and spec[field].required and _blankish(row[i]):
                    ctx.missing(r + 1)
                if spec[field].kind == "facility" and x is not None and self.fac_ok and x not in self.fac_ids:
                    self._unknown_facility(ctx, x, r + 1)
                values[field] = x
            extra = {key: (None if row[i] == "" else row[i]) for i, key in header.extras}
            for i, key in header.extras:
                if type(row[i]) is float and not math.isfinite(row[i]):
                    self._not_finite(name, r + 1, column_letters(i), row[i], key)
            yield r + 1, values, extra

    def _unknown_facility(self, ctx: _Column, value: str, row: int) -> None:
        known = sorted(self.fac_ids)
        shown = known[:20] + (["..."] if len(known) > 20 else [])
        self.problems.add("workbook.unknown_facility", ctx.sheet, row, ctx.letter, value=value,
                          sheet=self.fac_sheet, known=shown or ["-"])

    def _read_facilities(self, name: str, rows: list[list]) -> None:
        self.fac_sheet = name
        first_row: dict[str, int] = {}
        facilities = []
        for row, values, extra in self._records("Facilities", name, rows):
            fid = values.get("id")
            if fid is not None:
                if fid in first_row:
                    letter = self.case.columns["Facilities"]["id"]
                    self.problems.add("workbook.facility_duplicate", name, row, letter, value=fid,
                                      first=first_row[fid])
                    continue
                first_row[fid] = row
            facilities.append(Facility(
                id=fid or "", name=values.get("name") or "", region=values.get("region") or "",
                equity_share=_default(values.get("equity_share"), 1.0),
                financial_control=_default(values.get("financial_control"), "yes"),
                operational_control=_default(values.get("operational_control"), True),
                residual_mix_ef=values.get("residual_mix_ef"),
                extra=extra,
            ))
        if not facilities and "Facilities" in self.case.columns and self._has_header_ok("Facilities"):
            self.problems.add("workbook.no_rows", name)
        self.fac_ids = set(first_row)
        self.fac_ok = self._has_header_ok("Facilities")
        self.case.facilities = facilities

    def _has_header_ok(self, canonical: str) -> bool:
        cols = self.case.columns.get(canonical, {})
        return all(f in cols for f, c in SHEET_COLUMNS[canonical].items() if c.required)

    def _read_instruments(self, name: str, rows: list[list]) -> None:
        self.case.instruments = [
            Instrument(facility=v.get("facility") or "", type=v.get("type") or "",
                       quantity=v.get("quantity"), ef=v.get("ef"), row=row, extra=extra)
            for row, v, extra in self._records("Instruments", name, rows)
        ]

    def _read_equipment(self, name: str, rows: list[list]) -> None:
        self.case.equipment = [
            Equipment(facility=v.get("facility") or "", method=v.get("method") or "",
                      refrigerant=v.get("refrigerant") or "", equipment=v.get("equipment") or "",
                      values={k: v[k] for k in EQUIPMENT_VALUES if v.get(k) is not None}, row=row, extra=extra)
            for row, v, extra in self._records("Equipment", name, rows)
        ]

    def _read_ets(self, name: str, rows: list[list]) -> None:
        from carbonmgr.io.ets_sheet import read_ets_units

        self.case.ets = read_ets_units(self.problems, name, self.case.columns, self._records("ETS", name, rows))

    # -- Activities (column-wise: may hold hundreds of thousands of lines) ----------------------

    def _read_activities(self, name: str, rows: list[list]) -> None:
        header = self._header("Activities", name, rows)
        if header is None:
            return
        data = rows[1:]
        cols = [_shared_texts(c) for c in _transpose(data, len(rows[0]))]
        rows.clear()  # the row lists are no longer needed: free them early
        rownums = list(range(2, len(data) + 2))
        fac_values = cols[header.index["facility"]]
        fac_uniques = set(fac_values)
        blank = _blank_rows(data, fac_values, fac_uniques)
        if blank:
            keep = [i for i in range(len(data)) if i not in blank]
            cols = [[c[i] for i in keep] for c in cols]
            rownums = [rownums[i] for i in keep]
            fac_uniques = None
        del data
        table = ActivityTable(row=rownums)
        col = {f: self._column(name, "Activities", f, i) for f, i in header.index.items()}
        get = {f: cols[i] for f, i in header.index.items()}
        table.facility = self._facility_column(col["facility"], get["facility"], rownums, fac_uniques)
        table.source = _by_uniques(col["source"], get["source"], rownums, _to_source, True)[0]
        table.item = self._item_column(col["item"], get["item"], rownums, table.source)
        table.quantity = _numbers(col["quantity"], get["quantity"], rownums, required=True)
        table.unit = _by_uniques(col["unit"], get["unit"], rownums, _to_text, True)[0]
        for option in ACTIVITY_OPTIONS:
            if option in get:
                table.options[option] = self._option_column(col[option], get[option], rownums)
        for i, key in header.extras:
            table.extra[key] = _extra_values(cols[i])
            floats = [v for v in table.extra[key] if type(v) is float]
            if floats and not math.isfinite(sum(floats)):
                for row, v in zip(rownums, table.extra[key]):
                    if type(v) is float and not math.isfinite(v):
                        self._not_finite(name, row, column_letters(i), v, key)
        self.case.activities = table

    def _facility_column(self, ctx: _Column, values: list, rows: list[int], uniques: set | None) -> list:
        out, mapping = _by_uniques(ctx, values, rows, _to_text, True, uniques)
        if not self.fac_ok:
            return out
        if mapping is None:
            unknown_raw = None
            unknown = {v for v in set(out) if v is not None and v not in self.fac_ids}
        else:
            unknown_raw = {raw for raw, v in mapping.items() if v is not None and v not in self.fac_ids}
            unknown = unknown_raw
        if unknown:
            probe = values if unknown_raw is not None else out
            for i, v in enumerate(probe):
                if v in unknown:
                    self._unknown_facility(ctx, out[i], rows[i])
        return out

    def _item_column(self, ctx: _Column, values: list, rows: list[int], sources: list) -> list:
        """Item text; an empty item ("") is allowed for electricity and heat lines only."""
        out, mapping = _by_uniques(ctx, values, rows, _to_item, False)
        if mapping is not None and "" not in mapping.values():
            return out
        blank_sources = set(compress(sources, map("".__eq__, out)))
        if blank_sources <= _NO_ITEM_OK:
            return out
        for i, item, source in zip(range(len(out)), out, sources):
            if item == "" and source not in NO_ITEM_SOURCES and source is not None:
                ctx.missing(rows[i], "workbook.item_required")
        return out

    def _option_column(self, ctx: _Column, values: list, rows: list[int]) -> list:
        kind = ctx.spec.kind
        if kind == "number":
            return _numbers(ctx, values, rows, False, percent_ok=ctx.field == "uncertainty")
        if kind == "fraction":
            return _numbers(ctx, values, rows, False, fraction=True)
        return _by_uniques(ctx, values, rows, _converter(ctx.spec), False)[0]


@dataclass
class _Header:
    index: dict[str, int] = dc_field(default_factory=dict)  # field -> column index
    extras: list[tuple[int, str]] = dc_field(default_factory=list)  # (column index, key)


_HEADER_SEARCH_ROWS = 20  # how far down a header row under title rows is looked for


def _header_below(rows: list[list], names: Names, required: list[str]) -> int | None:
    """The row number (1-based, > 1) of the first of the sheet's first rows that holds every required
    column's header, when row 1 does not: the contract puts the headers on row 1 (a line's row number
    counts from there), so such a sheet is one problem that says where its headers are."""
    for r in range(1, min(len(rows), _HEADER_SEARCH_ROWS)):
        found = {names.match(t) for t in map(_to_text, rows[r]) if t}
        if all(f in found for f in required):
            return r + 1
    return None


def _default(value: Any, default: Any) -> Any:
    return default if value is None else value


def _is_case_header(row: list) -> bool:
    """Is row 1 of the Case sheet a 'key | value' header (rather than a first key)?"""
    keys = set(candidates(row[0])) if row and type(row[0]) is str else set()
    values = set(candidates(row[1])) if len(row) > 1 and type(row[1]) is str else set()
    return bool(keys & _CASE_HEADER_KEYS or values & _CASE_HEADER_VALUES)


def _case_extra(value: Any) -> Any:
    """Value of a free Case key: text stripped, whole numbers as int (a year, a count, a code)."""
    if type(value) is str:
        return value.strip() or None
    if type(value) is float and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _blank_rows(data: list[list], facility: list, uniques: set) -> set[int]:
    """Indices of rows with no content at all (only rows whose facility is blank can be)."""
    blank_values = {v for v in uniques if _blankish(v)}
    if not blank_values:
        return set()
    return {i for i, v in enumerate(facility)
            if v in blank_values and all(map(_blankish, data[i]))}


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

def _require_defused() -> Any:
    """openpyxl, refusing to run without defusedxml (an explicit check: asserts vanish under -O)."""
    import openpyxl

    if openpyxl.DEFUSEDXML is not True:
        raise RuntimeError("defusedxml must be installed: openpyxl would parse XML without protection")
    return openpyxl


def sheet_title(canonical: str, lang: str = "en") -> str:
    """Sheet name written for ``canonical``: 'Activities', or 'Activities (活动数据)' in Chinese."""
    return translate("workbook.sheet_title", lang, canonical=canonical, name=SHEETS[canonical][0])


def header_label(field: str, col: Col, lang: str = "en") -> str:
    """Header written for a column: 'quantity', or 'quantity [数量]' in Chinese."""
    register_columns({field: col})
    return translate("workbook.header", lang, field=field)


def _cell(ws: Any, value: Any) -> Any:
    """A write-only cell value: text stays text (never a formula or an error), floats exact."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    t = type(value)
    if t is float:
        if float("%.16g" % value) == value:  # openpyxl writes numbers with 16 significant digits
            return value
        cell = WriteOnlyCell(ws, value=value)
        cell._value = repr(value)  # the shortest text that reads back as exactly this double
        return cell
    if t is str:
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("=") or value in ERROR_CODES:  # openpyxl would write a formula / an error
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    elif t is bool:
        return "yes" if value else "no"
    return value


def _row(ws: Any, values: Iterable[Any]) -> list:
    return [_cell(ws, v) for v in values]


def _case_rows(info: CaseInfo) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = [("title", info.title), ("standard", info.standard)]
    if info.gwp is not None:
        rows.append(("gwp", info.gwp))
    rows += [("reporting_year", info.reporting_year), ("consolidation", info.consolidation)]
    for key in ("residual_mix_ef", "factor_set", "grid_factor_set"):
        if getattr(info, key) is not None:
            rows.append((key, getattr(info, key)))
    rows.append(("ch4_ar6", info.ch4_ar6))
    if info.base_year is not None:
        rows.append(("base_year", info.base_year))
    if info.sector is not None:
        rows.append(("sector", info.sector))
    for key in ("ets_year", "carbon_price", "allowances_held", "ccer_offered", "allowances_borrowed"):
        if getattr(info, key) is not None:
            rows.append((key, getattr(info, key)))
    return rows


def _ordered_keys(dicts: Iterable[dict]) -> list[str]:
    keys: dict[str, None] = {}
    for d in dicts:
        keys.update(dict.fromkeys(d))
    return list(keys)


def write_case(case: CaseData, path: str | os.PathLike, lang: str = "en",
               more_sheets: Callable[[Any], None] | None = None) -> None:
    """Write ``case`` as a case workbook (v1) that :func:`read_case` reads back unchanged.

    ``more_sheets(book)`` may add sheets after the case's own (the Excel export adds its
    result sheets; write them with :func:`safe_row`). The file is replaced in one step.
    """
    def build(book: Any) -> None:
        _write_case_book(book, case, lang)
        if more_sheets is not None:
            more_sheets(book)

    _save_book(path, build, write_only=True)


def _save_book(path: str | os.PathLike, build: Callable[[Any], None], *, write_only: bool) -> None:
    """Build a workbook with ``build(book)`` and save it to ``path`` in one step.

    A full disk can strike while openpyxl streams rows into its temporary files or while it
    saves: either way the user gets one write error and the file that was there is unchanged.
    openpyxl's broken row streams are generators that complain (a traceback on stderr) when
    they are finalised; that happens here, with the complaints muted, before the error is raised."""
    import gc
    import sys

    openpyxl = _require_defused()
    failure: BaseException | None = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            book = openpyxl.Workbook(write_only=write_only)
            if not write_only:
                book.remove(book.active)
            with atomic_write(path, code="workbook.write_failed") as tmp:
                build(book)
                book.save(tmp)
        except OSError as exc:  # while building: the streams' temporary files
            failure = write_error(path, exc, "workbook.write_failed")
        except WriteFailed as exc:  # while saving (raised by atomic_write)
            failure = exc
        book = None
        if failure is not None:
            failure.__cause__ = failure.__context__ = None  # let go of the broken streams' frames
            failure.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if failure is not None:
        raise failure


# Cell parsing shared with the desktop app (carbonmgr.editing.session validates each typed cell with
# exactly the importer's rules): converter_for(column)(value) -> value, or raises BadValue.
BadValue = _Bad


def converter_for(col: Col) -> Callable[[Any], Any]:
    return _converter(col)


def safe_row(ws: Any, values: Iterable[Any]) -> list:
    """Cells for ``ws.append``: text that looks like a formula or an error value stays text."""
    return _row(ws, values)


def _write_case_book(book: Any, case: CaseData, lang: str) -> None:
    _write_case_sheet(book, case.info, lang)
    _write_facilities(book, case.facilities, lang)
    _write_activities(book, case.activities, lang)
    if case.instruments:
        _write_records(book, "Instruments", INSTRUMENT_COLUMNS, lang, [
            ([i.facility, i.type, i.quantity, i.ef], i.extra) for i in case.instruments])
    if case.equipment:
        _write_equipment(book, case.equipment, lang)
    if case.ets is not None and case.ets.units:
        _write_records(book, "ETS", ETS_COLUMNS, lang, [
            ([u.unit if f == "ets_unit" else u.klass if f == "class" else getattr(u, f) for f in ETS_COLUMNS], {})
            for u in case.ets.units])
    for name, rows in case.documents.items():
        ws = book.create_sheet(name)
        for r in rows:
            ws.append(_row(ws, r))


def _write_case_sheet(book: Any, info: CaseInfo, lang: str) -> Any:
    ws = book.create_sheet(sheet_title("Case", lang))
    ws.append(translate("workbook.case_header", lang).split("|"))
    for key, value in _case_rows(info):
        ws.append(_row(ws, [header_label(key, CASE_KEYS[key], lang), value]))
    for key, value in info.extra.items():
        ws.append(_row(ws, [key, value]))
    return ws


def _write_facilities(book: Any, facilities: list[Facility], lang: str) -> None:
    spec = FACILITY_COLUMNS
    if not any(f.residual_mix_ef is not None for f in facilities):
        spec = {k: c for k, c in FACILITY_COLUMNS.items() if k != "residual_mix_ef"}
    records = [([f.id, f.name, f.region, f.equity_share, f.financial_control, f.operational_control,
                 f.residual_mix_ef][:len(spec)], f.extra) for f in facilities]
    _write_records(book, "Facilities", spec, lang, records)


def _write_equipment(book: Any, equipment: list[Equipment], lang: str) -> None:
    used = [k for k in EQUIPMENT_VALUES if any(k in e.values for e in equipment)]
    spec = {k: EQUIPMENT_COLUMNS[k] for k in ("facility", "method", "refrigerant", "equipment", *used)}
    records = [([e.facility, e.method, e.refrigerant, e.equipment, *(e.values.get(k) for k in used)], e.extra)
               for e in equipment]
    _write_records(book, "Equipment", spec, lang, records)


def _write_records(book: Any, canonical: str, spec: dict[str, Col], lang: str,
                   records: list[tuple[list, dict]]) -> None:
    ws = book.create_sheet(sheet_title(canonical, lang))
    extra_keys = _ordered_keys(extra for _, extra in records)
    ws.append(_row(ws, [header_label(f, c, lang) for f, c in spec.items()] + extra_keys))  # a user's header is text
    for values, extra in records:
        ws.append(_row(ws, [*values, *(extra.get(k) for k in extra_keys)]))


def _write_activities(book: Any, table: ActivityTable, lang: str) -> None:
    ws = book.create_sheet(sheet_title("Activities", lang))
    options = [k for k in ACTIVITY_OPTIONS if k in table.options]
    fields = ["facility", "source", "item", "quantity", "unit", *options]
    extras = list(table.extra)
    ws.append(_row(ws, [header_label(f, ACTIVITY_COLUMNS[f], lang) for f in fields] + extras))  # a user's header is text
    columns = [table.facility, table.source, table.item, table.quantity, table.unit,
               *(table.options[k] for k in options), *(table.extra[k] for k in extras)]
    for values in zip(*columns):
        ws.append(_row(ws, values))


# --------------------------------------------------------------------------------------------
# Template
# --------------------------------------------------------------------------------------------

_EXAMPLE_CASE = [
    ("title", "Example Co. 2024 inventory"), ("standard", "gbt32150"), ("gwp", "SAR"),
    ("reporting_year", 2024), ("consolidation", "operational_control"), ("sector", "general"),
    ("residual_mix_ef", None),
    ("factor_set", None), ("grid_factor_set", None), ("ch4_ar6", "by_source"), ("base_year", None),
]
_EXAMPLE_FACILITIES = [["F1", "Main plant", "Hubei", 100, "yes", "yes"],
                       ["F2", "Joint venture boiler house", "Hubei", 60, "joint", "no"]]
_EXAMPLE_ACTIVITIES = [
    {"facility": "F1", "source": "stationary_combustion", "item": "natural_gas", "quantity": 120.5,
     "unit": "10^4 Nm3", "evidence": "gas bills 2024"},
    {"facility": "F1", "source": "stationary_combustion", "item": "bituminous_coal", "quantity": 1500,
     "unit": "t", "ncv": 20.9, "ncv_unit": "GJ/t", "oxidation_rate": 98},
    {"facility": "F1", "source": "mobile_combustion", "item": "diesel", "quantity": 12.3, "unit": "t"},
    {"facility": "F1", "source": "purchased_electricity", "item": "", "quantity": 5200, "unit": "MWh"},
    {"facility": "F2", "source": "fugitive", "item": "hfc_134a", "quantity": 15, "unit": "kg"},
]
_EXAMPLE_INSTRUMENTS = [["F1", "green_certificate", 1000, 0]]
_EXAMPLE_EQUIPMENT = [{"facility": "F1", "method": "screening", "refrigerant": "R-410A",
                       "equipment": "residential_commercial_ac", "operating_capacity": 120.0}]
# the example rows' own words (names, regions, notes) in the template's language; coded values and
# library items are written by their names in that language too (:func:`_example_value`)
_EXAMPLE_WORDS = {"Example Co. 2024 inventory": "title", "Main plant": "main_plant",
                  "Joint venture boiler house": "boiler_house", "Hubei": "region", "gas bills 2024": "gas_bills"}


def _example_value(field: str, col: Col, value: Any, lang: str) -> Any:
    """An example cell as a user types it in ``lang``: its own words translated, a coded value,
    yes/no, an instrument type and a library item by their names (each read back as the value)."""
    if not isinstance(value, str) or not value:
        return value
    code = _EXAMPLE_WORDS.get(value)
    if code:
        return translate(f"workbook.tpl.example.{code}", lang)
    if col.kind in _CHOICE_ALLOWED:
        return choice_name(col.kind, value, lang)
    if col.kind == "bool":
        return translate(f"workbook.tpl.{value}", lang)
    if col.kind == "instrument":
        from carbonmgr.common.i18n import lookup

        return lookup(f"label.instrument.{value}", lang, value)
    if field in ("item", "equipment"):
        from carbonmgr.factors.library import default_library

        lib = default_library()
        item = lib.item(value)
        name = item.name(lang) if item else ""
        back = lib.resolve_item(name) if name else None
        return name if back is not None and back.id == value else value
    return value


_TEMPLATE_ACTIVITY_FIELDS = ["facility", "source", "item", "quantity", "unit", *ACTIVITY_OPTIONS]
_TEMPLATE_EQUIPMENT_FIELDS = list(EQUIPMENT_COLUMNS)


def write_template(path: str | os.PathLike, lang: str = "en") -> None:
    """An empty case workbook: all sheets and headers, commented example rows, a README sheet
    explaining every column, and drop-down lists for the coded values."""
    _save_book(path, lambda book: _template_book(book, lambda code: translate(code, lang), lang), write_only=False)


def _template_book(book: Any, tr: Callable[[str], str], lang: str) -> None:
    _template_readme(book, tr, lang)
    _template_case(book, tr, lang)
    _template_table(book, tr, lang, "Facilities", list(FACILITY_COLUMNS),
                    [dict(zip(FACILITY_COLUMNS, r)) for r in _EXAMPLE_FACILITIES])
    _template_table(book, tr, lang, "Activities", _TEMPLATE_ACTIVITY_FIELDS, _EXAMPLE_ACTIVITIES)
    _template_table(book, tr, lang, "Instruments", list(INSTRUMENT_COLUMNS),
                    [dict(zip(INSTRUMENT_COLUMNS, r)) for r in _EXAMPLE_INSTRUMENTS])
    _template_table(book, tr, lang, "Equipment", _TEMPLATE_EQUIPMENT_FIELDS, _EXAMPLE_EQUIPMENT)


def _help(canonical: str, field: str, tr: Callable[[str], str]) -> str:
    """Help text of a column (empty for a column without one, e.g. a newly added option)."""
    from carbonmgr.common.i18n import messages

    if canonical == "Equipment" and field in EQUIPMENT_VALUES:
        code = "workbook.tpl.equipment.values"
    elif canonical == "Case":
        code = f"workbook.tpl.case.{field}"
    else:
        code = f"workbook.tpl.{canonical.lower()}.{field}"
    return tr(code) if code in messages() else ""


_CODED_NAMES = ("standard", "gwp")  # kinds whose values are named by their published code
# kinds whose values the app shows by a label of the catalogue (prefix + id): in English the
# template names a value by that label when the reader reads the label back as the value
_CHOICE_LABELS = {"consolidation": "cli.consolidation.", "ch4": "report.export.choice.ch4.", "sector": "sector.",
                  "financial": "report.export.choice.", "method": "report.export.choice.method.",
                  "source": "source.", "ets_class": "ets.class.", "cooling": "ets.cooling."}


def choice_name(kind: str, value: str, lang: str) -> str:
    """How the template names a coded value in ``lang``, as the reader accepts it: a standard or a
    GWP set by its code; in Chinese its first Chinese spelling; in English the app's label of the
    value when the reader reads it back (``Stationary combustion``), else its words
    (``material_balance`` -> ``material balance``)."""
    from carbonmgr.common.i18n import lookup

    spellings = tuple(_CHOICE_SPELLINGS.get(kind, {}).get(value, ()))
    if kind in _CODED_NAMES and spellings:
        return spellings[0]  # a standard or a GWP set is named by its code in both languages (GB/T 32150)
    if lang == "zh":
        chinese = first_chinese(spellings)
        if chinese:
            return chinese
    elif kind in _CHOICE_LABELS:
        label = lookup(_CHOICE_LABELS[kind] + value, "en", "")
        if label and _CHOICES.get(kind, {}).get(norm(label)) == value:
            return label
    return value.replace("_", " ")


def choice_names(kind: str, lang: str) -> list[str]:
    """The names of every value of a coded kind in ``lang``, as the template lists them."""
    if kind == "bool":
        return [translate("workbook.tpl.yes", lang), translate("workbook.tpl.no", lang)]
    return [choice_name(kind, v, lang) for v in _CHOICE_ALLOWED.get(kind, ())]


def _choices_param(kind: str, lang: str) -> str:
    """``{choices}`` in a message: the names a user can type for a coded kind, in ``lang``."""
    names = choice_names(kind, lang) if kind in _CHOICE_ALLOWED or kind == "bool" else []
    return translate("sep.list", lang).join(names) if names else kind


register_param_namer("choices", _choices_param)


def _allowed_values(canonical: str, field: str, lang: str = "en") -> str:
    kind = (CASE_KEYS if canonical == "Case" else SHEET_COLUMNS[canonical])[field].kind
    if kind in _CHOICE_ALLOWED or kind == "bool":
        return _choices_param(kind, lang)
    if kind == "instrument":  # the names the app, the export and the report show; other text is kept as typed
        return translate("sep.list", lang).join(n for n in _instrument_names(lang))
    return {"fraction": "0-1, 0-100, 0%-100%", "number": ">= 0",
            "int": "1-15", "year": "1900-2100"}.get(kind, "")


def _template_readme(book: Any, tr: Callable[[str], str], lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws = book.create_sheet(translate("workbook.readme_sheet", lang))
    ws.append([tr("workbook.tpl.title")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([tr("workbook.tpl.intro")])
    ws.append([tr("workbook.tpl.units")])
    ws.append([])
    ws.append(tr("workbook.tpl.header").split("|"))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    yes, no = tr("workbook.tpl.yes"), tr("workbook.tpl.no")
    for key, col in CASE_KEYS.items():
        ws.append([sheet_title("Case", lang), header_label(key, col, lang), yes if col.required else no,
                   _help("Case", key, tr), _allowed_values("Case", key, lang)])
    ws.append([sheet_title("Case", lang), "...", no, tr("workbook.tpl.case.extra"), ""])
    for canonical, spec in SHEET_COLUMNS.items():
        for field, col in spec.items():
            ws.append([sheet_title(canonical, lang), header_label(field, col, lang), yes if col.required else no,
                       _help(canonical, field, tr), _allowed_values(canonical, field, lang)])
    for letter, width in zip("ABCDE", (22, 34, 10, 90, 40)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=6):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")


def _template_case(book: Any, tr: Callable[[str], str], lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book.create_sheet(sheet_title("Case", lang))
    ws.append(translate("workbook.case_header", lang).split("|"))
    _bold_header(ws)
    for key, value in _EXAMPLE_CASE:
        ws.append([header_label(key, CASE_KEYS[key], lang), _example_value(key, CASE_KEYS[key], value, lang)])
        _comment(ws.cell(ws.max_row, 1), _help("Case", key, tr), Comment)
        kind = CASE_KEYS[key].kind
        if kind in ("standard", "gwp", "consolidation", "ch4", "sector"):
            _dropdown(ws, f"B{ws.max_row}", choice_names(kind, lang), DataValidation)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 36


def _template_table(book: Any, tr: Callable[[str], str], lang: str, canonical: str, fields: list[str],
                    examples: list[dict]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = SHEET_COLUMNS[canonical]
    ws = book.create_sheet(sheet_title(canonical, lang))
    ws.append([header_label(f, spec[f], lang) for f in fields])
    _bold_header(ws)
    for i, field in enumerate(fields):
        cell = ws.cell(1, i + 1)
        _comment(cell, _help(canonical, field, tr), Comment)
        ws.column_dimensions[column_letters(i)].width = max(12, len(str(cell.value)) + 2)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for example in examples:
        ws.append([_example_value(f, spec[f], example.get(f), lang) for f in fields])
        for cell in ws[ws.max_row]:
            cell.fill = grey
        ws.cell(ws.max_row, 1).comment = Comment(tr("workbook.tpl.example_row"), "CarbonMgr")
    for i, field in enumerate(fields):
        kind = spec[field].kind
        values = choice_names(kind, lang) if kind in _CHOICE_ALLOWED or kind == "bool" else None
        if values:
            letter = column_letters(i)
            _dropdown(ws, f"{letter}2:{letter}1048576", values, DataValidation)


def _comment(cell: Any, text: str, factory: Any) -> None:
    if text:
        cell.comment = factory(text, "CarbonMgr")


def _bold_header(ws: Any) -> None:
    from openpyxl.styles import Font

    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"


def _dropdown(ws: Any, ref: str, values: Iterable[str], factory: Any) -> None:
    """A list drop-down that still accepts other spellings (Chinese names, aliases)."""
    dv = factory(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                 showErrorMessage=False)
    ws.add_data_validation(dv)
    dv.add(ref)
