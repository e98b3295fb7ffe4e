"""The start page: what a user can do when no case is open (open the demo, a new project,
import a workbook, open a file, a recent file), and hints for empty views.

The page is a list of entries (:class:`StartEntry`): a title, a line saying what it does and
the function it runs. The window adds its own (:meth:`MainWindow._start_entries`); another
part of the app adds one with :meth:`StartPage.add_entry` (``before=`` places it), e.g. the
trainer's exercises. Texts are functions, so a language switch re-reads them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

from carbonmgr.ui.i18n import Retranslating


@dataclass
class StartEntry:
    key: str  # a stable name (object name of its button; tests and extensions find it by this)
    title: Callable[[], str]  # the button's text, translated when shown (may hold a &mnemonic)
    detail: Callable[[], str]  # one line under it: what it does
    run: Callable[[], object]
    visible: Callable[[], bool] = lambda: True


class StartPage(Retranslating, QWidget):
    """Shown while no case is open, and from File › Start page."""

    def __init__(self, win):
        super().__init__()
        self.win = win
        self.setObjectName("StartPage")
        self.entries: list[StartEntry] = []
        self.buttons: dict[str, QPushButton] = {}
        self.details: dict[str, QLabel] = {}

        self.heading = QLabel()
        self.heading.setObjectName("start_heading")
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold")
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.actions_box = QFrame()
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setContentsMargins(0, 8, 0, 8)
        self.actions_grid.setHorizontalSpacing(16)
        self.actions_grid.setColumnStretch(1, 1)

        self.recent_title = QLabel()
        self.recent_title.setStyleSheet("font-weight: bold")
        self.recent = QListWidget()
        self.recent.setObjectName("start_recent")
        self.recent.itemActivated.connect(self._open_recent_item)
        self.recent_empty = QLabel()
        self.recent_empty.setObjectName("start_recent_empty")
        self.recent_empty.setWordWrap(True)
        self.recent_empty.setStyleSheet("color: palette(mid)")

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        column.addWidget(self.actions_box)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent_empty)
        column.addWidget(self.recent, 3)
        column.addStretch(1)  # without recent files the texts stay together at the top
        inner = QWidget()
        inner.setLayout(column)
        inner.setMaximumWidth(900)
        inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 16)
        outer.addStretch(1)
        outer.addWidget(inner, 8)
        outer.addStretch(1)

    # ---------------------------------------------------------------- entries
    def add_entry(self, entry: StartEntry, before: str | None = None) -> QPushButton:
        """Add an entry (placed before the entry named ``before`` if given); returns its button."""
        at = len(self.entries)
        if before is not None:
            at = next((i for i, e in enumerate(self.entries) if e.key == before), at)
        self.entries.insert(at, entry)
        button = QPushButton()
        button.setObjectName(f"start_{entry.key}")
        button.setMinimumWidth(220)
        button.clicked.connect(lambda _c=False, e=entry: e.run())
        detail = QLabel()
        detail.setWordWrap(True)
        self.buttons[entry.key] = button
        self.details[entry.key] = detail
        self._relayout()
        self.retranslate()
        return button

    def _relayout(self) -> None:
        while self.actions_grid.count():
            self.actions_grid.takeAt(0)
        for row, entry in enumerate(self.entries):
            self.actions_grid.addWidget(self.buttons[entry.key], row, 0)
            self.actions_grid.addWidget(self.details[entry.key], row, 1)

    # ---------------------------------------------------------------- recent files
    def refresh(self) -> None:
        """Re-read the recent files and which entries apply (when the page is shown)."""
        self.recent.clear()
        for path in self.win.settings.recent():
            p = Path(path)
            item = QListWidgetItem(f"{p.name}    {p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        has = self.recent.count() > 0
        self.recent.setVisible(has)
        self.recent_empty.setVisible(not has)
        if has:
            self.recent.setCurrentRow(0)
        for entry in self.entries:
            visible = bool(entry.visible())
            self.buttons[entry.key].setVisible(visible)
            self.details[entry.key].setVisible(visible)
        self.retranslate()

    def _open_recent_item(self, item: QListWidgetItem) -> None:
        self.win.open_recent(item.data(Qt.ItemDataRole.UserRole))

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Welcome to CarbonMgr"))
        self.intro.setText(self.tr("Greenhouse-gas inventories under GB/T 32150, the GHG Protocol and ISO 14064-1: "
                                   "every figure with its formula, inputs and factor source. Start with one of these:"))
        self.recent_title.setText(self.tr("Recent files"))
        self.recent_empty.setText(self.tr("No recent files yet. Open the demo case to look around, or start a new "
                                          "project; the files you open will be listed here."))
        for entry in self.entries:
            self.buttons[entry.key].setText(entry.title())
            self.details[entry.key].setText(entry.detail())


class EmptyHint(QObject):
    """A line of text in the middle of an item view while its model has no rows (e.g. the
    activity table of a new project): says what to do instead of showing an empty grid."""

    def __init__(self, view, text: Callable[[], str]):
        super().__init__(view)
        self.view = view
        self.text = text
        self.label = QLabel(view.viewport())
        self.label.setObjectName("empty_hint")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: palette(mid); font-size: 14px")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update)
        view.viewport().installEventFilter(self)
        self.update()

    def update(self, *_args) -> None:
        empty = self.view.model().rowCount() == 0
        self.label.setText(self.text())
        self.label.setVisible(empty)
        if empty:
            self._place()

    def _place(self) -> None:
        r = self.view.viewport().rect()
        self.label.setGeometry(r.adjusted(24, 24, -24, -24))

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False
