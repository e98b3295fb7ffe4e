"""The Exercises start page: the bundled exercises (titles in the app's language) and any
exercise workbook the trainee opens; starting one makes a practice project and opens it.

The exercises are read (and checked) on the task pool; what comes back after the page was closed
(it is deleted on close) is dropped (``owner=self``).  Practice makes a practice project
(ui/practice.py); Exam packs the exercise into an exam package (never the key) and opens it in
the window's exam mode (ui/exam_page.py); an exam package (.cmexam) opened here goes there too.
The registry checklist exercise is listed after the bundled exercises; Start opens it in its own
window (ui/registry_page.py).
"""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QRadioButton, QTextBrowser, QVBoxLayout)

from carbonmgr.common.filenames import safe_file_stem
from carbonmgr.common.i18n import translate
from carbonmgr.facade import PROJECT_SUFFIX
from carbonmgr.facade import checklist as ck
from carbonmgr.facade import exercises as fx

from carbonmgr.ui import i18n
from carbonmgr.ui.i18n import Retranslating


class ExercisesPage(Retranslating, QDialog):
    """Choose an exercise and start practising it."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.setObjectName("ExercisesPage")
        self.infos: list[fx.ExerciseInfo] = []
        self.checklist = None  # the registry checklist (listed after the exercises), read once listed
        self.heading = QLabel()
        hf = self.heading.font()
        hf.setBold(True)
        hf.setPointSize(hf.pointSize() + 2)
        self.heading.setFont(hf)
        self.listing = QListWidget()
        self.listing.setWordWrap(True)  # long titles wrap instead of running off under a scroll bar
        self.listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.listing.setSpacing(2)
        self.listing.currentRowChanged.connect(lambda _r: self.show_details())
        self.listing.itemActivated.connect(lambda _i: self.start())
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.open_btn = QPushButton()
        self.open_btn.clicked.connect(self.open_file)
        self.mode_practice = QRadioButton()
        self.mode_practice.setChecked(True)
        self.mode_exam = QRadioButton()
        self.status = QLabel()
        self.status.setStyleSheet("color:#555")
        self.buttons = QDialogButtonBox()
        self.start_btn = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.start_btn.clicked.connect(self.start)
        self.close_btn.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.listing, 2)
        row.addWidget(self.details, 3)
        modes = QHBoxLayout()
        modes.addWidget(self.mode_practice)
        modes.addWidget(self.mode_exam)
        modes.addStretch(1)
        modes.addWidget(self.open_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(row, 1)
        lay.addLayout(modes)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        self.resize(900, 520)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Exercises"))
        self.heading.setText(self.tr("Practise an exercise: build the inventory from the firm's documents"))
        self.open_btn.setText(self.tr("&Open an exercise or exam file …"))
        self.mode_practice.setText(self.tr("&Practice (check your work as often as you like)"))
        self.mode_exam.setText(self.tr("E&xam (no feedback until you submit; the exercise's time limit)"))
        self.start_btn.setText(self.tr("&Start"))
        self.close_btn.setText(self.tr("Close"))
        self.fill()

    # ------------------------------------------------------------------ listing
    def load(self):
        """Read the bundled exercises on the task pool; returns the future (tests wait on it)."""
        self.status.setText(self.tr("Reading the exercises …"))
        self.loading = self.win.tasks.run_in_background(fx.bundled_exercises, self._loaded, self._failed, owner=self)
        return self.loading

    def _loaded(self, infos) -> None:
        self.infos = list(infos) + [i for i in self.infos if not i.ref.startswith(fx.BUNDLED)]
        self.status.setText("")
        self.fill()
        if self.listing.count() and self.listing.currentRow() < 0:
            self.listing.setCurrentRow(0)

    def _failed(self, exc) -> None:
        self.status.setText("")
        self.win.show_error(exc)

    def fill(self) -> None:
        current = self.listing.currentRow()
        self.listing.clear()
        lang = i18n.current()
        for info in self.infos:
            item = QListWidgetItem(info.title(lang))
            item.setData(Qt.ItemDataRole.UserRole, info.ref)
            self.listing.addItem(item)
        if self.infos and self.checklist is None:
            try:
                self.checklist = ck.bundled_checklist()
            except Exception as exc:  # noqa: BLE001 - a broken checklist file: said in the user's language
                self.checklist = False
                self.win.show_error(exc)
        if self.checklist:
            self.listing.addItem(QListWidgetItem(self.checklist.title_in(lang)))
        if 0 <= current < self.listing.count():
            self.listing.setCurrentRow(current)
        self.show_details()

    def current(self) -> fx.ExerciseInfo | None:
        row = self.listing.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def checklist_chosen(self) -> bool:
        """Is the registry checklist (the row after the exercises) the chosen one?"""
        return bool(self.checklist) and self.listing.currentRow() == len(self.infos)

    def show_details(self) -> None:
        info = self.current()
        checklist = self.checklist_chosen()
        self.start_btn.setEnabled(info is not None or checklist)
        for mode in (self.mode_practice, self.mode_exam):
            mode.setEnabled(not checklist)  # the checklist is checked as often as the trainee likes
        if checklist:
            return self.show_checklist_details()
        if info is None:
            self.details.setHtml("")
            return None
        lang = i18n.current()
        out = [f"<h3>{html.escape(info.title(lang))}</h3>"]
        out += [f"<p>{html.escape(p)}</p>" for p in info.story.get(lang, [])[:1]]  # the firm, in brief
        if info.task.get(lang):
            label = self.tr("Your task")  # not inside the f-string: lupdate does not see calls there
            colon = translate("sep.colon", lang)
            out.append(f"<p><b>{html.escape(label)}</b>{colon}{html.escape(info.task[lang][0])}</p>")
        out.append("<ul>")
        if info.time_limit:
            out.append("<li>" + html.escape(self.tr("Suggested time: %1 minutes").replace("%1", f"{info.time_limit:g}"))
                       + "</li>")
        out.append("</ul>")
        titles = info.document_titles.get(lang, [])
        out.append("<p><b>" + html.escape(self.tr("Source documents: %1").replace("%1", str(len(info.documents))))
                   + "</b></p><ol>" + "".join(f"<li>{html.escape(t)}</li>" for t in titles) + "</ol><ul>")
        if info.hand_calculation:
            out.append("<li>" + html.escape(self.tr("Hand calculation: enter your own results; the app shows its "
                                                    "results once you have checked your work")) + "</li>")
        if info.mode == "exam":
            out.append("<li>" + html.escape(self.tr("Set as an exam by its author; here you practise it")) + "</li>")
        out.append("</ul>")
        self.details.setHtml("".join(out))
        return None

    def show_checklist_details(self) -> None:
        lang = i18n.current()
        c = self.checklist
        sources = list(dict.fromkeys(s.source.cite() for s in c.steps))
        label = self.tr("Your task")
        out = [f"<h3>{html.escape(c.title_in(lang))}</h3>",
               f"<p><b>{html.escape(label)}</b>{translate('sep.colon', lang)}{html.escape(c.task_in(lang))}</p>",
               "<ul><li>" + html.escape(self.tr("Steps to choose from: %1").replace("%1", str(len(c.steps))))
               + "</li><li>" + html.escape(self.tr("Check your steps as often as you like; save the answer for "
                                                   "your instructor")) + "</li></ul>",
               "<p><b>" + html.escape(self.tr("Source documents: %1").replace("%1", str(len(sources))))
               + "</b></p><ol>" + "".join(f"<li>{html.escape(t)}</li>" for t in sources) + "</ol>"]
        self.details.setHtml("".join(out))

    # ------------------------------------------------------------------ other files
    def open_file(self) -> None:
        path = self.ask_exercise_path()
        if not path:
            return None
        if path.lower().endswith(".cmexam"):  # an exam package from the instructor: exam mode
            self.accept()
            return self.win.exam_tools.open_exam(path)
        self.status.setText(self.tr("Reading the exercise …"))
        return self.win.tasks.run_in_background(lambda: fx.exercise_info(path), self._added, self._failed, owner=self)

    def ask_exercise_path(self) -> str | None:
        """The exercise workbook to open (tests replace this)."""
        start = self.win.settings.get("files/last_dir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an exercise"), start,
                                              self.tr("Exercises and exam packages (*.xlsx *.xlsm *.cmexam)"))
        return path or None

    def _added(self, info) -> None:
        self.status.setText("")
        self.infos = [i for i in self.infos if i.ref != info.ref] + [info]
        self.fill()
        self.listing.setCurrentRow(len(self.infos) - 1)

    # ------------------------------------------------------------------ starting
    def start(self):
        """Make a practice project of the chosen exercise (where the trainee says) and open it."""
        if self.checklist_chosen():
            self.accept()
            return self.win.show_registry_checklist()
        info = self.current()
        if info is None:
            return None
        if self.mode_exam.isChecked():
            return self.start_exam(info)
        if not self.win.maybe_save():
            return None
        lang = i18n.current()
        stem = safe_file_stem(info.title(lang), info.path.stem, sep=" ")
        folder = Path(self.win.settings.get("files/last_dir") or Path.home())
        path = self.win.ask_path("practice", str(folder / (stem + PROJECT_SUFFIX)))
        if not path:
            return None
        self.status.setText(self.tr("Preparing the exercise …"))

        def created(project_path) -> None:
            self.status.setText("")
            self.accept()
            self.win.open_path(str(project_path), check_recovery=False)

        return self.win.tasks.run_in_background(lambda: fx.create_practice(info.ref, path, overwrite=True, lang=lang),
                                                created, self._failed, owner=self)

    def start_exam(self, info: fx.ExerciseInfo):
        """Pack the exercise into an exam package (no key) and take it in the window's exam mode."""
        from carbonmgr.ui.settings import data_dir

        folder = data_dir() / "exams"
        target = folder / f"{info.path.stem}.cmexam"
        self.status.setText(self.tr("Preparing the exercise …"))

        def pack():
            folder.mkdir(parents=True, exist_ok=True)
            return fx.exam_of(info.ref, target)

        def packed(package) -> None:
            self.status.setText("")
            self.accept()
            self.win.exam_tools.open_exam(str(package))

        return self.win.tasks.run_in_background(pack, packed, self._failed, owner=self)
