"""A factor variant is typed and shown by its name (含辐射强迫 / with radiative forcing), never only by
its id (with_rf): the engine reads the name in either language as the variant, the message for a
variant the item does not have lists the item's variants by name, and the note that a gas took
another factor names the variant in the user's language."""
from __future__ import annotations

import re

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import trace_notes
from carbonmgr.common.messages.labels import MESSAGES as LABELS
from carbonmgr.inventory.engine import compute
from conftest_helpers import make_case

ID_LIKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


def _lpg(variant):
    return make_case("ghgp", lines=[("stationary_combustion", "LPG", 50, "t",
                                     {"variant": variant, "factor_set": "ipcc2006"})])


@pytest.mark.parametrize("name", [LABELS["label.variant.commercial"]["zh"], LABELS["label.variant.commercial"]["en"],
                                  LABELS["label.variant.commercial"]["en"].upper()])
def test_a_variant_typed_by_its_name_is_the_variant(name):
    [by_id] = [x for x in compute(_lpg("commercial")).lines() if x["row"] == 2]
    [by_name] = [x for x in compute(_lpg(name)).lines() if x["row"] == 2]
    [general] = [x for x in compute(_lpg(None)).lines() if x["row"] == 2]
    assert by_name["tco2e"] == pytest.approx(by_id["tco2e"]) and by_name["gases"] == pytest.approx(by_id["gases"])
    assert by_id["gases"]["CH4"] != pytest.approx(general["gases"]["CH4"])  # the variant matters
    zh = trace_notes(by_name["trace"], "zh")
    assert any(LABELS["label.variant.commercial"]["zh"] in n for n in zh), zh
    assert [n for n in zh if ID_LIKE.search(n) or "commercial" in n] == []


def test_a_variant_the_item_lacks_is_refused_with_the_items_variants_by_name():
    with pytest.raises(ValidationFailed) as info:
        compute(_lpg("comercial"))
    [p] = info.value.problems
    zh, en = p.render("zh"), p.render("en")
    listed = zh.rsplit("：", 1)[1].rstrip("）").split("、")
    assert LABELS["label.variant.commercial"]["zh"] in listed and len(listed) >= 2
    assert [x for x in listed if re.search("[A-Za-z]", x)] == [], zh
    assert LABELS["label.variant.commercial"]["en"] in en and not ID_LIKE.search(en), en
    for name in listed:  # each listed name is accepted
        compute(_lpg(name))
