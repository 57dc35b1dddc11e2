"""The main window over a demo village: search as you type, filters, counts, removal."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QLineEdit, QTableView

from desktop_app.store import workers as store
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.workers import WorkersPage


def make_window(qtbot, inst) -> MainWindow:
    window = MainWindow(inst)
    qtbot.addWidget(window)
    window.show()
    return window


def test_window_lists_every_demo_worker_with_the_count(qtbot, demo_village):
    window = make_window(qtbot, demo_village)
    table = window.findChild(QTableView, "worker_table")
    assert table.model().rowCount() == 30
    assert window.findChild(QLabel, "count_label").text() == "30 pekerja"
    assert "30 perubahan belum diekspor" in window.findChild(QLabel, "unsynced_label").text()


def test_typing_part_of_a_name_finds_the_worker(qtbot, demo_village):
    target = store.list_workers(demo_village.db, limit=30)[17]
    window = make_window(qtbot, demo_village)
    table = window.findChild(QTableView, "worker_table")
    search = window.findChild(QLineEdit, "search")
    qtbot.keyClicks(search, target.full_name.split()[0][:4].lower())
    qtbot.waitUntil(lambda: table.model().rowCount() < 30)
    names = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert target.full_name in names
    assert "dari 30 pekerja" in window.findChild(QLabel, "count_label").text()


def test_searching_by_nik_prefix_finds_exactly_that_worker(qtbot, demo_village):
    target = store.list_workers(demo_village.db, limit=30)[3]
    window = make_window(qtbot, demo_village)
    table = window.findChild(QTableView, "worker_table")
    qtbot.keyClicks(window.findChild(QLineEdit, "search"), target.nik)
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    assert table.model().index(0, 1).data() == target.nik


def test_occupation_filter_shows_only_that_occupation(qtbot, demo_village):
    window = make_window(qtbot, demo_village)
    combo = window.findChild(QComboBox, "filter_occupation")
    combo.setCurrentIndex(combo.findData("nelayan"))
    expected = store.count_workers(demo_village.db, occupation="nelayan")
    table = window.findChild(QTableView, "worker_table")
    assert table.model().rowCount() == expected
    assert all(table.model().index(r, 2).data() == "Nelayan" for r in range(expected))


def test_removing_a_worker_asks_for_a_reason_and_keeps_a_tombstone(
    qtbot, demo_village, monkeypatch
):
    window = make_window(qtbot, demo_village)
    page = window.page(WorkersPage)
    page.table.selectRow(0)
    worker_id = page.selected_ids()[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("pindah ke Tawau", True))
    page.remove_selected()
    assert page.model.rowCount() == 29
    row = store.get_worker(demo_village.db, worker_id)
    assert row is not None and row.deleted_at is not None
    assert "Dihapus" in window.statusBar().currentMessage()


def test_cancelling_the_removal_question_changes_nothing(qtbot, demo_village, monkeypatch):
    window = make_window(qtbot, demo_village)
    page = window.page(WorkersPage)
    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    page.remove_selected()
    assert store.count_workers(demo_village.db) == 30
