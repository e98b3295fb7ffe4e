"""Reports of an inventory: the PDF report and the Excel export.

``write_report(inv, path, lang="zh", standard=None, progress=None)`` writes the PDF report
(GB/T 32150, GHG Protocol or ISO 14064-1 profile); ``export_inventory(inv, path, lang)``
writes the case and its results to an .xlsx workbook that imports again.

reportlab, matplotlib and openpyxl are imported when a function is called, not when this
package is imported.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from carbonmgr.report.errors import FontNotFound, ReportCancelled, ReportError

__all__ = ["write_report", "export_inventory", "ReportError", "FontNotFound", "ReportCancelled", "PROFILES"]

PROFILES = ("gbt32150", "ghgp", "iso14064")


def _inventory_for(inv, standard: str | None, library=None):
    """``inv`` itself, or the same case computed under ``standard`` (totals differ by profile)."""
    if not standard or standard == inv.standard:
        return inv
    if standard not in PROFILES:
        raise ReportError("report.standard_unknown", standard=standard)
    import dataclasses

    from carbonmgr.inventory.engine import compute

    info = dataclasses.replace(inv.case.info, standard=standard)
    case = dataclasses.replace(inv.case, info=info)
    return compute(case, library)


def write_report(inv, path: str | os.PathLike, lang: str = "zh", standard: str | None = None,
                 progress: Callable[[int, int], Any] | None = None, *, library=None) -> Path:
    """Write the PDF report of ``inv`` to ``path``.

    ``standard`` chooses the profile (default: the inventory's own); when it differs from the
    inventory's, the case is computed again under it (with ``library``, default the bundled
    one).  ``progress(done, total)`` is called as the report is laid out; when it returns
    ``False`` the report is abandoned, nothing is written and :class:`ReportCancelled` is
    raised.  Raises :class:`FontNotFound` when no embeddable Chinese font is available.
    """
    try:
        from carbonmgr.report.pdf import write_pdf
    except ImportError as exc:  # pragma: no cover - reportlab / matplotlib are dependencies
        raise ReportError("report.missing_library", package=getattr(exc, "name", None) or "reportlab") from exc
    inv = _inventory_for(inv, standard, library)
    return write_pdf(inv, path, lang=lang, standard=inv.standard, progress=progress)


def export_inventory(inv, path: str | os.PathLike, lang: str = "zh") -> Path:
    """Write ``inv`` to an Excel workbook: the case (version 1 layout) plus Results, Factors, Totals."""
    from carbonmgr.report.export import export_inventory as _export

    return _export(inv, path, lang)
