"""Render every page of the reports a verifier and a trainee read to small PNGs in this folder
(needs poppler's pdftoppm and pdftotext):

* ``demo_zh_gbt32150_pNN.png``: the demo case (a Wuhan auto-parts maker) in Chinese under GB/T 32150;
* ``demo_en_ghgp_pNN.png``: the English demo under the GHG Protocol;
* ``ets_zh_compliance_pN.png``, ``ets_en_compliance_pN.png``: the pages of the carbon-trading
  (compliance) section of a power plant's report (the ETS case of tests/trading/test_ets_sheet.py);
* ``feedback_zh_p1.png``, ``feedback_en_p1.png``: a trainee's feedback report (a submission that
  leaves out a source and mistypes a quantity, graded against the test exercise).

    python docs/report/make_previews.py [--dpi 80] [--out FOLDER]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "training"))

DPI = 80


def render(pdf: Path, name: str, out: Path, dpi: int, pages: list[int] | None = None) -> list[Path]:
    """``pdf``'s pages (all, or ``pages``) as ``{name}_pNN.png`` in ``out`` (128 colours, small)."""
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages or [None]:
            args = ["pdftoppm", "-r", str(dpi), "-png"]
            if page is not None:
                args += ["-f", str(page), "-l", str(page)]
            subprocess.run(args + [str(pdf), str(Path(tmp) / f"p{page or ''}")], check=True)
        pngs = sorted(Path(tmp).glob("*.png"), key=lambda p: int("".join(ch for ch in p.stem if ch.isdigit()) or 0))
        width = 2 if len(pngs) > 9 else 1
        for n, png in enumerate(pngs, start=1):
            target = out / f"{name}_p{n:0{width}d}.png"
            try:  # a 128-colour palette keeps each page small
                from PIL import Image

                Image.open(png).convert("RGB").quantize(colors=128).save(target, optimize=True)
            except ImportError:
                target.write_bytes(png.read_bytes())
            written.append(target)
    return written


def demo_reports(tmp: Path) -> dict[str, Path]:
    from test_report import demo_inventory  # the demo case with canonical sources

    from carbonmgr.report import write_report

    out = {}
    for lang, std in (("zh", "gbt32150"), ("en", "ghgp")):
        pdf = tmp / f"demo_{lang}_{std}.pdf"
        write_report(demo_inventory(lang, std), pdf, lang=lang)
        out[f"demo_{lang}_{std}"] = pdf
    return out


def ets_reports(tmp: Path) -> dict[str, Path]:
    from trading.test_ets_sheet import ets_file

    from carbonmgr.facade import Workspace

    out = {}
    for lang in ("zh", "en"):
        folder = tmp / f"ets_{lang}"
        folder.mkdir()
        pdf = tmp / f"ets_{lang}.pdf"
        Workspace.open(ets_file(folder)).write_report(pdf, lang=lang)
        out[f"ets_{lang}"] = pdf
    return out


def feedback_reports(tmp: Path) -> dict[str, Path]:
    from exercise_books import CASE, KEY_LINES, write_exercise, write_submission

    from carbonmgr.report.feedback import write_feedback
    from carbonmgr.training.exercise import read_exercise
    from carbonmgr.training.grading import grade
    from carbonmgr.training.intake import load_submission

    exercise = read_exercise(write_exercise(tmp / "key.xlsx"))
    wrong = [list(KEY_LINES[0]), list(KEY_LINES[1]), list(KEY_LINES[2])]  # the coal line left out
    wrong[1][3] = 200  # diesel 200 t instead of 20 t
    sub = write_submission(tmp / "sub.xlsx", wrong, case=CASE + [["trainee", "李四"], ["trainee_id", "S02"]])
    out = {}
    for lang in ("zh", "en"):
        result = grade(exercise, load_submission(sub), lang)
        pdf = tmp / f"feedback_{lang}.pdf"
        write_feedback(result, pdf, title=exercise.brief.text("title", lang), lang=lang)
        out[f"feedback_{lang}"] = pdf
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpi", type=int, default=DPI)
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in list(args.out.glob("demo_*.png")) + list(args.out.glob("ets_*.png")) + \
            list(args.out.glob("feedback_*.png")):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        written = []
        for name, pdf in demo_reports(tmp).items():
            written += render(pdf, name, args.out, args.dpi)
        for name, pdf in ets_reports(tmp).items():
            heading = "碳排放权交易：配额分配与清缴" if name.endswith("zh") else "Carbon trading: allocation and compliance"
            written += render(pdf, f"{name}_compliance", args.out, args.dpi, compliance_pages(pdf, heading))
        for name, pdf in feedback_reports(tmp).items():
            written += render(pdf, name, args.out, args.dpi)
    for png in written:
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png, png.stat().st_size // 1024, "KB")


def compliance_pages(pdf: Path, heading: str) -> list[int]:
    """The pages that hold the compliance section: from the page with its heading (not the table of
    contents) to the page where the next top-level section (the appendix) begins."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    n = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True,
                            text=True, check=True).stdout for p in range(1, n + 1)]
    start = next(p for p, t in enumerate(texts, start=1) if heading in t and ". . ." not in t)
    end = start
    while end < n and not any(line.startswith(("附录 A", "Appendix A")) for line in texts[end - 1].splitlines()):
        end += 1
    return list(range(start, end + 1))


if __name__ == "__main__":
    main()
