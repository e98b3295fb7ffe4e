"""The main window's pages: case brief, boundary, activities, factor library, results."""
from __future__ import annotations

import html
import os
import time

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout, QFrame, QGridLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QSizePolicy, QSpinBox, QSplitter, QTableView, QTabWidget, QTextBrowser, QVBoxLayout,
                               QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.common.numbers import tonnes
from carbonmgr.facade import (CONSOLIDATIONS, EQUIPMENT_METHODS, GWP_SETS, INSTRUMENT_TYPES, SECTORS, SOURCES, STANDARDS,
                              Changes, figures)

from carbonmgr.ui import i18n, labels
from carbonmgr.ui.i18n import Retranslating
from carbonmgr.ui.delegates import ChoiceDelegate
from carbonmgr.ui.forms import labelled_rows
from carbonmgr.ui.operations import Refusal
from carbonmgr.ui.totals import HeadlineTable
from carbonmgr.ui.models import (ALWAYS_SHOWN, SYNC_SORT_LINES, ActivityModel, DocumentModel, EquipmentModel, FacilityModel,
                     FactorModel, InstrumentModel, SummaryModel, sort_positions)


def _table(model, parent=None, *, rows_fixed: bool = True) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setTabKeyNavigation(True)
    vh = view.verticalHeader()
    vh.setDefaultSectionSize(24)
    if rows_fixed:
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setHighlightSections(False)
    return view


class Page(Retranslating, QWidget):
    """A page that re-translates itself when the language changes.

    The window tells every page what happened and each page redraws its own widgets:
    :meth:`apply_changes` after an operation (with its Changes record), :meth:`show_results`
    when new results are on screen."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass

    def apply_changes(self, changes) -> None:
        """An operation changed the case (``changes``: what changed)."""

    def show_results(self, results, full: bool) -> None:
        """New results (``full``: every line's computed columns may have changed)."""

    def language_changed(self) -> None:
        """The language changed: redraw the texts that come from the core (source names, problems)."""


# =========================================================================== brief

class BriefPage(Page):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.firm_box = QGroupBox()
        self.firm = QTextBrowser()
        self.firm.setOpenLinks(False)
        QVBoxLayout(self.firm_box).addWidget(self.firm)
        self.docs_box = QGroupBox()
        self.docs = QTabWidget()
        self.docs.setDocumentMode(True)
        self.no_docs = QLabel()
        self.no_docs.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QVBoxLayout(self.docs_box)
        lay.addWidget(self.docs)
        lay.addWidget(self.no_docs)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.firm_box)
        split.addWidget(self.docs_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        QVBoxLayout(self).addWidget(split)
        self.doc_models: list[DocumentModel] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.firm_box.setTitle(self.tr("The firm"))
        self.docs_box.setTitle(self.tr("Source documents (read-only)"))
        self.no_docs.setText(self.tr("This case has no source documents."))
        self.firm.setAccessibleName(self.tr("The firm"))
        self.docs.setAccessibleName(self.tr("Source documents (read-only)"))
        self.show_case()

    def set_session(self, session) -> None:
        self.docs.clear()
        self.doc_models = []
        if session is not None:
            for name, rows in session.case.documents.items():
                model = DocumentModel(rows, self)
                view = _table(model)
                view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
                view.resizeColumnsToContents()
                for c in range(model.columnCount()):
                    if view.columnWidth(c) > 320:
                        view.setColumnWidth(c, 320)
                self.doc_models.append(model)
                self.docs.addTab(view, name)
        has = self.docs.count() > 0
        self.docs.setVisible(has)
        self.no_docs.setVisible(not has)
        self.show_case()

    def apply_changes(self, changes) -> None:
        if changes.facilities or changes.everything or changes.case or changes.structure:
            self.show_case()

    def show_case(self) -> None:
        s = self.win.session
        if s is None:
            self.firm.setHtml("")
            return
        info = s.case.info
        extra = dict(info.extra)
        desc = extra.pop("description", "")
        rows = []
        for key, value in extra.items():
            if value in (None, ""):
                continue
            text = labels.choice(labels.BRIEF_KEYS, key) if key in labels.BRIEF_KEYS else labels.field(key)
            rows.append(f"<tr><td style='color:#555;padding-right:12px'>{html.escape(text)}</td>"
                        f"<td>{html.escape(str(value))}</td></tr>")
        facs = "".join(
            f"<li>{html.escape(f.id)} {html.escape(f.name)} · {html.escape(labels.region(f.region, i18n.current()))} · "
            f"{html.escape(labels.field('equity_share'))} {f.equity_share * 100:.4g} %</li>"
            for f in s.case.facilities)
        out = [f"<h2>{html.escape(info.title or '')}</h2>"]
        if desc:
            out.append(f"<p style='line-height:150%'>{html.escape(str(desc))}</p>")
        if rows:
            out.append("<table>" + "".join(rows) + "</table>")
        if facs:
            heading = self.tr("Facilities")
            out.append(f"<h3>{html.escape(heading)}</h3><ul>{facs}</ul>")
        count = self.tr("Activity lines: %1").replace("%1", f"{len(s):,}")
        out.append(f"<p style='color:#555'>{html.escape(count)}</p>")
        self.firm.setHtml("".join(out))


# =========================================================================== boundary

class BoundaryPage(Page):
    """Reporting settings, the facilities, and the two registers next to the activity lines:
    electricity instruments (market-based Scope 2) and refrigerant equipment (Scope 1)."""

    def __init__(self, win):
        super().__init__()
        self.win = win
        self._loading = False
        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.title_edit = QLineEdit()
        self.standard = QComboBox()
        self.gwp = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.consolidation = QComboBox()
        self.sector = QComboBox()
        self.lbl_title, self.lbl_standard, self.lbl_gwp, self.lbl_year, self.lbl_consolidation, self.lbl_sector = (
            labelled_rows(form, (self.title_edit, self.standard, self.gwp, self.year, self.consolidation, self.sector)))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555")
        form.addRow(self.hint)

        # ---- facilities
        self.fac_box = QGroupBox()
        self.fac_model = FacilityModel(self)
        self.fac_model.edit = self.win.edit_facility
        self.fac_view = _table(self.fac_model)
        self.fac_view.setItemDelegateForColumn(
            FacilityModel.COLUMNS.index("financial_control"),
            ChoiceDelegate(lambda _i: [(labels.choice(labels.FINANCIAL, k), k) for k in ("yes", "no", "joint")],
                           parent=self))
        self.fac_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fac_view.horizontalHeader().setStretchLastSection(True)
        self.add_fac = QPushButton()
        self.rename_fac = QPushButton()
        self.del_fac = QPushButton()
        self.new_fac_id = QLineEdit()
        self.new_fac_id.setMaximumWidth(90)
        self.new_fac_name = QLineEdit()
        row = QHBoxLayout()
        self.lbl_new_id = QLabel()
        self.lbl_new_id.setBuddy(self.new_fac_id)
        self.lbl_new_name = QLabel()
        self.lbl_new_name.setBuddy(self.new_fac_name)
        for w in (self.lbl_new_id, self.new_fac_id, self.lbl_new_name, self.new_fac_name, self.add_fac):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.rename_fac)
        row.addWidget(self.del_fac)
        lay = QVBoxLayout(self.fac_box)
        lay.addWidget(self.fac_view)
        lay.addLayout(row)

        # ---- electricity instruments
        self.inst_box = QGroupBox()
        self.inst_model = InstrumentModel(self)
        self.inst_model.edit = lambda i, f, v: self.win.edit_record("instrument", i, f, v)
        self.inst_view = self._register_view(self.inst_model)
        col = self.inst_model.column_of
        self.inst_view.setItemDelegateForColumn(col("facility"), ChoiceDelegate(self._facility_choices, parent=self))
        self.inst_view.setItemDelegateForColumn(col("type"), ChoiceDelegate(self._type_choices, True, self))
        for name, width in (("facility", 64), ("type", 180), ("quantity", 110)):
            self.inst_view.setColumnWidth(col(name), width)
        self.inst_view.horizontalHeader().setStretchLastSection(True)
        self.inst_hint = QLabel()
        self.inst_hint.setWordWrap(True)
        self.inst_hint.setStyleSheet("color:#555")
        self.add_inst, self.del_inst = QPushButton(), QPushButton()
        self.add_inst.clicked.connect(lambda: self.add_record("instrument"))
        self.del_inst.clicked.connect(lambda: self.delete_records("instrument"))
        ilay = QVBoxLayout(self.inst_box)
        ilay.addWidget(self.inst_view, 1)
        ilay.addWidget(self.inst_hint)
        irow = QHBoxLayout()
        irow.addWidget(self.add_inst)
        irow.addWidget(self.del_inst)
        irow.addStretch(1)
        ilay.addLayout(irow)

        # ---- refrigerant equipment register
        self.eq_box = QGroupBox()
        self.eq_model = EquipmentModel(self)
        self.eq_model.edit = lambda i, f, v: self.win.edit_record("equipment", i, f, v)
        self.eq_view = self._register_view(self.eq_model)
        col = self.eq_model.column_of
        self.eq_view.setItemDelegateForColumn(col("facility"), ChoiceDelegate(self._facility_choices, parent=self))
        self.eq_view.setItemDelegateForColumn(col("method"), ChoiceDelegate(self._method_choices, parent=self))
        self.eq_view.setItemDelegateForColumn(col("refrigerant"),
                                              ChoiceDelegate(self._refrigerant_choices, True, self))
        self.eq_view.setItemDelegateForColumn(col("equipment"), ChoiceDelegate(self._equipment_choices, True, self))
        self.eq_view.horizontalHeader().setDefaultSectionSize(112)
        for name, width in (("facility", 64), ("method", 180), ("refrigerant", 100), ("equipment", 150),
                            ("tco2e", 90)):
            self.eq_view.setColumnWidth(col(name), width)
        self.eq_hint = QLabel()
        self.eq_hint.setWordWrap(True)
        self.eq_hint.setStyleSheet("color:#555")
        self.add_eq, self.del_eq = QPushButton(), QPushButton()
        self.add_eq.clicked.connect(lambda: self.add_record("equipment"))
        self.del_eq.clicked.connect(lambda: self.delete_records("equipment"))
        elay = QVBoxLayout(self.eq_box)
        elay.addWidget(self.eq_view, 1)
        elay.addWidget(self.eq_hint)
        erow = QHBoxLayout()
        erow.addWidget(self.add_eq)
        erow.addWidget(self.del_eq)
        erow.addStretch(1)
        elay.addLayout(erow)

        grid = QGridLayout(self)
        grid.addWidget(self.settings_box, 0, 0)
        grid.addWidget(self.fac_box, 0, 1)
        grid.addWidget(self.inst_box, 1, 0)
        grid.addWidget(self.eq_box, 1, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 7)
        grid.setRowStretch(1, 1)

        self.title_edit.editingFinished.connect(lambda: self._set("title", self.title_edit.text()))
        self.standard.activated.connect(lambda _i: self._set("standard", self.standard.currentData()))
        self.gwp.activated.connect(lambda _i: self._set("gwp", self.gwp.currentData()))
        self.year.editingFinished.connect(lambda: self._set("reporting_year", self.year.value()))
        self.consolidation.activated.connect(lambda _i: self._set("consolidation", self.consolidation.currentData()))
        self.sector.activated.connect(lambda _i: self._set("sector", self.sector.currentData()))
        self.add_fac.clicked.connect(self._add_facility)
        self.new_fac_name.returnPressed.connect(self._add_facility)
        self.rename_fac.clicked.connect(self.start_rename)
        self.del_fac.clicked.connect(self.win.delete_facility)
        prev = self.title_edit
        for w in (self.standard, self.gwp, self.year, self.consolidation, self.sector, self.fac_view, self.new_fac_id,
                  self.new_fac_name, self.add_fac, self.rename_fac, self.del_fac, self.inst_view, self.add_inst,
                  self.del_inst, self.eq_view, self.add_eq, self.del_eq):
            QWidget.setTabOrder(prev, w)
            prev = w
        self.retranslate()

    @staticmethod
    def _register_view(model) -> QTableView:
        view = _table(model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                             QAbstractItemView.EditTrigger.EditKeyPressed |
                             QAbstractItemView.EditTrigger.AnyKeyPressed)
        view.setWordWrap(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setMinimumHeight(110)
        return view

    # ---------------------------------------------------------------- choices
    def _facility_choices(self, _index):
        return [(f"{f.id} {f.name}".strip(), f.id) for f in self.win.session.case.facilities]

    def _type_choices(self, _index):
        return [(labels.instrument(k), k) for k in INSTRUMENT_TYPES]

    def _method_choices(self, _index):
        return [(labels.choice(labels.METHODS, k), k) for k in EQUIPMENT_METHODS]

    def _refrigerant_choices(self, _index):
        lang = i18n.current()
        out = []
        for name, item in self.win.session.refrigerant_names():
            full = item.name(lang)
            out.append((name if not full or full == name else f"{name} · {full}", name))
        return out

    def _equipment_choices(self, _index):
        lang = i18n.current()
        return [(it.name(lang), it.id) for it in self.win.session.equipment_type_items()]

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("Reporting settings"))
        self.fac_box.setTitle(self.tr("Facilities: ownership and control"))
        self.lbl_title.setText(self.tr("Case &title:"))
        self.lbl_standard.setText(self.tr("&Standard profile:"))
        self.lbl_gwp.setText(self.tr("&GWP set:"))
        self.lbl_year.setText(self.tr("Reporting &year:"))
        self.lbl_consolidation.setText(self.tr("&Consolidation approach:"))
        self.lbl_sector.setText(self.tr("Sect&or:"))
        self.sector.setToolTip(self.tr("The sector whose accounting guideline gives the default fuel parameters "
                                       "(net calorific value, carbon content, oxidation rate)"))
        self.hint.setText(self.tr("The consolidation approach decides which share of each facility's emissions "
                                  "is counted: operational or financial control counts 100 % or nothing, "
                                  "equity share counts the equity share."))
        self.add_fac.setText(self.tr("A&dd facility"))
        self.rename_fac.setText(self.tr("&Rename …"))
        self.rename_fac.setToolTip(self.tr("Give the selected facility a new ID; its activity lines, instruments "
                                           "and equipment follow"))
        self.del_fac.setText(self.tr("Delete faci&lity"))
        self.del_fac.setToolTip(self.tr("Delete the selected facility"))
        self.lbl_new_id.setText(self.tr("New facility &ID:"))
        self.lbl_new_name.setText(self.tr("N&ame:"))
        self.new_fac_id.setPlaceholderText(self.tr("e.g. F4"))
        self.fac_view.setAccessibleName(self.tr("Facilities"))
        self.inst_box.setTitle(self.tr("Electricity instruments (market-based Scope 2)"))
        self.inst_hint.setText(self.tr("Under GB/T 32150 green certificates (绿证) and green power (绿电) count 0 "
                                       "for the MWh they cover; the rest of the facility's electricity counts the "
                                       "national factor without market-traded non-fossil power."))
        self.add_inst.setText(self.tr("Add i&nstrument"))
        self.add_inst.setToolTip(self.tr("Add an electricity instrument (Ctrl+I in the table)"))
        self.del_inst.setText(self.tr("Delete instr&ument"))
        self.del_inst.setToolTip(self.tr("Delete the selected instruments (Ctrl+Del in the table)"))
        self.inst_view.setAccessibleName(self.tr("Electricity instruments"))
        self.eq_box.setTitle(self.tr("Refrigerant equipment register (Scope 1, fugitive)"))
        self.eq_hint.setText(self.tr("Screening uses the EPA default leak rates of the equipment type; the material "
                                     "balances use the refrigerant bought, sold and held. Grey cells are not used "
                                     "by the line's method."))
        self.add_eq.setText(self.tr("Add equip&ment"))
        self.add_eq.setToolTip(self.tr("Add a line to the equipment register (Ctrl+I in the table)"))
        self.del_eq.setText(self.tr("Delete e&quipment"))
        self.del_eq.setToolTip(self.tr("Delete the selected equipment lines (Ctrl+Del in the table)"))
        self.eq_view.setAccessibleName(self.tr("Refrigerant equipment register"))
        self.fac_model.retranslate()
        self.inst_model.retranslate()
        self.eq_model.retranslate()
        self.load()

    def load(self) -> None:
        s = self.win.session
        self._loading = True
        try:
            self.standard.clear()
            for k in STANDARDS:
                self.standard.addItem(labels.choice(labels.STANDARDS, k), k)
            self.consolidation.clear()
            for k in CONSOLIDATIONS:
                self.consolidation.addItem(labels.choice(labels.CONSOLIDATIONS, k), k)
            lang = i18n.current()
            self.sector.clear()
            for k in SECTORS:
                self.sector.addItem(translate(f"sector.{k}", lang), k)
                self.sector.setItemData(self.sector.count() - 1, translate(f"guideline.{k}", lang),
                                        Qt.ItemDataRole.ToolTipRole)
            self.gwp.clear()
            if s is not None:
                from carbonmgr.facade import DEFAULT_GWP

                default = DEFAULT_GWP.get(s.case.info.standard, "AR5")
                self.gwp.addItem(self.tr("Default of the standard (%1)").replace("%1", default), None)
            for g in GWP_SETS:
                self.gwp.addItem(g, g)
            if s is None:
                return
            info = s.case.info
            self.title_edit.setText(info.title or "")
            self.standard.setCurrentIndex(max(0, self.standard.findData(info.standard)))
            self.gwp.setCurrentIndex(max(0, self.gwp.findData(info.gwp)) if info.gwp else 0)
            self.year.setValue(int(info.reporting_year or 2023))
            self.consolidation.setCurrentIndex(max(0, self.consolidation.findData(info.consolidation)))
            self.sector.setCurrentIndex(max(0, self.sector.findData(info.sector or SECTORS[0])))
        finally:
            self._loading = False

    def set_session(self, session) -> None:
        self.fac_model.set_session(session)
        self.inst_model.set_session(session)
        self.eq_model.set_session(session)
        self.fac_view.resizeColumnsToContents()
        self.load()

    def apply_changes(self, changes) -> None:
        if changes.facilities or changes.everything:
            self.fac_model.refresh()
        if changes.instruments or changes.everything:
            self.inst_model.refresh()
        if changes.equipment or changes.everything:
            self.eq_model.refresh()
        if changes.case or changes.everything:
            self.load()

    def show_results(self, results, full: bool) -> None:
        self.results_changed()

    def results_changed(self) -> None:
        self.inst_model.results_changed()
        self.eq_model.results_changed()

    def _set(self, key, value) -> None:
        if self._loading or self.win.session is None:
            return
        self.win.edit_case(key, value)

    def _add_facility(self) -> None:
        if self.win.add_facility(self.new_fac_id.text(), self.new_fac_name.text()):
            self.new_fac_id.clear()
            self.new_fac_name.clear()

    # ---------------------------------------------------------------- actions
    def add_record(self, kind: str) -> None:
        """Add an instrument or an equipment line after the selected one, and go to it."""
        s = self.win.session
        if s is None:
            return
        rows = self.selected_rows(kind)
        at = rows[-1] + 1 if rows else len(s.records(kind))
        if self.win.op(lambda ws: ws.add_record(kind, at)).run() is None:
            return
        self.go_to(kind, at, "type" if kind == "instrument" else "refrigerant")

    def delete_records(self, kind: str) -> None:
        s = self.win.session
        rows = self.selected_rows(kind)
        if s is None or not rows:
            return
        if self.win.op(lambda ws: ws.delete_records(kind, rows)).run() is None:
            return
        n = len(s.records(kind))
        if n:
            self.select_cell(kind, min(rows[0], n - 1))

    def focus_new_facility(self) -> None:
        self.new_fac_id.setFocus()

    def go_to(self, kind: str, row: int, field: str | None = None) -> None:
        """Select a cell of a register and give its table the keyboard focus."""
        self.select_cell(kind, row, field)
        self.view_of(kind).setFocus()

    # ---------------------------------------------------------------- selection
    def focused_table(self) -> str | None:
        """Which table has the keyboard focus: "facility", "instrument", "equipment" or None."""
        w = QApplication.focusWidget()
        for name, view in (("facility", self.fac_view), ("instrument", self.inst_view),
                           ("equipment", self.eq_view)):
            if w is not None and (w is view or view.isAncestorOf(w)):
                return name
        return None

    def models(self) -> dict:
        """The page's editable tables by kind: "facility", "instrument", "equipment"."""
        return {"facility": self.fac_model, "instrument": self.inst_model, "equipment": self.eq_model}

    def view_of(self, kind: str) -> QTableView:
        return {"facility": self.fac_view, "instrument": self.inst_view, "equipment": self.eq_view}[kind]

    def selected_rows(self, kind: str) -> list[int]:
        view = self.view_of(kind)
        rows = {i.row() for i in view.selectionModel().selectedIndexes()}
        if not rows and view.currentIndex().isValid():
            rows = {view.currentIndex().row()}
        return sorted(r for r in rows if r < view.model().rowCount())

    def select_cell(self, kind: str, row: int, field: str | None = None) -> None:
        view = self.view_of(kind)
        model = view.model()
        if not 0 <= row < model.rowCount():
            return
        col = model.COLUMNS.index(field) if field in model.COLUMNS else max(0, view.currentIndex().column())
        idx = model.index(row, col)
        view.setCurrentIndex(idx)
        view.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        view.scrollTo(idx)

    def start_rename(self) -> None:
        """Edit the ID cell of the selected facility (Enter renames it everywhere)."""
        rows = self.selected_rows("facility")
        if not rows:
            if not self.fac_model.rowCount():
                return
            rows = [0]
        idx = self.fac_model.index(rows[0], FacilityModel.COLUMNS.index("id"))
        self.fac_view.setFocus()
        self.fac_view.setCurrentIndex(idx)
        self.fac_view.edit(idx)


# =========================================================================== activities

class ActivitiesPage(Page):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.model = ActivityModel(self)
        self.model.edit = win.edit_cell
        bar = QHBoxLayout()
        self.lbl_fac, self.lbl_src, self.lbl_find = QLabel(), QLabel(), QLabel()
        self.fac_filter = QComboBox()
        self.fac_filter.setMinimumContentsLength(12)
        self.src_filter = QComboBox()
        self.src_filter.setMinimumContentsLength(14)
        self.find = QLineEdit()
        self.find.setClearButtonEnabled(True)
        self.lbl_fac.setBuddy(self.fac_filter)
        self.lbl_src.setBuddy(self.src_filter)
        self.lbl_find.setBuddy(self.find)
        self.add_btn = QPushButton()
        self.del_btn = QPushButton()
        for w in (self.lbl_fac, self.fac_filter, self.lbl_src, self.src_filter, self.lbl_find, self.find):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.add_btn)
        bar.addWidget(self.del_btn)

        self.view = _table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                  QAbstractItemView.EditTrigger.EditKeyPressed |
                                  QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setDefaultSectionSize(96)
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(self._header_menu)
        # sorting: click a header (ascending, descending, line order again)
        hh.setSectionsClickable(True)
        hh.setSortIndicatorShown(True)
        hh.setSortIndicatorClearable(True)
        hh.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        hh.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.model.order_invalidated = self.request_sort
        self._sort_token = None
        self.sort_seconds = 0.0  # how long the last sort took (computing the order)
        col = self.model.column_of
        self.view.setItemDelegateForColumn(col("source"), ChoiceDelegate(self._source_choices, parent=self))
        self.view.setItemDelegateForColumn(col("item"), ChoiceDelegate(self._item_choices, True, self))
        self.view.setItemDelegateForColumn(col("unit"), ChoiceDelegate(self._unit_choices, True, self))
        self.view.setItemDelegateForColumn(col("facility"), ChoiceDelegate(self._facility_choices, parent=self))
        self.view.setItemDelegateForColumn(col("ef_unit"), ChoiceDelegate(self._ef_unit_choices, True, self))
        self.view.setItemDelegateForColumn(col("factor_set"), ChoiceDelegate(self._set_choices, True, self))
        for name, width in (("facility", 70), ("source", 130), ("item", 150), ("quantity", 110), ("unit", 90),
                            ("tco2e", 110), ("scope", 56), ("note", 180), ("evidence", 140)):
            self.view.setColumnWidth(col(name), width)

        self.trace_box = QGroupBox()
        self.trace = QTextBrowser()
        self.trace.setOpenLinks(False)
        QVBoxLayout(self.trace_box).addWidget(self.trace)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.view)
        self.split.addWidget(self.trace_box)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([820, 460])
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.split, 1)

        self.fac_filter.activated.connect(self._apply_filter)
        self.src_filter.activated.connect(self._apply_filter)
        self._find_timer = QTimer(self)
        self._find_timer.setSingleShot(True)
        self._find_timer.setInterval(250)
        self._find_timer.timeout.connect(self._apply_filter)
        self.find.textChanged.connect(lambda _t: self._find_timer.start())
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_trace())
        self.add_btn.clicked.connect(win.insert_line)
        self.del_btn.clicked.connect(win.delete_lines)
        QWidget.setTabOrder(self.fac_filter, self.src_filter)
        QWidget.setTabOrder(self.src_filter, self.find)
        QWidget.setTabOrder(self.find, self.add_btn)
        QWidget.setTabOrder(self.add_btn, self.del_btn)
        QWidget.setTabOrder(self.del_btn, self.view)
        QWidget.setTabOrder(self.view, self.trace)
        self.retranslate()

    # ---------------------------------------------------------------- choices
    def _source_choices(self, _index):
        return [(labels.source(s, i18n.current()), s) for s in SOURCES]

    def _item_choices(self, index):
        s = self.win.session
        pos = self.model.position(index.row())
        lang = i18n.current()
        return [(it.name(lang), it.name(lang)) for it in s.items_for_source(s.value(pos, "source"))]

    def _unit_choices(self, index):
        s = self.win.session
        pos = self.model.position(index.row())
        return [(u, u) for u in s.units_for(s.value(pos, "source"), s.value(pos, "item"))]

    def _ef_unit_choices(self, index):
        s = self.win.session
        pos = self.model.position(index.row())
        unit = s.value(pos, "unit") or "t"
        return [(f"{num}/{unit}", f"{num}/{unit}") for num in ("t", "kg", "g")]

    def _set_choices(self, _index):
        return [(n, n) for n in self.win.session.factor_sets()]

    def _facility_choices(self, _index):
        return [(f"{f.id} {f.name}".strip(), f.id) for f in self.win.session.case.facilities]

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.lbl_fac.setText(self.tr("Fa&cility:"))
        self.lbl_src.setText(self.tr("S&ource type:"))
        self.lbl_find.setText(self.tr("Fi&nd:"))
        self.find.setPlaceholderText(self.tr("item, unit, note …"))
        self.add_btn.setText(self.tr("&Add line"))
        self.add_btn.setToolTip(self.tr("Insert a new activity line (Ctrl+I)"))
        self.del_btn.setText(self.tr("De&lete lines"))
        self.del_btn.setToolTip(self.tr("Delete the selected lines (Ctrl+Del)"))
        self.trace_box.setTitle(self.tr("Calculation of the selected line"))
        self.view.setAccessibleName(self.tr("Activity lines"))
        self.model.retranslate()
        self.load_filters()
        self.show_trace()
        if self.model.sort_field == "source" and self.model.order is not None:
            self.request_sort()  # source types are sorted by their name in the UI language

    def load_filters(self) -> None:
        s = self.win.session
        fac, src, _ = self.model.filter
        self.fac_filter.clear()
        self.fac_filter.addItem(self.tr("All facilities"), None)
        if s is not None:
            for f in s.case.facilities:
                self.fac_filter.addItem(f"{f.id} {f.name}".strip(), f.id)
        self.fac_filter.setCurrentIndex(max(0, self.fac_filter.findData(fac)) if fac else 0)
        self.src_filter.clear()
        self.src_filter.addItem(self.tr("All source types"), None)
        for k in SOURCES:
            self.src_filter.addItem(labels.source(k, i18n.current()), k)
        self.src_filter.setCurrentIndex(max(0, self.src_filter.findData(src)) if src else 0)

    def set_session(self, session) -> None:
        self.model.set_session(session)
        self.load_filters()
        self.update_columns()
        self.show_trace()

    def update_columns(self) -> None:
        s = self.win.session
        used = set(s.case.activities.options) if s is not None else set()
        for c, name in enumerate(self.model.columns):
            self.view.setColumnHidden(c, name not in ALWAYS_SHOWN and name not in used)

    def _header_menu(self, point) -> None:
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        unsort = menu.addAction(self.tr("Line &order (not sorted)"))
        unsort.setEnabled(self.model.sort_field is not None)
        unsort.triggered.connect(lambda: self.sort_by(None))
        menu.addSeparator()
        for c, name in enumerate(self.model.columns):
            act = menu.addAction(labels.field(name))
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(c))
            act.toggled.connect(lambda on, c=c: self.view.setColumnHidden(c, not on))
        menu.exec(self.view.horizontalHeader().mapToGlobal(point))

    # ---------------------------------------------------------------- sorting
    def _sort_indicator_changed(self, section: int, order) -> None:
        field = self.model.field(section) if 0 <= section < len(self.model.columns) else None
        self.sort_by(field, order == Qt.SortOrder.DescendingOrder, from_header=True)

    def sort_by(self, field: str | None, descending: bool = False, *, from_header: bool = False) -> None:
        """Show the lines sorted by ``field`` (None: in line order).  Values edited later keep
        their place; inserting or deleting lines sorts again."""
        m = self.model
        if not from_header:
            hh = self.view.horizontalHeader()
            hh.blockSignals(True)
            hh.setSortIndicator(m.column_of(field) if field else -1,
                                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
            hh.blockSignals(False)
            hh.viewport().update()
        pos, col = self.current_position(), self.view.currentIndex().column()
        if field is None:
            m.clear_sort()
            self._sort_token = None
            self._restore(pos, col)
            return
        m.sort_field, m.sort_desc = field, descending
        m.sort_pending = True
        self.request_sort()

    def cycle_sort(self) -> None:
        """Keyboard: sort by the current column; again: descending; again: line order."""
        idx = self.view.currentIndex()
        if not idx.isValid():
            return
        field = self.model.field(idx.column())
        m = self.model
        if m.sort_field != field:
            self.sort_by(field, False)
        elif not m.sort_desc:
            self.sort_by(field, True)
        else:
            self.sort_by(None)

    def request_sort(self) -> None:
        """Compute the order of the current sort (on the GUI thread for small cases, else on
        the task pool) and show it when it is ready, unless the lines changed meanwhile."""
        m, s = self.model, self.win.session
        if m.sort_field is None or s is None:
            return
        inputs = m.sort_inputs()
        if inputs is None:  # t CO2e of the current lines not computed yet: wait for the results
            m.sort_pending = True
            return
        token = (id(s), s.structure, m.filter, m.sort_field, m.sort_desc, object())
        self._sort_token = token
        desc = m.sort_desc
        t0 = time.perf_counter()
        if len(s) <= SYNC_SORT_LINES:
            self._install_sort(token, sort_positions(inputs, desc), t0)
            return
        self.win.tasks.run_in_background(lambda: sort_positions(inputs, desc),
                                         lambda result: self._install_sort(token, result, t0))

    def _install_sort(self, token, result, t0: float) -> None:
        m, s = self.model, self.win.session
        if token is not self._sort_token or s is None or id(s) != token[0] or s.structure != token[1] \
                or m.filter != token[2]:
            return  # the lines changed meanwhile: a newer request is on its way
        pos, col = self.current_position(), self.view.currentIndex().column()
        m.install_order(*result)
        self.sort_seconds = time.perf_counter() - t0
        self._restore(pos, col)

    def _restore(self, pos, col) -> None:
        if pos is not None and self.model.row_of(pos) >= 0:
            self.select_position(pos, self.model.field(col) if col >= 0 else None)

    def results_arrived(self) -> None:
        """New results: a sort that waited for the t CO2e of the current lines can run now."""
        m = self.model
        if m.sort_pending and m.sort_field is not None:
            s = self.win.session
            token = self._sort_token
            running = token is not None and s is not None and token[0] == id(s) and token[1] == s.structure \
                and token[2] == m.filter and token[3:5] == (m.sort_field, m.sort_desc)
            if not running:
                self.request_sort()

    def _apply_filter(self, *_args) -> None:
        pos = self.current_position()
        self.model.set_filter(self.fac_filter.currentData(), self.src_filter.currentData(), self.find.text())
        if pos is not None:
            self.select_position(pos)

    # ---------------------------------------------------------------- selection
    def current_position(self) -> int | None:
        idx = self.view.currentIndex()
        if not idx.isValid() or self.win.session is None:
            return None
        return self.model.position(idx.row())

    def selected_positions(self) -> list[int]:
        sel = self.view.selectionModel()
        rows = {i.row() for i in sel.selectedIndexes()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.view.currentIndex().row()}
        return sorted(self.model.position(r) for r in rows if r < self.model.rowCount())

    def select_position(self, pos: int, field: str | None = None) -> bool:
        row = self.model.row_of(pos)
        if row < 0:
            return False
        col = self.model.column_of(field) if field in self.model.columns else max(0, self.view.currentIndex().column())
        idx = self.model.index(row, col)
        self.view.setCurrentIndex(idx)
        self.view.selectionModel().select(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(idx)
        return True

    def apply_changes(self, changes) -> None:
        """After an operation: the facility filter follows a renamed facility and forgets a
        deleted one; the rows (and the filters' lists) follow the case."""
        s = self.win.session
        if s is None:
            return
        if changes.facilities:
            model = self.model
            fac, src, text = model.filter
            for old, new in changes.renamed:
                if fac == old:
                    fac = new
            if fac is not None and fac not in {f.id for f in s.case.facilities}:
                fac = None
            if fac != model.filter[0]:
                model.filter = (fac, src, text)
                changes = changes | Changes(structure=True)  # recompute the rows shown
        self.refresh(changes)
        if changes.facilities or changes.everything:
            self.load_filters()

    def language_changed(self) -> None:
        self.model.retranslate()

    def filter_defaults(self) -> tuple[str | None, str | None]:
        """The facility and source type that new lines get: those the table is filtered by."""
        fac, src, _ = self.model.filter
        return fac, src

    def show_results(self, results, full: bool) -> None:
        self.model.results_changed(full=full)
        self.results_arrived()
        self.show_trace()

    def refresh(self, changes) -> None:
        """Redraw after an operation, keeping the current line when the rows were reset."""
        pos = self.current_position()
        col = self.view.currentIndex().column()
        if self.model.refresh(changes) and pos is not None and self.win.session is not None:
            n = len(self.win.session)
            if n:
                pos = min(pos, n - 1)
                if self.model.row_of(pos) >= 0:
                    self.select_position(pos, self.model.field(col) if col >= 0 else None)

    # ---------------------------------------------------------------- actions
    def insert_line(self) -> None:
        """Insert a line after the current one (in the filter's facility and source type), go to it."""
        s = self.win.session
        if s is None:
            return
        pos = self.current_position()
        at = len(s) if pos is None else pos + 1
        fac, src = self.filter_defaults()
        if self.win.op(lambda ws: ws.insert_lines(at, facility=fac, source=src)).run() is None:
            return
        self.select_position(at, "item")
        self.view.setFocus()

    def delete_selected(self) -> None:
        s = self.win.session
        positions = self.selected_positions()
        if s is None or not positions:
            return
        first = positions[0]
        if self.win.op(lambda ws: ws.delete_lines(positions)).run() is None:
            return
        if len(s):
            self.select_position(min(first, len(s) - 1))

    def selection_text(self) -> str:
        """The selected cells as tab-separated text (what Excel pastes), or ""."""
        view = self.view
        idxs = view.selectionModel().selectedIndexes()
        if not idxs:
            return ""
        rows = sorted({i.row() for i in idxs})
        cols = sorted({i.column() for i in idxs if not view.isColumnHidden(i.column())})
        chosen = {(i.row(), i.column()) for i in idxs}
        model = self.model
        lines = []
        for r in rows:
            cells = []
            for c in cols:
                cells.append(str(model.index(r, c).data(Qt.ItemDataRole.EditRole) or "") if (r, c) in chosen else "")
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def paste_targets(self, grid: list[list[str]]):
        """Where pasted rows go from the current cell on: (cells of existing lines as
        (position, field, text), new lines as {field: text}) over the visible columns."""
        model, view = self.model, self.view
        cur = view.currentIndex()
        start_row = cur.row() if cur.isValid() else model.rowCount()
        start_col = cur.column() if cur.isValid() else 0
        visible_cols = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
        try:
            first = visible_cols.index(start_col)
        except ValueError:
            first = 0
        targets = visible_cols[first:]
        cells, new_rows = [], []
        for r, values in enumerate(grid):
            row = start_row + r
            fields = [(model.field(c), v) for c, v in zip(targets, values)
                      if model.field(c) not in ("tco2e", "scope")]
            if row < model.rowCount():
                pos = model.position(row)
                cells += [(pos, f, v) for f, v in fields]
            else:
                new_rows.append({f: v for f, v in fields if v != ""})
        return cells, new_rows

    def show_rejected(self, errors) -> None:
        """Keep the pasted values that were refused on their cells, with the reason."""
        s, model = self.win.session, self.model
        model.rejected.clear()
        for pos, f, exc in errors:
            if pos < len(s):
                model.rejected[(s.keys[pos], f)] = ("" if exc.params.get("value") is None else str(exc.params.get("value")),
                                                    Refusal(exc.render(i18n.current()), exc))
        if errors:
            model.results_changed()

    def go_to(self, pos: int, field: str | None = None) -> None:
        """Select a line's cell (showing all lines if the filter hides it) and focus the table."""
        if self.model.row_of(pos) < 0:
            self.clear_filters()
        self.select_position(pos, field)
        self.view.setFocus()

    def focus_find(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def add_context_actions(self, actions) -> None:
        for act in actions:
            self.view.addAction(act)

    def save_layout(self):
        return self.split.saveState()

    def restore_layout(self, state) -> None:
        self.split.restoreState(state)

    def clear_filters(self) -> None:
        self.fac_filter.setCurrentIndex(0)
        self.src_filter.setCurrentIndex(0)
        self.find.clear()
        self.model.set_filter(None, None, "")

    # ---------------------------------------------------------------- trace
    def show_trace(self) -> None:
        s = self.win.session
        pos = self.current_position()
        if s is None or pos is None or pos >= len(s):
            hint = self.tr("Select a line to see how its emissions are calculated.")
            self.trace.setHtml(f"<p style='color:#666'>{html.escape(hint)}</p>")
            return
        err = s.results.line_error(pos) if s.results is not None and s.results.structure == s.structure else None
        if err is not None:
            from carbonmgr.common.i18n import translate

            self.trace.setHtml(f"<p style='color:#b00000'>{html.escape(translate(err[0], i18n.current(), **err[2]))}</p>")
            return
        line = s.line_trace(pos)
        if line is None or line.get("trace") is None:
            hint = self.tr("Computing …")
            self.trace.setHtml(f"<p style='color:#666'>{html.escape(hint)}</p>")
            return
        self.trace.setHtml(self.trace_html(line))

    def trace_html(self, line: dict) -> str:
        t = line["trace"]
        lang = i18n.current()
        e = html.escape
        from carbonmgr.common.i18n import translate

        colon = translate("sep.colon", lang)
        head = f"{e(labels.source(line['source'], lang))} · {e(labels.item(line.get('item_id') or line['item'], lang))} · " \
               f"{labels.quantity(line['quantity'])} {e(labels.unit(line['unit'], lang))}"
        T = {"line": self.tr("Line %1"), "formula": self.tr("Formula"), "method": self.tr("Method"),
             "inputs": self.tr("Inputs"), "input": self.tr("Input"), "from": self.tr("From"), "gwp": self.tr("GWP"),
             "result": self.tr("Result"), "notes": self.tr("Notes")}
        out = [f"<h3 style='margin-bottom:4px'>{e(T['line'].replace('%1', str(line['row'])))}</h3>",
               f"<p>{head}</p>",
               f"<p><b>{e(T['formula'])}</b><br><code>{e(t.get('formula', ''))}</code></p>",
               f"<p><b>{e(T['method'])}</b>{colon}{e(labels.method(t.get('method', ''), lang))}</p>",
               f"<p><b>{e(T['inputs'])}</b></p><table width='100%' cellspacing='0' cellpadding='3' border='1' "
               f"style='border-collapse:collapse;border-color:#ccc'>",
               f"<tr><th>{e(T['input'])}</th><th>{e(labels.field('value'))}</th>"
               f"<th>{e(labels.field('unit'))}</th><th>{e(T['from'])}</th></tr>"]
        for inp in t.get("inputs", []):
            origin = labels.choice(labels.ORIGINS, inp.get("origin"))
            value = inp.get("value")
            vtext = f"{value:,.6g}" if isinstance(value, (int, float)) else e(str(value))
            out.append(f"<tr><td>{e(labels.symbol(inp.get('name', '')))}</td><td align='right'>{vtext}</td>"
                       f"<td>{e(labels.unit(inp.get('unit', ''), lang))}</td><td>{e(origin)}</td></tr>")
            if inp.get("factor"):
                status = labels.choice(labels.STATUSES, inp.get("status"))
                out.append(f"<tr><td colspan='4' style='color:#555'><small>{e(labels.factor(inp['factor'], lang))}"
                           f" · {e(status)} · {e(str(inp.get('source', '')))}</small></td></tr>")
        out.append("</table>")
        gwp = t.get("gwp") or {}
        if gwp:
            items = "".join(f"<li>{e(g)} = {v['value']:g} <small>({e(labels.gwp_source(v.get('source', ''), lang))})"
                            f"</small></li>"
                            for g, v in gwp.items())
            out.append(f"<p><b>{e(T['gwp'])}</b></p><ul>{items}</ul>")
        share = line.get("share", 1.0)
        out.append(f"<p><b>{e(labels.field('share'))}</b>{colon}{share * 100:.4g} %</p>")
        out.append(f"<p><b>{e(T['result'])}</b>{colon}{tonnes(line['tco2e'], 4)} t CO2e</p>")
        if line.get("tco2e_market") is not None:
            out.append(f"<p>{e(labels.choice(labels.TOTALS, 'scope2_location'))}{colon}"
                       f"{tonnes(line.get('tco2e_location') or 0, 4)} t CO2e<br>"
                       f"{e(labels.choice(labels.TOTALS, 'scope2_market'))}{colon}{tonnes(line['tco2e_market'], 4)} t CO2e</p>")
        from carbonmgr.common.i18n import trace_notes

        notes = trace_notes(t, lang)  # from the notes' ids, in the user's language
        if notes:
            out.append(f"<p><b>{e(T['notes'])}</b></p><ul>" +
                       "".join(f"<li>{e(n)}</li>" for n in notes)
                       + "</ul>")
        return "".join(out)


# =========================================================================== factors

class FactorsPage(Page):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.model = FactorModel(self)
        self.find = QLineEdit()
        self.find.setClearButtonEnabled(True)
        self.set_box, self.region_box, self.year_box, self.src_box, self.status_box = (
            QComboBox(), QComboBox(), QComboBox(), QComboBox(), QComboBox())
        self.lbls = [QLabel() for _ in range(6)]
        grid = QVBoxLayout()
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        widgets = (self.find, self.set_box, self.region_box, self.year_box, self.src_box, self.status_box)
        for i, (lbl, w) in enumerate(zip(self.lbls, widgets)):
            lbl.setBuddy(w)
            row = row1 if i == 0 else row2
            row.addWidget(lbl)
            row.addWidget(w, 1 if i == 0 else 0)
            if i:
                row.addSpacing(8)
        row2.addStretch(1)
        grid.addLayout(row1)
        grid.addLayout(row2)
        self.count = QLabel()
        self.view = _table(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        for c, w in enumerate((150, 170, 110, 60, 80, 80, 90, 70, 50)):
            self.view.setColumnWidth(c, w)
        self.prov_box = QGroupBox()
        self.prov = QTextBrowser()
        self.prov.setOpenExternalLinks(False)
        self.assign_btn = QPushButton()
        self.override_btn = QPushButton()
        pl = QVBoxLayout(self.prov_box)
        pl.addWidget(self.prov, 1)
        pl.addWidget(self.assign_btn)
        pl.addWidget(self.override_btn)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        ll.addWidget(self.count)
        split.addWidget(left)
        split.addWidget(self.prov_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.search)
        self.find.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.set_box, self.region_box, self.year_box, self.src_box, self.status_box):
            box.activated.connect(lambda _i: self.search())
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_provenance())
        self.assign_btn.clicked.connect(win.assign_factor)
        self.override_btn.clicked.connect(win.override_factor)
        prev = self.find
        for w in (self.set_box, self.region_box, self.year_box, self.src_box, self.status_box, self.view,
                  self.assign_btn, self.override_btn):
            QWidget.setTabOrder(prev, w)
            prev = w
        self._loaded = False
        self.retranslate()

    def retranslate(self) -> None:
        for lbl, text in zip(self.lbls, (self.tr("&Search:"), self.tr("Fa&ctor set:"), self.tr("&Region:"),
                                          self.tr("&Year:"), self.tr("Source &type:"), self.tr("St&atus:"))):
            lbl.setText(text)
        self.find.setPlaceholderText(self.tr("fuel, gas, grid, source …"))
        self.prov_box.setTitle(self.tr("Provenance"))
        self.assign_btn.setText(self.tr("&Use this factor for the selected lines"))
        self.override_btn.setText(self.tr("&Override the selected lines' factor …"))
        self.view.setAccessibleName(self.tr("Factor library"))
        self.model.retranslate()
        if self._loaded:
            self.load_filters()
        self.show_provenance()
        self._update_count()

    def showEvent(self, event):
        if not self._loaded and self.win.session is not None:
            self._loaded = True
            self.load_filters()
            self.search()
        super().showEvent(event)

    def set_session(self, session) -> None:
        self._loaded = False
        if self.isVisible():
            self._loaded = True
            self.load_filters()
            self.search()

    def load_filters(self) -> None:
        s = self.win.session
        if s is None:
            return

        def fill(box, first, items):
            cur = box.currentData()
            box.clear()
            box.addItem(first, None)
            for text, data in items:
                box.addItem(text, data)
            i = box.findData(cur) if cur is not None else 0
            box.setCurrentIndex(max(0, i))

        lang = i18n.current()
        fill(self.set_box, self.tr("All sets"), [(labels.factor_set(n, lang), n) for n in s.factor_sets()])
        fill(self.region_box, self.tr("All regions"), [(labels.region(r, lang), r) for r in s.factor_regions()])
        fill(self.year_box, self.tr("All years"), [(str(y), y) for y in s.factor_years()])
        fill(self.src_box, self.tr("All source types"), [(labels.source(k, i18n.current()), k) for k in SOURCES])
        fill(self.status_box, self.tr("All statuses"),
             [(labels.choice(labels.STATUSES, k), k) for k in ("verified", "secondary", "unverified")])

    def search(self) -> None:
        s = self.win.session
        if s is None:
            self.model.set_rows([], None)
            return
        rows = s.search_factors(self.find.text(), set_name=self.set_box.currentData(),
                                status=self.status_box.currentData(), region=self.region_box.currentData(),
                                year=self.year_box.currentData(), source=self.src_box.currentData())
        self.model.set_rows(rows, s.library)
        self._update_count()
        if rows:
            self.view.selectRow(0)
        self.show_provenance()

    def _update_count(self) -> None:
        self.count.setText(self.tr("%1 factors").replace("%1", f"{self.model.rowCount():,}"))

    def focus_find(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def current_factor(self):
        idx = self.view.currentIndex()
        return self.model.factor(idx.row()) if idx.isValid() else None

    def show_provenance(self) -> None:
        f = self.current_factor()
        s = self.win.session
        self.assign_btn.setEnabled(f is not None)
        if f is None or s is None:
            hint = self.tr("Select a factor to see where it comes from.")
            self.prov.setHtml(f"<p style='color:#666'>{html.escape(hint)}</p>")
            return
        e = html.escape
        lang = i18n.current()
        rows = [("set", labels.factor_set(f.set, lang)), ("item", labels.item(f.item, lang)),
                ("param", labels.factor_param(f.param, lang)),
                ("gas", f.gas), ("variant", labels.variant(f.variant, lang)),
                ("value", f"{f.value:.8g} {labels.unit(f.unit, lang)}"),
                ("region", labels.region(f.region, lang)), ("year", f.year or ""),
                ("status", labels.choice(labels.STATUSES, f.status)), ("tag", labels.grade(f.tag, lang)),
                ("source_doc", f.source), ("publisher", f.publisher), ("year_published", f.year_published),
                ("years_valid", f.years_valid), ("gwp_basis", f.gwp_basis)]
        # (the row's own note is a transcription note of ours, in one language: kept in the data)
        body = "".join(f"<tr><td style='color:#555;padding-right:10px' valign='top'>{e(labels.field(k))}</td>"
                       f"<td>{e(str(v))}</td></tr>" for k, v in rows if v not in (None, ""))
        self.prov.setHtml(f"<h3>{e(labels.factor(f, lang))}</h3><table>{body}</table>")


# =========================================================================== results

class ResultsPage(Page):
    KEYS = ("total", "scope1", "scope2", "scope3", "exported", "biogenic_co2")

    def __init__(self, win):
        super().__init__()
        self.win = win
        self.tot_box = QGroupBox()
        self.headline = HeadlineTable()
        QVBoxLayout(self.tot_box).addWidget(self.headline)
        self.values = self.headline.values  # label of each figure shown, by key (rebuilt with the standard)

        self.by_source = SummaryModel("Source type", self)
        self.by_facility = SummaryModel("Facility", self)
        self.by_gas = SummaryModel("Gas", self)
        self.tables_box = QGroupBox()
        tl = QHBoxLayout(self.tables_box)
        self.summary_views = []
        for m in (self.by_source, self.by_facility, self.by_gas):
            v = _table(m)
            v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            v.verticalHeader().setVisible(False)
            v.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for c in (1, 2):  # the figures and their headers are never cut
                v.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
            v.setMinimumHeight(236)
            self.summary_views.append(v)
            tl.addWidget(v)

        self.charts_box = QGroupBox()
        self.charts_grid = QGridLayout(self.charts_box)
        self.chart_note = QLabel()
        self.charts_grid.addWidget(self.chart_note, 0, 0)
        self.canvases: list = []
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(350)
        self._chart_timer.timeout.connect(self.update_charts)
        self._charts_version = None

        inner = QWidget()
        lay = QVBoxLayout(inner)
        top = QHBoxLayout()
        top.addWidget(self.tot_box, 2)
        lay.addLayout(top)
        lay.addWidget(self.tables_box)
        lay.addWidget(self.charts_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.tot_box.setTitle(self.tr("Totals (t CO2e)"))
        self.tables_box.setTitle(self.tr("Breakdown"))
        self.charts_box.setTitle(self.tr("Charts"))
        self.chart_note.setText(self.tr("Charts appear here …"))
        for m in (self.by_source, self.by_facility, self.by_gas):
            m.retranslate()
        self.update_results()
        self._charts_version = None
        self.schedule_charts()

    def show_results(self, results, full: bool) -> None:
        self.update_results()

    def language_changed(self) -> None:
        self.update_results()

    def update_results(self) -> None:
        s = self.win.session
        res = s.results if s is not None else None
        if res is None:
            self.headline.set_headline(None)
            for m in (self.by_source, self.by_facility, self.by_gas):
                m.set_rows([])
            return
        inv = res.inventory
        self.headline.set_headline(figures.headline(inv))
        self.values = self.headline.values
        lang = i18n.current()
        self.by_source.set_rows([(r.key, labels.source(r.key, lang), r.value, r.share, r.in_total)
                                 for r in figures.by_source(inv)])
        names = {f.id: f.name for f in inv.case.facilities}
        self.by_facility.set_rows([(r.key, f"{r.key} {names.get(r.key, '')}".strip(), r.value, r.share, r.in_total)
                                   for r in figures.by_facility(inv)])
        self.by_gas.set_rows([(r.key, r.key, r.value, r.share, r.in_total) for r in figures.by_gas(inv)])
        self.schedule_charts()

    # ---------------------------------------------------------------- charts
    def schedule_charts(self) -> None:
        if self.isVisible():
            self._chart_timer.start()

    def showEvent(self, event):
        super().showEvent(event)
        self.schedule_charts()

    def update_charts(self) -> None:
        s = self.win.session
        if s is None or s.results is None or not self.isVisible():
            return
        key = (s.results.version, i18n.current(), id(s))
        if key == self._charts_version:
            return
        self._charts_version = key
        try:
            os.environ.setdefault("QT_API", "PySide6")
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            from carbonmgr.facade import charts
        except Exception as exc:  # noqa: BLE001 - charts are optional (matplotlib missing)
            self.chart_note.setText(self.tr("Charts are not available: %1").replace("%1", str(exc)))
            self.chart_note.show()
            return
        inv = s.results.inventory
        lang = i18n.current()
        figs = []
        for fn in (charts.chart_by_scope, charts.chart_by_source, charts.chart_by_facility, charts.chart_by_gas):
            try:
                figs.append(fn(inv, lang))
            except Exception as exc:  # noqa: BLE001 - a chart never breaks the page
                figs.append(exc)
        for c in self.canvases:
            self.charts_grid.removeWidget(c)
            c.setParent(None)
            c.deleteLater()
        self.canvases = []
        self.chart_note.hide()
        for i, fig in enumerate(figs):
            if isinstance(fig, Exception):
                w = QLabel(str(fig))
            else:
                w = FigureCanvasQTAgg(fig)
                w.setMinimumHeight(int(fig.get_figheight() * fig.dpi * 0.8))
                w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.charts_grid.addWidget(w, 1 + i // 2, i % 2)
            self.canvases.append(w)
