"""Heirs and children of a worker; the service replaces them whole with each save."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database


def replace_family(
    db: Database,
    worker_id: str,
    heirs: list[dict[str, Any]],
    children: list[dict[str, Any]],
    new: bool = False,
) -> None:
    """Make the worker's heirs and children exactly these rows (each dict has its id);
    `new`: the worker was just inserted, so there is nothing to delete."""
    if not new:
        db.execute("DELETE FROM heirs WHERE worker_id = ?", [worker_id])
        db.execute("DELETE FROM children WHERE worker_id = ?", [worker_id])
    insert_families(db, [(worker_id, heirs, children)])


_INSERT_HEIR = (
    "INSERT INTO heirs(id, worker_id, full_name, relation, nik, phone) VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_CHILD = (
    "INSERT INTO children(id, worker_id, full_name, birth_date, sex, nik, school_level, "
    "school_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def insert_families(
    db: Database,
    families: Iterable[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]],
) -> None:
    """Insert the heirs and children of new workers: (worker id, heirs, children) each."""
    families = list(families)
    db.conn.executemany(
        _INSERT_HEIR,
        (
            (h["id"], worker_id, h["full_name"], h["relation"], h["nik"], h["phone"])
            for worker_id, heirs, _ in families
            for h in heirs
        ),
    )
    db.conn.executemany(
        _INSERT_CHILD,
        (
            (
                c["id"],
                worker_id,
                c["full_name"],
                c["birth_date"],
                c["sex"],
                c["nik"],
                c.get("school_level"),
                c.get("school_class"),
            )
            for worker_id, _, children in families
            for c in children
        ),
    )


def heirs_of(db: Database, worker_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, full_name, relation, nik, phone FROM heirs WHERE worker_id = ? "
            "ORDER BY rowid",
            [worker_id],
        )
    )


def children_of(db: Database, worker_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, full_name, birth_date, sex, nik, school_level, school_class FROM children "
            "WHERE worker_id = ? ORDER BY birth_date, rowid",  # twins in the order entered
            [worker_id],
        )
    )
