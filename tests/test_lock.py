"""The edit lock beside a project file (issue 8, item 3): real files, real processes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from carbonmgr.storage.lock import ProjectInUse, ProjectLock, lock_path


def test_a_second_opener_is_told_who_holds_the_project(tmp_path):
    project = tmp_path / "firm.carbon"
    project.write_bytes(b"")
    first = ProjectLock(project).acquire()
    assert lock_path(project).exists()
    # another process of this computer, still running, holds it
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        data = json.loads(lock_path(project).read_text())
        first.release()
        data["pid"] = holder.pid
        lock_path(project).write_text(json.dumps(data))
        with pytest.raises(ProjectInUse) as info:
            ProjectLock(project).acquire()
        assert info.value.holder.pid == holder.pid
        en, zh = info.value.render("en"), info.value.render("zh")
        assert "firm.carbon" in en and "read-only" in en and "只读" in zh and data["host"] in zh
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_crashed_process_of_this_computer_is_taken_over(tmp_path):
    project = tmp_path / "firm.carbon"
    project.write_bytes(b"")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    ProjectLock(project).acquire()
    data = json.loads(lock_path(project).read_text())
    data["pid"] = int(dead.stdout)
    lock_path(project).write_text(json.dumps(data))
    lock = ProjectLock(project).acquire()
    assert lock.held and json.loads(lock_path(project).read_text())["pid"] != int(dead.stdout)
    lock.release()
    assert not lock_path(project).exists()


def test_a_lock_from_another_computer_or_a_damaged_one_is_respected(tmp_path):
    project = tmp_path / "firm.carbon"
    project.write_bytes(b"")
    lock_path(project).write_text(json.dumps({"user": "李雷", "host": "LAB-PC-07", "pid": 1, "since": "2026-12-01T08:00:00"}))
    with pytest.raises(ProjectInUse) as info:
        ProjectLock(project).acquire()
    assert "LAB-PC-07" in info.value.render("en") and "李雷" in info.value.render("zh")
    lock_path(project).write_bytes(b"\xff" * 10_000)
    with pytest.raises(ProjectInUse) as info:
        ProjectLock(project).acquire()
    assert info.value.holder is None and "another" in info.value.render("en")


def test_release_leaves_someone_elses_lock_alone(tmp_path):
    project = tmp_path / "firm.carbon"
    project.write_bytes(b"")
    mine = ProjectLock(project).acquire()
    other = {"user": "u", "host": "OTHER-PC", "pid": 42, "since": "2026-12-01T08:00:00"}
    lock_path(project).write_text(json.dumps(other))  # taken over after ours was removed by hand
    mine.release()
    assert json.loads(lock_path(project).read_text()) == other
