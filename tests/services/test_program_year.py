"""A year of the program walked through: budget, 100 workers funded, events, renewals, reports."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.device import clock
from desktop_app.domain.coverage import coverage_status
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.services import (
    budget,
    events,
    letterhead,
    policy,
    registry,
    report_files,
    reports,
)
from desktop_app.services.demo import seed_demo_village
from desktop_app.store import outbox, program

YEAR = 2027


@pytest.fixture
def hundred(data_dir):
    with clock.living_at(dt.date(2026, 12, 1)):  # 2027 is funded before its first month
        inst = seed_demo_village(data_dir, 100)
        yield inst
        inst.close()


def test_funding_beyond_the_budget_is_refused_with_the_shortfall(hundred):
    budget.set_budget(hundred, YEAR, 10_000_000)
    expected = sum(
        sum(c.total for c in budget.cost_for(hundred, w, YEAR))
        for w in registry.store.list_workers(hundred.db, limit=1000)
    )
    seq = outbox.last_seq(hundred.db)
    with pytest.raises(Refused) as refused:
        budget.fund_workers(hundred, YEAR)
    shortfall = f"{expected - 10_000_000:,}".replace(",", ".")
    assert refused.value.code == "budget.shortfall" and f"Rp{shortfall}" in refused.value.message
    assert program.committed(hundred.db, YEAR) == 0 and outbox.last_seq(hundred.db) == seq


def test_a_whole_year_through_the_services(hundred):
    budget.set_budget(hundred, YEAR, 40_000_000, working_residents=125)
    funded = budget.fund_workers(hundred, YEAR)
    assert funded.workers == 100
    s = budget.summary(hundred, YEAR)
    assert (s.funded_workers, s.target) == (100, 100)
    assert s.committed == funded.total == program.committed(hundred.db, YEAR)
    assert s.remaining == 40_000_000 - funded.total
    assert "APBD" in s.policy  # the setting is shown where it is used
    assert budget.fund_workers(hundred, YEAR).workers == 0  # nobody is funded twice

    workers = registry.store.list_workers(hundred.db, limit=1000)
    fisher = next(w for w in workers if w.occupation == "nelayan")
    planter = next(w for w in workers if w.occupation == "pekebun")
    accident = events.add_event(
        hundred,
        fisher.id,
        "accident",
        dt.date(2027, 3, 2),
        place="Perairan Sebatik",
        cause="work",
        unable_from=dt.date(2027, 3, 2),
        unable_to=dt.date(2027, 3, 31),
        today=dt.date(2027, 4, 1),
    )
    rights = events.entitlements(hundred, accident)
    assert any(
        r.title.startswith("Santunan tidak mampu bekerja") and r.amount == fisher.monthly_income
        for r in rights
    )
    events.set_claim_status(hundred, accident["id"], "submitted")
    death = events.add_event(
        hundred,
        planter.id,
        "death",
        dt.date(2027, 5, 10),
        cause="non_work",
        today=dt.date(2027, 6, 1),
    )
    assert registry.find_worker(hundred, planter.id).status == "ended"
    rights = events.entitlements(hundred, death)
    assert sum(r.amount or 0 for r in rights if r.title.startswith("JKM")) == 42_000_000
    assert any("Belum berhak" in r.note for r in rights)  # under three years of membership

    due = budget.renewals(hundred, dt.date(YEAR + 1, 1, 1))
    assert len(due) == 99 and planter.id not in {w.id for w in due}

    report = reports.coverage_report(hundred, YEAR, dt.date(2027, 6, 30))
    assert (report.registered, report.funded) == (100, 100)
    assert report.committed == funded.total
    assert report.realised == sum(
        p["total_amount"] * 6 // 12 for p in program.all_periods(hundred.db)
    )
    assert report.share_covered == pytest.approx(100 / 125)
    by_job = {line.label: line.registered for line in report.breakdowns["occupation"]}
    assert sum(by_job.values()) == 100
    assert by_job["Nelayan"] == registry.store.count_workers(hundred.db, occupation="nelayan")


def test_reports_as_csv_xlsx_and_pdf_carry_the_same_totals(hundred, tmp_path):
    budget.set_budget(hundred, YEAR, 40_000_000)
    funded = budget.fund_workers(hundred, YEAR)
    report = reports.coverage_report(hundred, YEAR, dt.date(2027, 1, 15))
    written = report_files.write_report(report, tmp_path / "r.csv")
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert ["dianggarkan", str(funded.total)] in rows and ["terdaftar", "100"] in rows
    book = load_workbook(report_files.write_report(report, tmp_path / "r.xlsx"))
    values = {r[0].value: r[1].value for r in book["Ringkasan"].iter_rows()}
    assert values["dibiayai"] == 100 and values["anggaran"] == 40_000_000
    text = PdfReader(report_files.write_report(report, tmp_path / "r.pdf")).pages[0].extract_text()
    assert "Rp40.000.000" in text and "Tanjung Aru" in text and "Halaman 1 dari 1" in text


def test_discount_setting_changes_the_cost_and_says_which_rate_applied(hundred):
    worker = registry.store.list_workers(hundred.db, limit=1)[0]
    policy.set_village_budget_is_apbd(hundred, True)
    full = budget.cost_for(hundred, worker, 2026)
    policy.set_village_budget_is_apbd(hundred, False)
    discounted = budget.cost_for(hundred, worker, 2026)
    assert sum(c.total for c in discounted) < sum(c.total for c in full)
    assert any(c.discount == "PP 50/2025: JKK dan JKM 50%" for c in discounted)
    assert "tidak dihitung sebagai APBD" in policy.describe(hundred)


def test_claim_cover_letter_lists_the_bpjs_checklist_and_the_computed_benefit(hundred, tmp_path):
    budget.set_budget(hundred, YEAR, 40_000_000)
    budget.fund_workers(hundred, YEAR)
    worker = registry.store.list_workers(hundred.db, limit=1)[0]
    event = events.add_event(
        hundred,
        worker.id,
        "accident",
        dt.date(2027, 3, 2),
        cause="work",
        place="Dermaga Sungai Nyamuk",
        unable_from=dt.date(2027, 3, 2),
        unable_to=dt.date(2027, 3, 11),
        today=dt.date(2027, 3, 12),
    )
    with pytest.raises(Refused):  # the head signs it: no letter without the head's name
        events.print_claim_letter(hundred, event["id"], tmp_path / "x.pdf", dt.date(2027, 3, 12))
    letterhead.save(hundred, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    out = events.print_claim_letter(
        hundred, event["id"], tmp_path / "klaim.pdf", today=dt.date(2027, 3, 12)
    )
    text = PdfReader(out).pages[0].extract_text()
    assert "Klaim Jaminan Kecelakaan Kerja (JKK)" in text and worker.full_name in text
    assert "Formulir laporan kecelakaan kerja tahap I" in text
    assert "2 Maret 2027 di Dermaga Sungai Nyamuk" in text
    stmb = round(worker.monthly_income / 30 * 10)
    assert f"Rp{stmb:,}".replace(",", ".") in text
    again = events.print_claim_letter(
        hundred, event["id"], tmp_path / "lagi.pdf", today=dt.date(2027, 3, 20)
    )
    number = next(ln for ln in text.splitlines() if "Nomor:" in ln)
    reprint = PdfReader(again).pages[0].extract_text()
    assert number in reprint and "12 Maret 2027" in reprint and "20 Maret 2027" not in reprint


def test_self_paid_cover_is_recorded_without_touching_the_budget(hundred):
    worker = registry.store.list_workers(hundred.db, limit=1)[0]
    funded = budget.fund_workers(hundred, YEAR, [worker.id], months=6, funding="self")
    assert funded.workers == 1 and program.committed(hundred.db, YEAR) == 0
    (period,) = program.periods_of(hundred.db, worker.id)
    assert period["funding"] == "self" and period["months"] == 6
    from desktop_app.services.worker_list import Filters, fetch_rows

    assert coverage_status(budget.periods(hundred, worker.id), dt.date(YEAR, 3, 1)) == "active"
    assert coverage_status(budget.periods(hundred, worker.id), dt.date(YEAR, 8, 1)) == "grace"
    # the worker list shows it too (as of today, before the period: not paid yet)
    row = next(r for r in fetch_rows(hundred, Filters(search=worker.nik)))
    assert row.coverage_label == "Belum dibayar"


def test_renewal_list_prints_everyone_due_next_month(hundred, tmp_path):
    budget.set_budget(hundred, YEAR, 40_000_000)
    budget.fund_workers(hundred, YEAR)
    path, count = budget.print_renewals(hundred, dt.date(YEAR + 1, 1, 1), tmp_path / "p.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert count == 100 and "JANUARI" in text and text.count("31-12-2027") == 100
    someone = registry.store.list_workers(hundred.db, limit=1)[0]
    assert someone.full_name in text


def test_a_worker_funded_from_july_is_covered_and_charged_for_six_months(hundred):
    budget.set_budget(hundred, YEAR, 40_000_000)
    worker = registry.store.list_workers(hundred.db, limit=1)[0]
    funded = budget.fund_workers(hundred, YEAR, [worker.id], first_month=7)
    (period,) = program.periods_of(hundred.db, worker.id)
    assert (period["start_month"], period["months"]) == (f"{YEAR}-07-01", 6)
    assert funded.total == sum(
        c.total for c in budget.cost_for(hundred, worker, YEAR, 6, first_month=7)
    )
    assert coverage_status(budget.periods(hundred, worker.id), dt.date(YEAR, 6, 30)) == "none"
    with pytest.raises(InvalidInput):
        budget.fund_workers(hundred, YEAR, [worker.id], months=8, first_month=7)
