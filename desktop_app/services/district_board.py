"""The regency at a glance: every desa on one board, kecamatan rollups, the Paritrana figures.

Built from what the villages sent (the district's tables) and the region list, so a desa that
never sent anything is on the board too. Each village's figures are counted with the same
rules as the village's own report (services.reports.tally), so a kecamatan's figures are the
sum of its villages' own reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.device import clock
from desktop_app.domain import regions
from desktop_app.domain.formatting import rupiah, thousands
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.services import policy
from desktop_app.services.district import missing_ranges
from desktop_app.services.installation import Installation
from desktop_app.services.reports import (
    Counted,
    CoverageReport,
    Line,
    Tally,
    merged,
    realised,
    signature,
    tally,
    totals,
)
from desktop_app.store import district, district_program

SILENT_AFTER_DAYS = 30
DEFAULT_TARGET = 100
_OCCUPATION_LABELS = {o.code: o.label for o in OCCUPATIONS}


def kecamatan_code(village_code: str) -> str:
    return village_code.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One desa (or kelurahan) of the regency, whether or not it has sent anything."""

    code: str
    name: str
    kecamatan_code: str
    kecamatan: str
    kelurahan: bool
    reported: bool
    last_batch_at: str | None  # UTC ISO-8601 as stored
    days_silent: int | None  # days since the last batch; None if it never sent one
    silent: bool  # never sent, or nothing for more than SILENT_AFTER_DAYS
    workers: int  # registered, live
    funded: int
    active: int
    lapsing: int
    lapsed: int
    target: int
    at_target: bool
    working_residents: int | None
    coverage_share: float | None  # funded / working residents
    allocated: int
    committed: int
    realised: int
    budget_line: str | None
    events: int
    open_claims: int
    claims_paid: int
    findings: int
    gaps: list[str]
    applied_seq: int


@dataclass(frozen=True, slots=True)
class Rollup:
    """A kecamatan (or a village, or the regency) with its report and its villages counted."""

    code: str
    name: str
    villages: int  # desa and kelurahan on the board
    villages_reporting: int
    villages_at_target: int
    report: CoverageReport


@dataclass(frozen=True, slots=True)
class Paritrana:
    """The figures the regency reports for the Paritrana award, for one fiscal year."""

    year: int
    participants_active: int
    participants_funded: int
    registered: int
    villages: int
    villages_reporting: int
    villages_at_target: int
    working_residents: int | None
    coverage_share: float | None
    contributions_committed: int
    contributions_realised: int
    allocated: int
    events: int
    claims_paid: int
    open_claims: int


@dataclass(frozen=True, slots=True)
class DistrictReport:
    year: int
    day: dt.date
    regency: Rollup
    kecamatan: list[Rollup]
    villages: list[Rollup]  # reporting villages only: their reports as the district has them
    board: list[BoardRow]
    paritrana: Paritrana
    active_by_month: list[int] = field(default_factory=list)


def _days_since(utc_iso: str, day: dt.date) -> int:
    return (day - dt.datetime.fromisoformat(utc_iso).astimezone().date()).days


def _sum_optional(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _combined(
    kind: str,
    name: str,
    year: int,
    day: dt.date,
    parts: list[CoverageReport],
    counted: Tally,
    policy_text: str,
) -> CoverageReport:
    """A report for several villages: counts from one tally, money and targets summed."""
    return CoverageReport(
        year=year,
        day=day,
        village=name,
        kind=kind,
        registered=counted.registered,
        funded=counted.funded,
        active=counted.active,
        lapsed=counted.lapsed,
        target=sum(p.target for p in parts),
        working_residents=_sum_optional([p.working_residents for p in parts]),
        allocated=sum(p.allocated for p in parts),
        committed=sum(p.committed for p in parts),
        realised=sum(p.realised for p in parts),
        policy=policy_text,
        breakdowns=counted.breakdowns,
    )


def district_report(
    inst: Installation,
    year: int,
    day: dt.date | None = None,
    with_months: bool = False,
    detailed: bool = True,
) -> DistrictReport:
    """Every figure of the district's board and reports, computed in one pass.

    `detailed=False` (the window) leaves out the breakdowns by occupation, sex, age and dusun,
    so the counts come grouped from the database instead of worker by worker.
    """
    day = day or clock.today()
    db = inst.db
    known = {v.code: v for v in district.list_villages(db)}
    names = dict(regions.villages_in(inst.code))
    for code, village in known.items():  # a village missing from the region list still shows
        names.setdefault(code, village.name)
    count_village = _worker_by_worker(db, year, day) if detailed else _grouped(db, year, day)
    paid = district_program.village_paid_periods(db, year)
    holding = district_program.villages_holding_batches(db)
    budgets = district_program.budgets(db, year)
    committed = district_program.committed_by_village(db, year)
    events = district_program.event_counts(db, year)
    findings: dict[str, int] = defaultdict(int)
    for f in district.open_findings(db):
        findings[f["village_code"]] += 1
    policy_text = policy.describe(inst)

    board: list[BoardRow] = []
    village_rollups: list[Rollup] = []
    own_reports: dict[str, CoverageReport] = {}
    tallies: dict[str, Tally] = {}
    for code in sorted(names):
        v = known.get(code)
        last_batch = v.last_batch_at if v else None
        reported = last_batch is not None
        kec = kecamatan_code(code)
        kec_name = regions.region_name(kec) or kec
        budget = budgets.get(code, {})
        target = budget.get("target_workers", DEFAULT_TARGET)
        counted = tallies[code] = count_village(code)
        report = CoverageReport(
            year=year,
            day=day,
            village=names[code],
            kind=regions.village_kind(code).word,
            budget_source=regions.village_kind(code).budget,
            registered=counted.registered,
            funded=counted.funded,
            active=counted.active,
            lapsed=counted.lapsed,
            target=target,
            working_residents=budget.get("working_residents"),
            allocated=budget.get("allocated", 0),
            committed=committed.get(code, 0),
            realised=realised(paid.get(code, []), day),
            policy=policy_text,
            breakdowns=counted.breakdowns,
        )
        days = _days_since(last_batch, day) if last_batch else None
        ev = events.get(code, {"events": 0, "open_claims": 0, "claims_paid": 0})
        at_target = reported and counted.funded >= target
        board.append(
            BoardRow(
                code=code,
                name=names[code],
                kecamatan_code=kec,
                kecamatan=kec_name,
                kelurahan=regions.village_kind(code).is_kelurahan,
                reported=reported,
                last_batch_at=last_batch,
                days_silent=days,
                silent=days is None or days > SILENT_AFTER_DAYS,
                workers=counted.registered,
                funded=counted.funded,
                active=counted.active,
                lapsing=counted.lapsing,
                lapsed=counted.lapsed,
                target=target,
                at_target=at_target,
                working_residents=report.working_residents,
                coverage_share=report.share_covered,
                allocated=report.allocated,
                committed=report.committed,
                realised=report.realised,
                budget_line=budget.get("budget_line"),
                events=ev["events"],
                open_claims=ev["open_claims"],
                claims_paid=ev["claims_paid"],
                findings=findings.get(code, 0),
                gaps=missing_ranges(inst, code) if code in holding else [],
                applied_seq=v.applied_seq if v else 0,
            )
        )
        if reported:
            own_reports[code] = report
            village_rollups.append(Rollup(code, names[code], 1, 1, int(at_target), report))

    def rollup(
        kind: str, code: str, name: str, rows: list[BoardRow], place: str, places: list[Line]
    ) -> Rollup:
        # The program is the desa's (APBDes): a kelurahan counts only once it takes part.
        rows = [r for r in rows if not r.kelurahan or r.reported]
        members = [r for r in rows if r.reported]
        counted = merged([tallies[r.code] for r in members], place, places)
        parts = [own_reports[r.code] for r in members]
        return Rollup(
            code,
            name,
            len(rows),
            len(members),
            sum(r.at_target for r in rows),
            _combined(kind, name, year, day, parts, counted, policy_text),
        )

    by_kecamatan: dict[str, list[BoardRow]] = defaultdict(list)
    for row in board:
        by_kecamatan[row.kecamatan_code].append(row)
    for kec in regions.kecamatan_in(inst.code):
        by_kecamatan.setdefault(kec, [])
    kecamatan = [
        rollup(
            "Kecamatan",
            kec,
            regions.region_name(kec) or kec,
            by_kecamatan[kec],
            "desa",
            [_line(r.name, own_reports[r.code]) for r in by_kecamatan[kec] if r.workers],
        )
        for kec in sorted(by_kecamatan)
    ]
    regency = rollup(
        "Kabupaten",
        inst.code,
        inst.name,
        board,
        "kecamatan",
        [_line(k.name, k.report) for k in kecamatan if k.report.registered],
    )
    ev_total = {k: sum(e[k] for e in events.values()) for k in ("events", "claims_paid")}
    r = regency.report
    paritrana = Paritrana(
        year=year,
        participants_active=r.active,
        participants_funded=r.funded,
        registered=r.registered,
        villages=regency.villages,
        villages_reporting=regency.villages_reporting,
        villages_at_target=regency.villages_at_target,
        working_residents=r.working_residents,
        coverage_share=_share_of_known(board),
        contributions_committed=r.committed,
        contributions_realised=r.realised,
        allocated=r.allocated,
        events=ev_total["events"],
        claims_paid=ev_total["claims_paid"],
        open_claims=sum(e["open_claims"] for e in events.values()),
    )
    return DistrictReport(
        year=year,
        day=day,
        regency=regency,
        kecamatan=kecamatan,
        villages=village_rollups,
        board=board,
        paritrana=paritrana,
        active_by_month=district_program.active_by_month(db, year) if with_months else [],
    )


def _worker_by_worker(db, year: int, day: dt.date) -> Callable[[str], Tally]:
    """A village's tally with breakdowns, worker by worker as the village counts itself."""
    people: dict[str, list[Counted]] = defaultdict(list)
    for wid, code, occupation, other, sex, born, dusun in district_program.live_workers(db):
        label = other or _OCCUPATION_LABELS.get(occupation, occupation)
        people[code].append(Counted(wid, label, sex, born, dusun or "(tanpa dusun)"))
    periods: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    funded: set[str] = set()
    for wid, fiscal_year, start, months, funding in district_program.coverage_rows(db):
        periods[wid].append((start, months, funding))
        if fiscal_year == year:
            funded.add(wid)
    by_worker = {wid: signature(p) for wid, p in periods.items()}
    return lambda code: tally(people.get(code, []), by_worker, funded, day)


def _grouped(db, year: int, day: dt.date) -> Callable[[str], Tally]:
    """A village's counts without breakdowns, from workers grouped by coverage."""
    groups = district_program.status_groups(db, year)
    return lambda code: totals(groups.get(code, []), day)


def _line(label: str, report: CoverageReport) -> Line:
    return Line(label, report.registered, report.funded, report.active)


def _share_of_known(board: list[BoardRow]) -> float | None:
    """Funded over working residents, counting only villages that gave their count."""
    known = [r for r in board if r.working_residents]
    residents = sum(r.working_residents or 0 for r in known)
    return sum(r.funded for r in known) / residents if residents else None


def paritrana_lines(p: Paritrana) -> list[tuple[str, str]]:
    """The Paritrana figures in words, as the one-page summary and the CLI print them."""
    share = f"{p.coverage_share:.1%}".replace(".", ",") if p.coverage_share is not None else "-"
    return [
        ("Peserta aktif", thousands(p.participants_active)),
        (f"Peserta dibiayai APBDes {p.year}", thousands(p.participants_funded)),
        ("Pekerja terdaftar", thousands(p.registered)),
        ("Desa melapor", f"{p.villages_reporting} dari {p.villages}"),
        ("Desa mencapai target 100 pekerja", str(p.villages_at_target)),
        ("Pekerja desa yang terlindungi", share),
        ("Anggaran APBDes dialokasikan", rupiah(p.allocated)),
        (f"Iuran dari APBDes {p.year} (dianggarkan)", rupiah(p.contributions_committed)),
        (f"Iuran dari APBDes {p.year} (terealisasi)", rupiah(p.contributions_realised)),
        (f"Kejadian {p.year}", thousands(p.events)),
        (f"Klaim dibayar {p.year}", thousands(p.claims_paid)),
        ("Klaim masih diproses", thousands(p.open_claims)),
    ]
