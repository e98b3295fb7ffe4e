"""The totals bar: the figures of the case's standard, labelled as that standard labels them,
written as the sum they are (parts + ... = total), and the other views beside them.

Under GB/T 32150 the parts are fuel combustion, process, fugitive, purchased electricity and
heat and the exported energy deducted (negative); under the GHG Protocol Scope 1 + Scope 2
(location-based).  What the parts are is decided once in the core
(:mod:`carbonmgr.inventory.headline`, ``carbonmgr.facade.figures``); every figure is
formatted by the one rounding rule (:mod:`carbonmgr.common.numbers`).
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from carbonmgr.common.i18n import translate
from carbonmgr.common.numbers import tonnes
from carbonmgr.facade import figures

from carbonmgr.ui import i18n
from carbonmgr.ui.i18n import Retranslating

OTHER_VIEWS = ("scope1", "scope2_location", "scope2_market", "scope3")


class _Shown:
    """The text of one figure inside the bar's sentence (``values[key].text()`` as for a label)."""

    def __init__(self):
        self._text = ""

    def setText(self, text: str) -> None:  # noqa: N802 - the QLabel spelling
        self._text = text

    def text(self) -> str:
        return self._text


class TotalsBar(Retranslating, QFrame):
    """Always visible: the standard's figures adding up to its total, updating as the user types.

    The first line is the sum itself, "Total GHG emissions: 9,776.54 = Fuel combustion
    1,202.17 + ... + Exported electricity (deducted) -34.98"; the second the other views
    (Scope 1, Scope 2 location- and market-based, Scope 3).  Both wrap when the window is
    narrow.  ``values[key].text()`` is the figure shown for ``"total"``, each part of the
    standard and each other view.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("TotalsBar")
        self.setStyleSheet("#TotalsBar { background: #f3f7f3; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 3, 10, 3)
        outer.setSpacing(1)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.total_name, self.total_value = QLabel(), QLabel()
        f = self.total_value.font()
        f.setBold(True)
        f.setPointSize(f.pointSize() + 1)
        for lbl in (self.total_name, self.total_value):
            lbl.setFont(f)
        self.total_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sum_text = QLabel()  # "= a + b - c", the parts of the total
        self.sum_text.setWordWrap(True)
        self.sum_text.setTextFormat(Qt.TextFormat.RichText)
        self.sum_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setStyleSheet("color:#b00000")
        self.unit = QLabel("t CO2e")
        self.unit.setStyleSheet("color:#555")
        top.addWidget(self.total_name, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.total_value, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.sum_text, 1)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        self.other_text = QLabel()  # the other views, in grey
        self.other_text.setWordWrap(True)
        self.other_text.setTextFormat(Qt.TextFormat.RichText)
        self.other_text.setStyleSheet("color:#555")
        self.other_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.other_text)
        self.values: dict = {"total": self.total_value}
        self.part_keys: list[str] = []  # the keys of the figures adding up to the total, in order
        self._results = None
        self.retranslate()

    def retranslate(self) -> None:
        self.show_results(self._results)

    def show_results(self, results, stale: bool = False) -> None:
        self._results = results
        lang = i18n.current()
        L = lambda mid: translate(mid, lang)  # noqa: E731
        colon = "：" if lang == "zh" else ":"
        if results is None:
            self.total_name.setText(L("figures.gbt.total") + colon)
            self.total_value.setText("—")
            self.sum_text.setText("")
            self.other_text.setText("")
            self.other_text.hide()
            self.status.setText("")
            self.values = {"total": self.total_value}
            self.part_keys = []
            return
        h = figures.headline(results.inventory)
        def esc(text: str) -> str:  # a term never breaks inside: "Purchased heat 473.00" stays together
            return html.escape(text).replace(" ", "&nbsp;")

        values: dict = {"total": self.total_value}
        self.total_name.setText(L(h.total.label) + colon)
        self.total_value.setText(tonnes(h.total.value))
        terms = []
        for part in h.shown_parts() or h.parts[:1]:
            shown = values[part.key] = _Shown()
            shown.setText(tonnes(part.value))
            terms.append(f"{esc(L(part.label))}&nbsp;{esc(shown.text())}")
        op = ' <span style="color:#777">+</span> '
        self.sum_text.setText('<span style="color:#777">=</span> ' + op.join(terms))
        self.sum_text.setToolTip(L("figures.adds_up"))
        memo = {m.key: m for m in h.memo}
        others = []
        for key in OTHER_VIEWS:
            if key in values or key not in memo:
                continue
            m = memo[key]
            shown = values[key] = _Shown()
            shown.setText(tonnes(m.value))
            text = f"{esc(L(m.label))}&nbsp;{esc(shown.text())}"
            if m.note == "figures.note.not_in_total":
                note = L("figures.not_in_total")
                text += f"（{esc(note)}）" if lang == "zh" else f" ({esc(note)})"
            others.append(text)
        self.other_text.setText(esc(L("figures.other_views") + colon) + " " + " · ".join(others))
        self.other_text.setVisible(bool(others))
        self.values = values
        self.part_keys = [p.key for p in h.shown_parts() or h.parts[:1]]
        if results.error_lines:
            self.status.setText(self.tr("%n line(s) with problems (not counted)", "", results.error_lines))
        else:
            self.status.setText("")


class HeadlineTable(QWidget):
    """The Results page's totals: the standard's parts with their shares of the total, the
    total, then the other views with what each is (``values[key]`` as in :class:`TotalsBar`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QGridLayout

        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.shares: dict[str, QLabel] = {}
        self._key = None

    def _clear(self) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.names, self.values, self.shares = {}, {}, {}

    def _label(self, text: str = "", right: bool = False, style: str = "", bold: bool = False) -> QLabel:
        lbl = QLabel(text)
        if right:
            lbl.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if style:
            lbl.setStyleSheet(style)
        if bold:
            f = lbl.font()
            f.setBold(True)
            f.setPointSize(f.pointSize() + 2)
            lbl.setFont(f)
        return lbl

    def _build(self, h) -> None:
        lang = i18n.current()
        L = lambda mid, **kw: translate(mid, lang, **kw)  # noqa: E731
        self._clear()
        g = self.grid
        muted = "color:#555"
        g.addWidget(self._label(L("figures.category"), style=muted), 0, 0)
        g.addWidget(self._label("t CO2e", True, muted), 0, 1)
        self.share_header = self._label("", True, muted)
        g.addWidget(self.share_header, 0, 2)
        row = 1
        for p in h.parts:
            if not p.value and p.key.startswith("exported"):
                continue  # nothing exported: no empty deduction row
            self.names[p.key] = self._label(L(p.label))
            self.values[p.key] = self._label("", True)
            self.shares[p.key] = self._label("", True)
            for c, w in enumerate((self.names[p.key], self.values[p.key], self.shares[p.key])):
                g.addWidget(w, row, c)
            row += 1
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color:#999")
        g.addWidget(line, row, 0, 1, 3)
        row += 1
        self.names["total"] = self._label(L(h.total.label), bold=True)
        self.values["total"] = self._label("", True, bold=True)
        self.shares["total"] = self._label("100.0 %", True)
        for c, w in enumerate((self.names["total"], self.values["total"], self.shares["total"])):
            g.addWidget(w, row, c)
        row += 1
        g.addWidget(self._label(L("figures.other_views"), style="color:#555; font-weight:bold"), row, 0)
        row += 1
        for m in h.memo:
            if not m.value and m.key in ("biogenic_co2", "net_heat", "exported"):
                continue
            indent = "    " if m.role == "sub" else ""
            self.names[m.key] = self._label(indent + L(m.label), style=muted)
            self.values[m.key] = self._label("", True, muted)
            g.addWidget(self.names[m.key], row, 0)
            g.addWidget(self.values[m.key], row, 1)
            if m.note:
                note = self._label(L(m.note), style="color:#777")
                note.setWordWrap(True)
                g.addWidget(note, row, 2, 1, 2)
            row += 1
        g.setColumnStretch(3, 1)
        g.setColumnMinimumWidth(1, 110)

    def set_headline(self, h) -> None:
        if h is None:
            for v in (*self.values.values(), *self.shares.values()):
                v.setText("")
            return
        key = (h.standard, i18n.current(), tuple(p.key for p in h.parts if p.value or not p.key.startswith("exported")))
        if key != self._key:
            self._build(h)
            self._key = key
        lang = i18n.current()
        self.share_header.setText(translate("figures.share_of_total", lang))
        pct = translate("fmt.percent", lang, value="{v}")
        for p in h.parts:
            if p.key in self.values:
                self.values[p.key].setText(tonnes(p.value))
                self.shares[p.key].setText(pct.replace("{v}", f"{p.share:.1f}") if p.share is not None else "—")
        self.values["total"].setText(tonnes(h.total.value))
        self.shares["total"].setText(pct.replace("{v}", "100.0"))
        for m in h.memo:
            if m.key in self.values and m.key not in {p.key for p in h.parts}:
                self.values[m.key].setText(tonnes(m.value))
