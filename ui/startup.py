"""Checks made before the desktop app starts Qt, so that a user gets a message instead of an abort.

Qt aborts the process (``qt.qpa.plugin: Could not load the Qt platform plugin "xcb"``, exit
134) when its X11 platform plugin cannot load a system library, and PySide6 is absent when
CarbonMgr was installed without the ``[gui]`` extra.  :func:`problem` finds either case (and
the case of no display at all) before any Qt module is imported and returns the message to
print, in the user's language.  No Qt here.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from carbonmgr.common.i18n import translate

# The Debian/Ubuntu package of each library Qt's xcb platform plugin (and libQt6XcbQpa) links
# to, as `dpkg -S` names them on Debian 12.  tools/dev.sh installs the same packages.
DEBIAN_PACKAGE_OF = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libpng16.so.16": "libpng16-16",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libexpat.so.1": "libexpat1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found\s*$")


def missing_from_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``NAME => not found``, each once, in order."""
    found: list[str] = []
    for line in output.splitlines():
        m = _NOT_FOUND.match(line)
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return found


def xcb_plugin() -> Path | None:
    """The file of Qt's xcb platform plugin in the installed PySide6 (None if there is none).
    ``CARBONMGR_XCB_PLUGIN`` names another file (the tests use it)."""
    override = os.environ.get("CARBONMGR_XCB_PLUGIN")
    if override:
        return Path(override)
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if path.is_file():
            return path
    return None


def missing_libraries(plugin: Path, timeout: float = 20.0) -> list[str]:
    """The shared libraries ``plugin`` needs that the dynamic loader cannot find ([] when none
    are missing, or when ``ldd`` is not available to tell)."""
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.is_file():
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=timeout,
                             env=dict(os.environ, LC_ALL="C"))
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_from_ldd(out.stdout + "\n" + out.stderr)


def xcb_message(missing: list[str], lang: str) -> str:
    """What to tell the user when the xcb plugin's libraries ``missing`` are missing."""
    packages = sorted({DEBIAN_PACKAGE_OF[name] for name in missing if name in DEBIAN_PACKAGE_OF})
    unknown = [name for name in missing if name not in DEBIAN_PACKAGE_OF]
    install = []
    if packages:
        install.append(translate("app.start.xcb_install", lang, packages=" ".join(packages)))
    if unknown:
        install.append(translate("app.start.xcb_unknown_package", lang))
    return translate("app.start.xcb_missing", lang, libraries=translate("sep.list", lang).join(missing),
                     install="\n".join(install))


def _platform(environ) -> str:
    return (environ.get("QT_QPA_PLATFORM") or "").split(":")[0].split(";")[0].strip().lower()


def no_display(environ=None) -> bool:
    """On Linux, Qt would abort for want of a display: no X11/Wayland display and no Qt platform
    chosen, or the xcb (Wayland) platform chosen without an X (Wayland) display."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = _platform(env)
    if platform == "xcb":
        return not env.get("DISPLAY")
    if platform.startswith("wayland"):
        return not env.get("WAYLAND_DISPLAY")
    return not platform and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def uses_xcb(environ=None) -> bool:
    """Qt will load its xcb (X11) platform plugin: Linux, an X display, and no other platform chosen
    (a Wayland session with no QT_QPA_PLATFORM takes Qt's Wayland plugin)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = _platform(env)
    if platform:
        return platform == "xcb"
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return False
    return bool(env.get("DISPLAY"))


def gui_import_error() -> str | None:
    """None when PySide6 is installed and loads; else "" when it is not installed, or the loader's
    error (e.g. a missing libEGL.so.1) when it is installed but does not load."""
    try:
        if importlib.util.find_spec("PySide6") is None:
            return ""
    except (ImportError, ValueError):
        return ""
    try:
        importlib.import_module("PySide6.QtGui")
    except ImportError as exc:
        return str(exc) or type(exc).__name__
    return None


def problem(lang: str, environ=None) -> str | None:
    """The message that stops the app before Qt starts, in ``lang``; None when it can start."""
    env = os.environ if environ is None else environ
    error = gui_import_error()
    if error == "":
        return translate("app.start.no_gui_extra", lang)
    if no_display(env):
        return translate("app.start.no_display", lang)
    if error is not None:
        return translate("app.start.gui_broken", lang, error=error)
    if uses_xcb(env):
        plugin = xcb_plugin()
        missing = missing_libraries(plugin) if plugin is not None else []
        if missing:
            return xcb_message(missing, lang)
    return None
