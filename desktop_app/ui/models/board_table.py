"""The district board as table models: one row per desa (or kecamatan), sortable and filterable.

The regency has at most a few hundred villages, so rows are held whole; sorting uses the raw
values (numbers sort as numbers), and villages that are silent stand out in colour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.formatting import local_time, rupiah, thousands
from desktop_app.services.district_board import BoardRow, Rollup
from desktop_app.ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex
SILENT = QColor("#fde2cf")  # nothing for more than 30 days
NEVER = QColor("#eeeeee")  # never sent anything
AT_TARGET = QColor("#d8f0d8")


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _last(row: BoardRow) -> str:
    if row.last_batch_at is None:
        return tr("belum pernah")
    return f"{local_time(row.last_batch_at)} ({row.days_silent} {tr('hari')})"


# (header, text, sort value) per column
BOARD_COLUMNS: tuple[tuple[str, Callable[[BoardRow], str], Callable[[BoardRow], Any]], ...] = (
    ("Kode", lambda r: r.code, lambda r: r.code),
    ("Desa", lambda r: r.name, lambda r: r.name),
    ("Kecamatan", lambda r: r.kecamatan, lambda r: r.kecamatan),
    ("Data terakhir", _last, lambda r: -1 if r.days_silent is None else 10**6 - r.days_silent),
    ("Terdaftar", lambda r: thousands(r.workers), lambda r: r.workers),
    ("Dibiayai", lambda r: thousands(r.funded), lambda r: r.funded),
    ("Aktif", lambda r: thousands(r.active), lambda r: r.active),
    ("Segera berakhir", lambda r: thousands(r.lapsing), lambda r: r.lapsing),
    ("Target", lambda r: thousands(r.target), lambda r: r.target),
    ("Terlindungi", lambda r: _share(r.coverage_share), lambda r: r.coverage_share or 0),
    ("Anggaran APBDes", lambda r: rupiah(r.allocated), lambda r: r.allocated),
    ("Iuran APBDes", lambda r: rupiah(r.committed), lambda r: r.committed),
    ("Kejadian", lambda r: str(r.events), lambda r: r.events),
    ("Klaim terbuka", lambda r: str(r.open_claims), lambda r: r.open_claims),
    ("Temuan", lambda r: str(r.findings), lambda r: r.findings),
    ("Kekurangan", lambda r: "; ".join(r.gaps) or "-", lambda r: len(r.gaps)),
)

KECAMATAN_COLUMNS: tuple[tuple[str, Callable[[Rollup], str], Callable[[Rollup], Any]], ...] = (
    ("Kecamatan", lambda k: k.name, lambda k: k.name),
    (
        "Desa melapor",
        lambda k: f"{k.villages_reporting} / {k.villages}",
        lambda k: k.villages_reporting,
    ),
    ("Desa 100", lambda k: str(k.villages_at_target), lambda k: k.villages_at_target),
    ("Terdaftar", lambda k: thousands(k.report.registered), lambda k: k.report.registered),
    ("Dibiayai", lambda k: thousands(k.report.funded), lambda k: k.report.funded),
    ("Aktif", lambda k: thousands(k.report.active), lambda k: k.report.active),
    (
        "Terlindungi",
        lambda k: _share(k.report.share_covered),
        lambda k: k.report.share_covered or 0,
    ),
    ("Anggaran APBDes", lambda k: rupiah(k.report.allocated), lambda k: k.report.allocated),
    ("Iuran APBDes", lambda k: rupiah(k.report.committed), lambda k: k.report.committed),
    ("Terealisasi", lambda k: rupiah(k.report.realised), lambda k: k.report.realised),
)


class RowsModel(QAbstractTableModel):
    """Rows of one kind with (header, text, sort value) columns; SortRole gives raw values."""

    SortRole = Qt.ItemDataRole.UserRole

    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self._columns = columns
        self.rows: list = []
        self.texts: list[list[str]] = []  # made once per set_rows: painting reads them often
        self._backgrounds: list[QBrush | None] = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.texts = [[text(row) for _, text, _ in self._columns] for row in rows]
        self._backgrounds = [self.background(row) for row in rows]
        self.endResetModel()

    def header(self, column: int) -> str:
        return tr(self._columns[column][0])

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header(section)
        return None

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[index.row()][index.column()]
        if role == self.SortRole:
            return self._columns[index.column()][2](self.rows[index.row()])
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._backgrounds[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def background(self, row) -> QBrush | None:
        if not isinstance(row, BoardRow):
            return None
        if not row.reported:
            return QBrush(NEVER)
        if row.silent:
            return QBrush(SILENT)
        return QBrush(AT_TARGET) if row.at_target else None


# The board's status filter: key → what the officer reads.
BOARD_STATUSES = {
    "": "Semua desa",
    "never": "Belum pernah mengirim",
    "silent": "Tidak mengirim > 30 hari",
    "at_target": "Mencapai target",
    "below_target": "Belum mencapai target",
    "problems": "Ada temuan atau kekurangan",
}


class BoardFilter(QSortFilterProxyModel):
    """Kecamatan, status and free-text filters over the board's rows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kecamatan = ""
        self.status = ""
        self.text = ""
        self.setSortRole(RowsModel.SortRole)

    def set_filters(self, kecamatan: str, status: str, text: str) -> None:
        self.beginFilterChange()
        self.kecamatan, self.status, self.text = kecamatan, status, text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row: BoardRow = cast(RowsModel, self.sourceModel()).rows[source_row]
        if self.kecamatan and row.kecamatan_code != self.kecamatan:
            return False
        if self.text and not any(
            self.text in value.lower() for value in (row.name, row.code, row.kecamatan)
        ):
            return False
        return {
            "": True,
            "never": not row.reported,
            "silent": row.reported and row.silent,
            "at_target": row.at_target,
            "below_target": not row.at_target,
            "problems": bool(row.findings or row.gaps),
        }[self.status]
