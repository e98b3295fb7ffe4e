"""The PDF report's emissions tables add up (read back with pdftotext): the parts of the standard's
total, labelled as the standard labels them, deductions negative, shares of the total adding up
to 100.0 %, net purchased energy labelled as net and equal to purchased minus exported."""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal

import pytest

pytest.importorskip("reportlab")

from carbonmgr.common.i18n import translate  # noqa: E402
from carbonmgr.common.numbers import tonnes  # noqa: E402
from carbonmgr.facade import Workspace  # noqa: E402
from carbonmgr.report import fonts  # noqa: E402

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
ROW = re.compile(r"^\s*(\S.*?)\s{2,}(-?[\d,]+(?:\.\d+)?)\s+(-?\d+\.\d|—)\s*$")


def _font() -> bool:
    try:
        fonts.find_cjk_font()
        return True
    except Exception:  # noqa: BLE001 - no CJK font on this machine
        return False


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    if not _font():
        pytest.skip("no TrueType CJK font on this machine")
    base = tmp_path_factory.mktemp("figures")
    out = {}
    with Workspace.open("demo") as ws:
        for std in ("gbt32150", "ghgp"):
            inv = ws.compute(standard=std)
            for lang in ("zh", "en"):
                path = ws.write_report(base / f"{std}_{lang}.pdf", lang=lang, standard=std)
                text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                      check=True).stdout
                out[(std, lang)] = (inv, text)
    return out


def _table(text: str, first: str, last: str) -> list[tuple[str, Decimal, Decimal | None]]:
    """The rows (label, t CO2e, share) of the table from the row starting ``first`` to ``last``."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith(first) and ROW.match(ln))
    rows = []
    for ln in lines[start:]:
        m = ROW.match(ln)
        if m is None:
            continue
        share = None if m.group(3) == "—" else Decimal(m.group(3))
        rows.append((m.group(1).strip(), Decimal(m.group(2).replace(",", "")), share))
        if m.group(1).strip().startswith(last):
            return rows
    raise AssertionError(f"no row {last!r} after {first!r}")


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gbt32150_table_adds_up_with_the_deduction_negative(texts, lang):
    inv, text = texts[("gbt32150", lang)]
    L = lambda mid: translate(mid, lang)  # noqa: E731
    rows = _table(text, L("figures.gbt.fuel_combustion"), L("figures.gbt.total"))
    *parts, total = rows
    parts = [r for r in parts if not r[0].startswith(L("figures.gbt.of_stationary")[:3])]  # "of which" rows
    names = [r[0] for r in parts]
    assert names == [L(f"figures.gbt.{k}") for k in ("fuel_combustion", "process", "fugitive", "purchased_electricity",
                                                      "purchased_heat", "exported_electricity", "exported_heat")]
    values = dict((r[0], r[1]) for r in parts)
    assert values[L("figures.gbt.exported_electricity")] < 0
    # whole tonnes: the rounded parts add up to the rounded total within half a tonne each
    assert abs(sum(values.values()) - total[1]) <= Decimal("0.5") * len(parts)
    assert total[1] == Decimal(tonnes(inv.totals["total"], 0).replace(",", ""))
    assert sum(r[2] for r in parts if r[2] is not None) == Decimal("100.0") and total[2] == Decimal("100.0")
    # net = purchased - exported, labelled as net; the gross purchased figure is not called net
    net = next(ln for ln in text.splitlines() if ln.strip().startswith(L("figures.gbt.net_electricity")))
    net_value = Decimal(re.findall(r"-?[\d,]+", net.split(")")[-1].split("）")[-1])[0].replace(",", ""))
    expected = values[L("figures.gbt.purchased_electricity")] + values[L("figures.gbt.exported_electricity")]
    assert abs(net_value - expected) <= 1
    assert L("figures.gbt.purchased_electricity") != "净购入电力排放"


@needs_poppler
def test_gbt32150_summary_names_net_energy_and_its_parts(texts):
    inv, text = texts[("gbt32150", "zh")]
    bs = inv.by_source
    purchased = bs["purchased_electricity"] + bs["purchased_heat"]
    exported = bs["exported_electricity"] + bs["exported_heat"]
    flat = re.sub(r"\s+", "", text)
    assert f"净购入电力和热力排放{tonnes(purchased - exported, 0)}吨" in flat
    assert f"购入{tonnes(purchased, 0)}吨减输出{tonnes(exported, 0)}吨" in flat


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ghg_protocol_summary_is_scope1_plus_location_scope2(texts, lang):
    inv, text = texts[("ghgp", lang)]
    L = lambda mid: translate(mid, lang)  # noqa: E731
    rows = _table(text, L("figures.scope1"), L("figures.ghgp.total"))
    assert [r[0] for r in rows] == [L("figures.scope1"), L("figures.scope2_location"), L("figures.ghgp.total")]
    assert abs(rows[0][1] + rows[1][1] - rows[2][1]) <= Decimal("0.01")
    assert rows[0][2] + rows[1][2] == Decimal("100.0")
    # exported energy is shown for information, never deducted and without a share
    exported = next(ln for ln in text.splitlines() if ln.strip().startswith(L("figures.ghgp.exported")))
    assert tonnes(inv.totals["exported"]) in exported and L("figures.note.not_deducted") in exported


def test_the_excel_export_lists_the_standards_parts_adding_up(tmp_path):
    import openpyxl

    with Workspace.open("demo") as ws:
        inv = ws.compute()
        path = ws.export_inventory(tmp_path / "x.xlsx", lang="en")
    from carbonmgr.facade import figures

    book = openpyxl.load_workbook(path)
    sheet = book["Totals"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    h = figures.headline(inv)
    start = [r[0] for r in rows].index(translate("report.export.section.parts", "en")) + 1
    parts, total = rows[start:start + len(h.parts)], rows[start + len(h.parts)]
    assert [r[0] for r in parts] == [translate(p.label, "en") for p in h.parts]
    assert total[0] == translate(h.total.label, "en")
    assert sum(r[1] for r in parts) == pytest.approx(total[1]) == pytest.approx(inv.totals["total"])
    exported = parts[[p.key for p in h.parts].index("exported_electricity")]
    assert exported[1] < 0 and exported[3] < 0
    assert sum(Decimal(str(r[3])) for r in parts if r[3] is not None) == Decimal("100.0")
