"""The registry checklist exercise (issue 11; peers.md §2.12): the trainee ticks the steps a
surrender with CCER needs (opening the accounts, binding the CCER account, the national compliance
offset, the surrender request …) and puts them in order; Check lists each wrong step with its rule
and its source document, and the score; Save answer writes the answer file that
``carbonmgr grade --key registry`` grades the same way.

A window of its own, owned by the main window (one for the window's life, reached from the
Exercises page). The steps are rows of a QStandardItemModel owned by the page and shown in a
QListView: a move swaps two rows' contents in place (no item leaves the model), so no item ever
changes owner. Keyboard: Space ticks the current step, Ctrl+Up and Ctrl+Down (or the buttons) move
it. Grading a dozen steps is instant: it runs on the GUI thread.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QListView, QPushButton,
                               QVBoxLayout, QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.facade import checklist as ck

from carbonmgr.ui import i18n
from carbonmgr.ui.i18n import Retranslating

LABEL = Qt.ItemDataRole.UserRole  # a row's step, by the label the trainee sees (A, B …)


class RegistryChecklistPage(Retranslating, QWidget):
    """Pick and order the registry steps; check them; save the answer."""

    def __init__(self, win, checklist=None):
        super().__init__(win, Qt.WindowType.Window)
        self.win = win
        self.setObjectName("RegistryChecklist")
        self.checklist = checklist if checklist is not None else ck.bundled_checklist()
        self.result = None  # the last check (a ChecklistResult)
        self.saved: Path | None = None
        self.heading = QLabel()
        hf = self.heading.font()
        hf.setBold(True)
        hf.setPointSize(hf.pointSize() + 2)
        self.heading.setFont(hf)
        self.task = QLabel()
        self.task.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555")

        self.model = QStandardItemModel(self)
        for step in self.checklist.steps:
            item = QStandardItem()
            item.setData(step.label, LABEL)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.model.appendRow(item)
        self.steps = QListView()
        self.steps.setModel(self.model)
        self.steps.setWordWrap(True)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setCurrentIndex(self.model.index(0, 0))
        self.steps_label = QLabel()
        self.steps_label.setBuddy(self.steps)
        self.steps.installEventFilter(self)  # Ctrl+Up and Ctrl+Down move the current step
        self.up_btn = QPushButton()
        self.down_btn = QPushButton()
        self.up_btn.clicked.connect(self.move_up)
        self.down_btn.clicked.connect(self.move_down)

        self.findings_model = QStandardItemModel(self)
        self.findings = QListView()
        self.findings.setModel(self.findings_model)
        self.findings.setWordWrap(True)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setAlternatingRowColors(True)
        self.findings_label = QLabel()
        self.findings_label.setBuddy(self.findings)
        self.score = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.check_btn = QPushButton()
        self.save_btn = QPushButton()
        self.close_btn = QPushButton()
        self.check_btn.clicked.connect(self.check)
        self.save_btn.clicked.connect(self.save_answer)
        self.close_btn.clicked.connect(self.close)

        moves = QVBoxLayout()
        moves.addStretch(1)
        moves.addWidget(self.up_btn)
        moves.addWidget(self.down_btn)
        moves.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.steps_label)
        left.addWidget(self.steps, 1)
        right = QVBoxLayout()
        right.addWidget(self.findings_label)
        right.addWidget(self.findings, 1)
        right.addWidget(self.score)
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(moves)
        row.addLayout(right, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_btn)
        buttons.addWidget(self.save_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.close_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.task)
        lay.addWidget(self.hint)
        lay.addLayout(row, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.resize(1100, 640)
        self.retranslate()

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        lang = i18n.current()
        self.setWindowTitle(self.tr("Registry steps"))
        self.heading.setText(self.checklist.title_in(lang))
        self.task.setText(self.checklist.task_in(lang))
        self.hint.setText(self.tr("Tick the steps that are needed (Space) and put them in order: Move up and "
                                  "Move down, or Ctrl+Up and Ctrl+Down."))
        self.steps_label.setText(self.tr("S&teps"))
        self.findings_label.setText(self.tr("F&indings"))
        for r in range(self.model.rowCount()):
            self._show_step(self.model.item(r))
        self.up_btn.setText(self.tr("Move &up"))
        self.down_btn.setText(self.tr("Move &down"))
        self.check_btn.setText(self.tr("&Check my steps"))
        self.save_btn.setText(self.tr("&Save answer …"))
        self.close_btn.setText(self.tr("Close"))
        if self.saved is not None:
            self.status.setText(self.tr("Answer saved: %1").replace("%1", self.saved.name))
        self.show_result()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.steps and event.type() == QEvent.Type.KeyPress \
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(obj, event)

    def _show_step(self, item: QStandardItem) -> None:
        step = self.checklist.step(item.data(LABEL))
        item.setText(f"{step.label}  {step.in_lang(i18n.current())}")

    # ------------------------------------------------------------------ the answer
    def chosen(self) -> list[str]:
        """The labels of the ticked steps, in the list's order."""
        return [self.model.item(r).data(LABEL) for r in range(self.model.rowCount())
                if self.model.item(r).checkState() == Qt.CheckState.Checked]

    def labels(self) -> list[str]:
        """Every row's step, in the list's order."""
        return [self.model.item(r).data(LABEL) for r in range(self.model.rowCount())]

    def set_answer(self, labels: list[str]) -> None:
        """Tick ``labels`` and put them first, in that order (the others after, unticked)."""
        known = self.labels()
        first = [lab for lab in labels if lab in known]
        rest = [lab for lab in known if lab not in first]
        for r, label in enumerate(first + rest):
            self._set_row(r, label, label in first)

    def _row(self, r: int) -> tuple[str, Qt.CheckState]:
        item = self.model.item(r)
        return item.data(LABEL), item.checkState()

    def _set_row(self, r: int, label: str, checked) -> None:
        item = self.model.item(r)
        item.setData(label, LABEL)
        if isinstance(checked, bool):
            checked = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        item.setCheckState(checked)
        self._show_step(item)

    def move_up(self) -> None:
        self.move_step(-1)

    def move_down(self) -> None:
        self.move_step(1)

    def move_step(self, delta: int) -> None:
        """Move the current step up (-1) or down (1): the two rows swap their contents in place."""
        r = self.steps.currentIndex().row()
        target = r + delta
        if r < 0 or not 0 <= target < self.model.rowCount():
            return
        a, b = self._row(r), self._row(target)
        self._set_row(r, *b)
        self._set_row(target, *a)
        self.steps.setCurrentIndex(self.model.index(target, 0))

    # ------------------------------------------------------------------ checking
    def check(self) -> None:
        self.result = ck.grade_steps(self.checklist, self.chosen(), i18n.current())
        self.show_result()

    def show_result(self) -> None:
        """The findings (kind, points, text naming the procedure and its source document) and the score."""
        self.findings_model.clear()
        r = self.result
        if r is None:
            self.score.setText("")
            return
        lang = i18n.current()
        if not r.findings:
            self.findings_model.appendRow(_readonly(self.tr("All steps are right and in order.")))
        for f in r.findings:
            kind = translate(f"grade.kind.{f.kind}", lang)
            item = _readonly(f"[{kind}] −{f.points:g}: {f.text(lang)}")
            item.setToolTip("\n".join(h.render(lang) for h in f.hints))
            self.findings_model.appendRow(item)
        self.score.setText(self.tr("Score: %1 / 100 (%2 finding(s))").replace("%1", f"{r.score:g}")
                           .replace("%2", str(len(r.findings))))

    def finding_texts(self) -> list[str]:
        return [self.findings_model.item(r).text() for r in range(self.findings_model.rowCount())]

    # ------------------------------------------------------------------ saving
    def save_answer(self) -> Path | None:
        path = self.ask_answer_path()
        if not path:
            return None
        try:
            written = ck.write_answer(path, self.chosen())
        except Exception as exc:  # noqa: BLE001 - shown to the user in their language
            render = getattr(exc, "render", None)
            self.status.setText(render(i18n.current()) if render else str(exc))
            return None
        self.saved = Path(written)
        self.status.setText(self.tr("Answer saved: %1").replace("%1", self.saved.name))
        return self.saved

    def ask_answer_path(self) -> str | None:
        """Where to save the answer (tests replace this)."""
        start = self.win.settings.get("files/last_dir") or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the answer"),
                                              str(Path(start) / "registry_answer.json"),
                                              self.tr("Checklist answers (*.json)"))
        return path or None


def _readonly(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item
