"""The factor library: items, named factor sets and GWP sets read from ``resources/``,
each row with its source, year and status."""

# Messages show the library's things by name, never by id: the names register on import.
from carbonmgr.factors import labels as _labels  # noqa: E402,F401
