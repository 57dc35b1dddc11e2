"""Every column of the worker list sorts both ways (a sort expression may contain commas)."""

from __future__ import annotations

import pytest

from desktop_app.store.migrations import INDEXED_SORTS
from desktop_app.store.workers import SORTS, list_workers, page_workers


@pytest.mark.parametrize("key", sorted(SORTS))
def test_each_column_sorts_descending_as_the_reverse_of_ascending(demo_village, key):
    up = [w.id for w in list_workers(demo_village.db, sort=key, limit=30)]
    down = [w.id for w in list_workers(demo_village.db, sort=key, descending=True, limit=30)]
    assert len(up) == len(down) == 30
    assert down == list(reversed(up))


def _plans_of_two_pages(db, **how) -> list[str]:
    """The query plans of what the store runs for a page and the next (as SQLite ran them)."""
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        _, key = page_workers(db, limit=10, **how)
        assert key is not None
        page_workers(db, limit=10, after=key, **how)
    finally:
        db.conn.set_trace_callback(None)
    selects = [sql for sql in ran if sql.lstrip().upper().startswith("SELECT")]
    assert selects, ran
    return [
        " / ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        for sql in selects
    ]


@pytest.mark.parametrize("key", sorted(INDEXED_SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_a_sorted_page_reads_its_index_instead_of_sorting_every_worker(
    demo_village, key, descending
):
    for plan in _plans_of_two_pages(demo_village.db, sort=key, descending=descending):
        assert f"workers_live_by_{key}" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
