"""The instructor's class market page: start or open a market file, its firms and positions, orders
(loaded from trainees' files or entered here), clearing a round, shocks between rounds, abatement,
the end with surrender and the debrief (price per round, cost per firm, least cost beside the
class, Excel export) and the MACC of a firm against the carbon price.

The market lives in its own file (:mod:`carbonmgr.facade.market`), independent of the open case;
every step opens it, changes it in one transaction and closes it, on the task pool (never on the
GUI thread), then the page redraws from a fresh snapshot. So the page survives the app being
closed mid-session: opening the file again shows the market where it was.
"""
from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSizePolicy,
                               QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.facade import market as mk

from carbonmgr.ui import i18n
from carbonmgr.ui.macc import MaccView
from carbonmgr.ui.operations import report_failure
from carbonmgr.ui.pages import Page

SHOCK_KINDS = ("output", "benchmark", "floor", "ceiling", "ccer")


def _t(code: str, **params) -> str:
    return translate(code, i18n.current(), **params)


def _money(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _table(columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def _fill(table: QTableWidget, rows: list[list[str]], right_from: int = 1) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c >= right_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class MarketPage(Page):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.path: Path | None = None
        self.snapshot: dict | None = None
        self.busy = False
        self.reloaded: Future | None = None  # the reload after another window cleared the round shown
        self.last_message = ""
        self.canvases: list[QWidget] = []

        self.btn_new = QPushButton()
        self.btn_from_case = QPushButton()
        self.lbl_count = QLabel()
        self.firm_count = QSpinBox()
        self.firm_count.setRange(1, 500)
        self.firm_count.setValue(10)
        self.lbl_seed = QLabel()
        self.seed = QSpinBox()
        self.seed.setRange(0, 10**6)
        self.btn_open = QPushButton()
        self.title = QLabel()
        self.title.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.btn_new)
        top.addWidget(self.btn_from_case)
        for w in (self.lbl_count, self.firm_count, self.lbl_seed, self.seed):
            top.addWidget(w)
        top.addWidget(self.btn_open)
        top.addWidget(self.title, 1)

        self.firms_box = QGroupBox()
        self.firms = _table(8)
        QVBoxLayout(self.firms_box).addWidget(self.firms)

        self.orders_box = QGroupBox()
        self.btn_load = QPushButton()
        self.load_firm = QComboBox()
        self.order_firm = QComboBox()
        self.order_side = QComboBox()
        self.order_qty = QSpinBox()
        self.order_qty.setRange(1, 10**9)
        self.order_qty.setValue(1000)
        self.order_price = QDoubleSpinBox()
        self.order_price.setRange(0.01, 100000)
        self.order_price.setDecimals(2)
        self.order_price.setValue(50)
        self.btn_add = QPushButton()
        self.pending = _table(4)
        self.btn_clear = QPushButton()
        ol = QGridLayout(self.orders_box)
        self.lbl_load_firm = QLabel()
        ol.addWidget(self.lbl_load_firm, 0, 0)
        ol.addWidget(self.load_firm, 0, 1)
        ol.addWidget(self.btn_load, 0, 2, 1, 2)
        for i, w in enumerate((self.order_firm, self.order_side, self.order_qty, self.order_price)):
            ol.addWidget(w, 1, i)
        ol.addWidget(self.btn_add, 1, 4)
        ol.addWidget(self.pending, 2, 0, 1, 5)
        ol.addWidget(self.btn_clear, 3, 0, 1, 5)

        self.shock_box = QGroupBox()
        self.shock_kind = QComboBox()
        self.shock_firm = QComboBox()
        self.shock_change = QDoubleSpinBox()
        self.shock_change.setRange(-99, 1000)
        self.shock_change.setSuffix(" %")
        self.shock_change.setValue(-20)
        self.shock_price = QDoubleSpinBox()
        self.shock_price.setRange(0, 100000)
        self.shock_price.setDecimals(2)
        self.shock_tonnes = QSpinBox()
        self.shock_tonnes.setRange(0, 10**9)
        self.btn_shock = QPushButton()
        self.shock_form = QFormLayout(self.shock_box)
        self.shock_labels = [QLabel() for _ in range(5)]
        for lbl, w in zip(self.shock_labels, (self.shock_kind, self.shock_firm, self.shock_change, self.shock_price,
                                              self.shock_tonnes)):
            self.shock_form.addRow(lbl, w)
        self.shock_form.addRow(self.btn_shock)

        self.abate_box = QGroupBox()
        self.abate_firm = QComboBox()
        self.abate_measure = QComboBox()
        self.btn_abate = QPushButton()
        al = QHBoxLayout(self.abate_box)
        al.addWidget(self.abate_firm)
        al.addWidget(self.abate_measure, 1)
        al.addWidget(self.btn_abate)

        self.rounds_box = QGroupBox()
        self.rounds = _table(4)
        self.btn_end = QPushButton()
        self.btn_export = QPushButton()
        rl = QVBoxLayout(self.rounds_box)
        rl.addWidget(self.rounds)
        bl = QHBoxLayout()
        bl.addWidget(self.btn_end)
        bl.addWidget(self.btn_export)
        rl.addLayout(bl)

        self.debrief_box = QGroupBox()
        self.debrief_text = QLabel()
        self.debrief_text.setWordWrap(True)
        self.debrief_table = _table(6)
        self.charts = QHBoxLayout()
        dl = QVBoxLayout(self.debrief_box)
        dl.addWidget(self.debrief_text)
        dl.addWidget(self.debrief_table)
        dl.addLayout(self.charts)

        self.macc_box = QGroupBox()
        self.macc = MaccView()
        QVBoxLayout(self.macc_box).addWidget(self.macc)

        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.addLayout(top)
        grid = QGridLayout()
        grid.addWidget(self.firms_box, 0, 0)
        grid.addWidget(self.rounds_box, 0, 1)
        grid.addWidget(self.orders_box, 1, 0)
        side = QVBoxLayout()
        side.addWidget(self.shock_box)
        side.addWidget(self.abate_box)
        grid.addLayout(side, 1, 1)
        lay.addLayout(grid)
        lay.addWidget(self.debrief_box)
        lay.addWidget(self.macc_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)

        self.btn_new.clicked.connect(self._ask_new)
        self.btn_from_case.clicked.connect(self._ask_from_case)
        self.btn_open.clicked.connect(self._ask_open)
        self.btn_load.clicked.connect(self._ask_orders)
        self.btn_add.clicked.connect(self._add_clicked)
        self.btn_clear.clicked.connect(lambda: self.clear_round())
        self.btn_shock.clicked.connect(self._shock_clicked)
        self.btn_abate.clicked.connect(self._abate_clicked)
        self.btn_end.clicked.connect(lambda: self.end_market())
        self.btn_export.clicked.connect(self._ask_export)
        self.abate_firm.currentIndexChanged.connect(self._abate_firm_changed)
        self.shock_kind.currentIndexChanged.connect(self._shock_kind_changed)
        self.macc.firm.currentIndexChanged.connect(self._macc_firm_changed)
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        idx = self.win.tabs.indexOf(self) if hasattr(self.win, "tabs") else -1
        if idx >= 0:
            self.win.tabs.setTabText(idx, _t("market.ui.tab"))
            self.win.tabs.setTabToolTip(idx, _t("market.ui.tab_tip"))
        self.btn_new.setText(_t("market.ui.new"))
        self.btn_from_case.setText(_t("market.ui.new_from_case"))
        self.btn_from_case.setToolTip(_t("market.ui.new_from_case_tip"))
        self.lbl_count.setText(_t("market.ui.firm_count"))
        self.lbl_seed.setText(_t("market.ui.seed"))
        self.btn_open.setText(_t("market.ui.open"))
        self.firms_box.setTitle(_t("market.ui.firms"))
        self.firms.setHorizontalHeaderLabels([_t(f"market.status.col.{k}") for k in
                                              ("firm", "emissions", "allocation", "holdings", "borrowed", "ccer",
                                               "cash", "position")])
        self.orders_box.setTitle(_t("market.ui.orders"))
        self.lbl_load_firm.setText(_t("market.ui.file_of"))
        self.btn_load.setText(_t("market.ui.load_orders"))
        self.btn_add.setText(_t("market.ui.add_order"))
        self.btn_clear.setText(_t("market.ui.clear_round"))
        # (the orders file's English column names are its contract: "limit_price" reads "limit price" here)
        self.pending.setHorizontalHeaderLabels([_t(f"market.col.{k}").replace("_", " ") for k in
                                                ("firm", "side", "quantity", "limit_price")])
        self.shock_box.setTitle(_t("market.ui.shocks"))
        for lbl, key in zip(self.shock_labels, ("kind", "firm", "change", "price", "tonnes")):
            lbl.setText(_t(f"market.ui.shock.{key}"))
        self.btn_shock.setText(_t("market.ui.apply_shock"))
        self.abate_box.setTitle(_t("market.ui.abatement"))
        self.btn_abate.setText(_t("market.ui.take_measure"))
        self.rounds_box.setTitle(_t("market.ui.rounds"))
        self.rounds.setHorizontalHeaderLabels([_t(f"market.debrief.col.{k}") for k in ("round", "price", "volume",
                                                                                       "orders")])
        self.btn_end.setText(_t("market.ui.end"))
        self.btn_export.setText(_t("market.ui.export"))
        self.debrief_box.setTitle(_t("market.ui.debrief"))
        self.debrief_table.setHorizontalHeaderLabels([_t(f"market.debrief.col.{k}") for k in (
            "firm", "emissions", "surplus", "penalty_min", "cost", "lc_cost")])
        self.macc_box.setTitle(_t("market.chart.macc"))
        self.macc.retranslate()
        self._fill_choices()
        self.redraw()

    def language_changed(self) -> None:
        self.retranslate()

    def _fill_choices(self) -> None:
        def refill(combo: QComboBox, items: list[tuple[str, object]]):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            i = combo.findData(keep)
            combo.setCurrentIndex(max(0, i))
            combo.blockSignals(False)

        firms = [f["firm"] for f in (self.snapshot or {}).get("firms", [])]
        refill(self.order_side, [(_t("market.side.buy"), "buy"), (_t("market.side.sell"), "sell")])
        refill(self.order_firm, [(f, f) for f in firms])
        refill(self.load_firm, [(_t("market.ui.file_all"), None)] + [(f, f) for f in firms])
        refill(self.shock_kind, [(_t(f"market.shock.name.{k}"), k) for k in SHOCK_KINDS])
        refill(self.shock_firm, [(_t("market.ui.all_firms"), None)] + [(f, f) for f in firms])
        refill(self.abate_firm, [(f, f) for f in firms])
        refill(self.macc.firm, [(f, f) for f in firms])
        self._abate_firm_changed()
        self._shock_kind_changed()

    # ------------------------------------------------------------------ drawing
    def redraw(self) -> None:
        s = self.snapshot
        enabled = s is not None and s["info"]["status"] == "open" and not self.busy
        for w in (self.btn_load, self.btn_add, self.btn_clear, self.btn_shock, self.btn_abate, self.btn_end):
            w.setEnabled(enabled)
        self.btn_export.setEnabled(s is not None and not self.busy)
        if s is None:
            self.title.setText(_t("market.ui.none"))
            for t in (self.firms, self.pending, self.rounds, self.debrief_table):
                t.setRowCount(0)
            self.debrief_text.setText("")
            self._draw_charts(None)
            return
        info = s["info"]
        self.title.setText(_t("market.cli.status", name=info["name"], year=info["year"],
                              status=_t(f"market.status.{info['status']}"), round=info["round"]) + "\n"
                           + _t("market.cli.limits", floor=_money(info["floor"]), ceiling=_money(info["ceiling"]),
                                pool=f"{info['ccer_pool']:,}", ccer_price=_money(info["ccer_price"])))
        _fill(self.firms, [[f["firm"], f"{f['emissions']:,}", f"{f['allocation_final']:,}", f"{f['holdings']:,}",
                            f"{f['borrowed']:,}", f"{f['ccer']:,}", _money(f["cash"]), f"{f['position']:+,}"]
                           for f in s["firms"]])
        side = {"buy": _t("market.side.buy"), "sell": _t("market.side.sell")}
        _fill(self.pending, [[o["firm"], side[o["side"]], f"{o['quantity']:,}", _money(o["limit"])]
                             for o in s["pending"]], right_from=2)
        _fill(self.rounds, [[str(r["n"]), _money(r["price"]), f"{r['volume']:,}", str(r["orders"])]
                            for r in s["debrief"]["rounds"]], right_from=0)
        d = s["debrief"]
        lc = d["least_cost"]
        colon = _t("sep.colon")
        lines = [f"{_t('market.debrief.reference_price')}{colon}{_money(d['reference_price'])}",
                 f"{_t('market.debrief.lc_price')}{colon}{_money(lc['price'])}",
                 f"{_t('market.debrief.lc_system_cost')}{colon}{_money(lc['system_cost'])}",
                 f"{_t('market.debrief.class_cost')}{colon}{_money(d['class_cost'])}"]
        if not lc["reachable"]:
            lines.append(f"{_t('market.debrief.lc_short')}{colon}{lc['short']:,.0f}")
        self.debrief_text.setText("\n".join(lines))
        lcf = {p["firm"]: p for p in lc["firms"]}
        _fill(self.debrief_table, [[o["firm"], f"{o['emissions']:,}", f"{o['surplus']:+,}", _money(o["penalty_min"]),
                                    _money(o["cost"]), _money(lcf[o["firm"]]["cost"])] for o in d["firms"]])
        self._draw_charts(d)
        self._macc_firm_changed()

    def _draw_charts(self, debrief: dict | None) -> None:
        for c in self.canvases:
            self.charts.removeWidget(c)
            c.setParent(None)
            c.deleteLater()
        self.canvases = []
        if debrief is None or not debrief["rounds"]:
            return
        try:
            os.environ.setdefault("QT_API", "PySide6")
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            charts = mk.charts()
            figs = [charts.chart_prices(debrief, i18n.current()), charts.chart_costs(debrief, i18n.current())]
        except Exception as exc:  # noqa: BLE001 - a chart never breaks the page
            w = QLabel(str(exc))
            self.charts.addWidget(w)
            self.canvases.append(w)
            return
        for fig in figs:
            w = FigureCanvasQTAgg(fig)
            w.setMinimumHeight(260)
            w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.charts.addWidget(w)
            self.canvases.append(w)

    def _macc_firm_changed(self) -> None:
        s = self.snapshot
        if s is None:
            self.macc.show_curve([], None, None)
            return
        firm = self.macc.firm.currentData()
        f = next((x for x in s["firms"] if x["firm"] == firm), None)
        price = s["debrief"]["reference_price"]
        if f is None:
            self.macc.show_curve([], price, None)
            return
        measures = [mk.Measure(m["name"], m["tonnes"], m["cost_per_t"]) for m in f["measures"]]
        info = s["info"]
        paths = mk.compliance_paths(max(0, -f["position"]), price, measures, due=f["emissions"],
                                    ccer_price=None if info["ccer_price"] is None else info["ccer_price"])
        self.macc.show_curve(mk.macc(measures), price, paths)

    def _abate_firm_changed(self) -> None:
        s = self.snapshot
        firm = self.abate_firm.currentData()
        f = next((x for x in (s or {}).get("firms", []) if x["firm"] == firm), None)
        self.abate_measure.clear()
        for m in (f or {}).get("measures", []):
            if not m["taken"]:
                self.abate_measure.addItem(_t("market.ui.measure_item", name=m["name"], tonnes=f"{m['tonnes']:,.0f}",
                                              cost=f"{m['cost_per_t']:,.2f}"), m["name"])

    def _shock_kind_changed(self) -> None:
        kind = self.shock_kind.currentData()
        show = {"firm": kind in ("output", "benchmark"), "change": kind in ("output", "benchmark"),
                "price": kind in ("floor", "ceiling", "ccer"), "tonnes": kind == "ccer"}
        for lbl, w, key in zip(self.shock_labels[1:], (self.shock_firm, self.shock_change, self.shock_price,
                                                       self.shock_tonnes), ("firm", "change", "price", "tonnes")):
            lbl.setVisible(show[key])
            w.setVisible(show[key])

    # ------------------------------------------------------------------ running steps
    def _run(self, step, message=None) -> Future | None:
        """Run ``step(store)`` on the task pool against the market file, then reload the snapshot;
        ``message(result)`` is shown in the status bar on success."""
        if self.path is None or self.busy:
            return None
        path = self.path
        self.busy = True
        self.redraw()

        def work():
            with mk.open_market(path) as store:
                result = step(store) if step is not None else None
                return result, mk.market_snapshot(store)

        def done(out):
            self.busy = False
            result, snap = out
            self.snapshot = snap
            self._fill_choices()
            self.redraw()
            if message is not None:
                self.last_message = message(result)
                self.win.statusBar().showMessage(self.last_message, 10000)

        def failed(exc):
            self.busy = False
            self.redraw()
            self.last_message = report_failure(self.win, exc)
            if getattr(getattr(exc, "problem", None), "code", None) == "market.store.round_moved":
                self.reloaded = self._run(None)  # show the round another window cleared

        return self.win.tasks.run_in_background(work, done, failed)

    def open_market(self, path) -> Future | None:
        self.path = Path(path)
        self.snapshot = None
        return self._run(None)

    def create_market(self, path, firms_file, *, measures_file=None, start_price: int | None = None,
                      year: int = 2024) -> Future | None:
        """A new market file from a firms file (CSV) and a measures file; the CEA price of ``year``
        when no start price is given."""
        if self.busy:
            return None
        self.busy = True
        lang = i18n.current()

        def work():
            price = start_price
            if price is None:
                row = mk.price_for(year)
                if row is None:
                    raise mk.MarketError("market.cli.no_start_price", year=year)
                price = row.fen
            with mk.create_market(path, firms_file=firms_file, measures_file=measures_file, year=year,
                                  start_price=price, overwrite=True, lang=lang) as store:
                return mk.market_snapshot(store)

        return self._start_new(path, work)

    def create_from_case(self, path, case_path, *, firms: int, seed: int = 0, spread: float = 0.1,
                         start_price: int | None = None) -> Future | None:
        """A new market file of ``firms`` firms drawn from a case workbook (the ETS engine gives each its
        emissions and allocation); the CEA price of the case's ETS year when no start price is given,
        else the price field's."""
        if self.busy:
            return None
        self.busy = True
        lang = i18n.current()
        fallback = int(round(self.order_price.value() * 100))

        def work():
            try:
                store, _ = mk.start_from_case(case_path, path, firms=firms, seed=seed, spread=spread,
                                              start_price=start_price, overwrite=True, lang=lang)
            except mk.MarketError as exc:
                if exc.problem.code != "market.cli.no_start_price":
                    raise
                store, _ = mk.start_from_case(case_path, path, firms=firms, seed=seed, spread=spread,
                                              start_price=fallback, overwrite=True, lang=lang)
            with store:
                return mk.market_snapshot(store)

        return self._start_new(path, work)

    def _start_new(self, path, work) -> Future:
        """Write a new market file in the background (``work`` returns its snapshot), then show it."""
        def done(snap):
            self.busy = False
            self.path = Path(path)
            self.snapshot = snap
            self._fill_choices()
            self.redraw()

        def failed(exc):
            self.busy = False
            self.redraw()
            self.last_message = report_failure(self.win, exc)
            if getattr(getattr(exc, "problem", None), "code", None) == "market.store.round_moved":
                self.reloaded = self._run(None)  # show the round another window cleared

        return self.win.tasks.run_in_background(work, done, failed)

    def load_orders(self, path, firm: str | None = None) -> Future | None:
        return self._run(lambda s: mk.load_orders(s, path, firm=firm),
                         lambda n: _t("market.cli.orders_loaded", count=n, round=self.snapshot["info"]["round"]))

    def add_order(self, firm: str, side: str, quantity: int, limit_fen: int) -> Future | None:
        return self._run(lambda s: s.add_order(mk.Order(firm, side, quantity, limit_fen), source="app"))

    def clear_round(self) -> Future | None:
        n = self.snapshot["info"]["round"] if self.snapshot else 0

        def said(result):
            if result.price is None:
                return _t("market.ui.no_trade", round=n)
            return _t("market.ui.cleared", round=n, price=mk.fen_text(result.price), volume=f"{result.volume:,}")

        # the round shown: another window that cleared it meanwhile makes this one say so, not clear the next
        return self._run(lambda s: s.clear_round(round_no=n if self.snapshot else None), said)

    def shock(self, kind: str, *, firm=None, change=None, price=None, tonnes=None) -> Future | None:
        return self._run(lambda s: s.shock(kind, firm=firm, change=change, price=price, tonnes=tonnes),
                         lambda _: _t("market.cli.shocked", shock=_t(f"market.shock.name.{kind}"),
                                      round=self.snapshot["info"]["round"]))

    def abate(self, firm: str, measure: str) -> Future | None:
        return self._run(lambda s: s.abate(firm, measure),
                         lambda cost: _t("market.cli.abated", firm=firm, measure=measure, cost=mk.fen_text(cost)))

    def end_market(self) -> Future | None:
        return self._run(lambda s: s.end(), lambda _: _t("market.cli.ended"))

    def export_debrief(self, out) -> Future | None:
        lang = i18n.current()
        return self._run(lambda s: mk.export_debrief(s.debrief(), out, lang=lang),
                         lambda p: _t("cli.written", path=str(p)))

    # ------------------------------------------------------------------ buttons
    def _ask_path(self, kind: str, save: bool, filt: str) -> str | None:
        ask = getattr(self.win, "ask_path", None)
        if os.environ.get("CARBONMGR_NO_DIALOGS") and ask is not None:
            return ask(kind)
        if save:
            path, _ = QFileDialog.getSaveFileName(self, _t(f"market.ui.dialog.{kind}"), "", filt)
        else:
            path, _ = QFileDialog.getOpenFileName(self, _t(f"market.ui.dialog.{kind}"), "", filt)
        return path or None

    def _ask_new(self) -> None:
        firms = self._ask_path("market_firms", False, "CSV (*.csv)")
        if not firms:
            return
        out = self._ask_path("market_new", True, f"CarbonMgr market (*{mk.MARKET_SUFFIX})")
        if out:
            if not out.endswith(mk.MARKET_SUFFIX):
                out += mk.MARKET_SUFFIX
            self.create_market(out, firms, start_price=int(round(self.order_price.value() * 100)))

    def _ask_from_case(self) -> None:
        case = self._ask_path("market_case", False, "Excel / CarbonMgr (*.xlsx *.carbon)")
        if not case:
            return
        out = self._ask_path("market_new", True, f"CarbonMgr market (*{mk.MARKET_SUFFIX})")
        if out:
            if not out.endswith(mk.MARKET_SUFFIX):
                out += mk.MARKET_SUFFIX
            self.create_from_case(out, case, firms=self.firm_count.value(), seed=self.seed.value())

    def _ask_open(self) -> None:
        path = self._ask_path("market_open", False, f"CarbonMgr market (*{mk.MARKET_SUFFIX})")
        if path:
            self.open_market(path)

    def _ask_orders(self) -> None:
        path = self._ask_path("market_orders", False, "CSV (*.csv)")
        if path:
            self.load_orders(path, self.load_firm.currentData())

    def _ask_export(self) -> None:
        path = self._ask_path("market_debrief", True, "Excel (*.xlsx)")
        if path:
            self.export_debrief(path if path.endswith(".xlsx") else path + ".xlsx")

    def _add_clicked(self) -> None:
        firm = self.order_firm.currentData()
        if firm:
            self.add_order(firm, self.order_side.currentData(), self.order_qty.value(),
                           int(round(self.order_price.value() * 100)))

    def _shock_clicked(self) -> None:
        kind = self.shock_kind.currentData()
        if kind in ("output", "benchmark"):
            self.shock(kind, firm=self.shock_firm.currentData(), change=self.shock_change.value() / 100)
        elif kind in ("floor", "ceiling"):
            p = int(round(self.shock_price.value() * 100))
            self.shock(kind, price=p or None)
        else:
            self.shock("ccer", tonnes=self.shock_tonnes.value(), price=int(round(self.shock_price.value() * 100)))

    def _abate_clicked(self) -> None:
        firm, measure = self.abate_firm.currentData(), self.abate_measure.currentData()
        if firm and measure:
            self.abate(firm, measure)
