"""Market-based Scope 2 per market (issue 8, item 16): the GHG Protocol Scope 2 Guidance
hierarchy (instruments, then the residual mix of the facility's market, else the grid average,
disclosed) holds within one market; a case-wide residual mix is used only when every facility
buys in one market; the trace says which instrument or residual factor a figure used."""
from __future__ import annotations

import openpyxl
import pytest

from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import read_case, write_case
from carbonmgr.storage.store import Project
from conftest_helpers import Facility, Instrument, make_case, published

# eGRID CAMX location-based: 1,000 MWh → 198.741 t CO2e (intl.md E-E1, as test_golden_intl)
US = Facility("US1", "Fremont plant", "CAMX")
UK = Facility("UK1", "Leeds office", "UK")


def _lines():
    return [("purchased_electricity", "", 1000, "MWh", {}, "US1"),
            ("purchased_electricity", "", 2000, "MWh", {}, "UK1")]


def _by_fac(inv, fac):
    return sum(x["tco2e_market"] for x in inv.lines() if x.get("facility") == fac and "tco2e_market" in x)


def test_each_facility_takes_the_residual_mix_of_its_own_market():
    us = Facility("US1", "Fremont plant", "CAMX", residual_mix_ef=0.45)
    uk = Facility("UK1", "Leeds office", "UK", residual_mix_ef=0.30)
    inv = compute(make_case("ghgp", lines=_lines(), facilities=[us, uk],
                            instruments=[Instrument("US1", "rec", 600, 0.0)]))
    # US: 600 MWh of RECs at 0, the other 400 MWh at the US residual mix 0.45 → 180 t
    # UK: no instruments, 2,000 MWh at the UK residual mix 0.30 → 600 t
    assert _by_fac(inv, "US1") == pytest.approx(180.0, abs=1e-9)
    assert _by_fac(inv, "UK1") == pytest.approx(600.0, abs=1e-9)
    assert inv.totals["scope2_market"] == published(780, 0)
    us_line = [x for x in inv.lines() if x.get("facility") == "US1"][0]
    notes = " ".join(us_line["trace"]["notes"])
    assert "600 MWh covered by 1 instrument(s)" in notes and "400 MWh at 0.45 t CO2e/MWh" in notes
    assert "the residual mix of the facility's market" in notes
    assert not any(w.code in ("engine.no_residual_mix", "engine.residual_mix_ambiguous") for w in inv.warnings)


def test_a_case_wide_residual_mix_is_not_applied_across_markets():
    inv = compute(make_case("ghgp", lines=_lines(), facilities=[US, UK], residual_mix_ef=0.50))
    # no market-specific residual: each facility's market-based figure is its grid average, disclosed
    for fac in ("US1", "UK1"):
        loc = sum(x["tco2e"] for x in inv.lines() if x.get("facility") == fac)
        assert _by_fac(inv, fac) == pytest.approx(loc, rel=1e-12)
    [w] = [w for w in inv.warnings if w.code == "engine.residual_mix_ambiguous"]
    assert w.params["facilities"] == ["UK1", "US1"]
    notes = " ".join([x for x in inv.lines() if x.get("facility") == "UK1"][0]["trace"]["notes"])
    assert "location-based grid factor, disclosed" in notes


def test_one_market_keeps_the_case_wide_residual_mix():
    """intl.md E-E4: 1,000 MWh, 600 MWh of RECs, residual mix 0.50 → 400 × 0.50 = 200 t."""
    two_us = [Facility("US1", "a", "CAMX"), Facility("US2", "b", "ERCT")]
    inv = compute(make_case("ghgp", facilities=two_us, residual_mix_ef=0.50,
                            lines=[("purchased_electricity", "", 1000, "MWh", {}, "US1"),
                                   ("purchased_electricity", "", 500, "MWh", {}, "US2")],
                            instruments=[Instrument("US1", "rec", 600, 0.0)]))
    assert _by_fac(inv, "US1") == pytest.approx(200.0, abs=1e-9)
    assert _by_fac(inv, "US2") == pytest.approx(250.0, abs=1e-9)
    notes = " ".join([x for x in inv.lines() if x.get("facility") == "US2"][0]["trace"]["notes"])
    assert "0 MWh covered by 0 instrument(s), the remaining 500 MWh at 0.5 t CO2e/MWh (the case's residual mix)" in notes


def test_the_column_is_read_written_and_saved(tmp_path):
    path = tmp_path / "c.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case"
    for row in (("key", "value"), ("standard", "ghgp"), ("reporting_year", 2024)):
        ws.append(list(row))
    fac = wb.create_sheet("Facilities")
    fac.append(["id", "name", "region", "剩余组合排放因子"])
    fac.append(["US1", "Fremont", "CAMX", 0.45])
    fac.append(["UK1", "Leeds", "UK", None])
    act = wb.create_sheet("Activities")
    act.append(["facility", "source", "item", "quantity", "unit"])
    act.append(["US1", "purchased_electricity", None, 1000, "MWh"])
    wb.save(path)
    case = read_case(path)
    assert [f.residual_mix_ef for f in case.facilities] == [0.45, None]
    assert compute(case).totals["scope2_market"] == pytest.approx(450.0)
    write_case(case, tmp_path / "again.xlsx", lang="zh")
    assert [f.residual_mix_ef for f in read_case(tmp_path / "again.xlsx").facilities] == [0.45, None]
    with Project.create(tmp_path / "p.carbon", case) as p:
        p.update_facility("UK1", "residual_mix_ef", 0.3)
    with Project.open(tmp_path / "p.carbon") as p:
        assert [f.residual_mix_ef for f in p.load_case().facilities] == [0.45, 0.3]


def test_the_trace_note_is_kept_with_a_saved_run_and_read_in_chinese(tmp_path):
    from carbonmgr.common.i18n import trace_notes

    us = Facility("US1", "Fremont plant", "CAMX", residual_mix_ef=0.45)
    case = make_case("ghgp", lines=[("purchased_electricity", "", 1000, "MWh", {}, "US1")], facilities=[us])
    inv = compute(case)
    with Project.create(tmp_path / "p.carbon", case, inv) as p:
        [line] = p.latest_inventory()["lines"]
        trace = p.line_trace(line["line_no"]) if "line_no" in line else p.line_trace(0)
    zh = " ".join(trace_notes(trace, "zh"))
    assert "其余 1,000 MWh 按 0.45 t CO2e/MWh 计（设施所在市场的剩余组合因子）" in zh
