"""Record a life event for a worker; show what it entitles to; print the claim cover letter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain.dates import parse_date
from desktop_app.domain.errors import DomainError
from desktop_app.domain.events import CLAIM_LABELS, EVENT_LABELS, OPENS_CLAIM
from desktop_app.domain.formatting import rupiah, short_date, tanggal
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.services import events, registry
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE, ResultsTable

CAUSES = [("", "—"), ("work", "Karena kerja"), ("non_work", "Bukan karena kerja")]


class EventDialog(QDialog):
    def __init__(self, inst: Installation, worker_id: str, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._worker = registry.find_worker(inst, worker_id)
        self.saved: dict | None = None
        self.summary = ""
        self.setWindowTitle(f"Kejadian — {self._worker.full_name}")
        self.kind = self._combo("kind", list(EVENT_LABELS.items()))
        self.event_date = self._line("event_date", short_date(dt.date.today()))
        self.cause = self._combo("cause", CAUSES)
        self.place = self._line("place", "")
        self.unable_from = self._line("unable_from", "")
        self.unable_to = self._line("unable_to", "")
        self.new_occupation = self._combo(
            "new_occupation", [("", "—")] + [(o.code, o.label) for o in OCCUPATIONS]
        )
        form = QFormLayout()
        form.addRow(tr("Jenis kejadian"), self.kind)
        form.addRow(tr("Tanggal"), self.event_date)
        form.addRow(tr("Penyebab"), self.cause)
        form.addRow(tr("Tempat"), self.place)
        form.addRow(tr("Tidak mampu bekerja dari"), self.unable_from)
        form.addRow(tr("sampai"), self.unable_to)
        form.addRow(tr("Pekerjaan baru"), self.new_occupation)
        self.message = QLabel()
        self.message.setObjectName("event_message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Tutup"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self._close)
        self.claim_letter = QPushButton(tr("Cetak surat pengantar klaim…"))
        self.claim_letter.setObjectName("claim_letter")
        self.claim_letter.setEnabled(False)
        self.claim_letter.clicked.connect(self.print_claim_letter)
        self.history = ResultsTable((tr("Tanggal"), tr("Kejadian"), tr("Klaim")), "event_history")
        self.claim_status = self._combo(
            "claim_status", [(k, v) for k, v in CLAIM_LABELS.items() if k != "none"]
        )
        update = QPushButton(tr("Ubah status klaim kejadian terpilih"))
        update.setObjectName("update_claim")
        update.clicked.connect(self.update_claim)
        claim_row = QHBoxLayout()
        claim_row.addWidget(self.claim_status)
        claim_row.addWidget(update)
        claim_row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.claim_letter)
        layout.addWidget(QLabel(tr("Kejadian yang sudah dicatat")))
        layout.addWidget(self.history)
        layout.addLayout(claim_row)
        layout.addWidget(self.buttons)
        self.resize(600, 620)
        self._show_history()

    def _show_history(self) -> None:
        self._events = events.list_events(self._inst, self._worker.id)
        self.history.set_rows(
            [
                (
                    tanggal(dt.date.fromisoformat(e["event_date"])),
                    EVENT_LABELS[e["kind"]],
                    CLAIM_LABELS[e["claim_status"] or "none"],
                )
                for e in self._events
            ]
        )

    def update_claim(self) -> None:
        rows = {i.row() for i in self.history.selectedIndexes()}
        if len(rows) != 1:
            self.message.setText(tr("Pilih satu kejadian di daftar."))
            return
        try:
            events.set_claim_status(
                self._inst, self._events[rows.pop()]["id"], self.claim_status.currentData()
            )
        except DomainError as e:
            self.message.setText(e.message)
            return
        self._show_history()

    def _line(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText("HH-BB-TTTT" if "date" in name or "unable" in name else "")
        return edit

    def _combo(self, name: str, items) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for value, label in items:
            combo.addItem(tr(label), value)
        return combo

    def _date(self, edit: QLineEdit, field: str) -> dt.date | None:
        return parse_date(edit.text(), field) if edit.text().strip() else None

    def save(self) -> None:
        try:
            row = events.add_event(
                self._inst,
                self._worker.id,
                self.kind.currentData(),
                self._date(self.event_date, "event_date") or dt.date.today(),
                place=self.place.text(),
                cause=self.cause.currentData() or None,
                unable_from=self._date(self.unable_from, "unable_from"),
                unable_to=self._date(self.unable_to, "unable_to"),
                new_occupation=self.new_occupation.currentData() or None,
            )
        except DomainError as e:
            self.message.setText(e.message)
            self.message.setStyleSheet(ERROR_STYLE)
            return
        self.saved = row
        rights = events.entitlements(self._inst, row)
        lines = [
            f"• {r.title}: {rupiah(r.amount) if r.amount is not None else 'sesuai kebutuhan'}"
            f" — {r.note}"
            for r in rights
        ]
        self.summary = f"Kejadian dicatat: {EVENT_LABELS[row['kind']]} — {self._worker.full_name}"
        self.message.setStyleSheet("")
        self.message.setText("Tersimpan.\n" + "\n".join(lines))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.claim_letter.setEnabled(row["kind"] in OPENS_CLAIM)
        self._show_history()

    def print_claim_letter(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan surat pengantar klaim"), "surat-pengantar-klaim.pdf", "PDF (*.pdf)"
        )
        if target and self.saved:
            self.write_claim_letter(Path(target))

    def write_claim_letter(self, path: Path) -> None:
        if self.saved is None:
            return
        try:
            events.print_claim_letter(self._inst, self.saved["id"], path)
        except DomainError as e:  # e.g. the head's name is not on the letterhead yet
            self.message.setText(self.message.text() + f"\n{e.message}")
            return
        self.message.setText(self.message.text() + f"\nSurat disimpan di {path}")

    def _close(self) -> None:
        self.done(QDialog.DialogCode.Accepted if self.saved else QDialog.DialogCode.Rejected)
