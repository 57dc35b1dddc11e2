"""Backups a clerk can keep on a USB stick: the database and the keys, sealed with a passphrase.

The keys are in the backup so that a restored laptop keeps its identity with the district (no
new fingerprint to confirm, no sequence numbers starting again); the passphrase (Argon2id, then
XSalsa20-Poly1305 from PyNaCl) keeps them and the workers' data unreadable on a lost stick.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from desktop_app.device.files import write_atomic
from desktop_app.device.keys import KEY_DIR
from desktop_app.device.private import refuse_inside_data_dir
from desktop_app.domain.errors import InvalidInput, Refused
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
    """Write a consistent copy of the database (SQLite's online backup) and the keys.

    The copy is made in memory and sealed there: no unencrypted copy of the workers' data is
    ever written to disk, so a backup killed halfway leaves nothing readable behind.
    """
    refuse_inside_data_dir(inst.data_dir, Path(out))
    salt = nacl.utils.random(_KDF.SALTBYTES)
    key = _key(passphrase, salt)
    memory = sqlite3.connect(":memory:")
    try:
        inst.db.conn.backup(memory)
        database = memory.serialize()
    finally:
        memory.close()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            MANIFEST,
            json.dumps(
                {
                    "role": inst.role,
                    "code": inst.code,
                    "name": inst.name,
                    "schema": schema_version(inst.db),
                }
            ),
        )
        z.writestr(DB_FILENAME, database)
        del database
        for key_file in sorted((inst.data_dir / KEY_DIR).iterdir()):
            z.write(key_file, f"{KEY_DIR}/{key_file.name}")
    sealed = nacl.secret.SecretBox(key).encrypt(archive.getvalue())
    write_atomic(Path(out), MAGIC + salt + sealed)
    return Path(out)


def restore(data_dir: Path, backup_file: Path, passphrase: str) -> dict:
    """Restore a backup into an empty data folder; refuse a wrong passphrase or a damaged file.

    Every entry of the archive is checked before anything is written: only the database and
    the key files, by their plain names, are restored; any other name (`../x`, an absolute
    path, `keys/../../x`) refuses the whole backup.
    """
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
    entries, manifest = _read_archive(plain)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / KEY_DIR).mkdir(mode=0o700, exist_ok=True)
    for name, content in entries.items():
        target = data_dir / name
        write_atomic(target, content)
        target.chmod(0o600)
    return manifest


def _read_archive(plain: bytes) -> tuple[dict[str, bytes], dict]:
    """The archive's entries by name and its manifest, all checked; nothing written yet."""
    damaged = Refused(
        "backup.damaged",
        "Isi cadangan rusak atau bukan cadangan Satu Desa; tidak ada yang dipulihkan.",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as z:
            names = z.namelist()
            outside = [n for n in names if n != MANIFEST and not _RESTORABLE.fullmatch(n)]
            if outside:
                raise Refused(
                    "backup.unsafe_entry",
                    f"Cadangan berisi berkas di luar folder data ({', '.join(outside[:3])}); "
                    "tidak ada yang dipulihkan. Cadangan ini tidak dibuat oleh Satu Desa.",
                )
            if len(set(names)) != len(names) or DB_FILENAME not in names:
                raise damaged
            manifest = json.loads(z.read(MANIFEST))
            if not isinstance(manifest, dict) or not all(
                isinstance(manifest.get(k), str) for k in ("role", "code", "name")
            ):
                raise damaged
            entries = {n: z.read(n) for n in names if n != MANIFEST}
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, RuntimeError):
        raise damaged from None
    return entries, manifest


MANIFEST = "manifest.json"
# The database, and key files by plain name: nothing else, no folder but keys/.
_RESTORABLE = re.compile(rf"{re.escape(DB_FILENAME)}|{KEY_DIR}/[A-Za-z0-9_-]+\.key")
