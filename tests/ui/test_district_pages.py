"""The district's window: the board of every desa, the charts and reports, worker search, and a
finding's two records side by side, driven as the officer would."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView, QTableWidget

from desktop_app.domain.worker import WorkerForm
from desktop_app.services import registry, sync
from desktop_app.services.district_demo import make_district_demo
from desktop_app.services.installation import open_installation
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.board_table import NEVER
from desktop_app.ui.pages.district_board import BoardPage
from desktop_app.ui.pages.district_reports import DistrictReportsPage
from desktop_app.ui.pages.district_workers import DistrictWorkersPage
from desktop_app.ui.pages.villages import VillagesPage


@pytest.fixture
def regency(tmp_path):
    district, villages = make_district_demo(tmp_path / "kab", villages=3, workers=4, kecamatan=2)
    yield district, villages
    district.close()


def show(window: MainWindow, page_class: type):
    window.sidebar.setCurrentRow(window.pages.index(window.page(page_class)))
    return window.page(page_class)


def test_the_board_lists_every_desa_and_filters_by_kecamatan_status_and_name(qtbot, regency):
    district, villages = regency
    window = MainWindow(district)
    qtbot.addWidget(window)
    board = show(window, BoardPage)
    table = board.findChild(QTableView, "board_table")
    assert table.model().rowCount() == 232
    assert board.findChild(QTableView, "kelurahan_table").model().rowCount() == 8
    assert board.findChild(QTableView, "kecamatan_table").model().rowCount() == 21
    assert "3 dari 232 desa melapor" in board.findChild(QLabel, "board_summary").text()

    kecamatan = board.findChild(QComboBox, "filter_kecamatan")
    kecamatan.setCurrentIndex(kecamatan.findData("65.03.10"))  # Sebatik Timur
    shown = board.rows_shown()
    assert shown and {r.kecamatan for r in shown} == {"Sebatik Timur"}
    status = board.findChild(QComboBox, "filter_board_status")
    status.setCurrentIndex(status.findData("never"))
    assert {r.code for r in board.rows_shown()}.isdisjoint(v.code for v in villages)
    kecamatan.setCurrentIndex(0)
    status.setCurrentIndex(0)
    board.findChild(QLineEdit, "board_search").setText("tanjung aru")
    (row,) = board.rows_shown()
    assert (row.name, row.workers, row.funded, row.reported) == ("Tanjung Aru", 4, 4, True)

    board.findChild(QLineEdit, "board_search").setText("")
    never = next(i for i, r in enumerate(board.desa_model.rows) if not r.reported)
    colour = board.desa_model.index(never, 0).data(Qt.ItemDataRole.BackgroundRole).color()
    assert colour == NEVER


def test_reports_page_charts_each_kecamatan_and_saves_the_reports(qtbot, regency, tmp_path):
    district, _villages = regency
    window = MainWindow(district)
    qtbot.addWidget(window)
    page = show(window, DistrictReportsPage)
    chart = page.findChild(QChartView, "kecamatan_chart").chart()
    (axis,) = [a for a in chart.axes() if isinstance(a, QBarCategoryAxis)]
    labels = axis.categories()
    assert len(labels) == 21 and any(label.startswith("Sebatik Timur") for label in labels)
    months = page.findChild(QChartView, "months_chart").chart()
    (bars,) = months.series()[0].barSets()
    assert [bars.at(i) for i in range(12)][-1] == 12  # three villages of four, all funded
    assert "3 dari 232" in page.findChild(QLabel, "paritrana_figures").text()

    page.save(tmp_path / "kecamatan.xlsx", "kecamatan")
    book = load_workbook(tmp_path / "kecamatan.xlsx")
    per_kecamatan = list(book["Per kecamatan"].values)
    assert len(per_kecamatan) == 22  # header and 21 kecamatan
    registered = per_kecamatan[0].index("terdaftar")
    assert sum(row[registered] for row in per_kecamatan[1:]) == 12
    page.save(tmp_path / "paritrana.pdf", "paritrana")
    assert (tmp_path / "paritrana.pdf").read_bytes().startswith(b"%PDF")


def test_officer_finds_a_worker_of_another_village_and_reads_the_record(qtbot, regency):
    district, villages = regency
    last = open_installation(villages[-1].data_dir)
    worker = registry.find_worker(last, last.db.execute("SELECT id FROM workers").fetchone()[0])
    last.close()
    window = MainWindow(district)
    qtbot.addWidget(window)
    page = show(window, DistrictWorkersPage)
    page.findChild(QLineEdit, "district_search").setText(worker.full_name)
    table = page.findChild(QTableWidget, "district_workers_table")
    qtbot.waitUntil(lambda: table.rowCount() >= 1 and table.item(0, 0).text() == worker.full_name)
    assert table.item(0, 2).text() == villages[-1].name
    table.selectRow(0)
    details = page.findChild(QLabel, "district_worker_details").text()
    assert worker.nik in details and villages[-1].kecamatan in details


def test_a_nik_in_two_villages_opens_both_records_side_by_side(qtbot, regency, tmp_path):
    district, villages = regency
    first = open_installation(villages[0].data_dir)
    known = registry.find_worker(first, first.db.execute("SELECT id FROM workers").fetchone()[0])
    first.close()
    second = open_installation(villages[1].data_dir)
    registry.register_worker(
        second,
        WorkerForm(
            nik=known.nik,
            full_name=known.full_name,
            birth_date=known.birth_date,
            sex=known.sex,
            occupation="petani",
            monthly_income="1.500.000",
        ),
    )
    usb = tmp_path / "usb"
    usb.mkdir()
    sync.export_batch(second, usb)
    second.close()
    assert [r.status for r in sync.import_files(district, list(usb.iterdir()))] == ["applied"]

    window = MainWindow(district)
    qtbot.addWidget(window)
    page = show(window, VillagesPage)
    findings = page.findChild(QTableWidget, "findings_table")
    row = next(r for r in range(findings.rowCount()) if known.nik in findings.item(r, 2).text())
    findings.selectRow(row)
    dialog = page.compare_selected()
    qtbot.addWidget(dialog)
    records = [label.text() for label in dialog.findChildren(QLabel, "worker_record")]
    assert len(records) == 2
    assert any(villages[0].name in text for text in records)
    assert any(villages[1].name in text for text in records)
    assert all(known.nik in text for text in records)
