"""Bare equivalents of what the app does, measured in the same run as the app (bench/run.py).

Each is the floor for one measurement: the same schema, the same bytes, without the app's
layers. The app's figure is judged by its ratio to these, which the noise of a shared machine
moves far less than it moves absolute times.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
import time
import zlib
from pathlib import Path

from desktop_app.device.keys import KeyPair, verify
from desktop_app.domain.ids import new_id
from desktop_app.domain.worker import validate_worker
from desktop_app.store.workers import COLUMNS, fts_query
from desktop_app.sync import seal

# ---- saves --------------------------------------------------------------------------------


def prepared_rows(forms, code: str, user: str) -> list[tuple[tuple, list[tuple], list[tuple]]]:
    """The rows a registration stores, made before the clock starts: the floor writes only."""
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    out = []
    for form, heir, children in forms:
        v = validate_worker(form, today)
        wid = new_id()
        worker = (
            wid, v.nik, v.kk_number or None, v.full_name, v.birth_place or None,
            v.birth_date.isoformat(), v.sex, v.address or None, v.dusun or None, v.rt or None,
            v.rw or None, code, v.phone or None, v.occupation, v.occupation_other or None,
            v.monthly_income, ",".join(v.programs), "registered", None, None, now, user, now,
            user, 1, None, v.nik_mismatch_reason or None,
        )  # fmt: skip
        heirs = [(new_id(), wid, heir.full_name, heir.relation, None, heir.phone)] if heir else []
        kids = [(new_id(), wid, c.full_name, c.birth_date, c.sex, None) for c in children]
        out.append((worker, heirs, kids))
    return out


_INSERT_WORKER = (
    f"INSERT INTO workers({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)
_INSERT_HEIR = (
    "INSERT INTO heirs(id, worker_id, full_name, relation, nik, phone) VALUES (?,?,?,?,?,?)"
)
_INSERT_CHILD = (
    "INSERT INTO children(id, worker_id, full_name, birth_date, sex, nik) VALUES (?,?,?,?,?,?)"
)
_INSERT_CHANGE = (
    "INSERT INTO changes(seq, at, entity, entity_id, op, payload) "
    "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM changes), ?, 'worker', ?, 'insert', ?)"
)
_INSERT_AUDIT = (
    "INSERT INTO audit_log(at, user, action, entity, entity_id, before, after) "
    "VALUES (?, ?, 'register', 'worker', ?, NULL, ?)"
)


_HEIR = ("id", "full_name", "relation", "nik", "phone")
_CHILD = ("id", "full_name", "birth_date", "sex", "nik")


def _payload(row) -> str:
    worker, heirs, kids = row
    record = dict(zip(COLUMNS, worker, strict=True))
    record["heirs"] = [dict(zip(_HEIR, h[:1] + h[2:], strict=True)) for h in heirs]
    record["children"] = [dict(zip(_CHILD, c[:1] + c[2:], strict=True)) for c in kids]
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _write_raw(conn: sqlite3.Connection, rows, now: str, user: str) -> None:
    """The rows of a registration, table by table: what the schema requires and no more."""
    texts = [(row[0][0], _payload(row)) for row in rows]
    conn.executemany(_INSERT_WORKER, (row[0] for row in rows))
    conn.executemany(_INSERT_HEIR, (h for row in rows for h in row[1]))
    conn.executemany(_INSERT_CHILD, (c for row in rows for c in row[2]))
    conn.executemany(_INSERT_CHANGE, ((now, wid, text) for wid, text in texts))
    conn.executemany(_INSERT_AUDIT, ((now, user, wid, text) for wid, text in texts))


def raw_saves(conn: sqlite3.Connection, rows, *, bulk: bool) -> float:
    """Rows per second written by plain SQL: one transaction per worker, or one for all."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    t = time.perf_counter()
    for group in [rows] if bulk else [[row] for row in rows]:
        conn.execute("BEGIN IMMEDIATE")
        _write_raw(conn, group, now, "bench")
        conn.execute("COMMIT")
    return len(rows) / (time.perf_counter() - t)


# ---- search and pages ---------------------------------------------------------------------


def bare_search(conn: sqlite3.Connection, text: str) -> None:
    """The FTS5 floor of one keystroke: count the matches and read the first 200 rows."""
    query = fts_query(text) or '"a"*'
    conn.execute("SELECT count(*) FROM workers_fts WHERE workers_fts MATCH ?", [query]).fetchone()
    conn.execute(
        "SELECT w.* FROM workers_fts f JOIN workers w ON w.rowid = f.rowid "
        "WHERE workers_fts MATCH ? LIMIT 200",
        [query],
    ).fetchall()


def bare_page(conn: sqlite3.Connection, name: str, rowid: int) -> None:
    """The floor of one page: 200 rows after a (name, rowid) key, straight from SQL."""
    conn.execute(
        "SELECT * FROM workers WHERE deleted_at IS NULL AND full_name >= ? COLLATE NOCASE "
        "AND (full_name > ? COLLATE NOCASE OR rowid > ?) "
        "ORDER BY full_name COLLATE NOCASE, rowid LIMIT 200",
        [name, name, rowid],
    ).fetchall()


# ---- district import ----------------------------------------------------------------------

_PREFIX = struct.Struct(">8sHI")


def _open(data: bytes, keys: KeyPair) -> list[bytes]:
    """Verify the signature, decrypt and inflate one file: its JSON lines."""
    head_len = _PREFIX.unpack_from(data)[2]
    end = _PREFIX.size + head_len
    header = json.loads(data[_PREFIX.size : end])
    if not verify(header["sender_keys"]["signing"], data[:end], data[end : end + 64]):
        raise ValueError("signature")
    return zlib.decompress(seal.unseal(keys, data[end + 64 :])).split(b"\n")[1:-1]


def floor_import(files: list[Path], keys: KeyPair, db_path: Path, *, insert: bool) -> float:
    """Seconds to verify, decrypt and (with `insert`) store every file's workers in a table
    of the district's shape, one durable transaction per file, as the district applies them."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS received(village TEXT, seq INTEGER, sha TEXT, "
        "PRIMARY KEY (village, seq))"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS workers(id TEXT PRIMARY KEY, village TEXT, nik TEXT, "
        "full_name TEXT, birth_date TEXT, record TEXT)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS workers_nik ON workers(nik)")
    t = time.perf_counter()
    for path in files:
        lines = _open(path.read_bytes(), keys)
        if not insert:
            continue
        changes = [json.loads(line) for line in lines]
        village = path.name.split("_")[1]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO received VALUES (?, ?, ?)",
            [(village, c["seq"], "") for c in changes],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO workers VALUES (?, ?, ?, ?, ?, ?)",
            [
                (p["id"], village, p["nik"], p["full_name"], p["birth_date"], line)
                for c, line in zip(changes, lines, strict=True)
                for p in (c["payload"],)
            ],
        )
        conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    conn.close()
    return seconds
