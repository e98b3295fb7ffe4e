"""The bundled exercises (resources/exercises/): each key checked by a hand calculation.

The expected figures below are written out by hand from the documents of each exercise
(the quantities a trainee finds) and the published parameters of the factor library's
source documents, not taken from the engine: e.g. the coal of the Wuhan exercise is
1,862.40 t (its coal ledger) × 21.85 GJ/t (its lab report) × 26.18 tC/TJ × 93 % × 44/12
(the NDRC guideline family's default table, the "other industries" sector's).  The engine must give the same figure for each key
line, and each document must add up to the key's quantity.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from carbonmgr.common.paths import exercises_dir
from carbonmgr.inventory.engine import compute

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("wuhan_manufacturing", "cement_plant", "coal_power_plant", "office_services", "coal_power_ets")
C = 44 / 12  # t CO2 per t C
MILE = 1.609344  # km per statute mile


def _script():
    spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "tools" / "make_exercises.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def path(name: str) -> Path:
    return exercises_dir() / f"{name}.xlsx"


@functools.lru_cache(maxsize=None)
def exercise(name: str, **values):
    """The exercise (its variables at their values, or at ``values``)."""
    from carbonmgr.training.exercise import instantiate, read_exercise

    ex = read_exercise(path(name))
    return instantiate(ex, values) if values else ex


def key_lines(name: str, **values) -> dict[int, float]:
    """t CO2e of each activity line of the key, by row (the variables at ``values``)."""
    inv = compute(exercise(name, **values).key)
    return {x["row"]: x["tco2e"] for x in inv.lines() if "sheet" not in x}, inv


def sheet_values(name: str, sheet: str, **values) -> list[tuple]:
    """The cells of a sheet; a source document as the trainee sees it (its placeholders filled in
    with the variables' values)."""
    doc = exercise(name, **values).document(sheet)
    if doc is not None:
        return [tuple(row) for row in doc.rows]
    wb = openpyxl.load_workbook(path(name), read_only=True, data_only=True)
    try:
        return [tuple(row) for row in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def column(rows: list[tuple], header_part: str, first: int, last: int) -> list:
    """Values of the column whose header (the row above ``first``) contains header_part, rows
    first..last (1-based spreadsheet rows)."""
    for col, v in enumerate(rows[first - 2]):
        if isinstance(v, str) and header_part in v:
            return [rows[n - 1][col] for n in range(first, last + 1)]
    raise AssertionError(f"no column {header_part!r}")


# ------------------------------------------------------------------------------ the files
def test_the_four_exercises_are_installed():
    assert sorted(p.stem for p in exercises_dir().glob("*.xlsx")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_workbook_matches_its_script(tmp_path, name):
    """The committed .xlsx holds exactly the cell values tools/make_exercises.py writes."""
    _script().write_all(tmp_path)
    fresh = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")
    committed = openpyxl.load_workbook(path(name))
    assert fresh.sheetnames == committed.sheetnames
    for ws in fresh.worksheets:
        a = [[c for c in row] for row in ws.iter_rows(values_only=True)]
        b = [[c for c in row] for row in committed[ws.title].iter_rows(values_only=True)]
        assert a == b, f"{name}: sheet {ws.title} differs; run python tools/make_exercises.py"


@pytest.mark.parametrize("name", NAMES)
def test_trainer_sheets_are_complete_in_both_languages(name):
    brief = sheet_values(name, "Brief")
    assert [h.split(" ")[0] for h in brief[0]] == ["key", "zh", "en", "value"]
    keys = [r[0] for r in brief[1:]]
    for k in ("title", "story", "task"):
        assert k in keys
    for key, zh, en, _value in brief[1:]:
        if key in ("title", "story", "task"):
            assert zh and en and any("\u4e00" <= ch <= "\u9fff" for ch in zh) and en.isascii() is not None
    settings = {r[0]: r[3] for r in brief[1:] if r[0] in ("time_limit", "hand_calculation", "mode")}
    assert settings["mode"] == "practice" and settings["hand_calculation"] in ("yes", "no")
    assert isinstance(settings["time_limit"], int) and settings["time_limit"] > 0
    docs = sheet_values(name, "Documents")
    assert [h.split(" ")[0] for h in docs[0]] == ["sheet", "title", "title_en", "kind"]
    kinds = {"fuel_ledger", "power_bill", "heat_meter", "refrigerant_log", "production_records",
             "travel_records", "invoices", "lab_report", "other"}
    wb = openpyxl.load_workbook(path(name), read_only=True)
    try:
        for sheet, title, title_en, kind in docs[1:]:
            assert sheet in wb.sheetnames and title and title_en and kind in kinds
            assert any("\u4e00" <= ch <= "\u9fff" for ch in title) and title_en.isascii()
    finally:
        wb.close()
    assert len(docs) - 1 >= 4


@pytest.mark.parametrize("name", NAMES)
def test_facility_names_are_in_one_language(name):
    """A facility has one name (a case holds no name per language; the firms are Chinese): the
    Chinese one, with no English words beside it (units such as MW or t/d may stand in it). The
    trainee starts from the same facilities (Given), so the key's names are what grading matches."""
    import re

    ex = exercise(name)
    names = [f.name for f in ex.key.facilities]
    assert names and [f.name for f in ex.starting_case().facilities] == names
    for facility in names:
        assert re.search(r"[\u4e00-\u9fff]", facility) and not re.search(r"[A-Za-z]{3,}", facility), facility


@pytest.mark.parametrize("name", NAMES)
def test_evidence_cells_hold_the_key_figures(name):
    """Where a key line names a document cell as its evidence, that cell holds its figure."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    ex = exercise(name)
    acts = ex.key.activities
    for i in range(len(acts)):
        opts = {k: v[i] for k, v in acts.options.items()}
        ev = opts.get("evidence") or ""
        for ref in [p.strip() for p in ev.split(";") if "!" in p]:
            sheet, cell = ref.split("!")
            letters, row = coordinate_from_string(cell)
            value = ex.document(sheet).rows[row - 1][column_index_from_string(letters) - 1]
            figures = {acts.quantity[i]} | {v for k, v in opts.items() if isinstance(v, (int, float))}
            figures |= {f * k for f in list(figures) for k in (100, 1000, 1e4)}  # %, t -> kg, 10^4 Nm3 -> Nm3
            assert any(value == pytest.approx(f, rel=1e-9) for f in figures), (name, ref, value)


@pytest.mark.parametrize("name", NAMES)
def test_each_exercise_passes_carbonmgr_calc_and_grades_itself_to_100(name):
    """`carbonmgr calc` computes each key; a key whose numbers are expressions of its variables
    (`{{...}}`) is computed at the values of its Variables sheet, as the grader reads it.
    `carbonmgr grade` of the key itself scores 100 either way."""
    from carbonmgr.inventory.engine import compute

    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", CARBONMGR_LANG="")
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "calc", str(path(name)), "--json"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in res.stderr
    assert res.returncode == 0, res.stderr
    total = json.loads(res.stdout)["totals"]["total"]
    assert total > 0 and total == pytest.approx(compute(exercise(name).key).totals["total"], abs=1e-6)
    res = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key", str(path(name)), str(path(name)),
                          "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    (graded,) = json.loads(res.stdout)
    assert graded["score"] == 100 and graded["findings"] == [] and "error" not in graded


# ------------------------------------------------------------------------------ hand calculations
def test_wuhan_manufacturing_by_hand():
    """GB/T 32150, SAR, sector "other industries": fuel defaults of the NDRC guideline family's table
    (bituminous coal 26.18 tC/TJ, 93 %; natural gas 389.31 GJ/10^4 Nm3, 15.30 tC/TJ, 99 %; diesel
    42.652 GJ/t, 20.20 tC/TJ, 98 %), CaCO3 0.4397 t/t (the family's carbonate factor); Hubei 2023 grid
    factor 0.4044 t/MWh (MEE/NBS 2023 electricity CO2 factors); heat 0.11 t/GJ; R-410A = 50 % HFC-32
    (SAR 650) + 50 % HFC-125 (SAR 2800)."""
    lines, inv = key_lines("wuhan_manufacturing")
    coal = 1862.40 * 21.85 * 0.02618 * 0.93 * C          # ledger E17 (burned, not received) × lab Qnet,ar
    gas = 48.63 * 389.310 * 0.01530 * 0.99 * C           # 486,300 Nm3 billed (not the metered line volume)
    diesel = 14.360 * 42.652 * 0.02020 * 0.98 * C        # forklifts only: 14,360 kg (the carrier's trucks are not ours)
    power = 12_000 * 0.4044                              # billed kWh, not the meter-read kWh
    steam = 3420 * 0.11
    exported = -1580 * 0.11                              # heat meter: 16,810.0 − 15,230.0 GJ
    r410a = 0.0286 * (0.5 * 650 + 0.5 * 2800)            # top-ups 6.5 + 9.8 + 7.2 + 5.1 kg; not the new unit's charge
    limestone = 64.0 * 0.935 * 0.4397
    expected = [coal, gas, diesel, power, steam, exported, r410a, limestone]
    # R-410A is in the equipment register (simplified material balance: 18 kg charged into the new unit,
    # its capacity 18 kg, recharge 28.6 kg), the other sources are activity lines (rows 2-8)
    (register,) = inv.extra_lines
    assert (register["sheet"], register["row"], register["quantity"]) == ("Equipment", 2, pytest.approx(0.0286))
    assert [lines[r] for r in range(2, 9)] + [register["tco2e"]] == pytest.approx(
        [coal, gas, diesel, power, steam, exported, limestone, r410a], rel=1e-9)
    assert coal == pytest.approx(3632.86, abs=0.01) and gas == pytest.approx(1051.47, abs=0.01)
    assert inv.totals["total"] == pytest.approx(sum(expected), rel=1e-9)
    assert inv.totals["scope1"] == pytest.approx(coal + gas + diesel + r410a + limestone, rel=1e-9)

    ledger = sheet_values("wuhan_manufacturing", "煤炭台账")
    assert sum(column(ledger, "Burned", 5, 16)) == pytest.approx(1862.40)
    assert ledger[16][4] == pytest.approx(1862.40)  # the total row
    assert sum(column(ledger, "Received (weighbridge)", 5, 16)) != pytest.approx(1862.40)  # the distractor
    gasbill = sheet_values("wuhan_manufacturing", "天然气结算单")
    assert sum(column(gasbill, "Billed volume", 5, 16)) == 486_300
    diesel_log = sheet_values("wuhan_manufacturing", "柴油领用记录")
    assert sum(r[3] for r in diesel_log[3:27] if r[1] and r[1].startswith("仓储部")) == 14_360
    bills = sheet_values("wuhan_manufacturing", "电费账单")
    assert sum(column(bills, "Billed", 5, 16)) == 12_000_000
    meter = sheet_values("wuhan_manufacturing", "外供热计量")
    assert meter[15][2] - meter[3][2] == pytest.approx(1580)
    log = sheet_values("wuhan_manufacturing", "制冷剂维保记录")
    assert sum(r[4] for r in log[2:9] if r[3].startswith("补充加注")) == pytest.approx(28.6)


def test_cement_plant_by_hand():
    """Clinker 0.535 t/t and carbide-slag deduction 0.480 t/t (MEE cement guideline 2024,
    CETS-AG-02.01-V01-2024); coal: lab-weighted Qnet,ar with the family table's 26.18 tC/TJ and 93 %
    (the cement sector takes the family table until its guideline's own is in the library); diesel
    the family table's defaults; Hubei 2023 grid 0.4044."""
    lines, inv = key_lines("cement_plant")
    clinker = 1_612_700 * 0.535
    slag = -48_600 * 0.480
    coal = 197_172.0 * 22.51 * 0.02618 * 0.93 * C
    diesel = 404.6 * 42.652 * 0.02020 * 0.98 * C
    power = 112_751.2 * 0.4044                         # purchased only: total use − waste-heat generation
    expected = [clinker, slag, coal, diesel, power]
    assert [lines[r] for r in range(2, 7)] == pytest.approx(expected, rel=1e-9)
    assert clinker + slag == pytest.approx(839_466.5, abs=0.01)
    assert inv.totals["total"] == pytest.approx(sum(expected), rel=1e-9)

    prod = sheet_values("cement_plant", "生产月报")
    assert sum(column(prod, "Clinker", 5, 16)) == 1_612_700
    assert sum(column(prod, "Carbide slag", 5, 16)) == 48_600
    coal_rows = sheet_values("cement_plant", "入窑煤计量")
    assert sum(column(coal_rows, "Total fed", 5, 16)) == pytest.approx(197_172.0)
    lab = sheet_values("cement_plant", "煤质月报")
    t = column(lab, "Coal fed", 4, 15)
    n = column(lab, "Qnet,ar (GJ/t)", 4, 15)
    assert sum(a * b for a, b in zip(t, n)) / sum(t) == pytest.approx(22.51, abs=0.005)
    bal = sheet_values("cement_plant", "电量平衡表")
    total, whr = column(bal, "Total use", 5, 16), column(bal, "Waste-heat", 5, 16)
    assert sum(total) - sum(whr) == pytest.approx(112_751.2)


def test_coal_power_plant_by_hand():
    """Element-carbon method of the power guideline: FC × C_ar × OF (99 % for coal) × 44/12, C_ar the
    annual value weighted by coal burned; diesel the family table's defaults; purchased electricity × 0.5703 t/MWh
    (2022 national grid average, MEE notice on 2023–2025 power-sector reporting)."""
    lines, inv = key_lines("coal_power_plant")
    coal = 2_908_445.1 * 0.5387 * 0.99 * C
    diesel = 420.9 * 42.652 * 0.02020 * 0.98 * C
    power = 2311.1 * 0.5703
    expected = [coal, diesel, power]
    assert [lines[r] for r in range(2, 5)] == pytest.approx(expected, rel=1e-9)
    assert inv.totals["total"] == pytest.approx(sum(expected), rel=1e-9)

    lab = sheet_values("coal_power_plant", "煤质化验汇总")
    t = column(lab, "Coal (t)", 5, 16)
    c_ar = column(lab, "Car", 5, 16)
    assert sum(t) == pytest.approx(2_908_445.1)
    assert sum(a * b for a, b in zip(t, c_ar)) / sum(t) / 100 == pytest.approx(0.5387, abs=0.00005)
    c_ad, m_ad, m_t = column(lab, "Cad", 5, 16), column(lab, "Mad", 5, 16), column(lab, "Mt (%)", 5, 16)
    for ad, mad, mt, ar in zip(c_ad, m_ad, m_t, c_ar):  # the basis conversion printed on the report holds
        assert ad * (100 - mt) / (100 - mad) == pytest.approx(ar, abs=0.01)
    ledger = sheet_values("coal_power_plant", "入炉煤台账")
    assert sum(column(ledger, "Coal burned", 5, 16)) == pytest.approx(2_908_445.1)
    grid = sheet_values("coal_power_plant", "购网电量结算单")
    assert sum(column(grid, "Drawn from grid", 5, 16)) == pytest.approx(2311.1)


def test_office_services_by_hand():
    """GHG Protocol, AR5 (CH4 28, N2O 265; R-410A = 0.5 × 677 + 0.5 × 3170); Shanghai 2023 grid
    0.5737 t/MWh; market-based: 150 redeemed certificates at 0, the rest at the grid average (no
    residual mix published, disclosed by a warning); EPA 2025 Table 10 per passenger-mile
    (car per vehicle-mile)."""
    lines, inv = key_lines("office_services")

    def epa(km, co2_kg, ch4_g, n2o_g):
        mi = km / MILE
        return mi * (co2_kg / 1000 + ch4_g / 1e6 * 28 + n2o_g / 1e6 * 265)

    r410a = 0.0052 * (0.5 * 677 + 0.5 * 3170)               # own split ACs only, not the landlord's chiller
    power = 398.4 * 0.5737                                  # sub-metered kWh, not the common-area share
    short = epa(2 * 2 * 400, 0.207, 0.0064, 0.0066)        # SHA–HFE (249 mi) twice, return
    medium = epa(2 * (1178 + 1215 + 690 + 1178) + 1700, 0.129, 0.0006, 0.0041)
    long_ = epa(2 * 2 * 8890 + 2 * 3800, 0.163, 0.0006, 0.0052)  # PVG–SIN 3,800 km = 2,361 mi: long haul
    car = epa((18 * 4 + 22 * 3 + 26 * 4 / 2 * 2 + 14 * 5) * 2 * 46, 0.297, 0.0059, 0.0053)
    bus = epa((12.5 * 5 + 15 * 5 + 9.5 * 4 + 30 * 3 + 11 * 5) * 2 * 46, 0.066, 0.0046, 0.0019)
    laptops = 32 * 0.280                                    # supplier's declared 280 kg CO2e per unit
    expected = [r410a, power, short, medium, long_, car, bus, laptops]
    assert [lines[r] for r in range(2, 10)] == pytest.approx(expected, rel=1e-9)
    assert inv.totals["scope1"] == pytest.approx(r410a, rel=1e-9)
    assert inv.totals["scope2_location"] == pytest.approx(power, rel=1e-9)
    assert inv.totals["scope2_market"] == pytest.approx((398.4 - 150) * 0.5737, rel=1e-9)
    assert inv.totals["scope3"] == pytest.approx(short + medium + long_ + car + bus + laptops, rel=1e-9)

    bill = sheet_values("office_services", "物业电费分摊单")
    assert sum(column(bill, "Sub-metered", 5, 16)) == 398_400
    certs = sheet_values("office_services", "绿证清单")
    assert sum(r[3] for r in certs[3:6] if r[4].startswith("已核销")) == 150


@pytest.mark.parametrize("name", NAMES)
def test_each_exercise_reads_as_an_exercise(name):
    """The trainer's reader accepts each workbook; the trainee starts with the facilities and the
    documents, and no line of the key."""
    from carbonmgr.training.exercise import read_exercise

    ex = read_exercise(path(name))
    assert ex.mode == "practice" and not ex.hand_calculation
    for lang in ("zh", "en"):
        assert ex.brief.text("title", lang) and ex.brief.text("story", lang) and ex.brief.text("task", lang)
    start = ex.starting_case()
    key = ex.key
    assert [f.id for f in start.facilities] == [f.id for f in key.facilities]
    assert len(start.activities) == 0 and not start.instruments
    assert list(start.documents) == [d.sheet for d in ex.documents]
    assert {"Brief", "Documents", "Given", "Case", "Activities"}.isdisjoint(start.documents)


# ------------------------------------------------------------------------------ solved end to end
def _doc(name: str, sheet: str) -> list[tuple]:
    return sheet_values(name, sheet)


def _submission(name: str, lines: list[tuple], instruments=()):
    """A trainee's case: the key's settings and facilities (what the brief asks for), the lines
    built from the documents as a trainee would enter them (by month, in the documents' units)."""
    import copy

    from carbonmgr.inventory.model import Activity, ActivityTable, CaseData, Instrument

    key = exercise(name).key
    info = copy.deepcopy(key.info)
    info.title = "my work"
    acts = ActivityTable.from_lines(Activity(n + 2, fac, src, item, qty, unit, dict(opts))
                                    for n, (fac, src, item, qty, unit, opts) in enumerate(lines))
    ins = [Instrument(fac, typ, q, ef, row=n + 2) for n, (fac, typ, q, ef) in enumerate(instruments)]
    return CaseData(info=info, facilities=copy.deepcopy(key.facilities), activities=acts, instruments=ins)


def _grade(name: str, case):
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.grading import grade

    return grade(read_exercise(path(name)), case, "en")


def _wuhan_work(doc=None) -> list[tuple]:
    """The Wuhan exercise solved from its documents (``doc(sheet)``: a variant's, e.g. from its exam
    package; by default the bundled exercise's)."""
    n = "wuhan_manufacturing"
    doc = doc or (lambda sheet: _doc(n, sheet))
    coal = doc("煤炭台账")
    gas = doc("天然气结算单")
    diesel = doc("柴油领用记录")
    bills = doc("电费账单")
    steam = doc("蒸汽结算单")
    meter = doc("外供热计量")
    log = doc("制冷剂维保记录")
    lime = doc("石灰石采购及化验")
    lines = [("F1", "stationary_combustion", "烟煤", t, "t", {"ncv": 21.85, "ncv_unit": "GJ/t"})
             for t in column(coal, "Burned", 5, 16)]
    lines += [("F1", "stationary_combustion", "天然气", m3, "Nm3", {}) for m3 in column(gas, "Billed volume", 5, 16)]
    lines += [("F1", "mobile_combustion", "柴油", r[3], "kg", {}) for r in diesel[3:27] if r[1].startswith("仓储部")]
    lines += [("F1", "purchased_electricity", "", k, "kWh", {}) for k in column(bills, "Billed", 5, 16)]
    lines += [("F1", "purchased_heat", "", gj, "GJ", {}) for gj in column(steam, "Heat (GJ)", 5, 16)]
    lines += [("F1", "exported_heat", "", meter[15][2] - meter[3][2], "GJ", {})]
    lines += [("F1", "fugitive", "R-410A", r[4], "kg", {}) for r in log[2:9] if r[3].startswith("补充加注")]
    lines += [("F1", "process", "石灰石", q, "t", {"purity": lime[11][4] / 100}) for q in (lime[3][1], lime[4][1])]
    return lines


def _cement_work() -> list[tuple]:
    n = "cement_plant"
    prod = _doc(n, "生产月报")
    coal = _doc(n, "入窑煤计量")
    lab = _doc(n, "煤质月报")
    fuel = _doc(n, "矿山油耗")
    bal = _doc(n, "电量平衡表")
    lines = [("F1", "process", "熟料", t, "t", {}) for t in column(prod, "Clinker", 5, 16)]
    lines += [("F1", "process", "电石渣", t, "t", {}) for t in column(prod, "Carbide slag", 5, 16)]
    lines += [("F1", "stationary_combustion", "烟煤", coal[16][3], "t", {"ncv": lab[15][2], "ncv_unit": "GJ/t"})]
    lines += [("F1", "mobile_combustion", "柴油", t * 1000, "kg", {}) for t in column(fuel, "Diesel (t)", 5, 16)]
    lines += [("F1", "purchased_electricity", "", (t - w) * 1000, "kWh", {})
              for t, w in zip(column(bal, "Total use", 5, 16), column(bal, "Waste-heat", 5, 16))]
    return lines


def _power_work() -> list[tuple]:
    n = "coal_power_plant"
    ledger = _doc(n, "入炉煤台账")
    lab = _doc(n, "煤质化验汇总")
    oil = _doc(n, "燃油台账")
    grid = _doc(n, "购网电量结算单")
    return [("F1", "stationary_combustion", "烟煤", ledger[16][1] / 10_000, "万吨",
             {"carbon_element": lab[16][6], "ncv": lab[16][5], "ncv_unit": "GJ/t"}),
            ("F1", "stationary_combustion", "柴油", oil[16][2], "t", {}),
            ("F1", "purchased_electricity", "grid_cn", grid[16][2] * 1000, "kWh", {})]


def _office_work() -> tuple[list[tuple], list[tuple]]:
    n = "office_services"
    bill = _doc(n, "物业电费分摊单")
    flights = _doc(n, "差旅行程单")
    survey = _doc(n, "通勤调查")
    ac = _doc(n, "空调维保单")
    certs = _doc(n, "绿证清单")
    lines = [("F1", "fugitive", "R-410A", r[3], "kg", {}) for r in ac[2:5] if "自有" in r[1]]
    lines += [("F1", "purchased_electricity", "", k, "kWh", {}) for k in column(bill, "Sub-metered", 5, 16)]
    for _date, _who, _route, _cls, km, trip in flights[3:13]:
        miles = km / MILE
        item = ("travel_air_short_haul" if miles < 300 else "travel_air_medium_haul" if miles < 2300
                else "travel_air_long_haul")
        lines.append(("F1", "scope3", item, km * (2 if trip.startswith("往返") else 1), "passenger-km",
                      {"scope3_category": 6}))
    for _sid, km, mode, days, people in survey[2:14]:
        if mode.startswith("私家车"):
            lines.append(("F1", "scope3", "travel_passenger_car", km * 2 * days * 46 / people, "vehicle-km",
                          {"scope3_category": 7}))
        elif mode.startswith("公交"):
            lines.append(("F1", "scope3", "travel_bus", km * 2 * days * 46, "passenger-km", {"scope3_category": 7}))
    lines.append(("F1", "scope3", "笔记本电脑 laptop", 32, "unit",
                  {"scope3_category": 1, "ef_co2e": 280, "ef_unit": "kg/unit"}))
    instruments = [("F1", "GEC", r[3], 0.0) for r in certs[3:6] if r[4].startswith("已核销")]
    return lines, instruments


def test_each_exercise_solved_from_its_documents_scores_100():
    """A correct trainee's work, built from the documents as a trainee would enter it (month by
    month, in the documents' units, items by their Chinese names), scores 100 with no finding."""
    for name, lines, instruments in (("wuhan_manufacturing", _wuhan_work(), ()),
                                     ("cement_plant", _cement_work(), ()),
                                     ("coal_power_plant", _power_work(), ()),
                                     ("office_services", *_office_work())):
        result = _grade(name, _submission(name, lines, instruments))
        assert [f.text("en") for f in result.findings] == [], name
        assert result.score == 100, name


def test_the_documents_distractors_are_findings():
    """Taking the distractor instead of the figure costs points: coal received instead of burned,
    the common-area electricity added to the tenant's own."""
    n = "wuhan_manufacturing"
    lines = _wuhan_work()
    coal = _doc(n, "煤炭台账")
    received = [("F1", "stationary_combustion", "烟煤", t, "t", {"ncv": 21.85, "ncv_unit": "GJ/t"})
                for t in column(coal, "Received (weighbridge)", 5, 16)]
    wrong = received + [ln for ln in lines if ln[2] != "烟煤"]
    result = _grade(n, _submission(n, wrong))
    assert [f.kind for f in result.findings] == ["wrong_quantity"] and result.score < 100

    lines, instruments = _office_work()
    bill = _doc("office_services", "物业电费分摊单")
    common = [("F1", "purchased_electricity", "", k, "kWh", {}) for k in column(bill, "Common-area share", 5, 16)]
    result = _grade("office_services", _submission("office_services", lines + common, instruments))
    assert [f.kind for f in result.findings] == ["wrong_quantity"] and result.score < 100
