"""Render the first pages of the demo reports to small PNGs in this folder (needs poppler's pdftoppm).

    python docs/report/make_previews.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PAGES = 4
DPI = 80


def main() -> None:
    from test_report import demo_inventory  # the demo case with canonical sources

    from carbonmgr.report import write_report

    for lang, std in (("zh", "gbt32150"), ("en", "ghgp")):
        inv = demo_inventory(lang, std)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "report.pdf"
            write_report(inv, pdf, lang=lang)
            prefix = Path(tmp) / "page"
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", str(PAGES), str(pdf), str(prefix)],
                           check=True)
            for n, png in enumerate(sorted(Path(tmp).glob("page-*.png")), start=1):
                out = HERE / f"demo_{lang}_{std}_p{n}.png"
                try:  # a 128-colour palette keeps each page small
                    from PIL import Image

                    Image.open(png).convert("RGB").quantize(colors=128).save(out, optimize=True)
                except ImportError:
                    out.write_bytes(png.read_bytes())
                print(out.relative_to(ROOT), out.stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main()
