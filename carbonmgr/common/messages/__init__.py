"""Per-module message catalogues; see :mod:`carbonmgr.common.i18n`."""
