"""Forms of the app's pages: a labelled row per field."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def labelled_rows(form: QFormLayout, fields: Iterable[QWidget]) -> list[QLabel]:
    """Add a row to ``form`` for each field, after a label whose access key (the "&" of its text)
    goes to the field; the labels, in order (their texts are set when the page is translated)."""
    labels = []
    for field in fields:
        label = QLabel()
        label.setBuddy(field)
        form.addRow(label, field)
        labels.append(label)
    return labels
