"""Coverage on a day, contribution time, the education benefit per child, JKK amounts."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.benefits import jkk_death, partial_disability, stmb, total_disability
from desktop_app.domain.coverage import (
    Period,
    contribution_months,
    cover_on,
    coverage_status,
    covered_until,
    needs_renewal,
)
from desktop_app.domain.education import child_grant, education_grants

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


def _months(start: dt.date, months: int) -> Period:
    return Period(start, months, "village")


# 36 months of contribution spread over four calendar years, with a seven-month gap in 2024.
FOUR_YEARS = [
    _months(dt.date(2023, 3, 1), 10),  # March - December 2023
    _months(dt.date(2024, 1, 1), 5),  # January - May 2024, then nothing until 2025
    _months(dt.date(2025, 1, 1), 12),
    _months(dt.date(2026, 1, 1), 9),  # January - September 2026
]


def test_contribution_time_counts_paid_months_not_calendar_time():
    assert contribution_months(FOUR_YEARS, dt.date(2026, 9, 20)) == 36
    assert contribution_months(FOUR_YEARS, dt.date(2026, 8, 20)) == 35
    # three and a half calendar years after the first paid month, but only 35 months paid
    assert contribution_months(FOUR_YEARS, dt.date(2026, 8, 31)) == 35


def test_the_event_day_is_covered_in_arrears_or_not_covered_with_the_reason():
    covered = cover_on(YEAR_2026, dt.date(2026, 11, 20))
    assert covered.state == "covered" and "31 Desember 2026" in covered.note
    arrears = cover_on(YEAR_2026, dt.date(2027, 2, 3))
    assert arrears.state == "in_arrears" and "diverifikasi BPJS" in arrears.note
    lapsed = cover_on(YEAR_2026, dt.date(2027, 6, 1))
    assert lapsed.state == "not_covered" and "berakhir" in lapsed.note
    never = cover_on([], dt.date(2026, 11, 20))
    assert never.state == "not_covered" and "belum ada iuran" in never.note


def test_a_nine_year_old_in_class_4_of_sd_gets_the_years_left_from_there():
    grant = child_grant("Putri", dt.date(2017, 3, 1), "sd", 4, dt.date(2026, 11, 20))
    assert grant.age == 9 and grant.per_year_now == 1_500_000
    # SD classes 4-6: 3 x Rp1.500.000; SMP 3 x Rp2.000.000; SMA 3 x Rp3.000.000;
    # university 5 x Rp12.000.000 (ages 18-22, before 23)
    assert grant.total == 4_500_000 + 6_000_000 + 9_000_000 + 60_000_000
    assert "Kelas 4 SD" in grant.reason


def test_a_twenty_year_old_at_university_gets_at_most_three_years():
    grant = child_grant("Rudi", dt.date(2006, 5, 5), "pt", 1, dt.date(2026, 11, 20))
    assert grant.age == 20
    assert (grant.per_year_now, grant.total) == (12_000_000, 36_000_000)  # 3 x Rp12.000.000


def test_a_child_past_23_or_married_gets_nothing_and_says_why():
    old = child_grant("Andi", dt.date(2000, 1, 1), "pt", 2, dt.date(2026, 11, 20))
    assert old.total == 0 and "23" in old.reason
    married = child_grant("Sari", dt.date(2008, 1, 1), "berhenti", None, dt.date(2026, 11, 20))
    assert married.total == 0 and "menikah" in married.reason


def test_at_most_two_children_receive_and_the_third_is_told_why():
    day = dt.date(2026, 11, 20)
    got = education_grants(
        [
            ("Citra", dt.date(2014, 2, 2), "sd", 6),
            ("Andi", dt.date(2000, 1, 1), "pt", 2),
            ("Budi", dt.date(2010, 5, 5), "smp", 9),
            ("Dewi", dt.date(2018, 3, 3), "sd", 3),
        ],
        day,
    )
    totals = {g.name: g.total for g in got}
    # Budi (16, class 9 SMP): SMP 1 x Rp2.000.000 (16), SMA 3 x Rp3.000.000 (17-19),
    # university 3 x Rp12.000.000 (20-22). Citra (12, class 6 SD): SD 1 x Rp1.500.000 (12),
    # SMP 3 x Rp2.000.000 (13-15), SMA 3 x Rp3.000.000 (16-18), university 4 x Rp12.000.000.
    assert totals == {
        "Andi": 0,
        "Budi": 2_000_000 + 9_000_000 + 36_000_000,
        "Citra": 1_500_000 + 6_000_000 + 9_000_000 + 48_000_000,
        "Dewi": 0,
    }
    assert next(g.reason for g in got if g.name == "Dewi") == (
        "Beasiswa paling banyak untuk 2 anak."
    )


def test_stmb_is_full_income_for_twelve_months_then_half():
    assert stmb(1_500_000, dt.date(2026, 1, 1), dt.date(2026, 1, 30)) == 1_500_000
    long = stmb(1_500_000, dt.date(2026, 1, 1), dt.date(2026, 1, 1) + dt.timedelta(days=389))
    assert long == 12 * 1_500_000 + 750_000


def test_work_death_at_rp1_900_000_is_48_times_income_plus_periodic_and_funeral():
    parts = jkk_death(1_900_000)
    assert [p.amount for p in parts] == [91_200_000, 12_000_000, 10_000_000]


def test_total_and_partial_disability_follow_the_table():
    total = total_disability(2_000_000)
    assert [p.amount for p in total] == [112_000_000, 12_000_000]  # 70% x 80 x Rp2.000.000
    arm = partial_disability(2_000_000, "lengan_kanan_bahu", None)
    assert arm.amount == 64_000_000  # 40% x 80 x Rp2.000.000
    half = partial_disability(2_000_000, "ibu_jari_kanan", 50)
    assert half.amount == 12_000_000  # 50% x 15% x 80 x Rp2.000.000
