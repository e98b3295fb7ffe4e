"""``carbonmgr template --exercise``: an exercise workbook to start from.

Its key is a one-line case (natural gas burnt in a boiler) whose quantity is the variable
``gas``; the trainer sheets show each column with an example row. It passes
:func:`carbonmgr.training.exercise.read_exercise` (a test keeps it so).
"""
from __future__ import annotations

import os
from typing import Any

from carbonmgr.common.i18n import translate
from carbonmgr.inventory.model import Activity, ActivityTable, CaseData, CaseInfo, Facility

TEMPLATE_VARIABLE = ("gas", 50, 40, 60, 1)  # name, value, min, max, decimals


def _header(lang: str, *columns: str) -> list[str]:
    return [translate(f"exercise.col.{c}", lang) for c in columns]


def _both(code: str) -> tuple[str, str]:
    return translate(code, "zh"), translate(code, "en")


def write_exercise_template(path: str | os.PathLike, lang: str = "en") -> None:
    """Write an exercise workbook (a case workbook with trainer sheets) to ``path`` in one step.
    Coded values, items and the trainer sheets' keys are written by their names in ``lang``, as
    an instructor types them (each reads back as its value), never by ids."""
    from carbonmgr.factors.library import default_library
    from carbonmgr.io.workbook import choice_name, safe_row, write_case
    from carbonmgr.training.exercise import (ALL_ROWS, BRIEF_KEYS, DOCUMENT_KINDS, MODE_NAMES, RUBRIC_SHEETS,
                                             TARGET_NAMES, vocabulary_names)

    def word(entries, key: str) -> str:
        return vocabulary_names({key: entries[key]}, lang)[0]

    name, value, low, high, decimals = TEMPLATE_VARIABLE
    placeholder = "{{" + name + "}}"
    table = ActivityTable()
    table.append(Activity(2, "F1", choice_name("source", "stationary_combustion", lang),
                          default_library().item("natural_gas").name(lang), placeholder, "10^4 Nm3", {}))
    info = CaseInfo(title=translate("exercise.tpl.case_title", lang), standard="gbt32150", reporting_year=2023)
    for attr, kind in (("standard", "standard"), ("gwp", "gwp"), ("consolidation", "consolidation"), ("ch4_ar6", "ch4")):
        if getattr(info, attr):
            setattr(info, attr, choice_name(kind, getattr(info, attr), lang))
    case = CaseData(info=info, facilities=[Facility("F1", translate("exercise.tpl.facility", lang))],
                    activities=table)
    no = translate("workbook.tpl.no", lang)
    every = ALL_ROWS[1] if lang == "zh" else ALL_ROWS[0]
    ledger = translate("exercise.tpl.ledger_sheet", lang)

    def add(book: Any, title: str, rows: list[list[Any]]) -> None:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(safe_row(ws, row))

    def trainer_sheets(book: Any) -> None:
        title_zh, title_en = _both("exercise.tpl.title")
        story_zh, story_en = _both("exercise.tpl.story")
        task_zh, task_en = _both("exercise.tpl.task")
        add(book, translate("exercise.sheet.Brief", lang), [
            _header(lang, "key", "zh", "en", "value"),
            [word(BRIEF_KEYS, "title"), title_zh, title_en, None],
            [word(BRIEF_KEYS, "story"), story_zh, story_en, None],
            [word(BRIEF_KEYS, "task"), task_zh, task_en, None],
            [word(BRIEF_KEYS, "time_limit"), None, None, None],
            [word(BRIEF_KEYS, "hand_calculation"), None, None, no],
            [word(BRIEF_KEYS, "mode"), None, None, word(MODE_NAMES, "practice")],
            [word(BRIEF_KEYS, "exercise_version"), None, None, 1],
        ])
        doc_zh, doc_en = _both("exercise.tpl.ledger_title")
        add(book, translate("exercise.sheet.Documents", lang), [
            _header(lang, "sheet", "title", "title_en", "kind"),
            [ledger, doc_zh, doc_en, word(DOCUMENT_KINDS, "fuel_ledger")],
        ])
        add(book, ledger, [
            [translate("exercise.tpl.ledger_period", lang), translate("exercise.tpl.ledger_gas", lang)],
            [translate("exercise.tpl.ledger_year", lang), placeholder],
        ])
        add(book, translate("exercise.sheet.Given", lang), [
            _header(lang, "sheet", "rows"),
            [word(RUBRIC_SHEETS, "Facilities"), every],
        ])
        rule_zh, rule_en = _both("exercise.tpl.explanation")
        add(book, translate("exercise.sheet.Rubric", lang), [
            _header(lang, "target", "points", "tolerance", "explanation_zh", "explanation_en", "rule"),
            [word(TARGET_NAMES, "default"), 10, "1%", None, None, None],
            [word(RUBRIC_SHEETS, "Activities") + "!2", 10, "1%", rule_zh, rule_en, translate("exercise.tpl.rule", lang)],
            [word(TARGET_NAMES, "standard"), 5, None, None, None, None],
            [word(TARGET_NAMES, "gwp_set"), 5, None, None, None, None],
            [word(TARGET_NAMES, "consolidation"), 5, None, None, None, None],
        ])
        add(book, translate("exercise.sheet.Variables", lang), [
            _header(lang, "name", "value", "min", "max", "decimals"),
            [name, value, low, high, decimals],
        ])

    write_case(case, path, lang=lang, more_sheets=trainer_sheets)
