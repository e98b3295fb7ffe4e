"""Abatement options, the marginal abatement cost curve (MACC) and the paths to compliance.

A measure abates ``tonnes`` t CO2 a year at a cost per tonne, given either directly or as an
annualised capital cost plus the yearly operating cost, divided by the tonnes:

    annual cost = capital × CRF + operating cost,   CRF = r (1 + r)^n / ((1 + r)^n − 1)  (= 1 / n when r = 0)
    cost per tonne = annual cost / tonnes

(CRF: the capital recovery factor of an annuity over the lifetime ``n`` years at the discount rate
``r``.) A negative cost per tonne is a measure that saves money (efficiency).

The MACC sorts the measures by cost per tonne; against a carbon price, a firm abates every measure
cheaper than the price and buys allowances for the rest. The paths to compliance compare, for a
shortfall, buying allowances, using CCER (at most 5 % of the allowances due: 碳排放权交易管理办法（试行）,
art. 29) and abating, each by its cost.
"""
from __future__ import annotations

from dataclasses import dataclass

CCER_CAP = 0.05  # share of the allowances due that CCER may offset (碳排放权交易管理办法（试行）, 2021)


@dataclass(frozen=True)
class Measure:
    name: str
    tonnes: float  # t CO2 a year, > 0
    cost_per_t: float | None = None  # CNY/t, given directly
    capital: float | None = None  # CNY
    operating: float | None = None  # CNY a year (negative: a saving)
    lifetime: float | None = None  # years
    rate: float = 0.0  # discount rate (fraction)
    row: int | None = None

    def crf(self) -> float | None:
        if not self.lifetime:
            return None
        n, r = self.lifetime, self.rate
        if r == 0:
            return 1 / n
        g = (1 + r) ** n
        return r * g / (g - 1)

    def annual_cost(self) -> float:
        if self.cost_per_t is not None:
            return self.cost_per_t * self.tonnes
        crf = self.crf() or 0.0
        return (self.capital or 0.0) * crf + (self.operating or 0.0)

    def unit_cost(self) -> float:
        """CNY per tonne abated."""
        if self.cost_per_t is not None:
            return self.cost_per_t
        return self.annual_cost() / self.tonnes

    def trace(self) -> dict:
        if self.cost_per_t is not None:
            return {"formula": "cost per tonne given", "cost_per_t": self.cost_per_t, "tonnes": self.tonnes}
        return {"formula": "(capital × CRF + operating) / tonnes; CRF = r(1+r)^n / ((1+r)^n − 1)",
                "capital": self.capital, "operating": self.operating, "lifetime": self.lifetime,
                "rate": self.rate, "crf": self.crf(), "annual_cost": self.annual_cost(), "tonnes": self.tonnes,
                "cost_per_t": self.unit_cost()}


@dataclass(frozen=True)
class MaccStep:
    name: str
    tonnes: float
    cost_per_t: float
    start: float  # cumulative tonnes before this step
    end: float


def macc(measures: list[Measure]) -> list[MaccStep]:
    """The measures as steps of the curve, cheapest first (ties: the larger first, then by name)."""
    steps, at = [], 0.0
    for m in sorted(measures, key=lambda m: (m.unit_cost(), -m.tonnes, m.name)):
        steps.append(MaccStep(m.name, m.tonnes, m.unit_cost(), at, at + m.tonnes))
        at += m.tonnes
    return steps


def abatement_at(measures: list[Measure], price: float) -> tuple[float, float]:
    """(tonnes, cost) a firm abates facing ``price``: every measure cheaper than the price (a measure
    exactly at the price is taken too: the firm is indifferent)."""
    chosen = [m for m in measures if m.unit_cost() <= price]
    return sum(m.tonnes for m in chosen), sum(m.unit_cost() * m.tonnes for m in chosen)


def cheapest(measures: list[Measure], need: float) -> tuple[float, float, float | None]:
    """Abate ``need`` tonnes the cheapest way along the curve (the last measure in part):
    (tonnes abated, cost, marginal cost per tonne or None when nothing is abated)."""
    got = cost = 0.0
    marginal = None
    for s in macc(measures):
        if got >= need:
            break
        take = min(s.tonnes, need - got)
        got += take
        cost += take * s.cost_per_t
        marginal = s.cost_per_t
    return got, cost, marginal


def compliance_paths(shortfall: float, price: float, measures: list[Measure], *, due: float,
                     ccer_price: float | None = None, ccer_available: float | None = None) -> dict:
    """Ways to cover ``shortfall`` t (allowances due ``due`` t), each with its cost in CNY:

    * ``buy``: buy every tonne at ``price``;
    * ``ccer``: CCER up to 5 % of ``due`` (and what is available) at ``ccer_price``, the rest bought;
    * ``abate``: abate along the curve, the rest bought;
    * ``best``: the cheapest mix: measures cheaper than the price, CCER if cheaper than the price
      (within its cap), the rest bought.
    """
    shortfall = max(0.0, shortfall)
    out: dict = {"shortfall": shortfall, "price": price, "due": due}
    out["buy"] = {"bought": shortfall, "cost": shortfall * price}
    cap = min(CCER_CAP * due, shortfall)
    if ccer_available is not None:
        cap = min(cap, ccer_available)
    if ccer_price is not None:
        out["ccer"] = {"ccer": cap, "bought": shortfall - cap, "cost": cap * ccer_price + (shortfall - cap) * price,
                       "cap": CCER_CAP * due}
    got, cost, _ = cheapest(measures, shortfall)
    out["abate"] = {"abated": got, "bought": shortfall - got, "cost": cost + (shortfall - got) * price}
    # best mix: cheaper-than-price measures and CCER first, cheapest first
    options = [(m.unit_cost(), m.tonnes, "abate") for m in measures if m.unit_cost() < price]
    if ccer_price is not None and ccer_price < price and cap > 0:
        options.append((ccer_price, cap, "ccer"))
    left, mix = shortfall, {"abated": 0.0, "ccer": 0.0, "bought": 0.0, "cost": 0.0}
    for unit, tonnes, kind in sorted(options):
        if left <= 0:
            break
        take = min(tonnes, left)
        mix["abated" if kind == "abate" else "ccer"] += take
        mix["cost"] += take * unit
        left -= take
    mix["bought"] = left
    mix["cost"] += left * price
    out["best"] = mix
    return out
