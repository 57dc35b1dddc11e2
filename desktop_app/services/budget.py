"""The village budget for a fiscal year, funding workers from it, and coverage per worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.device import clock
from desktop_app.device.clock import utc_now
from desktop_app.domain.contributions import period_contributions
from desktop_app.domain.coverage import (
    FUNDING_LABELS,
    Period,
    check_period_start,
    covered_until,
    default_first_month,
    needs_renewal,
    periods_by_worker,
)
from desktop_app.domain.dates import check_fiscal_year
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.formatting import rupiah
from desktop_app.domain.ids import new_id
from desktop_app.services import access, policy
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import program
from desktop_app.store import workers as worker_store
from desktop_app.store.db import transaction

DEFAULT_LINE = "Belanja Bidang Pembinaan Kemasyarakatan — iuran BPJS Ketenagakerjaan pekerja rentan"


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    year: int
    allocated: int
    budget_line: str
    committed: int
    funded_workers: int
    target: int
    working_residents: int | None
    policy: str

    @property
    def remaining(self) -> int:
        return self.allocated - self.committed


def set_budget(
    inst: Installation,
    year: int,
    allocated: int,
    budget_line: str = DEFAULT_LINE,
    target: int = 100,
    working_residents: int | None = None,
) -> BudgetSummary:
    """Record the APBDes allocation for a fiscal year (refused below what is already committed)."""
    access.require(inst, "change")
    check_fiscal_year(year)
    if allocated < 0 or target < 1:
        raise InvalidInput("budget.amount", "Anggaran dan target harus bilangan positif.")
    if working_residents is not None and not 0 < working_residents <= 1_000_000:
        raise InvalidInput(
            "budget.working_residents",
            "Jumlah penduduk yang bekerja harus bilangan positif.",
            "working_residents",
        )
    with transaction(inst.db):
        committed = program.committed(inst.db, year)
        if allocated < committed:
            raise Refused(
                "budget.below_committed",
                f"Sudah {rupiah(committed)} dipakai untuk iuran tahun {year}; anggaran tidak "
                f"dapat dikurangi menjadi {rupiah(allocated)}.",
            )
        before = program.get_budget(inst.db, year)
        program.set_budget(
            inst.db, year, allocated, budget_line.strip() or DEFAULT_LINE, target, working_residents
        )
        after = program.get_budget(inst.db, year)
        assert after is not None  # written just above
        # The district reports each village's APBDes line and target, so budgets travel too.
        op = "update" if before else "insert"
        record_change(
            inst, "budget", "budget", str(year), before, {"id": str(year), **after}, op=op
        )
    return summary(inst, year)


def summary(inst: Installation, year: int) -> BudgetSummary:
    row = program.get_budget(inst.db, year) or {}
    return BudgetSummary(
        year=year,
        allocated=row.get("allocated", 0),
        budget_line=row.get("budget_line", DEFAULT_LINE),
        committed=program.committed(inst.db, year),
        funded_workers=program.count_funded_workers(inst.db, year),
        target=row.get("target_workers", 100),
        working_residents=row.get("working_residents"),
        policy=policy.describe(inst),
    )


@dataclass(frozen=True, slots=True)
class Funded:
    workers: int
    total: int
    rate_notes: tuple[str, ...]


def cost_for(
    inst: Installation,
    worker: worker_store.Worker,
    year: int,
    months: int = 12,
    funding: str = "village",
    first_month: int = 1,
):
    """Monthly contributions of `worker` for `months` from `first_month` of `year`.

    Only the village's own money can count as APBD (the district's setting); a worker who pays
    for himself, or another payer, gets whatever discount is in force.
    """
    return period_contributions(
        worker.monthly_income,
        worker.programs.split(","),
        dt.date(year, first_month, 1),
        months,
        transport=policy.is_transport(inst, worker.occupation),
        paid_by_apbd=funding == "village" and policy.village_budget_is_apbd(inst),
    )


def fund_workers(
    inst: Installation,
    year: int,
    worker_ids: Iterable[str] | None = None,
    months: int | None = None,
    funding: str = "village",
    first_month: int | None = None,
) -> Funded:
    """Record cover from `first_month` of `year` for `months` (default: to December) for
    workers, all or nothing; a worker registered in June is funded from July, not January.

    Cover is bought forward only: a start before the current month is refused, whoever asks.
    Without `first_month`: this year from next month, a later year from January.

    Workers already covered that year are skipped. Paid by the village (the default), it is
    charged to the budget and refused with the shortfall in rupiah when the budget is short;
    paid by the worker (`self`) or another payer (`other`) it is only recorded.
    """
    access.require(inst, "change")
    today = clock.today()
    if first_month is None:
        first_month = default_first_month(year, today)
    if not 1 <= first_month <= 12:
        raise InvalidInput("fund.first_month", "Bulan mulai harus 1 sampai 12.")
    check_period_start(year, first_month, today)
    months = 13 - first_month if months is None else months
    if not 1 <= months <= 13 - first_month:
        raise InvalidInput(
            "fund.months",
            f"Dari bulan {first_month}, jumlah bulan dalam tahun anggaran paling banyak "
            f"{13 - first_month}.",
        )
    if funding not in FUNDING_LABELS:
        raise InvalidInput("fund.funding", "Pembayar harus village, self atau other.")
    with transaction(inst.db):
        budget = program.get_budget(inst.db, year)
        if budget is None and funding == "village":
            raise Refused("budget.missing", f"Anggaran tahun {year} belum diisi.")
        already = program.funded_worker_ids(inst.db, year)
        if worker_ids is None:
            candidates = [
                w
                for w in worker_store.list_workers(inst.db, limit=1_000_000)
                if w.status != "ended"
            ]
        else:
            candidates = [_worker(inst, wid) for wid in worker_ids]
        plans = []
        for worker in candidates:
            if worker.id in already:
                continue
            months_cost = cost_for(inst, worker, year, months, funding, first_month)
            plans.append((worker, months_cost, sum(c.total for c in months_cost)))
        total = sum(cost for _, _, cost in plans)
        remaining = budget["allocated"] - program.committed(inst.db, year) if budget else 0
        if funding == "village" and total > remaining:
            raise Refused(
                "budget.shortfall",
                f"Anggaran kurang {rupiah(total - remaining)}: iuran {len(plans)} pekerja "
                f"{rupiah(total)}, sisa anggaran {year} {rupiah(remaining)}.",
            )
        notes = set()
        for worker, months_cost, cost in plans:
            basis = "; ".join(sorted({c.discount or c.basis for c in months_cost}))
            notes.add(basis)
            row = {
                "id": new_id(),
                "worker_id": worker.id,
                "fiscal_year": year,
                "start_month": f"{year}-{first_month:02d}-01",
                "months": months,
                "programs": worker.programs,
                "total_amount": cost,
                "funding": funding,
                "rate_basis": basis,
                "created_at": utc_now(),
                "created_by": inst.user,
            }
            program.insert_period(inst.db, row)
            record_change(inst, "fund", "coverage", row["id"], None, row, op="insert")
    return Funded(len(plans), total, tuple(sorted(notes)))


def _worker(inst: Installation, worker_id: str) -> worker_store.Worker:
    worker = worker_store.get_worker(inst.db, worker_id)
    if worker is None or worker.deleted_at:
        raise Refused("worker.not_found", f"Pekerja dengan id {worker_id} tidak ditemukan.")
    return worker


def periods(inst: Installation, worker_id: str) -> list[Period]:
    return periods_by_worker(program.periods_of(inst.db, worker_id)).get(worker_id, [])


def renewals(inst: Installation, month: dt.date) -> list[worker_store.Worker]:
    """Workers covered before `month` whose cover for it is not paid yet."""
    by_worker = periods_by_worker(program.all_periods(inst.db))
    due = [wid for wid, ps in by_worker.items() if needs_renewal(ps, month)]
    workers = [worker_store.get_worker(inst.db, wid) for wid in due]
    return sorted((w for w in workers if w and w.status != "ended"), key=lambda w: w.full_name)


def print_renewals(inst: Installation, month: dt.date, out: Path) -> tuple[Path, int]:
    """The renewal list for `month` as a PDF; returns the file and how many workers it names."""
    from desktop_app.documents.renewals import write_renewals
    from desktop_app.services.letterhead import letterhead
    from desktop_app.services.worker_list import Row

    due = renewals(inst, month)
    rows = []
    for w in due:
        until = covered_until(periods(inst, w.id), month)
        rows.append((w.full_name, w.dusun or "", w.phone or "", Row(w).occupation_label, until))
    write_renewals(rows, letterhead(inst), month, clock.today(), out)
    return out, len(due)


def working_year(inst: Installation) -> int:
    """The fiscal year the clerk is working on: the newest one with a budget, else this year."""
    return program.latest_budget_year(inst.db) or clock.today().year
