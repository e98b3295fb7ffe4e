"""UI state in QSettings (geometry, recent files, language), behind one typed registry.

Everything about an inventory lives in the project file; only the app's own state is
kept here.  ``CARBONMGR_SETTINGS`` (an .ini path) redirects the settings file, which
the tests use so that they never touch the real one; ``CARBONMGR_DATA_DIR`` redirects
the folder of autosaves of untitled sessions.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

ORG = "CarbonMgr"
APP = "CarbonMgr"
MAX_RECENT = 8

# name -> (type, default)
OPTIONS = {
    "ui/language": (str, ""),
    "ui/geometry": (bytes, b""),
    "ui/state": (bytes, b""),
    "ui/tab": (int, 2),
    "ui/splitter": (bytes, b""),
    "files/recent": (list, []),
    "files/last_dir": (str, ""),
    "files/export_dir": (str, ""),  # where reports and exports were last saved
}


class Settings:
    def __init__(self, path: str | None = None):
        path = path or os.environ.get("CARBONMGR_SETTINGS")
        if path:
            self.q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self.q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)

    def get(self, name: str):
        kind, default = OPTIONS[name]
        value = self.q.value(name, default)
        if value is None:
            return default
        if kind is list:
            if isinstance(value, str):
                return [value] if value else []
            return [str(v) for v in value]
        if kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        if kind is bytes:
            try:
                return bytes(value)
            except (TypeError, ValueError):
                return default
        return kind(value)

    def set(self, name: str, value) -> None:
        self.q.setValue(name, value)

    def sync(self) -> None:
        self.q.sync()

    # recent files
    def recent(self) -> list[str]:
        return [p for p in self.get("files/recent") if p]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        items = [p for p in self.recent() if p != path]
        items.insert(0, path)
        self.set("files/recent", items[:MAX_RECENT])


def data_dir() -> Path:
    """Where autosaves of untitled sessions are kept."""
    env = os.environ.get("CARBONMGR_DATA_DIR")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".carbonmgr") / "recovery"
