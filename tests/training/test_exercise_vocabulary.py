"""The exercise workbook's coded cells (a Brief's mode, a document's kind, a Given sheet, a Rubric
target): a value the reader refuses is answered with what the cell may hold, named in the message's
language (练习、考试; 燃料台账、电费单 …; 活动数据!<行号>、核算标准 …), not by ids (fuel_ledger,
extra_source, my_ccer_used); every name listed reads back as its entry. A real key workbook (the
bundled cement exercise) with four bad cells, read by the exercise reader."""
from __future__ import annotations

import re

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import translate
from carbonmgr.common.paths import exercises_dir
from carbonmgr.training import exercise as ex

ID_LIKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
CODES = {"exercise.bad_mode": ("mode", ex.MODE_NAMES, ex._match_mode),
         "exercise.bad_kind": ("kind", ex.DOCUMENT_KINDS, ex._match_kind),
         "exercise.bad_given_sheet": ("given_sheet", ex.GIVEN_SHEETS, ex._match_given_sheet),
         "exercise.bad_target": ("target", ex.TARGET_NAMES, ex._match_target)}


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    path = tmp_path_factory.mktemp("vocab") / "key.xlsx"
    book = openpyxl.load_workbook(exercises_dir() / "cement_plant.xlsx")
    brief = book["Brief"]
    mode = next(r for r in brief.iter_rows() if r[0].value == "mode")  # the bundled key's mode: practice
    mode[3].value = "drill"
    book["Documents"]["D2"] = "diary"
    book["Given"].append(["Ledger", "all"])
    rubric = book.create_sheet("Rubric")
    rubric.append(["target", "points"])
    rubric.append(["everything", 5])
    book.save(path)
    with pytest.raises(ValidationFailed) as info:
        ex.read_exercise(path)
    return {p.code: p for p in info.value.problems if p.code in CODES}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", sorted(CODES))
def test_a_refused_value_lists_the_names_the_reader_accepts(refused, code, lang):
    assert code in refused, sorted(refused)
    kind, table, match = CODES[code]
    text = refused[code].render(lang)
    names = ex.vocabulary_names(table, lang)
    assert translate("sep.list", lang).join(names) in text, text
    assert [n for n in names if ID_LIKE.search(n)] == [], names
    if lang == "zh":
        said = re.sub(r"“[^”]*”", "", text.split("：", 1)[-1]).replace("CCER", "")  # (the value as typed)
        assert not re.search(r"[A-Za-z]{3,}", said), text
    for name, key in zip(names, table):
        assert match(name) == key, (name, key)
    if kind == "target":  # the rows of a sheet: "<sheet>!<row>" in the message's language
        row = translate("exercise.row_placeholder", lang)
        for sheet in ex._ROW_SHEETS:
            shown = ex.vocabulary_names({sheet: ex.RUBRIC_SHEETS[sheet]}, lang)[0]
            assert f"{shown}!{row}" in text and ex._match_rubric_sheet(shown) == sheet


def test_the_exercise_template_is_written_as_an_instructor_types_it(tmp_path):
    """``carbonmgr template --exercise`` in either language: coded values, the item and the trainer
    sheets' keys by their names (天然气, 燃料台账, 时间限制, 核算标准 …), no id in a cell but the
    Case keys (headers); both read as the same exercise."""
    from carbonmgr.io.workbook import CASE_KEYS, SHEET_COLUMNS
    from carbonmgr.training.template import write_exercise_template

    headers = {k for spec in (CASE_KEYS, *SHEET_COLUMNS.values()) for k in spec}
    read = {}
    for lang in ("en", "zh"):
        path = tmp_path / f"{lang}.xlsx"
        write_exercise_template(path, lang)
        found = [(ws.title, c.coordinate, c.value) for ws in openpyxl.load_workbook(path).worksheets
                 for row in ws.iter_rows(min_row=2) for c in row
                 if isinstance(c.value, str) and any(t not in headers for t in ID_LIKE.findall(c.value.split(" [")[0]))]
        assert found == [], found
        e = ex.read_exercise(path)
        read[lang] = (e.key.info.standard, e.key.info.consolidation, e.key.info.ch4_ar6, list(e.key.activities.source),
                      e.mode, e.hand_calculation, [d.kind for d in e.documents], e.given.sheets, sorted(e.rubric.rows))
    assert read["en"] == read["zh"]
    assert read["zh"][:3] == ("gbt32150", "operational_control", "by_source") and read["zh"][6] == ["fuel_ledger"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_finding_on_an_instrument_names_its_type(lang):
    """The bundled demo graded against the cement key: its green certificates are an extra source,
    named as the app names the type (绿色电力证书 / Green electricity certificate (GEC)), not by its
    id nor as "an item no longer in the library"."""
    from carbonmgr.common.i18n import translate as tr
    from carbonmgr.common.paths import resource_dir
    from carbonmgr.io.workbook import read_case
    from carbonmgr.training.grading import grade

    case = read_case(resource_dir() / "demo" / f"demo_wuhan_{lang}.xlsx")
    assert case.instruments
    result = grade(ex.read_exercise(exercises_dir() / "cement_plant.xlsx"), case, lang)
    found = [f for f in result.findings if f.key_sheet == "Instruments"]
    assert found
    name = tr("label.instrument.green_certificate", lang)
    for f in found:
        d = f.to_dict(lang)
        assert d["item"] == name and name in d["message"], d
        assert "green_certificate" not in str(d) and tr("label.item_unknown", lang) not in d["message"]
