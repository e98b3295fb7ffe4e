"""The Instructor page: open a key, choose a folder of submissions, grade them all in the
background with progress, and see the class's gradebook (trainee, score, findings by kind,
seal; a broken seal, a submission to another package or an unreadable file flagged, the rest
still graded), its most common mistakes and its score distribution as charts; write each
trainee's feedback report (PDF) and the gradebook (Excel). The key may also be the registry
checklist (its button, or a checklist .json): the folder's answer files (.json, .xlsx) are graded as
``carbonmgr grade --key registry`` grades them, the gradebook's columns are the checklist's kinds of
finding (the Excel gradebook and the feedback PDFs are for inventory exercises only).

The grading runs on a thread of its own (carbonmgr.facade.grading.grade_submissions), at a lower
scheduling priority where the system allows it, so that on a busy lab PC the window wins the CPU.
The worker never calls into the GUI: it drops each result and the progress into a queue, which
the GUI thread drains at most every ``FLUSH_MS`` (a QTimer): the gradebook gains the new rows in
one insertion (a model, not a table of items refilled), the charts and the summary are redrawn
once per batch, columns are fitted on a sample of rows. ``bench/bench_gui.py`` measures the GUI
event loop's gaps while 100 submissions are graded.
"""
from __future__ import annotations

import gc
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.facade import checklist as ck
from carbonmgr.facade import exams, grading
from carbonmgr.facade import exercises as fx

from carbonmgr.ui import i18n
from carbonmgr.ui.operations import report_failure

# the files of a folder that are graded; spreadsheets in formats the reader does not take (.ods from
# LibreOffice or WPS, an old .xls, .xlsb, WPS's .et) are listed too, so that each is a flagged row
# saying how to save it, never a trainee left out of the gradebook without a word
SUBMISSION_SUFFIXES = (".cmsub", ".carbon", ".xlsx", ".xlsm", ".ods", ".xls", ".xlsb", ".et")
FLUSH_MS = 150  # the GUI takes the graded results and the progress at most this often
GRADING_NICE = 10  # the grading thread's nice value (Linux: a thread's own; elsewhere left as it is)
FIT_ROWS = 40  # rows sampled to fit the columns to their contents
FLAGGED = QBrush(QColor("#fde2e1"))
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def _lower_priority() -> None:
    """Run the calling thread at a lower scheduling priority (Linux keeps a nice value per thread)."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), GRADING_NICE)
        except OSError:
            pass


def t(msg_id: str, **params) -> str:
    return translate(msg_id, i18n.current(), **params)


class BarChart(QWidget):
    """A small horizontal bar chart (label, value) drawn with QPainter."""

    def __init__(self, color: str):
        super().__init__()
        self.title = ""
        self.bars: list[tuple[str, float]] = []
        self.color = QColor(color)
        self.setMinimumHeight(160)

    def set_data(self, title: str, bars: list[tuple[str, float]]) -> None:
        self.title, self.bars = title, bars
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        h = fm.height()
        p.drawText(4, h, self.title)
        if not self.bars:
            return
        label_w = min(self.width() // 2, max(fm.horizontalAdvance(label) for label, _ in self.bars) + 8)
        top = h + 6
        row_h = max(h + 4, (self.height() - top - 4) / max(1, len(self.bars)))
        row_h = min(row_h, 2 * h)
        peak = max(v for _, v in self.bars) or 1
        bar_w = self.width() - label_w - fm.horizontalAdvance("0000") - 12
        for i, (label, value) in enumerate(self.bars):
            y = top + i * row_h
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(4, y, label_w - 8, row_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       label)
            w = bar_w * value / peak
            p.fillRect(QRectF(label_w, y + 2, w, row_h - 4), self.color)
            p.drawText(QRectF(label_w + w + 4, y, 60, row_h), Qt.AlignmentFlag.AlignVCenter,
                       f"{value:g}")
        p.end()


class GradebookModel(QStandardItemModel):
    """The gradebook: one row per graded submission (trainee, file, score, seal, package, flag,
    then the findings by kind). Rows are appended in batches as the grading goes (one insertion
    per batch); the cells are Qt's own items, so painting and fitting the columns run in C++
    without calling back into Python for every cell and role."""

    COLUMNS = ("trainee", "file", "score", "seal", "package", "remark")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list = []
        self.kinds = exams.finding_kinds()
        self.retranslate()

    def retranslate(self) -> None:
        heads = [t(f"ui.instructor.col.{c}") for c in self.COLUMNS] + [t(f"grade.kind.{k}") for k in self.kinds]
        self.setColumnCount(len(heads))
        self.setHorizontalHeaderLabels(heads)
        if self.results:
            results, self.results = self.results, []
            self.setRowCount(0)
            self.append(results)

    def _row(self, res) -> list[QStandardItem]:
        remark = []
        if not res.graded:
            remark.append(t("ui.instructor.unreadable", reason=res.problem_text(i18n.current())))
        if res.seal == "broken":
            remark.append(t("ui.instructor.seal_broken"))
        if res.package == "other":
            remark.append(t("ui.instructor.other_package"))
        counts = res.by_kind() if res.graded else {}
        values = [grading.trainee_label(res), Path(res.submission or "").name,
                  "" if res.score is None else f"{res.score:g}", t(f"gradebook.seal.{res.seal}"),
                  t(f"ui.instructor.package.{res.package or 'unknown'}"), " ".join(remark)]
        values += [str(counts.get(k, 0)) if res.graded else "" for k in self.kinds]
        items = []
        for c, text in enumerate(values):
            item = QStandardItem(text)
            item.setEditable(False)
            if c == 2 or c > 5:
                item.setTextAlignment(RIGHT if c == 2 else CENTER)
            if remark:
                item.setBackground(FLAGGED)
            items.append(item)
        return items

    def set_results(self, results) -> None:
        self.results = []
        self.setRowCount(0)
        self.append(results)

    def append(self, results) -> None:
        """Add rows for ``results``: one insertion, then the cells without a signal each."""
        results = list(results)
        if not results:
            return
        first = len(self.results)
        rows = [self._row(r) for r in results]
        self.results.extend(results)
        self.insertRows(first, len(rows))
        blocked = self.blockSignals(True)
        try:
            for r, items in enumerate(rows, start=first):
                for c, item in enumerate(items):
                    self.setItem(r, c, item)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(first, 0), self.index(first + len(rows) - 1, self.columnCount() - 1))

    def text(self, row: int, column: int) -> str:
        return self.item(row, column).text()


class InstructorPage(QWidget):
    """A window of its own beside the main window (File › Instructor …)."""

    COLUMNS = GradebookModel.COLUMNS

    def __init__(self, win):
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("InstructorPage")
        self.win = win
        self.key_path: Path | None = None
        self.checklist = None  # the key when it is a checklist (the registry steps)
        self.folder: Path | None = None
        self.results: list = []
        self.future = None
        self.progress_seen: list[tuple[int, int]] = []
        self.flushes = 0  # batches taken by the GUI thread during the last grading (the benchmark reads it)
        self._queue: list = []  # results graded, not yet shown (filled by the grading thread)
        self._latest: tuple[int, int] | None = None
        self._queue_lock = threading.Lock()
        self._run = 0  # which grading the queued results belong to
        self._executor: ThreadPoolExecutor | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)

        self.key_label, self.folder_label = QLabel(), QLabel()
        for lbl in (self.key_label, self.folder_label):
            lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_btn, self.folder_btn, self.grade_btn = QPushButton(), QPushButton(), QPushButton()
        self.registry_btn = QPushButton()  # the bundled registry checklist as the key
        self.grade_btn.setObjectName("instructor_grade")
        self.gradebook_btn, self.feedback_btn = QPushButton(), QPushButton()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = QLabel()
        self.model = GradebookModel(self)
        self.table = QTableView()
        self.table.setObjectName("gradebook")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.mistakes_chart = BarChart("#c0504d")
        self.scores_chart = BarChart("#4f81bd")

        grid = QGridLayout()
        self.key_caption, self.folder_caption = QLabel(), QLabel()
        grid.addWidget(self.key_caption, 0, 0)
        grid.addWidget(self.key_label, 0, 1)
        grid.addWidget(self.key_btn, 0, 2)
        grid.addWidget(self.registry_btn, 0, 3)
        grid.addWidget(self.folder_caption, 1, 0)
        grid.addWidget(self.folder_label, 1, 1)
        grid.addWidget(self.folder_btn, 1, 2)
        grid.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.grade_btn)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.gradebook_btn)
        actions.addWidget(self.feedback_btn)
        charts = QWidget()
        cl = QHBoxLayout(charts)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.mistakes_chart, 3)
        cl.addWidget(self.scores_chart, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addLayout(actions)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)

        self.key_btn.clicked.connect(lambda: self.choose_key())
        self.registry_btn.clicked.connect(lambda: self.choose_key(str(ck.checklist_key("registry"))))
        self.folder_btn.clicked.connect(lambda: self.choose_folder())
        self.grade_btn.clicked.connect(lambda: self.grade())
        self.gradebook_btn.clicked.connect(lambda: self.export_gradebook())
        self.feedback_btn.clicked.connect(lambda: self.export_feedback())
        self.resize(1100, 720)
        self.retranslate()
        self.update_buttons()
        # load the grader now, on the grading thread, while the instructor chooses the key and the folder
        self.warmed = self._grading_pool().submit(grading.warm_up)

    # ------------------------------------------------------------------ texts
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(t("ui.instructor.title"))
        self.key_caption.setText(t("ui.instructor.key"))
        self.folder_caption.setText(t("ui.instructor.folder"))
        if self.checklist is not None:  # the checklist, a bundled key, by its title (the bundled file's name is ours)
            self.key_label.setText(self.checklist.title_in(i18n.current()))
        else:
            bundled = fx.bundled_title(self.key_path, i18n.current()) if self.key_path else None
            self.key_label.setText(bundled or (str(self.key_path) if self.key_path else t("ui.instructor.none_chosen")))
        self.folder_label.setText(str(self.folder) if self.folder else t("ui.instructor.none_chosen"))
        self.key_btn.setText(t("ui.instructor.choose_key"))
        self.registry_btn.setText(t("ui.instructor.registry_key"))
        self.folder_btn.setText(t("ui.instructor.choose_folder"))
        self.grade_btn.setText(t("ui.instructor.grade"))
        self.gradebook_btn.setText(t("ui.instructor.gradebook"))
        self.feedback_btn.setText(t("ui.instructor.feedback"))
        self.show_results()

    def update_buttons(self) -> None:
        busy = self.future is not None and not self.future.done()
        self.grade_btn.setEnabled(bool(self.key_path and self.folder) and not busy)
        inventory = self.checklist is None  # the Excel gradebook and the feedback PDFs: inventory exercises only
        self.gradebook_btn.setEnabled(bool(self.results) and not busy and inventory)
        self.feedback_btn.setEnabled(bool(self.results) and not busy and inventory)

    # ------------------------------------------------------------------ choosing (tests call these with paths)
    def choose_key(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, t("ui.instructor.choose_key"), "",
                                                  t("ui.instructor.filter_key"))
        if path:
            self.key_path = Path(path)
            self.checklist = None
            if ck.checklist_key(path) is not None:
                try:
                    self.checklist = ck.read_checklist(path)
                except Exception as exc:  # noqa: BLE001 - a broken checklist: said in the user's language
                    self.key_path = None
                    self.summary.setText(report_failure(self.win, exc))
            self.retranslate()
            self.update_buttons()

    def choose_folder(self, path: str | None = None) -> None:
        if path is None:
            path = QFileDialog.getExistingDirectory(self, t("ui.instructor.choose_folder"))
        if path:
            self.folder = Path(path)
            self.retranslate()
            self.update_buttons()

    def submission_files(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        suffixes = ck.ANSWER_SUFFIXES if self.checklist is not None else SUBMISSION_SUFFIXES
        return sorted((p for p in self.folder.iterdir()
                       if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~"))
                       and (self.key_path is None or p.resolve() != self.key_path.resolve())),
                      key=lambda p: p.name.lower())

    # ------------------------------------------------------------------ grading
    def _grading_pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="carbonmgr-grading",
                                                initializer=_lower_priority)
        return self._executor

    def grade(self):
        """Grade every submission of the folder in the background; returns the future (tests wait on it)."""
        if self.key_path is None or self.folder is None or (self.future is not None and not self.future.done()):
            return None
        paths = self.submission_files()
        key = self.key_path
        lang = i18n.current()
        self.progress.setRange(0, max(1, len(paths)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.progress_seen = []
        self.flushes = 0
        self.results = []
        checklist = self.checklist
        kinds = ck.CHECKLIST_KINDS if checklist is not None else exams.finding_kinds()
        if self.model.kinds != kinds:
            self.model.kinds = kinds
            self.model.retranslate()
        self.model.set_results([])
        with self._queue_lock:
            self._run += 1
            run = self._run
            self._queue, self._latest = [], None
        # what is alive now lives on: keep it out of the full collections the grading thread's
        # work may trigger (they hold the interpreter, and so the window, for tens of ms)
        gc.freeze()

        def on_result(_n: int, result) -> None:  # the grading thread: queue it, never touch the GUI
            with self._queue_lock:
                if run == self._run:
                    self._queue.append(result)

        def progress(done: int, total: int) -> None:
            with self._queue_lock:
                if run == self._run:
                    self._latest = (done, total)

        def work():
            if checklist is not None:  # the answers to the registry checklist (as carbonmgr grade --key registry)
                return ck.grade_answer_files(checklist, paths, lang=lang, progress=progress)
            return grading.grade_submissions(key, paths, lang=lang, progress=progress, on_result=on_result)

        self.future = self.win.tasks.watch(self._grading_pool().submit(work), self._graded, self._failed)
        self._flush_timer.start()
        self.update_buttons()
        self.show_summary()
        return self.future

    def _flush(self) -> None:
        """Show what was graded since the last batch: new rows, progress, charts and summary."""
        with self._queue_lock:
            batch, self._queue = self._queue, []
            latest, self._latest = self._latest, None
        if latest is not None:
            self._progress(*latest)
        if batch:
            self.flushes += 1
            first = not self.model.results
            self.results.extend(batch)
            self.model.append(batch)
            if first:
                self.table.resizeColumnsToContents()
            self.show_summary()

    def _progress(self, done: int, total: int) -> None:
        self.progress_seen.append((done, total))
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _graded(self, results) -> None:
        # the future may not count as done yet while its callback runs: grading is over either way
        self.future = None
        self._flush_timer.stop()
        self._flush()
        results = list(results)
        if len(results) != len(self.model.results) or any(a is not b for a, b in zip(results, self.model.results)):
            self.model.set_results(results)  # the rows are the results, in the folder's order
        self.results = results
        if not self.progress_seen or self.progress_seen[-1] != (len(results), len(results)):
            self._progress(len(results), len(results))
        self.progress.setVisible(False)
        self.table.resizeColumnsToContents()
        self.show_summary()
        self.update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.future = None
        self._flush_timer.stop()
        self.progress.setVisible(False)
        self.update_buttons()
        self.summary.setText(report_failure(self.win, exc))

    # ------------------------------------------------------------------ showing
    def show_results(self) -> None:
        """The gradebook, its summary and charts in the user's language (after a language change)."""
        self.model.retranslate()
        self.table.resizeColumnsToContents()
        self.show_summary()

    def show_summary(self) -> None:
        results = self.results
        graded = [r for r in results if r.graded]
        flagged = sum(1 for r in results if not r.graded or r.seal == "broken" or r.package == "other")
        if results:
            mean = sum(r.score for r in graded) / len(graded) if graded else 0.0
            self.summary.setText(t("ui.instructor.summary", count=len(results), graded=len(graded), flagged=flagged,
                                   mean=f"{mean:.1f}"))
        else:
            self.summary.setText(t("ui.instructor.hint"))
        mistakes = exams.class_mistakes(results)
        self.mistakes_chart.set_data(t("ui.instructor.chart_mistakes"),
                                     [(t(f"grade.kind.{kind}"), count) for kind, count in mistakes])
        self.scores_chart.set_data(t("ui.instructor.chart_scores"), exams.class_scores(results))

    def cell_text(self, row: int, column: int) -> str:
        return self.model.text(row, column)

    def headers(self) -> list[str]:
        return [self.model.horizontalHeaderItem(c).text() for c in range(self.model.columnCount())]

    # ------------------------------------------------------------------ writing
    def export_gradebook(self, path: str | None = None):
        if not self.results:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, t("ui.instructor.gradebook"), "gradebook.xlsx",
                                                  t("ui.instructor.filter_xlsx"))
        if not path:
            return None
        results, lang = list(self.results), i18n.current()
        return self.win.tasks.run_in_background(
            lambda: grading.write_gradebook(results, path, lang=lang),
            lambda p: self.summary.setText(t("ui.instructor.written", path=str(p))), self._failed)

    def export_feedback(self, folder: str | None = None):
        if not self.results:
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, t("ui.instructor.feedback"))
        if not folder:
            return None
        results, lang = [r for r in self.results if r.graded], i18n.current()
        return self.win.tasks.run_in_background(
            lambda: grading.write_feedback_reports(results, folder, lang=lang),
            lambda paths: self.summary.setText(t("ui.instructor.feedback_written", count=len(paths), path=str(folder))),
            self._failed)
