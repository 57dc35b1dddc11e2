"""Open the database once per process with the pragmas the app relies on."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from desktop_app.store import migrations

DB_FILENAME = "satudesa.sqlite3"


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at `path`.

    The connection runs in autocommit mode; every write goes through `transaction()` so
    that a row, its outbox entry and its audit entry commit or vanish together.
    """
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    db = sqlite_utils.Database(conn)
    migrations.migrate(db)
    return db


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database, *, durable: bool = False) -> Iterator[None]:
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
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
    finally:
        if durable:
            conn.execute("PRAGMA synchronous=NORMAL")


BULK_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def bulk_cache(db: sqlite_utils.Database) -> Iterator[None]:
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
