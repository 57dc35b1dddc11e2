"""What a participant card's QR code holds, and how anyone with the village key checks it.

    SD1:<base32( version | village | worker id | NIK tag | valid until | [serial] | signature )>

Base32 keeps the text inside the QR alphanumeric set, so the code stays small (version 7).

Version 2 adds the card's serial: the how-many-th card of this worker it is. Printing a card
again gives the next serial, so an earlier card (a lost one, or one kept by someone else) no
longer verifies. Version 1 cards (no serial) still read; they count as serial 0, so they stay
valid only until the worker's first version 2 card is printed.

The NIK tag is a keyed hash (HMAC-SHA256 with a secret of the issuing village, cut to 8 bytes):
a plain hash of a NIK could be reversed by trying every date and serial, so only the village
that issued the card can tell whether a KTP's NIK belongs to it. The Ed25519 signature (made by
the village's signing key, checked with its public key) says who issued the card and that no
byte was changed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import struct
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain.formatting import tanggal
from desktop_app.domain.ids import id_from_bytes, id_to_bytes
from desktop_app.domain.regions import region_name

PREFIX = "SD1:"
VERSION = 2
# version, village code (10 digits as a 5-byte number), ULID, NIK tag, valid until (days from
# 2020-01-01): 30 bytes; version 2 adds the card serial (2 bytes); then a 64-byte signature.
_BODIES = {1: struct.Struct(">B5s16s6sH"), 2: struct.Struct(">B5s16s6sHH")}
_EPOCH = dt.date(2020, 1, 1)
_SIGNATURE = 64


def nik_tag(nik_secret: bytes, nik: str) -> bytes:
    return hmac.new(nik_secret, nik.encode(), hashlib.sha256).digest()[:6]


@dataclass(frozen=True, slots=True)
class CardData:
    village_code: str
    worker_id: str
    valid_until: dt.date
    serial: int = 0  # the how-many-th card of the worker; 0 on a version 1 card


def encode_card(data: CardData, nik: str, nik_secret: bytes, sign: Callable[[bytes], bytes]) -> str:
    body = _BODIES[VERSION].pack(
        VERSION,
        int(data.village_code.replace(".", "")).to_bytes(5, "big"),
        id_to_bytes(data.worker_id),
        nik_tag(nik_secret, nik),
        (data.valid_until - _EPOCH).days,
        data.serial,
    )
    return PREFIX + base64.b32encode(body + sign(body)).decode("ascii").rstrip("=")


# What a verdict says: the card is genuine and in force; genuine but no longer in force
# (expired, revoked, replaced); or not genuine at all.
VALID, NOT_IN_FORCE, NOT_GENUINE = "SAH", "TIDAK BERLAKU", "TIDAK SAH"


@dataclass(frozen=True, slots=True)
class CardVerdict:
    valid: bool
    reason: str  # Indonesian, for the person holding the card reader
    card: CardData | None = None
    status: str = ""  # VALID, NOT_IN_FORCE or NOT_GENUINE

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", VALID if self.valid else NOT_GENUINE)

    def headline(self) -> str:
        """The verdict as one line, as the command line and the window show it."""
        return f"{self.status}: {self.reason}"


def _dotted(code: str) -> str:
    return f"{code[:2]}.{code[2:4]}.{code[4:6]}.{code[6:]}"


def _village(code: str) -> str:
    """'desa Tanjung Aru (65.03.10.2004)', or the code alone when it is not in the list."""
    name = region_name(code)
    return f"desa {name} ({code})" if name else f"desa {code}"


def verify_card(
    payload: str,
    verify: Callable[[str, bytes, bytes], bool],
    today: dt.date,
    nik: str | None = None,
    nik_secret: bytes | None = None,
    revoked: Callable[[CardData], str | None] = lambda _card: None,
) -> CardVerdict:
    """Check a scanned payload. `verify(village_code, body, signature)` checks the signature
    with that village's public key (False for an unknown village); `revoked(card)` says why a
    genuine card is no longer in force (worker removed, membership ended, card replaced)."""
    text = payload.strip()
    if not text.startswith(PREFIX):
        return CardVerdict(False, "Kode QR ini bukan kartu peserta Satu Desa.")
    try:
        encoded = text[len(PREFIX) :].upper()
        raw = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
        if raw and raw[0] not in _BODIES:
            return CardVerdict(False, f"Versi kartu {raw[0]} tidak dikenal.")
        layout = _BODIES[raw[0]]
        body, signature = raw[: layout.size], raw[layout.size :]
        _version, code, worker, tag, until, *serial = layout.unpack(body)
        if len(signature) != _SIGNATURE:
            raise ValueError("signature length")
        card = CardData(
            _dotted(f"{int.from_bytes(code, 'big'):010d}"),
            id_from_bytes(worker),
            _EPOCH + dt.timedelta(days=until),
            serial[0] if serial else 0,
        )
    except (ValueError, struct.error, OverflowError, binascii.Error, IndexError):
        return CardVerdict(False, "Isi kode QR rusak atau tidak lengkap.")
    if not verify(card.village_code, body, signature):
        return CardVerdict(
            False,
            "Tanda tangan kartu tidak sah: kartu diubah atau bukan "
            f"diterbitkan {_village(card.village_code)}.",
            card,
        )
    if (
        nik is not None
        and nik_secret is not None
        and not hmac.compare_digest(nik_tag(nik_secret, nik), tag)
    ):
        return CardVerdict(False, "NIK pada KTP tidak sama dengan NIK pemilik kartu.", card)
    why = revoked(card)
    if why:
        return CardVerdict(False, why, card, NOT_IN_FORCE)
    if card.valid_until < today:
        return CardVerdict(
            False,
            f"Kartu sudah tidak berlaku sejak {tanggal(card.valid_until)}.",
            card,
            NOT_IN_FORCE,
        )
    return CardVerdict(
        True,
        f"Kartu sah, diterbitkan {_village(card.village_code)}, berlaku sampai "
        f"{tanggal(card.valid_until)}.",
        card,
    )
