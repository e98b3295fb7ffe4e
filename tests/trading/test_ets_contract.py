"""Issue 11's contract for the ETS sheet and ``carbonmgr ets``, checked as an outsider would: case
workbooks written with openpyxl as the contract describes them (headers in English, in Chinese, in the
"english [中文]" form, in any order, with unknown columns; the sheet named ``ETS`` or ``配额``), run
through the real command line (``carbonmgr ets FILE --json``), and every figure compared with a hand
computation from the reference's own tables (china-addendum §2.1-2.3, §3, §5.3; china.md §4)."""
from __future__ import annotations

import json
import math
import os

import pytest

from carbonmgr.cli import main
from case_books import write_book

FACILITIES = [["id", "name"], ["F1", "Plant"]]
ACTIVITIES = [["facility", "source", "item", "quantity", "unit"], ["F1", "purchased_electricity", None, 1, "MWh"]]
HEAD_EN = ["unit", "facility", "class", "generation", "supply", "heat", "load_factor", "cooling", "heat_ratio",
           "verified_emissions"]
HEAD_ZH = ["机组", "设施", "机组类别", "发电量", "供电量", "供热量", "负荷率", "冷却方式", "供热比", "核查排放量"]
UNIT_KEYS = {"unit", "facility", "class", "benchmark_electricity", "benchmark_heat", "correction",
             "allocation_electricity", "allocation_heat", "allocation", "verified_emissions", "top_up"}
ENTITY_KEYS = {"allocation", "top_up", "allocation_final", "verified_emissions", "allowances_held", "ccer_max",
               "ccer_used", "surplus", "price", "penalty_min", "penalty_max", "deadline"}


def case_rows(year=2023, price=90, held=0, ccer=0, zh=False):
    keys = ("配额年度", "碳价", "持有配额", "CCER") if zh else ("ets_year", "carbon_price", "allowances_held",
                                                          "ccer_offered")
    rows = [["key", "value"], ["title", "contract"], ["standard", "gbt32150"], ["reporting_year", 2023]]
    return rows + [[k, v] for k, v in zip(keys, (year, price, held, ccer)) if v is not None]


def book(tmp_path, ets, case=None, activities=None, sheet="ETS", name="case", **more):
    sheets = {"Case": case or case_rows(), "Facilities": FACILITIES, "Activities": activities or ACTIVITIES}
    if ets is not None:
        sheets[sheet] = ets
    sheets.update(more)
    return write_book(tmp_path / f"{name}.xlsx", sheets)


def ets_json(path, capsys, lang="en") -> dict:
    capsys.readouterr()
    assert main(["--lang", lang, "ets", str(path), "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def one_unit(tmp_path, capsys, row, year=2023, **case) -> tuple[dict, dict]:
    data = ets_json(book(tmp_path, [HEAD_EN, row], case_rows(year, **case)), capsys)
    return data["units"][0], data["entity"]


# ----------------------------------------------------------------------------- headers and sheet names

# T14 (china-addendum §5.3): 2023, class I, 3 000 000 MWh, load 60 %, 1 000 000 GJ -> 2 635 152 t
T14_EN = [HEAD_EN, ["U1", "F1", "I", 3_000_000, None, 1_000_000, 0.6, None, None, 2_700_000]]


@pytest.mark.parametrize("sheet, head, zh_keys", [
    ("ETS", HEAD_EN, False),
    ("配额", HEAD_ZH, True),
    ("ETS", [f"{e} [{z}]" for e, z in zip(HEAD_EN, HEAD_ZH)], False),
    ("配额", [f"{e}（{z}）" for e, z in zip(HEAD_EN, HEAD_ZH)], True),
])
def test_headers_in_either_language_or_both_read_the_same(tmp_path, capsys, sheet, head, zh_keys):
    path = book(tmp_path, [head, T14_EN[1]], case_rows(zh=zh_keys), sheet=sheet)
    data = ets_json(path, capsys)
    u = data["units"][0]
    assert (u["unit"], u["facility"], u["class"]) == ("U1", "F1", "I")
    assert u["allocation"] == 2_531_352 + 103_800 == 2_635_152
    assert data["entity"]["price"] == 90 and data["year"] == 2023


@pytest.mark.parametrize("typed", [2021, "2021", "2021年", "2021年度"])
def test_the_ets_year_as_typed_in_chinese(tmp_path, capsys, typed):
    case = case_rows(None, zh=True) + [["配额年度", typed]]
    data = ets_json(book(tmp_path, [HEAD_EN, ["U1", "F1", "I", None, 1_000_000, None, 0.9, "水冷", None, None]],
                         case), capsys)
    assert data["year"] == 2021 and data["units"][0]["allocation"] == 821_800  # 0.8218 x 1 000 000


def test_columns_in_another_order_with_unknown_columns(tmp_path, capsys):
    rows = [["备注", "核查排放量", "load_factor [负荷率]", "class", "comment", "供热量", "unit", "发电量"],
            ["a note", 2_700_000, "60 %", "300MW等级以上常规燃煤机组", "x", "1,000,000", "U1", "3,000,000"]]
    data = ets_json(book(tmp_path, rows), capsys)
    u = data["units"][0]
    assert (u["class"], u["allocation"], u["verified_emissions"]) == ("I", 2_635_152, 2_700_000)


def test_json_carries_the_contracts_keys_and_an_official_plan_title(tmp_path, capsys):
    for lang in ("en", "zh"):
        data = ets_json(book(tmp_path, T14_EN), capsys, lang)
        assert {"year", "plan", "units", "entity"} <= set(data)
        assert UNIT_KEYS <= set(data["units"][0]) and ENTITY_KEYS <= set(data["entity"])
        plan = data["plan"]
        # the official title and number (国环规气候〔2024〕1号, china-addendum §2.1), never an id of ours
        assert plan["name"] == "《2023、2024年度全国碳排放权交易发电行业配额总量和分配方案》"
        assert "国环规气候〔2024〕1号" in plan["source"] and plan["name"] in plan["source"]
        # every figure has a trace with its rule or its case input
        for name in ("allocation", "allocation_final", "surplus", "penalty_min", "deadline", "ccer_max"):
            assert name in data["entity"]["trace"], name
        for name in ("allocation_electricity", "allocation_heat", "benchmark_electricity", "correction"):
            assert data["units"][0]["trace"][name]["rule"]["number"] == "国环规气候〔2024〕1号"


@pytest.mark.parametrize("lang, words", [("en", "topped up to the verified emissions"), ("zh", "核查排放量")])
def test_json_notes_are_text_in_the_users_language(tmp_path, capsys, lang, words):
    rows = [HEAD_EN, ["G1", "F1", "gas", 100_000, None, None, None, None, None, 50_000]]
    data = ets_json(book(tmp_path, rows), capsys, lang)
    notes = data["units"][0]["trace"]["top_up"]["notes"]  # 0.3305 x 100 000 = 33 050 < 50 000: topped up
    assert data["units"][0]["top_up"] == 50_000 - 33_050
    assert notes and all(isinstance(n, str) and "ets." not in n for n in notes), notes
    assert any(words in n for n in notes), notes
    draft = ets_json(book(tmp_path, [HEAD_EN, ROW], case_rows(2025), name="draft"), capsys, lang)
    assert draft["notes"] and all("ets." not in n for n in draft["notes"])


# ----------------------------------------------------------------------------- values as typed

@pytest.mark.parametrize("typed, klass", [
    ("I", "I"), ("i", "I"), ("ii", "II"), ("Ⅲ", "III"), ("GAS", "gas"), ("Gas", "gas"), ("ＩＩ", "II"),
    ("300MW等级以上常规燃煤机组", "I"), ("300MW等级及以下常规燃煤机组", "II"),
    ("燃煤矸石、煤泥、水煤浆等非常规燃煤机组（含燃煤循环流化床机组）", "III"),
    ("燃煤矸石、煤泥、水煤浆等非常规燃煤机组", "III"), ("非常规燃煤机组（含燃煤循环流化床机组）", "III"),
    ("非常规燃煤（煤矸石、煤泥、水煤浆等）", "III"), ("燃气机组", "gas"),
])
def test_class_as_the_plans_name_it(tmp_path, capsys, typed, klass):
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", typed, 100_000, None, None, 0.9, None, None, 50_000])
    assert u["class"] == klass
    # 2023 benchmarks (china-addendum §2.1): I 0.7950, II 0.8090, III 0.8285, gas 0.3305
    assert u["benchmark_electricity"] == {"I": 0.795, "II": 0.809, "III": 0.8285, "gas": 0.3305}[klass]


@pytest.mark.parametrize("typed", [0.6, 60, "60%", "60 %", "60％", "0.6"])
def test_load_factor_as_a_fraction_or_a_percentage(tmp_path, capsys, typed):
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "I", 3_000_000, None, None, typed, None, None, None])
    assert u["correction"] == pytest.approx(1.015 ** (16 - 20 * 0.6))  # T14: 1.061364
    assert u["allocation_electricity"] == 2_531_352


@pytest.mark.parametrize("typed", [0.2, 20, "20%", "20 %"])
def test_heat_ratio_as_a_fraction_or_a_percentage_T15(tmp_path, capsys, typed):
    # T15: 2021, class I, supply 3 000 000 MWh, water-cooled, F >= 85 %, heat ratio 20 %, 1 000 000 GJ
    # 0.8218 x 3e6 x (1 - 0.22 x 0.20) = 2 356 922.4 -> 2 356 922; + 0.1111 x 1e6 = 111 100 -> 2 468 022
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "I", None, 3_000_000, 1_000_000, 0.9, "水冷", typed, 2_700_000],
                    year=2021)
    assert (u["allocation_electricity"], u["allocation_heat"], u["allocation"]) == (2_356_922, 111_100, 2_468_022)


@pytest.mark.parametrize("typed", ["water", "air", "水冷", "空冷", "AIR"])
def test_cooling_T15_T16(tmp_path, capsys, typed):
    # T16: air-cooled x 1.05: 0.8218 x 3e6 x 0.956 x 1.05 = 2 474 768.52 -> 2 474 768; + 111 100 = 2 585 868
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "I", None, 3_000_000, 1_000_000, 0.9, typed, 0.2, None], year=2021)
    assert u["allocation"] == (2_585_868 if typed.lower() in ("air", "空冷") else 2_468_022)


@pytest.mark.parametrize("typed", ["3,000,000", "3 000 000", "３,０００,０００", " 3000000 "])
def test_numbers_typed_as_text_with_thousands_separators(tmp_path, capsys, typed):
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "I", typed, None, None, 0.9, None, None, None])
    assert u["allocation_electricity"] == 2_385_000  # 0.7950 x 3 000 000


def test_zero_generation_and_blank_optional_cells(tmp_path, capsys):
    u, e = one_unit(tmp_path, capsys, ["U1", None, "II", 0, None, None, 0.9, None, None, 10_000])
    assert (u["allocation"], u["verified_emissions"], u["facility"]) == (0, 10_000, "")
    # the gap cap tops the entity up to 80 % of its verified emissions (china-addendum §2.3)
    assert (e["allocation"], e["top_up"], e["allocation_final"]) == (0, 8_000, 8_000)


# ----------------------------------------------------------------------------- every plan period

def test_2019_class_II_load_between_80_and_85_percent(tmp_path, capsys):
    # F_f = 1 + 0.0014 x (85 - 82) = 1.0042; 0.979 x 1 000 000 x 1.0042 = 983 111.8 -> 983 111 (no heat: condensing)
    u, e = one_unit(tmp_path, capsys, ["U1", "F1", "II", None, 1_000_000, None, 0.82, "water", None, 1_000_000],
                    year=2019)
    assert u["correction"] == pytest.approx(1.0042)
    assert u["allocation"] == 983_111
    # 2019-2020: no top-up; the obligation is capped at A + 20 % of E = 983 111 + 200 000 > E: E is due
    assert e["top_up"] == 0 and e["allocation_final"] == 983_111
    assert e["deadline"] == "2021-12-31"


def test_2020_class_III_air_cooled_with_heat(tmp_path, capsys):
    # 1.146 x 500 000 x 1.05 x (1 - 0.22 x 0.1) = 588 413.7 -> 588 413; heat 0.126 x 100 000 = 12 600
    # class III has no load correction (conventional coal condensing units only)
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "III", None, 500_000, 100_000, 0.5, "空冷", "10%", None],
                    year=2020)
    assert (u["allocation_electricity"], u["allocation_heat"], u["allocation"]) == (588_413, 12_600, 601_013)
    assert u["correction"] == pytest.approx(1.05 * 0.978)


def test_2021_gas_unit_heat_correction_and_exemption(tmp_path, capsys):
    # 0.3920 x 200 000 x (1 - 0.6 x 0.3) = 64 288; heat 0.0560 x 50 000 = 2 800; A = 67 088
    # verified 80 000 > A: the gas unit is topped up to its verified emissions: 12 912
    u, e = one_unit(tmp_path, capsys, ["G1", "F1", "gas", None, 200_000, 50_000, None, None, 0.3, 80_000],
                    year=2021)
    assert (u["allocation"], u["top_up"]) == (67_088, 12_912)
    assert e["allocation_final"] == 80_000 and e["surplus"] == 0
    assert e["deadline"] == "2023-12-31"


def test_2022_class_I_load_below_75_percent(tmp_path, capsys):
    # F_f = 1.015^(16 - 20 x 0.7) = 1.030225; 0.8177 x 2 000 000 x 1.030225 = 1 684 829.965 -> 1 684 829
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "I", None, 2_000_000, None, "70%", "water", None, None],
                    year=2022)
    assert u["allocation"] == 1_684_829


def test_2024_class_II_below_65_percent(tmp_path, capsys):
    # 2024: F_f = 1.015^(16 - 12) = 1.061363550625 below 65 %; 0.8049 x 1 000 000 x F_f = 854 291.52 -> 854 291
    u, e = one_unit(tmp_path, capsys, ["U1", "F1", "II", 1_000_000, None, None, 0.6, None, None, None], year=2024)
    assert u["allocation"] == 854_291
    assert e["deadline"] == "2025-12-31"


def test_2025_draft_class_I_load_40_percent(tmp_path, capsys):
    # F = 40: 7.254 - 0.633(1 - e^(-40/29.822)) - 5.643(1 - e^(-40/6.871)), rounded to 6 dp = 1.160254 (T22)
    f = round(7.254 - 0.633 * (1 - math.exp(-40 / 29.822)) - 5.643 * (1 - math.exp(-40 / 6.871)), 6)
    assert f == 1.160254
    data = ets_json(book(tmp_path, [HEAD_EN, ["U1", "F1", "I", 1_000_000, None, None, 0.4, None, None, None]],
                         case_rows(2025)), capsys)
    u = data["units"][0]
    assert u["correction"] == pytest.approx(1.160254, abs=1e-9)
    assert u["allocation"] == math.floor(0.7902 * 1_000_000 * 1.160254) == 916_832
    assert data["plan"]["draft"] is True and "征求意见稿" in data["plan"]["name"] + data["plan"]["source"]
    assert data["entity"]["deadline"] == "2026-12-31"


def test_T22_2026_draft(tmp_path, capsys):
    u, _ = one_unit(tmp_path, capsys, ["U1", "F1", "I", 1_000_000, None, None, "40 %", None, None, None], year=2026)
    assert u["allocation"] == 915_904


def test_T18_gap_cap_and_the_ccer_cap(tmp_path, capsys):
    # 2023: a gas-free entity verified 1 000 000 t, allocated 700 000 t (0.7950 x 880 503 = 699 999.9 -> 699 999)
    # top-up to 80 %: 800 000 - 699 999 = 100 001; CCER: at most 5 % x 1 000 000 = 50 000 of 80 000 offered
    # surplus 800 000 + 0 + 50 000 - 1 000 000 = -150 000; fine 5-10 x 90 x 150 000 (Decree 775 art. 24)
    _, e = one_unit(tmp_path, capsys, ["U1", "F1", "I", 880_503, None, None, 0.9, None, None, 1_000_000],
                    ccer=80_000)
    assert (e["allocation"], e["top_up"], e["allocation_final"]) == (699_999, 100_001, 800_000)
    assert (e["ccer_max"], e["ccer_used"], e["surplus"]) == (50_000, 50_000, -150_000)
    assert (e["penalty_min"], e["penalty_max"]) == (67_500_000, 135_000_000)


def test_ccer_is_no_more_than_still_needed_and_held_allowances_count(tmp_path, capsys):
    # allocation 795 000 (0.7950 x 1e6), verified 1 000 000: top-up to 800 000; held 190 000: 10 000 still needed
    _, e = one_unit(tmp_path, capsys, ["U1", "F1", "I", 1_000_000, None, None, 0.9, None, None, 1_000_000],
                    held=190_000, ccer=40_000)
    assert (e["allocation_final"], e["allowances_held"], e["ccer_used"], e["surplus"]) == (800_000, 190_000,
                                                                                            10_000, 0)
    assert (e["penalty_min"], e["penalty_max"]) == (0, 0)


def test_T19_penalty_range(tmp_path, capsys):
    # shortfall 10 000 t at 90 CNY/t: 4.5-9.0 million (china-addendum §3 worked example)
    # 2024: 0.7910 x 1 000 000 = 791 000 >= 80 % of 801 000, no top-up; surplus 791 000 - 801 000 = -10 000
    _, e = one_unit(tmp_path, capsys, ["U1", "F1", "I", 1_000_000, None, None, 0.9, None, None, 801_000], year=2024)
    assert (e["top_up"], e["surplus"]) == (0, -10_000)
    assert (e["penalty_min"], e["penalty_max"]) == (4_500_000, 9_000_000)


# ----------------------------------------------------------------------------- verified emissions from lines

LINES = [["facility", "source", "item", "quantity", "unit", "ncv", "ncv_unit", "carbon_content", "oxidation_rate",
          "ef_co2e", "ef_unit", "ets_unit [配额机组]"],
         ["F1", "stationary_combustion", "烟煤", 1000, "t", 20, "GJ/t", 0.0275, 100, None, None, "U1"],
         ["F1", "purchased_electricity", None, 10_000, "MWh", None, None, None, None, 0.5, "t CO2/MWh", "U1"],
         ["F1", "stationary_combustion", "烟煤", 1000, "t", 20, "GJ/t", 0.0275, 100, None, None, "U2"]]


@pytest.mark.parametrize("year, expected", [
    # coal: 1000 t x 20 GJ/t x 0.0275 tC/GJ x 100 % x 44/12 = 2 016.67 t; electricity 10 000 MWh x 0.5 = 5 000 t
    (2021, 1000 * 20 * 0.0275 * 44 / 12 + 5_000),  # 2021-2022 boundary: direct + purchased electricity
    (2023, 1000 * 20 * 0.0275 * 44 / 12),  # from 2023: direct only
])
def test_verified_emissions_from_marked_lines_by_the_years_boundary(tmp_path, capsys, year, expected):
    ets = [HEAD_EN, ["U1", "F1", "I", 100_000, 90_000, None, 0.9, "water", None, None],
           ["U2", "F1", "II", 100_000, 90_000, None, 0.9, "water", None, 5_000]]
    data = ets_json(book(tmp_path, ets, case_rows(year), LINES), capsys)
    u1, u2 = data["units"]
    assert u1["verified_emissions"] == pytest.approx(expected, abs=1e-6)
    assert u2["verified_emissions"] == 5_000  # given: the sheet's verified emissions win over its lines
    assert data["entity"]["verified_emissions"] == pytest.approx(expected + 5_000, abs=1e-6)


# ----------------------------------------------------------------------------- bad ETS data

def _bad(tmp_path, capsys, path, cell, en, zh):
    before = set(os.listdir(tmp_path))
    for lang, words in (("en", en), ("zh", zh)):
        capsys.readouterr()
        assert main(["--lang", lang, "ets", str(path), "--json"]) == 2
        out = capsys.readouterr()
        assert out.out == "" and "Traceback" not in out.err
        lines = [t for t in out.err.splitlines() if t.startswith(cell + (":" if lang == "en" else "："))]
        assert lines and all(w in lines[0] for w in words), out.err
    assert set(os.listdir(tmp_path)) == before  # nothing written


ROW = ["U1", "F1", "I", 1_000_000, None, None, 0.9, None, None, 900_000]


@pytest.mark.parametrize("change, year, cell, en, zh", [
    ({2: "coal"}, 2023, "ETS!C2", ["class", "coal"], ["机组类别", "coal"]),
    ({3: -100}, 2023, "ETS!D2", ["generation", "negative"], ["发电量", "负"]),
    ({4: 1_200_000}, 2023, "ETS!E2", ["supply", "1,200,000", "more than generation"], ["供电量", "大于发电量"]),
    ({6: "120%"}, 2023, "ETS!G2", ["load_factor", "120%"], ["负荷率", "120%"]),
    ({4: 900_000, 7: "water", 8: 0.3}, 2021, "ETS!I2", ["heat_ratio", "heat"], ["供热比", "供热量"]),
    ({4: 900_000, 5: 100, 7: "water", 8: "150%"}, 2021, "ETS!I2", ["heat_ratio", "150%"], ["供热比", "150%"]),
    ({3: "1000000 MWh"}, 2023, "ETS!D2", ["generation", "not a number"], ["发电量", "不是数字"]),
    ({6: None}, 2023, "ETS!G2", ["U1", "load_factor", "2023"], ["U1", "负荷率", "2023"]),
])
def test_bad_ets_cells_exit_2_located_in_either_language(tmp_path, capsys, change, year, cell, en, zh):
    row = list(ROW)
    for i, v in change.items():
        row[i] = v
    _bad(tmp_path, capsys, book(tmp_path, [HEAD_EN, row], case_rows(year)), cell, en, zh)


def test_a_unit_listed_twice(tmp_path, capsys):
    path = book(tmp_path, [HEAD_EN, ROW, ROW])
    _bad(tmp_path, capsys, path, "ETS!A3", ["U1", "twice", "row 2"], ["U1", "重复", "第 2 行"])


def test_an_ets_unit_in_activities_naming_no_unit(tmp_path, capsys):
    acts = [r[:5] + [r[-1]] for r in LINES[:2]]
    acts[1][-1] = "U9"
    path = book(tmp_path, [HEAD_EN, ROW], activities=[["facility", "source", "item", "quantity", "unit", "ets_unit"],
                                                      acts[1]])
    _bad(tmp_path, capsys, path, "Activities!F2", ["U9", "ETS sheet", "U1"], ["U9", "配额表", "U1"])


def test_an_ets_year_no_plan_covers(tmp_path, capsys):
    # located at the key's cell: ets_year is the 5th row of the Case sheet, its value in column B
    _bad(tmp_path, capsys, book(tmp_path, [HEAD_EN, ROW], case_rows(2030)), "Case!B5",
         ["2030", "2019-2026"], ["2030", "2019-2026"])
    _bad(tmp_path, capsys, book(tmp_path, [HEAD_EN, ROW], case_rows(2018)), "Case!B5",
         ["ets_year", "2018"], ["配额年度", "2018"])


def test_an_ets_sheet_without_ets_year(tmp_path, capsys):
    path = book(tmp_path, [HEAD_EN, ROW], case_rows(None, price=90))
    _bad(tmp_path, capsys, path, "Case", ["ets_year", "ETS sheet"], ["配额年度", "配额表"])


@pytest.mark.parametrize("ets", [None, [HEAD_EN]])
def test_an_ets_year_without_an_ets_sheet(tmp_path, capsys, ets):
    path = book(tmp_path, ets, case_rows(2023))
    _bad(tmp_path, capsys, path, "Case!B5", ["ets_year", "2023", "no ETS"], ["配额年度", "2023", "配额表"])


# ----------------------------------------------------------------------------- the Abatement sheet

ABATEMENT_HEAD = ["measure [措施]", "tonnes [年减排量]", "cost_per_t [单位减排成本]", "capital [初始投资]",
                  "operating [年运行成本]", "lifetime [使用年限]", "rate [折现率]"]


def test_an_abatement_sheet_with_both_cost_forms_is_read(tmp_path, capsys):
    path = book(tmp_path, [HEAD_EN, ROW], 减排措施=[ABATEMENT_HEAD, ["LED", 100, -50],
                                                 ["Boiler", "2,000", None, "1,000,000", 20_000, 10, "8%"]])
    assert ets_json(path, capsys)["entity"]["verified_emissions"] == 900_000


@pytest.mark.parametrize("row, cell, en, zh", [
    (["a", 100], "Abatement!C2", ["no cost given"], ["未给出成本"]),
    (["a", 100, None, 1000, 10], "Abatement!F2", ["lifetime", "capital"], ["使用年限", "初始投资"]),
    (["a", 100, None, None, 10], "Abatement!F2", ["lifetime"], ["使用年限"]),
    (["a", 100, None, 1000, 10, -5], "Abatement!F2", ['"-5"', "years"], ["“-5”", "年数"]),
    (["a", 0, 5], "Abatement!B2", ['"0"', "more than 0"], ["“0”", "大于 0"]),
    (["a", "100 t", 5], "Abatement!B2", ['"100 t"'], ["“100 t”"]),
    (["a", 100, 5, 1000, None, 10], "Abatement!C2", ["two costs"], ["两种成本"]),
    ([None, 100, 5], "Abatement!A2", ["empty"], ["为空"]),
])
def test_bad_abatement_rows_exit_2_located(tmp_path, capsys, row, cell, en, zh):
    heads = ["measure", "tonnes", "cost_per_t", "capital", "operating", "lifetime", "rate"]
    path = book(tmp_path, [HEAD_EN, ROW], Abatement=[heads, row])
    _bad(tmp_path, capsys, path, cell, en, zh)
