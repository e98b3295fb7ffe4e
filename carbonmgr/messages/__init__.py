"""Per-module message catalogues; see :mod:`carbonmgr.i18n`."""
