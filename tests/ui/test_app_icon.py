"""The app's windows show the CarbonMgr icon, in every size of resources/icons."""
from __future__ import annotations


def test_the_app_and_its_windows_have_the_icon(win, qapp):
    from carbonmgr.ui.app import create_app

    app = create_app()
    assert app is qapp
    icon = app.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 24, 32, 48, 64, 128, 256}
    assert not icon.pixmap(32, 32).toImage().isNull()
    assert win.windowIcon().cacheKey() == icon.cacheKey()  # the main window shows it
    assert app.desktopFileName() == "carbonmgr"  # packaging/carbonmgr.desktop
