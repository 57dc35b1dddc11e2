"""First run: set up the village (or the district office) this laptop serves, or try the demo.

The demo goes to its own folder beside the real one (`demo_data_dir`), so trying the app never
leaves sample workers in the real data; `data_dir` says which folder to open afterwards.
"""

from __future__ import annotations

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
    demo_data_dir,
    init_district,
    init_village,
    is_initialised,
)
from desktop_app.ui.i18n import tr

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
            self.village.addItem(f"{name} — Kec. {kecamatan} ({code})", code)
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
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.form = form = QFormLayout()
        form.addRow(tr("Laptop ini untuk"), self.role)
        form.addRow(tr("Desa (Kabupaten Nunukan)"), self.village)
        form.addRow(tr("Kode desa lain"), self.code)
        form.addRow(tr("Profil kabupaten"), profile_row)
        form.addRow(tr("Kode kabupaten"), self.district_code)
        self.role.currentIndexChanged.connect(lambda _i: self._show_role())
        self._show_role()
        buttons = QDialogButtonBox()
        start = buttons.addButton(tr("Mulai"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setDefault(True)
        demo = buttons.addButton(
            tr("Coba dengan desa contoh"), QDialogButtonBox.ButtonRole.ActionRole
        )
        cancel = buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        start.clicked.connect(self.create)
        demo.clicked.connect(self.create_demo)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

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

    def create(self) -> None:
        """Set up this laptop as the chosen village or district."""
        if self.role.currentData() == "district":
            self.create_district()
        else:
            self.create_village()

    def create_village(self) -> None:
        code = self.code.text().strip() or self.village.currentData()
        profile = self.district_profile.text().strip()
        try:
            init_village(self._data_dir, code, district_profile=Path(profile) if profile else None)
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()

    def create_district(self) -> None:
        try:
            init_district(self._data_dir, self.district_code.text().strip())
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.accept()

    def create_demo(self) -> None:
        self.data_dir = demo_data_dir(self._data_dir)
        if not is_initialised(self.data_dir):
            make_demo(self.data_dir, 100).close()
        self.accept()
