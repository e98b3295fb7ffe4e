"""The command line's own words in the user's language (issue 10): the help of every command and
option, the placeholders of their values, and argparse's words ("usage:", "options:", "the
following arguments are required", "invalid choice" ...), from the message catalogue
(``cli.help.*``, ``cli.metavar.*``, ``cli.argparse.*`` in carbonmgr/common/messages/cli.py).

argparse takes its words from ``gettext``, looked up when it needs them (the module's ``_`` and
``ngettext``): :func:`speaking` points them at the catalogue while a command line is parsed and
run, and puts them back afterwards. Option names (``--json``) and the values a user types
(``gbt32150``, ``buy``) stay as they are: they are what the user types.
"""
from __future__ import annotations

import argparse
from contextlib import contextmanager

from carbonmgr.common.i18n import lookup, normalize_lang, translate

_state = {"lang": "en"}

# argparse's own messages (Python 3.10-3.13) -> ids in the catalogue
_ARGPARSE_IDS = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positional",
    "options": "cli.argparse.options",
    "optional arguments": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "subcommands": "cli.argparse.subcommands",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "the following arguments are required: %s": "cli.argparse.required",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "unexpected option string: %s": "cli.argparse.unexpected_option",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
    "can't open '%(filename)s': %(error)s": "cli.argparse.cannot_open",
}
_ARGPARSE_PLURALS = {
    "expected %s argument": "cli.argparse.expected_n",
}


def current_lang() -> str:
    """The language the command line speaks while :func:`speaking` holds."""
    return _state["lang"]


def h(key: str, **params) -> str:
    """The help text ``cli.help.<key>`` in the current language (argparse formats ``%`` in it)."""
    return translate(f"cli.help.{key}", _state["lang"], **params)


def mv(key: str) -> str:
    """The placeholder ``cli.metavar.<key>`` of an option's value, in the current language."""
    return translate(f"cli.metavar.{key}", _state["lang"])


def _gettext(message):
    code = _ARGPARSE_IDS.get(message) if isinstance(message, str) else None
    return translate(code, _state["lang"]) if code else message


def _ngettext(singular, plural, n):
    code = _ARGPARSE_PLURALS.get(singular)
    if code:
        return translate(code, _state["lang"])
    return singular if n == 1 else plural


def lang_of_argv(argv) -> str:
    """The language a command line asks for: ``--lang X`` anywhere on it (the first one; the
    global option comes before the command's own), else ``--template-lang X``, else the locale."""
    argv = [str(a) for a in argv]
    for option in ("--lang", "--template-lang"):
        for i, arg in enumerate(argv):
            if arg == "--":
                break
            if arg == option and i + 1 < len(argv):
                return normalize_lang(argv[i + 1])
            if arg.startswith(option + "="):
                return normalize_lang(arg.split("=", 1)[1])
    return normalize_lang(None)


@contextmanager
def speaking(lang: str):
    """argparse speaks ``lang`` inside the block (help, usage, errors); as before afterwards."""
    saved = (_state["lang"], argparse._, argparse.ngettext)
    _state["lang"] = "zh" if lang == "zh" else "en"
    argparse._ = _gettext
    argparse.ngettext = _ngettext
    try:
        yield
    finally:
        _state["lang"], argparse._, argparse.ngettext = saved


def name_values(parser: argparse.ArgumentParser) -> None:
    """Give every value an option or argument takes a placeholder in the current language
    (``cli.metavar.<dest>``: FILE / 文件), unless it lists its choices; then the same for every
    sub-command's parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if action.metavar is None:
                action.metavar = translate("cli.metavar.command", _state["lang"])
            for sub in dict.fromkeys(action.choices.values()):
                name_values(sub)
            continue
        if action.metavar is not None or action.choices is not None or action.nargs == 0:
            continue
        name = lookup(f"cli.metavar.{action.dest}", _state["lang"])
        if name:
            action.metavar = name


class ArgError(argparse.ArgumentTypeError):
    """A value argparse refuses, in the current language."""

    def __init__(self, code: str, **params):
        super().__init__(translate(code, _state["lang"], **params))


def whole_number(text: str) -> int:
    """An integer option value (argparse's own message would name the Python type ``int``)."""
    try:
        return int(str(text).strip())
    except ValueError:
        raise ArgError("cli.arg.not_whole_number", value=text) from None


def number(text: str) -> float:
    """A number option value."""
    import math

    try:
        value = float(str(text).strip())
    except ValueError:
        raise ArgError("cli.arg.not_number", value=text) from None
    if not math.isfinite(value):
        raise ArgError("cli.arg.not_number", value=text)
    return value


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character takes two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout measured in terminal columns, so that help after a Chinese placeholder
    lines up, and help text wrapped between Chinese characters too (they have no spaces)."""

    def add_argument(self, action):
        if action.help is not argparse.SUPPRESS:
            invocations = [self._format_action_invocation(action)]
            invocations += [self._format_action_invocation(s) for s in self._iter_indented_subactions(action)]
            self._action_max_length = max(self._action_max_length,
                                          max(map(_width, invocations)) + self._current_indent)
            self._add_item(self._format_action, [action])

    def _format_action(self, action):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent_first = 0
        if not action.help:
            header = " " * self._current_indent + header + "\n"
        elif _width(header) <= action_width:
            header = " " * self._current_indent + header + " " * (action_width - _width(header)) + "  "
        else:
            header = " " * self._current_indent + header + "\n"
            indent_first = help_position
        parts = [header]
        if action.help and action.help.strip():
            text = self._expand_help(action)
            if text:
                lines = self._split_lines(text, help_width)
                parts.append(" " * indent_first + lines[0] + "\n")
                parts += [" " * help_position + line + "\n" for line in lines[1:]]
        elif not header.endswith("\n"):
            parts.append("\n")
        parts += [self._format_action(s) for s in self._iter_indented_subactions(action)]
        return self._join_parts(parts)

    def _split_lines(self, text, width):
        text = self._whitespace_matcher.sub(" ", text).strip()
        return _wrap(text, width)

    def _format_usage(self, usage, actions, groups, prefix):
        """argparse's usage, narrowed until its lines fit in columns (it counts characters)."""
        width = self._width
        try:
            for _ in range(8):
                text = super()._format_usage(usage, actions, groups, prefix)
                over = max(map(_width, text.splitlines() or [""])) - width
                if over <= 0 or self._width <= 30:
                    break
                self._width -= over
        finally:
            self._width = width
        return text

    def format_help(self):
        """argparse's help; a section heading in Chinese ("选项") ends with the full-width colon."""
        import re

        colon = translate("sep.colon", "zh")
        return re.sub(rf"(?m)^( *[^\n]*[{_CJK_RANGE}]):$", lambda m: m.group(1) + colon, super().format_help())

    def _fill_text(self, text, width, indent):
        text = self._whitespace_matcher.sub(" ", text).strip()
        return "\n".join(indent + line for line in _wrap(text, width - _width(indent)))


# Chinese characters, and the punctuation that stays with the character after (opening) or before
# (closing) it when a help line is broken
_CJK_RANGE = "\u3400-\u9fff\uf900-\ufaff"
_OPENING = "（《“‘〔【"
_CLOSING = "，。；：、）》”’〕】！？"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: broken at spaces, or between two characters
    of which one is Chinese; a word longer than a line keeps its line."""
    import re

    cjk, opening, closing = _CJK_RANGE, _OPENING, _CLOSING
    tokens = re.findall(rf"[{opening}]*[{cjk}][{closing}]*|[{opening}]*\S+?(?=[{opening}{cjk}])|\S+|\s+", text)
    lines, line = [], ""
    for tok in tokens:
        if tok.isspace():
            if line:
                line += " "
            continue
        if line and _width(line + tok) > width:
            lines.append(line.rstrip())
            line = tok
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class Parser(argparse.ArgumentParser):
    """``carbonmgr``'s parser and, through ``add_subparsers``, its commands': laid out by
    :class:`HelpFormatter`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
