"""Automatic backups in the data folder, and recovering from the newest good one.

A backup is made when the window opens (after PRAGMA quick_check, in the background: on 100,000
workers the check alone takes about 1.5 s) and after every 50 changes; the newest 10 are kept.
They are sealed to this installation's own box key (keys/box.key) rather than a passphrase, so
the clerk is never asked for one at start and no passphrase has to be stored anywhere: only this
installation, or someone holding a backup of its keys, can open them. They guard against a
damaged database and against mistakes; against a lost or dead laptop the clerk keeps a
passphrase backup on a USB stick (services/backup.py), which carries the keys too.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import nacl.public

from desktop_app.device.files import write_atomic
from desktop_app.device.keys import load_keys
from desktop_app.domain.errors import DomainError, Refused
from desktop_app.services.backup import AUTO_MAGIC, archive_bytes, open_backup
from desktop_app.services.installation import Installation
from desktop_app.store import audit
from desktop_app.store.db import DB_FILENAME
from desktop_app.store.images import file_is_healthy, image_is_healthy

AUTO_DIR = "cadangan-otomatis"
KEEP = 10
EVERY = 50  # changes between two automatic backups
# otomatis-20261123-083015-000123.sdbak: UTC time, then the audit counter at the backup
_NAME = re.compile(r"^otomatis-(\d{8}-\d{6})-(\d+)\.sdbak$")

log = logging.getLogger("satudesa.backup")


def auto_backups(data_dir: Path) -> list[Path]:
    """This installation's automatic backups, newest first."""
    folder = Path(data_dir) / AUTO_DIR
    found = [p for p in folder.glob("otomatis-*.sdbak") if _NAME.match(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def taken_at(path: Path) -> dt.datetime:
    """When an automatic backup was made (UTC), from its name."""
    stamp = _NAME.match(path.name).group(1)  # type: ignore[union-attr]
    return dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)


def _changes_at(path: Path) -> int:
    return int(_NAME.match(path.name).group(2))  # type: ignore[union-attr]


def make_auto_backup(inst: Installation) -> Path:
    """Seal a backup to this installation's box key and keep only the newest KEEP."""
    folder = inst.data_dir / AUTO_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"otomatis-{now}-{audit.last_id(inst.db):06d}.sdbak"
    sealed = nacl.public.SealedBox(load_keys(inst.data_dir).box.public_key).encrypt(
        archive_bytes(inst)
    )
    write_atomic(path, AUTO_MAGIC + sealed)
    for old in auto_backups(inst.data_dir)[KEEP:]:
        old.unlink(missing_ok=True)
    return path


def backup_due(inst: Installation) -> bool:
    """Whether EVERY changes have been made since the newest automatic backup."""
    newest = auto_backups(inst.data_dir)
    return not newest or audit.last_id(inst.db) - _changes_at(newest[0]) >= EVERY


def database_is_healthy(data_dir: Path) -> bool:
    """PRAGMA quick_check at start: whether the data folder's database (if any) is sound."""
    db_path = Path(data_dir) / DB_FILENAME
    return not db_path.exists() or file_is_healthy(db_path)


def check_and_back_up(inst: Installation) -> Path | None:
    """What the window does once it is open: PRAGMA quick_check, then, only when the database
    is sound, an automatic backup. None when the database is damaged (nothing is backed up,
    so a damaged database never pushes a good backup out of the newest ten)."""
    if not database_is_healthy(inst.data_dir):
        return None
    return make_auto_backup(inst)


def newest_good_backup(data_dir: Path) -> Path | None:
    """The newest automatic backup that opens with this installation's keys and is healthy."""
    for path in auto_backups(data_dir):
        try:
            if image_is_healthy(open_backup(path, data_dir=data_dir).database):
                return path
        except DomainError as e:
            log.warning("automatic backup %s unusable: %s", path.name, e.code)
    return None


def recover_database(data_dir: Path, backup_file: Path) -> Path:
    """Replace a damaged database with the one in an automatic backup.

    The damaged file is kept beside it (satudesa.sqlite3.rusak-…) for someone to look at later.
    """
    data_dir = Path(data_dir)
    archive = open_backup(backup_file, data_dir=data_dir)
    if not image_is_healthy(archive.database):
        raise Refused("backup.damaged", "Basis data di dalam cadangan ini juga rusak.")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    db_path = data_dir / DB_FILENAME
    for suffix in ("", "-wal", "-shm"):
        damaged = db_path.with_name(DB_FILENAME + suffix)
        if damaged.exists():
            damaged.rename(db_path.with_name(f"{DB_FILENAME}{suffix}.rusak-{stamp}"))
    write_atomic(db_path, archive.database)
    return db_path
