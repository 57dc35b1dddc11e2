"""The people who use this installation (named in the audit log)."""

from __future__ import annotations

import sqlite_utils

from desktop_app.device.clock import utc_now


def add_user(db: sqlite_utils.Database, user_id: str, username: str, role: str) -> None:
    db.execute(
        "INSERT INTO users(id, username, full_name, role, created_at) VALUES (?, ?, ?, ?, ?)",
        [user_id, username, username, role, utc_now()],
    )
