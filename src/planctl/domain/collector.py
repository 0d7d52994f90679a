"""Python's cycle collector, paused while a command runs (cli/__init__.py) and while a check
reads, judges and renders in bulk (check.py, for library callers).

A national check makes millions of objects that live until it ends (rows, results, the
pieces of a report) and few cycles: the collector, started by the count of objects made,
walks the ever larger heap again and again and found nothing to free, measured at 13% of a
million-row check's time (the table) and 19% of its JSON report (gc.callbacks timing).
Starting a command (importing its modules, building its models) ran it 20 to 60 times for
the same nothing. Paused, it runs once when the work is done, so cycles are still freed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """The cycle collector off for the block, and back as it was after it (nested: the
    outermost block turns it on again)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
