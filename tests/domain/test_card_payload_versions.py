"""Version 1 cards (before card serials) still read, and give way to the first serial card."""

from __future__ import annotations

import base64
import datetime as dt
import struct

import nacl.signing

from desktop_app.domain.card_payload import CardData, encode_card, verify_card
from desktop_app.domain.card_standing import Standing, revocation_reason
from desktop_app.domain.ids import id_to_bytes, new_id

KEY = nacl.signing.SigningKey(b"k" * 32)
SECRET = b"s" * 32


def version_1_card(worker_id: str) -> str:
    """A card as version 1 wrote it: no serial."""
    body = struct.pack(
        ">B5s16s6sH", 1, (6503102004).to_bytes(5, "big"), id_to_bytes(worker_id), b"\0" * 6, 3000
    )
    return "SD1:" + base64.b32encode(body + KEY.sign(body).signature).decode().rstrip("=")


def check(payload: str, standing: Standing):
    def signed(_code, body, signature):
        try:
            KEY.verify_key.verify(body, signature)
        except Exception:
            return False
        return True

    return verify_card(
        payload,
        signed,
        dt.date(2026, 11, 29),
        revoked=lambda card: revocation_reason(standing, card.serial),
    )


def test_a_version_1_card_is_valid_until_the_worker_gets_a_card_with_a_serial():
    worker = new_id()
    old = version_1_card(worker)
    verdict = check(old, Standing())
    assert verdict.valid and verdict.card.serial == 0 and verdict.card.worker_id == worker
    replaced = check(old, Standing(latest_serial=1, latest_issued_on=dt.date(2026, 11, 29)))
    assert not replaced.valid and replaced.status == "TIDAK BERLAKU"
    assert "cetakan ke-1 tanggal 29 November 2026" in replaced.reason


def test_a_version_2_card_carries_its_serial_and_an_older_serial_is_replaced():
    worker = new_id()
    data = CardData("65.03.10.2004", worker, dt.date(2027, 12, 31), serial=3)
    payload = encode_card(data, "6503104508900001", SECRET, lambda b: KEY.sign(b).signature)
    assert check(payload, Standing(latest_serial=3)).card == data
    assert check(payload, Standing(latest_serial=3)).headline().startswith("SAH: ")
    assert check(payload, Standing(latest_serial=4)).headline().startswith("TIDAK BERLAKU: ")
