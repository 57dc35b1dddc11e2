"""The data folder is the user's alone: owner-only permissions, and its own temporary folder.

Workers' NIKs, names and incomes live in the database and, for a moment, in print previews;
on a shared laptop other accounts must not read them, and nothing of them may be left in the
system's shared temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from desktop_app.domain.errors import Refused

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
TEMP_DIR = "tmp"
STALE_AFTER_S = 6 * 3600  # a preview this old belongs to a window that is gone
_LEGACY_PREFIX = "satudesa-print-"  # where earlier versions left print previews


def secure_data_dir(data_dir: Path) -> None:
    """Make the folder owner-only, and the database and log files in it owner-only too.

    Run at every open, so a folder made by an earlier version (0755, files 0644) is fixed.
    """
    data_dir.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _chmod(data_dir, PRIVATE_DIR_MODE)
    for path in data_dir.iterdir():
        if path.is_file() and (".sqlite3" in path.name or path.name.startswith("satudesa.log")):
            _chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create `path` empty with owner-only permissions, unless it exists already."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


def private_temp(data_dir: Path, prefix: str) -> Path:
    """A new owner-only folder inside the data folder's own temporary folder."""
    root = data_dir / TEMP_DIR
    root.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _chmod(root, PRIVATE_DIR_MODE)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=root))


def clean_stale_temp(data_dir: Path) -> int:
    """Remove temporary folders a closed (or killed) window left behind; returns how many.

    Also the print previews earlier versions left in the system's temporary folder.
    """
    cutoff = time.time() - STALE_AFTER_S
    candidates = list((data_dir / TEMP_DIR).glob("*")) if (data_dir / TEMP_DIR).is_dir() else []
    candidates += Path(tempfile.gettempdir()).glob(_LEGACY_PREFIX + "*")
    removed = 0
    for path in candidates:
        try:
            stat = path.lstat()
            if stat.st_mtime > cutoff or stat.st_uid != os.getuid():
                continue
        except (OSError, AttributeError):  # Windows has no getuid: its temp is per user
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


def refuse_inside_data_dir(data_dir: Path, out: Path) -> None:
    """Refuse an output path inside the data folder: a report or a backup written there
    could replace the live database, its log or its keys."""
    try:
        folder, target = Path(data_dir).resolve(), Path(out).resolve()
    except OSError:
        return
    if target == folder or folder in target.parents:
        raise Refused(
            "files.live_data",
            f"{out} ada di dalam folder data Satu Desa; pilih tempat lain (mis. flashdisk) agar "
            "data yang sedang dipakai tidak tertimpa.",
        )


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # a FAT stick or Windows: not ours to set
        os.chmod(path, mode)
