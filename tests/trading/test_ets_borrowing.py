"""Borrowing (预支) under the 2021-2022 plan, against hand calculations.

The rule (china-addendum §2.3, "Other allocation/compliance rules"; resources/ets/borrowing.csv):
under the 2021-2022 plan an entity with a gap rate of 10 % or more could borrow up to 50 % of the
gap from its 2023 pre-allocation; the 2019-2020 and 2023-2024 plans and the 2025-2026 draft do not
allow it. The gap rate is the ``gap_rate`` figure, ``(E − A) / E``; the tonnes are 50 % of the gap
still to cover after the gap cap's top-up, ``O − A_final``, rounded down to whole tonnes as the plan
rounds allocations (plans.csv ``rounding`` = floor: an entity may not borrow a fraction of a tonne
beyond the half).

The 2021 class I unit below (water-cooled, no heat, load factor 90 %) has every correction 1, so its
allocation is ⌊Q_supply × 0.8218⌋ (2021 benchmark, 附2).
"""
from __future__ import annotations

import json

import pytest

from carbonmgr.cli import main
from carbonmgr.inventory.ets_model import EtsData, EtsUnit
from carbonmgr.inventory.model import CaseData, CaseInfo
from carbonmgr.trading import ets
from case_books import FACILITIES, write_book


def case_of(year, supply, verified, klass="I", **info):
    if year >= 2023:
        unit = EtsUnit("U1", klass=klass, generation=supply, load_factor=0.9, verified_emissions=verified)
    else:
        unit = EtsUnit("U1", klass=klass, supply=supply, load_factor=0.9, cooling="water",
                       verified_emissions=verified)
    return CaseData(info=CaseInfo(reporting_year=year, **info), ets=EtsData([unit]))


def run(year, supply, verified, **info):
    case = case_of(year, supply, verified, **info)
    assert ets.check(case) == []
    return case, ets.compute(case)


def notes(fig):
    return [m.id for m in fig.notes]


def test_2021_gap_15_percent_may_borrow_7_5_percent_of_verified_emissions():
    # A = ⌊1 034 315 × 0.8218⌋ = ⌊850 000.067⌋ = 850 000; E = 1 000 000; gap rate 150 000 / 1 000 000 = 15 %
    # (no top-up: 850 000 ≥ 80 % × E); borrow_max = ⌊0.50 × 150 000⌋ = 75 000 t = 7.5 % of E
    _, r = run(2021, 1_034_315, 1_000_000)
    assert r.value("allocation_final") == 850_000
    assert r.value("gap_rate") == 15.0
    fig = r.entity["borrow_max"]
    assert fig.value == 75_000 == 0.075 * 1_000_000
    assert fig.formula == "(E − A) / E ≥ 10%: ⌊0.5 × max(0, O − A_final)⌋"
    assert dict((n, v) for n, v, _ in fig.inputs) == {"gap_rate": 15.0, "obligation": 1_000_000,
                                                      "allocation_final": 850_000}
    assert fig.source.number == "国环规气候〔2023〕1号" and fig.source.document.startswith("《2021、2022年度")
    assert notes(fig) == ["ets.note.borrow_rule"] and fig.notes[0].params["year"] == 2023
    assert r.value("borrowed") == 0
    assert r.to_dict()["entity"]["borrow_max"] == 75_000


def test_borrow_max_rounds_down_to_whole_tonnes():
    # E = 1 000 001: gap 150 001 t (15.0000 %); 0.50 × 150 001 = 75 000.5 → 75 000
    _, r = run(2021, 1_034_315, 1_000_001)
    assert r.value("borrow_max") == 75_000


def test_2021_gap_8_percent_may_not_borrow():
    # E = 923 913: gap 73 913 / 923 913 = 7.99999 % < 10 % → 0
    _, r = run(2021, 1_034_315, 923_913)
    assert r.value("gap_rate") == 8.0  # shown rounded; the threshold is tested on the exact rate
    fig = r.entity["borrow_max"]
    assert fig.value == 0 and notes(fig) == ["ets.note.borrow_below"]


def test_a_gap_of_exactly_10_percent_may_borrow():
    # A = ⌊1 095 158 × 0.8218⌋ = ⌊900 000.84⌋ = 900 000; E = 1 000 000: gap 10 % → ⌊0.5 × 100 000⌋ = 50 000
    _, r = run(2022, 1_095_158 * 0.8218 / 0.8177, 1_000_000)  # 2022 benchmark 0.8177: the same allocation
    assert r.value("allocation_final") == 900_000 and r.value("borrow_max") == 50_000


def test_after_the_gap_cap_top_up_half_of_the_gap_still_to_cover():
    # A = ⌊851 791 × 0.8218⌋ = ⌊700 001.84⌋ = 700 001; E = 1 000 000: gap rate 30.00 % (≥ 10 %);
    # top-up ⌊800 000 − 700 001⌋ = 99 999 → A_final = 800 000; borrow_max = ⌊0.5 × 200 000⌋ = 100 000
    _, r = run(2021, 851_791, 1_000_000)
    assert r.value("gap_rate") == 30.0 and r.value("top_up") == 99_999
    assert r.value("borrow_max") == 100_000


@pytest.mark.parametrize("year", [2019, 2023, 2024, 2025])
def test_other_plans_do_not_allow_borrowing(year):
    # a gap of 15 % (or more) but no borrowing in the plan: 0 with a note
    _, r = run(year, 1_000_000, 1_500_000)
    fig = r.entity["borrow_max"]
    assert fig.value == 0 and notes(fig) == ["ets.note.borrow_none"]
    assert fig.source.document == r.plan.document


def test_borrowed_allowances_count_in_the_surplus_and_ccer_covers_the_rest():
    # 850 000 allocated, 75 000 borrowed, CCER offered 60 000 (cap ⌊5 % × 1 000 000⌋ = 50 000):
    # still needed 1 000 000 − 850 000 − 0 − 75 000 = 75 000 → CCER used 50 000;
    # surplus = 850 000 + 0 + 75 000 + 50 000 − 1 000 000 = −25 000
    case, r = run(2021, 1_034_315, 1_000_000, allowances_borrowed=75_000, ccer_offered=60_000)
    assert ets.check_position(case, r) == []
    assert r.value("borrowed") == 75_000
    assert r.value("ccer_used") == 50_000
    s = r.entity["surplus"]
    assert s.value == -25_000
    assert ("borrowed", 75_000, "t") in s.inputs and s.formula == "A_final + H + B + CCER_used − O"
    assert notes(s) == ["ets.note.surplus_borrowed"]
    assert r.to_dict()["entity"]["borrowed"] == 75_000


def test_borrowed_above_the_max_or_where_not_allowed_is_refused():
    case, r = run(2021, 1_034_315, 1_000_000, allowances_borrowed=75_001)
    (p,) = ets.check_position(case, r)
    assert p.code == "ets.borrow_above_max" and p.params["max"] == "75,000"
    case, r = run(2021, 1_034_315, 923_913, allowances_borrowed=1)  # gap 8 %: nothing may be borrowed
    assert [p.code for p in ets.check_position(case, r)] == ["ets.borrow_above_max"]
    case, r = run(2023, 1_000_000, 1_500_000, allowances_borrowed=10)
    (p,) = ets.check_position(case, r)
    assert p.code == "ets.borrow_not_allowed" and "不允许预支" in p.render("zh")
    assert "does not allow borrowing" in p.render("en")


# ----------------------------------------------------------------------------- the workbook and the command line

CASE_2021 = [["key", "value"], ["ets_year", 2021], ["standard", "gbt32150"], ["reporting_year", 2021],
             ["carbon_price", 55]]
ETS_2021 = [["unit", "facility", "class", "supply", "load_factor", "cooling", "verified_emissions"],
            ["U1", "F1", "I", 1_034_315, 0.9, "water", 1_000_000]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit"], ["F1", "purchased_electricity", None, 10, "MWh"]]


def borrowing_file(tmp_path, borrowed_key="allowances_borrowed", borrowed=None):
    case = CASE_2021 + ([[borrowed_key, borrowed]] if borrowed is not None else [])
    return write_book(tmp_path / "borrow.xlsx", {"Case": case, "Facilities": FACILITIES, "Activities": ACTIVITIES,
                                                 "ETS": ETS_2021})


def test_carbonmgr_ets_json_gives_borrow_max_and_borrowed(tmp_path, capsys):
    path = borrowing_file(tmp_path, "预支配额", 70_000)
    assert main(["--lang", "en", "ets", str(path), "--json"]) == 0
    e = json.loads(capsys.readouterr().out)["entity"]
    assert (e["borrow_max"], e["borrowed"]) == (75_000, 70_000)
    assert e["surplus"] == 850_000 + 70_000 - 1_000_000
    assert e["trace"]["borrow_max"]["rule"]["number"] == "国环规气候〔2023〕1号"
    assert {"allocation", "surplus", "gap_rate", "banking_base", "pre_allocation"} <= set(e)


@pytest.mark.parametrize("lang, words", [
    ("en", ["may be borrowed: 75,000 t", "allowances borrowed: 70,000 t",
            "from the 2023 pre-allocation", "《2021、2022年度全国碳排放权交易配额总量设定与分配实施方案（发电行业）》"]),
    ("zh", ["可预支配额量：75,000 t", "预支配额：70,000 t", "从 2023 年度预分配配额中预支"]),
])
def test_carbonmgr_ets_text_shows_borrowing_in_both_languages(tmp_path, capsys, lang, words):
    path = borrowing_file(tmp_path, "allowances borrowed", 70_000)
    assert main(["--lang", lang, "ets", str(path)]) == 0
    out = capsys.readouterr().out
    for w in words:
        assert w in out, w
    for internal in ("ets.", "borrow_max", "allowances_borrowed", "None"):
        assert internal not in out, internal


def test_borrowed_above_the_max_exits_2_located_at_the_case_key(tmp_path, capsys):
    path = borrowing_file(tmp_path, "allowances_borrowed", 80_000)  # the key is on row 6 of the Case sheet
    assert main(["--lang", "en", "ets", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Case!B6" in err and "80,000 t is more than may be borrowed, 75,000 t" in err
    assert "Traceback" not in err
    assert main(["--lang", "zh", "ets", str(path)]) == 2
    err = capsys.readouterr().err
    assert "预支配额 80,000 吨超过可预支量 75,000 吨" in err and "Traceback" not in err


def test_the_borrowed_key_reads_back_and_survives_a_project(tmp_path, capsys):
    from carbonmgr.io.workbook import read_case, write_case

    case = read_case(borrowing_file(tmp_path, "预支配额量", 1234.5))
    assert case.info.allowances_borrowed == 1234.5 and case.key_rows["allowances_borrowed"] == 6
    out = tmp_path / "again.xlsx"
    write_case(case, out, lang="zh")
    assert read_case(out).info.allowances_borrowed == 1234.5
    project = tmp_path / "b.carbon"
    assert main(["--lang", "en", "import", str(borrowing_file(tmp_path, borrowed=1234.5)), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "ets", str(project), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entity"]["borrowed"] == 1234.5
