"""Coverage periods: the months paid for a worker, and the membership status they give."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.contributions import months_from
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


def membership_start(periods: list[Period]) -> dt.date | None:
    return min((p.start for p in periods), default=None)


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
