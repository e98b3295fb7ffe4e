"""CarbonMgr desktop app (PySide6). Installed as ``carbonmgr.ui``; talks to the core only
through :mod:`carbonmgr.facade` (and :mod:`carbonmgr.common` for errors and messages)."""
