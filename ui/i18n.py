"""Qt translations: the app's .qm (resources/i18n) plus Qt's own qtbase_zh_CN.qm.

Switching installs or removes the translators; Qt then sends every widget a
LanguageChange event and each one re-translates itself (retranslateUi pattern).
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from carbonmgr.common.paths import resource_dir

LANGS = ("zh", "en")
_state: dict = {"lang": "en", "translators": []}


def qm_dir() -> Path:
    return resource_dir() / "i18n"


def system_lang() -> str:
    env = os.environ.get("CARBONMGR_LANG")
    if env:
        return "zh" if env.lower().startswith("zh") else "en"
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def current() -> str:
    return _state["lang"]


def set_language(lang: str) -> bool:
    """Install the translators of ``lang`` ("zh" or "en"); returns whether the app .qm loaded."""
    app = QCoreApplication.instance()
    lang = "zh" if str(lang).lower().startswith("zh") else "en"
    had = bool(_state["translators"])
    for t in _state["translators"]:
        app.removeTranslator(t)
    _state["translators"] = []
    _state["lang"] = lang
    ok = True
    if lang == "zh":
        mine = QTranslator(app)
        ok = mine.load(str(qm_dir() / "carbonmgr_zh_CN.qm"))
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) or \
                qt.load(str(qm_dir() / "qtbase_zh_CN.qm")):
            app.installTranslator(qt)
            _state["translators"].append(qt)
        if ok:
            app.installTranslator(mine)
            _state["translators"].append(mine)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    # Tell every widget now (they show core texts in the language too), also when no translator
    # changed: as Qt does when one changes, the application posts the event to each window and each
    # window passes it to its children; here it is delivered at once, with Python's cyclic garbage
    # collector paused. A window owned by its Python object and left in a reference cycle (garbage
    # not yet collected) still gets the event; had the collector run in the middle of the walk, it
    # would free that window while Qt walked it or while PySide turned a list of widgets holding it
    # into Python objects, and the walk would read freed memory: the segmentation fault full UI test
    # runs hit in set_language (tests/ui/test_language_walk_gc.py).
    enabled = gc.isenabled()
    gc.disable()
    try:
        if not had and not _state["translators"]:
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    finally:
        if enabled:
            gc.enable()
    return ok


class Retranslating:
    """Mixin for widgets with a ``retranslate()`` method: re-run it when the language changes."""

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
