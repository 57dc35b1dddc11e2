"""Check a participant card's QR code offline: typed, pasted, or from a USB scanner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.services import printing
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE, VALID_STYLE


class VerifyCardDialog(QDialog):
    """The same check as `satudesa verify-card`.

    A USB QR scanner types the code and presses Enter, so the payload field checks on
    Enter and is cleared for the next card.
    """

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.setWindowTitle(tr("Periksa kartu peserta"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # see PrintDialog
        self.payload = QLineEdit()
        self.payload.setObjectName("payload")
        self.payload.setPlaceholderText(tr("pindai kode QR kartu, atau tempel isinya (SD1:…)"))
        self.payload.returnPressed.connect(self.check)
        self.nik = QLineEdit()
        self.nik.setObjectName("nik")
        self.nik.setPlaceholderText(tr("boleh kosong"))
        check = QPushButton(tr("Periksa"))
        check.setObjectName("check")
        check.clicked.connect(self.check)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Kode QR"), self.payload)
        if inst.role == "village":  # only the issuing village holds the NIK key
            form.addRow(tr("NIK pada KTP pemegang"), self.nik)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Tutup"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(check)
        layout.addWidget(self.verdict)
        layout.addWidget(close)
        self.resize(560, 220)

    def check(self) -> None:
        text = self.payload.text().strip()
        if not text:
            return
        verdict = printing.verify_card_payload(self._inst, text, self.nik.text().strip() or None)
        self.verdict.setText(verdict.headline())
        self.verdict.setStyleSheet(VALID_STYLE if verdict.valid else ERROR_STYLE)
        self.payload.clear()
