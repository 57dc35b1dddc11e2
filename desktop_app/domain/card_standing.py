"""Why a genuine participant card is no longer in force: the rule, from facts the caller gathers.

A card is signed once and cannot be recalled from the holder's pocket, so whoever checks it
asks the village's records (or the district's copy of them) whether it still stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.formatting import tanggal


@dataclass(frozen=True, slots=True)
class Standing:
    """What the records say about the card's holder and the card."""

    known: bool = True  # the holder is in these records at all
    removed_on: dt.date | None = None
    removal_reason: str = ""
    ended_on: dt.date | None = None
    ended_because: str = ""  # "meninggal dunia", "pindah domisili", ...
    latest_serial: int = 0  # newest card printed for the holder (0: none recorded)
    latest_issued_on: dt.date | None = None


def revocation_reason(standing: Standing, card_serial: int) -> str | None:
    """The Indonesian reason a card with `card_serial` no longer counts, or None if it does."""
    if not standing.known:
        return "Pemegang kartu tidak tercatat dalam data di sini; tanyakan ke desa penerbit."
    if standing.removed_on is not None:
        why = f" (alasan: {standing.removal_reason})" if standing.removal_reason else ""
        return f"Pekerja dihapus dari daftar peserta pada {tanggal(standing.removed_on)}{why}."
    if standing.ended_on is not None:
        because = f": {standing.ended_because}" if standing.ended_because else ""
        return f"Kepesertaan berakhir pada {tanggal(standing.ended_on)}{because}."
    if card_serial < standing.latest_serial:
        issued = standing.latest_issued_on
        return (
            f"Kartu ini sudah diganti dengan kartu cetakan ke-{standing.latest_serial}"
            f"{f' tanggal {tanggal(issued)}' if issued else ''}; kartu lama tidak berlaku lagi."
        )
    return None
