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
    before: dict[str, Any] | str | None,
    after: dict[str, Any] | str | None,
) -> None:
    """Log one change; `before` and `after` are records, or their JSON text already made."""
    db.execute(
        "INSERT INTO audit_log(at, user, action, entity, entity_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            utc_now(),
            user,
            action,
            entity,
            entity_id,
            _text(before),
            _text(after),
        ],
    )


def record_many(
    db: sqlite_utils.Database,
    user: str,
    action: str,
    entity: str,
    entries: list[tuple[str, str | None, str | None]],
) -> None:
    """Log many changes of one kind at once: (entity id, before, after) as JSON text each."""
    at = utc_now()
    db.conn.executemany(
        "INSERT INTO audit_log(at, user, action, entity, entity_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (at, user, action, entity, entity_id, before, after)
            for entity_id, before, after in entries
        ),
    )


def _text(record: dict[str, Any] | str | None) -> str | None:
    if record is None or isinstance(record, str):
        return record
    return json.dumps(record, ensure_ascii=False)


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
