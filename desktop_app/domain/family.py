"""The worker's heir (ahli waris) and children, as a clerk types them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.dates import parse_date
from desktop_app.domain.education import SCHOOL_LEVELS, class_range
from desktop_app.domain.errors import DomainError, InvalidInput, ValidationErrors
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.names import normalize_name
from desktop_app.domain.phone import normalize_phone

HEIR_RELATIONS = {
    "suami": "Suami",
    "istri": "Istri",
    "anak": "Anak",
    "ayah": "Ayah",
    "ibu": "Ibu",
    "saudara": "Saudara kandung",
    "lainnya": "Lainnya",
}


@dataclass(frozen=True, slots=True)
class HeirForm:
    full_name: str = ""
    relation: str = ""
    nik: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class ChildForm:
    full_name: str = ""
    birth_date: str = ""
    sex: str = ""
    nik: str = ""
    school_level: str = ""  # a key of SCHOOL_LEVELS, or empty when not recorded
    school_class: str = ""


@dataclass(frozen=True, slots=True)
class Heir:
    full_name: str
    relation: str
    nik: str
    phone: str


@dataclass(frozen=True, slots=True)
class Child:
    full_name: str
    birth_date: dt.date
    sex: str
    nik: str
    school_level: str | None
    school_class: int | None


def _school(level: str, klass: str) -> tuple[str | None, int | None]:
    """The child's school level and class (SD 1–6, SMP 7–9, SMA 10–12, TK 1–2, PT year 1–5)."""
    if not level:
        return None, None
    if level not in SCHOOL_LEVELS:
        raise InvalidInput("child.school_level", "Pilih jenjang sekolah anak.", "child_school")
    classes = class_range(level)
    klass = klass.strip()
    if classes is None or not klass:
        return level, None
    if not is_ascii_digits(klass) or int(klass) not in classes:
        raise InvalidInput(
            "child.school_class",
            f"Kelas {SCHOOL_LEVELS[level]} ditulis {classes[0]} sampai {classes[-1]}.",
            "child_class",
        )
    return level, int(klass)


def _digits16(raw: str, field: str, what: str) -> str:
    value = "".join(ch for ch in raw if not ch.isspace())
    if value and (len(value) != 16 or not is_ascii_digits(value)):
        raise InvalidInput(f"{field}.format", f"NIK {what} harus 16 angka.", field)
    return value


def validate_heir(form: HeirForm) -> Heir | None:
    """The heir, or None when the clerk left every heir field empty."""
    if not any((form.full_name.strip(), form.relation, form.nik.strip(), form.phone.strip())):
        return None
    errors: list[DomainError] = []
    name = relation = nik = phone = ""
    try:
        name = normalize_name(form.full_name, field="heir_name")
    except DomainError as e:
        errors.append(e)
    if form.relation not in HEIR_RELATIONS:
        errors.append(
            InvalidInput(
                "heir.relation", "Pilih hubungan ahli waris dengan pekerja.", "heir_relation"
            )
        )
    else:
        relation = form.relation
    try:
        nik = _digits16(form.nik, "heir_nik", "ahli waris")
    except DomainError as e:
        errors.append(e)
    try:
        phone = normalize_phone(form.phone)
    except DomainError as e:
        errors.append(DomainError(e.code, e.message, "heir_phone"))
    if errors:
        raise ValidationErrors(errors)
    return Heir(name, relation, nik, phone)


def validate_child(form: ChildForm, today: dt.date) -> Child:
    errors: list[DomainError] = []
    name = nik = ""
    level = klass = None
    born = today
    try:
        name = normalize_name(form.full_name, field="child_name")
    except DomainError as e:
        errors.append(e)
    try:
        born = parse_date(form.birth_date, "child_birth_date")
        if born > today:
            errors.append(
                InvalidInput(
                    "child.future", "Tanggal lahir anak di masa depan.", "child_birth_date"
                )
            )
    except DomainError as e:
        errors.append(e)
    if form.sex not in ("L", "P"):
        errors.append(InvalidInput("child.sex", "Pilih jenis kelamin anak.", "child_sex"))
    try:
        nik = _digits16(form.nik, "child_nik", "anak")
    except DomainError as e:
        errors.append(e)
    try:
        level, klass = _school(form.school_level, form.school_class)
    except DomainError as e:
        errors.append(e)
    if errors:
        raise ValidationErrors(errors)
    return Child(name, born, form.sex, nik, level, klass)
