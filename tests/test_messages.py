"""One message mechanism for the core: every message id the code uses is in the catalogue in
English and Chinese, and no core module but the catalogue holds Chinese text (AST scans)."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from carbonmgr.common import i18n

CORE = Path(__file__).resolve().parents[1] / "carbonmgr"
CATALOGUE = CORE / "common" / "messages"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d]")

# Calls whose first argument is a message id (possibly under a prefix the function adds).
ID_CALLS = {
    "translate": "", "lookup": "", "Problem": "", "Message": "", "Note": "", "ProjectError": "",
    "CellError": "", "ReportError": "", "LineError": "", "UnitError": "", "_problem": "",
    "label": "report.label.", "L": "report.label.", "_l": "cli.label.",
    "h": "cli.help.", "ArgError": "",
}
# ``problems.add(code, ...)`` of the workbook reader: a method named add whose first argument
# looks like an id of the workbook catalogue.
ADD_PREFIXES = ("workbook.", "engine.", "store.")

# Words a user types, read by the core (input vocabulary), and text the core parses; they
# are data, not messages.  Each is a module-level table, named here with its reason.
DATA_TABLES = {
    ("inventory/model.py", "GENERIC_ELECTRICITY_ITEMS"): "words for grid electricity accepted as an item",
    ("inventory/sources.py", "SOURCE_TYPES"): "source-type aliases accepted in a workbook (aliases=...)",
    ("inventory/engine.py", "GREEN_TYPES"): "words of green-power instruments accepted",
    ("inventory/engine.py", "_HEAT_BASIS_NAMES"): "spellings of a heating-value basis accepted",
    ("inventory/engine.py", "_GENERIC_REGIONS"): "words for a factor row of no country (通用, 全球), parsed",
    ("inventory/engine.py", "_COUNTRY_NAMES"): "country names accepted as a line's or facility's region (英国, 中国)",
    ("units/__init__.py", "_BASE"): "unit names accepted (吨, 万Nm3, 吉焦 ...)",
    ("units/__init__.py", "_CANONICAL"): "unit names accepted",
    ("units/__init__.py", "_GAS_WORDS"): "gas words stripped from a unit, parsed",
    ("units/__init__.py", "_PAREN"): "a parenthesis in a unit, parsed",
    ("units/__init__.py", "_SUPERSCRIPTS"): "full-width characters in a unit, parsed",
    ("report/pdf.py", "ALIASES"): "extra keys of the Case sheet accepted in Chinese",
    ("report/pdf.py", "_FALLBACK"): "glyph fallbacks of the PDF font",
    # the case workbook's sheet and column names: its contract, both languages accepted
    **{("io/workbook.py", name): "sheet, key and column names of the case workbook (its contract)"
       for name in ("SHEETS", "CASE_KEYS", "FACILITY_COLUMNS", "_OPTION_NAMES", "ACTIVITY_COLUMNS",
                    "INSTRUMENT_COLUMNS", "EQUIPMENT_VALUES", "EQUIPMENT_COLUMNS", "ETS_COLUMNS", "_CASE_HEADER_KEYS",
                    "_CASE_HEADER_VALUES")},
    ("io/workbook.py", "_YES"): "yes typed in Chinese, parsed",
    ("io/workbook.py", "_NO"): "no typed in Chinese, parsed",
    ("io/workbook.py", "_CHOICE_SPELLINGS"): "Chinese spellings of choices accepted (国标 ...)",
    ("io/workbook.py", "_TONNES"): "tonnes typed after a Case value (10000 吨), parsed",
    ("io/workbook.py", "_CASE_UNITS"): "units typed after a Case value (59.87 元/吨), parsed",
    ("io/workbook.py", "_YUAN_SIGNS"): "a full-width yuan sign before a carbon price, parsed",
    ("common/names.py", "_BRACKETS"): "brackets ignored in a header, parsed",
    ("io/orders.py", "ORDER_COLUMNS"): "column headers of a market orders file accepted in Chinese",
    ("io/orders.py", "SIDE_WORDS"): "buy and sell typed in Chinese (买, 卖 ...) in an orders file",
    ("io/orders.py", "NUMBER_DECORATIONS"): "units typed after a number in an orders file (元, 吨), parsed",
    ("io/orders.py", "CURRENCY_SIGNS"): "a full-width yuan sign before a price, parsed",
    ("io/orders.py", "DELIMITERS"): "a full-width comma between cells, parsed",
    ("io/orders.py", "_BRACKETED"): "brackets (full-width too) around a unit in a header, parsed",
    # the exercise workbook's sheet, column, key and value names: its contract, both languages accepted
    **{("training/exercise.py", name): "sheet, column, key and value names of the exercise workbook (its contract)"
       for name in ("TRAINER_SHEETS", "TRAINER_COLUMNS", "BRIEF_KEYS", "MODE_NAMES", "DOCUMENT_KINDS",
                    "GIVEN_SHEETS", "RUBRIC_SHEETS", "ALL_ROWS", "TARGET_NAMES", "HAND_COLUMNS", "HAND_KEYS")},
    ("training/exercise.py", "_YES"): "yes typed in Chinese, parsed",
    ("training/exercise.py", "_NO"): "no typed in Chinese, parsed",
    ("training/exercise.py", "_PERCENT"): "a full-width percent sign, parsed",
    ("training/exercise.py", "_ROW_SEPARATORS"): "full-width separators of a row list, parsed",
    ("training/exercise.py", "_TARGET_ROW"): "a full-width ! in a rubric target, parsed",
    ("io/abatement.py", "SHEET_NAMES"): "names of the optional Abatement sheet accepted in Chinese",
    ("io/abatement.py", "MEASURE_COLUMNS"): "column headers of the Abatement sheet accepted in Chinese",
    ("io/market_setup.py", "FIRM_COLUMNS"): "column headers of a market firms file accepted in Chinese",
    ("training/intake.py", "TRAINEE_KEYS"): "Case keys naming the trainee accepted in Chinese (学员, 学号)",
    ("training/intake.py", "_KEY_OF"): "Case keys naming the trainee accepted in Chinese (学员, 学号)",
    ("training/ets_grading.py", "ANSWER_KEYS"): "Case keys of an ETS exercise's answers accepted in Chinese",
    ("training/ets_grading.py", "CCER_PRICE_KEYS"): "the Case key of the CCER price accepted in Chinese",
    ("training/ets_grading.py", "PATHS"): "the paths to compliance named in Chinese in an answer, parsed",
    ("training/ets_grading.py", "INPUT_TARGETS"): "Rubric targets of the ETS input checks accepted in Chinese",
    ("training/checklist.py", "ANSWER_SHEETS"): "names of a checklist answer's sheet accepted in Chinese",
    ("training/checklist.py", "STEP_COLUMNS"): "the step column of a checklist answer accepted in Chinese",
    ("factors/labels.py", "_REGION_SUFFIXES"): "suffixes of a region or grid name, parsed",
    ("factors/labels.py", "_WAN"): "the 万 (10^4) prefix of a unit, parsed",
    ("cli/args.py", "_CJK_RANGE"): "the range of Chinese characters, where a help line may break",
    ("cli/args.py", "_OPENING"): "Chinese opening punctuation, kept with the next character when help wraps",
    ("cli/args.py", "_CLOSING"): "Chinese closing punctuation, kept with the character before when help wraps",
    ("report/linebreak.py", "CANNOT_START"): "closing punctuation a PDF line never begins with (line breaking)",
    ("report/linebreak.py", "CANNOT_END"): "opening punctuation a PDF line never ends with (line breaking)",
    ("report/pdf.py", "_HAN"): "the range of Chinese characters, broken as Chinese is in an English report",
    ("report/pdf.py", "_WORD"): "the range of Chinese characters, where a table cell may break",
}
# Literals inside functions, each with the reason it is not a message.
LITERALS = {
    ("factors/library.py", "[\\s\\-_·‐–—()（）\\[\\]【】]+"): "separators ignored when matching a name",
    ("inventory/engine.py", "省"): "suffix of a region name, parsed",
    ("inventory/engine.py", "市"): "suffix of a region name, parsed",
    ("inventory/engine.py", "自治区"): "suffix of a region name, parsed",
    ("inventory/engine.py", "电网"): "suffix of a grid name, parsed",
    ("inventory/engine.py", "（"): "a parenthesis in a unit, parsed",
    ("inventory/engine.py", "一"): "first CJK character (range test)",
    ("inventory/engine.py", "鿿"): "last CJK character (range test)",
    ("io/workbook.py", "年"): "a year typed as 2024年, parsed",
    ("io/workbook.py", "年度"): "a year typed as 2024年度, parsed",
    ("io/workbook.py", "％"): "a full-width percent sign, parsed",
    ("io/workbook.py", "yes, no (是, 否)"): "the values a yes/no cell accepts (input vocabulary)",
    ("report/export.py", "()（）[]【】"): "brackets ignored when recognising a result sheet",
    ("report/pdf.py", "，"): "separator when shortening a cited document",
    ("report/pdf.py", "（"): "separator when shortening a cited document",
    ("report/pdf.py", "《"): "title marks of a cited document, parsed",
    ("report/pdf.py", "》"): "title marks of a cited document, parsed",
    ("report/labels.py", "《"): "title marks of a guideline's official title, parsed",
    ("report/labels.py", "》"): "title marks of a guideline's official title, parsed",
    ("storage/store.py", "是"): "yes typed in Chinese, parsed",
    ("storage/store.py", "否"): "no typed in Chinese, parsed",
}


def _modules(root: Path = CORE):
    for path in sorted(root.rglob("*.py")):
        if CATALOGUE in path.parents:
            continue
        yield path.relative_to(root).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def used_ids(root: Path = CORE) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(module, id) of every message id written as a constant, and (module, prefix) of every
    id built with an f-string (``f"report.label.{key}"``)."""
    exact, prefixes = set(), set()
    for mod, tree in _modules(root):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _call_name(node)
            arg = node.args[0]
            if name == "add" and isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                    and arg.value.startswith(ADD_PREFIXES):
                exact.add((mod, arg.value))
                continue
            if name not in ID_CALLS:
                continue
            prefix = ID_CALLS[name]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                exact.add((mod, prefix + arg.value))
            elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                prefixes.add((mod, prefix + arg.values[0].value))
    return exact, prefixes


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_catalogue_entries_have_both_languages():
    bad = [code for code, entry in i18n.messages().items()
           if set(entry) != set(i18n.LANGS) or not all(isinstance(entry[lang], str) for lang in i18n.LANGS)
           or not entry["en"]]
    assert bad == []
    # a Chinese text is empty only on purpose
    assert [c for c, e in i18n.messages().items() if not e["zh"]] == ["report.label.year_missing"]


# Messages whose Chinese form names a thing in both languages (a bilingual header).
_MORE_FIELDS_IN_ZH = {"workbook.sheet_title", "workbook.header"}
# the spreadsheet parser's own words (English only) are given in English, left out in Chinese
_DETAIL_ONLY_IN_EN = {"workbook.read_failed", "workbook.sheet_damaged"}


def test_both_languages_use_the_same_parameters():
    bad = []
    for code, entry in i18n.messages().items():
        en, zh = _fields(entry["en"]), _fields(entry["zh"])
        if en != zh and not (code in _MORE_FIELDS_IN_ZH and en < zh) \
                and not (code in _DETAIL_ONLY_IN_EN and en - zh == {"detail"} and zh < en):
            bad.append((code, sorted(en), sorted(zh)))
    assert bad == []


def test_every_message_id_used_in_the_core_is_in_the_catalogue():
    exact, prefixes = used_ids()
    assert len(exact) > 150  # the scan finds the ids (it would pass vacuously otherwise)
    known = i18n.messages()
    missing = sorted((mod, code) for mod, code in exact if code not in known)
    assert missing == []
    no_family = sorted((mod, p) for mod, p in prefixes
                       if "." in p and not any(code.startswith(p) for code in known))
    assert no_family == []


def test_the_id_scan_sees_a_missing_id(tmp_path):
    """The scan above can fail: a module using an id the catalogue lacks is reported."""
    fake = tmp_path / "carbonmgr"
    fake.mkdir()
    (fake / "m.py").write_text('from x import translate\ntranslate("cli.no_such_message", "en")\n'
                               'label("no_such_label", "zh")\n', encoding="utf-8")
    exact, _ = used_ids(fake)
    assert ("m.py", "cli.no_such_message") in exact and ("m.py", "report.label.no_such_label") in exact
    assert not any(code in i18n.messages() for _, code in exact)


def chinese_literals(root: Path = CORE) -> list[tuple[str, int, str, str | None]]:
    """(module, line, text, module-level table or None) of every string literal holding Chinese text,
    docstrings and comments aside."""
    out = []
    for mod, tree in _modules(root):
        docs = _docstrings(tree)
        table = {}  # node -> name of the module-level table it is in
        for stmt in tree.body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
                name = target.id if isinstance(target, ast.Name) else ""
                table.update((id(n), name) for n in ast.walk(stmt))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                    and CJK.search(node.value):
                out.append((mod, node.lineno, node.value, table.get(id(node))))
    return out


def test_no_chinese_text_outside_the_catalogue():
    found = chinese_literals()
    assert found  # the allowed data tables are seen
    bad = [(mod, line, text) for mod, line, text, table in found
           if (mod, table) not in DATA_TABLES and (mod, text) not in LITERALS]
    assert bad == []


def test_the_chinese_scan_sees_text_outside_the_catalogue(tmp_path):
    """The scan above can fail: Chinese output text in a function or a new table is found; a
    docstring is not."""
    fake = tmp_path / "carbonmgr"
    fake.mkdir()
    (fake / "m.py").write_text('"""说明"""\nNAMES = {"a": ("A", "甲")}\n\n\ndef f(lang):\n'
                               '    return "完成" if lang == "zh" else "done"\n', encoding="utf-8")
    found = {(mod, text, table) for mod, _, text, table in chinese_literals(fake)}
    assert found == {("m.py", "甲", "NAMES"), ("m.py", "完成", None)}


@pytest.mark.parametrize("code", ["report.label.report_title", "cli.label.total", "unit.dimension.mass",
                                  "workbook.kind.png", "source.process"])
def test_catalogue_renders_in_each_language(code):
    en, zh = i18n.translate(code, "en"), i18n.translate(code, "zh")
    assert en and zh and en != zh and CJK.search(zh) and not CJK.search(en)


def test_a_message_as_parameter_is_rendered_in_the_same_language():
    kind = i18n.Message("workbook.kind.pdf")
    assert i18n.translate("workbook.not_xlsx", "en", name="x", kind=kind).endswith("a PDF document")
    assert i18n.translate("workbook.not_xlsx", "zh", name="x", kind=kind).endswith("PDF 文档")


def test_an_engine_error_names_the_expected_unit_in_the_users_language():
    from conftest_helpers import Facility, make_case

    from carbonmgr.common.errors import ValidationFailed
    from carbonmgr.inventory.engine import compute

    case = make_case("gbt32150", "SAR", lines=[("purchased_electricity", "", 100, "t", {}),
                                               ("stationary_combustion", "natural_gas", 5, "km", {})],
                     facilities=[Facility("F1", "P", "湖北")], reporting_year=2025)
    with pytest.raises(ValidationFailed) as exc:
        compute(case)
    en, zh = exc.value.render("en"), exc.value.render("zh")
    assert "expected an energy (GJ, TJ, MWh, kWh, mmBtu)" in en
    assert "a volume (10^4 Nm3, Nm3, m3, L, gal, scf) / an energy" in en  # several units: "a / b"
    assert "应为能量（GJ、TJ、MWh、kWh 等）" in zh and "an energy" not in zh and "a volume" not in zh


def test_no_message_takes_a_chinese_parameter():
    """Each language's name of a column or sheet comes from the names the contract registers,
    not from a second, Chinese-only parameter passed beside the English one."""
    bad = [code for code, entry in i18n.messages().items()
           for lang in i18n.LANGS for f in _fields(entry[lang]) if f.endswith("_zh")]
    assert bad == []


def test_a_column_is_named_in_each_language_and_the_other_as_a_hint():
    import carbonmgr.io.workbook  # noqa: F401  (registers the contract's names)

    assert i18n.translate("workbook.required", "zh", field="quantity") == "数量为空"
    assert i18n.translate("workbook.required", "en", field="quantity") == "quantity is empty"
    assert "“数量”（或“quantity”）" in i18n.translate("workbook.column_missing", "zh", field="quantity", found=["-"])
    assert '"Activities" sheet (a sheet named "活动数据"' in i18n.translate(
        "workbook.sheet_missing", "en", sheet_kind="Activities", found=["-"])
    # an unregistered id reads as itself in both languages
    assert i18n.translate("workbook.required", "zh", field="no_such_column") == "no_such_column为空"
    with pytest.raises(RuntimeError):
        i18n.register_names("field", {"quantity": {"en": "quantity", "zh": "用量"}})
