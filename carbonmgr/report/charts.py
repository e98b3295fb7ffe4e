"""Charts of an inventory, shared by the desktop app and the PDF report.

Each function returns a :class:`matplotlib.figure.Figure` built without pyplot (so no GUI
backend is ever selected): the app wraps it in its own canvas, the report saves it as PNG
(:func:`figure_png`, Agg).  matplotlib is imported inside the functions only, so importing
this module costs nothing.  Chinese labels are drawn with the CJK font found by
:func:`carbonmgr.report.fonts.find_cjk_font`, registered once with matplotlib's font manager.
"""
from __future__ import annotations

import io
from typing import Any

from carbonmgr.common.numbers import tonnes
from carbonmgr.report.labels import label, source_name
from carbonmgr.report.fonts import FontNotFound, matplotlib_family

__all__ = ["chart_by_category", "chart_by_scope", "category_chart_key", "chart_by_source", "chart_by_facility", "chart_by_gas", "figure_png",
           "MAX_BARS"]

MAX_BARS = 12  # facilities beyond this are summed into "others"
_COLORS = {
    "scope1": "#2f6b9a", "scope2": "#e08a2c", "scope2b": "#f2c07e", "scope3": "#6a9f58", "neg": "#9a9a9a",
    "gas": ["#2f6b9a", "#c0504d", "#8064a2", "#4bacc6", "#f79646", "#9bbb59", "#7f7f7f", "#4f81bd"],
    "source": "#3d7ea6", "facility": "#5b8f5b",
}


def _fmt(value: float, standard: str, scale: float = 1e9) -> str:
    whole = (standard == "gbt32150" and scale >= 100) or abs(value) >= 1e5
    return tonnes(value, 0 if whole else 2)


def _needs_cjk(texts) -> bool:
    return any(ord(ch) > 0x2E7F for t in texts for ch in str(t))


def _family(texts) -> list[str]:
    try:
        return [matplotlib_family(), "DejaVu Sans"]
    except FontNotFound:
        if _needs_cjk(texts):
            raise
        return ["DejaVu Sans"]


def _barh(labels: list[str], values: list[float], colors, title: str, standard: str, lang: str,
          show_title: bool = True, note: str = ""):
    """A horizontal bar chart, largest first, each bar labelled with its value."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    texts = list(labels) + [title, note]
    family = _family(texts)
    n = max(1, len(labels))
    height = min(6.0, 0.75 + 0.34 * n + (0.3 if show_title else 0) + (0.25 if note else 0))
    rc = {"font.family": family, "font.size": 8.5, "axes.unicode_minus": False, "svg.fonttype": "none"}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(6.4, height), dpi=100)
        ax = fig.add_subplot(111)
        if not labels:
            ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        else:
            pos = list(range(len(labels)))[::-1]
            if isinstance(colors, str):
                colors = [colors] * len(labels)
            colors = [c if v >= 0 else _COLORS["neg"] for c, v in zip(colors, values)]
            ax.barh(pos, values, color=colors, height=0.62, zorder=2)
            ax.set_yticks(pos, labels=labels)
            vmax = max([abs(v) for v in values] + [1e-9])
            lo = min(0.0, min(values))
            hi = max(0.0, max(values))
            ax.set_xlim(lo - (0.14 * vmax if lo < 0 else 0), hi + 0.2 * vmax)
            for p, v in zip(pos, values):
                ax.text(v + (0.01 * vmax if v >= 0 else -0.01 * vmax), p, _fmt(v, standard, vmax),
                        va="center", ha="left" if v >= 0 else "right", fontsize=8, zorder=3)
            ax.axvline(0, color="#444444", linewidth=0.8, zorder=2)
            if vmax >= 10:
                ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: f"{x:,.0f}"))
            ax.grid(axis="x", color="#dddddd", linewidth=0.6, zorder=0)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            ax.set_xlabel("t CO2e")
        if show_title:
            ax.set_title(title, fontsize=10, loc="left")
        if note:
            fig.text(0.01, 0.01, note, fontsize=7, color="#555555", ha="left", va="bottom")
        fig.tight_layout(pad=0.4)
        if note:
            fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, 0.55 / height + 0.08))
        for text in fig.findobj(matplotlib.text.Text):
            text.set_fontfamily(family)
    return fig


def _standard(inv) -> str:
    return getattr(inv, "standard", "ghgp")


def chart_by_category(inv, lang: str = "en", *, title: bool = True):
    """The parts of the standard's total, labelled as the standard labels them, whose bars add up to
    the total (:func:`carbonmgr.inventory.headline.headline`): under GB/T 32150 fuel combustion,
    process, fugitive, purchased electricity and heat, and the deducted exports as negative bars;
    under the GHG Protocol Scope 1 and Scope 2 (location-based), under ISO 14064-1 categories 1
    and 2.  The note under the bars gives the total they add up to; the other views (Scope 2
    market-based, Scope 3) are in the report's tables, outside the total."""
    from carbonmgr.common.i18n import translate
    from carbonmgr.inventory.headline import headline

    h = headline(inv)
    std = h.standard
    parts = h.shown_parts()
    palette = {"scope1": _COLORS["scope1"], "scope2_location": _COLORS["scope2"],
               "purchased_electricity": _COLORS["scope2"], "purchased_heat": _COLORS["scope2b"]}
    labels = [translate(p.label, lang) for p in parts]
    values = [p.value for p in parts]
    colors = [palette.get(p.key, _COLORS["scope1"]) for p in parts]
    note = ""
    if title:
        note = label("chart_total_note", lang, total=translate(h.total.label, lang),
                     value=_fmt(h.total.value, std, 1e9))
    return _barh(labels, values, colors, label(category_chart_key(std), lang), std, lang, title, note)


def category_chart_key(standard: str) -> str:
    """The label key of :func:`chart_by_category`'s title under ``standard``."""
    return {"gbt32150": "chart_category_gbt", "iso14064": "chart_category_iso"}.get(standard, "chart_scope")


chart_by_scope = chart_by_category  # the name the app has used


def chart_by_source(inv, lang: str = "en", *, title: bool = True):
    """Emissions of each source type that enters the total (exported energy as a deduction under
    GB/T 32150), so that the bars add up to the total; Scope 3 and undeducted exports are in the
    report's tables."""
    from carbonmgr.inventory.headline import by_source

    std = _standard(inv)
    rows = []
    for r in by_source(inv):
        if not r.in_total or not r.value:
            continue
        name = label(r.key, lang) if r.key.startswith("exported") else source_name(r.key, lang)
        rows.append((name, r.value))
    rows.sort(key=lambda r: -r[1])
    return _barh([r[0] for r in rows], [r[1] for r in rows], _COLORS["source"], label("chart_source", lang),
                 std, lang, title)


def facility_label(inv, fac_id: str) -> str:
    names = {f.id: f.name for f in inv.case.facilities}
    name = names.get(fac_id) or ""
    return f"{fac_id} {name}".strip()


def chart_by_facility(inv, lang: str = "en", *, title: bool = True):
    """Emissions of each facility (the largest :data:`MAX_BARS`, the rest summed)."""
    std = _standard(inv)
    items = sorted(inv.by_facility.items(), key=lambda kv: -abs(kv[1]))
    rows = [(facility_label(inv, k), v) for k, v in items[:MAX_BARS]]
    rest = items[MAX_BARS:]
    if rest:
        rows.append((label("others", lang, n=len(rest)), sum(v for _, v in rest)))
    return _barh([r[0] for r in rows], [r[1] for r in rows], _COLORS["facility"], label("chart_facility", lang),
                 std, lang, title)


def chart_by_gas(inv, lang: str = "en", *, title: bool = True):
    """t CO2e of each gas (Scope 1 and 2)."""
    std = _standard(inv)
    rows = [(label("co2e_only", lang) if gas == "CO2e" else gas, v["tco2e"]) for gas, v in inv.by_gas.items()
            if v.get("tco2e")]
    rows.sort(key=lambda r: -r[1])
    colors = [_COLORS["gas"][i % len(_COLORS["gas"])] for i in range(len(rows))]
    return _barh([r[0] for r in rows], [r[1] for r in rows], colors, label("chart_gas", lang), std, lang, title)


def figure_png(fig: Any, dpi: int = 200) -> bytes:
    """The figure as PNG bytes (Agg, no GUI)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()

