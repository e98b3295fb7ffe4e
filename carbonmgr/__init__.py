"""CarbonMgr core: a Qt-free greenhouse-gas inventory engine.

The public entry point is :class:`carbonmgr.facade.Workspace` (see ``facade.py``).
This module stays import-light: ``carbonmgr --version`` must answer fast.
"""

__version__ = "0.1.0"
APP_NAME = "CarbonMgr"
