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

from desktop_app.device import clock
from desktop_app.domain.benefits import DISABILITY_KINDS, disability_parts
from desktop_app.domain.dates import parse_date
from desktop_app.domain.errors import DomainError
from desktop_app.domain.events import CAUSE_WORDS, CLAIM_LABELS, EVENT_LABELS, OPENS_CLAIM
from desktop_app.domain.formatting import short_date, tanggal
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.services import events, registry
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE, ResultsTable

CAUSES = [("", "—"), *((k, v[0].upper() + v[1:]) for k, v in CAUSE_WORDS.items())]
DISABILITY = [("", "Tidak ada / belum diketahui"), *DISABILITY_KINDS.items()]


class EventDialog(QDialog):
    def __init__(self, inst: Installation, worker_id: str, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._worker = registry.find_worker(inst, worker_id)
        self.saved: dict | None = None
        self.summary = ""
        self.setWindowTitle(f"Kejadian — {self._worker.full_name}")
        self.kind = self._combo("kind", list(EVENT_LABELS.items()))
        self.event_date = self._line("event_date", short_date(clock.today()))
        self.cause = self._combo("cause", CAUSES)
        self.place = self._line("place", "")
        self.unable_from = self._line("unable_from", "")
        self.unable_to = self._line("unable_to", "")
        self.disability = self._combo("disability", DISABILITY)
        self.disability_part = self._combo(
            "disability_part",
            [("", "—")]
            + [(code, f"{label} ({pct}%)") for code, (label, pct) in disability_parts().items()],
        )
        self.function_loss = self._line("function_loss_percent", "")
        self.function_loss.setPlaceholderText(tr("persen, kosong = hilang seluruhnya"))
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
        form.addRow(tr("Cacat akibat kecelakaan kerja"), self.disability)
        form.addRow(tr("Bagian tubuh (cacat sebagian)"), self.disability_part)
        form.addRow(tr("Berkurangnya fungsi (%)"), self.function_loss)
        form.addRow(tr("Pekerjaan baru"), self.new_occupation)
        for combo in (self.kind, self.disability):
            combo.currentIndexChanged.connect(lambda _i: self._enable_fields())
        self._enable_fields()
        self.message = QLabel()
        self.message.setObjectName("event_message")
        self.message.setWordWrap(True)
        self.entitlements = ResultsTable(
            (tr("Manfaat"), tr("Jumlah"), tr("Keterangan")), "entitlements"
        )
        self.entitlements.hide()
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
        layout.addWidget(self.entitlements, 3)
        layout.addWidget(self.claim_letter)
        layout.addWidget(QLabel(tr("Kejadian yang sudah dicatat")))
        layout.addWidget(self.history, 1)
        layout.addLayout(claim_row)
        layout.addWidget(self.buttons)
        self.resize(900, 820)
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

    def _enable_fields(self) -> None:
        """Only the fields the chosen event uses can be filled."""
        kind = self.kind.currentData()
        injury = kind in ("accident", "illness")
        self.cause.setEnabled(kind in OPENS_CLAIM)
        for field in (self.unable_from, self.unable_to, self.disability):
            field.setEnabled(injury)
        partial = injury and self.disability.currentData() == "partial"
        self.disability_part.setEnabled(partial)
        self.function_loss.setEnabled(partial)
        self.new_occupation.setEnabled(kind == "occupation_changed")

    def _percent(self) -> int | None:
        text = self.function_loss.text().strip().rstrip("%").strip()
        if not text:
            return None
        if not text.isascii() or not text.isdigit():
            raise DomainError(
                "event.function_loss", "Tulis persen dengan angka, mis. 50.", "function_loss"
            )
        return int(text)

    def save(self) -> None:
        try:
            row = events.add_event(
                self._inst,
                self._worker.id,
                self.kind.currentData(),
                self._date(self.event_date, "event_date") or clock.today(),
                place=self.place.text(),
                cause=self.cause.currentData() or None,
                unable_from=self._date(self.unable_from, "unable_from"),
                unable_to=self._date(self.unable_to, "unable_to"),
                new_occupation=self.new_occupation.currentData() or None,
                disability=(self.disability.isEnabled() and self.disability.currentData()) or None,
                disability_part=self.disability_part.currentData() or None,
                function_loss_percent=self._percent() if self.function_loss.isEnabled() else None,
            )
        except DomainError as e:
            self.message.setText(e.message)
            self.message.setStyleSheet(ERROR_STYLE)
            return
        self.saved = row
        rights = events.entitlements(self._inst, row)
        cover = events.cover_on_event_day(self._inst, row)
        self.entitlements.set_rows([(r.title, r.amount_text, r.note) for r in rights])
        self.entitlements.setVisible(bool(rights))
        self.summary = f"Kejadian dicatat: {EVENT_LABELS[row['kind']]} — {self._worker.full_name}"
        self.message.setStyleSheet("" if cover.state == "covered" else "color: #8a4b00;")
        self.message.setText(tr("Tersimpan.") + "\n" + cover.note)
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
