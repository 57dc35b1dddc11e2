"""What the app leaves on disk: restore stays inside its folder, no plaintext copies, 0600/0700."""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
import time
import zipfile

import nacl.secret
import nacl.utils
import pytest
from cli_helpers import add_worker, run, run_json
from forms import SITI

from desktop_app.services import backup, registry
from desktop_app.store.db import DB_FILENAME

PASSPHRASE = "rahasia-desa-2026"


def sealed_backup(path, entries: dict[str, bytes] | bytes) -> None:
    """A backup file sealed with PASSPHRASE around any archive, as a hostile one would be."""
    if isinstance(entries, bytes):
        plain = entries
    else:
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as z:
            for name, content in entries.items():
                z.writestr(name, content)
        plain = archive.getvalue()
    salt = nacl.utils.random(backup._KDF.SALTBYTES)
    sealed = nacl.secret.SecretBox(backup._key(PASSPHRASE, salt)).encrypt(plain)
    path.write_bytes(backup.MAGIC + salt + sealed)


def tree(folder) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


MANIFEST = json.dumps({"role": "village", "code": "65.03.10.2004", "name": "Tanjung Aru"})


@pytest.mark.parametrize(
    "evil",
    ["../lolos.txt", "{absolute}", "keys/../../lolos.txt", "keys/../../../x.key"],
)
def test_restore_refuses_an_entry_outside_the_data_folder_before_writing_anything(
    tmp_path, capsys, evil
):
    secret = tmp_path / "sandi.txt"
    secret.write_text(PASSPHRASE)
    hostile = tmp_path / "usb" / "cadangan.sdbak"
    hostile.parent.mkdir()
    evil = evil.replace("{absolute}", str(tmp_path / "lolos-mutlak.txt"))
    sealed_backup(
        hostile, {"manifest.json": MANIFEST, DB_FILENAME: b"SQLite format 3\0", evil: b"owned"}
    )
    target = tmp_path / "laptop" / "data"
    before = tree(tmp_path)

    code, _, err = run(capsys, target, "restore", str(hostile), "--passphrase-file", str(secret))

    assert code == 1 and "di luar folder data" in err
    after = {k: v for k, v in tree(tmp_path).items() if not k.endswith("satudesa.log")}
    assert after == before


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", {"satudesa.sqlite3": b"x"}, {"manifest.json": b"[1, 2]"}],
    ids=["not-zip", "no-manifest", "manifest-not-object"],
)
def test_restore_refuses_a_damaged_archive_without_a_traceback(tmp_path, capsys, content):
    secret = tmp_path / "sandi.txt"
    secret.write_text(PASSPHRASE)
    hostile = tmp_path / "cadangan.sdbak"
    sealed_backup(hostile, content)
    target = tmp_path / "laptop"

    code, _, err = run(capsys, target, "restore", str(hostile), "--passphrase-file", str(secret))

    assert code == 1 and "Ditolak" in err and "tidak terduga" not in err
    assert not (target / DB_FILENAME).exists()


def test_backup_never_writes_an_unencrypted_copy_of_the_database(
    village, tmp_path, capsys, monkeypatch
):
    """At the last moment before sealing (where a kill would leave whatever is on disk), no
    readable copy of the database exists outside the live one."""
    registry.register_worker(village, SITI)
    system_temp = tmp_path / "systemp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    copies = []
    real_encrypt = nacl.secret.SecretBox.encrypt

    def look_then_encrypt(self, plaintext, *args):
        for folder in (system_temp, village.data_dir):
            for path in folder.rglob("*"):
                if (
                    path.is_file()
                    and path.name != DB_FILENAME
                    and "-wal" not in path.name
                    and path.read_bytes().startswith(b"SQLite format 3")
                ):
                    copies.append(path)
        return real_encrypt(self, plaintext, *args)

    monkeypatch.setattr(nacl.secret.SecretBox, "encrypt", look_then_encrypt)
    secret = tmp_path / "sandi.txt"
    secret.write_text(PASSPHRASE)
    stick = tmp_path / "cadangan.sdbak"

    run_json(
        capsys, village.data_dir, "backup", "--out", str(stick), "--passphrase-file", str(secret)
    )

    assert copies == []
    assert list(system_temp.iterdir()) == []
    laptop = tmp_path / "laptop"
    run_json(capsys, laptop, "restore", str(stick), "--passphrase-file", str(secret))
    assert run_json(capsys, laptop, "worker", "show", SITI.nik)["full_name"] == "Siti Aminah"


def test_backup_refuses_to_overwrite_the_live_database(village, tmp_path, capsys):
    registry.register_worker(village, SITI)
    secret = tmp_path / "sandi.txt"
    secret.write_text(PASSPHRASE)
    live = village.data_dir / DB_FILENAME
    before = live.read_bytes()

    code, _, err = run(
        capsys, village.data_dir, "backup", "--out", str(live), "--passphrase-file", str(secret)
    )

    assert code == 1 and "folder data" in err
    assert live.read_bytes() == before


def test_stale_print_previews_are_removed_at_the_next_start(tmp_path, capsys, monkeypatch):
    from desktop_app.services.installation import open_installation
    from desktop_app.services.printing import preview_folder

    data = tmp_path / "desa"
    assert run(capsys, data, "init", "village", "--code", "65.03.10.2004")[0] == 0
    system_temp = tmp_path / "systemp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    legacy = system_temp / "satudesa-print-abc123"  # where earlier versions left them
    legacy.mkdir()
    (legacy / "letters-2026.pdf").write_bytes(b"%PDF Siti Aminah")
    inst = open_installation(data)
    preview = preview_folder(inst)
    inst.close()
    (preview / "cards-2026.pdf").write_bytes(b"%PDF Siti Aminah")  # the window was killed
    assert preview.parent == data / "tmp" and stat.S_IMODE(preview.stat().st_mode) == 0o700
    fresh = tmp_path / "fresh"
    inst = open_installation(data)
    fresh = preview_folder(inst)  # a window open right now keeps its preview
    inst.close()
    old = time.time() - 7 * 3600
    for path in (legacy, preview):
        os.utime(path, (old, old))

    assert run(capsys, data, "worker", "list")[0] == 0

    assert not legacy.exists() and not preview.exists() and fresh.exists()


def test_data_folder_database_and_log_are_readable_by_their_owner_only(tmp_path, capsys):
    data = tmp_path / "desa"
    assert run(capsys, data, "init", "village", "--code", "65.03.10.2004")[0] == 0
    add_worker(capsys, data, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "nelayan")
    code, _, err = run(
        capsys,
        data,
        "worker",
        "add",
        *("--nik", "6503104508900001", "--name", "Siti Aminah", "--birth-date", "05-08-1990"),
        *("--sex", "P", "--occupation", "nelayan", "--monthly-income", "1.500.000"),
    )
    assert "Siti Aminah" in err
    assert code == 1  # a refusal that names the worker on screen

    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir() if p.is_file()}
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert modes and set(modes.values()) == {0o600}, modes
    assert {DB_FILENAME, "satudesa.log"} <= set(modes)
    log = (data / "satudesa.log").read_text()
    assert "refused" in log
    assert "6503104508900001" not in log and "Siti" not in log


def test_an_old_world_readable_data_folder_is_made_private_when_opened(tmp_path, capsys):
    data = tmp_path / "desa"
    assert run(capsys, data, "init", "village", "--code", "65.03.10.2004")[0] == 0
    os.chmod(data, 0o755)
    os.chmod(data / DB_FILENAME, 0o644)
    os.chmod(data / "satudesa.log", 0o644)

    assert run(capsys, data, "worker", "list")[0] == 0

    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / DB_FILENAME).stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "satudesa.log").stat().st_mode) == 0o600
