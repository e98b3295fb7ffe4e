"""File › New project: the essentials of a case asked in one dialog (title, standard profile,
reporting year, the first facility with its region, and where the project file goes).

The region is required: it chooses the grid factor of the facility's electricity, so it is
never left to a default. OK stays disabled, with a line naming what is still missing, until
everything is given.
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from carbonmgr.common.filenames import safe_file_stem
from carbonmgr.facade import PROJECT_SUFFIX, STANDARDS, grid_regions
from carbonmgr.ui import i18n, labels


class NewProjectDialog(QDialog):
    def __init__(self, parent=None, folder: str | Path | None = None):
        super().__init__(parent)
        self.setObjectName("NewProjectDialog")
        self.folder = Path(folder) if folder else Path.home()
        self._path_edited = False
        lang = i18n.current()

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.standard = QComboBox()
        self.standard.setObjectName("standard")
        for key in STANDARDS:
            self.standard.addItem(labels.choice(labels.STANDARDS, key), key)
        self.year = QSpinBox()
        self.year.setObjectName("reporting_year")
        self.year.setRange(1990, _dt.date.today().year)
        self.year.setValue(_dt.date.today().year - 1)
        self.facility_id = QLineEdit("F1")
        self.facility_id.setObjectName("facility_id")
        self.facility_id.setMaxLength(40)
        self.facility_name = QLineEdit()
        self.facility_name.setObjectName("facility_name")
        self.region = QComboBox()
        self.region.setObjectName("region")
        for value, label in grid_regions(lang):
            self.region.addItem(label, value)
        self.region.setCurrentIndex(-1)  # no default: the user chooses
        self.region.setMaxVisibleItems(20)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.browse = QPushButton()
        self.browse.setObjectName("browse")
        self.browse.clicked.connect(self._browse)
        path_row = QWidget()
        pr = QHBoxLayout(path_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.path, 1)
        pr.addWidget(self.browse)

        self.lbl = {key: QLabel() for key in ("title", "standard", "year", "facility_id", "facility_name", "region",
                                              "path")}
        buddies = {"title": self.title, "standard": self.standard, "year": self.year, "facility_id": self.facility_id,
                   "facility_name": self.facility_name, "region": self.region, "path": self.path}
        form = QFormLayout()
        for key, widget in buddies.items():
            self.lbl[key].setBuddy(widget)
            form.addRow(self.lbl[key], path_row if key == "path" else widget)
        self.region_note = QLabel()
        self.region_note.setWordWrap(True)
        self.region_note.setStyleSheet("color: palette(mid)")
        self.missing = QLabel()
        self.missing.setObjectName("missing")
        self.missing.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.region_note)
        layout.addWidget(self.missing)
        layout.addWidget(self.buttons)

        self.title.textChanged.connect(self._title_changed)
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))
        for signal in (self.title.textChanged, self.facility_id.textChanged, self.facility_name.textChanged,
                       self.path.textChanged):
            signal.connect(self._check)
        self.region.currentIndexChanged.connect(self._check)
        self.retranslate()
        self._title_changed("")
        self.resize(560, self.sizeHint().height())

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New project"))
        texts = {"title": self.tr("Case &title:"), "standard": self.tr("&Standard profile:"),
                 "year": self.tr("Reporting &year:"), "facility_id": self.tr("First facility &ID:"),
                 "facility_name": self.tr("Facility &name:"), "region": self.tr("&Region (grid):"),
                 "path": self.tr("Project &file:")}
        for key, text in texts.items():
            self.lbl[key].setText(text)
        self.title.setPlaceholderText(self.tr("e.g. Wuhan plant 2024 inventory"))
        self.facility_name.setPlaceholderText(self.tr("e.g. Main plant"))
        self.region.setPlaceholderText(self.tr("Choose the region …"))
        self.browse.setText(self.tr("&Browse …"))
        self.region_note.setText(self.tr("The region chooses the grid emission factor of the facility's purchased "
                                         "electricity. More facilities can be added on the Boundary page."))
        self._check()

    # ---------------------------------------------------------------- behaviour
    def _title_changed(self, text: str) -> None:
        if self._path_edited:
            return
        stem = safe_file_stem(text, self.tr("project"))
        self.path.setText(str(self.folder / (stem + PROJECT_SUFFIX)))

    def _browse(self) -> None:
        start = self.path.text().strip() or str(self.folder)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Project file"), start,
                                              self.tr("CarbonMgr projects (*.carbon)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        if path and not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        self._path_edited = True
        self.path.setText(path)

    def missing_fields(self) -> list[str]:
        """The labels (without mnemonic and colon) of the fields still to fill."""
        out = []
        checks = (("title", self.title.text()), ("facility_id", self.facility_id.text()),
                  ("facility_name", self.facility_name.text()),
                  ("region", self.region.currentData() if self.region.currentIndex() >= 0 else ""),
                  ("path", self.path.text()))
        for key, value in checks:
            if not str(value or "").strip():
                # "案例标题(&T)：" and "Case &title:" are named "案例标题", "Case title"
                out.append(re.sub(r"\(&\w\)", "", self.lbl[key].text()).replace("&", "").rstrip(":：").strip())
        return out

    def _check(self, *_args) -> None:
        missing = self.missing_fields()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not missing)
        self.missing.setText(self.tr("Still needed: %1").replace("%1", self.tr(", ").join(missing)) if missing else "")
        self.missing.setVisible(bool(missing))

    def essentials(self) -> dict:
        """What the user chose, as :meth:`Workspace.create_project` takes it."""
        return {"title": self.title.text().strip(), "standard": self.standard.currentData(),
                "reporting_year": self.year.value(), "facility_id": self.facility_id.text().strip(),
                "facility_name": self.facility_name.text().strip(), "region": self.region.currentData() or ""}

    def project_path(self) -> str:
        path = self.path.text().strip()
        if path and not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return path

    def accept(self) -> None:
        if self.missing_fields():
            return
        super().accept()
