"""Worker rows: writes and the queries the list, the CLI and documents need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop_app.domain.names import without_apostrophes
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.domain.phone import phone_search_prefix
from desktop_app.domain.status import STATUS_LABELS

COLUMNS = (
    "id",
    "nik",
    "kk_number",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "dusun",
    "rt",
    "rw",
    "village_code",
    "phone",
    "occupation",
    "occupation_other",
    "monthly_income",
    "programs",
    "status",
    "kpj_number",
    "bpjs_status",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    "deleted_at",
    "nik_mismatch_reason",
)


@dataclass(frozen=True, slots=True)
class Worker:
    """One row of `workers`, as stored (dates as YYYY-MM-DD text, money as int rupiah)."""

    id: str
    nik: str
    kk_number: str | None
    full_name: str
    birth_place: str | None
    birth_date: str
    sex: str
    address: str | None
    dusun: str | None
    rt: str | None
    rw: str | None
    village_code: str
    phone: str | None
    occupation: str
    occupation_other: str | None
    monthly_income: int
    programs: str
    status: str
    kpj_number: str | None
    bpjs_status: str | None
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    version: int
    deleted_at: str | None
    nik_mismatch_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies every value, a sixth of a save's time.
        return {name: getattr(self, name) for name in COLUMNS}


_SELECT = f"SELECT {', '.join(COLUMNS)} FROM workers"
_COLUMNS_W = ", ".join(f"w.{c}" for c in COLUMNS)


def insert_worker(db: sqlite_utils.Database, worker: Worker) -> None:
    placeholders = ", ".join("?" for _ in COLUMNS)
    db.execute(
        f"INSERT INTO workers({', '.join(COLUMNS)}) VALUES ({placeholders})",
        [getattr(worker, c) for c in COLUMNS],
    )


def replace_worker(db: sqlite_utils.Database, worker: Worker) -> None:
    """Overwrite every column of an existing row (the service bumped the version)."""
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS if c != "id")
    db.execute(
        f"UPDATE workers SET {assignments} WHERE id = ?",
        [getattr(worker, c) for c in COLUMNS if c != "id"] + [worker.id],
    )


def get_worker(db: sqlite_utils.Database, worker_id: str) -> Worker | None:
    row = db.execute(f"{_SELECT} WHERE id = ?", [worker_id]).fetchone()
    return None if row is None else Worker(*row)


def find_by_nik(db: sqlite_utils.Database, nik: str) -> Worker | None:
    """The live (not removed) worker with this NIK, if any."""
    row = db.execute(f"{_SELECT} WHERE nik = ? AND deleted_at IS NULL", [nik]).fetchone()
    return None if row is None else Worker(*row)


def find_removed_by_nik(db: sqlite_utils.Database, nik: str) -> Worker | None:
    """The most recently removed worker with this NIK, if any (to restore by NIK)."""
    row = db.execute(
        f"{_SELECT} WHERE nik = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 1",
        [nik],
    ).fetchone()
    return None if row is None else Worker(*row)


def find_by_id_prefix(db: sqlite_utils.Database, prefix: str) -> list[Worker]:
    """Workers whose id starts with `prefix` (people type the first few characters)."""
    prefix = prefix.upper()  # compared as text: LIKE would take _ and % as wildcards
    rows = db.execute(
        f"{_SELECT} WHERE substr(id, 1, ?) = ? LIMIT 2", [len(prefix), prefix]
    ).fetchall()
    return [Worker(*row) for row in rows]


def fts_query(text: str) -> str:
    """Turn what a clerk types into an FTS5 prefix query: every word must match a prefix."""
    words = re.findall(r"\w+", without_apostrophes(text).lower())
    return " ".join(f'"{w}"*' for w in words)


# Above this many matches, and above this share of all live workers, walking the name index
# beats sorting the matches. Matches cluster by name (a typed first name finds names that all
# start alike), so a walk from the top may pass most of the index before it fills a page: it
# pays only when matches are dense everywhere (measured with bench/run.py over 100,000 and
# 1,000,000 workers).
_SORT_LIMIT = 1000
_WALK_SHARE = 20  # walk when more than one live worker in this many matches
_BY_NIK = "w.nik"  # unique among live workers
_BY_NAME = "w.full_name COLLATE NOCASE, w.rowid"  # ties by insertion, so paging is stable


@dataclass(frozen=True, slots=True)
class _Search:
    """How one search text is answered: which WHERE clause, and in which order."""

    where: str
    params: list[Any]
    order: str
    fts: str | None = None  # the FTS query, when the text is words


def _search(text: str) -> _Search:
    text = text.strip()
    digits = re.sub(r"[\s.\-]", "", text)
    by_name = _BY_NAME
    if not text:
        return _Search("", [], by_name)
    if (international := phone_search_prefix(text)) is not None:
        fts = f'phone : "{international}"*'
        return _Search(
            "w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH ?)",
            [fts],
            by_name,
            fts,
        )
    if digits.isdigit():
        # A NIK prefix: the NIK index answers it, in NIK order.
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        return _Search("w.nik >= ? AND w.nik < ?", [digits, upper], "w.nik")
    if len(text) == 1 and len(text.lower()) == 1:  # İ lowers to two characters
        # One letter: names that start with it, straight from the name index.
        return _Search(
            "w.full_name >= ? COLLATE NOCASE AND w.full_name < ? COLLATE NOCASE",
            [text, chr(ord(text.lower()) + 1)],
            by_name,
        )
    if len(text) == 2 and text.isascii() and text.isalpha():
        # Two letters match a tenth of a million names as word prefixes, which no index sorts
        # by name; as a name prefix the name index counts and pages them at once.
        low = text.lower()
        return _Search(
            "w.full_name >= ? COLLATE NOCASE AND w.full_name < ? COLLATE NOCASE",
            [low, low[0] + chr(ord(low[1]) + 1)],
            by_name,
        )
    words = re.findall(r"\w+", without_apostrophes(text).lower())
    fts = fts_query(" ".join(w for w in words if len(w) > 1))
    if not fts:
        return _Search("0", [], by_name)
    where = "w.rowid IN (SELECT rowid FROM workers_fts WHERE workers_fts MATCH ?)"
    initials = [w for w in words if len(w) == 1]
    if not initials:
        return _Search(where, [fts], by_name, fts)
    # A one-letter word ("Siti A") would make the index merge the lists of every word with
    # that letter; the other words find few rows, whose names are then checked for it.
    name = "(' ' || replace(replace(w.full_name, '-', ' '), '''', ' '))"
    checks = " AND ".join(f"{name} LIKE ?" for _ in initials)
    return _Search(f"{where} AND {checks}", [fts, *(f"% {i}%" for i in initials)], by_name)


def _removed_search(text: str) -> _Search:
    """Removed workers are few and not in the search index: match name or NIK directly."""
    text = text.strip()
    by_name = _BY_NAME
    if not text:
        return _Search("", [], by_name)
    return _Search("(w.full_name LIKE ? OR w.nik LIKE ?)", [f"%{text}%", f"{text}%"], by_name)


def _plan(search: str, removed: bool) -> _Search:
    return _removed_search(search) if removed else _search(search)


def _filters(
    search: _Search,
    status: str | None,
    occupation: str | None,
    dusun: str | None,
    removed: bool = False,
) -> tuple[str, list[Any]]:
    clauses = ["w.deleted_at IS NOT NULL" if removed else "w.deleted_at IS NULL"]
    params: list[Any] = []
    if search.where:
        clauses.append(search.where)
        params += search.params
    for column, value in (("status", status), ("occupation", occupation), ("dusun", dusun)):
        if value:
            clauses.append(f"w.{column} = ?")
            params.append(value)
    return " AND ".join(clauses), params


@dataclass(frozen=True, slots=True)
class PageKey:
    """Where the next page starts: the sort value and rowid of the last row shown.

    A page is found from its key (keyset paging), so page 5,000 costs what page 1 costs; an
    OFFSET would count past every row before it. In a list sorted by another column, `value`
    is the name and `sort_value` that column's value.
    """

    value: str
    rowid: int
    sort_value: Any = None


def _after(order: str, key: PageKey) -> tuple[str, list[Any]]:
    """Rows that sort after `key`; the first term gives the index a starting point."""
    if order == _BY_NIK:
        return "w.nik >= ? AND (w.nik > ? OR w.rowid > ?)", [key.value, key.value, key.rowid]
    return (
        "w.full_name >= ? COLLATE NOCASE AND (w.full_name > ? COLLATE NOCASE OR w.rowid > ?)",
        [key.value, key.value, key.rowid],
    )


def _rank(column: str, values: list[str]) -> str:
    """SQL that orders `column` by the position of its value in `values`."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {len(values)} END"


# What the list can be sorted by, as SQL that is never NULL (a page starts after the key of
# the last row, compared as a row value). Occupations sort by their label, statuses in the
# order a worker goes through them, coverage by the month paid up to; ties by name.
SORTS = {
    "full_name": "w.full_name COLLATE NOCASE",
    "nik": "w.nik",
    "occupation": "coalesce(w.occupation_other, "
    + _rank("w.occupation", [o.code for o in sorted(OCCUPATIONS, key=lambda o: o.label)])
    + ") COLLATE NOCASE",
    "dusun": "coalesce(w.dusun, '') COLLATE NOCASE",
    "phone": "coalesce(w.phone, '')",
    "status": _rank("w.status", list(STATUS_LABELS)),
    "coverage": "w.coverage_ends",
}


def _sorted_page(
    db: sqlite_utils.Database,
    where: str,
    params: list[Any],
    sort: str,
    descending: bool,
    after: PageKey | None,
    limit: int,
) -> tuple[list[Worker], PageKey | None]:
    """A page in the order of a column the clerk clicked (see SORTS), by key as well: the
    rows after the last one's (sort value, name, rowid)."""
    expr = SORTS[sort]
    op, direction = ("<", " DESC") if descending else (">", "")
    if after is not None:
        where += f" AND ({expr}, w.full_name COLLATE NOCASE, w.rowid) {op} (?, ?, ?)"
        params = [*params, after.sort_value, after.value, after.rowid]
    order = f"{expr}{direction}, w.full_name COLLATE NOCASE{direction}, w.rowid{direction}"
    rows = db.execute(
        f"SELECT {_COLUMNS_W}, w.rowid, {expr} FROM workers w WHERE {where} "
        f"ORDER BY {order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    workers = [Worker(*row[:-2]) for row in rows]
    if len(rows) < limit:
        return workers, None
    return workers, PageKey(workers[-1].full_name, rows[-1][-2], rows[-1][-1])


def page_workers(
    db: sqlite_utils.Database,
    *,
    search: str = "",
    status: str | None = None,
    occupation: str | None = None,
    dusun: str | None = None,
    sort: str | None = None,
    descending: bool = False,
    removed: bool = False,
    after: PageKey | None = None,
    limit: int = 200,
    total: int | None = None,
) -> tuple[list[Worker], PageKey | None]:
    """A page of live (or, with `removed`, removed) workers matching the filters, by name (or
    by NIK for a NIK search), or by the `sort` column (a key of SORTS), ties by name; and the
    key of the next page (None after the last).

    `total`, when the caller has counted the matches already, spares counting them again.
    """
    plan = _plan(search, removed)
    where, params = _filters(plan, status, occupation, dusun, removed)
    if sort is not None or descending:
        return _sorted_page(db, where, params, sort or "full_name", descending, after, limit)
    if after is not None:
        more, more_params = _after(plan.order, after)
        where, params = f"{where} AND {more}", [*params, *more_params]
    hint = ""
    if plan.fts and not (status or occupation or dusun):
        if total is None:
            total = count_workers(db, search=search)
        if total > max(_SORT_LIMIT, count_workers(db) // _WALK_SHARE):
            hint = "INDEXED BY workers_live_name"  # many matches: walk names, stop at the page
    rows = db.execute(
        f"SELECT {_COLUMNS_W}, w.rowid FROM workers w {hint} WHERE {where} "
        f"ORDER BY {plan.order} LIMIT ?",
        [*params, limit],
    ).fetchall()
    workers = [Worker(*row[:-1]) for row in rows]
    if len(rows) < limit:
        return workers, None
    last = workers[-1]
    return workers, PageKey(last.nik if plan.order == _BY_NIK else last.full_name, rows[-1][-1])


def list_workers(db: sqlite_utils.Database, **filters: Any) -> list[Worker]:
    """Like `page_workers`, without the next page's key."""
    return page_workers(db, **filters)[0]


def count_workers(
    db: sqlite_utils.Database,
    *,
    search: str = "",
    status: str | None = None,
    occupation: str | None = None,
    dusun: str | None = None,
    removed: bool = False,
) -> int:
    """How many live (or removed) workers match; every plain filter of live workers is counted
    from its live index alone, and all live workers from the total the triggers keep."""
    if not (search.strip() or status or occupation or dusun or removed):
        return int(db.execute("SELECT total FROM live_workers").fetchone()[0])
    plan = _plan(search, removed)
    if plan.fts and not (status or occupation or dusun):
        # The index holds live workers only, so it can count them without the table.
        return int(
            db.execute(
                "SELECT count(*) FROM workers_fts WHERE workers_fts MATCH ?", [plan.fts]
            ).fetchone()[0]
        )
    where, params = _filters(plan, status, occupation, dusun, removed)
    return int(db.execute(f"SELECT count(*) FROM workers w WHERE {where}", params).fetchone()[0])


def distinct_dusun(db: sqlite_utils.Database) -> list[str]:
    """The dusun of live workers, one index seek per name (not a walk over every worker)."""
    rows = db.execute(
        "WITH RECURSIVE d(name) AS ("
        " SELECT (SELECT min(dusun) FROM workers WHERE deleted_at IS NULL AND dusun > '')"
        " UNION ALL SELECT (SELECT min(dusun) FROM workers"
        "  WHERE deleted_at IS NULL AND dusun > d.name) FROM d WHERE d.name IS NOT NULL"
        ") SELECT name FROM d WHERE name IS NOT NULL"
    ).fetchall()
    return [r[0] for r in rows]


def status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    rows = db.execute(
        "SELECT status, count(*) FROM workers WHERE deleted_at IS NULL GROUP BY status"
    ).fetchall()
    return dict(rows)


def set_bpjs_fields(
    db: sqlite_utils.Database,
    worker_id: str,
    kpj_number: str | None,
    bpjs_status: str | None,
    status: str,
    updated_at: str,
) -> None:
    """District-owned fields, from a return file: no version bump, they are not the village's."""
    db.execute(
        "UPDATE workers SET kpj_number = ?, bpjs_status = ?, status = ?, updated_at = ? "
        "WHERE id = ?",
        [kpj_number, bpjs_status, status, updated_at, worker_id],
    )
