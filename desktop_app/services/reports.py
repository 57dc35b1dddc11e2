"""Coverage and budget figures for the village head, the district and the Paritrana award."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from desktop_app.device import clock
from desktop_app.domain.coverage import coverage_status, periods_by_worker
from desktop_app.domain.nik import SEX_LABELS
from desktop_app.domain.regions import village_kind
from desktop_app.domain.registration import age_on
from desktop_app.services import budget
from desktop_app.services.installation import Installation
from desktop_app.services.worker_list import Row
from desktop_app.store import program
from desktop_app.store import workers as worker_store

AGE_BANDS = (
    (0, 24, "< 25"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 54, "45–54"),
    (55, 64, "55–64"),
    (65, 200, "65+"),
)
DIMENSIONS = {"occupation": "Pekerjaan", "sex": "Jenis kelamin", "age": "Umur", "dusun": "Dusun"}


def _order(item: tuple[str, Counter]) -> tuple[int, str]:
    """Age bands in age order, everything else alphabetically."""
    bands = [label for _, _, label in AGE_BANDS]
    return (bands.index(item[0]), "") if item[0] in bands else (0, item[0])


def age_band(age: int) -> str:
    return next(label for low, high, label in AGE_BANDS if low <= age <= high)


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    registered: int
    funded: int
    active: int


@dataclass(frozen=True, slots=True)
class CoverageReport:
    year: int
    day: dt.date
    village: str
    registered: int
    funded: int
    active: int
    lapsed: int
    target: int
    working_residents: int | None
    allocated: int
    committed: int
    realised: int
    policy: str
    breakdowns: dict[str, list[Line]] = field(default_factory=dict)
    kind: str = "Desa"  # or Kelurahan
    budget_source: str = "APBDes"  # a kelurahan is paid from the kabupaten's APBD

    @property
    def share_covered(self) -> float | None:
        """Share of the village's working residents covered (Paritrana), if the count is known."""
        if not self.working_residents:
            return None
        return self.funded / self.working_residents


def _realised(periods: list[dict], day: dt.date) -> int:
    """Village money due for months up to `day` (contributions are paid month by month)."""
    total = 0
    for p in periods:
        if p["funding"] != "village":
            continue
        start = dt.date.fromisoformat(p["start_month"])
        elapsed = (day.year * 12 + day.month) - (start.year * 12 + start.month) + 1
        total += p["total_amount"] * max(0, min(elapsed, p["months"])) // p["months"]
    return total


def coverage_report(inst: Installation, year: int, day: dt.date | None = None) -> CoverageReport:
    day = day or clock.today()
    workers = worker_store.list_workers(inst.db, limit=10_000_000)
    all_periods = program.all_periods(inst.db)
    by_worker = periods_by_worker(all_periods)
    funded_ids = program.funded_worker_ids(inst.db, year)
    counts: dict[str, dict[str, Counter]] = {d: defaultdict(Counter) for d in DIMENSIONS}
    active = lapsed = 0
    for w in workers:
        status = coverage_status(by_worker.get(w.id, []), day)
        is_active = status in ("active", "lapsing")
        active += is_active
        lapsed += status in ("grace", "ended")
        keys = {
            "occupation": Row(w).occupation_label,
            "sex": SEX_LABELS[w.sex],
            "age": age_band(age_on(dt.date.fromisoformat(w.birth_date), day)),
            "dusun": w.dusun or "(tanpa dusun)",
        }
        for dimension, label in keys.items():
            c = counts[dimension][label]
            c["registered"] += 1
            c["funded"] += w.id in funded_ids
            c["active"] += is_active
    summary = budget.summary(inst, year)
    year_periods = [p for p in all_periods if p["fiscal_year"] == year]
    return CoverageReport(
        year=year,
        day=day,
        village=inst.name,
        kind=village_kind(inst.code).word,
        budget_source=village_kind(inst.code).budget,
        registered=len(workers),
        funded=len(funded_ids),
        active=active,
        lapsed=lapsed,
        target=summary.target,
        working_residents=summary.working_residents,
        allocated=summary.allocated,
        committed=summary.committed,
        realised=_realised(year_periods, day),
        policy=summary.policy,
        breakdowns={
            d: [
                Line(label, c["registered"], c["funded"], c["active"])
                for label, c in sorted(counts[d].items(), key=_order)
            ]
            for d in DIMENSIONS
        },
    )
