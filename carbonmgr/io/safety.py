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

import os
import struct
import zipfile
import zlib
from pathlib import Path

from carbonmgr.common.errors import Problem

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

# (magic prefix, English description, Chinese description)
_KINDS = (
    (b"\x89PNG", "a PNG image", "PNG 图片"),
    (b"\xff\xd8\xff", "a JPEG image", "JPEG 图片"),
    (b"GIF8", "a GIF image", "GIF 图片"),
    (b"%PDF", "a PDF document", "PDF 文档"),
    (b"Rar!", "a RAR archive", "RAR 压缩包"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "7-Zip 压缩包"),
    (b"\x1f\x8b", "a gzip archive", "gzip 压缩包"),
    (b"{\\rtf", "an RTF document", "RTF 文档"),
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
    return _problem("workbook.not_xlsx", name=name, kind="an old-format Office document",
                    kind_zh="旧版 Office 文档")


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
    for magic, kind, kind_zh in _KINDS:
        if head.startswith(magic):
            return _problem("workbook.not_xlsx", name=name, kind=kind, kind_zh=kind_zh)
    with open(path, "rb") as fh:
        sample = fh.read(4096)
    if _looks_like_text(sample):
        low = sample.lstrip().lower()
        if low.startswith((b"<!doctype html", b"<html")):
            return _problem("workbook.not_xlsx", name=name, kind="a web page (HTML)", kind_zh="网页（HTML）")
        if low.startswith(b"<?xml"):
            return _problem("workbook.not_xlsx", name=name, kind="an XML file", kind_zh="XML 文件")
        return _problem("workbook.not_xlsx", name=name, kind="a text file (CSV?)", kind_zh="文本文件（CSV？）")
    return _problem("workbook.not_xlsx", name=name, kind="a file of another type", kind_zh="其他类型的文件")


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
