"""Coverage and budget figures for the village head, the district and the Paritrana award."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from desktop_app.device import clock
from desktop_app.domain.coverage import Period, coverage_status
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
    kind: str = "Desa"  # or Kelurahan
    budget_source: str = "APBDes"  # a kelurahan is paid from the kabupaten's APBD

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


# A worker's paid periods as text, "start_month|months|funding" joined by ";": workers of a
# village mostly share one, so the status is worked out once per signature and day.
def signature(periods: list[tuple[str, int, str]]) -> str:
    """(start_month, months, funding) of a worker's periods as one hashable text."""
    return ";".join(f"{start}|{months}|{funding}" for start, months, funding in periods)


def signatures(periods: list[dict]) -> dict[str, str]:
    """Stored coverage rows grouped per worker as signatures."""
    found: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for p in periods:
        found[p["worker_id"]].append((p["start_month"], p["months"], p["funding"]))
    return {wid: signature(rows) for wid, rows in found.items()}


@functools.lru_cache(maxsize=4096)
def status_of(text: str, day: dt.date) -> str:
    """domain.coverage.coverage_status of a signature, remembered."""
    periods = [
        Period(dt.date.fromisoformat(start), int(months), funding)
        for start, months, funding in (part.split("|") for part in text.split(";") if part)
    ]
    return coverage_status(periods, day)


@functools.lru_cache(maxsize=65536)
def _age_band(birth_date: str, day: dt.date) -> str:
    return age_band(age_on(dt.date.fromisoformat(birth_date), day))


def _lines(counts: dict[str, Counter]) -> list[Line]:
    return [
        Line(label, c["registered"], c["funded"], c["active"])
        for label, c in sorted(counts.items(), key=_order)
    ]


def totals(groups: list[tuple[str, bool, int]], day: dt.date) -> Tally:
    """Registered, funded, active, lapsing and lapsed from (signature, funded, workers) groups,
    without breakdowns: what the district's board needs of each village."""
    counted: Counter = Counter()
    for sig, is_funded, n in groups:
        status = status_of(sig, day)
        counted["registered"] += n
        counted["funded"] += n * is_funded
        counted["active"] += n * (status in ("active", "lapsing"))
        counted["lapsing"] += n * (status == "lapsing")
        counted["lapsed"] += n * (status in ("grace", "ended"))
    return Tally(
        registered=counted["registered"],
        funded=counted["funded"],
        active=counted["active"],
        lapsing=counted["lapsing"],
        lapsed=counted["lapsed"],
        breakdowns={},
    )


def tally(
    people: list[Counted],
    by_worker: dict[str, str],
    funded_ids: set[str],
    day: dt.date,
) -> Tally:
    """Count workers as registered, funded, active and lapsed, overall and by dimension
    (occupation, sex, age, and the place: dusun)."""
    kinds: Counter = Counter()  # (occupation, sex, age band, place, funded, signature) → workers
    for w in people:
        kinds[
            (
                w.occupation,
                w.sex,
                _age_band(w.birth_date, day),
                w.place,
                w.id in funded_ids,
                by_worker.get(w.id, ""),
            )
        ] += 1
    counts: dict[str, dict[str, Counter]] = {d: defaultdict(Counter) for d in DIMENSIONS}
    for (occupation, sex, band, place, is_funded, sig), n in kinds.items():
        is_active = status_of(sig, day) in ("active", "lapsing")
        for dimension, label in (
            ("occupation", occupation),
            ("sex", SEX_LABELS[sex]),
            ("age", band),
            ("dusun", place),
        ):
            c = counts[dimension][label]
            c["registered"] += n
            c["funded"] += n * is_funded
            c["active"] += n * is_active
    overall = totals([(sig, funded, n) for (*_, funded, sig), n in kinds.items()], day)
    return Tally(
        registered=overall.registered,
        funded=overall.funded,
        active=overall.active,
        lapsing=overall.lapsing,
        lapsed=overall.lapsed,
        breakdowns={d: _lines(counts[d]) for d in DIMENSIONS},
    )


def merged(parts: list[Tally], place_dimension: str, places: list[Line]) -> Tally:
    """Several places' tallies as one: counts summed, breakdowns merged by label, and the
    place breakdown (each village of a kecamatan, each kecamatan of the regency) given."""
    counts: dict[str, dict[str, Counter]] = {
        d: defaultdict(Counter) for d in DIMENSIONS if d != "dusun"
    }
    for part in parts:
        for dimension, lines in counts.items():
            for line in part.breakdowns.get(dimension, ()):
                c = lines[line.label]
                c["registered"] += line.registered
                c["funded"] += line.funded
                c["active"] += line.active
    return Tally(
        registered=sum(p.registered for p in parts),
        funded=sum(p.funded for p in parts),
        active=sum(p.active for p in parts),
        lapsing=sum(p.lapsing for p in parts),
        lapsed=sum(p.lapsed for p in parts),
        breakdowns={
            **{d: _lines(c) for d, c in counts.items()},
            place_dimension: sorted(places, key=lambda line: line.label),
        },
    )


def realised(periods: list[tuple[str, int, int]], day: dt.date) -> int:
    """Village money due for months up to `day` (contributions are paid month by month),
    from the village-funded periods as (start_month, months, total_amount)."""
    total = 0
    for start_month, months, amount in periods:
        start = dt.date.fromisoformat(start_month)
        elapsed = (day.year * 12 + day.month) - (start.year * 12 + start.month) + 1
        total += amount * max(0, min(elapsed, months)) // months
    return total


def coverage_report(inst: Installation, year: int, day: dt.date | None = None) -> CoverageReport:
    day = day or clock.today()
    workers = worker_store.list_workers(inst.db, limit=10_000_000)
    all_periods = program.all_periods(inst.db)
    people = [
        Counted(w.id, Row(w).occupation_label, w.sex, w.birth_date, w.dusun or "(tanpa dusun)")
        for w in workers
    ]
    counted = tally(people, signatures(all_periods), program.funded_worker_ids(inst.db, year), day)
    summary = budget.summary(inst, year)
    paid_by_village = [
        (p["start_month"], p["months"], p["total_amount"])
        for p in all_periods
        if p["fiscal_year"] == year and p["funding"] == "village"
    ]
    return CoverageReport(
        year=year,
        day=day,
        village=inst.name,
        kind=village_kind(inst.code).word,
        budget_source=village_kind(inst.code).budget,
        registered=counted.registered,
        funded=counted.funded,
        active=counted.active,
        lapsed=counted.lapsed,
        target=summary.target,
        working_residents=summary.working_residents,
        allocated=summary.allocated,
        committed=summary.committed,
        realised=realised(paid_by_village, day),
        policy=summary.policy,
        breakdowns=counted.breakdowns,
    )
