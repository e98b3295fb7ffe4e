"""The abatement cost curve's labels stay inside the chart (the issue 10 walk: on the ETS page the
first measure's name, centred on its narrow bar at the left edge, was cut: "预器密封改造 Air-..."). A
real matplotlib figure at the sizes the ETS page and the market page give it, in both languages."""
from __future__ import annotations

import pytest

from carbonmgr.report.market_charts import chart_macc
from carbonmgr.trading.abatement import MaccStep

STEPS = [MaccStep("空预器密封改造 Air-preheater seal retrofit", 8000, -8, 0, 8000),
         MaccStep("汽轮机通流改造 Turbine flow-path retrofit", 20000, 35, 8000, 28000),
         MaccStep("掺烧农林生物质 Biomass co-firing", 30000, 120, 28000, 58000)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [3.6, 4.4, 5.4, 6.4, 9.0])
def test_every_measure_label_is_inside_the_figure(lang, width):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = chart_macc(STEPS, 59.87, lang)
    FigureCanvasAgg(fig)
    fig.set_size_inches(width, 3.6)  # the canvas resized to its widget, the margins laid out for the first size
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    labels = [t for t in fig.axes[0].texts if t.get_text() in {s.name for s in STEPS}]
    assert len(labels) == len(STEPS)
    for t in labels:
        e = t.get_window_extent(renderer)
        assert e.x0 >= box.x0 - 0.5 and e.x1 <= box.x1 + 0.5, (t.get_text(), e, box)
