"""Message catalogue for the core (English and Simplified Chinese).

Each part of the core keeps its own catalogue module (a ``MESSAGES`` dict mapping a
message id to ``{"en": ..., "zh": ...}`` format strings); this module merges them and
renders :class:`~carbonmgr.common.errors.Problem` objects.  No Qt here: the desktop app
renders the same ids through this module, so core messages are translated once.
"""
from __future__ import annotations

import importlib
import os

_CATALOGUE_MODULES = (
    "carbonmgr.common.messages.core",
    "carbonmgr.common.messages.workbook",
    "carbonmgr.common.messages.store",
    "carbonmgr.common.messages.report",
    "carbonmgr.common.messages.files",
)
_messages: dict[str, dict[str, str]] | None = None

LANGS = ("en", "zh")


def messages() -> dict[str, dict[str, str]]:
    global _messages
    if _messages is None:
        merged: dict[str, dict[str, str]] = {}
        for name in _CATALOGUE_MODULES:
            try:
                mod = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            for key, value in mod.MESSAGES.items():
                if key in merged:
                    raise RuntimeError(f"duplicate message id {key!r} in {name}")
                merged[key] = value
        _messages = merged
    return _messages


def normalize_lang(lang: str | None) -> str:
    if not lang:
        return default_lang()
    lang = lang.lower().replace("-", "_")
    return "zh" if lang.startswith("zh") else "en"


def default_lang(environ=None) -> str:
    """Chinese when the user's locale is Chinese, English otherwise."""
    env = os.environ if environ is None else environ
    for var in ("CARBONMGR_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class _SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def translate(code: str, lang: str = "en", **params) -> str:
    entry = messages().get(code)
    if entry is None:
        text = code + (" " + repr(params) if params else "")
    else:
        text = entry.get(lang) or entry["en"]
    return text.format_map(_SafeDict({k: _fmt(v, lang, k) for k, v in params.items()}))


def _fmt(value, lang, key=""):
    if key == "source" and isinstance(value, str):  # a source type id reads as its name
        entry = messages().get("source." + value)
        if entry:
            return entry.get(lang) or entry["en"]
    if isinstance(value, (list, tuple)):
        sep = "、" if lang == "zh" else ", "
        return sep.join(str(v) for v in value)
    return value


def render_problem(problem, lang: str = "en") -> str:
    body = translate(problem.code, lang, **problem.params)
    cell = problem.cell
    prefix = ""
    if problem.severity == "warning":
        prefix = "警告：" if lang == "zh" else "warning: "
    if cell:
        sep = "：" if lang == "zh" else ": "
        return f"{prefix}{cell}{sep}{body}"
    return prefix + body
