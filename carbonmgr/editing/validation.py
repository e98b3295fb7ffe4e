"""Values typed by a user, checked and converted as the case workbook reader does: the value
to store, or a :class:`~carbonmgr.editing.fields.CellError` (a message id + params)."""
from __future__ import annotations

from carbonmgr.common.errors import Problem
from carbonmgr.editing.fields import INFO_FIELDS, LINE_FIELDS, CellError
from carbonmgr.inventory.model import EQUIPMENT_VALUE_FIELDS, CaseData

__all__ = ["parse_line_value", "parse_info_value", "parse_facility_value", "parse_record_value",
           "line_cell_problem"]


def _convert(spec, key: str, value):
    from carbonmgr.io.workbook import BadValue, converter_for

    try:
        return converter_for(spec)(value.strip() if isinstance(value, str) else value)
    except BadValue as exc:
        raise CellError(exc.code, field=key, **exc.params) from None


def _known_facility(case: CaseData, value: str) -> str:
    known = [f.id for f in case.facilities]
    if value not in known:
        raise CellError("workbook.unknown_facility", value=value, sheet=case.sheet("Facilities"), known=known or ["-"])
    return value


def parse_line_value(case: CaseData, field_name: str, value):
    """The value to store for ``value`` typed into ``field_name`` of an activity line."""
    from carbonmgr.io.workbook import ACTIVITY_COLUMNS

    if field_name not in LINE_FIELDS:
        raise CellError("store.unknown_field", field=field_name, entity="activities")
    spec = ACTIVITY_COLUMNS[field_name]
    out = _convert(spec, field_name, value)
    if field_name == "quantity":
        if out is None:
            raise CellError("workbook.required", field=field_name)
        return float(out)
    if field_name in ("facility", "source", "unit"):
        if out is None:
            raise CellError("workbook.required", field=field_name)
        return _known_facility(case, out) if field_name == "facility" else out
    if field_name == "item":
        return out or ""
    return out


def parse_info_value(key: str, value):
    """The value to store for ``value`` typed into case setting ``key``."""
    from carbonmgr.io.workbook import CASE_KEYS

    if key not in INFO_FIELDS:
        return value
    if key == "gwp" and value in (None, ""):
        return None
    spec = CASE_KEYS.get(key)
    if spec is None:
        return value
    out = _convert(spec, key, value)
    if out is None and key in ("standard", "reporting_year"):
        raise CellError("workbook.required", field=key)
    if out is None and key == "consolidation":
        out = "operational_control"
    if key == "title" and out is None:
        out = ""
    return out


def parse_facility_value(key: str, value):
    """The value to store for ``value`` typed into field ``key`` of a facility (not its id)."""
    from carbonmgr.io.workbook import FACILITY_COLUMNS

    spec = FACILITY_COLUMNS.get(key)
    if spec is None:
        return value
    out = _convert(spec, key, value)
    if out is None:
        out = {"equity_share": 1.0, "financial_control": "yes", "operational_control": True}.get(key, "")
    return out


def parse_record_value(case: CaseData, kind: str, key: str, value):
    """The value to store for ``value`` typed into column ``key`` of an instrument, an
    equipment line or an ETS unit (``kind``)."""
    from carbonmgr.io.workbook import EQUIPMENT_COLUMNS, INSTRUMENT_COLUMNS

    if kind == "ets_unit":
        return _parse_ets_value(case, key, value)
    spec = (INSTRUMENT_COLUMNS if kind == "instrument" else EQUIPMENT_COLUMNS).get(key)
    if spec is None:
        raise CellError("store.unknown_field", field=key,
                        entity=case.sheet("Instruments" if kind == "instrument" else "Equipment"))
    out = _convert(spec, key, value)
    if out is None:
        if key in EQUIPMENT_VALUE_FIELDS:
            return None
        if key == "equipment":
            return ""
        raise CellError("workbook.required", field=key)
    if key == "facility":
        return _known_facility(case, out)
    if key in ("quantity", "ef") or key in EQUIPMENT_VALUE_FIELDS:
        return float(out)
    return out


# the ETS sheet's column of each EtsUnit field the app edits
_ETS_COLUMN_OF = {"unit": "ets_unit", "klass": "class"}


def _parse_ets_value(case: CaseData, key: str, value):
    """The value to store for ``value`` typed into field ``key`` of an ETS unit (as the ETS sheet
    reader takes it: a class or cooling by its name in either language, a load factor of 60 or 60 %)."""
    from carbonmgr.editing.fields import ETS_UNIT_FIELDS
    from carbonmgr.io.workbook import ETS_COLUMNS

    spec = ETS_COLUMNS.get(_ETS_COLUMN_OF.get(key, key))
    if key not in ETS_UNIT_FIELDS or spec is None:
        raise CellError("store.unknown_field", field=key, entity=case.sheet("ETS"))
    out = _convert(spec, key, value)
    if out is None:
        if key in ("unit", "klass"):
            raise CellError("workbook.required", field=_ETS_COLUMN_OF.get(key, key))
        return "" if key == "facility" else None
    if key == "facility":
        return _known_facility(case, out)
    if key == "unit":
        return str(out)
    if key in ("klass", "cooling"):
        return out
    return float(out)


def line_cell_problem(case: CaseData, pos: int, field_name: str) -> Problem | None:
    """A problem of a stored value that the importer would have reported (empty item)."""
    from carbonmgr.io.workbook import NO_ITEM_SOURCES

    if field_name == "item":
        a = case.activities
        if not a.item[pos] and a.source[pos] not in NO_ITEM_SOURCES:
            return Problem("workbook.item_required", {})
    return None
