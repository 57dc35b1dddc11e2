"""The database as the store uses it: one SQLite connection, statements, and rows as dicts.

A thin wrapper rather than sqlite-utils, whose import (click, dateutil, pluggy…) cost more than
the rest of opening the window; the store never needed more than these three.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

Params = Sequence[Any] | Mapping[str, Any]


class Database:
    """An open connection in autocommit mode: each statement commits unless db.transaction()
    (store.db.transaction) has begun one."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT as dicts keyed by column name."""
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)
