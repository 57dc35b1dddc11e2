"""The audit log: who changed what, when, and the record before and after.

Entries form a hash chain: each carries the SHA-256 of the one before it and its own, so an
entry edited or deleted straight in the database file breaks the chain at that point
(`verify`), and the chain's head, sent in every batch, lets the district notice a history
that was rewritten wholesale (`chain_hashes`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now
from desktop_app.store.compact_json import compact_encoder

GENESIS = "0" * 64
_COLUMNS = ("id", "at", "user", "action", "entity", "entity_id", "before", "after")
# Erasure (UU 27/2022) replaces the before/after of an erased person's entries by this marker
# and keeps their stored hashes, so the chain still links. Such an entry's stored hash is taken
# as its own only while the record it is about has been erased (store/erasure.py); anything
# else edited into the marker breaks the chain as before.
REDACTED = '{"data_pribadi":"dihapus"}'


def entry_hash(prev_hash: str, row: dict[str, Any] | tuple[Any, ...]) -> str:
    """The hash of one entry as stored (before/after as their JSON text), chained to the last.

    Never change this: every stored chain, and the district's memory of it, depend on it.
    """
    values = [row[c] for c in _COLUMNS] if isinstance(row, dict) else list(row)
    canonical = _ENCODE([prev_hash, *values])
    return hashlib.sha256(canonical.encode()).hexdigest()


# json.dumps(ensure_ascii=False, separators=(",", ":")), its encoder made once
_ENCODE = compact_encoder(sort_keys=False)


def record(
    db: Database,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | str | None,
    after: dict[str, Any] | str | None,
) -> None:
    """Log one change, chained to the last entry; `before` and `after` are records, or their
    JSON text already made."""
    record_many(db, user, [(action, entity, entity_id, before, after)])


Entry = tuple[str, str, str, dict[str, Any] | str | None, dict[str, Any] | str | None]


def record_many(db: Database, user: str, entries: Iterable[Entry]) -> None:
    """Log many changes at once, in order, each chained to the one before: (action, entity,
    entity_id, before, after) each. The chain is computed here and written in one go."""
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1] or GENESIS)
    at = utc_now()
    rows = []
    for action, entity, entity_id, before, after in entries:
        row = (entry_id, at, user, action, entity, entity_id, _text(before), _text(after))
        own = entry_hash(prev, row)
        rows.append((*row, prev, own))
        entry_id, prev = entry_id + 1, own
    db.conn.executemany(
        "INSERT INTO audit_log(id, at, user, action, entity, entity_id, before, after, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def entry_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def _rows(db: Database) -> Iterator[tuple[Any, ...]]:
    return db.execute(f"SELECT {', '.join(_COLUMNS)}, prev_hash, hash FROM audit_log ORDER BY id")


def hash_existing(db: Database) -> None:
    """Chain the entries written before the log was chained (a migration step uses it)."""
    prev = GENESIS
    for row in list(_rows(db)):
        own = entry_hash(prev, row[: len(_COLUMNS)])
        db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, own, row[0]])
        prev = own


@dataclass(frozen=True, slots=True)
class BrokenLink:
    entry_id: int
    at: str
    reason: str  # "changed" (its content or hash) | "missing_before" (an entry before it is gone)


def redact(db: Database, entity: str, entity_id: str) -> None:
    """Wipe the content of a record's entries for erasure, keeping the chain's hashes."""
    db.execute(
        "UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE ? END, "
        "after = CASE WHEN after IS NULL THEN NULL ELSE ? END WHERE entity = ? AND entity_id = ?",
        [REDACTED, REDACTED, entity, entity_id],
    )


def _erased(db: Database) -> set[str]:
    """Ids of erased workers and of their events, whose entries may carry the marker."""
    rows = db.execute(
        "SELECT worker_id FROM erasures UNION "
        "SELECT id FROM events WHERE worker_id IN (SELECT worker_id FROM erasures)"
    )
    return {r[0] for r in rows.fetchall()}


def _own_hash(prev: str, row: tuple[Any, ...], erased: set[str]) -> str:
    """An entry's hash from its content, or its stored hash if erasure redacted it."""
    content, stored = row[: len(_COLUMNS)], row[len(_COLUMNS) + 1]
    before, after = content[6], content[7]
    if content[5] in erased and REDACTED in (before, after) and {before, after} <= {None, REDACTED}:
        return str(stored)
    return entry_hash(prev, content)


def verify(db: Database) -> tuple[int, BrokenLink | None]:
    """Walk the chain: how many entries, and the first one that does not follow from the last."""
    prev, count = GENESIS, 0
    erased = _erased(db)
    for row in _rows(db):
        count += 1
        stored_prev, stored = row[len(_COLUMNS)], row[len(_COLUMNS) + 1]
        if stored_prev != prev:
            reason = "changed" if stored_prev is None else "missing_before"
            return count, BrokenLink(row[0], row[1], reason)
        if _own_hash(prev, row, erased) != stored:
            return count, BrokenLink(row[0], row[1], "changed")
        prev = stored
    return count, None


def chain_hashes(db: Database, counts: Iterable[int]) -> tuple[int, str, dict[int, str]]:
    """The number of entries, the chain's head, and its hash after the first N entries for each
    N in `counts`, all computed afresh from the entries' content (stored hashes can be forged)."""
    wanted = set(counts)
    at_counts: dict[int, str] = {0: GENESIS} if 0 in wanted else {}
    prev, count = GENESIS, 0
    erased = _erased(db)
    for row in _rows(db):
        count += 1
        prev = _own_hash(prev, row, erased)
        if count in wanted:
            at_counts[count] = prev
    return count, prev, at_counts


def worker_history(db: Database, worker_id: str) -> list[dict[str, Any]]:
    """The audit entries of a worker, of the records that hang off them (cover, events), and
    of the documents printed for them."""
    rows = db.query(
        "SELECT * FROM audit_log WHERE (entity = 'worker' AND entity_id = :id) OR "
        "(entity IN ('coverage', 'event') AND "
        " coalesce(json_extract(after, '$.worker_id'), json_extract(before, '$.worker_id')) = :id) "
        "OR (entity = 'document' AND "
        " EXISTS (SELECT 1 FROM json_each(after, '$.workers') WHERE value = :id)) "
        "ORDER BY id",
        {"id": worker_id},
    )
    return [_decoded(row) for row in rows]


def _text(record: dict[str, Any] | str | None) -> str | None:
    if record is None or isinstance(record, str):
        return record
    return json.dumps(record, ensure_ascii=False)


def history(db: Database, entity: str, entity_id: str) -> list[dict[str, Any]]:
    """Every audit entry of one record, oldest first, with before/after decoded."""
    rows = db.query(
        "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
        [entity, entity_id],
    )
    return [_decoded(row) for row in rows]


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "before": row["before"] and json.loads(row["before"]),
        "after": row["after"] and json.loads(row["after"]),
    }


def last_id(db: Database) -> int:
    """The number of the newest audit entry (0 when none): a counter of changes made here."""
    count: int = db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    return count
