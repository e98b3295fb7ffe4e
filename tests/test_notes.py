"""Every trace note the engine writes has a Chinese rendering (input notes are GWP and
factor provenance strings, shown as written)."""
from conftest_helpers import Facility, Instrument, make_case

from carbonmgr.inventory.engine import compute
from carbonmgr.facade import Workspace, demo_path
from carbonmgr.inventory.notes import note_text


def _notes(inv):
    out = set()
    for line in inv.lines():
        out.update((line.get("trace") or {}).get("notes", []))
    return out


def test_engine_notes_are_translated():
    case = make_case(
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
    notes = _notes(compute(case))
    with Workspace.open(demo_path("zh")) as ws:
        notes |= _notes(ws.compute())
    assert len(notes) >= 6
    untranslated = [n for n in notes if note_text(n, "zh") == n]
    assert untranslated == []
    assert all(note_text(n, "en") == n for n in notes)
