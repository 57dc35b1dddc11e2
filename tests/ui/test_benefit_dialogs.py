"""The window's side of benefits: NIK differences confirmed with a reason, children's schooling,
and the event dialog telling a family what it will receive."""

from __future__ import annotations

import datetime as dt

from forms import SITI
from pypdf import PdfReader
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from desktop_app.device import clock
from desktop_app.domain.family import ChildForm
from desktop_app.services import budget, letterhead, registry
from desktop_app.store import audit, family
from desktop_app.store import workers as store
from desktop_app.ui.dialogs.event_dialog import EventDialog
from desktop_app.ui.dialogs.worker_dialog import WorkerDialog


def field(dialog, name):
    return dialog.findChild(QLineEdit, name) or dialog.findChild(QComboBox, name)


def test_a_birth_date_differing_from_the_nik_is_saved_once_the_clerk_gives_a_reason(qtbot, village):
    dialog = WorkerDialog(village)
    qtbot.addWidget(dialog)
    dialog.show()
    reason = field(dialog, "nik_mismatch_reason")
    assert not reason.isVisible()  # nothing differs yet
    qtbot.keyClicks(field(dialog, "nik"), SITI.nik)
    field(dialog, "birth_date").setText("")
    qtbot.keyClicks(field(dialog, "birth_date"), "07-08-1990")
    qtbot.keyClicks(field(dialog, "full_name"), "Siti Aminah")
    field(dialog, "occupation").setCurrentIndex(field(dialog, "occupation").findData("pekebun"))
    qtbot.keyClicks(field(dialog, "monthly_income"), "1.500.000")
    assert reason.isVisible()
    dialog.save()
    assert "5 Agustus 1990" in dialog.findChild(QLabel, "birth_date_error").text()
    assert store.count_workers(village.db) == 0
    reason.setText("Tanggal lahir dikoreksi Dukcapil")
    dialog.save()
    worker = store.find_by_nik(village.db, SITI.nik)
    assert worker.birth_date == "1990-08-07"
    assert worker.nik_mismatch_reason == "Tanggal lahir dikoreksi Dukcapil"
    actions = [e["action"] for e in audit.history(village.db, "worker", worker.id)]
    assert "nik_mismatch_confirmed" in actions
    shown = WorkerDialog(village, worker.id)  # the worker's details show the reason
    qtbot.addWidget(shown)
    shown.show()
    assert field(shown, "nik_mismatch_reason").text() == "Tanggal lahir dikoreksi Dukcapil"
    assert field(shown, "nik_mismatch_reason").isVisible()


def test_the_children_editor_records_school_level_and_class(qtbot, village):
    worker = registry.register_worker(village, SITI).worker
    dialog = WorkerDialog(village, worker.id)
    qtbot.addWidget(dialog)
    editor = dialog.children_editor
    editor.add_row()
    for col, text in enumerate(("Putri", "01-03-2017", "P")):
        editor.table.item(0, col).setText(text)
    level = editor.level_combo(0)
    level.setCurrentIndex(level.findData("sd"))
    editor.table.item(0, 5).setText("4")
    dialog.save()
    (child,) = family.children_of(village.db, worker.id)
    assert (child["school_level"], child["school_class"]) == ("sd", 4)
    again = WorkerDialog(village, worker.id)
    qtbot.addWidget(again)
    assert again.children_editor.level_combo(0).currentData() == "sd"
    assert again.children_editor.table.item(0, 5).text() == "4"


def test_a_class_outside_the_level_is_refused(qtbot, village):
    worker = registry.register_worker(village, SITI).worker
    dialog = WorkerDialog(village, worker.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.children_editor.add_row(ChildForm("Putri", "01-03-2017", "P", "", "smp", "4"))
    dialog.save()
    assert "7 sampai 9" in dialog.findChild(QLabel, "form_error").text()
    assert family.children_of(village.db, worker.id) == []


def funded_worker_with_children(village) -> str:
    children = [
        ChildForm("Putri", "01-03-2017", "P", school_level="sd", school_class="4"),
        ChildForm("Rudi", "05-05-2006", "L", school_level="pt", school_class="1"),
    ]
    with clock.living_at(dt.date(2026, 1, 10)):
        worker = registry.register_worker(village, SITI, children=children).worker
        budget.fund_workers(village, 2026, [worker.id], funding="self")
    letterhead.save(village, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    return worker.id


def test_the_event_dialog_shows_a_work_death_and_prints_the_jkk_claim_letter(
    qtbot, village, tmp_path
):
    worker_id = funded_worker_with_children(village)
    with clock.living_at(dt.date(2026, 11, 29)):
        dialog = EventDialog(village, worker_id)
        qtbot.addWidget(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("death"))
        dialog.cause.setCurrentIndex(dialog.cause.findData("work"))
        dialog.event_date.setText("20-11-2026")
        dialog.place.setText("Perairan Sebatik")
        dialog.save()
        rows = [
            (dialog.entitlements.item(r, 0).text(), dialog.entitlements.item(r, 1).text())
            for r in range(dialog.entitlements.rowCount())
        ]
        # Rp1.500.000 declared: 48 x Rp1.500.000 = Rp72.000.000
        assert rows == [
            ("JKK: santunan kematian akibat kecelakaan kerja", "Rp72.000.000"),
            ("JKK: santunan berkala", "Rp12.000.000"),
            ("JKK: biaya pemakaman", "Rp10.000.000"),
            ("Beasiswa pendidikan: Rudi", "Rp36.000.000"),
            ("Beasiswa pendidikan: Putri", "Rp79.500.000"),
        ]
        assert "Terlindungi pada 20 November 2026" in dialog.message.text()
        dialog.write_claim_letter(tmp_path / "klaim.pdf")
    text = " ".join(PdfReader(tmp_path / "klaim.pdf").pages[0].extract_text().split())
    assert "Klaim Jaminan Kecelakaan Kerja (JKK): meninggal dunia akibat kecelakaan kerja" in text
    assert "akibat kecelakaan kerja pada 20 November 2026 di Perairan Sebatik" in text
    assert "Formulir laporan kecelakaan kerja tahap I dan tahap II" in text
    assert "Kronologi kejadian" in text and "saksi" in text
    assert "PP 49/2023" in text and "Rp72.000.000" in text
    assert "Jaminan Kematian (JKM)" not in text.split("Dasar hukum")[0]


def test_the_event_dialog_records_a_partial_disability_from_the_table(qtbot, village):
    worker_id = funded_worker_with_children(village)
    with clock.living_at(dt.date(2026, 11, 29)):
        dialog = EventDialog(village, worker_id)
        qtbot.addWidget(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("accident"))
        assert not dialog.disability_part.isEnabled()
        dialog.cause.setCurrentIndex(dialog.cause.findData("work"))
        dialog.event_date.setText("02-11-2026")
        dialog.disability.setCurrentIndex(dialog.disability.findData("partial"))
        assert dialog.disability_part.isEnabled()
        dialog.disability_part.setCurrentIndex(dialog.disability_part.findData("ibu_jari_kanan"))
        dialog.function_loss.setText("50")
        dialog.save()
    rows = {
        dialog.entitlements.item(r, 0).text(): dialog.entitlements.item(r, 1).text()
        for r in range(dialog.entitlements.rowCount())
    }
    # 50% loss of function x 15% (right thumb) x 80 x Rp1.500.000
    assert rows["JKK: santunan cacat sebagian (ibu jari tangan kanan)"] == "Rp9.000.000"
    assert rows["Perawatan dan pengobatan"] == "sesuai kebutuhan medis"
