"""Likely duplicates in the window: the warning before a registration, and the open pairs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import local_time
from desktop_app.services import duplicates
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr

WARNING_STYLE = "color: #8a4b00;"
PAIR_HEADERS = ("Pekerja", "NIK", "Mungkin sama dengan", "NIK", "Karena", "Ditemukan")


class DuplicateWarning(QDialog):
    """Asked before registering someone who looks like a worker already registered.

    After exec(): accepted to register (with `reason` when the clerk says they are different
    people, None to look at the pair later), rejected to go back to the form.
    """

    def __init__(self, matches: list[duplicates.Match], parent=None):
        super().__init__(parent)
        self.reason: str | None = None
        self.setWindowTitle(tr("Mungkin orang yang sama"))
        text = QLabel("\n\n".join(m.message for m in matches))
        text.setObjectName("duplicate_matches")
        text.setWordWrap(True)
        text.setStyleSheet(WARNING_STYLE)
        ask = QLabel(
            tr(
                "Periksa KTP dan KK. Jika ternyata orang yang berbeda (mis. kembar), tuliskan "
                "alasannya lalu daftarkan. Jika belum yakin, daftarkan dan periksa nanti di "
                "daftar kemungkinan ganda."
            )
        )
        ask.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("duplicate_reason")
        self.reason_edit.setPlaceholderText(tr("alasan, mis. kembar, sudah dicek di KK"))
        cancel = QPushButton(tr("Kembali ke formulir"))
        cancel.setObjectName("duplicate_cancel")
        cancel.clicked.connect(self.reject)
        later = QPushButton(tr("Daftarkan, periksa nanti"))
        later.setObjectName("duplicate_later")
        later.clicked.connect(self.accept)
        self.different = QPushButton(tr("Orang berbeda — daftarkan"))
        self.different.setObjectName("duplicate_different")
        self.different.setEnabled(False)
        self.different.clicked.connect(self._different)
        self.reason_edit.textChanged.connect(lambda t: self.different.setEnabled(bool(t.strip())))
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch()
        buttons.addWidget(later)
        buttons.addWidget(self.different)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(ask)
        layout.addWidget(self.reason_edit)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)

    def _different(self) -> None:
        self.reason = self.reason_edit.text().strip()
        self.accept()


class DuplicatePairsDialog(QDialog):
    """The open pairs: each can be marked as two different people, with a reason."""

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._pairs: list[duplicates.Pair] = []
        self.setWindowTitle(tr("Kemungkinan orang yang sama"))
        self.table = QTableWidget(0, len(PAIR_HEADERS))
        self.table.setObjectName("duplicate_pairs")
        self.table.setHorizontalHeaderLabels([tr(h) for h in PAIR_HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("dismiss_reason")
        self.reason_edit.setPlaceholderText(tr("alasan, mis. kembar, sudah dicek di KK"))
        self.dismiss_button = QPushButton(tr("Bukan orang yang sama"))
        self.dismiss_button.setObjectName("dismiss_pair")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.info = QLabel()
        self.info.setObjectName("pairs_info")
        self.info.setWordWrap(True)
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.reason_edit, 1)
        row.addWidget(self.dismiss_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.info)
        layout.addLayout(row)
        self.resize(980, 420)
        self.reload()

    def reload(self) -> None:
        self._pairs = duplicates.open_pairs(self._inst)
        self.table.setRowCount(len(self._pairs))
        for r, p in enumerate(self._pairs):
            found = local_time(p.found_at)
            cells = (p.worker.full_name, p.worker.nik, p.other.full_name, p.other.nik)
            for c, value in enumerate((*cells, p.rule_label, found)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.info.setText(
            tr("{n} pasangan belum diperiksa. Hapus yang ganda dari daftar pekerja.").format(
                n=len(self._pairs)
            )
            if self._pairs
            else tr("Tidak ada pasangan yang perlu diperiksa.")
        )

    def dismiss_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.info.setText(tr("Pilih satu pasangan di tabel dahulu."))
            return
        try:
            duplicates.dismiss(self._inst, self._pairs[rows[0].row()].id, self.reason_edit.text())
        except DomainError as e:
            self.info.setText(e.message)
            return
        self.reason_edit.clear()
        self.reload()
