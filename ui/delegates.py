"""Item delegates: drop-down lists for source type, item, unit, facility and choices."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QStyledItemDelegate


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of ``choices(index) -> [(text, value)]``.

    ``editable``: the user may type a value that is not in the list (items, units);
    the model validates it either way and marks it when it is wrong.
    """

    def __init__(self, choices: Callable, editable: bool = False, parent=None):
        super().__init__(parent)
        self.choices = choices
        self.editable = editable

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setEditable(self.editable)
        combo.setMaxVisibleItems(20)
        for text, value in self.choices(index):
            combo.addItem(text, value)
        if self.editable:
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = combo.completer()
            if completer is not None:
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return combo

    def setEditorData(self, editor, index):
        raw = index.data(Qt.ItemDataRole.UserRole)
        i = editor.findData(raw)
        if i < 0 and raw is not None:
            i = editor.findText(str(raw))
        if i >= 0:
            editor.setCurrentIndex(i)
        elif self.editable:
            editor.setEditText("" if raw is None else str(raw))

    def setModelData(self, editor, model, index):
        if self.editable:
            text = editor.currentText().strip()
            i = editor.findText(text)
            value = editor.itemData(i) if i >= 0 and editor.itemData(i) is not None else text
        else:
            value = editor.currentData()
            if value is None:
                value = editor.currentText()
        model.setData(index, value, Qt.ItemDataRole.EditRole)
