"""Finding workers of every village at the district: by name, NIK or KPJ number.

Its own query over the district's copy (district_workers and its search index), apart from
the village's worker list.
"""

from __future__ import annotations

import re
from typing import Any

import sqlite_utils

COLUMNS = (
    "id",
    "village_code",
    "nik",
    "full_name",
    "birth_date",
    "sex",
    "occupation",
    "occupation_other",
    "status",
    "kpj_number",
    "bpjs_status",
)


def _plan(text: str) -> tuple[str, list[Any], str]:
    """(WHERE clause, parameters, ORDER BY) for what the officer typed."""
    text = text.strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if not text:
        return "1", [], "w.full_name COLLATE NOCASE, w.id"
    if digits.isascii() and digits.isdigit():
        # A NIK (16 digits) or a KPJ number (11): prefixes of either, from their indexes.
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        return (
            "((w.nik >= ? AND w.nik < ?) OR (w.kpj_number >= ? AND w.kpj_number < ?))",
            [digits, upper, digits, upper],
            "w.nik",
        )
    words = re.findall(r"\w+", text.lower())
    if not words:
        return "0", [], "w.id"
    match = " ".join(f'full_name : "{w}"*' for w in words)
    return (
        "w.rowid IN (SELECT rowid FROM district_workers_fts WHERE district_workers_fts MATCH ?)",
        [match],
        "w.full_name COLLATE NOCASE, w.id",
    )


def search_workers(
    db: sqlite_utils.Database, text: str, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """Live workers of any village matching `text`, by name (or NIK order for digits)."""
    where, params, order = _plan(text)
    columns = ", ".join(f"w.{c}" for c in COLUMNS)
    rows = db.execute(
        f"SELECT {columns} FROM district_workers w WHERE w.deleted_at IS NULL AND {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def count_matches(db: sqlite_utils.Database, text: str) -> int:
    where, params, _ = _plan(text)
    return db.execute(
        f"SELECT count(*) FROM district_workers w WHERE w.deleted_at IS NULL AND {where}", params
    ).fetchone()[0]
