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
    roots = [Path("/media"), Path("/run/media"), Path("/Volumes")]
    found = []
    for root in roots:
        if not root.is_dir():
            continue
        for entry in sorted(root.iterdir()):
            # /media/LABEL (Debian automount) or /media/USER/LABEL (udisks).
            candidates = (
                [entry]
                if os.path.ismount(entry)
                else (
                    sorted(entry.iterdir()) if entry.is_dir() and os.access(entry, os.R_OK) else []
                )
            )
            found += [c for c in candidates if os.path.ismount(c) and os.access(c, os.W_OK)]
    return found
