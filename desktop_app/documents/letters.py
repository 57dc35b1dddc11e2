"""Surat Keterangan Kepesertaan: one A4 letter per worker, signed by the village head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.documents.layout import (
    BODY,
    CENTER,
    MARGIN,
    PAGE,
    SMALL,
    TITLE,
    OnDraw,
    a4_document,
    draw_sample_mark,
    escape,
)
from desktop_app.documents.models import Letter, Letterhead
from desktop_app.domain.formatting import month_year, rupiah, tanggal
from desktop_app.domain.nik import SEX_LABELS

PROGRAM_NAMES = {
    "JKK": "Jaminan Kecelakaan Kerja (JKK)",
    "JKM": "Jaminan Kematian (JKM)",
    "JHT": "Jaminan Hari Tua (JHT)",
}


def letterhead_flowables(head: Letterhead) -> list:
    """The kop surat: logo, the village's names from top to bottom, address, a rule."""
    lines = [
        Paragraph(f"PEMERINTAH {escape(head.regency.upper())}", TITLE),
        Paragraph(f"KECAMATAN {escape(head.kecamatan.upper())}", TITLE),
        Paragraph(f"{head.kind.upper()} {escape(head.village_name.upper())}", TITLE),
        Paragraph(escape(head.address), SMALL),
    ]
    logo = Image(head.logo_path, 20 * mm, 20 * mm) if head.logo_path else Spacer(20 * mm, 20 * mm)
    t = Table([[logo, lines]], colWidths=(24 * mm, PAGE[0] - 2 * MARGIN - 24 * mm))
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.5, "black"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ]
        )
    )
    return [t, Spacer(1, 5 * mm)]


def _identity(letter: Letter) -> Table:
    p = letter.participant
    rows = [
        ("Nama", p.full_name),
        ("NIK", p.nik),
        ("Tempat, tanggal lahir", f"{p.birth_place or '-'}, {tanggal(p.birth_date)}"),
        ("Jenis kelamin", SEX_LABELS[p.sex]),
        ("Alamat", p.address),
        ("Pekerjaan", p.occupation),
        ("Nomor peserta (KPJ)", p.kpj_number or "dalam proses pendaftaran di BPJS Ketenagakerjaan"),
    ]
    t = Table(
        [[Paragraph(k, BODY), Paragraph(":", BODY), Paragraph(escape(v), BODY)] for k, v in rows],
        colWidths=(45 * mm, 4 * mm, 120 * mm),
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return t


def letter_flowables(letter: Letter, head: Letterhead) -> list:
    p = letter.participant
    names = [PROGRAM_NAMES[x] for x in p.programs]
    programs = ", ".join(names[:-1]) + " dan " + names[-1] if len(names) > 1 else names[0]
    period = f"{month_year(p.coverage_start)} sampai {month_year(p.coverage_end)}"
    body = [
        *letterhead_flowables(head),
        Paragraph("SURAT KETERANGAN KEPESERTAAN", TITLE),
        Paragraph(f"Nomor: {escape(letter.number)}", CENTER),
        Spacer(1, 5 * mm),
        Paragraph(
            f"Yang bertanda tangan di bawah ini, {escape(head.head_title)} "
            f"{escape(head.village_name)}, menerangkan bahwa:",
            BODY,
        ),
        Spacer(1, 2 * mm),
        _identity(letter),
        Spacer(1, 3 * mm),
        Paragraph(
            "adalah peserta program <b>Satu Desa, 100 Pekerja Rentan</b> sebagai peserta Bukan "
            f"Penerima Upah (BPU) BPJS Ketenagakerjaan dalam program {programs}, untuk masa "
            f"kepesertaan {period}. Iuran sebesar {rupiah(p.monthly_contribution)} sebulan "
            f"(seluruhnya {rupiah(p.total_contribution)}) dibayar oleh Pemerintah {head.kind} "
            f"{escape(head.village_name)} dari {head.budget_source} "
            f"({escape(letter.budget_line)}). "
            f"Dasar perhitungan: {escape(p.rate_note)}.",
            BODY,
        ),
        Spacer(1, 3 * mm),
        Paragraph("Selama iuran dibayar, peserta berhak atas:", BODY),
        Paragraph(
            "• perawatan dan pengobatan sesuai kebutuhan medis, penggantian penghasilan "
            "selama tidak mampu bekerja, dan santunan cacat akibat kecelakaan kerja;",
            BODY,
        ),
        Paragraph(
            "• santunan kematian bagi ahli waris bila peserta meninggal dunia (lebih besar "
            "bila akibat kecelakaan kerja);",
            BODY,
        ),
        Paragraph(
            "• beasiswa pendidikan bagi paling banyak dua anak, setelah masa iur paling "
            "sedikit tiga tahun (tanpa syarat masa iur bila meninggal atau cacat total "
            "akibat kecelakaan kerja).",
            BODY,
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "Bila terjadi kecelakaan atau peserta meninggal dunia, segera laporkan kepada "
            f"Kantor {head.kind} {escape(head.village_name)}"
            + (f" ({escape(head.contact)})" if head.contact else "")
            + " paling lambat 2 × 24 jam agar klaim dapat diurus.",
            BODY,
        ),
        Spacer(1, 8 * mm),
        signature_block(head, letter.issued),
    ]
    return body


def signature_block(head: Letterhead, issued: dt.date, indent: float = 95 * mm) -> Table:
    """Place and date, the head's title, room to sign, and the name: at the right."""
    block = [
        Paragraph(f"{escape(head.place)}, {tanggal(issued)}", BODY),
        Paragraph(f"{escape(head.head_title)} {escape(head.village_name)},", BODY),
        Spacer(1, 20 * mm),
        Paragraph(f"<b><u>{escape(head.head_name)}</u></b>", BODY),
    ]
    t = Table([["", block]], colWidths=(indent, 80 * mm))
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def _report(progress: Callable[[int, int], None], done: int, total: int, _canvas: object) -> None:
    progress(done, total)


def write_letters(
    letters: Sequence[Letter],
    head: Letterhead,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """All letters in one PDF, one A4 page each."""
    doc = a4_document(path, "Surat Keterangan Kepesertaan")
    story: list = []
    for i, letter in enumerate(letters, start=1):
        if story:
            story.append(PageBreak())
        story += letter_flowables(letter, head)
        if progress:
            story.append(OnDraw(partial(_report, progress, i, len(letters))))
    if head.sample:
        doc.build(story, onFirstPage=_sample_page, onLaterPages=_sample_page)
    else:
        doc.build(story)


def _sample_page(c, doc) -> None:
    draw_sample_mark(c, 0, 0, doc.pagesize[0], doc.pagesize[1])
