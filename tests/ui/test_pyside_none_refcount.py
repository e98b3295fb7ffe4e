"""PySide6 6.12.0 drops a reference to Python's None each time Qt hands Python an empty value
(an invalid QVariant: ``index.data(role)`` with nothing there, ``QComboBox.currentData()`` of an
empty box, ``addItem(text, None)``); after some thousands of these the interpreter aborts with
"Fatal Python error: none_dealloc" (the whole UI test run did). pyproject.toml leaves that
version out; this test fails on any PySide6 with the defect."""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

N = 200


def _lost(call) -> int:
    before = sys.getrefcount(None)
    for _ in range(N):
        call()
    return before - sys.getrefcount(None)


def test_empty_values_from_qt_keep_their_reference_to_none(qapp):
    model = QStandardItemModel()
    model.appendRow(QStandardItem("a"))
    index = model.index(0, 0)
    empty = QComboBox()
    box = QComboBox()
    for call in (lambda: index.data(Qt.ItemDataRole.UserRole), lambda: model.data(index, Qt.ItemDataRole.UserRole),
                 lambda: empty.currentData(), lambda: empty.itemData(0), lambda: box.addItem("x", None)):
        assert _lost(call) < N // 2, "this PySide6 drops references to None (see pyproject.toml)"
