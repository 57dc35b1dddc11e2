"""How money and dates are written for people: `Rp16.800`, `23 November 2026`."""

from __future__ import annotations

import datetime as dt

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def rupiah(amount: int) -> str:
    """Integer rupiah as PUEBI writes it: no space after Rp, dots between thousands."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def thousands(n: int) -> str:
    """A count with Indonesian thousands dots: 100.000."""
    return f"{n:,}".replace(",", ".")


def tanggal(day: dt.date) -> str:
    """A date in Indonesian words: 23 November 2026."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """A date as clerks type it and tables show it: 05-08-1990."""
    return day.strftime("%d-%m-%Y")


def month_year(day: dt.date) -> str:
    """A month in Indonesian words: November 2026."""
    return f"{MONTHS_ID[day.month - 1]} {day.year}"


def is_ascii_digits(text: str) -> bool:
    """Only 0–9: str.isdigit() also accepts other scripts' digits (٣, ９) that no form means."""
    return text.isascii() and text.isdigit()


def local_time(utc_iso: str) -> str:
    """A stored UTC time as people read it, in this computer's zone (a laptop in Nunukan runs
    on WITA, UTC+8): 29-11-2026 15:32."""
    return dt.datetime.fromisoformat(utc_iso).astimezone().strftime("%d-%m-%Y %H:%M")


def local_date(utc_iso: str) -> dt.date:
    """The date of a stored UTC time in this computer's zone (WITA in Nunukan)."""
    return dt.datetime.fromisoformat(utc_iso).astimezone().date()


def local_iso(utc_iso: str) -> str:
    """A stored UTC time in this computer's zone, ISO 8601 with its offset (for JSON)."""
    return dt.datetime.fromisoformat(utc_iso).astimezone().isoformat(timespec="seconds")
