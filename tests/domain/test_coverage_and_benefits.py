"""Coverage that lapses and ends; the education benefit's three-year rule; STMB."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.benefits import education_benefits, education_eligible, stmb
from desktop_app.domain.coverage import Period, coverage_status, covered_until, needs_renewal

YEAR_2026 = [Period(dt.date(2026, 1, 1), 12, "village")]


def test_a_year_paid_is_active_then_lapsing_in_its_last_30_days():
    assert coverage_status(YEAR_2026, dt.date(2026, 6, 15)) == "active"
    assert coverage_status(YEAR_2026, dt.date(2026, 12, 5)) == "lapsing"
    assert covered_until(YEAR_2026, dt.date(2026, 6, 15)) == dt.date(2026, 12, 31)


def test_unpaid_cover_can_be_paid_up_to_three_months_late_then_membership_ends():
    assert coverage_status(YEAR_2026, dt.date(2027, 1, 10)) == "grace"
    assert coverage_status(YEAR_2026, dt.date(2027, 3, 31)) == "grace"
    assert coverage_status(YEAR_2026, dt.date(2027, 4, 1)) == "ended"


def test_nothing_paid_yet_is_none():
    assert coverage_status([], dt.date(2026, 1, 1)) == "none"


def test_renewal_is_due_for_the_first_unpaid_month():
    assert needs_renewal(YEAR_2026, dt.date(2027, 1, 1))
    assert not needs_renewal(YEAR_2026, dt.date(2026, 12, 1))
    renewed = [*YEAR_2026, Period(dt.date(2027, 1, 1), 12, "village")]
    assert not needs_renewal(renewed, dt.date(2027, 1, 1))


def test_death_three_years_and_one_day_after_enrolment_gives_the_education_benefit():
    start = dt.date(2023, 1, 1)
    assert education_eligible(start, dt.date(2026, 1, 2), "non_work")
    assert education_eligible(start, dt.date(2026, 1, 1), "non_work")


def test_death_one_day_short_of_three_years_does_not():
    assert not education_eligible(dt.date(2023, 1, 1), dt.date(2025, 12, 31), "non_work")


def test_work_accident_death_needs_no_minimum_membership():
    assert education_eligible(dt.date(2026, 1, 1), dt.date(2026, 2, 1), "work")
    assert not education_eligible(None, dt.date(2026, 2, 1), "work")


def test_at_most_two_children_under_23_get_the_benefit():
    children = [
        ("Andi", dt.date(2000, 1, 1)),
        ("Budi", dt.date(2010, 5, 5)),
        ("Citra", dt.date(2014, 2, 2)),
        ("Dewi", dt.date(2018, 3, 3)),
    ]
    got = education_benefits(children, dt.date(2026, 6, 1))
    assert [c.name for c in got] == ["Budi", "Citra"]
    assert (
        got[0].total
        == 2 * 1_500_000 + 6 * 1_500_000 + 3 * 2_000_000 + 3 * 3_000_000 + 5 * 12_000_000
    )


def test_stmb_is_full_income_for_twelve_months_then_half():
    assert stmb(1_500_000, dt.date(2026, 1, 1), dt.date(2026, 1, 30)) == 1_500_000
    long = stmb(1_500_000, dt.date(2026, 1, 1), dt.date(2026, 1, 1) + dt.timedelta(days=389))
    assert long == 12 * 1_500_000 + 750_000
