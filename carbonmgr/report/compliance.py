"""The compliance section of the PDF report: the ETS allocation of the case's units, the
entity's compliance position and the trace of every figure (only when the case has ETS data).

The figures are those of ``carbonmgr ets`` (:mod:`carbonmgr.trading.ets`); the documents are
cited by their official titles and numbers.
"""
from __future__ import annotations

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import translate
from carbonmgr.trading import ets
from carbonmgr.trading.ets_text import (class_label, field_label, fmt_value, heading_label, inputs_text, source_text,
                                        value_text)

UNIT_COLUMNS = ("benchmark_electricity", "benchmark_heat", "correction", "allocation", "top_up", "verified_emissions")


def has_ets(case) -> bool:
    data = getattr(case, "ets", None)
    return bool(data and data.units)


def compliance_section(b) -> None:
    """Add the section to the report builder ``b`` when its case has ETS data."""
    case = b.case
    if not has_ets(case):
        return
    problems = ets.check(case)
    if problems:
        raise ValidationFailed(problems)
    result = ets.compute(case, b.inv)
    problems = ets.check_position(case, result)
    if problems:
        raise ValidationFailed(problems)
    lang = b.lang
    plan = result.plan
    b.heading(translate("ets.report.heading", lang))
    b.story.append(b.p(translate("ets.report.intro", lang, year=result.year, name=plan.document,
                                 number=plan.number)))
    for note in result.notes:
        b.story.append(b.p(note.render(lang)))
    b.heading(translate("ets.label.units", lang), 1)
    header = [heading_label(c, lang) for c in ("unit", "class", *UNIT_COLUMNS)]
    rows = [[u.unit.unit, class_label(u.unit.klass, lang)] + [fmt_value(u.value(c), lang) for c in UNIT_COLUMNS]
            for u in result.units]
    b.put(b.table(header, rows, [12, 20, 11, 10, 10, 13, 10, 14], right=tuple(range(2, 8))))
    b.heading(translate("ets.label.position", lang), 1)
    kv = []
    for name, fig in result.entity.items():
        value = value_text(fig.value, fig.unit, lang)
        notes = translate("sep.semicolon", lang).join(m.render(lang) for m in fig.notes)
        kv.append((heading_label(name, lang), value + (f" ({notes})" if notes else "")))
    b.put(b.kv(kv))
    b.heading(translate("ets.label.trace", lang), 1)
    header = [translate("ets.report.col_figure", lang), translate("ets.report.col_value", lang),
              translate("ets.report.col_formula", lang), translate("ets.report.col_inputs", lang),
              translate("ets.report.col_rule", lang)]
    rows = []
    for u in result.units:
        for name in ("correction", "allocation_electricity", "allocation_heat", "allocation", "top_up",
                     "verified_emissions"):
            fig = u.figures.get(name)
            if fig is None or fig.value is None:
                continue
            rows.append(_trace_row(f"{u.unit.unit}{translate('sep.colon', lang)}{field_label(name, lang)}", fig, lang))
    for fig in result.entity.values():
        rows.append(_trace_row(heading_label(fig.name, lang), fig, lang))
    b.put(b.table(header, rows, [17, 16, 19, 24, 28], right=(1,)))


def _trace_row(title: str, fig, lang: str) -> list[str]:
    inputs = inputs_text(fig, lang)
    notes = translate("sep.semicolon", lang).join(m.render(lang) for m in fig.notes)
    rule = source_text(fig.source, lang, cited=True) if (fig.source is not None or fig.inputs) else ""
    return [title, value_text(fig.value, fig.unit, lang), fig.formula,
            inputs + (f" ({notes})" if notes else ""), rule]
