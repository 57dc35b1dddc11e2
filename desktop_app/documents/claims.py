"""Surat pengantar klaim: the cover letter to BPJS with the checklist of documents to bring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop_app.documents.layout import (
    BODY,
    CENTER,
    SMALL,
    TITLE,
    a4_document,
    escape,
    table,
)
from desktop_app.documents.letters import letterhead_flowables, signature_block
from desktop_app.documents.models import Letterhead
from desktop_app.domain.events import CAUSE_WORDS
from desktop_app.domain.formatting import tanggal


@dataclass(frozen=True, slots=True)
class ClaimLetter:
    number: str
    issued: dt.date
    title: str  # e.g. "Klaim Jaminan Kecelakaan Kerja (JKK)"
    worker_name: str
    nik: str
    kpj_number: str | None
    event: str  # "Kecelakaan kerja pada 2 Maret 2027 di Perairan Sebatik"
    documents: tuple[str, ...]
    entitlements: tuple[tuple[str, str, str], ...]  # title, amount as written, note
    cover: str  # covered, in arrears or not covered on the event day, in words
    basis: str  # the legal basis


def write_claim_letter(letter: ClaimLetter, head: Letterhead, path: Path) -> None:
    doc = a4_document(path, letter.title)
    checklist = [("☐", d) for d in letter.documents]
    rights = list(letter.entitlements)
    story = [
        *letterhead_flowables(head),
        Paragraph("SURAT PENGANTAR KLAIM", TITLE),
        Paragraph(f"Nomor: {escape(letter.number)}", CENTER),
        Spacer(1, 4 * mm),
        Paragraph("Kepada Yth. Kepala Kantor Cabang BPJS Ketenagakerjaan", BODY),
        Spacer(1, 3 * mm),
        Paragraph(
            f"Bersama ini kami sampaikan pengajuan <b>{escape(letter.title)}</b> atas nama "
            f"<b>{escape(letter.worker_name)}</b>, NIK {escape(letter.nik)}, nomor peserta "
            f"(KPJ) {escape(letter.kpj_number or '-')}, peserta program Satu Desa, 100 "
            f"Pekerja Rentan yang iurannya dibayar {head.kind} {escape(head.village_name)}. "
            f"Kejadian: {escape(letter.event)}. Kepesertaan: {escape(letter.cover)}",
            BODY,
        ),
        Spacer(1, 1.5 * mm),
        Paragraph(f"Dasar hukum: {escape(letter.basis)}.", SMALL),
        Spacer(1, 2 * mm),
        Paragraph("Dokumen yang dilampirkan:", BODY),
        table(("", "Dokumen"), checklist, (10 * mm, 164 * mm)),
    ]
    if rights:
        story += [
            Spacer(1, 2 * mm),
            Paragraph("Perkiraan hak peserta/ahli waris (dihitung dari data desa):", BODY),
            table(
                ("Manfaat", "Jumlah", "Keterangan"), rights, (60 * mm, 32 * mm, 82 * mm), right=(1,)
            ),
        ]
    story += [Spacer(1, 3 * mm), signature_block(head, letter.issued)]
    doc.build(story)


def event_description(kind_label: str, cause: str | None, day: dt.date, place: str | None) -> str:
    cause_text = f" {CAUSE_WORDS[cause]}" if cause in CAUSE_WORDS else ""
    where = f" di {place}" if place else ""
    return f"{kind_label}{cause_text} pada {tanggal(day)}{where}"
