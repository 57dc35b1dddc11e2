"""Where a clerk's USB stick is: removable drives first, for the export folder choice."""

from __future__ import annotations

import os
import string
import sys
from pathlib import Path


def removable_folders() -> list[Path]:
    """Mounted removable drives, best guess per platform; empty when none is plugged in."""
    if sys.platform == "win32":
        import ctypes

        drive_removable = 2
        return [
            Path(f"{letter}:\\")
            for letter in string.ascii_uppercase
            if ctypes.windll.kernel32.GetDriveTypeW(f"{letter}:\\") == drive_removable
        ]
    return mounted_below([Path("/media"), Path("/run/media"), Path("/Volumes")])


def mounted_below(roots: list[Path]) -> list[Path]:
    """Writable mount points directly in `roots` or one level down (a folder per user)."""
    found = []
    for root in roots:
        for entry in _entries(root):
            # /media/LABEL (Debian automount) or /media/USER/LABEL (udisks).
            candidates = [entry] if os.path.ismount(entry) else _entries(entry)
            found += [c for c in candidates if os.path.ismount(c) and os.access(c, os.W_OK)]
    return found


def _entries(folder: Path) -> list[Path]:
    """A folder's entries, or none when it is missing or not ours to read (another user's)."""
    try:
        return sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []
