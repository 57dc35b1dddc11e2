"""Backups a clerk can keep on a USB stick: the database and the keys, sealed with a passphrase.

The keys are in the backup so that a restored laptop keeps its identity with the district (no
new fingerprint to confirm, no sequence numbers starting again); the passphrase (Argon2id, then
XSalsa20-Poly1305 from PyNaCl) keeps them and the workers' data unreadable on a lost stick.

The database is copied with SQLite's online backup API into the data folder's private temp
folder (store/images.py), zipped from there and removed at once; the archive is sealed in memory,
so no plaintext copy ever lands outside the data folder that holds the database itself.
Automatic backups (services/auto_backup.py) carry the same archive sealed to the installation's
own box key instead of a passphrase; `open_backup` opens both kinds.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nacl.exceptions
import nacl.public
import nacl.pwhash
import nacl.secret
import nacl.utils

from desktop_app.device.files import write_atomic
from desktop_app.device.keys import KEY_DIR, load_keys
from desktop_app.device.private import private_temp, refuse_inside_data_dir, secure_data_dir
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.services import access
from desktop_app.services.installation import PROFILE_KEY, Installation, is_initialised
from desktop_app.store import images, users
from desktop_app.store.db import DB_FILENAME
from desktop_app.store.migrations import STEPS, migrate, schema_version
from desktop_app.store.settings import get_setting

MAGIC = b"SATUDESA-BACKUP1"  # sealed with a passphrase
AUTO_MAGIC = b"SATUDESA-AUTOBK1"  # sealed to the installation's own box key
_KDF = nacl.pwhash.argon2id
_OPS, _MEM = _KDF.OPSLIMIT_MODERATE, _KDF.MEMLIMIT_MODERATE
KEY_FILES = ("signing.key", "box.key")


@dataclass(frozen=True, slots=True)
class Archive:
    """An opened backup: what it says it is, the database bytes, and the key files."""

    manifest: dict
    database: bytes
    keys: dict[str, bytes]


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 8:
        raise InvalidInput(
            "backup.passphrase", "Kata sandi cadangan paling sedikit 8 huruf.", "passphrase"
        )
    return _KDF.kdf(nacl.secret.SecretBox.KEY_SIZE, passphrase.encode(), salt, _OPS, _MEM)


def archive_bytes(inst: Installation) -> bytes:
    """The backup's plain content, in memory: manifest, database copy, key files.

    The database is copied into a folder of the data folder's own temporary folder and zipped
    from there; the folder is removed at once (one a power cut left is removed at a later
    open, with the other stale temporary folders).
    """
    folder = private_temp(inst.data_dir, "backup-")
    copy = folder / DB_FILENAME
    archive = io.BytesIO()
    try:
        images.snapshot_to(inst.data_dir / DB_FILENAME, copy)
        # Level 1: a 360 MB database (100,000 workers) packs in 4 s instead of 14 s, 20% larger.
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            manifest = {
                "role": inst.role,
                "code": inst.code,
                "name": inst.name,
                "schema": schema_version(inst.db),
            }
            z.writestr("manifest.json", json.dumps(manifest))
            z.write(copy, DB_FILENAME)
            for name in KEY_FILES:
                z.writestr(f"{KEY_DIR}/{name}", (inst.data_dir / KEY_DIR / name).read_bytes())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return archive.getvalue()


def backup(inst: Installation, out: Path, passphrase: str) -> Path:
    """Write a consistent copy of the database and the keys, sealed with `passphrase`."""
    refuse_inside_data_dir(inst.data_dir, Path(out))
    salt = nacl.utils.random(_KDF.SALTBYTES)
    box = nacl.secret.SecretBox(_key(passphrase, salt))
    write_atomic(Path(out), MAGIC + salt + box.encrypt(archive_bytes(inst)))
    return Path(out)


def needs_passphrase(backup_file: Path) -> bool:
    """Whether a backup file is sealed with a passphrase (an automatic one is not)."""
    return not _read(backup_file).startswith(AUTO_MAGIC)


def _read(backup_file: Path) -> bytes:
    try:
        raw = Path(backup_file).read_bytes()
    except OSError as e:
        raise Refused("backup.unreadable", f"Cadangan tidak dapat dibaca: {e.strerror}.") from None
    if not raw.startswith((MAGIC, AUTO_MAGIC)):
        raise Refused("backup.not_backup", "Berkas ini bukan cadangan Satu Desa.")
    return raw


def open_backup(backup_file: Path, passphrase: str = "", data_dir: Path | None = None) -> Archive:
    """Open a backup: with `passphrase`, or (an automatic one) with the keys of `data_dir`."""
    raw = _read(backup_file)
    try:
        if raw.startswith(AUTO_MAGIC):
            keys = load_keys(data_dir) if data_dir else None
            if keys is None:
                raise nacl.exceptions.CryptoError
            plain = nacl.public.SealedBox(keys.box).decrypt(raw[len(AUTO_MAGIC) :])
        else:
            salt = raw[len(MAGIC) : len(MAGIC) + _KDF.SALTBYTES]
            plain = nacl.secret.SecretBox(_key(passphrase, salt)).decrypt(
                raw[len(MAGIC) + _KDF.SALTBYTES :]
            )
        with zipfile.ZipFile(io.BytesIO(plain)) as z:
            _refuse_unknown_entries(z.namelist())
            manifest = json.loads(z.read("manifest.json"))
            if not isinstance(manifest, dict) or not all(
                isinstance(manifest.get(k), str) for k in ("role", "code", "name")
            ):
                raise ValueError("the manifest is not as a backup writes it")
            if not isinstance(manifest.get("schema", 0), int):
                raise ValueError("schema")
            database = z.read(DB_FILENAME)
            keys_in = {name: z.read(f"{KEY_DIR}/{name}") for name in KEY_FILES}
    except (nacl.exceptions.CryptoError, zipfile.BadZipFile, KeyError, ValueError):
        raise Refused(
            "backup.passphrase_or_damaged",
            "Kata sandi salah, atau berkas cadangan rusak. Tidak ada yang dipulihkan."
            if raw.startswith(MAGIC)
            else "Cadangan otomatis ini rusak atau dibuat oleh instalasi lain. "
            "Tidak ada yang dipulihkan.",
        ) from None
    if int(manifest.get("schema", 0)) > len(STEPS):
        raise Refused(
            "backup.newer",
            "Cadangan ini dibuat oleh versi Satu Desa yang lebih baru. Perbarui aplikasi dahulu.",
        )
    return Archive(manifest, database, keys_in)


# What a backup holds, by exact name; anything else (`../x`, an absolute path, `keys/../../x`)
# is not from Satu Desa and refuses the backup before anything is written.
_ENTRIES = {"manifest.json", DB_FILENAME, *(f"{KEY_DIR}/{name}" for name in KEY_FILES)}


def _refuse_unknown_entries(names: list[str]) -> None:
    outside = [n for n in names if n not in _ENTRIES]
    if outside or len(set(names)) != len(names):
        raise Refused(
            "backup.unsafe_entry",
            f"Cadangan berisi berkas di luar folder data ({', '.join(outside[:3])}); tidak ada "
            "yang dipulihkan. Cadangan ini tidak dibuat oleh Satu Desa.",
        )


def _write_keys(data_dir: Path, keys: dict[str, bytes]) -> None:
    folder = data_dir / KEY_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name, raw in keys.items():
        write_atomic(folder / name, raw)
        (folder / name).chmod(0o600)


def restore(data_dir: Path, backup_file: Path, passphrase: str) -> dict:
    """Restore a backup into an empty data folder; refuse a wrong passphrase or a damaged file."""
    data_dir = Path(data_dir)
    if is_initialised(data_dir):
        raise Refused(
            "backup.target_used",
            f"Folder {data_dir} sudah berisi data Satu Desa; pulihkan ke folder kosong.",
        )
    archive = open_backup(backup_file, passphrase)
    secure_data_dir(data_dir)
    _write_keys(data_dir, archive.keys)
    write_atomic(data_dir / DB_FILENAME, archive.database)
    secure_data_dir(data_dir)
    return archive.manifest


def restore_in_place(inst: Installation, backup_file: Path, passphrase: str = "") -> dict:
    """Put a backup's data into the open installation (the window's "Pulihkan dari cadangan").

    The current data is first kept as an automatic backup, so a restore can itself be undone.
    SQLite's backup API copies the backup's pages into the live database in one step; the
    `Installation` then reads its profile again.
    """
    from desktop_app.services import auto_backup

    access.require(inst, "admin")  # a restore replaces everyone's work
    archive = open_backup(backup_file, passphrase, inst.data_dir)
    if archive.manifest.get("role") != inst.role:
        raise Refused(
            "backup.other_role",
            "Cadangan ini dari instalasi "
            + ("kabupaten" if archive.manifest.get("role") == "district" else "desa")
            + "; pulihkan ke folder data yang kosong (satudesa restore).",
        )
    if not images.image_is_healthy(archive.database):
        raise Refused("backup.damaged", "Basis data di dalam cadangan ini rusak.")
    auto_backup.make_auto_backup(inst)
    images.replace_contents(inst.db, archive.database)
    _write_keys(inst.data_dir, archive.keys)
    migrate(inst.db)
    profile = get_setting(inst.db, PROFILE_KEY)
    inst.code, inst.name, inst.device_id = profile["code"], profile["name"], profile["device_id"]
    inst.demo = bool(profile.get("demo", False))
    # the restored data has its own people: the one at the keyboard stays only if it holds them
    inst.person = inst.person and users.find_person(inst.db, inst.person.username)
    return archive.manifest
