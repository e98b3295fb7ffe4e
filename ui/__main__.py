"""``python -m carbonmgr.ui [FILE]``: start the desktop app."""
import sys

from .launcher import run

sys.exit(run(gui=True))
