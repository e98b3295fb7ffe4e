"""pytest-qt fixtures: offscreen, English by default, and never the user's real settings."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import
os.environ.setdefault("QT_API", "PySide6")
_TMP = tempfile.mkdtemp(prefix="carbonmgr-uitest-")
atexit.register(shutil.rmtree, _TMP, True)
os.environ["CARBONMGR_SETTINGS"] = os.path.join(_TMP, "settings.ini")
os.environ["CARBONMGR_DATA_DIR"] = os.path.join(_TMP, "recovery")
os.environ["CARBONMGR_NO_DIALOGS"] = "1"

import pytest  # noqa: E402

try:  # the UI tests need the desktop app's dependencies; the core's tests do not
    import PySide6  # noqa: F401
    import pytestqt  # noqa: F401
except ImportError:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path, monkeypatch):
    """Each test gets its own settings file and recovery folder."""
    from PySide6.QtCore import QCoreApplication, QSettings

    monkeypatch.setenv("CARBONMGR_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("CARBONMGR_DATA_DIR", str(tmp_path / "recovery"))
    QCoreApplication.setOrganizationName("CarbonMgrTest")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


@pytest.fixture
def win(qtbot, qapp):
    from carbonmgr.ui import i18n
    from carbonmgr.ui.app import ensure_cjk_font
    from carbonmgr.ui.mainwindow import MainWindow
    from carbonmgr.ui.settings import Settings

    ensure_cjk_font(qapp)
    i18n.set_language("en")
    w = MainWindow(Settings())
    w.answers = {}
    w.ask = lambda kind, text, buttons=("yes", "no"): w.answers.get(kind, buttons[-1] if "cancel" not in buttons
                                                                    else "discard")
    w.ask_path = lambda kind, suggestion="": w.answers.get("path:" + kind)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    if w.session is not None:
        w.session.discard_autosave()
    w.answers["save_changes"] = "discard"
    w.close()
    i18n.set_language("en")
