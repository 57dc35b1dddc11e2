"""What a participant card's QR code holds, and how anyone with the village key checks it.

    SD1:<base32( version | village code | worker id | NIK tag | valid until | signature )>

Base32 keeps the text inside the QR alphanumeric set, so the code stays small (version 7).

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
VERSION = 1
# version, village code (10 digits as a 5-byte number), ULID, NIK tag, valid until (days from
# 2020-01-01): 30 bytes, plus a 64-byte signature.
_BODY = struct.Struct(">B5s16s6sH")
_EPOCH = dt.date(2020, 1, 1)
_SIGNATURE = 64


def nik_tag(nik_secret: bytes, nik: str) -> bytes:
    return hmac.new(nik_secret, nik.encode(), hashlib.sha256).digest()[:6]


@dataclass(frozen=True, slots=True)
class CardData:
    village_code: str
    worker_id: str
    valid_until: dt.date


def encode_card(data: CardData, nik: str, nik_secret: bytes, sign: Callable[[bytes], bytes]) -> str:
    body = _BODY.pack(
        VERSION,
        int(data.village_code.replace(".", "")).to_bytes(5, "big"),
        id_to_bytes(data.worker_id),
        nik_tag(nik_secret, nik),
        (data.valid_until - _EPOCH).days,
    )
    return PREFIX + base64.b32encode(body + sign(body)).decode("ascii").rstrip("=")


@dataclass(frozen=True, slots=True)
class CardVerdict:
    valid: bool
    reason: str  # Indonesian, for the person holding the card reader
    card: CardData | None = None

    def headline(self) -> str:
        """The verdict as one line, as the command line and the window show it."""
        return ("SAH: " if self.valid else "TIDAK SAH: ") + self.reason


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
) -> CardVerdict:
    """Check a scanned payload. `verify(village_code, body, signature)` checks the signature
    with that village's public key (False for an unknown village)."""
    text = payload.strip()
    if not text.startswith(PREFIX):
        return CardVerdict(False, "Kode QR ini bukan kartu peserta Satu Desa.")
    try:
        encoded = text[len(PREFIX) :].upper()
        raw = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
        body, signature = raw[: _BODY.size], raw[_BODY.size :]
        version, code, worker, tag, until = _BODY.unpack(body)
        if len(signature) != _SIGNATURE:
            raise ValueError("signature length")
        card = CardData(
            _dotted(f"{int.from_bytes(code, 'big'):010d}"),
            id_from_bytes(worker),
            _EPOCH + dt.timedelta(days=until),
        )
    except (ValueError, struct.error, OverflowError, binascii.Error):
        return CardVerdict(False, "Isi kode QR rusak atau tidak lengkap.")
    if version != VERSION:
        return CardVerdict(False, f"Versi kartu {version} tidak dikenal.")
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
    if card.valid_until < today:
        return CardVerdict(
            False, f"Kartu sudah tidak berlaku sejak {tanggal(card.valid_until)}.", card
        )
    return CardVerdict(
        True,
        f"Kartu sah, diterbitkan {_village(card.village_code)}, berlaku sampai "
        f"{tanggal(card.valid_until)}.",
        card,
    )
