"""Many new workers at once into a register that holds fewer: the list's indexes built after.

Writing a worker keeps a dozen indexes, the search index and the live count; at 200,000
workers that is about 130 µs of the row's 140 µs, the rest of the row costing 7 µs. Building the
list's indexes and search entries once over the finished table costs about 30 µs a row. Both are
worth it only when the rows added outnumber the rows there: the build reads the whole table.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

from desktop_app.store.db import transaction
from desktop_app.store.migrations import without_apostrophes_sql
from desktop_app.store.workers import count_workers

# What registering reads while it writes: the NIK that must stay unique, and the birth dates and
# family cards the likely-duplicate rules compare. Every other index of the workers serves the
# list, but a unique one (a rule) is kept whatever its name; SQLite's own have no SQL.
_KEPT = ("workers_live_nik", "workers_birth_date", "workers_kk_number")
# Row-by-row upkeep of the search index and the live count, done once at the end instead.
_TRIGGERS = ("workers_fts_insert", "live_workers_insert")
# The open likely-duplicate pairs, which the review list reads and registering does not: a
# million sample workers make some three million pairs.
_PAIRS_OPEN = "duplicate_pairs_open"

_SEARCH_ENTRIES = f"""
    INSERT INTO workers_fts(rowid, full_name, nik, dusun, phone)
    SELECT rowid, {without_apostrophes_sql("full_name")}, nik, coalesce(dusun, ''),
           coalesce(phone, '')
    FROM workers WHERE rowid > ? AND deleted_at IS NULL ORDER BY rowid
"""


@contextlib.contextmanager
def list_indexes_after(db: Database, adding: int) -> Iterator[None]:
    """One transaction for inserting about `adding` new workers (and their families, logs and
    pairs). If they outnumber the live workers, the list's indexes, search entries, live
    count and index of open pairs are left while it runs and built when it ends, in the same
    transaction: a failure leaves the register, its schema included, exactly as it was.

    Only inserts of workers may run inside: an update or removal would miss the search index.
    Its rows' references are not looked up row by row (see `_references_unchecked`).
    """
    if adding <= count_workers(db):
        with transaction(db):
            yield
        return
    with _rollback_journal(db), _references_unchecked(db), transaction(db):
        dropped = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE (tbl_name = 'workers' AND "
            "((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE %' AND name NOT IN (?, ?, ?)) OR "
            "(type = 'trigger' AND name IN (?, ?)))) OR (type = 'index' AND name = ?)",
            [*_KEPT, *_TRIGGERS, _PAIRS_OPEN],
        ).fetchall()
        last_row = db.execute("SELECT coalesce(max(rowid), 0) FROM workers").fetchone()[0]
        for kind, name, _ in dropped:
            db.execute(f"DROP {kind.upper()} {name}")
        yield
        db.execute(_SEARCH_ENTRIES, [last_row])
        db.execute(
            "UPDATE live_workers SET total = "
            "(SELECT count(*) FROM workers WHERE deleted_at IS NULL)"
        )
        for _, _, sql in dropped:
            db.execute(sql)


@contextlib.contextmanager
def _rollback_journal(db: Database) -> Iterator[None]:
    """The register written with a rollback journal instead of the write-ahead log while the
    only connection to it is this one: a new register's pages go to its file once, instead of
    to the log and then to the file (a million workers: 4 GB written once, not twice). With
    synchronous=FULL, which this journal needs to survive a power cut."""
    try:
        db.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:  # another connection has the register open: keep the log
        yield
        return
    db.execute("PRAGMA synchronous=FULL")
    try:
        yield
    finally:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")


@contextlib.contextmanager
def _references_unchecked(db: Database) -> Iterator[None]:
    """Foreign keys off while a new register is filled in bulk, then as they were.

    Each heir, child and likely-duplicate pair names workers, and SQLite looks each one up in
    the workers' index as the row is written: a million sample workers make 2.85 million pairs,
    whose lookups cost about 9 s of a 175 s seeding. The bulk path names only workers it has
    just written or read as live in the same transaction, and inserts only, so no lookup could
    fail; what it stores is the same. (The pragma must be set outside a transaction.)"""
    was_on = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        db.execute(f"PRAGMA foreign_keys={int(was_on)}")
