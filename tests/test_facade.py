"""carbonmgr.facade.Workspace: one object for the CLI (read-only) and the app (editing)."""
import pytest

from carbonmgr.editing.session import EditSession
from carbonmgr.facade import EDIT_OPERATIONS, Changes, Workspace, demo_path


def test_every_edit_of_the_workspace_is_an_edit_of_the_session():
    for name in EDIT_OPERATIONS:
        assert callable(getattr(EditSession, name, None)), name
        assert getattr(Workspace, name).__name__ == name


def test_a_read_only_workspace_refuses_edits():
    with Workspace.open("demo", lang="en") as ws:
        assert ws.session is None
        with pytest.raises(ValueError, match="read-only"):
            ws.set_cell(0, "quantity", "1")
        assert ws.compute().totals["total"] > 0


def test_an_editing_workspace_edits_its_session_and_outputs_leave_it_alone(tmp_path):
    ws = Workspace.import_workbook(demo_path("en"), lang="en")
    s = ws.session
    try:
        assert ws.case is s.case and s.results is not None
        before = ws.compute().totals["total"]
        changes = ws.set_cell(0, "quantity", str(s.value(0, "quantity") * 2))
        assert isinstance(changes, Changes) and changes.affects_results and s.can_undo()
        after = ws.compute().totals["total"]
        assert after > before
        # computing or exporting under another standard does not touch the edited case
        std = s.case.info.standard
        assert ws.compute(standard="ghgp").standard == "ghgp" and s.case.info.standard == std
        out = ws.snapshot().export_inventory(tmp_path / "x.xlsx", lang="en", standard="iso14064")
        assert out.exists() and s.case.info.standard == std
        with Workspace.open(out) as again:
            assert again.compute(standard=std).totals["total"] == pytest.approx(after, abs=1e-6)
        ws.undo()
        assert ws.compute().totals["total"] == pytest.approx(before)
    finally:
        ws.close().result()
