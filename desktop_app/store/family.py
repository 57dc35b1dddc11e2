"""Heirs and children of a worker; the service replaces them whole with each save."""

from __future__ import annotations

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
    for h in heirs:
        db.execute(
            "INSERT INTO heirs(id, worker_id, full_name, relation, nik, phone) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [h["id"], worker_id, h["full_name"], h["relation"], h["nik"], h["phone"]],
        )
    for c in children:
        db.execute(
            "INSERT INTO children(id, worker_id, full_name, birth_date, sex, nik, school_level, "
            "school_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                c["id"],
                worker_id,
                c["full_name"],
                c["birth_date"],
                c["sex"],
                c["nik"],
                c.get("school_level"),
                c.get("school_class"),
            ],
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
