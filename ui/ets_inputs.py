"""The ETS page's inputs: the case's compliance inputs (the ETS keys of the Case sheet), the covered
units (the ETS sheet) and, for an ETS exercise, the trainee's answers (Case keys ``my_allocation`` …,
docs/exercise-workbook.md "ETS exercises").

Every field is an edit of the case through the window (undoable, saved in the project, autosaved),
as the Boundary page's fields are; the labels come from the core catalogue in the user's language
(a unit's class and cooling by their names, never by an id).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from carbonmgr.common.i18n import translate
from carbonmgr.facade.trading import class_label, fmt_value, heading_label
from carbonmgr.ui import i18n
from carbonmgr.ui.delegates import ChoiceDelegate
from carbonmgr.ui.forms import labelled_rows

SETTING_KEYS = ("ets_year", "carbon_price", "allowances_held", "ccer_offered", "allowances_borrowed")
UNIT_FIELDS = ("unit", "facility", "klass", "generation", "supply", "heat", "load_factor", "cooling", "heat_ratio",
               "verified_emissions")
ANSWER_KEYS = ("my_allocation", "my_ccer_used", "my_surplus", "my_penalty_min", "my_penalty_max", "my_cost_buy",
               "my_cost_ccer", "my_cost_abate")
PATHS = ("buy", "ccer", "abate")
CLASSES = ("I", "II", "III", "gas", "steel", "cement", "aluminium")
_FRACTIONS = ("load_factor", "heat_ratio")


def _text(value) -> str:
    """A stored value as the user typed it (numbers in full, without thousands separators)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_or_text(text: str):
    """An answer as stored: a number when it reads as one, else the text (the grader says what it is)."""
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", "").replace("，", ""))
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def _edits(keys, prefix: str, edited) -> dict[str, QLineEdit]:
    """A line edit for each key (named ``prefix + key``), calling ``edited(key)`` when its editing finishes."""
    edits = {}
    for key in keys:
        edits[key] = QLineEdit()
        edits[key].setObjectName(prefix + key)
        edits[key].editingFinished.connect(lambda key=key: edited(key))
    return edits


class EtsInputs(QWidget):
    """The inputs and answers of the ETS page (a child of :class:`carbonmgr.ui.ets_page.EtsPage`)."""

    def __init__(self, win):
        super().__init__()
        self.win = win
        self._loading = False
        # the case's compliance inputs
        self.settings_box = QGroupBox()
        self.settings = _edits(SETTING_KEYS, "ets_", self._setting_edited)
        self.setting_labels = dict(zip(SETTING_KEYS, labelled_rows(QFormLayout(self.settings_box),
                                                                   self.settings.values())))
        # the units
        self.units_box = QGroupBox()
        self.units = QTableWidget(0, len(UNIT_FIELDS))
        self.units.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.units.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.units.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.units.setMinimumHeight(110)
        self.units.setItemDelegateForColumn(UNIT_FIELDS.index("klass"), ChoiceDelegate(
            lambda _i: [(class_label(k, i18n.current()), k) for k in CLASSES], parent=self))
        self.units.setItemDelegateForColumn(UNIT_FIELDS.index("cooling"), ChoiceDelegate(
            lambda _i: [("", None)] + [(translate(f"ets.cooling.{k}", i18n.current()), k) for k in ("water", "air")],
            parent=self))
        self.units.setItemDelegateForColumn(UNIT_FIELDS.index("facility"), ChoiceDelegate(
            lambda _i: [(f"{f.id} {f.name}".strip(), f.id) for f in self._facilities()], parent=self))
        self.units.itemChanged.connect(self._unit_edited)
        self.add_unit = QPushButton()
        self.delete_unit = QPushButton()
        self.add_unit.clicked.connect(self.add)
        self.delete_unit.clicked.connect(self.delete)
        ul = QVBoxLayout(self.units_box)
        ul.addWidget(self.units, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_unit)
        row.addWidget(self.delete_unit)
        row.addStretch(1)
        ul.addLayout(row)
        # the trainee's answers
        self.answers_box = QGroupBox()
        aform = QFormLayout(self.answers_box)
        self.answers_note = QLabel()
        self.answers_note.setWordWrap(True)
        self.answers_note.setStyleSheet("color:#555")
        aform.addRow(self.answers_note)
        self.answers = _edits(ANSWER_KEYS, "", self._answer_edited)
        self.cheapest = QComboBox()
        self.cheapest.setObjectName("my_cheapest")
        self.cheapest.activated.connect(lambda _i: self._answer_edited("my_cheapest"))
        *answer_labels, self.cheapest_label = labelled_rows(aform, [*self.answers.values(), self.cheapest])
        self.answer_labels = dict(zip(ANSWER_KEYS, answer_labels))

        top = QHBoxLayout()
        top.addWidget(self.settings_box, 2)
        top.addWidget(self.answers_box, 3)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.units_box, 1)
        self.retranslate()

    # ------------------------------------------------------------------ texts and values
    def _facilities(self):
        s = self.win.session
        return s.case.facilities if s is not None else []

    def retranslate(self) -> None:
        lang = i18n.current()
        self.settings_box.setTitle(translate("ets.page.settings", lang))
        for key, label in self.setting_labels.items():
            label.setText(translate("ets.page.price" if key == "carbon_price" else f"ets.page.{key}", lang))
        self.units_box.setTitle(translate("ets.page.units", lang))
        self.add_unit.setText(translate("ets.page.add_unit", lang))
        self.delete_unit.setText(translate("ets.page.delete_unit", lang))
        self.answers_box.setTitle(translate("ets.page.answers", lang))
        self.answers_note.setText(translate("ets.page.answers_note", lang))
        for key, label in self.answer_labels.items():
            label.setText(translate(f"ets.answer.{key}", lang))
        self.cheapest_label.setText(translate("ets.answer.my_cheapest", lang))
        self.load()

    def load(self) -> None:
        """Show the case's values (after opening, an edit, undo, a language change)."""
        lang = i18n.current()
        s = self.win.session
        self._loading = True
        try:
            info = s.case.info if s is not None else None
            for key, edit in self.settings.items():
                if not edit.isModified() or s is None:  # never what is being typed
                    edit.setText(_text(getattr(info, key)) if info is not None else "")
            extra = info.extra if info is not None else {}
            for key, edit in self.answers.items():
                if not edit.isModified() or s is None:
                    edit.setText(_text(extra.get(key)))
            self.cheapest.clear()
            self.cheapest.addItem(translate("ets.page.unanswered", lang), None)
            for p in PATHS:
                self.cheapest.addItem(translate(f"ets.grade.path.{p}", lang), p)
            have = extra.get("my_cheapest")
            i = self.cheapest.findData(have) if have else 0
            if i < 0:
                self.cheapest.addItem(str(have), str(have))
                i = self.cheapest.count() - 1
            self.cheapest.setCurrentIndex(i)
            self._fill_units(lang)
        finally:
            self._loading = False
        self.setEnabled(s is not None and not s.read_only)

    def _fill_units(self, lang: str) -> None:
        s = self.win.session
        units = list(s.case.ets.units) if s is not None and s.case.ets is not None else []
        self.units.setHorizontalHeaderLabels([heading_label(f, lang) for f in UNIT_FIELDS])
        self.units.setRowCount(len(units))
        for r, u in enumerate(units):
            for c, f in enumerate(UNIT_FIELDS):
                value = getattr(u, f)
                if f == "klass":
                    text = class_label(value, lang)
                elif f == "cooling":
                    text = translate(f"ets.cooling.{value}", lang) if value else ""
                elif f in _FRACTIONS and value is not None:
                    text = f"{value * 100:g} %"
                elif isinstance(value, float):
                    text = fmt_value(value, lang) if abs(value) >= 1000 else f"{value:g}"
                else:
                    text = _text(value)
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                if f not in ("unit", "facility", "klass", "cooling"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.units.setItem(r, c, item)

    # ------------------------------------------------------------------ edits
    def _setting_edited(self, key: str) -> None:
        s = self.win.session
        if self._loading or s is None:
            return
        self.settings[key].setModified(False)
        text = self.settings[key].text().strip().replace(",", "")
        if _text(getattr(s.case.info, key)) == text:
            return
        self.win.op(lambda ws: ws.set_info(key, text or None)).failure(lambda _e: self.load()).run()

    def _answer_edited(self, key: str) -> None:
        s = self.win.session
        if self._loading or s is None:
            return
        if key == "my_cheapest":
            value = self.cheapest.currentData()
        else:
            self.answers[key].setModified(False)
            value = _number_or_text(self.answers[key].text())
        old = s.case.info.extra.get(key)
        if old == value or (old in (None, "") and value is None):
            return
        self.win.op(lambda ws: ws.set_info(key, value)).failure(lambda _e: self.load()).run()

    def _unit_edited(self, item: QTableWidgetItem) -> None:
        s = self.win.session
        if self._loading or s is None:
            return
        r, field = item.row(), UNIT_FIELDS[item.column()]
        value = item.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, str):
            value = value.strip()
            if field not in ("unit", "facility", "klass", "cooling"):
                value = value.replace(",", "")
        if value == "":
            value = None
        if field in ("klass", "cooling", "facility") and value == item.data(Qt.ItemDataRole.UserRole):
            return
        self.win.op(lambda ws: ws.set_record("ets_unit", r, field, value)).failure(lambda _e: self.load()).run()

    def add(self) -> None:
        """A new unit after the selected one (class I; its id and class are typed next)."""
        s = self.win.session
        if s is None:
            return
        rows = sorted({i.row() for i in self.units.selectedIndexes()})
        at = rows[-1] + 1 if rows else len(s.records("ets_unit"))
        if self.win.op(lambda ws: ws.add_record("ets_unit", at)).run() is None:
            return
        self.go_to(at, "unit")

    def delete(self) -> None:
        s = self.win.session
        rows = sorted({i.row() for i in self.units.selectedIndexes()})
        if s is None or not rows:
            return
        self.win.op(lambda ws: ws.delete_records("ets_unit", rows)).run()

    # ------------------------------------------------------------------ leading to a field
    def go_to(self, row: int, field: str) -> bool:
        """Select the cell ``field`` of the unit in table row ``row`` and give it the focus."""
        if not 0 <= row < self.units.rowCount():
            return False
        col = UNIT_FIELDS.index(field) if field in UNIT_FIELDS else 0
        self.units.setCurrentCell(row, col)
        self.units.scrollToItem(self.units.item(row, col))
        self.units.setFocus()
        return True

    def widget_of(self, field: str) -> QWidget | None:
        """The field of a Case key (an ETS input or an answer), or None."""
        if field in self.settings:
            return self.settings[field]
        if field in self.answers:
            return self.answers[field]
        if field == "my_cheapest":
            return self.cheapest
        return None
