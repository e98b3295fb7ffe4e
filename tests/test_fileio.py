"""The one atomic writer (carbonmgr.io.fileio) behind every file the core writes: the PDF
report, the Excel export, the template, a project file and an autosave get the same
permissions, and a failed write leaves the old file and no temporary file behind."""
from __future__ import annotations

import errno
import os
import stat

import pytest

from carbonmgr.common.errors import CarbonMgrError, ProjectError
from carbonmgr.common.paths import demo_path
from carbonmgr.editing.session import EditSession
from carbonmgr.inventory.engine import compute
from carbonmgr.io.fileio import TEMP_PREFIX, WriteFailed, atomic_write, default_file_mode, write_bytes
from carbonmgr.io.reader import read_workbook
from carbonmgr.io.workbook import write_case, write_template
from carbonmgr.report import export_inventory, fonts, write_report
from carbonmgr.report.errors import FontNotFound
from carbonmgr.storage.store import Project


def _has_font() -> bool:
    try:
        fonts.find_cjk_font()
        return True
    except FontNotFound:
        return False


@pytest.fixture(scope="module")
def inventory():
    return compute(read_workbook(demo_path("en")))


@pytest.fixture
def umask_027():
    """An umask that differs from both 0o022 and mkstemp's 0o600, so that a wrong mode shows."""
    old = os.umask(0o027)
    yield 0o640
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _temps(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX) or p.suffix == ".tmp")


def _writers(inventory):
    """Every kind of file the core writes, by the name of its function."""
    def pdf(path):
        write_report(inventory, path, lang="en")

    def export(path):
        export_inventory(inventory, path, lang="en")

    def template(path):
        write_template(path, lang="zh")

    def case(path):
        write_case(inventory.case, path, lang="en")

    def project(path):
        Project.create(path, inventory.case, overwrite=True).close()

    def autosave(path):
        EditSession.write_autosave(path, {"ops": [], "base": {}, "lines": 0})

    def plain(path):
        write_bytes(path, b"new content")

    out = {"export": (export, "x.xlsx"), "template": (template, "t.xlsx"), "case": (case, "c.xlsx"),
           "project": (project, "p.carbon"), "autosave": (autosave, "p.carbon.autosave"),
           "bytes": (plain, "b.bin")}
    if _has_font():
        out["pdf"] = (pdf, "r.pdf")
    return out


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_every_written_file_gets_the_users_normal_permissions(tmp_path, inventory, umask_027):
    assert default_file_mode() == umask_027
    modes = {}
    for kind, (write, name) in _writers(inventory).items():
        target = tmp_path / name
        write(target)
        modes[kind] = _mode(target)
        if kind == "project":  # overwriting keeps the ordinary mode too
            write(target)
            assert _mode(target) == umask_027
    assert modes == dict.fromkeys(modes, umask_027), modes
    assert _temps(tmp_path) == []


@pytest.mark.parametrize("kind", ["pdf", "export", "template", "case", "project", "autosave", "bytes"])
def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, inventory, kind, monkeypatch):
    writers = _writers(inventory)
    if kind not in writers:
        pytest.skip("no TrueType CJK font on this machine")
    write, name = writers[kind]
    target = tmp_path / name
    target.write_bytes(b"the old file")

    def full(fd):  # the disk fills up when the new file is flushed
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteFailed) as err:
        write(target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert isinstance(err.value, ProjectError) and isinstance(err.value, CarbonMgrError)
    assert err.value.problem.code == "file.disk_full"
    assert "disk is full" in err.value.render("en") and name in err.value.render("en")
    assert "磁盘已满" in err.value.render("zh") and name in err.value.render("zh")


def test_a_read_only_folder_is_named_in_both_languages(tmp_path, monkeypatch):
    target = tmp_path / "keep.bin"
    target.write_bytes(b"old")

    def denied(src, dst):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(WriteFailed) as err:
        write_bytes(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old" and _temps(tmp_path) == []
    assert err.value.problem.code == "file.read_only"
    assert str(tmp_path) in err.value.render("en") and "read-only" in err.value.render("en")
    assert "只读" in err.value.render("zh")


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WriteFailed) as err:
        write_bytes(tmp_path / "nowhere" / "x.bin", b"data")
    assert err.value.problem.code == "file.no_folder"
    assert "不存在" in err.value.render("zh") and "does not exist" in err.value.render("en")


def test_an_error_in_the_callers_content_removes_the_temporary_file(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("old")
    with pytest.raises(ValueError):  # not an OSError: raised as it is
        with atomic_write(target) as tmp:
            tmp.write_text("half")
            raise ValueError("the content could not be made")
    assert target.read_text() == "old" and _temps(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_default_mode_follows_the_umask_and_leaves_it_unchanged():
    old = os.umask(0o077)
    try:
        assert default_file_mode() == 0o600
        assert os.umask(0o002) == 0o077  # unchanged by the call
        assert default_file_mode() == 0o664
    finally:
        os.umask(old)
