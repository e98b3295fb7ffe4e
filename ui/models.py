"""Qt table models: thin adapters over the session's column-wise data (never a widget per row)."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from carbonmgr.common.errors import column_letters
from carbonmgr.common.i18n import translate
from carbonmgr.common.numbers import tonnes
from carbonmgr.facade import (ACTIVITY_OPTIONS, CORE_FIELDS, EQUIPMENT_METHOD_FIELDS, EQUIPMENT_VALUE_FIELDS,
                              INSTRUMENT_FIELDS, INSTRUMENT_TYPES, line_groups)

from carbonmgr.ui import i18n, labels
from carbonmgr.ui.operations import reason_text

ERROR_BG = QBrush(QColor(255, 214, 214))
COMPUTED_BG = QBrush(QColor(240, 244, 248))
REJECTED_FG = QBrush(QColor(180, 0, 0))
MUTED_FG = QBrush(QColor(110, 110, 110))
UNUSED_BG = QBrush(QColor(228, 228, 228))
WARNING_BG = QBrush(QColor(255, 243, 205))

ACTIVITY_COLUMNS = list(CORE_FIELDS) + ["tco2e", "scope"] + list(ACTIVITY_OPTIONS)
COMPUTED = frozenset(("tco2e", "scope"))
FRACTIONS = frozenset(k for k, v in ACTIVITY_OPTIONS.items() if v == "fraction")  # 0.98, 98 or 98 %
NUMERIC = frozenset(k for k, v in ACTIVITY_OPTIONS.items() if v in ("number", "fraction", "int")) | {"quantity",
                                                                                                      "tco2e"}
ALWAYS_SHOWN = frozenset(CORE_FIELDS) | COMPUTED | {"factor_set", "ef_co2e", "ef_unit", "evidence", "note"}
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

Display = Qt.ItemDataRole.DisplayRole
Edit = Qt.ItemDataRole.EditRole
ToolTip = Qt.ItemDataRole.ToolTipRole
Background = Qt.ItemDataRole.BackgroundRole
Foreground = Qt.ItemDataRole.ForegroundRole
Align = Qt.ItemDataRole.TextAlignmentRole
User = Qt.ItemDataRole.UserRole
Check = Qt.ItemDataRole.CheckStateRole

SYNC_SORT_LINES = 30_000  # sort on the GUI thread up to this many lines (numpy: a few ms)


def _fmt_option(field: str, value) -> str:
    if value is None:
        return ""
    kind = ACTIVITY_OPTIONS.get(field)
    if kind == "bool":
        return labels.tl("Yes") if value else labels.tl("No")
    if kind == "fraction" and isinstance(value, (int, float)):
        return f"{value * 100:.4g} %"
    if isinstance(value, float):
        return f"{value:,.10g}"
    return str(value)


class ActivityModel(QAbstractTableModel):
    """The activity lines of a session, optionally filtered by facility and source type.

    ``edit(pos, field, value) -> str | None`` (an error message) is called by setData;
    the main window performs the edit through the session, so it is undoable."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.visible: list[int] | None = None  # positions shown (None: all)
        self.filter: tuple[str | None, str | None, str] = (None, None, "")
        self.rejected: dict[tuple[int, str], tuple[str, str]] = {}  # (line key, field) -> (text, message)
        self.rejected_changed: Callable[[], None] | None = None  # called when a value is refused or corrected
        self.edit: Callable[[int, str, Any], str | None] | None = None
        self.columns = ACTIVITY_COLUMNS
        # sorting (by a column, clicked in the header): the positions shown, in order, and
        # position -> row (a numpy array); None: line order.  The order is computed off the
        # GUI thread for big cases (see sort_inputs / compute_order) and kept while values
        # change (a line does not jump away while it is being edited); inserting or deleting
        # lines, or a new filter, drops it and ``order_invalidated`` asks for a new one.
        self.sort_field: str | None = None
        self.sort_desc = False
        self.order: list[int] | None = None
        self._row_of_pos = None
        self.sort_pending = False
        self.order_invalidated: Callable[[], None] | None = None

    # ------------------------------------------------------------ data source
    def set_session(self, session) -> None:
        self.beginResetModel()
        self.session = session
        self.rejected.clear()
        self.visible = self._compute_visible()
        self._drop_order()
        self.endResetModel()
        self._order_dropped()

    def set_filter(self, facility: str | None, source: str | None, text: str = "") -> None:
        self.beginResetModel()
        self.filter = (facility or None, source or None, (text or "").strip())
        self.visible = self._compute_visible()
        self._drop_order()
        self.endResetModel()
        self._order_dropped()

    # ------------------------------------------------------------ sorting
    def _drop_order(self) -> None:
        self.order = None
        self._row_of_pos = None

    def _order_dropped(self) -> None:
        if self.sort_field is not None and self.session is not None:
            self.sort_pending = True
            if self.order_invalidated is not None:
                self.order_invalidated()

    def sort_inputs(self):
        """What sorting by ``sort_field`` needs, copied on the GUI thread (cheap), or None while
        the computed columns are not current; give it to :func:`compute_order` (any thread)."""
        s = self.session
        field = self.sort_field
        if s is None or field is None:
            return None
        a = s.case.activities
        n = len(a)
        visible = None if self.visible is None else list(self.visible)
        if field in COMPUTED:
            res = s.results
            if res is None or res.structure != s.structure:
                return None
            groups, factors, scopes = line_groups(res)
            if len(groups) != n:
                return None
            if field == "tco2e":
                return ("tco2e", n, visible, list(a.quantity), factors, groups)
            return ("values", n, visible, groups, scopes)
        if field == "quantity":
            return ("float", n, visible, list(a.quantity))
        if field == "source":
            lang = i18n.current()
            return ("values", n, visible, list(a.source), {k: labels.source(k, lang) for k in set(a.source)})
        if field in CORE_FIELDS:
            return ("values", n, visible, list(getattr(a, field)), None)
        col = a.options.get(field)
        return ("values", n, visible, list(col) if col is not None else [None] * n, None)

    def install_order(self, order: list[int], row_of_pos) -> None:
        self.beginResetModel()
        self.order = order
        self._row_of_pos = row_of_pos
        self.sort_pending = False
        self.endResetModel()

    def clear_sort(self) -> None:
        self.sort_field = None
        self.sort_pending = False
        if self.order is not None:
            self.beginResetModel()
            self._drop_order()
            self.endResetModel()

    def _compute_visible(self) -> list[int] | None:
        s = self.session
        fac, src, text = self.filter
        if s is None or (not fac and not src and not text):
            return None
        a = s.case.activities
        idx = range(len(a))
        if fac:
            col = a.facility
            idx = [i for i in idx if col[i] == fac]
        if src:
            col = a.source
            idx = [i for i in idx if col[i] == src]
        if text:
            needle = text.lower()
            cols = [a.item, a.unit] + [a.options[k] for k in ("note", "evidence") if k in a.options]
            idx = [i for i in idx if any(needle in str(c[i] or "").lower() for c in cols)]
        return list(idx)

    def refresh(self, changes) -> bool:
        """Update after an edit, undo or redo (``changes``: a session Changes record); True if reset."""
        if self.session is None:
            return False
        if changes.structure or changes.everything or (self.visible is not None and changes.lines and
                                                       changes.fields & {"facility", "source", "item", "unit",
                                                                         "note", "evidence"}):
            visible = self._compute_visible()
            if changes.structure or changes.everything or visible != self.visible:
                self.beginResetModel()
                self.visible = visible
                self._drop_order()
                self.endResetModel()
                self._order_dropped()
                return True
        if changes.lines:
            rows = sorted(r for r in (self.row_of(p) for p in changes.lines) if r >= 0)
            if rows:
                self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(self.columns) - 1))
        if changes.facilities:
            self.results_changed()
        return False

    def results_changed(self, full: bool = True) -> None:
        """New results: only the computed columns change unless problems appeared or went away."""
        n = self.rowCount()
        if not n:
            return
        if full:
            self.dataChanged.emit(self.index(0, 0), self.index(n - 1, len(self.columns) - 1))
        else:
            first, last = self.columns.index("tco2e"), self.columns.index("scope")
            self.dataChanged.emit(self.index(0, first), self.index(n - 1, last),
                                  [Display, Background, ToolTip, Foreground])

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.results_changed()

    # ------------------------------------------------------------ mapping
    def position(self, row: int) -> int:
        if self.order is not None:
            return self.order[row]
        return row if self.visible is None else self.visible[row]

    def row_of(self, pos: int) -> int:
        if self.order is not None:
            inv = self._row_of_pos
            return int(inv[pos]) if 0 <= pos < len(inv) else -1
        if self.visible is None:
            return pos if self.session is not None and 0 <= pos < len(self.session) else -1
        import bisect

        i = bisect.bisect_left(self.visible, pos)
        return i if i < len(self.visible) and self.visible[i] == pos else -1

    def field(self, column: int) -> str:
        return self.columns[column]

    def column_of(self, field: str) -> int:
        return self.columns.index(field)

    # ------------------------------------------------------------ Qt API
    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.session is None:
            return 0
        if self.order is not None:
            return len(self.order)
        return len(self.session) if self.visible is None else len(self.visible)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Display):
        if role != Display:
            if role == ToolTip and orientation == Qt.Orientation.Horizontal:
                field = self.columns[section]
                if field in FRACTIONS:  # the entry rule, stated where the value is typed
                    return labels.field(field) + "\n" + translate("entry.fraction_rule", i18n.current())
                return labels.field(field)
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return labels.field(self.columns[section])
            return None
        if self.session is None or section >= self.rowCount():
            return None
        return str(self.session.case.activities.row[self.position(section)])

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()] not in COMPUTED:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def _error(self, pos: int, field: str) -> str | None:
        s = self.session
        if self.rejected:
            hit = self.rejected.get((s.keys[pos], field))
            if hit is not None:
                return reason_text(hit[1])
        res = s.results
        if res is not None and res.group_errors and res.structure == s.structure:
            err = res.line_error(pos)
            if err is not None and (err[1] == field or (field == "tco2e") or
                                    (field == "item" and err[1] not in self.columns)):
                return translate(err[0], i18n.current(), **err[2])
        if field == "item":
            p = s.line_cell_problem(pos, "item")
            if p is not None:
                return p.render(i18n.current())
        return None

    def data(self, index, role=Display):
        if not index.isValid() or self.session is None:
            return None
        row, col = index.row(), index.column()
        if row >= self.rowCount() or col >= len(self.columns):
            return None
        field = self.columns[col]
        s = self.session
        pos = self.position(row)
        if role == Display:
            if self.rejected:
                hit = self.rejected.get((s.keys[pos], field))
                if hit is not None:
                    return hit[0]
            return self._display(pos, field)
        if role == Edit:
            v = self._raw(pos, field)
            if v is None:
                return ""
            if isinstance(v, float):
                return f"{v:.15g}"
            if isinstance(v, bool):
                return labels.tl("Yes") if v else labels.tl("No")
            return str(v)
        if role == User:
            return self._raw(pos, field)
        if role == Align:
            return ALIGN_RIGHT if field in NUMERIC or field == "scope" else ALIGN_LEFT
        if role == Background:
            if self._error(pos, field) is not None:
                return ERROR_BG
            if field in COMPUTED:
                return COMPUTED_BG
            return None
        if role == Foreground:
            if self.rejected and (s.keys[pos], field) in self.rejected:
                return REJECTED_FG
            if field == "scope":
                return MUTED_FG
            return None
        if role == ToolTip:
            err = self._error(pos, field)
            if err is not None:
                return err
            if field in FRACTIONS:
                return translate("entry.fraction_rule", i18n.current())
            return None
        return None

    def _raw(self, pos: int, field: str):
        s = self.session
        if field in COMPUTED:
            res = s.results
            if res is None or res.structure != s.structure:
                return None
            return res.line_tco2e(pos) if field == "tco2e" else res.line_scope(pos)
        return s.value(pos, field)

    def _display(self, pos: int, field: str) -> str:
        s = self.session
        a = s.case.activities
        if field == "source":
            return labels.source(a.source[pos], i18n.current())
        if field == "quantity":
            return labels.quantity(a.quantity[pos])
        if field == "item":  # an item typed by its id reads as its name; the user's own words as typed
            return labels.typed_item(a.item[pos], i18n.current())
        if field in ("facility", "unit"):
            return str(getattr(a, field)[pos] or "")
        if field == "tco2e":
            res = s.results
            if res is None or res.structure != s.structure:
                return "…"
            v = res.line_tco2e(pos)
            return "—" if v is None else tonnes(v)
        if field == "scope":
            res = s.results
            if res is None or res.structure != s.structure:
                return ""
            if res.line_error(pos) is not None:
                return ""
            sc = res.line_scope(pos)
            return str(sc) if sc else labels.tl("exported")
        col = a.options.get(field)
        if field == "factor_set" and col is not None and col[pos]:  # a factor set by its name
            return labels.typed_set(col[pos], i18n.current())
        if field == "variant" and col is not None and col[pos]:  # a variant by its name (any other text as typed)
            return labels.variant(col[pos], i18n.current()) or str(col[pos])
        return "" if col is None else _fmt_option(field, col[pos])

    def setData(self, index, value, role=Edit):
        if role != Edit or not index.isValid() or self.session is None or self.edit is None:
            return False
        field = self.columns[index.column()]
        if field in COMPUTED:
            return False
        pos = self.position(index.row())
        key = self.session.keys[pos]
        return _settle_edit(self, index, (key, field), value, self.edit(pos, field, value))


def _settle_edit(model, index, cell_key, value, message) -> bool:
    """After an edit: keep a rejected value (with the reason) on its cell, or clear it."""
    hook = getattr(model, "rejected_changed", None)  # the window lists refused values as problems
    if message is not None:
        model.rejected[cell_key] = ("" if value is None else str(value), message)
        model.dataChanged.emit(index, index)
        if hook is not None:
            hook()
        return False
    if model.rejected.pop(cell_key, None) is not None:
        model.dataChanged.emit(index, index)
        if hook is not None:
            hook()
    return True


def compute_order(inputs):
    """Sort keys of the lines for :meth:`ActivityModel.sort_inputs`'s column: (keys, nulls),
    numpy arrays over all positions; empty values and lines with problems are the nulls."""
    import numpy as np

    kind, n, _visible, *rest = inputs
    if kind == "float":
        keys = np.asarray(rest[0], dtype=float)
        return keys, np.isnan(keys)
    if kind == "tco2e":
        quantity, factors, line_group = rest
        f = np.asarray(factors, dtype=float)
        if not len(f):
            return np.zeros(n), np.zeros(n, dtype=bool)
        keys = np.asarray(quantity, dtype=float) * f[np.asarray(line_group, dtype=np.int64)]
        return keys, np.isnan(keys)
    values, mapping = rest

    def sort_key(u):
        k = mapping.get(u) if mapping is not None else u
        if isinstance(k, str):
            return (k == "", True, k.casefold())
        return (k is None, False, 0 if k is None else k)

    keyed = {u: sort_key(u) for u in set(values)}
    rank_of_key = {k: i for i, k in enumerate(sorted(set(keyed.values())))}
    rank = {u: rank_of_key[k] for u, k in keyed.items()}
    keys = np.fromiter((rank[v] for v in values), dtype=np.float64, count=len(values))
    null_ranks = [rank[u] for u, k in keyed.items() if k[0]]
    nulls = np.isin(keys, null_ranks) if null_ranks else np.zeros(len(keys), dtype=bool)
    return keys, nulls


def order_from_keys(inputs, keys, nulls, descending: bool) -> tuple[list[int], Any]:
    import numpy as np

    n, visible = inputs[1], inputs[2]
    if visible is not None:
        idx = np.asarray(visible, dtype=np.int64)
        keys, nulls = keys[idx], nulls[idx]
    else:
        idx = None
    k = np.where(nulls, np.inf, -keys if descending else keys)
    order = np.argsort(k, kind="stable")
    if idx is not None:
        order = idx[order]
    row_of_pos = np.full(n, -1, dtype=np.int64)
    row_of_pos[order] = np.arange(len(order), dtype=np.int64)
    return order.tolist(), row_of_pos


def sort_positions(inputs, descending: bool) -> tuple[list[int], Any]:
    """The positions in order and position -> row (any thread: numpy sorts without the
    interpreter lock)."""
    keys, nulls = compute_order(inputs)
    return order_from_keys(inputs, keys, nulls, descending)


def two_lines(text: str, width: int = 14) -> str:
    """A long header label on two lines (at the space nearest its middle, or before a
    bracket), so that narrow numeric columns keep a readable header."""
    if sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) <= width:  # CJK characters are twice as wide
        return text
    mid = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if spaces:
        i = min(spaces, key=lambda k: abs(k - mid))
        return text[:i] + "\n" + text[i + 1:]
    for bracket in ("（", "("):
        i = text.find(bracket)
        if i > 0:
            return text[:i] + "\n" + text[i:]
    return text


def unit_below(text: str) -> str:
    """A header label with its unit in brackets on a line of its own ("EF\n(t CO2e/MWh)")."""
    i = max(text.rfind("（"), text.rfind("("))
    return text[:i].rstrip() + "\n" + text[i:] if i > 0 else text


class _SessionTable(QAbstractTableModel):
    """A small table of a session's records edited in place (the facilities, the instruments, the
    equipment lines): a value typed into a cell that is refused stays on its cell (red, with the
    reason) until it is corrected or undone, as in the other tables."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = None
        self.edit: Callable[[int, str, Any], str | None] | None = None
        self.rejected: dict[tuple[int, str], tuple[str, str]] = {}  # (row, field) -> (text, message)
        self.rejected_changed: Callable[[], None] | None = None  # called when a value is refused or corrected
        self._rows = 0  # rows shown since the last reset

    def set_session(self, session) -> None:
        self.beginResetModel()
        self.session = session
        self.rejected.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """After an edit: new values (the same rows: no reset, an open editor stays), or rows
        added or removed (a reset)."""
        n = self.rowCount()
        if n == self._rows:
            if n:
                self.dataChanged.emit(self.index(0, 0), self.index(n - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        dropped = bool(self.rejected)
        self.rejected.clear()  # rows added or removed: a refused value's row is not where it was
        self.endResetModel()
        if dropped and self.rejected_changed is not None:
            self.rejected_changed()

    def endResetModel(self) -> None:
        super().endResetModel()
        self._rows = self.rowCount()

    def results_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.COLUMNS) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        self.results_changed()


class RecordModel(_SessionTable):
    """The instruments or the equipment lines of a session (small lists; ``KIND`` names which)."""

    KIND = ""
    WRAP_HEADERS = False  # long header labels on two lines
    COMPUTED_COLUMNS: frozenset = frozenset()
    NUMBERS: frozenset = frozenset()

    def records(self) -> list:
        return [] if self.session is None else self.session.records(self.KIND)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records())

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def field(self, column: int) -> str:
        return self.COLUMNS[column]

    def column_of(self, name: str) -> int:
        return self.COLUMNS.index(name)

    def header_label(self, name: str) -> str:
        return labels.field(name)

    def headerData(self, section, orientation, role=Display):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.COLUMNS):
                return None
            if role == Display:
                return self.header_lines(self.header_label(self.COLUMNS[section]))
            if role == ToolTip:
                return self.header_label(self.COLUMNS[section])
            return None
        if role != Display:
            return None
        recs = self.records()
        return str(recs[section].row) if 0 <= section < len(recs) else None

    def header_lines(self, text: str) -> str:
        """A header label as the header shows it (on two lines where it is long, if the model wraps)."""
        return two_lines(text) if self.WRAP_HEADERS else text

    def unused(self, rec, name: str) -> bool:
        return False

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = self.COLUMNS[index.column()]
        recs = self.records()
        if name not in self.COMPUTED_COLUMNS and index.row() < len(recs) and not self.unused(recs[index.row()], name):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def raw(self, row: int, name: str):
        return self.session.record_value(self.KIND, row, name)

    def display(self, row: int, name: str) -> str:
        v = self.raw(row, name)
        if v is None:
            return ""
        if isinstance(v, float):
            return labels.quantity(v)
        return str(v)

    def error(self, row: int, name: str) -> str | None:
        hit = self.rejected.get((row, name))
        return reason_text(hit[1]) if hit is not None else None

    def warning(self, row: int, name: str) -> str | None:
        return None

    def data(self, index, role=Display):
        if not index.isValid() or self.session is None:
            return None
        row, col = index.row(), index.column()
        recs = self.records()
        if row >= len(recs) or col >= len(self.COLUMNS):
            return None
        name = self.COLUMNS[col]
        if role == Display:
            hit = self.rejected.get((row, name))
            return hit[0] if hit is not None else self.display(row, name)
        if role == Edit:
            v = self.raw(row, name) if name not in self.COMPUTED_COLUMNS else None
            if v is None:
                return ""
            return f"{v:.15g}" if isinstance(v, float) else str(v)
        if role == User:
            return None if name in self.COMPUTED_COLUMNS else self.raw(row, name)
        if role == Align:
            return ALIGN_RIGHT if name in self.NUMBERS else ALIGN_LEFT
        unused = self.unused(recs[row], name)
        if role == Background:
            if self.error(row, name) is not None:
                return ERROR_BG
            if unused:
                return UNUSED_BG
            if name in self.COMPUTED_COLUMNS:
                return COMPUTED_BG
            if self.warning(row, name) is not None:
                return WARNING_BG
            return None
        if role == Foreground:
            if (row, name) in self.rejected:
                return REJECTED_FG
            return MUTED_FG if unused else None
        if role == ToolTip:
            err = self.error(row, name)
            if err is not None:
                return err
            if unused:
                return labels.choice(labels.MISC, "not_used")
            return self.warning(row, name)
        return None

    def setData(self, index, value, role=Edit):
        if role != Edit or not index.isValid() or self.session is None or self.edit is None:
            return False
        name = self.COLUMNS[index.column()]
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = index.row()
        return _settle_edit(self, index, (row, name), value, self.edit(row, name, value))


class InstrumentModel(RecordModel):
    """Contractual instruments for the market-based Scope 2 (and the Chinese green-power rule)."""

    KIND = "instrument"
    COLUMNS = INSTRUMENT_FIELDS
    NUMBERS = frozenset(("quantity", "ef"))

    def header_label(self, name: str) -> str:
        return labels.field("mwh" if name == "quantity" else name)

    def header_lines(self, text: str) -> str:
        # the unit under the name: the four columns fit the Boundary page's half at 1280x800
        return unit_below(text)

    def display(self, row: int, name: str) -> str:
        if name == "type":
            v = self.raw(row, name) or ""
            return labels.instrument(v) if v in INSTRUMENT_TYPES else v
        return super().display(row, name)

    def warning(self, row: int, name: str) -> str | None:
        s = self.session
        res = s.results
        if res is None or name != "quantity":
            return None
        rec = s.case.instruments[row]
        sheet = s.case.sheet("Instruments")
        for w in res.inventory.warnings:
            if w.sheet == sheet and (w.row == rec.row or (w.row is None and w.params.get("facility") == rec.facility)):
                return w.render(i18n.current())
        return None


class EquipmentModel(RecordModel):
    """The refrigerant equipment register; cells a line's method does not use are greyed out."""

    KIND = "equipment"
    COLUMNS = ("facility", "method", "refrigerant", "equipment", "tco2e") + EQUIPMENT_VALUE_FIELDS
    WRAP_HEADERS = True
    COMPUTED_COLUMNS = frozenset(("tco2e",))
    NUMBERS = frozenset(EQUIPMENT_VALUE_FIELDS) | {"tco2e"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tco2e: tuple[tuple, dict[int, float]] | None = None

    def unused(self, rec, name: str) -> bool:
        if name in EQUIPMENT_VALUE_FIELDS or name == "equipment":
            used = EQUIPMENT_METHOD_FIELDS.get(rec.method)
            return used is not None and name not in used
        return False

    def _results_by_row(self) -> dict[int, float]:
        res = self.session.results
        if res is None:
            return {}
        key = (id(res), res.version)
        if self._tco2e is None or self._tco2e[0] != key:
            self._tco2e = (key, {line.get("row"): line.get("tco2e") for line in res.inventory.extra_lines})
        return self._tco2e[1]

    def display(self, row: int, name: str) -> str:
        s = self.session
        if name == "tco2e":
            if s.results is None:
                return "…"
            v = self._results_by_row().get(s.case.equipment[row].row)
            return "—" if v is None else tonnes(v)
        if name == "method":
            return labels.choice(labels.METHODS, self.raw(row, name))
        if name == "equipment":
            v = self.raw(row, name) or ""
            item = s.library.resolve_item(v) if v else None
            return item.name(i18n.current()) if item is not None and item.kind == "equipment" else v
        return super().display(row, name)

    def error(self, row: int, name: str) -> str | None:
        err = super().error(row, name)
        if err is not None:
            return err
        s = self.session
        res = s.results
        if res is None or not res.equipment_errors:
            return None
        hit = res.equipment_errors.get(s.case.equipment[row].row)
        if hit is None or (hit[1] != name and name != "tco2e"):
            return None
        code, fld, params = hit
        return translate(code, i18n.current(), **params)


class FacilityModel(_SessionTable):
    """The facilities."""

    COLUMNS = ("id", "name", "region", "equity_share", "financial_control", "operational_control")

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.session is None else len(self.session.case.facilities)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Display):
        if orientation == Qt.Orientation.Horizontal and role == ToolTip and 0 <= section < len(self.COLUMNS):
            if self.COLUMNS[section] == "id":
                return labels.choice(labels.MISC, "rename_hint")
            return labels.field(self.COLUMNS[section])
        if role != Display:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return labels.field(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = self.COLUMNS[index.column()]
        if name == "operational_control":
            f |= Qt.ItemFlag.ItemIsUserCheckable
        else:  # editing the id renames the facility everywhere
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index, role=Display):
        if not index.isValid() or self.session is None:
            return None
        if index.row() >= self.rowCount() or index.column() >= len(self.COLUMNS):
            return None
        fac = self.session.case.facilities[index.row()]
        name = self.COLUMNS[index.column()]
        value = getattr(fac, name)
        hit = self.rejected.get((index.row(), name)) if self.rejected else None
        if hit is not None:  # a refused value: shown as typed, in red, with the reason
            if role == Display:
                return hit[0]
            if role == Background:
                return ERROR_BG
            if role == Foreground:
                return REJECTED_FG
            if role == ToolTip:
                return reason_text(hit[1])
        if name == "operational_control":
            if role == Check:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == Display:
                return labels.tl("Yes") if value else labels.tl("No")
            return None
        if role == Display:
            if name == "equity_share":
                return f"{value * 100:.4g} %"
            if name == "financial_control":
                return labels.choice(labels.FINANCIAL, value)
            return str(value)
        if role == Edit:
            if name == "equity_share":
                return f"{value * 100:.6g}%"
            return str(value)
        if role == User:
            return value
        if role == Align and name == "equity_share":
            return ALIGN_RIGHT
        if role == Background and name == "equity_share" and not 0 <= value <= 1:
            return ERROR_BG
        return None

    def setData(self, index, value, role=Edit):
        if not index.isValid() or self.session is None or self.edit is None:
            return False
        name = self.COLUMNS[index.column()]
        if name == "operational_control":
            if role != Check:
                return False
            value = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            return self.edit(index.row(), name, value) is None
        elif role != Edit:
            return False
        return _settle_edit(self, index, (index.row(), name), value, self.edit(index.row(), name, value))


class FactorModel(QAbstractTableModel):
    COLUMNS = ("set", "item", "param", "gas", "variant", "value", "unit", "region", "year", "status")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.library = None

    def set_rows(self, rows, library) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.library = library
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Display):
        if role != Display:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return labels.field(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1)

    def factor(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index, role=Display):
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self.COLUMNS):
            return None
        f = self.rows[index.row()]
        name = self.COLUMNS[index.column()]
        if role == Display:
            if name == "item":
                item = self.library.item(f.item) if self.library is not None else None
                return item.name(i18n.current()) if item else f.item
            if name == "param":
                return labels.factor_param(f.param, i18n.current())
            if name == "status":
                return labels.choice(labels.STATUSES, f.status)
            lang = i18n.current()
            if name == "set":
                return labels.factor_set(f.set, lang)
            if name == "variant":
                return labels.variant(f.variant, lang)
            if name == "unit":
                return labels.unit(f.unit, lang)
            if name == "region":
                return labels.region(f.region, lang)
            if name == "value":
                return f"{f.value:.6g}"
            if name == "year":
                return "" if f.year is None else str(f.year)
            return str(getattr(f, name) or "")
        if role == Align and name in ("value", "year"):
            return ALIGN_RIGHT
        if role == ToolTip:
            return labels.factor_source(f, i18n.current())
        if role == User:
            return f
        return None


class DocumentModel(QAbstractTableModel):
    """A source document (an extra sheet of the case workbook), read-only, like a sheet."""

    def __init__(self, rows: list[list], parent=None):
        super().__init__(parent)
        self.rows = rows or []
        self.width = max((len(r) for r in self.rows), default=0)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.width

    def headerData(self, section, orientation, role=Display):
        if role != Display:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letters(section) if 0 <= section < self.width else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Display):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        v = row[index.column()] if index.column() < len(row) else None
        if role == Display:
            if v is None:
                return ""
            if isinstance(v, float):
                return f"{v:,.10g}"
            if hasattr(v, "isoformat"):
                return v.isoformat()
            return str(v)
        if role == Align and isinstance(v, (int, float)) and not isinstance(v, bool):
            return ALIGN_RIGHT
        return None


class SummaryModel(QAbstractTableModel):
    """Rows of (key, label, t CO2e, share of the total, in the total) of a breakdown.

    The rows and shares come from the core (``carbonmgr.facade.figures``): deductions are
    negative, the shares of the rows in the total add up to 100 %, a row outside the total
    (Scope 3, exported energy not deducted) has no share.
    """

    def __init__(self, first_header: str, parent=None):
        super().__init__(parent)
        self.first_header = first_header  # a Labels text (translated when shown)
        self.rows: list[tuple] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Display):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 3:
            return None
        if role == Display:
            return (labels.tl(self.first_header), labels.field("tco2e"),
                    translate("figures.share_of_total", i18n.current()))[section]
        if role == ToolTip and section == 2:
            return translate("figures.shares_note", i18n.current())
        return None

    def data(self, index, role=Display):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        key, label, value, share, in_total = self.rows[index.row()]
        c = index.column()
        if role == Display:
            if c == 0:
                return label
            if c == 1:
                return tonnes(value)
            if c == 2:
                if share is None:
                    return translate("figures.not_in_total", i18n.current()) if not in_total else ""
                return translate("fmt.percent", i18n.current(), value=f"{share:.1f}")
        if role == Foreground and not in_total:
            return MUTED_FG
        if role == ToolTip and not in_total:
            return translate("figures.note.not_in_total", i18n.current())
        if role == Align and c > 0:
            return ALIGN_RIGHT
        if role == User:
            return key
        return None


class ProblemModel(QAbstractListModel):
    """Problems (core Problem records) rendered in the current language."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.problems: list = []

    def set_problems(self, problems) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def retranslate(self) -> None:
        if self.problems:
            self.dataChanged.emit(self.index(0), self.index(len(self.problems) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def data(self, index, role=Display):
        if not index.isValid() or index.row() >= len(self.problems):
            return None
        p = self.problems[index.row()]
        if role in (Display, ToolTip):
            return p.render(i18n.current())
        if role == Foreground and getattr(p, "severity", "error") == "warning":
            return MUTED_FG
        if role == User:
            return p
        return None
