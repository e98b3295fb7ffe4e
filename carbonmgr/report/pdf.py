"""The PDF report (reportlab platypus): GB/T 32150, GHG Protocol and ISO 14064-1 profiles.

One TrueType CJK font (:mod:`carbonmgr.report.fonts`) is embedded and used for all text,
Latin included, so ``pdffonts`` lists only embedded fonts.  The document is built with
``multiBuild`` (a table of contents needs two passes); page numbers "Page n of N" are
written when the last pass is saved (:class:`_NumberedCanvas`).

Big inventories stay small on paper: activity data and factors are listed per group of
identical lines (the engine's groups), and the appendix prints each group's calculation
once, followed by its lines in a compact table.
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, Image, KeepTogether, LongTable,
                                NextPageTemplate, PageBreak, PageTemplate, Spacer, Table, TableStyle)
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from carbonmgr import __version__
from carbonmgr.common.i18n import translate
from carbonmgr.common.numbers import tonnes
from carbonmgr.inventory import headline as figures
from carbonmgr.inventory.model import SOURCES
from carbonmgr.io.fileio import atomic_write
from carbonmgr.inventory.notes import GREEN_RULE_NOTE, trace_notes
from carbonmgr.report.errors import ReportCancelled
from carbonmgr.report.export import is_result_sheet
from carbonmgr.report.fonts import glyph_set, register_pdf_font
from carbonmgr.report.labels import (FOREIGN_SETS, FUEL_TABLE_PARAMS, ORIGINS, consolidation_name, country_name,
                                     default_fuel_sources,
                                     is_own_guideline, iso_category_name, label, method_name, note_text, param_name,
                                     scope3_category, sector_guideline, sector_name, source_name, standard_name,
                                     standard_short, status_name)
from carbonmgr.factors.library import Factor
from carbonmgr.factors.labels import (factor_name, gwp_source_name, instrument_name, is_identifier, region_name,
                                      set_name, unit_name)
from carbonmgr.factors.labels import param_name as factor_param_name

PAGE_W, PAGE_H = A4
_HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def Paragraph(text: str, style: ParagraphStyle, *args, **kwargs) -> _Paragraph:
    """A paragraph; one holding Chinese text (a cited document's title in an English report) is
    broken as Chinese is, so that no line begins with its closing "》" (carbonmgr.report.linebreak)."""
    if style.wordWrap != "CJK" and _HAN.search(str(text)):
        twin = getattr(style, "_cjk_twin", None)
        if twin is None:
            twin = ParagraphStyle(style.name + "_cjk", parent=style, wordWrap="CJK")
            style._cjk_twin = twin
        style = twin
    return _Paragraph(text, style, *args, **kwargs)


# a run of text a line cannot break inside (no space, no Chinese character)
_WORD = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")
MARGIN_L = MARGIN_R = 18 * mm
MARGIN_T = 20 * mm
MARGIN_B = 18 * mm
CONTENT_W = PAGE_W - MARGIN_L - MARGIN_R
LONG_TABLE_ROWS = 120  # tables longer than this use LongTable
KEEP_ROWS = 18  # tables up to this many rows are not split across pages
AD_NAMES = ("FC", "AD", "M", "m")
HEAD_BG = colors.HexColor("#2f4f6f")
ZEBRA = colors.HexColor("#f2f5f8")
GRID = colors.HexColor("#b4bcc6")
ACCENT = colors.HexColor("#1f3f5f")
PLACEHOLDER_HEX = "#b03a2e"

# Case keys (Case sheet) the report reads; anything else in CaseInfo.extra is listed as "other".
INFO_KEYS = ("company", "credit_code", "entity_type", "industry", "legal_representative", "responsible_person",
             "contact", "address", "description")
QA_KEYS = {
    "qa_responsible": ("qa_responsible", "responsible_staff", "qa_staff"),
    "qa_monitoring_plan": ("monitoring_plan",),
    "qa_records": ("records", "data_records"),
    "qa_archiving": ("archiving", "archive"),
    "qa_audit": ("internal_audit", "audit"),
}
OTHER_KEYS = ("reporting_period", "recalculation_policy", "exclusions", "verification", "intended_use",
              "report_date", "reporter")
CALC_KEYS = ("grid_year", "ipcc_sector")
ALIASES = {"responsible_person": ("responsible_person", "reporter", "填报负责人")}


# ----------------------------------------------------------------------------------- numbers
def fmt_t(value: float, standard: str) -> str:
    """Emissions as printed in tables: whole tonnes under GB/T 32150, else two decimals (the one
    rounding rule of :func:`carbonmgr.common.numbers.tonnes`)."""
    return tonnes(value, None, standard=standard)


def fmt_line(value: float) -> str:
    return tonnes(value, 2)


def fmt_share(share) -> str:
    """A share of the total (per cent, already rounded so that the rows add up to 100)."""
    return "—" if share is None else f"{share:.1f}"


def fmt_sig(value: float | None, sig: int = 6) -> str:
    """A number with up to ``sig`` significant digits, never in scientific notation."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    mag = math.floor(math.log10(abs(value)))
    decimals = max(0, sig - 1 - mag)
    text = f"{value:,.{min(decimals, 12)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_pct(share: float, lang: str) -> str:
    text = fmt_sig(share * 100, 4)
    return translate("fmt.percent", lang, value=text)


# ----------------------------------------------------------------------------------- document
class _Doc(BaseDocTemplate):
    """A4 document: a cover page, then body pages with a header and "Page n of N".

    N is the page count of the previous layout pass (``multiBuild`` makes at least two and
    stops when the headings land on the same pages twice, so the count is settled); the
    writer checks it against the final count and lays out again in the rare case it is not.
    """

    def __init__(self, filename, *, font: str, report_lang: str, header_left: str, header_right: str,
                 total_hint: int | None = None, **kw):
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
                         bottomMargin=MARGIN_B, **kw)
        self.cm_font, self.cm_lang = font, report_lang
        self.cm_header = (header_left, header_right)
        self.total_hint = total_hint
        self.pages_done = 0
        frame = Frame(MARGIN_L, MARGIN_B, CONTENT_W, PAGE_H - MARGIN_T - MARGIN_B, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [frame]),
                               PageTemplate("body", [frame], onPage=self._decorate)])

    def beforeDocument(self):
        if self.pages_done:
            self.total_hint = self.pages_done
        self.pages_done = 0

    def afterPage(self):
        self.pages_done = self.page

    def _decorate(self, canv, doc):
        canv.saveState()
        canv.setFont(self.cm_font, 8)
        canv.setFillColor(colors.HexColor("#555555"))
        total = self.total_hint if self.total_hint else "?"
        canv.drawCentredString(PAGE_W / 2, 10 * mm, label("page_of", self.cm_lang, n=doc.page, total=total))
        left, right = self.cm_header
        canv.drawString(MARGIN_L, PAGE_H - 12 * mm, left)
        canv.drawRightString(PAGE_W - MARGIN_R, PAGE_H - 12 * mm, right)
        canv.setStrokeColor(colors.HexColor("#9aa5b1"))
        canv.setLineWidth(0.4)
        canv.line(MARGIN_L, PAGE_H - 13.5 * mm, PAGE_W - MARGIN_R, PAGE_H - 13.5 * mm)
        canv.restoreState()

    def afterFlowable(self, flowable):
        key = getattr(flowable, "_cm_key", None)
        if key is None:
            return
        level, toc = flowable._cm_level, flowable._cm_toc
        text = flowable.getPlainText()
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level >= 1)
        if toc:
            self.notify("TOCEntry", (level, escape(text), self.page, key))


# ----------------------------------------------------------------------------------- builder
class ReportBuilder:
    """Builds the story (the list of flowables) of one report."""

    def __init__(self, inv, lang: str = "zh", standard: str | None = None):
        self.inv = inv
        self.lang = "zh" if lang == "zh" else "en"
        self.std = standard or inv.standard
        self.case = inv.case
        self.info = inv.case.info
        self.extra = dict(inv.case.info.extra)
        self.font = register_pdf_font()
        self._glyphs = glyph_set()
        self._fixes: dict[str, str] = {}
        self.styles = self._make_styles()
        self.story: list = []
        self._h = [0, 0]
        self._key = 0
        self.facility_names = {f.id: f.name for f in self.case.facilities}
        self.chart_count = 0
        self._lib = None
        self._groups = self._sorted_groups()
        self._sticky: int | None = None
        self.refs: OrderedDict[str, int] = OrderedDict()
        self.colon = translate("sep.colon", self.lang)

    def ref(self, citation: str) -> int:
        """The number of a source document in the list of factor sources."""
        n = self.refs.get(citation)
        if n is None:
            n = self.refs[citation] = len(self.refs) + 1
        return n

    # ------------------------------------------------------------------ helpers
    def L(self, key: str, **params) -> str:
        return label(key, self.lang, **params)

    def _make_styles(self) -> dict[str, ParagraphStyle]:
        f = self.font
        cjk = "CJK" if self.lang == "zh" else None
        base = dict(fontName=f, wordWrap=cjk, splitLongWords=1)
        s = {
            "body": ParagraphStyle("body", fontSize=9.5, leading=14.5, spaceAfter=4, **base),
            "small": ParagraphStyle("small", fontSize=8, leading=11, textColor=colors.HexColor("#444444"),
                                    spaceBefore=2, spaceAfter=3, **base),
            "cell": ParagraphStyle("cell", fontSize=7.8, leading=10, **base),
            "ref": ParagraphStyle("ref", fontSize=8, leading=11, leftIndent=7 * mm, firstLineIndent=-7 * mm,
                                  spaceAfter=2, **base),
            "cell_in": ParagraphStyle("cell_in", fontSize=7.8, leading=10, leftIndent=5 * mm, **base),
            "cell_r": ParagraphStyle("cell_r", fontSize=7.8, leading=10, alignment=TA_RIGHT, **base),
            "head": ParagraphStyle("head", fontSize=7.8, leading=10, textColor=colors.white, **base),
            "head_r": ParagraphStyle("head_r", fontSize=7.8, leading=10, textColor=colors.white, alignment=TA_RIGHT,
                                     **base),
            "h1": ParagraphStyle("h1", fontSize=15, leading=20, spaceBefore=6, spaceAfter=8, textColor=ACCENT,
                                 **base),
            "h2": ParagraphStyle("h2", fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4, textColor=ACCENT,
                                 **base),
            "h3": ParagraphStyle("h3", fontSize=9.8, leading=13.5, spaceBefore=7, spaceAfter=3, textColor=ACCENT,
                                 **base),
            "title": ParagraphStyle("title", fontSize=24, leading=32, alignment=TA_CENTER, textColor=ACCENT,
                                    spaceAfter=10, **base),
            "subtitle": ParagraphStyle("subtitle", fontSize=12.5, leading=18, alignment=TA_CENTER, spaceAfter=6,
                                       **base),
            "cover_small": ParagraphStyle("cover_small", fontSize=9, leading=13, alignment=TA_CENTER,
                                          textColor=colors.HexColor("#555555"), **base),
            "caption": ParagraphStyle("caption", fontSize=8.5, leading=12, alignment=TA_CENTER, spaceAfter=6,
                                      textColor=colors.HexColor("#333333"), **base),
            "toc_title": ParagraphStyle("toc_title", fontSize=15, leading=20, spaceAfter=10, textColor=ACCENT,
                                        **base),
            "toc0": ParagraphStyle("toc0", fontSize=10.5, leading=16, leftIndent=6 * mm, firstLineIndent=-6 * mm,
                                   **base),
            "toc1": ParagraphStyle("toc1", fontSize=9.2, leading=13, leftIndent=14 * mm, firstLineIndent=-6 * mm,
                                   textColor=colors.HexColor("#333333"), **base),
        }
        return s

    def tx(self, value: Any) -> str:
        """Text for Paragraph markup: escaped, with characters the font lacks replaced."""
        text = _typeset("" if value is None else str(value))
        if not text.isascii():
            fixed = self._fixes.get(text)
            if fixed is None:
                fixed = "".join(ch if ord(ch) < 128 or ord(ch) in self._glyphs else _FALLBACK.get(ch, "?")
                                for ch in text)
                if len(self._fixes) < 20000:
                    self._fixes[text] = fixed
            text = fixed
        return escape(text)

    def plain(self, value: Any) -> str:
        """Text for a plain table cell (no markup)."""
        text = _typeset("" if value is None else str(value))
        if text.isascii():
            return text
        return "".join(ch if ord(ch) in self._glyphs else _FALLBACK.get(ch, "?") for ch in text)

    def p(self, text: str, style: str = "body", raw: bool = False) -> _Paragraph:
        return Paragraph(text if raw else self.tx(text), self.styles[style])

    def heading(self, text: str, level: int = 0, toc: bool = True, number: bool = True) -> None:
        if level <= 1 and number:
            if level == 0:
                self._h[0] += 1
                self._h[1] = 0
                text = f"{self._h[0]}  {text}"
            else:
                self._h[1] += 1
                text = f"{self._h[0]}.{self._h[1]}  {text}"
        style = ("h1", "h2", "h3")[level]
        para = self.p(text, style)
        self._key += 1
        para._cm_key = f"h{self._key}"
        para._cm_level = level if level < 2 else 1
        para._cm_toc = toc and level <= 1
        need = (45, 32, 28)[level] * mm
        prev = self._sticky
        if prev is not None and len(self.story) == prev + 1 and isinstance(self.story[prev - 1], CondPageBreak):
            # right under another heading: the space both need, so that neither is left at a page's foot
            self.story[prev - 1] = CondPageBreak(self.story[prev - 1].height + need)
        else:
            self.story.append(CondPageBreak(need))
        self._sticky = len(self.story)
        self.story.append(para)

    def put(self, table) -> None:
        """Append a table; a short one is kept on one page, together with the heading just before it."""
        rows = len(getattr(table, "_cellvalues", ())) or 99
        sticky = self._sticky
        self._sticky = None
        if rows <= KEEP_ROWS:
            _w, height = table.wrap(CONTENT_W, PAGE_H)
            if height > 95 * mm:  # a tall table may split rather than leave half a page empty
                rows = KEEP_ROWS + 1
        if rows > KEEP_ROWS:
            self.story.append(table)
            return
        if sticky is not None and len(self.story) - sticky <= 3:
            items = self.story[sticky:]
            del self.story[sticky:]
            self.story.append(KeepTogether(items + [table]))
        else:
            self.story.append(KeepTogether([table]))

    def placeholder(self, hint_key: str | None = None) -> str:
        ph = self.tx(self.L("placeholder"))
        hint = f" {self.tx(self.L(hint_key))}" if hint_key else ""
        return f'<font color="{PLACEHOLDER_HEX}">{ph}{hint}</font>'

    def _fit_words(self, col_w: list[float], rows: list[list]) -> list[float]:
        """``col_w`` with each column at least as wide as the longest word of its cells (a unit such as
        "kg/room-night" is never cut between two letters), the width taken from the columns with room
        to spare; Chinese text breaks between any two characters and needs no more."""
        need = [0.0] * len(col_w)
        for row in rows:
            for i, v in enumerate(row[:len(col_w)]):
                if v is None or isinstance(v, (_Paragraph, Image, Table)):
                    continue
                for word in _WORD.findall(self.plain(v)):
                    need[i] = max(need[i], stringWidth(word, self.font, 7.8) + 6.5)
        short = sum(max(0.0, n - w) for n, w in zip(need, col_w))
        spare = [max(0.0, w - n) for n, w in zip(need, col_w)]
        if short <= 0 or not sum(spare):
            return col_w
        room = sum(spare)
        take = min(1.0, short / room)  # of each column's spare width
        grow = min(1.0, room / short)  # of each short column's lack (all of it when there is room)
        return [w + (n - w) * grow if n > w else w - s * take for w, n, s in zip(col_w, need, spare)]

    def table(self, header: list[str], rows: list[list], widths: list[float], right: tuple[int, ...] = (),
              plain_cols: tuple[int, ...] = (), bold_rows: tuple[int, ...] = (), head_rows: int = 1,
              zebra: bool = True, total_rows: tuple[int, ...] = ()) -> Table:
        """A table with a repeated header row; text cells wrap (Paragraphs), numbers stay plain."""
        st = self.styles
        total = sum(widths)
        col_w = self._fit_words([w * CONTENT_W / total for w in widths], [header or [], *rows])
        data = []
        if header:
            data.append([Paragraph(self.tx(h), st["head_r" if i in right else "head"]) for i, h in enumerate(header)])
        for row in rows:
            cells = []
            for i, v in enumerate(row):
                if isinstance(v, (_Paragraph, Image, Table)):
                    cells.append(v)
                elif i in right or i in plain_cols:
                    text = self.plain(v)
                    if stringWidth(text, self.font, 7.8) > col_w[i] - 6:  # too wide to stand plain: wrap it
                        cells.append(Paragraph(self.tx(v), st["cell_r" if i in right else "cell"]))
                    else:
                        cells.append(text)
                else:
                    cells.append(Paragraph(self.tx(v), st["cell"]))
            data.append(cells)
        cls = LongTable if len(data) > LONG_TABLE_ROWS else Table
        t = cls(data, colWidths=col_w, repeatRows=head_rows if header else 0, hAlign="LEFT")
        cmds = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), 7.8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.35, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ]
        if header:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white)]
        first = 1 if header else 0
        if zebra and len(data) > first + 1:
            cmds.append(("ROWBACKGROUNDS", (0, first), (-1, -1), [colors.white, ZEBRA]))
        for i in right:
            cmds.append(("ALIGN", (i, first), (i, -1), "RIGHT"))
        for r in total_rows:
            cmds += [("BACKGROUND", (0, r + first), (-1, r + first), colors.HexColor("#dfe7ef")),
                     ("LINEABOVE", (0, r + first), (-1, r + first), 0.8, ACCENT)]
        t.setStyle(TableStyle(cmds))
        return t

    def kv(self, rows: list[tuple[str, str]], raw_values: bool = False) -> Table:
        """A two-column key/value table; values may be markup (``raw_values``)."""
        st = self.styles
        data = [[Paragraph(self.tx(k), st["cell"]), Paragraph(v if raw_values else self.tx(v), st["cell"])]
                for k, v in rows]
        t = Table(data, colWidths=[48 * mm, CONTENT_W - 48 * mm], hAlign="LEFT")
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.35, GRID),
            ("BACKGROUND", (0, 0), (0, -1), ZEBRA),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        return t

    def gap(self, h: float = 3) -> None:
        self.story.append(Spacer(1, h * mm))

    # ------------------------------------------------------------------ data helpers
    @property
    def lib(self):
        if self._lib is None:
            from carbonmgr.factors.library import default_library

            self._lib = default_library()
        return self._lib

    def facility(self, fac_id: str) -> str:
        name = self.facility_names.get(fac_id) or ""
        return f"{fac_id} {name}".strip()

    def item_name(self, item_text: str, item_id: str | None) -> str:
        """The item in the report's language: a library item by its name when the line names it by
        its id or by one of its spellings; a name of the user's own as written."""
        if item_id and (not item_text or item_text == item_id or self._spells(item_text, item_id)):
            try:
                item = self.lib.item(item_id)
            except Exception:  # noqa: BLE001 - a name is a nicety
                item = None
            if item is not None:
                return item.name(self.lang)
        return item_text or (item_id or "—")

    def _spells(self, text: str, item_id: str) -> bool:
        try:
            item = self.lib.resolve_item(text)
        except Exception:  # noqa: BLE001 - a name is a nicety
            return False
        return item is not None and item.id == item_id

    def x(self, *keys: str) -> str | None:
        for k in keys:
            v = self.extra.get(k)
            if v not in (None, ""):
                return str(v)
        return None

    def _sorted_groups(self):
        order = {s: i for i, s in enumerate(SOURCES)}
        groups = [g for g in self.inv.groups if g.calc is not None]
        return sorted(groups, key=lambda g: (order.get(g.source, 99), _natural(g.facility), g.index))

    def option_values(self, name: str, lines: list[int], limit: int = 3) -> str:
        col = self.case.activities.options.get(name)
        if col is None:
            return ""
        seen: OrderedDict[str, None] = OrderedDict()
        for i in lines:
            v = col[i]
            if v not in (None, ""):
                seen[str(v)] = None
                if len(seen) > limit:
                    break
        vals = list(seen)
        if len(vals) > limit:
            vals = vals[:limit] + ["…"]
        return translate("sep.semicolon", self.lang).join(vals)

    def rows_text(self, rows: list[int], limit: int = 30) -> str:
        rows = sorted(rows)
        parts, start, prev = [], None, None
        for r in rows:
            if start is None:
                start = prev = r
            elif r == prev + 1:
                prev = r
            else:
                parts.append(f"{start}–{prev}" if prev != start else str(start))
                start = prev = r
        if start is not None:
            parts.append(f"{start}–{prev}" if prev != start else str(start))
        if len(parts) > limit:
            parts = parts[:limit] + ["…"]
        return ", ".join(parts)

    def group_trace(self, g) -> dict:
        from carbonmgr.inventory.engine import trace

        return trace(g.calc, g.qty_sum, g.unit, g.share, g)

    def status(self, s: str | None) -> str:
        return status_name(s, self.lang)

    def unit(self, unit: str | None) -> str:
        return unit_name(unit, self.lang)

    def input_name(self, name: str) -> str:
        """A calculation input for the factor table: its symbol and its name ("NCV net calorific
        value"); an input named by an id (``k_install``) by its name only."""
        if is_identifier(name):
            return factor_param_name(name, self.lang)
        pname = param_name(name, self.lang, by_prefix=True)
        return f"{name} {pname}".strip() if pname and pname != name else name

    def input_symbol(self, name: str, method: str = "") -> str:
        """The symbol column of an appendix table: formula symbols as they are (NCV, EF_CH4); an
        input named by an id (``operating_capacity``) by its symbol in the formula (C_op), else
        by its name."""
        if not is_identifier(name):
            return name
        if name == "disposed_capacity" and method == "refrigerant_simplified_material_balance":
            return "Cap_disp"
        return _EQUIPMENT_SYMBOLS.get(name) or factor_param_name(name, self.lang)

    def consolidation(self) -> str:
        return consolidation_name(self.info.consolidation, self.lang)

    def standard_name(self) -> str:
        return standard_name(self.std, self.lang)

    def t(self, value: float) -> str:
        return fmt_t(value, self.std)

    # ------------------------------------------------------------------ story
    def build_story(self) -> list:
        self.cover()
        self.toc()
        if self.std == "gbt32150":
            self.gbt_sections()
        else:
            self.intl_sections()
        from carbonmgr.report.compliance import compliance_section

        compliance_section(self)  # carbon trading: only when the case has ETS data
        self.appendix()
        return self.story

    def cover(self) -> None:
        inv, info = self.inv, self.info
        company = self.x("company") or info.title or "—"
        self.gap(35)
        self.story.append(self.p(self.L("report_title"), "title"))
        self.story.append(self.p(self.L(f"report_subtitle_{self.std}"), "subtitle"))
        self.gap(14)
        total_key = "total_gbt" if self.std == "gbt32150" else "total_s12"
        rows = [
            (self.L("reporting_entity"), company),
            (self.L("reporting_year"), str(inv.reporting_year or "—")),
            (self.L("standard"), self.standard_name()),
            (self.L("consolidation"), self.consolidation()),
            (self.L("gwp_set"), inv.gwp),
            (self.L(total_key), f"{self.t(inv.totals['total'])} t CO2e"),
            (self.L("report_date"), self.x("report_date") or _dt.date.today().isoformat()),
        ]
        if info.title and info.title != company:
            rows.insert(1, (self.L("case_title"), info.title))
        t = self.kv(rows)
        self.story.append(t)
        self.gap(40)
        self.story.append(self.p(self.L("prepared_with", version=__version__), "cover_small"))
        self.story.append(NextPageTemplate("body"))
        self.story.append(PageBreak())

    def toc(self) -> None:
        self.story.append(self.p(self.L("toc"), "toc_title"))
        toc_style = TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        toc = TableOfContents(levelStyles=[self.styles["toc0"], self.styles["toc1"]], dotsMinLevel=0,
                              tableStyle=toc_style)
        self.story.append(toc)
        self.story.append(PageBreak())

    # ================================================================== GB/T 32150
    def gbt_sections(self) -> None:
        self.section_basic_info(gbt=True)
        self.section_gbt_emissions()
        self.section_activity_data()
        self.section_factors(gbt=True)
        self.section_gbt_other()
        self.section_qa()

    def info_rows(self, gbt: bool) -> list[tuple[str, str]]:
        info = self.info
        ph = self.placeholder()
        rows = [
            (self.L("company"), self.tx(self.x("company") or info.title or "—")),
            (self.L("credit_code"), self.tx(self.x("credit_code")) if self.x("credit_code") else ph),
        ]
        if gbt:
            rows.append((self.L("entity_type"), self.tx(self.x("entity_type")) if self.x("entity_type") else ph))
        for key in ("industry", "legal_representative"):
            rows.append((self.L(key), self.tx(self.x(key)) if self.x(key) else ph))
        resp = self.x(*ALIASES["responsible_person"])
        rows.append((self.L("responsible_person" if gbt else "responsible_person_int"),
                     self.tx(resp) if resp else ph))
        for key in ("contact", "address"):
            rows.append((self.L(key), self.tx(self.x(key)) if self.x(key) else ph))
        rows += [
            (self.L("reporting_year"), self.tx(info.reporting_year or "—")),
            (self.L("standard"), self.tx(self.standard_name())),
            (self.L("consolidation"), self.tx(self.consolidation())),
            (self.L("gwp_set"), self.tx(self.inv.gwp)),
        ]
        rows += self.guideline_rows()
        if info.base_year:
            rows.append((self.L("base_year"), self.tx(info.base_year)))
        known = set(INFO_KEYS) | set(CALC_KEYS) | set(OTHER_KEYS) | {k for v in QA_KEYS.values() for k in v} | \
            set(ALIASES["responsible_person"])
        for key, value in self.extra.items():
            if key not in known and value not in (None, ""):
                rows.append((str(key), self.tx(value)))
        return rows

    def fuel_defaults(self) -> list[Factor]:
        """One library factor per document that gave a line's fuel parameters by default (NCV, carbon
        content, oxidation rate ...: the default fuel table of a guideline), in the order of the lines."""
        docs: OrderedDict[str, Factor] = OrderedDict()
        for g in self._groups:
            for inp in g.calc.inputs:
                f = inp.factor
                if f is not None and inp.origin == "library" and f.param in FUEL_TABLE_PARAMS:
                    docs.setdefault(f.source, f)
        return list(docs.values())

    def guideline_rows(self) -> list[tuple[str, str]]:
        """The sector's guideline and the documents whose default fuel tables the lines used: the
        same documents that the parameter table and the list of sources cite for those lines.  When
        the library does not hold the sector guideline's own table, the report says so and names
        the document used instead."""
        info = self.info
        used = self.fuel_defaults()
        if used:
            named = "<br/>".join(f"[{self.ref(f.citation())}] {self.tx(f.source)}" for f in used)
            sources = [f.source for f in used]
        else:  # no fuel line takes a default: the table the sector's lines would take
            sources = default_fuel_sources(self.lib, info.sector, info.factor_set)
            named = "<br/>".join(self.tx(s) for s in sources) or self.tx("—")
        rows = [(self.L("sector"), self.tx(sector_name(info.sector, self.lang))),
                (self.L("sector_guideline_own"), self.tx(sector_guideline(info.sector, self.lang))),
                (self.L("sector_guideline"), named)]
        own = [s for s in sources if is_own_guideline(info.sector, s)]
        others = [s for s in sources if not is_own_guideline(info.sector, s)]
        if info.factor_set and used:
            rows.append(("", self.tx(self.L("sector_table_chosen", set=set_name(info.factor_set, self.lang)))))
        elif others:
            key = "sector_table_partly" if own else "sector_table_not_held"
            rows.append(("", self.tx(self.L(key, guideline=sector_guideline(info.sector, self.lang),
                                            used=translate("sep.list", self.lang).join(_doc_title(s, 80)
                                                                                      for s in others)))))
        return rows

    def facility_table(self) -> Table:
        lang = self.lang
        header = [self.L("facility_id"), self.L("facility_name"), self.L("region"), self.L("equity_share"),
                  self.L("financial_control"), self.L("operational_control"), self.L("share_included")]
        rows = []
        for f in self.case.facilities:
            fc = {"yes": self.L("yes"), "no": self.L("no"), "joint": self.L("joint")}.get(f.financial_control,
                                                                                         f.financial_control)
            rows.append([f.id, f.name or "—", region_name(f.region, lang) or "—", fmt_pct(f.equity_share, lang), fc,
                         self.L("yes") if f.operational_control else self.L("no"),
                         fmt_pct(f.share(self.info.consolidation), lang)])
        return self.table(header, rows, [12, 40, 18, 16, 16, 16, 16], right=(3, 6))

    def section_basic_info(self, gbt: bool) -> None:
        self.heading(self.L("gbt_s1"))
        self.put(self.kv(self.info_rows(gbt), raw_values=True))
        desc = self.x("description")
        if desc:
            self.heading(self.L("gbt_s1_profile"), 1)
            self.story.append(self.p(desc))
        self.heading(self.L("gbt_s1_facilities"), 1)
        self.story.append(self.p(self.L("consolidation_text", approach=self.consolidation())))
        self.put(self.facility_table())

    def F(self, message_id: str, **params) -> str:
        """A label of the headline figures (``figures.*``) in the report's language."""
        return translate(message_id, self.lang, **params)

    def share_header(self, total: float) -> str:
        return self.F("figures.share_of_total") + " (%)"

    def section_gbt_emissions(self) -> None:
        inv, t = self.inv, self.inv.totals
        h = figures.headline(inv)
        parts = {p.key: p for p in h.parts}
        memo = {m.key: m for m in h.memo}
        self.heading(self.L("gbt_s2"))
        company = self.x("company") or self.info.title
        intro = self.L("gbt_s2_intro", company=company, year=inv.reporting_year or self.L("year_missing"),
                       total=self.t(h.total.value), fuel=self.t(parts["fuel_combustion"].value),
                       energy=self.t(memo["net_electricity"].value + memo["net_heat"].value),
                       purchased=self.t(parts["purchased_electricity"].value + parts["purchased_heat"].value),
                       exported=self.t(-(parts["exported_electricity"].value + parts["exported_heat"].value)))
        self.story.append(self.p(intro))
        self.heading(self.L("gbt_s2_by_source"), 1)
        rows, total_row = [], None
        for p in h.parts:
            rows.append([self.F(p.label), self.t(p.value), fmt_share(p.share)])
            if p.key == "fuel_combustion":
                for sub in ("fuel_stationary", "fuel_mobile"):
                    m = memo[sub]
                    rows.append([Paragraph(self.tx(self.F(m.label)), self.styles["cell_in"]), self.t(m.value),
                                 ""])
        total_row = len(rows)
        rows.append([self.F(h.total.label), self.t(h.total.value), "100.0"])
        for key in ("net_electricity", "net_heat"):
            m = memo[key]
            rows.append([self.F(m.label), self.t(m.value), ""])
        rows.append([self.L("biogenic_separate"), self.t(t["biogenic_co2"]), self.F("figures.not_in_total")])
        self.put(self.table([self.L("category"), "t CO2e", self.share_header(h.total.value)], rows, [56, 20, 24],
                            right=(1, 2), total_rows=(total_row,)))
        self.story.append(self.p(self.L("rounding_note") + " " + self.F("figures.shares_note"), "small"))
        if any(g.cn_factor is not None for g in inv.groups):
            self.story.append(self.p(self.L("green_rule_note"), "small"))
        self.heading(self.L("gbt_s2_by_gas"), 1)
        self.put(self.gas_table())
        self.heading(self.L("gbt_s2_by_facility"), 1)
        self.put(self.facility_emissions_table())
        self.heading(self.L("gbt_s2_reference"), 1)
        ref = [[self.F(memo[k].label), self.t(memo[k].value), self.F(memo[k].note)]
               for k in ("scope1", "scope2", "scope2_location", "scope2_market", "scope3")]
        self.put(self.table(["", "t CO2e", ""], ref, [46, 18, 36], right=(1,)))
        if t["scope3"]:
            self.story.append(self.p(self.L("scope3_not_in_total"), "small"))
        self.heading(self.L("gbt_s2_charts"), 1)
        self.charts()

    def gas_table(self) -> Table:
        rows = []
        shares = {r.key: r.share for r in figures.by_gas(self.inv)}
        for gas, v in self.inv.by_gas.items():
            name = self.L("co2e_only") if gas == "CO2e" else gas
            rows.append([name, "—" if gas == "CO2e" else fmt_sig(v["t"], 6), self.t(v["tco2e"]),
                         fmt_share(shares.get(gas))])
        if not rows:
            rows.append([self.L("none"), "", "", ""])
        return self.table([self.L("gas"), self.L("mass_t"), "t CO2e", self.share_header(self.inv.totals["total"])],
                          rows, [28, 22, 22, 28], right=(1, 2, 3))

    def facility_emissions_table(self) -> Table:
        rows = []
        shares = {f.id: f.share(self.info.consolidation) for f in self.case.facilities}
        of_total = {r.key: r.share for r in figures.by_facility(self.inv)}
        for fac, v in self.inv.by_facility.items():
            rows.append([self.facility(fac), fmt_pct(shares.get(fac, 1.0), self.lang), self.t(v),
                         fmt_share(of_total.get(fac))])
        return self.table([self.L("facility"), self.L("share_included"), "t CO2e",
                           self.share_header(self.inv.totals["total"])], rows, [40, 16, 18, 26], right=(1, 2, 3))

    # ------------------------------------------------------------------ charts
    def charts(self) -> None:
        from carbonmgr.report import charts as ch

        figs = [(ch.chart_by_category, ch.category_chart_key(self.inv.standard)), (ch.chart_by_source, "chart_source"),
                (ch.chart_by_facility, "chart_facility"), (ch.chart_by_gas, "chart_gas")]
        h = figures.headline(self.inv)
        sticky, self._sticky = self._sticky, None  # the section's heading goes with its first chart
        for fn, key in figs:
            fig = fn(self.inv, self.lang, title=False)
            w_in, h_in = fig.get_size_inches()
            png = ch.figure_png(fig, dpi=200)
            self.chart_done()
            width = CONTENT_W * 0.8
            img = Image(io.BytesIO(png), width=width, height=width * h_in / w_in)
            self.chart_count += 1
            cap = self.p(self.L("chart_caption_total", n=self.chart_count, title=self.L(key), total=self.F(h.total.label),
                                value=self.t(h.total.value)), "caption")
            block = [img, cap]
            if sticky is not None and len(self.story) - sticky <= 1:
                block = self.story[sticky:] + block
                del self.story[sticky:]
            sticky = None
            self.story.append(KeepTogether(block))

    def chart_done(self) -> None:  # replaced by the writer to report progress
        pass

    # ------------------------------------------------------------------ activity data
    def section_activity_data(self) -> None:
        self.heading(self.L("gbt_s3"))
        self.story.append(self.p(self.L("activity_intro")))
        self.put(self.activity_table())

    def activity_table(self) -> Table:
        header = [self.L("facility"), self.L("source"), self.L("item"), self.L("quantity"), self.L("unit"),
                  self.L("lines_count"), self.L("evidence"), self.L("line_note"), "t CO2e"]
        rows = []
        for g in self._groups:
            rows.append([self.facility(g.facility), source_name(g.source, self.lang),
                         self.item_name(g.item, g.calc.item_id), fmt_sig(g.qty_sum, 8), self.unit(g.unit),
                         str(len(g.lines)),
                         self.option_values("evidence", g.lines) or "—", self.option_values("note", g.lines) or "",
                         self.t(g.tco2e)])
        for line in self.inv.extra_lines:
            rows.append([self.facility(line["facility"]), source_name(line["source"], self.lang),
                         self.item_name(line.get("item"), line.get("item_id")), fmt_sig(line["quantity"], 6),
                         self.unit(line["unit"]), "1",
                         self.L("equipment_row", row=line["row"]),
                         method_name(line["trace"]["method"], self.lang),
                         self.t(line["tco2e"])])
        return self.table(header, rows, [17, 12, 14, 13, 11, 6, 16, 16, 10], right=(3, 5, 8))

    # ------------------------------------------------------------------ factors
    def factor_rows(self) -> list[list]:
        rows: list[list] = []
        seen: dict[tuple, int] = {}
        line_rows: dict[int, list[int]] = {}
        acts = self.case.activities
        for g in self._groups:
            calc = g.calc
            what = f"{source_name(g.source, self.lang)} · {self.item_name(g.item, calc.item_id)}"
            for inp in calc.inputs:
                if inp.origin == "line" and inp.name in AD_NAMES:
                    continue
                if inp.name == "GWP":
                    continue
                f = inp.factor
                key = (what, inp.name, inp.value, inp.unit, f.key if f else inp.origin)
                rows_of_group = [acts.row[i] for i in g.lines]
                if key in seen:
                    if inp.origin == "line":
                        line_rows[seen[key]].extend(rows_of_group)
                    continue
                pname = self.input_name(inp.name)
                if f is not None:
                    src = f"[{self.ref(f.citation())}] {_doc_title(f.source, 120)}"
                    reason = self.L("reason_library", set=set_name(f.set, self.lang), status=self.status(f.status))
                    if f.year:
                        src = f"{src} ({f.year})"
                elif inp.origin == "line":
                    src = self.L("origin_line")
                    reason = None
                elif inp.origin == "case":
                    src, reason = self.L("origin_case"), self.L("reason_case")
                else:
                    src, reason = inp.note or self.L("origin_constant"), self.L("reason_constant")
                idx = len(rows)
                seen[key] = idx
                if inp.origin == "line":
                    line_rows[idx] = list(rows_of_group)
                rows.append([what, pname, fmt_sig(inp.value, 6), self.unit(inp.unit), src, reason])
        for idx, rws in line_rows.items():
            rows[idx][5] = self.L("reason_line", rows=self.rows_text(rws, 10))
        for line in self.inv.extra_lines:
            what = f"{source_name('fugitive', self.lang)} · {self.item_name(line.get('item'), line.get('item_id'))}"
            for inp in line["trace"]["inputs"]:
                if inp.get("origin") == "line" or inp.get("name") == "GWP":
                    continue
                key = (what, inp["name"], inp["value"], inp.get("unit"), inp.get("factor"))
                if key in seen:
                    continue
                seen[key] = len(rows)
                pname = self.input_name(inp["name"])
                cite = inp.get("source", "")
                src = f"[{self.ref(cite)}] {_doc_title(cite, 120)}" if cite else ""
                rows.append([what, pname, fmt_sig(inp["value"], 6), self.unit(inp.get("unit", "")), src,
                             self.L("reason_library", set=set_name(inp.get("set", ""), self.lang),
                                    status=self.status(inp.get("status")))])
        return rows

    def factor_table(self) -> Table:
        header = [self.L("source") + " · " + self.L("item"), self.L("parameter"), self.L("value"), self.L("unit"),
                  self.L("source_doc"), self.L("reason")]
        rows = self.factor_rows()
        if not rows:
            rows = [[self.L("none"), "", "", "", "", ""]]
        return self.table(header, rows, [16, 15, 9, 11, 25, 24], right=(2,), plain_cols=())

    def references(self) -> None:
        """The numbered list of the documents the factors come from."""
        self.heading(self.L("factor_sources"), 1)
        for cite, n in self.refs.items():
            self.story.append(self.p(f"[{n}] {_tidy_citation(cite)}", "ref"))

    def foreign_factor_texts(self) -> list[str]:
        """Under GB/T 32150, each group of lines whose factor a document of another country publishes
        (the UK or US government's conversion factors, a US default table): which country's factor was
        used, from which document, and why (the line or the case names that document's set; no Chinese
        document in the library publishes a factor for the item)."""
        out: list[str] = []
        acts = self.case.activities
        sep = translate("sep.list", self.lang)

        def text(what, rows, used, item_id, named_by_line):
            name, factor_set, region, source, citation = used[0][1:]
            chinese = [s for s in self.lib.sets_of_item.get(item_id or "", []) if s.startswith("cn_")]
            why = [self.L("foreign_why_line")] if named_by_line else \
                [self.L("foreign_why_case")] if self.info.factor_set == factor_set else []
            if not chinese:
                why.append(self.L("foreign_why_no_chinese"))
            elif not why:
                why.append(self.L("foreign_why_chain"))
            values = sep.join(f"{self.input_symbol(n)} {v}" for v, n, *_ in used)
            return self.L("foreign_factor", what=what, where=rows, country=country_name(FOREIGN_SETS[factor_set],
                                                                                       self.lang),
                          region=country_name(region or FOREIGN_SETS[factor_set], self.lang),
                          doc=f"[{self.ref(citation)}] {_doc_title(source, 90)}", values=values,
                          why=translate("sep.semicolon", self.lang).join(why))

        for g in self._groups:
            used = [(f"{fmt_sig(i.value, 6)} {self.unit(i.unit)}", i.name, i.factor.set, i.factor.region,
                     i.factor.source, i.factor.citation())
                    for i in g.calc.inputs
                    if i.factor is not None and i.origin == "library" and i.factor.set in FOREIGN_SETS]
            if used:
                what = f"{source_name(g.source, self.lang)} · {self.item_name(g.item, g.calc.item_id)}"
                out.append(text(what, self.L("foreign_rows", rows=self.rows_text([acts.row[i] for i in g.lines], 10)), used,
                                g.calc.item_id or "", bool(self.option_values("factor_set", g.lines))))
        for line in self.inv.extra_lines:
            used = [(f"{fmt_sig(i['value'], 6)} {self.unit(i.get('unit', ''))}", i["name"], i.get("set"), "",
                     i.get("source", ""), i.get("source", ""))
                    for i in line["trace"]["inputs"] if i.get("origin") == "library" and i.get("set") in FOREIGN_SETS]
            if used:
                what = f"{source_name('fugitive', self.lang)} · {self.item_name(line.get('item'), line.get('item_id'))}"
                out.append(text(what, self.L("equipment_row", row=line.get("row", "")), used, "", False))
        return out

    def foreign_factors(self) -> None:
        texts = self.foreign_factor_texts()
        if texts:
            self.heading(self.L("foreign_factors"), 1)
            for t in texts:
                self.story.append(self.p("• " + t))

    def gwp_table(self) -> Table:
        rows = []
        for gas, v in self.inv.gwps_used().items():
            rows.append([gas, fmt_sig(v["value"], 6),
                         gwp_source_name(v.get("source"), self.lang) or ("CO2 = 1" if gas == "CO2" else "")])
        if not rows:
            rows = [[self.L("none"), "", ""]]
        return self.table([self.L("gas"), self.L("gwp") + f" ({self.inv.gwp})", self.L("gwp_source")], rows,
                          [18, 14, 68], right=(1,))

    def settings_text(self) -> str:
        info = self.info
        lang = self.lang

        def setting(key: str, value) -> str:
            return translate(f"label.setting.{key}", lang, value=value)

        items = [setting("gwp", self.inv.gwp)]
        if info.factor_set:
            items.append(setting("factor_set", set_name(info.factor_set, lang)))
        if info.grid_factor_set:
            items.append(setting("grid_factor_set", set_name(info.grid_factor_set, lang)))
        if self.extra.get("grid_year") not in (None, ""):
            items.append(setting("grid_year", self.extra["grid_year"]))
        if self.extra.get("ipcc_sector") not in (None, ""):
            items.append(setting("ipcc_sector", self.extra["ipcc_sector"]))
        if info.residual_mix_ef is not None:
            items.append(setting("residual_mix_ef", fmt_sig(info.residual_mix_ef)))
        if self.inv.gwp.startswith("AR6"):
            from carbonmgr.common.i18n import lookup

            items.append(setting("ch4_ar6", lookup(f"label.ch4_ar6.{info.ch4_ar6}", lang, "")
                                 or translate("label.param.unnamed", lang)))
        return self.L("settings", items=translate("sep.semicolon", self.lang).join(items))

    def section_factors(self, gbt: bool) -> None:
        if gbt:
            self.heading(self.L("gbt_s4"))
            self.story.append(self.p(self.L("factor_intro")))
            self.heading(self.L("gbt_s4_params"), 1)
        self.put(self.factor_table())
        self.story.append(self.p(self.settings_text(), "small"))
        self.references()
        if gbt:
            self.foreign_factors()
        self.heading(self.L("gbt_s4_gwp" if gbt else "int_s8_gwp"), 1)
        self.put(self.gwp_table())

    # ------------------------------------------------------------------ notes
    def note_rows(self) -> list[list[str]]:
        """Distinct calculation notes with the rows they concern."""
        acts = self.case.activities
        notes: OrderedDict[str, list[int]] = OrderedDict()
        for g in self._groups:
            tr_notes = list(g.calc.notes)
            if g.cn_factor is not None:
                tr_notes.append(GREEN_RULE_NOTE)
            for n in tr_notes:
                notes.setdefault(note_text(n, self.lang), []).extend(acts.row[i] for i in g.lines)
        return [[text, self.rows_text(rws, 12)] for text, rws in notes.items()]

    def exclusion_paragraphs(self) -> list[str]:
        out = []
        approach = self.consolidation()
        for f in self.case.facilities:
            if f.share(self.info.consolidation) == 0:
                out.append(self.L("excluded_facility_line", facility=self.facility(f.id), approach=approach))
        acts = self.case.activities
        zero = [acts.row[i] for g in self.inv.groups if g.share == 0 for i in g.lines]
        if zero:
            out.append(self.L("excluded_lines", rows=self.rows_text(zero, 20)))
        return out

    def uncertainty_text(self) -> str:
        u = self.inv.uncertainty
        if u.get("total_percent") is None:
            return self.L("uncertainty_none")
        return self.L("uncertainty_value", pct=f"{u['total_percent']:.1f}", with_n=u.get("lines_with_uncertainty", 0),
                      without_n=u.get("lines_without", 0))

    def warnings_block(self) -> None:
        if self.inv.warnings:
            self.heading(self.L("warnings"), 1)
            for w in self.inv.warnings:
                self.story.append(self.p("• " + w.render(self.lang)))

    def notes_block(self) -> None:
        rows = self.note_rows()
        if rows:
            self.heading(self.L("calc_notes"), 1)
            self.put(self.table([self.L("notes"), self.L("row")], rows, [78, 22]))

    def section_gbt_other(self) -> None:
        self.heading(self.L("gbt_s5"))
        self.warnings_block()
        self.notes_block()
        self.heading(self.L("excluded_facilities"), 1)
        excl = self.exclusion_paragraphs()
        for e in excl or [self.L("excluded_none")]:
            self.story.append(self.p("• " + e if excl else e))
        self.heading(self.L("uncertainty"), 1)
        self.story.append(self.p(self.uncertainty_text()))
        if self.inv.totals["scope3"]:
            self.story.append(self.p(self.L("scope3_not_in_total")))

    def section_qa(self) -> None:
        self.heading(self.L("gbt_s6"))
        self.story.append(self.p(self.L("qa_intro", ph=self.L("placeholder"))))
        rows = []
        for key, keys in QA_KEYS.items():
            value = self.x(*keys)
            hint = "qa_hint_" + key[3:]
            rows.append((self.L(key), self.tx(value) if value else self.placeholder(hint)))
        self.put(self.kv(rows, raw_values=True))
        sep = translate("sep.list", self.lang)
        docs = [n for n in self.case.documents if not is_result_sheet(n)]
        if docs:
            self.story.append(self.p(self.L("qa_documents", names=sep.join(docs)), "small"))
        ev = self.option_values("evidence", list(range(len(self.case.activities))), limit=12)
        if ev:
            self.story.append(self.p(self.L("qa_evidence", names=ev.replace(translate("sep.semicolon", "zh"), sep)
                                                        .replace(translate("sep.semicolon", "en"), sep)), "small"))

    # ================================================================== GHG Protocol / ISO 14064-1
    def intl_sections(self) -> None:
        inv, t, lang = self.inv, self.inv.totals, self.lang
        iso = self.std == "iso14064"
        # 1 company and boundary
        self.heading(self.L("int_s1"))
        self.heading(self.L("int_s1_org"), 1)
        self.put(self.kv(self.info_rows(gbt=False), raw_values=True))
        desc = self.x("description")
        if desc:
            self.gap(2)
            self.story.append(self.p(desc))
        self.heading(self.L("int_s1_orgb"), 1)
        self.story.append(self.p(self.L("consolidation_text", approach=self.consolidation())))
        self.put(self.facility_table())
        self.heading(self.L("int_s1_opb"), 1)
        cats = sorted(c for c, v in inv.scope3_categories.items() if c)
        s3 = self.L("opb_s3" if len(cats) > 1 else "opb_s3_one", cats=", ".join(str(c) for c in cats)) if cats else ""
        present = [source_name(s, lang) for s in SOURCES
                   if not s.startswith("exported") and any(g.source == s for g in self._groups)]
        if inv.extra_lines and source_name("fugitive", lang) not in present:
            present.append(source_name("fugitive", lang))
        self.story.append(self.p(self.L("opb_text", s3=s3, sources=translate("sep.list", lang).join(present))))
        self.heading(self.L("int_s1_period"), 1)
        period = self.x("reporting_period") or (self.L("period_value", year=inv.reporting_year)
                                                if inv.reporting_year else None)
        self.story.append(self.p(period) if period else self.p(self.placeholder(), raw=True))
        # 2 summary
        self.heading(self.L("int_s2"))
        h = figures.headline(inv)
        rows = [[self.F(p.label), self.t(p.value), fmt_share(p.share), ""] for p in h.parts]
        rows.append([self.F(h.total.label), self.t(h.total.value), "100.0", ""])
        for m in h.memo:  # biogenic CO2: outside the scopes, as the GHG Protocol reports it
            name = self.L("biogenic_outside") if m.key == "biogenic_co2" else self.F(m.label)
            rows.append([name, self.t(m.value), "", self.F(m.note) if m.note else ""])
        self.put(self.table(["", "t CO2e", self.share_header(h.total.value), ""], rows, [40, 16, 16, 28],
                            right=(1, 2), total_rows=(len(h.parts),)))
        self.story.append(self.p(self.F("figures.shares_note"), "small"))
        self.story.append(self.p(self.L("trades_note"), "small"))
        self.heading(self.L("int_s2_scope2"), 1)
        residual = (self.L("residual_case", ef=fmt_sig(self.info.residual_mix_ef))
                    if self.info.residual_mix_ef is not None else self.L("residual_location"))
        self.story.append(self.p(self.L("scope2_text", residual=residual)))
        if self.case.instruments:
            irows = [[self.facility(i.facility), instrument_name(i.type, lang), fmt_sig(i.quantity), fmt_sig(i.ef)]
                     for i in self.case.instruments]
            self.put(self.table([self.L("facility"), self.L("instrument_type"), self.L("instrument_mwh"),
                                          self.L("instrument_ef")], irows, [35, 30, 17, 18], right=(2, 3)))
        else:
            self.story.append(self.p(self.L("no_instruments")))
        self.heading(self.L("gbt_s2_charts"), 1)
        self.charts()
        # 3 gases
        self.heading(self.L("int_s3"))
        self.story.append(self.p(self.L("gas_note")))
        self.put(self.gas_table())
        # 4 facility and source
        self.heading(self.L("int_s4"))
        self.put(self.facility_emissions_table())
        self.gap(3)
        srows = [[source_name(r.key, lang), self.t(r.value), fmt_share(r.share) if r.in_total
                  else self.F("figures.not_in_total")] for r in figures.by_source(inv)]
        self.put(self.table([self.L("source"), "t CO2e", self.share_header(t["total"])], srows, [52, 18, 30],
                            right=(1, 2)))
        # 5 scope 3
        self.heading(self.L("int_s5"))
        if inv.scope3_categories:
            rows = [[scope3_category(c, lang), self.t(v)] for c, v in inv.scope3_categories.items()]
            rows.append([self.L("scope3"), self.t(t["scope3"])])
            self.put(self.table([self.L("s3_category_col"), "t CO2e"], rows, [70, 30], right=(1,),
                                         total_rows=(len(rows) - 1,)))
        else:
            self.story.append(self.p(self.L("no_scope3")))
        # 6 ISO categories
        if iso:
            self.heading(self.L("int_s6_iso"))
            rows = [[f"{c}  {iso_category_name(c, lang)}", self.t(inv.iso_categories.get(c, 0.0))]
                    for c in range(1, 7)]
            self.put(self.table([self.L("iso_category_col"), "t CO2e"], rows, [75, 25], right=(1,)))
            self.story.append(self.p(self.L("iso_note"), "small"))
            self.heading(self.L("int_s8_gwp"), 1)
            self.put(self.gwp_table())
        # 7 base year
        self.heading(self.L("int_s7"))
        if self.info.base_year:
            self.story.append(self.p(self.L("base_year_text", year=self.info.base_year)))
        else:
            self.story.append(self.p(self.tx(self.L("base_year_missing")) + " " + self.placeholder(), raw=True))
        policy = self.x("recalculation_policy")
        self.put(self.kv([(self.L("recalc_policy"), self.tx(policy) if policy else self.placeholder())],
                                  raw_values=True))
        # 8 methods and factors
        self.heading(self.L("int_s8"))
        self.heading(self.L("int_s8_methods"), 1)
        self.put(self.methods_table())
        self.heading(self.L("int_s8_factors"), 1)
        self.story.append(self.p(self.L("factor_intro")))
        self.put(self.factor_table())
        self.story.append(self.p(self.settings_text(), "small"))
        self.references()
        if not iso:
            self.heading(self.L("int_s8_gwp"), 1)
            self.put(self.gwp_table())
        self.heading(self.L("gbt_s3"), 1)
        self.story.append(self.p(self.L("activity_intro")))
        self.put(self.activity_table())
        # 9 exclusions
        self.heading(self.L("int_s9"))
        excl = self.exclusion_paragraphs()
        if t["exported"]:
            excl.append(self.L("exported_not_deducted", value=self.t(t["exported"])))
        other = self.x("exclusions")
        if other:
            excl.append(f"{self.L('other_exclusions')}{self.colon}{other}")
        for e in excl or [self.L("excluded_none")]:
            self.story.append(self.p("• " + e if excl else e))
        # 10 uncertainty and notes
        self.heading(self.L("int_s10"))
        self.heading(self.L("uncertainty"), 1)
        self.story.append(self.p(self.uncertainty_text()))
        self.warnings_block()
        self.notes_block()
        # 11 ISO statement
        if iso:
            self.heading(self.L("int_s11_iso"))
            self.story.append(self.p(self.L("conformity")))
            rows = []
            for key, xkeys, hint in (("verification", ("verification",), "verification_hint"),
                                     ("intended_use", ("intended_use",), "intended_use_hint"),
                                     ("responsible_person_int", ALIASES["responsible_person"], None)):
                v = self.x(*xkeys)
                rows.append((self.L(key), self.tx(v) if v else self.placeholder(hint)))
            self.put(self.kv(rows, raw_values=True))

    def methods_table(self) -> Table:
        by_method: OrderedDict[str, dict] = OrderedDict()
        for g in self._groups:
            m = by_method.setdefault(g.calc.method, {"formula": g.calc.formula, "sources": OrderedDict(),
                                                      "sets": OrderedDict()})
            m["sources"][source_name(g.source, self.lang)] = None
            for f in g.calc.factors():
                m["sets"][f.set] = None
        for line in self.inv.extra_lines:
            tr = line["trace"]
            m = by_method.setdefault(tr["method"], {"formula": tr["formula"], "sources": OrderedDict(),
                                                    "sets": OrderedDict()})
            m["sources"][source_name("fugitive", self.lang)] = None
            for inp in tr["inputs"]:
                if inp.get("set"):
                    m["sets"][inp["set"]] = None
        sep = translate("sep.list", self.lang)
        rows = [[method_name(k, self.lang), v["formula"], sep.join(v["sources"]),
                 sep.join(set_name(x, self.lang) for x in v["sets"]) or "—"]
                for k, v in by_method.items()]
        return self.table([self.L("method"), self.L("formula"), self.L("used_for"), self.L("factor_sets")], rows,
                          [26, 30, 22, 22])

    # ================================================================== appendix
    def appendix(self) -> None:
        self.story.append(PageBreak())
        self.heading(self.L("appendix"), 0, number=False)
        self.story.append(self.p(self.L("appendix_intro")))
        acts = self.case.activities
        n = 0
        for g in self._groups:
            n += 1
            self.group_block(n, g, acts)
            self.group_done()
        for line in self.inv.extra_lines:
            n += 1
            self.extra_block(n, line)

    def group_done(self) -> None:  # replaced by the writer to report progress
        pass

    def inputs_table(self, inputs: list[dict], n_lines: int, method: str = "") -> Table:
        rows = []
        for inp in inputs:
            origin = self.L(ORIGINS.get(inp.get("origin", ""), "origin_constant"))
            name = self.input_symbol(inp["name"], method)
            value = fmt_sig(inp["value"], 8)
            if inp.get("origin") == "line" and name in AD_NAMES and n_lines > 1:
                value = f"{value} ({self.L('ad_sum', n=n_lines)})"
            src = note_text(inp.get("note_id") or inp.get("note", ""), self.lang)
            if not src and name != inp["name"] and inp["name"] in _EQUIPMENT_SYMBOLS:
                src = factor_param_name(inp["name"], self.lang)  # C_op: what the symbol stands for
            if inp.get("factor"):
                bits = [factor_name(inp["factor"], self.lang), self.status(inp.get("status"))]
                cite = inp.get("source") or ""
                src = (f"[{self.ref(cite)}] " if cite else "") + translate("sep.semicolon", self.lang).join(
                    b for b in bits if b)
            elif inp.get("name") == "GWP" and src:
                src = gwp_source_name(src, self.lang)
            rows.append([name, value, self.unit(inp.get("unit", "")), origin, src])
        return self.table([self.L("parameter"), self.L("value"), self.L("unit"), self.L("origin"),
                           self.L("source_doc")], rows, [11, 17, 13, 12, 47], right=(1,), zebra=False)

    def group_block(self, n: int, g, acts) -> None:
        start = len(self.story) + 1  # after the heading's CondPageBreak
        self._group_block(n, g, acts)
        if len(g.lines) == 1:  # a short block stays on one page
            self._keep_from(start)

    def _group_block(self, n: int, g, acts) -> None:
        calc = g.calc
        lang = self.lang
        tr = self.group_trace(g)
        item = self.item_name(g.item, calc.item_id)
        head = self.L("group_title", n=n, facility=self.facility(g.facility), source=source_name(g.source, lang),
                      item=item) + f"  ({self.L('group_lines', n=len(g.lines))})"
        self.heading(head, 2, toc=False)
        method = method_name(calc.method, lang)
        c = self.colon
        self.story.append(self.p(f"{self.L('method')}{c}{method}    {self.L('formula')}{c}{calc.formula}", "small"))
        self.put(self.inputs_table(tr["inputs"], len(g.lines)))
        per_unit = (g.line_factor / g.share) if g.share else calc.co2e_per_unit * calc.sign
        result = g.tco2e
        not_deducted = g.scope is None and self.std != "gbt32150"
        if not_deducted:  # exported energy: shown, not deducted
            per_unit = calc.co2e_per_unit
            result = g.qty_sum * per_unit * g.share
        unit = self.unit(g.unit)
        bits = [f"{self.L('result')}{self.colon}{fmt_sig(g.qty_sum, 8)} {unit} × {fmt_sig(per_unit, 7)} t CO2e/{unit}",
                self.L("share_note", pct=fmt_sig(g.share * 100, 4)), f"= {fmt_line(result)} t CO2e"]
        self.story.append(self.p("  ".join(bits), "small"))
        if tr["gwp"]:
            items = translate("sep.list", lang).join(
                f"{gas} = {fmt_sig(v['value'])} ({gwp_source_name(v['source'], lang)})" for gas, v in tr["gwp"].items())
            self.story.append(self.p(self.L("gwp_used", items=items), "small"))
        notes = trace_notes(tr, lang)
        if not_deducted:
            notes.append(self.L("exported_not_deducted", value=fmt_line(result)))
        for x in notes:
            self.story.append(self.p("• " + x, "small"))
        q = acts.quantity
        rows_ = acts.row
        lf = g.line_factor
        if len(g.lines) == 1:
            i = g.lines[0]
            self.story.append(self.p(self.L("line_single", row=rows_[i], qty=fmt_sig(q[i], 8), unit=unit,
                                            t=fmt_line(q[i] * lf)), "small"))
            return
        per_row = 3
        header = [self.L("row"), self.L("quantity") + f" ({unit})", "t CO2e"] * per_row
        cells = [(str(rows_[i]), fmt_sig(q[i], 8), fmt_line(q[i] * lf)) for i in g.lines]
        table_rows = []
        for k in range(0, len(cells), per_row):
            chunk = cells[k:k + per_row]
            flat = [c for triple in chunk for c in triple]
            flat += [""] * (3 * per_row - len(flat))
            table_rows.append(flat)
        self.put(self.compact_table(header, table_rows))

    def compact_table(self, header: list[str], rows: list[list[str]]) -> Table:
        """A fast table of plain strings (fixed row height), for thousands of lines."""
        widths = [9, 14, 11] * 3
        col_w = [w * CONTENT_W / sum(widths) for w in widths]
        st = self.styles
        data = [[Paragraph(self.tx(h), st["head_r" if i % 3 else "head"]) for i, h in enumerate(header)]]
        data += rows
        heights = [None] + [10.5] * len(rows)
        cls = LongTable if len(data) > LONG_TABLE_ROWS else Table
        t = cls(data, colWidths=col_w, rowHeights=heights, repeatRows=1, hAlign="LEFT")
        cmds = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 1), (-1, -1), 7.2),
            ("LEADING", (0, 1), (-1, -1), 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
            ("LINEBEFORE", (3, 0), (3, -1), 0.8, GRID),
            ("LINEBEFORE", (6, 0), (6, -1), 0.8, GRID),
            ("BOX", (0, 0), (-1, -1), 0.35, GRID),
            ("TOPPADDING", (0, 1), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ]
        t.setStyle(TableStyle(cmds))
        return t

    def extra_block(self, n: int, line: dict) -> None:
        start = len(self.story) + 1
        self._extra_block(n, line)
        self._keep_from(start)

    def _keep_from(self, start: int) -> None:
        """Keep the story from ``start`` on one page (KeepTogether must not be nested)."""
        block = []
        for f in self.story[start:]:
            block.extend(f._content if isinstance(f, KeepTogether) else [f])
        del self.story[start:]
        self.story.append(KeepTogether(block))

    def _extra_block(self, n: int, line: dict) -> None:
        tr = line["trace"]
        lang = self.lang
        head = self.L("group_title", n=n, facility=self.facility(line["facility"]),
                      source=source_name(line["source"], lang),
                      item=self.item_name(line.get("item"), line.get("item_id"))) + \
            f"  ({self.L('equipment_row', row=line['row'])})"
        self.heading(head, 2, toc=False)
        method = method_name(tr["method"], lang)
        c = self.colon
        self.story.append(self.p(f"{self.L('method')}{c}{method}    {self.L('formula')}{c}{tr['formula']}", "small"))
        self.put(self.inputs_table(tr["inputs"], 1, tr["method"]))
        self.story.append(self.p(f"{self.L('result')}{self.colon}{fmt_sig(line['quantity'], 8)} {self.unit(line['unit'])} "
                                 f"{', '.join(line['gases'])}  "
                                 f"{self.L('share_note', pct=fmt_sig(line['share'] * 100, 4))}  "
                                 f"= {fmt_line(line['tco2e'])} t CO2e", "small"))
        for x in trace_notes(tr, lang):
            self.story.append(self.p("• " + x, "small"))


# The values of a refrigerant-equipment line by their symbols in the screening and simplified
# material-balance formulas (carbonmgr.inventory.engine._equipment).
_EQUIPMENT_SYMBOLS = {"new_charge": "C_new", "operating_capacity": "C_op", "disposed_capacity": "C_disp",
                      "k_install": "k", "x_operating": "x", "y_remaining": "y", "z_recovery": "z",
                      "capacity_new": "Cap_new", "recharge": "Recharge", "recovered": "Recovered"}

_FALLBACK = {"−": "-", "–": "-", "—": "-", "×": "x", "→": "->", "≥": ">=", "≤": "<=", "Σ": "Sum ", "⁻": "-",
             "₂": "2", "₄": "4", "³": "3", "²": "2", "\u2009": " ", "\u00a0": " ", "…": "...", "·": "-", "±": "+/-",
             "“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "《": "<", "》": ">"}

_POWER = re.compile(r"10\^(\d)(?!\d)")
_CUBIC = re.compile(r"(?<![A-Za-z])(N?m)3(?![0-9A-Za-z])")
_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _typeset(text: str) -> str:
    """Units as the guidelines print them: 10^4 Nm3 as 10⁴ Nm³ (the workbook's typed spelling
    is for the keyboard; a report is read)."""
    if "^" in text:
        text = _POWER.sub(lambda m: "10" + m[1].translate(_SUPER), text)
    if "m3" in text:
        text = _CUBIC.sub(r"\1³", text)
    return text


def _tidy_citation(cite: str) -> str:
    """A citation without a publisher its title already names ("《电力二氧化碳排放因子》…
    (生态环境部 国家统计局), 生态环境部 国家统计局" names the publishers once); the year stays."""
    parts: list[str] = []
    for part in cite.split(", "):
        if parts and part.strip() and not re.fullmatch(r"\d{4}", part.strip()) and part.strip() in ", ".join(parts):
            continue
        parts.append(part)
    return ", ".join(parts)


def _natural(text: str) -> tuple:
    """Sort key that puts F2 before F10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(text)))


def _doc_title(source: str, limit: int = 48) -> str:
    """The title of a cited document: its 《...》 title, else the text before the first comma."""
    s = (source or "").strip()
    if "《" in s and "》" in s.split("《", 1)[1]:
        return "《" + s.split("《", 1)[1].split("》", 1)[0] + "》"
    for sep in (", ", " (", "，", "（"):
        if sep in s:
            s = s.split(sep, 1)[0]
    return _short(s, limit)


def _short(source: str, limit: int = 60) -> str:
    """``source`` cut to ``limit`` characters, never in the middle of a word."""
    s = (source or "").strip()
    if len(s) <= limit:
        return s
    cut = s[:limit - 1]
    if s[limit - 1].isascii() and s[limit - 1].isalnum() and cut[-1:].isascii() and cut[-1:].isalnum():
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;(") + "…"


# ----------------------------------------------------------------------------------- writer
def write_pdf(inv, path: str | os.PathLike, lang: str = "zh", standard: str | None = None,
              progress: Callable[[int, int], Any] | None = None) -> Path:
    """Write the report of ``inv`` to ``path`` (atomically); see :func:`carbonmgr.report.write_report`."""
    path = Path(path)
    builder = ReportBuilder(inv, lang, standard)
    n_groups = len(builder._groups) or 1
    state = {"done": 0, "total": 4 + n_groups + 1, "passes": 0, "flowables": 1}

    def report(done: int) -> None:
        if progress is None:
            return
        done = min(done, state["total"] - 1)
        if progress(done, state["total"]) is False:
            raise ReportCancelled()

    def chart_done():
        state["done"] += 1
        report(state["done"])

    def group_done():
        state["done"] += 0  # story building is fast; the layout passes carry the weight

    builder.chart_done = chart_done
    builder.group_done = group_done
    report(0)
    story = builder.build_story()
    base = state["done"]
    state["flowables"] = len(story)
    state["total"] = base + 2 * len(story) + 1

    def on_progress(kind, value):
        if kind == "PASS":
            state["passes"] = value
        elif kind == "PROGRESS":
            done = base + (state["passes"] - 1) * state["flowables"] + value
            if done - state.get("last", -1) >= max(1, state["flowables"] // 200) or value == state["flowables"]:
                state["last"] = done
                report(done)

    company = builder.x("company") or builder.info.title or ""
    header_left = builder.plain(_short(company, 60))
    header_right = builder.plain(f"{builder.L('report_title')} · "
                                 f"{standard_short(builder.std, builder.lang)} · "
                                 f"{inv.reporting_year or ''}")
    with atomic_write(path, code="report.write_failed") as tmp:
        hint = None
        for _attempt in range(3):
            doc = _Doc(str(tmp), font=builder.font, report_lang=builder.lang, header_left=header_left,
                       header_right=header_right, total_hint=hint,
                       title=builder.plain(inv.case.info.title or builder.L("report_title")),
                       author=builder.plain(company), creator=f"CarbonMgr {__version__}",
                       subject=builder.plain(builder.standard_name()), invariant=1, initialFontName=builder.font,
                       lang="zh-CN" if builder.lang == "zh" else "en")
            doc.setProgressCallBack(on_progress)
            state["passes"] = 0
            doc.multiBuild(list(story))
            if doc.total_hint == doc.pages_done:
                break
            hint = doc.pages_done  # pragma: no cover - the page count moved in the last pass
        if progress is not None:
            progress(state["total"], state["total"])
    return path
