"""Entry points of the app: ``carbonmgr-gui`` and, in the frozen app, ``carbonmgr``.

``carbonmgr-gui [FILE]`` starts the desktop app. Installed with pip it is a
``[project.gui-scripts]`` entry (:func:`gui_main`), so Windows opens no console window
for it; in the frozen app (PyInstaller, build.spec) it is the windowed executable.
``carbonmgr ...`` (the console executable of the frozen app) is the full command line,
so that ``carbonmgr gui --smoke-test`` works in the frozen build too.
"""
from __future__ import annotations

import multiprocessing
import os
import sys


def gui_main() -> int:
    """``carbonmgr-gui [FILE] [--lang zh|en]``: the desktop app (pyproject's gui-scripts)."""
    return run(gui=True)


def run(argv=None, gui: bool | None = None) -> int:
    multiprocessing.freeze_support()  # workbook imports run in a child process
    argv = list(sys.argv[1:] if argv is None else argv)
    from carbonmgr.cli import build_parser, main

    commands = set()
    for action in build_parser()._actions:  # noqa: SLF001 - the sub-command names
        if getattr(action, "choices", None) and isinstance(action.choices, dict):
            commands |= set(action.choices)
    prog = os.path.basename(sys.argv[0]).lower()
    wants_gui = gui if gui is not None else (
        "gui" in prog or not argv or (argv[0] not in commands and not argv[0].startswith("-")))
    if wants_gui and "gui" not in argv:
        lang = [a for a in argv if a.startswith("--lang")]
        if lang:  # a global option: it goes before the command
            i = argv.index(lang[0])
            glob = argv[i:i + (1 if "=" in lang[0] else 2)]
            argv = glob + ["gui"] + argv[:i] + argv[i + len(glob):]
        else:
            argv = ["gui", *argv]
    return main(argv)


if __name__ == "__main__":
    sys.exit(run())
