"""Two registrations that are likely the same person under different NIKs.

A clerk retypes a NIK with one digit wrong or two neighbours swapped, or a person's KTP NIK
and an old list's NIK differ; the name and birth date (or the family card) give them away.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from desktop_app.domain.names import without_apostrophes

RULES = {
    "same_name_birth": "nama dan tanggal lahir sama",
    "nik_one_digit": "NIK hanya beda satu angka dan tanggal lahir sama",
    "nik_swapped": "NIK hanya tertukar dua angka bersebelahan dan tanggal lahir sama",
    "same_kk_name": "nomor KK dan nama sama",
}


@dataclass(frozen=True, slots=True)
class Person:
    nik: str
    full_name: str
    birth_date: str  # YYYY-MM-DD
    kk_number: str | None = None


@functools.lru_cache(maxsize=65_536)  # a district compares each name with many others
def name_key(name: str) -> str:
    """A name as compared: case, apostrophes, dots and spacing do not count."""
    return " ".join(re.findall(r"[^\W\d_]+", without_apostrophes(name).lower()))


def one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def one_swap_apart(a: str, b: str) -> bool:
    """Two neighbouring digits swapped: 6503...12 and 6503...21."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def likely_same(new: Person, other: Person) -> str | None:
    """The rule (a key of RULES) by which `other` is likely `new` under another NIK, if any."""
    if new.nik == other.nik:
        return None  # the same NIK is a plain duplicate, refused elsewhere
    same_birth = new.birth_date == other.birth_date
    same_name = name_key(new.full_name) == name_key(other.full_name)
    if same_birth and same_name:
        return "same_name_birth"
    if same_birth and one_digit_apart(new.nik, other.nik):
        return "nik_one_digit"
    if same_birth and one_swap_apart(new.nik, other.nik):
        return "nik_swapped"
    if same_name and new.kk_number and new.kk_number == other.kk_number:
        return "same_kk_name"
    return None
