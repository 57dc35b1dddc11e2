"""Whole lists in the window: the import wizard, likely duplicates, sorting and saving the list."""

from __future__ import annotations

from forms import SITI, with_
from list_files import ADDED, HEADERS, messy_xlsx
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QPushButton

from desktop_app.services import duplicates, registry
from desktop_app.store import workers as store
from desktop_app.ui.dialogs.duplicates_dialog import DuplicatePairsDialog, DuplicateWarning
from desktop_app.ui.dialogs.import_wizard import ImportWizard
from desktop_app.ui.dialogs.worker_dialog import WorkerDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.workers import WorkersPage


def test_wizard_maps_previews_imports_and_saves_the_rows_to_fix(
    qtbot, village, tmp_path, monkeypatch
):
    wizard = ImportWizard(village)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.findChild(QLineEdit, "import_file").setText(str(messy_xlsx(tmp_path / "daftar.xlsx")))
    qtbot.mouseClick(wizard.findChild(QPushButton, "next"), Qt.MouseButton.LeftButton)
    occupation = wizard.findChild(QComboBox, f"map_{HEADERS.index('Pekerjaan')}")
    assert occupation.currentData() == "occupation"
    preview = wizard.preview_table
    assert preview.rowCount() == 9
    assert preview.item(1, 2).text() == "Ma'ruf Amin"  # as it will be registered
    assert preview.item(1, 3).text() == "12 Maret 1985"  # from an Excel day number
    assert "angka terakhirnya hilang" in preview.item(4, 7).text()
    assert "sudah ada di baris 6" in preview.item(6, 7).text()
    assert "Mungkin orang yang sama dengan baris 6" in preview.item(7, 7).text()
    assert wizard.next.text() == "Impor 9 baris"

    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=10_000)
    assert "Masuk: 6 pekerja" in wizard.findChild(QLabel, "summary").text()
    assert store.count_workers(village.db) == ADDED

    target = tmp_path / "perbaiki.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(wizard.findChild(QPushButton, "save_errors"), Qt.MouseButton.LeftButton)
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]][-1] == "Alasan" and sheet.max_row == 4
    assert "perbaiki.xlsx" in wizard.findChild(QLabel, "saved_label").text()


def test_wizard_explains_a_file_it_cannot_read_and_stays_on_the_first_step(
    qtbot, village, tmp_path
):
    wizard = ImportWizard(village)
    qtbot.addWidget(wizard)
    wizard.findChild(QLineEdit, "import_file").setText(str(tmp_path / "tidak-ada.xlsx"))
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.steps.currentIndex() == 0
    assert "tidak ditemukan" in wizard.findChild(QLabel, "file_error").text()


def test_a_column_left_out_by_the_clerk_is_remembered_next_time(qtbot, village, tmp_path):
    path = messy_xlsx(tmp_path / "daftar.xlsx")
    first = ImportWizard(village)
    qtbot.addWidget(first)
    first.path.setText(str(path))
    first.next.click()
    dusun = first.findChild(QComboBox, f"map_{HEADERS.index('Dusun')}")
    place = first.findChild(QComboBox, f"map_{HEADERS.index('Tempat Lahir')}")
    place.setCurrentIndex(place.findData("dusun"))  # a slip: dusun is read from one column only
    assert dusun.currentData() == ""
    place.setCurrentIndex(place.findData("birth_place"))
    first.next.click()
    qtbot.waitUntil(lambda: first.outcome is not None, timeout=10_000)
    assert store.find_by_nik(village.db, "6503104508900001").dusun is None
    again = ImportWizard(village)
    qtbot.addWidget(again)
    again.path.setText(str(path))
    again.next.click()
    assert again.findChild(QComboBox, f"map_{HEADERS.index('Dusun')}").currentData() == ""


def fill_like_siti(dialog: WorkerDialog, nik: str) -> None:
    for name, value in (
        ("nik", nik),
        ("full_name", "Siti Aminah"),
        ("birth_date", "05-08-1990"),
        ("monthly_income", "1.500.000"),
    ):
        dialog.findChild(QLineEdit, name).setText(value)
    for name, value in (("sex", "P"), ("occupation", "pekebun")):
        combo = dialog.findChild(QComboBox, name)
        combo.setCurrentIndex(combo.findData(value))


def test_registering_a_likely_duplicate_warns_and_the_reason_is_kept(qtbot, village, monkeypatch):
    registry.register_worker(village, SITI)
    seen = []

    def clerk_answers(warning: DuplicateWarning) -> int:
        seen.append(warning.findChild(QLabel, "duplicate_matches").text())
        warning.findChild(QLineEdit, "duplicate_reason").setText("kembar, dicek di KK")
        warning.findChild(QPushButton, "duplicate_different").click()
        return warning.result()

    monkeypatch.setattr(DuplicateWarning, "exec", clerk_answers)
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    fill_like_siti(dialog, "6503104508900009")
    dialog.save()
    assert seen and seen[0].startswith("Mungkin orang yang sama dengan Siti Aminah (NIK 65031045")
    assert dialog.result() == WorkerDialog.DialogCode.Accepted
    assert store.find_by_nik(village.db, "6503104508900009") is not None
    assert duplicates.open_pairs(village) == []


def test_going_back_from_the_duplicate_warning_registers_nothing(qtbot, village, monkeypatch):
    registry.register_worker(village, SITI)
    monkeypatch.setattr(DuplicateWarning, "exec", lambda w: (w.reject(), w.result())[1])
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    fill_like_siti(dialog, "6503104508900009")
    dialog.save()
    assert store.find_by_nik(village.db, "6503104508900009") is None


def test_open_pairs_are_listed_and_dismissed_with_a_reason(qtbot, village):
    registry.register_worker(village, SITI)
    registry.register_worker(village, with_(SITI, nik="6503104508900009", kk_number=""))
    window = MainWindow(village)
    qtbot.addWidget(window)
    window.show()
    page = window.page(WorkersPage)
    assert page.pairs_button.isVisible() and page.pairs_button.text() == "Mungkin ganda: 1"
    dialog = DuplicatePairsDialog(village)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == (
        "nama dan tanggal lahir sama"
    )
    dialog.table.selectRow(0)
    dialog.dismiss_button.click()
    assert "alasannya" in dialog.info.text()  # no reason, nothing dismissed
    dialog.reason_edit.setText("kembar")
    dialog.dismiss_button.click()
    assert dialog.table.rowCount() == 0 and duplicates.open_pairs(village) == []


def test_clicking_a_header_sorts_in_the_database_and_the_list_saves_as_shown(
    qtbot, demo_village, tmp_path
):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    window.show()
    page = window.page(WorkersPage)
    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    niks = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert niks == sorted(niks, reverse=True) and len(niks) == 30
    combo = page.findChild(QComboBox, "filter_occupation")
    combo.setCurrentIndex(combo.findData("nelayan"))
    assert page.model.filters.sort == "nik"  # a filter keeps the sort
    out = tmp_path / "nelayan.xlsx"
    page.save_list(str(out))  # in the background, with its progress row
    qtbot.waitUntil(lambda: page.progress.job is None, timeout=10_000)
    assert "pekerja disimpan di" in window.statusBar().currentMessage()
    rows = list(load_workbook(out).active.iter_rows(values_only=True))[1:]
    shown = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert [r[1] for r in rows] == shown and {r[2] for r in rows} == {"Nelayan"}


def test_esc_during_an_import_stops_it_and_nothing_is_saved(qtbot, village, tmp_path):
    from list_files import ROWS

    from desktop_app.services.list_files import ListFile

    wizard = ImportWizard(village)
    qtbot.addWidget(wizard)
    wizard.path.setText(str(messy_xlsx(tmp_path / "daftar.xlsx")))
    wizard.next.click()
    assert wizard.listed is not None and len(ROWS) == 9
    many = wizard.listed.rows * 400  # long enough to be stopped part way
    wizard.listed = ListFile(
        wizard.listed.path, wizard.listed.header_row, wizard.listed.headers, many
    )
    wizard.next.click()
    assert wizard.progress.job is not None and not wizard.close_button.isEnabled()
    wizard.reject()  # Esc
    qtbot.waitUntil(lambda: wizard.progress.job is None, timeout=20_000)
    assert wizard.outcome is None and wizard.close_button.isEnabled()
    assert "Dibatalkan" in wizard.mapping_error.text()
    assert store.count_workers(village.db) == 0
