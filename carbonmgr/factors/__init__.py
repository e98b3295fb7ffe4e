"""The factor library: items, named factor sets and GWP sets read from ``resources/``,
each row with its source, year and status."""
