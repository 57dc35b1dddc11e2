"""Life events of a worker and the claims they open, as a clerk records them."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.rules import rule_table

EVENT_LABELS = {
    "accident": "Kecelakaan",
    "illness": "Sakit akibat kerja",
    "death": "Meninggal dunia",
    "moved": "Pindah domisili",
    "occupation_changed": "Ganti pekerjaan",
}
CLAIM_LABELS = {
    "none": "-",
    "preparing": "Disiapkan",
    "submitted": "Diajukan",
    "paid": "Dibayar",
    "refused": "Ditolak",
}
# What an event does to the worker's membership.
ENDS_MEMBERSHIP = {"death", "moved"}
OPENS_CLAIM = {"accident", "illness", "death"}


@functools.cache
def claim_checklists() -> dict[str, dict[str, Any]]:
    claims: dict[str, dict[str, Any]] = rule_table("claims")["claims"]
    return claims


def check_event(
    kind: str,
    event_date: dt.date,
    today: dt.date,
    cause: str | None,
    unable_from: dt.date | None,
    unable_to: dt.date | None,
) -> None:
    if kind not in EVENT_LABELS:
        raise InvalidInput("event.kind", f"Jenis kejadian {kind!r} tidak dikenal.", "kind")
    if event_date > today:
        raise InvalidInput("event.future", "Tanggal kejadian di masa depan.", "event_date")
    if kind in OPENS_CLAIM and cause not in ("work", "non_work"):
        raise InvalidInput(
            "event.cause", "Pilih penyebab: karena kerja atau bukan karena kerja.", "cause"
        )
    if (unable_from is None) != (unable_to is None):
        raise InvalidInput(
            "event.unable", "Isi tanggal mulai dan selesai tidak mampu bekerja.", "unable_to"
        )
    if unable_from and unable_to and unable_to < unable_from:
        raise InvalidInput(
            "event.unable_order", "Tanggal selesai tidak boleh sebelum tanggal mulai.", "unable_to"
        )
