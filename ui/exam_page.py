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

import datetime
import html
import os
import shutil
import time
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.facade import exams, grading

from carbonmgr.ui import i18n
from carbonmgr.ui.forms import labelled_rows
from carbonmgr.ui.operations import report_failure
from carbonmgr.ui.practice import show_finding
from carbonmgr.ui.settings import data_dir


def t(msg_id: str, **params) -> str:
    return translate(msg_id, i18n.current(), **params)


class ExamPanel(QWidget):
    """The brief, the time left, the trainee's name and ID, the submission file and the Submit button."""

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
        for edit in (self.name, self.trainee_id):
            edit.editingFinished.connect(lambda: mode.remember_trainee())
        self.file = QLineEdit()
        self.file.setObjectName("exam_submission_file")
        self.file.setReadOnly(True)
        self.file_btn = QPushButton()
        self.file_btn.setObjectName("exam_choose_file")
        self.file_btn.clicked.connect(lambda: mode.choose_submission_file())
        self.submit_btn = QPushButton()
        self.submit_btn.setObjectName("exam_submit")
        self.submit_btn.clicked.connect(lambda: mode.submit())
        self.status = QLabel()
        self.status.setObjectName("exam_status")
        self.status.setWordWrap(True)
        form = QFormLayout()
        self.lbl_name, self.lbl_id = labelled_rows(form, (self.name, self.trainee_id))
        self.lbl_file = QLabel()
        self.lbl_file.setBuddy(self.file_btn)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.file_btn)
        form.addRow(self.lbl_file, file_row)
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
        self.lbl_file.setText(t("ui.exam.submission_file"))
        self.file_btn.setText(t("ui.exam.choose_file"))
        self.submit_btn.setText(t("ui.exam.submit"))
        if getattr(self.mode, "panel", None) is self:
            self.mode.show_file()
            self.mode.tick()


class ExamMode(QObject):
    """One exam being worked in the window (see the module's text).

    The clock: the start is kept in the trainee's project (carbonmgr.facade.exams.exam_state), read
    when the exam is shown; the time is read from ``tools.clock`` (tests drive it). Warnings at 5 and
    1 minute left; at zero the work is locked (every edit refused, no results) and, unless it was
    submitted already, submitted to the file the trainee chose (else beside the project), which is
    announced. A reopened exam past its limit is locked (and submitted) at once."""

    WARN_MINUTES = (5, 1)
    NO_ID = "unknown"  # the trainee ID of a submission made at time up when none was typed

    def __init__(self, tools: "ExamTools", package, exam_path: Path, project: Path):
        super().__init__(tools)
        self.tools = tools
        self.win = tools.win
        self.package = package
        self.exam_path = exam_path
        self.project = project
        self.active = False
        self.submitted: Path | None = None
        self.time_up = False
        self.locked = False
        self.started: float | None = None  # when the trainee first opened the exam (None: not read yet)
        self.deadline: float | None = None
        self.chosen_file: str = ""  # where the trainee chose to submit ("" : not chosen)
        self.warnings_shown: list[int] = []
        self.announced: str = ""  # what the time-up submission said (tests read it)
        self._edit_triggers = None
        self.panel = ExamPanel(self)
        self.dock = QDockWidget()
        self.dock.setObjectName("ExamDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.submit_future = None
        self.state_future = None

    def now(self) -> float:
        return self.tools.clock()

    # ------------------------------------------------------------------ showing
    def enter(self) -> None:
        self.active = True
        self.win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.hide_results()
        self.retranslate()
        ws = self.win.workspace
        if ws is not None and ws.session is not None:
            self.state_future = self.win.tasks.watch(exams.exam_state(ws, self.now()), self._state_read,
                                                     lambda exc: report_failure(self.win, exc))

    def _state_read(self, state) -> None:
        """The exam's state as kept in the project: the start (the clock), the trainee, the file."""
        if not self.active:
            return
        self.started = state.started_at
        if self.package.time_limit:
            self.deadline = state.started_at + self.package.time_limit * 60
        if state.trainee_id and not self.panel.trainee_id.text():
            self.panel.trainee_id.setText(state.trainee_id)
        if state.trainee_name and not self.panel.name.text():
            self.panel.name.setText(state.trainee_name)
        if state.submission:
            self.chosen_file = state.submission
        if state.submitted_at and state.submission:
            self.submitted = Path(state.submission)
            self.make_final()
        self.show_file()
        if state.locked_at:  # the time ran out before (and the work was submitted then)
            self.time_up = True
            self.lock()
            self.panel.status.setText(t("ui.exam.auto_submitted", path=state.submission or "-"))
        else:
            self.hide_results()
            self.tick()
            if self.deadline is not None and not self.time_up:
                self.timer.start()

    def hide_results(self) -> None:
        """No feedback and no results until submission (nor once the time is up)."""
        win = self.win
        hide = self.active and (self.submitted is None or self.locked)
        win.totals_bar.setVisible(not hide)
        for page in (win.results, win.report):
            win.tabs.setTabVisible(win.tabs.indexOf(page), not hide)
        win.ets.hide_results(hide)  # the allocation and the position: the inputs and answers stay
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
        if self._edit_triggers is not None:
            self.win.activities.view.setEditTriggers(self._edit_triggers)
            self._edit_triggers = None
        self.win.removeDockWidget(self.dock)
        self.dock.hide()

    def retranslate(self) -> None:
        self.dock.setWindowTitle(t("ui.exam.dock"))
        self.panel.retranslate()

    def seconds_left(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - self.now())

    def tick(self) -> None:
        clock = self.panel.clock
        if self.locked:
            clock.setText(t("ui.exam.locked_clock"))
            clock.setStyleSheet("font-weight:bold; color:#b00020")
            return
        left = self.seconds_left()
        if left is None:
            if self.submitted is not None:
                clock.setText(t("ui.exam.submitted", path=str(self.submitted)))
            elif self.started is not None or not self.package.time_limit:
                clock.setText(t("ui.exam.no_limit") if not self.package.time_limit else "")
            return
        if left <= 0:
            self.time_is_up()
            return
        for minutes in self.WARN_MINUTES:
            if left <= minutes * 60 and minutes not in self.warnings_shown:
                # opened with less than a minute left: the last warning only
                self.warnings_shown.extend(m for m in self.WARN_MINUTES if m > minutes and m not in self.warnings_shown)
                self.warn(minutes)
        m, s = divmod(int(left + 0.999), 60)
        text = t("ui.exam.time_left", time=f"{m:d}:{s:02d}")
        if self.submitted is not None:
            text = t("ui.exam.submitted", path=str(self.submitted)) + " · " + text
        clock.setText(text)
        color = "#b00020" if left <= 60 else ("#c55a00" if left <= 300 else None)
        clock.setStyleSheet("font-weight:bold" + (f"; color:{color}" if color else ""))

    def warn(self, minutes: int) -> None:
        """Say that the time is nearly up (the panel, the status bar and, in the app, a message)."""
        self.warnings_shown.append(minutes)
        text = t("ui.exam.warning", minutes=minutes)
        self.panel.status.setText(text)
        self.win.statusBar().showMessage(text, 30000)
        self._notify(text)

    def _notify(self, text: str) -> None:
        """A message that does not stop the work (no dialog in tests)."""
        if os.environ.get("CARBONMGR_NO_DIALOGS"):
            return
        box = QMessageBox(QMessageBox.Icon.Information, "CarbonMgr", text, QMessageBox.StandardButton.Ok, self.win)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()

    # ------------------------------------------------------------------ time up
    def time_is_up(self) -> None:
        """Lock the work and, unless it was submitted already, submit it as it is."""
        if self.time_up and self.locked:
            return
        self.time_up = True
        self.timer.stop()
        saved = self.lock()
        if self.submitted is None:
            if isinstance(saved, Future) and not saved.done():
                # submitted once the lock's save has settled, so that its "Saved" message cannot hide
                # the announcement of the submission
                saved.add_done_callback(lambda _f: self.win.tasks.run_on_main(self._submit_at_time_up))
            else:
                self.auto_submit()
        else:
            ws = self.win.workspace
            if ws is not None and ws.session is not None:
                self.win.tasks.watch(exams.record_exam(ws, locked_at=_utc_now()), None,
                                     lambda exc: report_failure(self.win, exc))

    def _freeze_inputs(self) -> None:
        """The table, the trainee's fields and the buttons take no more input (the workspace refuses
        edits by its own lock; leave() gives the table its edit triggers back)."""
        view = self.win.activities.view
        if self._edit_triggers is None:
            self._edit_triggers = view.editTriggers()
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for edit in (self.panel.name, self.panel.trainee_id):
            edit.setReadOnly(True)
        self.panel.file_btn.setEnabled(False)
        self.panel.submit_btn.setEnabled(False)

    def make_final(self) -> None:
        """A submission is final: no more edits (the trainee has seen the results), but the results
        stay visible; what was edited before is kept."""
        ws = self.win.workspace
        if ws is not None and not self.locked:
            ws.lock(exams.EXAM_SUBMITTED)
        self._freeze_inputs()

    def lock(self):
        """No edits and no results from now on (the work done is kept: pending edits are saved);
        the future of that save, if one was started."""
        self.locked = True
        ws = self.win.workspace
        if ws is not None:
            ws.lock(exams.EXAM_LOCKED)
        self._freeze_inputs()
        self.hide_results()
        self.tick()
        s = self.win.session
        if s is not None and s.modified and s.project_path is not None and not s.read_only:
            return self.win.save()
        return None

    def _submit_at_time_up(self) -> None:
        if self.submitted is None and self.active and self.tools.mode is self and self.win.workspace is not None:
            self.auto_submit()

    def auto_submit(self):
        """Submit the work as it is, to the chosen file (else beside the project, to a new file);
        returns the future."""
        trainee_id = self.panel.trainee_id.text().strip() or self.NO_ID
        targets = [(Path(self.chosen_file), True)] if self.chosen_file else []
        targets.append((self._default_file(), False))
        self.panel.status.setText(t("ui.exam.auto_submitting"))
        return self._submit_to(targets, trainee_id, self.panel.name.text(), auto=True)

    # ------------------------------------------------------------------ the submission file
    def suggested_file(self) -> Path:
        """Where Submit proposes to write: the file chosen, else beside the project."""
        if self.chosen_file:
            return Path(self.chosen_file)
        return self._default_file()

    def _naming(self) -> tuple[str, str, str]:
        """What a submission's file is named after: the trainee's ID and name, the exam's title."""
        return self.panel.trainee_id.text(), self.panel.name.text(), self.package.title(i18n.current())

    def _default_file(self) -> Path:
        return exams.default_submission_path(self.project, *self._naming())

    def show_file(self) -> None:
        if self.chosen_file:
            self.panel.file.setText(self.chosen_file)
        else:
            self.panel.file.setText("")
            self.panel.file.setPlaceholderText(t("ui.exam.default_file", path=str(self.suggested_file())))

    def choose_submission_file(self) -> str | None:
        """Choose where the work is submitted (kept in the project, used at time up too)."""
        path = self.ask_submission_path(str(self._submission_suggestion()))
        if not path:
            return None
        if not path.lower().endswith(exams.SUBMISSION_SUFFIX):
            path += exams.SUBMISSION_SUFFIX
        self.chosen_file = path
        self.show_file()
        ws = self.win.workspace
        if ws is not None and ws.session is not None:
            self.win.tasks.watch(exams.record_exam(ws, submission=path), None, lambda exc: report_failure(self.win, exc))
        return path

    def remember_trainee(self) -> None:
        """Keep the name and ID as typed in the project (a reopened exam shows them again)."""
        ws = self.win.workspace
        if ws is None or ws.session is None or self.locked:
            return
        self.show_file()
        self.win.tasks.watch(exams.record_exam(ws, trainee_id=self.panel.trainee_id.text(),
                                               trainee_name=self.panel.name.text()),
                             None, lambda exc: report_failure(self.win, exc))

    def _submission_suggestion(self) -> Path:
        if self.chosen_file:
            return Path(self.chosen_file)
        folder = Path(self.tools.win.settings.get("files/last_dir") or Path.home())
        return folder / exams.submission_file_name(*self._naming())

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
        path = self.ask_submission_path(str(self._submission_suggestion()))
        if not path:
            return None
        if not path.lower().endswith(exams.SUBMISSION_SUFFIX):
            path += exams.SUBMISSION_SUFFIX
        if not self.chosen_file:
            self.chosen_file = path
            self.show_file()
        self.panel.status.setText(t("ui.exam.submitting"))
        return self._submit_to([(Path(path), True)], trainee_id, name, auto=False)

    def _submit_to(self, targets: list[tuple[Path, bool]], trainee_id: str, name: str, *, auto: bool):
        """Write the submission to the first of ``targets`` (path, whether a file there is replaced:
        a file the trainee chose is, the file named for them beside the project never) that takes it."""
        ws = self.win.workspace
        case = ws.snapshot().case  # the case as it is now; editing may go on meanwhile
        package = self.package
        self.panel.submit_btn.setEnabled(False)

        def work():
            failure = None
            for target, replace in targets:  # the chosen file, then (at time up) beside the project
                try:
                    if not replace:
                        target = exams.free_submission_path(target)
                    return exams.submit_case(case, package, trainee_id=trainee_id, trainee_name=name,
                                             output=target, overwrite=replace)
                except Exception as exc:  # noqa: BLE001 - the next place, else reported
                    failure = failure or exc
            raise failure

        self.submit_future = self.win.tasks.run_in_background(
            work, lambda path: self._submitted(path, auto, ws), lambda exc: self._failed(exc, auto))
        return self.submit_future

    def _submitted(self, path, auto: bool = False, ws=None) -> None:
        self.submitted = Path(path)
        self.make_final()  # seeing the results and then changing the answer is not an exam
        if ws is not None and ws.session is not None:
            record = {"submission": str(path), "submitted_at": _utc_now()}
            if auto:
                record["locked_at"] = record["submitted_at"]
            if not self.locked:
                record.update(trainee_id=self.panel.trainee_id.text(), trainee_name=self.panel.name.text())
            self.win.tasks.watch(exams.record_exam(ws, **record), None, lambda exc: report_failure(self.win, exc))
        text = t("ui.exam.auto_submitted" if auto else "ui.exam.submitted", path=str(path))
        self.panel.status.setText(text)
        self.hide_results()  # the results may be seen now (not after the time ran out)
        self.tick()
        self.win.statusBar().showMessage(text, 30000 if auto else 15000)
        if auto:
            self.announced = text
            self._notify(text)
        elif not os.environ.get("CARBONMGR_NO_DIALOGS"):
            QMessageBox.information(self.win, "CarbonMgr", text)

    def _failed(self, exc: BaseException, auto: bool = False) -> None:
        self.panel.submit_btn.setEnabled(True)  # the trainee may try again (to another file)
        if auto:
            self.panel.file_btn.setEnabled(True)
            reason = exc.render(i18n.current()) if hasattr(exc, "render") else f"{type(exc).__name__}: {exc}"
            text = t("ui.exam.auto_failed", reason=reason)
            self.announced = text
            self.panel.status.setText(text)
            self.win.statusBar().showMessage(text, 60000)
            self._notify(text)
            return
        self.panel.status.setText(report_failure(self.win, exc))


def _utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


class SubmissionView(QObject):
    """A sealed submission opened read-only (File › Open, ``carbonmgr gui SUB.cmsub``): a banner with
    the trainee, the package it answers and the seal in words; the instructor grades it against a
    key from here (the findings, each leading to its line, as Check my work lists them; the same
    grading as ``carbonmgr grade``) and writes its feedback report. The file is never changed:
    it was read from a private copy, and the workspace refuses every edit."""

    def __init__(self, tools: "ExamTools", info):
        super().__init__(tools)
        self.tools = tools
        self.win = tools.win
        self.info = info
        self.key: Path | None = None
        self.result = None
        self.future = None
        self.panel = QWidget()
        self.banner = QLabel()
        self.banner.setObjectName("submission_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grade_btn = QPushButton()
        self.grade_btn.setObjectName("submission_grade")
        self.grade_btn.clicked.connect(lambda: self.grade())
        self.score = QLabel()
        self.score.setObjectName("submission_score")
        self.score.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setObjectName("submission_findings")
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self.go_to_finding)
        self.findings.itemClicked.connect(self.go_to_finding)
        self.feedback_btn = QPushButton()
        self.feedback_btn.setObjectName("submission_feedback")
        self.feedback_btn.clicked.connect(lambda: self.write_feedback())
        self.feedback_btn.setEnabled(False)
        lay = QVBoxLayout(self.panel)
        lay.addWidget(self.banner)
        lay.addWidget(self.grade_btn)
        lay.addWidget(self.score)
        lay.addWidget(self.findings, 1)
        lay.addWidget(self.feedback_btn)
        self.dock = QDockWidget()
        self.dock.setObjectName("SubmissionDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.active = False

    def enter(self) -> None:
        self.active = True
        self.win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.retranslate()

    def leave(self) -> None:
        self.active = False
        self.win.removeDockWidget(self.dock)
        self.dock.hide()

    # ------------------------------------------------------------------ texts
    def banner_lines(self) -> list[str]:
        """The banner in the user's language: who, what it answers, when, the seal, read-only."""
        info = self.info
        if info.trainee_id or info.trainee_name:
            who = info.trainee_name or ""
            if info.trainee_id:
                who = f"{who} ({info.trainee_id})" if who else info.trainee_id
        else:
            who = t("ui.sub.no_trainee")
        lines = [t("ui.sub.trainee", name=who)]
        if info.package_id:
            variant = t("ui.sub.variant", variant=info.variant) if info.variant else ""
            lines.append(t("ui.sub.package", title=info.exam_title or "-", package_id=info.package_id,
                           variant=variant))
        else:
            lines.append(t("ui.sub.no_package"))
        if info.submitted_at:
            lines.append(t("ui.sub.submitted_at", when=info.submitted_at))
        lines.append(t(f"ui.sub.seal.{info.seal}"))
        lines.append(t("ui.sub.read_only"))
        return lines

    def retranslate(self) -> None:
        self.dock.setWindowTitle(t("ui.sub.dock"))
        color = {"ok": "#e6f4ea", "broken": "#fde2e1"}.get(self.info.seal, "#eeeeee")
        self.banner.setStyleSheet(f"background:{color}; padding:6px; border-radius:3px")
        parts = [html.escape(line) for line in self.banner_lines()]
        parts[-2] = f"<b>{parts[-2]}</b>"  # the seal
        self.banner.setText("<br>".join(parts))
        self.grade_btn.setText(t("ui.sub.grade"))
        self.feedback_btn.setText(t("ui.sub.feedback"))
        self.show_result()

    # ------------------------------------------------------------------ grading
    def ask_key_path(self) -> str | None:
        """The exercise workbook to grade against (tests replace this)."""
        folder = self.win.settings.get("files/last_dir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.win, t("ui.instructor.choose_key"), folder,
                                              t("ui.instructor.filter_key"))
        return path or None

    def grade(self, key: str | None = None):
        """Grade the submission file against a key (task pool), as ``carbonmgr grade`` does; the future."""
        if self.future is not None and not self.future.done():
            return None
        key = key or self.ask_key_path()
        if not key:
            return None
        self.key = Path(key)
        path, lang = self.info.path, i18n.current()
        self.grade_btn.setEnabled(False)
        self.score.setText(t("ui.sub.grading"))

        def done(results) -> None:
            self.grade_btn.setEnabled(True)
            self.result = results[0]
            self.feedback_btn.setEnabled(self.result.graded)
            self.show_result()

        def failed(exc) -> None:
            self.grade_btn.setEnabled(True)
            self.score.setText(report_failure(self.win, exc))

        self.future = self.win.tasks.run_in_background(
            lambda: grading.grade_submissions(key, [path], lang=lang), done, failed)
        return self.future

    def show_result(self) -> None:
        self.findings.clear()
        res = self.result
        if res is None:
            self.score.setText("")
            return
        lang = i18n.current()
        if not res.graded:
            self.score.setText(t("ui.instructor.unreadable", reason=res.problem_text(lang)))
            return
        key = self.key.name if self.key else "-"
        if res.findings:
            text = t("ui.sub.score", score=f"{res.score:g}", count=len(res.findings), key=key)
        else:
            text = t("ui.sub.perfect", score=f"{res.score:g}", key=key)
        if res.package in ("ok", "other"):
            text += "\n" + t(f"ui.sub.package_{res.package}")
        self.score.setText(text)
        for i, f in enumerate(res.findings):
            item = QListWidgetItem(f"{i + 1}. {f.text(lang)}")
            item.setData(Qt.ItemDataRole.UserRole, {"kind": f.kind, "rows": list(f.rows),
                                                    "sheet": f.rows_sheet or f.key_sheet, "field": f.field})
            item.setToolTip(t("grade.kind." + f.kind) + f" · −{f.points:g}")
            self.findings.addItem(item)

    def go_to_finding(self, item: QListWidgetItem) -> None:
        """Show where the finding is (its line, its register row, its case setting), as Check my work does."""
        where = item.data(Qt.ItemDataRole.UserRole) or {}
        show_finding(self.win, where.get("kind", ""), where.get("rows") or [], where.get("sheet") or "Activities",
                     where.get("field") or "")

    def ask_feedback_folder(self) -> str | None:
        """Where to write the feedback report (tests replace this)."""
        return QFileDialog.getExistingDirectory(self.win, t("ui.sub.feedback")) or None

    def write_feedback(self, folder: str | None = None):
        """The trainee's feedback report (PDF, through the report writer); the future."""
        if self.result is None or not self.result.graded:
            return None
        folder = folder or self.ask_feedback_folder()
        if not folder:
            return None
        result, lang = self.result, i18n.current()
        title = self.info.exam_title or ""

        def done(paths) -> None:
            text = t("ui.instructor.written", path=str(paths[0]))
            self.score.setText(self.score.text().split("\n\n")[0] + "\n\n" + text)
            self.win.statusBar().showMessage(text, 15000)

        return self.win.tasks.run_in_background(
            lambda: grading.write_feedback_reports([result], folder, lang=lang, title=title), done,
            lambda exc: report_failure(self.win, exc))


class ExamTools(QObject):
    """The exam actions of the window (File › Open exam …, File › Instructor …)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.clock = time.time  # the exam clock (seconds since the epoch); tests drive it
        self.mode: ExamMode | None = None
        self.submission: SubmissionView | None = None
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
        if self.submission is not None and self.submission.active:
            self.submission.retranslate()

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

    def open_submission(self, path: str):
        """Open a sealed submission read-only (read, seal checked and computed off the GUI thread);
        returns the future."""
        lang = i18n.current()
        return self.win.tasks.run_in_background(lambda: exams.open_submission(path, lang=lang),
                                                lambda ws: self.win.install_workspace(ws, check_recovery=False),
                                                lambda exc: report_failure(self.win, exc))

    def _open_project(self, exam_path: Path, package, project: Path) -> None:
        if self.mode is not None:
            self.mode.leave()
            self.mode = None
        self._pending = (exam_path, package, project)
        self.win.open_path(str(project))

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
        if self.submission is not None:
            self.submission.leave()
            self.submission.deleteLater()
            self.submission = None
        ws = self.win.workspace
        if ws is not None and ws.session is s and getattr(ws, "submission", None) is not None:
            self.submission = SubmissionView(self, ws.submission)
            self.submission.enter()
            return
        if pending is not None and s is not None and s.project_path is not None and \
                Path(s.project_path).resolve() == pending[2].resolve():
            self.mode = ExamMode(self, pending[1], pending[0], pending[2])
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
