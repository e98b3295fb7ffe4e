"""The inventory as an Excel workbook: the case (workbook version 1) plus result sheets.

The first sheets are the case itself, written by :func:`carbonmgr.io.workbook.write_case`'s
writer (Case, Facilities, Activities with every option column, Instruments, Equipment, the
source-document sheets), so the file can be imported again and gives the same inventory.
Three sheets follow with the results: ``Results`` (one row per line), ``Factors`` (every
factor and GWP used, with provenance) and ``Totals``.  The importer keeps unknown sheets as
documents; when such a workbook is exported again, its old result sheets are dropped
rather than duplicated.
"""
from __future__ import annotations

import copy
import dataclasses
import os
from pathlib import Path
from typing import Any

from carbonmgr.common.i18n import lookup, trace_notes, translate
from carbonmgr.factors.labels import (factor_name, gwp_source_name, instrument_name, item_name, region_name, set_name,
                                      status_name, unit_name)
from carbonmgr.factors.labels import param_name as factor_param_name
from carbonmgr.inventory import headline as figures
from carbonmgr.inventory import methods
from carbonmgr.inventory.sources import is_market_based
from carbonmgr.report.labels import label, scope3_category, source_name

RESULT_SHEETS = ("Results", "Factors", "Totals")
_RESULT_NAMES = {n.lower() for canonical in RESULT_SHEETS
                 for n in (canonical, translate(f"report.export.sheet.{canonical}", "zh"))}


def is_result_sheet(name: str) -> bool:
    """Whether a sheet name is one of ours: Results / Factors / Totals, in English, Chinese or both."""
    text = str(name).strip().lower()
    for ch in "()（）[]【】":
        text = text.replace(ch, " ")
    words = text.split()
    return bool(words) and all(w in _RESULT_NAMES for w in words)


def result_sheet_title(canonical: str, lang: str) -> str:
    """``Results`` in English, ``结果`` in Chinese: a result sheet is read, never imported, so it is
    named in the export's language only (the importer knows both names and drops it)."""
    return translate(f"report.export.sheet.{canonical}", lang)


def _head(field: str, lang: str, **params) -> str:
    """A result sheet's column header, in the export's language."""
    return translate(f"report.export.col.{field}", lang, **params)


def _case_for_export(case, lang: str = "en"):
    """The case as the export writes it: without result sheets left over from an earlier export,
    and with names in the export's language in place of the contract's ids wherever the workbook
    reader reads the name back as the same id (:func:`_named`), so that it still imports again."""
    from carbonmgr.io.workbook import ACTIVITY_COLUMNS, CASE_KEYS, EQUIPMENT_COLUMNS, FACILITY_COLUMNS, INSTRUMENT_COLUMNS

    out = copy.copy(case)
    out.documents = {k: v for k, v in case.documents.items() if not is_result_sheet(k)}
    info = case.info
    out.info = dataclasses.replace(
        info,
        standard=_named(info.standard, lookup(f"report.standard_short.{info.standard}", lang), CASE_KEYS["standard"]),
        consolidation=_named(info.consolidation, lookup(f"cli.consolidation.{info.consolidation}", lang),
                             CASE_KEYS["consolidation"]),
        ch4_ar6=_named(info.ch4_ar6, lookup(f"report.export.choice.ch4.{info.ch4_ar6}", lang), CASE_KEYS["ch4_ar6"]),
        sector=_named(info.sector, lookup(f"sector.{info.sector}", lang), CASE_KEYS["sector"]),
        factor_set=_named(info.factor_set, set_name(info.factor_set, lang), CASE_KEYS["factor_set"]),
        grid_factor_set=_named(info.grid_factor_set, set_name(info.grid_factor_set, lang), CASE_KEYS["grid_factor_set"]))
    acts = copy.copy(case.activities)
    names: dict[str, str] = {}
    for sid in dict.fromkeys(acts.source):
        names[sid] = _named(sid, source_name(sid, lang), ACTIVITY_COLUMNS["source"])
    acts.source = [names[sid] for sid in acts.source]
    items = {text: _item_named(text, lang) for text in dict.fromkeys(acts.item) if text}
    acts.item = [items.get(text, text) if text else text for text in acts.item]
    if "factor_set" in acts.options:
        col = ACTIVITY_COLUMNS["factor_set"]
        sets = {s: _named(s, set_name(s, lang), col) for s in dict.fromkeys(acts.options["factor_set"]) if s}
        acts.options = {**acts.options, "factor_set": [sets.get(s, s) if s else s for s in acts.options["factor_set"]]}
    out.activities = acts
    yes_no = {True: lookup("report.export.choice.yes", lang), False: lookup("report.export.choice.no", lang),
              "yes": lookup("report.export.choice.yes", lang), "no": lookup("report.export.choice.no", lang),
              "joint": lookup("report.export.choice.joint", lang)}
    out.facilities = [dataclasses.replace(
        f, financial_control=_named(f.financial_control, yes_no.get(f.financial_control), FACILITY_COLUMNS[
            "financial_control"]),
        operational_control=_named(f.operational_control, yes_no.get(f.operational_control), FACILITY_COLUMNS[
            "operational_control"])) for f in case.facilities]
    out.instruments = [dataclasses.replace(i, type=_named(i.type, instrument_name(i.type, lang),
                                                          INSTRUMENT_COLUMNS["type"])) for i in case.instruments]
    out.equipment = [dataclasses.replace(e, method=_named(e.method, lookup(f"report.export.choice.method.{e.method}",
                                                                           lang), EQUIPMENT_COLUMNS["method"]),
                                         equipment=_item_named(e.equipment, lang) if e.equipment else e.equipment)
                     for e in case.equipment]
    return out


def _item_named(text: str, lang: str) -> str:
    """An item typed by its library id, by its name in ``lang`` when the library resolves that name
    to the same item (items typed by name are read back to the same item); other text as written."""
    from carbonmgr.factors.library import default_library

    lib = default_library()
    item = lib.item(text)
    if item is None:
        return text
    name = item.name(lang)
    back = lib.resolve_item(name) if name else None
    return name if back is not None and back.id == item.id else text


def _named(value, name: str | None, col):
    """``name`` when the workbook reader reads it back as ``value`` (so the export imports again to
    the same case), else ``value`` as the contract writes it."""
    if value is None or not name or isinstance(value, str) and not value:
        return value
    from carbonmgr.io.workbook import converter_for

    try:
        back = converter_for(col)(name)
    except Exception:  # noqa: BLE001 - the reader refuses the name: keep the contract's value
        return value
    return name if back == value else value


def export_inventory(inv, path: str | os.PathLike, lang: str = "zh") -> Path:
    """Write ``inv`` (its case and its results) to ``path`` (.xlsx), atomically."""
    from carbonmgr.io import workbook as wbmod

    lang = "zh" if lang == "zh" else "en"
    path = Path(path)
    case = _case_for_export(inv.case, lang)
    wbmod.write_case(case, path, lang=lang, more_sheets=lambda book: _write_results(book, inv, lang, wbmod))
    return path


class _Sheet:
    """Appends rows through the importer's safe cell writer (text starting with '=' stays text)."""

    def __init__(self, book, title: str, widths: list[float], wbmod):
        self.ws = book.create_sheet(title)
        self.wbmod = wbmod
        for i, w in enumerate(widths):
            from openpyxl.utils import get_column_letter

            self.ws.column_dimensions[get_column_letter(i + 1)].width = w
        try:
            self.ws.freeze_panes = "A2"
        except (AttributeError, TypeError):  # pragma: no cover - older openpyxl write-only sheets
            pass

    def append(self, values: list[Any]) -> None:
        self.ws.append(self.wbmod.safe_row(self.ws, values))


def _write_results(book, inv, lang: str, wbmod) -> None:
    _results_sheet(book, inv, lang, wbmod)
    _factors_sheet(book, inv, lang, wbmod)
    _totals_sheet(book, inv, lang, wbmod)


def _activities_title(lang: str, wbmod) -> str:
    if wbmod is not None and hasattr(wbmod, "sheet_title"):
        return wbmod.sheet_title("Activities", lang)
    return "Activities"


def _facility_label(inv) -> dict[str, str]:
    """A facility as the user named it: its ID and its name."""
    return {f.id: f"{f.id} {f.name or ''}".strip() for f in inv.case.facilities}


def _scope_cell(scope, lang: str):
    return scope if scope is not None else translate("report.export.outside_scopes", lang)


def _factor_text(name: str, value, unit: str | None, lang: str) -> str:
    """A factor used, for a reader: its name, value and unit."""
    value_text = f"{value:g}" if isinstance(value, (int, float)) else str(value if value is not None else "")
    return translate("report.export.factor_value", lang, name=name, value=value_text,
                     unit=unit_name(unit, lang)).strip()


def _source_text(citation: str, status: str | None, lang: str) -> str:
    """A source document by its official title (publisher, year), with the value's status in words."""
    status_text = status_name(status, lang)
    if not status_text:
        return citation
    return translate("report.export.source_status", lang, source=citation, status=status_text)


def _method_text(method: str | None, lang: str) -> str:
    return lookup(f"report.method.{method}", lang, "") if method else ""


def _results_sheet(book, inv, lang: str, wbmod) -> None:
    gases: dict[str, None] = {}
    for g in inv.groups:
        if g.calc:
            gases.update(dict.fromkeys(g.calc.per_unit))
            if g.calc.co2e_only:
                gases["CO2e"] = None
    for line in inv.extra_lines:
        gases.update(dict.fromkeys(line["gases"]))
    gas_cols = list(gases)
    heads = [_head(f, lang) for f in ("sheet", "row", "facility", "source", "item", "quantity", "unit", "scope",
                                      "share", "tco2e", "tco2e_location", "tco2e_market", "biogenic_co2",
                                      "scope3_category", "iso_category", "method", "formula")]
    heads += [_head("gas_mass", lang, gas=g) for g in gas_cols]
    heads += [_head(f, lang) for f in ("factors", "factor_sources", "notes")]
    widths = [16, 6, 18, 22, 18, 12, 10, 8, 9, 13, 13, 13, 10, 22, 22, 22, 28] + [11] * len(gas_cols) + [60, 80, 40]
    sh = _Sheet(book, result_sheet_title("Results", lang), widths, wbmod)
    sh.append(heads)
    act_title = _activities_title(lang, wbmod)
    facilities = _facility_label(inv)
    acts = inv.case.activities
    sep = translate("sep.semicolon", lang)
    group_info: dict[int, tuple] = {}
    for gi, g in enumerate(inv.groups):
        c = g.calc
        if c is None:
            group_info[gi] = ("", "", "", "", "")
            continue
        factors: list[str] = []
        sources: dict[str, None] = {}
        for f in c.factors():
            factors.append(_factor_text(factor_name(f, lang), f.value, f.unit, lang))
            sources[_source_text(f.citation(), f.status, lang)] = None
        notes = sep.join(n.render(lang) for n in c.notes)  # in the user's language
        group_info[gi] = (_method_text(c.method, lang), c.formula, sep.join(factors), sep.join(sources), notes)
    q = acts.quantity
    for i in range(len(acts)):
        gi = inv.line_group[i]
        g = inv.groups[gi]
        c = g.calc
        share = g.share
        masses = methods.per_gas(q[i], g.gas_coefficients())  # the engine's own per-gas formula and coefficients
        method, formula, factors, sources, notes = group_info[gi]
        elec = is_market_based(acts.source[i])
        row = [act_title, i + 2, facilities.get(acts.facility[i], acts.facility[i]), source_name(acts.source[i], lang),
               item_name(acts.item[i], lang) if acts.item[i] else "", q[i], unit_name(acts.unit[i], lang),
               _scope_cell(g.scope, lang), share * 100, q[i] * g.line_factor,
               q[i] * g.line_factor_location if elec else None,
               q[i] * g.market_factor if elec else None,
               q[i] * c.biogenic_per_unit * share if c else 0.0,
               scope3_category(c.scope3_category, lang) if (c and g.scope == 3 and c.scope3_category) else None,
               _iso_text(g.iso_category, lang), method, formula]
        row += [masses.get(gas) for gas in gas_cols]
        row += [factors, sources, notes]
        sh.append(row)
    eq_title = wbmod.sheet_title("Equipment", lang) if wbmod is not None and hasattr(wbmod, "sheet_title") \
        else "Equipment"
    for j, line in enumerate(inv.extra_lines):
        tr = line["trace"]
        factors = [_factor_text(factor_name(inp["factor"], lang), inp.get("value"), inp.get("unit"), lang)
                   for inp in tr["inputs"] if inp.get("factor")]
        srcs = list(dict.fromkeys(_source_text(inp["source"], inp.get("status"), lang)
                                  for inp in tr["inputs"] if inp.get("source")))
        row = [eq_title, j + 2, facilities.get(line["facility"], line["facility"]), source_name(line["source"], lang),
               item_name(line.get("item"), lang) if line.get("item") else "", line["quantity"],
               unit_name(line["unit"], lang), _scope_cell(line["scope"], lang), line["share"] * 100, line["tco2e"],
               None, None, line.get("biogenic_co2", 0.0), None, _iso_text(line.get("iso_category"), lang),
               _method_text(tr["method"], lang), tr["formula"]]
        row += [line["gases"].get(gas) for gas in gas_cols]
        row += [sep.join(factors), sep.join(srcs), sep.join(trace_notes(tr, lang))]
        sh.append(row)


def _iso_text(cat, lang: str) -> str | None:
    """An ISO 14064-1 category by its number and name."""
    if cat is None or cat == "":
        return None
    from carbonmgr.report.labels import iso_category_name

    return f"{cat} {iso_category_name(cat, lang)}".strip()


def _factors_sheet(book, inv, lang: str, wbmod) -> None:
    """Every factor and GWP value used: named, with its value, the official title of the document
    that publishes it, its year and its status in words (the library's keys and tags stay in the
    library: ``carbonmgr factors --json``)."""
    cols = ("factor", "set", "item", "param", "gas", "variant", "value", "unit", "region", "year", "source",
            "publisher", "year_published", "status")
    sh = _Sheet(book, result_sheet_title("Factors", lang), [48, 30, 16, 16, 8, 14, 12, 14, 10, 8, 70, 24, 8, 14],
                wbmod)
    sh.append([translate(f"report.export.factor_col.{f}", lang) for f in cols])
    for key, f in inv.factors_used().items():
        variant = lookup(f"label.variant.{f.get('variant')}", lang, "") if f.get("variant") else ""
        sh.append([factor_name(key, lang), set_name(f.get("set"), lang), item_name(f.get("item"), lang),
                   factor_param_name(f.get("param"), lang), f.get("gas"), variant, f.get("value"),
                   unit_name(f.get("unit"), lang), region_name(f.get("region"), lang) or None, f.get("year"),
                   f.get("source"), f.get("publisher"), f.get("year_published"), status_name(f.get("status"), lang)])
    seen = set(inv.factors_used())
    for line in inv.extra_lines:
        for inp in line["trace"]["inputs"]:
            key = inp.get("factor")
            if not key or key in seen:
                continue
            seen.add(key)
            sh.append([factor_name(key, lang), set_name(inp.get("set"), lang), None, None, None, None,
                       inp.get("value"), unit_name(inp.get("unit"), lang), None, inp.get("data_year"),
                       inp.get("source"), None, inp.get("year"), status_name(inp.get("status"), lang)])
    gwp_label = translate("report.export.gwp", lang)
    for gas, g in inv.gwps_used().items():
        sh.append([translate("report.export.gwp_of", lang, gas=gas, set=g["set"]), g["set"], gas, gwp_label, gas,
                   None, g["value"], None, None, None, gwp_source_name(g.get("source"), lang) or None, None, None,
                   None])


def _totals_sheet(book, inv, lang: str, wbmod) -> None:
    """The totals as the case's standard makes them up (its parts adding up to the total, deductions
    negative, each with its share of the total), the other views beside them with what each is, and
    the breakdowns by source type, facility, gas and category; every row a name in the export's
    language, a value, its unit and, inside the total, its share."""
    from carbonmgr.report.labels import consolidation_name, iso_category_name, standard_short

    sh = _Sheet(book, result_sheet_title("Totals", lang), [56, 20, 10, 14, 60], wbmod)
    sh.append([translate(f"report.export.totals_col.{f}", lang) for f in ("label", "value", "unit", "share", "note")])
    t_co2e = "t CO2e"

    def section(key: str) -> None:
        sh.append([translate(f"report.export.section.{key}", lang), None, None, None, None])

    def share(value) -> float | None:
        return None if value is None else float(value)

    def breakdown(rows, name) -> None:
        for r in rows:
            sh.append([name(r.key), r.value, t_co2e, share(r.share),
                       None if r.in_total else translate("figures.not_in_total", lang)])

    info = inv.case.info
    section("case")
    for key, value in (("standard", standard_short(inv.standard, lang)), ("gwp", inv.gwp),
                       ("reporting_year", inv.reporting_year),
                       ("consolidation", consolidation_name(info.consolidation, lang) if info.consolidation else None),
                       ("library_version", inv.library_version or None)):
        if value is not None:
            sh.append([translate(f"report.export.case.{key}", lang), value, None, None, None])
    h = figures.headline(inv)
    section("parts")
    for p in h.parts:
        sh.append([translate(p.label, lang), p.value, t_co2e, share(p.share), None])
    sh.append([translate(h.total.label, lang), h.total.value, t_co2e, 100.0, None])
    section("memo")
    for m in h.memo:
        sh.append([translate(m.label, lang), m.value, t_co2e, None, translate(m.note, lang) if m.note else None])
    section("by_source")
    breakdown(figures.by_source(inv), lambda key: source_name(key, lang))
    section("by_facility")
    names = _facility_label(inv)
    breakdown(figures.by_facility(inv), lambda key: names.get(key, key))
    section("by_gas")
    for r in figures.by_gas(inv):
        sh.append([r.key, inv.by_gas[r.key]["t"], "t", None, None])
        sh.append([r.key, r.value, t_co2e, share(r.share), None])
    if inv.iso_categories:
        section("iso_categories")
        for cat, value in inv.iso_categories.items():
            sh.append([f"{cat} {iso_category_name(cat, lang)}".strip(), value, t_co2e, None, None])
    if inv.scope3_categories:
        section("scope3_categories")
        for cat, value in inv.scope3_categories.items():
            sh.append([scope3_category(cat, lang), value, t_co2e, None, None])
    section("uncertainty")
    u = inv.uncertainty
    if u.get("total_percent") is not None:
        sh.append([label("uncertainty", lang), u["total_percent"], "%", None, None])
    sh.append([translate("report.export.lines_with_uncertainty", lang), u.get("lines_with_uncertainty", 0), None,
               None, None])
    sh.append([translate("report.export.lines_without_uncertainty", lang), u.get("lines_without", 0), None, None,
               None])
    if inv.warnings:
        section("warnings")
        for w in inv.warnings:
            sh.append([w.render(lang), None, None, None, None])
