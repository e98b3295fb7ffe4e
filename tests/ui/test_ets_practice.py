"""The ETS exercise in the app (issue 11), run as a trainee would: ``coal_power_ets`` opened from the
Exercises page, the inventory entered, the ETS inputs (the compliance inputs, the units) and the
answers typed on the ETS page, Check my work; the findings of the ETS kinds are those of
``carbonmgr grade`` on the saved project and each leads to its field; the same work sealed in exam
mode grades the same. Also: a price typed on the ETS page stays through edits, and the case's
carbon price typed there is a saved, undoable edit.

The trainee's two mistakes: unit U2 entered as class I (the key: II, 350 MW) and a CCER answer
above the 5 % cap. Their other answers are worked from their own inputs, so these are the only
ETS findings (one mistake is one finding)."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from carbonmgr.common.paths import exercises_dir
from carbonmgr.facade import exercises as fx

REF = "bundled:coal_power_ets"
TITLE = "Qingfeng Power: the 2024 allocation, surrender and the cost of compliance"
MEASURES = [(8_000, -10.0), (20_000, 35.0), (30_000, 120.0)]  # the exercise's Abatement sheet (t, CNY/t)
CCER_PRICE = 70.76  # the key's Case key ccer_price
# the inventory from the documents (燃料及化验, 电量结算单): coal per unit with its carbon content, diesel, grid power
LINES = [("stationary_combustion", "bituminous_coal", 1_250_000, "t", 0.552, "U1"),
         ("stationary_combustion", "bituminous_coal", 650_000, "t", 0.548, "U2"),
         ("stationary_combustion", "diesel", 320, "t", None, "U1"),
         ("purchased_electricity", "grid_cn", 2400, "MWh", None, "U1")]
# the units from 机组生产统计, U2's class wrong (the key: II)
UNITS = [{"unit": "U1", "klass": "I", "generation": "3000000", "supply": "2851200", "heat": "1000000",
          "load_factor": "70%", "cooling": "water"},
         {"unit": "U2", "klass": "I", "generation": "1500000", "supply": "1417500", "load_factor": "60%",
          "cooling": "water"}]


def _type(qtbot, edit, text):
    """Type ``text`` into a line edit as the user does (select all, type, Enter)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def _cell(inputs, row, field, text):
    """Type into a cell of the units table (what its editor commits)."""
    from carbonmgr.ui.ets_inputs import UNIT_FIELDS

    inputs.units.item(row, UNIT_FIELDS.index(field)).setData(Qt.ItemDataRole.EditRole, text)


def own_answers(case, **given):
    """The answers worked from the trainee's own inputs (as test_ets_exercise.py's careful trainee),
    those in ``given`` taken as written and the later ones worked from them."""
    from carbonmgr.inventory.engine import compute
    from carbonmgr.trading import ets
    from carbonmgr.trading.abatement import Measure, cheapest

    res = ets.compute(case, compute(case))
    v = res.value("verified_emissions")
    held, offered, price = case.info.allowances_held, case.info.ccer_offered, case.info.carbon_price
    a = res.value("allocation_final")
    need = max(0.0, v - a - held)
    cap = math.floor(0.05 * v)
    ccer = given.get("my_ccer_used", min(offered, cap, need))
    surplus = a + held + ccer - v
    short = max(0.0, -surplus)
    got, cost, _ = cheapest([Measure(str(t), t, c) for t, c in MEASURES], need)
    c = min(offered, cap, need)
    costs = {"my_cost_buy": need * price, "my_cost_ccer": c * CCER_PRICE + (need - c) * price,
             "my_cost_abate": cost + (need - got) * price}
    return {"my_allocation": a, "my_ccer_used": ccer, "my_surplus": round(surplus, 2),
            "my_penalty_min": round(5 * price * short, 2), "my_penalty_max": round(10 * price * short, 2),
            **{k: round(v, 2) for k, v in costs.items()}, "cheapest": min(costs, key=costs.get)[len("my_cost_"):],
            "cap": cap}


def _click(qtbot, listing, i):
    """Click the i-th finding as the user does."""
    item = listing.item(i)
    listing.scrollToItem(item)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualItemRect(item).center())


def _check(win, qtbot):
    n = len(win.practice.last.attempts) if win.practice.last is not None else 0
    win.practice.check()
    qtbot.waitUntil(lambda: win.practice.last is not None and len(win.practice.last.attempts) == n + 1
                    and not win.practice.checking, timeout=60000)
    return win.practice.last


def _cli_grade(path):
    out = subprocess.run([sys.executable, "-m", "carbonmgr", "grade", "--key",
                          str(exercises_dir() / "coal_power_ets.xlsx"), str(path), "--json", "--lang", "en"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    [result] = json.loads(out.stdout)
    return result


def test_an_ets_exercise_practised_in_the_app(win, qtbot, tmp_path):
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() >= 5, timeout=20000)
    titles = [page.listing.item(i).text() for i in range(page.listing.count())]
    page.listing.setCurrentRow(titles.index(TITLE))
    project = tmp_path / "qingfeng.carbon"
    win.answers["path:practice"] = str(project)
    page.start()
    qtbot.waitUntil(lambda: win.session is not None and win.practice.exercise is not None
                    and win.practice.dock.isVisible(), timeout=30000)
    s = win.session
    assert s.case.ets is None or not s.case.ets.units  # the trainee starts without the units

    # the settings the brief asks for, and the inventory (activity table)
    win.edit_case("sector", "power")
    win.edit_case("grid_factor_set", "cn_grid_mee_ets")
    win.edit_case("gwp", "SAR")
    for pos, (source, item, qty, unit, carbon, ets_unit) in enumerate(LINES):
        win.activities.select_position(len(s) - 1) if len(s) else None
        win.insert_line()
        for field, value in (("source", source), ("item", item), ("unit", unit), ("quantity", qty),
                             ("carbon_element", carbon), ("ets_unit", ets_unit)):
            if value is not None:
                assert win.edit_cell(pos, field, value) is None, field
    assert len(s) == 4

    # the ETS page: the compliance inputs, the units, typed
    ets = win.ets
    win.tabs.setCurrentWidget(ets)
    ets.views.setCurrentWidget(ets.inputs)
    inputs = ets.inputs
    labels = [inputs.setting_labels[k].text() for k in ("ets_year", "carbon_price", "allowances_held", "ccer_offered",
                                                        "allowances_borrowed")]
    assert labels == ["Compliance year", "Carbon price (CNY/t)", "Allowances held (t)", "CCER offered (t)",
                      "Allowances borrowed (t)"]
    for key, text in (("ets_year", "2024"), ("carbon_price", "59.87"), ("allowances_held", "10000"),
                      ("ccer_offered", "15,000")):
        _type(qtbot, inputs.settings[key], text)
    info = s.case.info
    assert (info.ets_year, info.carbon_price, info.allowances_held, info.ccer_offered) == (2024, 59.87, 10000, 15000)
    for n, unit in enumerate(UNITS):
        qtbot.mouseClick(inputs.add_unit, Qt.MouseButton.LeftButton)
        assert inputs.units.rowCount() == n + 1
        for field, text in unit.items():
            _cell(inputs, n, field, text)
        _cell(inputs, n, "facility", "F1")
    units = s.case.ets.units
    assert [(u.unit, u.klass, u.generation, u.load_factor, u.cooling) for u in units] == [
        ("U1", "I", 3_000_000, 0.7, "water"), ("U2", "I", 1_500_000, 0.6, "water")]
    headers = [inputs.units.horizontalHeaderItem(c).text() for c in range(inputs.units.columnCount())]
    assert "Class" in headers and "Load factor" in headers and "klass" not in headers
    assert all(h[:1].isupper() for h in headers)  # proper column headings, not the trace's lower-case words
    assert inputs.units.item(1, 2).text().startswith("I (coal")  # the class by its name

    # the answers, typed on the ETS page; the CCER one above the cap
    mine = own_answers(s.snapshot())
    over = mine["cap"] + 5_000
    mine = own_answers(s.snapshot(), my_ccer_used=over)
    answer_labels = [inputs.answer_labels[k].text() for k in inputs.answers]
    assert "Final allocation (t)" in answer_labels and not any("my_" in t for t in answer_labels)
    for key, edit in inputs.answers.items():
        _type(qtbot, edit, f"{mine[key]:g}" if abs(mine[key]) < 1e6 else f"{mine[key]:.2f}")
    inputs.cheapest.setCurrentIndex(inputs.cheapest.findData(mine["cheapest"]))
    inputs.cheapest.activated.emit(inputs.cheapest.currentIndex())
    assert s.case.info.extra["my_ccer_used"] == over and s.case.info.extra["my_cheapest"] == mine["cheapest"]

    # Check my work: the two ETS mistakes, each with its rule
    result = _check(win, qtbot)
    ets_findings = [f for f in result.findings if f.get("sheet") in ("ETS", "Case")]
    assert [(f["kind"], f["field"]) for f in ets_findings] == [("wrong_benchmark", "klass"),
                                                               ("ccer_over_cap", "my_ccer_used")], \
        [f["text"]["en"] for f in result.findings]
    assert "0.8049" in ets_findings[0]["text"]["en"] or "II" in ets_findings[0]["text"]["en"]
    assert "国环规气候〔2024〕1号" in ets_findings[0]["text"]["en"]  # the plan, by its official number
    assert "5%" in ets_findings[1]["text"]["en"] or "5 %" in ets_findings[1]["text"]["en"]

    # the saved project graded by the command line: the same findings
    win.save()
    qtbot.waitUntil(lambda: not win.session.modified, timeout=20000)
    cli = _cli_grade(project)
    assert cli["score"] == result.score
    assert [(f["kind"], f.get("sheet"), f.get("field"), f["points"], f["message"]) for f in cli["findings"]] == [
        (f["kind"], f.get("sheet"), f.get("field"), f["points"], f["text"]["en"]) for f in result.findings]

    # each ETS finding leads to its field
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    listing = win.practice.panel.findings
    kinds = [f["kind"] for f in result.findings]
    win.tabs.setCurrentWidget(win.activities)
    _click(qtbot, listing, kinds.index("wrong_benchmark"))
    assert win.tabs.currentWidget() is ets and ets.views.currentWidget() is inputs
    from carbonmgr.ui.ets_inputs import UNIT_FIELDS

    assert (inputs.units.currentRow(), inputs.units.currentColumn()) == (1, UNIT_FIELDS.index("klass"))
    win.tabs.setCurrentWidget(win.activities)
    _click(qtbot, listing, kinds.index("ccer_over_cap"))
    assert win.tabs.currentWidget() is ets and inputs.answers["my_ccer_used"].hasFocus()

    # the fixes: the class, the CCER answer worked again; then the ETS part is right
    from carbonmgr.ui.ets_inputs import CLASSES

    assert "II" in CLASSES
    _cell(inputs, 1, "klass", "II")
    assert s.case.ets.units[1].klass == "II"
    right = own_answers(s.snapshot())
    for key, edit in inputs.answers.items():
        _type(qtbot, edit, f"{right[key]:g}" if abs(right[key]) < 1e6 else f"{right[key]:.2f}")
    inputs.cheapest.setCurrentIndex(inputs.cheapest.findData(right["cheapest"]))
    inputs.cheapest.activated.emit(inputs.cheapest.currentIndex())
    second = _check(win, qtbot)
    assert [f for f in second.findings if f.get("sheet") in ("ETS", "Case")] == [], \
        [f["text"]["en"] for f in second.findings]

    # in Chinese: the labels and the findings in Chinese, no key names
    win.set_language("zh")
    try:
        qtbot.wait(50)
        assert inputs.setting_labels["carbon_price"].text() == "碳价（元/吨）"
        assert inputs.answer_labels["my_allocation"].text() == "最终配额（吨）"
        assert ets.views.tabText(1) == "配额数据与我的答案"
        first_text = fx.CheckResult(result.score, result.points_possible, result.findings).text(
            kinds.index("ccer_over_cap"), "zh")
        assert "CCER" in first_text and "my_ccer_used" not in first_text
    finally:
        win.set_language("en")


def test_an_ets_exercise_sealed_in_exam_mode_grades_the_same(tmp_path):
    """A sealed submission of the ETS exercise (the same work as a practice project) grades with the
    same findings as the practice check."""
    from carbonmgr.facade.exams import pack_exam, read_exam
    from carbonmgr.training.grading import grade
    from carbonmgr.training.intake import load_submission
    from carbonmgr.training.submission import write_submission

    import copy

    ex = fx.read_exercise(REF)
    case = copy.deepcopy(ex.key)
    case.documents = ex.starting_case().documents
    case.ets.units[1].klass = "I"
    case.info.extra["my_ccer_used"] = 9_000_000
    key = exercises_dir() / "coal_power_ets.xlsx"
    pack_exam(key, tmp_path / "exam.cmexam")
    pkg = read_exam(tmp_path / "exam.cmexam")
    sub = write_submission(tmp_path / "S001.cmsub", case, package=pkg.identity(), trainee_id="S001",
                           trainee_name="Zhang San")
    sealed = grade(ex, load_submission(sub), "en")
    practice = fx.grade_practice(case, REF, lang="en", exercise=ex)
    assert [(f.kind, f.field, f.points) for f in sealed.findings] == [
        (f["kind"], f.get("field", ""), f["points"]) for f in practice.findings]
    kinds = [f.kind for f in sealed.findings]
    assert "wrong_benchmark" in kinds and "ccer_over_cap" in kinds
    assert sealed.seal != "none" and sealed.score == practice.score


def test_an_ets_exercise_taken_as_an_exam_hides_the_allocation_until_submitted(win, qtbot):
    """In exam mode the ETS page keeps the inputs and the answers and hides the allocation and the
    position the app computes (they are the answers)."""
    page = win.show_exercises()
    qtbot.waitUntil(lambda: page.listing.count() >= 5, timeout=20000)
    titles = [page.listing.item(i).text() for i in range(page.listing.count())]
    page.listing.setCurrentRow(titles.index(TITLE))
    page.mode_exam.setChecked(True)
    page.start()
    qtbot.waitUntil(lambda: win.exam_tools.mode is not None and win.exam_tools.mode.active, timeout=30000)
    ets = win.ets
    assert not ets.views.isTabVisible(0) and ets.views.isTabVisible(1)
    assert ets.views.currentWidget() is ets.inputs and ets.inputs.isEnabled()


def _key_project(path, **info):
    """A project of the ETS exercise's key (its settings in ``info`` changed), as the app saves one."""
    import copy

    from carbonmgr.factors.library import default_library
    from carbonmgr.inventory.engine import compute
    from carbonmgr.storage.store import Project

    case = copy.deepcopy(fx.read_exercise(REF).key)
    for k, v in info.items():
        setattr(case.info, k, v)
    lib = default_library()
    Project.create(path, case, compute(case, lib, raise_on_error=False), library=lib).close()
    return path


def _settled(win):
    s = win.session
    return s is not None and s.results is not None and s.results.version == s.version and not s.modified


@pytest.mark.parametrize("edit", ["activity", "unit"])
def test_a_price_typed_on_the_ets_page_survives_an_edit(win, qtbot, tmp_path, edit):
    """The paths' price typed on the ETS page stays after an edit of an activity line or a unit (the
    page redraws on the new results); the case's carbon price typed there is an edit of the case:
    undoable, and saved in the project."""
    project = _key_project(tmp_path / "key.carbon")
    win.open_path(str(project))
    qtbot.waitUntil(lambda: _settled(win), timeout=30000)
    ets = win.ets
    win.tabs.setCurrentWidget(ets)
    qtbot.waitUntil(lambda: ets.options is not None, timeout=10000)
    assert ets.price.value() == pytest.approx(59.87) and "the case's" in ets.price_note.text()
    # a what-if price, typed
    _type(qtbot, ets.price.lineEdit(), "100")
    assert ets.options["price"] == 100 and "as entered" in ets.price_note.text()
    s = win.session
    version = s.version
    if edit == "activity":
        assert win.edit_cell(0, "quantity", "1260000") is None
    else:
        _cell(ets.inputs, 0, "generation", "3100000")
        assert s.case.ets.units[0].generation == 3_100_000
    assert s.version == version + 1
    qtbot.waitUntil(lambda: s.results is not None and s.results.version == s.version, timeout=30000)
    qtbot.wait(50)
    assert ets.price.value() == 100 and ets.options["price"] == 100  # the typed price stays
    assert "as entered" in ets.price_note.text()
    assert "100.00 CNY/t" in ets.paths_text()

    # the case's carbon price, typed on the inputs tab: an edit of the case; the paths follow it
    inputs = ets.inputs
    ets.views.setCurrentWidget(inputs)
    _type(qtbot, inputs.settings["carbon_price"], "80")
    assert s.case.info.carbon_price == 80
    qtbot.waitUntil(lambda: s.results is not None and s.results.version == s.version, timeout=30000)
    qtbot.waitUntil(lambda: ets.options is not None and ets.options["price"] == 80, timeout=10000)
    assert ets.price.value() == 80 and "the case's" in ets.price_note.text()
    assert "carbon price" in win.act_undo.text().lower()
    win.undo()
    assert s.case.info.carbon_price == pytest.approx(59.87) and inputs.settings["carbon_price"].text() == "59.87"
    win.redo()
    assert s.case.info.carbon_price == 80 and inputs.settings["carbon_price"].text() == "80"
    win.save()
    qtbot.waitUntil(lambda: not win.session.modified, timeout=20000)
    from carbonmgr.storage.store import Project

    p = Project.open(project)
    try:
        case = p.load_case()
        assert case.info.carbon_price == 80
        if edit == "unit":
            assert case.ets.units[0].generation == 3_100_000
    finally:
        p.close()


def test_the_instructor_page_grades_a_class_of_the_ets_exercise(win, qtbot, tmp_path):
    """The gradebook of the ETS exercise: the key's answer scores 100, the trainee with the wrong
    class less, their finding counted under its kind."""
    import copy

    from carbonmgr.facade.exams import pack_exam, read_exam
    from carbonmgr.training.submission import write_submission

    key = exercises_dir() / "coal_power_ets.xlsx"
    pack_exam(key, tmp_path / "exam.cmexam")
    pkg = read_exam(tmp_path / "exam.cmexam")
    ex = fx.read_exercise(REF)
    folder = tmp_path / "class"
    folder.mkdir()
    write_submission(folder / "S01.cmsub", ex.key, package=pkg.identity(), trainee_id="S01")
    wrong = copy.deepcopy(ex.key)
    wrong.ets.units[1].klass = "I"
    write_submission(folder / "S02.cmsub", wrong, package=pkg.identity(), trainee_id="S02")
    page = win.exam_tools.show_instructor()
    qtbot.addWidget(page)
    page.choose_key(str(key))
    page.choose_folder(str(folder))
    fut = page.grade()
    qtbot.waitUntil(lambda: fut.done() and len(page.results) == 2, timeout=120000)
    assert [page.cell_text(r, 1) for r in range(2)] == ["S01.cmsub", "S02.cmsub"]
    assert page.cell_text(0, 2) == "100" and float(page.cell_text(1, 2)) < 100
    assert [f.kind for f in page.results[1].findings if f.key_sheet in ("ETS", "Case")][:1] == ["wrong_benchmark"]
    page.close()
