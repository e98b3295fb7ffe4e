"""A unit is shown in the reader's language (the catalogue's label.unit.* entries), and what is
shown can be typed back: each label, in Chinese and in English, reads as the same unit (issue 10:
the Chinese demo and export had to keep "passenger-mile" and "room-night" because "人·英里" and
"间·夜" did not read)."""
from __future__ import annotations

import math

import pytest

from carbonmgr.common.i18n import messages
from carbonmgr.units import parse_unit

LABELS = sorted((k, v) for k, v in messages().items() if k.startswith("label.unit."))


def test_there_are_unit_labels():
    assert len(LABELS) > 20


@pytest.mark.parametrize("key, label", LABELS, ids=[k for k, _ in LABELS])
def test_a_units_label_reads_as_the_same_unit_in_both_languages(key, label):
    zh, en = parse_unit(label["zh"]), parse_unit(label["en"])
    assert zh.dimension == en.dimension, (label, zh, en)
    assert math.isclose(zh.factor, en.factor, rel_tol=1e-12), (label, zh, en)


@pytest.mark.parametrize("typed, dimension, per_base", [
    ("人·英里", "pdistance", 1.609344), ("间·夜", "count", 1.0), ("车·公里", "vdistance", 1.0),
    ("吨·公里", "tdistance", 1.0), ("人·公里", "pdistance", 1.0)])
def test_chinese_unit_words_as_shown(typed, dimension, per_base):
    unit = parse_unit(typed)
    assert unit.dimension == dimension and math.isclose(unit.factor, per_base, rel_tol=1e-9)
