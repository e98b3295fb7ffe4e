"""A finding leads to where it is (issue 9): in practice mode ("Check my work") and in an opened
submission graded against a key, a finding on the equipment register shows the Boundary page's
register with the trainee's row selected (not the activity line that has the same row number),
a finding on an activity line shows that line, a case-setting finding its field; in both languages.

The trainee's work is the bundled Wuhan exercise's key with three mistakes: the register's
R-410A unit entered as R-22 (row 3, after a chiller the key does not have, row 2), the forklifts'
diesel 1.5 times the ledger's (Activities row 4), and the equity share approach. Activities rows 2
and 3 exist too (coal, natural gas): a jump by row number alone lands on the wrong sheet."""
from __future__ import annotations

import copy
import dataclasses

import pytest
from PySide6.QtCore import Qt

from carbonmgr.facade import exercises as fx

REF = "bundled:wuhan_manufacturing"


def trainee_case(ex):
    """The key, worked by a trainee who made the three mistakes (module docstring)."""
    from carbonmgr.inventory.model import Equipment

    case = copy.deepcopy(ex.key)
    case.documents = ex.starting_case().documents
    unit = case.equipment[0]
    assert unit.refrigerant == "R-410A" and unit.row == 2
    case.equipment = [Equipment("F1", "screening", "HFC-134a", "chillers",
                                {"new_charge": 0.0, "operating_capacity": 50.0, "disposed_capacity": 0.0}, row=2),
                      dataclasses.replace(unit, refrigerant="R-22", row=3)]
    acts = case.activities
    assert acts.row[:3] == [2, 3, 4] and acts.source[2] == "mobile_combustion"
    acts.quantity[2] *= 1.5
    case.info.consolidation = "equity_share"
    return case


def write_practice(path, case, ref=REF):
    """A practice project of the exercise ``ref`` holding ``case`` (as create_practice writes one)."""
    from carbonmgr.factors.library import default_library
    from carbonmgr.inventory.engine import compute
    from carbonmgr.storage.practice import set_exercise
    from carbonmgr.storage.store import Project

    lib = default_library()
    project = Project.create(path, case, compute(case, lib, raise_on_error=False), library=lib)
    try:
        set_exercise(project, ref)
    finally:
        project.close()
    return path


def click(qtbot, listing, i):
    """Click the i-th finding as the user does."""
    item = listing.item(i)
    listing.scrollToItem(item)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualItemRect(item).center())


def selected_register_row(win, kind):
    view = win.boundary.view_of(kind)
    rows = {i.row() for i in view.selectionModel().selectedIndexes()}
    return view.currentIndex().row(), rows


def assert_jumps(qtbot, win, listing, kinds, sheets):
    """Each finding (kinds[i], of sheets[i]) leads to its place."""
    s = win.session
    eq = next(i for i, k in enumerate(kinds) if k == "wrong_factor")
    extra = next(i for i, k in enumerate(kinds) if k == "extra_source")
    qty = next(i for i, k in enumerate(kinds) if k == "wrong_quantity")
    setting = next(i for i, k in enumerate(kinds) if k == "wrong_consolidation")
    assert sheets[eq] == sheets[extra] == "Equipment" and sheets[qty] == "Activities"

    click(qtbot, listing, qty)  # an activity line: the line, as before
    assert win.tabs.currentWidget() is win.activities
    assert s.case.activities.row[win.activities.current_position()] == 4
    assert s.case.activities.source[win.activities.current_position()] == "mobile_combustion"

    click(qtbot, listing, eq)  # the wrong refrigerant: row 3 of the register, the second record
    assert win.tabs.currentWidget() is win.boundary
    assert selected_register_row(win, "equipment") == (1, {1})
    assert s.case.equipment[1].refrigerant == "R-22" and s.case.equipment[1].row == 3
    assert win.boundary.view_of("equipment").hasFocus()

    click(qtbot, listing, qty)
    click(qtbot, listing, extra)  # the chiller the key does not have: the first record
    assert win.tabs.currentWidget() is win.boundary
    assert selected_register_row(win, "equipment") == (0, {0})

    click(qtbot, listing, qty)
    click(qtbot, listing, setting)  # a case setting: its field on the Boundary page
    assert win.tabs.currentWidget() is win.boundary
    assert win.boundary.consolidation.hasFocus()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_my_work_leads_to_the_register_row_the_line_and_the_setting(win, qtbot, tmp_path, lang):
    from carbonmgr.ui import i18n

    ex = fx.read_exercise(REF)
    project = write_practice(tmp_path / "wuhan.carbon", trainee_case(ex))
    win.set_language(lang)
    win.open_path(str(project))
    qtbot.waitUntil(lambda: win.session is not None and win.practice.exercise is not None
                    and win.practice.dock.isVisible(), timeout=30000)
    practice = win.practice
    practice.check()
    qtbot.waitUntil(lambda: practice.last is not None and practice.last.attempts and not practice.checking,
                    timeout=60000)
    res = practice.last
    kinds = [f["kind"] for f in res.findings]
    assert sorted(kinds) == ["extra_source", "wrong_consolidation", "wrong_factor", "wrong_quantity"], kinds
    eq = res.findings[kinds.index("wrong_factor")]
    assert (eq["sheet"], eq["rows"], eq["key_row"]) == ("Equipment", [3], 2)
    assert i18n.current() == lang
    shown = practice.panel.findings.item(kinds.index("wrong_factor")).text()
    assert ("R-22" in shown) and (("制冷剂" in shown) if lang == "zh" else ("refrigerant" in shown))
    assert_jumps(qtbot, win, practice.panel.findings, kinds, [fx.rows_sheet_of(f) for f in res.findings])

    # reopened, the attempt kept in the project still knows the register
    first = win.session
    win.open_path("demo")
    qtbot.waitUntil(lambda: win.session is not None and win.session is not first and win.practice.last is None,
                    timeout=30000)
    win.open_path(str(project))
    qtbot.waitUntil(lambda: win.session is not None and win.practice.last is not None
                    and win.practice.panel.findings.count() == 4, timeout=30000)
    kept = win.practice.last.findings
    assert [f.get("sheet") for f in kept] == [f.get("sheet") for f in res.findings]
    assert_jumps(qtbot, win, win.practice.panel.findings, [f["kind"] for f in kept],
                 [fx.rows_sheet_of(f) for f in kept])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_graded_submission_leads_to_the_register_row(win, qtbot, tmp_path, lang):
    from carbonmgr.common.paths import exercises_dir
    from carbonmgr.facade.exams import pack_exam, read_exam
    from carbonmgr.training.submission import write_submission

    key = exercises_dir() / "wuhan_manufacturing.xlsx"
    pack_exam(key, tmp_path / "exam.cmexam")
    pkg = read_exam(tmp_path / "exam.cmexam")
    case = trainee_case(fx.read_exercise(REF))
    sub = write_submission(tmp_path / "S007.cmsub", case, package=pkg.identity(), trainee_id="S007",
                           trainee_name="Li Si")
    win.set_language(lang)
    win.open_path(str(sub))
    qtbot.waitUntil(lambda: win.exam_tools.submission is not None and win.exam_tools.submission.active
                    and win.session is not None and win.session.results is not None, timeout=30000)
    view = win.exam_tools.submission
    fut = view.grade(str(key))
    qtbot.waitUntil(lambda: fut.done() and view.result is not None, timeout=60000)
    findings = view.result.findings
    kinds = [f.kind for f in findings]
    assert sorted(kinds) == ["extra_source", "wrong_consolidation", "wrong_factor", "wrong_quantity"], kinds
    assert ("制冷剂" in view.findings.item(kinds.index("wrong_factor")).text()) == (lang == "zh")
    assert_jumps(qtbot, win, view.findings, kinds, [f.rows_sheet or f.key_sheet for f in findings])


def test_a_register_finding_on_the_trainees_fugitive_line_leads_to_that_line(win, qtbot, tmp_path):
    """The key's R-410A is a register row; the trainee entered the top-ups as a fugitive activity
    line (20 kg, not 28.6): the finding is on the key's Equipment row 2, the trainee's row is an
    Activities row (rows_sheet), and it leads to that line, not to the register."""
    from carbonmgr.inventory.model import Activity

    ex = fx.read_exercise(REF)
    case = copy.deepcopy(ex.key)
    case.documents = ex.starting_case().documents
    case.equipment = []
    case.activities.append(Activity(9, "F1", "fugitive", "R-410A", 20.0, "kg"))
    result = fx.grade_practice(case, REF, exercise=ex)
    assert [(f["kind"], f["sheet"], f["rows_sheet"], f["rows"], f["key_row"]) for f in result.findings] == [
        ("wrong_quantity", "Equipment", "Activities", [9], 2)]
    assert fx.rows_sheet_of(result.findings[0]) == "Activities"

    project = write_practice(tmp_path / "fugitive.carbon", case)
    win.open_path(str(project))
    qtbot.waitUntil(lambda: win.session is not None and win.practice.exercise is not None, timeout=30000)
    win.practice.check()
    qtbot.waitUntil(lambda: win.practice.last is not None and win.practice.last.attempts
                    and not win.practice.checking, timeout=60000)
    assert win.practice.panel.findings.count() == 1
    win.tabs.setCurrentWidget(win.boundary)
    click(qtbot, win.practice.panel.findings, 0)
    assert win.tabs.currentWidget() is win.activities
    pos = win.activities.current_position()
    assert (win.session.case.activities.row[pos], win.session.case.activities.source[pos]) == (9, "fugitive")


def test_an_instruments_finding_leads_to_the_instruments_register(win, qtbot, tmp_path):
    """The office exercise's green certificates entered ten times over (Instruments row 2): the
    finding shows the instruments register with that row selected, not the R-410A line of
    Activities row 2."""
    ref = "bundled:office_services"
    ex = fx.read_exercise(ref)
    case = copy.deepcopy(ex.key)
    case.documents = ex.starting_case().documents
    assert [i.row for i in case.instruments] == [2] and 2 in case.activities.row
    case.instruments[0] = dataclasses.replace(case.instruments[0], quantity=case.instruments[0].quantity * 10)
    project = write_practice(tmp_path / "office.carbon", case, ref)
    win.open_path(str(project))
    qtbot.waitUntil(lambda: win.session is not None and win.practice.exercise is not None
                    and win.practice.ref == ref, timeout=30000)
    win.practice.check()
    qtbot.waitUntil(lambda: win.practice.last is not None and win.practice.last.attempts
                    and not win.practice.checking, timeout=60000)
    findings = win.practice.last.findings
    assert [(f["kind"], f.get("sheet"), f["rows"]) for f in findings] == [("unit_error", "Instruments", [2])]
    click(qtbot, win.practice.panel.findings, 0)
    assert win.tabs.currentWidget() is win.boundary
    assert selected_register_row(win, "instrument") == (0, {0})
    assert win.boundary.view_of("instrument").hasFocus()
