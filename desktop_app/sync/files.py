"""Names and atomic writing of sync files on a USB stick or a local folder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from desktop_app.sync.envelope import MAX_FILE_BYTES, SyncRefused

SUFFIX = ".sdsync"
_BATCH = re.compile(r"^satudesa_(?P<code>[\d.]+)_(?P<first>\d+)-(?P<last>\d+)_\d{8}")
_RETURN = re.compile(r"^satudesa-kembali_(?P<code>[\d.]+)_(?P<number>\d+)_\d{8}")


def batch_name(village_code: str, first: int, last: int, day: dt.date) -> str:
    return f"satudesa_{village_code}_{first:06d}-{last:06d}_{day:%Y%m%d}{SUFFIX}"


def return_name(village_code: str, number: int, day: dt.date) -> str:
    return f"satudesa-kembali_{village_code}_{number:06d}_{day:%Y%m%d}{SUFFIX}"


def check_name(file_name: str, header: dict[str, Any]) -> None:
    """Refuse a file whose name claims another village or range than its signed content.

    Names are what officers sort and count by, so one that lies (a copy renamed to stand in
    for a missing batch) is refused; a name of another shape is left alone.
    """
    claimed: tuple[object, ...]
    actual: tuple[object, ...]
    if m := _BATCH.match(file_name):
        claimed = (m["code"], int(m["first"]), int(m["last"]))
        actual = (header.get("village_code"), header.get("first_seq"), header.get("last_seq"))
    elif m := _RETURN.match(file_name):
        claimed = (m["code"], int(m["number"]))
        actual = (header.get("village_code"), header.get("return_no"))
    else:
        return
    if claimed != actual:
        raise SyncRefused(
            "sync.renamed",
            f"Nama berkas {file_name} tidak sesuai isinya (isinya: desa "
            f"{header.get('village_code')}, nomor {actual[1:]}). Berkas mungkin diganti namanya; "
            "gunakan berkas asli dari pengirim.",
        )


def read_limited(path: Path) -> bytes:
    """A file's bytes, reading at most one byte past the largest sync file.

    A film or a disk image picked by mistake must not be read whole into an old laptop's
    memory; the extra byte lets the reader refuse it as too large.
    """
    try:
        with open(path, "rb") as f:
            return f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise SyncRefused(
            "sync.unreadable",
            f"Berkas {Path(path).name} tidak dapat dibaca ({e.strerror}). Periksa apakah "
            "flashdisk masih terpasang, lalu pilih berkas .sdsync lagi.",
        ) from None
