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
        from carbonmgr.common.i18n import _SafeDict, _fmt, messages

        entry = messages().get(self.code)
        if entry is None:  # catalogue not registered in carbonmgr.common.i18n yet: use ours directly
            from carbonmgr.common.messages.report import MESSAGES

            entry = MESSAGES.get(self.code)
        if entry is None:
            return self.code
        text = entry.get(lang) or entry["en"]
        return text.format_map(_SafeDict({k: _fmt(v, lang) for k, v in self.params.items()}))


class FontNotFound(ReportError):
    """No TrueType-outline CJK font is available to embed in the PDF."""

    def __init__(self, rejected: list[tuple[str, str, str]] | None = None):
        self.rejected = list(rejected or [])
        tried_en = "; ".join(f"{p}: {en}" for p, en, _ in self.rejected)
        tried_zh = "；".join(f"{p}：{zh}" for p, _, zh in self.rejected)
        self._tried = {"en": f" (rejected: {tried_en})" if tried_en else "",
                       "zh": f"（已排除：{tried_zh}）" if tried_zh else ""}
        super().__init__("report.font_missing")

    def render(self, lang: str = "en") -> str:
        self.params = {"tried": self._tried["zh" if lang == "zh" else "en"]}
        return super().render(lang)


class ReportCancelled(ReportError):
    """The progress callback returned False; nothing was written."""

    def __init__(self):
        super().__init__("report.cancelled")
