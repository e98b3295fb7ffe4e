"""The file names the app suggests (New project, a practice project, the report and the
export) are made by one rule, carbonmgr.common.filenames.safe_file_stem (tests/test_filenames.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from carbonmgr.ui.new_project_dialog import NewProjectDialog
from uihelpers import open_and_wait


@pytest.mark.parametrize("title, name", [
    ("Firm 2024", "Firm_2024.carbon"),
    ("武汉工厂 2024 年度盘查", "武汉工厂_2024_年度盘查.carbon"),
    ("Plant A/B: 2024?", "Plant_A_B_2024.carbon"),
    ("CON", "CON_.carbon"),
    ("   ", "project.carbon"),
])
def test_new_project_suggests_a_file_named_after_the_title(qtbot, win, tmp_path, title, name):
    dialog = NewProjectDialog(win, tmp_path)
    qtbot.addWidget(dialog)
    dialog.title.setText(title)  # as typed: the suggestion follows the title's every change
    assert Path(dialog.path.text()) == tmp_path / name


def test_a_practice_project_is_suggested_under_the_exercise_title(qtbot, win, tmp_path):
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() == 6, timeout=20000)
    titles = [page.listing.item(i).text() for i in range(page.listing.count())]
    page.listing.setCurrentRow(titles.index("Jiangdong Power: a coal plant's 2023 emissions report in the national ETS"))
    win.settings.set("files/last_dir", str(tmp_path))
    asked = []
    win.ask_path = lambda kind, suggestion="": asked.append((kind, suggestion))  # the trainee cancels
    assert page.start() is None
    assert asked == [("practice", str(tmp_path / "Jiangdong Power a coal plant's 2023 emissions report in the "
                                                 "national ETS.carbon"))]


def test_the_report_and_the_export_are_named_after_the_project(qtbot, win, tmp_path):
    s = open_and_wait(qtbot, win, "demo")
    stem = Path(s.base["path"]).stem
    assert win.report._suggested_name(".xlsx") == f"{stem}_inventory.xlsx"
    s.project_path = tmp_path / "My firm: 2024.carbon"
    assert win.report._suggested_name(".xlsx") == "My_firm_2024_inventory.xlsx"
    # the report names its standard and its language, never by their codes (gbt32150, zh)
    assert win.report._suggested_name(".pdf", "gbt32150", "zh") == "My_firm_2024_report_GB_T_32150_(China)_中文.pdf"
    assert win.report._suggested_name(".pdf", "ghgp", "en") == "My_firm_2024_report_GHG_Protocol_English.pdf"
    win.set_language("zh")
    assert win.report._suggested_name(".pdf", "iso14064", "en") == "My_firm_2024_报告_ISO_14064-1_English.pdf"
    assert win.report._suggested_name(".xlsx") == "My_firm_2024_排放清单.xlsx"
    assert win.report._suggested_name(".pdf", "gbt32150", "zh") == "My_firm_2024_报告_GB_T_32150（中国）_中文.pdf"
