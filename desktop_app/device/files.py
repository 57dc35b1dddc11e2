"""Writing files so that a power cut or a pulled USB stick never leaves half of one."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from desktop_app.domain.errors import Refused

# SQLite's answers when a file cannot grow: SQLITE_FULL on a full disk, SQLITE_IOERR_WRITE
# when the system refuses the size (a file-size limit, EFBIG), SQLITE_IOERR_SHMSIZE when not
# even the WAL index can be made at open.
_NO_ROOM = {13, 778, 4874}


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error means the disk (or the file-size limit) has no room for the write."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) in _NO_ROOM
    return False


def disk_full() -> Refused:
    return Refused(
        "disk.full",
        "Penyimpanan laptop penuh (berkas tidak dapat bertambah besar): perubahan ini "
        "dibatalkan, data yang sudah tersimpan tetap utuh. Kosongkan ruang disk (hapus atau "
        "pindahkan berkas yang tidak diperlukan, kosongkan Recycle Bin), lalu ulangi.",
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write so that a pulled stick or a power cut leaves either no file or the whole file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise Refused(
            "sync.write_failed",
            f"Berkas {path.name} tidak dapat ditulis ke {path.parent} ({e.strerror}). "
            "Periksa apakah flashdisk masih terpasang, tidak penuh, dan tidak dikunci.",
        ) from None
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is already durable enough
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
