"""Undo in the window: a removed worker is found under "Dihapus" and restored with "Pulihkan"."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QPushButton

from desktop_app.store import workers as store
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.workers import WorkersPage


def test_removed_worker_is_found_under_dihapus_and_restored(qtbot, demo_village, monkeypatch):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    window.show()
    page = window.page(WorkersPage)
    page.table.selectRow(4)
    worker_id = page.selected_ids()[0]
    name = store.get_worker(demo_village.db, worker_id).full_name
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("salah daftar", True))
    page.remove_selected()
    assert store.get_worker(demo_village.db, worker_id).deleted_at is not None

    status = window.findChild(QComboBox, "filter_status")
    status.setCurrentIndex(status.findText("Dihapus"))
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == name
    assert window.findChild(QLabel, "count_label").text() == "1 pekerja dihapus"
    restore = window.findChild(QPushButton, "restore_worker")
    assert restore.isVisible() and not window.findChild(QPushButton, "remove_worker").isVisible()

    page.table.selectRow(0)
    restore.click()
    assert store.get_worker(demo_village.db, worker_id).deleted_at is None
    assert page.model.rowCount() == 0
    assert f"Dipulihkan: {name}" in window.statusBar().currentMessage()
    status.setCurrentIndex(0)
    assert page.model.rowCount() == 30


def test_searching_the_removed_list_by_name(qtbot, demo_village):
    from desktop_app.services import registry

    everyone = store.list_workers(demo_village.db, limit=30)
    first = everyone[0]
    second = next(w for w in everyone if w.full_name.split()[0] != first.full_name.split()[0])
    for w in (first, second):
        registry.remove_worker(demo_village, w.id, "pindah")
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    page = window.page(WorkersPage)
    page.status_filter.setCurrentIndex(page.status_filter.findText("Dihapus"))
    assert page.model.rowCount() == 2
    page.search.setText(second.full_name.split()[0].lower())
    page.apply_filters()
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert second.full_name in names and first.full_name not in names
