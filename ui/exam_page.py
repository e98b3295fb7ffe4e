"""Exam mode: a trainee opens an exam package (.cmexam), works the case with no feedback and no
results, within the package's time limit if it has one, and submits a sealed file (.cmsub).

* File › Open exam …: the package is read and checked off the GUI thread; the trainee's work
  is a project of its own (in the app's data folder, one per package, so that reopening the
  exam resumes it and autosave covers it), started from the package's given rows and its
  source documents (shown on the Case brief page as in Excel);
* while the exam runs, the totals bar, the Results and Report pages, the computed columns,
  the calculation trace and the exports are hidden; the exam panel shows the brief, the
  time left, the trainee's name and ID and the Submit button;
* Submit seals a copy of the case (carbonmgr.facade.exams.submit_case) in the background;
  once submitted the results are shown again.

Everything reaches the core through :mod:`carbonmgr.facade.exams`; texts are messages of the
core's catalogue (``ui.exam.*``).
"""
from __future__ import annotations

import html
import os
import shutil
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QFormLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTextBrowser, QVBoxLayout, QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.facade import exams

from carbonmgr.ui import i18n
from carbonmgr.ui.operations import report_failure
from carbonmgr.ui.settings import data_dir


def t(msg_id: str, **params) -> str:
    return translate(msg_id, i18n.current(), **params)


class ExamPanel(QWidget):
    """The brief, the time left, the trainee's name and ID and the Submit button."""

    def __init__(self, mode: "ExamMode"):
        super().__init__()
        self.mode = mode
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight:bold; font-size:14px")
        self.clock = QLabel()
        self.clock.setObjectName("exam_clock")
        self.clock.setStyleSheet("font-weight:bold")
        self.brief = QTextBrowser()
        self.brief.setOpenLinks(False)
        self.name = QLineEdit()
        self.name.setObjectName("exam_trainee_name")
        self.trainee_id = QLineEdit()
        self.trainee_id.setObjectName("exam_trainee_id")
        self.submit_btn = QPushButton()
        self.submit_btn.setObjectName("exam_submit")
        self.submit_btn.clicked.connect(lambda: mode.submit())
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        self.lbl_name, self.lbl_id = QLabel(), QLabel()
        self.lbl_name.setBuddy(self.name)
        self.lbl_id.setBuddy(self.trainee_id)
        form.addRow(self.lbl_name, self.name)
        form.addRow(self.lbl_id, self.trainee_id)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.clock)
        lay.addWidget(self.brief, 1)
        lay.addLayout(form)
        lay.addWidget(self.submit_btn)
        lay.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        pkg = self.mode.package
        lang = i18n.current()
        self.title.setText(pkg.title(lang))
        parts = []
        for key, head in (("story", "ui.exam.story"), ("task", "ui.exam.task")):
            paras = [e for e in pkg.brief if e.get("key") == key]
            if paras:
                parts.append(f"<h4>{html.escape(t(head))}</h4>")
                for e in paras:
                    text = (e.get(lang) or e.get("zh" if lang == "en" else "en") or "")
                    parts.append(f"<p>{html.escape(text)}</p>")
        notes = [t("ui.exam.no_feedback")]
        if pkg.hand_calculation:
            notes.append(t("ui.exam.hand_calculation"))
        parts.append("<p><i>" + html.escape(" ".join(notes)) + "</i></p>")
        self.brief.setHtml("".join(parts))
        self.lbl_name.setText(t("ui.exam.name"))
        self.lbl_id.setText(t("ui.exam.trainee_id"))
        self.submit_btn.setText(t("ui.exam.submit"))
        if getattr(self.mode, "panel", None) is self:
            self.mode.tick()


class ExamMode(QObject):
    """One exam being worked in the window (see the module's text)."""

    def __init__(self, tools: "ExamTools", package, exam_path: Path, project: Path, started: float | None = None):
        super().__init__(tools)
        self.tools = tools
        self.win = tools.win
        self.package = package
        self.exam_path = exam_path
        self.project = project
        self.active = False
        self.submitted: Path | None = None
        self.time_up = False
        # the clock runs from the first opening of this package (kept beside the trainee's project),
        # so that closing and reopening the exam does not give the time again
        started = time.time() if started is None else started
        self.deadline = (started + package.time_limit * 60) if package.time_limit else None
        self.panel = ExamPanel(self)
        self.dock = QDockWidget()
        self.dock.setObjectName("ExamDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.submit_future = None

    # ------------------------------------------------------------------ showing
    def enter(self) -> None:
        self.active = True
        self.win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.hide_results()
        self.retranslate()
        if self.deadline is not None:
            self.timer.start()

    def hide_results(self) -> None:
        """No feedback and no results until submission."""
        win = self.win
        hide = self.active and self.submitted is None
        win.totals_bar.setVisible(not hide)
        for page in (win.results, win.report):
            win.tabs.setTabVisible(win.tabs.indexOf(page), not hide)
        for i, page in enumerate((win.brief, win.boundary, win.activities, win.factors, win.results, win.report)):
            if page in (win.results, win.report) and i < len(win.act_pages):
                win.act_pages[i].setVisible(not hide)
        view = win.activities.view
        col = win.activities.model.column_of
        if hide:
            for name in ("tco2e", "scope"):
                view.setColumnHidden(col(name), True)
        else:
            win.activities.update_columns()
        win.activities.trace_box.setVisible(not hide)
        eq = win.boundary.view_of("equipment")
        eq_col = list(eq.model().COLUMNS).index("tco2e") if hasattr(eq.model(), "COLUMNS") else None
        if eq_col is not None:
            eq.setColumnHidden(eq_col, hide)
        for act in (win.act_export_pdf, win.act_export_xlsx):
            act.setVisible(not hide)

    def leave(self) -> None:
        self.timer.stop()
        self.active = False
        self.hide_results()
        self.win.removeDockWidget(self.dock)
        self.dock.hide()

    def retranslate(self) -> None:
        self.dock.setWindowTitle(t("ui.exam.dock"))
        self.panel.retranslate()

    def seconds_left(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - time.time())

    def tick(self) -> None:
        left = self.seconds_left()
        clock = self.panel.clock
        if self.submitted is not None:
            clock.setText(t("ui.exam.submitted", path=str(self.submitted)))
            return
        if left is None:
            clock.setText(t("ui.exam.no_limit"))
            return
        if left <= 0:
            self.time_up = True
            self.timer.stop()
            clock.setText(t("ui.exam.time_up"))
            clock.setStyleSheet("font-weight:bold; color:#b00020")
            return
        m, s = divmod(int(left + 0.999), 60)
        clock.setText(t("ui.exam.time_left", time=f"{m:d}:{s:02d}"))

    # ------------------------------------------------------------------ submitting
    def ask_submission_path(self, suggestion: str) -> str | None:
        """Where to write the submission (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self.win, t("ui.exam.submit"), suggestion,
                                              t("ui.exam.filter_submission"))
        return path or None

    def submit(self):
        """Seal the case as it is now and write it; returns the background future (tests wait on it)."""
        ws = self.win.workspace
        if ws is None or (self.submit_future is not None and not self.submit_future.done()):
            return None
        trainee_id = self.panel.trainee_id.text()
        name = self.panel.name.text()
        if not trainee_id.strip():
            self.panel.trainee_id.setFocus()
            text = t("exam.sub.field_required", field=t("exam.field.trainee_id"))
            self.panel.status.setText(text)
            self.win.statusBar().showMessage(text, 8000)
            return None
        safe_id = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in trainee_id.strip())[:40] or "submission"
        folder = Path(self.tools.win.settings.get("files/last_dir") or Path.home())
        path = self.ask_submission_path(str(folder / f"{safe_id}{exams.SUBMISSION_SUFFIX}"))
        if not path:
            return None
        if not path.lower().endswith(exams.SUBMISSION_SUFFIX):
            path += exams.SUBMISSION_SUFFIX
        case = ws.snapshot().case  # the case as it is now; editing may go on meanwhile
        package = self.package
        self.panel.submit_btn.setEnabled(False)
        self.panel.status.setText(t("ui.exam.submitting"))

        def work():
            return exams.submit_case(case, package, trainee_id=trainee_id, trainee_name=name, output=path,
                                     overwrite=True)

        self.submit_future = self.win.tasks.run_in_background(work, self._submitted, self._failed)
        return self.submit_future

    def _submitted(self, path) -> None:
        self.submitted = Path(path)
        self.panel.submit_btn.setEnabled(True)
        self.panel.status.setText(t("ui.exam.submitted", path=str(path)))
        self.timer.stop()
        self.hide_results()  # the results may be seen now
        self.tick()
        text = t("ui.exam.submitted", path=str(path))
        self.win.statusBar().showMessage(text, 15000)
        if not os.environ.get("CARBONMGR_NO_DIALOGS"):
            QMessageBox.information(self.win, "CarbonMgr", text)

    def _failed(self, exc: BaseException) -> None:
        self.panel.submit_btn.setEnabled(True)
        self.panel.status.setText(report_failure(self.win, exc))


class ExamTools(QObject):
    """The exam actions of the window (File › Open exam …, File › Instructor …)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.mode: ExamMode | None = None
        self._pending: tuple | None = None
        self.instructor = None
        self.act_open_exam = QAction(win)
        self.act_open_exam.setObjectName("open_exam")
        self.act_open_exam.triggered.connect(lambda *_a: self.open_exam())
        self.act_instructor = QAction(win)
        self.act_instructor.setObjectName("instructor")
        self.act_instructor.triggered.connect(lambda *_a: self.show_instructor())
        menu = win.menu_file
        before = win.act_save
        menu.insertAction(before, self.act_open_exam)
        menu.insertAction(before, self.act_instructor)
        menu.insertSeparator(before)
        win.session_installed.connect(self._session_installed)
        win.results_shown.connect(self._results_shown)
        win.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.win and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.act_open_exam.setText(t("ui.exam.open"))
        self.act_open_exam.setStatusTip(t("ui.exam.open_tip"))
        self.act_instructor.setText(t("ui.instructor.open"))
        self.act_instructor.setStatusTip(t("ui.instructor.open_tip"))
        if self.mode is not None and self.mode.active:
            self.mode.retranslate()

    # ------------------------------------------------------------------ opening
    def ask_exam_path(self) -> str | None:
        """The package to open (tests replace this)."""
        folder = self.win.settings.get("files/last_dir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.win, t("ui.exam.open"), folder, t("ui.exam.filter_exam"))
        return path or None

    def open_exam(self, path: str | None = None):
        """Read the package off the GUI thread, then open the trainee's project of it; returns the future."""
        path = path or self.ask_exam_path()
        if not path or not self.win.maybe_save():
            return None
        folder = data_dir() / "exams"

        def work():
            package = exams.read_exam(path)
            folder.mkdir(parents=True, exist_ok=True)
            project = folder / f"exam-{package.package_id}.carbon"
            copy = project.with_suffix(exams.EXAM_SUFFIX)
            if not copy.exists() or copy.read_bytes() != Path(path).read_bytes():
                shutil.copyfile(path, copy)  # so that the project, opened any way, is opened in exam mode
            if not project.exists():
                exams.start_exam_project(package, project)
            return package, project

        return self.win.tasks.run_in_background(work, lambda r: self._open_project(Path(path), *r),
                                                lambda exc: report_failure(self.win, exc))

    def _open_project(self, exam_path: Path, package, project: Path) -> None:
        if self.mode is not None:
            self.mode.leave()
            self.mode = None
        self._pending = (exam_path, package, project)
        self.win.open_path(str(project))

    @staticmethod
    def started_at(project: Path) -> float:
        """When the trainee first opened this exam (kept beside the project)."""
        stamp = project.with_suffix(".started")
        try:
            return float(stamp.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            now = time.time()
            try:
                stamp.write_text(f"{now:.3f}", encoding="ascii")
            except OSError:
                pass
            return now

    def _exam_of(self, project: Path) -> tuple | None:
        """(exam path, package, project) when ``project`` is the trainee's project of an exam."""
        folder = (data_dir() / "exams").resolve()
        if project.parent.resolve() != folder or not project.name.startswith("exam-"):
            return None
        copy = project.with_suffix(exams.EXAM_SUFFIX)
        try:
            return copy, exams.read_exam(copy), project
        except Exception:  # noqa: BLE001 - no package beside it: an ordinary project
            return None

    def _session_installed(self) -> None:
        s = self.win.session
        pending, self._pending = self._pending, None
        if pending is None and s is not None and s.project_path is not None:
            pending = self._exam_of(Path(s.project_path))  # opened from Recent files or File › Open
        if self.mode is not None:
            self.mode.leave()  # another case (or the exam again): the exam's project keeps the work
            self.mode = None
        if pending is not None and s is not None and s.project_path is not None and \
                Path(s.project_path).resolve() == pending[2].resolve():
            self.mode = ExamMode(self, pending[1], pending[0], pending[2], self.started_at(pending[2]))
            self.mode.enter()

    def _results_shown(self) -> None:
        if self.mode is not None and self.mode.active:
            self.mode.hide_results()

    # ------------------------------------------------------------------ instructor
    def show_instructor(self):
        from carbonmgr.ui.instructor_page import InstructorPage

        if self.instructor is None:
            self.instructor = InstructorPage(self.win)
        self.instructor.show()
        self.instructor.raise_()
        self.instructor.activateWindow()
        return self.instructor


def install(win) -> ExamTools:
    """Add the exam actions to the window (called once by the main window)."""
    return ExamTools(win)
