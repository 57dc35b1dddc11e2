"""Batch lines go out as the outbox stores them and are fingerprinted as they arrive."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cli_helpers import run, run_json
from sqlite_utils import Database

from desktop_app.device.keys import load_keys
from desktop_app.store import migrations
from desktop_app.store.db import open_database
from desktop_app.sync import batch, envelope, seal


def canonical(line: bytes) -> bytes:
    return json.dumps(
        json.loads(line), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()


def test_every_exported_line_is_canonical_json_and_fingerprints_its_change(world, capsys):
    # A name with letters outside ASCII, a funded year and a removal: every kind of change.
    assert (
        run(capsys, world.ta, "worker", "edit", "6503104508900001", "--name", "Siti Ñurhayati")[0]
        == 0
    )
    assert (
        run(capsys, world.ta, "budget", "set", "--year", "2027", "--amount", "40.000.000")[0] == 0
    )
    assert run(capsys, world.ta, "fund", "--year", "2027", "--all")[0] == 0
    assert (
        run(capsys, world.ta, "worker", "remove", "6503101203850002", "--reason", "pindah")[0] == 0
    )
    (exported,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    data = Path(exported["path"]).read_bytes()
    opened = envelope.open_sealed(
        data,
        load_keys(world.district),
        lambda h: h["sender_keys"]["signing"],
        batch.check_change,
        batch.SEALED_FIELDS,
    )
    assert len(opened.lines) == len(opened.records) >= 6
    assert {r["entity"] for r in opened.records} >= {"worker", "coverage"}
    assert all(line == canonical(line) for line in opened.lines)
    assert batch.record_sha256s(opened) == [batch.change_sha256(r) for r in opened.records]
    assert "Siti Ñurhayati".encode() in b"".join(opened.lines)


def test_payloads_written_by_older_versions_are_stored_canonically_after_upgrade(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    step = migrations.STEPS.index(migrations.store_change_payloads_canonically)
    migrations.migrate(Database(conn), target=step)
    old_style = json.dumps({"id": "X", "full_name": "Siti Ñ", "heirs": []}, ensure_ascii=False)
    conn.execute(
        "INSERT INTO changes(seq, at, entity, entity_id, op, payload) "
        "VALUES (1, 't', 'worker', 'X', 'insert', ?)",
        [old_style],
    )
    conn.close()
    db = open_database(path)
    stored = db.execute("SELECT payload FROM changes WHERE seq = 1").fetchone()[0]
    assert stored == '{"full_name":"Siti Ñ","heirs":[],"id":"X"}'


def test_the_same_file_imported_again_is_known_by_its_checksum_without_decrypting_it(
    world, capsys, monkeypatch
):
    (exported,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    first = run_json(capsys, world.district, "import", exported["path"], "--trust-new")
    assert first[0]["status"] == "applied"

    def no_decrypting(*_args):
        raise AssertionError("decrypted a file applied before")

    monkeypatch.setattr(seal, "unseal", no_decrypting)
    again = run_json(capsys, world.district, "import", exported["path"])
    assert again[0]["status"] == "already"

    # The same ciphertext under a signature that does not verify is still refused.
    data = bytearray(Path(exported["path"]).read_bytes())
    head_len = int.from_bytes(data[10:14], "big")
    data[14 + head_len] ^= 1  # the first byte of the signature
    forged = world.usb / "satudesa_salinan.sdsync"
    forged.write_bytes(bytes(data))
    code, out, _ = run(capsys, world.district, "import", str(forged), "--json")
    assert code == 1 and json.loads(out)[0]["code"] == "sync.signature"
