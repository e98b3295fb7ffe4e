"""Engine trace notes are message ids with parameters: every note the engine writes has a
Chinese rendering, the JSON keeps each note's English text with its id beside it, and a
trace saved before notes had ids still shows its notes (input notes other than Notes are
GWP and factor provenance strings, shown as written)."""
import json

from conftest_helpers import Facility, Instrument, make_case

from carbonmgr.common.i18n import messages, trace_notes, translate
from carbonmgr.facade import Workspace, demo_path
from carbonmgr.inventory.engine import compute
from carbonmgr.inventory.notes import Note, note_text


def _case():
    return make_case(
        "gbt32150", "SAR",
        lines=[
            ("stationary_combustion", "wood", 10, "t", {"factor_set": "epa2025"}),
            ("stationary_combustion", "sub_bituminous_coal", 10, "t", {}),
            ("mobile_combustion", "gasoline", 100, "gal", {"factor_set": "epa2025"}),
            ("process", "石灰石", 10, "t", {}),
            ("process", "电石渣", 10, "t", {}),
            ("purchased_electricity", "", 100, "MWh", {}),
            ("stationary_combustion", "natural_gas", 1000, "kWh", {"factor_set": "desnz2024"}),
            ("scope3", "hotel_stay", 3, "room-night", {"factor_set": "desnz2024"}),
        ],
        facilities=[Facility("F1", "P", "湖北")],
        instruments=[Instrument("F1", "green_certificate", 10.0, 0.0)],
        reporting_year=2025,
    )


def _traces(inv):
    return [line["trace"] for line in inv.lines() if line.get("trace")]


def _all_traces():
    traces = _traces(compute(_case()))
    with Workspace.open(demo_path("zh")) as ws:
        traces += _traces(ws.compute())
    return traces


def test_engine_notes_are_ids_rendered_in_both_languages():
    traces = _all_traces()
    ids = {n["id"] for tr in traces for n in tr.get("note_ids", [])}
    assert len(ids) >= 6
    assert all(i.startswith("engine.note.") and i in messages() for i in ids)
    for tr in traces:
        en, zh = trace_notes(tr, "en"), trace_notes(tr, "zh")
        assert en == tr["notes"]  # the English text stays in the trace (the JSON output)
        assert len(zh) == len(en) and all(z != e for z, e in zip(zh, en))


def test_calc_notes_are_note_records():
    inv = compute(_case())
    notes = [n for g in inv.groups if g.calc for n in g.calc.notes]
    assert notes and all(isinstance(n, Note) for n in notes)
    green = [n for n in notes if n.id == "engine.note.green_power"]
    assert green and note_text(green[0], "en").startswith("green power ")
    assert note_text(green[0], "zh").startswith("绿色电力 ")


def test_json_output_keeps_english_notes_with_ids_beside_them():
    line = next(json.loads(text) for text in compute(_case()).iter_lines_json()
                if json.loads(text).get("trace", {}).get("notes"))
    tr = line["trace"]
    assert all(isinstance(n, str) for n in tr["notes"])
    assert [note_text(n, "en") for n in tr["note_ids"]] == tr["notes"]


def test_input_notes_carry_their_id():
    inv = compute(_case())
    inputs = [i for tr in _traces(inv) for i in tr["inputs"] if i.get("note_id")]
    assert inputs
    for inp in inputs:
        assert note_text(inp["note_id"], "en") == inp["note"]
        assert note_text(inp["note_id"], "zh") != inp["note"]


def test_a_trace_saved_with_plain_english_notes_still_displays():
    old = {"notes": ["biogenic CO2 reported separately, outside the totals", "a note of an older version"]}
    assert trace_notes(old, "zh") == old["notes"]
    assert trace_notes(old, "en") == old["notes"]
    assert note_text("user factor", "zh") == "user factor"


def test_the_excel_export_gives_the_notes_in_its_language(tmp_path):
    import openpyxl

    from carbonmgr.report import export_inventory

    inv = compute(_case())
    texts = {}
    for lang in ("en", "zh"):
        path = export_inventory(inv, tmp_path / f"x_{lang}.xlsx", lang)
        book = openpyxl.load_workbook(path)
        sheet = book[translate("report.export.sheet.Results", lang)]
        rows = list(sheet.iter_rows(values_only=True))
        col = rows[0].index(translate("report.export.col.notes", lang))
        texts[lang] = " ".join(str(r[col]) for r in rows[1:] if r[col])
        book.close()
    assert "biogenic CO2 reported separately" in texts["en"]
    assert "生物质 CO2 单独报告" in texts["zh"] and "biogenic CO2 reported" not in texts["zh"]


def _grid_notes(region: str, lang: str) -> list[str]:
    case = make_case("gbt32150", "SAR", lines=[("purchased_electricity", "", 100, "MWh", {})],
                     facilities=[Facility("F1", "P", region)], reporting_year=2023)
    prefix = {"en": "grid from the facility's region", "zh": "按设施所在地区确定电网"}[lang]
    return [t for tr in _traces(compute(case)) for t in trace_notes(tr, lang) if t.startswith(prefix)]


def test_a_region_that_names_its_grid_is_not_shown_as_a_change():
    """"湖北 → 湖北": a region that is the grid's own name is said once; a region that differs from the
    grid's name ("湖北省武汉市") shows which grid it chose."""
    assert _grid_notes("湖北", "zh") == ["按设施所在地区确定电网：湖北"]
    assert _grid_notes("Hubei", "en") == ["grid from the facility's region: Hubei"]
    assert _grid_notes("湖北省", "zh") == ["按设施所在地区确定电网：湖北"]
    assert _grid_notes("湖北省武汉市", "zh") == ["按设施所在地区确定电网：湖北省武汉市 → 湖北"]
    assert _grid_notes("湖北省武汉市", "en") == ["grid from the facility's region: 湖北省武汉市 → Hubei"]
    for lang in ("en", "zh"):
        with Workspace.open(demo_path(lang)) as ws:
            texts = [t for tr in _traces(ws.compute()) for t in trace_notes(tr, lang)]
        assert not [t for t in texts if "→" in t and t.split("：")[-1].split(": ")[-1].split(" → ")[0]
                    == t.split(" → ")[-1]], texts


def test_a_unit_spelled_two_ways_is_no_conversion():
    """"1 万Nm³ = 1 10⁴ Nm³": the line's unit and the factor's, the same unit in two spellings, are not
    shown as a conversion; a real one is ("1 kWh = 0.001 MWh")."""
    for lang in ("en", "zh"):
        with Workspace.open(demo_path(lang)) as ws:
            texts = [t for tr in _traces(ws.compute()) for t in trace_notes(tr, lang)]
        prefix = translate("engine.note.unit_conversion", lang, unit="", value="", other="").split("1")[0]
        conversions = {t for t in texts if t.startswith(prefix)}
        assert conversions and not [t for t in conversions if " = 1 " in t], conversions
