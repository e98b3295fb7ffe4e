"""The core never imports Qt, and starts fast."""
import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import carbonmgr

ROOT = Path(carbonmgr.__file__).resolve().parent


def _core_modules():
    return sorted(m.name for m in pkgutil.walk_packages([str(ROOT)], prefix="carbonmgr.")
                  if not m.name.startswith(("carbonmgr.ui", "carbonmgr._resources", "carbonmgr.__main__")))


def test_no_qt_import_statement_in_core():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path.relative_to(ROOT).parts[0] == "ui":  # the app (installed as carbonmgr.ui) is not core
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6") for n in names):
                offenders.append(str(path))
    assert offenders == []


def test_every_core_module_imports_without_pyside6():
    modules = _core_modules()
    assert "carbonmgr.inventory.engine" in modules and "carbonmgr.cli" in modules
    code = (
        "import sys, importlib\n"
        "sys.modules['PySide6'] = None  # any 'import PySide6' now raises ImportError\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from carbonmgr.facade import Workspace\n"
        "ws = Workspace.open('demo')\n"
        "inv = ws.compute()\n"
        "assert inv.totals['total'] > 0\n"
        "assert not any(k.startswith('PySide6') for k, v in sys.modules.items() if v is not None)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_version_is_fast_and_light():
    code = ("import sys, time; t=time.perf_counter(); from carbonmgr.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('python_calamine','openpyxl','sqlite_utils','carbonmgr.inventory.engine') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("[]"), out.stdout
