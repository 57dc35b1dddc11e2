"""The audit log: who changed what, when, and the record before and after."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from desktop_app.device.clock import utc_now


def record(
    db: sqlite_utils.Database,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    db.execute(
        "INSERT INTO audit_log(at, user, action, entity, entity_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            utc_now(),
            user,
            action,
            entity,
            entity_id,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )


def history(db: sqlite_utils.Database, entity: str, entity_id: str) -> list[dict[str, Any]]:
    """Every audit entry of one record, oldest first, with before/after decoded."""
    rows = db.query(
        "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
        [entity, entity_id],
    )
    return [
        {
            **row,
            "before": row["before"] and json.loads(row["before"]),
            "after": row["after"] and json.loads(row["after"]),
        }
        for row in rows
    ]


def last_id(db: sqlite_utils.Database) -> int:
    """The number of the newest audit entry (0 when none): a counter of changes made here."""
    return db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
