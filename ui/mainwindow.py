"""The main window: actions, menus, pages, and the flow of every operation.

The window reaches the core only through the facade (:class:`carbonmgr.facade.Workspace`).
Every action is an operation on the open workspace run through one helper
(:class:`carbonmgr.ui.operations.Op`): an edit is undoable and journalled for save and
autosave, returns a Changes record, and :meth:`MainWindow.after_change` hands it to every
page, which redraws what it touches (Anki's ``operation_did_execute``); a failure is
told to the user in one place.  Slow work runs off the GUI thread:
project files on the session's DB worker, workbook imports in a child process,
large computations on the task pool.
"""
from __future__ import annotations

import gc
import html
import re
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDockWidget, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QLabel, QLineEdit, QListView, QMainWindow, QMessageBox,
                               QProgressBar, QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from carbonmgr.common.errors import Problem, ValidationFailed
from carbonmgr.common.i18n import translate
from carbonmgr.common.paths import demo_dir
from carbonmgr.facade import (PROJECT_SUFFIX, Changes, ImportCancelled, ImportJob, ProjectInUse, Workspace,
                              resolve_input)

from carbonmgr.ui import i18n, labels
from carbonmgr.ui.i18n import Retranslating
from carbonmgr.ui.fitting import keep_headers_fitted
from carbonmgr.ui.forms import labelled_rows
from carbonmgr.ui.models import ProblemModel
from carbonmgr.ui.operations import Op, Refusal, report_failure
from carbonmgr.ui.practice import Practice
from carbonmgr.ui.pages import ActivitiesPage, BoundaryPage, BriefPage, FactorsPage, ResultsPage
from carbonmgr.ui.report_page import ReportPage
from carbonmgr.ui.ets_page import EtsPage
from carbonmgr.ui.settings import Settings, data_dir
from carbonmgr.ui.start_page import EmptyHint, StartEntry, StartPage
from carbonmgr.ui.taskman import TaskManager
from carbonmgr.ui.totals import TotalsBar

# the tables of the Boundary page whose refused values are listed as problems, by the sheet they come from
REJECTABLE_SHEETS = {"facility": "Facilities", "instrument": "Instruments", "equipment": "Equipment"}
SYNC_COMPUTE_LINES = 30_000  # compute on the GUI thread up to this many lines (10k lines: ~5 ms)
SUBPROCESS_IMPORT_BYTES = 1_500_000  # a bundled demo larger than this is read in a child process too
AUTOSAVE_SECONDS = 30
PROGRESS_DELAY_MS = 300


class ImportDialog(Retranslating, QDialog):
    """Progress of a workbook import, with a cancel button (shown only if it takes a while)."""

    def __init__(self, parent, name: str):
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.name = name
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMinimumWidth(360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.buttons)
        self.stage = "reading"
        self.retranslate()


    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Importing a workbook"))
        texts = {"reading": self.tr("Reading and checking %1 …"), "transfer": self.tr("Loading the lines of %1 …"),
                 "computing": self.tr("Computing the inventory of %1 …")}
        self.label.setText(texts.get(self.stage, texts["reading"]).replace("%1", self.name))

    def set_stage(self, stage: str, done: int = 0, total: int = 0) -> None:
        if stage != self.stage:
            self.stage = stage
            self.retranslate()
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.bar.setRange(0, 0)

    def reject(self):  # Esc or Cancel
        self.buttons.rejected.emit()


class OverrideDialog(QDialog):
    def __init__(self, parent, value: float, unit: str):
        super().__init__(parent)
        self.value = QDoubleSpinBox()
        self.value.setDecimals(8)
        self.value.setRange(0, 1e9)
        self.value.setValue(value)
        self.unit = QLineEdit(unit)
        form = QFormLayout(self)
        self.lbl_value, self.lbl_unit = labelled_rows(form, (self.value, self.unit))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setWindowTitle(self.tr("Override the emission factor"))
        self.lbl_value.setText(self.tr("&CO2e factor:"))
        self.lbl_unit.setText(self.tr("Factor &unit (e.g. t/t, kg/MWh):"))


def with_access_key(text: str, key: str) -> str:
    """``text`` with the access key ``key``: on its first letter ``key`` ("Class market", "m" → "Class &market"),
    else after it in the Chinese way ("配额", "t" → "配额(&T)")."""
    at = text.lower().find(key.lower())
    if at < 0 or re.search(r"[\u4e00-\u9fff]", text):
        return f"{text.replace('&', '&&')}(&{key.upper()})"
    return text[:at].replace("&", "&&") + "&" + text[at:].replace("&", "&&")


def _reason(reason):
    """A refused value's reason as a parameter of its problem: rendered in the Problems list's language."""
    return reason.message() if isinstance(reason, Refusal) else reason


def _exam_work(path: Path) -> bool:
    """Is ``path`` the project the app keeps of a trainee's exam (data folder, exams, "exam-<id>")?"""
    try:
        return path.name.startswith("exam-") and path.parent.resolve() == (data_dir() / "exams").resolve()
    except OSError:
        return False


def shown_file_name(path) -> str:
    """A file's name as the window shows it: a bundled file of ours (the demo) by what it is."""
    p = Path(path)
    try:
        ours = p.resolve().parent == demo_dir().resolve()
    except OSError:
        ours = False
    if ours:
        from carbonmgr.common.i18n import translate

        return translate("label.demo_case", i18n.current())
    return p.name


class MainWindow(Retranslating, QMainWindow):
    results_shown = Signal()  # emitted after new results are on screen
    session_installed = Signal()

    def __init__(self, settings: Settings | None = None, tasks: TaskManager | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.tasks = tasks or TaskManager(self)
        self.tasks.on_error = self.show_error
        self.workspace: Workspace | None = None  # the open case (the facade); its edit session is .session
        self._compute_token = 0
        self._had_errors = True
        self._import = None
        self.registry_page = None  # the registry checklist window, made when first shown
        self.last_problems_title = ""
        self.setObjectName("MainWindow")

        self.totals_bar = TotalsBar()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.brief = BriefPage(self)
        self.boundary = BoundaryPage(self)
        self.activities = ActivitiesPage(self)
        self.activities.model.rejected_changed = self.refresh_rejected
        for model in self.boundary.models().values():  # the facilities and the registers: the same
            model.rejected_changed = self.refresh_rejected
        self.factors = FactorsPage(self)
        self.results = ResultsPage(self)
        self.report = ReportPage(self)
        self.pages = (self.brief, self.boundary, self.activities, self.factors, self.results)
        for page in self.pages + (self.report,):
            self.tabs.addTab(page, "")
        from carbonmgr.ui.market_page import MarketPage  # the class market: its own file, no case needed

        self.market = MarketPage(self)
        self.tabs.addTab(self.market, "")
        self.market.retranslate()
        self.ets = EtsPage(self)  # carbon trading: after the report and the market, so the others keep their numbers
        self.tabs.addTab(self.ets, "")
        self.pages = self.pages + (self.ets,)
        self.ets.retranslate()
        self.work = QWidget()  # the open case: totals and pages
        cl = QVBoxLayout(self.work)
        cl.setContentsMargins(4, 4, 4, 0)
        cl.addWidget(self.totals_bar)
        cl.addWidget(self.tabs, 1)
        self.start_page = StartPage(self)  # no case open yet (and File > Start page)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.work)
        self.setCentralWidget(self.stack)
        self.activities_hint = EmptyHint(self.activities.view, self._activities_hint)

        self.problem_model = ProblemModel(self)
        self.problem_view = QListView()
        self.problem_view.setModel(self.problem_model)
        self.problem_view.setWordWrap(True)
        self.problem_view.activated.connect(self._goto_problem)
        self.problem_title = QLabel()
        self.problem_title.setStyleSheet("font-weight:bold")
        pw = QWidget()
        pl = QVBoxLayout(pw)
        pl.setContentsMargins(4, 2, 4, 2)
        pl.addWidget(self.problem_title)
        pl.addWidget(self.problem_view)
        self.problems_dock = QDockWidget()
        self.problems_dock.setObjectName("ProblemsDock")
        self.problems_dock.setWidget(pw)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

        self.status_lines = QLabel()
        self.statusBar().addPermanentWidget(self.status_lines)

        self._make_actions()
        self._make_menus()
        for entry in self._start_entries():
            self.start_page.add_entry(entry)
        from carbonmgr.ui.exam_page import install as install_exam_tools

        self.exam_tools = install_exam_tools(self)  # File › Open exam …, Instructor … (ui/exam_page.py)
        self.practice = Practice(self)  # practice mode: shown when a practice project is open

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_SECONDS * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self._compute_timer = QTimer(self)
        self._compute_timer.setSingleShot(True)
        self._compute_timer.setInterval(0)
        self._compute_timer.timeout.connect(self.compute_now)

        self.retranslate()
        self._restore_state()
        self.update_actions()
        keep_headers_fitted(self)  # no header text cut, whatever the language

    @property
    def session(self):
        """The edit session of the open workspace (what the views read), or None."""
        return self.workspace.session if self.workspace is not None else None

    @session.setter
    def session(self, session) -> None:
        self.workspace = None if session is None else Workspace.editing(session)

    # ================================================================== actions
    def _action(self, name: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        if slot is not None:
            act.triggered.connect(lambda *_a: slot())
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_start = self._action("start_page", self.show_start_page, None)
        self.act_new = self._action("new", self.new_project, K.New)
        self.act_open = self._action("open", self.open_dialog, K.Open)
        self.act_import = self._action("import", self.import_dialog, "Ctrl+Shift+I")
        self.act_exercises = self._action("exercises", self.show_exercises, "Ctrl+Shift+X")
        self.act_save = self._action("save", self.save, K.Save)
        self.act_save_as = self._action("save_as", self.save_as, "Ctrl+Shift+S")
        self.act_quit = self._action("quit", self.close, "Ctrl+Q")
        self.act_undo = self._action("undo", self.undo, K.Undo)
        self.act_redo = self._action("redo", self.redo, [QKeySequence(K.Redo).toString(), "Ctrl+Y"])
        self.act_copy = self._action("copy", self.copy_cells, K.Copy)
        self.act_paste = self._action("paste", self.paste_cells, K.Paste)
        self.act_insert = self._action("insert_line", self.insert_line, "Ctrl+I")
        self.act_delete = self._action("delete_lines", self.delete_lines, "Ctrl+Del")
        self.act_assign = self._action("assign_factor", self.assign_factor, "Ctrl+Shift+A")
        self.act_override = self._action("override_factor", self.override_factor, "Ctrl+Shift+O")
        self.act_clear_override = self._action("clear_override", self.clear_override, None)
        self.act_find = self._action("find", self.focus_find, K.Find)
        self.act_sort = self._action("sort", self.sort_current_column, "Ctrl+Shift+T")
        self.act_recompute = self._action("recompute", self.compute_now, "F5")
        self.act_export_pdf = self._action("export_report", self.report.export_pdf, "Ctrl+E")
        self.act_export_xlsx = self._action("export_inventory", self.report.export_excel, "Ctrl+Shift+E")
        self.act_problems = self.problems_dock.toggleViewAction()
        self.act_problems.setObjectName("show_problems")
        self.act_problems.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.act_pages = []
        for i in range(self.tabs.count()):
            self.act_pages.append(self._action(f"page{i + 1}", lambda i=i: self.show_page(i), f"Ctrl+{i + 1}"))
        self.ets.retranslate()  # its tab is named by the page itself (its View-menu entry by retranslate)
        self.lang_group = QActionGroup(self)
        self.act_zh = self._action("lang_zh", lambda: self.set_language("zh"), None, True)
        self.act_en = self._action("lang_en", lambda: self.set_language("en"), None, True)
        self.act_zh.setText("中文")  # language names are shown in their own language
        self.act_en.setText("English")
        self.lang_group.addAction(self.act_zh)
        self.lang_group.addAction(self.act_en)
        self.act_about = self._action("about", self.about, None)
        # the table's context menu
        self.activities.add_context_actions((self.act_insert, self.act_delete, self.act_copy, self.act_paste,
                                             self.act_assign, self.act_override, self.act_clear_override))

    def _make_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_file.addAction(self.act_start)
        self.menu_file.addSeparator()
        for a in (self.act_new, self.act_open, self.act_import, self.act_exercises):
            self.menu_file.addAction(a)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_save)
        self.menu_file.addAction(self.act_save_as)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_export_pdf)
        self.menu_file.addAction(self.act_export_xlsx)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = mb.addMenu("")
        for a in (self.act_undo, self.act_redo, None, self.act_copy, self.act_paste, None, self.act_insert,
                  self.act_delete, None, self.act_assign, self.act_override, self.act_clear_override, None,
                  self.act_find, self.act_sort, self.act_recompute):
            self.menu_edit.addSeparator() if a is None else self.menu_edit.addAction(a)
        self.menu_view = mb.addMenu("")
        for a in self.act_pages:
            self.menu_view.addAction(a)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_problems)
        self.menu_lang = self.menu_view.addMenu("")
        self.menu_lang.addAction(self.act_zh)
        self.menu_lang.addAction(self.act_en)
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        recent = self.settings.recent()
        for i, path in enumerate(recent):
            act = self.menu_recent.addAction(f"&{i + 1} {Path(path).name}")
            act.setToolTip(path)
            act.setData(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_recent(p))
        if not recent:
            act = self.menu_recent.addAction(self.tr("(none)"))
            act.setEnabled(False)
        else:
            self.menu_recent.addSeparator()
            clear = self.menu_recent.addAction(self.tr("&Clear the list"))
            clear.triggered.connect(lambda: (self.settings.set("files/recent", []), self.settings.sync()))

    # ================================================================== texts

    def retranslate(self) -> None:
        QTimer.singleShot(0, self, lambda: keep_headers_fitted(self))  # after the pages took the new texts
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.menu_recent.setTitle(self.tr("Open &recent"))
        self.menu_lang.setTitle(self.tr("&Language"))
        texts = {
            self.act_start: (self.tr("S&tart page"), self.tr("Open the demo, a new project, a workbook or a recent file")),
            self.act_new: (self.tr("&New project …"), self.tr("Create a project: its title, standard, year and first "
                                                           "facility with its region")),
            self.act_open: (self.tr("&Open …"), self.tr("Open a project (.carbon) or a case workbook (.xlsx)")),
            self.act_import: (self.tr("&Import workbook …"), self.tr("Import a case workbook into a new project")),
            self.act_exercises: (self.tr("Exer&cises …"),
                                 self.tr("Practise a bundled exercise or open an exercise file")),
            self.act_save: (self.tr("&Save"), self.tr("Save the project")),
            self.act_save_as: (self.tr("Save &as …"), self.tr("Save the project under a new name")),
            self.act_quit: (self.tr("&Quit"), self.tr("Quit CarbonMgr")),
            self.act_copy: (self.tr("&Copy"), self.tr("Copy the selected cells")),
            self.act_paste: (self.tr("&Paste"), self.tr("Paste cells copied from Excel (tab-separated)")),
            self.act_insert: (self.tr("&Insert line"), self.tr("Insert a new activity line")),
            self.act_delete: (self.tr("&Delete lines"), self.tr("Delete the selected lines")),
            self.act_assign: (self.tr("Use &selected factor"), self.tr("Use the factor selected in the factor library for "
                                                             "the selected lines")),
            self.act_override: (self.tr("&Override factor …"), self.tr("Give the selected lines their own CO2e factor")),
            self.act_clear_override: (self.tr("C&lear factor override"), self.tr("Remove the lines' own CO2e factor")),
            self.act_find: (self.tr("&Find"), self.tr("Go to the search field")),
            self.act_sort: (self.tr("Sor&t lines by the current column"),
                            self.tr("Sort the activity lines by the current column; again: descending; again: "
                                    "line order (or click a column header)")),
            self.act_recompute: (self.tr("R&ecompute"), self.tr("Compute the inventory again")),
            self.act_about: (self.tr("&About CarbonMgr"), self.tr("About CarbonMgr")),
            self.act_export_pdf: (self.tr("Export re&port (PDF) …"),
                                  self.tr("Write the PDF report of the case to a file of your choice")),
            self.act_export_xlsx: (self.tr("Export inventory (E&xcel) …"),
                                   self.tr("Write the case and its results to an Excel workbook")),
        }
        for act, (text, tip) in texts.items():
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        self.act_problems.setText(self.tr("Probl&ems"))
        page_names = (self.tr("&Case brief"), self.tr("&Boundary"), self.tr("&Activities"), self.tr("&Factor library"), self.tr("&Results"),
                      self.tr("Re&port"))
        for i, (act, name) in enumerate(zip(self.act_pages, page_names)):
            act.setText(name)
            # the tabs go by Ctrl+1 …: no access key of their own, which would take Alt+F from File (Factor
            # library) and a page's fields (Activities / Add line)
            self.tabs.setTabText(i, re.sub(r"\(&\w\)", "", name).replace("&", ""))
        lang = i18n.current()
        for page, name_id, key in ((self.market, "market.ui.tab", "m"), (self.ets, "ets.page.title", "t")):
            # the pages name their tabs from the core's catalogue; their View-menu entries take the same
            # name with an access key of their own
            self.act_pages[self.tabs.indexOf(page)].setText(with_access_key(translate(name_id, lang), key))
        self.tabs.setTabToolTip(0, self.tr("The firm's description and its source documents"))
        self.tabs.setTabToolTip(1, self.tr("Organisational boundary and reporting settings"))
        self.tabs.setTabToolTip(2, self.tr("Activity data per facility and source type"))
        self.tabs.setTabToolTip(3, self.tr("Emission factors with their sources"))
        self.tabs.setTabToolTip(4, self.tr("Totals, breakdowns and charts"))
        self.tabs.setTabToolTip(5, self.tr("The PDF report of the inventory, with a preview of its first pages"))
        self.problems_dock.setWindowTitle(self.tr("Problems"))
        self.act_zh.setChecked(i18n.current() == "zh")
        self.act_en.setChecked(i18n.current() == "en")
        self.problem_model.retranslate()
        self.update_actions()
        self.update_title()
        self.update_status()
        self.activities_hint.update()

    def update_title(self) -> None:
        s = self.session
        if s is None:
            self.setWindowTitle(self.tr("CarbonMgr — Carbon emission manager training"))
            return
        if s.project_path is not None and _exam_work(s.project_path):
            name = self.tr("Exam work")  # the app's own file of the trainee's answers (its name is an id)
        elif s.project_path is not None:
            name = s.project_path.name
        elif s.base.get("kind") == "workbook":
            file_name = shown_file_name(s.base["path"])
            name = self.tr("%1 (not saved as a project yet)").replace("%1", file_name)
        elif s.base.get("kind") == "submission":
            name = Path(s.base["path"]).name
        else:
            name = self.tr("Untitled")
        if s.read_only:
            name = self.tr("%1 (read-only)").replace("%1", name)
        self.setWindowTitle(f"{name}[*] — {s.title_in(i18n.current())} — CarbonMgr")
        self.setWindowModified(s.modified)

    def update_actions(self) -> None:
        s = self.session
        has = s is not None
        lang = i18n.current()
        if has and s.can_undo():
            self.act_undo.setText(self.tr("&Undo %1").replace("%1", labels.action(s.undo_label(), lang)))
        else:
            self.act_undo.setText(self.tr("&Undo"))
        if has and s.can_redo():
            self.act_redo.setText(self.tr("&Redo %1").replace("%1", labels.action(s.redo_label(), lang)))
        else:
            self.act_redo.setText(self.tr("&Redo"))
        self.act_undo.setEnabled(has and s.can_undo())
        self.act_redo.setEnabled(has and s.can_redo())
        for a in (self.act_save, self.act_save_as, self.act_copy, self.act_paste, self.act_insert, self.act_delete,
                  self.act_assign, self.act_override, self.act_clear_override, self.act_recompute, self.act_sort,
                  self.act_export_pdf, self.act_export_xlsx):
            a.setEnabled(has)

    def update_status(self) -> None:
        s = self.session
        if s is None:
            self.status_lines.setText("")
            return
        text = self.tr("%1 lines").replace("%1", f"{len(s):,}")
        if s.results is not None:
            text += " · " + self.tr("computed in %1 ms").replace("%1", f"{s.results.seconds * 1000:.0f}")
        self.status_lines.setText(text)

    # ================================================================== questions (tests replace these)
    def ask(self, kind: str, text: str, buttons=("yes", "no")) -> str:
        """Ask the user; returns the chosen button name ("yes", "no", "save", "discard", "cancel")."""
        std = {"yes": QMessageBox.StandardButton.Yes, "no": QMessageBox.StandardButton.No,
               "save": QMessageBox.StandardButton.Save, "discard": QMessageBox.StandardButton.Discard,
               "cancel": QMessageBox.StandardButton.Cancel}
        box = QMessageBox(QMessageBox.Icon.Question, "CarbonMgr", text, parent=self)
        for b in buttons:
            box.addButton(std[b])
        box.setDefaultButton(std[buttons[0]])
        answer = box.exec()
        for name, button in std.items():
            if answer == button:
                return name
        return buttons[-1]

    def ask_path(self, kind: str, suggestion: str = "") -> str | None:
        start = suggestion or self.settings.get("files/last_dir") or str(Path.home())
        if kind == "open":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), start,
                                                  self.tr("Projects, workbooks and submissions "
                                                          "(*.carbon *.xlsx *.xlsm *.cmsub *.cmexam);;All files (*)"))
        elif kind == "import":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import workbook"), start,
                                                  self.tr("Case workbooks (*.xlsx *.xlsm)"))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save project"), start,
                                                  self.tr("CarbonMgr projects (*.carbon)"))
            if path and not path.endswith(PROJECT_SUFFIX):
                path += PROJECT_SUFFIX
        if path:
            self.settings.set("files/last_dir", str(Path(path).parent))
        return path or None

    def show_error(self, exc: BaseException) -> None:
        """Tell the user what went wrong (the operations helper's one way of reporting)."""
        report_failure(self, exc)

    def show_problems(self, problems, title: str) -> None:
        self.last_problems_title = title
        self.problem_title.setText(title)
        self.problem_model.set_problems(problems)
        if problems:
            self.problems_dock.show()
            self.problems_dock.raise_()

    def _goto_problem(self, index: QModelIndex) -> None:
        p = index.data(Qt.ItemDataRole.UserRole)
        s = self.session
        if p is None or s is None or p.row is None:
            return
        for kind, canonical in REJECTABLE_SHEETS.items():  # a cell of the facilities or a register
            if p.sheet != s.case.sheet(canonical):
                continue
            if kind == "facility":
                index = p.row - 2
            else:
                rows = [r.row for r in s.records(kind)]
                index = rows.index(p.row) if p.row in rows else -1
            if index < 0:
                return
            field = next((f for f, letter in s.case.columns.get(canonical, {}).items() if p.col and letter == p.col),
                         None)
            if field is None and kind == "equipment":
                hit = s.results.equipment_errors.get(p.row) if s.results is not None else None
                field = hit[1] if hit else None
            self.tabs.setCurrentWidget(self.boundary)
            self.boundary.go_to(kind, index, field)
            return
        if p.sheet != s.case.sheet("Activities"):
            return
        try:
            pos = s.case.activities.row.index(p.row)
        except ValueError:
            return
        field = None
        cols = s.case.columns.get("Activities", {})
        for f, letter in cols.items():
            if letter == p.col:
                field = f
        self.tabs.setCurrentWidget(self.activities)
        self.activities.go_to(pos, field)

    # ================================================================== opening
    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_path("open")
        if path:
            self.open_path(path)

    def open_recent(self, path: str):
        """File > Open recent: like Open, it first asks what to do with unsaved changes."""
        if not self.maybe_save():
            return None
        return self.open_path(path)

    def import_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_path("import")
        if path:
            self.import_workbook(path)

    def open_path(self, path: str, *, check_recovery: bool = True):
        """Open a project, a workbook, or 'demo'; returns the future/operation (tests wait on it)."""
        lang = i18n.current()
        p = resolve_input(path, lang)
        if not p.exists():
            self.show_error(ValidationFailed([Problem("cli.file_not_found", {"path": str(p)})]))
            return None
        if p.suffix.lower() == PROJECT_SUFFIX:
            self.statusBar().showMessage(self.tr("Opening %1 …").replace("%1", shown_file_name(p)))
            return self._open_project(p, check_recovery=check_recovery)
        if p.suffix.lower() == ".cmsub":  # a sealed submission: read-only, with its banner (ui/exam_page.py)
            self.statusBar().showMessage(self.tr("Opening %1 …").replace("%1", shown_file_name(p)))
            return self.exam_tools.open_submission(str(p))
        if p.suffix.lower() == ".cmexam":  # an exam package: the trainee's work on it, in exam mode
            return self.exam_tools.open_exam(str(p))
        return self.import_workbook(str(p))

    def _open_project(self, p: Path, *, check_recovery: bool = True, read_only: bool = False):
        lang = i18n.current()
        fut = Workspace.open_project(p, lang=lang, autosave_dir=data_dir(), read_only=read_only)

        def opened(ws) -> None:
            self.install_workspace(ws, check_recovery=check_recovery)
            if ws.session.read_only_reason == "file":  # say why Save will ask for another name
                self.statusBar().showMessage(self.tr("%1 is read-only (the file or its folder cannot be written): "
                                                     "use Save As to keep your changes").replace("%1", p.name), 15000)

        return self.tasks.watch(fut, opened, lambda exc: self._open_failed(exc, p))

    def _open_failed(self, exc: BaseException, p: Path) -> None:
        """A project another instance edits can still be opened read-only (Save As keeps the edits)."""
        if not isinstance(exc, ProjectInUse):
            self.show_error(exc)
            return
        text = exc.render(i18n.current()) + "\n\n" + self.tr("Open it read-only?")
        if self.ask("open_read_only", text, ("yes", "no")) == "yes":
            self._open_project(p, check_recovery=False, read_only=True)
        else:
            self.statusBar().showMessage(exc.render(i18n.current()), 15000)

    def import_workbook(self, path: str):
        """Read a workbook off the GUI thread (large ones in a child process), with progress and cancel."""
        op = ImportOperation(self, Path(path))
        self._import = op
        op.start()
        return op

    def show_exercises(self):
        """The Exercises page (bundled exercises, open an exercise file, start practising)."""
        from carbonmgr.ui.exercises_page import ExercisesPage

        page = ExercisesPage(self)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.open()
        return page

    def show_registry_checklist(self):
        """The registry checklist exercise (ui/registry_page.py): a window of its own, owned by this
        window and kept for its life (reopening shows the trainee's steps as they left them)."""
        from carbonmgr.ui.registry_page import RegistryChecklistPage

        if self.registry_page is None:
            try:
                self.registry_page = RegistryChecklistPage(self)
            except Exception as exc:  # noqa: BLE001 - a broken checklist file: said in the user's language
                self.show_error(exc)
                return None
        self.registry_page.show()
        self.registry_page.raise_()
        self.registry_page.activateWindow()
        return self.registry_page

    def ask_new_project(self) -> tuple[str, dict] | None:
        """The New project dialog: (project path, essentials of the case), or None if cancelled."""
        from carbonmgr.ui.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(self, self.settings.get("files/last_dir") or Path.home())
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.project_path(), dialog.essentials()
        finally:
            dialog.deleteLater()

    def new_project(self):
        """Ask the essentials of the case (one dialog), then write the project and open it."""
        if not self.maybe_save():
            return None
        answer = self.ask_new_project()
        if not answer:
            return None
        path, essentials = answer
        if Path(path).exists() and self.ask("overwrite", self.tr("“%1” exists. Replace it with the new project?")
                                            .replace("%1", Path(path).name), ("yes", "no")) != "yes":
            return None
        self.settings.set("files/last_dir", str(Path(path).parent))
        fut = Workspace.create_project(path, lang=i18n.current(), autosave_dir=data_dir(), overwrite=True,
                                       essentials=essentials)
        return self.tasks.watch(fut, self.install_workspace, self.show_error)

    # ================================================================== start page
    def _start_entries(self) -> list[StartEntry]:
        """The start page's entries (another part of the app adds its own with start_page.add_entry)."""
        return [
            StartEntry("demo", lambda: self.tr("Open the &demo case"),
                       lambda: self.tr("A Wuhan auto-parts maker's inventory, ready to explore: every figure with its "
                                  "formula and factor source"), lambda: self.open_recent("demo")),
            StartEntry("new", lambda: self.tr("&New project …"),
                       lambda: self.tr("Start a case of your own: title, standard, year and the first facility with its "
                                  "region"), self.new_project),
            StartEntry("import", lambda: self.tr("&Import a workbook …"),
                       lambda: self.tr("Read a case workbook (.xlsx; carbonmgr template writes an empty one to fill in)"),
                       self.import_dialog),
            StartEntry("open", lambda: self.tr("&Open a file …"),
                       lambda: self.tr("A project (.carbon) or a case workbook (.xlsx)"), self.open_dialog),
            StartEntry("market", lambda: self.tr("Class &market"),
                       lambda: self.tr("Trade allowances with the class in call-auction rounds"),
                       lambda: self.show_page(self.tabs.indexOf(self.market)),
                       visible=lambda: getattr(self, "market", None) is not None),
            StartEntry("back", lambda: self.tr("&Return to the open case"),
                       lambda: self.tr("Return to “%1”").replace("%1", self.session.title_in(i18n.current()) if self.session else ""),
                       self.show_work, visible=lambda: self.session is not None),
        ]

    def show_start_page(self) -> None:
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.refresh()

    def show_work(self) -> None:
        if self.session is not None:
            self.stack.setCurrentWidget(self.work)

    def show_page(self, index: int) -> None:
        """A page of the window (View menu, Ctrl+1 …), also with no case open (the class market needs none)."""
        self.stack.setCurrentWidget(self.work)
        self.tabs.setCurrentIndex(index)

    def _activities_hint(self) -> str:
        """The empty activity table says what to do (nothing when lines are only filtered out)."""
        s = self.session
        if s is not None and len(s) > 0:
            return ""
        return self.tr("No activity lines yet. Add one with Add line (Ctrl+I), or paste rows copied from Excel "
                       "(Ctrl+V): facility, source type, item, quantity, unit.")

    def install_workspace(self, workspace: Workspace, *, check_recovery: bool = True) -> None:
        """Show an opened workspace (an editing one: it has an edit session)."""
        session = workspace.session
        old = self.session
        if old is not None and old is not session:
            old.discard_autosave() if not old.modified else None
            old.close()
        session.dispatch = self.tasks.run_on_main
        session.lang = i18n.current()
        self.workspace = workspace
        if session.project_path is not None:
            self.settings.add_recent(str(session.project_path))
        elif session.base.get("kind") in ("workbook", "submission"):
            self.settings.add_recent(session.base["path"])
        self.settings.sync()
        self.problem_model.set_problems([])
        self.problems_dock.hide()
        if check_recovery:
            rec = session.recovery()
            if rec is not None:
                when = rec.get("saved_at", "")
                answer = self.ask("recover", self.tr("CarbonMgr found unsaved changes to this project from %1 "
                                                     "(autosave). Recover them?").replace("%1", when),
                                  ("yes", "no"))
                if answer == "yes":
                    session.recover(rec)
                else:
                    session.discard_autosave()
        self._had_errors = True
        self.stack.setCurrentWidget(self.work)
        for page in (self.brief, self.boundary, self.activities, self.factors, self.ets):
            page.set_session(session)
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", session.title_in(i18n.current())), 5000)
        if session.results is not None and session.results.version == session.version:
            self.on_results(session.results)
        else:
            self.schedule_compute(immediate=True)
        self.update_actions()
        self.update_title()
        # what is alive now (the case, Qt wrappers, modules) lives long: keep it out of the
        # cyclic collector's full passes, which otherwise stall edits of big cases for tens of ms
        gc.freeze()
        self.session_installed.emit()

    # ================================================================== editing
    def after_change(self, changes: Changes) -> None:
        s = self.session
        if s is None:
            return
        for page in self.pages:  # each page redraws what the change touches
            page.apply_changes(changes)
        if changes.affects_results:
            self.schedule_compute()
        if s.autosave_due():
            self.autosave()
        self.update_actions()
        self.update_title()
        self.update_status()

    def op(self, operation) -> Op:
        """An action on the open workspace, run through the one helper (see ui/operations.py)."""
        return Op(self, operation)

    def _edit(self, operation) -> str | None:
        """Run an edit; returns the message shown when it was refused, else None."""
        op = self.op(operation)
        op.run()
        return op.error

    def edit_cell(self, pos: int, field: str, value) -> str | None:
        """Called by the activity model; returns an error message or None."""
        return self._edit(lambda ws: ws.set_cell(pos, field, value))

    def edit_facility(self, index: int, field: str, value) -> str | None:
        return self._edit(lambda ws: ws.set_facility(index, field, value))

    def edit_case(self, key: str, value) -> None:
        self.op(lambda ws: ws.set_info(key, value)).failure(lambda _exc: self.boundary.load()).run()

    def edit_record(self, kind: str, index: int, field: str, value) -> str | None:
        """Called by the instrument and equipment models; returns an error message or None."""
        return self._edit(lambda ws: ws.set_record(kind, index, field, value))

    def add_record(self, kind: str) -> None:
        """Add an instrument or an equipment line after the selected one, and go to it."""
        if self.session is None:
            return
        self.tabs.setCurrentWidget(self.boundary)
        self.boundary.add_record(kind)

    def delete_records(self, kind: str) -> None:
        self.boundary.delete_records(kind)

    def delete_facility(self) -> bool:
        """Delete the selected facility; if lines, instruments or equipment name it, ask
        whether to delete them too (one undo step), else refuse with the reason."""
        s = self.session
        if s is None:
            return False
        rows = self.boundary.selected_rows("facility")
        if not rows:
            self.statusBar().showMessage(self.tr("Select the facility to delete first."), 6000)
            return False
        index = rows[0]
        fid = s.case.facilities[index].id
        lines, insts, eqs = s.facility_references(fid)
        cascade = False
        if lines or insts or eqs:
            text = (self.tr("Facility %1 is named by %2 activity line(s), %3 instrument(s) and %4 equipment "
                            "line(s). Delete them together with the facility? (Undo brings everything back.)")
                    .replace("%1", fid).replace("%2", str(len(lines))).replace("%3", str(len(insts)))
                    .replace("%4", str(len(eqs))))
            cascade = self.ask("delete_facility", text, ("yes", "no")) == "yes"
        not_deleted = self.tr("Facility %1 was not deleted: %2").replace("%1", fid)
        op = self.op(lambda ws: ws.delete_facility(index, cascade=cascade)).context(
            lambda reason: not_deleted.replace("%2", reason), 12000)
        if op.run() is None:
            return False
        self.statusBar().showMessage(self.tr("Deleted facility %1").replace("%1", fid), 6000)
        return True

    def sort_current_column(self) -> None:
        self.tabs.setCurrentWidget(self.activities)
        self.activities.cycle_sort()

    def add_facility(self, fid: str, name: str) -> bool:
        if self.session is None:
            return False
        return self.op(lambda ws: ws.add_facility(fid, name)).run() is not None

    # ================================================================== rejected values
    def rejected_problems(self) -> list[Problem]:
        """The values typed into cells of any editable table (activities, facilities, instruments,
        equipment) that were refused, each at its cell (shown in the Problems list as long as the
        cell shows them: until they are corrected or undone)."""
        s, model = self.session, self.activities.model
        if s is None:
            return []
        out = []
        if model.rejected:
            pos_of = {key: pos for pos, key in enumerate(s.keys)} if len(model.rejected) > 3 else None
            sheet = s.case.sheet("Activities")
            cols = s.case.columns.get("Activities", {})
            for (key, field), (text, reason) in model.rejected.items():
                try:
                    pos = pos_of[key] if pos_of is not None else s.keys.index(key)
                except (KeyError, ValueError):
                    continue
                out.append(Problem("entry.rejected", {"value": text, "reason": _reason(reason)}, sheet=sheet,
                                   row=s.case.activities.row[pos], col=cols.get(field)))
        for kind, table in self.boundary.models().items():
            canonical = REJECTABLE_SHEETS[kind]
            cols = s.case.columns.get(canonical, {})
            for (row, field), (text, reason) in sorted(table.rejected.items()):
                out.append(Problem("entry.rejected", {"value": text, "reason": _reason(reason)}, sheet=s.case.sheet(canonical),
                                   row=self._sheet_row(kind, row), col=cols.get(field)))
        return out

    def _sheet_row(self, kind: str, index: int) -> int | None:
        """The workbook row of a table's row: an instrument's or equipment line's own; a facility's is
        the row it takes in a workbook written by the app (the header, then one row each)."""
        if kind == "facility":
            return index + 2
        recs = self.session.records(kind)
        return recs[index].row if 0 <= index < len(recs) else None

    def refresh_rejected(self) -> None:
        """After a value was refused or a refused value corrected: the Problems list shows them."""
        res = self.session.results if self.session is not None else None
        problems = list(res.problems) if res is not None else []
        rejected = self.rejected_problems()
        if rejected:
            title = translate("entry.rejected_title", i18n.current()) if not problems else \
                self.tr("Lines with problems (not counted in the totals)")
            self.show_problems(problems + rejected, title)
        elif self.last_problems_title == translate("entry.rejected_title", i18n.current()):
            self.problem_model.set_problems(problems)
            if not problems:
                self.problems_dock.hide()

    def withdraw_rejected(self) -> bool:
        """Drop the refused values shown in cells of every table (the values in use do not change)."""
        models = [self.activities.model, *self.boundary.models().values()]
        if not any(m.rejected for m in models):
            return False
        for m in models:
            if m.rejected:
                m.rejected.clear()
                if m.rowCount():
                    m.dataChanged.emit(m.index(0, 0), m.index(m.rowCount() - 1, m.columnCount() - 1))
        self.refresh_rejected()
        return True

    def undo(self) -> None:
        withdrawn = self.withdraw_rejected()  # undoing also withdraws what was refused
        if self.session is None or not self.session.can_undo():
            if withdrawn:
                self.statusBar().showMessage(translate("entry.rejected_withdrawn", i18n.current()), 4000)
            return
        if self.session is not None and self.session.can_undo():
            label = labels.action(self.session.undo_label(), i18n.current())
            if self.op(lambda ws: ws.undo()).run() is None:
                return
            self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", label), 4000)

    def redo(self) -> None:
        if self.session is not None and self.session.can_redo():
            label = labels.action(self.session.redo_label(), i18n.current())
            if self.op(lambda ws: ws.redo()).run() is None:
                return
            self.statusBar().showMessage(self.tr("Redone: %1").replace("%1", label), 4000)

    def insert_line(self) -> None:
        s = self.session
        if s is None:
            return
        if self.tabs.currentWidget() is self.boundary:  # Ctrl+I in a register adds a line to it
            which = self.boundary.focused_table()
            if which in ("instrument", "equipment"):
                self.add_record(which)
                return
            if which == "facility":  # ... and in the facilities, goes to the new facility's ID
                self.boundary.focus_new_facility()
                return
        self.tabs.setCurrentWidget(self.activities)
        self.activities.insert_line()

    def delete_lines(self) -> None:
        s = self.session
        if s is None:
            return
        if self.tabs.currentWidget() is self.boundary:  # Ctrl+Del in a table of the boundary page
            which = self.boundary.focused_table()
            if which == "facility":
                self.delete_facility()
                return
            if which in ("instrument", "equipment"):
                self.delete_records(which)
                return
        self.activities.delete_selected()

    def copy_cells(self) -> None:
        text = self.activities.selection_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def paste_cells(self, text: str | None = None) -> None:
        """Paste tab-separated text (from Excel) at the current cell; rows past the end become new lines."""
        s = self.session
        if s is None:
            return
        if text is None:
            text = QGuiApplication.clipboard().text()
        if not text:
            return
        grid = [line.split("\t") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while grid and grid[-1] == [""]:
            grid.pop()
        if not grid:
            return
        page = self.activities
        cells, new_rows = page.paste_targets(grid)
        fac, src = page.filter_defaults()
        outcome = self.op(lambda ws: ws.paste(cells, new_rows, facility=fac, source=src)).run()
        if outcome is None:
            return
        changes, errors = outcome
        self.after_change(changes)
        page.show_rejected(errors)
        if errors:
            sheet = s.case.sheet("Activities")
            problems = [Problem(e.code, e.params, sheet=sheet, row=s.case.activities.row[p] if p < len(s) else None,
                                col=s.case.columns.get("Activities", {}).get(f)) for p, f, e in errors]
            self.show_problems(problems, self.tr("Pasted values that were not accepted"))
        self.statusBar().showMessage(self.tr("Pasted %1 row(s)").replace("%1", str(len(grid))), 5000)

    def assign_factor(self) -> None:
        s = self.session
        f = self.factors.current_factor()
        positions = self.activities.selected_positions()
        if s is None:
            return
        if f is None:
            self.tabs.setCurrentWidget(self.factors)
            self.statusBar().showMessage(self.tr("Select a factor in the factor library first."), 6000)
            return
        if not positions:
            self.tabs.setCurrentWidget(self.activities)
            self.statusBar().showMessage(self.tr("Select the activity lines first."), 6000)
            return
        if self.op(lambda ws: ws.assign_factor(positions, f)).run() is None:
            return
        name = labels.factor(f, i18n.current())  # the factor by its name, never its key
        self.statusBar().showMessage(self.tr("Factor %1 used for %2 line(s)").replace("%1", name).replace(
            "%2", str(len(positions))), 6000)

    def override_factor(self, value: float | None = None, unit: str | None = None) -> None:
        s = self.session
        positions = self.activities.selected_positions()
        if s is None:
            return
        if not positions:
            self.tabs.setCurrentWidget(self.activities)
            self.statusBar().showMessage(self.tr("Select the activity lines first."), 6000)
            return
        if value is None:
            f = self.factors.current_factor()
            start_v, start_u = 0.0, f"t/{s.value(positions[0], 'unit') or 't'}"
            if f is not None and f.param in ("ef_co2e", "ef") and f.gas.upper() in ("", "CO2", "CO2E"):
                start_v, start_u = f.value, f.unit
            dlg = OverrideDialog(self, start_v, start_u)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            value, unit = dlg.value.value(), dlg.unit.text().strip()
        self.op(lambda ws: ws.override_factor(positions, value, unit)).run()

    def clear_override(self) -> None:
        s = self.session
        positions = self.activities.selected_positions()
        if s is not None and positions:
            self.op(lambda ws: ws.clear_override(positions)).run()

    def focus_find(self) -> None:
        page = self.tabs.currentWidget()
        if page is not self.factors:
            page = self.activities
            self.tabs.setCurrentWidget(page)
        page.focus_find()

    # ================================================================== computing
    def schedule_compute(self, immediate: bool = False) -> None:
        if self.session is None:
            return
        if len(self.session) <= SYNC_COMPUTE_LINES:
            if immediate:
                self.compute_now()
            else:
                self._compute_timer.start()
        else:
            self._compute_timer.start()

    def compute_now(self) -> None:
        s = self.session
        if s is None:
            return
        if len(s) <= SYNC_COMPUTE_LINES:
            self.on_results(s.compute())
            return
        self._compute_token += 1
        token = self._compute_token
        snap, version, structure = s.snapshot(), s.version, s.structure
        self.totals_bar.status.setText(self.tr("Computing …"))

        def done(res):
            if self.session is not s:
                return
            if s.accept_results(res):
                self.on_results(res)
            if token == self._compute_token and res.version != s.version:
                self._compute_timer.start()

        self.tasks.run_in_background(lambda: s.compute_snapshot(snap, version, structure), done, self.show_error)

    def on_results(self, res) -> None:
        s = self.session
        if s is None:
            return
        self.totals_bar.show_results(res)
        had_errors = self._had_errors
        self._had_errors = bool(res.group_errors)
        for page in self.pages:
            page.show_results(res, had_errors or self._had_errors)
        rejected = self.rejected_problems()
        if res.problems:
            self.show_problems(list(res.problems) + rejected, self.tr("Lines with problems (not counted in the totals)"))
        elif rejected:
            self.show_problems(rejected, translate("entry.rejected_title", i18n.current()))
        elif self.problem_model.problems and self.last_problems_title != self.tr("Pasted values that were not accepted"):
            self.problem_model.set_problems([])
            self.problems_dock.hide()
        self.update_status()
        self.results_shown.emit()

    # ================================================================== saving
    def save(self, path: str | None = None):
        s = self.session
        if s is None:
            return None
        if path is None and s.read_only:  # edited elsewhere: keep the edits in a file of its own
            path = self.ask_path("save", str(s.project_path.with_name(s.project_path.stem + "-copy" + PROJECT_SUFFIX)))
            if not path:
                return None
        if path is None and s.project_path is None:
            suggestion = ""
            if s.base.get("kind") == "workbook":
                suggestion = str(Path(s.base["path"]).with_suffix(PROJECT_SUFFIX))
            path = self.ask_path("save", suggestion)
            if not path:
                return None
        self.statusBar().showMessage(self.tr("Saving …"))

        def done(target):
            self.settings.add_recent(str(target))
            self.settings.sync()
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(target)), 6000)
            self.update_title()

        return self.op(lambda ws: ws.save(path)).success(done).run()  # the DB worker writes it  # settles once the window shows the save

    def save_as(self):
        s = self.session
        if s is None:
            return None
        path = self.ask_path("save", str(s.project_path or ""))
        if path:
            return self.save(path)
        return None

    def maybe_save(self) -> bool:
        """Before replacing or closing the session: True to go on."""
        s = self.session
        if s is None or not s.modified:
            return True
        answer = self.ask("save_changes", self.tr("Save the changes to “%1”?").replace("%1", s.title),
                          ("save", "discard", "cancel"))
        if answer == "cancel":
            return False
        if answer == "save":
            fut = self.save()
            if fut is None:
                return False
            deadline = time.monotonic() + 60
            while not fut.done() and time.monotonic() < deadline:  # the DB worker does not need this thread
                QGuiApplication.processEvents()
                time.sleep(0.01)
            QGuiApplication.processEvents()
            return fut.done() and fut.exception() is None
        s.discard_autosave()
        return True

    # ================================================================== autosave
    def autosave(self) -> None:
        s = self.session
        if s is None:
            return
        target = s.autosave_file()
        if target is None:
            return
        data = s.autosave_data()
        s.edits_since_autosave = 0
        s.last_autosave = time.time()
        self.tasks.run_serial(lambda: Workspace.write_autosave(target, data), None,
                              lambda exc: self.statusBar().showMessage(
                                  self.tr("Autosave failed: %1").replace("%1", str(exc)), 8000))

    # ================================================================== language
    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.settings.set("ui/language", lang)
        self.settings.sync()
        if self.session is not None:
            self.session.lang = lang
        for page in self.pages:  # core texts (source names, problems) depend on the language too
            page.language_changed()
        self.statusBar().clearMessage()  # a message of the other language must not stay
        self.retranslate()

    def about(self) -> None:
        from carbonmgr import __version__

        QMessageBox.about(self, self.tr("About CarbonMgr"),
                          self.tr("<h3>CarbonMgr %1</h3><p>Carbon emission manager training platform: "
                                  "greenhouse-gas inventories under GB/T 32150, the GHG Protocol and "
                                  "ISO 14064-1, with every number traced to its formula and factor source.</p>")
                          .replace("%1", html.escape(__version__)))

    # ================================================================== window state
    def _restore_state(self) -> None:
        geo = self.settings.get("ui/geometry")
        if geo:
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 800)
        state = self.settings.get("ui/state")
        if state:
            self.restoreState(state)
        self.problems_dock.hide()
        self.tabs.setCurrentIndex(min(self.tabs.count() - 1, max(0, self.settings.get("ui/tab"))))
        split = self.settings.get("ui/splitter")
        if split:
            self.activities.restore_layout(split)

    def save_state(self) -> None:
        self.settings.set("ui/geometry", self.saveGeometry())
        self.settings.set("ui/state", self.saveState())
        self.settings.set("ui/tab", self.tabs.currentIndex())
        self.settings.set("ui/splitter", self.activities.save_layout())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        if self._import is not None:
            self._import.cancel()
        if not self.maybe_save():
            event.ignore()
            return
        self.report.shutdown()
        self.save_state()
        s = self.session
        if s is not None:
            if not s.modified:
                s.discard_autosave()
            try:
                s.close().result(timeout=10)
            except Exception:  # noqa: BLE001 - closing never blocks quitting
                pass
        event.accept()


class ImportOperation:
    """One workbook import: worker thread + child process (but for the demo), progress, cancel."""

    def __init__(self, win: MainWindow, path: Path):
        self.win = win
        self.path = path
        self.job = ImportJob(path) if self._big(path) else None
        self.cancelled = False
        self.finished = False
        self.result = None
        self.error: BaseException | None = None
        self.stage = "reading"
        self.dialog = ImportDialog(win, shown_file_name(path))
        self.dialog.buttons.rejected.connect(self.cancel)
        self.timer = QTimer(win)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)
        self.started_at = 0.0
        self.dialog_shown = False

    @staticmethod
    def _big(path: Path) -> bool:
        """Read in a child process, whose death the window survives? Every workbook of the user's
        is (a hostile file must not take the window and its unsaved edits with it); the bundled
        demo only when large."""
        try:
            if path.resolve().parent != demo_dir().resolve():
                return True
            return path.stat().st_size > SUBPROCESS_IMPORT_BYTES
        except OSError:
            return True

    def start(self) -> None:
        self.started_at = time.monotonic()
        self.timer.start()
        QTimer.singleShot(PROGRESS_DELAY_MS, self._maybe_show)
        self.win.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Importing %1 …").replace("%1", shown_file_name(self.path)))
        lang = i18n.current()
        path = self.path
        job = self.job

        def work():
            return Workspace.import_workbook(path, job=job, lang=lang, autosave_dir=data_dir(),
                                             cancelled=lambda: self.cancelled,
                                             stage=lambda stage: setattr(self, "stage", stage))

        self.win.tasks.run_in_background(work, self._done, self._failed)

    def _poll(self) -> None:
        if self.finished:
            return
        stage = self.job.stage if self.job is not None and self.stage == "reading" else self.stage
        done, total = self.job.progress if self.job is not None and stage == "transfer" else (0, 0)
        self.dialog.set_stage(stage, done, total)

    def _maybe_show(self) -> None:
        """Show the progress only if the import takes a while (no flashing dialog)."""
        if not self.finished and not self.dialog.isVisible():
            self.dialog.show()
            self.dialog_shown = True

    def cancel(self) -> None:
        if self.finished:
            return
        self.cancelled = True
        if self.job is not None:
            self.job.cancel()
        self._finish()
        self.win.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Import cancelled"), 5000)

    def _finish(self) -> None:
        self.finished = True
        self.timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()
        if self.win._import is self:
            self.win._import = None

    def _done(self, workspace) -> None:
        if self.cancelled:
            return  # cancel = discard the result
        self._finish()
        self.result = workspace
        self.win.install_workspace(workspace)

    def _failed(self, exc: BaseException) -> None:
        if self.cancelled or isinstance(exc, ImportCancelled):
            return
        self._finish()
        self.error = exc
        if isinstance(exc, ValidationFailed):
            title = QCoreApplication.translate("MainWindow", "%1 was not imported: %2 problem(s)").replace("%1", shown_file_name(self.path)).replace(
                "%2", str(len(exc.problems)))
            self.win.show_problems(exc.problems, title)
            self.win.statusBar().showMessage(title, 15000)
        else:
            self.win.show_error(exc)
