"""The totals bar and the Results page show the figures of the case's standard, labelled as the
standard labels them, adding up to the total; shares of the total add up to 100.0 %."""
from __future__ import annotations

import re
from decimal import Decimal

from carbonmgr.common.numbers import rounded
from carbonmgr.ui import i18n
from uihelpers import open_and_wait


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _settled(s) -> bool:
    return s.results is not None and s.results.version == s.version


def _bar_parts(win) -> dict[str, Decimal]:
    bar = win.totals_bar
    return {k: _num(bar.values[k].text()) for k in bar.part_keys}


def test_the_bar_is_the_sum_of_the_gbt32150_categories(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    bar = win.totals_bar
    parts = _bar_parts(win)
    total = _num(bar.values["total"].text())
    # the demo under GB/T 32150: fuel combustion, process, fugitive, purchased electricity and heat,
    # exported electricity deducted (negative)
    assert set(parts) == {"fuel_combustion", "process", "fugitive", "purchased_electricity", "purchased_heat",
                          "exported_electricity"}
    assert parts["exported_electricity"] < 0
    # the parts shown add up to the total shown (up to half a cent per rounded part)
    assert abs(sum(parts.values()) - total) <= Decimal("0.005") * len(parts)
    # the engine's total (tests/test_golden_china.py checks the demo's figures), by the one rounding rule
    assert total == rounded(s.results.inventory.totals["total"], 2)
    text = bar.sum_text.text()
    for name in ("Fuel combustion", "Process emissions", "Purchased electricity", "Exported electricity"):
        assert name.replace(" ", "&nbsp;") in text
    assert bar.total_name.text().startswith("Total GHG emissions")
    # the other views come second, and Scope 3 says it is not in the total
    other = bar.other_text.text()
    assert "Scope&nbsp;1" in other and "not&nbsp;in&nbsp;the&nbsp;total" in other
    # in Chinese, the standard's own words
    i18n.set_language("zh")
    qtbot.waitUntil(lambda: "燃料燃烧排放" in win.totals_bar.sum_text.text())
    assert "输出电力排放（扣减）" in win.totals_bar.sum_text.text()
    assert win.totals_bar.total_name.text().startswith("温室气体排放总量")
    assert s.results is not None


def test_under_the_ghg_protocol_the_bar_is_scope1_plus_location_scope2(qtbot, win):
    s = open_and_wait(qtbot, win, "demo")
    win.op(lambda ws: ws.set_info("standard", "ghgp")).run()
    qtbot.waitUntil(lambda: _settled(s) and "scope1" in _bar_parts(win), timeout=10000)
    parts = _bar_parts(win)
    assert set(parts) == {"scope1", "scope2_location"}
    total = _num(win.totals_bar.values["total"].text())
    assert abs(sum(parts.values()) - total) <= Decimal("0.01")
    assert "exported_electricity" not in parts  # never deducted under the GHG Protocol


def test_results_page_totals_and_breakdowns_add_up_to_100_percent(qtbot, win):
    open_and_wait(qtbot, win, "demo")
    win.tabs.setCurrentWidget(win.results)
    page = win.results
    hl = page.headline
    total = _num(hl.values["total"].text())
    part_keys = [k for k in hl.shares if k != "total"]
    assert sum(_num(hl.values[k].text()) for k in part_keys) - total <= Decimal("0.005") * len(part_keys)
    pct = [Decimal(re.sub(r"[ %]", "", hl.shares[k].text())) for k in part_keys]
    assert sum(pct) == Decimal("100.0")
    assert _num(hl.values["exported_electricity"].text()) < 0
    assert _num(hl.values["net_electricity"].text()) == \
        _num(hl.values["purchased_electricity"].text()) + _num(hl.values["exported_electricity"].text())
    for model in (page.by_source, page.by_facility, page.by_gas):
        shares, values = [], {}
        for r in range(model.rowCount()):
            key = model.data(model.index(r, 0), 256)
            values[key] = _num(model.data(model.index(r, 1)))
            text = model.data(model.index(r, 2))
            if "%" in text:
                shares.append(Decimal(text.replace("%", "").strip()))
        assert sum(shares) == Decimal("100.0")
    by_source = {page.by_source.data(page.by_source.index(r, 0), 256): page.by_source.data(page.by_source.index(r, 2))
                 for r in range(page.by_source.rowCount())}
    assert by_source["scope3"] == "not in the total"
    assert by_source["exported_electricity"].startswith("-")
    # one rounding rule: the fugitive 91.425 t is 91.43 in the totals and in the by-gas table
    assert hl.values["fugitive"].text() == "91.43"
    gas = {page.by_gas.data(page.by_gas.index(r, 0), 256): page.by_gas.data(page.by_gas.index(r, 1))
           for r in range(page.by_gas.rowCount())}
    assert gas["HFCs"] == "91.43"
