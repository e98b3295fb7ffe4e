"""No message of the catalogue shows an id of ours in Chinese: coded values are named (筛选法, not
screening or material_balance; 时间限制, not time_limit). The few snake_case words left are the
English headers of workbook columns a Chinese message names beside their Chinese name, an example
of a name the user makes up, and argparse's own placeholders."""
from __future__ import annotations

import re

import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import messages
from carbonmgr.inventory.engine import compute
from carbonmgr.io.workbook import CASE_KEYS, SHEET_COLUMNS
from carbonmgr.training.exercise import TRAINER_COLUMNS
from conftest_helpers import Equipment, make_case

ID_LIKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
HEADERS = {k for spec in (CASE_KEYS, *SHEET_COLUMNS.values(), *TRAINER_COLUMNS.values()) for k in spec}
ALLOWED = HEADERS | {"coal_t",  # exercise.bad_variable_name: an example of a variable the instructor names
                     "argument_name", "parser_name"}  # argparse's %(...)s


def test_no_chinese_message_names_an_id():
    found = {}
    for code, entry in messages().items():
        text = re.sub(r"\{[^}]*\}", "", entry.get("zh", ""))
        ids = [t for t in ID_LIKE.findall(text) if t not in ALLOWED]
        if ids:
            found[code] = ids
    assert found == {}


def test_an_unknown_refrigeration_method_lists_the_methods_by_name():
    case = make_case("ghgp", equipment=[Equipment("F1", "teleport", "HFC-134a", "chillers", {"new_charge": 1})])
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    [p] = exc.value.problems
    assert "筛选法、物料平衡法或简化物料平衡法" in p.render("zh") and not ID_LIKE.search(p.render("en"))
