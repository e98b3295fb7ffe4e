"""An instructor opens a bundled exercise's answer key directly: its case title holds both languages
("荆门鑫源水泥… / Jingmen Xinyuan Cement …"); the window and the status bar show the title in the
app's language, the brief's, as a trainee reads it (a real window, a real key workbook)."""
from __future__ import annotations

import pytest

from carbonmgr.common.paths import exercises_dir
from carbonmgr.training.exercise import read_exercise
from uihelpers import open_and_wait


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_key_workbook_is_titled_in_the_apps_language(win, qtbot, lang):
    from carbonmgr.ui import i18n

    key = exercises_dir() / "cement_plant.xlsx"
    brief = read_exercise(key).brief
    mine, other = brief.text("title", lang), brief.text("title", "en" if lang == "zh" else "zh")
    assert mine and other and mine != other
    win.set_language(lang)
    assert i18n.current() == lang
    session = open_and_wait(qtbot, win, key)
    assert " / " in session.case.info.title  # the key's own title: both languages, kept as it is
    shown = win.statusBar().currentMessage()
    assert mine in shown and other not in shown and session.case.info.title not in shown, shown
    assert mine in win.windowTitle() and other not in win.windowTitle()
    # the title follows the app's language, and a title the instructor edits is shown as edited
    win.set_language("en" if lang == "zh" else "zh")
    assert other in win.windowTitle() and mine not in win.windowTitle()
    assert session.title_in(lang) == mine
    session.case.info.title = "My own title"
    assert session.title_in(lang) == "My own title"


def test_a_plain_case_workbook_keeps_its_title(win, qtbot):
    from carbonmgr.common.paths import resource_dir

    session = open_and_wait(qtbot, win, resource_dir() / "demo" / "demo_wuhan_en.xlsx")
    assert session.title_in("zh") == session.title_in("en") == session.case.info.title
    assert session.case.info.title in win.windowTitle()


def test_the_instructor_page_names_a_bundled_key_by_its_title_not_its_file(win, qtbot, tmp_path):
    """A bundled key is shown by the exercise's title in the app's language (its file is ours); an
    instructor's own key by its path."""
    import shutil

    key = exercises_dir() / "cement_plant.xlsx"
    brief = read_exercise(key).brief
    page = win.exam_tools.show_instructor()
    page.choose_key(str(key))
    assert page.key_label.text() == brief.text("title", "en") and "cement_plant" not in page.key_label.text()
    win.set_language("zh")
    qtbot.wait(20)
    assert page.key_label.text() == brief.text("title", "zh")
    own = tmp_path / "cement_plant.xlsx"
    shutil.copy(key, own)
    page.choose_key(str(own))
    assert page.key_label.text() == str(own)


def test_a_variant_is_shown_by_its_name(win, qtbot):
    """The Activities table shows a factor variant typed by its id by its name in the app's
    language (a variant the library does not know as typed)."""
    from carbonmgr.common.paths import resource_dir
    from carbonmgr.ui import i18n

    session = open_and_wait(qtbot, win, resource_dir() / "demo" / "demo_wuhan_en.xlsx")
    model = win.activities.model
    col = model.column_of("variant")
    assert col is not None, model.columns
    assert model.setData(model.index(0, col), "with_rf")
    assert session.case.activities.options["variant"][model.position(0)] == "with_rf"
    assert model.index(0, col).data() == "with radiative forcing"
    win.set_language("zh")
    assert i18n.current() == "zh" and model.index(0, col).data() == "含辐射强迫"
    assert model.setData(model.index(1, col), "my own words")
    assert model.index(1, col).data() == "my own words"


def test_a_key_with_variables_opens_at_its_values_in_a_real_window(win, qtbot):
    """The Wuhan exercise's key holds {{…}} placeholders (its Variables sheet): File > Open reads it
    (in the import child process) as the key at the variables' values, computed, titled by the
    brief, its source documents filled in."""
    from carbonmgr.inventory.engine import compute

    key = exercises_dir() / "wuhan_manufacturing.xlsx"
    exercise = read_exercise(key)
    win.set_language("zh")
    session = open_and_wait(qtbot, win, key)
    assert session.case.activities.quantity == exercise.key.activities.quantity
    qtbot.waitUntil(lambda: session.results is not None, timeout=30000)
    assert session.results.totals["total"] == pytest.approx(compute(exercise.key).totals["total"], abs=1e-6)
    assert not session.results.problems
    assert exercise.brief.text("title", "zh") in win.windowTitle()
    for doc in exercise.documents:
        assert session.case.documents[doc.sheet] == doc.rows
