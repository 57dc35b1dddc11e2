"""Save screenshots of the window and PNGs of the documents into docs/.

python docs/screenshots.py [--district] (offscreen; needs pdftoppm from poppler-utils)
python docs/screenshots.py --only lists  (only the list import, its error workbook, duplicates)
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path, PureWindowsPath

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the messy test list

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QTableWidget, QTableWidgetItem

from desktop_app.device import clock
from desktop_app.services import auto_backup, events, letterhead, people, printing, sync
from desktop_app.services.demo import make_demo, seed_demo_village
from desktop_app.services.installation import init_district
from desktop_app.store import family
from desktop_app.store import workers as worker_store
from desktop_app.ui.dialogs.backup_dialog import BackupDialog, RestoreDialog
from desktop_app.ui.dialogs.event_dialog import EventDialog
from desktop_app.ui.dialogs.help_window import HelpWindow
from desktop_app.ui.dialogs.print_dialog import PrintDialog
from desktop_app.ui.dialogs.setup_dialog import SetupDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.dialogs.worker_dialog import WorkerDialog
from desktop_app.ui.main_window import WINDOW_SIZE, MainWindow
from desktop_app.ui.pages.budget import BudgetPage
from desktop_app.ui.pages.reports import ReportsPage
from desktop_app.ui.pages.sync import SyncPage
from desktop_app.ui.pages.villages import VillagesPage

DOCS = Path(__file__).resolve().parent
YEAR = dt.date.today().year  # covered now, so the chart shows active members too


GUIDE_WIDTH = 680  # the guide's pictures fit its window at F1 without a sideways scroll


def shot(app: QApplication, widget, name: str) -> None:
    widget.show()
    app.processEvents()
    picture = widget.grab()
    if name.startswith("panduan/") and picture.width() > GUIDE_WIDTH:
        picture = picture.scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    picture.save(str(DOCS / name))


def show_page(app: QApplication, window: MainWindow, page_class: type) -> None:
    window.sidebar.setCurrentRow(window.pages.index(window.page(page_class)))
    app.processEvents()


def pdf_png(pdf: Path, name: str, page: int = 1, dpi: int = 80) -> None:
    stem = DOCS / name.removesuffix(".png")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def _schoolchildren(inst, worker_id: str) -> int:
    levels = [c["school_level"] for c in family.children_of(inst.db, worker_id)]
    return sum(level in ("sd", "smp", "sma") for level in levels) if len(levels) == 2 else 0


def event_dialog_and_claim_letter(app: QApplication, inst, base: Path, spare: str) -> None:
    """A seaweed farmer with two children at school dies at work, nine days ago."""
    day = clock.today() - dt.timedelta(days=9)
    farmer = next(
        w
        for w in worker_store.list_workers(inst.db, limit=1000)
        if w.id != spare  # the history screenshot's worker lives on
        and w.occupation == "pembudidaya_rumput_laut"
        and _schoolchildren(inst, w.id) >= 2
    )
    dialog = EventDialog(inst, farmer.id)
    dialog.kind.setCurrentIndex(dialog.kind.findData("death"))
    dialog.cause.setCurrentIndex(dialog.cause.findData("work"))
    dialog.event_date.setText(day.strftime("%d-%m-%Y"))
    dialog.place.setText("Budidaya rumput laut, perairan Sebatik")
    dialog.save()
    shot(app, dialog, "event-dialog.png")
    out = base / "klaim.pdf"
    event = events.list_events(inst, farmer.id)[-1]
    events.print_claim_letter(inst, event["id"], out)
    pdf_png(out, "claim-letter.png")
    dialog.close()


def workbook_table(path: Path) -> QTableWidget:
    """A workbook's first sheet in a table, to show what the clerk opens in Excel."""
    from openpyxl import load_workbook

    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    table = QTableWidget(len(rows) - 1, len(rows[0]))
    table.setHorizontalHeaderLabels([str(h) for h in rows[0]])
    table.setWordWrap(True)
    for r, row in enumerate(rows[1:]):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()
    table.setColumnWidth(len(rows[0]) - 1, 520)
    table.resizeRowsToContents()
    table.resize(1500, 220)
    return table


def list_screenshots(app: QApplication, base: Path) -> None:
    """The import preview, the workbook of rows to fix, and the likely-duplicate warning."""
    from list_files import messy_xlsx

    from desktop_app.services import duplicates, list_import
    from desktop_app.services.installation import init_village
    from desktop_app.ui.dialogs.duplicates_dialog import DuplicatePairsDialog, DuplicateWarning
    from desktop_app.ui.dialogs.import_wizard import ImportWizard

    inst = init_village(base / "impor", "65.03.10.2004", user="operator")
    wizard = ImportWizard(inst)
    wizard.path.setText(str(messy_xlsx(base / "daftar-pekerja-2026.xlsx")))
    wizard.next.click()
    shot(app, wizard, "import-preview.png")
    listed, mapping = list_import.open_list(inst, wizard.path.text())
    result = list_import.import_list(inst, listed, mapping)
    errors = list_import.save_refused(result, base / "perlu-diperbaiki.xlsx")
    shot(app, workbook_table(errors), "import-errors-workbook.png")
    from desktop_app.domain.worker import WorkerForm

    twin = WorkerForm(
        nik="6503104508900009",
        full_name="SITI AMINAH",
        birth_date="05-08-1990",
        sex="P",
        occupation="pekebun",
        monthly_income="1.500.000",
    )
    warning = DuplicateWarning(duplicates.matches_for_form(inst, twin))
    shot(app, warning, "duplicate-warning.png")
    pairs = DuplicatePairsDialog(inst)
    shot(app, pairs, "duplicate-pairs.png")
    for w in (wizard, warning, pairs):
        w.close()
    inst.close()


def district_shots(app: QApplication, base: Path) -> None:
    """The district's board, its kecamatan chart and a report page, from a demo regency."""
    import sqlite3

    from desktop_app.services import district_board, district_report_files
    from desktop_app.services.district_demo import make_district_demo
    from desktop_app.store.db import DB_FILENAME
    from desktop_app.ui.pages.district_board import BoardPage
    from desktop_app.ui.pages.district_reports import DistrictReportsPage

    district, villages = make_district_demo(base / "kabupaten-demo", 24, 25, 12)
    # Two villages last sent 45 days ago, so the board shows how a silent village stands out.
    conn = sqlite3.connect(district.data_dir / DB_FILENAME)
    stale = (dt.datetime.now(dt.UTC) - dt.timedelta(days=45)).isoformat(timespec="seconds")
    for v in villages[-2:]:
        conn.execute("UPDATE villages SET last_batch_at = ? WHERE code = ?", [stale, v.code])
    conn.commit()
    conn.close()
    officer = MainWindow(district)
    officer.resize(1366, 768)  # a district office's screen
    show_page(app, officer, BoardPage)
    board = officer.page(BoardPage)
    board.desa_table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # the villages that sent
    shot(app, officer, "district-board.png")
    show_page(app, officer, DistrictReportsPage)
    shot(app, officer, "district-kecamatan-chart.png")
    report = district_board.district_report(district, YEAR, with_months=True)
    for kind in ("kecamatan", "paritrana"):
        out = base / f"district-{kind}.pdf"
        district_report_files.write_district_report(report, kind, out)
        pdf_png(out, f"district-report-{kind}.png")
    officer.close()
    district.close()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    only = {"--district": district_shots, "--only": list_screenshots}
    for flag, shots in only.items():
        if flag in sys.argv:  # only the district's, or the list import's, images
            with tempfile.TemporaryDirectory() as tmp:
                shots(app, Path(tmp))
            return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        district, profile = init_district(base / "kabupaten", "65.03")
        inst = make_demo(base / "desa", 100, demo=False)  # lived through: funded since January
        from desktop_app.services.installation import bind_district

        bind_district(inst, profile)
        letterhead.save(
            inst,
            letterhead.LetterheadSettings(
                address="Jl. Trans Sebatik, Tanjung Aru, Sebatik Timur, Nunukan 77483",
                head_name="Hj. Nurhayati Basri",
                contact="0813 4700 1234",
                number_pattern="400.10/{seq}/DS-TA/{roman_month}/{year}",
            ),
        )

        window = MainWindow(inst)
        window.resize(1200, 720)
        shot(app, window, "main-window.png")
        dialog = WorkerDialog(inst, window.pages[0].model.worker_id(0))
        shot(app, dialog, "worker-dialog.png")
        dialog.close()
        show_page(app, window, BudgetPage)
        window.page(BudgetPage).year.setValue(YEAR)
        shot(app, window, "budget-page.png")
        show_page(app, window, ReportsPage)
        window.page(ReportsPage).year.setValue(YEAR)
        app.processEvents()
        shot(app, window, "coverage-chart.png")
        show_page(app, window, SyncPage)
        shot(app, window, "sync-page.png")

        for kind in ("letters", "cards", "register"):
            out = base / f"{kind}.pdf"
            printing.print_documents(inst, kind, out, YEAR)
            pdf_png(out, f"{kind.removesuffix('s')}.png")
        pdf_png(base / "cards.pdf", "card-back.png", page=2)

        usb = base / "usb"
        usb.mkdir()
        sync.export(inst, usb)
        sync.import_files(district, list(usb.iterdir()), trust_new=True)
        officer = MainWindow(district)
        officer.resize(1200, 600)
        officer.page(VillagesPage).refresh()
        shot(app, officer, "district-villages.png")
        event_dialog_and_claim_letter(app, inst, base, window.pages[0].model.worker_id(0))
        people_shots(app, inst, window.pages[0].model.worker_id(0))
        for w in (window, officer):
            w.close()
        guide_shots(app, base, inst)
        inst.close()
        district.close()
        demo = seed_demo_village(base / "contoh", 100)
        demo_window = MainWindow(demo)
        demo_window.resize(*WINDOW_SIZE)
        shot(app, demo_window, "main-window-demo.png")
        help_window = HelpWindow(demo_window)
        help_window.browser.verticalScrollBar().setValue(0)
        shot(app, help_window, "help-window.png")
        demo_window.close()
        demo.close()
        list_screenshots(app, base)
        district_shots(app, base)


def wait_for(app: QApplication, done) -> None:
    """Let background jobs finish (a screenshot script may wait; tests use qtbot instead)."""
    deadline = time.monotonic() + 60
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def guide_shots(app: QApplication, base: Path, inst) -> None:
    """The pictures of docs/panduan.md, the guide shown at F1."""
    guide = DOCS / "panduan"
    guide.mkdir(exist_ok=True)
    setup = SetupDialog(PureWindowsPath(r"C:\Users\operator\AppData\Local\SatuDesa"))
    shot(app, setup, "panduan/setup.png")
    setup.close()
    window = MainWindow(inst)
    window.resize(*WINDOW_SIZE)
    register = WorkerDialog(inst, window.pages[0].model.worker_id(3))
    shot(app, register, "panduan/register.png")
    register.close()
    show_page(app, window, BudgetPage)
    window.page(BudgetPage).year.setValue(YEAR)
    shot(app, window, "panduan/fund.png")
    printer = PrintDialog(inst, None, window)
    printer.resize(900, 640)
    printer.show()  # the preview renders pages only once it is painted
    printer.kind.setCurrentIndex(printer.kind.findData("cards"))
    printer.generate()
    wait_for(app, lambda: printer.pdf_path is not None)
    settle = time.monotonic() + 2  # the preview renders its pages after the PDF is loaded
    wait_for(app, lambda: time.monotonic() > settle)
    shot(app, printer, "panduan/print.png")
    printer.close()
    page = window.page(SyncPage)
    show_page(app, window, SyncPage)
    usb = base / "usb-panduan"
    usb.mkdir()
    page.folder.setEditText("E:\\")
    shot(app, window, "panduan/export.png")
    backup_dialog = BackupDialog(inst, window)
    backup_dialog.path.setText("E:\\cadangan-tanjung-aru.sdbak")
    backup_dialog.passphrase.setText("rahasia-desa")
    backup_dialog.repeat.setText("rahasia-desa")
    shot(app, backup_dialog, "panduan/backup.png")
    backup_dialog.close()
    for _ in range(3):
        auto_backup.make_auto_backup(inst)
        time.sleep(1.1)  # one backup per second: each has its own name
    restore_dialog = RestoreDialog(inst, window)
    shot(app, restore_dialog, "panduan/restore.png")
    restore_dialog.close()
    damaged = usb / "satudesa-kembali_65.03.10.2004_000001_20261123.sdsync"
    exported = next((base / "usb").iterdir()).read_bytes()
    damaged.write_bytes(exported[: len(exported) // 2])  # a stick pulled out while copying
    page._imported(sync.import_files(inst, [damaged]))
    shot(app, window, "panduan/refused.png")
    window.close()


def people_shots(app: QApplication, inst, worker_id: str) -> None:
    """The sign-in dialog, and a worker's history after two people have worked on the record."""
    people.create_first_admin(inst, "ani", "Ani Lestari", "kunci-desa-2026")
    people.add_person(inst, "budi", "Budi Santoso", "operator", "operator-2026")
    sign_in = SignInDialog(inst)
    sign_in.username.setText("budi")
    sign_in.password.setText("operator-2026")
    shot(app, sign_in, "sign-in.png")
    sign_in.try_sign_in()
    dialog = WorkerDialog(inst, worker_id)
    dialog.set_value("phone", "081350001234")
    dialog.set_value("dusun", "Aji Kuning")
    dialog.save()
    dialog = WorkerDialog(inst, worker_id)
    dialog.resize(980, 820)
    dialog.show()
    app.processEvents()
    scroll = dialog.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    shot(app, dialog, "worker-history.png")
    dialog.close()


if __name__ == "__main__":
    main()
