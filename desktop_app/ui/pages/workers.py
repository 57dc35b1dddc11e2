"""The worker list: search as you type, filters, counts, and the add/edit/remove actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import thousands
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.services import duplicates, registry, worker_export, worker_list
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.jobs import Job
from desktop_app.ui.models.worker_table import WorkerTableModel
from desktop_app.ui.widgets import WARNING_STYLE, ProgressRow

SEARCH_DELAY_MS = 120  # typing fast runs one query, not one per keystroke
REMOVED = "removed"  # the status filter's last choice: removed workers, to restore them


class WorkersPage(QWidget):
    changed = Signal(str)  # a message for the status bar after a save or removal

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("Cari nama, NIK, dusun atau nomor HP…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._timer.start())

        self.status_filter = self._filter_combo(
            "filter_status", "Semua status", [*STATUS_LABELS.items(), (REMOVED, "Dihapus")]
        )
        self.occupation_filter = self._filter_combo(
            "filter_occupation", "Semua pekerjaan", ((o.code, o.label) for o in OCCUPATIONS)
        )
        self.dusun_filter = self._filter_combo("filter_dusun", "Semua dusun", ())
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")

        self.model = WorkerTableModel(inst, self)
        self.table = QTableView()
        self.table.setObjectName("worker_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((200, 135, 190, 115, 120, 95)):
            self.table.setColumnWidth(col, width)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # a header click asks the model, which asks SQL
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        add = QPushButton(tr("Tambah pekerja (Ctrl+N)"))
        add.setObjectName("add_worker")
        add.clicked.connect(self.add_worker)
        edit = QPushButton(tr("Ubah (Enter)"))
        edit.setObjectName("edit_worker")
        edit.clicked.connect(self.edit_selected)
        print_ = QPushButton(tr("Cetak… (Ctrl+P)"))
        print_.setObjectName("print_documents")
        print_.clicked.connect(self.print_selected)
        event = QPushButton(tr("Kejadian…"))
        event.setObjectName("add_event")
        event.clicked.connect(self.add_event)
        remove = QPushButton(tr("Hapus (Del)"))
        remove.setObjectName("remove_worker")
        remove.clicked.connect(self.remove_selected)
        import_list = QPushButton(tr("Impor daftar…"))
        import_list.setObjectName("import_list")
        import_list.clicked.connect(self.import_list)
        export_list = QPushButton(tr("Simpan daftar…"))
        export_list.setObjectName("export_list")
        export_list.setToolTip(tr("Simpan daftar seperti yang tampil (saringan dan urutan)"))
        export_list.clicked.connect(self.export_list)
        self.pairs_button = QPushButton()
        self.pairs_button.setObjectName("duplicate_pairs_button")
        self.pairs_button.setStyleSheet(WARNING_STYLE)
        self.pairs_button.clicked.connect(self.show_pairs)
        self.progress = ProgressRow()
        self.progress.message.connect(self.changed.emit)
        self.remove_button = remove
        self.restore_button = QPushButton(tr("Pulihkan"))
        self.restore_button.setObjectName("restore_worker")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.hide()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.status_filter, self.occupation_filter, self.dusun_filter):
            filters.addWidget(combo, 1)
        filters.addWidget(self.count_label)  # the row of buttons has no room for a long count
        actions = QHBoxLayout()
        actions.addWidget(add)
        actions.addWidget(edit)
        actions.addWidget(print_)
        actions.addWidget(event)
        actions.addWidget(remove)
        actions.addWidget(import_list)
        actions.addWidget(export_list)
        actions.addWidget(self.pairs_button)
        actions.addWidget(self.restore_button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        layout.addWidget(self.progress)

        QShortcut(QKeySequence("Ctrl+N"), self, self.add_worker)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_selected)
        for key, slot in (
            (Qt.Key.Key_Delete, self.remove_selected),
            (Qt.Key.Key_Return, self.edit_selected),
        ):
            shortcut = QShortcut(QKeySequence(key), self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._fill_dusun()  # the model has loaded its first page already
        self._update_count()
        self._update_pairs()

    def _filter_combo(self, name: str, everything: str, items) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(tr(everything), None)
        for value, label in items:
            combo.addItem(tr(label), value)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def filters(self) -> worker_list.Filters:
        status = self.status_filter.currentData()
        return worker_list.Filters(
            search=self.search.text(),
            status=None if status == REMOVED else status,
            occupation=self.occupation_filter.currentData(),
            dusun=self.dusun_filter.currentData(),
            removed=status == REMOVED,
        )

    def apply_filters(self) -> None:
        self._timer.stop()
        removed = self.status_filter.currentData() == REMOVED
        self.remove_button.setVisible(not removed)
        self.restore_button.setVisible(removed)
        self.model.set_filters(self.filters())
        self._update_count()

    def refresh(self) -> None:
        """Reload rows and the dusun list (after a save, an import, ...)."""
        self._fill_dusun()
        self.model.reload(self.filters())
        self._update_count()
        self._update_pairs()

    def _fill_dusun(self) -> None:
        current = self.dusun_filter.currentData()
        self.dusun_filter.blockSignals(True)
        while self.dusun_filter.count() > 1:
            self.dusun_filter.removeItem(1)
        for name in worker_list.dusun_names(self._inst):
            self.dusun_filter.addItem(name, name)
        self.dusun_filter.setCurrentIndex(max(self.dusun_filter.findData(current), 0))
        self.dusun_filter.blockSignals(False)

    def _update_pairs(self) -> None:
        n = duplicates.open_pair_count(self._inst, worker_list.COUNT_UP_TO + 1)
        self.pairs_button.setText(tr("Mungkin ganda: {n}").format(n=self._counted(n)))
        self.pairs_button.setVisible(n > 0)

    @staticmethod
    def _counted(n: int) -> str:
        """A count that stopped one past worker_list.COUNT_UP_TO, as the window says it."""
        if n <= worker_list.COUNT_UP_TO:
            return thousands(n)
        return f"lebih dari {thousands(worker_list.COUNT_UP_TO)}"

    def _update_count(self) -> None:
        everyone = self.model.everyone
        shown = self.model.total
        n = self._counted(shown)
        self.count_label.setText(
            f"{n} pekerja dihapus"
            if self.filters().removed
            else f"{thousands(everyone)} pekerja"
            if shown == everyone
            else f"{n} dari {thousands(everyone)} pekerja"
        )

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.worker_id(r) for r in rows]

    def add_worker(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._open_dialog(ids[0])

    def _open_dialog(self, worker_id: str | None) -> None:
        from desktop_app.ui.dialogs.worker_dialog import WorkerDialog  # with its PDF makers

        dialog = WorkerDialog(self._inst, worker_id, self)
        if dialog.exec() and dialog.saved:
            w = dialog.saved.worker
            verb = "Diperbarui" if worker_id else "Terdaftar"
            notes = "".join(f" — {text}" for text in dialog.saved.warnings)
            self.refresh()
            self.changed.emit(f"{verb}: {w.full_name} (NIK {w.nik}){notes}")

    def print_selected(self) -> None:
        """Print for the selected workers, or for every funded worker when none is selected."""
        from desktop_app.ui.dialogs.print_dialog import PrintDialog

        PrintDialog(self._inst, self.selected_ids() or None, self).exec()

    def add_event(self) -> None:
        from desktop_app.ui.dialogs.event_dialog import EventDialog

        ids = self.selected_ids()
        if not ids:
            self.changed.emit(tr("Pilih pekerja di daftar dahulu."))
            return
        dialog = EventDialog(self._inst, ids[0], self)
        if dialog.exec() and dialog.saved:
            self.refresh()
            self.changed.emit(dialog.summary)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        worker = registry.find_worker(self._inst, ids[0])
        reason, ok = QInputDialog.getText(
            self,
            tr("Hapus pekerja"),
            f"Hapus {worker.full_name} (NIK {worker.nik}) dari daftar?\n"
            "Data tetap tersimpan dan dapat dipulihkan. Tuliskan alasannya:",
        )
        if not ok:
            return
        try:
            registry.remove_worker(self._inst, worker.id, reason)
        except DomainError as e:
            QMessageBox.warning(self, tr("Tidak dapat menghapus"), e.message)
            return
        self.refresh()
        self.changed.emit(f"Dihapus: {worker.full_name}")

    def import_list(self) -> None:
        from desktop_app.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self._inst, self)
        wizard.exec()
        if wizard.outcome is not None:
            self.refresh()
            r = wizard.outcome
            self.changed.emit(
                f"Impor daftar: {thousands(r.added)} masuk, {thousands(len(r.refused))} ditolak"
            )

    def export_list(self) -> None:
        """Save the list as it is shown (filters and sort) as XLSX or CSV."""
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan daftar pekerja"), "daftar-pekerja.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            self.save_list(path)

    def save_list(self, path: str) -> Job:
        """Write the list in the background (a whole district's list takes a while)."""
        filters = self.model.filters

        def work(inst: Installation, progress) -> int:
            return worker_export.export_workers(inst, filters, path, progress=progress)

        return self.progress.start_on_db(
            self._inst,
            tr("Menyimpan daftar…"),
            work,
            lambda n: self.changed.emit(f"{thousands(n)} pekerja disimpan di {path}"),
        )

    def show_pairs(self) -> None:
        from desktop_app.ui.dialogs.duplicates_dialog import DuplicatePairsDialog

        DuplicatePairsDialog(self._inst, self).exec()
        self._update_pairs()

    def restore_selected(self) -> None:
        """Bring removed workers back into the list (from the "Dihapus" view)."""
        ids = self.selected_ids()
        if not ids:
            self.changed.emit(tr("Pilih pekerja di daftar dahulu."))
            return
        names = []
        for worker_id in ids:
            try:
                names.append(registry.restore_worker(self._inst, worker_id).full_name)
            except DomainError as e:
                QMessageBox.warning(self, tr("Tidak dapat memulihkan"), e.message)
                break
        self.refresh()
        if names:
            self.changed.emit(f"Dipulihkan: {', '.join(names)}")
