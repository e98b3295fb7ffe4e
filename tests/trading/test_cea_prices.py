"""The bundled CEA prices (resources/ets/cea_prices.csv) against the daily closes they were computed
from (resources/ets/cea_daily_closes.csv): every monthly average of the exchange's daily bulletins is
recomputed, the 复旦碳价指数 monthly averages are checked against the same closes, and the closes are
checked against the published day-on-day changes and the known closes (launch day, year ends)."""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from carbonmgr.common.paths import resource_dir
from carbonmgr.trading.prices import cea_prices

READ_IN = {"lwh632585766-beep/sd-spot-weather", "lwh632585766-beep/sd-spot-weather (ccn.ac.cn)",
           "EricArtificial/ContractDesign", "RuiYuan666/Final_Project", "power12321/work"}
# the transcriptions that carry each bulletin's published change from the day before
WITH_CHANGE = {"lwh632585766-beep/sd-spot-weather", "RuiYuan666/Final_Project"}
BULLETIN = "上海环境能源交易所"


def dailies():
    with open(resource_dir() / "ets" / "cea_daily_closes.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def by_month():
    months = defaultdict(list)
    for r in dailies():
        months[r["date"][:7]].append(Decimal(r["close"]))
    return months


def mean(closes):
    return (sum(closes) / len(closes)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_daily_closes_file_is_well_formed():
    rows = dailies()
    assert len(rows) > 850
    dates = [r["date"] for r in rows]
    assert dates == sorted(set(dates))  # one row a trading day, in order
    for r in rows:
        day = dt.date.fromisoformat(r["date"])
        assert day.weekday() < 5, r
        assert Decimal(r["close"]) > 0 and Decimal(r["close"]).as_tuple().exponent == -2, r
        assert r["read_in"] in READ_IN, r
        # the close is that of listed trades until 25 Aug 2023, the composite close from 28 Aug 2023
        assert r["basis"] == ("listed" if day <= dt.date(2023, 8, 25) else "composite"), r


def test_each_close_agrees_with_the_published_change_from_the_day_before():
    rows = dailies()
    checked = 0
    for prev, cur in zip(rows, rows[1:]):
        gap = (dt.date.fromisoformat(cur["date"]) - dt.date.fromisoformat(prev["date"])).days
        if cur["read_in"] not in WITH_CHANGE or not cur["change_pct"] or gap > 12:
            continue  # no published change read, or the first bulletin after a stretch not located
        before, close = float(prev["close"]), float(cur["close"])
        expected = before * (1 + float(cur["change_pct"]) / 100)
        assert abs(close - expected) <= before * 0.00006 + 0.006, (prev, cur, expected)
        checked += 1
    assert checked > 780


def test_the_closes_of_january_to_may_2022_join_the_closes_around_them():
    """The stretch read in RuiYuan666/Final_Project (4 Jan–25 May 2022) starts from the year-end close
    of 2021 and ends on the close the next bulletin (26 May, read in sd-spot-weather) starts from; the
    Friday closes and the spot-checked day agree with the exchange's reposted bulletins."""
    closes = {r["date"]: (Decimal(r["close"]), r) for r in dailies()}
    stretch = [d for d in closes if "2022-01-04" <= d <= "2022-05-25"]
    assert len(stretch) == 92 and {closes[d][1]["read_in"] for d in stretch} == {"RuiYuan666/Final_Project"}
    first, last = closes["2022-01-04"], closes["2022-05-26"]
    assert abs(closes["2021-12-31"][0] * (1 + Decimal(first[1]["change_pct"]) / 100) - first[0]) < Decimal("0.01")
    assert abs(closes["2022-05-25"][0] * (1 + Decimal(last[1]["change_pct"]) / 100) - last[0]) < Decimal("0.01")
    # 全国碳市场每周成交数据20220117-20220121: Friday close 57.46; 每日成交数据20220315: close 57.77
    assert closes["2022-01-21"][0] == Decimal("57.46") and closes["2022-03-15"][0] == Decimal("57.77")


def test_the_closes_agree_with_the_known_closes_of_the_exchange():
    closes = {r["date"]: Decimal(r["close"]) for r in dailies()}
    rows = cea_prices()
    launch = next(r for r in rows if r.kind == "close" and r.period == "2021-07-16")
    assert closes["2021-07-16"] == Decimal(f"{launch.value:.2f}") == Decimal("51.23")
    for r in rows:
        if r.kind == "year_end_close":
            last = max(d for d in closes if d.startswith(r.period))
            assert closes[last] == Decimal(f"{r.value:.2f}"), r  # 54.22, 55.00, 79.42, 97.49
    # market.md §1.2: the 2023 daily composite closes ranged 50.52–81.67; §1.4: July 2024 86.86–92.33
    year_2023 = [c for d, c in closes.items() if d.startswith("2023")]
    assert min(year_2023) == Decimal("50.52") and max(year_2023) == Decimal("81.67")
    july_2024 = [c for d, c in closes.items() if d.startswith("2024-07")]
    assert Decimal("86.86") <= min(july_2024) and max(july_2024) <= Decimal("92.33")


def test_every_monthly_average_is_the_mean_of_its_months_daily_closes():
    months = by_month()
    bases = {r["date"]: r["basis"] for r in dailies()}
    recomputed = 0
    for r in cea_prices():
        if r.kind != "monthly_average":
            continue
        closes = months.get(r.period)
        if r.publisher == BULLETIN:
            # computed here: the note says from how many closes, and where they were read
            assert closes, r.period
            assert Decimal(f"{r.value:.2f}") == mean(closes), (r.period, r.value, mean(closes))
            assert r.note.startswith(f"mean of {len(closes)} daily closes"), r.note
            assert r.source.startswith("全国碳市场每日") and r.status == "secondary" and r.tag.startswith("[D]")
            # the bulletin named is the one of its closes: listed-trade closes 每日成交数据, composite 综合价格行情
            kinds = {b for d, b in bases.items() if d.startswith(r.period)}
            assert ("每日成交数据" in r.source) == ("listed" in kinds), r
            assert ("综合价格行情" in r.source) == ("composite" in kinds), r
            assert "GitHub" in r.note and any(name.split(" ")[0] in r.tag for name in READ_IN)
            recomputed += 1
        elif closes:
            # a 复旦碳价指数 average: the same closes give it to the cent (cross-check of both)
            assert Decimal(f"{r.value:.2f}") == mean(closes), (r.period, r.value, mean(closes))
    assert recomputed >= 35


def test_every_month_from_the_launch_has_its_average():
    """Every month from the launch (July 2021) to December 2025 has its monthly average of daily
    closes; a month without one (before the launch) falls back to its year's average."""
    have = {r.period for r in cea_prices() if r.kind == "monthly_average"}
    every = {f"{y}-{m:02d}" for y in range(2021, 2026) for m in range(1, 13) if (y, m) >= (2021, 7)}
    assert have == every
    from carbonmgr.trading.prices import price_for

    assert price_for(2021, 3).kind == "annual_average" and price_for(2021, 3).value == 42.85


def test_the_closes_of_january_to_may_2024_join_the_closes_around_them():
    """The stretch read in power12321/work (2 Jan–23 May 2024, no published changes in it) holds
    one close for each trading day of the exchange's calendar, ends on the close the 24 May
    bulletin's change starts from, and agrees with the reposted bulletins and the year's low."""
    rows = dailies()
    closes = {r["date"]: Decimal(r["close"]) for r in rows}
    stretch = [r for r in rows if "2024-01-02" <= r["date"] <= "2024-05-23"]
    assert {r["read_in"] for r in stretch} == {"power12321/work"} and all(r["basis"] == "composite" for r in stretch)
    # trading days: weekdays without New Year, the Spring Festival (9, 12–16 Feb), Qingming (4–5 Apr)
    # and Labour Day (1–3 May)
    holidays = {"2024-01-01", "2024-02-09", *(f"2024-02-{d}" for d in range(12, 17)), "2024-04-04", "2024-04-05",
                "2024-05-01", "2024-05-02", "2024-05-03"}
    day, days = dt.date(2024, 1, 2), []
    while day <= dt.date(2024, 5, 23):
        if day.weekday() < 5 and day.isoformat() not in holidays:
            days.append(day.isoformat())
        day += dt.timedelta(days=1)
    assert [r["date"] for r in stretch] == days and len(days) == 92
    # 24 May 2024: 98.97, +0.47 % from the close before (the last of the stretch)
    after = next(r for r in rows if r["date"] == "2024-05-24")
    assert abs(closes["2024-05-23"] * (1 + Decimal(after["change_pct"]) / 100) - closes["2024-05-24"]) < Decimal("0.01")
    # reposted bulletins: 20240515 close 97.42 (-0.43 %); 18 April 92.62 (+2.25 %); weekly: Friday
    # 19 April +2.78 % on 12 April, Friday 24 May -0.56 % on 17 May
    assert closes["2024-05-15"] == Decimal("97.42") and closes["2024-04-18"] == Decimal("92.62")

    def change(a, b):
        return ((closes[b] / closes[a] - 1) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    assert change("2024-05-14", "2024-05-15") == Decimal("-0.43")
    assert change("2024-04-17", "2024-04-18") == Decimal("2.25")
    assert change("2024-04-12", "2024-04-19") == Decimal("2.78")
    assert change("2024-05-17", "2024-05-24") == Decimal("-0.56")
    # and each close of those weeks lies within the week's published high and low
    for first, last, low, high in (("2024-04-15", "2024-04-19", "88.80", "95.38"),
                                   ("2024-05-20", "2024-05-24", "96.50", "100.27")):
        week = [c for d, c in closes.items() if first <= d <= last]
        assert len(week) == 5 and Decimal(low) <= min(week) and max(week) <= Decimal(high)
    # the exchange's 2024 overview: the year's lowest close 69.67 (30 January); its record close of
    # 13 November is 105.66 in the report read (market.md §1.2), 105.65 in both transcriptions,
    # either fitting that day's published +0.49 % on 105.14
    year = {d: c for d, c in closes.items() if d.startswith("2024")}
    assert min(year.values()) == Decimal("69.67") and min(year, key=year.get) == "2024-01-30"
    assert max(year, key=year.get) == "2024-11-13" and abs(year["2024-11-13"] - Decimal("105.66")) <= Decimal("0.01")


def test_the_notes_name_the_transcription_not_as_the_source():
    for r in cea_prices():
        if r.kind == "monthly_average" and r.publisher == BULLETIN:
            assert not re.search(r"github|ccn\.ac\.cn", r.source, re.I), r.source
