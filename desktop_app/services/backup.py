"""Backups a clerk can keep on a USB stick: the database and the keys, sealed with a passphrase.

The keys are in the backup so that a restored laptop keeps its identity with the district (no
new fingerprint to confirm, no sequence numbers starting again); the passphrase (Argon2id, then
XSalsa20-Poly1305 from PyNaCl) keeps them and the workers' data unreadable on a lost stick.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from desktop_app.device.files import write_atomic
from desktop_app.device.keys import KEY_DIR
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.services import access
from desktop_app.services.installation import Installation, is_initialised
from desktop_app.store.db import DB_FILENAME
from desktop_app.store.migrations import schema_version

MAGIC = b"SATUDESA-BACKUP1"
_KDF = nacl.pwhash.argon2id
_OPS, _MEM = _KDF.OPSLIMIT_MODERATE, _KDF.MEMLIMIT_MODERATE


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 8:
        raise InvalidInput(
            "backup.passphrase", "Kata sandi cadangan paling sedikit 8 huruf.", "passphrase"
        )
    return _KDF.kdf(nacl.secret.SecretBox.KEY_SIZE, passphrase.encode(), salt, _OPS, _MEM)


def backup(inst: Installation, out: Path, passphrase: str) -> Path:
    """Write a consistent copy of the database (SQLite's online backup) and the keys."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / DB_FILENAME
        target = sqlite3.connect(copy)
        inst.db.conn.backup(target)
        target.close()
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(
                "manifest.json",
                json.dumps(
                    {
                        "role": inst.role,
                        "code": inst.code,
                        "name": inst.name,
                        "schema": schema_version(inst.db),
                    }
                ),
            )
            z.write(copy, DB_FILENAME)
            for key_file in sorted((inst.data_dir / KEY_DIR).iterdir()):
                z.write(key_file, f"{KEY_DIR}/{key_file.name}")
    salt = nacl.utils.random(_KDF.SALTBYTES)
    sealed = nacl.secret.SecretBox(_key(passphrase, salt)).encrypt(archive.getvalue())
    write_atomic(Path(out), MAGIC + salt + sealed)
    return Path(out)


def restore(
    data_dir: Path, backup_file: Path, passphrase: str, by: Installation | None = None
) -> dict:
    """Restore a backup into an empty data folder; refuse a wrong passphrase or a damaged file.

    `by` is the installation the restore is asked from (the window's): once it has people,
    only its administrator may restore, since a restore replaces everyone's work.
    """
    if by is not None:
        access.require(by, "admin")
    data_dir = Path(data_dir)
    if is_initialised(data_dir):
        raise Refused(
            "backup.target_used",
            f"Folder {data_dir} sudah berisi data Satu Desa; pulihkan ke folder kosong.",
        )
    try:
        raw = Path(backup_file).read_bytes()
    except OSError as e:
        raise Refused("backup.unreadable", f"Cadangan tidak dapat dibaca: {e.strerror}.") from None
    if not raw.startswith(MAGIC):
        raise Refused("backup.not_backup", "Berkas ini bukan cadangan Satu Desa.")
    salt = raw[len(MAGIC) : len(MAGIC) + _KDF.SALTBYTES]
    try:
        plain = nacl.secret.SecretBox(_key(passphrase, salt)).decrypt(
            raw[len(MAGIC) + _KDF.SALTBYTES :]
        )
    except nacl.exceptions.CryptoError:
        raise Refused(
            "backup.passphrase_or_damaged",
            "Kata sandi salah, atau berkas cadangan rusak. Tidak ada yang dipulihkan.",
        ) from None
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        manifest = json.loads(z.read("manifest.json"))
        (data_dir / KEY_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
        for name in z.namelist():
            if name == "manifest.json":
                continue
            target = data_dir / name
            write_atomic(target, z.read(name))
            if name.startswith(KEY_DIR):
                target.chmod(0o600)
    return manifest
