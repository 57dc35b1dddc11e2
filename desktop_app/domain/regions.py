"""Kemendagri region codes (2025) and the kecamatan codes of older editions, for names and NIKs.

Codes are dotted: 65 (province), 65.03 (regency), 65.03.10 (kecamatan), 65.03.10.2004 (village).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.resources import resource_path

_FILE_2025 = "wilayah_kemendagri_2025.csv"  # kode,nama


@functools.cache
def _names_2025() -> dict[str, str]:
    """Every code's name. Most rows are `kode,nama` with no quotes: split at their first
    comma, which takes two thirds of the time of the csv module (a district reads all 91,599
    when it checks its first NIK); the few quoted names are read as CSV."""
    # The source escaped apostrophes SQL-style: "Pa'' Padi" is Pa' Padi.
    text = resource_path("regions", _FILE_2025).read_text(encoding="utf-8").replace("''", "'")
    header, *rows = text.splitlines()
    if header != "kode,nama":
        raise ValueError(f"{_FILE_2025}: unexpected columns {header}")
    names = dict(row.split(",", 1) for row in rows)
    quoted = [f"{code},{name}" for code, name in names.items() if name.startswith('"')]
    names.update((code, name) for code, name in csv.reader(quoted))
    return names


@functools.cache
def _kecamatan_all_editions() -> dict[str, str]:
    """Six-digit NIK prefix → kecamatan name, over the 2016–2025 editions (newest name kept)."""
    return {
        code.replace(".", ""): name
        for code, name in _codes_and_names("kecamatan_codes_2016_2025.csv")
    }


def _codes_and_names(file_name: str) -> Iterator[tuple[str, str]]:
    """(kode, nama) of each row of a regions CSV file: read as plain rows, which takes half
    the time of a dict per row."""
    with resource_path("regions", file_name).open(encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        code, name = header.index("kode"), header.index("nama")
        for row in rows:
            yield row[code], row[name]


def region_name(code: str) -> str | None:
    return _names_2025().get(code.strip())


@functools.cache
def province_codes() -> frozenset[str]:
    current = {c for c in _names_2025() if "." not in c}
    historical = {c[:2] for c in _kecamatan_all_editions()}
    return frozenset(current | historical)


def province_exists(code: str) -> bool:
    return code in province_codes()


def kecamatan_name_for_prefix(six_digits: str) -> str | None:
    """The kecamatan a NIK's first six digits name, in any edition since 2016."""
    dotted = f"{six_digits[:2]}.{six_digits[2:4]}.{six_digits[4:6]}"
    return region_name(dotted) or _kecamatan_all_editions().get(six_digits)


@functools.cache
def villages_in(regency_code: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every desa and kelurahan of a regency, in code order."""
    prefix = regency_code + "."
    return tuple(
        sorted(
            (code, name)
            for code, name in _names_2025().items()
            if code.startswith(prefix) and code.count(".") == 3
        )
    )


@dataclass(frozen=True, slots=True)
class VillageKind:
    """How a desa or a kelurahan is named, who heads it, and whose budget pays for it."""

    word: str  # Desa | Kelurahan
    head_title: str  # Kepala Desa | Lurah
    budget: str  # APBDes | APBD kabupaten
    is_kelurahan: bool


DESA = VillageKind("Desa", "Kepala Desa", "APBDes", False)
KELURAHAN = VillageKind("Kelurahan", "Lurah", "APBD kabupaten", True)


def village_kind(code: str) -> VillageKind:
    """Kemendagri numbers kelurahan 1001–1999 and desa 2001–2999 within a kecamatan. The
    program is for the desa; a kelurahan can be set up, but it is named as one, headed by a
    Lurah, and paid from the kabupaten's APBD, not from an APBDes."""
    last = code.strip().rsplit(".", 1)[-1]
    return KELURAHAN if len(last) == 4 and last.startswith("1") else DESA


@functools.cache
def kecamatan_in(regency_code: str) -> tuple[str, ...]:
    """Codes of every kecamatan of a regency, in code order."""
    prefix = regency_code + "."
    return tuple(sorted(c for c in _names_2025() if c.startswith(prefix) and c.count(".") == 2))
