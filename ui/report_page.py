"""The Report page and the File menu's exports.

* The page writes the PDF report of the open case (profile and language chosen on the
  page) off the GUI thread, with progress and cancel, into a temporary folder; then it
  shows the first pages as a preview, and "Save PDF …" copies the file where the user
  chooses.
* "Export report (PDF) …" asks for the file first and writes (or copies) the report there;
  "Export inventory (Excel) …" writes the case and its results to a workbook that imports
  again.  Both run in the background too.

Nothing heavy is imported with this module: the engine, the report writer (reportlab,
matplotlib, openpyxl) and pypdfium2 (the preview) load in the worker when needed.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget)

from carbonmgr.common.errors import CarbonMgrError, ValidationFailed
from carbonmgr.common.filenames import safe_file_stem
from carbonmgr.common.i18n import translate

from carbonmgr.ui import i18n, labels
from carbonmgr.ui.i18n import Retranslating

PROFILES = ("gbt32150", "ghgp", "iso14064")
LANGUAGES = (("zh", "中文"), ("en", "English"))  # language names are shown in their own language
PREVIEW_PAGES = 4
PREVIEW_SCALE = 1.5  # preview pixels per PDF point (A4 = 893 x 1263 px)
POLL_MS = 100

_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe
_FOLDERS: set[Path] = set()  # temporary folders still to remove


def _remove_folder(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        _FOLDERS.discard(folder)


@atexit.register
def _remove_all_folders() -> None:
    for folder in list(_FOLDERS):
        _remove_folder(folder)


# =========================================================================== the work (any thread)

@dataclass
class ReportJob:
    """One generation of the report; the worker updates ``stage`` and ``progress``."""

    standard: str
    lang: str
    session: Any
    version: int
    folder: Path
    name: str
    save_to: str | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    stage: str = "computing"
    progress: tuple[int, int] = (0, 0)
    future: Any = None

    def on_progress(self, done: int, total: int) -> bool:
        """The report writer's progress: the inventory is computed, the pages are being laid out."""
        self.stage = "writing"
        self.progress = (done, total)
        return not self.cancel.is_set()


@dataclass
class Report:
    """A written report: the PDF in its temporary folder and the images of its first pages."""

    path: Path
    pages: int
    images: list
    standard: str
    lang: str
    session: Any
    version: int
    preview_error: BaseException | None = None


def render_pages(path: str | Path, count: int = PREVIEW_PAGES, scale: float = PREVIEW_SCALE,
                 cancel: threading.Event | None = None) -> tuple[list[QImage], int]:
    """The first ``count`` pages of a PDF as QImages (any thread), and the number of pages."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        try:
            n = len(doc)
            for i in range(min(count, n)):
                if cancel is not None and cancel.is_set():
                    break
                page = doc[i]
                try:
                    bitmap = page.render(scale=scale)
                    try:
                        images.append(_qimage(bitmap))
                    finally:
                        bitmap.close()
                finally:
                    page.close()
        finally:
            doc.close()
    return images, n


def _qimage(bitmap) -> QImage:
    formats = {"BGR": QImage.Format.Format_BGR888, "RGB": QImage.Format.Format_RGB888,
               "BGRA": QImage.Format.Format_ARGB32, "BGRX": QImage.Format.Format_RGB32,
               "RGBA": QImage.Format.Format_RGBA8888, "RGBX": QImage.Format.Format_RGBX8888,
               "L": QImage.Format.Format_Grayscale8}
    fmt = formats.get(bitmap.mode)
    if fmt is None:
        raise ValueError(f"unexpected bitmap mode {bitmap.mode}")
    data = bytes(bitmap.buffer)
    return QImage(data, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()  # copy: own the pixels


def generate_report(job: ReportJob, workspace) -> Report:
    """Write the PDF through the facade (the path ``carbonmgr report`` takes: compute under the
    job's profile, then write), then render the preview (worker thread).  ``workspace`` is a
    snapshot of the open one."""
    from carbonmgr.facade import ReportCancelled

    try:
        if job.cancel.is_set():
            raise ReportCancelled()
        path = workspace.write_report(job.folder / job.name, lang=job.lang, standard=job.standard,
                                      progress=job.on_progress)  # problems are raised (like `carbonmgr report`)
        if job.cancel.is_set():
            raise ReportCancelled()
        job.stage = "preview"
        images, pages, preview_error = [], 0, None
        try:
            images, pages = render_pages(path, PREVIEW_PAGES, PREVIEW_SCALE, job.cancel)
        except Exception as exc:  # noqa: BLE001 - the report is written; the preview is a bonus
            preview_error = exc
        if job.cancel.is_set():
            raise ReportCancelled()
        return Report(path, pages, images, job.standard, job.lang, job.session, job.version, preview_error)
    except BaseException:
        _remove_folder(job.folder)
        raise


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# =========================================================================== the page

class PagePreview(QWidget):
    """The preview images, laid out in as many columns as fit."""

    MIN_PAGE_WIDTH = 430
    GAP = 16

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("ReportPreview")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(self.GAP, self.GAP, self.GAP, self.GAP)
        self.grid.setHorizontalSpacing(self.GAP)
        self.grid.setVerticalSpacing(self.GAP)
        self.images: list[QImage] = []
        self.pages: list[QLabel] = []
        self.captions: list[QLabel] = []
        self._width = 0

    def set_images(self, images: list[QImage], caption) -> None:
        for w in self.pages + self.captions:
            self.grid.removeWidget(w)
            w.deleteLater()
        self.images = list(images)
        self.pages, self.captions = [], []
        for i, _img in enumerate(self.images):
            page = QLabel()
            page.setObjectName("PreviewPage")
            page.setFrameShape(QFrame.Shape.Box)
            page.setStyleSheet("#PreviewPage { background: white; border: 1px solid #b8bcc2; }")
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cap = QLabel(caption(i + 1))
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cap.setStyleSheet("color:#555")
            self.pages.append(page)
            self.captions.append(cap)
        self._width = 0
        self.relayout(force=True)

    def set_caption(self, caption) -> None:
        for i, cap in enumerate(self.captions):
            cap.setText(caption(i + 1))

    def relayout(self, width: int | None = None, force: bool = False) -> None:
        width = width or self.width()
        if not self.images or width <= 0 or (width == self._width and not force):
            return
        self._width = width
        inner = width - 2 * self.GAP
        cols = max(1, min(len(self.images), (inner + self.GAP) // (self.MIN_PAGE_WIDTH + self.GAP)))
        page_w = max(120, (inner - (cols - 1) * self.GAP) // cols - 2)
        dpr = self.devicePixelRatioF() or 1.0
        for i, (img, page, cap) in enumerate(zip(self.images, self.pages, self.captions)):
            pix = QPixmap.fromImage(img.scaledToWidth(int(page_w * dpr), Qt.TransformationMode.SmoothTransformation))
            pix.setDevicePixelRatio(dpr)
            page.setPixmap(pix)
            page.setFixedSize(int(pix.width() / dpr) + 2, int(pix.height() / dpr) + 2)
            r, c = divmod(i, cols)
            self.grid.addWidget(page, 2 * r, c, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(cap, 2 * r + 1, c, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)
        self.grid.setRowStretch(self.grid.rowCount(), 1)


class ReportPage(Retranslating, QWidget):
    """Choose the profile and language, generate (background, progress, cancel), preview, save."""

    report_ready = Signal()  # a report was generated and its preview is on screen
    job_finished = Signal()  # a generation ended (written, failed or cancelled)

    def __init__(self, win):
        super().__init__()
        self.win = win
        self.job: ReportJob | None = None
        self.report: Report | None = None
        self.message_kind = ""  # "", "error", "info", "stale"
        self._message_text = None  # callable giving the message in the current language
        self._standard_chosen = False
        self._lang_chosen = False
        self._filling = False
        self._excel_future = None
        self._copy_future = None

        # ---- controls
        self.lbl_standard, self.lbl_lang = QLabel(), QLabel()
        self.standard = QComboBox()
        self.standard.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.lang = QComboBox()
        for code, name in LANGUAGES:
            self.lang.addItem(name, code)
        self.lbl_standard.setBuddy(self.standard)
        self.lbl_lang.setBuddy(self.lang)
        self.generate_btn = QPushButton()
        self.generate_btn.setObjectName("GenerateReport")
        self.cancel_btn = QPushButton()
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(220)
        self.progress.setMaximumWidth(320)
        self.stage_label = QLabel()
        self.stage_label.setStyleSheet("color:#555")
        self.save_btn = QPushButton()
        self.open_btn = QPushButton()
        top = QHBoxLayout()
        for w in (self.lbl_standard, self.standard):
            top.addWidget(w)
        top.addSpacing(12)
        for w in (self.lbl_lang, self.lang):
            top.addWidget(w)
        top.addSpacing(12)
        top.addWidget(self.generate_btn)
        top.addSpacing(12)
        top.addWidget(self.stage_label)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_btn)
        top.addStretch(1)
        top.addWidget(self.save_btn)
        top.addWidget(self.open_btn)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setObjectName("ReportMessage")
        self.preview_note = QLabel()
        self.preview_note.setStyleSheet("color:#555")

        # ---- empty state and preview
        self.empty = QLabel()
        self.empty.setObjectName("ReportEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setMargin(40)
        self.empty.setStyleSheet("#ReportEmpty { color:#444; }")
        self.preview = PagePreview()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.preview)
        self.scroll.setStyleSheet("QScrollArea { background: #e6e8eb; } #ReportPreview { background: #e6e8eb; }")
        self.scroll.viewport().installEventFilter(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.scroll)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(self.preview_note)
        lay.addWidget(self.stack, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

        self.generate_btn.clicked.connect(lambda: self.generate())
        self.cancel_btn.clicked.connect(self.cancel)
        self.save_btn.clicked.connect(lambda: self.save_pdf())
        self.open_btn.clicked.connect(self.open_pdf)
        self.standard.activated.connect(self._standard_activated)
        self.lang.activated.connect(self._lang_activated)
        win.session_installed.connect(self.set_session)
        win.results_shown.connect(self.case_changed)
        QWidget.setTabOrder(self.standard, self.lang)
        QWidget.setTabOrder(self.lang, self.generate_btn)
        QWidget.setTabOrder(self.generate_btn, self.cancel_btn)
        QWidget.setTabOrder(self.cancel_btn, self.save_btn)
        QWidget.setTabOrder(self.save_btn, self.open_btn)
        self.retranslate()
        self._update_state()

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.lbl_standard.setText(self.tr("&Standard profile:"))
        self.lbl_lang.setText(self.tr("Report &language:"))
        self.generate_btn.setText(self.tr("&Generate"))
        self.generate_btn.setToolTip(self.tr("Write the PDF report of the case in the background"))
        self.cancel_btn.setText(self.tr("&Cancel"))
        self.cancel_btn.setToolTip(self.tr("Stop writing the report"))
        self.save_btn.setText(self.tr("Save P&DF …"))
        self.save_btn.setToolTip(self.tr("Save a copy of the report where you choose"))
        self.open_btn.setText(self.tr("&Open in PDF viewer"))
        self.open_btn.setToolTip(self.tr("Open the whole report in your PDF viewer"))
        self.standard.setToolTip(self.tr("The standard the report follows (the totals differ by standard)"))
        self.lang.setToolTip(self.tr("The language of the report"))
        self._filling = True
        try:
            current = self.standard.currentData()
            self.standard.clear()
            for k in PROFILES:
                self.standard.addItem(labels.choice(labels.STANDARDS, k), k)
            self.standard.setCurrentIndex(max(0, self.standard.findData(current)))
            if not self._lang_chosen:
                self.lang.setCurrentIndex(max(0, self.lang.findData(i18n.current())))
        finally:
            self._filling = False
        if not self._standard_chosen:
            self._default_standard()
        self._update_texts()

    def _update_empty(self) -> None:
        """The text shown where the preview goes, before there is one."""
        if self.win.session is None:
            text = self.tr("<h2>No case is open</h2><p>Open a project or a case workbook (File › Open …) to write "
                           "its report.</p>")
        elif self.job is not None:
            text = self.tr("<h2>Writing the report …</h2><p>Its first pages appear here when it is ready; you can "
                           "go on working on the other pages meanwhile.</p>")
        elif self.report is not None:
            text = ""  # written, but without a preview: the message above says why
        else:
            text = self.tr("<h2>No report yet</h2><p>Choose the standard profile and the language of the report "
                           "above, then click <b>Generate</b>.</p><p>The report is written in the background; its "
                           "first pages appear here, and <b>Save PDF …</b> keeps a copy where you choose.</p>")
        self.empty.setText(text)

    def _update_texts(self) -> None:
        self._update_empty()
        rep = self.report
        if rep is not None:
            self.preview_note.setText(" · ".join((
                labels.choice(labels.STANDARDS, rep.standard), dict(LANGUAGES)[rep.lang],
                self.tr("preview of pages 1–%1 of %2").replace("%1", str(len(rep.images))).replace(
                    "%2", str(rep.pages)))))
            self.preview.set_caption(lambda n: self.tr("Page %1").replace("%1", str(n)))
        if self._message_text is not None:
            self.message.setText(self._message_text())
        self._update_stage()

    def _update_stage(self) -> None:
        job = self.job
        if job is None:
            self.stage_label.setText("")
            return
        texts = {"computing": self.tr("Computing the inventory …"), "writing": self.tr("Writing the report …"),
                 "preview": self.tr("Rendering the preview …")}
        self.stage_label.setText(texts.get(job.stage, ""))

    def _show_message(self, kind: str, text_fn) -> None:
        """Show a message above the preview; ``text_fn()`` gives it in the current language."""
        self.message_kind = kind
        self._message_text = text_fn
        styles = {"error": "#ReportMessage { color:#8a1010; background:#fdecea; border:1px solid #f0b4ae; "
                           "padding:6px; }",
                  "stale": "#ReportMessage { color:#6b4e00; background:#fff6d6; border:1px solid #ecd48a; "
                           "padding:6px; }",
                  "info": "#ReportMessage { color:#1d4d1d; background:#eaf5ea; border:1px solid #b9d8b9; "
                          "padding:6px; }"}
        if text_fn is None:
            self.message.setText("")
            self.message.hide()
            return
        self.message.setStyleSheet(styles.get(kind, ""))
        self.message.setText(text_fn())
        self.message.show()

    def _clear_message(self) -> None:
        self._show_message("", None)

    # ------------------------------------------------------------------ state
    def _default_standard(self) -> None:
        s = self.win.session
        std = s.case.info.standard if s is not None else "gbt32150"
        self.standard.setCurrentIndex(max(0, self.standard.findData(std)))

    def _standard_activated(self, _i) -> None:
        if not self._filling:
            s = self.win.session
            self._standard_chosen = s is None or self.standard.currentData() != s.case.info.standard

    def _lang_activated(self, _i) -> None:
        if not self._filling:
            self._lang_chosen = self.lang.currentData() != i18n.current()

    def set_session(self, session=None) -> None:
        """A case was opened: forget the report of the previous one."""
        self.cancel(quiet=True)
        self._drop_report()
        self._clear_message()
        self._standard_chosen = False
        self._default_standard()
        self._update_texts()
        self._update_state()

    def case_changed(self) -> None:
        """New results are on screen: follow the case's standard; say when the report is out of date."""
        s = self.win.session
        if s is None:
            return
        if not self._standard_chosen and self.job is None:
            self._default_standard()
        rep = self.report
        if rep is not None and rep.session is s and rep.version != s.version and self.message_kind != "error":
            self._show_message("stale", lambda: self.tr("The case has changed since this report was generated. "
                                                        "Generate it again to include the changes."))
        elif rep is not None and rep.session is s and rep.version == s.version and self.message_kind == "stale":
            self._clear_message()

    def report_is_current(self) -> bool:
        rep, s = self.report, self.win.session
        return (rep is not None and s is not None and rep.session is s and rep.version == s.version
                and rep.standard == self.standard.currentData() and rep.lang == self.lang.currentData())

    def _update_state(self) -> None:
        running = self.job is not None
        has_case = self.win.session is not None
        self.generate_btn.setEnabled(has_case and not running)
        self.standard.setEnabled(not running)
        self.lang.setEnabled(not running)
        self.cancel_btn.setVisible(running)
        self.cancel_btn.setEnabled(running)
        self.progress.setVisible(running)
        self.stage_label.setVisible(running)
        self.save_btn.setEnabled(self.report is not None and not running)
        self.open_btn.setEnabled(self.report is not None and not running)
        self.preview_note.setVisible(self.report is not None)
        self.stack.setCurrentWidget(self.scroll if self.report is not None and self.report.images else self.empty)
        self._update_empty()

    def _drop_report(self) -> None:
        if self.report is not None:
            _remove_folder(self.report.path.parent)
        self.report = None
        self.preview.set_images([], lambda n: "")

    # ------------------------------------------------------------------ generating
    def _suggested_name(self, suffix: str, standard: str | None = None, lang: str | None = None) -> str:
        s = self.win.session
        stem = ""
        if s is not None:
            if s.project_path is not None:
                stem = Path(s.project_path).stem
            elif s.base.get("kind") == "workbook":
                stem = Path(s.base["path"]).stem
            else:
                stem = s.title
        stem = safe_file_stem(stem, "carbonmgr")
        if suffix == ".pdf":  # the standard and the language by name, never by their codes
            name = translate("file.name.report", i18n.current(), stem=stem,
                             standard=labels.choice(labels.STANDARDS, standard or self.standard.currentData()),
                             language=dict(LANGUAGES)[lang or self.lang.currentData()])
        else:
            name = translate("file.name.inventory", i18n.current(), stem=stem)
        return safe_file_stem(name, "carbonmgr", limit=140) + suffix

    def generate(self, save_to: str | None = None):
        """Write the report in the background; returns the job (None when nothing to do)."""
        s = self.win.session
        if s is None:
            return None
        if self.job is not None:
            if save_to:
                self.job.save_to = save_to
            return self.job
        standard, lang = self.standard.currentData(), self.lang.currentData()
        folder = Path(tempfile.mkdtemp(prefix="carbonmgr-report-"))
        _FOLDERS.add(folder)
        job = ReportJob(standard, lang, s, s.version, folder, self._suggested_name(".pdf", standard, lang),
                        save_to=save_to)
        snapshot = self.win.workspace.snapshot()
        self.job = job
        self._clear_message()
        self.progress.setRange(0, 0)
        self._update_stage()
        self._update_state()
        self.timer.start()
        self.win.statusBar().showMessage(self.tr("Writing the report …"))
        job.future = self.win.tasks.run_in_background(lambda: generate_report(job, snapshot),
                                                      lambda rep: self._done(job, rep),
                                                      lambda exc: self._failed(job, exc))
        return job

    def _poll(self) -> None:
        job = self.job
        if job is None:
            self.timer.stop()
            return
        done, total = job.progress
        if job.stage == "writing" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        elif job.stage == "preview":
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
        else:
            self.progress.setRange(0, 0)
        self._update_stage()

    def cancel(self, quiet: bool = False) -> None:
        """Stop the running generation: the worker abandons it at its next step and removes its files."""
        job = self.job
        if job is None:
            return
        job.cancel.set()
        self.job = None
        self.timer.stop()
        self._update_state()
        if not quiet:
            self.win.statusBar().showMessage(self.tr("Report cancelled"), 5000)
        self.job_finished.emit()

    def _done(self, job: ReportJob, rep: Report) -> None:
        if job is not self.job or job.cancel.is_set():
            _remove_folder(rep.path.parent)  # cancelled or replaced meanwhile
            return
        self.job = None
        self.timer.stop()
        self._drop_report()
        self.report = rep
        self.preview.set_images(rep.images, lambda n: self.tr("Page %1").replace("%1", str(n)))
        if rep.preview_error is not None:
            err = rep.preview_error
            self._show_message("error", lambda: self.tr("The report was written, but its preview cannot be shown "
                                                        "(%1). Use “Open in PDF viewer” or “Save PDF …”.").replace(
                "%1", self._preview_error_text(err)))
        else:
            self._clear_message()
        self._update_texts()
        self._update_state()
        self.scroll.verticalScrollBar().setValue(0)
        QTimer.singleShot(0, self._relayout)
        self.win.statusBar().showMessage(self.tr("The report is ready (%1 pages)").replace("%1", str(rep.pages)), 6000)
        if job.save_to:
            self._copy_to(job.save_to)
        self.job_finished.emit()
        self.report_ready.emit()

    @staticmethod
    def _preview_error_text(exc: BaseException) -> str:
        if isinstance(exc, ImportError):
            return "pip install pypdfium2"
        return f"{type(exc).__name__}: {exc}"

    def _failed(self, job: ReportJob, exc: BaseException) -> None:
        from carbonmgr.facade import ReportCancelled

        if job is not self.job:
            return  # cancelled: the page is idle already
        self.job = None
        self.timer.stop()
        self._update_state()
        self.job_finished.emit()
        if isinstance(exc, ReportCancelled):
            self.win.statusBar().showMessage(self.tr("Report cancelled"), 5000)
            return
        self._show_error(exc)
        self.win.statusBar().showMessage(self.tr("The report was not written"), 10000)

    def _show_error(self, exc: BaseException) -> None:
        """A clear message in the page (never a traceback); problems of the case go to the Problems list."""
        if isinstance(exc, ValidationFailed):
            n = len(exc.problems)
            self._show_message("error", lambda: self.tr("The report was not written: the case has %1 problem(s). "
                                                        "Correct them first (see the list of problems).").replace(
                "%1", str(n)))
            self.win.show_problems(exc.problems, self.message.text())
        elif isinstance(exc, CarbonMgrError) and hasattr(exc, "render"):
            self._show_message("error", lambda: _capital(exc.render(i18n.current())))
        else:
            self._show_message("error", lambda: self.tr("Internal error: %1").replace(
                "%1", f"{type(exc).__name__}: {exc}"))

    # ------------------------------------------------------------------ saving
    def ask_save_path(self, kind: str) -> str | None:
        """Ask where to save ("pdf" or "xlsx"); the last folder is remembered in the settings."""
        settings = self.win.settings
        folder = settings.get("files/export_dir") or settings.get("files/last_dir") or str(Path.home())
        if kind == "pdf":
            rep = self.report
            name = rep.path.name if rep is not None and self.report_is_current() else self._suggested_name(".pdf")
            path, _ = QFileDialog.getSaveFileName(self.win, self.tr("Save the report"), str(Path(folder) / name),
                                                  self.tr("PDF files (*.pdf)"))
            suffix = ".pdf"
        else:
            path, _ = QFileDialog.getSaveFileName(self.win, self.tr("Export the inventory"),
                                                  str(Path(folder) / self._suggested_name(".xlsx")),
                                                  self.tr("Excel workbooks (*.xlsx)"))
            suffix = ".xlsx"
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
        settings.set("files/export_dir", str(Path(path).parent))
        settings.sync()
        return path

    def save_pdf(self, path: str | None = None):
        """Copy the generated report where the user chooses (in the background)."""
        if self.report is None:
            return None
        path = path or self.ask_save_path("pdf")
        if not path:
            return None
        return self._copy_to(path)

    def _copy_to(self, path: str):
        rep = self.report
        src, target = rep.path, Path(path)

        def done(_r):
            self.win.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(target)), 8000)
            if self.message_kind == "error":
                self._clear_message()

        def failed(exc):
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._show_message("error", lambda: self.tr("Could not save %1: %2").replace("%1", str(target)).replace(
                "%2", detail))

        self._copy_future = self.win.tasks.run_in_background(lambda: shutil.copyfile(src, target), done, failed)
        return self._copy_future

    def open_pdf(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.path)))

    # ------------------------------------------------------------------ File menu
    def export_pdf(self):
        """File › Export report (PDF): ask for the file, then write (or copy) the report there."""
        if self.win.session is None:
            return None
        self.win.tabs.setCurrentWidget(self)
        path = self.ask_save_path("pdf")
        if not path:
            return None
        if self.job is None and self.report_is_current():
            return self._copy_to(path)
        return self.generate(save_to=path)

    def export_excel(self, path: str | None = None):
        """File › Export inventory (Excel): the case and its results, in the background."""
        s = self.win.session
        if s is None:
            return None
        path = path or self.ask_save_path("xlsx")
        if not path:
            return None
        snapshot, lang = self.win.workspace.snapshot(), i18n.current()
        target = Path(path)
        status = self.win.statusBar()
        status.showMessage(self.tr("Exporting the inventory to %1 …").replace("%1", target.name))

        def work():  # the path `carbonmgr export` takes
            return snapshot.export_inventory(target, lang=lang)

        def done(_p):
            status.showMessage(self.tr("Exported the inventory to %1").replace("%1", str(target)), 8000)

        def failed(exc):
            if isinstance(exc, ValidationFailed):
                title = self.tr("The inventory was not exported: the case has %1 problem(s)").replace(
                    "%1", str(len(exc.problems)))
                self.win.show_problems(exc.problems, title)
                status.showMessage(title, 10000)
            else:
                self.win.show_error(exc)

        self._excel_future = self.win.tasks.run_in_background(work, done, failed)
        return self._excel_future

    # ------------------------------------------------------------------ layout and shutdown
    def eventFilter(self, obj, event):
        if obj is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._relayout)
        return super().eventFilter(obj, event)

    def _relayout(self) -> None:
        self.preview.relayout(self.scroll.viewport().width())

    def shutdown(self) -> None:
        """The window closes: stop a running report and remove the temporary files."""
        self.cancel(quiet=True)
        self._drop_report()
