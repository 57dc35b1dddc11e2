"""Backup and restore from the window, with the passphrase asked in a dialog."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QMessageBox

from desktop_app.services import auto_backup, registry
from desktop_app.store import workers as store
from desktop_app.ui.dialogs.backup_dialog import BackupDialog, RestoreDialog
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def yes_to_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_backup_then_restore_from_the_window_brings_back_a_removed_worker(
    qtbot, demo_village, tmp_path, yes_to_questions
):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    assert window.findChild(QAction, "make_backup").shortcut().toString() == "Ctrl+B"

    dialog = BackupDialog(demo_village, window)
    qtbot.addWidget(dialog)
    stick = tmp_path / "usb" / "cadangan.sdbak"
    stick.parent.mkdir()
    dialog.findChild(QLineEdit, "backup_path").setText(str(stick))
    dialog.findChild(QLineEdit, "passphrase").setText("rahasia-desa-2026")
    dialog.findChild(QLineEdit, "passphrase_repeat").setText("rahasia-desa-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.save()
    assert dialog.saved == stick and stick.exists()

    victim = store.list_workers(demo_village.db, limit=1)[0]
    registry.remove_worker(demo_village, victim.id, "salah hapus")
    assert store.count_workers(demo_village.db) == 29

    restore = RestoreDialog(demo_village, window)
    qtbot.addWidget(restore)
    restore.add_file(stick)
    passphrase = restore.findChild(QLineEdit, "passphrase")
    assert passphrase.isEnabled()
    passphrase.setText("salah-sandi-2026")
    restore.restore()
    assert "Kata sandi salah" in restore.error.text()
    assert store.count_workers(demo_village.db) == 29  # nothing changed

    passphrase.setText("rahasia-desa-2026")
    restore.restore()
    assert restore.result() == RestoreDialog.DialogCode.Accepted
    assert store.count_workers(demo_village.db) == 30
    assert store.get_worker(demo_village.db, victim.id).deleted_at is None
    # The state before the restore was kept, so the restore itself can be undone.
    [kept] = auto_backup.auto_backups(demo_village.data_dir)
    assert len(kept.read_bytes()) > 0
    window.reload_all()
    assert window.findChild(QLabel, "count_label").text() == "30 pekerja"


def test_automatic_backups_are_offered_without_a_passphrase(qtbot, demo_village, yes_to_questions):
    auto_backup.make_auto_backup(demo_village)
    victim = store.list_workers(demo_village.db, limit=1)[0]
    registry.remove_worker(demo_village, victim.id, "salah hapus")
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    restore = RestoreDialog(demo_village, window)
    qtbot.addWidget(restore)
    listed = restore.findChild(QListWidget, "backup_list")
    assert listed.count() == 1 and listed.item(0).text().startswith("Cadangan otomatis — ")
    assert not restore.findChild(QLineEdit, "passphrase").isEnabled()
    restore.restore()
    assert store.get_worker(demo_village.db, victim.id).deleted_at is None
