"""A second installation using a known village's code never replaces its pinned keys by itself."""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from pathlib import Path

from cli_helpers import add_worker, run, run_json
from test_http_and_crash import start_server
from test_usb_roundtrip import district_state

from desktop_app.device.keys import load_keys
from desktop_app.store.db import DB_FILENAME
from desktop_app.sync import envelope, seal

TANJUNG_ARU = "65.03.10.2004"


def impostor_batch(world, capsys):
    """A laptop set up with Tanjung Aru's code, exporting its own first batch."""
    impostor = world.ta.parent / "impostor"
    assert (
        run(
            capsys,
            impostor,
            "init",
            "village",
            "--code",
            TANJUNG_ARU,
            "--district-profile",
            str(world.profile),
        )[0]
        == 0
    )
    add_worker(capsys, impostor, "6503106606950007", "Orang Lain", "26-06-1995", "P", "petani")
    (exported,) = run_json(capsys, impostor, "export", "--out", str(world.usb / "impostor"))
    return impostor, exported["path"]


def fingerprint(folder) -> str:
    return load_keys(folder).public.fingerprint()


def test_trust_new_refuses_a_known_village_with_other_keys_naming_both_fingerprints(world, capsys):
    (first,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "1"))
    run_json(capsys, world.district, "import", "--trust-new", first["path"])
    impostor, path = impostor_batch(world, capsys)
    before = district_state(world.district)

    code, out, _ = run(capsys, world.district, "import", "--trust-new", path, "--json")

    (result,) = json.loads(out)
    assert code == 1 and result["code"] == "sync.key_changed"
    assert fingerprint(world.ta) in result["message"] and fingerprint(impostor) in result["message"]
    assert district_state(world.district) == before
    # the real village's next file is still applied on top of what it sent before
    add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
    (second,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "2"))
    (applied,) = run_json(capsys, world.district, "import", second["path"])
    assert applied["status"] == "applied" and "1 perubahan" in applied["message"]


def test_only_an_audited_rekey_replaces_a_known_villages_keys(world, capsys):
    (first,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "1"))
    run_json(capsys, world.district, "import", "--trust-new", first["path"])
    anew, path = impostor_batch(world, capsys)  # the village's laptop, set up again

    code, _, err = run(
        capsys,
        world.district,
        "villages",
        "accept",
        TANJUNG_ARU,
        "--fingerprint",
        fingerprint(anew),
    )
    assert code == 1 and "rekey" in err  # accepting a new village never re-keys a known one
    run_json(
        capsys, world.district, "villages", "rekey", TANJUNG_ARU, "--fingerprint", fingerprint(anew)
    )
    (result,) = run_json(capsys, world.district, "import", path)

    assert result["status"] == "applied"
    conn = sqlite3.connect(world.district / DB_FILENAME)
    actions = [
        (r[0], json.loads(r[1])["fingerprint"])
        for r in conn.execute(
            "SELECT action, after FROM audit_log WHERE entity = 'village' ORDER BY id"
        )
    ]
    conn.close()
    assert actions == [
        ("village_trusted", fingerprint(world.ta)),
        ("village_key_approved", fingerprint(anew)),
        ("village_rekeyed", fingerprint(anew)),
    ]
    old_file = run(capsys, world.district, "import", first["path"], "--json")
    assert json.loads(old_file[1])[0]["code"] == "sync.key_changed"  # the old key is gone


def test_a_post_from_anyone_on_the_network_does_not_replace_a_pinned_village(world, capsys):
    (first,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "1"))
    run_json(capsys, world.district, "import", "--trust-new", first["path"])
    impostor, path = impostor_batch(world, capsys)
    conn = sqlite3.connect(world.district / DB_FILENAME)
    pinned = conn.execute("SELECT * FROM villages").fetchall()
    workers = conn.execute("SELECT * FROM district_workers ORDER BY id").fetchall()
    server, url = start_server(world)
    try:
        data = Path(path).read_bytes()
        request = urllib.request.Request(url + "/v1/batches", data=data, method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.loads(response.read())
        with urllib.request.urlopen(f"{url}/v1/returns/{TANJUNG_ARU}", timeout=30) as response:
            returned = response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert answer["status"] == "waiting" and fingerprint(impostor) in answer["message"]
    assert conn.execute("SELECT * FROM villages").fetchall() == pinned
    assert conn.execute("SELECT * FROM district_workers ORDER BY id").fetchall() == workers
    conn.close()
    # the return file is still sealed to the real village, not to whoever posted
    header = envelope.read_header(returned)
    assert header["recipient"] == seal.key_id(load_keys(world.ta).public.box)
    (waiting,) = run_json(capsys, world.district, "villages", "waiting")
    assert waiting["fingerprint"] == fingerprint(impostor)
    assert waiting["pinned_fingerprint"] == fingerprint(world.ta)
