"""Errors of the report writer (message ids in :mod:`carbonmgr.common.messages.report`)."""
from __future__ import annotations

from carbonmgr.common.errors import CarbonMgrError


class ReportError(CarbonMgrError):
    """The report or export cannot be written (message id + params, rendered in en or zh)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        from carbonmgr.common.i18n import translate

        return translate(self.code, lang, **self.params)


class FontNotFound(ReportError):
    """No TrueType-outline CJK font is available to embed in the PDF."""

    def __init__(self, rejected: list[tuple[str, str]] | None = None):
        self.rejected = list(rejected or [])  # (font, reason key of report.font_reason.*)
        super().__init__("report.font_missing")

    def render(self, lang: str = "en") -> str:
        from carbonmgr.common.i18n import translate

        tried = ""
        if self.rejected:
            items = translate("sep.semicolon", lang).join(
                translate("report.font_rejected", lang, path=path,
                          reason=translate(f"report.font_reason.{reason}", lang)) for path, reason in self.rejected)
            tried = translate("report.font_tried", lang, items=items)
        self.params = {"tried": tried}
        return super().render(lang)


class ReportCancelled(ReportError):
    """The progress callback returned False; nothing was written."""

    def __init__(self):
        super().__init__("report.cancelled")
