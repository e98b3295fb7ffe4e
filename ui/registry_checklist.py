"""The registry checklist exercise: the trainee ticks the steps a surrender with CCER needs and
puts them in order (drag, or Up and Down); Check lists each wrong step with its procedure and its
source document; Save answer writes the answer file an instructor grades with ``carbonmgr grade``.

Reached from the Exercises page. Grading a dozen steps is instant: it runs on the GUI thread.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout)

from carbonmgr.facade import checklist as ck

from carbonmgr.ui import i18n
from carbonmgr.ui.i18n import Retranslating


class RegistryChecklistDialog(Retranslating, QDialog):
    """Pick and order the registry steps; check them; save the answer."""

    def __init__(self, parent=None, checklist=None):
        super().__init__(parent)
        self.setObjectName("RegistryChecklist")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a dialog per opening, gone when closed
        self.checklist = checklist if checklist is not None else ck.bundled_checklist()
        self.result = None
        self.heading = QLabel()
        hf = self.heading.font()
        hf.setBold(True)
        hf.setPointSize(hf.pointSize() + 2)
        self.heading.setFont(hf)
        self.task = QLabel()
        self.task.setWordWrap(True)
        self.steps = QListWidget()
        self.steps.setWordWrap(True)
        self.steps.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.steps.setDefaultDropAction(Qt.DropAction.MoveAction)
        for step in self.checklist.steps:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, step.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.steps.addItem(item)
        self.up_btn = QPushButton()
        self.down_btn = QPushButton()
        self.up_btn.clicked.connect(lambda: self.move(-1))
        self.down_btn.clicked.connect(lambda: self.move(1))
        self.score = QLabel()
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.check_btn = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_btn = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_btn = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_btn.clicked.connect(self.check)
        self.save_btn.clicked.connect(self.save_answer)
        self.close_btn.clicked.connect(self.reject)
        moves = QVBoxLayout()
        moves.addWidget(self.up_btn)
        moves.addWidget(self.down_btn)
        moves.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.steps, 3)
        row.addLayout(moves)
        row.addWidget(self.findings, 3)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.task)
        lay.addLayout(row, 1)
        lay.addWidget(self.score)
        lay.addWidget(self.buttons)
        self.resize(1000, 560)
        self.retranslate()

    def retranslate(self) -> None:
        lang = i18n.current()
        self.setWindowTitle(self.tr("Registry steps"))
        self.heading.setText(self.checklist.title_in(lang))
        self.task.setText(self.checklist.task_in(lang) + "\n" + self.tr(
            "Tick the steps that are needed and drag them into order (or use Up and Down)."))
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            step = self.checklist.step(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"{step.label}  {step.in_lang(lang)}")
        self.up_btn.setText(self.tr("&Up"))
        self.down_btn.setText(self.tr("&Down"))
        self.check_btn.setText(self.tr("&Check my steps"))
        self.save_btn.setText(self.tr("&Save answer …"))
        self.close_btn.setText(self.tr("Close"))
        if self.result is not None:
            self.show_result()

    # ------------------------------------------------------------------ the answer
    def chosen(self) -> list[str]:
        """The labels of the ticked steps, in the list's order."""
        out = []
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_answer(self, labels: list[str]) -> None:
        """Tick ``labels`` and put them first, in that order (the others after, unticked). The rows'
        contents are rewritten in place: no item leaves the list (an item taken out and put back is
        owned twice by PySide and can be freed under the list)."""
        rows = [self._row(i) for i in range(self.steps.count())]
        first = [lab for lab in labels if any(lab == r[0] for r in rows)]
        rest = [r[0] for r in rows if r[0] not in first]
        for i, label in enumerate(first + rest):
            self._set_row(i, label, label in first)

    def _row(self, i: int) -> tuple[str, bool]:
        item = self.steps.item(i)
        return item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked

    def _set_row(self, i: int, label: str, checked: bool) -> None:
        item = self.steps.item(i)
        step = self.checklist.step(label)
        item.setData(Qt.ItemDataRole.UserRole, label)
        item.setText(f"{step.label}  {step.in_lang(i18n.current())}")
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def move(self, delta: int) -> None:
        row = self.steps.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.steps.count():
            return
        a, b = self._row(row), self._row(target)
        self._set_row(row, *b)
        self._set_row(target, *a)
        self.steps.setCurrentRow(target)

    # ------------------------------------------------------------------ checking
    def check(self) -> None:
        self.result = ck.grade_steps(self.checklist, self.chosen(), i18n.current())
        self.show_result()

    def show_result(self) -> None:
        lang = i18n.current()
        r = self.result
        self.findings.clear()
        if not r.findings:
            self.findings.addItem(self.tr("All steps are right and in order."))
        for f in r.findings:
            self.findings.addItem(f.text(lang))
        self.score.setText(self.tr("Score: %1 / 100 (%2 finding(s))").replace("%1", f"{r.score:g}")
                           .replace("%2", str(len(r.findings))))

    def save_answer(self) -> None:
        path = self.ask_answer_path()
        if not path:
            return
        try:
            ck.write_answer(path, self.chosen())
        except Exception as exc:  # noqa: BLE001 - shown to the user in their language
            render = getattr(exc, "render", None)
            self.score.setText(render(i18n.current()) if render else str(exc))
            return
        self.score.setText(self.tr("Answer saved: %1").replace("%1", Path(path).name))

    def ask_answer_path(self) -> str | None:
        """Where to save the answer (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the answer"), str(Path.home() / "registry_answer.json"),
                                              self.tr("Checklist answers (*.json)"))
        return path or None
