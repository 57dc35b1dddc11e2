"""A worker's rights over their data (UU 27/2022): consent, and the access report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop_app.device import clock
from desktop_app.documents import access_report as report_pdf
from desktop_app.documents.access_report import Section
from desktop_app.documents.consent_form import ConsentSubject, write_consent_form
from desktop_app.domain.education import SCHOOL_LEVELS
from desktop_app.domain.errors import Refused
from desktop_app.domain.events import EVENT_LABELS
from desktop_app.domain.formatting import local_date, rupiah, tanggal
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.services import access, erasure, letterhead, registry
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import audit, batches, cards, consents, outbox, program
from desktop_app.store import erasure as erasure_store
from desktop_app.store.db import transaction

# The fields of a worker as the report and the history name them.
FIELD_LABELS = {
    "full_name": "Nama",
    "nik": "NIK",
    "kk_number": "Nomor KK",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "sex": "Jenis kelamin",
    "address": "Alamat",
    "dusun": "Dusun",
    "rt": "RT",
    "rw": "RW",
    "phone": "Nomor HP",
    "occupation": "Pekerjaan",
    "occupation_other": "Pekerjaan lainnya",
    "monthly_income": "Penghasilan sebulan",
    "programs": "Program",
    "status": "Status",
    "kpj_number": "Nomor KPJ",
    "bpjs_status": "Status BPJS",
    "removal_reason": "Alasan dikeluarkan",
    "heirs": "Ahli waris",
    "children": "Anak",
}


def _school(child: dict[str, Any]) -> str:
    level = child.get("school_level")
    if not level:
        return "-"
    klass = child.get("school_class")
    return SCHOOL_LEVELS[level] + (f" kelas {klass}" if klass else "")


def record_consent(inst: Installation, worker_id: str, signed_on: dt.date) -> None:
    """Keep the date of the worker's signed consent statement (the paper stays in the file)."""
    access.require(inst, "change")
    with transaction(inst.db):
        before = consents.signed_on(inst.db, worker_id)
        consents.record(inst.db, worker_id, signed_on, inst.user)
        record_change(
            inst,
            "consent",
            "worker",
            worker_id,
            None if before is None else {"consent_signed_on": before.isoformat()},
            {"consent_signed_on": signed_on.isoformat()},
        )


def consent_of(inst: Installation, worker_id: str) -> dt.date | None:
    return consents.signed_on(inst.db, worker_id)


def write_consent_statement(
    inst: Installation, out: Path, worker_ref: str | None = None, day: dt.date | None = None
) -> Path:
    """The statement to sign: filled in for a registered worker, or blank to fill by hand."""
    subject = ConsentSubject()
    if worker_ref:
        w = registry.find_worker(inst, worker_ref)
        where = w.address or (f"Dusun {w.dusun}" if w.dusun else "")
        subject = ConsentSubject(w.full_name, w.nik, where)
    head = letterhead.letterhead(inst)
    write_consent_form(subject, head, erasure.retention_days(inst), day or clock.today(), out)
    return out


def _when(stamp: str | None) -> str:
    return tanggal(local_date(stamp)) if stamp else "-"


ACTION_LABELS = {
    "register": "pendaftaran",
    "update": "perbaikan",
    "remove": "dikeluarkan",
    "restore": "dipulihkan",
    "bpjs_update": "data BPJS",
    "consent": "persetujuan",
    "event": "kejadian",
    "claim": "klaim",
    "event_death": "meninggal dunia",
    "event_moved": "pindah",
    "event_occupation": "ganti pekerjaan",
}
SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}


def _value(value: Any) -> str:
    """A stored value as the report shows it (family members by name)."""
    if isinstance(value, list):
        return "; ".join(f"{v.get('full_name', '')}" for v in value) or "-"
    return "-" if value in (None, "") else str(value)


def _history(inst: Installation, worker_id: str, event_ids: list[str]) -> list[tuple[str, ...]]:
    entries = audit.history(inst.db, "worker", worker_id)
    for event_id in event_ids:
        entries += audit.history(inst.db, "event", event_id)
    rows: list[tuple[str, ...]] = []
    for e in sorted(entries, key=lambda e: e["id"]):
        before, after = e["before"] or {}, e["after"] or {}
        changed = [
            f"{FIELD_LABELS.get(k, k)}: {_value(before.get(k))} → {_value(after.get(k))}"
            for k in after
            if k in FIELD_LABELS and before and _value(before.get(k)) != _value(after.get(k))
        ]
        what = "; ".join(changed) or ("data baru" if not before else "")
        action = ACTION_LABELS.get(e["action"], e["action"])
        rows.append((_when(e["at"]), e["user"], action, what))
    return rows


def access_report(inst: Installation, worker_ref: str, out: Path) -> Path:
    """Everything this village holds about one worker, where it was sent, who changed it."""
    if inst.role != "village":
        raise Refused(
            "privacy.report_village", "Laporan akses dibuat di desa yang mendaftarkan pekerja."
        )
    w = registry.find_worker(inst, worker_ref)
    if erasure_store.is_erased(inst.db, w.id):
        raise Refused(
            "privacy.erased",
            "Data pribadi pekerja ini sudah dihapus permanen; tidak ada lagi yang dilaporkan.",
        )
    details = registry.worker_details(inst, w.id)
    signed = consents.signed_on(inst.db, w.id)
    shown = {
        **details,
        "sex": SEX_LABELS.get(w.sex, w.sex),
        "birth_date": tanggal(dt.date.fromisoformat(w.birth_date)),
    }
    identity = [
        (FIELD_LABELS[k], _value(shown[k]))
        for k in (
            "full_name",
            "nik",
            "kk_number",
            "birth_place",
            "birth_date",
            "sex",
            "address",
            "dusun",
            "rt",
            "rw",
            "phone",
            "occupation",
            "occupation_other",
        )
    ]
    identity += [
        (FIELD_LABELS["monthly_income"], rupiah(w.monthly_income)),
        (FIELD_LABELS["programs"], w.programs),
        (FIELD_LABELS["status"], STATUS_LABELS.get(w.status, w.status)),
        (FIELD_LABELS["kpj_number"], w.kpj_number or "-"),
        ("Didaftarkan", f"{_when(w.created_at)} oleh {w.created_by}"),
        ("Dihapus dari daftar", _when(w.deleted_at)),
        ("Persetujuan (UU PDP)", f"ditandatangani {tanggal(signed)}" if signed else "belum ada"),
    ]
    if w.nik_mismatch_reason:
        identity.append(("Alasan beda dengan NIK", w.nik_mismatch_reason))
    events = program.events_of(inst.db, w.id)
    ack = outbox.acknowledged_seq(inst.db)
    mine = outbox.seqs_about(inst.db, w.id)
    sent = []
    for b in batches.exported(inst.db):
        count = sum(b["first_seq"] <= s <= b["last_seq"] for s in mine)
        if count:
            received = "diterima" if b["last_seq"] <= ack else "belum dikonfirmasi"
            sent.append((b["file_name"], _when(b["created_at"]), str(count), received))
    if w.kpj_number:
        sent.append(("BPJS Ketenagakerjaan (lewat kabupaten)", "-", "-", f"KPJ {w.kpj_number}"))
    sections = [
        Section("Data pribadi", ("Data", "Isi"), identity, (1, 2.6)),
        Section(
            "Ahli waris",
            ("Nama", "Hubungan", "NIK", "HP"),
            [
                (h["full_name"], h["relation"], h["nik"] or "-", h["phone"] or "-")
                for h in details["heirs"]
            ],
            (2, 1, 1.6, 1.4),
        ),
        Section(
            "Anak",
            ("Nama", "Tanggal lahir", "NIK", "Sekolah"),
            [
                (c["full_name"], c["birth_date"], c["nik"] or "-", _school(c))
                for c in details["children"]
            ],
            (2, 1, 1.6, 1.4),
        ),
        Section(
            "Kepesertaan yang dibiayai",
            ("Tahun", "Mulai", "Bulan", "Program", "Iuran", "Sumber"),
            [
                (
                    str(p["fiscal_year"]),
                    p["start_month"][:7],
                    str(p["months"]),
                    p["programs"],
                    rupiah(p["total_amount"]),
                    p["funding"],
                )
                for p in program.periods_of(inst.db, w.id)
            ],
            (0.7, 0.9, 0.6, 1.2, 1.1, 0.8),
        ),
        Section(
            "Kejadian",
            ("Tanggal", "Kejadian", "Tempat", "Keterangan"),
            [
                (e["event_date"], EVENT_LABELS[e["kind"]], e["place"] or "-", e["detail"] or "-")
                for e in events
            ],
            (1, 1.3, 1.2, 2),
        ),
        Section(
            "Kartu peserta",
            ("Cetakan ke", "Tanggal", "Dicetak oleh"),
            [
                (str(c["serial"]), c["issued_on"], c["printed_by"])
                for c in cards.issued_to(inst.db, w.id)
            ],
            (1, 1, 2),
        ),
        Section(
            "Ke mana data dikirim",
            ("Berkas / tujuan", "Tanggal", "Perubahan", "Keadaan"),
            sent,
            (2.6, 1, 0.8, 1.2),
            "Belum pernah dikirim ke kabupaten.",
        ),
        Section(
            "Siapa mengubah apa",
            ("Tanggal", "Petugas", "Tindakan", "Perubahan"),
            _history(inst, w.id, [e["id"] for e in events]),
            (1, 1, 0.9, 3.2),
        ),
    ]
    intro = (
        f"Semua data yang disimpan Desa {inst.name} tentang {w.full_name} per "
        f"{tanggal(clock.today())}, ke mana data itu dikirim, dan siapa yang mengubahnya. "
        "Data yang salah dapat diperbaiki; riwayat perbaikan tetap tercatat. Data pekerja "
        f"yang dikeluarkan dari daftar disimpan {erasure.retention_days(inst)} hari, lalu "
        "dihapus permanen."
    )
    report_pdf.write_access_report(f"{w.full_name} — Desa {inst.name}", intro, sections, out)
    return out
