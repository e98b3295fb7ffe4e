"""Texts that fit their widgets: no header, group title or pane title is cut at the default
window sizes (1280x800, 1366x768), in either language.

:func:`keep_headers_fitted` widens a table's columns to their header texts whenever the
headers change (a new case, a language switch); :func:`clipped_texts` lists what is cut
in a window, measured with the widgets' own font metrics (the test walks every view with
it, and so can a developer looking at a new page).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QLabel, QStyle, QTableView, QWidget

HEADER_SLACK = 4  # pixels beyond what the style asks for a header's text (rounding of font metrics)


def header_need(header: QHeaderView, section: int) -> int:
    """The width the header text of ``section`` needs (each line of it), margins and sort arrow included."""
    model = header.model()
    if model is None:
        return 0
    text = model.headerData(section, header.orientation())
    if not text:
        return 0
    fm = header.fontMetrics()
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = max(fm.horizontalAdvance(line) for line in str(text).split("\n"))
    if header.isSortIndicatorShown():
        width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    return width + 2 * margin + HEADER_SLACK


def fit_header(view: QTableView) -> None:
    """Widen every visible column whose header text does not fit (never narrows one)."""
    header = view.horizontalHeader()
    if view.model() is None:
        return
    last = _last_visible(header)
    if getattr(view, "_fit_unstretched", False) and last >= 0:
        # the last column was given its own width when the view was too narrow: stretch it again
        # as soon as there is room
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i != last and not header.isSectionHidden(i))
        if others + header_need(header, last) <= view.viewport().width():
            header.setStretchLastSection(True)
            view._fit_unstretched = False
    for i in range(header.count()):
        if header.isSectionHidden(i):
            continue
        need = header_need(header, i)
        if need <= header.sectionSize(i):
            continue
        mode = header.sectionResizeMode(i)
        if header.stretchLastSection() and i == last:
            # a stretched last column too narrow for its header: it takes its own width instead
            # (the table scrolls sideways rather than cut the header), once the view has its size
            if view.isVisible():
                header.setStretchLastSection(False)
                header.resizeSection(i, need)
                view._fit_unstretched = True
        elif mode in (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed):
            header.resizeSection(i, need)
        elif mode == QHeaderView.ResizeMode.Stretch:
            header.setMinimumSectionSize(max(header.minimumSectionSize(), min(need, 400)))


def _last_visible(header: QHeaderView) -> int:
    for v in range(header.count() - 1, -1, -1):
        i = header.logicalIndex(v)
        if not header.isSectionHidden(i):
            return i
    return -1


class _HeaderFitter(QObject):
    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        self.model = None
        view.installEventFilter(self)  # a stretched column narrows with its view: fit again on resize
        self.attach()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def attach(self) -> None:
        model = self.view.model()
        if model is None or model is self.model:
            return
        self.model = model
        for signal in (model.modelReset, model.headerDataChanged, model.layoutChanged, model.columnsInserted):
            signal.connect(self.fit)
        self.fit()

    def fit(self, *args) -> None:
        try:
            fit_header(self.view)
        except RuntimeError:  # the view is being deleted (its C++ side is gone): nothing to fit
            pass


def keep_headers_fitted(root: QWidget) -> None:
    """Keep the header texts of every table under ``root`` fitted (idempotent; call again when
    new tables or models appear)."""
    for view in root.findChildren(QTableView):
        fitter = getattr(view, "_header_fitter", None)
        if fitter is None:
            view._header_fitter = _HeaderFitter(view)
        else:
            fitter.attach()
            fitter.fit()


def clipped_texts(root: QWidget) -> list[str]:
    """The texts cut by their widgets under ``root`` (visible ones): table headers, group-box
    titles and single-line labels, each as "widget: text (needs n px, has m)"."""
    out = []
    for view in root.findChildren(QAbstractItemView):
        if not isinstance(view, QTableView) or not view.isVisible() or view.model() is None:
            continue
        header = view.horizontalHeader()
        if not header.isVisible():
            continue
        for i in range(header.count()):
            if header.isSectionHidden(i):
                continue
            need, has = header_need(header, i) - HEADER_SLACK, header.sectionSize(i)
            if need > has:
                text = view.model().headerData(i, header.orientation())
                out.append(f"{type(view.model()).__name__} header {text!r} (needs {need} px, has {has})")
    for box in root.findChildren(QGroupBox):
        if not box.isVisible() or not box.title():
            continue
        need = box.fontMetrics().horizontalAdvance(box.title().replace("&", "")) + 8
        if need > box.width():
            out.append(f"group {box.title()!r} (needs {need} px, has {box.width()})")
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text() or "<" in label.text():
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        lines = label.text().replace("&", "").split("\n")
        need = max(label.fontMetrics().horizontalAdvance(line) for line in lines)
        margin = label.contentsMargins().left() + label.contentsMargins().right() + 2 * label.margin()
        if need + margin > label.width() + 1:
            out.append(f"label {label.text()!r} (needs {need + margin} px, has {label.width()})")
    return out
