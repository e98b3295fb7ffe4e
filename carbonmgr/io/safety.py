"""Checks made on a workbook file before any parser sees it.

Everything here is quick and uses bounded memory: it reads the file's first bytes, the
zip central directory and the first few KB of each XML part, never a whole part.

* size cap, empty file, and what the file really is (zip, old .xls / encrypted Office
  file, PNG, PDF, text ...);
* zip bombs: member count, total uncompressed size and per-member compression ratio,
  as declared in the central directory.  Both readers used later (Python's ``zipfile``
  and calamine's Rust ``zip`` crate) refuse to inflate a member past its declared size,
  so the declared sizes bound the real work;
* XML entity expansion ("billion laughs"): Excel never writes a DTD, so any XML part
  whose head declares a DOCTYPE or an ENTITY is refused.
"""
from __future__ import annotations

import functools
import os
import re
import struct
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from carbonmgr.common.errors import Problem, column_letters
from carbonmgr.common.i18n import Message

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024  # the ratio cap applies to members larger than this
XML_HEAD_BYTES = 16 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
_MB = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")

# (magic prefix, kind of file: message workbook.kind.<kind>)
_KINDS = (
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
)


def _problem(code: str, **params) -> Problem:
    return Problem(code, params)


def _mb(n: int) -> str:
    return f"{n / _MB:.0f}" if n >= 10 * _MB else f"{n / _MB:.1f}"


def check_workbook_file(path: str | os.PathLike) -> list[Problem]:
    """Problems that forbid parsing ``path`` as an .xlsx case workbook (empty: go ahead)."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        return [_problem("workbook.file_missing", name=name)]
    except IsADirectoryError:
        return [_problem("workbook.file_is_folder", name=name)]
    except OSError as exc:
        return [_problem("workbook.file_unreadable", name=name, detail=exc.strerror or str(exc))]
    if size == 0:
        return [_problem("workbook.file_empty", name=name)]
    if size > MAX_FILE_BYTES:
        return [_problem("workbook.file_too_big", name=name, size_mb=_mb(size), limit_mb=_mb(MAX_FILE_BYTES))]
    if head.startswith(_OLE_MAGIC):
        return [_ole_problem(path, name)]
    if not head.startswith(_ZIP_MAGICS):
        return [_not_xlsx_problem(path, head, name)]
    return _check_zip(path, name)


def _check_zip(path: Path, name: str) -> list[Problem]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            problems = _check_members(infos, name)
            if not problems:
                problems = _check_parts(zf, infos, name)
            return problems
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, struct.error,
            NotImplementedError, RuntimeError):
        return [_problem("workbook.corrupt", name=name)]
    except OSError as exc:
        return [_problem("workbook.file_unreadable", name=name, detail=exc.strerror or str(exc))]


def _check_members(infos: list[zipfile.ZipInfo], name: str) -> list[Problem]:
    """Zip-bomb checks on the central directory (declared sizes)."""
    if len(infos) > MAX_MEMBERS:
        return [_problem("workbook.zip_members", name=name, count=len(infos), limit=MAX_MEMBERS)]
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        return [_problem("workbook.zip_total", name=name, size_mb=_mb(total),
                         limit_mb=_mb(MAX_TOTAL_UNCOMPRESSED))]
    for info in infos:
        if info.flag_bits & 0x1:
            return [_problem("workbook.encrypted", name=name)]
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return [_problem("workbook.zip_method", name=name, member=info.filename,
                             method=info.compress_type)]
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                return [_problem("workbook.zip_ratio", name=name, member=info.filename,
                                 ratio=f"{ratio:.0f}", size_mb=_mb(info.file_size), limit=MAX_RATIO)]
    return []


def _check_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> list[Problem]:
    """Is it a spreadsheet, and is every XML part free of DTDs?"""
    names = {i.filename for i in infos}
    if "mimetype" in names:
        with zf.open("mimetype") as fh:
            if b"opendocument.spreadsheet" in fh.read(100):
                return [_problem("workbook.ods", name=name)]
    lowered = {n.lower() for n in names}
    if "[content_types].xml" not in lowered or not any(n.endswith("workbook.xml") for n in lowered):
        return [_problem("workbook.not_workbook_zip", name=name)]
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES) and _has_dtd(zf, info):
            return [_problem("workbook.xml_dtd", name=name, member=info.filename)]
    return []


def _has_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True when the head of an XML part declares a DOCTYPE or an ENTITY.

    A DTD can only come before the root element, so the head suffices; a head that is
    all prolog (no root element start) is treated as suspicious too.
    """
    with zf.open(info) as fh:
        head = fh.read(XML_HEAD_BYTES)
    if b"\x00" in head[:200]:  # UTF-16: Excel writes UTF-8 only, but a parser would accept it
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    upper = head.upper()
    if any(marker in upper for marker in _DTD_MARKERS):
        return True
    return len(head) == XML_HEAD_BYTES and not _has_root_start(head)


def _has_root_start(head: bytes) -> bool:
    """Does ``head`` contain a start tag (``<`` followed by a name character)?"""
    pos = head.find(b"<")
    while pos >= 0 and pos + 1 < len(head):
        nxt = head[pos + 1:pos + 2]
        if nxt.isalpha() or nxt == b"_" or nxt[0] >= 0x80:
            return True
        pos = head.find(b"<", pos + 1)
    return False


def _ole_problem(path: Path, name: str) -> Problem:
    """An OLE2 compound file: an encrypted .xlsx, or an old .xls."""
    if _ole_has_stream(path, ("EncryptionInfo", "EncryptedPackage")):
        return _problem("workbook.encrypted", name=name)
    if _ole_has_stream(path, ("Workbook", "Book")):
        return _problem("workbook.legacy_xls", name=name)
    return _not_xlsx(name, "ole")


def _ole_has_stream(path: Path, names: tuple[str, ...]) -> bool:
    """Look for directory entries named ``names`` in the first directory sector(s)."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(512)
            shift = struct.unpack_from("<H", header, 30)[0]
            first_dir = struct.unpack_from("<I", header, 48)[0]
            if not 7 <= shift <= 16 or first_dir >= 0xFFFFFFFA:
                return False
            sector = 1 << shift
            fh.seek((first_dir + 1) * sector)
            directory = fh.read(max(sector, 4096))
    except (OSError, struct.error):
        return False
    return any(n.encode("utf-16-le") in directory for n in names)


def _not_xlsx_problem(path: Path, head: bytes, name: str) -> Problem:
    for magic, kind in _KINDS:
        if head.startswith(magic):
            return _not_xlsx(name, kind)
    with open(path, "rb") as fh:
        sample = fh.read(4096)
    if _looks_like_text(sample):
        low = sample.lstrip().lower()
        if low.startswith((b"<!doctype html", b"<html")):
            return _not_xlsx(name, "html")
        if low.startswith(b"<?xml"):
            return _not_xlsx(name, "xml")
        return _not_xlsx(name, "text")
    return _not_xlsx(name, "other")


def _not_xlsx(name: str, kind: str) -> Problem:
    return _problem("workbook.not_xlsx", name=name, kind=Message(f"workbook.kind.{kind}"))


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return sample.startswith((b"\xff\xfe", b"\xfe\xff"))
    for codec in ("utf-8", "gb18030"):
        try:
            sample.decode(codec)
            return True
        except UnicodeDecodeError as exc:
            if codec == "utf-8" and exc.start >= len(sample) - 3:  # cut inside a character
                return True
    return False


# --------------------------------------------------------------------------------------------
# Sheet extents: checked before the parser touches a sheet
# --------------------------------------------------------------------------------------------
# calamine turns a sheet into one dense grid from A1 to its farthest cell holding a value:
# a single value at XFD1048576 asks for 17 billion cells and aborts the process.  So each
# sheet that will be read is streamed first (bounded memory), and refused when its grid
# would be too large, or far larger than the cells it really holds.

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
MAX_SHEET_CELLS = 10_000_000  # grid cells (rows x columns from A1) a sheet may span
FREE_SHEET_CELLS = 1_000_000  # a grid this size is accepted however empty it is
SHEET_SPREAD = 8  # above FREE_SHEET_CELLS: at most this many grid cells per cell present
_EXTENT_CHUNK = 1 << 20
_EXTENT_MAX_CARRY = 16 << 20


@dataclass
class SheetExtent:
    """How far a sheet's cells reach: last row and column holding a value (1-based), and
    how many cells it holds (the quick scan counts every cell element, filled or not)."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    declared: str | None = None  # the <dimension ref> the file states, as written
    far_row: str = ""  # a cell on the last row (e.g. "A1048576")
    far_column: str = ""  # a cell in the last column (e.g. "XFD1")

    @property
    def grid(self) -> int:
        return self.rows * self.columns

    def fits(self) -> bool:
        return (self.rows <= EXCEL_ROWS and self.columns <= EXCEL_COLUMNS and self.grid <= MAX_SHEET_CELLS
                and self.grid <= max(FREE_SHEET_CELLS, SHEET_SPREAD * self.cells))


def check_sheet_extents(path: str | os.PathLike, parts: dict[str, str]) -> list[Problem]:
    """Problems of the sheets ``parts`` (sheet name -> zip member of its XML) whose grid is
    too large to read; empty when every sheet may be read."""
    problems = []
    with zipfile.ZipFile(path) as zf:
        for sheet, member in parts.items():
            extent = sheet_extent(zf, member)
            if not extent.fits():
                problems.append(_extent_problem(sheet, extent))
    return problems


def sheet_extent(zf: zipfile.ZipFile, member: str) -> SheetExtent:
    """The extent of one sheet: a quick streaming pass (byte counts and searches, an upper
    bound); when that bound is too large or the XML is laid out unusually, an exact pass
    that places every cell as calamine does."""
    quick = _quick_extent(zf, member)
    if quick is not None and quick.fits():
        return quick
    exact = _exact_extent(zf, member)
    exact.declared = quick.declared if quick is not None else None
    return exact


class _SheetTags:
    """Byte patterns of the sheet XML with the namespace prefix the file uses (often none)."""

    def __init__(self, prefix: bytes):
        p = prefix + b":" if prefix else b""
        self.colon = b":c" if not prefix else None
        self.c = b"<" + p + b"c"
        self.c_r = b"<" + p + b'c r="'
        self.data = b"<" + p + b"sheetData"
        self.dimension = re.compile(b"<" + re.escape(p) + rb'dimension\s+ref\s*=\s*["\']([^"\']{0,40})["\']')


_SHEET_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
_REF_PARTS = re.compile(rb"([A-Za-z]{1,9})([0-9]{1,12})")


def _read_ahead(fh, size: int) -> Iterator[bytes]:
    """``fh.read(size)`` chunk after chunk, the next one inflated in a worker thread while the caller
    works on the current one (zlib lets go of the GIL while it inflates: the sheet's bytes are searched
    on one core while they are inflated on the other)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = pool.submit(fh.read, size)
        while True:
            chunk = ahead.result()
            if not chunk:
                return
            ahead = pool.submit(fh.read, size)
            yield chunk


def _read_pieces(fh) -> Iterable[bytes]:
    """The stream in pieces that end after a '>' (so that no tag is cut in two)."""
    carry = b""
    chunks = _read_ahead(fh, _EXTENT_CHUNK)
    while True:
        chunk = next(chunks, b"")
        buf = carry + chunk if carry else chunk
        if not chunk:
            if buf:
                yield buf
            return
        end = buf.rfind(b">") + 1
        if end == 0:
            if len(buf) > _EXTENT_MAX_CARRY:
                yield buf  # no tag end in 16 MB: not a sheet Excel writes; let the caller see it
                carry = b""
            else:
                carry = buf
            continue
        yield buf[:end]
        carry = buf[end:]


def _quick_extent(zf: zipfile.ZipFile, member: str) -> SheetExtent | None:
    """An upper bound of the extent from one regex pass at C speed, which stops only at a
    cell beyond the bound found so far (none in a sheet written top to bottom), or None when
    a cell is written in a form this pass does not read (``r`` not first, single quotes, a
    namespace prefix ...). Rows are rounded up to 3 significant digits; ``cells`` is an
    estimate from the part's size (the exact pass counts them): a sheet that passes on it
    still spans at most MAX_SHEET_CELLS."""
    extent = SheetExtent()
    tags: _SheetTags | None = None
    in_data = False
    size = 0
    with zf.open(member) as fh:
        for piece in _read_pieces(fh):
            size += len(piece)
            if tags is None:
                match = _SHEET_ROOT.search(piece[:8192])
                tags = _SheetTags(match.group(1) if match and match.group(1) else b"")
            start = 0
            if not in_data:
                pos = piece.find(tags.data)
                if extent.declared is None:
                    dim = tags.dimension.search(piece, 0, pos if pos >= 0 else len(piece))
                    if dim:
                        extent.declared = dim.group(1).decode("ascii", "replace")
                if pos < 0:
                    continue
                in_data, start = True, pos + len(tags.data)
            colon = piece.find(b":", start) if tags.colon is not None else -1  # one byte: a memchr
            if colon >= 0:
                colon = piece.find(tags.colon, colon)
            if colon >= 0 and _COLON_CELL.search(piece, colon):
                return None  # perhaps a cell with a namespace prefix: the exact pass
            if not _grow(piece, start, tags, extent):
                return None
    extent.rows = _round_up(extent.rows)
    extent.cells = size // _BYTES_PER_CELL  # the bytes really read, not the size the zip declares
    return extent


_BYTES_PER_CELL = 16  # XML bytes of a small cell holding a value (<c r="D2"><v>7</v></c> is 22)
_COLON_CELL = re.compile(rb":c[\s/>]")
_SIGNIFICANT = 3


def _grow(piece: bytes, start: int, tags: _SheetTags, extent: SheetExtent) -> bool:
    """Raise ``extent``'s last row and column to the farthest refs in ``piece[start:]``;
    False when a cell is not written ``<c r="A1"``."""
    last = piece.rfind(tags.c_r, start)
    if last >= 0 and not _take(piece, last + len(tags.c_r), extent):
        return False
    pos = start
    while True:
        m = _beyond(tags.c, _round_up(extent.rows), extent.columns).search(piece, pos)
        if m is None:
            return True
        if not piece.startswith(b' r="', m.end()) or not _take(piece, m.end() + 4, extent):
            return False
        pos = m.end()


def _round_up(n: int) -> int:
    """``n`` rounded up to _SIGNIFICANT significant digits (200001 -> 200999)."""
    s = str(n)
    return n if len(s) <= _SIGNIFICANT else int(s[:_SIGNIFICANT] + "9" * (len(s) - _SIGNIFICANT))


@functools.lru_cache(maxsize=256)
def _beyond(c_tag: bytes, rows: int, columns: int) -> re.Pattern:
    """A cell tag that is not ``<c r="..."`` with a reference within ``rows`` and ``columns``."""
    letters = _at_most_letters(column_letters(columns - 1)) if columns else b"(?!)"
    # lower-case letters or leading zeros stop the search too (and are read by _take)
    return re.compile(re.escape(c_tag) + rb'(?! r="' + letters + _at_most_number(rows) + rb'")(?=[\s/>])')


def _at_most_number(n: int) -> bytes:
    """A regex for the decimal numbers 0..``n`` (``n`` with at most _SIGNIFICANT significant
    digits, the rest nines, as :func:`_round_up` makes it)."""
    s = str(n).encode()
    alts = []
    top = s[:_SIGNIFICANT]
    tail = len(s) - len(top)
    for i, d in enumerate(top):
        if d > ord("0"):
            rest = len(top) - i - 1 + tail
            alts.append(top[:i] + b"[0-%c]" % (d - 1) + (b"[0-9]{%d}" % rest if rest else b""))
    alts.append(top + (b"[0-9]{%d}" % tail if tail else b""))
    if len(s) > 1:  # shorter numbers last: most rows of a long sheet have as many digits as its last
        alts.append(b"[0-9]{1,%d}+" % (len(s) - 1))
    return b"(?:" + b"|".join(alts) + b")"


def _at_most_letters(letters: str) -> bytes:
    """A regex for the column letters (upper case) up to ``letters``."""
    s = letters.encode()
    alts = [b"[A-Z]{1,%d}" % (len(s) - 1)] if len(s) > 1 else []
    for i, ch in enumerate(s):
        if ch > ord("A"):
            rest = len(s) - i - 1
            alts.append(s[:i] + b"[A-%c]" % (ch - 1) + (b"[A-Z]{%d}" % rest if rest else b""))
    alts.append(s)
    return b"(?:" + b"|".join(alts) + b")"


def _take(piece: bytes, at: int, extent: SheetExtent) -> bool:
    close = piece.find(b'"', at, at + 24)
    m = _REF_PARTS.fullmatch(piece, at, close) if close >= 0 else None
    if m is None:
        return False  # not a plain cell reference: the exact pass judges it
    _place(extent, _letters_index(m.group(1)), int(m.group(2)))
    return True


def _place(extent: SheetExtent, column: int, row: int) -> None:
    if row > extent.rows:
        extent.rows, extent.far_row = row, column_letters(column - 1) + str(row)
    if column > extent.columns:
        extent.columns, extent.far_column = column, column_letters(column - 1) + str(row)


def _letters_index(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


_TOKEN = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(sheetData|row|c|v|is)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])\s*([^"']*?)\s*\1""")


def _exact_extent(zf: zipfile.ZipFile, member: str) -> SheetExtent:
    """The extent as calamine sees it: a cell counts when it holds a value (<v> or <is>);
    its place is its ``r``, or the next column of its row (the row's ``r``, or the next row)."""
    extent = SheetExtent()
    in_data = False
    row = col = 0  # 1-based; 0: before the first
    pending: tuple[int, int] | None = None  # an open <c> whose value is not seen yet
    with zf.open(member) as fh:
        for piece in _read_pieces(fh):
            for m in _TOKEN.finditer(piece):
                closing, name, attrs = m.group(1), m.group(2), m.group(3)
                if name == b"sheetData":
                    if closing:
                        return extent
                    in_data = True
                    continue
                if not in_data:
                    continue
                if closing:
                    if name == b"c":
                        pending = None
                    continue
                if name == b"row":
                    r = _R_ATTR.search(attrs)
                    row = int(r.group(2)) if r and r.group(2).isdigit() else row + 1
                    col = 0
                elif name == b"c":
                    r = _R_ATTR.search(attrs)
                    ref = _REF_PARTS.fullmatch(r.group(2)) if r else None
                    if ref is not None:
                        col, cell_row = _letters_index(ref.group(1)), int(ref.group(2))
                    else:
                        col, cell_row = col + 1, max(row, 1)
                    pending = None if attrs.rstrip().endswith(b"/") else (col, cell_row)
                elif pending is not None:  # <v> or <is>: the open cell holds a value
                    _place(extent, *pending)
                    extent.cells += 1
                    pending = None
    return extent


def _extent_problem(sheet: str, extent: SheetExtent) -> Problem:
    """A located problem: the sheet, and its farthest cell when a stray value is the cause."""
    if extent.rows > EXCEL_ROWS or extent.columns > EXCEL_COLUMNS:
        code, far = "workbook.sheet_beyond_grid", (extent.far_row if extent.rows > EXCEL_ROWS
                                                   else extent.far_column)
    elif extent.grid > max(FREE_SHEET_CELLS, SHEET_SPREAD * extent.cells):
        code, far = "workbook.sheet_mostly_empty", (extent.far_row if extent.rows >= extent.columns
                                                    else extent.far_column)
    else:
        code, far = "workbook.sheet_too_large", ""
    params = {"rows": f"{extent.rows:,}", "columns": f"{extent.columns:,}", "grid": f"{extent.grid:,}",
              "cells": f"{extent.cells:,}", "limit": f"{MAX_SHEET_CELLS:,}", "declared": extent.declared or "-"}
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", far)
    if m is None:
        return Problem(code, params, sheet)
    return Problem(code, params, sheet, int(m.group(2)), m.group(1))
