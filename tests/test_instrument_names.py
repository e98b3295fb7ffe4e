"""An instrument type typed by the name the app and the export show is that type: the Chinese
green-power rule and the grader recognise "Green electricity certificate (GEC)" / "绿色电力证书"
as they recognise green_certificate (typed by its English name, the demo's total moved from
9,775.08 to 7,980.84 t without a word)."""
from __future__ import annotations

import copy

import pytest

from carbonmgr.common.messages.labels import MESSAGES as LABELS
from carbonmgr.factors.library import default_library
from carbonmgr.inventory.engine import compute, instrument_type_id, is_green_instrument
from carbonmgr.inventory.model import INSTRUMENT_TYPES
from carbonmgr.io.workbook import read_case
from carbonmgr.common.paths import resource_dir


def _demo():
    return read_case(resource_dir() / "demo" / "demo_wuhan_en.xlsx")


@pytest.mark.parametrize("code", INSTRUMENT_TYPES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_instrument_type_is_known_by_its_names(code, lang):
    label = LABELS[f"label.instrument.{code}"][lang]
    assert instrument_type_id(label) == code and instrument_type_id(code) == code
    assert instrument_type_id(f"  {label.upper()} ") == code  # as typed: case and spaces do not matter
    assert is_green_instrument(label) == (code in ("green_certificate", "green_power"))


def test_free_text_stays_as_it_is():
    assert instrument_type_id("Our own PPA with the wind farm") == "Our own PPA with the wind farm"
    assert not is_green_instrument("Our own PPA with the wind farm")


@pytest.mark.parametrize("name", ["Green electricity certificate (GEC)", "绿色电力证书", "绿证"])
def test_the_demo_total_does_not_move_when_its_certificates_are_typed_by_name(name):
    case = _demo()
    green = [i for i in case.instruments if i.type == "green_certificate"]
    assert green, "the demo holds green certificates"
    lib = default_library()
    before = compute(case, lib).totals
    named = copy.deepcopy(case)
    for ins in named.instruments:
        if ins.type == "green_certificate":
            ins.type = name
    after = compute(named, lib).totals
    assert after["total"] == pytest.approx(before["total"], abs=1e-9)
    assert after == pytest.approx(before)
