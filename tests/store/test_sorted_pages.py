"""Every column of the worker list sorts both ways (a sort expression may contain commas)."""

from __future__ import annotations

import pytest
from forms import SITI, with_

from desktop_app.domain.occupations import OTHER
from desktop_app.services import registry
from desktop_app.store import workers
from desktop_app.store.migrations import INDEXED_SORTS
from desktop_app.store.workers import (
    FILTERS,
    SORTS,
    count_workers,
    list_workers,
    page_workers,
)


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
        # only ties of sort value and name are put in rowid order (the filter columns sit
        # between the name and the rowid in the index)
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_every_index_the_list_walks_carries_the_filter_columns(demo_village):
    """A walk tests the filters in the index entry instead of reading the worker's row."""
    walked = [f"workers_live_{c}" for c in FILTERS]
    walked += [f"workers_live_by_{key}" for key in (*INDEXED_SORTS, "nik")]
    for name in walked:
        columns = {row[2] for row in demo_village.db.execute(f"PRAGMA index_xinfo({name})")}
        assert set(FILTERS) <= columns, name


def _ends_as_computed(db) -> dict[str, str]:
    """Each live worker's end of the last paid period, computed from the periods themselves."""
    return dict(
        db.execute(
            "SELECT w.id, coalesce(max(date(c.start_month, '+' || c.months || ' months')), '') "
            "FROM workers w LEFT JOIN coverage_periods c "
            "ON c.worker_id = w.id AND c.cancelled_at IS NULL GROUP BY w.id"
        ).fetchall()
    )


def test_the_coverage_sort_follows_funding_and_cancelling(demo_village):
    from desktop_app.services import budget

    db = demo_village.db
    year = budget.working_year(demo_village) + 1
    budget.set_budget(demo_village, year, 1_000_000_000)
    some = [w.id for w in list_workers(db, limit=10)]
    budget.fund_workers(demo_village, year, some)
    stored = dict(db.execute("SELECT id, coverage_ends FROM workers").fetchall())
    assert stored == _ends_as_computed(db)
    assert {stored[i] for i in some} == {f"{year + 1}-01-01"}

    with db.conn:  # a period cancelled (as a batch from the district may do)
        db.execute(
            "UPDATE coverage_periods SET cancelled_at = '2026-11-29' "
            "WHERE worker_id = ? AND fiscal_year = ?",
            [some[0], year],
        )
    stored = dict(db.execute("SELECT id, coverage_ends FROM workers").fetchall())
    assert stored == _ends_as_computed(db)
    assert stored[some[0]] < f"{year + 1}-01-01"
    by_coverage = [w.id for w in list_workers(db, sort="coverage", descending=True, limit=9)]
    assert set(by_coverage) == set(some[1:])


def _every_page(db, **how) -> list[str]:
    ids, key = [], None
    while True:
        page, key = page_workers(db, limit=7, after=key, **how)
        ids += [w.id for w in page]
        if key is None:
            return ids


@pytest.mark.parametrize("key", sorted(SORTS))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort_up_to", [0, 10_000], ids=["walk", "sort"])
def test_a_filtered_sorted_list_is_the_sorted_list_filtered(
    demo_village, monkeypatch, key, descending, sort_up_to
):
    """Whether a page walks the sort's index or sorts the matches (forced by the count of
    matches up to which they are sorted), and when the filter fixes the sorted column, the
    pages hold the filter's workers in the order of the whole list: for each filter's most
    and least common value, and for two filters at once."""
    monkeypatch.setattr(workers, "_SORT_FACTOR", sort_up_to)
    db = demo_village.db
    everyone = list_workers(db, sort=key, descending=descending, limit=1000)
    chosen = []
    for column in FILTERS:
        values = [getattr(w, column) for w in everyone]
        present = sorted(set(values) - {None}, key=lambda v: (values.count(v), v))
        chosen += [{column: present[-1]}, {column: present[0]}]
    chosen.append({**chosen[0], **chosen[2]})  # the most common occupation and status
    for filters in chosen:
        expected = [w.id for w in everyone if all(getattr(w, c) == v for c, v in filters.items())]
        got = _every_page(db, sort=key, descending=descending, **filters)
        assert got == expected, filters


def test_workers_who_name_their_own_occupation_sort_by_it_from_the_index(demo_village):
    """Filtered to "lainnya" and sorted by occupation, the list walks the sort's index from
    the first occupation a worker typed (text sorts after the listed ones) and holds exactly
    the filter's workers in the order of the whole list."""
    db = demo_village.db
    typed = ["penjaga sekolah", "Pemandu wisata", "Penjaga Sekolah", "guru ngaji", "Bidan"]
    for n in range(12):  # more than a page of 10
        form = with_(SITI, nik=f"65031045089000{n + 2:02d}", full_name=f"Siti {'ABCDEFGHIJKL'[n]}")
        registry.register_worker(
            demo_village, with_(form, kk_number="", occupation=OTHER, occupation_other=typed[n % 5])
        )
    for descending in (False, True):
        everyone = list_workers(db, sort="occupation", descending=descending, limit=1000)
        expected = [w.id for w in everyone if w.occupation == OTHER]
        got = _every_page(db, sort="occupation", descending=descending, occupation=OTHER)
        assert len(got) >= 12 and got == expected
        for plan in _plans_of_two_pages(
            db, sort="occupation", descending=descending, occupation=OTHER
        ):
            assert "workers_live_by_occupation" in plan, plan
            assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def _plans_of_filtered_reads(db, search: str, **filters) -> list[str]:
    """The query plans of what reads the filtered workers for a count, a page, and a page
    sorted by phone (with its count of matches)."""
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        count_workers(db, search=search, **filters)
        page_workers(db, search=search, **filters)
        page_workers(db, search=search, sort="phone", **filters)
    finally:
        db.conn.set_trace_callback(None)
    reads = [sql for sql in ran if all(f"w.{c} = " in sql for c in filters)]
    assert len(reads) == 4, ran
    return [
        " / ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        for sql in reads
    ]


def test_filtered_workers_are_read_through_the_narrowest_way(demo_village, monkeypatch):
    """SQLite keeps no statistics to choose how to read them: two filters are read through
    the index of the value fewer workers have; a text that finds few, from its own matches;
    a NIK prefix, through the NIK-order index, which carries the filters."""
    db = demo_village.db
    people = list_workers(db, limit=1000)
    dusun = [w.dusun for w in people]
    occupations = [w.occupation for w in people]
    common_dusun = max(set(dusun) - {None}, key=dusun.count)
    rare = min(set(occupations), key=lambda o: (occupations.count(o), o))
    assert occupations.count(rare) < dusun.count(common_dusun)
    both = {"occupation": rare, "dusun": common_dusun}
    word = next(w.full_name for w in people if w.occupation == rare).split()[0]
    for plan in _plans_of_filtered_reads(db, "", **both):
        assert "workers_live_occupation" in plan and "workers_live_dusun" not in plan, plan
    for plan in _plans_of_filtered_reads(db, word, **both):
        assert "SEARCH w USING INTEGER PRIMARY KEY" in plan, plan
        assert "workers_live_" not in plan, plan
    monkeypatch.setattr(workers, "_FEW_FOUND", 0)  # as if the text found many
    for plan in _plans_of_filtered_reads(db, word, **both):
        assert "workers_live_occupation" in plan and "workers_live_dusun" not in plan, plan
    for plan in _plans_of_filtered_reads(db, "6503", occupation=rare):
        assert "workers_live_by_nik" in plan, plan
