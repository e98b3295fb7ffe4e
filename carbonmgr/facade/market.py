"""The class market for the front ends: clear a round from an orders file, run a market kept in
one file (firms, rounds, shocks, surrender, debrief) and the abatement sheet of a case.

The CLI (``carbonmgr market ...``) and the app's market page call only what is named here.
"""
from __future__ import annotations

from pathlib import Path

from carbonmgr.trading.auction import ClearingResult, Order, clear, fen_text, to_fen

__all__ = ["clear_orders_file", "clearing_json", "ClearingResult", "fen_text", "to_fen"]


def read_orders(path: str | Path, *, firm: str | None = None) -> list[Order]:
    """The orders of an orders file (untrusted: located problems raised as ValidationFailed)."""
    from carbonmgr.io.orders import read_orders as _read

    return [Order(o["firm"], o["side"], o["quantity"], o["limit"], o["row"]) for o in _read(path, firm=firm)]


def clear_orders_file(path: str | Path, *, floor: int | None = None, ceiling: int | None = None) -> ClearingResult:
    """Clear one round from an orders file (``firm, side, quantity, limit_price``); floor and
    ceiling in fen."""
    return clear(read_orders(path), floor=floor, ceiling=ceiling)


def _price_number(fen: int | None):
    return None if fen is None else float(fen_text(fen))


def clearing_json(result: ClearingResult, lang: str = "en") -> dict:
    """What ``carbonmgr market clear --json`` prints: price (CNY/t), volume (t), fills (firm, side,
    quantity, and the orders-file row), refused orders and the trace of the price."""
    from carbonmgr.common.i18n import translate

    return {
        "price": _price_number(result.price),
        "volume": result.volume,
        "fills": [{"firm": f.firm, "side": f.side, "quantity": f.quantity, "row": result.orders[f.order].ref}
                  for f in result.fills],
        "refused": [{"firm": r.firm, "row": result.orders[r.order].ref, "reason": translate(r.code, lang, **r.params)}
                    for r in result.refused],
        "trace": result.trace(lang),
    }
