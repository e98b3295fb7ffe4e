"""CarbonMgr as an installed desktop application: the windowed entry point, the icon files,
the Linux .desktop entry, the build's icon and licence files, and notices that name every
package CarbonMgr runs on."""
from __future__ import annotations

import configparser
import importlib
import importlib.metadata as md
import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from carbonmgr.common.paths import icon_files, resource_dir

REPO = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None


def _pyproject() -> dict:
    if tomllib is None:
        pytest.skip("tomllib needs Python 3.11")
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _notices_module():
    spec = importlib.util.spec_from_file_location("_notices", REPO / "tools" / "notices.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------------------ entry point
def test_the_installed_package_has_a_windowed_entry_point():
    scripts = {e.name: e for e in md.entry_points(group="gui_scripts") if e.dist and e.dist.name == "carbonmgr"}
    assert set(scripts) == {"carbonmgr-gui"}
    assert scripts["carbonmgr-gui"].value == _pyproject()["project"]["gui-scripts"]["carbonmgr-gui"]
    assert callable(scripts["carbonmgr-gui"].load())


def test_the_windowed_entry_point_works_without_console_streams(tmp_path):
    """pythonw.exe (what runs a GUI script on Windows) gives it no stdout/stderr (None): nothing on
    the way to the app may write to them directly. Without a display the app says so (to nowhere,
    here) and exits 2; a crash would exit 1."""
    code = ("import sys\nsys.stdout = sys.stderr = None\nsys.argv = ['carbonmgr-gui', 'demo']\n"
            "from carbonmgr.cli.launcher import gui_main\nsys.exit(gui_main())\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(CARBONMGR_SETTINGS=str(tmp_path / "s.ini"), CARBONMGR_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env,
                         cwd=tmp_path)
    if sys.platform.startswith("linux"):
        assert out.returncode == 2, out.stderr
        assert "Traceback" not in out.stderr


# ------------------------------------------------------------------------------------ icon
def test_the_icon_comes_in_every_size_and_as_a_windows_ico():
    from PIL import Image

    files = icon_files()
    assert tuple(files) == SIZES
    for size, path in files.items():
        with Image.open(path) as im:
            assert im.size == (size, size) and im.mode == "RGBA", path
            assert im.getpixel((size // 2, size // 2))[3] == 255  # drawn, not blank
            assert im.getpixel((0, 0))[3] < 64  # rounded corner: transparent
    with Image.open(resource_dir() / "icons" / "carbonmgr.ico") as ico:
        assert set(ico.info["sizes"]) == {(s, s) for s in SIZES}
    svg = ET.parse(resource_dir() / "icons" / "carbonmgr.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"


def test_the_build_gives_both_executables_the_icon_and_bundles_it():
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    icon = re.search(r'ICON = ROOT / "resources" / "icons" / "([^"]+)"', spec)
    assert icon and (REPO / "resources" / "icons" / icon.group(1)).is_file()
    assert spec.count("icon=EXE_ICON,") == 2  # carbonmgr-gui and carbonmgr
    assert 'EXE_ICON = str(ICON) if sys.platform in ("win32", "darwin")' in spec
    keep = re.search(r"KEEP_RESOURCES = \(([^)]*)\)", spec).group(1)
    assert all(f'"{s}"' in keep for s in (".png", ".ico", ".svg"))


def test_the_desktop_entry_starts_the_windowed_program_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(REPO / "packaging" / "carbonmgr.desktop", encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Terminal"] == "false"
    program = d["Exec"].split()[0]
    assert program in _pyproject()["project"]["gui-scripts"] and d["TryExec"] == program
    assert d["Icon"] == "carbonmgr" and all(p.name.startswith(d["Icon"] + "-") for p in icon_files().values())
    for key in ("Name", "GenericName", "Comment", "Keywords"):  # English and Chinese
        assert d[key] and re.search(r"[\u4e00-\u9fff]", d[key + "[zh_CN]"]), key
    assert d["Categories"].endswith(";")


# -------------------------------------------------------------------------------- licences
def test_license_is_mit_and_declared_in_the_metadata():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
    meta = md.metadata("carbonmgr")
    assert meta.get("License-Expression") == "MIT"
    assert {"LICENSE", "THIRD-PARTY-NOTICES.md"} <= set(meta.get_all("License-File") or [])


def test_the_notices_name_every_package_carbonmgr_runs_on():
    notices = _notices_module()
    text = (REPO / "THIRD-PARTY-NOTICES.md").read_text(encoding="utf-8")
    listed = {notices.normalize(m) for m in re.findall(r"^\| ([A-Za-z0-9_.-]+)", text, re.M)}
    installed = notices.runtime_distributions()
    assert {"pyside6-essentials", "reportlab", "openpyxl", "sqlite-utils", "python-calamine"} <= set(installed)
    missing = sorted(set(installed) - listed)
    assert not missing, "add these packages to THIRD-PARTY-NOTICES.md: " + ", ".join(missing)
    assert "LGPL" in text and "replace" in text  # Qt under the LGPL v3, and how to swap it


def test_the_lgpl_and_gpl_texts_ship_for_the_one_folder_app():
    lgpl = (REPO / "packaging" / "licenses" / "LGPL-3.0.txt").read_text(encoding="utf-8")
    gpl = (REPO / "packaging" / "licenses" / "GPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3, 29 June 2007" in lgpl
    assert "GNU GENERAL PUBLIC LICENSE" in gpl and "Version 3, 29 June 2007" in gpl


def test_every_bundled_package_with_licence_files_has_them_found():
    notices = _notices_module()
    found = {k: notices.license_files(d) for k, d in notices.runtime_distributions().items()}
    for key in ("reportlab", "openpyxl", "sqlite-utils", "numpy", "pypdfium2"):
        assert found[key], key
        assert all(Path(notices.runtime_distributions()[key].locate_file(f)).is_file() for f in found[key])
