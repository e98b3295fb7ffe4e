"""Charts of the class market and of abatement, for the app (and any report): price per round,
cost per firm (the class beside the least cost) and the marginal abatement cost curve against
the carbon price. Built without pyplot, like :mod:`carbonmgr.report.charts`."""
from __future__ import annotations

from carbonmgr.common.i18n import translate
from carbonmgr.report.charts import _family

__all__ = ["chart_prices", "chart_costs", "chart_macc"]


def _figure(texts, size=(6.4, 3.2)):
    import matplotlib
    from matplotlib.figure import Figure

    rc = {"font.family": _family(texts), "font.size": 8.5, "axes.unicode_minus": False}
    ctx = matplotlib.rc_context(rc)
    ctx.__enter__()
    fig = Figure(figsize=size, dpi=100)
    return fig, ctx


def chart_prices(debrief: dict, lang: str):
    """Price per round (CNY/t; a round without trade is a gap), the reference price as a line.
    ``debrief``: in yuan (facade.market.debrief_json)."""
    rounds = debrief["rounds"]
    title = translate("market.chart.prices", lang)
    xl, yl = translate("market.debrief.col.round", lang), translate("market.debrief.col.price", lang)
    ref = translate("market.chart.reference", lang)
    fig, ctx = _figure([title, xl, yl, ref])
    try:
        ax = fig.add_subplot(111)
        xs = [r["n"] for r in rounds]
        ys = [r["price"] if r["price"] is not None else float("nan") for r in rounds]
        ax.plot(xs, ys, marker="o", color="#2f6b9a")
        for x, y in zip(xs, ys):
            if y == y:
                ax.annotate(f"{y:.2f}", (x, y), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7.5)
        ax.axhline(debrief["reference_price"], color="#c0504d", linestyle="--", linewidth=1, label=ref)
        ax.set_xticks(xs or [1])
        ax.set_xlabel(xl)
        ax.set_ylabel(yl)
        ax.set_title(title)
        ax.legend(loc="best", fontsize=7.5)
        fig.tight_layout()
    finally:
        ctx.__exit__(None, None, None)
    return fig


def chart_costs(debrief: dict, lang: str):
    """Each firm's cost: the one the class reached beside the least-cost one (CNY)."""
    firms = [o["firm"] for o in debrief["firms"]]
    cls = [o["cost"] for o in debrief["firms"]]
    lc = {p["firm"]: p["cost"] for p in debrief["least_cost"]["firms"]}
    title = translate("market.chart.costs", lang)
    a, b = translate("market.chart.class", lang), translate("market.chart.least_cost", lang)
    fig, ctx = _figure([title, a, b, *firms])
    try:
        ax = fig.add_subplot(111)
        xs = list(range(len(firms)))
        w = 0.38
        ax.bar([x - w / 2 for x in xs], cls, w, label=a, color="#2f6b9a")
        ax.bar([x + w / 2 for x in xs], [lc.get(f, 0.0) for f in firms], w, label=b, color="#6a9f58")
        ax.axhline(0, color="#7f7f7f", linewidth=0.8)
        ax.set_xticks(xs)
        ax.set_xticklabels(firms)
        ax.set_ylabel(translate("market.debrief.col.cost", lang))
        ax.set_title(title)
        ax.legend(loc="best", fontsize=7.5)
        fig.tight_layout()
    finally:
        ctx.__exit__(None, None, None)
    return fig


def chart_macc(steps: list, price: float | None, lang: str, title: str | None = None):
    """The marginal abatement cost curve (a bar per measure: width its tonnes, height its cost
    per tonne) against the carbon price (a horizontal line). ``steps``: MaccStep objects."""
    title = title or translate("market.chart.macc", lang)
    xl, yl = translate("market.chart.macc_x", lang), translate("market.chart.macc_y", lang)
    pl = translate("market.chart.carbon_price", lang)
    fig, ctx = _figure([title, xl, yl, pl, *[s.name for s in steps]], size=(6.4, 3.6))
    try:
        ax = fig.add_subplot(111)
        for i, s in enumerate(steps):
            color = "#6a9f58" if price is not None and s.cost_per_t <= price else "#9a9a9a"
            ax.bar(s.start, s.cost_per_t, width=s.tonnes, align="edge", color=color, edgecolor="white")
            # a name centred on its bar, but the first from its bar's start and the last to its bar's end,
            # so that a long name on a narrow bar at an edge is not cut by the frame
            x, ha = s.start + s.tonnes / 2, "center"
            if len(steps) > 1 and i == 0:
                x, ha = s.start, "left"
            elif len(steps) > 1 and i == len(steps) - 1:
                x, ha = s.end, "right"
            ax.annotate(s.name, (x, s.cost_per_t), textcoords="offset points",
                        xytext=(0, 3 if s.cost_per_t >= 0 else -10), ha=ha, fontsize=7, rotation=0)
        if price is not None:
            ax.axhline(price, color="#c0504d", linestyle="--", linewidth=1.2, label=f"{pl} {price:,.2f}")
            ax.legend(loc="upper left", fontsize=7.5)
        ax.axhline(0, color="#7f7f7f", linewidth=0.8)
        ax.set_xlim(0, max([s.end for s in steps] or [1]))
        ax.set_xlabel(xl)
        ax.set_ylabel(yl)
        ax.set_title(title)
        fig.tight_layout()
    finally:
        ctx.__exit__(None, None, None)
    return fig
