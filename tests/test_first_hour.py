"""Issue 10, the first hour of a new user: the app says what is missing instead of aborting
(the [gui] extra, a display, the libraries of Qt's X11 platform plugin), the set-up installs
those libraries, the template passes its own check, and the small CLI things (a missing
output folder named, the file mode of outputs, update-factors with nothing to apply)."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from carbonmgr.ui import startup

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _env(**extra):
    env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="", CARBONMGR_LANG="")
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "CARBONMGR_XCB_PLUGIN"):
        env.pop(key, None)
    env.update(extra)
    return env


def run(*args, env=None, cwd=None, code=None, **kw):
    argv = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "carbonmgr", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env or _env(), cwd=cwd, timeout=180, **kw)


# --------------------------------------------------------------------------------------------
# Qt's xcb platform plugin: its missing libraries are found with ldd and named
# --------------------------------------------------------------------------------------------

def _elf_with_a_missing_library(tmp_path: Path) -> tuple[Path, str]:
    """A copy of a real dynamically linked program whose one needed library is renamed (same
    length, in the ELF's string table) to a name no system has: ldd reports it not found."""
    if not shutil.which("ldd"):
        pytest.skip("ldd is not available")
    for program in (shutil.which("ls"), shutil.which("true"), os.path.realpath(sys.executable)):
        if not program:
            continue
        data = Path(program).read_bytes()
        if not data.startswith(b"\x7fELF"):
            continue
        out = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
        names = [m.group(1) for m in re.finditer(r"^\s*(\S+\.so[.\d]*)\s*=>\s*/", out, re.M)]
        for name in sorted(names, key=lambda n: n.startswith("libc.")):  # libc last
            raw = b"\0" + name.encode() + b"\0"
            if data.count(raw) != 1:
                continue
            fake = ("libcmgrmissing" + "x" * len(name))[: len(name) - 5] + name[-5:]
            if fake == name:
                continue
            patched = tmp_path / "libqxcb.so"
            patched.write_bytes(data.replace(raw, b"\0" + fake.encode() + b"\0"))
            patched.chmod(0o755)
            return patched, fake
    pytest.skip("no dynamically linked program to copy")


def test_missing_libraries_of_a_real_elf_are_found(tmp_path):
    plugin, fake = _elf_with_a_missing_library(tmp_path)
    assert startup.missing_libraries(plugin) == [fake]
    # the real plugin of the installed PySide6 is found and read the same way
    real = startup.xcb_plugin()
    if real is not None:
        assert real.name == "libqxcb.so" and isinstance(startup.missing_libraries(real), list)


def test_ldd_output_is_parsed_and_each_library_mapped_to_its_debian_package():
    output = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibcarbonmgr-nowhere.so.3 => not found
"""
    missing = startup.missing_from_ldd(output)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libcarbonmgr-nowhere.so.3"]
    en = startup.xcb_message(missing, "en")
    assert "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in en
    assert "libcarbonmgr-nowhere.so.3" in en and "apt-file search" in en and not CJK.search(en)
    zh = startup.xcb_message(missing, "zh")
    assert "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in zh and "缺失" in zh
    assert "libxcb-icccm.so.4、libxcb-keysyms.so.1" in zh


def test_the_setup_installs_the_packages_of_the_xcb_plugins_libraries():
    text = (ROOT / "tools" / "dev.sh").read_text(encoding="utf-8")
    block = re.search(r'DEB_PACKAGES="([^"]*)"', text).group(1).split()
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"):
        assert package in block
    for name, package in startup.DEBIAN_PACKAGE_OF.items():
        if name.startswith(("libxcb", "libxkbcommon", "libX11")):
            assert package in block, f"{package} (for {name}) is not installed by tools/dev.sh"
    # what the installed plugin links to (ldd, all levels) is known, and installed by the set-up
    plugin = startup.xcb_plugin()
    if plugin is None or not shutil.which("ldd"):
        return
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    for name in re.findall(r"^\s*(lib(?:xcb|xkbcommon|X11)\S*\.so\.\d+)", out, re.M):
        assert name in startup.DEBIAN_PACKAGE_OF, f"{name}: which Debian package provides it?"
        assert startup.DEBIAN_PACKAGE_OF[name] in block


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_names_the_missing_libraries_instead_of_aborting(tmp_path, lang):
    plugin, fake = _elf_with_a_missing_library(tmp_path)
    r = run("--lang", lang, "gui", "demo", env=_env(DISPLAY=":77", CARBONMGR_XCB_PLUGIN=str(plugin)))
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert fake in r.stderr and "Traceback" not in r.stderr
    assert ("缺失" in r.stderr) == (lang == "zh") and ("missing" in r.stderr) == (lang == "en")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux's")
def test_the_app_starts_on_a_real_x11_display(tmp_path):
    """The README's run command on a real X server (Xvfb, installed by ``dev.sh test``): Qt's
    xcb plugin loads with the libraries the set-up installed, the window shows the demo's
    inventory and its report previews. Offscreen runs elsewhere in the suite cannot show this."""
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing: tools/dev.sh test installs Debian's xvfb")
        pytest.skip("xvfb-run is not installed (apt-get install xvfb xauth)")
    env = _env(QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_RUNTIME_DIR=str(tmp_path))
    r = subprocess.run([xvfb, "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-m", "carbonmgr",
                        "gui", "--smoke-test"], capture_output=True, text=True, env=env, timeout=240)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr)
    assert "smoke test ok" in r.stdout and "on Qt's xcb platform" in r.stdout, r.stdout
    assert "report of" in r.stdout and "Traceback" not in r.stderr


def test_which_platform_qt_will_take():
    assert startup.uses_xcb({"DISPLAY": ":0"}) == sys.platform.startswith("linux")
    assert not startup.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not startup.uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"})
    assert startup.uses_xcb({"QT_QPA_PLATFORM": "xcb"}) == sys.platform.startswith("linux")
    assert not startup.uses_xcb({})
    assert startup.no_display({}) == sys.platform.startswith("linux")
    assert not startup.no_display({"QT_QPA_PLATFORM": "offscreen"})
    # the X11 or Wayland platform named without its display: Qt would abort (exit 134)
    assert startup.no_display({"QT_QPA_PLATFORM": "xcb"}) == sys.platform.startswith("linux")
    assert not startup.no_display({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"})
    assert startup.no_display({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}) == sys.platform.startswith("linux")
    assert not startup.no_display({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"})


# --------------------------------------------------------------------------------------------
# Without the [gui] extra, without a display
# --------------------------------------------------------------------------------------------

_NO_PYSIDE = """
import sys
class NoPySide6:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NoPySide6())
from carbonmgr.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("display", [":0", None])
def test_without_the_gui_extra_the_app_says_how_to_install_it(lang, display):
    env = _env(**({"DISPLAY": display} if display else {}))
    r = run("--lang", lang, "gui", "demo", code=_NO_PYSIDE, env=env)
    assert r.returncode == 2, r.stderr
    assert 'pip install "carbonmgr[gui]"' in r.stderr
    assert "Traceback" not in r.stderr and "ModuleNotFoundError" not in r.stderr
    assert "internal error" not in r.stderr and "内部错误" not in r.stderr
    assert bool(CJK.search(r.stderr)) == (lang == "zh")


def test_without_the_gui_extra_the_command_line_still_works():
    r = run("calc", "demo-en", code=_NO_PYSIDE)
    assert r.returncode == 0, r.stderr
    assert "Scope 1" in r.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are Linux's")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_a_display_the_app_says_how_to_get_one(lang):
    r = run("--lang", lang, "gui", "demo")
    assert r.returncode == 2, r.stderr
    assert "xvfb-run" in r.stderr and "Traceback" not in r.stderr
    assert ("桌面环境" in r.stderr) == (lang == "zh") and ("desktop session" in r.stderr) == (lang == "en")


# --------------------------------------------------------------------------------------------
# The template passes its own check
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("template_lang", ["en", "zh"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_template_passes_its_own_check(tmp_path, template_lang, lang):
    """`carbonmgr template case.xlsx && carbonmgr calc case.xlsx`: the instructor's starting
    point computes, with every example row (the equipment register too)."""
    case = tmp_path / "case.xlsx"
    made = run("--lang", lang, "template", "--template-lang", template_lang, str(case))
    assert made.returncode == 0, made.stderr
    r = run("--lang", lang, "calc", str(case), "--json")
    assert r.returncode == 0, r.stderr
    import json

    data = json.loads(r.stdout)
    assert data["totals"]["total"] > 0
    sources = {line["source"] for line in data["lines"]}
    assert {"stationary_combustion", "mobile_combustion", "purchased_electricity", "fugitive"} <= sources
    # the equipment register's example row is computed (screening method), not refused
    equipment = [line for line in data["lines"] if "Equipment" in (line.get("sheet") or "")]
    assert len(equipment) == 1 and equipment[0]["tco2e"] > 0, [line.get("sheet") for line in data["lines"]]
    # the example rows' words are in the template's language (a Chinese template shows no "Main plant")
    import openpyxl

    words = " ".join(str(c) for ws in openpyxl.load_workbook(case).worksheets if "README" not in ws.title
                     and "说明" not in ws.title for row in ws.iter_rows(min_row=2, values_only=True)
                     for c in row if isinstance(c, str))
    for english in ("Main plant", "Joint venture", "Example Co.", "Hubei"):
        assert (english in words) == (template_lang == "en"), english
    assert ("湖北" in words) == (template_lang == "zh")


# --------------------------------------------------------------------------------------------
# Small things
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command, name", [("report", "x.pdf"), ("export", "x.xlsx")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_missing_output_folder_is_named(tmp_path, command, name, lang):
    folder = tmp_path / "no" / "such" / "dir"
    r = run("--lang", lang, command, "demo", "-o", str(folder / name))
    assert r.returncode == 2, r.stderr
    assert str(folder) in r.stderr and "Traceback" not in r.stderr
    assert ("不存在" in r.stderr) == (lang == "zh") and ("does not exist" in r.stderr) == (lang == "en")
    assert not (tmp_path / "no").exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_report_and_export_get_the_same_normal_file_mode(tmp_path, umask, mode):
    """The PDF was written owner-only (0600) while the export was 0644: both now get what any new
    file of the user gets (0666 less the umask)."""
    for command, name in (("report", "r.pdf"), ("export", "e.xlsx"), ("template", None)):
        args = [command, "demo", "-o", name] if name else [command, "t.xlsx"]
        r = run(*args, cwd=tmp_path, preexec_fn=lambda: os.umask(umask))
        assert r.returncode == 0, r.stderr
    for name in ("r.pdf", "e.xlsx", "t.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == mode, name


def test_update_factors_suggests_apply_only_when_something_would_change(tmp_path, monkeypatch, capsys):
    import carbonmgr.factors.library as library_mod
    from carbonmgr.cli import main
    from carbonmgr.factors.library import load_library, resource_dir

    project = tmp_path / "firm.carbon"
    assert main(["--lang", "en", "import", "demo", "-o", str(project)]) == 0
    capsys.readouterr()
    for lang in ("en", "zh"):
        assert main(["--lang", lang, "update-factors", str(project)]) == 0
        out = capsys.readouterr().out
        assert "--apply" not in out, out
        assert ("nothing to apply" in out) == (lang == "en") and ("无需更新" in out) == (lang == "zh")

    # today's library with the Hubei 2023 grid factor changed: now --apply is offered
    root = tmp_path / "resources"
    shutil.copytree(resource_dir(), root)
    grid = root / "factors" / "cn_grid.csv"
    lines = grid.read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines)
            if line.startswith("cn_grid_mee_nbs,grid_cn_hubei,") and ",0.4044," in line]
    assert len(hits) == 1
    lines[hits[0]] = lines[hits[0]].replace(",0.4044,", ",0.5000,")
    grid.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edited = load_library(root)
    monkeypatch.setattr(library_mod, "default_library", lambda: edited)
    assert main(["--lang", "en", "update-factors", str(project)]) == 0
    out = capsys.readouterr().out
    assert "--apply" in out and "0.4044" in out and "0.5" in out


def test_the_template_names_only_equipment_types_the_engine_knows():
    """The template lists the equipment types by their names in its language (no id), each one a name
    the engine resolves, and all of them."""
    from carbonmgr.common.i18n import translate
    from carbonmgr.factors.library import default_library

    lib = default_library()
    for lang in ("en", "zh"):
        text = translate("workbook.tpl.equipment.equipment", lang)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
        listed = text.split(":" if lang == "en" else "：", 1)[1].rstrip(".。")
        named = [n.strip() for n in re.split(r", | or |、|或", listed) if n.strip()]
        resolved = set()
        for name in named:
            item = lib.resolve_item(name)
            assert item is not None and item.kind == "equipment", name
            resolved.add(item.id)
        assert {i.id for i in lib.items.values() if i.kind == "equipment"} == resolved


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_templates_readme_names_coded_values_as_the_reader_accepts_them(tmp_path, lang):
    """The README sheet's allowed values are names in the template's language (no snake_case id),
    and each reads back as its code."""
    import openpyxl

    from carbonmgr.io.workbook import _CHOICE_ALLOWED, _to_choice, choice_name, write_template

    write_template(tmp_path / "t.xlsx", lang)
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    allowed = [str(r[4]) for r in ws.iter_rows(min_row=6, values_only=True) if len(r) > 4 and r[4]]
    assert allowed
    assert [a for a in allowed if re.search(r"\b[a-z]+_[a-z_]+\b", a)] == []
    for kind, values in _CHOICE_ALLOWED.items():
        for value in values:
            assert _to_choice(choice_name(kind, value, lang), kind) == value
    if lang == "zh":
        assert any("筛选法" in a for a in allowed)
    # a standard is named by its code, not a nickname ("国标")
    assert any(a.startswith("GB/T 32150") for a in allowed) and not any("国标" in a for a in allowed)


@pytest.mark.parametrize("region, warned", [("", True), ("  ", True), ("湖北", False), ("Hubei", False)])
def test_electricity_without_a_region_is_flagged_not_silently_national(region, warned):
    """A facility with no region: its electricity takes the national average grid factor, and the
    inventory says so (a warning on the line) instead of doing it silently."""
    from carbonmgr.editing.cases import blank_case
    case = blank_case("en", title="T", reporting_year=2023, facility_id="F1", facility_name="Plant", region=region)
    case.activities.row.append(2)
    for col, value in (("facility", "F1"), ("source", "purchased_electricity"), ("item", ""), ("quantity", 100.0),
                       ("unit", "MWh")):
        getattr(case.activities, col).append(value)
    from carbonmgr.factors.library import default_library
    from carbonmgr.inventory.engine import compute

    inv = compute(case, default_library(), raise_on_error=False)
    codes = [w.code for w in inv.warnings]
    assert ("engine.region_missing" in codes) == warned, codes
    [line] = list(inv.lines())
    assert ("grid_cn_hubei" in repr(line["trace"])) == (not warned)
    if warned:
        [w] = [w for w in inv.warnings if w.code == "engine.region_missing"]
        assert "F1" in w.render("en") and "national" in w.render("en") and "全国" in w.render("zh")
