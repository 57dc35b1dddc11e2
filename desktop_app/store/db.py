"""Open the database once per process with the pragmas the app relies on."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from desktop_app.device.files import disk_full, is_disk_full
from desktop_app.device.private import create_private_file
from desktop_app.store import migrations

DB_FILENAME = "satudesa.sqlite3"

# The kill test: with SATUDESA_FAULT_AFTER_CHANGES=N the process dies (exit 86, no cleanup, as
# in a power cut) when it starts its Nth data-changing statement (INSERT, UPDATE, DELETE or
# COMMIT), to prove that an operation killed at any point leaves the database as it was.
# Unset in real use; then nothing is traced.
FAULT_ENV = "SATUDESA_FAULT_AFTER_CHANGES"
FAULT_EXIT = 86
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "COMMIT")


def _die_after(limit: int) -> Callable[[str], None]:
    count = 0

    def trace(statement: str) -> None:
        nonlocal count
        if statement.lstrip().upper().startswith(_WRITES):
            count += 1
            if count >= limit:
                os._exit(FAULT_EXIT)

    return trace


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    The connection runs in autocommit mode; every write goes through `transaction()` so
    that a row, its outbox entry and its audit entry commit or vanish together.
    """
    if str(path) != ":memory:" and Path(path).parent.is_dir():
        create_private_file(Path(path))  # SQLite gives its WAL and -shm files the same mode
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    db = Database(conn)
    migrations.migrate(db)
    if limit := int(os.environ.get(FAULT_ENV, "0") or 0):
        conn.set_trace_callback(_die_after(limit))
    return db


@contextlib.contextmanager
def transaction(db: Database, *, durable: bool = False) -> Iterator[None]:
    """One atomic write. Nested calls join the outer transaction.

    `durable=True` switches to synchronous=FULL for the transaction (used while applying
    sync files, where a power cut must not lose an acknowledged batch).
    """
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    if durable:
        conn.execute("PRAGMA synchronous=FULL")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
    except sqlite3.Error as e:
        if is_disk_full(e):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise disk_full() from e
        raise
    finally:
        if durable:
            conn.execute("PRAGMA synchronous=NORMAL")


BULK_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def bulk_cache(db: Database) -> Iterator[None]:
    """A larger page cache while many rows are written at once, then the usual one again.

    Inserting into a million-row table touches index pages all over the file; with SQLite's
    default 2 MB cache each of them is read again and again. The usual cache keeps a window
    over a million workers small.
    """
    previous = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {previous}")


@contextlib.contextmanager
def bulk_import(db: Database) -> Iterator[None]:
    """`bulk_cache` while many transactions write at once (a district importing batch files),
    with the WAL checkpointed every 40,000 pages (160 MB) instead of every 1,000 and statement
    journals kept in memory.

    Each batch rewrites about a hundred leaf pages of every index on the workers' NIKs,
    names and birth dates; a checkpoint writes a page once however many batches changed it
    since the last one, so fewer checkpoints write far fewer pages. An upsert whose triggers
    write the search index keeps a statement journal, which otherwise spills to a temporary
    file: two thirds of the import's write calls. Every commit is as durable as before.
    """
    previous = [db.execute(f"PRAGMA {p}").fetchone()[0] for p in _BULK_PRAGMAS]
    for pragma, value in _BULK_PRAGMAS.items():
        db.execute(f"PRAGMA {pragma} = {value}")
    try:
        with bulk_cache(db):
            yield
    finally:
        for pragma, value in zip(_BULK_PRAGMAS, previous, strict=True):
            db.execute(f"PRAGMA {pragma} = {value}")


_BULK_PRAGMAS = {"wal_autocheckpoint": 40_000, "temp_store": 2}  # 2: MEMORY
