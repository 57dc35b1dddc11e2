"""What a participant card's QR code holds, and how anyone with the village key checks it.

    SD1:<base64url( version | village code | worker id | NIK tag | valid until | signature )>

The NIK tag is a keyed hash (HMAC-SHA256 with a secret of the issuing village, cut to 8 bytes):
a plain hash of a NIK could be reversed by trying every date and serial, so only the village
that issued the card can tell whether a KTP's NIK belongs to it. The Ed25519 signature (made by
the village's signing key, checked with its public key) says who issued the card and that no
byte was changed.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import struct
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain.formatting import tanggal
from desktop_app.domain.ids import id_from_bytes, id_to_bytes

PREFIX = "SD1:"
VERSION = 1
_BODY = struct.Struct(">B12s16s8sI")  # version, village code digits, ULID, NIK tag, valid until
_SIGNATURE = 64


def nik_tag(nik_secret: bytes, nik: str) -> bytes:
    return hmac.new(nik_secret, nik.encode(), hashlib.sha256).digest()[:8]


@dataclass(frozen=True, slots=True)
class CardData:
    village_code: str
    worker_id: str
    valid_until: dt.date


def encode_card(data: CardData, nik: str, nik_secret: bytes, sign: Callable[[bytes], bytes]) -> str:
    body = _BODY.pack(
        VERSION,
        data.village_code.replace(".", "").encode("ascii"),
        id_to_bytes(data.worker_id),
        nik_tag(nik_secret, nik),
        data.valid_until.toordinal(),
    )
    return PREFIX + base64.urlsafe_b64encode(body + sign(body)).decode("ascii").rstrip("=")


@dataclass(frozen=True, slots=True)
class CardVerdict:
    valid: bool
    reason: str  # Indonesian, for the person holding the card reader
    card: CardData | None = None


def _dotted(code: str) -> str:
    return f"{code[:2]}.{code[2:4]}.{code[4:6]}.{code[6:]}"


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
        raw = base64.urlsafe_b64decode(text[len(PREFIX) :] + "=" * (-len(text) % 4))
        body, signature = raw[: _BODY.size], raw[_BODY.size :]
        version, code, worker, tag, until = _BODY.unpack(body)
        if len(signature) != _SIGNATURE:
            raise ValueError("signature length")
        card = CardData(
            _dotted(code.rstrip(b"\0").decode("ascii")),
            id_from_bytes(worker),
            dt.date.fromordinal(until),
        )
    except (ValueError, struct.error, UnicodeDecodeError, OverflowError):
        return CardVerdict(False, "Isi kode QR rusak atau tidak lengkap.")
    if version != VERSION:
        return CardVerdict(False, f"Versi kartu {version} tidak dikenal.")
    if not verify(card.village_code, body, signature):
        return CardVerdict(
            False,
            "Tanda tangan kartu tidak sah: kartu diubah atau bukan "
            f"diterbitkan desa {card.village_code}.",
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
        f"Kartu sah, diterbitkan desa {card.village_code}, berlaku sampai "
        f"{tanggal(card.valid_until)}.",
        card,
    )
