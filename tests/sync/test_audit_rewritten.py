"""An audit log edited straight in the database file is found by `audit verify` at the village
and, through the next batch, by the district."""

from __future__ import annotations

import sqlite3

import pytest
from cli_helpers import add_worker, run, run_json
from sqlite_utils import Database

from desktop_app.store import audit
from desktop_app.store.db import DB_FILENAME
from desktop_app.sync import batch, envelope


def send_batch(world, capsys, *extra: str) -> None:
    for f in world.usb.iterdir():
        f.unlink()
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    results = run_json(capsys, world.district, "import", *extra, *map(str, world.usb.iterdir()))
    assert [r["status"] for r in results] == ["applied"]


def findings(world, capsys) -> list[str]:
    return [f["kind"] for f in run_json(capsys, world.district, "findings")]


def edit_audit_row(village, entry_id: int, **rehash) -> None:
    """What someone with any SQLite tool could do: rewrite who registered a worker."""
    conn = sqlite3.connect(village / DB_FILENAME, isolation_level=None)
    conn.execute("UPDATE audit_log SET user = 'kades' WHERE id = ?", [entry_id])
    if rehash:  # and, more cunning, recompute the chain so that it looks whole again
        audit.hash_existing(Database(conn))
    conn.close()


def test_audit_log_of_a_village_that_no_one_touched_verifies(world, capsys):
    code, out, _ = run(capsys, world.ta, "audit", "verify")
    assert code == 0 and "utuh: 2 catatan" in out


def test_an_audit_row_edited_in_the_file_is_named_and_the_district_raises_a_finding(world, capsys):
    send_batch(world, capsys, "--trust-new")
    add_worker(capsys, world.ta, "6503100202900004", "Nurul Huda", "02-02-1990", "L", "petani")
    send_batch(world, capsys)
    assert findings(world, capsys) == []  # an honest village continues its chain

    edit_audit_row(world.ta, 1)
    code, out, _ = run(capsys, world.ta, "audit", "verify")
    assert code == 1
    assert "putus pada catatan nomor 1 " in out

    add_worker(capsys, world.ta, "6503100303900005", "Yusuf Malik", "03-03-1990", "L", "supir")
    send_batch(world, capsys)
    (finding,) = run_json(capsys, world.district, "findings")
    assert finding["kind"] == "audit_rewritten"
    assert finding["village_code"] == "65.03.10.2004"
    assert "Tanjung Aru" in finding["detail"]


def test_a_rewritten_chain_that_verifies_locally_still_shows_at_the_district(world, capsys):
    send_batch(world, capsys, "--trust-new")
    edit_audit_row(world.ta, 2, rehash=True)
    assert run(capsys, world.ta, "audit", "verify")[0] == 0  # the local check is fooled

    add_worker(capsys, world.ta, "6503100303900005", "Yusuf Malik", "03-03-1990", "L", "supir")
    send_batch(world, capsys)
    assert findings(world, capsys) == ["audit_rewritten"]


def sealed_batch(audit_proof) -> bytes:
    """A one-change batch from Tanjung Aru with `audit_proof` in its sealed header."""
    from test_envelope import DISTRICT_KEYS, VILLAGE, VILLAGE_KEYS, worker_change

    return batch.build_batch(
        VILLAGE_KEYS,
        DISTRICT_KEYS.public.box,
        VILLAGE,
        [worker_change(1)],
        "2026-11-24T10:00:00Z",
        audit_proof,
    )


def open_as_district(data: bytes) -> envelope.Opened:
    from test_envelope import DISTRICT_KEYS, VILLAGE_KEYS

    opened = envelope.open_sealed(
        data,
        DISTRICT_KEYS,
        lambda _h: VILLAGE_KEYS.public.signing,
        batch.check_change,
        batch.SEALED_FIELDS,
    )
    batch.check_batch(opened)
    return opened


def test_the_audit_proof_travels_sealed_and_stays_out_of_the_clear_header():
    proof = {"count": 3, "hash": "a" * 64, "checkpoints": [[2, "b" * 64]]}
    data = sealed_batch(proof)
    assert "audit" not in envelope.read_header(data)
    assert open_as_district(data).header["audit"] == proof


@pytest.mark.parametrize(
    "proof",
    [
        {"count": -1, "hash": "a" * 64, "checkpoints": []},
        {"count": 3, "hash": "not a hash", "checkpoints": []},
        {"count": 3, "hash": "a" * 64, "checkpoints": [[2]]},
        {"count": 3, "hash": "a" * 64, "checkpoints": [[n, "b" * 64] for n in range(11)]},
        "a proof",
    ],
)
def test_a_malformed_audit_proof_refuses_the_batch(proof):
    with pytest.raises(envelope.SyncRefused) as refused:
        open_as_district(sealed_batch(proof))
    assert refused.value.code == "sync.schema"
