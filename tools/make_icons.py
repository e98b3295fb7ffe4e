"""Make the application icon files from resources/icons/carbonmgr.svg (the one drawing):

    .venv/bin/python tools/make_icons.py

writes resources/icons/carbonmgr-<size>.png (16 ... 256 px, rendered by Qt's SVG renderer)
and resources/icons/carbonmgr.ico (Windows: every size in one file, made with Pillow).
The files are committed; run this again only after changing the SVG.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs one
    svg = ICONS / "carbonmgr.svg"
    images = {}
    for size in SIZES:
        data = render(svg, size)
        (ICONS / f"carbonmgr-{size}.png").write_bytes(data)
        images[size] = Image.open(io.BytesIO(data)).convert("RGBA")
    big = images[max(SIZES)]
    # Pillow writes each size from the largest image unless given its own; give it the rendered ones
    big.save(ICONS / "carbonmgr.ico", format="ICO", sizes=[(s, s) for s in SIZES],
             append_images=[images[s] for s in SIZES if s != max(SIZES)])
    print(f"wrote {len(SIZES)} PNG sizes and carbonmgr.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
