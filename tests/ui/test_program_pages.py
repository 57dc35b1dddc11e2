"""Budget, reports, printing and events in the window, checked in the database and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QHorizontalBarSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from desktop_app.domain.formatting import tanggal
from desktop_app.services import budget
from desktop_app.store import program
from desktop_app.store import workers as worker_store
from desktop_app.ui.dialogs.event_dialog import EventDialog
from desktop_app.ui.dialogs.print_dialog import PrintDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.budget import BudgetPage
from desktop_app.ui.pages.reports import ReportsPage

YEAR = dt.date.today().year + 1


@pytest.fixture
def window(qtbot, demo_village):
    w = MainWindow(demo_village)
    qtbot.addWidget(w)
    w.show()
    return w


def test_clerk_sets_the_budget_and_funds_everyone_and_sees_progress(qtbot, window, demo_village):
    page = window.page(BudgetPage)
    page.year.setValue(YEAR)
    amount = page.findChild(QLineEdit, "allocated")
    amount.clear()
    qtbot.keyClicks(amount, "5.000.000")
    page.findChild(QPushButton, "save_budget").click()
    assert budget.summary(demo_village, YEAR).allocated == 5_000_000
    page.findChild(QPushButton, "fund_all").click()
    message = page.findChild(QLabel, "budget_message").text()
    assert "Anggaran kurang Rp" in message
    assert program.committed(demo_village.db, YEAR) == 0

    amount.clear()
    qtbot.keyClicks(amount, "20.000.000")
    page.findChild(QPushButton, "save_budget").click()
    page.findChild(QPushButton, "fund_all").click()
    assert len(program.funded_worker_ids(demo_village.db, YEAR)) == 30
    assert page.progress.value() == 30 and "30 dari 100" in page.progress.format()
    assert "APBD" in page.findChild(QLabel, "policy").text()


def test_the_window_refuses_to_fund_a_year_already_past(qtbot, window, demo_village):
    page = window.page(BudgetPage)
    last_year = dt.date.today().year - 1
    budget.set_budget(demo_village, last_year, 20_000_000)
    page.year.setValue(last_year)
    page.findChild(QPushButton, "fund_all").click()
    assert "sudah lewat" in page.findChild(QLabel, "budget_message").text()
    assert program.funded_worker_ids(demo_village.db, last_year) == set()
    assert "Motoris dihitung sebagai sektor transportasi" in page.policy.text()


def test_reports_page_draws_the_coverage_chart_by_occupation(qtbot, window, demo_village):
    budget.set_budget(demo_village, YEAR, 20_000_000)
    budget.fund_workers(demo_village, YEAR)
    page = window.page(ReportsPage)
    window.sidebar.setCurrentRow(window.pages.index(page))
    page.year.setValue(YEAR)
    (series,) = [s for s in page.chart.series() if isinstance(s, QHorizontalBarSeries)]
    registered = series.barSets()[0]
    assert sum(registered.at(i) for i in range(registered.count())) == 30
    assert "dibiayai 30" in page.findChild(QLabel, "figures").text()
    combo = page.findChild(QComboBox, "dimension")
    combo.setCurrentIndex(combo.findData("sex"))
    (series,) = page.chart.series()
    assert series.barSets()[0].count() <= 2


@pytest.fixture
def dialog(qtbot, demo_village):
    """The print dialog over the demo village, every worker funded for YEAR."""
    budget.set_budget(demo_village, YEAR, 20_000_000)
    budget.fund_workers(demo_village, YEAR)
    dialog = PrintDialog(demo_village, None)
    qtbot.addWidget(dialog)
    dialog.year.setValue(YEAR)
    return dialog


def test_print_dialog_makes_a_preview_of_the_real_pdf(qtbot, dialog):
    dialog.kind.setCurrentIndex(dialog.kind.findData("cards"))
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=20_000)
    assert dialog.document.pageCount() == 6  # 30 cards: three sheets, fronts and backs
    assert len(PdfReader(dialog.pdf_path).pages) == 6
    assert dialog.print_button.isEnabled() and "30 pekerja" in dialog.info.text()


@pytest.mark.parametrize("kind", ["cards", "register"])
def test_printing_puts_each_page_whole_on_a4_portrait_turning_the_landscape_register(
    qtbot, dialog, demo_village, tmp_path, kind, monkeypatch
):
    from PySide6.QtPrintSupport import QPrinter

    from desktop_app.services import letterhead
    from desktop_app.ui.dialogs import print_dialog

    monkeypatch.setattr(print_dialog, "PRINT_DPI", 60)  # the same path, quicker to render
    letterhead.save(demo_village, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=20_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.send_to(printer)  # what print_pdf does once the clerk picks a printer

    printed = PdfReader(tmp_path / "printed.pdf").pages
    assert len(printed) == dialog.document.pageCount()
    for page in printed:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)  # A4
        (image,) = page.images
        width, height = image.image.size
        assert width < height  # upright on the paper, the register turned a quarter
        assert abs(width - 8.27 * 60) < 3  # the whole page, at the capped resolution


def test_batal_while_sending_pages_stops_the_print_job(qtbot, dialog, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QProgressDialog

    from desktop_app.ui.dialogs import print_dialog

    sent = []

    class PressBatalAfterTheFirstPage(QProgressDialog):
        def wasCanceled(self):
            sent.append(self.value())
            return max(sent) >= 1  # pressed once, it stays pressed

    monkeypatch.setattr(print_dialog, "QProgressDialog", PressBatalAfterTheFirstPage)
    monkeypatch.setattr(print_dialog, "PRINT_DPI", 60)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cards"))
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=20_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.send_to(printer) is False
    assert max(sent) == 1 and dialog.document.pageCount() == 6  # stopped at page 2 of 6


def test_cancelling_letters_midway_stops_the_layout_and_leaves_no_preview(
    qtbot, dialog, demo_village, monkeypatch
):
    from desktop_app.services import letterhead, printing

    letterhead.save(demo_village, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    reports = []
    real = printing.print_documents

    def press_cancel_after_the_first_letter(inst, kind, out, year, ids, progress):
        def report(done, total):
            reports.append(done)
            dialog.progress.job.cancel()  # as the Batal button does, from the job's thread
            progress(done, total)

        return real(inst, kind, out, year, ids, report)

    monkeypatch.setattr(printing, "print_documents", press_cancel_after_the_first_letter)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.progress.job is None, timeout=20_000)
    assert reports == [1]  # stopped while laying out the first of 30 letters
    assert dialog.pdf_path is None and "Dibatalkan" in dialog.info.text()
    assert not list(dialog._tmp.glob("*.pdf"))


def test_letters_without_the_head_name_say_what_to_fill_in(qtbot, dialog):
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.progress.job is None, timeout=20_000)
    assert dialog.pdf_path is None and "Nama kepala desa belum diisi" in dialog.info.text()


def test_recording_a_death_ends_membership_and_says_an_unfunded_worker_gets_nothing(
    qtbot, demo_village
):
    worker = worker_store.list_workers(demo_village.db, limit=1)[0]
    dialog = EventDialog(demo_village, worker.id)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("death"))
    dialog.cause.setCurrentIndex(dialog.cause.findData("non_work"))
    dialog.event_date.setText((dt.date.today() - dt.timedelta(days=1)).strftime("%d-%m-%Y"))
    dialog.save()
    assert dialog.saved is not None
    assert worker_store.get_worker(demo_village.db, worker.id).status == "ended"
    assert "Tidak terlindungi" in dialog.findChild(QLabel, "event_message").text()
    assert dialog.entitlements.item(0, 0).text() == "JKM: santunan sekaligus"
    assert dialog.entitlements.item(0, 1).text() == "Rp0"
    assert dialog.claim_letter.isEnabled()
    dialog.write_claim_letter(demo_village.data_dir / "klaim.pdf")  # no head's name yet
    assert "Nama kepala desa belum diisi" in dialog.message.text()
    assert not (demo_village.data_dir / "klaim.pdf").exists()
    assert dialog.history.rowCount() == 1 and dialog.history.item(0, 2).text() == "Disiapkan"
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert dialog.history.item(0, 0).text() == tanggal(yesterday)  # 23 November 2026, not ISO
    dialog.history.selectRow(0)
    dialog.claim_status.setCurrentIndex(dialog.claim_status.findData("paid"))
    dialog.update_claim()
    assert dialog.history.item(0, 2).text() == "Dibayar"
    from desktop_app.services import events

    (stored,) = events.list_events(demo_village, worker.id)
    assert stored["claim_status"] == "paid"


def test_letterhead_dialog_saves_and_refuses_a_pattern_without_seq(qtbot, demo_village):
    from desktop_app.services import letterhead
    from desktop_app.ui.dialogs.letterhead_dialog import LetterheadDialog

    dialog = LetterheadDialog(demo_village)
    qtbot.addWidget(dialog)
    name = dialog.findChild(QLineEdit, "head_name")
    name.clear()
    qtbot.keyClicks(name, "Hj. Nurhayati Basri")
    pattern = dialog.findChild(QLineEdit, "number_pattern")
    pattern.setText("400.10/DS-TA/{year}")
    dialog.save()
    assert "{seq}" in dialog.findChild(QLabel, "letterhead_error").text()
    assert letterhead.settings(demo_village).head_name != "Hj. Nurhayati Basri"
    pattern.setText("400.10/{seq}/DS-TA/{roman_month}/{year}")
    dialog.save()
    saved = letterhead.settings(demo_village)
    assert saved.head_name == "Hj. Nurhayati Basri" and saved.number_pattern.startswith("400.10/")


def test_a_scanned_card_is_checked_and_a_changed_one_is_refused(qtbot, demo_village):
    from desktop_app.services import printing
    from desktop_app.ui.dialogs.verify_card_dialog import VerifyCardDialog

    budget.set_budget(demo_village, YEAR, 20_000_000)
    budget.fund_workers(demo_village, YEAR)
    worker = worker_store.list_workers(demo_village.db, limit=1)[0]
    people, niks, _ = printing.participants(demo_village, [worker.id], YEAR)
    (card,) = printing.card_items(demo_village, people, niks)
    dialog = VerifyCardDialog(demo_village)
    qtbot.addWidget(dialog)
    payload = dialog.findChild(QLineEdit, "payload")
    verdict = dialog.findChild(QLabel, "verdict")

    qtbot.keyClicks(dialog.findChild(QLineEdit, "nik"), worker.nik)
    qtbot.keyClicks(payload, card.qr_payload)
    qtbot.keyClick(payload, Qt.Key.Key_Return)  # what a USB scanner sends after the code
    assert verdict.text().startswith("SAH: Kartu sah, diterbitkan desa Tanjung Aru (65.03.10.2004)")
    assert payload.text() == ""  # ready for the next card

    changed = card.qr_payload[:20] + ("B" if card.qr_payload[20] == "A" else "A")
    qtbot.keyClicks(payload, changed + card.qr_payload[21:])
    dialog.findChild(QPushButton, "check").click()
    assert verdict.text().startswith("TIDAK SAH: Tanda tangan kartu tidak sah")


def test_print_dialog_defaults_to_the_year_in_force_and_says_why_nothing_prints(
    qtbot, demo_village
):
    this_year = dt.date.today().year
    budget.set_budget(demo_village, this_year, 20_000_000)
    budget.fund_workers(demo_village, this_year)
    budget.set_budget(demo_village, this_year + 1, 20_000_000)  # next year's budget, set early
    dialog = PrintDialog(demo_village, None)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == this_year
    dialog.year.setValue(this_year + 1)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cards"))
    dialog.generate()
    qtbot.waitUntil(lambda: "Tidak ada yang dapat dicetak" in dialog.info.text(), timeout=20_000)
    assert f"Belum ada pekerja yang dibiayai untuk tahun {this_year + 1}" in dialog.info.text()
    assert dialog.pdf_path is None
