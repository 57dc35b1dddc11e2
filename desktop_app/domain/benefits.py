"""Benefits a worker or family is entitled to, computed from the facts, never typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.registration import age_on
from desktop_app.domain.rules import program_rules

CAUSES = {"work": "Kecelakaan kerja", "non_work": "Bukan kecelakaan kerja"}


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def education_eligible(membership_start: dt.date | None, event_date: dt.date, cause: str) -> bool:
    """Education benefit for the children: always after a work accident (death or total
    disability); after a non-work death only with at least three years of membership."""
    if membership_start is None:
        return False
    if cause == "work":
        return True
    years = program_rules()["benefits"]["education_min_membership_years_non_work_death"]
    return event_date >= _add_years(membership_start, years)


@dataclass(frozen=True, slots=True)
class ChildBenefit:
    name: str
    age: int
    levels: tuple[tuple[str, int, int], ...]  # (level, per year, years)

    @property
    def total(self) -> int:
        return sum(per_year * years for _, per_year, years in self.levels)


def education_benefits(
    children: list[tuple[str, dt.date]], event_date: dt.date
) -> list[ChildBenefit]:
    """The benefit per child (the oldest eligible first, at most two), up to age 23."""
    rules = program_rules()["benefits"]
    eligible = sorted(
        (
            (name, born)
            for name, born in children
            if age_on(born, event_date) < rules["education_end_age"]
        ),
        key=lambda c: c[1],
    )[: rules["education_max_children"]]
    levels = tuple((lv["level"], lv["per_year"], lv["years"]) for lv in rules["education_levels"])
    return [ChildBenefit(name, age_on(born, event_date), levels) for name, born in eligible]


def death_benefit() -> dict[str, int]:
    """JKM for a death not caused by work: lump sum, periodic payments and funeral costs."""
    return dict(program_rules()["benefits"]["jkm_parts"])


def stmb(monthly_income: int, unable_from: dt.date, unable_to: dt.date) -> int:
    """Income while unable to work (STMB): 100% of declared income for the first 12 months,
    50% after, counted by day on a 30-day month."""
    rules = program_rules()["benefits"]
    days = (unable_to - unable_from).days + 1
    full_days = min(days, rules["stmb_first_months"] * 30)
    daily = monthly_income / 30
    amount: float = full_days * daily * rules["stmb_first_percent"] / 100
    amount += (days - full_days) * daily * rules["stmb_after_percent"] / 100
    return round(amount)
