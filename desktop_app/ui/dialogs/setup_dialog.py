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
from desktop_app.ui.dialogs.first_admin import AdminFields, recovery_code_label
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE

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
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Desa (Kabupaten Nunukan)"), self.village)
        form.addRow(tr("Kode desa lain"), self.code)
        admin_intro = QLabel(
            tr(
                "Administrator pertama mengatur pengguna, pengaturan dan pemulihan cadangan. "
                "Tanpa administrator, siapa pun yang memakai laptop ini dapat mengubah data."
            )
        )
        admin_intro.setWordWrap(True)
        self.admin = AdminFields()
        buttons = QDialogButtonBox()
        start = buttons.addButton(tr("Mulai"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        demo = buttons.addButton(
            tr("Coba dengan desa contoh"), QDialogButtonBox.ButtonRole.ActionRole
        )
        cancel = buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        start.clicked.connect(self.create_village)
        self.buttons = buttons
        demo.clicked.connect(self.create_demo)
        cancel.clicked.connect(self.reject)
        self.recovery_code = ""
        self.body = QVBoxLayout(self)
        self.body.addWidget(intro)
        self.body.addLayout(form)
        self.body.addWidget(admin_intro)
        self.body.addWidget(self.admin)
        self.body.addWidget(self.error)
        self.body.addWidget(buttons)
        self.resize(620, 420)

    def create_village(self) -> None:
        code = self.code.text().strip() or self.village.currentData()
        with_admin = not self.admin.is_empty()
        try:
            if with_admin:
                self.admin.check()
            inst = init_village(self._data_dir, code)
        except DomainError as e:
            self.error.setText(e.message)
            return
        try:
            if not with_admin:
                self.accept()
                return
            self.recovery_code = self.admin.create_admin(inst)
        finally:
            inst.close()
        self._show_recovery_code()

    def _show_recovery_code(self) -> None:
        """The code is shown once, in this dialog, until the clerk says it is written down."""
        for i in range(self.body.count()):
            item = self.body.itemAt(i)
            if item.widget():
                item.widget().hide()
            elif item.layout():
                for j in range(item.layout().count()):
                    if w := item.layout().itemAt(j).widget():
                        w.hide()
        self.body.addWidget(recovery_code_label(self.recovery_code))
        done = QDialogButtonBox()
        ok = done.addButton(tr("Sudah saya catat"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("noted")
        ok.clicked.connect(self.accept)
        self.body.addWidget(done)

    def create_demo(self) -> None:
        try:
            make_demo(self._data_dir, 100)
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()
