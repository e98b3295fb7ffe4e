"""Entering a fraction (oxidation rate, purity, equity share): one rule in the workbook and in the
app, stated to the user, and a warning when a line's oxidation rate is below every published
default (0 % included)."""
from __future__ import annotations

import pytest

from carbonmgr.common.i18n import translate
from carbonmgr.editing.fields import CellError
from carbonmgr.editing.session import EditSession
from carbonmgr.io.workbook import ACTIVITY_COLUMNS, BadValue, converter_for

# the rule: with % it is a percentage; 0 to 1 is a fraction; above 1 up to 100 is a percentage
CASES = [("1", 1.0), ("0.5", 0.5), ("0.99", 0.99), ("98", 0.98), ("98%", 0.98), ("98 ％", 0.98), ("1.5", 0.015),
         ("1.5%", 0.015), ("100", 1.0), ("100%", 1.0), ("0", 0.0), ("0%", 0.0), (0.97, 0.97), (95, 0.95)]
REFUSED = ["150", "-5", "101%", "-0.5", "abc"]


@pytest.mark.parametrize("typed, value", CASES)
def test_workbook_and_app_read_a_fraction_by_the_same_rule(typed, value):
    convert = converter_for(ACTIVITY_COLUMNS["oxidation_rate"])
    assert convert(typed) == pytest.approx(value)
    s = EditSession.open("demo", lang="en")
    try:
        assert s.parse_cell("oxidation_rate", typed) == pytest.approx(value)
    finally:
        s.close()


@pytest.mark.parametrize("typed", REFUSED)
def test_values_outside_the_rule_are_refused_in_both(typed):
    with pytest.raises(BadValue):
        converter_for(ACTIVITY_COLUMNS["oxidation_rate"])(typed)
    s = EditSession.open("demo", lang="en")
    try:
        with pytest.raises(CellError):
            s.parse_cell("oxidation_rate", typed)
    finally:
        s.close()


def test_the_rule_is_stated_in_both_languages():
    en, zh = translate("entry.fraction_rule", "en"), translate("entry.fraction_rule", "zh")
    assert "1.5 = 1.5 %" in en and "1 = 100 %" in en
    assert "1.5 即 1.5%" in zh and "1 即 100%" in zh


def _line(s, pos):
    return s.results.inventory.line(pos)


def test_an_oxidation_rate_typed_as_1_5_is_1_5_percent_and_warned(tmp_path):
    s = EditSession.open("demo", lang="en")
    try:
        assert s.case.activities.source[0] == "stationary_combustion"  # natural gas, E = FC × NCV × CC × OF × 44/12
        s.set_cell(0, "oxidation_rate", "1")
        s.compute()
        full = _line(s, 0)["tco2e"]
        warned = [w for w in s.results.inventory.warnings if w.code == "engine.oxidation_low"]
        assert warned == []
        s.set_cell(0, "oxidation_rate", "1.5")
        s.compute()
        # by the rule, 1.5 is 1.5 %: the line is 0.015 of what it is at 100 % (the formula is linear in OF)
        assert _line(s, 0)["tco2e"] == pytest.approx(full * 0.015)
        warned = [w for w in s.results.inventory.warnings if w.code == "engine.oxidation_low"]
        assert len(warned) == 1 and warned[0].row == s.case.activities.row[0] and warned[0].severity == "warning"
        text = warned[0].render("en")
        assert "1.5 %" in text and "90 %" in text and "1.5 is 1.5 %" in text
        assert "1.5%" in warned[0].render("zh") and "请核对" in warned[0].render("zh")
        s.set_cell(0, "oxidation_rate", "0%")  # 0 % is no longer accepted silently
        s.compute()
        assert _line(s, 0)["tco2e"] == 0.0
        assert [w for w in s.results.inventory.warnings if w.code == "engine.oxidation_low"]
        s.set_cell(0, "oxidation_rate", "98")  # a plausible value: no warning
        s.compute()
        assert _line(s, 0)["tco2e"] == pytest.approx(full * 0.98)
        assert not [w for w in s.results.inventory.warnings if w.code == "engine.oxidation_low"]
    finally:
        s.close()
