"""Database copies for backups: a consistent copy of the file, and images (bytes) to check
and load.

SQLite's online backup API copies a consistent database page by page while others read and
write. A backup copies into the data folder's private temp folder (owner-only, beside the
database it copies, removed at once) rather than into memory: an image in memory of a 360 MB
database (100,000 workers) would need twice that while it is serialized.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database


def _read_only(path: Path | str) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def snapshot_to(db_path: Path | str, copy: Path) -> None:
    """A consistent copy of the database file at `copy` (created owner-only), through its own
    read-only connection, so a background job can copy while the window keeps working."""
    copy.touch(mode=0o600, exist_ok=False)
    source = _read_only(db_path)
    target = sqlite3.connect(str(copy))
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _in_memory(image: bytes) -> sqlite3.Connection:
    """An image opened in memory.

    The image of a WAL database says so in its header (bytes 18 and 19); memory has no WAL,
    so those two bytes are set back to the rollback journal's value first.
    """
    memory = sqlite3.connect(":memory:")
    memory.deserialize(image[:18] + b"\x01\x01" + image[20:])
    return memory


def _passes(conn: sqlite3.Connection) -> bool:
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False


def image_is_healthy(image: bytes) -> bool:
    """Whether a database image passes SQLite's quick_check."""
    try:
        memory = _in_memory(image)
    except sqlite3.DatabaseError:
        return False
    try:
        return _passes(memory)
    finally:
        memory.close()


def file_is_healthy(path: Path | str) -> bool:
    """Whether the database file at `path` passes SQLite's quick_check (run at every start)."""
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return False
    try:
        return _passes(conn)
    finally:
        conn.close()


def replace_contents(db: Database, image: bytes) -> None:
    """Make the open database's contents those of `image`, in place, in one step."""
    source = _in_memory(image)
    try:
        source.backup(db.conn)
    finally:
        source.close()
