"""The calculation engine: a case -> a traceable inventory.

Steps (bw2calc style, each explicit):

1. *group*: activity lines that share facility, source, item, unit and every
   calculation option are one group (a 200,000-line case has a few dozen groups);
2. *resolve*: each group's method and factors are chosen once (:class:`Resolver`),
   giving tonnes of each gas per unit of activity plus the trace of how;
3. *apply*: each line's result is its quantity × the group's factors × the
   facility's consolidation share;
4. *aggregate*: totals by scope, source, facility and gas per the standard profile.

Nothing here touches files or Qt.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from carbonmgr.inventory import methods
from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.common.gcpause import gc_paused
from carbonmgr.factors.library import (CN_FUEL_CHAIN, DEFAULT_GRID_SET, DEFAULT_PROCESS_CHAIN, SECTOR_FUEL_SETS,
                                       SECTORS_WITHOUT_OWN_TABLE, Factor,
                      Library, default_library, norm_name, pick_year, plausible_ranges)
from carbonmgr.inventory.model import CALC_OPTIONS, DEFAULT_SECTOR, GENERIC_ELECTRICITY_ITEMS, CaseData, Facility
from carbonmgr.inventory.sources import SCOPE_OF_SOURCE  # noqa: F401  (importable here as before)
from carbonmgr.inventory.sources import SOURCE_TYPES, GroupLines, factor_dimensions, is_market_based
from carbonmgr.common.i18n import Message
from carbonmgr.factors.labels import region_name, variant_id
from carbonmgr.inventory.notes import GREEN_RULE_NOTE, Note
from carbonmgr.units import Unit, UnitError, dimension_message, one_of, parse_rate, parse_unit, percent_or_fraction

GREEN_TYPES = {"green_certificate", "green_power", "gec", "绿证", "绿电", "绿色电力证书", "绿色电力", "green"}
GREEN_TYPE_IDS = ("green_certificate", "green_power")


@lru_cache(maxsize=1)
def _instrument_names() -> dict[str, str]:
    """Every name an instrument type is shown by (its id, its English and Chinese labels), normalised."""
    from carbonmgr.common.i18n import lookup
    from carbonmgr.inventory.model import INSTRUMENT_TYPES

    out: dict[str, str] = {}
    for code in INSTRUMENT_TYPES:
        out[norm_name(code)] = code
        for lang in ("en", "zh"):
            label = lookup(f"label.instrument.{code}", lang, "")
            if label:
                out.setdefault(norm_name(label), code)
    return out


def instrument_type_id(text: str | None) -> str:
    """The id of an instrument type typed by its id or by the name the app and the export show
    ("Green electricity certificate (GEC)", "绿色电力证书"); other text as it is."""
    if not text:
        return text or ""
    return _instrument_names().get(norm_name(text), text)


def is_green_instrument(text: str | None) -> bool:
    """A green electricity certificate or green power (the Chinese green-power rule), by any name."""
    return instrument_type_id(text) in GREEN_TYPE_IDS or norm_name(text or "") in {norm_name(t) for t in GREEN_TYPES}
ISO_CATEGORY_OF_S3 = {4: 3, 6: 3, 7: 3, 9: 3, 1: 4, 2: 4, 3: 4, 5: 4, 8: 4,
                      10: 5, 11: 5, 12: 5, 13: 5, 14: 5, 15: 5}
S3_CATEGORY_OF_KIND = {"travel": 6, "freight": 4, "waste": 5, "hotel": 6, "upstream": 3}
GAS_ORDER = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3")
_GENERIC_ELECTRICITY = {norm_name(w) for w in GENERIC_ELECTRICITY_ITEMS}


# Carbon content per heat (tC/GJ) that any fuel can have: hydrogen-rich gases hold about 0.012, blast
# furnace gas about 0.071 (IPCC 2006 Vol. 2 Table 1.3); outside these bounds a value is a unit slip.
CC_MIN, CC_MAX = 0.001, 0.2
CC_RANGE_TEXT = "0.001–0.2 tC/GJ"


class LineError(Exception):
    """A problem with a group of lines; ``field`` names the column at fault."""

    def __init__(self, code: str, field: str | None = None, **params):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


@dataclass
class Input:
    name: str
    value: float
    unit: str = ""
    factor: Factor | None = None
    origin: str = ""  # "line" | "case" | "library" | "constant"
    note: str | Note = ""  # a Note, or where a value comes from (a GWP's source), shown as written

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"name": self.name, "value": self.value, "unit": self.unit,
                             "origin": self.origin}
        if self.factor is not None:
            f = self.factor
            d.update(factor=f.key, source=f.citation(), year=f.year_published, data_year=f.year,
                     status=f.status, tag=f.tag, set=f.set)
        if isinstance(self.note, Note):
            d["note"] = self.note.render("en")
            d["note_id"] = self.note.to_dict()
        elif self.note:
            d["note"] = self.note
        return d


@dataclass
class Calc:
    """How one unit of a group's activity turns into emissions."""

    method: str
    formula: str
    per_unit: dict[str, float]  # t of each gas per activity unit (fossil + process)
    gwp: dict[str, float]  # GWP applied to each gas
    inputs: list[Input] = field(default_factory=list)
    biogenic_per_unit: float = 0.0  # t biogenic CO2 per unit, outside the totals
    co2e_only: float = 0.0  # t CO2e per unit that cannot be split into gases
    sign: float = 1.0  # -1 for deductions (exported energy, process outputs)
    notes: list[Note] = field(default_factory=list)
    gwp_sources: dict[str, str] = field(default_factory=dict)
    scope3_category: int | None = None
    item_id: str | None = None
    market_ef: float | None = None  # electricity: location factor per MWh (market-based handled per site)
    mwh_per_unit: float = 0.0  # electricity: MWh per activity unit
    warnings: list[tuple[str, str, dict]] = field(default_factory=list)  # (message id, column, params)

    @property
    def co2e_per_unit(self) -> float:
        return methods.co2e(self.per_unit, {g: self.gwp.get(g, 0.0) for g in self.per_unit}) + self.co2e_only

    def factors(self) -> list[Factor]:
        return [i.factor for i in self.inputs if i.factor is not None]


def gas_group(gas: str) -> str:
    g = gas.upper().replace("_FOSSIL", "")
    if g in ("CO2", "CH4", "N2O", "SF6", "NF3"):
        return g
    if g.startswith("HFC") or g.startswith("R") or g.startswith("HCFC"):
        return "HFCs"
    if g in ("CF4", "C2F6", "C3F8", "C4F10", "C6F14") or g.startswith("PFC"):
        return "PFCs"
    return g


class Resolver:
    """Chooses the method and factors for a group of lines."""

    def __init__(self, lib: Library, case: CaseData):
        self.lib = lib
        self.case = case
        info = case.info
        self.info = info
        self.year = info.reporting_year
        grid_year = info.extra.get("grid_year")
        try:
            self.grid_year = int(grid_year) if grid_year not in (None, "") else self.year
        except (TypeError, ValueError):
            self.grid_year = self.year
        self.gwp_set = info.gwp_set
        self.ipcc_sector = str(info.extra.get("ipcc_sector") or "manufacturing")

    # ---------------------------------------------------------------- gwp
    def gwp_of(self, gas: str, source: str, biogenic: bool = False) -> tuple[float, str]:
        """GWP of ``gas`` in the case's set (blends computed from their composition)."""
        lib, gset = self.lib, self.gwp_set
        name = gas
        if norm_name(gas) == "ch4" and gset.startswith("AR6") and gset == "AR6":
            rule = self.info.ch4_ar6
            spec = SOURCE_TYPES.get(source)
            fossil = rule == "fossil" or (rule == "by_source" and spec is not None and spec.fossil_methane
                                          and not biogenic)
            if fossil:
                g = lib.gwp_value(gset, "CH4_fossil")
                if g is not None:
                    return g.value, f"{gset} CH4 fossil ({g.source})"
        g = lib.gwp_value(gset, name)
        if g is not None:
            return g.value, f"{gset} {g.gas} ({g.source})"
        item = lib.resolve_item(gas)
        candidates = [gas] + ([item.id, item.name_en, *item.aliases] if item else [])
        for cand in candidates:
            g = lib.gwp_value(gset, cand)
            if g is not None:
                return g.value, f"{gset} {g.gas} ({g.source})"
            comps = lib.blend(cand)
            if comps:
                pairs = []
                parts = []
                for comp, frac, _src in comps:
                    cg = lib.gwp_value(gset, comp)
                    if cg is None:
                        raise LineError("engine.no_gwp", "item", gas=comp, set=gset)
                    pairs.append((frac, cg.value))
                    parts.append(f"{frac:g}×{cg.value:g} ({comp})")
                return methods.blend_gwp(pairs), f"{gset} blend {cand}: " + " + ".join(parts)
        raise LineError("engine.no_gwp", "item", gas=gas, set=gset)

    def _gwps(self, gases, source, biogenic=False) -> tuple[dict[str, float], dict[str, str]]:
        values, sources = {}, {}
        for gas in gases:
            if gas == "CO2":
                values[gas], sources[gas] = 1.0, "CO2 = 1"
                continue
            values[gas], sources[gas] = self.gwp_of(gas, source, biogenic)
        return values, sources

    # ------------------------------------------------------------- entry
    def resolve(self, source: str, item_text: str, unit_text: str, opts: dict, facility: Facility) -> Calc:
        try:
            unit = parse_unit(unit_text)
        except UnitError as exc:
            raise LineError("engine.unit_unknown", "unit", unit=str(unit_text or "").strip()) from exc
        item = self.lib.resolve_item(item_text) if item_text else None
        spec = SOURCE_TYPES.get(source)
        if spec is None:  # pragma: no cover - the importer validates sources
            raise LineError("engine.source_unknown", "source", source=source)
        self._facility = facility  # the group's facility: its region chooses among regional rows
        calc = spec.method(self, GroupLines(source, item_text, item, unit, opts, facility))
        if calc.item_id is None and item is not None:
            calc.item_id = item.id
        _note_unit_conversions(calc, unit)
        if item is not None and item.kind == "fuel" and unit.dimension == "energy":
            _check_heat_basis(calc, unit, opts)
        biogenic_opt = opts.get("biogenic")
        is_bio = biogenic_opt if biogenic_opt is not None else bool(item and item.biogenic)
        if is_bio and "CO2" in calc.per_unit and spec.biogenic_apart:
            calc.biogenic_per_unit = calc.per_unit.pop("CO2")
            calc.gwp.pop("CO2", None)
            calc.notes.append(Note("engine.note.biogenic_apart"))
        if spec.deducted:
            calc.sign = -1.0
        return calc

    def _unknown_item(self, item_text: str, source: str) -> LineError:
        """The unknown-item error, with the closest known name when one is near (typos such
        as 天燃气 for 天然气, "natrual gas")."""
        import difflib

        key = norm_name(item_text or "")
        if key:
            cjk_text = any("\u4e00" <= ch <= "\u9fff" for ch in key)
            close = difflib.get_close_matches(key, list(self.lib.names), n=1, cutoff=0.6 if cjk_text else 0.75)
            if close:
                item = self.lib.items[self.lib.names[close[0]]]
                cjk = any("\u4e00" <= ch <= "\u9fff" for ch in item_text)
                name = (item.name_zh if cjk else item.name_en) or item.id
                return LineError("engine.item_unknown_suggest", "item", item=item_text, source=source,
                                 suggestion=name)
        return LineError("engine.item_unknown", "item", item=item_text, source=source)

    # ------------------------------------------------------ user factors
    def _user_factor(self, source, unit: Unit, opts, default_gas="CO2") -> Calc | None:
        """A line that gives its own factor (ef_co2e, or ef_co2/ef_ch4/ef_n2o)."""
        per_gas_opts = {g: opts.get(k) for g, k in (("CO2", "ef_co2"), ("CH4", "ef_ch4"), ("N2O", "ef_n2o"))
                        if opts.get(k) is not None}
        if opts.get("ef_gas") is not None:
            # a factor per unit of activity for the gas the line names (kg CF4 per t aluminium ...)
            gas = str(opts.get("gas") or "").strip()
            if not gas or norm_name(gas) == "co2e":
                raise LineError("engine.ef_gas_needs_gas", "gas")
            item = self.lib.resolve_item(gas)
            label = (item.aliases[0] if item is not None and item.aliases and item.kind == "gas" else gas)
            if label.upper() in ("CO2", "CH4", "N2O"):
                label = label.upper()
            per_gas_opts[label] = per_gas_opts.get(label, 0.0) + opts["ef_gas"]
        total = opts.get("ef_co2e")
        if total is None and not per_gas_opts:
            return None
        ef_unit_text = opts.get("ef_unit") or f"t/{unit.symbol}"
        try:
            num, den = parse_rate(ef_unit_text)
        except UnitError as exc:
            raise LineError("engine.ef_unit_unknown", "ef_unit", unit=ef_unit_text) from exc
        if num.dimension != "mass":
            raise LineError("engine.ef_unit_mass", "ef_unit", unit=ef_unit_text)
        if den.dimension != unit.dimension:
            raise LineError("engine.ef_unit_mismatch", "ef_unit", unit=ef_unit_text, line_unit=unit.symbol,
                            expected=dimension_message(unit.dimension))
        k = num.factor * unit.factor / den.factor  # t per line unit, per factor value
        inputs = [Input("AD", 1.0, unit.symbol, origin="line")]
        if total is not None:
            gas = opts.get("gas")
            if gas and norm_name(gas) not in ("co2e", "co2"):
                # a CO2e factor for a named gas is still CO2e: keep it whole
                pass
            inputs.append(Input("EF", total, ef_unit_text + " CO2e", origin="line", note=Note("engine.note.user_factor")))
            return Calc("user_co2e", "E = AD × EF", {}, {}, inputs, co2e_only=total * k)
        per_unit = methods.per_gas(k, per_gas_opts)
        for g, v in per_gas_opts.items():
            inputs.append(Input(f"EF_{g}", v, ef_unit_text, origin="line", note=Note("engine.note.user_factor")))
        gwp, gsrc = self._gwps(per_unit, source)
        return Calc("user_per_gas", "E = Σ AD × EF_gas × GWP_gas", per_unit, gwp, inputs, gwp_sources=gsrc)

    # -------------------------------------------------------- combustion
    def _sector(self) -> str:
        return self.info.sector if self.info.sector in SECTOR_FUEL_SETS else DEFAULT_SECTOR

    def _set_chain(self, opts, default, chain) -> list[str]:
        first = opts.get("factor_set") or self.info.factor_set or default
        out = [first]
        for s in chain:
            if s not in out:
                out.append(s)
        return out

    def combustion(self, source, item_text, item, unit: Unit, opts) -> Calc:
        user = self._user_factor(source, unit, opts)
        if user is not None:
            return user
        has_cn_override = any(opts.get(k) is not None for k in ("ncv", "carbon_content", "carbon_element"))
        if item is None and not has_cn_override:
            raise self._unknown_item(item_text, source)
        if item is not None and item.kind == "vehicle" and source == "mobile_combustion":
            chain = self._set_chain(opts, "epa2025", tuple(self.lib.sets_of_item.get(item.id, ())))
        elif item is not None and item.kind not in ("fuel",):
            raise LineError("engine.item_wrong_source", "item", item=item_text, kind=item.kind, source=source)
        else:
            sector_sets = SECTOR_FUEL_SETS[self._sector()]
            chain = self._set_chain(opts, sector_sets[0], sector_sets[1:] + CN_FUEL_CHAIN + ("ipcc2006",))
        chosen = chain[0]
        if item is None:
            return self._cn_method(source, None, unit, opts, chosen, [])
        tried = []
        if opts.get("factor_set"):
            chain = chain[:1]  # a set the line names is used, or the line is a problem
        elif not any(self.lib.factors_for(s, item.id) for s in chain):
            # an item no Chinese table or IPCC covers (e.g. wood, landfill gas): any set that has it
            chain = chain + [s for s in self.lib.sets_of_item.get(item.id, []) if s not in chain]
        for set_name in chain:
            rows = self.lib.factors_for(set_name, item.id)
            if not rows:
                continue
            tried.append(set_name)
            rows, region_note = self._regional_rows(item_text, item, set_name, rows, opts)
            calc = self._from_set(source, item, unit, opts, set_name, rows)
            if calc is not None:
                if region_note is not None:
                    calc.notes.append(region_note)
                if (not opts.get("factor_set") and not self.info.factor_set and item.kind == "fuel"
                        and self._sector() in SECTORS_WITHOUT_OWN_TABLE):
                    calc.notes.append(Note("engine.note.sector_family_table", {"sector": self._sector()}))
                if set_name != chosen:
                    calc.notes.append(Note("engine.note.other_set", {"item": item.id, "chosen": chosen,
                                                                     "used": set_name}))
                return calc
        if not tried:
            raise LineError("engine.no_factor", "item", item=item_text, set=chosen)
        raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text,
                        expected=self._expected_units(item, tried))

    # ------------------------------------------------------ regional rows
    def _regional_rows(self, item_text, item, set_name, rows, opts) -> tuple[list[Factor], Note | None]:
        """The rows of ``item`` in ``set_name`` that apply where the activity happened.

        Grid items choose by region on their own (the facility's region names the grid). For any
        other item whose rows in the set differ by region (DESNZ's hotel stay: UK and China), the
        row of the line's own region (the Activities column region [地区]) is used; else the row of
        the facility's country (a Chinese province such as 湖北 is in CN); else the set's generic
        row (no region, or "global"); else the line is a problem naming the rows there are: it is
        never given another country's row without a word. Rows of a parameter that carries no
        region are kept as they are.
        """
        if item is None or item.kind == "grid":
            return rows, None
        line_region = str(opts.get("region") or "").strip()
        facility = getattr(self, "_facility", None)
        fac_region = str(getattr(facility, "region", "") or "").strip()
        if line_region:
            basis, where = "line", line_region
        else:
            basis, where = "facility", fac_region
        regions = {f.region for f in rows}
        if len(regions) < 2:
            # one row (a project's snapshot pins the row its run used): still say whose it is
            only = next(iter(regions), "")
            if _generic_region(only):
                return rows, None
            return rows, Note(f"engine.note.region_row_{basis}", {"region": where or "—", "row_region": only})
        wanted = self._region_keys(where)
        regional_keys = {(f.param, f.gas, f.variant) for f in rows if not _generic_region(f.region)}
        out, used_region, generic = [], None, False
        for key in dict.fromkeys((f.param, f.gas, f.variant) for f in rows):
            group = [f for f in rows if (f.param, f.gas, f.variant) == key]
            if key not in regional_keys:
                out.extend(group)
                continue
            match = [f for f in group if not _generic_region(f.region) and norm_name(f.region) in wanted]
            if not match:
                match = [f for f in group if _generic_region(f.region)]
                generic = generic or bool(match)
            if not match:
                available = ", ".join(f"{f.region} {f.value:g} {f.unit}" for f in group)
                raise LineError("engine.region_no_row", "region" if line_region else "facility",
                                item=item_text or item.name("en"), set=set_name, region=where or "—",
                                available=available)
            used_region = match[0].region if used_region is None else used_region
            out.extend(match)
        if generic and _generic_region(used_region or ""):
            return out, Note("engine.note.region_row_generic", {"region": where or "—"})
        return out, Note(f"engine.note.region_row_{basis}", {"region": where or "—", "row_region": used_region or "—"})

    def _region_keys(self, text: str) -> set[str]:
        """The normalised region names a factor row may carry for a region written ``text``: the
        text itself, and its country (湖北, 湖北省武汉市 -> CN; CAMX -> US; 英国 -> UK)."""
        key = norm_name(text)
        if not key:
            return set()
        out = {key}
        country = _COUNTRY_NAMES.get(key)
        if country is None:
            grid = self.grid_item_for(Facility(id="", region=text))
            if grid is not None:
                country = next((c for prefix, c in _COUNTRY_OF_GRID if grid.id.startswith(prefix)), None)
        if country is not None:
            out.add(norm_name(country))
        return out

    def _expected_units(self, item, sets) -> str:
        dims = factor_dimensions(self.lib, item, sets)
        return one_of([dimension_message(d) for d in dims]) if dims else "?"

    def _from_set(self, source, item, unit: Unit, opts, set_name, rows) -> Calc | None:
        params = {f.param for f in rows}
        if "ef" in params or "ef_co2e" in params:
            calc = self._per_gas_method(source, item, unit, opts, set_name, rows)
            if calc is not None or "cc" not in params:
                return calc
        if "cc" in params or opts.get("carbon_content") is not None or opts.get("carbon_element") is not None:
            try:
                return self._cn_method(source, item, unit, opts, set_name, rows)
            except LineError as exc:
                if exc.code == "engine.unit_not_fit_set":
                    return None
                raise
        return None

    def _pick(self, rows, param, gas="", variants=("",)):
        cands = [f for f in rows if f.param == param and (not gas or f.gas.upper() == gas.upper())]
        for v in variants:
            sel = [f for f in cands if f.variant == v]
            if sel:
                return pick_year(sel, self.year)
        return None

    def _oxidation(self, rows, opts, item) -> tuple[float, Input]:
        of_opt = opts.get("oxidation_rate")
        if of_opt is not None:
            return of_opt, Input("OF", of_opt * 100, "%", origin="line")
        of_row = self._pick(rows, "of")
        if of_row is None:
            raise LineError("engine.missing_param", "oxidation_rate", param="oxidation_rate",
                            item=item.id if item else "")
        return _as_fraction(of_row), Input("OF", of_row.value, of_row.unit, factor=of_row, origin="library")

    def _oxidation_warnings(self, opts) -> list[tuple[str, str, dict]]:
        """A line's own oxidation rate below the lowest default oxidation rate that any document in
        the factor library publishes for a fuel (0 % included): worth checking, since the line then
        emits (almost) nothing; often a percentage written without % (a number above 1 is read as
        a percentage, so 1.5 is 1.5 %)."""
        of = opts.get("oxidation_rate")
        if of is None:
            return []
        floor = _lowest_published_oxidation(self.lib)
        if floor is None or of >= floor[0] - 1e-12:
            return []
        low, factor = floor
        return [("engine.oxidation_low", "oxidation_rate",
                 {"value": f"{of * 100:g}", "low": f"{low * 100:g}", "source": factor.source.split(" — ")[0]})]

    def _cn_method(self, source, item, unit: Unit, opts, set_name, rows) -> Calc:
        """E = FC × NCV × CC × OF × 44/12 (or FC × C_ar × OF × 44/12)."""
        inputs = [Input("FC", 1.0, unit.symbol, origin="line")]
        c_el = opts.get("carbon_element")
        if c_el is not None:
            if unit.dimension != "mass":
                raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item.id if item else "",
                                expected=dimension_message("mass"))
            notes: list[Note] = []
            if 1.0 < c_el <= 100.0:
                # a mass fraction cannot exceed 1: the value is a percent, as the guidelines print it
                notes.append(Note("engine.note.read_as_percent", {"param": "carbon_element", "value": c_el,
                                                                  "fraction": c_el / 100.0, "unit": "tC/t"}))
                inputs.append(Input("C_ar", c_el, "%", origin="line"))
                c_el = c_el / 100.0
            elif not 0.0 < c_el <= 1.0:
                raise LineError("engine.param_impossible", "carbon_element", param="carbon_element", value=c_el,
                                unit="tC/t", range="0–1 tC/t (0–100 %)")
            else:
                inputs.append(Input("C_ar", c_el, "tC/t", origin="line"))
            of, inputs_of = self._oxidation(rows, opts, item)
            inputs.append(inputs_of)
            per_t = methods.combustion_element_carbon(unit.factor, c_el, of)
            calc = Calc("cn_element_carbon", "E = FC × C_ar × OF × 44/12", {"CO2": per_t}, {"CO2": 1.0},
                        inputs, item_id=item.id if item else None, notes=notes)
            self._check_range(calc, item, "carbon_element", c_el, "tC/t")
            calc.warnings.extend(self._oxidation_warnings(opts))
            return calc
        # carbon content per heat
        cc_opt = opts.get("carbon_content")
        if cc_opt is not None:
            cc = cc_opt
            if 1.0 <= cc <= 1000.0:  # no fuel holds a tonne of carbon per GJ: a tC/TJ (kgC/GJ) value
                raise LineError("engine.param_unit_likely", "carbon_content", param="carbon_content", value=cc,
                                unit="tC/GJ", range=CC_RANGE_TEXT, likely=f"{cc / 1000:g} tC/GJ",
                                likely_as=f"{cc:g} tC/TJ")
            if not CC_MIN < cc < CC_MAX:
                raise LineError("engine.param_impossible", "carbon_content", param="carbon_content", value=cc,
                                unit="tC/GJ", range=CC_RANGE_TEXT)
            input_cc = Input("CC", cc, "tC/GJ", origin="line")
        else:
            cc_row = self._pick(rows, "cc")
            if cc_row is None:
                raise LineError("engine.missing_param", "carbon_content", param="carbon_content",
                                item=item.id if item else "")
            num, den = parse_rate(cc_row.unit)
            cc = cc_row.value * num.factor / den.factor  # tC/GJ
            input_cc = Input("CC", cc_row.value, cc_row.unit, factor=cc_row, origin="library")
        # heat per activity unit
        heat = self._heat_per_unit(rows, unit, opts, item, params=("ncv",), strict=True)
        if heat is None:
            raise LineError("engine.unit_not_fit_set", "unit")
        gj_per_unit, heat_input = heat
        range_warnings = []
        if heat_input.origin == "line" and item is not None:
            range_warnings = self._range_warnings(item, "ncv", opts["ncv"], heat_input.unit)
        if heat_input.name != "NCV" and unit.factor == 1.0:
            pass  # the activity is already in GJ
        else:
            inputs.append(heat_input)
        of, inputs_of = self._oxidation(rows, opts, item)
        inputs.append(input_cc)
        inputs.append(inputs_of)
        per_unit = methods.combustion_cn(1.0, gj_per_unit, cc, of)  # per activity unit: NCV in GJ per unit
        return Calc("cn_combustion", "E = FC × NCV × CC × OF × 44/12", {"CO2": per_unit}, {"CO2": 1.0}, inputs,
                    item_id=item.id if item else None, warnings=range_warnings + self._oxidation_warnings(opts))

    def _range_warnings(self, item, param: str, value: float, unit_text: str) -> list[tuple[str, str, dict]]:
        """A line's own parameter outside the range a published document gives for checking it."""
        r = plausible_ranges().get((item.id, param))
        if r is None:
            return []
        try:
            num, den = parse_rate(unit_text)
            rnum, rden = parse_rate(r.unit)
        except UnitError:
            return []
        if num.dimension != rnum.dimension or den.dimension != rden.dimension:
            return []
        k = (num.factor / den.factor) / (rnum.factor / rden.factor)  # the line's unit in the range's unit
        v = value * k
        if (r.low is not None and v < r.low) or (r.high is not None and v > r.high):
            low = "…" if r.low is None else f"{r.low:g}"
            high = "…" if r.high is None else f"{r.high:g}"
            return [("engine.param_outside_range", param,
                     {"param": param, "value": f"{v:g}", "unit": r.unit, "item": item.id, "low": low, "high": high,
                      "source": r.source.split(" — ")[0]})]
        return []

    def _check_range(self, calc: Calc, item, param: str, value: float, unit_text: str) -> None:
        if item is not None:
            calc.warnings.extend(self._range_warnings(item, param, value, unit_text))

    def _per_gas_method(self, source, item, unit: Unit, opts, set_name, rows) -> Calc | None:
        """Activity × per-gas factors (IPCC / EPA / DESNZ), converted with the case's GWP set."""
        variants: tuple[str, ...]
        vehicle_rows = source == "mobile_combustion" and any(f.variant == "mobile" for f in rows)
        if vehicle_rows:
            # the vehicle rows (per gallon), then the heat-based rows for a quantity in energy units;
            # only CO2 is a property of the fuel: CH4 and N2O of vehicles come per distance
            variants = ("mobile", "per_mmbtu")
        else:
            others = tuple(dict.fromkeys(f.variant for f in rows if f.variant not in ("mobile", "per_mmbtu")))
            variants = (self.ipcc_sector, "", "manufacturing") + others + ("per_mmbtu",)
        explicit = variant_id(opts.get("variant"))  # typed by its id or its name
        if explicit:
            # the named variant first, gas by gas; a gas it does not cover takes the default row,
            # with a note (a gas is never dropped without a word)
            if not any(f.variant == explicit for f in rows if f.param in ("ef", "ef_co2e")):
                known = sorted({f.variant for f in rows if f.param in ("ef", "ef_co2e") and f.variant})
                raise LineError("engine.variant_unknown", "variant", variant=explicit, item=item.id if item else "",
                                variants=",".join(known))  # named in the message's language
            variants = (explicit,) + tuple(v for v in variants if v != explicit)
        inputs = [Input("AD", 1.0, unit.symbol, origin="line")]
        per_unit: dict[str, float] = {}
        notes: list[Note] = []
        # pre-weighted CO2e factors (DESNZ): split into gases where the parts are given
        co2e_row = None
        for v in variants:
            best = 0
            for f in rows:
                if f.param != "ef_co2e" or f.variant != v:
                    continue
                score = _unit_fit(f, unit)
                if score > best:
                    co2e_row, best = f, score
            if co2e_row is not None:
                break
        if co2e_row is not None:
            num, den = parse_rate(co2e_row.unit)
            k = num.factor * unit.factor / den.factor
            parts = [f for f in rows if f.param == "ef_co2e_part" and f.unit == co2e_row.unit
                     and f.variant == co2e_row.variant]
            if parts:
                basis = co2e_row.gwp_basis or "AR5"
                for p in parts:
                    g = self.lib.gwp_value(basis, p.gas)
                    gwp_b = 1.0 if p.gas.upper() == "CO2" else (g.value if g else None)
                    if gwp_b is None:
                        raise LineError("engine.no_gwp", "item", gas=p.gas, set=basis)
                    per_unit[p.gas] = per_unit.get(p.gas, 0.0) + p.value * k / gwp_b
                    inputs.append(Input(f"EF_{p.gas} (CO2e, {basis})", p.value, p.unit, factor=p,
                                        origin="library", note=f"÷ {basis} GWP {gwp_b:g}"))
                gwp, gsrc = self._gwps(per_unit, source)
                return Calc("per_gas", "E = Σ AD × EF_gas × GWP_gas", per_unit, gwp, inputs, notes=notes,
                            gwp_sources=gsrc, item_id=item.id)
            inputs.append(Input("EF", co2e_row.value, co2e_row.unit, factor=co2e_row, origin="library",
                                note=Note("engine.note.co2e_weighted", {"basis": co2e_row.gwp_basis})
                                if co2e_row.gwp_basis else Note("engine.note.co2e_weighted_own")))
            return Calc("co2e_factor", "E = AD × EF_CO2e", {}, {}, inputs, co2e_only=co2e_row.value * k,
                        item_id=item.id,
                        notes=[Note("engine.note.co2e_not_reweighted", {"basis": str(co2e_row.gwp_basis)})])
        gases = sorted({f.gas for f in rows if f.param == "ef" and f.gas})
        heat_cache: tuple[float, Input] | None = None
        for gas in gases:
            row = None
            for v in variants:
                cands = [f for f in rows if f.param == "ef" and f.gas == gas and f.variant == v]
                direct = [f for f in cands if _unit_fit(f, unit)]
                if direct:
                    row = pick_year(direct, self.year)
                    break
                energy = [f for f in cands if _den_dim(f) == "energy"]
                if energy:
                    row = pick_year(energy, self.year)
                    break
            if row is None:
                continue
            if vehicle_rows and row.variant != "mobile" and gas.upper() != "CO2":
                continue
            if explicit and row.variant != explicit:
                notes.append(Note("engine.note.variant_other", {"gas": gas, "variant": explicit,
                                                                "used": row.variant}) if row.variant
                             else Note("engine.note.variant_general", {"gas": gas, "variant": explicit}))
            num, den = parse_rate(row.unit)
            if den.dimension == unit.dimension:
                k = row.value * num.factor * unit.factor / den.factor
            elif den.dimension == "energy":
                if heat_cache is None:
                    heat_cache = self._heat_per_unit(rows, unit, opts, item)
                if heat_cache is None:
                    return None
                k = row.value * num.factor * heat_cache[0] / den.factor
            else:
                continue
            per_unit[gas] = k
            inputs.append(Input(f"EF_{gas}", row.value, row.unit, factor=row, origin="library"))
        if not per_unit:
            return None
        if heat_cache is not None:
            inputs.insert(1, heat_cache[1])
        if vehicle_rows and set(per_unit) == {"CO2"}:
            notes.append(Note("engine.note.vehicle_per_distance"))
        gwp, gsrc = self._gwps(per_unit, source, bool(item and item.biogenic))
        return Calc("per_gas", "E = Σ AD × EF_gas × GWP_gas", per_unit, gwp, inputs, notes=notes,
                    gwp_sources=gsrc, item_id=item.id)

    def _heat_per_unit(self, rows, unit: Unit, opts, item, params=("ncv", "heat_content"),
                       strict: bool = False) -> tuple[float, Input] | None:
        """GJ per activity unit: the unit itself (an energy), the line's NCV, or the set's
        NCV / heat content for the reporting year. ``strict``: a line NCV whose unit does not
        match the line's unit is an error rather than ignored."""
        if unit.dimension == "energy":
            return unit.factor, Input("GJ per " + unit.symbol, unit.factor, "GJ", origin="constant")
        if opts.get("ncv") is not None:
            ncv_unit = opts.get("ncv_unit") or _default_ncv_unit(item, unit)
            try:
                num, den = parse_rate(ncv_unit)
            except UnitError as exc:
                raise LineError("engine.ef_unit_unknown", "ncv_unit", unit=ncv_unit) from exc
            if den.dimension == unit.dimension and num.dimension == "energy":
                return (opts["ncv"] * num.factor * unit.factor / den.factor,
                        Input("NCV", opts["ncv"], ncv_unit, origin="line"))
            if strict:
                raise LineError("engine.ncv_unit_mismatch", "ncv_unit", unit=ncv_unit, line_unit=unit.symbol)
        for param in params:
            fitting = []
            for f in rows:
                if f.param != param:
                    continue
                try:
                    num, den = parse_rate(f.unit)
                except UnitError:
                    continue
                if den.dimension == unit.dimension and num.dimension == "energy":
                    fitting.append(f)
            if fitting:
                f = pick_year(fitting, self.year)
                num, den = parse_rate(f.unit)
                return (f.value * num.factor * unit.factor / den.factor,
                        Input("NCV" if param == "ncv" else "HHV", f.value, f.unit, factor=f, origin="library"))
        return None

    # ------------------------------------------------------------ process
    def process(self, source, item_text, item, unit: Unit, opts) -> Calc:
        user = self._user_factor(source, unit, opts)
        if user is not None:
            if opts.get("purity") is not None:
                p = opts["purity"]
                user.per_unit = {g: v * p for g, v in user.per_unit.items()}
                user.co2e_only *= p
                user.inputs.append(Input("purity", p * 100, "%", origin="line"))
            return user
        if item is None:
            # a plain gas released by a process (e.g. "CO2", "N2O") is handled like a fugitive release
            raise self._unknown_item(item_text, source)
        if item.kind in ("gas", "refrigerant"):
            return self._gas_release(source, item_text, item, unit)
        if item.kind in ("clinker", "clinker_dust") and opts.get("cao") is not None:
            return self._clinker_oxide(source, item_text, item, unit, opts)
        if item.kind == "clinker_dust":
            raise LineError("engine.clinker_dust_needs_oxides", "cao", item=item_text)
        if item.kind not in ("carbonate", "process_material", "clinker", "clinker_deduction", "process_output"):
            raise LineError("engine.item_wrong_source", "item", item=item_text, kind=item.kind, source=source)
        if unit.dimension != "mass":
            raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text,
                            expected=dimension_message("mass"))
        chain = self._set_chain(opts, DEFAULT_PROCESS_CHAIN[0], DEFAULT_PROCESS_CHAIN)
        if opts.get("factor_set") is None and self.info.factor_set:
            chain = [s for s in chain if s != self.info.factor_set]
            if self.lib.factors_for(self.info.factor_set, item.id):
                chain.insert(0, self.info.factor_set)
        for set_name in chain:
            rows = [f for f in self.lib.factors_for(set_name, item.id) if f.param == "ef"]
            if not rows:
                continue
            row = pick_year(rows, self.year)
            num, den = parse_rate(row.unit)
            ef = row.value * num.factor / den.factor  # t CO2 per t
            inputs = [Input("M", 1.0, unit.symbol, origin="line"), Input("EF", row.value, row.unit, factor=row,
                                                                           origin="library")]
            purity = 1.0
            formula = "E = M × EF"
            notes = []
            if item.kind == "carbonate":
                formula = "E = M × purity × EF"
                if opts.get("purity") is not None:
                    purity = opts["purity"]
                    inputs.insert(1, Input("purity", purity * 100, "%", origin="line"))
                else:
                    inputs.insert(1, Input("purity", 100.0, "%", origin="constant", note=Note("engine.note.assumed_100")))
                    notes.append(Note("engine.note.purity_assumed"))
            sign = -1.0 if (item.kind in ("clinker_deduction", "process_output") or
                            "deducted" in item.note.lower()) else 1.0
            if sign < 0:
                formula = "E = −M × EF"
                notes.append(Note("engine.note.deducted"))
            gas = (row.gas or "CO2").upper()
            per_unit = {gas: methods.carbonate(unit.factor, purity, ef) * sign}  # purity 1 but for carbonates
            gwp, gsrc = self._gwps(per_unit, source)
            return Calc("process", formula, per_unit, gwp, inputs, notes=notes, gwp_sources=gsrc, item_id=item.id)
        raise LineError("engine.no_factor", "item", item=item_text, set=chain[0])

    def _clinker_oxide(self, source, item_text, item, unit: Unit, opts) -> Calc:
        """Clinker (and kiln or bypass dust, with the clinker's oxides) by its CaO and MgO, less
        what is not from carbonates; the ratios 44/56 and 44/40 from the library as published."""
        if unit.dimension != "mass":
            raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text,
                            expected=dimension_message("mass"))
        ratios = {}
        for ox in ("clinker_cao", "clinker_mgo"):
            rows = [f for f in self.lib.factors_for("cn_cement_oxide", ox) if f.param == "ef"]
            if not rows:
                raise LineError("engine.no_factor", "item", item=ox, set="cn_cement_oxide")
            ratios[ox] = pick_year(rows, self.year)
        cao, mgo = opts["cao"], opts.get("mgo") or 0.0
        cao_nc, mgo_nc = opts.get("cao_non_carbonate") or 0.0, opts.get("mgo_non_carbonate") or 0.0
        if cao_nc > cao:
            raise LineError("engine.non_carbonate_exceeds", "cao_non_carbonate", oxide="CaO", part=f"{cao_nc * 100:g}",
                            whole=f"{cao * 100:g}")
        if mgo_nc > mgo:
            raise LineError("engine.non_carbonate_exceeds", "mgo_non_carbonate", oxide="MgO", part=f"{mgo_nc * 100:g}",
                            whole=f"{mgo * 100:g}")
        f_ca, f_mg = ratios["clinker_cao"], ratios["clinker_mgo"]
        per_unit = {"CO2": methods.clinker_oxide(unit.factor, cao, mgo, cao_nc, mgo_nc, f_ca.value, f_mg.value)}
        inputs = [Input("Q", 1.0, unit.symbol, origin="line"),
                  Input("CaO", cao * 100, "%", origin="line"),
                  Input("CaO_nc", cao_nc * 100, "%", origin="line" if opts.get("cao_non_carbonate") is not None
                        else "constant"),
                  Input("MgO", mgo * 100, "%", origin="line" if opts.get("mgo") is not None else "constant"),
                  Input("MgO_nc", mgo_nc * 100, "%", origin="line" if opts.get("mgo_non_carbonate") is not None
                        else "constant"),
                  Input("EF_CaO", f_ca.value, f_ca.unit, factor=f_ca, origin="library"),
                  Input("EF_MgO", f_mg.value, f_mg.unit, factor=f_mg, origin="library")]
        notes = [Note("engine.note.clinker_dust")] if item.kind == "clinker_dust" else []
        gwp, gsrc = self._gwps(per_unit, source)
        return Calc("clinker_oxide", "E = Q × [(CaO − CaO_nc) × 44/56 + (MgO − MgO_nc) × 44/40]", per_unit, gwp,
                    inputs, notes=notes, gwp_sources=gsrc, item_id=item.id)

    # ----------------------------------------------------------- fugitive
    def _gas_release(self, source, item_text, item, unit: Unit) -> Calc:
        if unit.dimension != "mass":
            raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text,
                            expected=dimension_message("mass"))
        gas = (item.aliases[0] if item and item.aliases else None) or (item.name_en if item else item_text)
        if item is not None:
            gas = _gas_label(item)
        gwp_value, gsrc = self.gwp_of(gas, source)
        per_unit = {gas: unit.factor}
        return Calc("gas_release", "E = m × GWP", per_unit, {gas: gwp_value},
                    [Input("m", 1.0, unit.symbol, origin="line"),
                     Input("GWP", gwp_value, "", origin="library", note=gsrc)],
                    gwp_sources={gas: gsrc}, item_id=item.id if item else None)

    def fugitive(self, source, item_text, item, unit: Unit, opts) -> Calc:
        user = self._user_factor(source, unit, opts)
        if user is not None:
            return user
        if item is None:
            # a gas named by its formula may still have a GWP (e.g. HFC-245fa)
            try:
                self.gwp_of(item_text, source)
            except LineError:
                raise self._unknown_item(item_text, source) from None
            if unit.dimension != "mass":
                raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text,
                                expected=dimension_message("mass"))
            gwp_value, gsrc = self.gwp_of(item_text, source)
            return Calc("gas_release", "E = m × GWP", {item_text: unit.factor}, {item_text: gwp_value},
                        [Input("m", 1.0, unit.symbol, origin="line"),
                         Input("GWP", gwp_value, "", origin="library", note=gsrc)], gwp_sources={item_text: gsrc})
        if item.kind not in ("gas", "refrigerant"):
            raise LineError("engine.item_wrong_source", "item", item=item_text, kind=item.kind, source=source)
        return self._gas_release(source, item_text, item, unit)

    # -------------------------------------------------------- electricity
    def grid_item_for(self, facility: Facility):
        region = (facility.region or "").strip()
        if not region:
            return self.lib.item("grid_cn")
        item = self.lib.resolve_item(region)
        if item is not None and item.kind == "grid":
            return item
        for suffix in ("省", "市", "自治区", "电网"):
            if region.endswith(suffix):
                item = self.lib.resolve_item(region[: -len(suffix)])
                if item is not None and item.kind == "grid":
                    return item
        for prefix in ("grid_", "grid_us_", "grid_cn_"):
            item = self.lib.resolve_item(prefix + region)
            if item is not None and item.kind == "grid":
                return item
        region_key = norm_name(region)
        for f in self.lib.factors:  # the region a grid factor row names ("CAMX", "湖北")
            if f.region and norm_name(f.region) == region_key:
                item = self.lib.item(f.item)
                if item is not None and item.kind == "grid":
                    return item
        # "湖北省武汉市", "Wuhan, Hubei": the longest grid name contained in the region text
        key = norm_name(region)
        best, best_len = None, 1
        for name, item_id in self.lib.names.items():
            if len(name) > best_len and name in key:
                cand = self.lib.items.get(item_id)
                if cand is not None and cand.kind == "grid" and cand.id.startswith("grid_cn"):
                    best, best_len = cand, len(name)
        return best

    def _grid_factor(self, item, opts, variant=None) -> tuple[list[Factor], str]:
        chosen = opts.get("factor_set") or self.info.grid_factor_set or DEFAULT_GRID_SET
        sets = [chosen] + [s for s in self.lib.sets_of_item.get(item.id, []) if s != chosen]
        for set_name in sets:
            rows = [f for f in self.lib.factors_for(set_name, item.id) if f.param in ("ef", "ef_co2e")]
            if variant is not None:
                rows = [f for f in rows if f.variant == variant]
            else:
                pref = [f for f in rows if f.variant in ("", "average")]
                rows = pref or rows
            if rows:
                return rows, set_name
        return [], chosen

    def _energy_factor(self, source, item, unit: Unit, rows, base_unit: str, want_dim="energy") -> Calc:
        """Per-gas (or CO2e) factor per MWh/GJ of a grid or heat item, for the grid year."""
        inputs = [Input("AD", 1.0, unit.symbol, origin="line")]
        per_unit: dict[str, float] = {}
        co2e_only = 0.0
        by_gas: dict[str, list[Factor]] = {}
        for f in rows:
            by_gas.setdefault((f.param, f.gas or "CO2"), []).append(f)
        notes = []
        for (param, gas), cands in sorted(by_gas.items()):
            f = pick_year(cands, self.grid_year)
            num, den = parse_rate(f.unit)
            if den.dimension != unit.dimension:
                raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item.id,
                                expected=dimension_message(den.dimension))
            k = f.value * num.factor * unit.factor / den.factor
            if f.year is not None and self.grid_year is not None and f.year != self.grid_year:
                notes.append(Note("engine.note.other_year", {"year": self.grid_year, "item": item.id, "used": f.year}))
            if param == "ef_co2e":
                co2e_only += k
            else:
                per_unit[gas] = per_unit.get(gas, 0.0) + k
            inputs.append(Input("EF" if gas == "CO2" else f"EF_{gas}", f.value, f.unit, factor=f, origin="library"))
        gwp, gsrc = self._gwps(per_unit, source)
        return Calc("energy_factor", "E = AD × EF", per_unit, gwp, inputs, co2e_only=co2e_only,
                    notes=sorted(set(notes), key=lambda n: n.render("en")), gwp_sources=gsrc, item_id=item.id)

    def electricity(self, source, item_text, item, unit: Unit, opts, facility) -> Calc:
        if unit.dimension != "energy":
            raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text or "electricity",
                            expected=dimension_message("energy"))
        mwh = unit.factor / 3.6
        user = self._user_factor(source, unit, opts)
        if user is not None:
            user.mwh_per_unit = mwh
            return user
        if item_text and norm_name(item_text) in _GENERIC_ELECTRICITY and (item is None or item.kind != "grid"):
            item_text = ""  # "电力" names the commodity, not a grid: the region decides
        if item_text:
            if item is None or item.kind != "grid":
                raise LineError("engine.grid_unknown", "item", item=item_text)
            grid = item
        else:
            grid = self.grid_item_for(facility)
            if grid is None:
                raise LineError("engine.region_unknown", "item", region=facility.region, facility=facility.id)
        rows, set_name = self._grid_factor(grid, opts)
        if not rows:
            raise LineError("engine.no_factor", "item", item=grid.id, set=set_name)
        calc = self._energy_factor(source, grid, unit, rows, "MWh")
        calc.mwh_per_unit = mwh
        if not item_text:
            if all(region_name(facility.region, lang) == grid.name(lang) for lang in ("en", "zh")):
                # the region is the grid's own name ("湖北", "Hubei province"): said once, not as a change
                calc.notes.append(Note("engine.note.grid_of_region", {"grid": grid.name("en")}))
            else:
                calc.notes.append(Note("engine.note.grid_from_region",
                                       {"region": facility.region or "—", "grid": grid.name("en")}))
            if not (facility.region or "").strip():  # never a default factor without a word
                calc.warnings.append(("engine.region_missing", "item", {"facility": facility.id}))
        return calc

    def market_of(self, facility: Facility, grid_ids=()) -> str:
        """The electricity market a facility buys in (the country of the grids its lines name, else
        of its region's grid), for the market-based hierarchy: instruments and residual mixes hold
        within one market."""
        ids = sorted({g for g in grid_ids if g and g.startswith("grid_")})
        if not ids:
            grid = self.grid_item_for(facility)
            if grid is None:
                return "region:" + norm_name(facility.region or "")
            ids = [grid.id]
        found = set()
        for grid_id in ids:
            for prefix, market in (("grid_cn", "CN"), ("grid_us", "US"), ("grid_uk", "UK")):
                if grid_id.startswith(prefix):
                    found.add(market)
                    break
            else:
                found.add(grid_id)
        return "+".join(sorted(found))

    def residual_national(self) -> tuple[float, Factor] | None:
        """National factor excluding market-traded non-fossil power (Chinese green-power rule)."""
        item = self.lib.item("grid_cn")
        if item is None:
            return None
        rows, _ = self._grid_factor(item, {}, variant="excl_market_nonfossil")
        if not rows:
            return None
        f = pick_year(rows, self.grid_year)
        num, den = parse_rate(f.unit)
        return f.value * num.factor / den.factor * 3.6, f  # t per MWh

    def heat(self, source, item_text, item, unit: Unit, opts) -> Calc:
        if unit.dimension == "mass":
            return self._heat_by_mass(source, item_text, item, unit, opts)
        user = self._user_factor(source, unit, opts)
        if user is not None:
            return user
        if unit.dimension != "energy":
            raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text or "heat",
                            expected=Message("engine.expected_heat", {"energy": dimension_message("energy")}))
        if item_text:
            if item is None or item.kind not in ("heat",):
                raise LineError("engine.heat_unknown", "item", item=item_text)
            heat = item
        else:
            heat = self.lib.item("heat_cn_default")
        chosen = opts.get("factor_set") or None
        sets = ([chosen] if chosen else []) + self.lib.sets_of_item.get(heat.id, [])
        for set_name in sets:
            rows = [f for f in self.lib.factors_for(set_name, heat.id) if f.param in ("ef", "ef_co2e")]
            rows = [f for f in rows if f.variant in ("", "per_mmbtu")] or rows
            if rows:
                return self._energy_factor(source, heat, unit, rows, "GJ")
        raise LineError("engine.no_factor", "item", item=heat.id, set=chosen or "")

    def _heat_by_mass(self, source, item_text, item, unit: Unit, opts) -> Calc:
        """Steam (or hot water) entered in tonnes: its heat from the enthalpy (temperature), as
        the MEE steel guideline 2024 附录E and the power verification guideline convert it:
        AD = M × (En − 83.74) × 10⁻³ GJ, or M × (T − 20) × 4.1868 × 10⁻³ GJ."""
        en, temp = opts.get("enthalpy"), opts.get("water_temperature")
        if en is None and temp is None:
            raise LineError("engine.steam_needs_enthalpy", "unit", unit=unit.symbol)
        if en is not None:
            if not methods.STEAM_REFERENCE_ENTHALPY < en <= 4000:
                raise LineError("engine.enthalpy_range", "enthalpy", value=en)
            gj_per_t = methods.steam_energy(1.0, en)
            extra = [Input("En", en, "kJ/kg", origin="line")]
            formula_ad = "AD = M × (En − 83.74) × 10⁻³"
        else:
            if not methods.WATER_REFERENCE_TEMPERATURE < temp <= 200:
                raise LineError("engine.water_temperature_range", "water_temperature", value=temp)
            gj_per_t = methods.hot_water_energy(1.0, temp)
            extra = [Input("T", temp, "°C", origin="line")]
            formula_ad = "AD = M × (T − 20) × 4.1868 × 10⁻³"
        as_energy = Unit("energy", unit.factor * gj_per_t, "GJ")
        plain = {k: v for k, v in opts.items() if k not in ("enthalpy", "water_temperature")}
        calc = self.heat(source, item_text, item, as_energy, plain)
        ad = calc.inputs[0] if calc.inputs and calc.inputs[0].name == "AD" else None
        if ad is not None:
            calc.inputs[0] = Input("M", 1.0, unit.symbol, origin="line")
        calc.inputs[1:1] = extra + [Input("GJ per " + unit.symbol, unit.factor * gj_per_t, "GJ", origin="constant")]
        calc.formula = f"{formula_ad}; {calc.formula}"
        calc.notes.append(Note("engine.note.steam_by_mass"))
        return calc

    # -------------------------------------------------------------- scope 3
    def scope3(self, source, item_text, item, unit: Unit, opts) -> Calc:
        cat = opts.get("scope3_category")
        user = self._user_factor(source, unit, opts)
        if user is not None:
            calc = user
            calc.method = "spend_based" if unit.dimension.startswith("money_") else "supplier_specific"
            calc.formula = "E = spend × EEIO EF" if calc.method == "spend_based" else "E = quantity × supplier EF"
        elif (item is not None and item.kind == "fuel") or (item is None and any(
                opts.get(k) is not None for k in ("ncv", "carbon_content", "carbon_element"))):
            # fuel-based method (e.g. an outsourced fleet's diesel, category 4)
            calc = self.combustion(source, item_text, item, unit, opts)
            calc.method = "fuel_based"
        else:
            if item is None:
                raise self._unknown_item(item_text, source)
            sets = ([opts["factor_set"]] if opts.get("factor_set") else []) + \
                [s for s in self.lib.sets_of_item.get(item.id, [])]
            calc = None
            for set_name in sets:
                rows = self.lib.factors_for(set_name, item.id)
                if rows:
                    rows, region_note = self._regional_rows(item_text, item, set_name, rows, opts)
                    calc = self._per_gas_method(source, item, unit, opts, set_name, rows)
                    if calc is not None:
                        if region_note is not None:
                            calc.notes.append(region_note)
                        break
            if calc is None:
                if not sets:
                    raise LineError("engine.no_factor", "item", item=item_text, set="")
                raise LineError("engine.unit_not_fit", "unit", unit=unit.symbol, item=item_text,
                                expected=self._expected_units(item, sets))
            calc.method = ("distance_based" if unit.dimension in ("pdistance", "tdistance", "vdistance", "distance")
                           else "average_data")
            if cat is None:
                cat = S3_CATEGORY_OF_KIND.get(item.kind)
        if cat is None:
            raise LineError("engine.scope3_category", "scope3_category")
        if not 1 <= int(cat) <= 15:
            raise LineError("engine.scope3_category", "scope3_category")
        calc.scope3_category = int(cat)
        return calc


_GENERIC_REGIONS = frozenset({"", "generic", "default", "global", "world", "glo", "通用", "全球", "默认"})
# Country names a line or facility may give -> the region code factor rows carry
_COUNTRY_NAMES = {norm_name(k): v for k, v in {
    "CN": "CN", "China": "CN", "PRC": "CN", "中国": "CN", "中华人民共和国": "CN", "中国大陆": "CN",
    "UK": "UK", "GB": "UK", "United Kingdom": "UK", "Great Britain": "UK", "Britain": "UK", "England": "UK",
    "Scotland": "UK", "Wales": "UK", "Northern Ireland": "UK", "英国": "UK",
    "US": "US", "USA": "US", "United States": "US", "United States of America": "US", "美国": "US",
}.items()}
_COUNTRY_OF_GRID = (("grid_cn", "CN"), ("grid_us", "US"), ("grid_uk", "UK"))


def _generic_region(region: str) -> bool:
    return norm_name(region or "") in _GENERIC_REGIONS


def _gas_label(item) -> str:
    """The gas name used for GWP look-up and the per-gas breakdown (e.g. 'HFC-134a')."""
    for alias in item.aliases:
        if any(ch.isdigit() for ch in alias) or alias.isupper():
            return alias
    return item.name_en or item.id


def _unit_fit(f: Factor, unit: Unit) -> int:
    """How well a factor's denominator fits a line unit: 2 same spelling, 1 same dimension
    (a qualifier such as "(Net CV)" on the line must match the factor's), 0 no fit."""
    try:
        den = parse_rate(f.unit)[1]
    except UnitError:
        return 0
    if den.dimension != unit.dimension:
        return 0
    if norm_name(den.symbol) == norm_name(unit.symbol):
        return 2
    line_q = "(" in unit.symbol or "（" in unit.symbol
    return 0 if line_q else 1


def _den_dim(f: Factor) -> str | None:
    try:
        return parse_rate(f.unit)[1].dimension
    except UnitError:
        return None


def _lowest_published_oxidation(lib: Library) -> tuple[float, Factor] | None:
    """The lowest default oxidation rate (as a fraction) that a document of the library publishes
    for any fuel, with its factor row; kept on the library (it never changes once read)."""
    cached = getattr(lib, "_lowest_of", False)
    if cached is not False:
        return cached
    rows = [(_as_fraction(f), f) for f in lib.factors if f.param == "of" and f.value is not None]
    out = min(rows, key=lambda r: r[0]) if rows else None
    try:
        lib._lowest_of = out
    except AttributeError:  # a library without a __dict__: compute each time
        pass
    return out


def _as_fraction(f: Factor) -> float:
    unit = (f.unit or "").strip()
    if unit == "%":
        return f.value / 100.0
    return percent_or_fraction(f.value)


def _default_ncv_unit(item, unit: Unit) -> str:
    if unit.dimension == "volume":
        return "GJ/10^4 Nm3"
    return "GJ/t"


# ======================================================================== results
@dataclass
class Group:
    index: int
    facility: str
    source: str
    item: str
    unit: str
    options: dict
    lines: list[int]  # positions in the ActivityTable
    calc: Calc | None
    share: float
    scope: int | None
    iso_category: int | None
    qty_sum: float = 0.0
    tco2e: float = 0.0  # what the group adds to the totals (after share, sign)
    location_tco2e: float = 0.0
    market_tco2e: float = 0.0
    biogenic: float = 0.0
    gases: dict[str, float] = field(default_factory=dict)
    line_factor: float = 0.0  # t CO2e added to totals per unit of a line's quantity
    market_factor: float = 0.0
    line_factor_location: float = 0.0  # electricity: location-based t CO2e per unit of a line
    cn_factor: float | None = None  # electricity under the Chinese green-power rule
    error: tuple[str, str, dict] | None = None  # (message id, field, params) when the group failed

    def gas_coefficients(self) -> dict[str, float]:
        """t of each gas a line adds per unit of its quantity (after share and sign)."""
        c = self.calc
        if c is None:
            return {}
        if self.cn_factor is not None:  # Chinese green-power rule: CO2 of the rule, not of the grid
            return {"CO2": self.line_factor}
        out = {gas: v * self.share * c.sign for gas, v in c.per_unit.items()}
        if c.co2e_only:
            out["CO2e"] = c.co2e_only * self.share * c.sign
        return out


@dataclass
class Inventory:
    case: CaseData
    standard: str
    gwp: str
    reporting_year: int | None
    groups: list[Group]
    line_group: list[int]
    totals: dict[str, float]
    by_source: dict[str, float]
    by_facility: dict[str, float]
    by_gas: dict[str, dict[str, float]]
    iso_categories: dict[int, float]
    scope3_categories: dict[int, float]
    warnings: list[Problem]
    uncertainty: dict[str, Any]
    extra_lines: list[dict]  # equipment-register results
    library_version: str = ""

    # ---------------------------------------------------------------- lines
    def __len__(self) -> int:
        return len(self.line_group)

    def line_tco2e(self, i: int) -> float:
        g = self.groups[self.line_group[i]]
        return self.case.activities.quantity[i] * g.line_factor

    def line(self, i: int) -> dict:
        acts = self.case.activities
        g = self.groups[self.line_group[i]]
        q = acts.quantity[i]
        calc = g.calc
        share = g.share
        gases = methods.per_gas(q, g.gas_coefficients())
        out = {
            "row": acts.row[i],
            "facility": acts.facility[i],
            "source": acts.source[i],
            "item": acts.item[i],
            "item_id": calc.item_id if calc else None,
            "quantity": q,
            "unit": acts.unit[i],
            "scope": g.scope,
            "share": share,
            "tco2e": q * g.line_factor,
            "gases": gases,
            "biogenic_co2": q * calc.biogenic_per_unit * share if calc else 0.0,
            "trace": trace(calc, q, acts.unit[i], share, g) if calc else None,
        }
        if is_market_based(acts.source[i]):
            out["tco2e_location"] = q * g.line_factor_location
            out["tco2e_market"] = q * g.market_factor
        if g.scope == 3:
            out["scope3_category"] = calc.scope3_category if calc else None
        out["iso_category"] = g.iso_category
        return out

    def lines(self):
        """Every result line: the activity lines, then the equipment-register lines."""
        for i in range(len(self.line_group)):
            yield self.line(i)
        yield from self.extra_lines

    def iter_lines_json(self):
        """Each line as a JSON text (the same content as :meth:`line`), for streaming large
        inventories: the trace of a group is serialised once and only the quantity is
        substituted per line."""
        import json

        sentinel = 1.2345678901234567e-300
        marker = json.dumps(sentinel)
        templates: dict[int, str] = {}
        acts = self.case.activities
        for i, gi in enumerate(self.line_group):
            g = self.groups[gi]
            text = templates.get(gi)
            if text is None:
                text = json.dumps(trace(g.calc, sentinel, g.unit, g.share, g), ensure_ascii=False) if g.calc \
                    else "null"
                templates[gi] = text
            line = self.line(i) if g.calc is None else self._line_without_trace(i, g)
            line.pop("trace", None)
            head = json.dumps(line, ensure_ascii=False)
            yield head[:-1] + ', "trace": ' + text.replace(marker, json.dumps(acts.quantity[i])) + "}"
        for extra in self.extra_lines:
            yield json.dumps(extra, ensure_ascii=False)

    def _line_without_trace(self, i: int, g: "Group") -> dict:
        acts = self.case.activities
        q = acts.quantity[i]
        calc = g.calc
        out = {
            "row": acts.row[i], "facility": acts.facility[i], "source": acts.source[i], "item": acts.item[i],
            "item_id": calc.item_id, "quantity": q, "unit": acts.unit[i], "scope": g.scope, "share": g.share,
            "tco2e": q * g.line_factor, "gases": methods.per_gas(q, g.gas_coefficients()),
            "biogenic_co2": q * calc.biogenic_per_unit * g.share,
        }
        if is_market_based(acts.source[i]):
            out["tco2e_location"] = q * g.line_factor_location
            out["tco2e_market"] = q * g.market_factor
        if g.scope == 3:
            out["scope3_category"] = calc.scope3_category
        out["iso_category"] = g.iso_category
        return out

    def write_json(self, fh, indent: int | None = None) -> None:
        """Write :meth:`to_dict` as JSON to a text file, streaming the lines."""
        import json

        head = self.to_dict(with_lines=False)
        if indent:
            head["lines"] = list(self.lines())
            json.dump(head, fh, ensure_ascii=False, indent=indent)
            return
        text = json.dumps(head, ensure_ascii=False)
        fh.write(text[:-1] + ', "lines": [')
        for n, line in enumerate(self.iter_lines_json()):
            if n:
                fh.write(", ")
            fh.write(line)
        fh.write("]}")

    def factors_used(self) -> dict[str, dict]:
        used: dict[str, dict] = {}
        for g in self.groups:
            if g.calc:
                for f in g.calc.factors():
                    key = f.key
                    if key not in used:
                        used[key] = f.to_dict()
        return used

    def gwps_used(self) -> dict[str, dict]:
        used: dict[str, dict] = {}
        for g in self.groups:
            if g.calc:
                for gas, value in g.calc.gwp.items():
                    key = gas
                    if key in used and used[key]["value"] != value:
                        key = f"{gas} ({value:g})"  # e.g. AR6 fossil and non-fossil CH4 in one case
                    used.setdefault(key, {"value": value, "set": self.gwp,
                                          "source": g.calc.gwp_sources.get(gas, "")})
        return used

    def to_dict(self, with_lines: bool = True) -> dict:
        d = {
            "standard": self.standard,
            "gwp": self.gwp,
            "ch4_ar6": self.case.info.ch4_ar6 if self.gwp.startswith("AR6") else None,
            "reporting_year": self.reporting_year,
            "consolidation": self.case.info.consolidation,
            "title": self.case.info.title,
            "totals": dict(self.totals),
            "by_source": dict(self.by_source),
            "by_facility": dict(self.by_facility),
            "by_gas": {k: dict(v) for k, v in self.by_gas.items()},
            "iso_categories": {str(k): v for k, v in self.iso_categories.items()},
            "scope3_categories": {str(k): v for k, v in self.scope3_categories.items()},
            "uncertainty": self.uncertainty,
            "factors_used": self.factors_used(),
            "gwp_used": self.gwps_used(),
            "warnings": [w.render("en") for w in self.warnings],
        }
        if with_lines:
            d["lines"] = list(self.lines())
        return d


def trace(calc: Calc, q: float, unit: str, share: float, group: Group | None = None) -> dict:
    """The calculation of one line: formula, inputs with units and sources, result."""
    inputs = []
    for inp in calc.inputs:
        d = inp.to_dict()
        if inp.origin == "line" and inp.name in ("FC", "AD", "M", "m") and inp.value == 1.0:
            d["value"] = q
            d["unit"] = unit
        inputs.append(d)
    notes = list(calc.notes)
    if group is not None and group.cn_factor is not None:
        notes.append(GREEN_RULE_NOTE)
    out = {
        "method": calc.method,
        "formula": calc.formula,
        "inputs": inputs,
        "gwp": {g: {"value": v, "source": calc.gwp_sources.get(g, "")} for g, v in calc.gwp.items()
                if g != "CO2"},
        "per_unit_tco2e": calc.co2e_per_unit * calc.sign,
        "share": share,
        "notes": [n.render("en") for n in notes],  # the English text, as the JSON output always had
    }
    if notes:
        out["note_ids"] = [n.to_dict() for n in notes]  # the same notes as ids, for other languages
    if calc.scope3_category:
        out["scope3_category"] = calc.scope3_category
    return out


# ===================================================================== compute
def compute(case: CaseData, library: Library | None = None, *, raise_on_error: bool = True) -> Inventory:
    """Compute the inventory of ``case``.

    Problems with lines (unknown item, unit that does not fit ...) are collected for
    every line and raised together as :class:`ValidationFailed`.
    """
    with gc_paused():  # a large case's columns: see carbonmgr/common/gcpause.py
        return _compute(case, library, raise_on_error)


def _compute(case: CaseData, library: Library | None, raise_on_error: bool) -> Inventory:
    lib = library or default_library()
    info = case.info
    resolver = Resolver(lib, case)
    acts = case.activities
    facilities = case.facility_map()
    sheet = case.sheet("Activities")
    cols = case.columns.get("Activities", {})

    # 1. group
    opt_names = [k for k in CALC_OPTIONS if k in acts.options]
    opt_cols = [acts.options[k] for k in opt_names]
    keys = zip(acts.facility, acts.source, acts.item, acts.unit, *opt_cols)
    group_of: dict[tuple, int] = {}
    line_group: list[int] = []
    members: list[list[int]] = []
    for i, key in enumerate(keys):
        gi = group_of.get(key)
        if gi is None:
            gi = len(members)
            group_of[key] = gi
            members.append([])
        members[gi].append(i)
        line_group.append(gi)

    # 2. resolve
    problems: list[Problem] = []
    line_warnings: list[Problem] = []
    groups: list[Group] = []
    for key, gi in group_of.items():
        fac_id, source, item, unit = key[:4]
        opts = {name: v for name, v in zip(opt_names, key[4:]) if v is not None}
        facility = facilities.get(fac_id) or Facility(fac_id)
        share = facility.share(info.consolidation)
        calc = None
        error = None
        try:
            calc = resolver.resolve(source, item, unit, opts, facility)
            for code, field_name, params in calc.warnings:  # one per group, on its first line
                params = {**params, "item": item} if "item" in params else params  # as the user wrote it
                line_warnings.append(Problem(code, params, sheet=sheet, row=acts.row[members[gi][0]],
                                             col=cols.get(field_name), severity="warning"))
        except LineError as err:
            error = (err.code, err.field or "item", dict(err.params))
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:  # a defect must not hide the rest
            error = ("engine.line_failed", "item", {"error": f"{type(exc).__name__}: {exc}"})
        if error is not None:
            col = cols.get(error[1])
            for i in members[gi]:
                problems.append(Problem(error[0], error[2], sheet=sheet, row=acts.row[i], col=col))
        spec = SOURCE_TYPES.get(source)
        scope = spec.scope(info.standard) if spec is not None else None
        iso = None
        if scope == 1:
            iso = 1
        elif scope == 2:
            iso = 2
        elif scope == 3 and calc is not None:
            iso = ISO_CATEGORY_OF_S3.get(calc.scope3_category or 0, 6)
        groups.append(Group(gi, fac_id, source, item, unit, opts, members[gi], calc, share, scope, iso,
                            error=error))
    groups.sort(key=lambda g: g.index)
    extra_lines, extra_groups = _equipment(case, resolver, problems)
    for fac in case.facilities:
        if not 0.0 <= fac.equity_share <= 1.0:
            problems.insert(0, Problem("engine.equity_range", {"facility": fac.id, "value": fac.equity_share},
                                       sheet=case.sheet("Facilities")))
    if problems and raise_on_error:
        problems.sort(key=lambda p: (p.sheet or "", p.row or 0, p.col or ""))
        raise ValidationFailed(problems[:1000])

    # 3. apply + aggregate per group
    q = acts.quantity
    for g in groups:
        g.qty_sum = math.fsum(map(q.__getitem__, g.lines))
        if g.calc is None:
            continue
        c = g.calc
        g.line_factor = c.co2e_per_unit * g.share * c.sign
        g.line_factor_location = g.line_factor
        g.market_factor = g.line_factor
        g.biogenic = g.qty_sum * c.biogenic_per_unit * g.share
        for gas, mass in methods.per_gas(g.qty_sum, c.per_unit).items():
            g.gases[gas] = mass * g.share * c.sign
        if c.co2e_only:
            g.gases["CO2e"] = g.qty_sum * c.co2e_only * g.share * c.sign

    warnings: list[Problem] = list(line_warnings)
    _scope2_market(case, resolver, groups, warnings, lib)

    for g in groups:
        g.tco2e = g.qty_sum * g.line_factor
    return _aggregate(case, groups, line_group, extra_lines, extra_groups, warnings, lib)


def _scope2_market(case: CaseData, resolver: Resolver, groups: list[Group], warnings, lib) -> None:
    """Market-based Scope 2 per facility, and the Chinese green-power rule under gbt32150."""
    info = case.info
    elec = [g for g in groups if is_market_based(g.source) and g.calc is not None]
    if not elec:
        for inst in case.instruments:
            warnings.append(Problem("engine.instrument_unused", {"facility": inst.facility},
                                    sheet=case.sheet("Instruments"), row=inst.row, severity="warning"))
        return
    by_fac: dict[str, list[Group]] = {}
    for g in elec:
        by_fac.setdefault(g.facility, []).append(g)
    insts: dict[str, list] = {}
    for inst in case.instruments:
        insts.setdefault(inst.facility, []).append(inst)
    residual_cn = None
    facilities = case.facility_map()
    # GHG Protocol Scope 2 Guidance, market-based hierarchy, per market (the facility's grid):
    # instruments, then the residual mix of that market (the facility's residual_mix_ef, or the
    # case's when every facility is in one market), else the grid average, disclosed.
    markets = {resolver.market_of(facilities.get(fid) or Facility(fid), [g.calc.item_id for g in gs])
               for fid, gs in by_fac.items()}
    one_market = len(markets) <= 1
    fallback = [fid for fid in by_fac
                if (facilities.get(fid) is None or facilities[fid].residual_mix_ef is None)
                and (info.residual_mix_ef is None or not one_market)]
    if fallback and info.standard != "gbt32150":
        if info.residual_mix_ef is not None:  # given, but for which market?
            warnings.append(Problem("engine.residual_mix_ambiguous", {"facilities": sorted(fallback)},
                                    severity="warning"))
        else:
            warnings.append(Problem("engine.no_residual_mix", {}, severity="warning"))
    for fac_id, gs in by_fac.items():
        consumption = sum(g.qty_sum * g.calc.mwh_per_unit for g in gs)
        location = sum(g.qty_sum * g.calc.co2e_per_unit for g in gs)
        own = insts.get(fac_id, [])
        fac = facilities.get(fac_id)
        if fac is not None and fac.residual_mix_ef is not None:
            residual, residual_from = fac.residual_mix_ef, "facility"
        elif info.residual_mix_ef is not None and one_market:
            residual, residual_from = info.residual_mix_ef, "case"
        else:
            residual, residual_from = (location / consumption if consumption else 0.0), "grid"
        market, covered = methods.market_based(consumption, [(i.quantity, i.ef) for i in own], residual)
        if info.standard != "gbt32150" and consumption > 0:
            note = Note("engine.note.market_based", {
                "covered": f"{covered:,.10g}", "instruments": len(own), "rest": f"{consumption - covered:,.10g}",
                "residual": f"{residual:.10g}", "residual_from": residual_from})
            for g in gs:
                g.calc.notes.append(note)
        instrument_mwh = sum(i.quantity for i in own)
        if instrument_mwh > consumption + 1e-9:
            warnings.append(Problem("engine.instruments_capped",
                                    {"facility": fac_id, "mwh": instrument_mwh, "consumption": consumption},
                                    sheet=case.sheet("Instruments"), severity="warning"))
        ratio_market = market / location if location else 0.0
        for g in gs:
            g.market_factor = g.calc.co2e_per_unit * ratio_market * g.share if location else 0.0
        if info.standard == "gbt32150":
            green = sum(i.quantity for i in own if is_green_instrument(i.type))
            if green > 0 and consumption > 0:
                if residual_cn is None:
                    residual_cn = resolver.residual_national()
                if residual_cn is None:
                    continue
                ef_rest, factor = residual_cn
                cn_total = methods.cn_green_power(consumption, green, ef_rest)
                for g in gs:
                    per_mwh = cn_total / consumption
                    g.cn_factor = per_mwh
                    g.line_factor = per_mwh * g.calc.mwh_per_unit * g.share
                    g.gases = {"CO2": g.qty_sum * g.line_factor}
                    g.calc.notes.append(Note("engine.note.green_power", {
                        "mwh": min(green, consumption), "value": factor.value, "key": factor.key,
                        "doc": factor.source}))
                    g.calc.inputs.append(_input_from_factor("EF_rest", factor))


# Energy units whose quantities are on the gross (higher) heating value basis by convention (US
# practice: EPA factors per mmBtu are HHV-based); other energy units are taken as the line says.
_HHV_UNITS = frozenset({"mmbtu", "therm", "btu", "kbtu", "mbtu"})
_HEAT_BASIS_NAMES = {**{norm_name(k): "hhv" for k in ("hhv", "gross", "gross cv", "高位", "高位发热量", "高位热值")},
                     **{norm_name(k): "ncv" for k in ("ncv", "lhv", "net", "net cv", "低位", "低位发热量", "低位热值")}}


def factor_heat_basis(f: Factor) -> str | None:
    """The heating-value basis of a factor given per unit of energy: "hhv" (gross), "ncv" (net),
    or None when the factor is not per energy or its basis is not known."""
    unit = (f.unit or "").lower()
    if "gross cv" in unit or "hhv" in unit or f.set.startswith("epa"):
        return "hhv"
    if "net cv" in unit or "ncv" in unit or f.set.startswith(("cn_", "ipcc")):
        return "ncv"
    return None


def _check_heat_basis(calc: Calc, unit: Unit, opts) -> None:
    """A fuel quantity in energy units meets a factor per energy unit only on the same heating-value
    basis (HHV, gross against NCV, net): a quantity in mmBtu or therms is gross by convention, and a
    line may say its basis (heat_basis); otherwise the line is a problem, not a silent 5-10 % error."""
    declared = opts.get("heat_basis")
    line_basis = None
    if declared:
        line_basis = _HEAT_BASIS_NAMES.get(norm_name(declared))
        if line_basis is None:
            raise LineError("engine.heat_basis_unknown", "heat_basis", value=declared)
    elif unit.symbol.lower() in _HHV_UNITS:
        line_basis = "hhv"
    if line_basis is None:
        return
    for inp in calc.inputs:
        f = inp.factor
        if f is None or "/" not in (f.unit or ""):
            continue
        try:
            _num, den = parse_rate(f.unit.split("(")[0].strip())
        except UnitError:
            continue
        if den.dimension != "energy":
            continue
        basis = factor_heat_basis(f)
        if basis is not None and basis != line_basis:
            raise LineError("engine.heat_basis_mismatch", "unit", unit=unit.symbol,
                            line_basis=line_basis, factor_basis=basis, param=inp.name)


def _note_unit_conversions(calc: Calc, unit: Unit) -> None:
    """Where a factor is given per another unit of the line's dimension (per MWh for a line in
    kWh, per t for one in kg), the trace says how the line's unit converts."""
    seen = set()
    for inp in calc.inputs:
        if inp.origin not in ("library", "line") or "/" not in (inp.unit or ""):
            continue
        try:
            _num, den = parse_rate(inp.unit.replace(" CO2e", ""))
        except UnitError:
            continue
        if den.dimension != unit.dimension or den.symbol == unit.symbol or den.symbol in seen:
            continue
        if math.isclose(unit.factor, den.factor, rel_tol=1e-12):  # one unit spelled two ways ("万Nm3", "10^4 Nm3")
            continue
        seen.add(den.symbol)
        calc.notes.append(Note("engine.note.unit_conversion", {
            "unit": unit.symbol, "value": f"{unit.factor / den.factor:.10g}", "other": den.symbol}))


def _input_from_factor(name, f: Factor) -> Input:
    return Input(name, f.value, f.unit, factor=f, origin="library")


def _equipment(case: CaseData, resolver: Resolver, problems: list[Problem]):
    """Refrigerant equipment register (EPA SGEC screening and material-balance methods)."""
    lines, groups = [], []
    if not case.equipment:
        return lines, groups
    lib = resolver.lib
    sheet = case.sheet("Equipment")
    cols = case.columns.get("Equipment", {})
    facilities = case.facility_map()
    for eq in case.equipment:
        facility = facilities.get(eq.facility) or Facility(eq.facility)
        share = facility.share(case.info.consolidation)
        try:
            item = lib.resolve_item(eq.refrigerant)
            gas = _gas_label(item) if item else eq.refrigerant
            gwp, gsrc = resolver.gwp_of(gas, "fugitive")
            v = eq.values
            inputs = []
            if eq.method == "screening":
                eq_item = lib.resolve_item(eq.equipment)
                if eq_item is None:
                    raise LineError("engine.equipment_unknown", "equipment", item=eq.equipment)
                p = {}
                for name in ("k_install", "x_operating", "y_remaining", "z_recovery"):
                    f = lib.find("epa_sgec_screening", eq_item.id, name)
                    if f is None:
                        raise LineError("engine.no_factor", "equipment", item=eq_item.id, set="epa_sgec_screening")
                    p[name] = _as_fraction(f)
                    inputs.append(_input_from_factor(name, f))
                kg = methods.refrigerant_screening(1.0, v.get("new_charge", 0.0), p["k_install"],
                                                   v.get("operating_capacity", 0.0), p["x_operating"],
                                                   v.get("disposed_capacity", 0.0), p["y_remaining"],
                                                   p["z_recovery"])
                formula = "E = GWP × [C_new × k + C_op × x + C_disp × y × (1 − z)]"
            elif eq.method == "material_balance":
                kg = methods.refrigerant_material_balance(1.0, v.get("inventory_start", 0.0),
                                                          v.get("inventory_end", 0.0), v.get("purchased", 0.0),
                                                          v.get("sold", 0.0), v.get("capacity_start", 0.0),
                                                          v.get("capacity_end", 0.0))
                formula = "E = GWP × max(0, ΔInventory + (purchased − sold) + ΔCapacity)"
            elif eq.method == "simplified_material_balance":
                kg = methods.refrigerant_simplified_balance(1.0, v.get("new_charge", 0.0),
                                                            v.get("capacity_new", 0.0), v.get("recharge", 0.0),
                                                            v.get("disposed_capacity", 0.0),
                                                            v.get("recovered", 0.0))
                formula = "E = GWP × max(0, C_new − Cap_new + Recharge + Cap_disp − Recovered)"
            else:
                raise LineError("engine.equipment_method", "method", method=eq.method)
        except LineError as err:
            problems.append(Problem(err.code, err.params, sheet=sheet, row=eq.row,
                                    col=cols.get(err.field or "refrigerant")))
            continue
        t_gas = kg / 1000.0 * share
        tco2e = t_gas * gwp
        inputs = [Input(k, val, "kg", origin="line") for k, val in v.items()] + inputs
        inputs.append(Input("GWP", gwp, "", origin="library", note=gsrc))
        line = {
            "sheet": sheet, "row": eq.row, "facility": eq.facility, "source": "fugitive",
            "item": eq.refrigerant, "item_id": item.id if item else None, "quantity": kg / 1000.0, "unit": "t",
            "scope": 1, "share": share, "tco2e": tco2e, "gases": {gas: t_gas}, "biogenic_co2": 0.0,
            "iso_category": 1,
            "trace": {"method": "refrigerant_" + eq.method, "formula": formula,
                      "inputs": [i.to_dict() for i in inputs], "gwp": {gas: {"value": gwp, "source": gsrc}},
                      "share": share, "notes": []},
        }
        lines.append(line)
        groups.append((eq.facility, gas, tco2e, t_gas))
    return lines, groups


def _aggregate(case: CaseData, groups, line_group, extra_lines, extra_groups, warnings, lib) -> Inventory:
    info = case.info
    standard = info.standard
    scope1 = scope2_loc = scope2_mkt = scope2_line = scope3 = exported = biogenic = 0.0
    by_source: dict[str, float] = {s: 0.0 for s in SOURCE_TYPES}
    by_facility: dict[str, float] = {}
    by_gas: dict[str, dict[str, float]] = {}
    iso: dict[int, float] = {k: 0.0 for k in range(1, 7)}
    s3cat: dict[int, float] = {}
    unc_pairs = []
    unc_missing = 0
    unc_col = case.activities.options.get("uncertainty")
    parts1, parts2 = [], []

    def add_gas(scope_key, gas, mass, weighted):
        entry = by_gas.setdefault(gas, {"t": 0.0, "tco2e": 0.0})
        entry["t"] += mass
        entry["tco2e"] += weighted

    for g in groups:
        c = g.calc
        if c is None:
            continue
        loc = g.qty_sum * c.co2e_per_unit * g.share * c.sign
        t = g.tco2e
        biogenic += g.biogenic
        if g.scope == 3:
            scope3 += t
            s3cat[c.scope3_category] = s3cat.get(c.scope3_category, 0.0) + t
            iso[g.iso_category or 6] += t
            by_source[g.source] += t
            continue
        if g.scope == 1:
            scope1 += t
            iso[1] += t
            parts1.append(t)
        elif g.scope == 2:
            scope2_loc += loc
            scope2_line += t
            mk = g.qty_sum * g.market_factor if is_market_based(g.source) else loc
            scope2_mkt += mk
            iso[2] += loc
            parts2.append(t)
        else:  # exported
            exported += -loc
        by_source[g.source] += t if g.scope is not None else -loc
        contributes = g.scope in (1, 2) or (g.scope is None and standard == "gbt32150")
        if contributes:
            by_facility[g.facility] = by_facility.get(g.facility, 0.0) + t
        if contributes:
            for gas, mass in g.gases.items():
                w = methods.co2e({gas: mass}, {gas: c.gwp.get(gas, 1.0)}) if gas != "CO2e" else mass
                add_gas(g.scope, gas_group(gas) if gas != "CO2e" else "CO2e", mass, w)
        if unc_col is not None and g.scope in (1, 2):
            for i in g.lines:
                u = unc_col[i]
                x = case.activities.quantity[i] * g.line_factor
                if u is None:
                    unc_missing += 1
                else:
                    unc_pairs.append((x, u))
    for facility, gas, tco2e, t_gas in extra_groups:
        scope1 += tco2e
        iso[1] += tco2e
        by_source["fugitive"] += tco2e
        by_facility[facility] = by_facility.get(facility, 0.0) + tco2e
        add_gas(1, gas_group(gas), t_gas, tco2e)
    if standard == "gbt32150":
        # exported lines carry their negative sign in line_factor
        total = scope1 + scope2_line - exported
        for g in groups:
            if g.calc is not None and g.scope is None:
                g.tco2e = g.qty_sum * g.line_factor
    else:
        total = scope1 + scope2_loc
        for g in groups:
            if g.scope is None:
                g.line_factor = 0.0  # not deducted under the GHG Protocol / ISO 14064-1
                g.tco2e = 0.0
    totals = {
        "total": total,
        "scope1": scope1,
        "scope2_location": scope2_loc,
        "scope2_market": scope2_mkt,
        "scope3": scope3,
        "exported": exported,
        "biogenic_co2": biogenic,
    }
    if standard == "gbt32150":
        totals["scope2"] = scope2_line
    uncertainty: dict[str, Any] = {"method": "IPCC Approach 1", "lines_with_uncertainty": len(unc_pairs),
                                   "lines_without": unc_missing}
    if unc_pairs:
        uncertainty["total_percent"] = methods.uncertainty_sum(unc_pairs)
    inv = Inventory(
        case=case, standard=standard, gwp=info.gwp_set, reporting_year=info.reporting_year, groups=groups,
        line_group=line_group, totals=totals, by_source=by_source, by_facility=by_facility, by_gas=by_gas,
        iso_categories=iso, scope3_categories=dict(sorted(s3cat.items())), warnings=warnings,
        uncertainty=uncertainty, extra_lines=extra_lines,
    )
    return inv
