"""Python's cycle collector paused while a batch of rows is built or applied."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a batch builds its rows: it would walk the growing
    heap of them again and again (a seventh of a seeding's time) to find no cycle."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
