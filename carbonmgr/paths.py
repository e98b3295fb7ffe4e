"""Where bundled resources live (source tree, installed package or frozen app)."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [
        here.parent / "resources",  # source checkout / editable install
        here / "_resources",  # wheel: resources/ mapped into the package
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "resources")
    for path in candidates:
        if (path / "items").is_dir():
            return path
    raise FileNotFoundError("CarbonMgr resources not found; looked in " + ", ".join(map(str, candidates)))


def demo_dir() -> Path:
    return resource_dir() / "demo"
