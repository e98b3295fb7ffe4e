"""One rule for file names made from a user's text (carbonmgr/common/filenames.py): the exam's
submission and time-up file, the variants of an exam pack, the report and export suggestions, a
new project and a practice project are all named by safe_file_stem."""
from __future__ import annotations

import pytest

from carbonmgr.common.filenames import MAX_STEM_BYTES, RESERVED, safe_file_stem

WINDOWS_FORBIDDEN = '<>:"/\\|?*'


@pytest.mark.parametrize("text, expected", [
    # ordinary names are kept as they are, spaces becoming "_"
    ("demo_wuhan_zh", "demo_wuhan_zh"),
    ("Wuhan plant 2024", "Wuhan_plant_2024"),
    ("武汉齿轮厂 2023 年温室气体核算", "武汉齿轮厂_2023_年温室气体核算"),
    ("鑫源水泥：熟料生产线（2023）", "鑫源水泥：熟料生产线（2023）"),  # full-width punctuation is allowed everywhere
    ("v1.2-draft", "v1.2-draft"),
    # every character Windows refuses, and runs of them, become one "_"
    *((f"a{ch}b", "a_b") for ch in WINDOWS_FORBIDDEN),
    ('a\\b: c*d?<e>|f "g"', "a_b_c_d_e_f_g"),
    ("tab\there\nnew\x00line\x1f", "tab_here_new_line"),
    ("evil\u202etxt.exe", "evil_txt.exe"),  # a mark that would show the name backwards
    # dots, spaces and "_" at the ends are dropped (Windows drops a trailing dot or space)
    ("report. ", "report"), ("name...", "name"), ("  padded  ", "padded"), ("..hidden", "hidden"), ("_x_", "x"),
    # Windows device names, with or without a suffix, in any case
    ("CON", "CON_"), ("nul", "nul_"), ("COM1", "COM1_"), ("lpt9", "lpt9_"), ("PRN.txt", "PRN_.txt"),
    ("aux .log", "aux_.log"), ("COM¹", "COM¹_"),
    # ... and names that only look like them are kept
    ("CONSOLE", "CONSOLE"), ("COM10", "COM10"), ("NULL", "NULL"), ("CON-1", "CON-1"), ("my CON", "my_CON"),
])
def test_a_name_is_made_safe(text, expected):
    assert safe_file_stem(text) == expected


@pytest.mark.parametrize("text", [None, "", "   ", "...", " . _ ", "<>|", "\x00\x01"])
def test_nothing_left_gives_the_fallback(text):
    assert safe_file_stem(text, "submission") == "submission"
    assert safe_file_stem(text) == "file"


def test_the_length_is_bounded_in_characters_and_in_bytes():
    assert safe_file_stem("x" * 200) == "x" * 80
    assert safe_file_stem("x" * 200, limit=60) == "x" * 60
    # a cut never leaves a separator, a dot or a space at the end
    assert safe_file_stem("a" * 78 + " .b") == "a" * 78
    # three bytes a Chinese character: 60 of them fill the bytes before 80 characters
    cut = safe_file_stem("碳" * 100)
    assert cut == "碳" * (MAX_STEM_BYTES // 3) and len(cut.encode("utf-8")) <= MAX_STEM_BYTES
    # a device name keeps its "_" inside the bound
    assert safe_file_stem("CON." + "x" * 100, limit=20) == "CON_." + "x" * 15


def test_a_space_can_be_the_separator():
    assert safe_file_stem("Xinyuan Cement: the 2023 emissions", sep=" ") == "Xinyuan Cement the 2023 emissions"
    assert safe_file_stem("鑫源水泥：熟料生产线 2023 年度排放核算", sep=" ") == "鑫源水泥：熟料生产线 2023 年度排放核算"
    assert safe_file_stem("a/b\\c", sep=" ") == "a b c"


NASTY = ["CON", "con.txt", "a<b>c", "trailing. . .", " lead", "x" * 300, "碳" * 300, "名字/带*坏字符?",
         "COM3.tar.gz", "\u202egnp.exe", "a\tb\nc", "., ", "NUL:", "LPT1 ", "ok"]


@pytest.mark.parametrize("text", NASTY)
def test_every_name_is_one_a_file_system_takes(tmp_path, text):
    stem = safe_file_stem(text, "fallback")
    assert stem and not set(stem) & set(WINDOWS_FORBIDDEN)
    assert stem == stem.strip(" .") and all(ord(c) >= 32 for c in stem)
    assert stem.partition(".")[0].upper() not in RESERVED
    assert len(stem) <= 80 and len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    path = tmp_path / (stem + ".cmsub")
    path.write_bytes(b"x")  # a real file of that name
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_the_callers_name_ordinary_files_as_before(tmp_path):
    """The exam's submission file and the variants of an exam pack (the report, New project and
    practice suggestions are checked in tests/ui/test_file_name_suggestions.py)."""
    from carbonmgr.facade.exams import default_submission_path, submission_file_name

    assert submission_file_name("S001", "张三", "武汉齿轮厂 2023 年温室气体核算") == "S001-张三-武汉齿轮厂_2023_年温室气体核算.cmsub"
    assert submission_file_name("S1", "Li Lei", "Exam") == "S1-Li_Lei-Exam.cmsub"
    assert submission_file_name("", "", "") == "submission.cmsub"
    assert submission_file_name("CON", "", "") == "CON_.cmsub"
    assert default_submission_path(tmp_path / "exam.carbon", "S1", "", "x" * 200).name == "S1-" + "x" * 77 + ".cmsub"
