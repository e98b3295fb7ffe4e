"""Files in and out: the case workbook reader and writer, the checks that keep an
untrusted workbook from costing too much, and safe file replacement."""

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")  # case workbooks the importer reads (their one definition)
