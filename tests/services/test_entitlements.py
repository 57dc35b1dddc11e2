"""What a family is told it will receive, from the facts of the event day.

Every expected rupiah is written out by hand from the regulation (PP 44/2015 jo. PP 82/2019):
JKK death = 48 x the reported income + Rp12.000.000 (24 x Rp500.000) + Rp10.000.000 funeral;
JKM = Rp20.000.000 + Rp12.000.000 + Rp10.000.000; education TK/SD Rp1.500.000, SMP Rp2.000.000,
SMA Rp3.000.000, university Rp12.000.000 a year, until the child is 23.
"""

from __future__ import annotations

import datetime as dt

from cli_helpers import run_json

from desktop_app.device import clock
from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.domain.worker import WorkerForm
from desktop_app.services import budget, events, registry

NIK = "6503101203850002"
CHILDREN = [
    # 9 years old on 20 November 2026, class 4 of SD
    ChildForm("Putri Santoso", "01-03-2017", "P", school_level="sd", school_class="4"),
    # 20 years old on 20 November 2026, first year at university
    ChildForm("Rudi Santoso", "05-05-2006", "L", school_level="pt", school_class="1"),
]
GRANT_PUTRI = 3 * 1_500_000 + 3 * 2_000_000 + 3 * 3_000_000 + 5 * 12_000_000  # Rp79.500.000
GRANT_RUDI = 3 * 12_000_000  # ages 20, 21 and 22: Rp36.000.000


def _register(inst, income: str = "1.900.000") -> str:
    form = WorkerForm(
        nik=NIK,
        full_name="Budi Santoso",
        birth_date="12-03-1985",
        sex="L",
        occupation="nelayan",
        monthly_income=income,
    )
    return registry.register_worker(inst, form, HeirForm("Ani", "istri"), CHILDREN).worker.id


def _self_paid(inst, worker_id: str, living_at: dt.date, year: int, months: int, first=None):
    with clock.living_at(living_at):
        budget.fund_workers(inst, year, [worker_id], months, "self", first)


def _death(inst, worker_id: str, day: dt.date, cause: str) -> list[events.Entitlement]:
    with clock.living_at(day):
        event = events.add_event(inst, worker_id, "death", day, cause=cause)
    return events.entitlements(inst, event)


def test_a_work_death_through_the_command_line_lists_the_jkk_benefit_and_the_grants(
    village, data_dir, capsys
):
    with clock.living_at(dt.date(2026, 1, 10)):
        _register(village)
        run_json(capsys, data_dir, "budget", "set", "--year", "2026", "--amount", "1.000.000")
        funded = run_json(capsys, data_dir, "fund", "--year", "2026", "--id", NIK)
    assert funded["workers"] == 1  # February to December 2026
    with clock.living_at(dt.date(2026, 11, 29)):
        answer = run_json(
            capsys,
            data_dir,
            "event",
            "add",
            NIK,
            "death",
            "--date",
            "20-11-2026",
            "--cause",
            "work",
        )
    got = [(e["title"], e["amount"]) for e in answer["entitlements"]]
    assert got == [
        ("JKK: santunan kematian akibat kecelakaan kerja", 91_200_000),  # 48 x Rp1.900.000
        ("JKK: santunan berkala", 12_000_000),
        ("JKK: biaya pemakaman", 10_000_000),
        ("Beasiswa pendidikan: Rudi Santoso", 36_000_000),
        ("Beasiswa pendidikan: Putri Santoso", 79_500_000),
    ]
    assert GRANT_PUTRI == 79_500_000 and GRANT_RUDI == 36_000_000
    assert all(set(e) == {"title", "amount", "note"} for e in answer["entitlements"])
    putri = answer["entitlements"][4]["note"]
    assert "Kelas 4 SD" in putri and "Rp1.500.000 per tahun" in putri
    assert answer["coverage"]["state"] == "covered"


def test_the_death_of_a_worker_never_funded_promises_nothing_and_says_why(village):
    worker_id = _register(village)
    rights = _death(village, worker_id, dt.date(2026, 11, 20), "non_work")
    assert rights and all(r.amount == 0 for r in rights)
    assert all("Tidak terlindungi pada 20 November 2026" in r.note for r in rights[:3])
    assert "belum ada iuran" in rights[0].note


def test_the_death_of_a_lapsed_worker_promises_nothing_and_says_why(village):
    with clock.living_at(dt.date(2025, 1, 10)):
        worker_id = _register(village)
    _self_paid(village, worker_id, dt.date(2025, 1, 10), 2025, 6)  # February - July 2025
    rights = _death(village, worker_id, dt.date(2026, 11, 20), "work")
    assert [r.amount for r in rights] == [0, 0, 0, 0, 0]
    assert "kepesertaan berakhir, iuran terakhir sampai 31 Juli 2025" in rights[0].note


def test_a_death_in_the_grace_months_is_for_bpjs_to_verify(village):
    with clock.living_at(dt.date(2026, 1, 10)):
        worker_id = _register(village)
    _self_paid(village, worker_id, dt.date(2026, 1, 10), 2026, 8)  # February - September 2026
    rights = _death(village, worker_id, dt.date(2026, 11, 20), "non_work")
    assert rights[0].amount is None and rights[0].pending
    assert rights[0].amount_text == "perlu diverifikasi BPJS"
    assert "Bila diakui: Rp20.000.000" in rights[0].note


def _four_years(village) -> str:
    """36 months of contribution over four calendar years, with a seven-month gap in 2024."""
    with clock.living_at(dt.date(2023, 2, 1)):
        worker_id = _register(village)
    _self_paid(village, worker_id, dt.date(2023, 2, 15), 2023, 10)  # March - December 2023
    _self_paid(village, worker_id, dt.date(2023, 12, 10), 2024, 5)  # January - May 2024
    _self_paid(village, worker_id, dt.date(2024, 12, 10), 2025, 12)
    _self_paid(village, worker_id, dt.date(2025, 12, 10), 2026, 9)  # January - September 2026
    return worker_id


def test_a_non_work_death_after_36_paid_months_over_four_years_gives_the_grants(village):
    worker_id = _four_years(village)
    rights = _death(village, worker_id, dt.date(2026, 9, 20), "non_work")
    assert [(r.title, r.amount) for r in rights] == [
        ("JKM: santunan sekaligus", 20_000_000),
        ("JKM: santunan berkala (24 x Rp500.000, dibayar sekaligus)", 12_000_000),
        ("JKM: biaya pemakaman", 10_000_000),
        ("Beasiswa pendidikan: Rudi Santoso", 36_000_000),  # 20 on 20 September 2026
        # Putri is 9, class 4 of SD: 3 x Rp1.500.000 + 3 x Rp2.000.000 + 3 x Rp3.000.000
        # + 5 x Rp12.000.000
        ("Beasiswa pendidikan: Putri Santoso", 79_500_000),
    ]


def test_a_non_work_death_after_35_paid_months_gives_no_grant(village):
    worker_id = _four_years(village)
    rights = _death(village, worker_id, dt.date(2026, 8, 20), "non_work")
    assert [r.amount for r in rights] == [20_000_000, 12_000_000, 10_000_000, 0]
    assert rights[3].note == (
        "Belum berhak: masa iur 35 bulan, kurang dari 36 bulan "
        "(meninggal bukan akibat kecelakaan kerja)."
    )


def test_stmb_is_paid_on_the_bracket_not_on_the_declared_income(village):
    with clock.living_at(dt.date(2026, 1, 10)):
        worker_id = _register(village, "25.000.000")
    _self_paid(village, worker_id, dt.date(2026, 1, 10), 2026, 11)
    with clock.living_at(dt.date(2026, 11, 29)):
        event = events.add_event(
            village,
            worker_id,
            "accident",
            dt.date(2026, 11, 2),
            cause="work",
            unable_from=dt.date(2026, 11, 2),
            unable_to=dt.date(2026, 12, 1),
        )
    stmb = next(r for r in events.entitlements(village, event) if r.title.startswith("Santunan"))
    assert stmb.amount == 20_700_000  # 30 days at 100% of the highest bracket, Rp20.700.000


def test_a_work_accident_leaving_a_partial_disability_follows_the_table(village):
    with clock.living_at(dt.date(2026, 1, 10)):
        worker_id = _register(village, "2.000.000")
    _self_paid(village, worker_id, dt.date(2026, 1, 10), 2026, 11)
    with clock.living_at(dt.date(2026, 11, 29)):
        event = events.add_event(
            village,
            worker_id,
            "accident",
            dt.date(2026, 11, 2),
            cause="work",
            disability="partial",
            disability_part="lengan_kanan_bahu",
        )
    (arm,) = [r for r in events.entitlements(village, event) if "cacat" in r.title]
    assert arm.amount == 64_000_000  # 40% x 80 x Rp2.000.000


def test_a_non_work_death_gets_the_jkm_claim_letter_with_its_own_checklist(village, tmp_path):
    from pypdf import PdfReader

    from desktop_app.services import letterhead

    with clock.living_at(dt.date(2026, 1, 10)):
        worker_id = _register(village)
    _self_paid(village, worker_id, dt.date(2026, 1, 10), 2026, 11)
    letterhead.save(village, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    with clock.living_at(dt.date(2026, 11, 29)):
        event = events.add_event(
            village, worker_id, "death", dt.date(2026, 11, 20), cause="non_work"
        )
        events.print_claim_letter(village, event["id"], tmp_path / "jkm.pdf")
    text = " ".join(PdfReader(tmp_path / "jkm.pdf").pages[0].extract_text().split())
    assert "Klaim Jaminan Kematian (JKM)" in text and "Kecelakaan Kerja (JKK):" not in text
    assert "bukan akibat kecelakaan kerja pada 20 November 2026" in text
    assert "laporan kecelakaan" not in text and "Surat keterangan kematian" in text
    assert "Rp20.000.000" in text and "PP 49/2023" in text
