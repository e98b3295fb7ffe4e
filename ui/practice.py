"""Practice mode: the brief and the source documents beside the inventory, taking a value from
a document into the selected activity cell (the line remembers where it came from), and
"Check my work" with the findings, each leading to its line.

A practice is a project made from an exercise (:mod:`carbonmgr.facade.exercises`); when such a
project is opened, :class:`Practice` shows its panel in a dock on the right of the window.
Reading the exercise and grading run on the task pool; the attempts are kept in the project
on the edit session's DB worker.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTableView, QTabWidget, QTextBrowser,
                               QVBoxLayout, QWidget)

from carbonmgr.common.errors import column_letters
from carbonmgr.facade import Changes
from carbonmgr.facade import exercises as fx

from carbonmgr.ui import i18n
from carbonmgr.ui.i18n import Retranslating
from carbonmgr.ui.models import DocumentModel

# activity fields a document value may go into (the line's numbers and its words)
TAKE_FIELDS_NUMERIC = ("quantity", "ncv", "carbon_content", "carbon_element", "oxidation_rate", "purity", "ef_co2",
                       "ef_ch4", "ef_n2o", "ef_co2e", "uncertainty", "scope3_category")


def document_view(rows: list[list], parent=None) -> QTableView:
    """A source document as a read-only sheet that looks as in Excel: column letters, row numbers,
    a grid, numbers on the right."""
    view = QTableView(parent)
    view.setModel(DocumentModel(rows, view))
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setShowGrid(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setHighlightSections(True)
    view.resizeColumnsToContents()
    for c in range(view.model().columnCount()):
        view.setColumnWidth(c, max(60, min(view.columnWidth(c), 260)))
    return view


class PracticePanel(Retranslating, QWidget):
    """The brief, the documents, "Take value", "Check my work" and the findings."""

    def __init__(self, practice: "Practice"):
        super().__init__()
        self.practice = practice
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSize(f.pointSize() + 1)
        self.title.setFont(f)
        self.title.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.brief = QTextBrowser()
        self.brief.setOpenLinks(False)
        self.take_btn = QPushButton()
        self.take_btn.clicked.connect(practice.take_value)
        self.cell_label = QLabel()
        self.cell_label.setStyleSheet("color:#555")
        self.check_btn = QPushButton()
        self.check_btn.clicked.connect(practice.check)
        self.score = QLabel()
        self.score.setWordWrap(True)
        sf = self.score.font()
        sf.setBold(True)
        self.score.setFont(sf)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(practice.go_to_finding)
        self.findings.itemClicked.connect(practice.go_to_finding)
        self.attempts = QLabel()
        self.attempts.setWordWrap(True)
        self.attempts.setStyleSheet("color:#555")

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.title)
        tl.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        row.addWidget(self.take_btn)
        row.addWidget(self.cell_label, 1)
        tl.addLayout(row)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.check_btn)
        bl.addWidget(self.score)
        bl.addWidget(self.findings, 1)
        bl.addWidget(self.attempts)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)
        self.doc_views: dict[str, QTableView] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.take_btn.setText(self.tr("Ta&ke value"))
        self.take_btn.setToolTip(self.tr("Put the selected document cell's value into the selected activity cell; "
                                         "the line notes the cell as its evidence"))
        self.check_btn.setText(self.tr("Check my &work"))
        self.check_btn.setToolTip(self.tr("Compare your inventory with the exercise's answer key"))
        self.practice.show_texts()

    def document_views(self) -> list[tuple[str, QTableView]]:
        return list(self.doc_views.items())


class Practice(QObject):
    """Practice mode of the main window (a controller: the window only creates it)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.ref: str | None = None
        self.exercise = None
        self.last = None  # the last CheckResult
        self.checking = False
        self._hiding = False  # this mode hides the results (hand calculation, not checked yet)
        self.dock = QDockWidget()
        self.dock.setObjectName("PracticeDock")
        self.panel = PracticePanel(self)
        self.dock.setWidget(self.panel)
        win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        win.session_installed.connect(self.session_installed)
        self.dock.installEventFilter(self)
        from carbonmgr.ui.start_page import StartEntry

        win.start_page.add_entry(StartEntry(
            "exercises", lambda: self.tr("E&xercises …"),
            lambda: self.tr("Practise a bundled exercise: build a firm's inventory from its documents and check "
                            "your work"), win.show_exercises), before="open")
        self.show_texts()

    # ------------------------------------------------------------------ texts
    def eventFilter(self, obj, event):
        from PySide6.QtCore import QEvent

        if obj is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.show_texts()
        return False

    def show_texts(self) -> None:
        """Everything in the current language: the dock's title, the brief, the tabs, the findings."""
        if not hasattr(self, "panel"):
            return
        p = self.panel
        lang = i18n.current()
        self.dock.setWindowTitle(self.tr("Practice"))
        if self.exercise is None:
            p.title.setText("")
            p.brief.setHtml("")
            p.cell_label.setText("")
            return
        texts = fx.brief_texts(self.exercise, lang)
        p.title.setText(texts["title"])
        firm, task = self.tr("The firm"), self.tr("Your task")  # not inside f-strings: lupdate skips those
        out = [f"<h3>{html.escape(firm)}</h3>"]
        out += [f"<p style='line-height:140%'>{html.escape(t)}</p>" for t in texts["story"]]
        out.append(f"<h3>{html.escape(task)}</h3>")
        out += [f"<p style='line-height:140%'>{html.escape(t)}</p>" for t in texts["task"]]
        if self.exercise.brief.time_limit:
            out.append("<p style='color:#555'>" + html.escape(
                self.tr("Suggested time: %1 minutes").replace("%1", f"{self.exercise.brief.time_limit:g}")) + "</p>")
        p.brief.setHtml("".join(out))
        p.tabs.setTabText(0, self.tr("Brief"))
        titles = {sheet: title for sheet, title, _rows in texts["documents"]}
        for i, (sheet, _view) in enumerate(p.document_views(), start=1):
            p.tabs.setTabText(i, titles.get(sheet, sheet))
            p.tabs.setTabToolTip(i, sheet)
        self.show_check()
        self.update_cell_label()

    # ------------------------------------------------------------------ opening
    def session_installed(self) -> None:
        """A project was opened: if it is a practice, show the panel (reading the exercise off the GUI thread)."""
        ws = self.win.workspace
        self.ref, self.exercise, self.last = None, None, None
        self.dock.hide()
        self.apply_visibility()
        if ws is None or ws.session is None:
            return
        self.win.tasks.watch(fx.practice_of(ws), lambda ref: self._practice_found(ws, ref), lambda _e: None)

    # ------------------------------------------------------------------ hand calculation
    def results_hidden(self) -> bool:
        """In hand-calculation mode the app's results stay hidden until the work has been checked."""
        return (self.exercise is not None and bool(self.exercise.hand_calculation)
                and not (self.last is not None and self.last.attempts))

    def apply_visibility(self) -> None:
        """Hide the results (or show again those this mode hid; what another mode hides, e.g. the
        exam mode, is left as it is)."""
        win = self.win
        hide = self.results_hidden()
        if hide == self._hiding:
            return
        self._hiding = hide
        win.totals_bar.setVisible(not hide)
        win.tabs.setTabVisible(win.tabs.indexOf(win.results), not hide)
        win.tabs.setTabVisible(win.tabs.indexOf(win.report), not hide)
        win.ets.hide_results(hide)
        col = win.activities.model.column_of("tco2e")
        win.activities.view.setColumnHidden(col, hide)
        win.activities.trace_box.setVisible(not hide)
        if hide:
            win.statusBar().showMessage(self.tr("Results are shown once you have checked your work "
                                                "(hand calculation)."), 8000)

    def _practice_found(self, ws, ref) -> None:
        if ref is None or ws is not self.win.workspace:
            return
        self.ref = ref
        self.win.tasks.run_in_background(lambda: fx.read_exercise(ref),
                                         lambda ex: self._exercise_read(ws, ex), self.win.show_error)

    def _exercise_read(self, ws, exercise) -> None:
        if ws is not self.win.workspace:
            return
        self.exercise = exercise
        p = self.panel
        p.tabs.clear()
        p.doc_views = {}
        p.tabs.addTab(p.brief, "")
        docs = ws.session.case.documents
        for d in exercise.documents:
            rows = docs.get(d.sheet, d.rows)  # the project's copy: what the trainee was given
            view = document_view(rows)
            view.doubleClicked.connect(lambda _i: self.take_value())
            view.selectionModel().currentChanged.connect(lambda _c, _p: self.update_cell_label())
            p.doc_views[d.sheet] = view
            p.tabs.addTab(view, d.sheet)
        p.tabs.currentChanged.connect(lambda _i: self.update_cell_label())
        self.win.activities.view.selectionModel().currentChanged.connect(lambda _c, _p: self.update_cell_label())
        self.dock.show()
        self.show_texts()
        self.apply_visibility()
        self.win.tasks.watch(fx.practice_attempts(ws), self._attempts_read, lambda _e: None)

    def _attempts_read(self, attempts) -> None:
        if attempts:
            last = attempts[-1]
            self.last = fx.CheckResult(last["score"], last["points_possible"], last["findings"], attempts)
            self.show_check()
            self.apply_visibility()

    # ------------------------------------------------------------------ taking a value
    def current_document_cell(self):
        """(sheet, cell reference like "B17", value) of the selected document cell, or None."""
        p = self.panel
        view = p.tabs.currentWidget()
        sheet = next((s for s, v in p.doc_views.items() if v is view), None)
        if sheet is None:
            return None
        idx = view.currentIndex()
        if not idx.isValid():
            return None
        rows = view.model().rows
        row = rows[idx.row()] if idx.row() < len(rows) else []
        value = row[idx.column()] if idx.column() < len(row) else None
        return sheet, f"{column_letters(idx.column())}{idx.row() + 1}", value

    def target_cell(self):
        """(position, field) of the selected activity cell, or None."""
        acts = self.win.activities
        idx = acts.view.currentIndex()
        pos = acts.current_position()
        if pos is None or not idx.isValid():
            return None
        return pos, acts.model.field(idx.column())

    def update_cell_label(self) -> None:
        cell = self.current_document_cell()
        text = "" if cell is None else f"{cell[0]}!{cell[1]}"
        self.panel.cell_label.setText(text)

    def take_value(self) -> None:
        """The selected document cell's value into the selected activity cell; the line's evidence
        gains the cell's reference (one undo step)."""
        cell = self.current_document_cell()
        target = self.target_cell()
        if cell is None or cell[2] in (None, ""):
            self.win.statusBar().showMessage(self.tr("Select a cell with a value in a source document first."), 6000)
            return
        if target is None:
            self.win.statusBar().showMessage(self.tr("Select the activity cell the value goes into first."), 6000)
            return
        sheet, ref, value = cell
        pos, field = target
        if field in ("tco2e", "scope", "evidence"):
            self.win.statusBar().showMessage(self.tr("The value cannot go into this column: choose an input cell."),
                                             6000)
            return
        evidence = f"{sheet}!{ref}"
        old = self.win.session.value(pos, "evidence") or ""
        parts = [x.strip() for x in str(old).split(";") if x.strip()]
        if evidence not in parts:
            parts.append(evidence)
        new_evidence = "; ".join(parts)

        def done(result) -> None:
            changes, errors = result
            self.win.after_change(changes)
            if errors:
                self.win.show_error(errors[0][2])
            else:
                self.win.statusBar().showMessage(self.tr("Taken from %1").replace("%1", evidence), 4000)

        self.win.op(lambda ws: ws.set_cells([(pos, field, value), (pos, "evidence", new_evidence)])) \
            .success(done).run()

    # ------------------------------------------------------------------ checking
    def check(self):
        """Grade the current work (task pool), keep the attempt (DB worker), show the findings."""
        ws = self.win.workspace
        if ws is None or self.ref is None or self.exercise is None or self.checking:
            return None
        snap = ws.session.snapshot()
        ref, exercise, lang = self.ref, self.exercise, i18n.current()
        self.checking = True
        self.panel.check_btn.setEnabled(False)
        self.panel.score.setText(self.tr("Checking …"))

        def graded(result) -> None:
            self.win.tasks.watch(fx.record_attempt(ws, ref, result), shown, failed)

        def shown(result) -> None:
            self.checking = False
            self.panel.check_btn.setEnabled(True)
            self.last = result
            self.show_check()
            self.apply_visibility()

        def failed(exc) -> None:
            self.checking = False
            self.panel.check_btn.setEnabled(True)
            self.panel.score.setText("")
            self.win.show_error(exc)

        return self.win.tasks.run_in_background(lambda: fx.grade_practice(snap, ref, lang=lang, exercise=exercise),
                                                graded, failed)

    def show_check(self) -> None:
        p = self.panel
        p.findings.clear()
        if self.last is None:
            p.score.setText(self.tr("Not checked yet."))
            p.attempts.setText("")
            return
        lang = i18n.current()
        res = self.last
        if res.findings:
            p.score.setText(self.tr("Score: %1 / 100 · %2 finding(s)").replace("%1", f"{res.score:g}")
                            .replace("%2", str(len(res.findings))))
        else:
            p.score.setText(self.tr("Score: %1 / 100 · no findings: well done.").replace("%1", f"{res.score:g}"))
        bold = QFont(p.findings.font())
        for i, f in enumerate(res.findings):
            item = QListWidgetItem(f"{i + 1}. {res.text(i, lang)}")
            item.setData(Qt.ItemDataRole.UserRole, {"kind": f["kind"], "rows": list(f["rows"]),
                                                    "sheet": fx.rows_sheet_of(f), "field": f.get("field", "")})
            item.setToolTip(self.tr("−%1 points").replace("%1", f"{f['points']:g}"))
            if i == 0:
                item.setFont(bold)
            p.findings.addItem(item)
        if res.attempts:
            scores = " → ".join(f"{a['score']:g}" for a in res.attempts[-8:])
            p.attempts.setText(self.tr("Attempts: %1 (scores %2)").replace("%1", str(len(res.attempts)))
                               .replace("%2", scores))
        else:
            p.attempts.setText("")

    def go_to_finding(self, item: QListWidgetItem) -> None:
        """Show where the finding is: the trainee's line in the activity table, their row of the
        equipment or instruments register, or the case setting on the Boundary page."""
        where = item.data(Qt.ItemDataRole.UserRole) or {}
        show_finding(self.win, where.get("kind", ""), where.get("rows") or [], where.get("sheet") or "Activities",
                     where.get("field") or "")


# the case-setting findings and the Boundary page's field of each
SETTING_FIELDS = {"wrong_standard": "standard", "wrong_gwp": "gwp", "wrong_consolidation": "consolidation"}
REGISTERS = {"Equipment": "equipment", "Instruments": "instrument"}  # a finding's sheet -> the register


def show_finding(win, kind: str, rows: list[int], sheet: str = "Activities", field: str = "") -> bool:
    """Lead to a finding (Check my work, a graded submission): its first row of the trainee's
    ``rows`` in ``sheet`` (the activity lines, or the equipment or instruments register on the
    Boundary page, selected), or the case setting it concerns; an ETS finding (sheet ETS or Case)
    to its field on the ETS page (a unit's cell, a Case key, an answer). False when there is
    nothing to show."""
    s = win.session
    if s is None:
        return False
    if sheet in ("ETS", "Case"):
        return win.ets.go_to_input(field, rows)
    if kind in SETTING_FIELDS:
        win.tabs.setCurrentWidget(win.boundary)
        getattr(win.boundary, SETTING_FIELDS[kind]).setFocus()
        return True
    register = REGISTERS.get(sheet)
    if register is not None:
        numbers = [r.row for r in s.records(register)]
        hit = next((r for r in rows if r in numbers), None)
        if hit is None:
            return False
        win.tabs.setCurrentWidget(win.boundary)
        win.boundary.go_to(register, numbers.index(hit))
        return True
    table_rows = s.case.activities.row
    hit = next((r for r in rows if r in table_rows), None)
    if hit is None:
        return False
    win.tabs.setCurrentWidget(win.activities)
    win.activities.go_to(table_rows.index(hit), "quantity")
    return True


__all__ = ["Practice", "PracticePanel", "document_view", "show_finding", "Changes"]
