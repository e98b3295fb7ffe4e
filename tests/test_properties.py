"""Property tests (hypothesis) of units, the engine's aggregation and its validation.

Invariants checked (what engine._aggregate promises):

* Σ tco2e of scope-1 lines (activity + equipment register) == totals.scope1
* Σ tco2e of scope-3 lines == totals.scope3 == Σ scope3_categories == Σ ISO categories 3–6
* Σ tco2e of scope-2 lines == totals.scope2 (gbt32150: after the green-power rule) or
  totals.scope2_location (ghgp / iso14064)
* Σ tco2e of scope-1, scope-2 and exported lines == totals.total (exported lines carry
  their deduction under gbt32150 and 0 under ghgp / iso14064)
* Σ by_facility == totals.total; Σ by_gas tco2e == totals.total (== scope1 + scope2_location
  under ghgp / iso14064)
* doubling every quantity (activities, instruments, equipment) doubles every total;
  a line's tco2e is proportional to its own quantity
* 0 ≤ consolidation share ≤ 1
* ValidationFailed names every bad line, once, with its row number.
"""
from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbonmgr.inventory.engine import SCOPE_OF_SOURCE, compute
from carbonmgr.common.errors import ValidationFailed
from carbonmgr.inventory.model import CH4_RULES, CONSOLIDATIONS, GWP_SETS, STANDARDS
from carbonmgr.units import _BASE, UnitError, convert, factor_between, parse_unit
from conftest_helpers import Equipment, Facility, Instrument, line_dicts, make_case

CASE_SETTINGS = settings(max_examples=50, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ============================================================================ units
UNITS_BY_DIM: dict[str, list[str]] = defaultdict(list)
for _key, (_dim, _factor) in _BASE.items():
    UNITS_BY_DIM[_dim].append(_key)
DIMS = sorted(UNITS_BY_DIM)

magnitudes = st.floats(min_value=1e-9, max_value=1e12, allow_nan=False, allow_infinity=False)
values = st.builds(lambda m, s: m * s, magnitudes, st.sampled_from([1.0, -1.0])) | st.just(0.0)


@pytest.mark.parametrize("dim", DIMS)
@settings(max_examples=25, deadline=None)
@given(value=values)
def test_unit_round_trip_within_a_dimension(dim, value):
    """Every ordered pair (and triple via the base unit) of the dimension's units."""
    units = [parse_unit(k) for k in UNITS_BY_DIM[dim]]
    base = parse_unit({"money_USD": "usd", "money_CNY": "cny", "money_EUR": "eur", "money_GBP": "gbp"}.get(
        dim, UNITS_BY_DIM[dim][0]))
    for a in units:
        in_base = convert(value, a, base)
        for b in units:
            there = convert(value, a, b)
            assert convert(there, b, a) == pytest.approx(value, rel=1e-12, abs=0.0), (a.symbol, b.symbol)
            # going through a third unit gives the same as going straight
            assert convert(in_base, base, b) == pytest.approx(there, rel=1e-12, abs=0.0), (a.symbol, b.symbol)
            assert factor_between(a, b) * factor_between(b, a) == pytest.approx(1.0, rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(DIMS), st.sampled_from(DIMS), st.data())
def test_units_of_different_dimensions_do_not_convert(dim_a, dim_b, data):
    if dim_a == dim_b:
        return
    a = parse_unit(data.draw(st.sampled_from(UNITS_BY_DIM[dim_a])))
    b = parse_unit(data.draw(st.sampled_from(UNITS_BY_DIM[dim_b])))
    with pytest.raises(UnitError):
        convert(1.0, a, b)
    with pytest.raises(UnitError):
        factor_between(a, b)


@pytest.mark.parametrize("key", sorted(_BASE))
def test_unit_spelling_is_case_and_space_insensitive_and_symbol_parses_back(key):
    unit = parse_unit(key)
    for variant in (key.upper(), f"  {key}  ", key.replace(" ", "  ")):
        other = parse_unit(variant)
        assert (other.dimension, other.factor) == (unit.dimension, unit.factor), variant
    again = parse_unit(unit.symbol)
    assert (again.dimension, again.factor) == (unit.dimension, unit.factor)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(_BASE)), st.integers(min_value=1, max_value=10**6))
def test_numeric_prefix_scales_the_unit(key, n):
    unit = parse_unit(key)
    scaled = parse_unit(f"{n} {key}")
    assert scaled.dimension == unit.dimension
    assert scaled.factor == pytest.approx(n * unit.factor, rel=1e-12)


@pytest.mark.parametrize("text, dim, base_value", [
    ("lb", "mass", 0.45359237e-3), ("short ton", "mass", 0.90718474), ("万吨", "mass", 1e4),
    ("gal", "volume", 3.785411784e-3), ("万Nm3", "volume", 1e4), ("scf", "volume", 0.0283168466 * 273.15 / 288.705556),
    ("MWh", "energy", 3.6), ("万kWh", "energy", 36.0), ("mmBtu", "energy", 1.055056), ("tce", "energy", 29.3076),
    ("mi", "distance", 1.609344), ("short ton-mile", "tdistance", 0.90718474 * 1.609344),
    ("passenger-mile", "pdistance", 1.609344), ("kWh (Gross CV)", "energy", 0.0036),
])
def test_unit_exact_constants(text, dim, base_value):
    unit = parse_unit(text)
    assert unit.dimension == dim
    assert unit.factor == pytest.approx(base_value, rel=1e-15)


# ============================================================================ random cases
# Line templates (source, item, unit, options): each resolves under every standard and GWP set.
TEMPLATES = [
    ("stationary_combustion", "烟煤", "t", {}),
    ("stationary_combustion", "天然气", "10^4 Nm3", {"factor_set": "cn_gbt32151_22_2024"}),
    ("stationary_combustion", "diesel", "t", {"factor_set": "ipcc2006"}),               # CO2 + CH4 + N2O
    ("stationary_combustion", "wood", "short ton", {"factor_set": "epa2025"}),          # biogenic CO2
    ("stationary_combustion", "natural gas", "kWh (Gross CV)", {"factor_set": "desnz2024"}),  # CO2e parts
    ("stationary_combustion", "own factor", "t", {"ef_co2e": 2.5}),                    # CO2e only
    ("stationary_combustion", "原煤", "t", {"ncv": 20, "carbon_content": 0.02749, "oxidation_rate": 0.94}),
    ("mobile_combustion", "gasoline", "gal", {"factor_set": "epa2025"}),
    ("mobile_combustion", "gasoline_passenger_car_2019", "mi", {"factor_set": "epa2025"}),
    ("process", "石灰石", "t", {"purity": 0.9}),
    ("process", "粗钢", "t", {"factor_set": "cn_mee_steel_2024"}),                      # deducted output
    ("process", "电石渣", "t", {}),                                                      # clinker deduction
    ("fugitive", "HFC-134a", "kg", {}),
    ("fugitive", "R-410A", "kg", {}),
    ("fugitive", "SF6", "kg", {}),
    ("fugitive", "CH4", "t", {}),
    ("purchased_electricity", "", "MWh", {}),                                            # grid of the facility
    ("purchased_electricity", "华北", "kWh", {}),
    ("purchased_electricity", "eGRID CAMX", "MWh", {}),
    ("purchased_electricity", "UK grid", "kWh", {}),
    ("purchased_heat", "", "GJ", {}),
    ("purchased_heat", "EPA steam", "mmBtu", {}),
    ("exported_electricity", "", "MWh", {}),
    ("exported_heat", "", "GJ", {}),
    ("scope3", "travel_air_long_haul", "passenger-mile", {}),
    ("scope3", "waste_mixed_msw_landfilled", "short ton", {}),
    ("scope3", "purchased goods", "USD", {"ef_co2e": 0.0005, "scope3_category": 1}),
    ("scope3", "柴油", "t", {"scope3_category": 4}),
]
EQUIPMENT = [
    ("screening", "HFC-134a", "chillers", ("new_charge", "operating_capacity", "disposed_capacity")),
    ("screening", "R-404A", "industrial_refrigeration", ("new_charge", "operating_capacity", "disposed_capacity")),
    ("material_balance", "HFC-32", "", ("inventory_start", "inventory_end", "purchased", "sold",
                                        "capacity_start", "capacity_end")),
    ("simplified_material_balance", "R-410A", "", ("new_charge", "capacity_new", "recharge",
                                                  "disposed_capacity", "recovered")),
]
FACILITY_IDS = ["F1", "F2", "F3", "F4"]
LINE_FACILITIES = FACILITY_IDS + ["GHOST"]  # GHOST: a line whose facility is not in the register
REGIONS = ["", "河北", "湖北省", "广东", "Hubei", "华东"]

quantities = st.floats(min_value=0.0, max_value=1e5, allow_nan=False, allow_subnormal=False)
fractions = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_subnormal=False)

facility_st = st.builds(
    lambda fid, region, eq, fc, oc: Facility(fid, region=region, equity_share=eq, financial_control=fc,
                                             operational_control=oc),
    st.just("?"), st.sampled_from(REGIONS), fractions, st.sampled_from(["yes", "no", "joint"]), st.booleans())


@st.composite
def cases(draw, with_instruments=True, with_equipment=True):
    n_fac = draw(st.integers(1, len(FACILITY_IDS)))
    facilities = []
    for fid in FACILITY_IDS[:n_fac]:
        f = draw(facility_st)
        f.id = fid
        facilities.append(f)
    n_lines = draw(st.integers(1, 30))
    lines = []
    for _ in range(n_lines):
        source, item, unit, opts = draw(st.sampled_from(TEMPLATES))
        opts = dict(opts)
        unc = draw(st.none() | st.floats(1.0, 50.0))
        if unc is not None:
            opts["uncertainty"] = unc
        lines.append((source, item, draw(quantities), unit, opts, draw(st.sampled_from(LINE_FACILITIES))))
    instruments = []
    if with_instruments:
        for _ in range(draw(st.integers(0, 3))):
            instruments.append(Instrument(draw(st.sampled_from(FACILITY_IDS)),
                                          draw(st.sampled_from(["green_certificate", "rec", "ppa", "绿证"])),
                                          draw(st.floats(0.0, 5000.0)), draw(st.floats(0.0, 0.8))))
    equipment = []
    if with_equipment:
        for _ in range(draw(st.integers(0, 3))):
            method, refrigerant, eq_type, keys = draw(st.sampled_from(EQUIPMENT))
            equipment.append(Equipment(draw(st.sampled_from(FACILITY_IDS)), method, refrigerant, eq_type,
                                       {k: draw(st.floats(0.0, 500.0)) for k in keys}))
    info = dict(
        consolidation=draw(st.sampled_from(CONSOLIDATIONS)),
        ch4_ar6=draw(st.sampled_from(CH4_RULES)),
        residual_mix_ef=draw(st.none() | st.floats(0.0, 1.0)),
    )
    standard = draw(st.sampled_from(STANDARDS))
    gwp = draw(st.none() | st.sampled_from(GWP_SETS))
    return make_case(standard, gwp, lines=lines, facilities=facilities, instruments=instruments,
                     equipment=equipment, **info)


def _close(actual, expected, terms=()):
    scale = sum(abs(t) for t in terms) + abs(expected) + 1.0
    return math.isclose(actual, expected, rel_tol=0.0, abs_tol=1e-9 * scale)


def _sum_close(items, expected, label):
    items = list(items)
    total = math.fsum(items)
    assert _close(total, expected, items), f"{label}: Σ lines {total!r} != {expected!r}"


@CASE_SETTINGS
@given(cases())
def test_lines_sum_to_totals(case):
    inv = compute(case)
    t = inv.totals
    lines = line_dicts(inv)
    by_scope = defaultdict(list)
    for x in lines:
        by_scope[x["scope"]].append(x["tco2e"])

    _sum_close(by_scope[1], t["scope1"], "scope 1")
    _sum_close(by_scope[3], t["scope3"], "scope 3")
    scope2_key = "scope2" if case.info.standard == "gbt32150" else "scope2_location"
    _sum_close(by_scope[2], t[scope2_key], "scope 2")
    _sum_close(by_scope[1] + by_scope[2] + by_scope[None], t["total"], "total")
    if case.info.standard != "gbt32150":
        assert all(v == 0.0 for v in by_scope[None]), "exported energy is not deducted under ghgp/iso14064"

    _sum_close(inv.by_facility.values(), t["total"], "by_facility")
    # by_gas: _aggregate adds the gases of every line that enters the total (scope 1, scope 2 and,
    # under gbt32150, the exported-energy deduction), so the per-gas table adds up to the total.
    _sum_close((g["tco2e"] for g in inv.by_gas.values()), t["total"], "by_gas vs total")
    if case.info.standard != "gbt32150":
        _sum_close((g["tco2e"] for g in inv.by_gas.values()), t["scope1"] + t["scope2_location"], "by_gas")
    _sum_close(inv.scope3_categories.values(), t["scope3"], "scope3_categories")
    _sum_close([inv.iso_categories[k] for k in (3, 4, 5, 6)], t["scope3"], "ISO categories 3-6")
    assert _close(inv.iso_categories[1], t["scope1"]) and _close(inv.iso_categories[2], t["scope2_location"])
    _sum_close((inv.by_source[s] for s, sc in SCOPE_OF_SOURCE.items() if sc == 1), t["scope1"], "by_source scope 1")
    _sum_close((x["biogenic_co2"] for x in lines), t["biogenic_co2"], "biogenic")
    market = [x["tco2e_market"] if x["source"] == "purchased_electricity" else x["tco2e"]
              for x in lines if x["scope"] == 2]
    _sum_close(market, t["scope2_market"], "scope 2 market-based")


def _scaled(case, k):
    """A copy of ``case`` with every quantity (lines, instruments, equipment) × k."""
    acts = case.activities
    lines = [(acts.source[i], acts.item[i], acts.quantity[i] * k, acts.unit[i], acts.line(i).options,
              acts.facility[i]) for i in range(len(acts))]
    instruments = [Instrument(x.facility, x.type, x.quantity * k, x.ef) for x in case.instruments]
    equipment = [Equipment(e.facility, e.method, e.refrigerant, e.equipment, {n: v * k for n, v in e.values.items()})
                 for e in case.equipment]
    info = case.info
    return make_case(info.standard, info.gwp, lines=lines, facilities=case.facilities, instruments=instruments,
                     equipment=equipment, consolidation=info.consolidation, ch4_ar6=info.ch4_ar6,
                     residual_mix_ef=info.residual_mix_ef, reporting_year=info.reporting_year, **info.extra)


@CASE_SETTINGS
@given(cases())
def test_doubling_every_quantity_doubles_every_total(case):
    one, two = compute(case), compute(_scaled(case, 2.0))
    for key, value in one.totals.items():
        assert two.totals[key] == pytest.approx(2 * value, rel=1e-9, abs=1e-9), key
    for fid, value in one.by_facility.items():
        assert two.by_facility[fid] == pytest.approx(2 * value, rel=1e-9, abs=1e-9), fid
    for gas, entry in one.by_gas.items():
        assert two.by_gas[gas]["tco2e"] == pytest.approx(2 * entry["tco2e"], rel=1e-9, abs=1e-9), gas
    for a, b in zip(line_dicts(one), line_dicts(two)):
        assert b["tco2e"] == pytest.approx(2 * a["tco2e"], rel=1e-9, abs=1e-9), a["row"]
    if "total_percent" in one.uncertainty:  # a relative uncertainty does not change with scale
        assert two.uncertainty["total_percent"] == pytest.approx(one.uncertainty["total_percent"], rel=1e-9)


# Without instruments: a fixed number of certified MWh is shared pro rata among a site's
# electricity lines (GB/T 32150 green-power rule, market-based residual), so with instruments
# a line's emissions are affine, not proportional, in its own quantity — by design.
@CASE_SETTINGS
@given(cases(with_instruments=False), st.data())
def test_line_tco2e_is_proportional_to_its_quantity(case, data):
    n = len(case.activities)
    i = data.draw(st.integers(0, n - 1))
    k = data.draw(st.floats(0.0, 100.0))
    before = list(compute(case).lines())
    case.activities.quantity[i] *= k
    after = list(compute(case).lines())
    for j, (a, b) in enumerate(zip(before, after)):
        expected = a["tco2e"] * k if j == i else a["tco2e"]
        assert b["tco2e"] == pytest.approx(expected, rel=1e-12, abs=1e-12), (j, i, k)


# ============================================================================ consolidation
@settings(max_examples=200, deadline=None)
@given(facility_st, st.sampled_from(CONSOLIDATIONS))
def test_consolidation_share_bounds(facility, consolidation):
    share = facility.share(consolidation)
    assert 0.0 <= share <= 1.0
    if consolidation == "operational_control":
        assert share == (1.0 if facility.operational_control else 0.0)
    elif consolidation == "financial_control" and facility.financial_control != "joint":
        assert share in (0.0, 1.0)
    else:
        assert share == facility.equity_share


@CASE_SETTINGS
@given(cases())
def test_every_line_share_is_within_bounds(case):
    inv = compute(case)
    for x in line_dicts(inv):
        assert 0.0 <= x["share"] <= 1.0


@pytest.mark.parametrize("equity", [1.5, -0.2])
def test_out_of_range_equity_share_is_not_consolidated_beyond_bounds(equity):
    """An equity share outside [0, 1] must be rejected (or at least not consolidate more than
    100 % / less than 0 % of a facility)."""
    case = make_case("ghgp", lines=[("stationary_combustion", "own factor", 100, "t", {"ef_co2e": 1.0})],
                     facilities=[Facility("F1", equity_share=equity)], consolidation="equity_share")
    try:
        inv = compute(case)
    except ValidationFailed:
        return
    for x in line_dicts(inv):
        assert 0.0 <= x["share"] <= 1.0
    assert 0.0 <= inv.totals["total"] <= 100.0


# ============================================================================ validation
# Bad line templates: each gives exactly one problem per line (unknown item, unknown unit,
# unit of the wrong dimension, wrong source, unknown grid, missing/invalid category ...).
BAD_TEMPLATES = [
    ("stationary_combustion", "unobtainium", "t", {}),
    ("stationary_combustion", "烟煤", "furlongs", {}),
    ("fugitive", "HFC-134a", "MWh", {}),
    ("fugitive", "Kryptonite", "kg", {}),
    ("process", "石灰石", "m3", {}),
    ("process", "烟煤", "t", {}),
    ("purchased_electricity", "", "t", {}),
    ("purchased_electricity", "Atlantis grid", "MWh", {}),
    ("purchased_heat", "", "t", {}),
    ("exported_heat", "", "kg", {}),
    ("scope3", "purchased goods", "USD", {"ef_co2e": 0.5}),
    ("scope3", "travel_air_long_haul", "passenger-mile", {"scope3_category": 99}),
    ("stationary_combustion", "own factor", "t", {"ef_co2e": 1.0, "ef_unit": "t/MWh"}),
]


@CASE_SETTINGS
@given(st.data())
def test_validation_failed_lists_every_bad_line(data):
    n_good = data.draw(st.integers(0, 15))
    n_bad = data.draw(st.integers(1, 12))
    good = [data.draw(st.sampled_from(TEMPLATES)) for _ in range(n_good)]
    bad = [data.draw(st.sampled_from(BAD_TEMPLATES)) for _ in range(n_bad)]
    tagged = [(t, False) for t in good] + [(t, True) for t in bad]
    tagged = data.draw(st.permutations(tagged))
    rows = data.draw(st.lists(st.integers(2, 1_000_000), min_size=len(tagged), max_size=len(tagged), unique=True))
    lines = [(s, i, data.draw(quantities), u, o, data.draw(st.sampled_from(FACILITY_IDS)))
             for (s, i, u, o), _ in tagged]
    standard = data.draw(st.sampled_from(STANDARDS))
    case = make_case(standard, lines=lines, rows=rows, facilities=[Facility(f) for f in FACILITY_IDS])
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    problems = exc.value.problems
    bad_rows = sorted(r for r, (_, is_bad) in zip(rows, tagged) if is_bad)
    assert sorted(p.row for p in problems) == bad_rows
    assert all(p.sheet == "Activities" and p.severity == "error" for p in problems)


def test_validation_failed_lists_unknown_region_for_each_line():
    case = make_case("ghgp", lines=[("purchased_electricity", "", 1, "MWh", {}, "NARNIA")] * 3 +
                     [("purchased_electricity", "", 1, "MWh", {}, "F1")],
                     facilities=[Facility("NARNIA", region="Narnia"), Facility("F1", region="河北")])
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    assert [(p.row, p.code) for p in exc.value.problems] == [(r, "engine.region_unknown") for r in (2, 3, 4)]


def test_validation_failed_lists_bad_equipment_lines():
    case = make_case("ghgp", lines=[("fugitive", "HFC-134a", 1, "kg", {})], equipment=[
        Equipment("F1", "screening", "HFC-134a", "flux capacitor", {"new_charge": 1}),
        Equipment("F1", "screening", "HFC-134a", "chillers", {"new_charge": 1}),
        Equipment("F1", "screening", "Kryptonite", "chillers", {"new_charge": 1})])
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    assert [(p.sheet, p.row) for p in exc.value.problems] == [("Equipment", 2), ("Equipment", 4)]


def test_validation_failed_lists_bad_activity_and_bad_equipment_lines_together():
    """n bad lines → n problems, whichever sheet they are on: the equipment register's
    problems must not be hidden behind the activities' problems."""
    case = make_case("ghgp", lines=[("fugitive", "HFC-134a", 1, "kg", {}),
                                    ("stationary_combustion", "unobtainium", 1, "t", {})],
                     equipment=[Equipment("F1", "screening", "HFC-134a", "flux capacitor", {"new_charge": 1}),
                                Equipment("F1", "screening", "HFC-134a", "chillers", {"new_charge": 1})])
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    assert sorted((p.sheet, p.row) for p in exc.value.problems) == [("Activities", 3), ("Equipment", 2)]


def test_validation_rejects_an_unknown_equipment_method():
    """Equipment.method is screening | material_balance | simplified_material_balance; any other
    value is a bad line, not a silent simplified material balance."""
    case = make_case("ghgp", equipment=[Equipment("F1", "teleport", "HFC-134a", "chillers", {"new_charge": 1})])
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    assert [(p.sheet, p.row) for p in exc.value.problems] == [("Equipment", 2)]
