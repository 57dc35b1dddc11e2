"""Worked examples of BPU contributions, with and without the PP 50/2025 discount."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.contributions import (
    contribution_base,
    monthly_contribution,
    period_contributions,
)

JKK_JKM = ("JKK", "JKM")


def month(year: int, m: int) -> dt.date:
    return dt.date(year, m, 1)


def test_lowest_bracket_is_the_common_package_of_16800():
    c = monthly_contribution(
        1_000_000, JKK_JKM, month(2025, 6), transport=False, paid_by_apbd=False
    )
    assert (c.jkk, c.jkm, c.total) == (10_000, 6_800, 16_800)
    assert c.discount is None and "PP 44/2015" in c.basis


def test_income_below_the_lowest_bracket_pays_the_lowest_bracket():
    assert contribution_base(750_000, month(2025, 1)) == 1_000_000


def test_fisherman_declaring_1_5_million_before_the_discount():
    c = monthly_contribution(
        1_500_000, JKK_JKM, month(2025, 12), transport=False, paid_by_apbd=False
    )
    assert c.base == 1_500_000
    assert (c.jkk, c.jkm, c.total) == (15_000, 6_800, 21_800)
    year = period_contributions(
        1_500_000, JKK_JKM, month(2025, 1), 12, transport=False, paid_by_apbd=False
    )
    assert sum(m.total for m in year) == 261_600


def test_fisherman_in_2026_gets_half_jkk_and_jkm_from_april_when_the_village_budget_is_not_apbd():
    march = monthly_contribution(
        1_500_000, JKK_JKM, month(2026, 3), transport=False, paid_by_apbd=False
    )
    april = monthly_contribution(
        1_500_000, JKK_JKM, month(2026, 4), transport=False, paid_by_apbd=False
    )
    assert march.total == 21_800 and march.discount is None
    assert (april.jkk, april.jkm, april.total) == (7_500, 3_400, 10_900)
    assert april.discount == "PP 50/2025: JKK dan JKM 50%"
    year = period_contributions(
        1_500_000, JKK_JKM, month(2026, 1), 12, transport=False, paid_by_apbd=False
    )
    assert sum(m.total for m in year) == 3 * 21_800 + 9 * 10_900


def test_no_discount_when_the_district_counts_the_village_budget_as_apbd():
    year = period_contributions(
        1_500_000, JKK_JKM, month(2026, 1), 12, transport=False, paid_by_apbd=True
    )
    assert sum(m.total for m in year) == 261_600
    assert all(m.discount is None for m in year)


def test_boat_driver_transport_discount_runs_from_january_2026_to_march_2027():
    def total(y, m):
        return monthly_contribution(
            1_500_000, JKK_JKM, month(y, m), transport=True, paid_by_apbd=False
        ).total

    assert [total(2025, 12), total(2026, 1), total(2027, 3), total(2027, 4)] == [
        21_800,
        10_900,
        10_900,
        21_800,
    ]


def test_jht_is_two_percent_and_never_discounted():
    c = monthly_contribution(
        2_000_000, ("JKK", "JKM", "JHT"), month(2026, 6), transport=False, paid_by_apbd=False
    )
    assert (c.jkk, c.jkm, c.jht) == (10_000, 3_400, 40_000)


@pytest.mark.parametrize(
    "income, base", [(1_049_999, 1_000_000), (20_700_000, 20_700_000), (50_000_000, 20_700_000)]
)
def test_brackets_step_by_100000_up_to_the_maximum(income, base):
    assert contribution_base(income, month(2025, 1)) == base
