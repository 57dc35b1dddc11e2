"""First run: set up the village (or the district office) this laptop serves, or try the demo.

The demo goes to its own folder beside the real one (`demo_data_dir`), so trying the app never
leaves sample workers in the real data; `data_dir` says which folder to open afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
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

from desktop_app.domain import regions
from desktop_app.domain.errors import DomainError
from desktop_app.services.demo import make_demo
from desktop_app.services.installation import (
    Installation,
    demo_data_dir,
    init_district,
    init_village,
    is_initialised,
)
from desktop_app.ui.dialogs.first_admin import AdminFields, recovery_code_label
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE

NUNUKAN = "65.03"


class SetupDialog(QDialog):
    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self._data_dir = data_dir
        self.data_dir = data_dir  # the folder to open: the demo's own when the demo is chosen
        self.setWindowTitle(tr("Selamat datang di Satu Desa"))
        intro = QLabel(
            "Pilih kantor yang dilayani laptop ini. Data disimpan di laptop ini saja "
            f"({data_dir}) dan dikirim ke kabupaten lewat berkas sinkronisasi."
        )
        intro.setWordWrap(True)
        self.village = QComboBox()
        self.village.setObjectName("village_code")
        self.village.setEditable(True)
        self.village.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in regions.villages_in(NUNUKAN):
            kecamatan = regions.region_name(code.rsplit(".", 1)[0]) or ""
            kind = regions.village_kind(code).word
            self.village.addItem(f"{kind} {name} — Kec. {kecamatan} ({code})", code)
        self.village.setCurrentIndex(max(self.village.findData("65.03.10.2004"), 0))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText(tr("atau ketik kode desa lain, mis. 64.01.01.2001"))
        self.role = QComboBox()
        self.role.setObjectName("role")
        self.role.addItem(tr("Kantor desa"), "village")
        self.role.addItem(tr("Kantor kabupaten (DPMPD)"), "district")
        self.district_code = QLineEdit(NUNUKAN)
        self.district_code.setObjectName("district_code")
        self.district_profile = QLineEdit()
        self.district_profile.setObjectName("district_profile")
        self.district_profile.setPlaceholderText(tr("profil-kabupaten-….json (boleh nanti)"))
        choose = QPushButton(tr("Pilih…"))
        choose.clicked.connect(self._choose_profile)
        self._profile_row = profile_row = QHBoxLayout()
        profile_row.addWidget(self.district_profile, 1)
        profile_row.addWidget(choose)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.form = form = QFormLayout()
        form.addRow(tr("Laptop ini untuk"), self.role)
        form.addRow(tr("Desa (Kabupaten Nunukan)"), self.village)
        form.addRow(tr("Kode desa lain"), self.code)
        form.addRow(tr("Profil kabupaten"), profile_row)
        form.addRow(tr("Kode kabupaten"), self.district_code)
        self.role.currentIndexChanged.connect(lambda _i: self._show_role())
        self._show_role()
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
        start.clicked.connect(self.set_up)
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

    def _show_role(self) -> None:
        village = self.role.currentData() == "village"
        for row in (self.village, self.code, self._profile_row):
            self.form.setRowVisible(row, village)
        self.form.setRowVisible(self.district_code, not village)

    def _choose_profile(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Profil kabupaten"), str(Path.home()), tr("Profil kabupaten (*.json)")
        )
        if path:
            self.district_profile.setText(path)

    def set_up(self) -> None:
        """Set up this laptop as the chosen village or district."""
        if self.role.currentData() == "district":
            self.create_district()
        else:
            self.create_village()

    def create_village(self) -> None:
        code = self.code.text().strip() or self.village.currentData()
        profile = self.district_profile.text().strip()
        self._create(
            lambda: init_village(
                self._data_dir, code, district_profile=Path(profile) if profile else None
            )
        )

    def create_district(self) -> None:
        self._create(lambda: init_district(self._data_dir, self.district_code.text().strip())[0])

    def _create(self, make: Callable[[], Installation]) -> None:
        with_admin = not self.admin.is_empty()
        try:
            if with_admin:
                self.admin.check()
            inst = make()
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
        self.data_dir = demo_data_dir(self._data_dir)
        try:
            if not is_initialised(self.data_dir):
                make_demo(self.data_dir, 100).close()
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()
