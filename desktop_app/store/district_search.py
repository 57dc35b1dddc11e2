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


# Above this many matches, walking the name index beats sorting the matches (as the village's
# worker list does).
_SORT_LIMIT = 1000
_BY_NAME = "w.full_name COLLATE NOCASE, w.id"


def _plan(text: str) -> tuple[str, list[Any], str, bool]:
    """(WHERE clause, parameters, ORDER BY, whether it matches words) for what was typed."""
    text = text.strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if not text:
        return "1", [], _BY_NAME, False
    if digits.isascii() and digits.isdigit():
        # A NIK (16 digits) or a KPJ number (11): prefixes of either, from their indexes.
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        return (
            "((w.nik >= ? AND w.nik < ?) OR (w.kpj_number >= ? AND w.kpj_number < ?))",
            [digits, upper, digits, upper],
            "w.nik",
            False,
        )
    if len(text) == 1:
        # One letter: names that start with it, straight from the name index.
        return (
            "w.full_name >= ? COLLATE NOCASE AND w.full_name < ? COLLATE NOCASE",
            [text, chr(ord(text.lower()) + 1)],
            _BY_NAME,
            False,
        )
    words = re.findall(r"\w+", text.lower())
    if not words:
        return "0", [], "w.id", False
    match = " ".join(f'full_name : "{w}"*' for w in words)
    return (
        "w.rowid IN (SELECT rowid FROM district_workers_fts WHERE district_workers_fts MATCH ?)",
        [match],
        _BY_NAME,
        True,
    )


def search_workers(
    db: sqlite_utils.Database, text: str, limit: int = 200, offset: int = 0, total: int = 0
) -> list[dict[str, Any]]:
    """Live workers of any village matching `text`, by name (or NIK order for digits).

    `total`, the caller's count of matches, picks the plan for word searches with many.
    """
    where, params, order, words = _plan(text)
    hint = "INDEXED BY district_workers_name" if words and total > _SORT_LIMIT else ""
    columns = ", ".join(f"w.{c}" for c in COLUMNS)
    rows = db.execute(
        f"SELECT {columns} FROM district_workers w {hint} WHERE w.deleted_at IS NULL AND {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def count_matches(db: sqlite_utils.Database, text: str) -> int:
    where, params, _, words = _plan(text)
    if words:  # the index holds live workers only: it counts without the table
        sql = "SELECT count(*) FROM district_workers_fts WHERE district_workers_fts MATCH ?"
    else:
        sql = f"SELECT count(*) FROM district_workers w WHERE w.deleted_at IS NULL AND {where}"
    found: int = db.execute(sql, params).fetchone()[0]
    return found


def village_names(db: sqlite_utils.Database, codes: list[str]) -> dict[str, str]:
    """Names villages gave themselves, for codes the region list does not know."""
    if not codes:
        return {}
    rows = db.execute(
        f"SELECT code, name FROM villages WHERE code IN ({', '.join('?' for _ in codes)})", codes
    )
    return dict(rows.fetchall())
