"""The case of a new project, and independent copies of a case (for background work)."""
from __future__ import annotations

import dataclasses
import datetime as _dt

from carbonmgr.common.i18n import translate
from carbonmgr.editing.fields import CORE_FIELDS
from carbonmgr.inventory.model import ActivityTable, CaseData, CaseInfo, Facility

__all__ = ["blank_case", "copy_case"]


def blank_case(lang: str = "zh", *, title: str | None = None, standard: str | None = None,
               reporting_year: int | None = None, facility_id: str | None = None,
               facility_name: str | None = None, region: str | None = None) -> CaseData:
    """The case of a new project: one facility. What the user chose in the New project dialog
    (title, standard, year, the first facility and its region) is taken as given; what is left
    out gets the Chinese standard profile, last year and a facility "F1" with no region (its
    electricity is then flagged by the engine, never silently given the national factor)."""
    year = reporting_year or _dt.date.today().year - 1
    title = (title or "").strip() or translate("editing.new_case_title", lang)
    info = CaseInfo(title=title, standard=standard or "gbt32150", reporting_year=year)
    fac = Facility((facility_id or "").strip() or "F1",
                   (facility_name or "").strip() or translate("editing.new_case_facility", lang),
                   (region or "").strip())
    return CaseData(info=info, facilities=[fac],
                    columns={"Activities": {f: c for f, c in zip(CORE_FIELDS, "ABCDE")}})


def copy_case(case: CaseData) -> CaseData:
    """A copy whose columns, facilities and settings can change independently."""
    a = case.activities
    acts = ActivityTable(list(a.row), list(a.facility), list(a.source), list(a.item), list(a.quantity),
                         list(a.unit), {k: list(v) for k, v in a.options.items()},
                         {k: list(v) for k, v in a.extra.items()})
    info = dataclasses.replace(case.info, extra=dict(case.info.extra))
    ets = None if case.ets is None else dataclasses.replace(case.ets, units=list(case.ets.units))  # units: replaced, never changed
    return CaseData(info=info, facilities=[dataclasses.replace(f, extra=dict(f.extra)) for f in case.facilities],
                    activities=acts, instruments=list(case.instruments), equipment=list(case.equipment),
                    documents=case.documents, columns={k: dict(v) for k, v in case.columns.items()},
                    sheet_names=dict(case.sheet_names), ets=ets)
