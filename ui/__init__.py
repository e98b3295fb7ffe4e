"""CarbonMgr desktop app (PySide6). Installed as ``carbonmgr.ui``; talks to the core only
through :mod:`carbonmgr.facade` / :mod:`carbonmgr.editing.session`."""
