"""The worker list as a lazily fetched table model: pages of rows, never all 100,000."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.services import worker_list
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr

PAGE = 200
Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("full_name", "Nama"),
    ("nik", "NIK"),
    ("occupation_label", "Pekerjaan"),
    ("dusun", "Dusun"),
    ("phone", "HP"),
    ("status_label", "Status"),
    ("coverage_label", "Kepesertaan"),
)


class WorkerTableModel(QAbstractTableModel):
    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._filters = worker_list.Filters()
        self._rows: list[worker_list.Row] = []
        self._total = 0
        self.reload()

    @property
    def total(self) -> int:
        return self._total

    def set_filters(self, filters: worker_list.Filters) -> None:
        if filters != self._filters:
            self._filters = filters
            self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a filter change or a save)."""
        # Query first: a query that fails must not leave the view between begin and end.
        total = worker_list.count(self._inst, self._filters)
        rows = worker_list.fetch_rows(self._inst, self._filters, 0, PAGE, total)
        self.beginResetModel()
        self._total, self._rows = total, rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        more = worker_list.fetch_rows(self._inst, self._filters, len(self._rows), PAGE, self._total)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = getattr(row, COLUMNS[index.column()][0])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return row.worker.id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][1])
        return None

    def worker_id(self, row: int) -> str:
        return self._rows[row].worker.id
