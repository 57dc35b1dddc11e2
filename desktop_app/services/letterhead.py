"""The village letterhead and letter-number pattern, set once by the clerk."""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from dataclasses import dataclass
from pathlib import Path

from desktop_app.device import clock
from desktop_app.documents.models import Letterhead
from desktop_app.domain import regions
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.formatting import ROMAN_MONTHS
from desktop_app.domain.text import ADDRESS_MAX, NAME_MAX, TITLE_MAX, clean_text
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting

KEY = "letterhead"


@dataclass(frozen=True, slots=True)
class LetterheadSettings:
    address: str = ""
    head_name: str = ""  # empty until the clerk fills it: signed documents wait for it
    head_title: str = "Kepala Desa"
    contact: str = ""
    logo_path: str = ""
    # Classification codes follow Permendagri 83/2022; villages differ, so it is the clerk's.
    number_pattern: str = "400.10/{seq}/DS/{roman_month}/{year}"
    mask_nik: bool = True


# What each setting is called where people read it: the window's form and `satudesa letterhead`.
LABELS = {
    "address": "Alamat kantor desa",
    "head_name": "Nama kepala desa",
    "head_title": "Jabatan penanda tangan",
    "contact": "Kontak (telepon kantor desa)",
    "logo_path": "Logo (gambar PNG/JPG, boleh kosong)",
    "number_pattern": "Pola nomor surat",
}
MASK_LABEL = "Samarkan bagian tengah NIK pada surat, kartu dan daftar"


def settings(inst: Installation) -> LetterheadSettings:
    stored = get_setting(inst.db, KEY, {})
    known = {f.name for f in dataclasses.fields(LetterheadSettings)}
    return LetterheadSettings(**{k: v for k, v in stored.items() if k in known})


PATTERN_FIELDS = ("seq", "month", "roman_month", "year")


def format_number(pattern: str, seq: int, day: dt.date) -> str:
    """A letter number from the pattern: {seq}, {month}, {roman_month}, {year}.

    Only those plain names: str.format would also follow `{seq.__class__...}` into Python's
    objects, or pad to a width of a billion characters.
    """
    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(pattern)
            if name is not None
        ]
        if len(pattern) > 100 or any(
            name not in PATTERN_FIELDS or spec or conversion for name, spec, conversion in fields
        ):
            raise ValueError("only plain fields")
        return pattern.format(
            seq=f"{seq:03d}",
            month=f"{day.month:02d}",
            roman_month=ROMAN_MONTHS[day.month - 1],
            year=day.year,
        )
    except (KeyError, IndexError, ValueError):
        raise InvalidInput(
            "letterhead.pattern",
            "Pola nomor surat hanya boleh memakai {seq}, {month}, {roman_month} dan {year}, "
            "mis. 400.10/{seq}/DS-TA/{roman_month}/{year}.",
            "number_pattern",
        ) from None


def save(inst: Installation, new: LetterheadSettings) -> LetterheadSettings:
    access.require(inst, "admin")
    if "{seq}" not in new.number_pattern:
        raise InvalidInput(
            "letterhead.pattern", "Pola nomor surat harus memuat {seq}.", "number_pattern"
        )
    format_number(new.number_pattern, 1, clock.today())
    new = dataclasses.replace(
        new,
        address=clean_text(new.address, "address", ADDRESS_MAX, "Alamat kantor desa"),
        head_name=clean_text(new.head_name, "head_name", NAME_MAX, "Nama kepala desa"),
        head_title=clean_text(new.head_title, "head_title", TITLE_MAX, "Jabatan"),
        contact=clean_text(new.contact, "contact", TITLE_MAX, "Kontak"),
        logo_path=clean_text(new.logo_path, "logo_path", ADDRESS_MAX, "Berkas logo"),
    )
    with transaction(inst.db):
        before = get_setting(inst.db, KEY)
        set_setting(inst.db, KEY, dataclasses.asdict(new))
        record_change(inst, "letterhead", "settings", KEY, before, dataclasses.asdict(new))
    return new


def letterhead(inst: Installation, *, signed: bool = False) -> Letterhead:
    """The letterhead as documents show it.

    Refused, rather than printed with a gap, when a document the head signs (`signed`) has
    no head's name, or when the chosen logo file is gone.
    """
    s = settings(inst)
    if signed and not s.head_name.strip():
        raise Refused(
            "letterhead.no_head_name",
            "Nama kepala desa belum diisi pada kop surat, padahal dokumen ini ditandatanganinya. "
            "Isi lewat tombol Kop surat… (atau: satudesa letterhead --head-name NAMA).",
        )
    if s.logo_path and not Path(s.logo_path).is_file():
        raise Refused(
            "letterhead.logo_missing",
            f"Berkas logo {s.logo_path} tidak ditemukan. Pilih lagi lewat tombol Kop surat… "
            "atau kosongkan isian logo.",
        )
    parts = inst.code.split(".")
    kecamatan = regions.region_name(".".join(parts[:3])) or ""
    kind = regions.village_kind(inst.code)
    head_title = s.head_title
    if kind.is_kelurahan and head_title == regions.DESA.head_title:
        head_title = kind.head_title
    return Letterhead(
        village_name=inst.name,
        kecamatan=kecamatan,
        regency=regions.region_name(".".join(parts[:2])) or "",
        province=regions.region_name(parts[0]) or "",
        address=s.address or f"{kind.word} {inst.name}, Kecamatan {kecamatan}",
        head_name=s.head_name,
        head_title=head_title,
        place=kecamatan or inst.name,
        contact=s.contact,
        logo_path=s.logo_path or None,
        kind=kind.word,
        budget_source=kind.budget,
        sample=inst.demo,
    )
