"""Coverage and budget figures for the village head, the district and the Paritrana award."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from desktop_app.domain.coverage import Period, coverage_status, periods_by_worker
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
SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
DIMENSIONS = {"occupation": "Pekerjaan", "sex": "Jenis kelamin", "age": "Umur", "dusun": "Dusun"}
# The district counts by kecamatan where a village counts by dusun.
PLACE_DIMENSIONS = {**DIMENSIONS, "kecamatan": "Kecamatan", "desa": "Desa"}


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

    @property
    def share_covered(self) -> float | None:
        """Share of the village's working residents covered (Paritrana), if the count is known."""
        if not self.working_residents:
            return None
        return self.funded / self.working_residents


@dataclass(frozen=True, slots=True)
class Counted:
    """What a report needs of one live worker."""

    id: str
    occupation: str  # the label people read
    sex: str
    birth_date: str
    place: str  # dusun at the village, kecamatan at the district


@dataclass(frozen=True, slots=True)
class Tally:
    registered: int
    funded: int
    active: int
    lapsing: int
    lapsed: int
    breakdowns: dict[str, list[Line]]


@functools.lru_cache(maxsize=4096)
def _status(periods: tuple[Period, ...], day: dt.date) -> str:
    """coverage_status, remembered: most workers of a village share the same periods."""
    return coverage_status(list(periods), day)


def tally(
    people: list[Counted],
    by_worker: dict[str, list[Period]],
    funded_ids: set[str],
    day: dt.date,
    place_dimension: str = "dusun",
) -> Tally:
    """Count workers as registered, funded, active and lapsed, overall and by dimension."""
    dimensions = [d for d in DIMENSIONS if d != "dusun"] + [place_dimension]
    counts: dict[str, dict[str, Counter]] = {d: defaultdict(Counter) for d in dimensions}
    active = lapsing = lapsed = funded = 0
    for w in people:
        status = _status(tuple(by_worker.get(w.id, ())), day)
        is_active = status in ("active", "lapsing")
        is_funded = w.id in funded_ids
        active += is_active
        lapsing += status == "lapsing"
        lapsed += status in ("grace", "ended")
        funded += is_funded
        keys = {
            "occupation": w.occupation,
            "sex": SEX_LABELS[w.sex],
            "age": age_band(age_on(dt.date.fromisoformat(w.birth_date), day)),
            place_dimension: w.place,
        }
        for dimension, label in keys.items():
            c = counts[dimension][label]
            c["registered"] += 1
            c["funded"] += is_funded
            c["active"] += is_active
    return Tally(
        registered=len(people),
        funded=funded,
        active=active,
        lapsing=lapsing,
        lapsed=lapsed,
        breakdowns={
            d: [
                Line(label, c["registered"], c["funded"], c["active"])
                for label, c in sorted(counts[d].items(), key=_order)
            ]
            for d in dimensions
        },
    )


def realised(periods: list[dict], day: dt.date) -> int:
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
    day = day or dt.date.today()
    workers = worker_store.list_workers(inst.db, limit=10_000_000)
    all_periods = program.all_periods(inst.db)
    people = [
        Counted(w.id, Row(w).occupation_label, w.sex, w.birth_date, w.dusun or "(tanpa dusun)")
        for w in workers
    ]
    counted = tally(
        people, periods_by_worker(all_periods), program.funded_worker_ids(inst.db, year), day
    )
    summary = budget.summary(inst, year)
    year_periods = [p for p in all_periods if p["fiscal_year"] == year]
    return CoverageReport(
        year=year,
        day=day,
        village=inst.name,
        registered=counted.registered,
        funded=counted.funded,
        active=counted.active,
        lapsed=counted.lapsed,
        target=summary.target,
        working_residents=summary.working_residents,
        allocated=summary.allocated,
        committed=summary.committed,
        realised=realised(year_periods, day),
        policy=summary.policy,
        breakdowns=counted.breakdowns,
    )
