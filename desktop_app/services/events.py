"""Life events: record them, let them change the worker, track the claim, state entitlements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.device import clock
from desktop_app.device.clock import utc_now
from desktop_app.domain import benefits
from desktop_app.domain.contributions import contribution_base
from desktop_app.domain.coverage import CoverOnDay, contribution_months, cover_on
from desktop_app.domain.education import contribution_months_needed, education_grants
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.events import (
    CLAIM_LABELS,
    ENDS_MEMBERSHIP,
    EVENT_LABELS,
    OPENS_CLAIM,
    check_event,
    claim_basis,
    claim_checklist,
)
from desktop_app.domain.formatting import rupiah
from desktop_app.domain.ids import new_id
from desktop_app.domain.occupations import occupation
from desktop_app.domain.text import NOTE_MAX, PLACE_MAX, clean_text
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
    disability: str | None = None,
    disability_part: str | None = None,
    function_loss_percent: int | None = None,
    today: dt.date | None = None,
) -> dict:
    """Record an event; a death or a move ends membership, a new occupation is written."""
    access.require(inst, "change")
    born = dt.date.fromisoformat(registry.find_worker(inst, worker_id).birth_date)
    check_event(kind, event_date, today or clock.today(), cause, unable_from, unable_to, born)
    if disability and kind not in ("accident", "illness"):
        raise InvalidInput(
            "event.disability_kind", "Cacat dicatat pada kecelakaan atau penyakit.", "disability"
        )
    benefits.check_disability(disability, disability_part, function_loss_percent)
    if kind == "occupation_changed":
        if not new_occupation:
            raise InvalidInput("event.occupation", "Pilih pekerjaan baru.", "new_occupation")
        occupation(new_occupation)
    row: dict[str, Any] = {
        "id": new_id(),
        "worker_id": worker_id,
        "kind": kind,
        "event_date": event_date.isoformat(),
        "place": clean_text(place, "place", PLACE_MAX, "Tempat kejadian") or None,
        "cause": cause if kind in OPENS_CLAIM else None,
        "unable_from": unable_from and unable_from.isoformat(),
        "unable_to": unable_to and unable_to.isoformat(),
        "detail": (clean_text(detail, "detail", NOTE_MAX, "Keterangan") or new_occupation) or None,
        "claim_status": "preparing" if kind in OPENS_CLAIM else "none",
        "disability": disability,
        "disability_part": disability_part if disability == "partial" else None,
        "function_loss_percent": function_loss_percent if disability == "partial" else None,
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
    amount: int | None  # None: as medically needed, or for BPJS to verify (in arrears)
    note: str
    pending: bool = False  # in arrears on the event day: BPJS decides

    @property
    def amount_text(self) -> str:
        if self.pending:
            return "perlu diverifikasi BPJS"
        return "sesuai kebutuhan medis" if self.amount is None else rupiah(self.amount)

    def to_dict(self) -> dict:
        """The command line's contract: title, amount (rupiah; 0 when nothing is due), note."""
        return {"title": self.title, "amount": self.amount, "note": self.note}


def cover_on_event_day(inst: Installation, event: dict) -> CoverOnDay:
    day = dt.date.fromisoformat(event["event_date"])
    return cover_on(budget.periods(inst, event["worker_id"]), day)


def entitlements(inst: Installation, event: dict) -> list[Entitlement]:
    """What the worker or the family can claim for this event, from the facts of its day:
    covered (the amounts), in arrears (for BPJS to verify) or not covered (nothing, and why)."""
    worker = registry.find_worker(inst, event["worker_id"])
    day = dt.date.fromisoformat(event["event_date"])
    periods = budget.periods(inst, worker.id)
    cover = cover_on(periods, day)
    due = _benefits(inst, worker, event, day, periods)
    if cover.state == "covered":
        return due
    if cover.state == "in_arrears":
        return [
            Entitlement(
                e.title,
                None,
                f"{cover.note} Bila diakui: {e.amount_text}. {e.note}",
                pending=True,
            )
            if e.amount != 0
            else e
            for e in due
        ]
    return [Entitlement(e.title, 0, cover.note) if e.amount != 0 else e for e in due]


def _benefits(inst, worker, event, day, periods) -> list[Entitlement]:
    """The benefits as if the worker was covered on the day."""
    kind, cause = event["kind"], event["cause"]
    base = contribution_base(worker.monthly_income, day)
    on_base = f"penghasilan yang dilaporkan {rupiah(base)} (dasar iuran)"
    out: list[Entitlement] = []
    if kind in ("accident", "illness"):
        if cause != "work":
            return [
                Entitlement(
                    "Jaminan Kecelakaan Kerja (JKK)",
                    0,
                    "Bukan kecelakaan kerja atau penyakit akibat kerja: tidak ditanggung JKK.",
                )
            ]
        out.append(Entitlement("Perawatan dan pengobatan", None, "Sesuai kebutuhan medis (JKK)."))
        if event["unable_from"]:
            amount = benefits.stmb(
                base,
                dt.date.fromisoformat(event["unable_from"]),
                dt.date.fromisoformat(event["unable_to"]),
            )
            out.append(
                Entitlement(
                    "Santunan tidak mampu bekerja (STMB)",
                    amount,
                    f"100% {on_base} 12 bulan pertama, 50% sesudahnya.",
                )
            )
        if event.get("disability") == "total":
            out += [_entitled(p) for p in benefits.total_disability(base)]
            out += _education(inst, worker.id, day, "work", periods)
        elif event.get("disability") == "partial":
            p = benefits.partial_disability(
                base, event["disability_part"], event.get("function_loss_percent")
            )
            out.append(_entitled(p))
    if kind == "death":
        parts = benefits.jkk_death(base) if cause == "work" else benefits.jkm()
        out += [_entitled(p) for p in parts]
        out += _education(inst, worker.id, day, cause, periods)
    return out


def _entitled(part: benefits.Part) -> Entitlement:
    return Entitlement(part.title, part.amount, part.note)


def _education(inst, worker_id, day, cause, periods) -> list[Entitlement]:
    """Grants per child; after a death not caused by work only with 36 months of contribution."""
    if cause != "work":
        months = contribution_months(periods, day)
        needed = contribution_months_needed()
        if months < needed:
            return [
                Entitlement(
                    "Beasiswa pendidikan",
                    0,
                    f"Belum berhak: masa iur {months} bulan, kurang dari {needed} bulan "
                    "(meninggal bukan akibat kecelakaan kerja).",
                )
            ]
    kids = [
        (
            c["full_name"],
            dt.date.fromisoformat(c["birth_date"]),
            c["school_level"],
            c["school_class"],
        )
        for c in family.children_of(inst.db, worker_id)
    ]
    return [
        Entitlement(
            f"Beasiswa pendidikan: {g.name}",
            g.total,
            f"Sekarang {rupiah(g.per_year_now)} per tahun. {g.reason}" if g.total else g.reason,
        )
        for g in education_grants(kids, day)
    ]


def print_claim_letter(inst: Installation, event_id: str, out: Path, today: dt.date | None = None):
    """The cover letter for BPJS with the document checklist; numbered like other letters."""
    from desktop_app.documents.claims import ClaimLetter, event_description, write_claim_letter
    from desktop_app.services import letterhead, printing

    access.require(inst, "print")
    event = program.get_event(inst.db, event_id)
    if event is None or event["claim_status"] == "none":
        raise Refused("claim.not_found", "Kejadian ini tidak mempunyai klaim.")
    today = today or clock.today()
    worker = registry.find_worker(inst, event["worker_id"])
    checklist = claim_checklist(event["kind"], event["cause"])
    head = letterhead.letterhead(inst, signed=True)  # refused before a number is used up
    with transaction(inst.db):
        number, issued = printing.issue_letter(
            inst, "claim:" + event_id, worker.id, today.year, today
        )
    rights = tuple((r.title, r.amount_text, r.note) for r in entitlements(inst, event))
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
        cover=cover_on_event_day(inst, event).note,
        basis=claim_basis(),
    )
    write_claim_letter(letter, head, out)
    printing.record_print(inst, "claim", today.year, [worker.id], out)
    return out
