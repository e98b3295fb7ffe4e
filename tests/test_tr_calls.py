"""pyside6-lupdate does not look inside f-strings: a ``self.tr("…")`` written there is never put in
the translation file, and the Chinese interface shows the English text. No tr() call may sit
inside an f-string in ui/."""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"
TR_IN_FSTRING = re.compile(r"\btr\(|QCoreApplication\.translate\(")  # Qt's, not the core catalogue's translate()


def fstring_tr_calls(source: str) -> list[int]:
    """Line numbers of f-strings (Python 3.11 tokenizes one as a STRING) that call tr()."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING and re.match(r"(?i)[rb]*f", tok.string) and TR_IN_FSTRING.search(tok.string):
            found.append(tok.start[0])
        elif getattr(tokenize, "FSTRING_START", None) == tok.type:  # Python 3.12+: f-strings are token runs
            found.extend(_fstring_312(source, tok))
    return found


def _fstring_312(source: str, start) -> list[int]:
    line = source.splitlines()[start.start[0] - 1]
    return [start.start[0]] if TR_IN_FSTRING.search(line[start.start[1]:]) else []


def test_the_detector_finds_a_tr_call_in_an_fstring():
    assert fstring_tr_calls('x = f"<h3>{self.tr(\'The firm\')}</h3>"\n') == [1]
    assert fstring_tr_calls('label = self.tr("The firm")\nx = f"<h3>{label}</h3>"\n') == []


def test_no_tr_call_inside_an_fstring_in_the_app():
    bad = {p.name: lines for p in sorted(UI.glob("*.py"))
           if (lines := fstring_tr_calls(p.read_text(encoding="utf-8")))}
    assert not bad, f"tr() inside f-strings (lupdate skips them): {bad}"
