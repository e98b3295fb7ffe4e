"""The marginal abatement cost curve (MACC) of a firm against the carbon price, with the paths to
compliance (buy allowances, use CCER within 5 %, abate, the cheapest mix) compared by cost."""
from __future__ import annotations

import os

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from carbonmgr.common.i18n import translate

from carbonmgr.ui import i18n


def _t(code: str, **params) -> str:
    return translate(code, i18n.current(), **params)


class MaccView(QWidget):
    """A firm chooser, the curve (matplotlib) and the paths to compliance as text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.firm = QComboBox()
        self.firm_label = QLabel()
        self.paths = QLabel()
        self.paths.setWordWrap(True)
        self.canvas: QWidget | None = None
        self.steps, self.price, self.path_costs = [], None, None
        top = QHBoxLayout()
        top.addWidget(self.firm_label)
        top.addWidget(self.firm, 1)
        self.lay = QVBoxLayout(self)
        self.lay.addLayout(top)
        self.lay.addWidget(self.paths)

    def retranslate(self) -> None:
        self.firm_label.setText(_t("market.ui.macc_firm"))
        self.show_curve(self.steps, self.price, self.path_costs)

    def show_curve(self, steps, price, paths) -> None:
        self.steps, self.price, self.path_costs = steps, price, paths
        if self.canvas is not None:
            self.lay.removeWidget(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
            self.canvas = None
        if paths is None:
            self.paths.setText(_t("market.ui.macc_none") if not steps else "")
        else:
            money = (lambda v: f"{v:,.2f}")
            lines = [_t("market.ui.paths_head", shortfall=f"{paths['shortfall']:,.0f}", price=money(paths["price"]))]
            lines.append(_t("market.ui.path.buy", cost=money(paths["buy"]["cost"])))
            if "ccer" in paths:
                lines.append(_t("market.ui.path.ccer", ccer=f"{paths['ccer']['ccer']:,.0f}",
                                cost=money(paths["ccer"]["cost"])))
            lines.append(_t("market.ui.path.abate", abated=f"{paths['abate']['abated']:,.0f}",
                            cost=money(paths["abate"]["cost"])))
            best = paths["best"]
            lines.append(_t("market.ui.path.best", abated=f"{best['abated']:,.0f}", ccer=f"{best['ccer']:,.0f}",
                            bought=f"{best['bought']:,.0f}", cost=money(best["cost"])))
            self.paths.setText("\n".join(lines))
        if not steps:
            return
        try:
            os.environ.setdefault("QT_API", "PySide6")
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

            from carbonmgr.facade import market as mk

            fig = mk.charts().chart_macc(steps, price, i18n.current())
            self.canvas = FigureCanvasQTAgg(fig)
            self.canvas.setMinimumHeight(280)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        except Exception as exc:  # noqa: BLE001 - a chart never breaks the page
            self.canvas = QLabel(str(exc))
        self.lay.addWidget(self.canvas)
