"""Import a list the village already keeps: pick the file, check the columns, see the result.

Three steps in one dialog: the file; the mapping of its columns with a preview of how the
first rows read; the counts, with the refused rows saved as a workbook to fix and import again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import thousands
from desktop_app.domain.import_cells import text
from desktop_app.domain.import_mapping import IGNORE, TARGETS
from desktop_app.services import list_import
from desktop_app.services.installation import Installation
from desktop_app.services.list_files import ListFile
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ProgressRow

ERROR_STYLE = "color: #b00020;"
WARNING_COLOR = "#8a4b00"
PREVIEW_COLUMNS = (
    ("nik", "NIK"),
    ("full_name", "Nama"),
    ("birth_date", "Tanggal lahir"),
    ("sex", "L/P"),
    ("occupation", "Pekerjaan"),
    ("dusun", "Dusun"),
)
PREVIEW_ROWS = 50


class ImportWizard(QDialog):
    """`outcome` holds the import's result once it has run."""

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.listed: ListFile | None = None
        self.outcome: list_import.Result | None = None
        self.setWindowTitle(tr("Impor daftar pekerja"))
        self.steps = QStackedWidget()
        self.steps.addWidget(self._file_step())
        self.steps.addWidget(self._mapping_step())
        self.steps.addWidget(self._result_step())
        self.back = QPushButton(tr("Kembali"))
        self.back.setObjectName("back")
        self.back.clicked.connect(lambda: self._go(self.steps.currentIndex() - 1))
        self.next = QPushButton(tr("Lanjut"))
        self.next.setObjectName("next")
        self.next.setDefault(True)
        self.next.clicked.connect(self._forward)
        self.close_button = QPushButton(tr("Tutup"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.accept)
        self.progress = ProgressRow()
        self.progress.message.connect(self._failed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch()
        for b in (self.back, self.next, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self.resize(1000, 640)
        self._go(0)

    # ---- step 1: the file ---------------------------------------------------------------

    def _file_step(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            tr(
                "Pilih daftar pekerja yang sudah ada (Excel .xlsx atau .csv). Baris judul di "
                "atas tabel tidak apa-apa; kolom dikenali dari judulnya (NIK, Nama, Tgl Lahir, "
                "L/P, Pekerjaan, Dusun, …) dan dapat diubah pada langkah berikutnya."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setObjectName("import_file")
        self.path.setPlaceholderText(tr("berkas .xlsx atau .csv"))
        self.path.returnPressed.connect(self._forward)
        browse = QPushButton(tr("Pilih berkas…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self.browse)
        self.file_error = QLabel()
        self.file_error.setObjectName("file_error")
        self.file_error.setStyleSheet(ERROR_STYLE)
        self.file_error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.file_error)
        layout.addStretch()
        return page

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Pilih daftar pekerja"), "", tr("Daftar (*.xlsx *.csv)")
        )
        if path:
            self.path.setText(path)

    def open_file(self) -> bool:
        try:
            self.listed, mapping = list_import.open_list(self._inst, Path(self.path.text().strip()))
        except DomainError as e:
            self.file_error.setText(e.message)
            return False
        self.file_error.clear()
        self._fill_mapping(mapping)
        return True

    # ---- step 2: columns and preview ----------------------------------------------------

    def _mapping_step(self) -> QWidget:
        page = QWidget()
        self.mapping_info = QLabel()
        self.mapping_info.setObjectName("mapping_info")
        self.mapping_info.setWordWrap(True)
        self.mapping = QTableWidget(0, 3)
        self.mapping.setObjectName("mapping")
        self.mapping.setHorizontalHeaderLabels(
            [tr("Kolom di berkas"), tr("Contoh isi"), tr("Dibaca sebagai")]
        )
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_table = QTableWidget(0, len(PREVIEW_COLUMNS) + 2)
        self.preview_table.setObjectName("preview")
        self.preview_table.setHorizontalHeaderLabels(
            [tr("Baris")] + [tr(label) for _, label in PREVIEW_COLUMNS] + [tr("Keterangan")]
        )
        self.preview_table.verticalHeader().hide()
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_table.setWordWrap(True)  # a long reason wraps instead of being cut
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(PREVIEW_COLUMNS) + 1, QHeaderView.ResizeMode.Stretch)
        # The reason column takes the width left and wraps; rows grow to fit it.
        header.sectionResized.connect(lambda *_: self.preview_table.resizeRowsToContents())
        self.preview_count = QLabel()
        self.preview_count.setObjectName("preview_count")
        self.mapping_error = QLabel()
        self.mapping_error.setObjectName("mapping_error")
        self.mapping_error.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_info)
        layout.addWidget(self.mapping, 2)
        layout.addWidget(QLabel(tr("Pratinjau: baris pertama seperti yang akan didaftarkan")))
        layout.addWidget(self.preview_table, 3)
        layout.addWidget(self.preview_count)
        layout.addWidget(self.mapping_error)
        return page

    def _fill_mapping(self, mapping: list[str]) -> None:
        listed = self.listed
        assert listed is not None
        self.mapping_info.setText(
            tr("{file}: judul kolom di baris {row}, {n} baris data.").format(
                file=listed.path.name, row=listed.header_row, n=thousands(len(listed.rows))
            )
        )
        self.mapping.setRowCount(len(listed.headers))
        for i, (header, field) in enumerate(zip(listed.headers, mapping, strict=True)):
            sample = next(
                (
                    text(r.cells[i])
                    for r in listed.rows
                    if i < len(r.cells) and r.cells[i] is not None
                ),
                "",
            )
            self.mapping.setItem(i, 0, QTableWidgetItem(header or f"({i + 1})"))
            self.mapping.setItem(i, 1, QTableWidgetItem(sample))
            combo = QComboBox()
            combo.setObjectName(f"map_{i}")
            combo.addItem(tr("— tidak diimpor —"), IGNORE)
            for key, label in TARGETS.items():
                combo.addItem(tr(label), key)
            combo.setCurrentIndex(max(combo.findData(field), 0))
            combo.currentIndexChanged.connect(lambda _i, row=i: self._chosen(row))
            self.mapping.setCellWidget(i, 2, combo)
        self.mapping.resizeRowsToContents()
        self.refresh_preview()

    def _combo(self, row: int) -> QComboBox:
        combo = self.mapping.cellWidget(row, 2)
        assert isinstance(combo, QComboBox)
        return combo

    def _chosen(self, row: int) -> None:
        """A field read from one column only: choosing it here clears it elsewhere."""
        field = self._combo(row).currentData()
        for other in range(self.mapping.rowCount()):
            combo = self._combo(other)
            if other != row and field and combo.currentData() == field:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        self.refresh_preview()

    def chosen_mapping(self) -> list[str]:
        return [self._combo(i).currentData() for i in range(self.mapping.rowCount())]

    def refresh_preview(self) -> None:
        assert self.listed is not None
        rows = list_import.preview(self._inst, self.listed, self.chosen_mapping(), PREVIEW_ROWS)
        self.preview_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [str(row.number)] + [row.values.get(k, "") for k, _ in PREVIEW_COLUMNS]
            cells.append(
                row.reason or (f"{tr('siap')} — {row.warning}" if row.warning else tr("siap"))
            )
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if row.reason and row.reason != list_import.ALREADY_REGISTERED:
                    item.setForeground(Qt.GlobalColor.darkRed)
                elif row.warning:
                    item.setForeground(QColor(WARNING_COLOR))
                item.setToolTip(value)
                self.preview_table.setItem(r, c, item)
        self.preview_table.resizeRowsToContents()
        ready = sum(1 for row in rows if not row.reason)
        self.next.setText(tr("Impor {n} baris").format(n=thousands(len(self.listed.rows))))
        self.preview_count.setText(
            tr(
                "{ready} dari {shown} baris pertama siap; yang lain akan ditolak beserta alasannya."
            ).format(ready=ready, shown=len(rows))
        )
        self.mapping_error.clear()

    # ---- step 3: the result -------------------------------------------------------------

    def _result_step(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.refused_list = QListWidget()
        self.refused_list.setObjectName("refused")
        self.refused_list.setWordWrap(True)
        self.save_errors = QPushButton(tr("Simpan daftar yang perlu diperbaiki…"))
        self.save_errors.setObjectName("save_errors")
        self.save_errors.clicked.connect(self.save_refused)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved_label")
        self.saved_label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.refused_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_errors)
        row.addWidget(self.saved_label, 1)
        layout.addLayout(row)
        return page

    def run_import(self) -> None:
        listed, mapping = self.listed, self.chosen_mapping()
        assert listed is not None
        try:
            list_import.check_mapping(mapping)
        except DomainError as e:
            self.mapping_error.setText(e.message)
            return
        list_import.remember_mapping(self._inst, listed.headers, mapping)
        for button in (self.next, self.back, self.close_button):
            button.setEnabled(False)

        def work(inst, progress):
            return list_import.import_list(inst, listed, mapping, progress)

        self.progress.start_on_db(self._inst, tr("Mengimpor…"), work, self._imported)

    def _failed(self, message: str) -> None:
        """The import stopped (cancelled or refused): nothing of it was saved."""
        self.mapping_error.setText(message)
        for button in (self.next, self.back, self.close_button):
            button.setEnabled(True)

    def reject(self) -> None:
        """Esc while importing stops the import (it rolls back) instead of hiding it."""
        if self.progress.job is not None:
            self.progress.cancel()
            return
        super().reject()

    def _imported(self, result: list_import.Result) -> None:
        self.outcome = result
        lines = [
            tr("Masuk: {n} pekerja").format(n=thousands(result.added)),
            tr("Sudah terdaftar (dilewati): {n}").format(n=thousands(result.already_registered)),
            tr("Ditolak: {n} baris").format(n=thousands(len(result.refused))),
        ]
        if result.likely_duplicates:
            lines.append(
                tr("Kemungkinan orang yang sama: {n} pasangan, periksa di daftar pekerja.").format(
                    n=thousands(result.likely_duplicates)
                )
            )
        self.summary.setText("\n".join(lines))
        self.refused_list.clear()
        for r in result.refused:
            text = tr("Baris {n}: {reason}").format(n=r.row.number, reason=r.reason)
            self.refused_list.addItem(text)
            self.refused_list.item(self.refused_list.count() - 1).setForeground(
                Qt.GlobalColor.darkRed
            )
        for warning in result.warnings:
            self.refused_list.addItem(warning)
            self.refused_list.item(self.refused_list.count() - 1).setForeground(
                QColor(WARNING_COLOR)
            )
        self.save_errors.setVisible(bool(result.refused))
        self._go(2)

    def save_refused(self, path: str | None = None) -> None:
        """Write the refused rows as a workbook (asking where, unless `path` is given)."""
        assert self.outcome is not None and self.listed is not None
        if not path:
            suggested = str(list_import.default_errors_path(self.listed.path))
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Simpan daftar yang perlu diperbaiki"), suggested, "Excel (*.xlsx)"
            )
        if not path:
            return
        try:
            saved = list_import.save_refused(self.outcome, path)
        except DomainError as e:
            self.saved_label.setText(e.message)
            return
        self.saved_label.setText(
            tr("Disimpan di {path}. Perbaiki sesuai kolom Alasan, lalu impor berkas itu.").format(
                path=saved
            )
        )

    # ---- moving between steps -----------------------------------------------------------

    def _forward(self) -> None:
        step = self.steps.currentIndex()
        if step == 0 and self.open_file():
            self._go(1)
        elif step == 1:
            self.run_import()

    def _go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.back.setVisible(step == 1)
        self.back.setEnabled(True)
        self.next.setVisible(step < 2)
        self.next.setEnabled(True)
        self.close_button.setText(tr("Selesai") if step == 2 else tr("Batal"))
        self.close_button.setEnabled(True)
        if step == 0:
            self.next.setText(tr("Lanjut"))
