"""Record ids made on the device: ULIDs (time-ordered, 26 characters, never reused)."""

from __future__ import annotations

import os
import threading
import time

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, randomness) of the previous id, to stay sorted within a ms
_RANDOM = (1 << 80) - 1
_TAIL = (1 << 50) - 1  # the bits of the last ten characters
_head = (-1, "")  # the bits above _TAIL of the previous id, and their sixteen characters


def new_id() -> str:
    global _last, _head
    with _lock:
        ms = time.time_ns() // 1_000_000
        last_ms, last_rand = _last
        if ms <= last_ms:
            ms, rand = last_ms, last_rand + 1  # same millisecond: count up, keep order
        else:
            rand = int.from_bytes(os.urandom(10), "big")
        _last = (ms, rand)
        value = (ms << 80) | (rand & _RANDOM)
        high = value >> 50
        if high != _head[0]:  # ids of one millisecond share it: written once
            _head = (high, _text(high)[10:])
        head = _head[1]
    pairs, tail = _PAIRS, value & _TAIL
    return (
        f"{head}{pairs[tail >> 40]}{pairs[(tail >> 30) & 1023]}{pairs[(tail >> 20) & 1023]}"
        f"{pairs[(tail >> 10) & 1023]}{pairs[tail & 1023]}"
    )


_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]  # ten bits at a time: half the steps


_SHIFTS = tuple(range(120, -1, -10))


def _text(value: int) -> str:
    return "".join([_PAIRS[(value >> shift) & 1023] for shift in _SHIFTS])


def id_to_bytes(ulid: str) -> bytes:
    """The 16 bytes a ULID stands for (for compact payloads such as a card's QR code)."""
    value = 0
    for ch in ulid.upper():
        value = value * 32 + _CROCKFORD.index(ch)
    return value.to_bytes(16, "big")


def id_from_bytes(raw: bytes) -> str:
    return _text(int.from_bytes(raw, "big"))
