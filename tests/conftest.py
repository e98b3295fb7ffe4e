"""Suite-wide checks.

``bash tools/dev.sh test`` runs the suite twice: against the source tree (editable install)
and against a regular install, with ``CARBONMGR_TEST_INSTALL`` naming the folder of the
latter.  In that second run every carbonmgr module the tests loaded must have come from
there; a module found only in the source tree (left out of the package) fails the run.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

INSTALL = os.environ.get("CARBONMGR_TEST_INSTALL")


def loaded_from_elsewhere(root: Path) -> list[str]:
    """carbonmgr modules in sys.modules whose file is not inside ``root``."""
    out = []
    for name, mod in list(sys.modules.items()):
        if name != "carbonmgr" and not name.startswith("carbonmgr."):
            continue
        file = getattr(mod, "__file__", None)
        if file and not Path(file).resolve().is_relative_to(root):
            out.append(f"{name} ({file})")
    return sorted(out)


def pytest_report_header(config):
    import carbonmgr

    return f"carbonmgr {carbonmgr.__version__} from {Path(carbonmgr.__file__).resolve().parent}"


def pytest_sessionfinish(session, exitstatus):
    if not INSTALL:
        return
    strays = loaded_from_elsewhere(Path(INSTALL).resolve())
    if strays:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        text = "modules not loaded from the regular install " + INSTALL + ":\n  " + "\n  ".join(strays)
        if reporter is not None:
            reporter.write_line(text, red=True)
        else:
            print(text, file=sys.stderr)
