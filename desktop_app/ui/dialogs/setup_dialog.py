"""First run: choose the village this laptop serves (or make a sample village to try the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop_app.domain import regions
from desktop_app.domain.errors import DomainError
from desktop_app.services.demo import make_demo
from desktop_app.services.installation import init_village
from desktop_app.ui.i18n import tr

NUNUKAN = "65.03"


class SetupDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self._data_dir = data_dir
        self.setWindowTitle(tr("Selamat datang di Satu Desa"))
        intro = QLabel(
            "Pilih desa yang dilayani laptop ini. Data disimpan di laptop ini saja "
            f"({data_dir}) dan dikirim ke kabupaten lewat berkas sinkronisasi."
        )
        intro.setWordWrap(True)
        self.village = QComboBox()
        self.village.setObjectName("village_code")
        self.village.setEditable(True)
        self.village.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in regions.villages_in(NUNUKAN):
            kecamatan = regions.region_name(code.rsplit(".", 1)[0]) or ""
            self.village.addItem(f"{name} — Kec. {kecamatan} ({code})", code)
        self.village.setCurrentIndex(max(self.village.findData("65.03.10.2004"), 0))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText(tr("atau ketik kode desa lain, mis. 64.01.01.2001"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Desa (Kabupaten Nunukan)"), self.village)
        form.addRow(tr("Kode desa lain"), self.code)
        buttons = QDialogButtonBox()
        start = buttons.addButton(tr("Mulai"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        demo = buttons.addButton(
            tr("Coba dengan desa contoh"), QDialogButtonBox.ButtonRole.ActionRole
        )
        cancel = buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        start.clicked.connect(self.create_village)
        demo.clicked.connect(self.create_demo)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 240)

    def create_village(self) -> None:
        code = self.code.text().strip() or self.village.currentData()
        try:
            init_village(self._data_dir, code)
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()

    def create_demo(self) -> None:
        try:
            make_demo(self._data_dir, 100)
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()
