"""The source-type registry (carbonmgr/inventory/sources.py): every entry is complete, and
the tables the rest of CarbonMgr reads are views of it."""
from __future__ import annotations

import dataclasses
import re

import pytest

from carbonmgr.common.i18n import messages
from carbonmgr.factors.library import default_library, norm_name
from carbonmgr.inventory import engine, model, sources
from carbonmgr.inventory.engine import compute
from carbonmgr.inventory.sources import SOURCE_TYPES, GroupLines, SourceType
from carbonmgr.io import workbook
from conftest_helpers import Instrument, make_case

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("spec", SOURCE_TYPES.values(), ids=lambda s: s.id)
def test_every_entry_is_complete(spec: SourceType):
    # a name in both languages, from the message catalogue
    entry = messages().get(spec.message_id)
    assert entry is not None, f"no message {spec.message_id}"
    en, zh = entry.get("en", ""), entry.get("zh", "")
    assert en and zh and en != zh
    assert CJK.search(zh) and not CJK.search(en)
    assert spec.id not in (en, zh)  # the id is internal: never shown as the name
    assert (spec.name("en"), spec.name("zh")) == (en, zh)
    # a scope under every standard profile
    assert set(spec.scopes) == set(model.STANDARDS)
    assert all(scope in (1, 2, 3, None) for scope in spec.scopes.values())
    # a method, the item kinds the app offers, options the line table knows
    assert callable(spec.method)
    assert spec.item_kinds
    assert set(spec.options) <= set(model.CALC_OPTIONS)
    assert set(spec.dimensions) <= set(sources.DIMENSION_UNITS)
    # aliases: some in Chinese, none claimed by two source types
    assert any(CJK.search(a) for a in spec.aliases)
    # an exported (deducted) source is outside the scopes
    if spec.deducted:
        assert set(spec.scopes.values()) == {None}
    # market-based accounting is a Scope 2 method
    if spec.market_based:
        assert set(spec.scopes.values()) == {2}


def test_no_spelling_names_two_source_types():
    owner: dict[str, str] = {}
    for spec in SOURCE_TYPES.values():
        for spelling in (spec.id, *spec.aliases):
            key = norm_name(spelling)
            assert owner.setdefault(key, spec.id) == spec.id, f"{spelling!r}: {owner[key]} and {spec.id}"


def test_the_old_tables_are_views_of_the_registry():
    ids = tuple(SOURCE_TYPES)
    assert model.SOURCES == ids
    assert model.SOURCE_ALIASES == {s.id: list(s.aliases) for s in SOURCE_TYPES.values()}
    assert model.SOURCE_NAMES == {s.id: (s.name("en"), s.name("zh")) for s in SOURCE_TYPES.values()}
    assert engine.SCOPE_OF_SOURCE == {s.id: s.scopes["ghgp"] for s in SOURCE_TYPES.values()}
    assert workbook.NO_ITEM_SOURCES == {s.id for s in SOURCE_TYPES.values() if s.item_optional}
    from carbonmgr.editing.session import SOURCE_KINDS
    assert SOURCE_KINDS == {s.id: s.item_kinds for s in SOURCE_TYPES.values()}


def test_units_offered_follow_the_entry():
    lib = default_library()
    assert sources.units_for(lib, "purchased_electricity", "")[:2] == ["MWh", "kWh"]
    # heat in energy units, or steam / hot water in tonnes with its enthalpy (temperature)
    assert set(sources.units_for(lib, "purchased_heat", "")) == (set(sources.DIMENSION_UNITS["energy"])
                                                                 | set(sources.DIMENSION_UNITS["mass"]))
    coal = sources.units_for(lib, "stationary_combustion", "烟煤")
    assert "t" in coal and "MWh" in coal  # mass from its NCV, energy from its carbon content per heat
    assert sources.units_for(lib, "process", "石灰石")[0] == "t"


def test_the_engine_dispatches_through_the_registry(monkeypatch):
    """A new source type is one entry and one method: the engine computes its lines, reports
    them in the entry's scope and takes its name from the entry, without another edit."""
    from carbonmgr.inventory.engine import Calc

    def flat_rate(resolver, g: GroupLines) -> Calc:  # 2 t CO2 per unit, whatever the item
        return Calc("flat", "E = AD × 2", {"CO2": 2.0 * g.unit.factor}, {"CO2": 1.0})

    new = SourceType("test_flat", sources._scopes(1), flat_rate, item_kinds=("fuel",), aliases=("平",))
    monkeypatch.setattr(sources, "SOURCE_TYPES", {**SOURCE_TYPES, new.id: new})
    monkeypatch.setattr(engine, "SOURCE_TYPES", sources.SOURCE_TYPES)
    inv = compute(make_case("ghgp", lines=[("test_flat", "anything", 10, "t", {}),
                                           ("stationary_combustion", "own", 1, "t", {"ef_co2e": 1.0})]))
    [line] = [x for x in inv.lines() if x["source"] == "test_flat"]
    assert line["tco2e"] == pytest.approx(20.0) and line["scope"] == 1
    assert inv.totals["scope1"] == pytest.approx(21.0)


def test_a_method_works_for_the_entry_that_uses_it(monkeypatch):
    """A new entry may reuse a method: the lines are computed and named as its own."""
    new = SourceType("test_release", sources._scopes(1), sources.fugitive, item_kinds=("gas",))
    monkeypatch.setattr(engine, "SOURCE_TYPES", {**SOURCE_TYPES, new.id: new})
    inv = compute(make_case("ghgp", "AR5", lines=[("test_release", "R-410A", 10, "kg", {}),
                                                  ("test_release", "unobtainium", 1, "kg", {})]),
                  raise_on_error=False)
    ok, bad = inv.groups
    assert ok.calc is not None and ok.scope == 1
    assert ok.calc.co2e_per_unit * 10 == pytest.approx(inv.totals["scope1"])
    assert bad.error[0].startswith("engine.item_unknown") and bad.error[2]["source"] == "test_release"


def test_a_market_based_entry_takes_the_instruments(monkeypatch):
    new = SourceType("test_grid", sources._scopes(2), sources.electricity, item_optional=True,
                     item_kinds=("grid",), dimensions=("energy",), market_based=True)
    monkeypatch.setattr(sources, "SOURCE_TYPES", {**SOURCE_TYPES, new.id: new})
    monkeypatch.setattr(engine, "SOURCE_TYPES", sources.SOURCE_TYPES)
    case = make_case("ghgp", lines=[("test_grid", "eGRID CAMX", 1000, "MWh", {})],
                     instruments=[Instrument("F1", "rec", 600, 0.0)], residual_mix_ef=0.50)
    inv = compute(case)
    assert inv.totals["scope2_market"] == pytest.approx(200.0)  # 400 MWh left × 0.50 (as intl.md E-E4)
    assert inv.totals["scope2_location"] == pytest.approx(198.741, abs=5e-4)
    [line] = list(inv.lines())
    assert line["tco2e_market"] == pytest.approx(200.0)


def test_an_entry_is_frozen():
    spec = SOURCE_TYPES["process"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        spec.scopes["ghgp"] = 2  # type: ignore[index]


def test_the_workbook_guide_lists_the_registry():
    """docs/case-workbook.md's table of sources names every source type, in order, and only
    spellings the registry accepts."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "case-workbook.md").read_text(encoding="utf-8")
    table = text.split("Sources (`source`)", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]*) \|$", table, re.MULTILINE)
    assert tuple(source for source, _ in rows) == tuple(SOURCE_TYPES)
    for source, spellings in rows:
        listed = {norm_name(a) for a in spellings.split(", ") if a.strip()}
        assert listed <= {norm_name(a) for a in SOURCE_TYPES[source].aliases}, source
