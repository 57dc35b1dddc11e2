"""People's names as written on the KTP: trimmed, single spaces, letters and a few marks."""

from __future__ import annotations

import re

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.text import NAME_MAX

# The curly apostrophes and the backtick that keyboards and spreadsheets put in names
# (Ma’ruf, Nur`aini) are the same mark as the straight one.
APOSTROPHES = "’‘`ʼ´"
_TO_STRAIGHT = str.maketrans({ch: "'" for ch in APOSTROPHES})
_ALLOWED = re.compile(r"^[^\W\d_]+(?:[ '.,\-][^\W\d_]*)*\.?$")
# A word for title-casing: letters, with apostrophes inside it (Ma'ruf, Nur'aini).
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# ASCII letters in words one space apart.
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def straight_apostrophes(text: str) -> str:
    """`text` with every kind of apostrophe written as the straight one."""
    return text.translate(_TO_STRAIGHT)


def without_apostrophes(text: str) -> str:
    """`text` with apostrophes dropped, as search compares names: Ma'ruf → Maruf."""
    return straight_apostrophes(text).replace("'", "")


def normalize_name(raw: str, field: str = "full_name") -> str:
    """Collapse spaces; refuse digits and symbols; make ALL-CAPS or all-lower names Title Case.

    KTPs print names in capitals, so clerks often type them that way; the letters and cards
    read better in the usual case. A name the clerk typed in mixed case is kept as typed
    (McDonald, La Ode, dg. Matona). An apostrophe does not start a new word: MA'RUF is Ma'ruf.
    """
    # Most names: ASCII letters in words one space apart, nothing to collapse or straighten.
    # Title-casing them is str.title: its words are the runs of letters, as _WORD's are here.
    if raw and len(raw) <= NAME_MAX and _PLAIN.fullmatch(raw) and len(raw) - raw.count(" ") > 1:
        return raw.title() if raw.isupper() or raw.islower() else raw
    return _normalized_name(raw, field)


def _normalized_name(raw: str, field: str) -> str:
    """`normalize_name` for any text, the plain names included."""
    name = straight_apostrophes(" ".join((raw or "").split()))
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
        name = _WORD.sub(lambda m: m.group(0).capitalize(), name)
    return name
