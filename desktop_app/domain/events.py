"""Life events of a worker and the claims they open, as a clerk records them."""

from __future__ import annotations

import datetime as dt
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


CAUSE_WORDS = {"work": "akibat kecelakaan kerja", "non_work": "bukan akibat kecelakaan kerja"}


def _claims() -> dict[str, Any]:
    return rule_table("claims")


def claim_basis() -> str:
    """The legal basis a claim letter cites."""
    basis: str = _claims()["basis"]
    return basis


def claim_checklist(kind: str, cause: str | None) -> dict[str, Any]:
    """Title and documents of the claim an event opens: a death at work is a JKK claim, with
    the accident report and chronology; any other death is a JKM claim."""
    key = "death_work" if kind == "death" and cause == "work" else kind
    checklist: dict[str, Any] = _claims()["claims"][key]
    return checklist


def check_event(
    kind: str,
    event_date: dt.date,
    today: dt.date,
    cause: str | None,
    unable_from: dt.date | None,
    unable_to: dt.date | None,
    born: dt.date | None = None,
) -> None:
    if kind not in EVENT_LABELS:
        raise InvalidInput("event.kind", f"Jenis kejadian {kind!r} tidak dikenal.", "kind")
    if event_date > today:
        raise InvalidInput("event.future", "Tanggal kejadian di masa depan.", "event_date")
    if born is not None and event_date < born:
        raise InvalidInput(
            "event.before_birth", "Tanggal kejadian sebelum tanggal lahir pekerja.", "event_date"
        )
    if kind in OPENS_CLAIM and cause not in ("work", "non_work"):
        raise InvalidInput(
            "event.cause", "Pilih penyebab: akibat kecelakaan kerja atau bukan.", "cause"
        )
    if (unable_from is None) != (unable_to is None):
        raise InvalidInput(
            "event.unable", "Isi tanggal mulai dan selesai tidak mampu bekerja.", "unable_to"
        )
    if unable_from and unable_to and unable_to < unable_from:
        raise InvalidInput(
            "event.unable_order", "Tanggal selesai tidak boleh sebelum tanggal mulai.", "unable_to"
        )
