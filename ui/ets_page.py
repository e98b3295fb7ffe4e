"""The ETS page: the case's covered units and their allocation, the entity's compliance
position, and the trace of the figure chosen (formula, inputs with units, the plan's document);
below, the paths to compliance of the case (buy allowances, CCER up to 5 % of the allowances due,
abate along the case's MACC, the cheapest mix) compared by cost, with the MACC drawn against the
carbon price (the case's, else the CEA price of the month before the deadline; both editable).
A price typed there is a what-if of the paths: it stays through edits of the case until the case's
own carbon price changes or another project is opened.

A second tab holds the inputs (:mod:`carbonmgr.ui.ets_inputs`): the case's compliance inputs, the
covered units and, for an ETS exercise, the trainee's answers; a finding of an ETS check leads there.

Everything comes through the facade (``carbonmgr.facade.trading``); the texts are core messages
in the user's language. The computation takes a few microseconds per unit and reuses the live
results of the edit session, so it runs on the GUI thread when new results arrive.
"""
from __future__ import annotations

import html

from PySide6.QtWidgets import (QAbstractItemView, QDoubleSpinBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout,
                               QWidget)
from PySide6.QtCore import Qt

from carbonmgr.common.errors import ValidationFailed
from carbonmgr.common.i18n import translate
from carbonmgr.facade.trading import (class_label, compliance_options, ets_position, figure_lines, fmt_value,
                                      has_ets, heading_label, value_text)
from carbonmgr.ui import i18n
from carbonmgr.ui.ets_inputs import EtsInputs
from carbonmgr.ui.macc import MaccView
from carbonmgr.ui.pages import Page

UNIT_COLUMNS = ("unit", "facility", "class", "benchmark_electricity", "benchmark_heat", "correction",
                "allocation_electricity", "allocation_heat", "allocation", "verified_emissions", "top_up", "pre_allocation")


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class EtsPage(Page):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.result = None
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.units = QTableWidget(0, len(UNIT_COLUMNS))
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.units.itemSelectionChanged.connect(self.show_trace)
        self.position = QTableWidget(0, 2)
        self.position.horizontalHeader().setStretchLastSection(True)
        # the figures' labels whole ("May be borrowed", not "May be …")
        self.position.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.position.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.position.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.position.itemSelectionChanged.connect(self.show_entity_trace)
        self.trace = QTextBrowser()
        self.options = None
        self._pending_chart = None  # the MACC to draw when the page is next shown
        self._typed_price: float | None = None  # a what-if price typed for the paths (kept through edits)
        self._case_price = None  # the case's carbon price when the paths were last drawn
        self._workspace = None  # the workspace the typed price belongs to
        self.paths_box = QGroupBox()
        self.lbl_price = QLabel()
        self.price = QDoubleSpinBox()
        self.price.setRange(0, 100000)
        self.price.setDecimals(2)
        self.lbl_ccer = QLabel()
        self.ccer_price = QDoubleSpinBox()
        self.ccer_price.setRange(0, 100000)
        self.ccer_price.setDecimals(2)
        self.price_note = QLabel()
        self.price_note.setWordWrap(True)
        self.paths_note = QLabel()
        self.paths_note.setWordWrap(True)
        self.macc = MaccView()
        self.macc.firm.hide()
        self.macc.firm_label.hide()
        prices = QHBoxLayout()
        for w in (self.lbl_price, self.price, self.lbl_ccer, self.ccer_price):
            prices.addWidget(w)
        prices.addStretch(1)
        pl = QVBoxLayout(self.paths_box)
        pl.addLayout(prices)
        pl.addWidget(self.price_note)
        pl.addWidget(self.paths_note)
        pl.addWidget(self.macc, 1)
        self.price.editingFinished.connect(self._prices_changed)
        self.ccer_price.editingFinished.connect(self._prices_changed)
        # the units on top, each shown; below, side by side, the entity's figures (each shown), the
        # calculation of what is selected and the paths to compliance with their chart: at 1280x800
        # nothing is squeezed to a few lines under the chart (issue 10's walk)
        for table in (self.units, self.position):
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 8)
        self.position.horizontalHeader().setStretchLastSection(False)
        self.position.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lower = QSplitter(Qt.Orientation.Horizontal)
        for part in (self.position, self.trace, self.paths_box):
            self.lower.addWidget(part)
        self.lower.setStretchFactor(1, 2)
        self.lower.setStretchFactor(2, 3)
        self.lower.setChildrenCollapsible(False)
        self.results_tab = QWidget()
        rl = QVBoxLayout(self.results_tab)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.plan)
        rl.addWidget(self.units)
        rl.addWidget(self.lower, 1)
        self.inputs = EtsInputs(win)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.results_tab, "")
        self.views.addTab(self.inputs, "")
        lay = QVBoxLayout(self)
        lay.addWidget(self.views, 1)
        self.retranslate()

    # ------------------------------------------------------------------ the page's life
    def retranslate(self) -> None:
        lang = i18n.current()
        tabs = getattr(self.win, "tabs", None)
        idx = tabs.indexOf(self) if tabs is not None else -1
        if idx >= 0:
            tabs.setTabText(idx, translate("ets.page.title", lang))
            tabs.setTabToolTip(idx, translate("ets.page.tip", lang))  # (its View-menu entry: the window's)
        self.views.setTabText(0, translate("ets.page.tab_results", lang))
        self.views.setTabText(1, translate("ets.page.tab_inputs", lang))
        self.price.setToolTip(translate("ets.page.price_what_if", lang))
        self.inputs.retranslate()
        self.update_position()

    def language_changed(self) -> None:
        self.inputs.load()
        self.update_position()

    def show_results(self, results, full: bool) -> None:
        self.update_position()

    def apply_changes(self, changes) -> None:
        if changes.everything or changes.case or changes.ets or changes.facilities:
            self.inputs.load()  # the figures follow with the new results

    def set_session(self, session) -> None:
        self.inputs.load()

    def hide_results(self, hide: bool) -> None:
        """Exam mode until submission, hand calculation until checked: the allocation and the position
        the app computes are hidden, the inputs and answers stay."""
        self.views.setTabVisible(0, not hide)
        if hide:
            self.views.setCurrentWidget(self.inputs)

    # ------------------------------------------------------------------ leading to a finding
    def go_to_input(self, field: str, rows: list[int]) -> bool:
        """Show the field an ETS finding is on: a unit's cell (the trainee's ETS row ``rows``), a
        Case key (an input or an answer), else the inputs."""
        win = self.win
        s = win.session
        if s is None:
            return False
        win.tabs.setCurrentWidget(self)
        self.views.setCurrentWidget(self.inputs)
        widget = self.inputs.widget_of(field)
        if widget is not None:
            widget.setFocus()
            return True
        units = s.case.ets.units if s.case.ets is not None else []
        numbers = [u.row for u in units]
        hit = next((r for r in rows if r in numbers), None)
        if hit is not None:
            return self.inputs.go_to(numbers.index(hit), field or "unit")
        if field == "unit":  # a unit the trainee does not have: add it
            self.inputs.add_unit.setFocus()
        else:
            self.inputs.units.setFocus()
        return True

    def update_position(self) -> None:
        lang = i18n.current()
        ws = self.win.workspace
        self.result = None
        self.options = None
        message = ""
        if ws is None or not has_ets(ws):
            message = translate("ets.page.no_data", lang)
        else:
            session = ws.session
            results = session.results if session is not None else None
            try:
                self.result = ets_position(ws, inventory=results.inventory if results is not None else None)
            except ValidationFailed as exc:
                message = "<br>".join(html.escape(p.render(lang)) for p in exc.problems)
        self._fill(lang, message)
        # a price typed for the paths stays through edits, until the case's own price changes or another
        # project is opened
        case_price = ws.case.info.carbon_price if ws is not None else None
        if ws is not self._workspace or case_price != self._case_price:
            self._typed_price = None
        self._workspace, self._case_price = ws, case_price
        if self._typed_price is not None:
            self.price.blockSignals(True)
            self.price.setValue(self._typed_price)
            self.price.blockSignals(False)
            self._update_paths(reset=False, given=True)
        else:
            self._update_paths(reset=True)

    # ------------------------------------------------------------------ paths to compliance
    def _ccer(self) -> float | None:
        return self.ccer_price.value() or None

    def compare_paths(self, price: float | None = None, ccer_price: float | None = None) -> dict | None:
        """The paths to compliance of the open case at ``price`` (None: the case's or the CEA price) and
        ``ccer_price`` (None: not given), shown below the position; returns them."""
        self.price.blockSignals(True)
        self.ccer_price.blockSignals(True)
        self._typed_price = price
        if price is not None:
            self.price.setValue(price)
        self.ccer_price.setValue(ccer_price or 0.0)
        self.price.blockSignals(False)
        self.ccer_price.blockSignals(False)
        self._update_paths(reset=price is None, given=price is not None)
        return self.options

    def _prices_changed(self) -> None:
        shown = self.options.get("price") if self.options is not None else None
        if self._typed_price is not None or shown is None or abs(self.price.value() - shown) > 0.005:
            self._typed_price = self.price.value()  # typed: kept through edits
        self._update_paths(reset=self._typed_price is None, given=self._typed_price is not None)

    def _update_paths(self, reset: bool, given: bool = False) -> None:
        lang = i18n.current()
        self.paths_box.setTitle(translate("ets.page.paths", lang))
        self.lbl_price.setText(translate("ets.page.price", lang))
        self.lbl_ccer.setText(translate("ets.page.ccer_price", lang))
        self.ccer_price.setSpecialValueText(translate("ets.page.ccer_unset", lang))
        r = self.result
        self.paths_box.setVisible(r is not None)
        if r is None:
            self.options = None
            return
        price = None if reset else self.price.value()
        try:
            self.options = compliance_options(self.win.workspace, r, price=price, ccer_price=self._ccer())
        except ValidationFailed as exc:
            self.options = None
            self.price_note.setText("<br>".join(html.escape(p.render(lang)) for p in exc.problems))
            self.paths_note.setText("")
            self.macc.show_curve([], None, None)
            return
        o = self.options
        if o is None:
            self.price_note.setText(translate("ets.note.no_verified", lang))
            self.paths_note.setText("")
            self.macc.show_curve([], None, None)
            return
        if reset and o["price"] is not None:
            self.price.blockSignals(True)
            self.price.setValue(o["price"])
            self.price.blockSignals(False)
        money = f"{o['price']:,.2f}" if o["price"] is not None else "-"
        if o["price"] is None:
            note = translate("ets.page.no_price", lang)
        elif o["price_origin"] == "cea":
            row = o["price_row"]
            note = translate("ets.page.price_cea", lang, kind=translate(f"market.price.kind.{row.kind}", lang),
                             period=row.period, publisher=row.publisher, source=row.source,
                             status=translate(f"market.price.status.{row.status}", lang))
        elif o["price_origin"] == "case" and not given:
            note = translate("ets.page.price_case", lang, price=money)
        else:
            note = translate("ets.page.price_given", lang, price=money)
        self.price_note.setText(note)
        extra = []
        if o["shortfall"] <= 0:
            extra.append(translate("ets.page.no_shortfall", lang))
        if not o["steps"]:
            extra.append(translate("ets.page.no_measures", lang))
        if o["ccer_price"] is None:
            extra.append(translate("ets.page.ccer_no_price", lang))
        self.paths_note.setText("\n".join(extra))
        # the chart (matplotlib) only when the page is seen: every edit brings new results here
        self._pending_chart = (o["steps"], o["price"], o["paths"])
        if self.isVisible():
            self._draw_pending_chart()
        else:
            self.macc.show_curve([], o["price"], o["paths"])  # the paths' text now, the curve when shown

    def _draw_pending_chart(self) -> None:
        if self._pending_chart is not None:
            chart, self._pending_chart = self._pending_chart, None
            self.macc.show_curve(*chart)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._draw_pending_chart()

    def paths_text(self) -> str:
        return self.macc.paths.text()

    # ------------------------------------------------------------------ drawing
    def _fill(self, lang: str, message: str) -> None:
        self.units.setHorizontalHeaderLabels([heading_label(c, lang) for c in UNIT_COLUMNS])
        self.position.setHorizontalHeaderLabels([translate("ets.report.col_figure", lang),
                                                 translate("ets.report.col_value", lang)])
        r = self.result
        if r is None:
            self.plan.setText(message)
            self.units.setRowCount(0)
            self.position.setRowCount(0)
            self.trace.clear()
            return
        plan = translate("ets.label.plan", lang, name=r.plan.document, number=r.plan.number)
        title = translate("ets.label.title", lang, year=r.year)
        notes = "".join(f"<br>{html.escape(m.render(lang))}" for m in r.notes)
        self.plan.setText(f"<b>{html.escape(title)}</b><br>{html.escape(plan)}{notes}")
        self.units.setRowCount(len(r.units))
        for row, u in enumerate(r.units):
            cells = [u.unit.unit, u.unit.facility or "", class_label(u.unit.klass, lang)]
            cells += [fmt_value(u.value(c), lang) for c in UNIT_COLUMNS[3:]]
            for col, text in enumerate(cells):
                self.units.setItem(row, col, _item(text, right=col >= 3))
        names = list(r.entity)
        self.position.clearSelection()  # the trace shows the first unit again: choosing a figure must show it
        self.position.setRowCount(len(names))
        for row, name in enumerate(names):
            fig = r.entity[name]
            self.position.setItem(row, 0, _item(heading_label(name, lang)))
            self.position.setItem(row, 1, _item(value_text(fig.value, fig.unit, lang), right=True))
        if r.units:
            self.units.selectRow(0)
        self._fit_tables()
        self.show_trace()

    def _fit_tables(self) -> None:
        """The units table as tall as its rows (up to a third of the page, beyond which it scrolls);
        the figures table as wide as its texts, the calculation and the chart sharing the rest."""
        table = self.units
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        if table.horizontalHeader().length() > table.viewport().width() > 0:  # its columns scroll sideways
            height += table.horizontalScrollBar().sizeHint().height()
        table.setMinimumHeight(min(height, max(80, self.height() // 3)))
        table.setMaximumHeight(max(height, table.minimumHeight()))
        pos = self.position
        width = pos.verticalHeader().width() + pos.horizontalHeader().length() + 2 * pos.frameWidth()
        width += pos.verticalScrollBar().sizeHint().width()
        rest = max(0, self.lower.width() - width)
        if rest:
            self.lower.setSizes([width, rest * 2 // 5, rest - rest * 2 // 5])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_tables()

    def _html(self, title: str, figures, lang: str) -> str:
        parts = [f"<h3>{html.escape(title)}</h3>"]
        for fig in figures:
            if fig.value is None and not fig.notes:
                continue
            lines = figure_lines(fig, lang)
            parts.append(f"<p><b>{html.escape(lines[0])}</b><br>"
                         + "<br>".join(html.escape(line.strip()) for line in lines[1:]) + "</p>")
        return "".join(parts)

    def show_trace(self) -> None:
        r = self.result
        rows = self.units.selectionModel().selectedRows() if r is not None else []
        if not rows:
            return
        u = r.units[rows[0].row()]
        lang = i18n.current()
        title = translate("ets.label.unit_row", lang, unit=u.unit.unit, klass=class_label(u.unit.klass, lang))
        self.trace.setHtml(self._html(title, u.figures.values(), lang))

    def show_entity_trace(self) -> None:
        r = self.result
        rows = self.position.selectionModel().selectedRows() if r is not None else []
        if not rows:
            return
        lang = i18n.current()
        fig = list(r.entity.values())[rows[0].row()]
        self.trace.setHtml(self._html(translate("ets.label.entity", lang), [fig], lang))

    def trace_text(self) -> str:
        return self.trace.toPlainText()
