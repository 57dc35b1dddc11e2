"""Mobile numbers as typed, stored in international form.

Indonesian numbers (08…, +628…, 628…) become +628…. Many families on Sebatik and Nunukan use
Malaysian SIM cards across the border, so Malaysian mobiles (01…, +601…, 601…) are accepted
too and become +601….
"""

from __future__ import annotations

import re

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.formatting import is_ascii_digits

_SEPARATORS = re.compile(r"[\s\-().]")
# country code → (first national digit of a mobile, shortest and longest national length)
_MOBILE = {"62": ("8", 9, 12), "60": ("1", 9, 10)}


def _national_country(text: str) -> str:
    """The country of a number written in national form: 01… is Malaysian, anything else
    Indonesian."""
    return "60" if text.startswith("01") else "62"


def _split(text: str) -> tuple[str, str]:
    """(country code, national number) from the forms people write."""
    digits = text.removeprefix("+")
    if text.startswith("0"):
        return _national_country(text), text[1:]
    for country in _MOBILE:
        if digits.startswith(country):
            return country, digits[len(country) :]
    if text.startswith("+"):
        return "", ""
    raise InvalidInput(
        "phone.prefix",
        "Nomor HP harus diawali 08 atau +62 (Indonesia), atau 01 atau +60 (Malaysia), "
        "mis. 0812 3456 7890.",
        "phone",
    )


# An Indonesian mobile typed as most are, 08… without separators: its national number is
# all but the 0, of a length _MOBILE allows.
_FIRST, _SHORTEST, _LONGEST = _MOBILE["62"]
_TYPED_ID = re.compile(f"0{_FIRST}[0-9]{{{_SHORTEST - 1},{_LONGEST - 1}}}")
# A mobile as stored, +628… or +601… of a length _MOBILE allows: what a village sends.
_STORED = re.compile(
    "|".join(
        f"\\+{country}{first}[0-9]{{{shortest - 1},{longest - 1}}}"
        for country, (first, shortest, longest) in _MOBILE.items()
    )
)


def normalize_phone(raw: str, field: str = "phone") -> str:
    """`+628…` or `+601…` for a valid mobile number, "" for an empty (optional) field."""
    if raw:
        if _TYPED_ID.fullmatch(raw):
            return "+62" + raw[1:]
        if _STORED.fullmatch(raw):  # normal already
            return raw
    return _normalized_phone(raw, field)


def _normalized_phone(raw: str, field: str) -> str:
    """`normalize_phone` for any text, the plainly typed numbers included."""
    text = _SEPARATORS.sub("", raw or "")
    if not text:
        return ""
    if not is_ascii_digits(text.removeprefix("+")):
        raise InvalidInput("phone.digits", "Nomor HP hanya boleh berisi angka.", field)
    try:
        country, national = _split(text)
    except InvalidInput as e:
        raise InvalidInput(e.code, e.message, field) from None
    if country not in _MOBILE:
        raise InvalidInput(
            "phone.country", "Hanya nomor HP Indonesia (+62) atau Malaysia (+60).", field
        )
    first, shortest, longest = _MOBILE[country]
    if not national.startswith(first):
        raise InvalidInput(
            "phone.not_mobile",
            "Nomor ini bukan nomor HP (nomor HP Indonesia diawali 08, Malaysia 01).",
            field,
        )
    if not shortest <= len(national) <= longest:
        raise InvalidInput(
            "phone.length",
            f"Nomor HP terlalu {'pendek' if len(national) < shortest else 'panjang'}: "
            "periksa lagi jumlah angkanya.",
            field,
        )
    return f"+{country}{national}"


def phone_search_prefix(text: str) -> str | None:
    """The stored digits (without +) that a phone number being typed must start with, or None
    when the text is not the start of a phone number (0812…, 012…, +62812…)."""
    digits = _SEPARATORS.sub("", text)
    if not (digits.startswith(("0", "+")) and digits.lstrip("+").isdigit()):
        return None
    international = digits.removeprefix("+")
    if international.startswith("0"):
        return _national_country(international) + international[1:]
    return international
