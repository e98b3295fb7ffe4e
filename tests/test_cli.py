"""The command line, run as a user would (a subprocess), on real files."""
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from carbonmgr.facade import demo_path
from carbonmgr.io.workbook import read_case, write_case

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "resources" / "demo"))
import make_demo  # noqa: E402


def run(*args, lang_env="en_US.UTF-8", cwd=None):
    env = dict(os.environ, LANG=lang_env, LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    return subprocess.run([sys.executable, "-m", "carbonmgr", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def _case_fingerprint(case):
    acts = case.activities
    return (
        case.info, [(f.id, f.name, f.region, f.equity_share, f.financial_control, f.operational_control)
                    for f in case.facilities],
        acts.row, acts.facility, acts.source, acts.item, acts.quantity, acts.unit,
        {k: v for k, v in acts.options.items()},
        [(i.facility, i.type, i.quantity, i.ef) for i in case.instruments],
        [(e.facility, e.method, e.refrigerant, e.equipment, e.values) for e in case.equipment],
        case.documents,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_demo_matches_its_script(tmp_path, lang):
    fresh = tmp_path / f"demo_{lang}.xlsx"
    write_case(make_demo.as_typed(lang), fresh, lang=lang)
    assert _case_fingerprint(read_case(fresh)) == _case_fingerprint(read_case(demo_path(lang)))


def test_calc_demo_text_and_json_agree():
    text = run("calc", "demo-en")
    assert text.returncode == 0, text.stderr
    assert "Scope 2, market-based" in text.stdout and "NDRC steel-producer guideline (2013), fuel defaults (secondary source)" in text.stdout
    out = run("calc", "demo-en", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["standard"] == "gbt32150" and data["gwp"] == "SAR" and data["reporting_year"] == 2023
    totals = data["totals"]
    assert set(totals) >= {"total", "scope1", "scope2_location", "scope2_market", "scope3", "exported",
                           "biogenic_co2"}
    lines = data["lines"]
    # lines sum to totals (activity lines + equipment lines)
    s1 = sum(line["tco2e"] for line in lines if line["scope"] == 1)
    assert s1 == pytest.approx(totals["scope1"])
    in_total = sum(line["tco2e"] for line in lines if line["scope"] in (1, 2, None))
    assert in_total == pytest.approx(totals["total"])
    assert f"{totals['total']:,.0f}" in text.stdout  # whole tonnes under GB/T 32150
    first = lines[0]
    assert first["row"] == 2 and first["facility"] == "F1" and first["scope"] == 1
    assert first["trace"]["formula"] == "E = FC × NCV × CC × OF × 44/12"
    ncv = [i for i in first["trace"]["inputs"] if i["name"] == "NCV"][0]
    # an auto-parts maker names no sector: general industry, the NDRC 2013/2015 family table
    assert ncv["set"] == "cn_ndrc_2013" and ncv["status"] == "secondary" and "2013" in ncv["source"]


def test_calc_demo_in_chinese():
    out = run("--lang", "zh", "calc", "demo")
    assert out.returncode == 0, out.stderr
    assert "排放总量" in out.stdout and "武汉江城" in out.stdout


def _bad_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case"
    ws.append(["key", "value"])
    ws.append(["standard", "gbt32150"])
    ws.append(["reporting_year", 2023])
    fs = wb.create_sheet("Facilities")
    fs.append(["id", "name", "region"])
    fs.append(["F1", "Plant", "湖北"])
    acts = wb.create_sheet("Activities")
    acts.append(["facility", "source", "item", "quantity", "unit", "oxidation_rate"])
    acts.append(["F1", "stationary_combustion", "天然气", 10, "10^4 Nm3", None])
    acts.append(["F1", "stationary_combustion", "天然气", "about 100", "10^4 Nm3", None])
    acts.append(["F9", "stationary_combustion", "烟煤", 5, "t", 150])
    acts.append(["F1", "stationary_combustion", "unobtainium", 5, "t", None])
    acts.append(["F1", "purchased_electricity", "", 5, "t", None])
    wb.save(path)


def test_calc_bad_workbook_lists_every_problem_and_exits_2(tmp_path):
    bad = tmp_path / "bad.xlsx"
    _bad_workbook(bad)
    out = run("calc", str(bad))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert 'Activities!D3: quantity "about 100" is not a number' in out.stderr
    assert "Activities!A4" in out.stderr and "F9" in out.stderr
    assert "Activities!F4" in out.stderr
    zh = run("--lang", "zh", "calc", str(bad))
    assert zh.returncode == 2 and "不是数字" in zh.stderr


def test_calc_bad_items_and_units_named_by_cell(tmp_path):
    bad = tmp_path / "bad2.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case"
    ws.append(["key", "value"])
    ws.append(["standard", "ghgp"])
    ws.append(["reporting_year", 2023])
    wb.create_sheet("Facilities").append(["id"])
    wb["Facilities"].append(["F1"])
    acts = wb.create_sheet("Activities")
    acts.append(["facility", "source", "item", "quantity", "unit"])
    acts.append(["F1", "stationary_combustion", "unobtainium", 5, "t"])
    acts.append(["F1", "purchased_electricity", "", 5, "t"])
    acts.append(["F1", "stationary_combustion", "天然气", 5, "furlong"])
    wb.save(bad)
    out = run("calc", str(bad))
    assert out.returncode == 2, out.stdout
    assert 'Activities!C2: item "unobtainium" is not in the factor library' in out.stderr
    assert 'Activities!E3: unit "t" does not fit item' in out.stderr
    assert 'Activities!E4: unit "furlong" is not a known unit' in out.stderr


def test_import_writes_a_project_that_reopens_with_the_same_totals(tmp_path):
    target = tmp_path / "firm.carbon"
    out = run("import", str(demo_path("zh")), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.exists()
    again = run("import", str(demo_path("zh")), "-o", str(target))
    assert again.returncode == 2 and "--force" in again.stderr
    a = json.loads(run("calc", str(target), "--json").stdout)["totals"]
    b = json.loads(run("calc", str(demo_path("zh")), "--json").stdout)["totals"]
    assert a == pytest.approx(b)


def test_import_of_a_bad_workbook_writes_nothing(tmp_path):
    bad = tmp_path / "bad.xlsx"
    _bad_workbook(bad)
    target = tmp_path / "out.carbon"
    out = run("import", str(bad), "-o", str(target))
    assert out.returncode == 2
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_not_a_workbook_and_missing_file(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello, not a workbook")
    out = run("calc", str(fake))
    assert out.returncode == 2 and "Traceback" not in out.stderr and out.stderr.strip()
    missing = run("calc", str(tmp_path / "nope.xlsx"))
    assert missing.returncode == 2 and "nope.xlsx" in missing.stderr


def test_factors_search_shows_provenance():
    out = run("factors", "湖北", "--year", "2023")
    assert out.returncode == 0
    assert "0.4044" in out.stdout and "verified" in out.stdout and "生态环境部" in out.stdout
    data = json.loads(run("factors", "R-410A", "--json").stdout)
    assert data == [] or all("source" in row for row in data)
    js = json.loads(run("factors", "natural gas", "--set", "epa2025", "--json").stdout)
    assert js and all(r["set"] == "epa2025" and r["status"] for r in js)


def test_template_round_trip(tmp_path):
    target = tmp_path / "case.xlsx"
    out = run("template", str(target))
    assert out.returncode == 0, out.stderr
    case = read_case(target)
    assert case.info.standard in ("gbt32150", "ghgp", "iso14064")


def test_chinese_locale_switches_messages(tmp_path):
    out = run("calc", str(tmp_path / "none.xlsx"), lang_env="zh_CN.UTF-8")
    assert out.returncode == 2 and "找不到文件" in out.stderr


def test_streamed_json_equals_the_inventory_dict(tmp_path):
    """`calc --json` streams lines; the result is exactly Inventory.to_dict()."""
    import io

    from carbonmgr.facade import Workspace

    with Workspace.open(demo_path("zh")) as ws:
        inv = ws.compute()
        buf = io.StringIO()
        inv.write_json(buf)
        streamed = json.loads(buf.getvalue())
        assert streamed == json.loads(json.dumps(inv.to_dict(), ensure_ascii=False))


def test_unknown_item_suggests_the_closest_name(tmp_path):
    bad = tmp_path / "typo.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Case"
    ws.append(["key", "value"])
    ws.append(["standard", "gbt32150"])
    ws.append(["reporting_year", 2023])
    wb.create_sheet("Facilities").append(["id", "region"])
    wb["Facilities"].append(["F1", "湖北"])
    acts = wb.create_sheet("Activities")
    acts.append(["facility", "source", "item", "quantity", "unit"])
    acts.append(["F1", "stationary_combustion", "天燃气", 5, "10^4 Nm3"])
    acts.append(["F1", "fugitive", "R-41OA", 5, "kg"])
    wb.save(bad)
    en = run("calc", str(bad))
    assert en.returncode == 2
    assert 'Activities!C2: item "天燃气" is not in the factor library for Stationary combustion; did you mean "天然气"?' \
        in en.stderr
    assert 'did you mean "R-410A"?' in en.stderr
    zh = run("--lang", "zh", "calc", str(bad))
    assert "Activities!C2：品种“天燃气”不在因子库中（固定燃烧）；是否应为“天然气”？" in zh.stderr


def test_workbook_and_engine_problems_are_reported_together(tmp_path):
    """A quantity that is not a number does not hide an unknown item on another line."""
    bad = tmp_path / "bad.xlsx"
    _bad_workbook(bad)
    out = run("calc", str(bad))
    assert out.returncode == 2
    lines = [line for line in out.stderr.splitlines() if line.startswith("Activities!")]
    assert lines == [
        'Activities!D3: quantity "about 100" is not a number',
        lines[1],  # facility F9 unknown (row 4) — wording checked in the test above
        lines[2],  # oxidation rate out of range (row 4)
        'Activities!C5: item "unobtainium" is not in the factor library for Stationary combustion; '
        'give its own factor (ef_co2e with ef_unit) or a known name',
        'Activities!E6: unit "t" does not fit item "electricity": expected an energy (GJ, TJ, MWh, kWh, mmBtu)',
    ]
    assert lines[1].startswith("Activities!A4") and lines[2].startswith("Activities!F4")
    # calc writes nothing anyway: it does not say that it wrote nothing
    assert out.stderr.strip().endswith("5 problem(s) found.")
    # a command that writes a file says that it wrote none
    imported = run("import", str(bad), "-o", str(tmp_path / "bad.carbon"))
    assert imported.returncode == 2 and not (tmp_path / "bad.carbon").exists()
    assert imported.stderr.strip().endswith("5 problem(s) found; nothing was written.")
    assert run("--lang", "zh", "calc", str(bad)).stderr.strip().endswith("发现 5 个问题。")


@pytest.mark.skipif(os.name != "posix", reason="the file-size limit of a child process is a POSIX facility")
@pytest.mark.parametrize("args, name", [
    (["import", "demo", "-o", "out.carbon"], "out.carbon"),
    (["export", "demo", "-o", "out.xlsx"], "out.xlsx"),
    (["template", "out.xlsx"], "out.xlsx"),
    (["report", "demo", "-o", "out.pdf"], "out.pdf"),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_full_disk_is_one_clear_write_error_and_nothing_is_left(tmp_path, args, name, lang):
    """Issue 8, item 6: the disk fills up while a file is written (a file-size limit on the child
    process: every write past 10 kB fails, as on a full disk). The user reads one write error in
    their language: no 'internal error', no traceback after the message, no half-written or
    temporary file left, and a file that was there before is unchanged."""
    import resource
    import signal

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    before = b"the user's earlier file"
    (tmp_path / name).write_bytes(before)
    argv = [*args, "--force"]  # over the earlier file
    r = subprocess.run([sys.executable, "-m", "carbonmgr", "--lang", lang, *argv], capture_output=True, text=True,
                       cwd=tmp_path, preexec_fn=small_disk, timeout=180)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr and "内部错误" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert (tmp_path / name).read_bytes() == before
