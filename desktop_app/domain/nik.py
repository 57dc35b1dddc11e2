"""NIK (Nomor Induk Kependudukan) and KK numbers: parse, check, and compare with the form.

A NIK is PPKKCC DDMMYY SSSS: the kecamatan where it was first issued (never changes, so it need
not match the village), the birth date with 40 added to the day for women, and a serial.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from desktop_app.domain import regions
from desktop_app.domain.errors import InvalidNik
from desktop_app.domain.formatting import is_ascii_digits, tanggal

SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True, slots=True)
class NikInfo:
    nik: str
    province_code: str  # "65"
    regency_code: str  # "65.03"
    kecamatan_code: str  # "65.03.10"
    kecamatan_name: str | None
    birth_date: dt.date
    sex: str  # "L" | "P"
    serial: str
    warnings: tuple[str, ...]


def sixteen_digits(raw: str, field: str, what: str) -> str:
    """The 16 digits of a NIK or KK number; spaces, dots and dashes typed by habit are dropped."""
    if raw and len(raw) == 16 and raw.isascii() and raw.isdigit():
        return raw  # as typed, nothing to drop
    value = _SEPARATORS.sub("", raw or "")
    if not value:
        raise InvalidNik(f"{field}.empty", f"{what} wajib diisi.", field)
    if not is_ascii_digits(value):
        raise InvalidNik(f"{field}.digits", f"{what} hanya boleh berisi angka.", field)
    if len(value) != 16:
        raise InvalidNik(
            f"{field}.length", f"{what} harus 16 angka; yang diisi {len(value)} angka.", field
        )
    return value


def _region(value: str, field: str, what: str) -> tuple[str, str | None, tuple[str, ...]]:
    """Check the province; an unknown kecamatan is only a warning (old or moved codes exist)."""
    return _region_of(value[:6], field, what)


@functools.lru_cache(maxsize=4096)  # a village's NIKs come from a few dozen kecamatan
def _region_of(value: str, field: str, what: str) -> tuple[str, str | None, tuple[str, ...]]:
    if not regions.province_exists(value[:2]):
        raise InvalidNik(
            f"{field}.province",
            f"{what} diawali {value[:2]}, padahal tidak ada provinsi dengan kode itu. "
            "Periksa kembali dua angka pertama.",
            field,
        )
    name = regions.kecamatan_name_for_prefix(value[:6])
    warnings: tuple[str, ...] = ()
    if name is None:
        warnings = (
            f"Kode wilayah {value[:2]}.{value[2:4]}.{value[4:6]} pada {what} tidak dikenal "
            "(mungkin kode lama). Pastikan sesuai KTP/KK.",
        )
    return f"{value[:2]}.{value[2:4]}.{value[4:6]}", name, warnings


# Birth dates recur: a village's adults were born on some 30,000 days (a full cache holds
# about 10 MB).
@functools.lru_cache(maxsize=1 << 15)
def _birth_date(ddmmyy: str, today: dt.date) -> tuple[dt.date, str]:
    day, month, yy = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    sex = "L"
    if 41 <= day <= 71:
        day, sex = day - 40, "P"
    elif not 1 <= day <= 31:
        raise InvalidNik(
            "nik.day",
            f"Angka tanggal lahir pada NIK ({ddmmyy[:2]}) harus 01–31 untuk laki-laki "
            "atau 41–71 untuk perempuan.",
            "nik",
        )
    if not 1 <= month <= 12:
        raise InvalidNik(
            "nik.month", f"Angka bulan lahir pada NIK ({ddmmyy[2:4]}) harus 01–12.", "nik"
        )
    # The newest century that does not put the birth in the future; 29 February decides too
    # (290200 exists in 2000 but 1900 was no leap year).
    for century in (2000, 1900):
        year = century + yy
        try:
            born = dt.date(year, month, day)
        except ValueError:
            continue
        if born <= today:
            return born, sex
    raise InvalidNik(
        "nik.date",
        f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{yy:02d}) tidak ada di kalender.",
        "nik",
    )


def check_nik(raw: str, today: dt.date | None = None) -> tuple[str, dt.date, str]:
    """A NIK's 16 digits, the birth date and the sex it says, checked as `parse_nik` checks it
    (without the parts a form shows: its kecamatan's name, its warnings)."""
    value, born, sex, _ = read_nik(raw, today)
    return value, born, sex


def read_nik(raw: str, today: dt.date | None = None) -> tuple[str, dt.date, str, tuple[str, ...]]:
    """What a form needs of a NIK: its 16 digits, the birth date and sex it says, and its
    warnings (an unknown kecamatan), checked as `parse_nik` checks it."""
    value = sixteen_digits(raw, "nik", "NIK")
    _, _, warnings = _region(value, "nik", "NIK")
    born, sex = _birth_date(value[6:12], today or dt.date.today())
    if value[12:] == "0000":
        raise InvalidNik("nik.serial", "Empat angka terakhir NIK tidak boleh 0000.", "nik")
    return value, born, sex, warnings


def parse_nik(raw: str, today: dt.date | None = None) -> NikInfo:
    """Read a NIK into its parts, or say exactly what is wrong with it."""
    value, born, sex = check_nik(raw, today)
    kecamatan, name, warnings = _region(value, "nik", "NIK")
    return NikInfo(
        nik=value,
        province_code=value[:2],
        regency_code=kecamatan[:5],
        kecamatan_code=kecamatan,
        kecamatan_name=name,
        birth_date=born,
        sex=sex,
        serial=value[12:],
        warnings=warnings,
    )


def nik_differences(
    nik_born: dt.date, nik_sex: str, *, sex: str | None, birth_date: dt.date | None
) -> list[InvalidNik]:
    """Where the form's sex or birth date differs from the birth date and sex a NIK says."""
    found = []
    if sex in SEX_LABELS and sex != nik_sex:
        found.append(
            InvalidNik(
                "nik.sex_mismatch",
                f"NIK menunjukkan {SEX_LABELS[nik_sex].lower()}, tetapi jenis kelamin diisi "
                f"{SEX_LABELS[sex].lower()}.",
                "sex",
            )
        )
    if birth_date is not None and birth_date != nik_born:
        found.append(
            InvalidNik(
                "nik.birth_date_mismatch",
                f"NIK menunjukkan lahir {tanggal(nik_born)}, tetapi tanggal lahir diisi "
                f"{tanggal(birth_date)}.",
                "birth_date",
            )
        )
    return found


def check_nik_matches(info: NikInfo, *, sex: str | None, birth_date: dt.date | None) -> None:
    """Refuse a form whose sex or birth date contradicts its NIK."""
    for difference in nik_differences(info.birth_date, info.sex, sex=sex, birth_date=birth_date):
        raise difference


def parse_kk(raw: str) -> tuple[str, tuple[str, ...]]:
    """A KK (family card) number: 16 digits with a region prefix; returns it and any warning."""
    value = sixteen_digits(raw, "kk_number", "Nomor KK")
    _, _, warnings = _region(value, "kk_number", "Nomor KK")
    if value[12:] == "0000":
        raise InvalidNik(
            "kk_number.serial", "Empat angka terakhir nomor KK tidak boleh 0000.", "kk_number"
        )
    return value, warnings
