"""The worker list as a lazily fetched table model: pages of rows, never all 100,000."""

from __future__ import annotations

import dataclasses

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
# The sort key (store.workers.SORTS) behind each column; the database sorts, not the view.
SORT_KEYS = ("full_name", "nik", "occupation", "dusun", "phone", "status", "coverage")


class WorkerTableModel(QAbstractTableModel):
    """Pages of the filtered list, each fetched from the previous page's key.

    Counts are kept per filter until `reload()` (called after every change), so typing a
    search back and forth, or the "N of M workers" label, does not count the same thing twice.
    """

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._filters = worker_list.Filters()
        self._rows: list[worker_list.Row] = []
        self._next: worker_list.PageKey | None = None
        self._counts: dict[worker_list.Filters, int] = {}
        self._load_first_page()

    @property
    def total(self) -> int:
        """How many workers match the current filters, counted up to one past
        worker_list.COUNT_UP_TO (all live workers are always counted: the triggers keep it)."""
        return self.count(self._filters)

    @property
    def everyone(self) -> int:
        """How many live workers there are."""
        return self.count(worker_list.Filters())

    def count(self, filters: worker_list.Filters) -> int:
        filters = dataclasses.replace(filters, sort=None, descending=False)  # same rows
        if filters not in self._counts:
            up_to = None if filters == worker_list.Filters() else worker_list.COUNT_UP_TO + 1
            self._counts[filters] = worker_list.count(self._inst, filters, up_to)
        return self._counts[filters]

    @property
    def filters(self) -> worker_list.Filters:
        """The filters and sort the list shows (what an export writes)."""
        return self._filters

    def _keep_sort(self, filters: worker_list.Filters) -> worker_list.Filters:
        """The page's filters know nothing of the sort a header click chose."""
        return dataclasses.replace(
            filters, sort=self._filters.sort, descending=self._filters.descending
        )

    def set_filters(self, filters: worker_list.Filters) -> None:
        filters = self._keep_sort(filters)
        if filters != self._filters:
            self._filters = filters
            self._load_first_page()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database by the column's key (by name, ascending: the list's own order)."""
        descending = order == Qt.SortOrder.DescendingOrder
        key = None if column == 0 and not descending else SORT_KEYS[column]
        filters = dataclasses.replace(self._filters, sort=key, descending=descending)
        if filters != self._filters:
            self._filters = filters
            self._load_first_page()

    def reload(self, filters: worker_list.Filters | None = None) -> None:
        """Count and fetch again from the first page (after a save, a removal, an import)."""
        self._filters = self._keep_sort(filters or self._filters)
        self._counts.clear()
        self._load_first_page()

    def _load_first_page(self) -> None:
        # Query first: a query that fails must not leave the view between begin and end.
        page = worker_list.fetch_page(self._inst, self._filters, None, PAGE)
        self.beginResetModel()
        self._rows, self._next = page.rows, page.next
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._next is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self._next is None:
            return
        page = worker_list.fetch_page(self._inst, self._filters, self._next, PAGE)
        self._next = page.next
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
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
