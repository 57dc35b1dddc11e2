"""Secrets the command line reads: from a file (scripts) or typed at a hidden prompt, never
from an argument, which anyone on the machine could read in the process list."""

from __future__ import annotations

import getpass
from pathlib import Path

from desktop_app.domain.errors import InvalidInput, Refused


def secret(path: Path | None, prompt: str, confirm: bool = False) -> str:
    """The first line of `path`, else asked at the terminal (twice when `confirm`)."""
    if path is not None:
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError as e:
            message = f"Berkas {path} tidak dapat dibaca: {e.strerror}."
            raise Refused("cli.secret_file", message) from None
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Ulangi: ") != first:
        raise InvalidInput("cli.secret_mismatch", "Kedua isian tidak sama.", "password")
    return first
