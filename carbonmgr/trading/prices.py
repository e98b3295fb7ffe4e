"""Historical prices of the national ETS (CEA), read from ``resources/ets/cea_prices.csv``.

Each row keeps its source (the publisher's release), its status and where we read it; a price a
market or a case starts from is one of these rows, so it can be traced. Months whose average was
not located are absent: :func:`price_for` then falls back to the year's average, and says so.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from carbonmgr.common.paths import resource_dir

KINDS = ("monthly_average", "annual_average", "year_end_close", "opening", "close")


@dataclass(frozen=True)
class PriceRow:
    period: str  # "2024", "2024-09" or "2021-07-16"
    kind: str
    value: float  # CNY/t
    unit: str
    source: str
    publisher: str
    year_published: int | None
    status: str
    tag: str
    note: str

    @property
    def fen(self) -> int:
        return int(round(self.value * 100))


@lru_cache(maxsize=1)
def cea_prices() -> tuple[PriceRow, ...]:
    rows = []
    with open(resource_dir() / "ets" / "cea_prices.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append(PriceRow(r["period"], r["kind"], float(r["value"]), r["unit"], r["source"], r["publisher"],
                                 int(r["year_published"]) if r["year_published"] else None, r["status"], r["tag"],
                                 r["note"]))
    return tuple(rows)


def price_for(year: int, month: int | None = None) -> PriceRow | None:
    """The monthly average of ``year``-``month`` if the data has it, else the annual average of
    ``year``; None when neither is known."""
    rows = cea_prices()
    if month is not None:
        key = f"{year}-{month:02d}"
        for r in rows:
            if r.kind == "monthly_average" and r.period == key:
                return r
    for r in rows:
        if r.kind == "annual_average" and r.period == str(year):
            return r
    return None
