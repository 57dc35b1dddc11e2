"""Letters, cards and registers for selected workers, with what could not be printed and why."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.device import clock
from desktop_app.device import keys as device_keys
from desktop_app.device.keys import KeyPair, load_keys
from desktop_app.device.private import private_temp
from desktop_app.documents.models import Card, Letter, Participant
from desktop_app.domain.card_payload import CardData, CardVerdict, encode_card, verify_card
from desktop_app.domain.contributions import months_from
from desktop_app.domain.errors import Refused
from desktop_app.domain.regions import village_kind
from desktop_app.services import access, approval, budget, card_status, letterhead
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.services.worker_list import Row
from desktop_app.store import district, letters, program
from desktop_app.store import workers as worker_store
from desktop_app.store.db import transaction

KINDS = {
    "letters": "Surat keterangan kepesertaan",
    "cards": "Kartu peserta",
    "register": "Daftar peserta",
}
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Printed:
    path: Path | None
    count: int
    missing: list[tuple[str, str]]  # (worker, reason) left out


def preview_folder(inst: Installation) -> Path:
    """An owner-only folder for print previews in the data folder's private temp."""
    return private_temp(inst.data_dir, "print-")


def mask_nik(nik: str) -> str:
    return nik[:4] + "*" * 8 + nik[-4:]


def _participant(
    inst: Installation,
    worker,
    year: int,
    period: dict[str, Any] | None,
    mask: bool,
    include_ended: bool,
) -> Participant | str:
    """The worker as documents show them, or the reason they cannot be printed.

    A worker whose membership ended (death, moved away) keeps their place in the year's
    register, but gets no new letter or card: a card would still verify as valid.
    """
    if worker.status == "ended" and not include_ended:
        return (
            "kepesertaan sudah berakhir (meninggal dunia atau pindah); "
            "surat dan kartu baru tidak diterbitkan"
        )
    if period is None:
        return f"belum ada masa kepesertaan tahun {year} (belum dibiayai)"
    start = dt.date.fromisoformat(period["start_month"])
    last = months_from(start, period["months"])[-1]
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    address = ", ".join(
        x
        for x in (
            worker.address,
            f"RT {worker.rt}/RW {worker.rw}" if worker.rt else "",
            worker.dusun and f"Dusun {worker.dusun}",
            f"{village_kind(inst.code).word} {inst.name}",
        )
        if x
    )
    return Participant(
        worker_id=worker.id,
        full_name=worker.full_name,
        nik=mask_nik(worker.nik) if mask else worker.nik,
        birth_place=worker.birth_place or "",
        birth_date=dt.date.fromisoformat(worker.birth_date),
        sex=worker.sex,
        address=address,
        dusun=worker.dusun or "",
        occupation=Row(worker).occupation_label,
        kpj_number=worker.kpj_number,
        programs=tuple(period["programs"].split(",")),
        coverage_start=start,
        coverage_end=end,
        monthly_contribution=period["total_amount"] // period["months"],
        total_contribution=period["total_amount"],
        rate_note=period["rate_basis"],
    )


def default_year(inst: Installation, today: dt.date | None = None) -> int:
    """The fiscal year to print for: this year when anyone is funded in it, else the
    nearest funded year (a budget set in November for next year must not take over)."""
    this_year = (today or clock.today()).year
    years = program.funded_years(inst.db)
    if not years or this_year in years:
        return this_year
    return min(years, key=lambda y: (abs(y - this_year), -y))


def nothing_to_print_reason(inst: Installation, ids: list[str] | None, year: int) -> str:
    """Why a print run made no document, when no worker's own reason says it."""
    if ids is None:
        return (
            f"Belum ada pekerja yang dibiayai untuk tahun {year}. Biayai pekerja di halaman "
            "Anggaran, atau pilih tahun lain."
        )
    return "Pekerja yang dipilih sudah dihapus dari daftar."


def _workers(inst: Installation, ids: list[str] | None, year: int):
    if ids is None:
        funded = program.funded_worker_ids(inst.db, year)
        return [w for w in worker_store.list_workers(inst.db, limit=10_000_000) if w.id in funded]
    found = [worker_store.get_worker(inst.db, i) for i in ids]
    return [w for w in found if w is not None and w.deleted_at is None]


def participants(
    inst: Installation, ids: list[str] | None, year: int, include_ended: bool = False
) -> tuple[list[Participant], dict[str, str], list[tuple[str, str]]]:
    """Printable workers, their full NIKs by id, and those left out with the reason."""
    mask = letterhead.settings(inst).mask_nik
    people, niks, missing = [], {}, []
    workers = _workers(inst, ids, year)
    periods = program.first_periods_in(inst.db, year, [worker.id for worker in workers])
    for worker in workers:
        made = _participant(inst, worker, year, periods.get(worker.id), mask, include_ended)
        if isinstance(made, str):
            missing.append((worker.full_name, made))
        else:
            people.append(made)
            niks[worker.id] = worker.nik
    return people, niks, missing


def issue_letter(
    inst: Installation, kind: str, worker_id: str, year: int, day: dt.date
) -> tuple[str, dt.date]:
    """Number and date of a worker's letter of `kind` for fiscal `year`.

    The first print takes the next place in the book of letters signed in `day`'s calendar
    year (no two letters share a number); a reprint is a copy and keeps both.
    """
    existing = letters.issued(inst.db, kind, worker_id, year)
    if existing:
        letters.count_reprint(inst.db, existing[0])
        return existing
    pattern = letterhead.settings(inst).number_pattern
    seq = letters.next_seq(inst.db, day.year)
    number = letterhead.format_number(pattern, seq, day)
    while letters.number_taken(inst.db, number):  # a pattern without {year} repeats numbers
        seq += 1
        number = letterhead.format_number(pattern, seq, day)
    letters.record(inst.db, number, kind, worker_id, year, day, seq, inst.user)
    return number, day


def _nik_secret(keys: KeyPair) -> bytes:
    return hashlib.sha256(b"satudesa card nik tag" + bytes(keys.signing)).digest()


def print_documents(
    inst: Installation,
    kind: str,
    out: Path,
    year: int,
    ids: list[str] | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Printed:
    """Write the chosen document for the workers (all funded ones when `ids` is None)."""
    access.require(inst, "print")
    if kind not in KINDS:
        raise Refused("print.kind", f"Dokumen {kind!r} tidak dikenal: letters, cards, register.")
    today = today or clock.today()
    head = letterhead.letterhead(inst, signed=kind != "cards")
    people, niks, missing = participants(inst, ids, year, include_ended=kind == "register")
    if kind != "cards" and (approved := approval.require_approval(inst, year)) is not None:
        head = dataclasses.replace(head, head_name=approved.head_name)
        missing += [
            (p.full_name, "belum disetujui kepala desa")
            for p in people
            if p.worker_id not in approved.worker_ids
        ]
        people = [p for p in people if p.worker_id in approved.worker_ids]
    if not people:
        return Printed(None, 0, missing)
    printed = [p.worker_id for p in people]
    # Numbers and card serials, and the audit entry naming who printed them, commit together
    # before the PDF is written: a process killed in between leaves all of them or none.
    if kind == "letters":
        from desktop_app.documents.letters import write_letters

        budget_line = budget.summary(inst, year).budget_line
        with transaction(inst.db):
            items = [
                Letter(*issue_letter(inst, "enrollment", p.worker_id, year, today), p, budget_line)
                for p in people
            ]
            record_print(inst, kind, year, printed, out)
        write_letters(items, head, out, progress)
    elif kind == "cards":
        from desktop_app.documents.cards import write_cards

        with transaction(inst.db):
            made = card_items(inst, people, niks, today)
            record_print(inst, kind, year, printed, out)
        write_cards(made, head, out, progress)
    else:
        from desktop_app.documents.register import write_register

        write_register(people, head, year, today, out)
        record_print(inst, kind, year, printed, out)
    return Printed(out, len(people), missing)


def record_print(
    inst: Installation, kind: str, year: int, worker_ids: list[str], out: Path
) -> None:
    """Name who printed which document for whom in the audit log (nothing goes to the district)."""
    with transaction(inst.db):
        record_change(
            inst,
            "print",
            "document",
            kind,
            None,
            {"kind": kind, "year": year, "workers": worker_ids, "file": Path(out).name},
        )


def card_items(
    inst: Installation,
    people: list[Participant],
    niks: dict[str, str],
    today: dt.date | None = None,
) -> list[Card]:
    """Cards with their signed QR payloads (`niks`: worker id → full NIK, for the NIK tag).

    Each card gets the worker's next serial, so the card printed before it no longer verifies.
    """
    keys = load_keys(inst.data_dir)
    secret = _nik_secret(keys)
    with transaction(inst.db):
        serials = {
            p.worker_id: card_status.issue_card(inst, p.worker_id, today or clock.today())
            for p in people
        }
    return [
        Card(
            p,
            f"{village_kind(inst.code).word} {inst.name}",
            encode_card(
                CardData(inst.code, p.worker_id, p.coverage_end, serials[p.worker_id]),
                niks[p.worker_id],
                secret,
                lambda body: device_keys.sign(keys, body),
            ),
        )
        for p in people
    ]


def verify_card_payload(
    inst: Installation, payload: str, nik: str | None = None, today: dt.date | None = None
) -> CardVerdict:
    """Check a card's QR: at its village (signature and NIK) or at the district (signature)."""
    own = load_keys(inst.data_dir)

    def verify(village_code: str, body: bytes, signature: bytes) -> bool:
        if inst.role == "village":
            signed_here = device_keys.verify(own.public.signing, body, signature)
            return village_code == inst.code and signed_here
        village = district.get_village(inst.db, village_code)
        return village is not None and device_keys.verify(village.signing_key, body, signature)

    secret = _nik_secret(own) if inst.role == "village" else None
    revoked = card_status.revocation_check(inst)
    return verify_card(payload, verify, today or clock.today(), nik, secret, revoked)
