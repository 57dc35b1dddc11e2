"""Dates as clerks type them: 2026-11-23, 23-11-2026 or 23/11/2026."""

from __future__ import annotations

import datetime as dt
import re

from desktop_app.domain.errors import InvalidInput

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


FIRST_YEAR, LAST_YEAR = 2020, 2100  # the program's fiscal years, as the window offers them


def check_fiscal_year(year: int, field: str = "year") -> int:
    """A fiscal year the program can have: 2020–2100 (not 0, not 10^20)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            "year.range", f"Tahun anggaran {year} tidak sah; tulis {FIRST_YEAR}–{LAST_YEAR}.", field
        )
    return year


def parse_month(raw: str, field: str = "month") -> dt.date:
    """`2027-03` as the first day of that month."""
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", raw.strip())
    if m is None or not 1 <= int(m[2]) <= 12:
        raise InvalidInput("month.format", f"Bulan {raw!r} tidak sah; tulis mis. 2027-03.", field)
    return dt.date(check_fiscal_year(int(m[1]), field), int(m[2]), 1)


def parse_date(raw: str, field: str = "date") -> dt.date:
    # As stored and as the window writes it: YYYY-MM-DD, which is all that date.fromisoformat
    # reads of ten characters with dashes at 4 and 7 (only ASCII digits, and real dates).
    if len(raw) == 10 and raw[4] == "-" == raw[7] and raw.isascii():
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass  # not digits, or not in the calendar: the rules below say which
    return _parsed_date(raw, field)


def _parsed_date(raw: str, field: str) -> dt.date:
    """`parse_date` for any text, YYYY-MM-DD included."""
    text = raw.strip()
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise InvalidInput(
            "date.format", "Tanggal tidak dikenali; tulis seperti 23-11-2026.", field
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(
            "date.invalid", f"Tanggal {text} tidak ada di kalender.", field
        ) from None


def first_of_next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s (the renewal list's default month)."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
