"""A folder of submissions as trainees hand them in: a workbook saved as .ods (LibreOffice, WPS) or as an
old .xls is a row of the gradebook, flagged with how to save it, not left out of the class without a word."""
from __future__ import annotations

import shutil
import struct
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from exercise_books import write_exercise  # noqa: E402


def _xls(path: Path) -> Path:
    """A minimal OLE2 compound file with a "Workbook" stream: what an old .xls is."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", header, 30, 9)
    struct.pack_into("<I", header, 48, 0)
    directory = bytearray(512)
    for i, name in enumerate(["Root Entry", "Workbook"]):
        raw = name.encode("utf-16-le") + b"\0\0"
        directory[i * 128:i * 128 + len(raw)] = raw
        struct.pack_into("<H", directory, i * 128 + 64, len(raw))
    path.write_bytes(bytes(header) + bytes(directory) + bytes(512))
    return path


def test_submissions_in_other_formats_are_flagged_not_left_out(qtbot, win, tmp_path):
    key = write_exercise(tmp_path / "key.xlsx")
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(key, folder / "S01.xlsx")
    with zipfile.ZipFile(folder / "S02.ods", "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    _xls(folder / "S03.xls")
    (folder / "notes.txt").write_text("not a submission")

    page = win.exam_tools.show_instructor()
    qtbot.addWidget(page)
    page.choose_key(str(key))
    page.choose_folder(str(folder))
    assert [p.name for p in page.submission_files()] == ["S01.xlsx", "S02.ods", "S03.xls"]
    fut = page.grade()
    qtbot.waitUntil(lambda: fut.done() and len(page.results) == 3, timeout=60000)
    assert page.cell_text(0, 2) == "100"
    assert page.cell_text(1, 2) == "" and "is an OpenDocument spreadsheet (.ods)" in page.cell_text(1, 5)
    assert page.cell_text(2, 2) == "" and "is an old Excel 97-2003 workbook (.xls)" in page.cell_text(2, 5)
    page.close()
