"""ETS rules as versioned data: the allocation plans of the national carbon market.

Read from the CSV files in ``resources/ets/`` (see ``docs/ets-rules.md``), like the
factor library: every row names the official document that publishes it (official title
and number, the part of it) and a status (``verified``: read in a verbatim transcription
of the official text; ``secondary``: read in a compilation that cites it).  A draft plan
is marked as a draft.  The loader checks every file: a missing column, a value that is no
number, an unknown status or a plan without its document is an error (``RulesError``),
never a silent default.

* ``plans.csv``        one row per plan: document, metric (supply/generation), boundary,
  which corrections it has, the gas exemption, the gap cap, pre-allocation, rounding, CCER cap
* ``benchmarks.csv``   electricity and heat benchmarks per plan, year and unit class
* ``corrections.csv``  cooling, heat-supply and load (peak-shaving) correction factors
* ``compliance.csv``   the surrender deadline of each year
* ``penalties.csv``    what a shortfall costs under the regulation in force at the deadline
* ``offsets.csv``      the CCER cap (a share of the allowances due)
* ``banking.csv``      carrying allowances over
* ``borrowing.csv``    borrowing from the next plan's pre-allocation (the 2021-2022 plan only)
* ``intensity.csv``    the 2026 intensity rule of steel, cement and aluminium
"""
from __future__ import annotations

import csv
import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from carbonmgr.common.errors import CarbonMgrError
from carbonmgr.common.paths import resource_dir

STATUSES = ("verified", "secondary", "unverified")
UNIT_CLASSES = ("I", "II", "III", "gas")
TITLE_MARK = chr(0x300A)  # the mark an official Chinese title opens with
SECTORS = ("steel", "cement", "aluminium")
METRICS = ("supply", "generation")
BOUNDARIES = ("direct", "direct+electricity")
LOAD_RULES = ("load_2019", "load_2023", "load_2025")
GAP_CAP_FORMS = ("top_up", "obligation")  # allocation topped up | surrender obligation capped
PRE_ALLOCATION_BASES = ("output_2018", "verified_2021", "verified_previous")
BORROWING_RULES = ("none", "pre_allocation_next")


class RulesError(CarbonMgrError):
    """The bundled ETS rule data is broken (a programming or packaging error, not user input)."""


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: the official document and the part of it, and how we read it."""

    document: str  # official title
    number: str  # document number
    part: str  # annex / table / article
    status: str  # verified | secondary | unverified
    draft: bool = False
    tag: str = ""  # which transcription we read (kept for maintainers, never a citation)

    def to_dict(self) -> dict:
        return {"document": self.document, "number": self.number, "part": self.part, "status": self.status,
                "draft": self.draft}


@dataclass(frozen=True)
class Benchmark:
    plan: str
    year: int
    klass: str
    electricity: float  # t CO2 / MWh (of supply or of generation, as the plan's metric)
    heat: float  # t CO2 / GJ
    balance_electricity: float | None
    balance_heat: float | None
    metric: str
    source: Source


@dataclass(frozen=True)
class Correction:
    plan: str
    factor: str  # cooling | heat | load
    applies_to: str  # coal | gas | coal_condensing
    params: dict
    source: Source


@dataclass(frozen=True)
class Penalty:
    regulation: str
    kind: str  # fixed | price_multiple
    low: float
    high: float
    refusal: str
    in_force: _dt.date
    until: _dt.date | None
    refusal_until: _dt.date | None
    source: Source


@dataclass(frozen=True)
class Banking:
    rule: str
    base: float | None
    ratio: float | None
    net_sales_from: str
    net_sales_to: str
    holdings_date: str
    apply_until: str
    source: Source


@dataclass(frozen=True)
class Borrowing:
    """Borrowing allowances of a later year to surrender (预支): under ``pre_allocation_next`` an entity
    whose gap rate is at least ``threshold`` may borrow up to ``share`` of its gap from its
    ``from_year`` pre-allocation; ``none``: the plan does not allow it."""

    rule: str  # none | pre_allocation_next
    threshold: float | None  # gap rate, a share of the verified emissions
    share: float | None  # of the gap
    from_year: int | None  # the year whose pre-allocation is borrowed from
    source: Source

    @property
    def allowed(self) -> bool:
        return self.rule != "none"


@dataclass(frozen=True)
class IntensityRule:
    year: int
    sector: str
    x_low: float
    x_high: float
    slope: float
    alpha_high: float
    alpha_low: float
    source: Source


@dataclass(frozen=True)
class Plan:
    id: str
    first_year: int
    last_year: int
    document: str
    number: str
    issued: str
    draft: bool
    metric: str
    boundary: str
    cooling: bool
    heat_correction: bool
    load_rule: str
    load_rounding: int | None  # decimals of the load correction factor, None: not rounded
    gas_exemption: bool
    gap_cap: float | None  # final allocation at least this share of verified emissions; None: no cap
    gap_cap_form: str  # top_up: the allocation is topped up; obligation: the surrender obligation is capped
    pre_allocation: float | None  # share of the basis
    pre_allocation_basis: str  # output_2018 | verified_2021 | verified_previous
    pre_allocation_upto: bool  # the share is a maximum (the province may lower it)
    rounding: str
    borrowing: bool
    banking: str
    status: str
    tag: str
    benchmarks: dict[tuple[int, str], Benchmark] = field(default_factory=dict)
    corrections: dict[tuple[str, str], Correction] = field(default_factory=dict)
    intensity: dict[tuple[int, str], IntensityRule] = field(default_factory=dict)
    offset: "Offset | None" = None

    def source(self, part: str = "") -> Source:
        return Source(self.document, self.number, part, self.status, self.draft, self.tag)

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def name(self) -> str:
        return self.document


@dataclass(frozen=True)
class Offset:
    """How much CCER may be surrendered: a share of the allowances due (verified emissions)."""

    cap: float
    eligible: str
    source: Source


@dataclass(frozen=True)
class Deadline:
    year: int
    date: _dt.date
    partial_date: _dt.date | None
    partial_share: float | None
    source: Source


@dataclass
class Rules:
    plans: dict[str, Plan]
    deadlines: dict[int, Deadline]
    penalties: list[Penalty]
    banking: dict[str, Banking]
    borrowing: dict[str, Borrowing] = field(default_factory=dict)

    def years(self) -> list[int]:
        return sorted(self.deadlines)

    def plan_for(self, year: int) -> Plan | None:
        for plan in self.plans.values():
            if plan.covers(year):
                return plan
        return None

    def penalty_at(self, day: _dt.date) -> Penalty | None:
        """The penalty rule in force on ``day`` (the surrender deadline)."""
        for p in self.penalties:
            if p.in_force <= day and (p.until is None or day <= p.until):
                return p
        return None


# ------------------------------------------------------------------------------- loading

def _rows(path: Path, required: tuple[str, ...]) -> list[dict]:
    if not path.is_file():
        raise RulesError(f"ETS rule file missing: {path.name}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise RulesError(f"{path.name}: columns missing: {', '.join(missing)}")
        rows = []
        for n, row in enumerate(reader, start=2):
            if None in row:
                raise RulesError(f"{path.name} line {n}: more cells than columns")
            rows.append({k: (v or "").strip() for k, v in row.items()} | {"_line": n, "_file": path.name})
        return rows


def _where(row: dict) -> str:
    return f"{row['_file']} line {row['_line']}"


def _num(row: dict, key: str, *, optional: bool = False, low: float | None = None,
         high: float | None = None) -> float | None:
    text = row.get(key, "")
    if not text:
        if optional:
            return None
        raise RulesError(f"{_where(row)}: {key} is empty")
    try:
        x = float(text)
    except ValueError:
        raise RulesError(f"{_where(row)}: {key} is not a number: {text!r}") from None
    if (low is not None and x < low) or (high is not None and x > high):
        raise RulesError(f"{_where(row)}: {key} = {x} is out of range")
    return x


def _date(row: dict, key: str, *, optional: bool = False) -> _dt.date | None:
    text = row.get(key, "")
    if not text and optional:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise RulesError(f"{_where(row)}: {key} is not a date: {text!r}") from None


def _choice(row: dict, key: str, allowed) -> str:
    value = row.get(key, "")
    if value not in allowed:
        raise RulesError(f"{_where(row)}: {key} = {value!r}, expected one of {', '.join(allowed)}")
    return value


def _yes(row: dict, key: str) -> bool:
    return _choice(row, key, ("yes", "no")) == "yes"


def _status(row: dict) -> str:
    return _choice(row, "status", STATUSES)


def _params(row: dict) -> dict:
    out = {}
    for part in filter(None, (p.strip() for p in row["params"].split(";"))):
        key, sep, value = part.partition("=")
        if not sep:
            raise RulesError(f"{_where(row)}: params: {part!r} is not key=value")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise RulesError(f"{_where(row)}: params: {part!r} is not a number") from None
    return out


_LOAD_PARAMS = {
    "load_2019": ("hi", "mid", "lo", "a", "b", "c", "base", "p", "q"),
    "load_2023": ("below", "base", "p", "q"),
    "load_2025": ("below", "a", "b", "c", "d", "e"),
}


def load_rules(root: Path | None = None) -> Rules:
    """Read and check ``resources/ets/*.csv``; raise :class:`RulesError` on any defect."""
    root = Path(root) if root is not None else resource_dir() / "ets"
    plans: dict[str, Plan] = {}
    for row in _rows(root / "plans.csv", ("plan", "years", "document", "number", "issued", "draft", "metric",
                                          "boundary", "cooling", "heat_correction", "load_rule",
                                          "load_rounding", "gas_exemption", "gap_cap", "gap_cap_form",
                                          "pre_allocation", "pre_allocation_basis", "pre_allocation_upto", "rounding", "borrowing", "banking",
                                          "status", "tag")):
        pid = row["plan"]
        if pid in plans:
            raise RulesError(f"{_where(row)}: plan {pid} twice")
        if not row["document"].startswith(TITLE_MARK) or not row["number"]:
            raise RulesError(f"{_where(row)}: a plan cites its official document (title) and number")
        first, _, last = row["years"].partition("-")
        try:
            first_year, last_year = int(first), int(last or first)
        except ValueError:
            raise RulesError(f"{_where(row)}: years {row['years']!r}") from None
        rounding = _num(row, "load_rounding", optional=True, low=0, high=12)
        plans[pid] = Plan(
            id=pid, first_year=first_year, last_year=last_year, document=row["document"], number=row["number"],
            issued=row["issued"], draft=_yes(row, "draft"), metric=_choice(row, "metric", METRICS),
            boundary=_choice(row, "boundary", BOUNDARIES), cooling=_yes(row, "cooling"),
            heat_correction=_yes(row, "heat_correction"), load_rule=_choice(row, "load_rule", LOAD_RULES),
            load_rounding=None if rounding is None else int(rounding), gas_exemption=_yes(row, "gas_exemption"),
            gap_cap=_num(row, "gap_cap", optional=True, low=0, high=1),
            gap_cap_form=_choice(row, "gap_cap_form", GAP_CAP_FORMS),
            pre_allocation=_num(row, "pre_allocation", optional=True, low=0, high=1),
            pre_allocation_basis=_choice(row, "pre_allocation_basis", PRE_ALLOCATION_BASES),
            pre_allocation_upto=_yes(row, "pre_allocation_upto"), rounding=_choice(row, "rounding", ("floor",)),
            borrowing=_yes(row, "borrowing"),
            banking=row["banking"], status=_status(row), tag=row["tag"])
    if not plans:
        raise RulesError("plans.csv holds no plan")

    def plan_of(row: dict) -> Plan:
        plan = plans.get(row["plan"])
        if plan is None:
            raise RulesError(f"{_where(row)}: unknown plan {row['plan']!r}")
        return plan

    for row in _rows(root / "benchmarks.csv", ("plan", "year", "class", "electricity", "heat", "balance_electricity",
                                               "balance_heat", "metric", "annex", "status", "tag")):
        plan = plan_of(row)
        year = int(_num(row, "year", low=2019, high=2100))
        if not plan.covers(year):
            raise RulesError(f"{_where(row)}: year {year} outside plan {plan.id}")
        klass = _choice(row, "class", UNIT_CLASSES)
        metric = _choice(row, "metric", METRICS)
        if metric != plan.metric:
            raise RulesError(f"{_where(row)}: metric {metric} differs from the plan's {plan.metric}")
        if (year, klass) in plan.benchmarks:
            raise RulesError(f"{_where(row)}: benchmark {year} {klass} twice")
        src = Source(plan.document, plan.number, row["annex"], _status(row), plan.draft, row["tag"])
        plan.benchmarks[(year, klass)] = Benchmark(
            plan.id, year, klass, _num(row, "electricity", low=0.01, high=2), _num(row, "heat", low=0.001, high=1),
            _num(row, "balance_electricity", optional=True, low=0.01, high=2),
            _num(row, "balance_heat", optional=True, low=0.001, high=1), metric, src)
    for row in _rows(root / "corrections.csv", ("plan", "factor", "applies_to", "params", "annex", "status", "tag")):
        plan = plan_of(row)
        factor = _choice(row, "factor", ("cooling", "heat", "load"))
        applies = _choice(row, "applies_to", ("coal", "gas", "coal_condensing"))
        params = _params(row)
        if factor == "load":
            need = _LOAD_PARAMS[plan.load_rule]
        elif factor == "cooling":
            need = ("water", "air")
        else:
            need = ("k",)
        missing = [k for k in need if k not in params]
        if missing:
            raise RulesError(f"{_where(row)}: params missing: {', '.join(missing)}")
        src = Source(plan.document, plan.number, row["annex"], _status(row), plan.draft, row["tag"])
        plan.corrections[(factor, applies)] = Correction(plan.id, factor, applies, params, src)
    for row in _rows(root / "intensity.csv", ("plan", "year", "sector", "x_low", "x_high", "slope", "alpha_high",
                                              "alpha_low", "rounding", "annex", "status", "tag")):
        plan = plan_of(row)
        sector = _choice(row, "sector", SECTORS)
        year = int(_num(row, "year", low=2019, high=2100))
        if not plan.covers(year):
            raise RulesError(f"{_where(row)}: year {year} outside plan {plan.id}")
        src = Source(plan.document, plan.number, row["annex"], _status(row), plan.draft, row["tag"])
        plan.intensity[(year, sector)] = IntensityRule(year, sector, _num(row, "x_low", low=-1, high=0),
                                               _num(row, "x_high", low=0, high=1), _num(row, "slope", low=0, high=1),
                                               _num(row, "alpha_high", low=-1, high=1),
                                               _num(row, "alpha_low", low=-1, high=1), src)
    for plan in plans.values():
        for year in range(plan.first_year, plan.last_year + 1):
            for klass in UNIT_CLASSES:
                if (year, klass) not in plan.benchmarks:
                    raise RulesError(f"benchmarks.csv: plan {plan.id} has no benchmark for {year} {klass}")
        if plan.cooling and ("cooling", "coal") not in plan.corrections:
            raise RulesError(f"corrections.csv: plan {plan.id} has a cooling correction but no factors")
        if plan.heat_correction and not {("heat", "coal"), ("heat", "gas")} <= set(plan.corrections):
            raise RulesError(f"corrections.csv: plan {plan.id} has a heat correction but no factors")
        if not any(f == "load" for f, _ in plan.corrections):
            raise RulesError(f"corrections.csv: plan {plan.id} has no load correction")

    deadlines: dict[int, Deadline] = {}
    for row in _rows(root / "compliance.csv", ("year", "plan", "deadline", "deadline_partial", "partial_share",
                                               "status", "tag")):
        plan = plan_of(row)
        year = int(_num(row, "year", low=2019, high=2100))
        if not plan.covers(year) or year in deadlines:
            raise RulesError(f"{_where(row)}: year {year}")
        src = Source(plan.document, plan.number, "", _status(row), plan.draft, row["tag"])
        deadlines[year] = Deadline(year, _date(row, "deadline"), _date(row, "deadline_partial", optional=True),
                                   _num(row, "partial_share", optional=True, low=0, high=1), src)
    penalties = []
    for row in _rows(root / "penalties.csv", ("regulation", "document", "number", "article", "in_force", "until",
                                              "kind", "min", "max", "refusal", "refusal_until", "status", "tag")):
        if not row["document"].startswith(TITLE_MARK) or not row["number"]:
            raise RulesError(f"{_where(row)}: a regulation cites its official document and number")
        low, high = _num(row, "min", low=0), _num(row, "max", low=0)
        if high < low:
            raise RulesError(f"{_where(row)}: max < min")
        src = Source(row["document"], row["number"], row["article"], _status(row), False, row["tag"])
        penalties.append(Penalty(row["regulation"], _choice(row, "kind", ("fixed", "price_multiple")), low, high,
                                 _choice(row, "refusal", ("deduct_next_year",)), _date(row, "in_force"),
                                 _date(row, "until", optional=True), _date(row, "refusal_until", optional=True), src))
    for row in _rows(root / "offsets.csv", ("plan", "cap", "document", "number", "article", "eligible", "status",
                                            "tag")):
        plan = plan_of(row)
        if not row["document"].startswith(TITLE_MARK) or not row["number"]:
            raise RulesError(f"{_where(row)}: an offset rule cites its official document and number")
        src = Source(row["document"], row["number"], row["article"], _status(row), False, row["tag"])
        object.__setattr__(plan, "offset", Offset(_num(row, "cap", low=0, high=1), row["eligible"], src))
    banking = {}
    for row in _rows(root / "banking.csv", ("rule", "plan", "base", "ratio", "net_sales_from", "net_sales_to",
                                            "holdings_date", "apply_until", "annex", "status", "tag")):
        plan = plan_of(row)
        src = Source(plan.document, plan.number, row["annex"], _status(row), plan.draft, row["tag"])
        banking[plan.id] = Banking(row["rule"], _num(row, "base", optional=True, low=0),
                                   _num(row, "ratio", optional=True, low=0), row["net_sales_from"],
                                   row["net_sales_to"], row["holdings_date"], row["apply_until"], src)
    borrowing: dict[str, Borrowing] = {}
    for row in _rows(root / "borrowing.csv", ("rule", "plan", "threshold", "share", "from_year", "from_allocation",
                                              "annex", "status", "tag")):
        plan = plan_of(row)
        if plan.id in borrowing:
            raise RulesError(f"{_where(row)}: plan {plan.id} twice")
        rule = _choice(row, "rule", BORROWING_RULES)
        src = Source(plan.document, plan.number, row["annex"], _status(row), plan.draft, row["tag"])
        if rule == "none":
            if any(row[k] for k in ("threshold", "share", "from_year", "from_allocation")):
                raise RulesError(f"{_where(row)}: a plan without borrowing has no threshold, share or year")
            borrowing[plan.id] = Borrowing(rule, None, None, None, src)
            continue
        _choice(row, "from_allocation", ("pre_allocation",))
        from_year = int(_num(row, "from_year", low=2019, high=2100))
        if from_year <= plan.last_year:
            raise RulesError(f"{_where(row)}: borrowing is from a year after the plan's ({from_year})")
        borrowing[plan.id] = Borrowing(rule, _num(row, "threshold", low=0, high=1), _num(row, "share", low=0, high=1),
                                       from_year, src)
    for plan in plans.values():
        b = borrowing.get(plan.id)
        if b is None or b.allowed != plan.borrowing:
            raise RulesError(f"borrowing.csv: plan {plan.id} needs its borrowing rule "
                             f"({'allowed' if plan.borrowing else 'none'}, as plans.csv says)")
        if plan.offset is None:
            raise RulesError(f"offsets.csv: no CCER rule for plan {plan.id}")
        for year in range(plan.first_year, plan.last_year + 1):
            if year not in deadlines:
                raise RulesError(f"compliance.csv: no surrender deadline for {year}")
        if plan.id not in banking or banking[plan.id].rule != plan.banking:
            raise RulesError(f"banking.csv: plan {plan.id} needs its banking rule {plan.banking!r}")
    return Rules(plans, deadlines, penalties, banking, borrowing)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return load_rules()
