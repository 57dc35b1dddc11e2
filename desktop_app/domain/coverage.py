"""Coverage periods: the months paid for a worker, and the membership status they give."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.contributions import months_from
from desktop_app.domain.errors import Refused
from desktop_app.domain.formatting import month_year, tanggal
from desktop_app.domain.rules import program_rules

FUNDING_LABELS = {"village": "APBDes (anggaran desa)", "self": "Mandiri", "other": "Pihak lain"}
COVERAGE_LABELS = {
    "none": "Belum dibayar",
    "active": "Aktif",
    "lapsing": "Segera berakhir",
    "grace": "Menunggak (masih dapat dibayar)",
    "ended": "Kepesertaan berakhir",
}


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date  # first day of the first month paid
    months: int
    funding: str  # village | self | other

    @property
    def end(self) -> dt.date:
        """The last day covered."""
        last = months_from(self.start, self.months)[-1]
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])


def default_first_month(year: int, today: dt.date) -> int:
    """Where cover starts unless the clerk says otherwise: this year from next month (a month
    already under way is rarely paid in time), a later year from January."""
    return min(today.month + 1, 12) if year == today.year else 1


def check_period_start(year: int, first_month: int, today: dt.date) -> None:
    """Cover is bought forward only: a period may not start before the current month."""
    start = dt.date(year, first_month, 1)
    if start < today.replace(day=1):
        raise Refused(
            "fund.past_month",
            f"Iuran tidak dapat dibayar untuk bulan yang sudah lewat ({month_year(start)}). "
            f"Perlindungan dimulai paling awal {month_year(today)}.",
        )


def paid_months(periods: list[Period]) -> set[dt.date]:
    return {m for p in periods for m in months_from(p.start, p.months)}


def covered_until(periods: list[Period], day: dt.date) -> dt.date | None:
    """The last day of the unbroken run of paid months that contains `day` (or ended before)."""
    paid = paid_months(periods)
    month = day.replace(day=1)
    if month not in paid:
        earlier = [m for m in paid if m < month]
        if not earlier:
            return None
        month = max(earlier)
    while (nxt := months_from(month, 2)[1]) in paid:
        month = nxt
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def unpaid_months_since(end: dt.date, day: dt.date) -> int:
    """Whole months from the month after `end` up to and including `day`'s month."""
    return (day.year * 12 + day.month) - (end.year * 12 + end.month)


def coverage_status(periods: list[Period], day: dt.date) -> str:
    """none, active, lapsing (ends within the warning window), grace, or ended."""
    rules = program_rules()["membership"]
    until = covered_until(periods, day)
    if until is None:
        return "none"
    if until >= day:
        return "lapsing" if (until - day).days <= rules["lapsing_warning_days"] else "active"
    if unpaid_months_since(until, day) <= rules["ends_after_unpaid_months"]:
        return "grace"
    return "ended"


def contribution_months(periods: list[Period], day: dt.date) -> int:
    """Months of contribution (masa iur) up to and including `day`'s month; gaps do not count."""
    month = day.replace(day=1)
    return sum(1 for m in paid_months(periods) if m <= month)


@dataclass(frozen=True, slots=True)
class CoverOnDay:
    """Whether a worker was protected on a day: covered, in_arrears or not_covered."""

    state: str
    note: str


def cover_on(periods: list[Period], day: dt.date) -> CoverOnDay:
    """The facts of `day`: inside a paid month, in the months a late payment is still possible,
    or neither, with the reason in words."""
    when = tanggal(day)
    status = coverage_status(periods, day)
    until = covered_until(periods, day)
    if until is None:
        later = min((p.start for p in periods if p.start > day), default=None)
        return CoverOnDay(
            "not_covered",
            f"Tidak terlindungi pada {when}: belum ada iuran yang dibayar"
            + (f"; perlindungan baru mulai {month_year(later)}." if later else "."),
        )
    if status in ("active", "lapsing"):
        return CoverOnDay(
            "covered", f"Terlindungi pada {when}: iuran dibayar sampai {tanggal(until)}."
        )
    if status == "grace":
        return CoverOnDay(
            "in_arrears",
            f"Menunggak pada {when}: iuran terakhir sampai {tanggal(until)}, masih dalam masa "
            "iuran dapat dilunasi. Perlu diverifikasi BPJS.",
        )
    return CoverOnDay(
        "not_covered",
        f"Tidak terlindungi pada {when}: kepesertaan berakhir, iuran terakhir sampai "
        f"{tanggal(until)}.",
    )


def needs_renewal(periods: list[Period], month: dt.date) -> bool:
    """Covered before `month`, not paid for it, and still within the time it can be paid."""
    target = month.replace(day=1)
    return target not in paid_months(periods) and coverage_status(periods, target) == "grace"


def periods_by_worker(rows: list[dict[str, Any]]) -> dict[str, list[Period]]:
    """Stored coverage rows (worker_id, start_month, months, funding) as Periods per worker."""
    found: dict[str, list[Period]] = {}
    for r in rows:
        found.setdefault(r["worker_id"], []).append(
            Period(dt.date.fromisoformat(r["start_month"]), r["months"], r["funding"])
        )
    return found
