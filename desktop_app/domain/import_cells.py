"""Cells of a clerk's own spreadsheet, read as the registration form would have them typed.

Lists kept in Excel are messy in known ways: a NIK typed as a number (Excel keeps 15 digits,
so the 16th became 0), a NIK behind an apostrophe, dates as Excel day numbers or written out
("5 Agustus 1990"), "Tempat/Tgl Lahir" and "RT/RW" in one column, phone numbers that lost
their leading 0. Each function takes the cell as the reader gives it (text, number, date or
None) and returns the text for the form; where the cell cannot be trusted it raises the
reason, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from desktop_app.domain.errors import InvalidInput, InvalidNik
from desktop_app.domain.formatting import MONTHS_ID
from desktop_app.domain.names import straight_apostrophes

Cell = str | int | float | dt.date | dt.datetime | None

EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after its 1900 leap bug)
_SCIENTIFIC = re.compile(r"^\d[.,]\d+e\+?\d+$", re.I)
_MONTHS = {name.lower(): i for i, name in enumerate(MONTHS_ID, start=1)}
_MONTHS |= {name.lower()[:3]: i for i, name in enumerate(MONTHS_ID, start=1)}
_MONTHS |= {"agt": 8, "ags": 8, "sept": 9, "okt": 10, "des": 12, "pebruari": 2, "nopember": 11}
_MONTHS |= {"may": 5, "aug": 8, "oct": 10, "dec": 12}
_WORDS_DATE = re.compile(r"^(\d{1,2})[\s.\-/]+([A-Za-z]+)\.?[\s.\-/]+(\d{4})$")
_SEX = {"l": "L", "lk": "L", "laki": "L", "laki laki": "L", "pria": "L", "m": "L"}
_SEX |= {"p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "w": "P", "f": "P"}


def text(value: Cell) -> str:
    """Any cell as plain text: whole numbers without ".0", dates as DD-MM-YYYY."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def number_cell_lost_digits(value: Cell, field: str, what: str) -> InvalidNik:
    """The refusal for a 16-digit number Excel kept only 15 digits of."""
    shown = text(value) if isinstance(value, int | float) else str(value)
    return InvalidNik(
        f"{field}.excel_number",
        f"{what} tersimpan sebagai angka di Excel, yang hanya menyimpan 15 angka, sehingga angka "
        f"terakhirnya hilang (terbaca {shown}). Ketik ulang {what} dari KTP/KK sebagai teks "
        "(awali dengan tanda ').",
        field,
    )


def id_number(value: Cell, field: str = "nik", what: str = "NIK") -> str:
    """A NIK or KK number cell as the digits typed, refusing one Excel has rounded."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, float) and not value.is_integer():
        raise InvalidNik(f"{field}.digits", f"{what} hanya boleh berisi angka.", field)
    if isinstance(value, int | float):
        digits = str(int(value))
        # Excel keeps 15 significant digits: a 16-digit number it saved ends in 0. One that
        # does not end in 0 was written by a program that kept every digit.
        if len(digits) == 16 and digits.endswith("0"):
            raise number_cell_lost_digits(value, field, what)
        return digits
    raw = straight_apostrophes(text(value)).lstrip("'").strip()
    if _SCIENTIFIC.match(raw.replace(" ", "")):
        raise number_cell_lost_digits(raw, field, what)
    return raw


def date_text(value: Cell, field: str = "birth_date") -> str:
    """A date cell as DD-MM-YYYY: a real date, an Excel day number, or text in words."""
    if isinstance(value, dt.datetime | dt.date):
        return text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # Excel's own range: 1900-01-01 … 9999-12-31
            raise InvalidInput("date.format", f"Tanggal {text(value)} tidak dikenali.", field)
        return text(EXCEL_EPOCH + dt.timedelta(days=int(value)))
    raw = text(value)
    if raw.isdigit() and 1000 < int(raw) < 80000:  # a day number saved to CSV
        return text(EXCEL_EPOCH + dt.timedelta(days=int(raw)))
    if m := _WORDS_DATE.match(raw):
        day, month_word, year = m.groups()
        month = _MONTHS.get(month_word.lower())
        if month is None:
            raise InvalidInput(
                "date.month", f"Nama bulan {month_word!r} pada tanggal {raw} tidak dikenal.", field
            )
        return f"{int(day):02d}-{month:02d}-{year}"
    return raw


def place_and_date(value: Cell) -> tuple[str, str]:
    """ "Nunukan, 05-08-1990" (Tempat/Tgl Lahir) as its place and DD-MM-YYYY date."""
    if isinstance(value, dt.datetime | dt.date | int | float):
        return "", date_text(value)
    raw = text(value)
    place, sep, when = raw.rpartition(",")
    if not sep:
        place, sep, when = raw.rpartition("/")
    if not sep:
        return "", date_text(raw)
    return place.strip(), date_text(when.strip())


def rt_rw(value: Cell) -> tuple[str, str]:
    """ "002/001" (RT/RW) as RT and RW."""
    rt, _, rw = text(value).partition("/")
    return rt.strip(), rw.strip()


def sex(value: Cell) -> str:
    """L or P from the ways lists write it (Laki-laki, Lk, Perempuan, Pr, W); else as written."""
    raw = text(value)
    return _SEX.get(" ".join(re.split(r"[\s\-.]+", raw.lower())).strip(), raw)


def phone(value: Cell) -> str:
    """A phone cell; 81234567890 lost its leading 0 as an Excel number and gets it back."""
    raw = text(value)
    if raw.isdigit() and raw.startswith(("8", "1")) and 9 <= len(raw) <= 12:
        return "0" + raw
    return raw


def rupiah_text(value: Cell) -> str:
    """An income cell: a number as whole rupiah; text as written (`Rp1.500.000`)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(round(value))
    return text(value)
