"""ruff (run by ``bash tools/dev.sh lint`` and before the tests) uses the rules in
pyproject.toml's [tool.ruff]: they catch real defects such as an undefined name or a
closure that keeps a loop variable, and the code as it is passes them."""
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).with_name("ruff")

pytestmark = pytest.mark.skipif(not RUFF.exists(), reason="ruff is installed by tools/dev.sh setup")

DEFECTS = '''\
def total(rows):
    return sum(r.value for r in rowz)


def callbacks(names):
    out = []
    for name in names:
        out.append(lambda: print(name))
    return out
'''


def _ruff(*paths) -> subprocess.CompletedProcess:
    return subprocess.run([str(RUFF), "check", "--no-cache", "--output-format", "concise",
                           "--config", str(REPO / "pyproject.toml"), *map(str, paths)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_the_rules_catch_real_defects(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(DEFECTS, encoding="utf-8")
    out = _ruff(bad)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "F821" in out.stdout and "rowz" in out.stdout  # undefined name
    assert "B023" in out.stdout  # the lambdas all print the last name


def test_the_code_passes_them():
    out = _ruff(REPO)
    assert out.returncode == 0, out.stdout + out.stderr
