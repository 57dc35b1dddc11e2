"""The worker's heir (ahli waris) and children, as a clerk types them."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import NamedTuple

from desktop_app.domain.dates import parse_date
from desktop_app.domain.education import SCHOOL_LEVELS, class_range
from desktop_app.domain.errors import DomainError, InvalidInput, Problems
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.names import normalize_name
from desktop_app.domain.nik import sixteen_digits
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


# The checked values are named tuples: a bulk registration makes many thousands, and a tuple
# is built at a fraction of a frozen dataclass's cost.
class Heir(NamedTuple):
    full_name: str
    relation: str
    nik: str
    phone: str


class Child(NamedTuple):
    full_name: str
    birth_date: dt.date
    sex: str
    nik: str
    school_level: str | None
    school_class: int | None


_NO_SCHOOL: tuple[str | None, int | None] = (None, None)


@functools.lru_cache(maxsize=256)  # a few levels and classes, as typed
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


def _optional_nik(raw: str, field: str, who: str) -> str:
    """An heir's or a child's NIK: optional, but when given, 16 digits as for the worker
    (dots and spaces typed by habit dropped)."""
    return sixteen_digits(raw, field, f"NIK {who}") if raw.strip() else ""


def validate_heir(form: HeirForm) -> Heir | None:
    """The heir, or None when the clerk left every heir field empty."""
    if not (form.full_name.strip() or form.relation or form.nik.strip() or form.phone.strip()):
        return None
    problems = Problems()
    name = problems.check(normalize_name, form.full_name, "heir_name", default="")
    relation = form.relation if form.relation in HEIR_RELATIONS else ""
    if not relation:
        problems.add(
            InvalidInput(
                "heir.relation", "Pilih hubungan ahli waris dengan pekerja.", "heir_relation"
            )
        )
    nik = problems.check(_optional_nik, form.nik, "heir_nik", "ahli waris", default="")
    try:
        phone = normalize_phone(form.phone)
    except DomainError as e:  # the phone rule speaks of "phone"; here it is the heir's
        problems.add(DomainError(e.code, e.message, "heir_phone"))
        phone = ""
    problems.raise_any()
    return Heir(name, relation, nik, phone)


def validate_child(form: ChildForm, today: dt.date) -> Child:
    problems = Problems()
    name = problems.check(normalize_name, form.full_name, "child_name", default="")
    born = problems.check(parse_date, form.birth_date, "child_birth_date", default=today)
    if born > today:
        problems.add(
            InvalidInput("child.future", "Tanggal lahir anak di masa depan.", "child_birth_date")
        )
    if form.sex not in ("L", "P"):
        problems.add(InvalidInput("child.sex", "Pilih jenis kelamin anak.", "child_sex"))
    nik = problems.check(_optional_nik, form.nik, "child_nik", "anak", default="")
    level, klass = problems.check(_school, form.school_level, form.school_class, default=_NO_SCHOOL)
    problems.raise_any()
    return Child(name, born, form.sex, nik, level, klass)
