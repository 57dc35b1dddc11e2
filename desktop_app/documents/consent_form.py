"""The consent statement a worker signs at registration (UU 27/2022, Pelindungan Data Pribadi)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from desktop_app.documents.layout import BODY, CENTER, TITLE, a4_document, escape
from desktop_app.documents.models import Letterhead
from desktop_app.domain.formatting import tanggal

BLANK = "." * 60


@dataclass(frozen=True, slots=True)
class ConsentSubject:
    """Who signs; empty fields print as dotted lines to fill in by hand."""

    full_name: str = ""
    nik: str = ""
    address: str = ""


def write_consent_form(
    subject: ConsentSubject,
    head: Letterhead,
    retention_days: int,
    day: dt.date,
    path: Path,
) -> None:
    doc = a4_document(path, "Pernyataan persetujuan pemrosesan data pribadi")
    village = escape(head.village_name)

    def line(text: str) -> Paragraph:
        return Paragraph(text, BODY)

    who = Table(
        [
            [line("Nama"), line(":"), line(escape(subject.full_name) or BLANK)],
            [line("NIK"), line(":"), line(escape(subject.nik) or BLANK)],
            [line("Alamat"), line(":"), line(escape(subject.address) or BLANK)],
        ],
        colWidths=[30 * mm, 5 * mm, 130 * mm],
        hAlign="LEFT",
    )
    points = [
        "mendaftarkan saya sebagai peserta BPJS Ketenagakerjaan bukan penerima upah (BPU) "
        "yang iurannya dibayar dari anggaran desa dalam program Satu Desa, 100 Pekerja Rentan;",
        f"mengirimkannya dalam berkas tersegel (terenkripsi) kepada pemerintah "
        f"{escape(head.regency)} dan oleh kabupaten kepada BPJS Ketenagakerjaan, untuk "
        "pendaftaran, pembayaran iuran dan klaim;",
        "mencetak surat keterangan kepesertaan, kartu peserta dan daftar peserta.",
    ]
    rights = [
        "melihat semua data saya dan menerima salinannya (laporan akses);",
        "meminta data yang salah diperbaiki; setiap perubahan dicatat beserta nama petugas;",
        f"menarik persetujuan ini; data pekerja yang dikeluarkan dari daftar disimpan "
        f"{retention_days} hari, lalu nama, NIK, data lahir, HP, alamat, ahli waris dan anak "
        "dihapus permanen di desa dan di kabupaten; yang tersisa hanya jumlah tanpa nama.",
    ]
    signatures = Table(
        [
            [line("Yang menyatakan,"), line("Petugas desa,")],
            [Spacer(1, 22 * mm), Spacer(1, 22 * mm)],
            [line(f"({escape(subject.full_name) or BLANK[:40]})"), line(f"({BLANK[:40]})")],
        ],
        colWidths=[82 * mm, 82 * mm],
    )
    signatures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [
        Paragraph("PERNYATAAN PERSETUJUAN PEMROSESAN DATA PRIBADI", TITLE),
        Paragraph("Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi", CENTER),
        Spacer(1, 6 * mm),
        line("Saya yang bertanda tangan di bawah ini:"),
        Spacer(1, 2 * mm),
        who,
        Spacer(1, 3 * mm),
        line(
            f"menyatakan setuju bahwa Pemerintah Desa {village} memproses data pribadi saya "
            "dan keluarga saya (nama, NIK, nomor KK, tempat dan tanggal lahir, jenis kelamin, "
            "alamat, nomor HP, pekerjaan, penghasilan, ahli waris dan anak) untuk:"
        ),
        *[line(f"{i}. {text}") for i, text in enumerate(points, start=1)],
        Spacer(1, 3 * mm),
        line("Saya telah diberi tahu bahwa saya berhak:"),
        *[line(f"{chr(96 + i)}. {text}") for i, text in enumerate(rights, start=1)],
        Spacer(1, 3 * mm),
        line(
            "Data disimpan di komputer kantor desa dan kantor kabupaten, hanya dibuka oleh "
            "petugas yang berwenang."
        ),
        Spacer(1, 8 * mm),
        line(f"{escape(head.place or head.village_name)}, {tanggal(day)}"),
        Spacer(1, 2 * mm),
        signatures,
    ]
    doc.build(story)
