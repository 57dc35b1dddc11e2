"""BPU contributions: what one worker costs a month, which rate applied and on what basis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.formatting import month_year
from desktop_app.domain.rules import program_rules


@dataclass(frozen=True, slots=True)
class Contribution:
    """One month's contribution of one worker, with the reason for every figure."""

    month: dt.date  # first day of the month
    base: int  # the income the rates apply to
    jkk: int
    jkm: int
    jht: int
    discount: str | None  # e.g. "PP 50/2025: JKK dan JKM 50%"
    basis: str

    @property
    def total(self) -> int:
        return self.jkk + self.jkm + self.jht


def _version(month: dt.date) -> dict[str, Any]:
    versions = [v for v in program_rules()["versions"] if v["effective_from"] <= month.isoformat()]
    if not versions:
        raise ValueError(f"no contribution rules in force in {month_year(month)}")
    return max(versions, key=lambda v: v["effective_from"])


def contribution_base(income: int, month: dt.date) -> int:
    """The declared income's bracket: the amount the JKK and JHT percentages apply to."""
    v = _version(month)
    lowest = v["jkk_min"] * 100 // v["jkk_percent_of_base"]
    highest = v["jkk_max"] * 100 // v["jkk_percent_of_base"]
    step = v["jkk_base_step"]
    return int(min(max(income, lowest) // step * step, highest))


def _discount(month: dt.date, transport: bool, paid_by_apbd: bool) -> dict[str, Any] | None:
    key = f"{month.year:04d}-{month.month:02d}"
    sector = "transport" if transport else "other"
    for d in program_rules()["discounts"]:
        if paid_by_apbd and "APBD" in d["not_when_paid_through"]:
            continue
        for p in d["periods"]:
            if p["sector"] == sector and p["from"] <= key <= p["to"]:
                return dict(d)
    return None


def monthly_contribution(
    income: int,
    programs: tuple[str, ...] | list[str],
    month: dt.date,
    *,
    transport: bool,
    paid_by_apbd: bool,
) -> Contribution:
    """The contribution for `month`; `paid_by_apbd` is the district's village-budget setting."""
    month = month.replace(day=1)
    v = _version(month)
    base = contribution_base(income, month)
    amounts = {
        "JKK": base * v["jkk_percent_of_base"] // 100 if "JKK" in programs else 0,
        "JKM": v["jkm_flat"] if "JKM" in programs else 0,
        "JHT": base * v["jht_percent_of_base"] // 100 if "JHT" in programs else 0,
    }
    discount = _discount(month, transport, paid_by_apbd)
    label = None
    if discount:
        for program in discount["programs"]:
            amounts[program] -= amounts[program] * discount["percent_off"] // 100
        label = (
            f"{discount['name']}: {' dan '.join(discount['programs'])} {discount['percent_off']}%"
        )
    return Contribution(
        month,
        base,
        amounts["JKK"],
        amounts["JKM"],
        amounts["JHT"],
        label,
        discount["basis"] if discount else v["basis"],
    )


def months_from(start: dt.date, count: int) -> list[dt.date]:
    """`count` consecutive months starting at `start`'s month (first days)."""
    first = start.year * 12 + start.month - 1
    return [dt.date((first + i) // 12, (first + i) % 12 + 1, 1) for i in range(count)]


def period_contributions(
    income: int,
    programs: tuple[str, ...] | list[str],
    start: dt.date,
    months: int,
    *,
    transport: bool,
    paid_by_apbd: bool,
) -> list[Contribution]:
    return [
        monthly_contribution(income, programs, m, transport=transport, paid_by_apbd=paid_by_apbd)
        for m in months_from(start, months)
    ]
