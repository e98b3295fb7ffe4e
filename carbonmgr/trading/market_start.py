"""The firms of a class market drawn from one case workbook (``carbonmgr market start``).

One firm per trainee or team, each a variant of the case:

* its **emissions**: the allowances it must surrender, computed by the ETS engine
  (:mod:`carbonmgr.trading.ets`) on its variant of the case: the verified emissions inside the
  year's ETS boundary (the surrender obligation where the first cycle's gap cap caps it);
* its **allocation**: the entity's final allocation by the plan of the case's ETS year, computed by
  the engine from the variant's ETS sheet;
* its **holdings**: the allocation plus the case's ``allowances_held``;
* its **allowances borrowed** (预支, the 2021-2022 plan only): the case's ``allowances_borrowed``,
  counted at surrender as ``carbonmgr ets`` counts them, and its **CCER**: the case's
  ``ccer_offered``; the facade refuses, located at the Case key, a variant that borrows more than
  its ``borrow_max`` (or borrows under a plan without borrowing) rather than clamp it;
* its **cash**: given, or by default the cost of 20 % of its emissions at the start price (20 %
  is the most the gap cap leaves a firm short, china-addendum §2.3);
* its **abatement options**: the case's Abatement sheet.

Where the variants come from: a case with a ``Variables`` sheet (an exercise workbook) gives each
firm the trainer's variant of its number (the facade draws the values with the exam packer's
:func:`draw_values` and instantiates the key); otherwise each firm's activity quantities and given
verified emissions are scaled by a seeded factor. In both, the units' output (generation, supply,
heat) and each measure's cost per tonne get a seeded factor within ``± spread``, so that firms
differ in allocation and in abatement cost, and trading has something to do. The same case, seed
and spread give the same firms.
"""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field, replace

from carbonmgr.inventory.ets_model import EtsData
from carbonmgr.trading.market import Firm, FirmMeasure, round_half_up

CASH_SHARE = 0.20  # default cash: this share of the firm's emissions at the start price (the gap cap's 20 %)
MAX_FIRMS = 500
MAX_SPREAD = 0.9


@dataclass(frozen=True)
class Draw:
    """What one firm draws: factors on the case (1 = as written) and the variables' values."""

    number: int  # 1-based
    emissions: float  # on the activity quantities and the given verified emissions (spread mode)
    output: float  # on the ETS units' generation, supply and heat
    cost: float  # on each measure's cost per tonne
    values: dict = field(default_factory=dict)  # the variables of a variant (exercise workbooks)


def _factor(rng: random.Random, spread: float) -> float:
    return round(1 + rng.uniform(-spread, spread), 4) if spread > 0 else 1.0


def draws(n: int, seed: int | str, spread: float, *, emissions: bool = True) -> list[Draw]:
    """The factors of firms 1..n, the same for the same seed and spread (emissions: scale the
    case's emissions too; off when a variant decides them)."""
    out = []
    for i in range(1, n + 1):
        rng = random.Random(f"carbonmgr-market:{seed}:{i}")
        e, o, c = _factor(rng, spread), _factor(rng, spread), _factor(rng, spread)
        out.append(Draw(i, e if emissions else 1.0, o, c))
    return out


def scaled_case(case, *, emissions: float = 1.0, output: float = 1.0):
    """A copy of ``case`` with its activity quantities and the given verified emissions × ``emissions``
    and its ETS units' generation, supply and heat × ``output`` (the original is not changed)."""
    out = copy.copy(case)
    acts = copy.copy(case.activities)
    acts.quantity = [None if q is None else q * emissions for q in case.activities.quantity]
    out.activities = acts

    def scale(x, f):
        return None if x is None else x * f

    out.ets = EtsData([replace(u, generation=scale(u.generation, output), supply=scale(u.supply, output),
                               heat=scale(u.heat, output),
                               verified_emissions=scale(u.verified_emissions, emissions))
                       for u in case.ets.units])
    return out


def firm_of(name: str, result, *, draw: Draw, held: float, cash: int | None, start_price: int,
            measures, borrowed: int = 0, ccer: int = 0) -> tuple[Firm, dict]:
    """A firm from the ETS result of its variant (``result``: :class:`~carbonmgr.trading.ets.EtsResult`);
    ``cash`` and ``start_price`` in fen; ``measures``: the case's (name, tonnes, cost per tonne);
    ``borrowed`` and ``ccer``: the allowances borrowed and the CCER held (whole tonnes).
    Returns the firm and what it was drawn from (for the market's log and the command's table)."""
    due = result.value("obligation")
    allocation = int(result.value("allocation_final"))
    emissions = round_half_up(due)
    if cash is None:
        cash = round_half_up(CASH_SHARE * emissions * start_price)
    firm = Firm(name, emissions, allocation, allocation + int(held), cash,
                measures=[FirmMeasure(m_name, tonnes, round(cost * draw.cost, 2)) for m_name, tonnes, cost in measures],
                ccer=int(ccer), borrowed=int(borrowed))
    origin = {"firm": name, "number": draw.number, "emissions_factor": draw.emissions, "output_factor": draw.output,
              "cost_factor": draw.cost, "values": dict(draw.values), "emissions": emissions,
              "verified_emissions": result.value("verified_emissions"), "allocation": allocation,
              "pre_allocation": result.value("pre_allocation"), "holdings": firm.holdings, "borrowed": firm.borrowed,
              "borrow_max": result.value("borrow_max"), "ccer": firm.ccer, "cash": cash}
    return firm, origin
