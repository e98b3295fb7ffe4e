"""The class market: firms, shocks, surrender and the debrief (the rules; the file is
:mod:`carbonmgr.trading.market_store`).

A firm (one per trainee or team) has its verified emissions of the year (from its inventory,
whole tonnes), its free allocation (issued at the start), the allowances it holds, those it
borrowed (预支, the 2021-2022 plan only: from its 2023 pre-allocation, to surrender, so never sold;
validated against the plan's ``borrow_max`` when the market is drawn from a case), the CCER it
holds, its cash and its abatement options. Rounds clear as call auctions (:mod:`carbonmgr.trading.auction`).

Between rounds the instructor may inject shocks:

* ``output``: a firm's (or every firm's) output changes by a fraction: its emissions change in
  proportion, and so does its final allocation, since the national ETS allocates by output
  (allocation = output × benchmark, china-addendum §2.2); the difference is trued up at surrender;
* ``benchmark``: the benchmark (so the final allocation) changes by a fraction;
* ``floor`` / ``ceiling``: a price floor or ceiling for the rounds that follow (none: lifted);
* ``ccer``: extra CCER supply (tonnes, at a price) that firms may buy, within 5 % of their
  allowances due.

At the end every firm surrenders:

    final allocation A = ⌊allocation × output × benchmark⌋ (rounded down, as the plans do)
    emissions E = round(base emissions × output − abated tonnes), not below 0
    held H = allowances held + (A − allocation)   (the true-up)
    borrowed B (预支 allowances, counted at surrender as ``carbonmgr ets`` counts them)
    CCER used C = min(CCER held, ⌊5 % × E⌋, max(0, E − H − B))
    surplus = H + B + C − E  (negative: a shortfall S)
    penalty = 5–10 × reference price × S  (条例 art. 24; reference price: the class market's
              volume-weighted average price over its rounds, standing for the average of the month
              before the deadline; the start price when nothing traded)
    cost = net paid for allowances + abatement + CCER + the lower penalty

The least-cost outcome (:func:`least_cost`): the class needs N = Σ E₀ − Σ (H₀ + A − allocation + B)
tonnes cut (E₀ the emissions without abatement; H₀ the allowances each firm held before any trade,
its allocation and, drawn from a case, the case's ``allowances_held``; A − allocation its true-up;
B the allowances borrowed: every allowance the class can surrender, as :func:`surrender` counts
them); the equilibrium price P* is the cost
per tonne of the last measure (or CCER) needed, along the market's abatement curve, never below 0;
at P* each firm takes every measure cheaper than P* (and shares the marginal one, pro rata), and
trades the rest at P*.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from carbonmgr.trading.abatement import CCER_CAP

PENALTY_MIN, PENALTY_MAX = 5, 10  # × price × shortfall (碳排放权交易管理暂行条例, art. 24)
SHOCKS = ("output", "benchmark", "floor", "ceiling", "ccer")


@dataclass
class FirmMeasure:
    name: str
    tonnes: float
    cost_per_t: float  # CNY/t
    taken: bool = False


@dataclass
class Firm:
    id: str
    emissions: int  # t, base verified emissions of the year
    allocation: int  # t, free allocation issued at the start
    holdings: int  # t, allowances held now
    cash: int  # fen
    output: float = 1.0
    benchmark: float = 1.0
    ccer: int = 0  # t CCER held
    paid: int = 0  # fen, net paid for allowances (negative: received)
    spent_abatement: int = 0  # fen
    spent_ccer: int = 0  # fen
    borrowed: int = 0  # t, borrowed (预支) to surrender: counted at surrender, never sold
    measures: list[FirmMeasure] = field(default_factory=list)

    def abated(self) -> float:
        return sum(m.tonnes for m in self.measures if m.taken)

    def current_emissions(self) -> int:
        return max(0, round_half_up(self.emissions * self.output - self.abated()))

    def base_emissions(self) -> int:
        return max(0, round_half_up(self.emissions * self.output))

    def final_allocation(self) -> int:
        return math.floor(self.allocation * self.output * self.benchmark + 1e-9)

    def ccer_cap(self) -> int:
        return math.floor(CCER_CAP * self.current_emissions() + 1e-9)


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def reference_price(rounds: list[dict], start_price: int) -> int:
    """Volume-weighted average price of the rounds (fen), the start price when nothing traded."""
    volume = sum(r["volume"] for r in rounds if r.get("price") is not None)
    if not volume:
        return start_price
    return round_half_up(sum(r["price"] * r["volume"] for r in rounds if r.get("price") is not None) / volume)


def surrender(firm: Firm, price: int) -> dict:
    """A firm's compliance at the end (see the module's text); money in fen."""
    e = firm.current_emissions()
    a = firm.final_allocation()
    held = firm.holdings + (a - firm.allocation)
    ccer_used = max(0, min(firm.ccer, firm.ccer_cap(), e - held - firm.borrowed))
    surplus = held + firm.borrowed + ccer_used - e
    shortfall = max(0, -surplus)
    penalty_min, penalty_max = PENALTY_MIN * price * shortfall, PENALTY_MAX * price * shortfall
    return {
        "firm": firm.id, "emissions": e, "base_emissions": firm.base_emissions(), "abated": firm.abated(),
        "allocation": firm.allocation, "allocation_final": a, "true_up": a - firm.allocation,
        "held": held, "borrowed": firm.borrowed, "ccer_used": ccer_used, "ccer_cap": firm.ccer_cap(),
        "surplus": surplus,
        "shortfall": shortfall, "price": price, "penalty_min": penalty_min, "penalty_max": penalty_max,
        "paid": firm.paid, "abatement_cost": firm.spent_abatement, "ccer_cost": firm.spent_ccer,
        "cost": firm.paid + firm.spent_abatement + firm.spent_ccer + penalty_min,
        "compliant": shortfall == 0,
    }


def least_cost(firms: list[Firm], *, ccer_pool: int = 0, ccer_price: int | None = None,
               start_holdings: dict[str, int] | None = None) -> dict:
    """The least-cost outcome of the class (see the module's text); money in CNY (floats).
    ``start_holdings``: the allowances each firm held before any trade (default: its allocation)."""
    start = start_holdings or {}

    def allowances(f: Firm) -> int:  # what the firm can surrender without trading or abating
        return start.get(f.id, f.allocation) + f.final_allocation() - f.allocation + f.borrowed

    need = sum(f.base_emissions() - allowances(f) for f in firms)
    steps = [(m.cost_per_t, m.tonnes, f.id, m.name) for f in firms for m in f.measures if m.tonnes > 0]
    ccer_cap_total = sum(math.floor(CCER_CAP * f.base_emissions() + 1e-9) for f in firms)
    ccer_t = min(ccer_pool, ccer_cap_total) if ccer_price is not None else 0
    if ccer_t > 0:
        steps.append((ccer_price / 100, ccer_t, None, "CCER"))
    steps.sort(key=lambda s: (s[0], -s[1]))
    supply = sum(s[1] for s in steps)
    reachable = need <= supply + 1e-9
    # the marginal cost: walk the curve until the need is met
    price, got = 0.0, 0.0
    for cost, tonnes, _, _ in steps:
        if got >= need:
            break
        got += tonnes
        price = max(price, cost)
    if not reachable:
        price = steps[-1][0] if steps else 0.0
    price = max(price, 0.0)
    below = [s for s in steps if s[0] < price - 1e-12]
    at = [s for s in steps if abs(s[0] - price) <= 1e-12]
    left = max(0.0, need - sum(s[1] for s in below))
    at_total = sum(s[1] for s in at)
    share = 1.0 if at_total <= 0 else min(1.0, left / at_total)
    if not reachable:
        share = 1.0
    per: dict[str, dict] = {f.id: {"firm": f.id, "abated": 0.0, "abatement_cost": 0.0, "ccer": 0.0,
                                   "ccer_cost": 0.0} for f in firms}
    ccer_used = 0.0
    for (cost, tonnes, firm, _), part in [(s, 1.0) for s in below] + [(s, share) for s in at]:
        take = tonnes * part
        if firm is None:
            ccer_used += take
        else:
            per[firm]["abated"] += take
            per[firm]["abatement_cost"] += take * cost
    if ccer_used and ccer_cap_total:
        for f in firms:  # the CCER used, shared by the firms' caps
            part = ccer_used * math.floor(CCER_CAP * f.base_emissions() + 1e-9) / ccer_cap_total
            per[f.id]["ccer"] = part
            per[f.id]["ccer_cost"] = part * ccer_price / 100
    for f in firms:
        p = per[f.id]
        p["net_buy"] = f.base_emissions() - p["abated"] - p["ccer"] - allowances(f)
        p["trade_cost"] = p["net_buy"] * price
        p["cost"] = p["abatement_cost"] + p["ccer_cost"] + p["trade_cost"]
    total_abatement = sum(p["abatement_cost"] + p["ccer_cost"] for p in per.values())
    return {"need": need, "price": price, "reachable": reachable, "short": max(0.0, need - supply),
            "firms": [per[f.id] for f in firms], "system_cost": total_abatement}
