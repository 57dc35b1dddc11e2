"""Indonesian mobile numbers, as typed (08…, +628…, 628…), stored as +628…."""

from __future__ import annotations

import re

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.formatting import is_ascii_digits

_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(raw: str, field: str = "phone") -> str:
    """`+628…` for a valid mobile number, "" for an empty (optional) field."""
    text = _SEPARATORS.sub("", raw or "")
    if not text:
        return ""
    if text.startswith("+62"):
        national = text[3:]
    elif text.startswith("62"):
        national = text[2:]
    elif text.startswith("0"):
        national = text[1:]
    else:
        raise InvalidInput(
            "phone.prefix", "Nomor HP harus diawali 08, +628 atau 628, mis. 0812 3456 7890.", field
        )
    if not is_ascii_digits(national):
        raise InvalidInput("phone.digits", "Nomor HP hanya boleh berisi angka.", field)
    if not national.startswith("8"):
        raise InvalidInput(
            "phone.not_mobile", "Nomor ini bukan nomor HP (nomor HP diawali 08).", field
        )
    # Mobile numbers are 08 plus 8 to 11 digits: 10 to 13 digits written with the leading 0.
    if not 9 <= len(national) <= 12:
        raise InvalidInput(
            "phone.length",
            f"Nomor HP terlalu {'pendek' if len(national) < 9 else 'panjang'}: "
            "biasanya 10–13 angka termasuk 08 di depan.",
            field,
        )
    return "+62" + national
