"""Grading the ETS part of an exercise: the trainee's ETS inputs and their answers (allocation,
compliance position, CCER use, penalty, the cost of the paths to compliance) against the key.

How (docs/exercise-workbook.md, "ETS exercises"):

1. **Inputs** are compared with the key's, one finding each, the first difference of a chain:
   the ETS year (its plan and benchmarks: ``wrong_benchmark``); per unit, its class
   (``wrong_benchmark``), then the quantity the plan allocates on and the heat supplied
   (``wrong_output``), then the correction factor its inputs give (``wrong_correction``); the
   entity's verified emissions against what the trainee's own inventory gives inside the ETS
   boundary of the year (``wrong_boundary`` when the difference is purchased electricity on
   the wrong side of the boundary, else ``wrong_verified``); the carbon price (``wrong_price``);
   the allowances held, those borrowed and the CCER offered (``wrong_holdings``; the borrowed count
   with the held below, as the engine's surplus counts them).
2. **Answers** (Case keys ``my_allocation``, ``my_ccer_used``, ``my_surplus``, ``my_penalty_min``,
   ``my_penalty_max``, ``my_cost_buy``, ``my_cost_ccer``, ``my_cost_abate``, ``my_cheapest``;
   asked when the key's Case sheet holds them) are judged on the trainee's own inputs and their
   own earlier answers, so that one mistake is one finding: the allocation by the engine on
   the trainee's ETS data (a wrong answer reproduced by a correction factor the plan does not
   have or leaves out is ``wrong_correction``, by another class's or year's benchmark
   ``wrong_benchmark``, else ``wrong_allocation``); the CCER used within the cap and the need
   left by their allocation (``ccer_over_cap`` above the cap, else ``wrong_ccer``); the surplus
   from their allocation and CCER (``wrong_position``); the penalty from their shortfall and
   price (``wrong_penalty``); each path's cost from their shortfall (``wrong_cost``); the
   cheapest of their own costs (``wrong_choice``).

Qt-free; the rules come from :mod:`carbonmgr.trading.rules` and the figures from
:mod:`carbonmgr.trading.ets`.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Any

from carbonmgr.common.i18n import Message
from carbonmgr.inventory.model import CaseData
from carbonmgr.training.findings import Finding, Text

# Points of the ETS checks (docs/exercise-workbook.md): an input as a case setting, an answer as a key source.
INPUT_POINTS = 5.0
ANSWER_POINTS = 10.0
TOLERANCE = 1e-4  # relative (allocations are whole tonnes: 1 t, 1 CNY is always tolerated)

# The answers a trainee gives as Case keys, in the order of the chain (input vocabulary: both languages).
ANSWER_KEYS: dict[str, tuple[str, ...]] = {
    "my_allocation": ("我的配额", "我的最终配额", "my final allocation"),
    "my_ccer_used": ("我的CCER使用量", "我的CCER抵销量", "my ccer"),
    "my_surplus": ("我的盈缺", "我的配额盈缺", "my position"),
    "my_penalty_min": ("我的罚款下限",),
    "my_penalty_max": ("我的罚款上限",),
    "my_cost_buy": ("我的购买配额成本",),
    "my_cost_ccer": ("我的CCER路径成本",),
    "my_cost_abate": ("我的减排路径成本",),
    "my_cheapest": ("我的最低成本路径",),
}
CCER_PRICE_KEYS = ("ccer_price", "CCER价格", "ccer价格")
PATHS: dict[str, tuple[str, ...]] = {"buy": ("购买配额", "买配额", "购买"), "ccer": ("使用CCER", "CCER抵销"),
                                     "abate": ("减排", "自主减排")}
ETS_KINDS = ("wrong_benchmark", "wrong_output", "wrong_correction", "wrong_boundary", "wrong_verified",
             "wrong_price", "wrong_holdings", "wrong_allocation", "ccer_over_cap", "wrong_ccer", "wrong_position",
             "wrong_penalty", "wrong_cost", "wrong_choice")
_COST_KEYS = ("my_cost_buy", "my_cost_ccer", "my_cost_abate")
# Rubric targets of the ETS checks besides the units (``ETS!<row>``) and the answers (their Case keys):
# target -> accepted names (docs/exercise-workbook.md, "ETS exercises")
INPUT_TARGETS: dict[str, tuple[str, ...]] = {
    "ets_year": ("配额年度", "履约年度"), "verified_emissions": ("核查排放量", "经核查排放量"),
    "carbon_price": ("碳价",), "holdings": ("持有量", "allowances_held", "ccer_offered", "allowances_borrowed", "持有配额",
                                          "CCER", "预支配额"),
}
# the Case keys a finding can be on (the trainee's field of an ETS input or answer)
_CASE_FIELDS = ("ets_year", "carbon_price", "allowances_held", "ccer_offered", "allowances_borrowed", *ANSWER_KEYS)
# a correction factor -> the unit's input that gives it
_CORRECTION_INPUT = {"load": "load_factor", "cooling": "cooling", "heat": "heat_ratio"}


def unit_target(unit) -> str:
    """The Rubric target of a key unit's input check: ``ETS!<row>`` (its row of the key's ETS sheet)."""
    return f"ETS!{unit.row}"


def _fold(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).lower().replace("_", " ").split())


_ANSWER_OF = {_fold(n): key for key, names in ANSWER_KEYS.items() for n in (key, *names)}
_PATH_OF = {_fold(n): key for key, names in PATHS.items() for n in (key, *names)}


def answers(case: CaseData) -> dict[str, Any]:
    """The ETS answers of a case (Case keys ``my_allocation`` …): numbers, and the path named."""
    out: dict[str, Any] = {}
    for key, value in case.info.extra.items():
        name = _ANSWER_OF.get(_fold(key))
        if name is None or value in (None, "") or name in out:
            continue
        if name == "my_cheapest":
            out[name] = _PATH_OF.get(_fold(value), str(value).strip())
            continue
        number = _number(value)
        if number is not None:
            out[name] = number
        else:
            out[name] = str(value)
    return out


def ccer_price(case: CaseData) -> float | None:
    folded = {_fold(n) for n in CCER_PRICE_KEYS}
    for key, value in case.info.extra.items():
        if _fold(key) in folded:
            return _number(value)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def has_ets(case: CaseData) -> bool:
    ets = getattr(case, "ets", None)
    return bool(ets and ets.units)


class _Source(Message):
    """The rule of a finding: an ETS rule's official document and part, named in the language of
    the message around it."""

    def __init__(self, source):
        super().__init__("", {"source": source})

    def render(self, lang: str = "en") -> str:
        from carbonmgr.common.i18n import translate

        s = self.params["source"]
        text = " ".join(f"{s.document} {s.number} {s.part}".split())
        return text + (" — " + translate("ets.label.draft", lang) if s.draft else "")

    def __bool__(self) -> bool:
        return self.params["source"] is not None


def _qty(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:,.2f}"
    else:
        text = f"{value:,.6g}"
    return f"{text} {unit}".strip()


def _close(a: float | None, b: float | None, tol: float = TOLERANCE, slack: float = 1.0) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(slack, tol * max(abs(a), abs(b)))


@dataclass
class _Own:
    """The trainee's own ETS figures (from their inputs) and what their answers give."""

    result: Any  # EtsResult or None
    verified: float | None


class EtsGrader:
    """Grades the ETS part of submissions against an exercise's key (built once per key)."""

    def __init__(self, exercise, lib, key_inv, facility_names: dict[str, str]):
        from carbonmgr.trading import ets
        from carbonmgr.trading.rules import default_rules

        self.ex = exercise
        self.key = exercise.key
        self.lib = lib
        self.rules = default_rules()
        self.key_result = ets.compute(self.key, key_inv, self.rules)
        self.asked = [k for k in ANSWER_KEYS if k in answers(self.key)]
        self.ccer_price = ccer_price(self.key)
        self.measures = _measures({d.sheet: d.rows for d in exercise.documents} or self.key.documents)
        self.fac_names = facility_names
        self.tolerance = TOLERANCE
        self.rubric = getattr(exercise, "rubric", None)

    # -- points ----------------------------------------------------------------------------------
    def _points(self, target: str, default: float) -> float:
        """The points of an ETS check: its Rubric row's (target ``ETS!<row>``, a Case key, ``verified_emissions``,
        ``holdings``), else the ETS default (docs/exercise-workbook.md, "ETS exercises")."""
        row = self.rubric.row(target) if self.rubric is not None else None
        return row.points if row is not None and row.points is not None else default

    def input_targets(self) -> list[str]:
        """The input checks, by their Rubric targets: the year, each key unit, the verified emissions,
        the price, the holdings."""
        return ["ets_year", *(unit_target(u) for u in self.key.ets.units), "verified_emissions", "carbon_price",
                "holdings"]

    def points_possible(self) -> float:
        return (sum(self._points(t, INPUT_POINTS) for t in self.input_targets())
                + sum(self._points(t, ANSWER_POINTS) for t in self.asked))

    # -- one submission --------------------------------------------------------------------------
    def grade(self, case: CaseData, inv, fmap: dict[str, str]) -> list[Finding]:
        from carbonmgr.trading import ets

        key, kr = self.key, self.key_result
        plan = kr.plan
        if not has_ets(case):
            return [self._finding("wrong_output", "ets.grade.no_ets", {"rule": _Source(plan.source())},
                                  self.points_possible(), sheet="ETS", target="")]
        out: list[Finding] = []
        # the ETS year: its plan and benchmarks
        key_year, my_year = ets.ets_year(key), ets.ets_year(case)
        year_ok = key_year == my_year
        if not year_ok:
            out.append(self._finding("wrong_benchmark", "ets.grade.wrong_year",
                                     {"have": "-" if my_year is None else str(my_year), "expected": str(key_year),
                                      "rule": _Source(plan.source())}, INPUT_POINTS, sheet="Case",
                                     target="ets_year"))
        # each unit: class, then output, then the correction its inputs give
        problems = ets.check(case, self.rules)
        own = None
        if not problems:
            own = ets.compute(case, inv, self.rules)
        out += self._units(case, own, year_ok)
        # verified emissions, against the trainee's own inventory inside the boundary
        expected_v, electricity = self._inventory_verified(case, inv, fmap)
        my_v = own.value("verified_emissions") if own is not None else None
        f = self._verified(my_v, expected_v, electricity)
        if f is not None:
            out.append(f)
        v = my_v if my_v is not None else expected_v
        # price and holdings
        info, kinfo = case.info, key.info
        if not _close(info.carbon_price, kinfo.carbon_price, slack=0.005):
            out.append(self._finding("wrong_price", "ets.grade.wrong_price",
                                     {"have": _qty(info.carbon_price, "CNY/t"),
                                      "expected": _qty(kinfo.carbon_price, "CNY/t"),
                                      "rule": _Source(self._penalty_source(plan, key_year))}, INPUT_POINTS,
                                     sheet="Case", target="carbon_price"))
        for name in ("allowances_held", "allowances_borrowed", "ccer_offered"):
            if not _close(getattr(info, name) or 0.0, getattr(kinfo, name) or 0.0):
                out.append(self._finding("wrong_holdings", "ets.grade.wrong_holdings",
                                         {"field": Message(f"ets.field.{name}"),
                                          "have": _qty(getattr(info, name), "t"),
                                          "expected": _qty(getattr(kinfo, name) or 0.0, "t"),
                                          "rule": _Source(plan.source())},
                                         INPUT_POINTS, sheet="Case", target="holdings", field=name))
                break
        # answers, on the trainee's own inputs and earlier answers
        if self.asked:
            if own is None:
                p = problems[0] if problems else None
                out.append(self._finding("wrong_output", "ets.grade.incomplete",
                                         {"problem": Text(p.render("zh"), p.render("en")) if p is not None else "-",
                                          "rule": _Source(plan.source())},
                                         sum(self._points(t, ANSWER_POINTS) for t in self.asked), sheet="ETS",
                                         target=""))
            else:
                out += self._answers(case, own, v)
        return out

    # -- inputs ----------------------------------------------------------------------------------
    def _units(self, case: CaseData, own, year_ok: bool) -> list[Finding]:
        kr = self.key_result
        plan = kr.plan
        mine = list(case.ets.units)
        by_id = {_fold(u.unit): u for u in mine}
        own_units = {id(u.unit): u for u in own.units} if own is not None else {}
        out = []
        for n, ku in enumerate(kr.units):
            k = ku.unit
            m = by_id.get(_fold(k.unit)) or (mine[n] if n < len(mine) and _fold(mine[n].unit) not in
                                             {_fold(x.unit.unit) for x in kr.units} else None)
            where = {"unit": k.unit, "rule": _Source(plan.source())}
            if m is None:
                out.append(self._unit_finding("wrong_output", "ets.grade.missing_unit", k, None, where, "unit"))
                continue
            if m.klass != k.klass:
                bm = plan.benchmarks.get((kr.year, k.klass))
                out.append(self._unit_finding("wrong_benchmark", "ets.grade.wrong_class", k, m, {
                    **where, "have": Message(f"ets.class.{m.klass}"), "expected": Message(f"ets.class.{k.klass}"),
                    "rule": _Source(bm.source if bm else plan.source())}, "klass"))
                continue
            metric = plan.metric
            diff = None
            for name in (metric, "heat"):
                if not _close(getattr(m, name) or 0.0, getattr(k, name) or 0.0):
                    diff = name
                    break
            if diff is not None:
                out.append(self._unit_finding("wrong_output", "ets.grade.wrong_output", k, m, {
                    **where, "field": Message(f"ets.field.{diff}"),
                    "have": _qty(getattr(m, diff), "GJ" if diff == "heat" else "MWh"),
                    "expected": _qty(getattr(k, diff), "GJ" if diff == "heat" else "MWh")}, diff))
                continue
            mu = own_units.get(id(m))
            if year_ok and mu is not None:
                kc, mc = ku.value("correction"), mu.value("correction")
                if kc is not None and mc is not None and not _close(kc, mc, 1e-6, 1e-9):
                    names = [n[len("correction_"):] for n in ku.figures if n.startswith("correction_")]
                    src = next((f.source for n, f in ku.figures.items() if n.startswith("correction_")),
                               plan.source())
                    field = next((_CORRECTION_INPUT[n] for n in names if n in _CORRECTION_INPUT), "load_factor")
                    out.append(self._unit_finding("wrong_correction", "ets.grade.wrong_correction_input", k, m, {
                        **where, "have": f"{mc:.6f}", "expected": f"{kc:.6f}",
                        "inputs": ", ".join(names) or "-", "rule": _Source(src)}, field))
        return out

    def _inventory_verified(self, case: CaseData, inv, fmap) -> tuple[float | None, float]:
        """(direct CO2 of the trainee's lines at the ETS units' facilities, plus purchased electricity
        where the year's boundary counts it; the purchased electricity's emissions on its own)."""
        if inv is None:
            return None, 0.0
        facilities = {u.facility for u in case.ets.units if u.facility}
        acts = case.activities
        direct = electricity = 0.0
        for i in range(len(acts)):
            if facilities and acts.facility[i] not in facilities:
                continue
            g = inv.groups[inv.line_group[i]]
            if g.calc is None:
                continue
            q = acts.quantity[i] or 0.0
            if g.scope == 1:
                direct += q * g.gas_coefficients().get("CO2", 0.0)
            elif g.source == "purchased_electricity":
                electricity += q * (g.line_factor_location or g.line_factor or 0.0)
        with_electricity = self.key_result.plan.boundary == "direct+electricity"
        return direct + (electricity if with_electricity else 0.0), electricity

    def _verified(self, mine: float | None, expected: float | None, electricity: float) -> Finding | None:
        plan = self.key_result.plan
        if expected is None or _close(mine, expected):
            return None
        with_electricity = plan.boundary == "direct+electricity"
        params = {"have": _qty(mine, "t CO2") if mine is not None else Message("grade.value.nothing"),
                  "expected": _qty(expected, "t CO2"), "rule": _Source(plan.source())}
        if mine is not None and electricity > 0:
            wrong = expected - electricity if with_electricity else expected + electricity
            if _close(mine, wrong):
                return self._finding("wrong_boundary", "ets.grade.wrong_boundary_in" if not with_electricity
                                     else "ets.grade.wrong_boundary_out",
                                     {**params, "electricity": _qty(electricity, "t CO2")}, INPUT_POINTS,
                                     sheet="ETS", target="verified_emissions")
        return self._finding("wrong_verified", "ets.grade.wrong_verified", params, INPUT_POINTS, sheet="ETS",
                             target="verified_emissions")

    # -- answers ---------------------------------------------------------------------------------
    def _answers(self, case: CaseData, own, v: float | None) -> list[Finding]:
        out: list[Finding] = []
        mine = answers(case)
        asked = self.asked
        plan = own.plan
        info = case.info
        # the allowances borrowed (2021-2022 plan) are surrendered like those held: one holding here
        held = (info.allowances_held or 0.0) + (info.allowances_borrowed or 0.0)
        offered = info.ccer_offered or 0.0
        price = info.carbon_price if info.carbon_price is not None else self.key.info.carbon_price
        v = v or 0.0

        def given(name: str, expected: Any) -> Any:
            have = mine.get(name)
            return have if isinstance(have, (int, float)) else expected

        # allocation
        final = own.value("allocation_final")
        if "my_allocation" in asked:
            f = self._allocation(mine.get("my_allocation"), own, v)
            if f is not None:
                out.append(f)
        allocation = given("my_allocation", final)
        # CCER
        cap = own.value("ccer_max") if own.value("ccer_max") is not None else math.floor(0.05 * v)
        ccer_src = plan.offset.source if plan.offset else plan.source()
        need = max(0.0, v - allocation - held)
        ccer_expected = min(offered, cap, need)
        if "my_ccer_used" in asked:
            have = mine.get("my_ccer_used")
            if not isinstance(have, (int, float)) or not _close(have, ccer_expected):
                over = isinstance(have, (int, float)) and have > cap + 0.5
                kind = "ccer_over_cap" if over else "wrong_ccer"
                out.append(self._finding(kind, f"ets.grade.{kind}", {
                    "have": self._have(have, "t"), "expected": _qty(ccer_expected, "t"), "cap": _qty(cap, "t"),
                    "share": f"{plan.offset.cap:.0%}" if plan.offset else "5%", "need": _qty(need, "t"),
                    "offered": _qty(offered, "t"), "rule": _Source(ccer_src)}, ANSWER_POINTS, sheet="Case",
                    target="my_ccer_used"))
        ccer = given("my_ccer_used", ccer_expected)
        # position
        surplus_expected = allocation + held + ccer - v
        if "my_surplus" in asked:
            have = mine.get("my_surplus")
            if not isinstance(have, (int, float)) or not _close(have, surplus_expected):
                out.append(self._finding("wrong_position", "ets.grade.wrong_position", {
                    "have": self._have(have, "t"), "expected": _qty(surplus_expected, "t"),
                    "allocation": _qty(allocation, "t"), "held": _qty(held, "t"), "ccer": _qty(ccer, "t"),
                    "verified": _qty(v, "t CO2"), "rule": _Source(plan.source())}, ANSWER_POINTS, sheet="Case",
                    target="my_surplus"))
        surplus = given("my_surplus", surplus_expected)
        # penalty
        penalty = self._penalty(own, surplus, price)
        for name, expected in (("my_penalty_min", penalty[0]), ("my_penalty_max", penalty[1])):
            if name not in asked:
                continue
            have = mine.get(name)
            if expected is None or (isinstance(have, (int, float)) and _close(have, expected)):
                continue
            out.append(self._finding("wrong_penalty", "ets.grade.wrong_penalty", {
                "have": self._have(have, "CNY"), "expected": _qty(expected, "CNY"),
                "shortfall": _qty(max(0.0, -surplus), "t"), "price": _qty(price, "CNY/t"),
                "rule": _Source(penalty[2])}, ANSWER_POINTS, sheet="Case", target=name))
            break  # the range is one answer: one finding
        # the paths to compliance
        shortfall = max(0.0, v - allocation - held)
        costs = self._costs(shortfall, price, offered, cap)
        for name in _COST_KEYS:
            if name not in asked or costs.get(name) is None:
                continue
            have = mine.get(name)
            if isinstance(have, (int, float)) and _close(have, costs[name]):
                continue
            out.append(self._finding("wrong_cost", "ets.grade.wrong_cost", {
                "path": Message(f"ets.grade.path.{name[len('my_cost_'):]}"), "have": self._have(have, "CNY"),
                "expected": _qty(costs[name], "CNY"), "shortfall": _qty(shortfall, "t"),
                "price": _qty(price, "CNY/t"), "ccer_price": _qty(self.ccer_price, "CNY/t"),
                "rule": _Source(ccer_src)}, ANSWER_POINTS, sheet="Case", target=name))
        if "my_cheapest" in asked:
            own_costs = {k[len("my_cost_"):]: given(k, costs.get(k)) for k in _COST_KEYS if costs.get(k) is not None}
            best = min(own_costs, key=lambda k: (own_costs[k], list(PATHS).index(k))) if own_costs else None
            have = mine.get("my_cheapest")
            if best is not None and have != best:
                out.append(self._finding("wrong_choice", "ets.grade.wrong_choice", {
                    "have": Message(f"ets.grade.path.{have}") if have in PATHS else self._have(have, ""),
                    "expected": Message(f"ets.grade.path.{best}"), "rule": _Source(ccer_src)},
                    ANSWER_POINTS, sheet="Case", target="my_cheapest"))
        return out

    @staticmethod
    def _have(value: Any, unit: str):
        if value is None:
            return Message("grade.value.nothing")
        return _qty(value, unit) if isinstance(value, (int, float)) else str(value)

    def _penalty_source(self, plan, year):
        dl = self.rules.deadlines.get(year) if year is not None else None
        rule = self.rules.penalty_at(dl.date) if dl is not None else None
        return rule.source if rule is not None else plan.source()

    def _penalty(self, own, surplus: float, price: float | None):
        dl = self.rules.deadlines[own.year]
        rule = self.rules.penalty_at(dl.date)
        if rule is None:
            return None, None, own.plan.source()
        shortfall = max(0.0, -surplus)
        if shortfall <= 0:
            return 0.0, 0.0, rule.source
        if rule.kind == "fixed":
            return rule.low, rule.high, rule.source
        if price is None:
            return None, None, rule.source
        return rule.low * price * shortfall, rule.high * price * shortfall, rule.source

    def _costs(self, shortfall: float, price: float | None, offered: float, cap: float) -> dict[str, float | None]:
        from carbonmgr.trading.abatement import cheapest

        if price is None:
            return {}
        out: dict[str, float | None] = {"my_cost_buy": shortfall * price}
        if self.ccer_price is not None:
            c = min(offered, cap, shortfall)
            out["my_cost_ccer"] = c * self.ccer_price + (shortfall - c) * price
        if self.measures:
            got, cost, _ = cheapest(self.measures, shortfall)
            out["my_cost_abate"] = cost + (shortfall - got) * price
        return out

    # -- the allocation, and what a wrong one is explained by --------------------------------------
    def _allocation(self, have: Any, own, v: float) -> Finding | None:
        expected = own.value("allocation_final")
        plan = own.plan
        params = {"have": self._have(have, "t"), "expected": _qty(expected, "t"), "rule": _Source(plan.source())}
        if isinstance(have, (int, float)) and _close(have, expected):
            return None
        if isinstance(have, (int, float)):
            for kind, unit, detail, source in self._explanations(own, v):
                if _close(have, self._final_with(own, v, unit, detail[0]), 1e-9):
                    return self._finding(kind, f"ets.grade.{kind}_answer", {
                        **params, "unit": unit.unit.unit, "detail": detail[1], "rule": _Source(source)},
                        ANSWER_POINTS, sheet="Case", target="my_allocation")
        return self._finding("wrong_allocation", "ets.grade.wrong_allocation", params, ANSWER_POINTS, sheet="Case",
                             target="my_allocation")

    def _explanations(self, own, v: float):
        """(kind, unit, (its allocation under the mistake, what the mistake is), rule) for each
        mistake that changes one unit's allocation: a correction factor the plan does not have for
        it (or leaves out), another class's or year's benchmark."""
        from carbonmgr.trading.ets import COAL, floor_t

        plan = own.plan
        rules = self.rules
        for ur in own.units:
            u = ur.unit
            if ur.value("benchmark_electricity") is None:
                continue  # steel, cement, aluminium: no benchmark
            q = getattr(u, plan.metric) or 0.0
            qh = u.heat or 0.0
            be, corr = ur.value("benchmark_electricity"), ur.value("correction")
            ah = ur.value("allocation_heat")

            def alloc(b_e: float, f: float, b_h: float | None = None, q=q, qh=qh, ah=ah) -> int:
                return floor_t(q * b_e * f) + (floor_t(qh * b_h) if b_h is not None else ah)

            # corrections the plan does not have for this unit, or leaves out
            if corr != 1:
                yield ("wrong_correction", ur, (alloc(be, 1.0), Message("ets.grade.detail.no_correction")),
                       plan.source())
            coal = u.klass in COAL
            for other in rules.plans.values():
                cool = other.corrections.get(("cooling", "coal"))
                if cool is not None and not (plan.cooling and coal):
                    f = cool.params.get("air", 1.0)
                    yield ("wrong_correction", ur, (alloc(be, corr * f), Message(
                        "ets.grade.detail.cooling", {"factor": f"{f:g}"})), cool.source)
                heat = other.corrections.get(("heat", "coal" if coal else "gas"))
                if heat is not None and not plan.heat_correction and (u.heat_ratio or 0) > 0:
                    f = 1 - heat.params["k"] * u.heat_ratio
                    yield ("wrong_correction", ur, (alloc(be, corr * f), Message(
                        "ets.grade.detail.heat", {"factor": f"{f:g}"})), heat.source)
                load = next((c for (name, _), c in other.corrections.items() if name == "load"), None)
                if load is not None and u.load_factor is not None and "correction_load" not in ur.figures:
                    from carbonmgr.trading.ets import _load_factor

                    f, _ = _load_factor(other, load.params, u.load_factor)
                    if f != 1:
                        yield ("wrong_correction", ur, (alloc(be, corr * f), Message(
                            "ets.grade.detail.load", {"factor": f"{f:.6f}"})), load.source)
            # another class's benchmark of the year, the same class's of another year
            for (year, klass), bm in sorted(plan.benchmarks.items()):
                if year == own.year and klass != u.klass and klass in (*COAL, "gas"):
                    yield ("wrong_benchmark", ur, (alloc(bm.electricity, corr, bm.heat), Message(
                        "ets.grade.detail.class", {"klass": Message(f"ets.class.{klass}"),
                                                   "benchmark": f"{bm.electricity:g}"})), bm.source)
            for other in rules.plans.values():
                for (year, klass), bm in sorted(other.benchmarks.items()):
                    if klass == u.klass and year != own.year:
                        yield ("wrong_benchmark", ur, (alloc(bm.electricity, corr, bm.heat), Message(
                            "ets.grade.detail.year", {"year": year, "benchmark": f"{bm.electricity:g}"})), bm.source)

    @staticmethod
    def _final_with(own, v: float, changed, allocation: int) -> float:
        """The entity's final allocation with one unit's allocation replaced (top-ups recomputed)."""
        from carbonmgr.trading.ets import floor_t

        plan = own.plan
        total = 0.0
        for ur in own.units:
            a = allocation if ur is changed else ur.value("allocation")
            ve = ur.value("verified_emissions")
            if ur.unit.klass == "gas" and plan.gas_exemption and ve is not None and a < ve:
                a += floor_t(ve - a)
            total += a
        if plan.gap_cap is not None and v > 0 and total < plan.gap_cap * v:
            total += floor_t(plan.gap_cap * v - total)
        return total

    # -- findings --------------------------------------------------------------------------------
    def _finding(self, kind: str, message: str, params: dict, points: float, *, sheet: str = "Case",
                 target: str, field: str = "", key_row: int | None = None, rows: list[int] | None = None,
                 facility: str = "", item: Any = "") -> Finding:
        """One finding of the check ``target`` (its Rubric target: its points, and the Rubric row's
        explanation and rule when it has them); ``field`` is the trainee's field it is on (a Case
        key, or a unit's field), default the target."""
        params = {"why": Message(f"ets.grade.why.{kind}"), **params}
        params.setdefault("rule", "-")
        row = self.rubric.row(target) if (self.rubric is not None and target) else None
        if row is not None:
            if row.explanation_zh or row.explanation_en:
                params["why"] = Text(row.explanation_zh, row.explanation_en)
            if row.rule or row.rule_en:
                params["rule"] = Text(row.rule or row.rule_en, row.rule_en or row.rule)
        if target:
            points = self._points(target, points)
        hints = [Message(f"ets.grade.hint.{kind}"),
                 Message("grade.hint.expected", {"expected": params.get("expected", "-")})]
        return Finding(kind, key_row, rows or [], facility, item, points, Message(message, params), hints,
                       key_sheet=sheet, field=field or (target if target in _CASE_FIELDS else ""))

    def _unit_finding(self, kind: str, message: str, k, m, params: dict, field: str) -> Finding:
        facility = k.facility
        params = {"facility": self.fac_names.get(facility, facility) or "-", **params}
        return self._finding(kind, message, params, INPUT_POINTS, sheet="ETS", target=unit_target(k), field=field,
                             key_row=k.row or None, rows=[m.row] if m is not None and m.row else [],
                             facility=facility, item=k.unit)


def _measures(documents: dict) -> list:
    """The abatement measures of the exercise (its Abatement sheet, a source document)."""
    from carbonmgr.io.abatement import case_measures
    from carbonmgr.trading.abatement import Measure

    rows, problems = case_measures(documents)
    if problems:
        return []
    return [Measure(m["name"], m["tonnes"], m["cost_per_t"], m["capital"], m["operating"], m["lifetime"],
                    m["rate"] or 0.0, m.get("row")) for m in rows]


def make_grader(exercise, lib, key_inv, facility_names: dict[str, str]) -> EtsGrader | None:
    """The ETS grader of ``exercise`` (None when its key has no ETS data)."""
    if not has_ets(exercise.key):
        return None
    return EtsGrader(exercise, lib, key_inv, facility_names)


__all__: list[str] = ["ANSWER_KEYS", "ETS_KINDS", "INPUT_TARGETS", "EtsGrader", "answers", "has_ets", "make_grader",
                      "unit_target"]
