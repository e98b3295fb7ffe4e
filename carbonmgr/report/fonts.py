"""Finding and registering a Chinese font that can be embedded (PDF) and drawn (matplotlib).

:func:`find_cjk_font` looks, in this order, at

1. the environment variable ``CARBONMGR_CJK_FONT`` (a ``.ttf``/``.ttc`` path; append ``#N`` to
   pick the N-th font of a collection, e.g. ``C:/Windows/Fonts/msyh.ttc#0``);
2. fonts bundled in ``resources/fonts/`` (none are shipped yet);
3. the usual Windows, macOS and Linux locations (:data:`SEARCH_PATHS`);
4. ``fc-list :lang=zh`` as a last resort.

Only fonts with TrueType outlines (a ``glyf`` table) are accepted: reportlab cannot embed
CFF/PostScript outlines (``.otf``, Noto Sans CJK, Source Han), and a PDF must carry its
glyphs (the 14 standard fonts and ``STSong-Light`` are never embedded).  The check reads only
the font's table directory, so it is cheap; the result is cached for the process.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import threading
from pathlib import Path

from carbonmgr.report.errors import FontNotFound

ENV_VAR = "CARBONMGR_CJK_FONT"
PDF_FONT_NAME = "CarbonMgrCJK"

_WINDIR = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or "C:/Windows"
_WIN = [f"{_WINDIR}/Fonts/{n}" for n in ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simkai.ttf",
                                         "Deng.ttf", "simfang.ttf")]
if _WINDIR.replace("\\", "/").rstrip("/").lower() != "c:/windows":
    _WIN += [f"C:/Windows/Fonts/{n}" for n in ("msyh.ttc", "simhei.ttf", "simsun.ttc")]
_MAC = [
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
]
_LINUX = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/google-noto-sans-sc-fonts/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    os.path.expanduser("~/.local/share/fonts/wqy-microhei.ttc"),
    os.path.expanduser("~/.fonts/wqy-microhei.ttc"),
]
#: The fixed places searched after the environment variable (tests may empty this list).
SEARCH_PATHS: list[str] = _WIN + _MAC + _LINUX

_lock = threading.Lock()
_found: tuple[str, int] | None = None
_pdf_registered: tuple[tuple[str, int], str] | None = None
_bad: set[tuple[str, int]] = set()
_mpl_family: str | None = None

def _split_index(text: str) -> tuple[str, int]:
    if "#" in text:
        path, _, idx = text.rpartition("#")
        if idx.strip().isdigit():
            return path, int(idx)
    return text, 0


def _table_tags(data: bytes, offset: int) -> set[bytes]:
    num = struct.unpack(">H", data[offset + 4:offset + 6])[0]
    tags = set()
    for i in range(num):
        start = offset + 12 + 16 * i
        tags.add(data[start:start + 4])
    return tags


def outline_kind(path: str, index: int = 0) -> str:
    """'ok' for a TrueType-outline font (face ``index`` of a collection), else a reason key."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    return "index"
                fh.seek(12 + 4 * index)
                off = struct.unpack(">I", fh.read(4))[0]
            else:
                if index:
                    return "index"
                off = 0
            fh.seek(off)
            directory = fh.read(12)
            if len(directory) < 12 or directory[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
                return "not_font"
            num = struct.unpack(">H", directory[4:6])[0]
            fh.seek(off)
            data = fh.read(12 + 16 * num)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"
    except struct.error:
        return "not_font"
    tags = _table_tags(data, 0)
    if b"glyf" in tags:
        return "ok"
    if b"CFF " in tags or b"CFF2" in tags:
        return "cff"
    return "not_font"


def _bundled_candidates() -> list[str]:
    try:
        from carbonmgr.common.paths import resource_dir

        folder = resource_dir() / "fonts"
    except (FileNotFoundError, ImportError):
        return []
    if not folder.is_dir():
        return []
    return sorted(str(p) for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))


def fc_list_candidates() -> list[str]:
    """Chinese fonts known to fontconfig (``path#index``), TrueType files first."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "--format", "%{file}#%{index}\\n", ":lang=zh"], capture_output=True,
                             text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.stdout.splitlines():
        path, index = _split_index(line.strip())
        if path.lower().endswith((".ttf", ".ttc")):
            found.append((index, path))
    return [f"{path}#{index}" for index, path in sorted(set(found))]


def _candidates() -> list[tuple[str, str]]:
    """(origin, text) pairs in search order."""
    out = []
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        out.append(("env", env))
    out += [("bundled", p) for p in _bundled_candidates()]
    out += [("system", p) for p in SEARCH_PATHS]
    out += [("fc-list", p) for p in fc_list_candidates()]
    return out


def _has_cjk(path: str, index: int) -> bool:
    """Whether the font maps 中 (checked with reportlab when it is installed)."""
    try:
        from reportlab.pdfbase.ttfonts import TTFont
    except ImportError:  # pragma: no cover - reportlab is a dependency of the report
        return True
    try:
        font = TTFont("_probe", path, subfontIndex=index)
    except Exception:  # noqa: BLE001 - any parse failure means: not usable
        return False
    return 0x4E2D in font.face.charToGlyph


def find_cjk_font(refresh: bool = False) -> tuple[str, int]:
    """``(path, subfont_index)`` of a TrueType-outline Chinese font; raise :class:`FontNotFound`."""
    global _found
    with _lock:
        if _found is not None and not refresh:
            return _found
        rejected: list[tuple[str, str]] = []  # (font, reason key: report.font_reason.<key>)
        for origin, text in _candidates():
            path, index = _split_index(text)
            if (path, index) in _bad:
                continue
            if origin == "system" and not os.path.exists(path):
                continue  # the usual places: only report the ones that exist but do not fit
            kind = outline_kind(path, index)
            if kind == "ok" and origin in ("env", "bundled", "fc-list") and not _has_cjk(path, index):
                kind = "no_cjk"
            if kind != "ok":
                rejected.append((text, kind))
                continue
            _found = (path, index)
            return _found
        raise FontNotFound(rejected)


def register_pdf_font() -> str:
    """Register the CJK font with reportlab (once per process and font); return its font name.

    The same TrueType font is used for every style (normal, bold, italic), so that no
    standard Type 1 font (never embedded) can sneak into the PDF through ``<b>`` markup.
    """
    global _pdf_registered
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    from carbonmgr.report import linebreak

    linebreak.install()  # Chinese lines broken as Chinese is typeset (never "，" at the start of a line)

    while True:
        path, index = find_cjk_font()
        with _lock:
            if _pdf_registered is not None and _pdf_registered[0] == (path, index):
                return _pdf_registered[1]
        name = PDF_FONT_NAME if _pdf_registered is None else f"{PDF_FONT_NAME}-{Path(path).stem}-{index}"
        try:
            font = TTFont(name, path, subfontIndex=index)
        except TTFError:
            # the table directory looked fine but reportlab refuses it: try the next candidate
            _bad.add((path, index))
            reset()
            continue
        break
    pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    with _lock:
        _pdf_registered = ((path, index), name)
    return name


def glyph_set() -> frozenset[int]:
    """Code points the registered PDF font can draw."""
    from reportlab.pdfbase import pdfmetrics

    name = register_pdf_font()
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def matplotlib_family() -> str:
    """Register the CJK font with matplotlib's font manager (once); return its family name."""
    global _mpl_family
    if _mpl_family is not None:
        return _mpl_family
    from matplotlib import font_manager

    path, _index = find_cjk_font()
    font_manager.fontManager.addfont(path)  # the first face of a collection
    name = font_manager.FontProperties(fname=path).get_name()
    _mpl_family = name
    return name


def reset() -> None:
    """Forget the font found (tests); a font registered with reportlab stays registered."""
    global _found, _mpl_family
    with _lock:
        _found = None
        _mpl_family = None


__all__ = ["find_cjk_font", "register_pdf_font", "matplotlib_family", "outline_kind", "ENV_VAR",
           "SEARCH_PATHS", "fc_list_candidates", "FontNotFound", "PDF_FONT_NAME", "glyph_set", "reset"]

if __name__ == "__main__":  # pragma: no cover
    print(find_cjk_font())
    print(Path(find_cjk_font()[0]).name)
