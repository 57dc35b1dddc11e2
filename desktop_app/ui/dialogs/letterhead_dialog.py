"""Kop surat: the village letterhead, the head's name and the letter-number pattern, set once."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services import letterhead
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE


class LetterheadDialog(QDialog):
    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.setWindowTitle(tr("Kop surat dan nomor surat"))
        current = letterhead.settings(inst)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label in letterhead.LABELS.items():
            edit = QLineEdit(str(getattr(current, name)))
            edit.setObjectName(name)
            self.fields[name] = edit
            if name == "logo_path":
                browse = QPushButton(tr("Pilih…"))
                browse.clicked.connect(self.choose_logo)
                row = QWidget()
                box = QHBoxLayout(row)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(edit, 1)
                box.addWidget(browse)
                form.addRow(tr(label), row)
            else:
                form.addRow(tr(label), edit)
        hint = QLabel(
            tr(
                "Pola boleh memakai {seq} (nomor urut), {roman_month}, {month} dan {year}; "
                "klasifikasi mengikuti Permendagri 83/2022, mis. 400.10/{seq}/DS-TA/"
                "{roman_month}/{year}."
            )
        )
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.mask_nik = QCheckBox(tr(letterhead.MASK_LABEL))
        self.mask_nik.setObjectName("mask_nik")
        self.mask_nik.setChecked(current.mask_nik)
        form.addRow("", self.mask_nik)
        self.error = QLabel()
        self.error.setObjectName("letterhead_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Logo desa"), "", "Gambar (*.png *.jpg *.jpeg)"
        )
        if path:
            self.fields["logo_path"].setText(path)

    def save(self) -> None:
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        new = dataclasses.replace(
            letterhead.settings(self._inst), **values, mask_nik=self.mask_nik.isChecked()
        )
        try:
            letterhead.save(self._inst, new)
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()
