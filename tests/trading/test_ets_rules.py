"""The ETS rules as data (resources/ets/*.csv): what they hold and how the loader checks them."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from carbonmgr.common.paths import resource_dir
from carbonmgr.trading.rules import RulesError, load_rules


@pytest.fixture()
def rules_copy(tmp_path):
    folder = tmp_path / "ets"
    shutil.copytree(resource_dir() / "ets", folder)
    return folder


def test_the_bundled_rules_load_and_cite_their_documents():
    rules = load_rules()
    assert set(rules.plans) == {"2019-2020", "2021-2022", "2023-2024", "2025-2026"}
    assert [p.draft for p in rules.plans.values()] == [False, False, False, True]
    for plan in rules.plans.values():
        assert plan.document.startswith("《") and plan.number
        for bm in plan.benchmarks.values():
            assert bm.source.document == plan.document and bm.source.status in ("verified", "secondary")
    assert rules.plans["2023-2024"].number == "国环规气候〔2024〕1号"
    # china-addendum §2.1: supply-based before 2023, generation-based from 2023
    assert [rules.plan_for(y).metric for y in (2019, 2022, 2023, 2026)] == ["supply", "supply", "generation",
                                                                            "generation"]
    bm = rules.plan_for(2024).benchmarks[(2024, "gas")]
    assert (bm.electricity, bm.heat) == (0.3288, 0.0533)
    assert rules.plan_for(2018) is None and rules.plan_for(2027) is None


def test_deadlines_and_penalty_rule_in_force():
    rules = load_rules()
    assert rules.deadlines[2023].date == dt.date(2024, 12, 31)
    assert rules.deadlines[2024].date == dt.date(2025, 12, 31)
    assert rules.penalty_at(dt.date(2023, 12, 31)).kind == "fixed"
    art24 = rules.penalty_at(dt.date(2024, 12, 31))
    assert (art24.kind, art24.low, art24.high, art24.source.part) == ("price_multiple", 5, 10, "第二十四条")


@pytest.mark.parametrize("file, old, new, expected", [
    ("benchmarks.csv", "2023-2024,2023,I,0.7950", "2023-2024,2023,I,0.79x", "not a number"),
    ("benchmarks.csv", "2023-2024,2024,gas,0.3288,0.0533,,,generation,附2,verified",
     "2023-2024,2024,gas,0.3288,0.0533,,,generation,附2,maybe", "status"),
    ("benchmarks.csv", "2023-2024,2024,gas,", "2023-2024,2024,coal,", "class"),
    ("plans.csv", "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》", "2023-2024 plan", "official document"),
    ("corrections.csv", "below=0.65;base=1.015", "base=1.015", "params missing"),
    ("compliance.csv", "2024,2023-2024,2025-12-31", "2024,2023-2024,31/12/2025", "not a date"),
    # borrowing: the rule must agree with plans.csv's flag, borrow from a later year, with a threshold in 0-1
    ("borrowing.csv", "pre_allocation_next,2021-2022", "none,2021-2022", "no threshold"),
    ("borrowing.csv", "none,2023-2024,,,,,", "pre_allocation_next,2023-2024,0.1,0.5,2025,pre_allocation,",
     "plan 2023-2024 needs its borrowing rule"),
    ("borrowing.csv", "0.10,0.50,2023,", "0.10,0.50,2022,", "after the plan"),
    ("borrowing.csv", "0.10,0.50,2023,", "10,0.50,2023,", "out of range"),
])
def test_a_broken_rule_file_is_refused(rules_copy, file, old, new, expected):
    path = rules_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError, match=expected):
        load_rules(rules_copy)


def test_a_missing_benchmark_is_refused(rules_copy):
    path = rules_copy / "benchmarks.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("2021-2022,2022,III")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RulesError, match="no benchmark for 2022 III"):
        load_rules(rules_copy)


def test_borrowing_is_data_with_its_source():
    # china-addendum §2.3: under the 2021-2022 plan an entity with a gap of 10 % or more could borrow up to
    # 50 % of the gap from its 2023 pre-allocation; no other plan allows it
    rules = load_rules()
    b = rules.borrowing["2021-2022"]
    assert (b.rule, b.threshold, b.share, b.from_year) == ("pre_allocation_next", 0.10, 0.50, 2023)
    assert b.source.document == "《2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）》"
    assert (b.source.number, b.source.status) == ("国环规气候〔2023〕1号", "secondary")
    assert [rules.borrowing[p].allowed for p in rules.plans] == [False, True, False, False]
    assert all(rules.borrowing[p.id].allowed == p.borrowing for p in rules.plans.values())
    assert rules.borrowing["2025-2026"].source.draft


def test_a_missing_borrowing_file_is_refused(rules_copy):
    (rules_copy / "borrowing.csv").unlink()
    with pytest.raises(RulesError, match="borrowing.csv"):
        load_rules(rules_copy)
