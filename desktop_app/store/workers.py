"""Worker rows: writes and the queries the list, the CLI and documents need."""

from __future__ import annotations

import heapq
import json
import math
import operator
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.domain.names import without_apostrophes
from desktop_app.domain.occupations import OCCUPATIONS, OTHER
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
        return dict(zip(COLUMNS, _values(self), strict=True))


_values = operator.attrgetter(*COLUMNS)  # a worker's columns as a tuple, in COLUMNS order


_SELECT = f"SELECT {', '.join(COLUMNS)} FROM workers"
_COLUMNS_W = ", ".join(f"w.{c}" for c in COLUMNS)


_INSERT = f"INSERT INTO workers({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"


def insert_worker(db: Database, worker: Worker) -> None:
    db.execute(_INSERT, _values(worker))


def insert_workers(db: Database, workers: Sequence[Worker]) -> None:
    """Insert many new rows with one prepared statement."""
    db.conn.executemany(_INSERT, map(_values, workers))


def replace_worker(db: Database, worker: Worker) -> None:
    """Overwrite every column of an existing row (the service bumped the version)."""
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS if c != "id")
    db.execute(
        f"UPDATE workers SET {assignments} WHERE id = ?",
        [getattr(worker, c) for c in COLUMNS if c != "id"] + [worker.id],
    )


def get_worker(db: Database, worker_id: str) -> Worker | None:
    row = db.execute(f"{_SELECT} WHERE id = ?", [worker_id]).fetchone()
    return None if row is None else Worker(*row)


def find_by_nik(db: Database, nik: str) -> Worker | None:
    """The live (not removed) worker with this NIK, if any."""
    row = db.execute(f"{_SELECT} WHERE nik = ? AND deleted_at IS NULL", [nik]).fetchone()
    return None if row is None else Worker(*row)


def live_by_nik(db: Database, niks: Collection[str]) -> dict[str, Worker]:
    """The live workers holding any of `niks`, by NIK (one query for a whole batch)."""
    rows = db.execute(
        f"{_SELECT} WHERE deleted_at IS NULL AND nik IN (SELECT value FROM json_each(?))",
        [json.dumps(list(niks))],
    ).fetchall()
    return {row[1]: Worker(*row) for row in rows}


def by_ids(db: Database, ids: Collection[str]) -> dict[str, Worker]:
    """Workers by id, many at once."""
    rows = db.execute(
        f"{_SELECT} WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(list(ids))]
    ).fetchall()
    return {row[0]: Worker(*row) for row in rows}


def find_removed_by_nik(db: Database, nik: str) -> Worker | None:
    """The most recently removed worker with this NIK, if any (to restore by NIK)."""
    row = db.execute(
        f"{_SELECT} WHERE nik = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 1",
        [nik],
    ).fetchone()
    return None if row is None else Worker(*row)


def find_by_id_prefix(db: Database, prefix: str) -> list[Worker]:
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


# Sorting m matches by name reads each from the table (about 4 µs); walking the name index
# reads only the index (about 0.2 µs a name) and fills a page of L after about L × live / m
# names when the matches spread evenly. So matches up to √(13 × live) are sorted (3,600 of a
# million), more are walked, for twice the names that should fill the page. Matches cluster
# by name, though (a typed first name finds names that sit together): a walk that stops
# short of a page is given up and the matches sorted after all (measured with
# bench/run.py over 100,000 and 1,000,000 workers).
_SORT_FACTOR = 13
_LIVE = "w.deleted_at IS NULL"
_BY_NIK = "w.nik"  # unique among live workers
_BY_NAME = "w.full_name COLLATE NOCASE, w.rowid"  # ties by insertion, so paging is stable


# What the list filters by, each a column whose value must equal the one chosen, the column
# with the most values first (see _narrowest). Every index the list walks carries them
# (migrations.carry_filters_in_list_indexes).
FILTERS = ("occupation", "status", "dusun")


@dataclass(frozen=True, slots=True)
class _Search:
    """How one search text is answered: which WHERE clause, and in which order."""

    where: str
    params: list[Any]
    order: str
    fts: str | None = None  # the FTS query, when the text is words
    checked: bool = False  # the FTS query's rows are checked further (for one-letter words)
    word: str | None = None  # the first word of two letters or more, if plain ASCII letters
    single: bool = False  # that word is all that was typed


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
    word = next((w for w in words if len(w) > 1), "")
    word_ = word if word.isascii() and word.isalpha() else None
    if not initials:
        return _Search(where, [fts], by_name, fts, word=word_, single=len(words) == 1)
    # A one-letter word ("Siti A") would make the index merge the lists of every word with
    # that letter; the other words find few rows, whose names are then checked for it.
    name = "(' ' || replace(replace(w.full_name, '-', ' '), '''', ' '))"
    checks = " AND ".join(f"{name} LIKE ?" for _ in initials)
    params = [fts, *(f"% {i}%" for i in initials)]
    return _Search(f"{where} AND {checks}", params, by_name, fts, checked=True, word=word_)


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
    for column, value in _chosen(status, occupation, dusun):
        clauses.append(f"w.{column} = ?")
        params.append(value)
    return " AND ".join(clauses), params


def _chosen(status: str | None, occupation: str | None, dusun: str | None) -> list[tuple[str, str]]:
    """The filters chosen, as (column, value), in FILTERS' order."""
    values = {"status": status, "occupation": occupation, "dusun": dusun}
    return [(column, value) for column in FILTERS if (value := values[column])]


# A searched text with a filter is read from its own matches when it has no more than this.
_FEW_FOUND = 1_000


def _access(
    db: Database,
    plan: _Search,
    status: str | None,
    occupation: str | None,
    dusun: str | None,
    removed: bool,
) -> str:
    """How SQLite should read the live workers a filter keeps and a search finds (an
    `INDEXED BY` or `NOT INDEXED`), or nothing to let it choose.

    Left to itself, SQLite walks the filter's index (in name order, the text tested for each
    entry) even for a text that finds a few workers: among a million, counting "budi santoso"
    among the fishermen tested each of 160,000 (25 ms) instead of reading its 22 matches
    (1.6 ms; a match read costs about 12 µs, so up to _FEW_FOUND), and a NIK prefix read every
    fisherman's row (0.7-1.4 s) instead of the NIK-order index, which carries the filters.
    """
    chosen = _chosen(status, occupation, dusun)
    if removed or not chosen:
        return ""
    if plan.order == _BY_NIK:
        return "INDEXED BY workers_live_by_nik"
    if plan.fts is not None:
        found = _count(
            db, "SELECT 1 FROM workers_fts WHERE workers_fts MATCH ?", [plan.fts], _FEW_FOUND + 1
        )
        if found <= _FEW_FOUND:
            return "NOT INDEXED"
    return _narrowest(db, chosen)


# Filter values are counted up to this many live workers (about 2 ms among a million).
_NARROWEST_UP_TO = 20_000


def _narrowest(db: Database, chosen: list[tuple[str, str]]) -> str:
    """`INDEXED BY` the index of the `chosen` filter value that fewest live workers have, when
    two or more are chosen; else nothing.

    SQLite keeps no statistics here and takes any of them: among a million workers,
    "lainnya" in one dusun was counted through the dusun's 200,000 entries instead of the
    occupation's 10,000, and a text searched within both was tested for each of them. Each
    value is counted no further than the fewest so far; values that all pass
    _NARROWEST_UP_TO go by FILTERS' order (the column with more values first).
    """
    if len(chosen) < 2:
        return ""
    best, fewest = f"INDEXED BY workers_live_{chosen[0][0]}", _NARROWEST_UP_TO
    for column, value in chosen:
        index = f"INDEXED BY workers_live_{column}"
        n = _count(db, f"SELECT 1 FROM workers w {index} WHERE {_LIVE} AND w.{column} = ?",
                   [value], fewest)  # fmt: skip
        if n < fewest:
            best, fewest = index, n
    return best


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


# The live index the name sort walks (migrations made workers_live_by_<key> for the others).
_SORT_INDEXES = {"full_name": "workers_live_name"}


def _sort_index(
    db: Database, sort: str, where: str, params: list[Any], access: str, factor: int
) -> str | None:
    """`INDEXED BY` the sort's index when the filters keep many workers, else None (sort
    them): more than √(factor × live) of them.

    A filtered list sorted by a column can walk that column's index, testing each entry,
    until a page of L is full (about L × live / m entries for m matches); or read the m
    matches and sort them (a row each, about 4 µs). A searched text is tested for each entry
    against its matches, as costly as reading a row: the two cost the same where m² = L × live,
    and `factor` is L. The filters alone are tested in the index entry, which carries them
    (about 0.2 µs): `factor` is _SORT_FACTOR, as for a search by name. SQLite cannot count
    m and always sorts (2-4 s for a common occupation among a million workers).
    """
    crossover = math.isqrt(factor * count_workers(db))
    matches = f"SELECT 1 FROM workers w {access} WHERE {where}"
    if _count(db, matches, params, crossover + 1) <= crossover:
        return None
    return f"INDEXED BY {_SORT_INDEXES.get(sort, f'workers_live_by_{sort}')}"


def _pinned(status: str | None, occupation: str | None, dusun: str | None) -> set[str]:
    """The sorts whose value a filter fixes (a status, a dusun, an occupation other than the
    one its workers name themselves): sorting by them walks no index in the filter's order."""
    pinned = {key for key, value in (("status", status), ("dusun", dusun)) if value}
    if occupation and occupation != OTHER:
        pinned.add("occupation")
    return pinned


def _own_occupations(sort: str, occupation: str | None, removed: bool) -> str:
    """For live workers of "lainnya" sorted by occupation, the condition that seeks the sort's
    index straight to them (else nothing): only they name their occupation themselves, and
    text sorts after the listed occupations' ranks, so the index holds them together, in order."""
    if sort == "occupation" and occupation == OTHER and not removed:
        return f" AND {SORTS[sort]} >= ''"
    return ""


def _sorted_page(
    db: Database,
    where: str,
    params: list[Any],
    sort: str,
    descending: bool,
    after: PageKey | None,
    limit: int,
    hint: str | None,
    access: str,
) -> tuple[list[Worker], PageKey | None]:
    """A page in the order of a column the clerk clicked (see SORTS), by key as well: the
    rows after the last one's (sort value, name, rowid); `hint` names the index to walk, or
    is None to sort the matches, read as `access` says (see _access)."""
    expr = SORTS[sort]
    op, direction = ("<", " DESC") if descending else (">", "")
    later, later_params = "1", []
    if after is not None:
        later = f"({expr}, w.full_name COLLATE NOCASE, w.rowid) {op} (?, ?, ?)"
        later_params = [after.sort_value, after.value, after.rowid]
    order = f"{expr}{direction}, w.full_name COLLATE NOCASE{direction}, w.rowid{direction}"
    if hint is not None:
        page = f"FROM workers w {hint} WHERE {where} AND {later} ORDER BY {order} LIMIT ?"
    else:
        # The matches' rowids first (from an index that carries the filters), their rows
        # then read in rowid order (a quarter faster than in the index's name order), the
        # sort keeping just their keys, and last the page's rows. Matches arrive by name, so
        # a descending sort of whole rows took nearly every one into its page and dropped
        # another: up to 2.8 times the instructions ("lainnya" among a million workers by
        # coverage, descending).
        matches = f"SELECT w.rowid FROM workers w {access} WHERE {where}"
        keys = (
            f"SELECT w.rowid FROM workers w WHERE w.rowid IN ({matches}) AND {later} "
            f"ORDER BY {order} LIMIT ?"
        )
        page = f"FROM workers w WHERE w.rowid IN ({keys}) ORDER BY {order}"
    params = [*params, *later_params]
    rows = db.execute(f"SELECT {_COLUMNS_W}, w.rowid, {expr} {page}", [*params, limit]).fetchall()
    workers = [Worker(*row[:-2]) for row in rows]
    if len(rows) < limit:
        return workers, None
    return workers, PageKey(workers[-1].full_name, rows[-1][-2], rows[-1][-1])


def page_workers(
    db: Database,
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
) -> tuple[list[Worker], PageKey | None]:
    """A page of live (or, with `removed`, removed) workers matching the filters, by name (or
    by NIK for a NIK search), or by the `sort` column (a key of SORTS), ties by name; and the
    key of the next page (None after the last)."""
    plan = _plan(search, removed)
    where, params = _filters(plan, status, occupation, dusun, removed)
    if sort in _pinned(status, occupation, dusun):
        sort = "full_name"  # every match has the same sort value: the order is by name
    if sort is not None or descending:
        sort = sort or "full_name"
        access = _access(db, plan, status, occupation, dusun, removed)
        hint: str | None = ""
        if own := _own_occupations(sort, occupation, removed):
            where, hint = where + own, "INDEXED BY workers_live_by_occupation"
        elif sort == "full_name" and not search.strip():
            hint = access  # a filter's own index holds its workers by name
        elif not removed and (search.strip() or status or occupation or dusun):
            factor = limit if search.strip() else _SORT_FACTOR
            hint = _sort_index(db, sort, where, params, access, factor)
        return _sorted_page(db, where, params, sort, descending, after, limit, hint, access)
    more, more_params = ("1", []) if after is None else _after(plan.order, after)
    where, params = f"{where} AND {more}", [*params, *more_params]
    rows: list[Any] | None = None
    if plan.fts and not (status or occupation or dusun or removed):
        budget = _walk_budget(db, plan.fts, limit)
        if budget is not None:
            keys = _split_by_first_word(db, plan, more, more_params, limit)
            if keys is None:
                keys = _walk_names(db, plan, budget, more, more_params, limit)
            if keys is not None:
                rows = _rows_of(db, [rowid for _, rowid in keys])
    if rows is None:
        access = _access(db, plan, status, occupation, dusun, removed)
        rows = db.execute(
            f"SELECT {_COLUMNS_W}, w.rowid FROM workers w {access} WHERE {where} "
            f"ORDER BY {plan.order} LIMIT ?",
            [*params, limit],
        ).fetchall()
    workers = [Worker(*row[:-1]) for row in rows]
    if len(rows) < limit:
        return workers, None
    last = workers[-1]
    return workers, PageKey(last.nik if plan.order == _BY_NIK else last.full_name, rows[-1][-1])


def _walk_budget(db: Database, fts: str, limit: int) -> int | None:
    """How many names a walk for a page of `fts` should read, or None to sort its matches."""
    live = count_workers(db)
    sort_up_to = math.isqrt(_SORT_FACTOR * live)
    matches = db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM workers_fts WHERE workers_fts MATCH ? LIMIT ?)",
        [fts, 10 * sort_up_to],
    ).fetchone()[0]
    return None if matches <= sort_up_to else 2 * limit * live // matches


def _rows_of(db: Database, rowids: list[int]) -> list[Any]:
    """The rows (and rowids) of a page, in the list's order."""
    return db.execute(
        f"SELECT {_COLUMNS_W}, w.rowid FROM workers w "
        f"WHERE w.rowid IN (SELECT value FROM json_each(?)) ORDER BY {_BY_NAME}",
        [json.dumps(rowids)],
    ).fetchall()


_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _by_name(key: tuple[str, int]) -> tuple[str, int]:
    """A (name, rowid) in the list's order, as SQLite's NOCASE compares (ASCII folded)."""
    return key[0].translate(_NOCASE), key[1]


Keys = list[tuple[str, int]]  # (full_name, rowid) of a page's rows, in order


def _split_by_first_word(
    db: Database, plan: _Search, after: str, after_params: list[Any], limit: int
) -> Keys | None:
    """A page of a search as two parts merged: the names that start with its first word
    (a range of the name index, in order already) and the workers it finds whose name starts
    otherwise (by a later word of the name, the dusun), paged as any search is.

    A typed first name finds names that sit together in the list, which neither sorting
    (too many) nor walking the index (too far) pages fast. None when the split is not exact
    (see `_split`).
    """
    split = _split(db, plan)
    if split is None:
        return None
    starts, bounds, rest = split
    head = db.execute(
        f"SELECT w.full_name, w.rowid FROM workers w INDEXED BY workers_live_name "
        f"WHERE {_LIVE} AND {starts} AND {after} ORDER BY {_BY_NAME} LIMIT ?",
        [*bounds, *after_params, limit],
    ).fetchall()
    tail = None
    if rest.fts and (budget := _walk_budget(db, rest.fts, limit)) is not None:
        tail = _walk_names(db, rest, budget, after, after_params, limit)
    if tail is None:
        tail = db.execute(
            f"SELECT w.full_name, w.rowid FROM workers w WHERE {_LIVE} AND {rest.where} "
            f"AND {after} ORDER BY {_BY_NAME} LIMIT ?",
            [*rest.params, *after_params, limit],
        ).fetchall()
    return list(heapq.merge(head, tail, key=_by_name))[:limit]


def _split(db: Database, plan: _Search) -> tuple[str, list[Any], _Search] | None:
    """The two parts of `_split_by_first_word`: the names starting with the first word (SQL
    and its parameters, the rest of the search checked too) and the search for the others.

    None when a name might start otherwise and still have a first word that FTS5 finds
    starting with the word: a name whose first letters the word's are, up to an apostrophe
    (FTS5 drops it) or a letter beyond ASCII (it may fold to the word's), or a name that
    starts with no letter. Such names are looked for in the name index, a seek each.
    """
    word = plan.word
    if word is None or plan.fts is None:
        return None
    starts = "w.full_name >= ? COLLATE NOCASE AND w.full_name < ? COLLATE NOCASE"
    for k in range(len(word)):
        for low, high in _odd_names(word[:k]):
            if db.execute(
                f"SELECT EXISTS (SELECT 1 FROM workers w WHERE {_LIVE} AND {starts})", [low, high]
            ).fetchone()[0]:
                return None
    bounds = [word, word[:-1] + chr(ord(word[-1]) + 1)]
    if not plan.single:  # the other words may be found anywhere: the search checks them
        starts, bounds = f"{starts} AND {plan.where}", [*bounds, *plan.params]
    elsewhere = f'{plan.fts} NOT full_name : ^ "{word}"*'
    rest = _Search(plan.where, [elsewhere, *plan.params[1:]], _BY_NAME, elsewhere, plan.checked)
    return starts, bounds, rest


def _odd_names(start: str) -> list[tuple[str, str]]:
    """Ranges (NOCASE) of the names `_split` looks for after the letters `start`."""
    if not start:  # a name that starts with no letter
        return [("\x00", "a"), ("{", "\U0010ffff")]
    apostrophes = [(start + c, start + c + "\U0010ffff") for c in "'`"]
    return [*apostrophes, (start + "\x80", start + "\U0010ffff")]


def _walk_names(
    db: Database, plan: _Search, names: int, after: str, after_params: list[Any], limit: int
) -> Keys | None:
    """The page's (name, rowid) from the next `names` names of the live name index (after the
    key `after`), read from the index alone and kept when they match; None when they hold
    fewer than a page (the caller sorts the matches then)."""
    walked = (
        f"SELECT w.rowid AS rowid, w.full_name AS full_name FROM workers w "
        f"INDEXED BY workers_live_name WHERE {_LIVE} AND {after} "
        f"ORDER BY {_BY_NAME} LIMIT ?"
    )
    # The walk yields names in order, so the first `limit` kept are the page: no ORDER BY
    # here, which would check every name walked before keeping any.
    keys = db.execute(
        f"SELECT w.full_name, w.rowid FROM ({walked}) AS w WHERE {plan.where} LIMIT ?",
        [*after_params, names, *plan.params, limit],
    ).fetchall()
    return sorted(keys, key=_by_name) if len(keys) == limit else None


def list_workers(db: Database, **filters: Any) -> list[Worker]:
    """Like `page_workers`, without the next page's key."""
    return page_workers(db, **filters)[0]


def count_workers(
    db: Database,
    *,
    search: str = "",
    status: str | None = None,
    occupation: str | None = None,
    dusun: str | None = None,
    removed: bool = False,
    up_to: int | None = None,
) -> int:
    """How many live (or removed) workers match; every plain filter of live workers is counted
    from its live index alone, and all live workers from the total the triggers keep.

    With `up_to`, counting stops there (the answer is at most `up_to`): a million workers take
    longer to count than a keystroke may, and a count past that is not read one by one.
    """
    if not (search.strip() or status or occupation or dusun or removed):
        total = int(db.execute("SELECT total FROM live_workers").fetchone()[0])
        return total if up_to is None else min(total, up_to)
    plan = _plan(search, removed)
    params: list[Any]
    plain = not (status or occupation or dusun or removed)
    if plan.fts and not plan.checked and plain:
        # The index holds live workers only, so it can count them without the table.
        matches, params = "SELECT 1 FROM workers_fts WHERE workers_fts MATCH ?", [plan.fts]
    elif plan.checked and plain and (split := _split(db, plan)) is not None:
        # Names starting with the first word are checked in the name index alone.
        starts, bounds, rest = split
        head = _count(
            db,
            f"SELECT 1 FROM workers w INDEXED BY workers_live_name WHERE {_LIVE} AND {starts}",
            bounds,
            up_to,
        )
        tail = _count(
            db, f"SELECT 1 FROM workers w WHERE {_LIVE} AND {rest.where}", rest.params, up_to
        )
        return head + tail if up_to is None else min(head + tail, up_to)
    else:
        where, params = _filters(plan, status, occupation, dusun, removed)
        access = _access(db, plan, status, occupation, dusun, removed)
        matches = f"SELECT 1 FROM workers w {access} WHERE {where}"
    return _count(db, matches, params, up_to)


def _count(db: Database, matches: str, params: list[Any], up_to: int | None) -> int:
    """How many rows the SELECT `matches` gives, counted no further than `up_to`."""
    if up_to is not None:
        matches, params = f"{matches} LIMIT ?", [*params, up_to]
    return int(db.execute(f"SELECT count(*) FROM ({matches})", params).fetchone()[0])


def distinct_dusun(db: Database) -> list[str]:
    """The dusun of live workers, one index seek per name (not a walk over every worker)."""
    rows = db.execute(
        "WITH RECURSIVE d(name) AS ("
        " SELECT (SELECT min(dusun) FROM workers WHERE deleted_at IS NULL AND dusun > '')"
        " UNION ALL SELECT (SELECT min(dusun) FROM workers"
        "  WHERE deleted_at IS NULL AND dusun > d.name) FROM d WHERE d.name IS NOT NULL"
        ") SELECT name FROM d WHERE name IS NOT NULL"
    ).fetchall()
    return [r[0] for r in rows]


def status_counts(db: Database) -> dict[str, int]:
    rows = db.execute(
        "SELECT status, count(*) FROM workers WHERE deleted_at IS NULL GROUP BY status"
    ).fetchall()
    return dict(rows)


def set_bpjs_fields(
    db: Database,
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
