"""Cards as records: issuing a card's serial, and whether a scanned card still stands."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from desktop_app.domain.card_payload import CardData
from desktop_app.domain.card_standing import Standing, revocation_reason
from desktop_app.domain.events import ENDS_MEMBERSHIP, EVENT_LABELS
from desktop_app.domain.formatting import local_date
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import cards, district, district_program, outbox, program
from desktop_app.store import workers as worker_store


def issue_card(inst: Installation, worker_id: str, today: dt.date) -> int:
    """Register the worker's next card (the caller's transaction); the district learns of it
    in the next batch, so that an earlier card fails there too."""
    serial = cards.issue(inst.db, worker_id, today, inst.user)
    card_id = f"{worker_id}-{serial}"
    payload = {"id": card_id, "worker_id": worker_id, "serial": serial, "issued_on": str(today)}
    record_change(inst, "card", "card", card_id, None, payload, op="insert")
    return serial


def _village_standing(inst: Installation, worker_id: str) -> Standing:
    worker = worker_store.get_worker(inst.db, worker_id)
    if worker is None:
        return Standing(known=False)
    latest = cards.latest(inst.db, worker_id) or (0, None)
    if worker.deleted_at:
        removal = outbox.latest_payload(inst.db, "worker", worker_id, "delete") or {}
        return Standing(
            removed_on=local_date(worker.deleted_at),
            removal_reason=removal.get("removal_reason", ""),
        )
    if worker.status == "ended":
        return _ended(program.events_of(inst.db, worker_id), worker.updated_at)
    return Standing(latest_serial=latest[0], latest_issued_on=latest[1])


def _ended(events: list[dict[str, Any]], updated_at: str) -> Standing:
    """When and why membership ended: the death or move recorded, else the status change."""
    ending = [e for e in events if e["kind"] in ENDS_MEMBERSHIP]
    if not ending:
        return Standing(ended_on=local_date(updated_at), ended_because="status BPJS berhenti")
    last = max(ending, key=lambda e: e["event_date"])
    return Standing(
        ended_on=dt.date.fromisoformat(last["event_date"]),
        ended_because=EVENT_LABELS[last["kind"]].lower(),
    )


def _district_standing(inst: Installation, worker_id: str) -> Standing:
    row = district.get_worker(inst.db, worker_id)
    if row is None:
        return Standing(known=False)
    record = json.loads(row["record"])
    latest = cards.latest(inst.db, worker_id) or (0, None)
    if row["deleted_at"]:
        return Standing(
            removed_on=local_date(row["deleted_at"]),
            removal_reason=record.get("removal_reason", ""),
        )
    if record.get("status") == "ended" or row["bpjs_status"] == "ended":
        return _ended(district_program.events_of(inst.db, worker_id), record["updated_at"])
    return Standing(latest_serial=latest[0], latest_issued_on=latest[1])


def revocation_check(inst: Installation) -> Callable[[CardData], str | None]:
    """For verify_card: why a genuine card of this village (or district) no longer stands."""
    standing = _village_standing if inst.role == "village" else _district_standing

    def check(card: CardData) -> str | None:
        return revocation_reason(standing(inst, card.worker_id), card.serial)

    return check
