"""The worker list counts once, keeps its counts, and shows the right numbers after changes."""

from __future__ import annotations

from forms import SITI
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

from desktop_app.services import registry, worker_list
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.workers import WorkersPage


def open_window(qtbot, inst) -> tuple[MainWindow, WorkersPage]:
    window = MainWindow(inst)
    qtbot.addWidget(window)
    window.show()
    return window, window.page(WorkersPage)


def test_opening_the_window_loads_the_list_and_counts_it_once(qtbot, demo_village, monkeypatch):
    calls = {"page": 0, "count": 0}
    fetch_page, count = worker_list.fetch_page, worker_list.count

    def counting_fetch(*args, **kwargs):
        calls["page"] += 1
        return fetch_page(*args, **kwargs)

    def counting_count(*args, **kwargs):
        calls["count"] += 1
        return count(*args, **kwargs)

    monkeypatch.setattr(worker_list, "fetch_page", counting_fetch)
    monkeypatch.setattr(worker_list, "count", counting_count)
    window, page = open_window(qtbot, demo_village)
    assert calls == {"page": 1, "count": 1}
    assert window.findChild(QLabel, "count_label").text() == "30 pekerja"
    assert page.model.rowCount() == 30


def test_counts_follow_a_registration_a_removal_and_the_search(qtbot, demo_village, monkeypatch):
    window, page = open_window(qtbot, demo_village)
    label = window.findChild(QLabel, "count_label")
    search = window.findChild(QLineEdit, "search")

    search.setText("Siti Aminah")
    page.apply_filters()
    shown_before = page.model.total
    assert label.text() == f"{shown_before} dari 30 pekerja"

    registry.register_worker(demo_village, SITI)
    page.refresh()  # what the window does after every save
    assert label.text() == f"{shown_before + 1} dari 31 pekerja"
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "Siti Aminah" in names

    search.setText("")
    page.apply_filters()
    assert label.text() == "31 pekerja" and page.model.rowCount() == 31

    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("pindah ke Tawau", True))
    page.remove_selected()
    assert label.text() == "30 pekerja" and page.model.rowCount() == 30

    search.setText("Siti Aminah")
    page.apply_filters()
    expected = worker_list.count(demo_village, worker_list.Filters(search="Siti Aminah"))
    assert label.text() == f"{expected} dari 30 pekerja"


def test_a_search_matching_more_than_the_window_counts_says_more_than(
    qtbot, demo_village, monkeypatch
):
    monkeypatch.setattr(worker_list, "COUNT_UP_TO", 5)
    window, page = open_window(qtbot, demo_village)
    search = window.findChild(QLineEdit, "search")
    search.setText("6503")
    page.apply_filters()
    matching = worker_list.count(demo_village, worker_list.Filters(search="6503"))
    assert matching > 5
    assert window.findChild(QLabel, "count_label").text() == "lebih dari 5 dari 30 pekerja"
    assert page.model.rowCount() == matching  # every row is listed, only the count stops
