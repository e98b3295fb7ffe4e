"""The project store: one SQLite file per project with its case, results, factor and GWP
snapshots and audit log."""

PROJECT_SUFFIX = ".carbon"  # the suffix of a project file (its one definition)
