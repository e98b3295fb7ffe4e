"""``carbonmgr calc`` on an exercise's answer key titles the case in the output's language (the
brief's title, as a trainee reads it), not by the key's case title holding both languages."""
from __future__ import annotations

import pytest

from carbonmgr.cli import main
from carbonmgr.common.paths import exercises_dir, resource_dir
from carbonmgr.training.exercise import read_exercise


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calc_titles_a_key_in_the_output_language(capsys, lang):
    key = exercises_dir() / "cement_plant.xlsx"
    brief = read_exercise(key).brief
    mine, other = brief.text("title", lang), brief.text("title", "en" if lang == "zh" else "zh")
    assert main(["--lang", lang, "calc", str(key)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(mine) and other not in first and " / " not in first


def test_calc_titles_a_plain_case_by_its_title(capsys):
    from carbonmgr.io.workbook import read_case

    path = resource_dir() / "demo" / "demo_wuhan_en.xlsx"
    assert main(["--lang", "zh", "calc", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(read_case(path).info.title)
