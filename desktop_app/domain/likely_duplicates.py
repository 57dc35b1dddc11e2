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


_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


@functools.lru_cache(maxsize=65_536)  # a district compares each name with many others
def name_key(name: str) -> str:
    """A name as compared: case, apostrophes, dots and spacing do not count."""
    if _PLAIN.fullmatch(name):  # most names: ASCII words, one space apart
        return name.lower()
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
    same_name = name_key(new.full_name) == name_key(other.full_name)
    if new.birth_date == other.birth_date:
        rule = same_birth_rule(new.nik, other.nik, same_name)
        if rule:
            return rule
    if same_name and new.kk_number and new.kk_number == other.kk_number:
        return "same_kk_name"
    return None


def same_birth_rule(nik: str, other_nik: str, same_name: bool) -> str | None:
    """The rule by which two people born the same day, with different NIKs, are likely one."""
    if same_name:
        return "same_name_birth"
    number, other = nik_number(nik), nik_number(other_nik)
    if number is not None and other is not None:  # most NIKs: one subtraction rules out most
        return near_nik_rule(number, other)
    if one_digit_apart(nik, other_nik):
        return "nik_one_digit"
    if one_swap_apart(nik, other_nik):
        return "nik_swapped"
    return None


def nik_number(nik: str) -> int | None:
    """A NIK as a number, which NEAR_NIKS is about (None unless 16 ASCII digits)."""
    return int(nik) if len(nik) == 16 and nik.isascii() and nik.isdigit() else None


_Way = tuple[str, int, int, int]  # (rule, 10^k, 10^(k+1), 10^(k+2)) for the place k


def _near_niks() -> dict[int, tuple[_Way, ...]]:
    ways: dict[int, list[_Way]] = {}
    for k in range(16):  # the place of a digit, from the right
        powers = (10**k, 10 ** (k + 1), 10 ** (k + 2))
        for d in range(1, 10):
            for sign in (1, -1):
                ways.setdefault(sign * d * 10**k, []).append(("nik_one_digit", *powers))
                if k < 15:  # the digits at places k + 1 and k swapped
                    ways.setdefault(sign * d * 9 * 10**k, []).append(("nik_swapped", *powers))
    return {
        diff: tuple(sorted(found, key=lambda way: way[0] != "nik_one_digit"))
        for diff, found in ways.items()
    }


# Two 16-digit NIKs read as numbers differ by d·10^k when one digit differs and by d·9·10^k
# when two neighbours are swapped (d = 1…9): a pair whose difference is not a key here is
# neither. The values say at which place k, which `near_nik_rule` then checks.
NEAR_NIKS = _near_niks()


def near_nik_rule(number: int, other: int) -> str | None:
    """`same_birth_rule`'s NIK rules for two 16-digit NIKs as numbers: most pairs are ruled
    out by their difference not being a key of NEAR_NIKS, the rest by a few divisions.

    The difference is a multiple of 10^k, so the digits below place k agree; one digit
    differs when the digits above it agree too, two swap when those above both agree and the
    two are crossed."""
    for rule, at, above, above_next in NEAR_NIKS.get(number - other, ()):
        if rule == "nik_one_digit":
            if number // above == other // above:
                return rule
        elif (
            number // above_next == other // above_next
            and number // above % 10 == other // at % 10
            and number // at % 10 == other // above % 10
        ):
            return rule
    return None
