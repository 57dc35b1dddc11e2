"""Paging the worker list by key: every live worker exactly once, in order, whatever the filter."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from forms import with_

from desktop_app.services import registry, worker_list
from desktop_app.services.demo import iter_demo_forms
from desktop_app.services.installation import init_village
from desktop_app.store.workers import SORTS

# Few distinct names, in mixed case, so that many workers share a name and ties cross pages.
FIRST = ("Siti", "siti", "Ahmad", "Budi", "Sari", "Nur")
LAST = ("Aminah", "Sari", "Hasan")


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """3,000 workers named from a small pool, every seventh one removed."""
    inst = init_village(tmp_path_factory.mktemp("paging") / "data", "65.03.10.2004")
    names = itertools.cycle(f"{f} {last}" for last in LAST for f in FIRST)
    forms = [
        (with_(form, full_name=next(names)), heir, kids)
        for form, heir, kids in iter_demo_forms(3_000, seed=7)
    ]
    saved = registry.register_many(inst, forms[:1_500]) + registry.register_many(
        inst, forms[1_500:]
    )
    for s in saved[::7]:
        registry.remove_worker(inst, s.worker.id, "pindah")
    yield inst
    inst.close()


def in_order(inst) -> list[tuple[str, str, str, str, str]]:
    """Every live worker as (id, name, nik, dusun, occupation), in the list's order, read
    without paging (the store sorts by name case-insensitively, then by order of entry)."""
    rows = inst.db.execute(
        "SELECT id, full_name, nik, dusun, occupation FROM workers WHERE deleted_at IS NULL "
        "ORDER BY full_name COLLATE NOCASE, rowid"
    ).fetchall()
    return [tuple(r) for r in rows]


def walk(inst, filters: worker_list.Filters, limit: int) -> list[str]:
    """Follow the pages from the first to the last, as the window does while scrolling."""
    ids: list[str] = []
    page = worker_list.fetch_page(inst, filters, None, limit)
    while True:
        ids += [r.worker.id for r in page.rows]
        if page.next is None:
            return ids
        page = worker_list.fetch_page(inst, filters, page.next, limit)


def has_word_starting(name: str, *prefixes: str) -> bool:
    words = name.lower().split()
    return all(any(w.startswith(p) for w in words) for p in prefixes)


CASES = {
    "everyone": (worker_list.Filters(), lambda r: True),
    "one letter": (worker_list.Filters(search="s"), lambda r: r[1].lower().startswith("s")),
    "two letters": (worker_list.Filters(search="Si"), lambda r: r[1].lower().startswith("si")),
    "word and an initial": (
        worker_list.Filters(search="siti h"),
        lambda r: has_word_starting(r[1], "siti", "h"),
    ),
    # more than a thousand matches: the list walks the name index
    "common word": (worker_list.Filters(search="sari"), lambda r: has_word_starting(r[1], "sari")),
    # fewer: the list sorts the matches
    "two words": (
        worker_list.Filters(search="ahmad has"),
        lambda r: has_word_starting(r[1], "ahmad", "has"),
    ),
    "dusun": (worker_list.Filters(dusun="Aji Kuning"), lambda r: r[3] == "Aji Kuning"),
    "word and occupation": (
        worker_list.Filters(search="siti", occupation="nelayan"),
        lambda r: has_word_starting(r[1], "siti") and r[4] == "nelayan",
    ),
}


# One row per page where the matches are few; pages of 97 and 200 everywhere.
PAGINGS = [(case, limit) for case in CASES for limit in (97, 200)] + [
    ("two words", 1),
    ("dusun", 7),
    ("word and occupation", 1),
]


@pytest.mark.parametrize(("case", "limit"), PAGINGS)
def test_pages_hold_every_matching_worker_once_in_name_order(crowded, case, limit):
    filters, matches = CASES[case]
    expected = [r[0] for r in in_order(crowded) if matches(r)]
    assert len(expected) > 3
    assert walk(crowded, filters, limit) == expected
    assert worker_list.count(crowded, filters) == len(expected)


def test_more_than_a_thousand_match_the_common_word(crowded):
    assert worker_list.count(crowded, worker_list.Filters(search="sari")) > 1000


@pytest.mark.parametrize("case", ["one letter", "common word", "dusun", "word and occupation"])
def test_a_count_up_to_a_limit_stops_there_or_is_exact_below_it(crowded, case):
    filters, _ = CASES[case]
    exact = worker_list.count(crowded, filters)
    assert worker_list.count(crowded, filters, up_to=exact - 1) == exact - 1
    assert worker_list.count(crowded, filters, up_to=exact + 1) == exact


def test_nik_prefix_pages_in_nik_order(crowded):
    live = in_order(crowded)
    expected = sorted((r[2], r[0]) for r in live if r[2].startswith("650310"))
    ids = walk(crowded, worker_list.Filters(search="650310"), 50)
    assert ids == [i for _, i in expected]


def test_the_kept_total_follows_registrations_removals_restores_and_corrections(village):
    from forms import BUDI, SITI

    def total() -> int:
        return worker_list.count(village, worker_list.Filters())

    def counted() -> int:
        return worker_list.count(village, worker_list.Filters(search="6"))  # every NIK

    siti = registry.register_worker(village, SITI).worker
    registry.register_many(village, [(BUDI, None, [])])
    assert total() == counted() == 2
    registry.remove_worker(village, siti.id, "pindah")
    assert total() == counted() == 1
    registry.update_worker(village, registry.find_worker(village, BUDI.nik).id, BUDI)
    assert total() == 1
    registry.restore_worker(village, siti.id)
    assert total() == counted() == 2


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", sorted(SORTS))
def test_a_list_sorted_by_any_column_pages_through_every_worker_once(crowded, sort, descending):
    for filters in (worker_list.Filters(), worker_list.Filters(search="sari", status="registered")):
        filters = dataclasses.replace(filters, sort=sort, descending=descending)
        whole = [r.worker.id for r in worker_list.fetch_rows(crowded, filters, 10_000)]
        assert len(whole) == worker_list.count(crowded, filters) == len(set(whole))
        assert walk(crowded, filters, 97) == whole


def test_sorted_by_dusun_the_list_reads_as_the_clerk_expects(crowded):
    keys = {
        worker_id: (dusun.lower(), name.lower())
        for worker_id, dusun, name in crowded.db.execute(
            "SELECT id, coalesce(dusun, ''), full_name FROM workers WHERE deleted_at IS NULL"
        ).fetchall()
    }
    ids = walk(crowded, worker_list.Filters(sort="dusun", descending=True), 200)
    assert [keys[i] for i in ids] == sorted(keys.values(), reverse=True)


def _village_named(tmp_path, first: list[str], then: list[str], seed: int):
    """A village of 400 sample workers named `first`, then `then` over and over."""
    inst = init_village(tmp_path / "data", "65.03.10.2004")
    names = itertools.chain(first, itertools.cycle(then))
    registry.register_many(
        inst,
        [
            (with_(form, full_name=next(names)), heir, kids)
            for form, heir, kids in iter_demo_forms(400, seed=seed)
        ],
    )
    return inst


def test_names_whose_first_word_matches_only_without_an_apostrophe_or_accent_are_listed(tmp_path):
    # Enough "Sari …" that a page splits the names starting with the word from the others;
    # the odd ones start otherwise, yet their first word is "sari" to the search index.
    odd = ["Sa'ri Dewi", "Sári Putri", "Sari Ma'ruf"]
    inst = _village_named(
        tmp_path, odd, ["Sari Wulan", "Budi Sari", "Siti Aminah", "Sarinah Hasan"], seed=11
    )
    search = worker_list.Filters(search="sari")
    listed = walk(inst, search, 50)
    named = {r.worker.id: r.worker.full_name for r in worker_list.fetch_rows(inst, search, 1000)}
    assert set(odd) <= set(named.values())
    assert len(listed) == len(set(listed)) == worker_list.count(inst, search) == len(named)
    expected = [r[0] for r in in_order(inst) if r[0] in named]
    assert listed == expected
    inst.close()


def test_a_word_later_in_a_name_is_found_as_the_search_index_finds_it(tmp_path):
    # The names starting with "sari" are a range of the name index; the others come from the
    # search index, accents, apostrophes and hyphens read as it reads them.
    later = ["Ani Sári", "Ani Sa'ri", "Ani-Sarinah", "Ani Nursari", "Sari-Ani Putri"]
    inst = _village_named(
        tmp_path, later, ["Sari Wulan", "Budi Sari", "Budi Sari", "Budi Sari"], seed=12
    )
    found = {
        r[0]
        for r in inst.db.execute(
            "SELECT w.id FROM workers w JOIN workers_fts f ON f.rowid = w.rowid "
            "WHERE workers_fts MATCH '\"sari\"*'"
        )
    }
    expected = [r[0] for r in in_order(inst) if r[0] in found]
    named = {r[0]: r[1] for r in in_order(inst)}
    assert {"Ani Sári", "Ani Sa'ri", "Ani-Sarinah"} <= {named[i] for i in expected}
    assert "Ani Nursari" not in {named[i] for i in expected}
    for limit in (50, 200):
        assert walk(inst, worker_list.Filters(search="sari"), limit) == expected
    inst.close()
