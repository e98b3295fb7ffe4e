"""The grader: a trainee's case against an exercise's key, explained with the fewest findings.

How (docs/exercise-workbook.md, "Grading"):

1. Both cases are computed by the engine, the trainee's under the key's case settings (so a
   wrong standard, GWP set or consolidation is one finding of its own and changes no line).
2. Lines are grouped into sources: (facility, item, source type), the item as the factor
   library resolves it (天然气 = natural gas); electricity and heat lines by facility and
   source type alone. Split lines are summed, quantities converted to their dimension's base
   unit (kWh against MWh is no mistake).
3. A key source short of quantity whose missing amount sits under another source type of the
   same facility and item is one ``wrong_source_type`` finding (those lines move over).
4. Within each key source the first difference of the chain is the finding: the quantity
   (``unit_error`` for a power-of-ten slip or a known unit confusion, else ``wrong_quantity``),
   then the line's parameters (``wrong_parameter``), then the factor (``wrong_factor``).
   What follows from it (the line's emissions, the totals) is not judged again.
5. The refrigerant equipment register is graded the same way (``_EquipmentGrading``): rows
   grouped by (facility, refrigerant, equipment type), split rows summed; the method, then the
   amounts in kg, then the equipment type, then the GWP; another refrigerant with the key's
   amounts is one ``wrong_factor``; fugitive lines and register rows of one refrigerant are
   compared by the mass emitted (kg against t).
6. Key sources without trainee lines are ``missing_source``; trainee sources the key does not
   have are ``extra_source``. In hand-calculation mode, each figure of the trainee's own that
   differs from what their own inputs give is an ``arithmetic`` finding.
7. Score: points kept over points possible, 0-100, less the hints revealed.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Mapping, TypeVar

from carbonmgr.common.errors import CarbonMgrError, Problem
from carbonmgr.common.i18n import Message
from carbonmgr.inventory.model import CaseData
from carbonmgr.inventory.sources import NO_ITEM_SOURCES
from carbonmgr.training.exercise import SETTING_TARGETS, Exercise, my_results, my_total
from carbonmgr.training.findings import KINDS, SETTING_KINDS, SOURCE_LOSS, Finding, Result, Text

__all__ = ["grade", "grade_many", "GradeResult", "KINDS"]

# Ratios of a known unit confusion (besides powers of ten): tce/GJ, kcal/kJ, lb/kg, US gal/L, kWh/MJ.
KNOWN_CONFUSIONS = (29.3076, 4.1868, 0.45359237, 3.785411784, 3.6)
_PARAMS = ("NCV", "CC", "C_ar", "OF", "purity")
_SUBSET_LINES = 14  # lines of one facility and item searched for a subset under the wrong source type


# ------------------------------------------------------------------------------ sources
@dataclass
class _Line:
    index: int
    row: int
    facility: str
    source: str
    item_key: str
    item: str  # as written
    quantity: float
    unit: str
    dimension: str | None
    base_qty: float
    tco2e: float | None  # t CO2e before share and sign, None when the engine could not compute it
    calc: Any


_M = TypeVar("_M")  # a member of a _Summed: an activity line or a register row


def _fsum_known(values: Iterable[float | None]) -> float | None:
    """The sum of ``values``, None when one of them is None (not computed)."""
    values = list(values)
    if any(v is None for v in values):
        return None
    return math.fsum(values)


class _Summed(Generic[_M]):
    """What a source (its activity lines) and a register group (its rows) have in common: the
    members summed as one, each with a ``row`` and ``tco2e``; the rows, the first row's member and
    the t CO2e of all (None when one could not be computed)."""

    @property
    def members(self) -> list[_M]:
        raise NotImplementedError

    @property
    def rows(self) -> list[int]:
        return sorted(m.row for m in self.members)

    @property
    def first(self) -> _M:
        return min(self.members, key=lambda m: m.row)

    @property
    def tco2e(self) -> float | None:
        return _fsum_known(m.tco2e for m in self.members)


@dataclass
class _Source(_Summed[_Line]):
    facility: str
    source: str
    item_key: str
    lines: list[_Line] = field(default_factory=list)

    @property
    def members(self) -> list[_Line]:
        return self.lines

    @property
    def key(self) -> tuple[str, str, str]:
        return self.facility, self.source, self.item_key

    @property
    def dimension(self) -> str | None:
        dims = {x.dimension for x in self.lines}
        return dims.pop() if len(dims) == 1 else None

    @property
    def base_qty(self) -> float:
        return math.fsum(x.base_qty for x in self.lines)


def _item_key(lib, source: str, item: str, calc) -> str:
    if source in NO_ITEM_SOURCES:
        return ""
    if calc is not None and calc.item_id:
        return calc.item_id
    found = lib.resolve_item(item) if item else None
    if found is not None:
        return found.id
    return "text:" + "".join(str(item or "").lower().split())


def _lines(case: CaseData, inv, lib, facility_map: Mapping[str, str]) -> list[_Line]:
    from carbonmgr.units import UnitError, parse_unit

    acts = case.activities
    out = []
    for i in range(len(acts)):
        g = inv.groups[inv.line_group[i]]
        calc = g.calc
        try:
            unit = parse_unit(acts.unit[i])
            dim, base = unit.dimension, acts.quantity[i] * unit.factor
        except (UnitError, TypeError):
            dim, base = None, float(acts.quantity[i] or 0.0)
        q = acts.quantity[i] or 0.0
        tco2e = q * calc.co2e_per_unit if calc is not None else None
        fac = facility_map.get(acts.facility[i], acts.facility[i])
        out.append(_Line(i, acts.row[i], fac, acts.source[i], _item_key(lib, acts.source[i], acts.item[i], calc),
                         acts.item[i], q, acts.unit[i], dim, base, tco2e, calc))
    return out


def _group(lines: Iterable[_Line]) -> dict[tuple[str, str, str], _Source]:
    out: dict[tuple[str, str, str], _Source] = {}
    for line in lines:
        key = (line.facility, line.source, line.item_key)
        out.setdefault(key, _Source(*key)).lines.append(line)
    return out


def _close(a: float, b: float, tol: float) -> bool:
    if a == b:
        return True
    return abs(a - b) <= tol * max(abs(a), abs(b)) + 1e-12


def _unit_slip(ratio: float, tol: float) -> bool:
    """Is ``ratio`` a power of ten (not 1) or a known unit confusion, times a power of ten?"""
    if ratio <= 0 or not math.isfinite(ratio):
        return False
    for base in (1.0, *KNOWN_CONFUSIONS, *(1 / c for c in KNOWN_CONFUSIONS)):
        r = ratio / base
        n = round(math.log10(r))
        if (base != 1.0 or n != 0) and abs(n) <= 8 and _close(r, 10.0 ** n, tol):
            return True
    return False


def _param_values(calc) -> dict[str, float]:
    """The parameters of a calculation, in comparable units (fractions, per base unit)."""
    from carbonmgr.units import UnitError, parse_rate

    out: dict[str, float] = {}
    if calc is None:
        return out
    for inp in calc.inputs:
        if inp.name not in _PARAMS:
            continue
        value = inp.value
        unit = (inp.unit or "").strip()
        if unit == "%":
            value = value / 100.0
        elif "/" in unit:
            try:
                num, den = parse_rate(unit)
                value = value * num.factor / den.factor
            except (UnitError, ValueError):
                pass
        out[inp.name] = value
    return out


# ------------------------------------------------------------------------------ equipment register
@dataclass
class _Unit:
    """One row of the refrigerant equipment register, as the engine computed it (under the key's settings)."""

    eq: Any  # carbonmgr.inventory.model.Equipment
    facility: str
    kg: float | None  # refrigerant emitted, kg (None when the engine could not compute the row)
    tco2e: float | None
    gwp: float | None

    @property
    def row(self) -> int:
        return self.eq.row


@dataclass
class _EqGroup(_Summed["_Unit"]):
    """The register's rows of one (facility, refrigerant, equipment type): split entries are one
    group. The equipment type names a group only for the screening method (it picks its loss factors)."""

    facility: str
    refrigerant: str  # the item as the factor library resolves it, else the folded text
    type: str
    units: list[_Unit] = field(default_factory=list)

    @property
    def members(self) -> list[_Unit]:
        return self.units

    @property
    def key(self) -> tuple[str, str, str]:
        return self.facility, self.refrigerant, self.type

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(sorted({u.eq.method for u in self.units}))

    @property
    def fields(self) -> list[str]:
        """The amounts the group's methods take, in the register's order."""
        from carbonmgr.inventory.model import EQUIPMENT_METHOD_FIELDS

        out: list[str] = []
        for m in self.methods:
            out += [f for f in EQUIPMENT_METHOD_FIELDS.get(m, ()) if f != "equipment" and f not in out]
        return out

    def amount(self, name: str) -> float:
        return math.fsum(float(u.eq.values.get(name) or 0.0) for u in self.units)

    @property
    def kg(self) -> float | None:
        return _fsum_known(u.kg for u in self.units)


def _eq_groups(case: CaseData, inv, lib, fmap: Mapping[str, str]) -> dict[tuple[str, str, str], _EqGroup]:
    computed = {line["row"]: line for line in inv.extra_lines if line.get("source") == "fugitive"}
    out: dict[tuple[str, str, str], _EqGroup] = {}
    for eq in case.equipment:
        item = lib.resolve_item(eq.refrigerant) if eq.refrigerant else None
        refrigerant = item.id if item is not None else "text:" + _fold(eq.refrigerant)
        kind = ""
        if eq.method == "screening":
            eq_item = lib.resolve_item(eq.equipment) if eq.equipment else None
            kind = eq_item.id if eq_item is not None else "text:" + _fold(eq.equipment)
        line = computed.get(eq.row)
        kg = tco2e = gwp = None
        if line is not None:
            kg = float(line["quantity"]) * 1000.0
            gwp = next((float(g["value"]) for g in (line.get("trace") or {}).get("gwp", {}).values()), None)
            tco2e = kg / 1000.0 * gwp if gwp is not None else None  # before the facility's share, as a line's
        facility = fmap.get(eq.facility, eq.facility)
        out.setdefault((facility, refrigerant, kind), _EqGroup(facility, refrigerant, kind)).units.append(
            _Unit(eq, facility, kg, tco2e, gwp))
    return out


class _EquipmentGrading:
    """The refrigerant equipment register graded like activity lines (mixed into the grader)."""

    key: CaseData
    lib: Any
    rubric: Any
    fac_names: dict[str, str]
    key_eq: dict[tuple[str, str, str], _EqGroup]

    def _eq_target(self, grp: _EqGroup) -> str:
        for row in grp.rows:
            if f"Equipment!{row}" in self.rubric.rows:
                return f"Equipment!{row}"
        return f"Equipment!{grp.rows[0]}"

    def _equipment(self, case: CaseData, inv, fmap: Mapping[str, str], missing: list[_Source],
                   extras: list[_Source]) -> list[Finding]:
        """Findings of the register; takes the key's fugitive sources the trainee entered in the
        register (and the trainee's fugitive lines of key register rows) out of ``missing`` and ``extras``."""
        mine = _eq_groups(case, inv, self.lib, fmap)
        out: list[Finding] = []
        left: list[_EqGroup] = []
        for key, grp in self.key_eq.items():
            m = mine.pop(key, None)
            if m is None:
                left.append(grp)
            else:
                out += self._eq_chain(grp, m)
        # the same refrigerant at the facility under another method or equipment type
        still = []
        for grp in left:
            m = next((g for g in mine.values() if (g.facility, g.refrigerant) == (grp.facility, grp.refrigerant)), None)
            if m is None:
                still.append(grp)
                continue
            del mine[m.key]
            out += self._eq_chain(grp, m)
        # another refrigerant with the key's method and amounts: the refrigerant (so its GWP) is wrong
        left, still = still, []
        for grp in left:
            m = next((g for g in mine.values() if (g.facility, g.type, g.methods) == (grp.facility, grp.type, grp.methods)
                      and self._eq_same_amounts(grp, g)), None)
            if m is None:
                still.append(grp)
                continue
            del mine[m.key]
            out.append(self._eq_finding("wrong_factor", grp, m.rows, "grade.finding.eq_wrong_refrigerant",
                                        "grade.why.eq_refrigerant", "grade.hint.eq_refrigerant",
                                        _refrigerant(m), _refrigerant(grp)))
        # the key's register rows entered as fugitive activity lines (refrigerant emitted, in kg or t)
        left, still = still, []
        for grp in left:
            src = next((s for s in extras if s.source == "fugitive" and (s.facility, s.item_key)
                        == (grp.facility, grp.refrigerant)), None)
            if src is None:
                still.append(grp)
                continue
            extras.remove(src)
            out += self._eq_emitted(grp, src.rows, "Activities", _src_kg(src), src.tco2e, _as_written(src, "kg", 0.001))
        # the key's fugitive lines entered in the register
        for src in list(missing):
            if src.source != "fugitive":
                continue
            groups = [g for g in mine.values() if (g.facility, g.refrigerant) == (src.facility, src.item_key)]
            if not groups:
                continue
            missing.remove(src)
            for g in groups:
                del mine[g.key]
            out += self._lines_vs_register(src, groups)
        for grp in still:
            out.append(self._eq_finding("missing_source", grp, [], "grade.finding.eq_missing_source",
                                        "grade.why.eq_missing_source", "grade.hint.eq_missing_source",
                                        Message("grade.value.nothing"), _kg(grp.kg)))
        for m in mine.values():
            out.append(self._eq_extra(m))
        return out

    def _eq_same_amounts(self, grp: _EqGroup, m: _EqGroup) -> bool:
        tol = self.rubric.tolerance(self._eq_target(grp))
        if grp.kg is not None and m.kg is not None:
            return _close(grp.kg, m.kg, tol)
        return all(_close(grp.amount(f), m.amount(f), tol) for f in grp.fields)

    def _eq_chain(self, grp: _EqGroup, m: _EqGroup) -> list[Finding]:
        """The first difference of a register group: the method, then the amounts it takes, then the
        equipment type (screening), then the GWP."""
        tol = self.rubric.tolerance(self._eq_target(grp))
        if grp.methods != m.methods:
            return [self._eq_finding("wrong_factor", grp, m.rows, "grade.finding.eq_wrong_method",
                                     "grade.why.eq_method", "grade.hint.eq_method", _methods(m), _methods(grp))]
        if not self._eq_same_amounts(grp, m):
            for name in grp.fields:
                k, have = grp.amount(name), m.amount(name)
                if _close(k, have, tol):
                    continue
                slip = bool(k) and bool(have) and _unit_slip(have / k, tol)
                kind = "unit_error" if slip else "wrong_quantity"
                return [self._eq_finding(kind, grp, m.rows, f"grade.finding.eq_{kind}",
                                         "grade.why.eq_unit_error" if slip else "grade.why.eq_amount",
                                         "grade.hint.eq_amount", _kg(have), _kg(k),
                                         field=Message(f"label.input.{name}"))]
        if grp.type != m.type:
            return [self._eq_finding("wrong_factor", grp, m.rows, "grade.finding.eq_wrong_type", "grade.why.eq_type",
                                     "grade.hint.eq_type", m.first.eq.equipment or "-", grp.first.eq.equipment)]
        return self._eq_gwp(grp, m.rows, "Equipment", m.kg, m.tco2e)

    def _eq_gwp(self, grp: _EqGroup, rows: list[int], rows_sheet: str, kg: float | None,
                tco2e: float | None) -> list[Finding]:
        tol = self.rubric.tolerance(self._eq_target(grp))
        k_kg, k_t = grp.kg, grp.tco2e
        if not (k_kg and kg and k_t is not None):
            return []
        have = tco2e / kg * 1000.0 if tco2e is not None else None
        expected = k_t / k_kg * 1000.0
        if have is not None and _close(have, expected, tol):
            return []
        return [self._eq_finding("wrong_factor", grp, rows, "grade.finding.eq_wrong_factor", "grade.why.eq_factor",
                                 "grade.hint.eq_factor", Message("grade.value.no_factor") if have is None
                                 else _qty(have, "t CO2e/t"), _qty(expected, "t CO2e/t"), rows_sheet=rows_sheet)]

    def _eq_emitted(self, grp: _EqGroup, rows: list[int], rows_sheet: str, kg: float | None, tco2e: float | None,
                    have_text) -> list[Finding]:
        """A key register group against the trainee's refrigerant emitted (fugitive lines): the mass, then the GWP."""
        tol = self.rubric.tolerance(self._eq_target(grp))
        k = grp.kg
        if k is not None and kg is not None and not _close(k, kg, tol):
            slip = bool(k) and bool(kg) and _unit_slip(kg / k, tol)
            kind = "unit_error" if slip else "wrong_quantity"
            return [self._eq_finding(kind, grp, rows, f"grade.finding.eq_{kind}",
                                     "grade.why.eq_unit_error" if slip else "grade.why.eq_amount",
                                     "grade.hint.eq_amount", have_text, _kg(k), field=Message("grade.eq.emitted"),
                                     rows_sheet=rows_sheet)]
        return self._eq_gwp(grp, rows, rows_sheet, kg, tco2e)

    def _lines_vs_register(self, src: _Source, groups: list[_EqGroup]) -> list[Finding]:
        """A key fugitive source the trainee entered in the register: the refrigerant emitted compared."""
        kg = _fsum_known(g.kg for g in groups)
        k_kg = _src_kg(src)
        rows = sorted(r for g in groups for r in g.rows)
        target = self._target(src)
        tol = self.rubric.tolerance(target)
        why, rule = self._why_rule(target, "wrong_quantity", self.key.info.standard, src.source)
        if k_kg is not None and kg is not None and not _close(k_kg, kg, tol):
            kind = "unit_error" if k_kg and kg and _unit_slip(kg / k_kg, tol) else "wrong_quantity"
            finding = self._finding(kind, src, rows, {"have": _kg(kg), "expected": _kg(k_kg), "why": why,
                                                      "rule": rule})
            finding.rows_sheet = "Equipment"
            return [finding]
        tco2e = [g.tco2e for g in groups]
        if kg and k_kg and src.tco2e is not None and None not in tco2e:
            have, expected = math.fsum(tco2e) / kg * 1000.0, src.tco2e / k_kg * 1000.0
            if not _close(have, expected, tol):
                why, rule = self._why_rule(target, "wrong_factor", self.key.info.standard, src.source)
                finding = self._finding("wrong_factor", src, rows, {
                    "have": _qty(have, "t CO2e/t"), "expected": _qty(expected, "t CO2e/t"), "why": why, "rule": rule})
                finding.rows_sheet = "Equipment"
                return [finding]
        return []

    def _eq_why_rule(self, target: str, why_id: str) -> tuple[Message, Message]:
        row = self.rubric.row(target)
        std = self.key.info.standard
        why: Message = Message(why_id)
        rule: Message = Message(f"grade.rule.hfc_{std if std in ('ghgp', 'iso14064') else 'gbt32150'}",
                                {"gwp": self.key.info.gwp_set})
        if row is not None:
            if row.explanation_zh or row.explanation_en:
                why = Text(row.explanation_zh, row.explanation_en)
            if row.rule or row.rule_en:
                rule = Text(row.rule or row.rule_en, row.rule_en or row.rule)
        return why, rule

    def _eq_finding(self, kind: str, grp: _EqGroup, rows: list[int], message: str, why_id: str, hint: str,
                    have, expected, rows_sheet: str = "Equipment", **params) -> Finding:
        target = self._eq_target(grp)
        why, rule = self._eq_why_rule(target, why_id)
        item = self._item_name(grp.refrigerant, grp.first.eq.refrigerant)
        facility = self.fac_names.get(grp.facility, grp.facility)
        params = {**params, "have": have, "expected": expected, "why": why, "rule": rule, "item": item,
                  "facility": facility, "method": _methods(grp), "key_row": grp.rows[0]}
        where = (Message("grade.hint.where_equipment", {"rows": rows}) if rows and rows_sheet == "Equipment"
                 else Message("grade.hint.where_rows", {"rows": rows}) if rows
                 else Message("grade.hint.where_register", {"item": item, "facility": facility}))
        return Finding(kind, grp.rows[0], sorted(rows), grp.facility, item, self.rubric.points(target) * SOURCE_LOSS[kind],
                       Message(message, params),
                       [where, Message(hint, {k: v for k, v in params.items() if k == "field"}),
                        Message("grade.hint.expected", {"expected": expected})],
                       key_sheet="Equipment", rows_sheet=rows_sheet)

    def _eq_extra(self, m: _EqGroup) -> Finding:
        why, rule = self._eq_why_rule("extra_source", "grade.why.eq_extra_source")
        item = self._item_name(m.refrigerant, m.first.eq.refrigerant)
        facility = self.fac_names.get(m.facility, m.facility)
        params = {"have": _kg(m.kg) if m.kg is not None else _methods(m), "expected": Message("grade.value.nothing"),
                  "why": why, "rule": rule, "item": item, "facility": facility, "rows": m.rows}
        return Finding("extra_source", None, m.rows, m.facility, item, self.rubric.points("extra_source"),
                       Message("grade.finding.eq_extra_source", params),
                       [Message("grade.hint.where_equipment", {"rows": m.rows}),
                        Message("grade.hint.eq_extra_source", {"item": item})],
                       key_sheet="Equipment", rows_sheet="Equipment")


def _kg(value: float | None) -> str:
    return "-" if value is None else _qty(value, "kg")


def _src_kg(src: _Source) -> float | None:
    """The refrigerant emitted of fugitive lines, in kg (None when their unit is not a mass)."""
    return src.base_qty * 1000.0 if src.dimension == "mass" else None


class _Methods(Message):
    """The methods of a register group, named in the language of the message around it."""

    def __init__(self, methods: tuple[str, ...]):
        super().__init__("", {"methods": methods})

    def render(self, lang: str = "en") -> str:
        return " / ".join(Message(f"report.method.refrigerant_{m}").render(lang) if m in
                        ("screening", "material_balance", "simplified_material_balance") else m
                        for m in self.params["methods"])

    def __str__(self) -> str:
        return self.render("en")


def _methods(grp: _EqGroup) -> Message:
    return _Methods(grp.methods)


def _refrigerant(grp: _EqGroup) -> str:
    """The refrigerant as written, with its GWP in the case's GWP set when the engine found one."""
    name = grp.first.eq.refrigerant or "-"
    gwp = grp.first.gwp
    return f"{name} (GWP {gwp:,.6g})" if gwp is not None else name


# ------------------------------------------------------------------------------ result
@dataclass
class GradeResult(Result):
    """The grading of one submission."""

    hint_cost: float = 1.0
    hints_revealed: dict[str, int] = field(default_factory=dict)  # finding.hint_key -> hints shown
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def points_lost(self) -> float:
        return math.fsum(f.points for f in self.findings) + self.hint_cost * sum(self.hints_revealed.values())

    @property
    def points_kept(self) -> float:
        return max(0.0, self.points_possible - self.points_lost)

    @property
    def score(self) -> float | None:
        """0-100, one decimal; None when the submission could not be graded."""
        if not self.graded:
            return None
        if self.points_possible <= 0:
            return 100.0
        return round(100.0 * self.points_kept / self.points_possible, 1)

    @property
    def package(self) -> str | None:
        """Whether a sealed submission answers the key's exam package: ``ok``, ``other`` (a
        submission to another exam or variant), or None (the file names no package)."""
        return self.meta.get("package")

    def reveal_hint(self, index: int) -> Message | None:
        """Reveal the next hint of finding ``index`` (it costs the rubric's ``hint`` points);
        None when every hint of it is shown already."""
        finding = self.findings[index]
        shown = self.hints_revealed.get(finding.hint_key, 0)
        if shown >= len(finding.hints):
            return None
        self.hints_revealed[finding.hint_key] = shown + 1
        return finding.hints[shown]

    def hints_shown(self, index: int) -> list[Message]:
        finding = self.findings[index]
        return finding.hints[:self.hints_revealed.get(finding.hint_key, 0)]


# ------------------------------------------------------------------------------ grading
class _Grader(_EquipmentGrading):
    def __init__(self, exercise: Exercise, lib, key_inv=None):
        from carbonmgr.inventory.engine import compute

        self.ex = exercise
        self.lib = lib
        self.key = exercise.key
        self.key_inv = key_inv if key_inv is not None else compute(self.key, lib)
        self.key_lines = _lines(self.key, self.key_inv, lib, {})
        self.key_sources = _group(self.key_lines)
        self.rubric = exercise.rubric
        self.fac_names = {f.id: f.name or f.id for f in self.key.facilities}
        key_fac = self.key.facilities
        self._fac_by_id = {_fold(f.id): f.id for f in key_fac}
        self._fac_by_name = {_fold(f.name): f.id for f in key_fac if f.name}
        self.key_instruments = _instrument_groups(self.key, {})
        self.key_eq = _eq_groups(self.key, self.key_inv, lib, {})
        from carbonmgr.training.ets_grading import make_grader

        self.ets = make_grader(exercise, lib, self.key_inv, self.fac_names)  # None: the key has no ETS data

    # -- rubric of a key source ----------------------------------------------------------------
    def _target(self, src: _Source) -> str:
        for row in src.rows:
            if f"Activities!{row}" in self.rubric.rows:
                return f"Activities!{row}"
        return f"Activities!{src.rows[0]}"

    def points_possible(self) -> float:
        total = sum(self.rubric.points(self._target(s)) for s in self.key_sources.values())
        total += sum(self.rubric.points(f"Instruments!{rows[0].row}") for rows in self.key_instruments.values())
        total += sum(self.rubric.points(self._eq_target(g)) for g in self.key_eq.values())
        total += sum(self.rubric.points(t) for t in SETTING_TARGETS)
        if self.ex.hand_calculation:
            total += self.rubric.points("arithmetic")
        if self.ets is not None:
            total += self.ets.points_possible()
        return total

    def _facility_map(self, case: CaseData) -> dict[str, str]:
        out = {}
        for f in case.facilities:
            out[f.id] = self._fac_by_id.get(_fold(f.id)) or self._fac_by_name.get(_fold(f.name)) or f.id
        return out

    # -- one submission --------------------------------------------------------------------------
    def grade(self, case: CaseData) -> list[Finding]:
        from carbonmgr.inventory.engine import compute

        findings = self._settings(case)
        graded = copy.copy(case)
        graded.info = copy.copy(case.info)
        for name in ("standard", "gwp", "consolidation", "ch4_ar6"):
            setattr(graded.info, name, getattr(self.key.info, name))
        inv = compute(graded, self.lib, raise_on_error=False)
        fmap = self._facility_map(case)
        trainee = _group(_lines(graded, inv, self.lib, fmap))
        findings += self._moves(trainee)
        moved_to = {f.key_row for f in findings if f.kind == "wrong_source_type"}
        missing: list[_Source] = []
        for key, src in self.key_sources.items():
            if src.rows[0] in moved_to:
                continue
            mine = trainee.pop(key, None)
            if mine is None or not mine.lines:
                missing.append(src)
                continue
            finding = self._chain(src, mine)
            if finding is not None:
                findings.append(finding)
        extras = [m for m in trainee.values() if m.lines and m.key not in self.key_sources]
        eq_findings = self._equipment(graded, inv, fmap, missing, extras)
        for src in missing:
            other = self._other_item(src, extras)
            if other is None:
                findings.append(self._missing(src))
            else:
                extras.remove(other)
                findings.append(self._wrong_item(src, other))
        findings += [self._extra(mine) for mine in extras]
        findings += eq_findings
        findings += self._instruments(case, fmap)
        if self.ets is not None:
            findings += self.ets.grade(graded, inv, fmap)
        if self.ex.hand_calculation:
            own = compute(case, self.lib, raise_on_error=False)
            findings += self._arithmetic(case, own)
        return findings

    # -- case settings -----------------------------------------------------------------------------
    def _settings(self, case: CaseData) -> list[Finding]:
        out = []
        key, mine = self.key.info, case.info
        checks = [("standard", key.standard, mine.standard)]
        # a GWP left to the standard's default follows a wrong standard: not a finding of its own
        if not (mine.gwp is None and mine.standard != key.standard):
            checks.append(("gwp_set", key.gwp_set, mine.gwp_set))
        checks.append(("consolidation", key.consolidation, mine.consolidation))
        for target, expected, have in checks:
            if expected == have:
                continue
            kind = SETTING_KINDS[target]
            param_kind = {"standard": "standard", "gwp_set": "gwp", "consolidation": "consolidation"}[target]
            have_m, expected_m = _setting_value(param_kind, have), _setting_value(param_kind, expected)
            why, rule = self._why_rule(target, kind, key.standard)
            out.append(Finding(kind, None, [], "", "", self.rubric.points(target),
                               Message(f"grade.finding.{kind}", {"have": have_m, "expected": expected_m,
                                                                  "why": why, "rule": rule}),
                               [Message("grade.hint.setting", {"setting": Message(f"grade.setting.{target}")}),
                                Message("grade.hint.expected_setting", {"setting": Message(f"grade.setting.{target}"),
                                                                        "expected": expected_m})]))
        return out

    def _why_rule(self, target: str, kind: str, standard: str, source: str | None = None,
                  param: str | None = None) -> tuple[Message, Message]:
        row = self.rubric.row(target)
        why: Message = Message(f"grade.why.{kind}")
        rule: Message = Message(f"grade.rule.{standard}")
        if source in ("exported_heat", "exported_electricity") and standard == "gbt32150":
            rule = Message("grade.rule.gbt32150_exported")
        elif source == "purchased_electricity" and standard in ("ghgp", "iso14064") and self.key.instruments:
            rule = Message("grade.rule.scope2_market")
        elif param == "purity":
            rule = Message("grade.rule.carbonate_purity")
        elif kind == "wrong_consolidation":
            rule = Message("grade.rule.consolidation")
        if row is not None:
            if row.explanation_zh or row.explanation_en:
                why = Text(row.explanation_zh, row.explanation_en)
            if row.rule or row.rule_en:
                rule = Text(row.rule or row.rule_en, row.rule_en or row.rule)
        return why, rule

    # -- wrong source type: lines of the right item under another source type -----------------------
    def _moves(self, trainee: dict[tuple[str, str, str], _Source]) -> list[Finding]:
        out = []
        for key, src in self.key_sources.items():
            if src.dimension is None:
                continue
            tol = self.rubric.tolerance(self._target(src))
            mine = trainee.get(key)
            have = mine.base_qty if mine is not None and mine.dimension == src.dimension else 0.0
            if mine is not None and mine.dimension not in (None, src.dimension):
                continue
            deficit = src.base_qty - have
            if deficit <= tol * src.base_qty:
                continue
            candidates = []
            for other in trainee.values():
                if other.facility != src.facility or other.item_key != src.item_key or other.source == src.source:
                    continue
                kept = self.key_sources.get(other.key)
                surplus = other.base_qty - (kept.base_qty if kept is not None else 0.0)
                if surplus <= 0:
                    continue
                candidates += [(x, other) for x in other.lines if x.dimension == src.dimension]
            subset = _subset(candidates, deficit, tol * src.base_qty)
            if subset is None:
                continue
            target = trainee.setdefault(key, _Source(*key))
            for line, other in subset:
                other.lines.remove(line)
                target.lines.append(line)
            wrong = subset[0][1].source
            why, rule = self._why_rule(self._target(src), "wrong_source_type", self.key.info.standard, src.source)
            out.append(self._finding("wrong_source_type", src, [x.row for x, _ in subset], {
                "have": Message("grade.value.source", {"source": wrong}),
                "expected": Message("grade.value.source", {"source": src.source}), "why": why, "rule": rule}))
        return out

    # -- the chain of one source ---------------------------------------------------------------
    def _chain(self, src: _Source, mine: _Source) -> Finding | None:
        target = self._target(src)
        tol = self.rubric.tolerance(target)
        std = self.key.info.standard
        unit = src.first.unit
        unit_factor = src.base_qty / sum(x.quantity for x in src.lines) if sum(x.quantity for x in src.lines) else 1.0
        if src.dimension is not None and mine.dimension == src.dimension:
            ratio = mine.base_qty / src.base_qty if src.base_qty else math.inf
            if not _close(mine.base_qty, src.base_qty, tol):
                kind = "unit_error" if _unit_slip(ratio, tol) else "wrong_quantity"
                why, rule = self._why_rule(target, kind, std, src.source)
                return self._finding(kind, src, mine.rows, {
                    "have": _as_written(mine, unit, unit_factor), "expected": _qty(src.base_qty / unit_factor, unit),
                    "why": why, "rule": rule})
            k_e, m_e = src.tco2e, mine.tco2e
            if k_e is None or m_e is None:
                return None if k_e is None else self._factor_finding(src, mine, target, tol)
            k_i = k_e / src.base_qty if src.base_qty else 0.0
            m_i = m_e / mine.base_qty if mine.base_qty else 0.0
            if _close(k_i, m_i, tol):
                return None
            return self._factor_finding(src, mine, target, tol)
        # other dimensions (e.g. diesel in litres against tonnes): the emissions decide
        k_e, m_e = src.tco2e, mine.tco2e
        if k_e is not None and m_e is not None and _close(k_e, m_e, tol):
            return None
        kind = "unit_error" if (k_e and m_e and _unit_slip(m_e / k_e, tol)) else "wrong_quantity"
        why, rule = self._why_rule(target, kind, std, src.source)
        return self._finding(kind, src, mine.rows, {
            "have": _qty(sum(x.quantity for x in mine.lines), mine.first.unit) if mine.dimension is not None
            else Message("grade.value.mixed_units"),
            "expected": _qty(src.base_qty / unit_factor, unit), "why": why, "rule": rule})

    def _factor_finding(self, src: _Source, mine: _Source, target: str, tol: float) -> Finding:
        std = self.key.info.standard
        k_p, m_p = _param_values(src.first.calc), _param_values(mine.first.calc)
        for name in _PARAMS:
            if name in k_p and name in m_p and not _close(k_p[name], m_p[name], tol):
                k_in = next(i for i in src.first.calc.inputs if i.name == name)
                m_in = next(i for i in mine.first.calc.inputs if i.name == name)
                param = "purity" if name == "purity" else None
                why, rule = self._why_rule(target, "wrong_parameter", std, src.source, param)
                return self._finding("wrong_parameter", src, mine.rows, {
                    "param": Message(f"grade.param.{name}"), "have": _qty(m_in.value, m_in.unit),
                    "expected": _qty(k_in.value, k_in.unit), "why": why, "rule": rule})
        why, rule = self._why_rule(target, "wrong_factor", std, src.source)
        k_e, m_e = src.tco2e, mine.tco2e
        unit = src.first.unit
        per = src.base_qty / sum(x.quantity for x in src.lines) if sum(x.quantity for x in src.lines) else 1.0
        have = (_qty(m_e / mine.base_qty * per, f"t CO2e/{unit}") if m_e is not None and mine.base_qty
                else Message("grade.value.no_factor"))
        expected = _qty(k_e / src.base_qty * per, f"t CO2e/{unit}") if k_e is not None and src.base_qty else "-"
        return self._finding("wrong_factor", src, mine.rows, {"have": have, "expected": expected, "why": why,
                                                               "rule": rule})

    def _other_item(self, src: _Source, extras: list[_Source]) -> _Source | None:
        """A trainee source of the same facility and source type, with the key source's quantity
        but another item (another fuel, a misspelt one): that source with the wrong item."""
        tol = self.rubric.tolerance(self._target(src))
        for mine in extras:
            if (mine.facility, mine.source) == (src.facility, src.source) and mine.dimension is not None \
                    and mine.dimension == src.dimension and _close(mine.base_qty, src.base_qty, tol):
                return mine
        return None

    def _wrong_item(self, src: _Source, mine: _Source) -> Finding:
        why, rule = self._why_rule(self._target(src), "wrong_factor", self.key.info.standard, src.source)
        line = mine.first
        return self._finding("wrong_factor", src, mine.rows, {
            "have": self._item_name(line.item_key, line.item), "expected": self._item_name(src.item_key, src.first.item),
            "why": why, "rule": rule}, message="grade.finding.wrong_item")

    def _missing(self, src: _Source) -> Finding:
        why, rule = self._why_rule(self._target(src), "missing_source", self.key.info.standard, src.source)
        unit = src.first.unit
        return self._finding("missing_source", src, [], {
            "have": Message("grade.value.nothing"), "expected": _qty(sum(x.quantity for x in src.lines), unit),
            "why": why, "rule": rule})

    def _extra(self, mine: _Source) -> Finding:
        line = mine.first
        why, rule = self._why_rule("extra_source", "extra_source", self.key.info.standard, mine.source)
        item = self._item_name(line.item_key, line.item)
        params = {"have": _qty(sum(x.quantity for x in mine.lines), line.unit) if mine.dimension else
                  Message("grade.value.mixed_units"), "expected": Message("grade.value.nothing"), "why": why,
                  "rule": rule, "source": mine.source, "item": item,
                  "facility": self.fac_names.get(mine.facility, mine.facility)}
        return Finding("extra_source", None, mine.rows, mine.facility, item,
                       self.rubric.points("extra_source"), Message("grade.finding.extra_source", params),
                       [Message("grade.hint.where_rows", {"rows": mine.rows}),
                        Message("grade.hint.extra_source", {"source": mine.source, "item": item})])

    def _finding(self, kind: str, src: _Source, rows: list[int], params: dict, message: str = "") -> Finding:
        line = src.first
        item = self._item_name(src.item_key, line.item)
        facility = self.fac_names.get(src.facility, src.facility)
        points = self.rubric.points(self._target(src)) * SOURCE_LOSS[kind]
        params = {**params, "source": src.source, "item": item, "facility": facility, "key_row": src.rows[0]}
        hints = [Message("grade.hint.where", {"source": src.source, "item": item, "facility": facility}),
                 Message(f"grade.hint.{kind}", {k: v for k, v in params.items() if k in ("param",)}),
                 Message("grade.hint.expected", {"expected": params.get("expected", "-")})]
        return Finding(kind, src.rows[0], sorted(rows), src.facility, item, points,
                       Message(message or f"grade.finding.{kind}", params), hints)

    def _item_name(self, item_key: str, written: str) -> Message | str:
        if not item_key:
            return Message("grade.value.no_item")
        if item_key.startswith("text:"):
            return written
        return _ItemName(self.lib, item_key, written)

    # -- contractual instruments (market-based Scope 2) ----------------------------------------------
    def _instruments(self, case: CaseData, fmap: Mapping[str, str]) -> list[Finding]:
        mine_groups = _instrument_groups(case, fmap)
        out: list[Finding] = []
        missing = []
        for key, group in self.key_instruments.items():
            mine = mine_groups.pop(key, None)
            if mine is None:
                missing.append((key, group))
                continue
            finding = self._instrument_chain(group, mine)
            if finding is not None:
                out.append(finding)
        for key, group in missing:
            target = f"Instruments!{group[0].row}"
            tol = self.rubric.tolerance(target)
            other = next((k for k, m in mine_groups.items() if k[0] == key[0]
                          and _close(_sum_q(m), _sum_q(group), tol)), None)
            if other is not None:
                mine = mine_groups.pop(other)
                out.append(self._instrument_finding("wrong_factor", group, mine, _instrument_shown(mine[0].type),
                                                    _instrument_shown(group[0].type)))
            else:
                out.append(self._instrument_finding("missing_source", group, [], Message("grade.value.nothing"),
                                                    _qty(_sum_q(group), "MWh")))
        for mine in mine_groups.values():
            why, rule = self._why_rule("extra_source", "extra_source", self.key.info.standard, "purchased_electricity")
            facility = self.fac_names.get(mine[0].facility, mine[0].facility)
            params = {"have": _qty(_sum_q(mine), "MWh"), "expected": Message("grade.value.nothing"), "why": why,
                      "rule": rule, "source": "purchased_electricity", "item": _instrument_shown(mine[0].type),
                      "facility": facility}
            out.append(Finding("extra_source", None, sorted(i.row for i in mine), mine[0].facility,
                               _instrument_shown(mine[0].type),
                               self.rubric.points("extra_source"), Message("grade.finding.extra_source", params),
                               [Message("grade.hint.where_instruments", {"rows": sorted(i.row for i in mine)}),
                                Message("grade.hint.extra_source", {"source": "purchased_electricity",
                                                                    "item": _instrument_shown(mine[0].type)})],
                               key_sheet="Instruments"))
        return out

    def _instrument_chain(self, group: list, mine: list) -> Finding | None:
        tol = self.rubric.tolerance(f"Instruments!{group[0].row}")
        kq, mq = _sum_q(group), _sum_q(mine)
        if not _close(kq, mq, tol):
            kind = "unit_error" if kq and _unit_slip(mq / kq, tol) else "wrong_quantity"
            return self._instrument_finding(kind, group, mine, _qty(mq, "MWh"), _qty(kq, "MWh"))
        kef, mef = _mean_ef(group), _mean_ef(mine)
        if not _close(kef, mef, tol) and abs(kef - mef) > 1e-9:
            return self._instrument_finding("wrong_factor", group, mine, _qty(mef, "t CO2e/MWh"),
                                            _qty(kef, "t CO2e/MWh"))
        return None

    def _instrument_finding(self, kind: str, group: list, mine: list, have, expected) -> Finding:
        target = f"Instruments!{group[0].row}"
        why, rule = self._why_rule(target, kind, self.key.info.standard, "purchased_electricity")
        if self.key.info.standard in ("ghgp", "iso14064") and self.rubric.row(target) is None:
            rule = Message("grade.rule.scope2_market")
        facility = self.fac_names.get(group[0].facility, group[0].facility)
        item = _instrument_shown(group[0].type)
        params = {"have": have, "expected": expected, "why": why, "rule": rule, "source": "purchased_electricity",
                  "item": item, "facility": facility}
        rows = sorted(i.row for i in mine)
        return Finding(kind, group[0].row, rows, group[0].facility, item,
                       self.rubric.points(target) * SOURCE_LOSS[kind], Message(f"grade.finding.{kind}", params),
                       [Message("grade.hint.where_instruments", {"rows": rows or [group[0].row]}),
                        Message(f"grade.hint.{kind}", {}), Message("grade.hint.expected", {"expected": expected})],
                       key_sheet="Instruments")

    # -- hand calculation --------------------------------------------------------------------------
    def _arithmetic(self, case: CaseData, inv) -> list[Finding]:
        figures = my_results(case)
        total = my_total(case)
        acts = case.activities
        n = len(acts) + 1
        pool = self.rubric.points("arithmetic")
        each = pool / n if n else 0.0
        tol = self.rubric.tolerance("arithmetic")
        out = []
        for i in range(len(acts)):
            g = inv.groups[inv.line_group[i]]
            if g.calc is None:
                continue
            own = inv.line_tco2e(i)
            mine = figures[i] if figures is not None else None
            if mine is not None and _close(mine, own, tol) or (mine is not None and abs(mine - own) < 0.005):
                continue
            item = acts.item[i] or ""
            have = Message("grade.value.nothing") if mine is None else _qty(mine, "t CO2e")
            why, rule = self._why_rule("arithmetic", "arithmetic", case.info.standard)
            params = {"have": have, "expected": _qty(own, "t CO2e"), "why": why, "rule": rule,
                      "row": acts.row[i], "source": acts.source[i], "item": item}
            out.append(Finding("arithmetic", None, [acts.row[i]], acts.facility[i], item, each,
                               Message("grade.finding.arithmetic", params),
                               [Message("grade.hint.where_rows", {"rows": [acts.row[i]]}),
                                Message("grade.hint.arithmetic"),
                                Message("grade.hint.expected", {"expected": _qty(own, "t CO2e")})]))
        own_total = inv.totals.get("total", 0.0)
        if total is None or not (_close(total, own_total, tol) or abs(total - own_total) < 0.005):
            why, rule = self._why_rule("arithmetic", "arithmetic", case.info.standard)
            params = {"have": Message("grade.value.nothing") if total is None else _qty(total, "t CO2e"),
                      "expected": _qty(own_total, "t CO2e"), "why": why, "rule": rule}
            out.append(Finding("arithmetic", None, [], "", "", each, Message("grade.finding.arithmetic_total", params),
                               [Message("grade.hint.arithmetic_total"),
                                Message("grade.hint.expected", {"expected": _qty(own_total, "t CO2e")})]))
        return out


class _ItemName(Message):
    """An item of the factor library, named in the language of the message around it."""

    def __init__(self, lib, item_id: str, written: str):
        super().__init__("", {"id": item_id, "written": written})
        item = lib.item(item_id)
        object.__setattr__(self, "_names", {"en": item.name("en") if item else written,
                                            "zh": item.name("zh") if item else written})

    def render(self, lang: str = "en") -> str:
        return self._names["zh" if lang == "zh" else "en"]

    def __str__(self) -> str:
        return self._names["en"]


def _as_written(src: _Source, unit: str, unit_factor: float) -> str:
    """The quantity of a trainee's source in their own unit (all lines in one), else in ``unit``."""
    units = {x.unit for x in src.lines}
    if len(units) == 1:
        return _qty(math.fsum(x.quantity for x in src.lines), units.pop())
    return _qty(src.base_qty / unit_factor, unit)


def _instrument_groups(case: CaseData, fmap: Mapping[str, str]) -> dict[tuple[str, str], list]:
    """The contractual instruments of a case by (facility, kind): green certificates and green
    power under any of their names are one kind."""
    from carbonmgr.factors.library import norm_name
    from carbonmgr.inventory.engine import instrument_type_id, is_green_instrument

    out: dict[tuple[str, str], list] = {}
    for ins in case.instruments:  # a type typed by its name is its id
        kind = "green" if is_green_instrument(ins.type) else norm_name(instrument_type_id(ins.type))
        out.setdefault((fmap.get(ins.facility, ins.facility), kind), []).append(ins)
    return out


def _instrument_shown(text: str):
    """An instrument type in a finding: a known type by its name in the finding's language (the
    one the app and the export show), never by its id (green_certificate); other text as typed."""
    from carbonmgr.inventory.engine import instrument_type_id
    from carbonmgr.inventory.model import INSTRUMENT_TYPES

    code = instrument_type_id(text)
    return Message(f"label.instrument.{code}") if code in INSTRUMENT_TYPES else text


def _sum_q(group: list) -> float:
    return math.fsum(float(i.quantity or 0.0) for i in group)


def _mean_ef(group: list) -> float:
    q = _sum_q(group)
    if not q:
        return 0.0
    return math.fsum(float(i.quantity or 0.0) * float(i.ef or 0.0) for i in group) / q


def _fold(text: str | None) -> str:
    return "".join(str(text or "").lower().split())


def _qty(value: float, unit: str) -> str:
    if value is None:
        return "-"
    if value == 0:
        text = "0"
    elif abs(value) >= 1e6 or float(value).is_integer():
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    else:
        text = f"{value:,.6g}"
    return f"{text} {unit}".strip()


def _setting_value(kind: str, value: str) -> Message | str:
    if kind == "gwp":
        return value
    if kind == "consolidation":
        return Message(f"cli.consolidation.{value}")
    return Message(f"grade.standard.{value}")


def _subset(candidates: list, target: float, slack: float):
    """Lines whose quantities add up to ``target`` (within ``slack``): the whole set, one line,
    else the smallest subset of at most :data:`_SUBSET_LINES` lines."""
    if not candidates:
        return None
    if abs(sum(x.base_qty for x, _ in candidates) - target) <= slack:
        return candidates
    pool = candidates[:_SUBSET_LINES]
    for size in range(1, len(pool) + 1):
        for combo in combinations(pool, size):
            if abs(sum(x.base_qty for x, _ in combo) - target) <= slack:
                return list(combo)
    return None


# ------------------------------------------------------------------------------ API
def _trainee_of(submission) -> tuple[CaseData, dict[str, Any]]:
    if isinstance(submission, CaseData):
        return submission, {}
    return submission.case, {"submission": str(submission.path) if getattr(submission, "path", None) else None,
                             "trainee": getattr(submission, "trainee", None),
                             "trainee_id": getattr(submission, "trainee_id", None),
                             "seal": getattr(submission, "seal", "none") or "none",
                             "meta": {"package_id": getattr(submission, "package", None)}}


def grade(exercise: Exercise, submission, lang: str = "en", *, hints_revealed: Mapping[str, int] | None = None,
          library=None, _grader: _Grader | None = None) -> GradeResult:
    """Grade one submission (a :class:`CaseData`, or a submission from
    :func:`carbonmgr.training.intake.load_submission`) against ``exercise``'s key."""
    from carbonmgr.factors.library import default_library

    grader = _grader or _Grader(exercise, library or default_library())
    case, meta = _trainee_of(submission)
    findings = grader.grade(case)
    findings.sort(key=lambda f: (KINDS.index(f.kind) > KINDS.index("wrong_factor"),
                                 f.key_row if f.key_row is not None else 10 ** 9, min(f.rows, default=10 ** 9)))
    result = GradeResult(findings=findings, points_possible=grader.points_possible(), lang=lang,
                         hint_cost=exercise.rubric.points("hint"),
                         hints_revealed=dict(hints_revealed or {}), **meta)
    known = {f.hint_key for f in findings}
    result.hints_revealed = {k: v for k, v in result.hints_revealed.items() if k in known}
    return result


def grade_many(key, paths: Iterable[str | Path], lang: str = "en",
               progress: Callable[[int, int], Any] | None = None, *, library=None,
               on_result: Callable[[int, GradeResult], Any] | None = None) -> list[GradeResult]:
    """Grade each submission file against ``key`` (an :class:`Exercise` or the path of an exercise
    workbook), in the order given. An unreadable submission is flagged in its result (``problems``)
    and the others are graded. ``on_result(index, result)`` then ``progress(done, total)`` are
    called after each one (from the calling thread: the app runs this in a worker)."""
    from carbonmgr.factors.library import default_library
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.intake import load_submission

    exercise = key if isinstance(key, Exercise) else read_exercise(key)
    lib = library or default_library()
    grader = _Grader(exercise, lib)
    paths = list(paths)
    results = []
    key_package: list[str] = []  # the id of the key's exam package, computed when a submission names one
    for n, path in enumerate(paths):
        try:
            submission = load_submission(path)
            result = grade(exercise, submission, lang, library=lib, _grader=grader)
            result.submission = str(path)
            answered = result.meta.get("package_id")
            if answered:
                if not key_package:
                    from carbonmgr.training.package import package_id

                    key_package.append(package_id(exercise))
                result.meta["package"] = "ok" if answered == key_package[0] else "other"
        except CarbonMgrError as exc:
            problems = getattr(exc, "problems", None) or [getattr(exc, "problem", None) or
                                                          Problem("grade.unreadable", {"detail": str(exc)})]
            result = GradeResult(submission=str(path), lang=lang, problems=list(problems),
                                 points_possible=grader.points_possible())
        except (ArithmeticError, LookupError, TypeError, ValueError, OSError) as exc:  # noqa: BLE001
            # a file that trips the grader itself: flagged, and the rest are still graded
            result = GradeResult(submission=str(path), lang=lang, points_possible=grader.points_possible(),
                                 problems=[Problem("grade.unreadable", {"detail": f"{type(exc).__name__}: {exc}"})])
        results.append(result)
        if on_result is not None:
            on_result(n, result)
        if progress is not None:
            progress(n + 1, len(paths))
    return results
