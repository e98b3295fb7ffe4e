"""Where bundled resources live (source tree, installed package or frozen app)."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # the carbonmgr package folder
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


def icon_files() -> dict[int, Path]:
    """The application icon as PNG files by pixel size (resources/icons/carbonmgr-<size>.png,
    made from carbonmgr.svg by tools/make_icons.py)."""
    out = {}
    for path in (resource_dir() / "icons").glob("carbonmgr-*.png"):
        size = path.stem.rsplit("-", 1)[-1]
        if size.isdigit():
            out[int(size)] = path
    return dict(sorted(out.items()))


def demo_dir() -> Path:
    return resource_dir() / "demo"


def exercises_dir() -> Path:
    """The bundled exercise workbooks (made by tools/make_exercises.py)."""
    return resource_dir() / "exercises"


def demo_path(lang: str = "zh") -> Path:
    name = "demo_wuhan_zh.xlsx" if lang == "zh" else "demo_wuhan_en.xlsx"
    return demo_dir() / name


def resolve_input(path: str | Path, lang: str = "zh") -> Path:
    """``demo`` (or ``demo-en`` / ``demo-zh``) names a bundled demo case."""
    text = str(path)
    if text in ("demo", "demo-zh", "demo:zh"):
        return demo_path("zh" if text != "demo" else lang)
    if text in ("demo-en", "demo:en"):
        return demo_path("en")
    return Path(path)
