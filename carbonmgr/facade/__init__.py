"""The one entry point of the front ends (the CLI and the desktop app): open a case
workbook or a project, edit, compute, save, report and export. Front ends never reach
past it into the importer, engine or store."""
from carbonmgr.facade.workspace import (PROJECT_SUFFIX, WORKBOOK_SUFFIXES, Workspace, demo_path, read_workbook,
                                        resolve_input)

__all__ = ["PROJECT_SUFFIX", "WORKBOOK_SUFFIXES", "Workspace", "demo_path", "read_workbook", "resolve_input"]
