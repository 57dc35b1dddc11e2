"""Life events: record them, let them change the worker, track the claim, state entitlements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.device.clock import utc_now
from desktop_app.domain import benefits
from desktop_app.domain.coverage import membership_start
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.events import (
    CLAIM_LABELS,
    ENDS_MEMBERSHIP,
    EVENT_LABELS,
    OPENS_CLAIM,
    check_event,
    claim_checklists,
)
from desktop_app.domain.formatting import rupiah
from desktop_app.domain.ids import new_id
from desktop_app.domain.occupations import occupation
from desktop_app.services import access, budget, registry
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import family, program
from desktop_app.store.db import transaction


def add_event(
    inst: Installation,
    worker_id: str,
    kind: str,
    event_date: dt.date,
    *,
    place: str = "",
    cause: str | None = None,
    unable_from: dt.date | None = None,
    unable_to: dt.date | None = None,
    detail: str = "",
    new_occupation: str | None = None,
    today: dt.date | None = None,
) -> dict:
    """Record an event; a death or a move ends membership, a new occupation is written."""
    access.require(inst, "change")
    check_event(kind, event_date, today or dt.date.today(), cause, unable_from, unable_to)
    if kind == "occupation_changed":
        if not new_occupation:
            raise InvalidInput("event.occupation", "Pilih pekerjaan baru.", "new_occupation")
        occupation(new_occupation)
    row: dict[str, Any] = {
        "id": new_id(),
        "worker_id": worker_id,
        "kind": kind,
        "event_date": event_date.isoformat(),
        "place": place.strip() or None,
        "cause": cause if kind in OPENS_CLAIM else None,
        "unable_from": unable_from and unable_from.isoformat(),
        "unable_to": unable_to and unable_to.isoformat(),
        "detail": (detail.strip() or new_occupation) or None,
        "claim_status": "preparing" if kind in OPENS_CLAIM else "none",
        "created_at": utc_now(),
        "created_by": inst.user,
    }
    with transaction(inst.db):
        worker = registry.find_worker(inst, worker_id)
        if worker.deleted_at or worker.status == "ended":
            raise Refused("event.ended", f"Kepesertaan {worker.full_name} sudah berakhir.")
        program.insert_event(inst.db, row)
        record_change(inst, "event", "event", row["id"], None, row, op="insert")
        if kind in ENDS_MEMBERSHIP:
            registry.change_worker(inst, worker_id, f"event_{kind}", status="ended")
        elif kind == "occupation_changed":
            registry.change_worker(inst, worker_id, "event_occupation", occupation=new_occupation)
    return row


def list_events(inst: Installation, worker_id: str) -> list[dict]:
    return program.events_of(inst.db, worker_id)


def set_claim_status(inst: Installation, event_id: str, status: str) -> dict[str, Any]:
    access.require(inst, "change")
    if status not in CLAIM_LABELS or status == "none":
        raise InvalidInput("claim.status", f"Status klaim {status!r} tidak dikenal.", "status")
    with transaction(inst.db):
        before = program.get_event(inst.db, event_id)
        if before is None or before["claim_status"] == "none":
            raise Refused("claim.not_found", "Kejadian ini tidak mempunyai klaim.")
        program.set_claim_status(inst.db, event_id, status)
        after = program.get_event(inst.db, event_id)
        assert after is not None  # read back inside the transaction that just wrote it
        record_change(inst, "claim", "event", event_id, before, after, op="update")
    return after


@dataclass(frozen=True, slots=True)
class Entitlement:
    title: str
    amount: int | None  # None: "as medically needed"
    note: str


def entitlements(inst: Installation, event: dict) -> list[Entitlement]:
    """What the worker or the family can claim for this event, computed from the records."""
    worker = registry.find_worker(inst, event["worker_id"])
    day = dt.date.fromisoformat(event["event_date"])
    out: list[Entitlement] = []
    if event["kind"] in ("accident", "illness"):
        out.append(Entitlement("Perawatan dan pengobatan", None, "Sesuai kebutuhan medis (JKK)."))
        if event["unable_from"]:
            amount = benefits.stmb(
                worker.monthly_income,
                dt.date.fromisoformat(event["unable_from"]),
                dt.date.fromisoformat(event["unable_to"]),
            )
            out.append(
                Entitlement(
                    "Santunan tidak mampu bekerja (STMB)",
                    amount,
                    "100% penghasilan 12 bulan pertama, 50% sesudahnya.",
                )
            )
    if event["kind"] == "death" and event["cause"] == "non_work":
        for part, amount in benefits.death_benefit().items():
            out.append(Entitlement(f"JKM: {part.replace('_', ' ')}", amount, "Jaminan Kematian."))
    if event["kind"] == "death":
        start = membership_start(budget.periods(inst, worker.id))
        if benefits.education_eligible(start, day, event["cause"]):
            kids = [
                (c["full_name"], dt.date.fromisoformat(c["birth_date"]))
                for c in family.children_of(inst.db, worker.id)
            ]
            for child in benefits.education_benefits(kids, day):
                out.append(
                    Entitlement(
                        f"Beasiswa pendidikan: {child.name}",
                        child.total,
                        f"Umur {child.age} tahun; TK sampai perguruan tinggi, "
                        f"paling banyak {rupiah(child.total)}.",
                    )
                )
        elif event["cause"] == "non_work":
            out.append(
                Entitlement(
                    "Beasiswa pendidikan",
                    0,
                    "Belum berhak: kepesertaan kurang dari 3 tahun saat meninggal.",
                )
            )
    return out


def print_claim_letter(inst: Installation, event_id: str, out: Path, today: dt.date | None = None):
    """The cover letter for BPJS with the document checklist; numbered like other letters."""
    from desktop_app.documents.claims import ClaimLetter, event_description, write_claim_letter
    from desktop_app.services import letterhead, printing

    access.require(inst, "print")
    event = program.get_event(inst.db, event_id)
    if event is None or event["claim_status"] == "none":
        raise Refused("claim.not_found", "Kejadian ini tidak mempunyai klaim.")
    today = today or dt.date.today()
    worker = registry.find_worker(inst, event["worker_id"])
    checklist = claim_checklists()["death" if event["kind"] == "death" else event["kind"]]
    head = letterhead.letterhead(inst, signed=True)  # refused before a number is used up
    with transaction(inst.db):
        number, issued = printing.issue_letter(
            inst, "claim:" + event_id, worker.id, today.year, today
        )
    rights = tuple((r.title, r.amount, r.note) for r in entitlements(inst, event))
    letter = ClaimLetter(
        number=number,
        issued=issued,
        title=checklist["title"],
        worker_name=worker.full_name,
        nik=worker.nik,
        kpj_number=worker.kpj_number,
        event=event_description(
            EVENT_LABELS[event["kind"]],
            event["cause"],
            dt.date.fromisoformat(event["event_date"]),
            event["place"],
        ),
        documents=tuple(checklist["documents"]),
        entitlements=rights,
    )
    write_claim_letter(letter, head, out)
    printing.record_print(inst, "claim", today.year, [worker.id], out)
    return out
