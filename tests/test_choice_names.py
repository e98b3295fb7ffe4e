"""Coded values (a standard, a GWP set, a source type, a refrigeration method, an ETS class ...) are
shown to a user by names in the user's language, never by the ids the contract stores: in the
message for a value the reader refuses and in the template's drop-down lists. Every name shown is
typed back into a real workbook and read: it must read as the value it names."""
from __future__ import annotations

import re

import openpyxl
import pytest

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import translate
from carbonmgr.io import workbook
from carbonmgr.io.workbook import CASE_KEYS, SHEET_COLUMNS, read_case, write_template
from case_books import ACTIVITIES, CASE, ETS, FACILITIES, ets_file

ID_LIKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")  # snake_case: an id of ours
ENGLISH_WORD = re.compile(r"(?![IVX]+类)[A-Za-z]{2,}")  # (a class numbered in Roman numerals, II类, is Chinese)
CODED = {"standard", "gwp"}  # named by their published codes (GB/T 32150, IPCC AR5) in both languages

# where each coded kind is typed: (sheet, header) — the Case sheet's key for the Case kinds
PLACES = {kind: ("Case", key) for key, col in CASE_KEYS.items() for kind in [col.kind]
          if kind in workbook._CHOICE_ALLOWED}
PLACES.update({"financial": ("Facilities", "financial_control"), "source": ("Activities", "source"),
               "method": ("Equipment", "method"), "ets_class": ("ETS", "class"), "cooling": ("ETS", "cooling")})
EQUIPMENT = [["facility", "method", "refrigerant", "new_charge"], ["F1", "screening", "R-134a", 10]]


def test_every_coded_kind_is_typed_somewhere():
    assert set(PLACES) == set(workbook._CHOICE_ALLOWED)
    for kind, (sheet, header) in PLACES.items():
        spec = CASE_KEYS if sheet == "Case" else SHEET_COLUMNS[sheet]
        assert spec[header].kind == kind


def _book(tmp_path, kind: str, values: list, name: str = "case.xlsx"):
    """A case workbook (the ETS test case, plus an Equipment sheet) with ``values`` typed where
    ``kind`` is typed: the Case key once (its first value), a table column one row per value."""
    sheet, header = PLACES[kind]
    case = [list(r) for r in CASE]
    facilities = [list(r) for r in FACILITIES]
    activities = [list(r) for r in ACTIVITIES]
    ets = [list(r) for r in ETS]
    equipment = [list(r) for r in EQUIPMENT]
    if sheet == "Case":
        case = [r for r in case if r[0] != header] + [[header, values[0]]]
    else:
        rows = {"Facilities": facilities, "Activities": activities, "ETS": ets, "Equipment": equipment}[sheet]
        if sheet == "ETS":
            rows[0] = ["unit", "facility", "class", "cooling"]
            rows[1:] = [[f"U{i}", "F1", "II", None] for i in range(len(values))]
        if sheet == "Facilities":
            rows[0].append(header)
            rows[1:] = [[f"F{i + 1}", f"Plant {i + 1}", None] for i in range(len(values))]
        col = rows[0].index(header)
        template = rows[1]
        rows[1:] = [list(template) for _ in values]
        for i, (row, value) in enumerate(zip(rows[1:], values)):
            row[col] = value
            if sheet == "ETS":
                row[0] = f"U{i}"
            if sheet == "Facilities":
                row[0], row[1] = f"F{i + 1}", f"Plant {i + 1}"
    path = ets_file(tmp_path, ets, case, activities, facilities=facilities, sheet="ETS", Equipment=equipment)
    return path.rename(tmp_path / name)


def _read(case, kind: str) -> list:
    sheet, header = PLACES[kind]
    if sheet == "Case":
        return [getattr(case.info, header)]
    if sheet == "Facilities":
        return [f.financial_control for f in case.facilities]
    if sheet == "Activities":
        return list(case.activities.source)
    if sheet == "Equipment":
        return [e.method for e in case.equipment]
    return [getattr(u, "klass" if header == "class" else header) for u in case.ets.units]


def _names_in_message(text: str, lang: str) -> list[str]:
    tail = text.rsplit("：" if lang == "zh" else ": ", 1)[1]
    return tail.split(translate("sep.list", lang))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", sorted(workbook._CHOICE_ALLOWED))
def test_a_refused_value_lists_names_the_reader_reads_back(tmp_path, kind, lang):
    with pytest.raises(ValidationFailed) as info:
        read_case(_book(tmp_path, kind, ["zzz"], "bad.xlsx"))
    refused = [p for p in info.value.problems if p.code == "workbook.bad_choice"]
    assert len(refused) == 1, [p.render("en") for p in info.value.problems]
    text = refused[0].render(lang)
    names = _names_in_message(text, lang)
    ids = list(workbook._CHOICE_ALLOWED[kind])
    assert len(names) == len(ids), text
    assert [n for n in names if ID_LIKE.search(n)] == [], text  # (the field is named as its header is typed)
    if lang == "zh" and kind not in CODED:
        assert [n for n in names if ENGLISH_WORD.search(n)] == [], text
        assert "可选值" in text
    # every listed name, typed in a workbook, reads as the value at its place in the list
    for i, name in enumerate(names):
        case = read_case(_book(tmp_path, kind, [name] if PLACES[kind][0] == "Case" else names, f"ok{i}.xlsx"))
        got = _read(case, kind)
        if PLACES[kind][0] == "Case":
            assert got == [ids[i]], (name, got)
        else:
            assert got == ids, (names, got)
            break


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_templates_drop_downs_hold_names_that_read_back(tmp_path, lang):
    """Each list of the template's drop-downs, in the template's language: at most 255 characters
    (Excel's limit for a list typed in the rule), no id, and every entry typed into the template
    itself (a real workbook round trip) reads as the value at its place in the list."""
    path = tmp_path / "template.xlsx"
    write_template(path, lang)
    book = openpyxl.load_workbook(path)
    seen = set()
    for ws in book.worksheets:
        canonical = next((k for k in ("Case", *SHEET_COLUMNS) if workbook.sheet_title(k, lang) == ws.title), None)
        for dv in ws.data_validations.dataValidation:
            assert canonical, ws.title
            assert dv.type == "list" and dv.formula1.startswith('"') and dv.formula1.endswith('"')
            assert len(dv.formula1) - 2 <= 255, dv.formula1
            names = dv.formula1[1:-1].split(",")
            ref = str(dv.sqref)
            col, row = re.match(r"([A-Z]+)(\d+)", ref).groups()
            if canonical == "Case":
                key = workbook._CASE_NAMES.match(ws[f"A{row}"].value)
                kind = CASE_KEYS[key].kind
            else:
                field = workbook._COLUMN_NAMES[canonical].match(ws[f"{col}1"].value)
                kind = SHEET_COLUMNS[canonical][field].kind
            seen.add(kind)
            expected = [True, False] if kind == "bool" else list(workbook._CHOICE_ALLOWED[kind])
            assert len(names) == len(expected), (kind, names)
            assert [n for n in names if ID_LIKE.search(n)] == [], names
            if lang == "zh" and kind not in CODED:
                assert [n for n in names if ENGLISH_WORD.search(n)] == [], names
            got = []
            for name in names:  # typed into the template, where the drop-down is, and read back
                ws[f"{col}{row}"] = name
                book.save(tmp_path / "typed.xlsx")
                case = read_case(tmp_path / "typed.xlsx")
                if canonical == "Case":
                    got.append(getattr(case.info, key))
                elif canonical == "Facilities":
                    got.append(getattr(case.facilities[0], field))
                elif canonical == "Equipment":
                    got.append(getattr(case.equipment[0], field))
                elif field == "source":
                    got.append(case.activities.source[0])
                else:
                    got.append(case.activities.options[field][0])
            assert got == expected, (kind, names, got)
            ws[f"{col}{row}"] = names[0]
    assert seen == {"standard", "gwp", "consolidation", "ch4", "sector", "financial", "bool", "source", "method"}


def test_yes_and_no_are_named_in_the_templates_language(tmp_path):
    write_template(tmp_path / "zh.xlsx", "zh")
    lists = {dv.formula1 for ws in openpyxl.load_workbook(tmp_path / "zh.xlsx").worksheets
             for dv in ws.data_validations.dataValidation}
    assert '"是,否"' in lists and not any("yes" in f for f in lists)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_templates_example_rows_are_typed_as_a_user_types_them(tmp_path, lang):
    """The example rows name coded values, yes/no, the instrument type and library items in the
    template's language (no id such as stationary_combustion or residential_commercial_ac), and
    the template computes the same inventory in either language."""
    from carbonmgr.factors.library import default_library
    from carbonmgr.inventory.engine import compute

    totals = {}
    for each in ("en", "zh"):
        write_template(tmp_path / f"{each}.xlsx", each)
        totals[each] = compute(read_case(tmp_path / f"{each}.xlsx"), default_library()).totals
    assert totals["en"] == totals["zh"] and totals["en"]["total"] > 0
    book = openpyxl.load_workbook(tmp_path / f"{lang}.xlsx")
    cells = []
    for ws in book.worksheets[1:]:
        for row in ws.iter_rows(min_row=2, values_only=True):
            cells += [v for v in (row[1:2] if ws is book.worksheets[1] else row) if isinstance(v, str)]
    assert cells
    assert [c for c in cells if ID_LIKE.search(c)] == []
    if lang == "zh":
        words = [c for c in cells if ENGLISH_WORD.search(c)]
        assert set(words) <= {"GB/T 32150", "IPCC SAR", "MWh", "GJ/t", "10^4 Nm3", "R-410A", "kg"}, words
        assert {"固定燃烧", "天然气", "绿色电力证书", "筛选法", "是", "共同"} <= set(cells)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_readme_lists_the_instrument_types_by_the_names_that_read_back(tmp_path, lang):
    from carbonmgr.inventory.model import INSTRUMENT_TYPES

    write_template(tmp_path / "t.xlsx", lang)
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    title = workbook.sheet_title("Instruments", lang)
    row = next(r for r in book.worksheets[0].iter_rows(values_only=True)
               if r[0] == title and workbook._COLUMN_NAMES["Instruments"].match(r[1]) == "type")
    names = row[4].split(translate("sep.list", lang))
    assert len(names) == len(INSTRUMENT_TYPES)
    got = []
    for name in names:
        book[title]["B2"] = name
        book.save(tmp_path / "typed.xlsx")
        got.append(read_case(tmp_path / "typed.xlsx").instruments[0].type)
    assert got == list(INSTRUMENT_TYPES)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_readmes_help_names_values_not_ids(tmp_path, lang):
    """The README's help column names coded values and factor sets as they are typed (operational
    control, 运营控制, GB/T 32151.22-2024 表C.1), never by an id (operational_control,
    cn_gbt32151_22_2024); a column is named as its header is typed (ef_unit in English)."""
    write_template(tmp_path / "t.xlsx", lang)
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    headers = {k for spec in (CASE_KEYS, *SHEET_COLUMNS.values()) for k in spec}
    found = {}
    for row in ws.iter_rows(min_row=6, values_only=True):
        for text in (row[3], row[4]) if len(row) > 4 else ():
            for token in ID_LIKE.findall(str(text or "")):
                if lang == "zh" or token not in headers:
                    found.setdefault(token, str(text)[:80])
    assert found == {}
