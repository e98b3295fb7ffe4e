"""The layers of docs/architecture.md are held by import-linter: the contracts in
pyproject.toml pass on the code as it is, and a deliberate wrong import breaks them."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists() or not (REPO / "pyproject.toml").exists(),
                                reason="import-linter is installed by tools/dev.sh setup")


def _regular_copy(dest: Path) -> Path:
    """The package laid out as a regular install has it: ui/ inside carbonmgr/ as carbonmgr/ui."""
    pkg = dest / "carbonmgr"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "carbonmgr", pkg, ignore=ignore)
    shutil.copytree(REPO / "ui", pkg / "ui", ignore=ignore)
    return pkg


def _lint(path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(path))
    return subprocess.run([str(LINT), "--no-cache", str(REPO / "pyproject.toml")], cwd=path, env=env,
                          capture_output=True, text=True, timeout=300)


def _add_import(module: Path, line: str) -> None:
    text = module.read_text(encoding="utf-8")
    module.write_text(text + "\n" + line + "\n", encoding="utf-8")


def test_contracts_hold(tmp_path):
    _regular_copy(tmp_path)
    out = _lint(tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "broken" in out.stdout and " 0 broken" in out.stdout


@pytest.mark.parametrize("module, line, contract", [
    ("inventory/engine.py", "import PySide6  # noqa", "The core never imports Qt"),
    ("units/__init__.py", "from carbonmgr.facade import Workspace  # noqa", "Layers"),
    ("storage/store.py", "from carbonmgr.editing import session  # noqa", "Layers"),
    ("trading/__init__.py", "from carbonmgr.training import __doc__  # noqa", "Layers"),
    ("ui/pages.py", "from carbonmgr.inventory.engine import compute  # noqa",
     "The app reaches the core only through the facade"),
    ("ui/report_page.py", "from carbonmgr.report import write_report  # noqa",
     "The app reaches the core only through the facade"),
    ("cli/report_commands.py", "from carbonmgr.report import write_report  # noqa",
     "The command line reaches the core only through the facade"),
])
def test_a_wrong_import_breaks_a_contract(tmp_path, module, line, contract):
    pkg = _regular_copy(tmp_path)
    _add_import(pkg / module, line)
    out = _lint(tmp_path)
    assert out.returncode != 0, out.stdout
    broken = out.stdout[out.stdout.index("Broken contracts"):]
    assert contract in broken
