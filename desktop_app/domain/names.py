"""People's names as written on the KTP: trimmed, single spaces, letters and a few marks."""

from __future__ import annotations

import re

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.text import NAME_MAX

_ALLOWED = re.compile(r"^[^\W\d_]+(?:[ '.,\-][^\W\d_]*)*\.?$")


def normalize_name(raw: str, field: str = "full_name") -> str:
    """Collapse spaces; refuse digits and symbols; make ALL-CAPS or all-lower names Title Case.

    KTPs print names in capitals, so clerks often type them that way; the letters and cards
    read better in the usual case. A name the clerk typed in mixed case is kept as typed
    (McDonald, La Ode, dg. Matona).
    """
    name = " ".join((raw or "").split())
    if not name:
        raise InvalidInput(f"{field}.empty", "Nama wajib diisi.", field)
    if len(name) > NAME_MAX:
        raise InvalidInput(
            f"{field}.too_long",
            f"Nama terlalu panjang ({len(name)} huruf); paling banyak {NAME_MAX} huruf, "
            "seperti di KTP.",
            field,
        )
    if any(ch.isdigit() for ch in name):
        raise InvalidInput(f"{field}.digits", "Nama tidak boleh berisi angka.", field)
    if not _ALLOWED.match(name):
        raise InvalidInput(
            f"{field}.characters",
            "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof.",
            field,
        )
    if sum(ch.isalpha() for ch in name) < 2:
        raise InvalidInput(f"{field}.short", "Nama terlalu pendek.", field)
    if name.isupper() or name.islower():
        name = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)
    return name
