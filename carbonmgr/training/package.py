"""Exam packages (``.cmexam``): what a trainee gets for an exam, and never the key.

A package holds the brief (title, story, task in Chinese and English), the source
documents (the sheets the trainee builds the inventory from), the given data (the rows
of the case sheets the trainee starts with) and the settings (time limit, hand
calculation), with its ids: ``package_id`` (a digest of everything the trainee sees, so
that a package changed after it was made, or a submission to another package, is
noticed), ``exam_id`` (the same for every variant drawn from one key) and ``variant``.

The file is a zip holding two members: ``mimetype`` (``application/x-carbonmgr-exam``)
and ``exam.json`` (the content, UTF-8). A package is untrusted input (it travels on USB
sticks and shared drives): :func:`read_package` bounds the file, the zip and the JSON before
reading them and checks every field, and a problem is reported with where it is in the
package (``documents › 2 › rows › 12``) in the user's language.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carbonmgr import __version__
from carbonmgr.common.errors import ProblemError
from carbonmgr.common.filenames import safe_file_stem
from carbonmgr.common.i18n import Message

EXAM_SUFFIX = ".cmexam"
MIMETYPE = "application/x-carbonmgr-exam"
FORMAT_VERSION = 1
CONTENT_NAME = "exam.json"

MAX_PACKAGE_BYTES = 50 * 1024 * 1024
MAX_CONTENT_BYTES = 64 * 1024 * 1024  # exam.json, uncompressed
MAX_MIMETYPE_BYTES = 256
MAX_RATIO = 200  # compression ratio of a member larger than 1 MB
MAX_DOCUMENTS = 100
MAX_SHEETS = 10  # given case sheets
MAX_ROWS = 20_000  # rows of one document or given sheet
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000  # cells of the whole package
MAX_TEXT = 20_000  # characters of one text cell or field
MAX_BRIEF = 200  # brief entries
SETTING_KEYS = ("time_limit", "hand_calculation", "mode")
MAX_TIME_LIMIT = 24 * 60  # minutes

Cell = Any  # str | int | float | bool | None


class PackageError(ProblemError):
    """An exam package cannot be read or written (message id + params, located in the package)."""


@dataclass
class ExamDocument:
    """A source document: one sheet of cells, shown read-only as in Excel."""

    sheet: str
    title: str = ""
    title_en: str = ""
    kind: str = ""
    rows: list[list[Cell]] = field(default_factory=list)

    def display_title(self, lang: str) -> str:
        if lang == "en":
            return self.title_en or self.title or self.sheet
        return self.title or self.title_en or self.sheet


@dataclass
class GivenSheet:
    """Rows of a case sheet the trainee starts with (its header row first)."""

    sheet: str  # canonical case sheet: Case, Facilities, Activities, Instruments, Equipment
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class ExamPackage:
    brief: list[dict] = field(default_factory=list)  # {"key", "zh", "en", "value"}
    settings: dict = field(default_factory=dict)  # time_limit (minutes or None), hand_calculation, mode
    documents: list[ExamDocument] = field(default_factory=list)
    given: list[GivenSheet] = field(default_factory=list)
    exam_id: str = ""
    variant: int | None = None
    package_id: str = ""
    created_at: str = ""
    app_version: str = __version__

    # ------------------------------------------------------------- reading it
    def text(self, key: str, lang: str) -> str:
        """A brief entry (title, story, task ...) in ``lang`` (the other language when it is empty)."""
        for entry in self.brief:
            if entry.get("key") == key:
                first, other = ("en", "zh") if lang == "en" else ("zh", "en")
                value = entry.get(first) or entry.get(other) or entry.get("value")
                return "" if value is None else str(value)
        return ""

    def title(self, lang: str) -> str:
        return self.text("title", lang)

    @property
    def time_limit(self) -> int | None:
        """Minutes the trainee has (None: no limit)."""
        value = self.settings.get("time_limit")
        return int(value) if value else None

    @property
    def hand_calculation(self) -> bool:
        return bool(self.settings.get("hand_calculation"))

    def identity(self) -> dict:
        """What a submission records of the package it answers."""
        return {"package_id": self.package_id, "exam_id": self.exam_id, "variant": self.variant,
                "title": self.title("zh") or self.title("en")}

    def content(self) -> dict:
        """Everything the trainee sees (the part the package id is a digest of)."""
        limit = self.settings.get("time_limit")
        return {
            "brief": [{"key": str(e.get("key") or ""), "zh": str(e.get("zh") or ""), "en": str(e.get("en") or ""),
                       "value": _json_value(e.get("value"))} for e in self.brief],
            "settings": {"time_limit": int(limit) if limit else None,
                         "hand_calculation": bool(self.settings.get("hand_calculation")),
                         "mode": str(self.settings.get("mode")) if self.settings.get("mode") else None},
            "documents": [{"sheet": d.sheet, "title": d.title or "", "title_en": d.title_en or "",
                           "kind": d.kind or "", "rows": d.rows} for d in self.documents],
            "given": [{"sheet": g.sheet, "rows": g.rows} for g in self.given],
        }

    def seal_id(self) -> "ExamPackage":
        """Set ``package_id`` from the content (and ``exam_id`` to it when none was given)."""
        self.package_id = content_id(self.content())
        if not self.exam_id:
            self.exam_id = self.package_id
        return self

    def to_json(self) -> dict:
        return {"format": "carbonmgr-exam", "version": FORMAT_VERSION, "package_id": self.package_id,
                "exam_id": self.exam_id, "variant": self.variant, "created_at": self.created_at,
                "app_version": self.app_version, **self.content()}


def _json_value(value: Any) -> Cell:
    """A cell as a JSON value: dates and times as ISO text, integral floats as ints."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return int(value) if value.is_integer() and abs(value) < 2 ** 53 else value
    if isinstance(value, int):
        return value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):
        return _json_value(value.item())
    return str(value)


def grid(rows) -> list[list[Cell]]:
    """Rows of cell values as JSON cells, trailing empty cells and rows dropped."""
    out = [[_json_value(v) for v in row] for row in rows]
    for row in out:
        while row and row[-1] in (None, ""):
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


def content_id(content: dict) -> str:
    body = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(b"carbonmgr-exam\x00" + body.encode("utf-8")).hexdigest()[:20]


# ------------------------------------------------------------------ writing

def write_package(package: ExamPackage, path: str | Path, *, overwrite: bool = False) -> Path:
    """Write ``package`` to ``path`` (atomically; its id is set from its content)."""
    from carbonmgr.io.fileio import atomic_write

    path = Path(path)
    if path.exists() and not overwrite:
        raise PackageError("exam.exists", path=str(path))
    package.seal_id()
    if not package.created_at:
        package.created_at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    body = json.dumps(package.to_json(), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    if len(body) > MAX_CONTENT_BYTES:
        raise PackageError("exam.pkg.too_much", path=str(path), limit_mb=MAX_CONTENT_BYTES // 2**20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", (1980, 1, 1, 0, 0, 0)), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        zf.writestr(zipfile.ZipInfo(CONTENT_NAME, (1980, 1, 1, 0, 0, 0)), body, compress_type=zipfile.ZIP_DEFLATED)
    with atomic_write(path) as tmp:
        tmp.write_bytes(buf.getvalue())
    return path


# ------------------------------------------------------------------ reading

def read_package(path: str | Path) -> ExamPackage:
    """Read and check an exam package; raise :class:`PackageError` naming the file and the place."""
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            raise PackageError("exam.file_is_folder", path=name)
        size = path.stat().st_size
    except FileNotFoundError:
        raise PackageError("exam.file_missing", path=name) from None
    except OSError as exc:
        raise PackageError("exam.file_unreadable", path=name, detail=exc.strerror or str(exc)) from None
    if size > MAX_PACKAGE_BYTES:
        raise PackageError("exam.pkg.too_large", path=name, size_mb=f"{size / 2**20:.0f}",
                           limit_mb=MAX_PACKAGE_BYTES // 2**20)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
            if head != b"PK\x03\x04":
                raise PackageError("exam.pkg.not_a_package", path=name)
            fh.seek(0)
            data = fh.read(MAX_PACKAGE_BYTES + 1)
    except OSError as exc:
        raise PackageError("exam.file_unreadable", path=name, detail=exc.strerror or str(exc)) from None
    body = _content_bytes(data, name)
    try:
        raw = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError("exam.pkg.bad_json", path=name) from None
    return _package_from(raw, name)


def _no_constant(token: str):
    raise ValueError(token)  # NaN / Infinity are no numbers of a package


def _content_bytes(data: bytes, name: str) -> bytes:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise PackageError("exam.pkg.not_a_package", path=name) from None
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        if sorted(names) != sorted(["mimetype", CONTENT_NAME]) or len(infos) != 2:
            raise PackageError("exam.pkg.not_a_package", path=name)
        try:
            info = zf.getinfo("mimetype")
            if info.file_size > MAX_MIMETYPE_BYTES or zf.read(info).decode("ascii", "replace").strip() != MIMETYPE:
                raise PackageError("exam.pkg.not_a_package", path=name)
            info = zf.getinfo(CONTENT_NAME)
            if info.file_size > MAX_CONTENT_BYTES or (
                    info.file_size > 2**20 and info.file_size > MAX_RATIO * max(1, info.compress_size)):
                raise PackageError("exam.pkg.too_much", path=name, limit_mb=MAX_CONTENT_BYTES // 2**20)
            with zf.open(info) as fh:
                body = fh.read(MAX_CONTENT_BYTES + 1)
        except PackageError:
            raise
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError, KeyError):
            raise PackageError("exam.pkg.not_a_package", path=name) from None
        except Exception:  # noqa: BLE001 - zlib.error and the like of a damaged member
            raise PackageError("exam.pkg.not_a_package", path=name) from None
    if len(body) > MAX_CONTENT_BYTES:
        raise PackageError("exam.pkg.too_much", path=name, limit_mb=MAX_CONTENT_BYTES // 2**20)
    return body


class _Checker:
    """Checks the JSON of a package field by field; the first problem is raised, located."""

    def __init__(self, name: str):
        self.name = name
        self.cells = 0

    def fail(self, where: tuple, expected: str):
        raise PackageError("exam.pkg.bad_field", path=self.name, where=" › ".join(str(w) for w in where) or "-",
                           expected=Message(f"exam.expected.{expected}"))

    def obj(self, value, where) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "object")
        return value

    def array(self, value, where, limit: int) -> list:
        if not isinstance(value, list):
            self.fail(where, "list")
        if len(value) > limit:
            raise PackageError("exam.pkg.too_many", path=self.name, where=" › ".join(map(str, where)), limit=limit)
        return value

    def text(self, value, where, *, optional=True) -> str:
        if value is None and optional:
            return ""
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            self.fail(where, "text")
        return value

    def cell(self, value, where) -> Cell:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            if isinstance(value, int) and abs(value) > 2 ** 63:
                self.fail(where, "cell")
            return value
        if isinstance(value, str) and len(value) <= MAX_TEXT:
            return value
        self.fail(where, "cell")

    def rows(self, value, where) -> list[list[Cell]]:
        rows = self.array(value, where, MAX_ROWS)
        out = []
        for r, row in enumerate(rows, start=1):
            row = self.array(row, (*where, r), MAX_COLUMNS)
            self.cells += len(row)
            if self.cells > MAX_CELLS:
                raise PackageError("exam.pkg.too_many", path=self.name, where=" › ".join(map(str, where)),
                                   limit=MAX_CELLS)
            out.append([self.cell(v, (*where, r, _col(c))) for c, v in enumerate(row)])
        return out


def _col(index: int) -> str:
    from carbonmgr.common.errors import column_letters

    return column_letters(index)


def _package_from(raw: Any, name: str) -> ExamPackage:
    ck = _Checker(name)
    top = ck.obj(raw, ())
    if top.get("format") != "carbonmgr-exam":
        raise PackageError("exam.pkg.not_a_package", path=name)
    version = top.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        ck.fail(("version",), "whole_number")
    if version > FORMAT_VERSION:
        raise PackageError("exam.pkg.newer_format", path=name, found=version, supported=FORMAT_VERSION)
    ids = {}
    for key in ("package_id", "exam_id"):
        value = ck.text(top.get(key), (key,), optional=False)
        if not value or len(value) > 64 or not all(ch in "0123456789abcdef" for ch in value):
            ck.fail((key,), "id")
        ids[key] = value
    variant = top.get("variant")
    if variant is not None and (not isinstance(variant, int) or isinstance(variant, bool) or not 0 < variant < 100_000):
        ck.fail(("variant",), "whole_number")
    brief = []
    for i, entry in enumerate(ck.array(top.get("brief"), ("brief",), MAX_BRIEF), start=1):
        entry = ck.obj(entry, ("brief", i))
        key = ck.text(entry.get("key"), ("brief", i, "key"), optional=False)
        brief.append({"key": key, "zh": ck.text(entry.get("zh"), ("brief", i, "zh")),
                      "en": ck.text(entry.get("en"), ("brief", i, "en")),
                      "value": ck.cell(entry.get("value"), ("brief", i, "value"))})
    settings_raw = ck.obj(top.get("settings"), ("settings",))
    settings: dict[str, Any] = {}
    limit = settings_raw.get("time_limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))
                              or not 0 <= limit <= MAX_TIME_LIMIT):
        ck.fail(("settings", "time_limit"), "minutes")
    settings["time_limit"] = int(limit) if limit else None
    hand = settings_raw.get("hand_calculation")
    if hand is not None and not isinstance(hand, bool):
        ck.fail(("settings", "hand_calculation"), "yes_no")
    settings["hand_calculation"] = bool(hand)
    mode = settings_raw.get("mode")
    settings["mode"] = ck.text(mode, ("settings", "mode")) or None
    documents = []
    for i, doc in enumerate(ck.array(top.get("documents"), ("documents",), MAX_DOCUMENTS), start=1):
        doc = ck.obj(doc, ("documents", i))
        sheet = ck.text(doc.get("sheet"), ("documents", i, "sheet"), optional=False)
        if not sheet.strip() or len(sheet) > 31 or any(ch in sheet for ch in "[]:*?/\\") or sheet.startswith("'"):
            ck.fail(("documents", i, "sheet"), "sheet_name")
        documents.append(ExamDocument(
            sheet, ck.text(doc.get("title"), ("documents", i, "title")),
            ck.text(doc.get("title_en"), ("documents", i, "title_en")),
            ck.text(doc.get("kind"), ("documents", i, "kind")), ck.rows(doc.get("rows"), (sheet,))))
    if len({d.sheet for d in documents}) != len(documents):
        ck.fail(("documents",), "unique_sheets")
    given = []
    for i, sheet in enumerate(ck.array(top.get("given"), ("given",), MAX_SHEETS), start=1):
        sheet = ck.obj(sheet, ("given", i))
        sname = ck.text(sheet.get("sheet"), ("given", i, "sheet"), optional=False)
        if sname not in GIVEN_SHEETS:
            ck.fail(("given", i, "sheet"), "case_sheet")
        given.append(GivenSheet(sname, ck.rows(sheet.get("rows"), ("given", sname))))
    pkg = ExamPackage(brief=brief, settings=settings, documents=documents, given=given, exam_id=ids["exam_id"],
                      variant=variant, package_id=ids["package_id"],
                      created_at=ck.text(top.get("created_at"), ("created_at",))[:40],
                      app_version=ck.text(top.get("app_version"), ("app_version",))[:40])
    if content_id(pkg.content()) != pkg.package_id:
        raise PackageError("exam.pkg.changed", path=name)
    return pkg


GIVEN_SHEETS = ("Case", "Facilities", "Activities", "Instruments", "Equipment")


def given_workbook(package: ExamPackage, path: str | Path, *, lang: str = "zh") -> Path | None:
    """Write the given rows as a case workbook (the trainee's starting point; read back by the
    ordinary case-workbook reader, which checks them). None when nothing is given."""
    if not package.given:
        return None
    from openpyxl import Workbook

    from carbonmgr.io.fileio import atomic_write

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in package.given:
        ws = wb.create_sheet(sheet.sheet)
        for row in sheet.rows:
            ws.append(row)
    path = Path(path)
    with atomic_write(path) as tmp:
        wb.save(tmp)
    return path


# ------------------------------------------------------------------ from an exercise

def given_grids(case) -> list[GivenSheet]:
    """The case sheets of ``case`` (the trainee's starting case) as rows of cells, as the case
    workbook writer writes them (so that the case workbook reader reads them back)."""
    import copy
    import tempfile

    from openpyxl import load_workbook

    from carbonmgr.io.workbook import write_case

    case = copy.copy(case)
    case.documents = {}
    with tempfile.TemporaryDirectory(prefix="carbonmgr-exam-") as folder:
        path = Path(folder) / "given.xlsx"
        write_case(case, path, lang="en")
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            out = []
            for ws in book.worksheets:
                if ws.title in GIVEN_SHEETS:
                    out.append(GivenSheet(ws.title, grid(ws.iter_rows(values_only=True))))
        finally:
            book.close()
    return out


def package_from_exercise(exercise, *, exam_id: str = "", variant: int | None = None) -> ExamPackage:
    """The package of an exercise (a :class:`carbonmgr.training.exercise.Exercise`, with the values
    of its variables set): its brief, documents, starting case and settings, never its key."""
    import math

    b = exercise.brief
    brief = [{"key": "title", "zh": b.title.get("zh", ""), "en": b.title.get("en", ""), "value": None}]
    for part in ("story", "task"):
        brief += [{"key": part, "zh": p.get("zh", ""), "en": p.get("en", ""), "value": None}
                  for p in getattr(b, part)]
    settings = {"time_limit": int(math.ceil(b.time_limit)) if b.time_limit else None,
                "hand_calculation": bool(b.hand_calculation), "mode": "exam"}
    documents = [ExamDocument(d.sheet, d.title or "", d.title_en or "", d.kind or "", grid(d.rows))
                 for d in exercise.documents]
    pkg = ExamPackage(brief=brief, settings=settings, documents=documents,
                      given=given_grids(exercise.starting_case()), exam_id=exam_id, variant=variant)
    return pkg.seal_id()


def package_id(exercise) -> str:
    """The id of the package made from ``exercise`` as it is (the key of a variant: that variant's)."""
    return package_from_exercise(exercise).package_id


def draw_values(variables, seed: int | str, variant: int) -> dict[str, float]:
    """Values of the variables for one variant: uniform within [min, max], rounded to each
    variable's decimals, the same for the same seed and variant number."""
    import random

    rng = random.Random(f"carbonmgr-exam:{seed}:{variant}")
    out: dict[str, float] = {}
    for v in variables:
        low, high, dec = float(v.min), float(v.max), int(v.decimals)
        x = round(rng.uniform(low, high), dec) if high > low else round(low, dec)
        step = 10.0 ** -dec
        if x > high:
            x = round(x - step, dec)
        if x < low:
            x = round(x + step, dec)
        x = min(max(x, low), high) if not low <= x <= high else x
        out[v.name] = int(x) if dec == 0 else x
    return out


@dataclass
class Variant:
    number: int
    package: Path
    key: Path
    package_id: str
    values: dict[str, float]


@dataclass
class PackResult:
    exam_id: str
    packages: list[Path] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    manifest: Path | None = None


MAX_VARIANTS = 1000


def pack(key_path: str | Path, output: str | Path, *, variants: int | None = None, seed: int | str | None = None,
         overwrite: bool = False, lang: str = "zh") -> PackResult:
    """Make the exam package of an exercise workbook (the key) at ``output``; with ``variants``,
    ``output`` is a folder that receives one package per variant, beside it that variant's key
    (the exercise workbook with the drawn values and its results recomputed by the engine) and a
    manifest (``manifest.csv``: variant -> files)."""
    from carbonmgr.training.exercise import instantiate, read_exercise

    key_path = Path(key_path)
    output = Path(output)
    exercise = read_exercise(key_path)
    base = package_from_exercise(exercise)
    if not variants:
        if output.exists() and not overwrite:
            raise PackageError("exam.exists", path=str(output))
        write_package(base, output, overwrite=True)
        return PackResult(base.exam_id, [output])
    if not 1 <= variants <= MAX_VARIANTS:
        raise PackageError("exam.pack.bad_variants", count=variants, limit=MAX_VARIANTS)
    if output.exists() and not output.is_dir():
        raise PackageError("exam.pack.not_a_folder", path=str(output))
    seed = 0 if seed is None else seed
    stem = safe_file_stem(key_path.stem, "exam", limit=60)
    plans = []
    for n in range(1, variants + 1):
        pkg_path = output / f"{stem}-v{n:02d}{EXAM_SUFFIX}"
        key_out = output / f"{stem}-v{n:02d}-key.xlsx"
        for p in (pkg_path, key_out):
            if p.exists() and not overwrite:
                raise PackageError("exam.exists", path=str(p))
        plans.append((n, pkg_path, key_out))
    manifest = output / "manifest.csv"
    if manifest.exists() and not overwrite:
        raise PackageError("exam.exists", path=str(manifest))
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from carbonmgr.io.fileio import write_error

        raise write_error(output / "manifest.csv", exc) from None
    result = PackResult(base.exam_id, manifest=manifest)
    for n, pkg_path, key_out in plans:
        values = draw_values(exercise.variables, seed, n)
        inst = instantiate(exercise, values)
        pkg = package_from_exercise(inst, exam_id=base.exam_id, variant=n)
        write_package(pkg, pkg_path, overwrite=True)
        write_variant_key(key_path, inst, key_out, lang=lang)
        result.packages.append(pkg_path)
        result.variants.append(Variant(n, pkg_path, key_out, pkg.package_id, values))
    _write_manifest(manifest, result, [v.name for v in exercise.variables], lang)
    return result


def write_variant_key(source: str | Path, exercise, path: str | Path, *, lang: str = "zh") -> Path:
    """A copy of the key workbook ``source`` whose Variables sheet holds this variant's values
    (so that reading it gives this variant), with a sheet of the key's results recomputed by the
    engine for those values (each line's t CO2e and the totals)."""
    from openpyxl import load_workbook

    from carbonmgr.common.i18n import translate
    from carbonmgr.inventory.engine import compute
    from carbonmgr.io.fileio import atomic_write
    from carbonmgr.io.workbook import safe_row
    from carbonmgr.training.exercise import TRAINER_COLUMNS, column_matches, match_trainer_sheet

    book = load_workbook(source)
    try:
        for ws in book.worksheets:
            if match_trainer_sheet(ws.title) != "Variables":
                continue
            header = [c.value for c in ws[1]]
            cols = {}
            for field_name in ("name", "value"):
                aliases = TRAINER_COLUMNS["Variables"][field_name][0]
                cols[field_name] = next((i for i, h in enumerate(header)
                                         if h is not None and column_matches(h, field_name, *aliases)), None)
            if cols["name"] is None or cols["value"] is None:
                continue
            for row in ws.iter_rows(min_row=2):
                name = row[cols["name"]].value if cols["name"] < len(row) else None
                if isinstance(name, str) and name.strip() in exercise.values:
                    ws.cell(row=row[0].row, column=cols["value"] + 1, value=exercise.values[name.strip()])
        title = translate("exam.key.sheet", lang)
        if title in book.sheetnames:
            del book[title]
        ws = book.create_sheet(title)
        inv = compute(exercise.key)
        ws.append(safe_row(ws, [translate(f"exam.key.col.{k}", lang) for k in
                                ("row", "facility", "source", "item", "quantity", "unit", "tco2e")]))
        for line in inv.lines():
            ws.append(safe_row(ws, [line.get("row"), line.get("facility"),
                                    translate(f"source.{line['source']}", lang), line.get("item"),
                                    line.get("quantity"), line.get("unit"), line.get("tco2e")]))
        ws.append([])
        for k in ("total", "scope1", "scope2_location", "scope2_market", "scope3"):
            if k in inv.totals:
                ws.append(safe_row(ws, [translate(f"cli.label.{k}", lang), None, None, None, None, "t CO2e",
                                        inv.totals[k]]))
        with atomic_write(path) as tmp:
            book.save(tmp)
    finally:
        book.close()
    return Path(path)


def _write_manifest(path: Path, result: PackResult, names: list[str], lang: str) -> None:
    import csv

    from carbonmgr.common.i18n import translate
    from carbonmgr.io.fileio import atomic_write

    with atomic_write(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([translate(f"exam.manifest.{k}", lang) for k in ("variant", "package", "key", "package_id")]
                       + names)
            for v in result.variants:
                w.writerow([v.number, v.package.name, v.key.name, v.package_id, *(v.values.get(n) for n in names)])


__all__ = ["EXAM_SUFFIX", "ExamPackage", "ExamDocument", "GivenSheet", "PackageError", "read_package",
           "write_package", "content_id", "grid", "given_workbook", "GIVEN_SHEETS", "package_from_exercise", "package_id",
           "draw_values", "pack", "PackResult", "Variant", "write_variant_key"]
