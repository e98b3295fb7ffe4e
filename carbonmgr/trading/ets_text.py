"""The words of the ETS figures and their traces in the user's language: the command line
(``carbonmgr ets``), the report's compliance section and the app's ETS page show them alike."""
from __future__ import annotations

from typing import Any

from carbonmgr.common.i18n import lookup, translate


def fmt_value(value: Any, lang: str = "en") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        if abs(value) >= 1000:
            return f"{value:,.2f}"
        return f"{value:.7g}"
    if value in ("water", "air"):
        return translate(f"ets.cooling.{value}", lang)
    return str(value)


def unit_text(unit: str, lang: str = "en") -> str:
    return lookup(f"ets.unit.{unit}", lang, default=unit) if unit else ""


def field_label(name: str, lang: str = "en") -> str:
    """A figure's or an input's name: a field, a unit of the case (``unit:U1``) or a line (``row:12``)."""
    if name.startswith("unit:"):
        return translate("ets.label.unit_input", lang, unit=name[5:])
    if name.startswith("row:"):
        return translate("ets.label.row_input", lang, row=name[4:])
    return lookup(f"ets.field.{name}", lang, default=name)


def heading_label(name: str, lang: str = "en") -> str:
    """A figure's name as a column heading or a row label of a table: the field's words with a capital
    ("Top-up", "Electricity benchmark"; Chinese unchanged)."""
    label = field_label(name, lang)
    return label[:1].upper() + label[1:]


def class_label(klass: str, lang: str = "en") -> str:
    return lookup(f"ets.class.{klass}", lang, default=klass)


def source_text(source, lang: str = "en", *, cited: bool = False) -> str:
    """The rule a figure follows: its document, number and part, with how we read it (its status);
    ``cited``: as a report cites it, the published document only (in a column headed as the rule)."""
    if source is None:
        return translate("ets.label.case_input", lang)
    if cited:
        text = translate("ets.label.rule_cited", lang, document=source.document, number=source.number,
                         part=source.part)
    else:
        status = translate(f"ets.status.{source.status}", lang)
        text = translate("ets.label.rule", lang, document=source.document, number=source.number, part=source.part,
                         status=status)
    if source.draft:
        text += " — " + translate("ets.label.draft", lang)
    return " ".join(text.split())


def value_text(value: Any, unit: str | None, lang: str = "en") -> str:
    """A value with its unit ("1,500 t CO2"); a value the year does not have is "-" alone (never
    "- t CO2", which reads as a minus sign)."""
    if value is None:
        return fmt_value(None, lang)
    return f"{fmt_value(value, lang)} {unit_text(unit, lang)}".strip()


def inputs_text(fig, lang: str = "en") -> str:
    """A figure's inputs, each named with its value and unit, apart with the language's semicolon."""
    return translate("sep.semicolon", lang).join(f"{field_label(n, lang)} {value_text(v, u, lang)}"
                                                 for n, v, u in fig.inputs)


def figure_lines(fig, lang: str = "en", indent: str = "  ") -> list[str]:
    """A figure and its trace: value, formula, inputs with units, rule, notes."""
    head = f"{field_label(fig.name, lang)} = {value_text(fig.value, fig.unit, lang)}"
    out = [head]
    if fig.formula:
        out.append(indent + fig.formula)
    if fig.inputs:
        out.append(indent + inputs_text(fig, lang))
    if fig.source is not None or fig.inputs:
        out.append(indent + source_text(fig.source, lang))
    out += [indent + m.render(lang) for m in fig.notes]
    return out


UNIT_COLUMNS = ("class", "benchmark_electricity", "benchmark_heat", "correction", "allocation_electricity",
                "allocation_heat", "allocation", "verified_emissions", "top_up", "pre_allocation")


def render_position(result, lang: str = "en") -> str:
    """The text of ``carbonmgr ets``: plan, units, entity, and every figure's trace."""
    plan = result.plan
    out = [f"== {translate('ets.label.title', lang, year=result.year)} ==",
           translate("ets.label.plan", lang, name=plan.document, number=plan.number)]
    if plan.draft:
        out.append(translate("ets.label.draft", lang))
    out += [m.render(lang) for m in result.notes]
    out += ["", f"== {translate('ets.label.units', lang)} =="]
    header = [heading_label(c, lang) for c in ("unit", "facility", *UNIT_COLUMNS)]
    rows = [header]
    for u in result.units:
        rows.append([u.unit.unit, u.unit.facility or "-", class_label(u.unit.klass, lang)]
                    + [fmt_value(u.value(c), lang) for c in UNIT_COLUMNS[1:]])
    out += _table(rows)
    out += ["", f"== {translate('ets.label.entity', lang)} =="]
    for name, fig in result.entity.items():
        out.append(f"{field_label(name, lang)}{translate('sep.colon', lang)}{value_text(fig.value, fig.unit, lang)}")
    out += ["", f"== {translate('ets.label.trace', lang)} =="]
    for u in result.units:
        out.append(translate("ets.label.unit_row", lang, unit=u.unit.unit, klass=class_label(u.unit.klass, lang)))
        for fig in u.figures.values():
            if fig.value is None and not fig.notes:
                continue
            out += ["  " + line for line in figure_lines(fig, lang)]
    out.append(translate("ets.label.entity", lang))
    for fig in result.entity.values():
        out += ["  " + line for line in figure_lines(fig, lang)]
    return "\n".join(out)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() for r in rows]
