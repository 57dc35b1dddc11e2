"""Argument types shared by commands: a typo is a usage error (exit 2), never a traceback."""

from __future__ import annotations

import argparse

from desktop_app.domain.dates import FIRST_YEAR, LAST_YEAR, check_fiscal_year
from desktop_app.domain.errors import DomainError


def fiscal_year(text: str) -> int:
    """`--year`: a fiscal year, 2020–2100."""
    try:
        return check_fiscal_year(int(text))
    except (ValueError, DomainError):
        raise argparse.ArgumentTypeError(
            f"tahun {text[:20]!r} tidak sah; tulis {FIRST_YEAR}–{LAST_YEAR}"
        ) from None


def bounded_int(low: int, high: int):
    """An argument type for a whole number from `low` to `high` (a count, a month, a port)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text[:20]!r} harus bilangan {low}–{high}")
        return value

    return parse
