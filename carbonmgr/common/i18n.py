"""Message catalogue for the core (English and Simplified Chinese).

Each part of the core keeps its own catalogue module (a ``MESSAGES`` dict mapping a
message id to ``{"en": ..., "zh": ...}`` format strings); this module merges them and
renders :class:`~carbonmgr.common.errors.Problem` objects.  No Qt here: the desktop app
renders the same ids through this module, so core messages are translated once.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field

_CATALOGUE_MODULES = (
    "carbonmgr.common.messages.core",
    "carbonmgr.common.messages.app",
    "carbonmgr.common.messages.units",
    "carbonmgr.common.messages.workbook",
    "carbonmgr.common.messages.store",
    "carbonmgr.common.messages.report",
    "carbonmgr.common.messages.files",
    "carbonmgr.common.messages.report_labels",
    "carbonmgr.common.messages.market",
    "carbonmgr.common.messages.training",
    "carbonmgr.common.messages.figures",
    "carbonmgr.common.messages.exam",
    "carbonmgr.common.messages.ets",
    "carbonmgr.common.messages.labels",
    "carbonmgr.common.messages.practice",
    "carbonmgr.common.messages.cli",
    "carbonmgr.common.messages.ets_grading",
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


@dataclass(frozen=True)
class Message:
    """A message id and its named parameters, rendered in the user's language only when shown.

    A ``Message`` may itself be the value of a parameter (e.g. the kind of a file in
    ``workbook.not_xlsx``): it is rendered in the same language as the message around it.
    """

    id: str
    params: dict = field(default_factory=dict, hash=False)

    def render(self, lang: str = "en") -> str:
        return translate(self.id, lang, **self.params)


def render_note(note, lang: str = "en") -> str:
    """A note in ``lang``: a :class:`Message`, a saved ``{"id": ..., "params": ...}`` record, or
    a plain string (a note saved before notes were message ids, shown as written)."""
    if isinstance(note, Message):
        return note.render(lang)
    if isinstance(note, dict) and "id" in note:
        return translate(str(note["id"]), lang, **(note.get("params") or {}))
    return "" if note is None else str(note)


def trace_notes(trace: dict, lang: str = "en") -> list[str]:
    """The notes of a calculation trace in ``lang``: from their ids ("note_ids") when the trace
    has them, else its "notes" as written."""
    notes = trace.get("notes") or []
    ids = trace.get("note_ids")
    if ids and len(ids) == len(notes):
        notes = ids
    return [render_note(n, lang) for n in notes]


# Names of the workbook's columns and sheets in each language, registered by the module that
# defines the case-workbook contract (carbonmgr.io.workbook): a message names a column by its
# id in ``field`` (a kind of sheet by its id in ``sheet_kind``; ``sheet`` stays a sheet's own
# name, as the user's workbook spells it) and is rendered with the name in the message's
# language, ``{field_alt}`` (``{sheet_kind_alt}``) giving the name in the other language.
_NAMES: dict[str, dict[str, dict[str, str]]] = {"field": {}, "sheet_kind": {}}


def register_names(kind: str, names: dict[str, dict[str, str]]) -> None:
    """Register the English and Chinese names of columns (``kind="field"``) or sheets
    (``kind="sheet_kind"``), keyed by their id, for messages that name them."""
    table = _NAMES[kind]
    for key, name in names.items():
        known = table.get(key)
        if known is not None and known != name:
            raise RuntimeError(f"{kind} {key!r} has two names: {known} and {name}")
        table[key] = dict(name)


def column_name(field_id: str, lang: str = "en") -> str:
    """The name of a workbook column (or Case key) in ``lang``; the id itself when unknown."""
    name = _NAMES["field"].get(field_id)
    return name.get(lang, name["en"]) if name else field_id


def _with_names(params: dict, lang: str) -> dict:
    for kind, table in _NAMES.items():
        value = params.get(kind)
        if isinstance(value, str):
            name = table.get(value)
            other = "en" if lang == "zh" else "zh"
            params[kind] = name[lang] if name else value
            params.setdefault(kind + "_alt", name[other] if name else value)
    return params
# Parameters that name a thing of the library by its id (an item, a factor set, a factor key, a
# region): a layer that knows the names registers how to show them (carbonmgr.factors.labels), so
# that a message never shows an id ("grid_cn_hubei", "cn_set_a") but the thing's name.
_PARAM_NAMERS: dict = {}


def register_param_namer(key: str, namer) -> None:
    """Show a string parameter named ``key`` as ``namer(value, lang)`` in every message."""
    _PARAM_NAMERS[key] = namer


class _SafeDict(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def translate(code: str, lang: str = "en", **params) -> str:
    entry = messages().get(code)
    if entry is None:
        text = code + (" " + repr(params) if params else "")
    else:
        text = entry.get(lang) or entry["en"]
    return text.format_map(_SafeDict(_with_names({k: _fmt(v, lang, k) for k, v in params.items()}, lang)))


def lookup(code: str, lang: str = "en", default: str = "", **params) -> str:
    """``translate(code, ...)`` when the catalogue has ``code``, else ``default`` (for names of
    things that may be unknown, e.g. a method id read from an old project file)."""
    if code not in messages():
        return default
    return translate(code, lang, **params)


# parameters whose value is an id with a name in the catalogue (under the prefix given)
_LABELLED = {"source": "source.", "sector": "sector.", "residual_from": "engine.residual_from.",
             "line_basis": "engine.heat_basis.", "factor_basis": "engine.heat_basis."}


def _fmt(value, lang, key=""):
    if isinstance(value, Message):
        return value.render(lang)
    if key in _LABELLED and isinstance(value, str):  # an id (a source type, a sector ...) reads as its name
        entry = messages().get(_LABELLED[key] + value)
        if entry:
            return entry.get(lang) or entry["en"]
    namer = _PARAM_NAMERS.get(key)
    if namer is not None and isinstance(value, str):
        return namer(value, lang)
    if isinstance(value, (list, tuple)):
        return translate("sep.list", lang).join(str(v) for v in value)
    return value


def render_problem(problem, lang: str = "en") -> str:
    body = translate(problem.code, lang, **problem.params)
    cell = problem.cell
    prefix = ""
    if problem.severity == "warning":
        prefix = translate("problem.warning_prefix", lang)
    if cell:
        return f"{prefix}{cell}{translate('sep.colon', lang)}{body}"
    return prefix + body
