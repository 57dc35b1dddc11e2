"""Finding workers of every village at the district: by name, NIK or KPJ number.

Its own query over the district's copy (district_workers and its search index), apart from
the village's worker list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.domain.names import without_apostrophes

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
_BY_WORDS = "w.rowid IN (SELECT rowid FROM district_workers_fts WHERE district_workers_fts MATCH ?)"
# The longest KPJ number: a longer run of digits can only be (the start of) a NIK.
KPJ_DIGITS = 11


@dataclass(frozen=True, slots=True)
class _Part:
    """One ordered run of matches: a WHERE clause over live workers, its order and its index."""

    where: str
    params: list[Any]
    order: str
    index: str = ""  # INDEXED BY, when the planner needs telling


def _parts(text: str, total: int = 0) -> list[_Part]:
    """What was typed as runs of matches, shown one after the other: a name's, or for digits
    the NIKs that start with them and then the KPJ numbers that do (and not the NIK)."""
    text = text.strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if not text:
        return [_Part("1", [], _BY_NAME)]
    if digits.isascii() and digits.isdigit():
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        by_nik = _Part(
            "w.nik >= ? AND w.nik < ?", [digits, upper], "w.nik", "district_workers_live_nik"
        )
        if len(digits) > KPJ_DIGITS:
            return [by_nik]
        by_kpj = _Part(
            "w.kpj_number >= ? AND w.kpj_number < ? AND NOT (w.nik >= ? AND w.nik < ?)",
            [digits, upper, digits, upper],
            "w.kpj_number",
            "district_workers_live_kpj",
        )
        return [by_nik, by_kpj]
    if len(text) == 1:
        # One letter: names that start with it, straight from the name index.
        return [
            _Part(
                "w.full_name >= ? COLLATE NOCASE AND w.full_name < ? COLLATE NOCASE",
                [text, chr(ord(text.lower()) + 1)],
                _BY_NAME,
                "district_workers_name",
            )
        ]
    words = re.findall(r"\w+", without_apostrophes(text).lower())
    if not words:
        return [_Part("0", [], "w.id")]
    match = " ".join(f'full_name : "{w}"*' for w in words)
    return [
        _Part(
            _BY_WORDS,
            [match],
            _BY_NAME,
            # Many matches: walk names in order and stop at the page, rather than sort them all.
            "district_workers_name" if total > _SORT_LIMIT else "",
        )
    ]


def _count(db: Database, part: _Part) -> int:
    index = f"INDEXED BY {part.index}" if part.index else ""
    found: int = db.execute(
        f"SELECT count(*) FROM district_workers w {index} "
        f"WHERE w.deleted_at IS NULL AND {part.where}",
        part.params,
    ).fetchone()[0]
    return found


def search_workers(
    db: Database, text: str, limit: int = 200, offset: int = 0, total: int = 0
) -> list[dict[str, Any]]:
    """Live workers of any village matching `text`: by name, or NIK matches then KPJ matches.

    `total`, the caller's count of matches, picks the plan for word searches with many.
    """
    columns = ", ".join(f"w.{c}" for c in COLUMNS)
    found: list[dict[str, Any]] = []
    parts = _parts(text, total)
    for n, part in enumerate(parts):
        if len(found) >= limit:
            break
        index = f"INDEXED BY {part.index}" if part.index else ""
        rows = db.execute(
            f"SELECT {columns} FROM district_workers w {index} "
            f"WHERE w.deleted_at IS NULL AND {part.where} ORDER BY {part.order} LIMIT ? OFFSET ?",
            [*part.params, limit - len(found), offset],
        ).fetchall()
        found += [dict(zip(COLUMNS, row, strict=True)) for row in rows]
        if n + 1 < len(parts):  # the next run starts where this one's matches end
            offset = max(0, offset - _count(db, part))
    return found


def count_matches(db: Database, text: str) -> int:
    parts = _parts(text)
    if parts[0].where == _BY_WORDS:
        # The name index holds live workers only: it counts without the table.
        found: int = db.execute(
            "SELECT count(*) FROM district_workers_fts WHERE district_workers_fts MATCH ?",
            parts[0].params,
        ).fetchone()[0]
        return found
    return sum(_count(db, part) for part in parts)


def village_names(db: Database, codes: list[str]) -> dict[str, str]:
    """Names villages gave themselves, for codes the region list does not know."""
    if not codes:
        return {}
    rows = db.execute(
        f"SELECT code, name FROM villages WHERE code IN ({', '.join('?' for _ in codes)})", codes
    )
    return dict(rows.fetchall())
