"""Every column of the worker list sorts both ways (a sort expression may contain commas)."""

from __future__ import annotations

import pytest

from desktop_app.store.workers import SORTS, list_workers


@pytest.mark.parametrize("key", sorted(SORTS))
def test_each_column_sorts_descending_as_the_reverse_of_ascending(demo_village, key):
    up = [w.id for w in list_workers(demo_village.db, sort=key, limit=30)]
    down = [w.id for w in list_workers(demo_village.db, sort=key, descending=True, limit=30)]
    assert len(up) == len(down) == 30
    assert down == list(reversed(up))
