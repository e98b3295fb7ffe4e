"""ETS allocation and compliance position of a case, every figure with its trace.

Allocation by the plan of the case's ETS year (``carbonmgr.trading.rules``):

* a coal unit: ``A = A_e + A_h``; before 2023 ``A_e = B_e × Q_supply × F_l × F_r × F_f``,
  from 2023 ``A_e = Q_generation × B_e × F_f``; ``A_h = Q_h × B_h``;
* a gas unit: ``A_e = B_e × Q × F_r`` (before 2023) or ``Q × B_e`` (from 2023), topped up
  to its verified emissions (the gas-unit exemption);
* steel, cement, aluminium (2026): ``A = E × (1 + α)``, α from the intensity deviation
  ``X = (BP − I) / BP``;
* the entity: the sum of its units, with the plan's gap cap: topped up to 80 % of verified
  emissions (2021 on), or, in the first cycle (2019-2020), its surrender obligation capped at the
  allocation plus 20 % of verified emissions;
* pre-allocation (预分配), per unit, as each plan says: 2019-2020 ``⌊70 % × (Q_supply,2018 × B_e +
  Q_h,2018 × B_h)⌋``; 2021-2022 ``⌊70 % × E_2021⌋``; 2023-2024 ``⌊70 % × E_previous⌋``; the 2025-2026
  draft at most ``⌊50 % × E_previous⌋``; the entity's is the sum of its units', and the final
  allocation after verification trues it up (``true_up = A_final − A_pre``).

Compliance: CCER up to the plan's cap (5 % of the allowances due) and not more than still
needed; borrowing (预支) where the plan allows it (the 2021-2022 plan: an entity with a gap rate of
10 % or more may borrow up to 50 % of its gap from its 2023 pre-allocation, ``borrow_max``), the
allowances the case borrows (``borrowed``, refused above ``borrow_max``: :func:`check_position`);
``surplus = final allocation + allowances held + borrowed + CCER used − obligation``;
a shortfall's penalty under the regulation in force at the surrender deadline.

Every figure is a :class:`Figure`: value, unit, formula, inputs (with units) and the rule
(official document, part, status).  Verified emissions come from the ETS sheet or, where a
unit gives none, from the inventory's lines marked with its ``ets_unit`` inside that year's
ETS boundary.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from carbonmgr.common.errors import Problem
from carbonmgr.common.i18n import Message
from carbonmgr.inventory.ets_model import EtsData, EtsUnit
from carbonmgr.trading.rules import Plan, Rules, Source, default_rules

COAL = ("I", "II", "III")
CONVENTIONAL_COAL = ("I", "II")
SECTOR_CLASSES = ("steel", "cement", "aluminium")
ELECTRICITY_SOURCES = ("purchased_electricity",)
_MAX_TRACE_LINES = 20
_SYMBOLS = {"correction_cooling": "F_l", "correction_heat": "F_r", "correction_load": "F_f"}


def floor_t(x: float) -> int:
    """Rounded down to whole tonnes (as the plans' table notes say), after removing binary noise
    (0.795 × 3 000 000 is 2 385 000.0000000005 in floating point)."""
    return math.floor(round(x, 6))


@dataclass
class Figure:
    """One figure and its trace."""

    name: str
    value: Any
    unit: str = ""
    formula: str = ""
    inputs: list[tuple[str, Any, str]] = field(default_factory=list)  # (name, value, unit)
    source: Source | None = None
    notes: list[Message] = field(default_factory=list)

    def to_dict(self, lang: str = "en") -> dict:
        """The figure as JSON: its notes as text in ``lang`` (``notes``), as the inventory's traces give
        them, with their message ids apart (``note_ids``)."""
        out = {"value": self.value, "unit": self.unit, "formula": self.formula,
               "inputs": [{"name": n, "value": v, "unit": u} for n, v, u in self.inputs],
               "rule": self.source.to_dict() if self.source else None}
        if self.notes:
            out["notes"] = [m.render(lang) for m in self.notes]
            out["note_ids"] = [{"id": m.id, "params": _plain(m.params)} for m in self.notes]
        return out


def _plain(params: dict) -> dict:
    return {k: (v.id if isinstance(v, Message) else v) for k, v in params.items()}


@dataclass
class UnitResult:
    unit: EtsUnit
    figures: dict[str, Figure]

    def value(self, name: str) -> Any:
        f = self.figures.get(name)
        return None if f is None else f.value

    def to_dict(self, lang: str = "en") -> dict:
        u = self.unit
        out = {"unit": u.unit, "facility": u.facility, "class": u.klass}
        for name in ("benchmark_electricity", "benchmark_heat", "correction", "allocation_electricity",
                     "allocation_heat", "allocation", "verified_emissions", "top_up", "pre_allocation"):
            out[name] = self.value(name)
        out["corrections"] = {k[len("correction_"):]: f.value for k, f in self.figures.items()
                              if k.startswith("correction_")}
        out["trace"] = {k: f.to_dict(lang) for k, f in self.figures.items()}
        return out


ENTITY_FIGURES = ("allocation", "top_up", "allocation_final", "verified_emissions", "allowances_held", "ccer_max",
                  "ccer_used", "surplus", "price", "penalty_min", "penalty_max", "deadline", "pre_allocation",
                  "true_up", "obligation", "borrow_max", "borrowed")


@dataclass
class EtsResult:
    year: int
    plan: Plan
    units: list[UnitResult]
    entity: dict[str, Figure]
    notes: list[Message] = field(default_factory=list)

    def value(self, name: str) -> Any:
        f = self.entity.get(name)
        return None if f is None else f.value

    def to_dict(self, lang: str = "en") -> dict:
        """The position as JSON (``carbonmgr ets --json``); notes in ``lang``."""
        plan = self.plan
        entity = {name: self.value(name) for name in ENTITY_FIGURES}
        for name in ("gap_rate", "next_year_reduction", "banking_base"):
            if name in self.entity:
                entity[name] = self.value(name)
        entity["trace"] = {k: f.to_dict(lang) for k, f in self.entity.items()}
        return {
            "year": self.year,
            "plan": {"id": plan.id, "name": plan.document, "number": plan.number, "issued": plan.issued,
                     "draft": plan.draft, "status": plan.status, "metric": plan.metric, "boundary": plan.boundary,
                     "source": f"{plan.document} ({plan.number})"},
            "units": [u.to_dict(lang) for u in self.units],
            "entity": entity,
            "notes": [m.render(lang) for m in self.notes],
            "note_ids": [{"id": m.id, "params": _plain(m.params)} for m in self.notes],
        }


# ------------------------------------------------------------------------------- checks

def ets_year(case) -> int | None:
    info = case.info
    return info.ets_year if info.ets_year is not None else info.reporting_year


def check(case, rules: Rules | None = None) -> list[Problem]:
    """What stops the ETS calculation of ``case``, located (sheet, row, column)."""
    ets: EtsData | None = getattr(case, "ets", None)
    if ets is None or not ets.units:
        return []
    rules = rules or default_rules()
    sheet = case.sheet("ETS")
    cols = case.columns.get("ETS", {})
    year = ets_year(case)
    plan = rules.plan_for(year) if year is not None else None
    if plan is None:
        years = rules.years()
        # at the cell of the key that gives the year (ets_year, else the reporting year it defaults to)
        row = case.key_rows.get("ets_year" if case.info.ets_year is not None else "reporting_year")
        return [Problem("ets.no_plan", {"year": "-" if year is None else year, "first": years[0],
                                        "last": years[-1]}, sheet=case.sheet("Case"), row=row,
                        col=case.column("Case", "value") if row else None)]
    problems: list[Problem] = []

    def need(u: EtsUnit, fieldname: str, code: str = "ets.required", **params) -> None:
        problems.append(Problem(code, {"field": fieldname, "unit": u.unit, "year": year, **params}, sheet=sheet,
                                row=u.row or None, col=cols.get(fieldname)))

    marks = case.activities.options.get("ets_unit")
    marked = set(marks) if marks else set()
    for u in ets.units:
        if u.klass in SECTOR_CLASSES:
            if (year, u.klass) not in plan.intensity:
                problems.append(Problem("ets.sector_year", {"unit": u.unit, "year": year}, sheet=sheet,
                                        row=u.row or None, col=cols.get("class")))
                continue
            if u.verified_emissions is None and u.unit not in marked:
                need(u, "verified_emissions")
            for name in ("intensity", "balance_value"):
                if getattr(u, name) is None:
                    need(u, name)
            continue
        metric = plan.metric
        if getattr(u, metric) is None:
            need(u, metric, "ets.metric_required")
        if u.klass in COAL and plan.cooling and u.cooling is None:
            need(u, "cooling")
        if plan.heat_correction and (u.heat or 0) > 0 and u.heat_ratio is None:
            need(u, "heat_ratio")
        if _load_applies(plan, u) and u.load_factor is None:
            need(u, "load_factor")
    known = set(ets.unit_ids())
    acts = case.activities
    if marked - known - {None}:
        col = case.column("Activities", "ets_unit")
        bad = 0
        for i, mark in enumerate(marks):
            if mark is not None and mark not in known:
                bad += 1
                if bad <= 50:
                    problems.append(Problem("ets.unknown_unit", {"value": mark, "known": sorted(known)[:20]},
                                            sheet=case.sheet("Activities"), row=acts.row[i], col=col))
    return problems


def _load_applies(plan: Plan, u: EtsUnit) -> bool:
    if u.klass not in CONVENTIONAL_COAL:
        return False
    if plan.load_rule == "load_2019":  # conventional coal condensing units only
        return not (u.heat or 0) > 0 and not (u.heat_ratio or 0) > 0
    return True


def _lines_by_unit(case) -> dict[str, list[int]]:
    marks = case.activities.options.get("ets_unit")
    out: dict[str, list[int]] = {}
    if marks:
        for i in [i for i, mark in enumerate(marks) if mark is not None]:
            mark = marks[i]
            lines = out.get(mark)
            if lines is None:
                out[mark] = [i]
            else:
                lines.append(i)
    return out


# ------------------------------------------------------------------------------- emissions from lines

def unit_emissions(case, inventory, plan: Plan) -> dict[str, Figure]:
    """Each marked unit's emissions from the inventory's lines that the plan's ETS boundary
    counts: direct (scope 1) CO2, and purchased electricity where the boundary has it.

    A line's result is its quantity times its group's coefficient: quantities are summed per
    group first, so that a unit of many lines costs one multiplication per group."""
    by_unit = _lines_by_unit(case)
    out: dict[str, Figure] = {}
    if not by_unit or inventory is None:
        return out
    acts = case.activities
    qty, line_group, groups = acts.quantity, inventory.line_group, inventory.groups
    with_electricity = plan.boundary == "direct+electricity"
    coefficient: dict[int, float | None] = {}  # group -> t CO2 per unit of quantity; None: outside / failed

    def coef(gi: int) -> float | None:
        if gi not in coefficient:
            g = groups[gi]
            if g.calc is None:
                coefficient[gi] = None
            elif g.scope == 1:
                coefficient[gi] = g.gas_coefficients().get("CO2", 0.0)
            elif with_electricity and g.source in ELECTRICITY_SOURCES:
                coefficient[gi] = g.line_factor_location or g.line_factor
            else:
                coefficient[gi] = None
        return coefficient[gi]

    for unit, idx in by_unit.items():
        per_group: dict[int, list] = {}
        for i in idx:
            entry = per_group.get(line_group[i])
            if entry is None:
                per_group[line_group[i]] = [qty[i], 1]
            else:
                entry[0] += qty[i]
                entry[1] += 1
        total = 0.0
        counted = skipped = failed = 0
        for gi, (q, n) in per_group.items():
            c = coef(gi)
            if c is None:
                if groups[gi].calc is None:
                    failed += n
                else:
                    skipped += n
                continue
            counted += n
            total += q * c
        inputs: list[tuple[str, Any, str]] = []
        for i in idx:
            c = coef(line_group[i])
            if c is not None:
                inputs.append((f"row:{acts.row[i]}", qty[i] * c, "t CO2"))
                if len(inputs) == _MAX_TRACE_LINES:
                    break
        notes = [Message("ets.note.boundary_with_electricity" if with_electricity else "ets.note.boundary_direct")]
        if skipped:
            notes.append(Message("ets.note.lines_outside", {"count": skipped}))
        if failed:
            notes.append(Message("ets.note.lines_failed", {"count": failed}))
        if counted > _MAX_TRACE_LINES:
            notes.append(Message("ets.note.lines_more", {"count": counted - _MAX_TRACE_LINES}))
        out[unit] = Figure("verified_emissions", total, "t CO2", "E = Σ E_line", inputs, plan.source(), notes)
    return out


# ------------------------------------------------------------------------------- allocation

def _correction_figures(plan: Plan, u: EtsUnit) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    coal = u.klass in COAL
    if plan.cooling and coal:
        c = plan.corrections[("cooling", "coal")]
        mode = u.cooling or "water"
        out["correction_cooling"] = Figure("correction_cooling", c.params[mode], "", "F_l",
                                           [("cooling", mode, "")], c.source)
    if plan.heat_correction:
        c = plan.corrections[("heat", "coal" if coal else "gas")]
        ratio = u.heat_ratio or 0.0
        value = 1 - c.params["k"] * ratio
        out["correction_heat"] = Figure("correction_heat", value, "", f"F_r = 1 − {c.params['k']:g} × r",
                                        [("heat_ratio", ratio, "")], c.source)
    if _load_applies(plan, u):
        c = next(c for (f, _), c in plan.corrections.items() if f == "load")
        value, formula = _load_factor(plan, c.params, u.load_factor)
        out["correction_load"] = Figure("correction_load", value, "", formula, [("load_factor", u.load_factor, "")],
                                        c.source)
    return out


def _load_factor(plan: Plan, p: dict, load: float) -> tuple[float, str]:
    rule = plan.load_rule
    if rule == "load_2019":
        pct = 100 * load
        if load >= p["hi"]:
            return 1.0, f"F ≥ {p['hi']:.0%}: F_f = 1"
        if load >= p["mid"]:
            return 1 + p["a"] * (100 * p["hi"] - pct), f"F_f = 1 + {p['a']:g} × ({100 * p['hi']:g} − 100F)"
        if load >= p["lo"]:
            return p["b"] + p["c"] * (100 * p["mid"] - pct), f"F_f = {p['b']:g} + {p['c']:g} × ({100 * p['mid']:g} − 100F)"
        return p["base"] ** (p["p"] - p["q"] * load), f"F_f = {p['base']:g}^({p['p']:g} − {p['q']:g}F)"
    if rule == "load_2023":
        if load < p["below"]:
            return p["base"] ** (p["p"] - p["q"] * load), f"F < {p['below']:.0%}: F_f = {p['base']:g}^({p['p']:g} − {p['q']:g}F)"
        return 1.0, f"F ≥ {p['below']:.0%}: F_f = 1"
    pct = 100 * load  # load_2025: F in %
    if pct < p["below"]:
        value = p["a"] - p["b"] * (1 - math.exp(-pct / p["c"])) - p["d"] * (1 - math.exp(-pct / p["e"]))
        if plan.load_rounding is not None:
            value = round(value, plan.load_rounding)
        return value, (f"F < {p['below']:g}%: F_f = {p['a']:g} − {p['b']:g}(1 − e^(−F/{p['c']:g})) − "
                       f"{p['d']:g}(1 − e^(−F/{p['e']:g}))")
    return 1.0, f"F ≥ {p['below']:g}%: F_f = 1"


def _power_unit(plan: Plan, year: int, u: EtsUnit, verified: Figure | None) -> dict[str, Figure]:
    bm = plan.benchmarks[(year, u.klass)]
    figs: dict[str, Figure] = {}
    q_name = plan.metric  # supply | generation
    q = getattr(u, q_name) or 0.0
    figs["benchmark_electricity"] = Figure("benchmark_electricity", bm.electricity, "t CO2/MWh",
                                           "B_e", [], bm.source)
    figs["benchmark_heat"] = Figure("benchmark_heat", bm.heat, "t CO2/GJ", "B_h", [], bm.source)
    corr = _correction_figures(plan, u)
    figs.update(corr)
    product = 1.0
    for f in corr.values():
        product *= f.value
    symbols = " × ".join(_SYMBOLS[name] for name in corr)
    figs["correction"] = Figure("correction", product, "", symbols or "1",
                                [(f.name, f.value, "") for f in corr.values()], plan.source())
    ae = floor_t(q * bm.electricity * product)
    q_sym = "Q_supply" if q_name == "supply" else "Q_e"
    figs["allocation_electricity"] = Figure(
        "allocation_electricity", ae, "t CO2", f"A_e = ⌊{q_sym} × B_e" + (" × F" if corr else "") + "⌋",
        [(q_name, q, "MWh"), ("benchmark_electricity", bm.electricity, "t CO2/MWh"), ("correction", product, "")],
        plan.source(bm.source.part))
    qh = u.heat or 0.0
    ah = floor_t(qh * bm.heat)
    figs["allocation_heat"] = Figure("allocation_heat", ah, "t CO2", "A_h = ⌊Q_h × B_h⌋",
                                     [("heat", qh, "GJ"), ("benchmark_heat", bm.heat, "t CO2/GJ")],
                                     plan.source(bm.source.part))
    a = ae + ah
    figs["allocation"] = Figure("allocation", a, "t CO2", "A = A_e + A_h",
                                [("allocation_electricity", ae, "t CO2"), ("allocation_heat", ah, "t CO2")],
                                plan.source())
    top = 0
    notes: list[Message] = []
    if u.klass == "gas" and plan.gas_exemption:
        if verified is None:
            notes.append(Message("ets.note.gas_no_verified"))
        elif a < verified.value:
            top = floor_t(verified.value - a)
            notes.append(Message("ets.note.gas_exemption"))
    figs["top_up"] = Figure("top_up", top, "t CO2",
                            "max(0, ⌊E − A⌋)" if u.klass == "gas" and plan.gas_exemption else "0",
                            [("verified_emissions", None if verified is None else verified.value, "t CO2"),
                             ("allocation", a, "t CO2")], plan.source(), notes)
    return figs


def _sector_unit(plan: Plan, year: int, u: EtsUnit, verified: Figure) -> dict[str, Figure]:
    rule = plan.intensity[(year, u.klass)]
    e = verified.value
    x = (u.balance_value - u.intensity) / u.balance_value
    if x >= rule.x_high:
        alpha, formula = rule.alpha_high, f"X ≥ {rule.x_high:.0%}: α = {rule.alpha_high:+g}"
    elif x <= rule.x_low:
        alpha, formula = rule.alpha_low, f"X ≤ {rule.x_low:.0%}: α = {rule.alpha_low:+g}"
    else:
        alpha, formula = rule.slope * x, f"α = {rule.slope:g} X"
    figs = {
        "deviation": Figure("deviation", x, "", "X = (BP − I) / BP",
                            [("balance_value", u.balance_value, "t CO2e/t"), ("intensity", u.intensity, "t CO2e/t")],
                            rule.source),
        "correction": Figure("correction", 1 + alpha, "", "1 + α; " + formula, [("deviation", x, "")], rule.source),
        "benchmark_electricity": Figure("benchmark_electricity", None),
        "benchmark_heat": Figure("benchmark_heat", None),
        "allocation_electricity": Figure("allocation_electricity", None),
        "allocation_heat": Figure("allocation_heat", None),
    }
    a = floor_t(e * (1 + alpha))
    figs["allocation"] = Figure("allocation", a, "t CO2e", "A = ⌊E × (1 + α)⌋",
                                [("verified_emissions", e, "t CO2e"), ("correction", 1 + alpha, "")], rule.source)
    figs["top_up"] = Figure("top_up", 0, "t CO2e", "0", [], plan.source())
    return figs


def pre_allocation(plan: Plan, year: int, u: EtsUnit, verified: Figure | None) -> Figure:
    """The unit's pre-allocation (预分配) as its plan says (china-addendum §2.3, china.md §4.3), rounded
    down to whole tonnes; None with a note saying what is missing."""
    share = plan.pre_allocation
    src = plan.source()
    notes: list[Message] = []
    if share is None:
        return Figure("pre_allocation", None, "t CO2", "", [], src, [Message("ets.note.pre_none")])
    if plan.pre_allocation_upto:
        notes.append(Message("ets.note.pre_upto", {"share": f"{share:.0%}"}))
    if u.klass in SECTOR_CLASSES:
        return Figure("pre_allocation", None, "t CO2e", "", [], src, [Message("ets.note.pre_sector")])
    basis = plan.pre_allocation_basis
    if basis == "output_2018":
        bm = plan.benchmarks[(year, u.klass)]
        if u.basis_supply is None:
            return Figure("pre_allocation", None, "t CO2", "", [], src,
                          [Message("ets.note.pre_missing", {"field": Message("ets.field.basis_supply"),
                                                            "year": 2018})])
        qh = u.basis_heat or 0.0
        value = floor_t(share * (u.basis_supply * bm.electricity + qh * bm.heat))
        return Figure("pre_allocation", value, "t CO2",
                      f"⌊{share:g} × (Q_supply,2018 × B_e + Q_h,2018 × B_h)⌋",
                      [("basis_supply", u.basis_supply, "MWh"), ("benchmark_electricity", bm.electricity, "t CO2/MWh"),
                       ("basis_heat", qh, "GJ"), ("benchmark_heat", bm.heat, "t CO2/GJ")], plan.source(bm.source.part),
                      notes + [Message("ets.note.pre_basis", {"year": 2018})])
    basis_year = 2021 if basis == "verified_2021" else year - 1
    if basis_year == year:  # 2021: the unit's own verified emissions of the year
        e = None if verified is None else verified.value
        name = "verified_emissions"
    else:
        e, name = u.basis_emissions, "basis_emissions"
    if e is None:
        return Figure("pre_allocation", None, "t CO2", "", [], src,
                      notes + [Message("ets.note.pre_missing", {"field": Message(f"ets.field.{name}"),
                                                                "year": basis_year})])
    return Figure("pre_allocation", floor_t(share * e), "t CO2", f"⌊{share:g} × E_{basis_year}⌋",
                  [(name, e, "t CO2")], src, notes + [Message("ets.note.pre_basis", {"year": basis_year})])


def compute(case, inventory=None, rules: Rules | None = None) -> EtsResult | None:
    """The allocation and the compliance position of ``case`` (None: the case has no ETS data).
    Call :func:`check` first: this assumes the data it needs is there."""
    ets: EtsData | None = getattr(case, "ets", None)
    if ets is None or not ets.units:
        return None
    rules = rules or default_rules()
    year = ets_year(case)
    plan = rules.plan_for(year)
    from_lines = unit_emissions(case, inventory, plan)
    units: list[UnitResult] = []
    notes: list[Message] = []
    if plan.draft:
        notes.append(Message("ets.note.draft"))
    for u in ets.units:
        if u.verified_emissions is not None:
            verified = Figure("verified_emissions", u.verified_emissions, "t CO2", "E",
                              [("verified_emissions", u.verified_emissions, "t CO2")], None,
                              [Message("ets.note.verified_given")])
        else:
            verified = from_lines.get(u.unit)
        if u.klass in SECTOR_CLASSES:
            figs = _sector_unit(plan, year, u, verified)
        else:
            figs = _power_unit(plan, year, u, verified)
        figs["verified_emissions"] = verified or Figure("verified_emissions", None, "t CO2", "", [], None,
                                                        [Message("ets.note.no_verified")])
        figs["pre_allocation"] = pre_allocation(plan, year, u, figs["verified_emissions"])
        units.append(UnitResult(u, figs))
    entity = _entity(case, plan, rules, year, units, notes)
    return EtsResult(year, plan, units, entity, notes)


def _entity(case, plan: Plan, rules: Rules, year: int, units: list[UnitResult], notes: list[Message]
            ) -> dict[str, Figure]:
    info = case.info
    src = plan.source()
    figs: dict[str, Figure] = {}
    initial = sum(u.value("allocation") + u.value("top_up") for u in units)
    figs["allocation"] = Figure("allocation", initial, "t CO2", "Σ (A + ΔA)",
                                [("unit:" + u.unit.unit, u.value("allocation") + u.value("top_up"), "t CO2") for u in units],
                                src)
    verified_known = all(u.value("verified_emissions") is not None for u in units)
    v = sum(u.value("verified_emissions") for u in units) if verified_known else None
    figs["verified_emissions"] = Figure("verified_emissions", v, "t CO2", "Σ E",
                                        [("unit:" + u.unit.unit, u.value("verified_emissions"), "t CO2") for u in units], src,
                                        [] if verified_known else [Message("ets.note.no_verified")])
    top = 0
    obligation = v
    cap_notes: list[Message] = []
    capped = False
    if plan.gap_cap is None:
        cap_notes.append(Message("ets.note.no_gap_cap"))
    elif v is not None and v > 0:
        gap = round((v - initial) / v * 100, 2)
        figs["gap_rate"] = Figure("gap_rate", gap, "%", "(E − A) / E × 100", [("verified_emissions", v, "t CO2"),
                                                                           ("allocation", initial, "t CO2")], src)
        if initial < plan.gap_cap * v:
            capped = True
            if plan.gap_cap_form == "top_up":
                top = floor_t(plan.gap_cap * v - initial)
                cap_notes.append(Message("ets.note.gap_cap", {"cap": f"{plan.gap_cap:.0%}"}))
            else:
                obligation = initial + (1 - plan.gap_cap) * v
    top_up_form = plan.gap_cap is not None and plan.gap_cap_form == "top_up"
    figs["top_up"] = Figure("top_up", top, "t CO2",
                            f"max(0, ⌊{plan.gap_cap:g} × E − A⌋)" if top_up_form else "0",
                            [("verified_emissions", v, "t CO2"), ("allocation", initial, "t CO2")], src, cap_notes)
    final = initial + top
    figs["allocation_final"] = Figure("allocation_final", final, "t CO2", "A + ΔA",
                                      [("allocation", initial, "t CO2"), ("top_up", top, "t CO2")], src)
    _pre_and_true_up(figs, units, final, src)
    if plan.gap_cap is not None and plan.gap_cap_form == "obligation":
        ob_notes = [Message("ets.note.gap_cap_obligation", {"share": f"{1 - plan.gap_cap:.0%}"})] if capped else []
        figs["obligation"] = Figure("obligation", obligation, "t",
                                    f"min(E, A + {1 - plan.gap_cap:.2g} × E)",
                                    [("verified_emissions", v, "t CO2"), ("allocation", initial, "t CO2")], src,
                                    ob_notes)
    else:
        figs["obligation"] = Figure("obligation", obligation, "t", "= E", [("verified_emissions", v, "t CO2")], src)
    held = info.allowances_held or 0.0
    figs["allowances_held"] = Figure("allowances_held", held, "t", "", [("allowances_held", held, "t")], None)
    borrowed = info.allowances_borrowed or 0.0
    figs["borrow_max"] = _borrow_max(figs, rules, plan, v, initial, final, obligation)
    figs["borrowed"] = Figure("borrowed", borrowed, "t", "", [("allowances_borrowed", borrowed, "t")], None)
    offered = info.ccer_offered or 0.0
    price = info.carbon_price
    figs["price"] = Figure("price", price, "CNY/t", "", [("carbon_price", price, "CNY/t")], None,
                           [Message("ets.note.price")])
    dl = rules.deadlines[year]
    figs["deadline"] = Figure("deadline", dl.date.isoformat(), "", "", [], dl.source,
                              [Message("ets.note.partial_deadline", {"share": f"{dl.partial_share:.0%}",
                                                                     "date": dl.partial_date.isoformat()})]
                              if dl.partial_date else [])
    if v is None:
        for name in ("ccer_max", "ccer_used", "surplus", "penalty_min", "penalty_max"):
            figs[name] = Figure(name, None, "", "", [], None, [Message("ets.note.no_verified")])
        return figs
    ccer_src = plan.offset.source
    ccer_max = floor_t(plan.offset.cap * obligation)
    figs["ccer_max"] = Figure("ccer_max", ccer_max, "t", f"⌊{plan.offset.cap:g} × O⌋",
                              [("obligation", obligation, "t")], ccer_src)
    need = max(0.0, obligation - final - held - borrowed)
    used = min(offered, ccer_max, need)
    figs["ccer_used"] = Figure("ccer_used", used, "t", "min(CCER, CCER_max, max(0, O − A_final − H − B))",
                               [("ccer_offered", offered, "t"), ("ccer_max", ccer_max, "t"), ("need", need, "t")],
                               ccer_src)
    surplus = final + held + borrowed + used - obligation
    figs["surplus"] = Figure("surplus", surplus, "t", "A_final + H + B + CCER_used − O",
                             [("allocation_final", final, "t"), ("allowances_held", held, "t"),
                              ("borrowed", borrowed, "t"), ("ccer_used", used, "t"), ("obligation", obligation, "t")],
                             src, _surplus_notes(rules, plan, borrowed))
    _penalty(figs, rules, dl.date, surplus, price)
    _banking(figs, rules, plan, year, surplus)
    return figs


def _surplus_notes(rules: Rules, plan: Plan, borrowed: float) -> list[Message]:
    b = rules.borrowing.get(plan.id)
    if not borrowed or b is None or not b.allowed:
        return []
    return [Message("ets.note.surplus_borrowed", {"year": b.from_year})]


def _borrow_max(figs: dict[str, Figure], rules: Rules, plan: Plan, v: float | None, initial: int, final: int,
                obligation: float | None) -> Figure:
    """What the entity may borrow (预支) to surrender, as its plan says (china-addendum §2.3): under the
    2021-2022 plan, with a gap rate ``(E − A) / E`` (the ``gap_rate`` figure, before the gap cap's top-up)
    of 10 % or more, up to 50 % of the gap it still has to cover, ``O − A_final`` (after the top-up: the
    top-up is free allocation too), from its 2023 pre-allocation; rounded down to whole tonnes as the
    plan rounds allocations. Zero, with a note, where the plan does not allow it or the gap is below
    the threshold; None when the verified emissions are unknown."""
    b = rules.borrowing.get(plan.id)
    if b is None or not b.allowed:
        src = b.source if b is not None else plan.source()
        return Figure("borrow_max", 0, "t", "0", [], src, [Message("ets.note.borrow_none")])
    if v is None or obligation is None:
        return Figure("borrow_max", None, "t", "", [], b.source, [Message("ets.note.no_verified")])
    threshold = f"{b.threshold:.0%}"
    rate = figs["gap_rate"].value if "gap_rate" in figs else None
    gap = max(0.0, obligation - final)
    inputs = [("gap_rate", rate, "%"), ("obligation", obligation, "t"), ("allocation_final", final, "t")]
    formula = f"(E − A) / E ≥ {threshold}: ⌊{b.share:g} × max(0, O − A_final)⌋"
    # the threshold on the exact rate (the figure shows it rounded to 2 decimals)
    if v <= 0 or (v - initial) < b.threshold * v - 1e-9:
        return Figure("borrow_max", 0, "t", formula, inputs, b.source,
                      [Message("ets.note.borrow_below", {"threshold": threshold})])
    value = floor_t(b.share * gap)
    return Figure("borrow_max", value, "t", formula, inputs, b.source,
                  [Message("ets.note.borrow_rule", {"threshold": threshold, "share": f"{b.share:.0%}",
                                                    "year": b.from_year})])


def check_position(case, result: "EtsResult") -> list[Problem]:
    """What the case says that its computed position refuses, located at the Case key: allowances
    borrowed where the plan does not allow borrowing, or more than ``borrow_max``."""
    borrowed = case.info.allowances_borrowed
    if not borrowed:
        return []
    fig = result.entity.get("borrow_max")
    if fig is None or fig.value is None:
        return []
    row = case.key_rows.get("allowances_borrowed")
    where = {"sheet": case.sheet("Case"), "row": row, "col": case.column("Case", "value") if row else None}
    plan = result.plan
    if not plan.borrowing:
        return [Problem("ets.borrow_not_allowed", {"borrowed": fmt_t(borrowed), "year": result.year,
                                                   "plan": plan.document}, **where)]
    if borrowed > fig.value:
        rate = result.value("gap_rate")
        return [Problem("ets.borrow_above_max", {"borrowed": fmt_t(borrowed), "max": fmt_t(fig.value),
                                                 "rate": "-" if rate is None else f"{rate:g} %"}, **where)]
    return []


def fmt_t(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _pre_and_true_up(figs: dict[str, Figure], units: list[UnitResult], final: int, src) -> None:
    """The entity's pre-allocation (the sum of its units') and what the final allocation after
    verification issues beyond it (negative: returned)."""
    values = [u.value("pre_allocation") for u in units]
    inputs = [("unit:" + u.unit.unit, u.value("pre_allocation"), "t CO2") for u in units]
    if any(x is None for x in values):
        figs["pre_allocation"] = Figure("pre_allocation", None, "t CO2", "Σ A_pre", inputs, src,
                                        [Message("ets.note.pre_incomplete")])
        figs["true_up"] = Figure("true_up", None, "t CO2", "A_final − A_pre", [("allocation_final", final, "t CO2")],
                                 src, [Message("ets.note.pre_incomplete")])
        return
    pre = sum(values)
    figs["pre_allocation"] = Figure("pre_allocation", pre, "t CO2", "Σ A_pre", inputs, src)
    figs["true_up"] = Figure("true_up", final - pre, "t CO2", "A_final − A_pre",
                             [("allocation_final", final, "t CO2"), ("pre_allocation", pre, "t CO2")], src,
                             [Message("ets.note.true_up")])


def _penalty(figs: dict[str, Figure], rules: Rules, deadline, surplus: float, price: float | None) -> None:
    rule = rules.penalty_at(deadline)
    shortfall = max(0.0, -surplus)
    if rule is None:
        for name in ("penalty_min", "penalty_max"):
            figs[name] = Figure(name, None, "CNY", "", [], None, [Message("ets.note.no_penalty_rule")])
        return
    notes: list[Message] = []
    if shortfall == 0:
        low = high = 0.0
        formula = "0"
    elif rule.kind == "fixed":
        low, high = rule.low, rule.high
        formula = f"{rule.low:,.0f} … {rule.high:,.0f}"
    elif price is None:
        low = high = None
        formula = f"{rule.low:g}…{rule.high:g} × P × ΔQ"
        notes.append(Message("ets.note.no_price"))
    else:
        low, high = rule.low * price * shortfall, rule.high * price * shortfall
        formula = f"{rule.low:g}…{rule.high:g} × P × ΔQ"
    inputs = [("shortfall", shortfall, "t"), ("price", price, "CNY/t")]
    figs["penalty_min"] = Figure("penalty_min", low, "CNY", formula, inputs, rule.source, notes)
    figs["penalty_max"] = Figure("penalty_max", high, "CNY", formula, inputs, rule.source)
    if shortfall > 0:
        if rule.refusal_until is not None and deadline > rule.refusal_until:
            figs["next_year_reduction"] = Figure("next_year_reduction", None, "t", "", [("shortfall", shortfall, "t")],
                                                 rule.source, [Message("ets.note.no_new_reduction")])
        else:
            figs["next_year_reduction"] = Figure("next_year_reduction", shortfall, "t", "= ΔQ",
                                                 [("shortfall", shortfall, "t")], rule.source,
                                                 [Message("ets.note.refusal")])


def _banking(figs: dict[str, Figure], rules: Rules, plan: Plan, year: int, surplus: float) -> None:
    b = rules.banking[plan.id]
    if b.rule == "carry_2025":
        base = floor_t(min(max(surplus, 0.0), b.base))
        figs["banking_base"] = Figure(
            "banking_base", base, "t", f"min(max(0, S), {b.base:,.0f}); T = {b.base:,.0f} + {b.ratio:g} × NS",
            [("surplus", surplus, "t")], b.source,
            [Message("ets.note.banking_carry", {"base": f"{b.base:,.0f}", "ratio": f"{b.ratio:g}",
                                                "start": b.net_sales_from, "end": b.net_sales_to,
                                                "holdings": b.holdings_date, "until": b.apply_until})])
    elif b.rule == "vintage_2025":
        figs["banking_base"] = Figure("banking_base", None, "t", "", [], b.source,
                                      [Message("ets.note.banking_vintage")])
    else:
        figs["banking_base"] = Figure("banking_base", None, "t", "", [], b.source, [Message("ets.note.banking_none")])
