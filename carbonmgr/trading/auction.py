"""One round of the class market, cleared as a call auction (uniform price).

The rules (issue 11):

* **Volume**: the largest quantity that demand and supply allow.  At a price ``p`` the
  demand ``D(p)`` is the quantity of the buy orders whose limit is at least ``p``, the supply
  ``S(p)`` that of the sell orders whose limit is at most ``p``; the volume at ``p`` is
  ``min(D(p), S(p))`` and the round trades the largest such volume ``V``.
* **Price**: the midpoint of the interval of prices that clear ``V``.  That set is an
  interval (``min`` of a falling and a rising step function); its ends are limit prices (or a
  price floor or ceiling in force).  Prices are whole fen (¥0.01, the national market's tick);
  a midpoint that falls on half a fen is rounded half up, which stays inside the interval.
* **Price priority**: on each side the better limits fill first (buys from the highest limit
  down, sells from the lowest up).  Only the **marginal price level** (the last level a side
  reaches) is rationed, pro rata to the orders' quantities; levels beyond it get nothing.
* **Integer tonnes** (the unit of the national market is 1 t): a rationed order first gets
  the whole tonnes of its exact share ``R × q / L`` (``R`` the tonnes left for the level, ``L``
  the level's quantity); the tonnes still left (fewer than the level's orders) go one each to
  the orders with the largest fractional part of their share, ties to the larger order, then
  to the earlier one.  So the fills of a side add up exactly to the volume and no order gets
  more than it asked for (largest-remainder rounding).
* **Holdings and cash** (when given): a firm cannot sell allowances it does not hold nor buy
  beyond its cash.  Each of its orders is accepted in turn (sells against the holdings not yet
  offered, buys against the cash not yet committed at their limit prices); an order that would
  go beyond is refused as a whole, with the reason, before the round clears.  Since a fill is
  at most the order's quantity and the price at most its limit, nobody ends a round short.
* **Price floor / ceiling** (a shock of the instructor): the price is chosen within them;
  orders that cannot trade within them simply do not fill.

Every figure of a result has its trace (:meth:`ClearingResult.trace`): the demand and supply
at the price, the interval, each side's marginal level and its rationing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SIDES = ("buy", "sell")
MAX_ORDERS = 100_000


@dataclass(frozen=True)
class Order:
    firm: str
    side: str  # "buy" | "sell"
    quantity: int  # tonnes, > 0
    limit: int  # limit price in fen (¥0.01), > 0
    ref: int | None = None  # where it came from (a row of an orders file), shown with a refusal


@dataclass(frozen=True)
class Fill:
    firm: str
    side: str
    quantity: int
    order: int  # index of the order in the list cleared


@dataclass(frozen=True)
class Refusal:
    order: int
    firm: str
    code: str  # message id
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class ClearingResult:
    price: int | None  # fen; None when nothing trades
    volume: int
    fills: list[Fill]
    refused: list[Refusal]
    orders: list[Order]
    low: int | None = None  # the interval of prices clearing the volume (fen)
    high: int | None = None
    demand: int = 0  # D(price), S(price)
    supply: int = 0
    marginal: dict = field(default_factory=dict)  # side -> {"limit", "quantity", "allotted", "orders"}
    floor: int | None = None
    ceiling: int | None = None

    @property
    def price_yuan(self) -> Decimal | None:
        return None if self.price is None else Decimal(self.price) / 100

    def filled(self, index: int) -> int:
        return sum(f.quantity for f in self.fills if f.order == index)

    def by_firm(self) -> dict[str, dict[str, int]]:
        """firm -> {"bought": t, "sold": t, "paid": fen (negative: received)}."""
        out: dict[str, dict[str, int]] = {}
        for f in self.fills:
            acc = out.setdefault(f.firm, {"bought": 0, "sold": 0, "paid": 0})
            if f.side == "buy":
                acc["bought"] += f.quantity
                acc["paid"] += f.quantity * self.price
            else:
                acc["sold"] += f.quantity
                acc["paid"] -= f.quantity * self.price
        return out

    def trace(self, lang: str = "en") -> dict:
        from carbonmgr.common.i18n import translate

        return {
            "rule": translate("market.rule.call_auction", lang),
            "rule_id": "market.rule.call_auction",
            "interval": None if self.low is None else [fen_text(self.low), fen_text(self.high)],
            "demand_at_price": self.demand, "supply_at_price": self.supply,
            "floor": None if self.floor is None else fen_text(self.floor),
            "ceiling": None if self.ceiling is None else fen_text(self.ceiling),
            "marginal": {side: {**m, "limit": fen_text(m["limit"])} for side, m in self.marginal.items()},
        }


def fen_text(fen: int | None) -> str | None:
    """Fen as yuan with two decimals ("5123" -> "51.23")."""
    if fen is None:
        return None
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def to_fen(yuan) -> int:
    """A price in yuan (a number or text with at most two decimals) as whole fen."""
    d = Decimal(str(yuan))
    fen = d * 100
    if fen != fen.to_integral_value():
        raise ValueError("more than two decimals")
    return int(fen)


def check_accounts(orders: list[Order], holdings: dict[str, int] | None,
                   cash: dict[str, int] | None) -> list[Refusal]:
    """Orders refused because the firm would sell allowances it does not hold or commit cash
    (quantity × limit, fen) it does not have; taken in the order given."""
    refused: list[Refusal] = []
    left_t = dict(holdings) if holdings is not None else None
    left_cash = dict(cash) if cash is not None else None
    for i, o in enumerate(orders):
        if o.side == "sell" and left_t is not None:
            have = left_t.get(o.firm, 0)
            if o.quantity > have:
                refused.append(Refusal(i, o.firm, "market.refused.holdings",
                                       {"firm": o.firm, "quantity": o.quantity, "held": have}))
                continue
            left_t[o.firm] = have - o.quantity
        elif o.side == "buy" and left_cash is not None:
            have = left_cash.get(o.firm, 0)
            cost = o.quantity * o.limit
            if cost > have:
                refused.append(Refusal(i, o.firm, "market.refused.cash",
                                       {"firm": o.firm, "cost": fen_text(cost), "cash": fen_text(have)}))
                continue
            left_cash[o.firm] = have - cost
    return refused


def _levels(orders: list[tuple[int, Order]], descending: bool) -> list[tuple[int, list[tuple[int, Order]]]]:
    by_limit: dict[int, list[tuple[int, Order]]] = {}
    for item in orders:
        by_limit.setdefault(item[1].limit, []).append(item)
    return [(p, by_limit[p]) for p in sorted(by_limit, reverse=descending)]


def _allot(levels, volume: int, price: int, side: str) -> tuple[list[Fill], dict | None]:
    """Fill ``volume`` tonnes from ``levels`` (best first) in price priority; ration the
    marginal level pro rata in whole tonnes (largest remainder)."""
    fills: list[Fill] = []
    left = volume
    marginal = None
    for limit, items in levels:
        if left <= 0:
            break
        if (side == "buy" and limit < price) or (side == "sell" and limit > price):
            break
        level_q = sum(o.quantity for _, o in items)
        if level_q <= left:
            fills.extend(Fill(o.firm, side, o.quantity, i) for i, o in items)
            left -= level_q
            continue
        # the marginal level: `left` tonnes shared pro rata to the orders' quantities
        base = [(left * o.quantity) // level_q for _, o in items]
        rest = left - sum(base)
        # largest fractional part first (remainder of left*q / L), then the larger order, then the earlier
        rank = sorted(range(len(items)), key=lambda k: (-((left * items[k][1].quantity) % level_q),
                                                         -items[k][1].quantity, items[k][0]))
        for k in rank[:rest]:
            base[k] += 1
        fills.extend(Fill(o.firm, side, q, i) for (i, o), q in zip(items, base) if q > 0)
        marginal = {"limit": limit, "quantity": level_q, "allotted": left, "orders": len(items)}
        left = 0
        break
    return fills, marginal


def clear(orders: list[Order], *, holdings: dict[str, int] | None = None, cash: dict[str, int] | None = None,
          floor: int | None = None, ceiling: int | None = None) -> ClearingResult:
    """Clear one round.  ``holdings`` (t) and ``cash`` (fen) per firm, when given, bound the orders
    (see the module's text); ``floor`` and ``ceiling`` (fen) bound the price."""
    orders = list(orders)
    if len(orders) > MAX_ORDERS:
        raise ValueError(f"at most {MAX_ORDERS} orders per round")
    for o in orders:
        if o.side not in SIDES or o.quantity <= 0 or o.limit <= 0:
            raise ValueError(f"bad order {o!r}")
    refused = check_accounts(orders, holdings, cash)
    out = {r.order for r in refused}
    live = [(i, o) for i, o in enumerate(orders) if i not in out]
    buys = [(i, o) for i, o in live if o.side == "buy"]
    sells = [(i, o) for i, o in live if o.side == "sell"]
    result = ClearingResult(None, 0, [], refused, orders, floor=floor, ceiling=ceiling)
    if not buys or not sells:
        return result
    buy_levels = _levels(buys, descending=True)
    sell_levels = _levels(sells, descending=False)
    candidates = sorted({p for p, _ in buy_levels} | {p for p, _ in sell_levels}
                        | {p for p in (floor, ceiling) if p is not None})
    lo_bound = floor if floor is not None else candidates[0]
    hi_bound = ceiling if ceiling is not None else candidates[-1]
    candidates = [p for p in candidates if lo_bound <= p <= hi_bound]
    if not candidates:  # a floor above the ceiling: nothing can trade
        return result
    # D(p) and S(p) at every candidate in one sweep each
    demand, supply = {}, {}
    acc, k = 0, 0
    for p in reversed(candidates):
        while k < len(buy_levels) and buy_levels[k][0] >= p:
            acc += sum(o.quantity for _, o in buy_levels[k][1])
            k += 1
        demand[p] = acc
    acc, k = 0, 0
    for p in candidates:
        while k < len(sell_levels) and sell_levels[k][0] <= p:
            acc += sum(o.quantity for _, o in sell_levels[k][1])
            k += 1
        supply[p] = acc
    volume = max(min(demand[p], supply[p]) for p in candidates)
    if volume == 0:
        return result
    best = [p for p in candidates if min(demand[p], supply[p]) == volume]
    low, high = best[0], best[-1]
    price = int((Decimal(low + high) / 2).to_integral_value(rounding=ROUND_HALF_UP))
    # the price's own D and S (the price may lie between two candidates)
    d = sum(o.quantity for _, o in buys if o.limit >= price)
    s = sum(o.quantity for _, o in sells if o.limit <= price)
    buy_fills, buy_marginal = _allot(buy_levels, volume, price, "buy")
    sell_fills, sell_marginal = _allot(sell_levels, volume, price, "sell")
    result.price, result.volume, result.low, result.high = price, volume, low, high
    result.demand, result.supply = d, s
    result.fills = sorted(buy_fills + sell_fills, key=lambda f: f.order)
    result.marginal = {k: v for k, v in (("buy", buy_marginal), ("sell", sell_marginal)) if v}
    return result
