"""Letters, cards and registers read back from the PDF; QR payloads verified and tampered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re

import pytest
from cli_helpers import run
from pypdf import PdfReader

from desktop_app.device import clock
from desktop_app.domain.errors import Refused
from desktop_app.services import budget, letterhead, printing
from desktop_app.services.demo import seed_demo_village
from desktop_app.store import workers as worker_store

YEAR = 2027


@pytest.fixture
def funded(data_dir):
    with clock.living_at(dt.date(2026, 12, 1)):  # 2027 is funded before its first month
        inst = seed_demo_village(data_dir, 23)
        budget.set_budget(inst, YEAR, 20_000_000)
        budget.fund_workers(inst, YEAR)
        letterhead.save(inst, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
        yield inst
        inst.close()


def text_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_letters_carry_every_worker_with_masked_nik_and_unique_stable_numbers(funded, tmp_path):
    letterhead.save(
        funded,
        letterhead.LetterheadSettings(
            head_name="Hj. Nurhayati Basri",
            number_pattern="400.10/{seq}/DS-TA/{roman_month}/{year}",
        ),
    )
    first = printing.print_documents(funded, "letters", tmp_path / "a.pdf", YEAR)
    pages = text_of(first.path)
    assert first.count == 23 and len(pages) == 23
    workers = worker_store.list_workers(funded.db, limit=100)
    for w in workers:
        page = next(p for p in pages if w.full_name in p)
        assert f"{w.nik[:4]}********{w.nik[-4:]}" in page and w.nik not in page
        assert "Hj. Nurhayati Basri" in page and "Rp" in page
    numbers = [
        line.split("Nomor: ")[1].split()[0]
        for p in pages
        for line in p.splitlines()
        if "Nomor: " in line
    ]
    assert len(set(numbers)) == 23 and numbers[0].startswith("400.10/001/DS-TA/")

    again = printing.print_documents(
        funded, "letters", tmp_path / "b.pdf", YEAR, ids=[workers[5].id]
    )
    (page,) = text_of(again.path)
    first_page = next(p for p in pages if workers[5].full_name in p)
    number = next(line for line in first_page.splitlines() if "Nomor: " in line)
    assert number in page  # a reprint keeps its number


def test_full_nik_is_printed_when_the_village_chooses_so(funded, tmp_path):
    letterhead.save(funded, dataclasses.replace(letterhead.settings(funded), mask_nik=False))
    worker = worker_store.list_workers(funded.db, limit=1)[0]
    result = printing.print_documents(funded, "letters", tmp_path / "a.pdf", YEAR, [worker.id])
    assert worker.nik in text_of(result.path)[0]


def test_cards_are_ten_to_a_sheet_with_a_back_page_for_each_sheet(funded, tmp_path):
    result = printing.print_documents(funded, "cards", tmp_path / "c.pdf", YEAR)
    pages = text_of(result.path)
    sheets = math.ceil(23 / 10)
    assert len(pages) == 2 * sheets
    fronts, backs = pages[0::2], pages[1::2]
    assert all("BILA TERJADI KECELAKAAN KERJA" in b for b in backs)
    assert [f.count("SATU DESA, 100 PEKERJA RENTAN") for f in fronts] == [10, 10, 3]
    for w in worker_store.list_workers(funded.db, limit=100):
        front = next(f for f in fronts if w.full_name in f)
        assert f"{w.nik[:4]}********{w.nik[-4:]}" in front and w.nik not in front


def test_register_lists_funded_workers_with_total_and_page_numbers(funded, tmp_path):
    result = printing.print_documents(funded, "register", tmp_path / "r.pdf", YEAR)
    pages = text_of(result.path)
    total = budget.summary(funded, YEAR).committed
    joined = "\n".join(pages)
    assert [f"Halaman {i} dari {len(pages)}" in p for i, p in enumerate(pages, 1)] == [True] * len(
        pages
    )
    assert all("Iuran setahun" in p and "NIK" in p for p in pages)  # the header repeats
    assert f"Rp{total:,}".replace(",", ".") in joined and "Jumlah: 23 pekerja" in joined
    for w in worker_store.list_workers(funded.db, limit=100):
        masked = f"{w.nik[:4]}********{w.nik[-4:]}"
        assert re.search(rf"{re.escape(w.full_name)}\s+{re.escape(masked)}", joined), w.full_name
    # 23 rows and the signature do not fit one page: the signature does not go alone.
    *_, last = pages
    assert len(pages) == 2 and "Jumlah: 23 pekerja" in last and "Hj. Nurhayati Basri" in last
    assert last.count("********") == 3


def test_worker_without_coverage_is_listed_with_the_reason_not_printed_half_empty(funded, tmp_path):
    from forms import BUDI

    from desktop_app.services import registry

    unfunded = registry.register_worker(funded, BUDI).worker
    result = printing.print_documents(funded, "letters", tmp_path / "x.pdf", YEAR, [unfunded.id])
    assert result.path is None and result.count == 0
    assert result.missing == [
        ("Budi Santoso", f"belum ada masa kepesertaan tahun {YEAR} (belum dibiayai)")
    ]


def test_qr_payload_verifies_and_any_changed_byte_fails(funded, capsys):
    worker = worker_store.list_workers(funded.db, limit=1)[0]
    people, niks, _ = printing.participants(funded, [worker.id], YEAR)
    (card,) = printing.card_items(funded, people, niks)
    payload = card.qr_payload
    verdict = printing.verify_card_payload(funded, payload, worker.nik)
    assert verdict.valid and verdict.card.worker_id == worker.id
    assert verdict.card.village_code == "65.03.10.2004"
    assert "berlaku sampai 31 Desember 2027" in verdict.reason
    assert not printing.verify_card_payload(funded, payload, "6503100101010009").valid
    body = payload[4:]
    for i in range(len(body) - 1):  # the last character carries padding bits only in part
        changed = body[:i] + ("A" if body[i] != "A" else "B") + body[i + 1 :]
        assert not printing.verify_card_payload(funded, "SD1:" + changed).valid, i
    code, out, _ = run(capsys, funded.data_dir, "verify-card", payload)
    assert code == 0 and out.startswith("SAH")
    code, out, _ = run(capsys, funded.data_dir, "verify-card", "SD1:" + body[:-3] + "xyz")
    assert code == 1 and out.startswith("TIDAK SAH")


def test_cli_prints_cards_and_says_who_was_left_out(funded, tmp_path, capsys):
    from forms import BUDI

    from desktop_app.services import registry

    registry.register_worker(funded, BUDI)
    worker = worker_store.list_workers(funded.db, limit=1)[0]
    code, out, _ = run(
        capsys,
        funded.data_dir,
        "print",
        "cards",
        "--year",
        str(YEAR),
        "--out",
        str(tmp_path / "k.pdf"),
        "--id",
        worker.id,
        "6503101203850002",
    )
    assert code == 0 and "1 pekerja" in out and "tidak dicetak: Budi Santoso" in out
    assert len(PdfReader(tmp_path / "k.pdf").pages) == 2


def test_letters_and_register_wait_for_the_head_name_but_cards_do_not(funded, tmp_path):
    letterhead.save(funded, letterhead.LetterheadSettings(contact="0813 4700 1234"))
    for kind in ("letters", "register"):
        with pytest.raises(Refused) as refused:
            printing.print_documents(funded, kind, tmp_path / f"{kind}.pdf", YEAR)
        assert refused.value.code == "letterhead.no_head_name"
        assert not (tmp_path / f"{kind}.pdf").exists()
    cards = printing.print_documents(funded, "cards", tmp_path / "cards.pdf", YEAR)
    assert cards.count == 23 and "Kantor desa: 0813 4700 1234" in text_of(cards.path)[1]


def test_a_logo_that_was_moved_away_is_refused_and_a_present_one_is_printed(funded, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), "darkgreen").save(logo)
    settings = dataclasses.replace(letterhead.settings(funded), logo_path=str(logo))
    letterhead.save(funded, settings)
    worker = worker_store.list_workers(funded.db, limit=1)[0]
    result = printing.print_documents(funded, "letters", tmp_path / "a.pdf", YEAR, [worker.id])
    assert len(PdfReader(result.path).pages[0].images) == 1
    logo.unlink()
    with pytest.raises(Refused) as refused:
        printing.print_documents(funded, "letters", tmp_path / "b.pdf", YEAR, [worker.id])
    assert refused.value.code == "letterhead.logo_missing" and str(logo) in refused.value.message


def test_a_worker_who_died_keeps_a_register_line_but_gets_no_new_card(funded, tmp_path):

    from desktop_app.services import events

    worker = worker_store.list_workers(funded.db, limit=1)[0]
    events.add_event(funded, worker.id, "death", dt.date.today(), cause="non_work")
    cards = printing.print_documents(funded, "cards", tmp_path / "k.pdf", YEAR)
    assert cards.count == 22 and [name for name, _ in cards.missing] == [worker.full_name]
    assert "kepesertaan sudah berakhir" in cards.missing[0][1]
    assert not any(worker.full_name in page for page in text_of(cards.path))
    register = printing.print_documents(funded, "register", tmp_path / "r.pdf", YEAR)
    assert register.count == 23 and worker.full_name in "\n".join(text_of(register.path))


def test_letters_signed_in_one_calendar_year_share_one_run_of_numbers(funded, tmp_path):

    letterhead.save(
        funded,
        dataclasses.replace(
            letterhead.settings(funded), number_pattern="400.10/{seq}/DS-TA/{roman_month}/{year}"
        ),
    )
    budget.set_budget(funded, YEAR + 1, 20_000_000)
    budget.fund_workers(funded, YEAR + 1)
    first, second = (w.id for w in worker_store.list_workers(funded.db, limit=2))

    def number_and_date(worker_id, fiscal_year, day):
        out = tmp_path / f"{worker_id}-{fiscal_year}-{day}.pdf"
        printing.print_documents(funded, "letters", out, fiscal_year, [worker_id], today=day)
        lines = text_of(out)[0].splitlines()
        number = next(line for line in lines if "Nomor: " in line).split("Nomor: ")[1]
        signed = next(line for line in lines if line.startswith("Sebatik Timur, "))
        return number.strip(), signed.removeprefix("Sebatik Timur, ").strip()

    # This year's letter and next year's, signed in the same December: one book, 001 then 002.
    assert number_and_date(first, YEAR, dt.date(YEAR, 12, 1)) == (
        "400.10/001/DS-TA/XII/2027",
        "1 Desember 2027",
    )
    assert number_and_date(first, YEAR + 1, dt.date(YEAR, 12, 2))[0] == "400.10/002/DS-TA/XII/2027"
    # A new calendar year starts the book again.
    assert (
        number_and_date(second, YEAR + 1, dt.date(YEAR + 1, 1, 5))[0] == "400.10/001/DS-TA/I/2028"
    )
    # A reprint is a copy: the number and the date it was first signed.
    assert number_and_date(first, YEAR + 1, dt.date(YEAR + 1, 1, 6)) == (
        "400.10/002/DS-TA/XII/2027",
        "2 Desember 2027",
    )
