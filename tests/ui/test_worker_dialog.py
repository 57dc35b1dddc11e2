"""The clerk registers and corrects workers in the window; the database is checked afterwards."""

from __future__ import annotations

from forms import SITI
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from desktop_app.services import registry
from desktop_app.store import outbox
from desktop_app.store import workers as store
from desktop_app.ui.dialogs.worker_dialog import WorkerDialog


def field(dialog, name):
    return dialog.findChild(QLineEdit, name) or dialog.findChild(QComboBox, name)


def choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_typing_a_nik_shows_what_it_says_and_fills_sex_and_birth_date(qtbot, village):
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(field(dialog, "nik"), "6503104508900001")
    info = dialog.findChild(QLabel, "nik_info").text()
    assert "Perempuan" in info and "5 Agustus 1990" in info and "Sebatik Timur" in info
    assert field(dialog, "sex").currentData() == "P"
    assert field(dialog, "birth_date").text() == "05-08-1990"


def test_a_bad_nik_is_explained_under_the_field_as_it_is_typed(qtbot, village):
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(field(dialog, "nik"), "650310450890")
    error = dialog.findChild(QLabel, "nik_error")
    assert error.isVisible() and "16 angka" in error.text() and "12" in error.text()
    qtbot.keyClicks(field(dialog, "nik"), "0000")
    assert "0000" in error.text()


def test_clerk_registers_a_worker_with_the_keyboard_and_it_is_stored(qtbot, village):
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(field(dialog, "nik"), SITI.nik)
    qtbot.keyClicks(field(dialog, "full_name"), "SITI AMINAH")
    qtbot.keyClicks(field(dialog, "birth_place"), "Nunukan")
    field(dialog, "dusun").setEditText("Aji Kuning")
    qtbot.keyClicks(field(dialog, "rt"), "2")
    qtbot.keyClicks(field(dialog, "phone"), "0812-3456-7890")
    choose(field(dialog, "occupation"), "nelayan")
    qtbot.keyClicks(field(dialog, "monthly_income"), "1.500.000")
    qtbot.keyClicks(field(dialog, "heir_name"), "Ahmad Yani")
    choose(field(dialog, "heir_relation"), "suami")
    qtbot.keyClick(field(dialog, "monthly_income"), Qt.Key.Key_Return)
    assert dialog.result() == WorkerDialog.DialogCode.Accepted
    worker = store.find_by_nik(village.db, SITI.nik)
    assert worker is not None
    assert (worker.full_name, worker.sex, worker.birth_date) == ("Siti Aminah", "P", "1990-08-05")
    assert (worker.rt, worker.phone, worker.occupation) == ("002", "+6281234567890", "nelayan")
    details = registry.worker_details(village, worker.id)
    assert details["heirs"][0]["relation"] == "suami"
    assert outbox.last_seq(village.db) == 1


def test_sex_contradicting_the_nik_is_refused_and_nothing_is_saved(qtbot, village):
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(field(dialog, "nik"), SITI.nik)
    choose(field(dialog, "sex"), "L")
    qtbot.keyClicks(field(dialog, "full_name"), "Siti Aminah")
    choose(field(dialog, "occupation"), "petani")
    qtbot.keyClicks(field(dialog, "monthly_income"), "1000000")
    dialog.save()
    assert dialog.result() != WorkerDialog.DialogCode.Accepted
    assert "perempuan" in dialog.findChild(QLabel, "sex_error").text()
    assert store.count_workers(village.db) == 0


def test_duplicate_nik_is_refused_with_the_existing_worker_named(qtbot, village):
    registry.register_worker(village, SITI)
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    dialog.show()
    for name in ("nik", "full_name", "monthly_income"):
        qtbot.keyClicks(field(dialog, name), getattr(SITI, name))
    choose(field(dialog, "occupation"), "pekebun")
    dialog.save()
    assert "Siti Aminah" in dialog.findChild(QLabel, "nik_error").text()
    assert store.count_workers(village.db) == 1


def test_editing_loads_the_worker_and_saves_the_correction(qtbot, village):
    w = registry.register_worker(village, SITI).worker
    dialog = WorkerDialog(village, w.id)
    qtbot.addWidget(dialog)
    assert field(dialog, "full_name").text() == "Siti Aminah"
    assert field(dialog, "monthly_income").text() == "1.500.000"
    field(dialog, "full_name").clear()
    qtbot.keyClicks(field(dialog, "full_name"), "Siti Aminah Binti Umar")
    dialog.save()
    assert store.get_worker(village.db, w.id).full_name == "Siti Aminah Binti Umar"
    assert store.get_worker(village.db, w.id).version == 2


def test_the_consent_box_records_the_signed_statement_with_the_registration(qtbot, village):
    import datetime as dt

    from PySide6.QtWidgets import QCheckBox

    from desktop_app.services import personal_data

    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(field(dialog, "nik"), SITI.nik)  # fills sex and birth date
    field(dialog, "full_name").setText("Siti Aminah")
    choose(field(dialog, "occupation"), "nelayan")
    field(dialog, "monthly_income").setText("1.500.000")
    dialog.findChild(QCheckBox, "consent").setChecked(True)
    dialog.save()
    assert dialog.result() == WorkerDialog.DialogCode.Accepted
    worker = store.find_by_nik(village.db, SITI.nik)
    assert personal_data.consent_of(village, worker.id) == dt.date.today()
    again = WorkerDialog(village, worker.id)
    qtbot.addWidget(again)
    box = again.findChild(QCheckBox, "consent")
    assert box.isChecked() and not box.isEnabled()


def test_the_form_prints_the_consent_statement_and_the_access_report(
    qtbot, village, tmp_path, monkeypatch
):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog, QPushButton

    worker = registry.register_worker(village, SITI).worker
    dialog = WorkerDialog(village, worker.id)
    qtbot.addWidget(dialog)
    for name, title in (
        ("consent_form", "PERNYATAAN PERSETUJUAN"),
        ("access_report", "LAPORAN AKSES DATA PRIBADI"),
    ):
        target = tmp_path / f"{name}.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        dialog.findChild(QPushButton, name).click()
        text = PdfReader(target).pages[0].extract_text()
        assert title in text and "Siti Aminah" in text
        assert str(target) in dialog.findChild(QLabel, "document_note").text()
    new = WorkerDialog(village)
    qtbot.addWidget(new)
    assert not new.findChild(QPushButton, "access_report").isEnabled()
