"""Which column of a clerk's list holds which field (guessed from its Indonesian header), and
a row of cells read through that mapping into the registration form."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence

from desktop_app.domain import import_cells as cells
from desktop_app.domain.errors import DomainError, ValidationErrors
from desktop_app.domain.family import HeirForm
from desktop_app.domain.occupations import occupation
from desktop_app.domain.worker import WorkerForm

# What a column can be taken as: the registration form's fields, plus the combined columns
# village lists use. The labels are what the mapping step shows.
TARGETS = {
    "nik": "NIK",
    "kk_number": "Nomor KK",
    "full_name": "Nama lengkap",
    "birth_place": "Tempat lahir",
    "birth_date": "Tanggal lahir",
    "birth_place_date": "Tempat/tanggal lahir",
    "sex": "Jenis kelamin (L/P)",
    "address": "Alamat",
    "dusun": "Dusun",
    "rt_rw": "RT/RW",
    "rt": "RT",
    "rw": "RW",
    "phone": "Nomor HP",
    "occupation": "Pekerjaan",
    "monthly_income": "Penghasilan sebulan",
    "programs": "Program",
    "heir_name": "Nama ahli waris",
    "heir_relation": "Hubungan ahli waris",
    "nik_mismatch_reason": "Alasan beda dengan NIK",
}
IGNORE = ""  # a column left out of the import

_KNOWN = {
    "nik": [
        "nik",
        "no nik",
        "nomor nik",
        "nik ktp",
        "no ktp",
        "nomor ktp",
        "nomor induk kependudukan",
    ],
    "kk_number": ["kk", "no kk", "nomor kk", "nik kk", "no kartu keluarga", "nomor kartu keluarga"],
    "full_name": ["nama", "nama lengkap", "nama pekerja", "nama peserta", "nama sesuai ktp"],
    "birth_place": ["tempat lahir", "tmp lahir", "tmpt lahir"],
    "birth_date": ["tgl lahir", "tanggal lahir", "tgl lhr", "tanggal lhr"],
    "birth_place_date": [
        "tempat tgl lahir",
        "tempat tanggal lahir",
        "tempat dan tanggal lahir",
        "tempat tgl lhr",
        "ttl",
    ],
    "sex": ["l p", "jk", "jenis kelamin", "kelamin", "l p jk", "jns kelamin"],
    "address": ["alamat", "alamat lengkap", "jalan"],
    "dusun": ["dusun", "nama dusun", "dsn"],
    "rt_rw": ["rt rw", "rt dan rw"],
    "rt": ["rt"],
    "rw": ["rw"],
    "phone": ["hp", "no hp", "nomor hp", "no telp", "no telepon", "telepon", "no wa", "nomor wa"],
    "occupation": ["pekerjaan", "jenis pekerjaan", "profesi", "mata pencaharian"],
    "monthly_income": [
        "penghasilan",
        "penghasilan sebulan",
        "penghasilan per bulan",
        "penghasilan bulanan",
        "pendapatan",
        "pendapatan per bulan",
        "gaji",
    ],
    "programs": ["program", "program bpjs"],
    "heir_name": ["ahli waris", "nama ahli waris"],
    "heir_relation": ["hubungan", "hubungan ahli waris", "hubungan keluarga"],
    "nik_mismatch_reason": ["alasan beda nik", "alasan beda dengan nik", "konfirmasi beda nik"],
}
_BY_KEY = {key: field for field, keys in _KNOWN.items() for key in keys}


def header_key(header: object) -> str:
    """A header as compared: lower case, words only ("Tempat/Tgl. Lahir" → "tempat tgl lahir")."""
    return " ".join(re.findall(r"[a-z0-9]+", str(header or "").lower()))


def guess_field(header: object, remembered: Mapping[str, str] | None = None) -> str:
    """The field a header names: what the clerk chose before for it, else the built-in guess."""
    key = header_key(header)
    if remembered and key in remembered:
        return remembered[key]
    return _BY_KEY.get(key, IGNORE)


def known_headers(row: Sequence[object], remembered: Mapping[str, str] | None = None) -> int:
    """How many cells of a row read as headers (to tell the header row from title rows)."""
    return sum(1 for cell in row if guess_field(cell, remembered))


def guess_mapping(
    headers: Sequence[object], remembered: Mapping[str, str] | None = None
) -> list[str]:
    """A field (or IGNORE) per column; a field taken by an earlier column is not repeated."""
    taken: set[str] = set()
    fields = []
    for header in headers:
        field = guess_field(header, remembered)
        if field in taken:
            field = IGNORE
        taken.add(field)
        fields.append(field)
    return fields


_FORM_FIELDS = {f.name for f in dataclasses.fields(WorkerForm)}
_READERS = {
    "nik": cells.id_number,
    "kk_number": lambda v: cells.id_number(v, "kk_number", "Nomor KK"),
    "birth_date": cells.date_text,
    "sex": cells.sex,
    "phone": cells.phone,
    "monthly_income": cells.rupiah_text,
}


def forms_from_row(
    row: Sequence[cells.Cell], mapping: Sequence[str]
) -> tuple[WorkerForm, HeirForm]:
    """The form a row stands for; ValidationErrors names every cell that cannot be read."""
    values: dict[str, str] = {}
    errors: list[DomainError] = []
    for field, value in zip(mapping, row, strict=False):
        if not field:
            continue
        try:
            if field == "birth_place_date":
                place, born = cells.place_and_date(value)
                values.setdefault("birth_place", place)
                values["birth_date"] = born
            elif field == "rt_rw":
                values["rt"], values["rw"] = cells.rt_rw(value)
            else:
                values[field] = _READERS.get(field, cells.text)(value)
        except DomainError as e:
            errors.append(e)
    if errors:
        raise ValidationErrors(errors)
    job = values.get("occupation", "")
    if job and not values.get("occupation_other"):
        try:
            occupation(job)
        except DomainError:  # a list's own word for the work: kept as "Lainnya: Pedagang"
            values["occupation"], values["occupation_other"] = "lainnya", job
    form = WorkerForm(**{k: v for k, v in values.items() if k in _FORM_FIELDS and v})
    heir = HeirForm(
        full_name=values.get("heir_name", ""), relation=values.get("heir_relation", "").lower()
    )
    return form, heir
