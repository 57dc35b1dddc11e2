"""Save screenshots of the window and PNGs of the documents into docs/.

python docs/screenshots.py      (offscreen; needs pdftoppm from poppler-utils)
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QScrollArea

from desktop_app.services import budget, letterhead, people, printing, sync
from desktop_app.services.demo import seed_demo_village
from desktop_app.services.installation import init_district
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.dialogs.worker_dialog import WorkerDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.budget import BudgetPage
from desktop_app.ui.pages.reports import ReportsPage
from desktop_app.ui.pages.sync import SyncPage
from desktop_app.ui.pages.villages import VillagesPage

DOCS = Path(__file__).resolve().parent
YEAR = dt.date.today().year  # covered now, so the chart shows active members too


def shot(app: QApplication, widget, name: str) -> None:
    widget.show()
    app.processEvents()
    widget.grab().save(str(DOCS / name))


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


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        district, profile = init_district(base / "kabupaten", "65.03")
        inst = seed_demo_village(base / "desa", 100)
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
        budget.set_budget(inst, YEAR, 40_000_000, working_residents=112)
        budget.fund_workers(inst, YEAR)

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
        people_shots(app, inst, window.pages[0].model.worker_id(0))
        for w in (window, officer):
            w.close()
        inst.close()
        district.close()


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
