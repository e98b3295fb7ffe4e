"""The suite also runs against a regular (non-editable) install: ``bash tools/dev.sh test``
builds one in ``.venv/regular`` and runs the tests again with ``CARBONMGR_TEST_INSTALL``
naming it.  These tests show that this second run really uses that install, and that
the install holds every module and data file of the source tree."""
from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import carbonmgr
from carbonmgr.common.paths import demo_path, resource_dir

REPO = Path(__file__).resolve().parent.parent
INSTALL = os.environ.get("CARBONMGR_TEST_INSTALL")
needs_install = pytest.mark.skipif(not INSTALL, reason="run by bash tools/dev.sh test against the regular install")
NOT_PACKAGED = {".py", ".pyc"}  # resources/ holds the scripts that make its data; they are not installed


@needs_install
def test_the_package_is_imported_from_the_regular_install():
    pkg = Path(INSTALL).resolve() / "carbonmgr"
    assert Path(carbonmgr.__file__).resolve().parent == pkg
    ui = importlib.import_module("carbonmgr.ui")
    assert Path(ui.__file__).resolve().parent == pkg / "ui"
    assert resource_dir().resolve() == pkg / "_resources"
    assert demo_path("zh").is_file()


@needs_install
def test_a_python_a_test_starts_imports_the_regular_install_too():
    """Run from the source tree, where a bare ``python -c`` would find ./carbonmgr first."""
    out = subprocess.run([sys.executable, "-c", "import carbonmgr; print(carbonmgr.__file__)"], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).resolve().parent == Path(INSTALL).resolve() / "carbonmgr"


def _files(folder: Path, skip=frozenset()) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in skip}


@needs_install
def test_the_install_holds_every_module_and_data_file_of_the_source_tree():
    pkg = Path(INSTALL).resolve() / "carbonmgr"
    expected = ({f for f in _files(REPO / "carbonmgr", {".pyc"})}
                | {"ui/" + f for f in _files(REPO / "ui", {".pyc"})}
                | {"_resources/" + f for f in _files(REPO / "resources", NOT_PACKAGED)})
    missing = sorted(expected - _files(pkg, {".pyc"}))
    assert not missing, "left out of the package (pyproject.toml [tool.setuptools]): " + ", ".join(missing)


def test_the_stray_module_check_sees_a_module_from_elsewhere(tmp_path):
    """tests/conftest.py fails the regular run when a carbonmgr module came from the source tree."""
    spec = importlib.util.spec_from_file_location("_suite_conftest", REPO / "tests" / "conftest.py")
    suite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(suite)
    loaded_from_elsewhere = suite.loaded_from_elsewhere
    here = Path(carbonmgr.__file__).resolve().parent.parent
    assert loaded_from_elsewhere(here) == []
    assert "carbonmgr (" in " ".join(loaded_from_elsewhere(tmp_path))
