"""Editing a project: the edit session with undo/redo, its journal, autosave and
recovery, and background import."""
