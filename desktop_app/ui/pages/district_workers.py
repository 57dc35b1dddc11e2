"""Kabupaten: find a worker of any village by name, NIK or KPJ, and read the record."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.formatting import thousands
from desktop_app.services import district_workers
from desktop_app.services.installation import Installation
from desktop_app.ui.dialogs.district_worker_view import worker_html
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ResultsTable

SEARCH_DELAY_MS = 120
LIMIT = 200


class DistrictWorkersPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._rows: list[dict] = []
        self.search = QLineEdit()
        self.search.setObjectName("district_search")
        self.search.setPlaceholderText(tr("Cari nama, NIK atau nomor KPJ di semua desa…"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.count = QLabel()
        self.count.setObjectName("district_search_count")
        self.results = ResultsTable(
            (tr("Nama"), tr("NIK"), tr("Desa"), tr("Kecamatan"), tr("KPJ"), tr("Kepesertaan")),
            "district_workers_table",
        )
        self.results.setSelectionBehavior(ResultsTable.SelectionBehavior.SelectRows)
        self.results.itemSelectionChanged.connect(self.show_selected)
        self.details = QLabel(tr("Pilih pekerja untuk melihat datanya."))
        self.details.setObjectName("district_worker_details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        split = QSplitter()
        split.addWidget(self.results)
        split.addWidget(scroll)
        split.setSizes([700, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        self.run_search()

    def run_search(self) -> None:
        text = self.search.text()
        total = district_workers.count(self._inst, text)
        self._rows = district_workers.search(self._inst, text, limit=LIMIT, total=total)
        self.results.set_rows(
            [
                (
                    r["full_name"],
                    r["nik"],
                    r["village"],
                    r["kecamatan"],
                    r["kpj_number"] or "-",
                    r["coverage_label"],
                )
                for r in self._rows
            ]
        )
        self.count.setText(
            tr("{shown} dari {total} pekerja").format(
                shown=thousands(len(self._rows)), total=thousands(total)
            )
        )

    def show_selected(self) -> None:
        rows = {i.row() for i in self.results.selectedIndexes()}
        if len(rows) == 1:
            worker = self._rows[rows.pop()]
            self.details.setText(worker_html(district_workers.details(self._inst, worker["id"])))
