"""Dates as clerks type them: 2026-11-23, 23-11-2026 or 23/11/2026."""

from __future__ import annotations

import datetime as dt
import re

from desktop_app.domain.errors import InvalidInput

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(raw: str, field: str = "date") -> dt.date:
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
