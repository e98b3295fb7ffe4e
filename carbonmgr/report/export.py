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
import os
from pathlib import Path
from typing import Any

from carbonmgr.common.i18n import trace_notes, translate
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
    """``Results`` in English, ``Results (结果)`` in Chinese."""
    return translate("workbook.sheet_title", lang, canonical=canonical,
                     name=translate(f"report.export.sheet.{canonical}", "zh"))


def _head(field: str, lang: str, name: str | None = None) -> str:
    """A column header: the field in English, ``field [name]`` in Chinese (the name from the catalogue)."""
    if name is None:
        name = translate(f"report.export.col.{field}", "zh")
    return translate("workbook.header", lang, field=field, name=name)


def _case_for_export(case):
    """The case without result sheets left over from an earlier export."""
    out = copy.copy(case)
    out.documents = {k: v for k, v in case.documents.items() if not is_result_sheet(k)}
    return out


def export_inventory(inv, path: str | os.PathLike, lang: str = "zh") -> Path:
    """Write ``inv`` (its case and its results) to ``path`` (.xlsx), atomically."""
    from carbonmgr.io import workbook as wbmod

    lang = "zh" if lang == "zh" else "en"
    path = Path(path)
    case = _case_for_export(inv.case)
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


def _results_sheet(book, inv, lang: str, wbmod) -> None:
    zh = lang == "zh"
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
    heads += [_head(f"t {g}", lang, translate("report.export.col.gas_mass", "zh", gas=g)) for g in gas_cols]
    heads += [_head(f, lang) for f in ("factors", "factor_sources", "notes")]
    widths = [16, 6, 8, 22, 18, 12, 10, 6, 7, 13, 13, 13, 10, 12, 8, 16, 28] + [11] * len(gas_cols) + [40, 60, 40]
    sh = _Sheet(book, result_sheet_title("Results", lang), widths, wbmod)
    sh.append(heads)
    act_title = _activities_title(lang, wbmod)
    acts = inv.case.activities
    group_info: dict[int, tuple] = {}
    for gi, g in enumerate(inv.groups):
        c = g.calc
        if c is None:
            group_info[gi] = ("", "", "", "", "")
            continue
        keys = []
        sources: dict[str, None] = {}
        for f in c.factors():
            keys.append(f.key)
            sources[f.citation()] = None
        notes = translate("sep.semicolon", lang).join(n.render(lang) for n in c.notes)  # in the user's language
        group_info[gi] = (c.method, c.formula, "; ".join(keys), " | ".join(sources), notes)
    q = acts.quantity
    for i in range(len(acts)):
        gi = inv.line_group[i]
        g = inv.groups[gi]
        c = g.calc
        share = g.share
        masses = methods.per_gas(q[i], g.gas_coefficients())  # the engine's own per-gas formula and coefficients
        method, formula, keys, sources, notes = group_info[gi]
        elec = is_market_based(acts.source[i])
        row = [act_title, i + 2, acts.facility[i], source_name(acts.source[i], lang) if zh else acts.source[i],
               acts.item[i], q[i], acts.unit[i], g.scope if g.scope is not None else "",
               share, q[i] * g.line_factor,
               q[i] * g.line_factor_location if elec else None,
               q[i] * g.market_factor if elec else None,
               q[i] * c.biogenic_per_unit * share if c else 0.0,
               c.scope3_category if (c and g.scope == 3) else None, g.iso_category, method, formula]
        row += [masses.get(gas) for gas in gas_cols]
        row += [keys, sources, notes]
        sh.append(row)
    eq_title = wbmod.sheet_title("Equipment", lang) if wbmod is not None and hasattr(wbmod, "sheet_title") \
        else "Equipment"
    for j, line in enumerate(inv.extra_lines):
        tr = line["trace"]
        keys = [inp["factor"] for inp in tr["inputs"] if inp.get("factor")]
        srcs = list(dict.fromkeys(inp["source"] for inp in tr["inputs"] if inp.get("source")))
        row = [eq_title, j + 2, line["facility"], source_name(line["source"], lang) if zh else line["source"],
               line.get("item"), line["quantity"], line["unit"], line["scope"], line["share"], line["tco2e"],
               None, None, line.get("biogenic_co2", 0.0), None, line.get("iso_category"), tr["method"],
               tr["formula"]]
        row += [line["gases"].get(gas) for gas in gas_cols]
        row += ["; ".join(keys), " | ".join(srcs), translate("sep.semicolon", lang).join(trace_notes(tr, lang))]
        sh.append(row)


def _factors_sheet(book, inv, lang: str, wbmod) -> None:
    cols = ("key", "set", "item", "param", "gas", "variant", "value", "unit", "region", "year", "source", "publisher",
            "year_published", "status", "tag", "note")
    sh = _Sheet(book, result_sheet_title("Factors", lang), [40, 18, 18, 8, 8, 10, 12, 14, 8, 8, 60, 24, 8, 10, 18, 50],
                wbmod)
    sh.append([_head(f, lang, translate(f"report.export.factor_col.{f}", "zh")) for f in cols])
    used = inv.factors_used()
    for line in inv.extra_lines:
        for inp in line["trace"]["inputs"]:
            key = inp.get("factor")
            if key and key not in used:
                used[key] = {"key": key, "set": inp.get("set"), "value": inp.get("value"), "unit": inp.get("unit"),
                             "source": inp.get("source"), "status": inp.get("status"), "tag": inp.get("tag"),
                             "year": inp.get("data_year"), "year_published": inp.get("year"),
                             "param": inp.get("name")}
    for key, f in used.items():
        sh.append([key, f.get("set"), f.get("item"), f.get("param"), f.get("gas"), f.get("variant"), f.get("value"),
                   f.get("unit"), f.get("region"), f.get("year"), f.get("source"), f.get("publisher"),
                   f.get("year_published"), f.get("status"), f.get("tag"), f.get("note")])
    for gas, g in inv.gwps_used().items():
        sh.append([f"gwp/{g['set']}/{gas}", g["set"], gas, "gwp", gas, "", g["value"], "", "", "", g.get("source"),
                   "", "", "", "", ""])


def _totals_sheet(book, inv, lang: str, wbmod) -> None:
    sh = _Sheet(book, result_sheet_title("Totals", lang), [34, 44, 16, 10], wbmod)
    sh.append([_head(f, lang, translate(f"report.export.totals_col.{f}", "zh"))
               for f in ("key", "label", "value", "unit")])
    info = inv.case.info
    for key, value in (("standard", inv.standard), ("gwp", inv.gwp), ("reporting_year", inv.reporting_year),
                       ("consolidation", info.consolidation), ("library_version", inv.library_version or None)):
        if value is not None:
            sh.append([key, key, value, ""])
    names = {"total": "total_gbt" if inv.standard == "gbt32150" else "total_s12", "scope1": "scope1",
             "scope2_location": "scope2_location", "scope2_market": "scope2_market", "scope3": "scope3",
             "scope2": "scope2_reported", "exported": "exported_info" if inv.standard != "gbt32150" else None,
             "biogenic_co2": "biogenic_outside"}
    for key, value in inv.totals.items():
        lab = names.get(key)
        text = label(lab, lang) if lab else (label("exported_deducted", lang) if key == "exported" else key)
        sh.append([key, text, value, "t CO2e"])
    # the standard's parts of the total (deductions negative) and each one's share of it, in per cent
    h = figures.headline(inv)
    for p in h.parts:
        sh.append([f"figures.{p.key}", translate(p.label, lang), p.value, "t CO2e"])
        if p.share is not None:
            sh.append([f"figures.{p.key}.share", translate(p.label, lang), float(p.share), "%"])
    sh.append(["figures.total", translate(h.total.label, lang), h.total.value, "t CO2e"])
    for src, value in inv.by_source.items():
        sh.append([f"by_source.{src}", source_name(src, lang), value, "t CO2e"])
    fnames = {f.id: f.name for f in inv.case.facilities}
    for fac, value in inv.by_facility.items():
        sh.append([f"by_facility.{fac}", f"{fac} {fnames.get(fac, '')}".strip(), value, "t CO2e"])
    for gas, v in inv.by_gas.items():
        sh.append([f"by_gas.{gas}.t", gas, v["t"], "t"])
        sh.append([f"by_gas.{gas}.tco2e", gas, v["tco2e"], "t CO2e"])
    from carbonmgr.report.labels import iso_category_name

    for cat, value in inv.iso_categories.items():
        sh.append([f"iso_category.{cat}", f"{cat} {iso_category_name(cat, lang)}", value, "t CO2e"])
    for cat, value in inv.scope3_categories.items():
        sh.append([f"scope3_category.{cat}", scope3_category(cat, lang), value, "t CO2e"])
    u = inv.uncertainty
    if u.get("total_percent") is not None:
        sh.append(["uncertainty.total_percent", label("uncertainty", lang), u["total_percent"], "%"])
    sh.append(["uncertainty.lines_with", label("uncertainty", lang), u.get("lines_with_uncertainty", 0), ""])
    sh.append(["uncertainty.lines_without", label("uncertainty", lang), u.get("lines_without", 0), ""])
    for w in inv.warnings:
        sh.append(["warning", w.render(lang), None, ""])
