"""File names made from a user's text (a trainee's name, an exam's or a case's title): one rule,
safe on Windows, macOS and Linux."""
from __future__ import annotations

import re

# What Windows refuses in a name (<>:"/\|?*), control characters, the marks that turn text
# around (a name could show another suffix than it has) and white space: each run becomes one separator.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\s]+')
# Names Windows keeps for devices, also with any suffix (CON.txt): the part before the first dot.
RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"{dev}{n}" for dev in ("COM", "LPT") for n in "123456789¹²³")})
# A stem is cut to this many bytes (UTF-8) too, so that a suffix still fits the usual 255.
MAX_STEM_BYTES = 180


def safe_file_stem(text: str | None, fallback: str = "file", *, sep: str = "_", limit: int = 80) -> str:
    """``text`` as the stem of a file name (the caller adds the suffix): each run of white space
    and of characters a file system refuses becomes ``sep``; dots, spaces and "_" are dropped at
    both ends (Windows drops a trailing dot or space); letters of any script, digits and other
    punctuation are kept. At most ``limit`` characters and :data:`MAX_STEM_BYTES` bytes; a device
    name of Windows (CON, NUL, COM1 …) gets a "_" after it; ``fallback`` when nothing is left."""
    stem = _UNSAFE.sub(sep, text or "").strip(" ._")
    reserved = stem.partition(".")[0].upper() in RESERVED
    limit -= reserved  # room for the "_"
    max_bytes = MAX_STEM_BYTES - reserved
    if len(stem) > limit or len(stem.encode("utf-8")) > max_bytes:
        stem = stem[:limit]
        while len(stem.encode("utf-8")) > max_bytes:
            stem = stem[:-1]
        stem = stem.rstrip(" ._-")
    if reserved:
        head, dot, rest = stem.partition(".")
        stem = f"{head}_{dot}{rest}"
    return stem or fallback
