"""The one entry point of the front ends (the CLI and the desktop app): open a case
workbook or a project, edit, compute, save, report and export. Front ends never reach
past it into the importer, engine, store, edit session or report writer: what they need
of those (the vocabulary of a case, change records, chart functions, report errors) is
named here.

Heavy parts (the report writer and its errors, the charts) load on first use, so that
importing the facade keeps the app's start-up light.
"""
from carbonmgr.editing.session import (ACTIVITY_OPTIONS, CONSOLIDATIONS, CORE_FIELDS, DEFAULT_GWP,
                                       EQUIPMENT_METHOD_FIELDS, EQUIPMENT_METHODS, EQUIPMENT_VALUE_FIELDS, GWP_SETS,
                                       INSTRUMENT_FIELDS, INSTRUMENT_TYPES, SECTORS, SOURCE_NAMES, SOURCES,
                                       STANDARDS, CellError, Changes, ImportCancelled, ImportJob)
from carbonmgr.facade.workspace import (EDIT_OPERATIONS, PROJECT_SUFFIX, WORKBOOK_SUFFIXES, Workspace, demo_path,
                                        factor_library, line_groups, read_workbook, resolve_input, write_template)
from carbonmgr.facade.newcase import grid_regions
from carbonmgr.inventory import headline as figures  # the standard's headline figures and breakdowns
from carbonmgr.factors.labels import (factor_name, grade_name, gwp_source_name, instrument_name, is_identifier,
                                      item_name, region_name, set_name, status_name, unit_name)
from carbonmgr.factors.labels import param_name as factor_param_name
from carbonmgr.storage.lock import ProjectInUse

_LAZY = {  # name -> (module, attribute or None for the module itself)
    "ReportError": ("carbonmgr.report", "ReportError"),
    "ReportCancelled": ("carbonmgr.report", "ReportCancelled"),
    "FontNotFound": ("carbonmgr.report", "FontNotFound"),
    "charts": ("carbonmgr.report.charts", None),
}


def __getattr__(name: str):
    """The heavy names, imported when first asked for (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'carbonmgr.facade' has no attribute {name!r}")
    module, attr = _LAZY[name]
    if module == "carbonmgr.report":
        import carbonmgr.report as mod
    else:
        import carbonmgr.report.charts as mod
    return mod if attr is None else getattr(mod, attr)


__all__ = [
    "Workspace", "ProjectInUse", "EDIT_OPERATIONS", "PROJECT_SUFFIX", "WORKBOOK_SUFFIXES", "demo_path", "read_workbook",
    "resolve_input", "line_groups", "factor_library", "write_template", "grid_regions", "Changes", "CellError", "ImportJob",
    "ImportCancelled",
    "ACTIVITY_OPTIONS", "CONSOLIDATIONS", "CORE_FIELDS", "DEFAULT_GWP", "EQUIPMENT_METHOD_FIELDS", "EQUIPMENT_METHODS",
    "EQUIPMENT_VALUE_FIELDS", "GWP_SETS", "INSTRUMENT_FIELDS", "INSTRUMENT_TYPES", "SECTORS", "SOURCE_NAMES", "SOURCES",
    "STANDARDS", "figures",
    # names of the library's things in the user's language (never their ids)
    "factor_name", "factor_param_name", "grade_name", "gwp_source_name", "instrument_name", "is_identifier", "item_name",
    "region_name",
    "set_name", "status_name", "unit_name",
    *_LAZY,
]
