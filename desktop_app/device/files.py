"""Writing files so that a power cut or a pulled USB stick never leaves half of one."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.domain.errors import Refused


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
