"""Pausing the cyclic garbage collector around the bulk work of a large case.

A case of hundreds of thousands of lines holds its columns as lists of as many (acyclic) values. While
such lists are young, every collection of the young generations traverses each of their values, and
frees nothing: a workbook read, a compute or a project write of 200,000 lines would pay 0.1 s or more
for it. The collector is paused for the duration of that work (reference counting still frees what is
no longer used) and is on again afterwards, as it was.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
