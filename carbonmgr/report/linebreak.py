"""Breaking Chinese lines in the PDF as Chinese is typeset: a line never begins with closing
punctuation (，。、；：！？）》」』”’ ...) nor ends with opening punctuation (（《“ ...).

reportlab's CJK wrapping (``wordWrap="CJK"``) cuts between any two characters and knows only some
of these marks: the full-width comma, semicolon, colon and closing title mark are not among them,
so a cell of the report could begin with "，首批）" or a lone "》"; and where two closing marks
follow each other ("（试行）》") it hangs the first in the margin and begins the next line with
the second. :func:`install` replaces its two splitting functions (the one for a paragraph of one
style, :func:`reportlab.lib.textsplit.dumbSplit`, and the one for mixed styles,
``reportlab.platypus.paragraph.cjkFragSplit``) with :func:`breaks`, which takes the characters
before such a mark down to the next line with it. Latin words within Chinese text are broken at a
space, or where the Chinese resumes, as reportlab does.
"""
from __future__ import annotations

from unicodedata import category

# what never begins a line: closing punctuation of Chinese and Latin text, and iteration and prolonged-sound marks
CANNOT_START = ("，。、；：！？）》」』】〕〉”’…·%‰℃°′″"
                "!),.:;?]}\uff3d\uff5d\u3005\u30fc")
# what never ends a line: opening punctuation
CANNOT_END = "（《「『【〔〈“‘([{\uff3b\uff5b"

_FUZZ = 1e-6


def _width(w, max_width: float) -> float:
    if hasattr(w, "normalizedValue"):  # reportlab's relative widths (images in a paragraph)
        w._normalizer = max_width
        return w.normalizedValue(max_width)
    return w


def breaks(chars, widths, max_widths, hard=None) -> list[tuple[int, int, float]]:
    """Where to break ``chars`` (a sequence of one-character strings, each ``widths`` wide) into
    lines of ``max_widths`` (the last applies to the rest): a list of ``(start, end, extra)``, the
    characters ``chars[start:end]`` on each line and the width left over. ``hard[i]`` is true
    where a line must end after character ``i`` (a ``<br/>``)."""
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    n = len(chars)
    out: list[tuple[int, int, float]] = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    while i < n:
        used += _width(widths[i], max_width)
        i += 1
        forced = bool(hard and hard[i - 1])
        if not forced and not (used > max_width + _FUZZ and used > 0):
            continue
        end = i
        if not forced and i - 1 > start:
            end = i - 1  # the character that does not fit goes to the next line ...
            if ord(chars[end][:1] or " ") < 0x3000:  # ... with its Latin word: back to a space or a Chinese character
                for j in range(end - 1, (start + end) // 2, -1):
                    cj = chars[j][:1]
                    if cj and (category(cj) == "Zs" or ord(cj) >= 0x3000):
                        end = j + 1
                        break
            b = end  # ... and with the characters before a closing mark, or after an opening one
            while b > start + 1 and (chars[b][:1] in CANNOT_START or chars[b - 1][-1:] in CANNOT_END):
                b -= 1
            if b > start + 1 or not (chars[b][:1] in CANNOT_START or chars[b - 1][-1:] in CANNOT_END):
                end = b
            else:  # a line of nothing but marks: let them hang in the margin instead
                end = i
                while end < n and chars[end][:1] in CANNOT_START and (not hard or not hard[end - 1]):
                    end += 1
        line_width = sum(_width(w, max_width) for w in widths[start:end])
        out.append((start, end, max_width - line_width))
        max_width = max_widths[min(len(out), len(max_widths) - 1)]
        start = i = end
        used = 0.0
    if start < n:
        out.append((start, n, max_width - sum(_width(w, max_width) for w in widths[start:n])))
    return out


def dumb_split(word, widths, max_widths):
    """:func:`reportlab.lib.textsplit.dumbSplit` (a paragraph of one style) by :func:`breaks`."""
    lines = breaks(word, widths, max_widths)
    return [[extra, word[s:e].strip() if k < len(lines) - 1 else word[s:e]]
            for k, (s, e, extra) in enumerate(lines)]


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):
    """``reportlab.platypus.paragraph.cjkFragSplit`` (a paragraph of mixed styles) by :func:`breaks`."""
    from reportlab.lib.utils import isBytes
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

    units = []
    for f in frags:
        text = f.text
        if isBytes(text):
            text = text.decode(encoding)
        if text:
            units.extend(cjkU(t, f, encoding) for t in text)
        else:
            units.append(cjkU(text, f, encoding))
    hard = [hasattr(u.frag, "lineBreak") for u in units]
    widths = [u.width for u in units]
    max_widths = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    lines = []
    spans = breaks(units, widths, max_widths, hard)
    for k, (s, e, extra) in enumerate(spans):
        max_width = max_widths[min(k, len(max_widths) - 1)]
        line_break = hard[e - 1] if e > s else False
        lines.append(makeCJKParaLine(units[s:e], max_width, max_width - extra, extra, line_break, calcBounds))
    return ParaLines(kind=1, lines=lines)


_installed = False


def install() -> None:
    """Make reportlab break Chinese lines by :func:`breaks` (once per process)."""
    global _installed
    if _installed:
        return
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    textsplit.dumbSplit = dumb_split
    paragraph.cjkFragSplit = cjk_frag_split
    _installed = True
