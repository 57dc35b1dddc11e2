"""Kabupaten: every desa on one board, the kelurahan apart, and the kecamatan rollups."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import regions
from desktop_app.domain.formatting import rupiah, thousands
from desktop_app.services import district_board
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.models.board_table import (
    BOARD_COLUMNS,
    BOARD_STATUSES,
    KECAMATAN_COLUMNS,
    BoardFilter,
    RowsModel,
)
from desktop_app.ui.widgets import year_spin


def fit_columns(view: QTableView, model: RowsModel) -> None:
    """Each column as wide as its widest text. QTableView.resizeColumnsToContents asks the model
    for every role of every cell, which for the regency's 240 rows took most of a second."""
    metrics = view.fontMetrics()
    header = view.horizontalHeader().fontMetrics()
    for column in range(model.columnCount()):
        widest = max(
            [header.horizontalAdvance(model.header(column)) + 24]
            + [metrics.horizontalAdvance(row[column]) + 16 for row in model.texts]
        )
        view.setColumnWidth(column, widest)


def _table(name: str, model) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    # Sized once per refresh: resizing to contents on every change would read every cell of
    # every row again at each sort and filter.
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class BoardPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.report: district_board.DistrictReport | None = None
        self.year = year_spin(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.kecamatan = QComboBox()
        self.kecamatan.setObjectName("filter_kecamatan")
        self.kecamatan.addItem(tr("Semua kecamatan"), "")
        for code in regions.kecamatan_in(inst.code):
            self.kecamatan.addItem(regions.region_name(code) or code, code)
        self.status = QComboBox()
        self.status.setObjectName("filter_board_status")
        for key, label in BOARD_STATUSES.items():
            self.status.addItem(tr(label), key)
        self.search = QLineEdit()
        self.search.setObjectName("board_search")
        self.search.setPlaceholderText(tr("Cari desa, kode atau kecamatan…"))
        self.search.setClearButtonEnabled(True)
        for signal in (
            self.kecamatan.currentIndexChanged,
            self.status.currentIndexChanged,
            self.search.textChanged,
        ):
            signal.connect(lambda *_: self.apply_filters())
        top = QHBoxLayout()
        for w in (QLabel(tr("Tahun anggaran")), self.year, self.kecamatan, self.status):
            top.addWidget(w)
        top.addWidget(self.search, 1)

        self.summary = QLabel()
        self.summary.setObjectName("board_summary")
        self.summary.setWordWrap(True)
        self.desa_model = RowsModel(BOARD_COLUMNS, self)
        self.desa_filter = BoardFilter(self)
        self.desa_filter.setSourceModel(self.desa_model)
        self.kelurahan_model = RowsModel(BOARD_COLUMNS, self)
        self.kecamatan_model = RowsModel(KECAMATAN_COLUMNS, self)
        self.tabs = QTabWidget()
        self.desa_table = _table("board_table", self.desa_filter)
        self.kecamatan_table = _table("kecamatan_table", self._sorted(self.kecamatan_model))
        self.kelurahan_table = _table("kelurahan_table", self._sorted(self.kelurahan_model))
        self.tabs.addTab(self.desa_table, tr("Desa"))
        self.tabs.addTab(self.kecamatan_table, tr("Kecamatan"))
        self.tabs.addTab(self.kelurahan_table, tr("Kelurahan"))
        legend = QLabel(
            tr(
                "Abu-abu: belum pernah mengirim data · jingga: tidak mengirim lebih dari 30 hari · "
                "hijau: mencapai target"
            )
        )
        legend.setObjectName("board_legend")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(legend)
        self.shown_count = QLabel()
        self.shown_count.setObjectName("board_count")
        layout.addWidget(self.shown_count)
        self.refresh()  # the district's first page: the window shows it at once

    def _sorted(self, model: RowsModel) -> QSortFilterProxyModel:
        proxy = QSortFilterProxyModel(self)
        proxy.setSortRole(RowsModel.SortRole)
        proxy.setSourceModel(model)
        return proxy

    def refresh(self) -> None:
        r = self.report = district_board.district_report(
            self._inst, self.year.value(), detailed=False
        )
        self.desa_model.set_rows([b for b in r.board if not b.kelurahan])
        self.kelurahan_model.set_rows([b for b in r.board if b.kelurahan])
        self.kecamatan_model.set_rows(r.kecamatan)
        for view, model in (
            (self.desa_table, self.desa_model),
            (self.kecamatan_table, self.kecamatan_model),
            (self.kelurahan_table, self.kelurahan_model),
        ):
            fit_columns(view, model)
        p = r.paritrana
        silent = sum(1 for b in r.board if b.silent and not b.kelurahan)
        self.summary.setText(
            tr(
                "{reporting} dari {villages} desa melapor · {silent} desa diam lebih dari 30 hari "
                "atau belum pernah · {at_target} desa mencapai target · peserta aktif {active} · "
                "dibiayai {funded} · iuran APBDes {committed} · klaim dibayar {claims}"
            ).format(
                reporting=p.villages_reporting,
                villages=p.villages,
                silent=silent,
                at_target=p.villages_at_target,
                active=thousands(p.participants_active),
                funded=thousands(p.participants_funded),
                committed=rupiah(p.contributions_committed),
                claims=thousands(p.claims_paid),
            )
        )
        self.apply_filters()

    def apply_filters(self) -> None:
        self.desa_filter.set_filters(
            self.kecamatan.currentData(), self.status.currentData(), self.search.text()
        )
        self.shown_count.setText(
            tr("{shown} dari {total} desa ditampilkan").format(
                shown=self.desa_filter.rowCount(), total=self.desa_model.rowCount()
            )
        )

    def rows_shown(self) -> list[district_board.BoardRow]:
        return [
            self.desa_model.rows[self.desa_filter.mapToSource(self.desa_filter.index(i, 0)).row()]
            for i in range(self.desa_filter.rowCount())
        ]
