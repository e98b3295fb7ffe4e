"""A saved inventory never changes silently; re-running with new factors is explicit."""
import shutil

import pytest

import carbonmgr.factors.library as library_mod
from carbonmgr.facade import Workspace, demo_path
from carbonmgr.factors.library import load_library, resource_dir


@pytest.fixture
def edited_library(tmp_path):
    """Today's library with the 2023 Hubei grid factor changed from 0.4044 to 0.5000."""
    root = tmp_path / "resources"
    shutil.copytree(resource_dir(), root)
    grid = root / "factors" / "cn_grid.csv"
    text = grid.read_text(encoding="utf-8")
    lines = text.splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith("cn_grid_mee_nbs,grid_cn_hubei,") and ",0.4044," in line]
    assert len(hits) == 1
    lines[hits[0]] = lines[hits[0]].replace(",0.4044,", ",0.5000,")
    grid.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_library(root)


def test_project_keeps_its_factors_until_rerun_is_asked(tmp_path, monkeypatch, edited_library):
    project = tmp_path / "firm.carbon"
    with Workspace.open(demo_path("zh")) as ws:
        before = ws.compute().totals
        ws.save_project(project)
    monkeypatch.setattr(library_mod, "default_library", lambda: edited_library)

    with Workspace.open(project) as ws:
        pinned = ws.compute().totals
        assert pinned == pytest.approx(before)  # nothing changed silently
        changes = ws.factor_changes()
        keys = {c["key"]: c for c in changes}
        hubei = [c for k, c in keys.items() if "grid_cn_hubei" in k]
        assert len(hubei) == 1 and hubei[0]["old_value"] == 0.4044 and hubei[0]["new_value"] == 0.5
        dry = ws.rerun_with_current_factors(apply=False)
        assert dry["applied"] is False
        assert dry["new_totals"]["scope2_location"] > dry["old_totals"]["scope2_location"]

    with Workspace.open(project) as ws:  # the dry run saved nothing
        assert ws.compute().totals == pytest.approx(before)
        result = ws.rerun_with_current_factors(apply=True)
        assert result["applied"]

    with Workspace.open(project) as ws:  # now pinned to the new factor
        after = ws.compute().totals
        assert after["scope2_location"] == pytest.approx(result["new_totals"]["scope2_location"])
        assert after["scope2_location"] != pytest.approx(before["scope2_location"])
        assert ws.factor_changes() == []


def test_a_factor_row_as_a_dict_is_every_field_and_its_key():
    """Factor.to_dict (a snapshot row in a project, a row in --json) is exactly dataclasses.asdict plus the
    key, for every row of the bundled library: every field is a plain value."""
    import dataclasses

    from carbonmgr.factors.library import default_library

    for f in default_library().factors:
        d = f.to_dict()
        assert d == {**dataclasses.asdict(f), "key": f.key}
        assert list(d) == [*(x.name for x in dataclasses.fields(f)), "key"]
        assert all(v is None or type(v) in (str, int, float, bool) for v in d.values())
