"""Registering many workers at once goes through the same door as registering one."""

from __future__ import annotations

import json
import sqlite3

import pytest
from forms import BUDI, SITI, with_

from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.services import registry
from desktop_app.services.demo import demo_forms
from desktop_app.services.duplicate_batches import Candidates
from desktop_app.services.installation import init_village
from desktop_app.store import audit
from desktop_app.store.bulk_load import list_indexes_after
from desktop_app.store.db import DB_FILENAME
from desktop_app.store.workers import count_workers

VOLATILE = {"id", "worker_id", "at", "created_at", "updated_at"}


def scrub(value, ids: dict[str, str]):
    """A record with its made-up ids numbered by first appearance and its times left out,
    so two databases filled with the same forms can be compared."""
    if isinstance(value, dict):
        return {
            k: (
                ids.setdefault(v, f"id{len(ids)}")
                if k in ("id", "worker_id", "entity_id")
                else scrub(v, ids)
            )
            for k, v in value.items()
            if k not in VOLATILE - {"id", "worker_id"}
        }
    if isinstance(value, list):
        return [scrub(v, ids) for v in value]
    if isinstance(value, str) and value.startswith("{"):
        return scrub(json.loads(value), ids)
    return value


def everything(inst) -> dict[str, list]:
    """Every row of what a registration writes, in the order it was written."""
    ids: dict[str, str] = {}
    out = {}
    for table in ("workers", "heirs", "children", "changes", "audit_log"):
        rows = inst.db.query(f"SELECT * FROM {table} ORDER BY rowid")
        # The audit chain's hashes cover times and ids, which differ; audit.verify checks them.
        skip = {"id", "prev_hash", "hash"} if table == "audit_log" else set()
        out[table] = [scrub({k: v for k, v in r.items() if k not in skip}, ids) for r in rows]
    return out


def test_many_at_once_writes_what_one_by_one_writes(tmp_path):
    forms = [
        *demo_forms(40, seed=3),
        (SITI, HeirForm("Ahmad Yani", "suami", "", "081211112222"), [
            ChildForm("Nur Aini", "2015-04-01", "P", ""),
            ChildForm("Nur Ainun", "2015-04-01", "P", ""),  # twins keep their order
            ChildForm("Rudi", "2012-01-09", "L", ""),
        ]),
        (BUDI, None, []),
    ]  # fmt: skip
    one = init_village(tmp_path / "one", "65.03.10.2004", user="operator")
    many = init_village(tmp_path / "many", "65.03.10.2004", user="operator")
    for form, heir, children in forms:
        registry.register_worker(one, form, heir, children)
    progress = []
    saved = registry.register_many(many, forms, on_progress=lambda d, t: progress.append((d, t)))

    assert [s.worker.nik for s in saved] == [f[0].nik for f in forms]
    assert progress[-1] == (42, 42)
    written_one, written_many = everything(one), everything(many)
    assert len(written_many["changes"]) == 42 and len(written_many["children"]) >= 3
    assert written_many == written_one
    assert audit.verify(many.db) == (len(written_many["audit_log"]), None)
    payload = json.loads(
        many.db.execute("SELECT payload FROM changes WHERE seq = 41").fetchone()[0]
    )
    assert [c["full_name"] for c in payload["children"]] == ["Rudi", "Nur Aini", "Nur Ainun"]


def db_bytes(inst) -> bytes:
    inst.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (inst.data_dir / DB_FILENAME).read_bytes()


def test_one_bad_row_refuses_the_whole_call_naming_every_bad_row(village):
    registry.register_worker(village, BUDI)
    before = db_bytes(village)
    forms = [
        (SITI, None, []),
        (with_(SITI, nik="6503104508900002", birth_date="31-02-1990"), None, []),
        (with_(BUDI, full_name="Budi Lain"), None, []),  # registered already
        (with_(SITI, full_name="Siti Kembar"), None, []),  # the NIK of row 1
    ]
    with pytest.raises(registry.RowsRefused) as refused:
        registry.register_many(village, forms)
    assert [i for i, _ in refused.value.rows] == [1, 2, 3]
    assert refused.value.rows[1][1].existing.full_name == "Budi Santoso"
    assert "baris 1" in refused.value.rows[2][1].message
    assert refused.value.message.startswith("Baris 2: ")
    assert db_bytes(village) == before


def pairs(inst) -> list[tuple[str, str, str]]:
    """The likely-duplicate pairs kept, as (NIK, other NIK, rule), in the order found."""
    return inst.db.execute(
        "SELECT a.nik, b.nik, p.rule FROM duplicate_pairs p JOIN workers a ON a.id = p.worker_id "
        "JOIN workers b ON b.id = p.other_id ORDER BY p.id"
    ).fetchall()


def test_batches_keep_the_likely_duplicate_pairs_one_by_one_keeps(tmp_path):
    """Across several calls sharing their candidates, with a removal in between: the same
    pairs, by every rule, in the same order, and the same warnings."""
    forms = demo_forms(300, seed=9)
    twins = [
        (with_(SITI, nik="6503104508900009", full_name="SITI AMINAH", kk_number=""), None, []),
        (with_(SITI, nik="6503104508900010"), None, []),  # the last two digits swapped
        (with_(SITI, nik="6503104508900100", full_name="Rina"), None, []),
        (with_(SITI, nik="6503104508900002", full_name="Ani", kk_number=""), None, []),
        (with_(SITI, nik="6503104608910003", birth_date="06-08-1991"), None, []),  # KK + name
    ]
    forms = [*forms[:150], (SITI, None, []), *twins, *forms[150:]]
    one = init_village(tmp_path / "one", "65.03.10.2004", user="operator")
    many = init_village(tmp_path / "many", "65.03.10.2004", user="operator")
    one_by_one = [registry.register_worker(one, *f) for f in forms[:200]]
    candidates = Candidates()
    at_once = []
    for start in range(0, 200, 70):
        batch = forms[start : min(start + 70, 200)]
        at_once += registry.register_many(many, batch, candidates=candidates)
    for inst, saved in ((one, one_by_one), (many, at_once)):
        registry.remove_worker(inst, saved[3].worker.id, "pindah")
    for f in forms[200:]:
        one_by_one.append(registry.register_worker(one, *f))
    at_once += registry.register_many(many, forms[200:], candidates=candidates)

    assert {rule for *_, rule in pairs(many)} == {
        "same_name_birth",
        "nik_one_digit",
        "nik_swapped",
        "same_kk_name",
    }
    assert pairs(many) == pairs(one)
    assert [s.warnings for s in at_once] == [s.warnings for s in one_by_one]
    assert audit.verify(many.db) == (audit.entry_count(many.db), None)


def schema(inst) -> list[tuple]:
    return inst.db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def search_terms(inst) -> list[tuple]:
    """Every entry of the search index: (term, worker rowid, column, position)."""
    inst.db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, workers_fts, instance)"
    )
    return inst.db.execute("SELECT * FROM temp.terms ORDER BY 1, 2, 3, 4").fetchall()


def test_seeding_an_empty_register_builds_its_indexes_at_the_end_as_rows_would(tmp_path):
    """A demo seeding writes the list's indexes and search entries once at the end: the
    register is then what the same forms registered row by row make, its schema included."""
    forms = [*demo_forms(120, seed=4), (with_(SITI, full_name="Siti Ma'ruf"), None, [])]
    seeded = init_village(tmp_path / "seeded", "65.03.10.2004", user="operator")
    rows = init_village(tmp_path / "rows", "65.03.10.2004", user="operator")
    registry.register_many(rows, forms)
    before = schema(seeded)
    with list_indexes_after(seeded.db, len(forms)):
        assert "workers_live_name" not in {name for _, name, _ in schema(seeded)}
        assert journal_mode(seeded) == "delete"  # pages go to the file once, not via the log
        assert foreign_keys(seeded) == 0  # each row's references are not looked up
        registry.register_many(seeded, forms[:60])
        registry.register_many(seeded, forms[60:])

    assert schema(seeded) == before == schema(rows)
    assert everything(seeded) == everything(rows)
    assert search_terms(seeded) == search_terms(rows)
    assert ("maruf", 121) in {(t, row) for t, row, _, _ in search_terms(seeded)}
    assert count_workers(seeded.db) == count_workers(rows.db) == 121
    assert count_workers(seeded.db, search="ma'ruf") == 1
    assert seeded.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert journal_mode(seeded) == "wal"
    assert foreign_keys(seeded) == 1
    assert seeded.db.execute("PRAGMA foreign_key_check").fetchall() == []  # yet all hold


def journal_mode(inst) -> str:
    return inst.db.execute("PRAGMA journal_mode").fetchone()[0]


def foreign_keys(inst) -> int:
    return inst.db.execute("PRAGMA foreign_keys").fetchone()[0]


def test_seeding_while_another_connection_reads_keeps_the_write_ahead_log(village):
    reader = sqlite3.connect(village.data_dir / DB_FILENAME)
    reader.execute("SELECT count(*) FROM workers").fetchone()
    with list_indexes_after(village.db, 50):
        assert journal_mode(village) == "wal"
        registry.register_many(village, demo_forms(50, seed=8))
    assert reader.execute("SELECT count(*) FROM workers").fetchone() == (50,)
    reader.close()


def test_a_refused_batch_while_seeding_leaves_the_register_and_its_schema_as_they_were(village):
    registry.register_worker(village, BUDI)
    before = list(village.db.conn.iterdump())
    forms = demo_forms(30, seed=6)
    with pytest.raises(registry.RowsRefused), list_indexes_after(village.db, 31):
        registry.register_many(village, forms)
        registry.register_many(village, [(with_(BUDI, full_name="Budi Lain"), None, [])])
    assert list(village.db.conn.iterdump()) == before
    assert journal_mode(village) == "wal"


def test_adding_fewer_than_the_register_holds_keeps_every_index(village):
    registry.register_many(village, demo_forms(20, seed=2))
    before = schema(village)
    with list_indexes_after(village.db, 20):
        assert schema(village) == before
        registry.register_many(village, demo_forms(20, seed=3))
    assert count_workers(village.db) == 40
