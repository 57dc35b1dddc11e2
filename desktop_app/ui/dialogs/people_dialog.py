"""People: the administrator adds them; everyone changes their own password; a forgotten
administrator password is replaced with the recovery code."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain.errors import DomainError, InvalidInput
from desktop_app.services import access, people
from desktop_app.services.installation import Installation
from desktop_app.ui.dialogs.first_admin import recovery_code_label
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ResultsTable

ERROR_STYLE = "color: #b00020;"


def _secret(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _same(first: QLineEdit, again: QLineEdit) -> str:
    if first.text() != again.text():
        raise InvalidInput("people.mismatch", "Kedua kata sandi tidak sama.", "password")
    return first.text()


class PeopleDialog(QDialog):
    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.setWindowTitle(tr("Pengguna"))
        self.table = ResultsTable((tr("Nama pengguna"), tr("Nama lengkap"), tr("Peran")), "people")
        self.message = QLabel()
        self.message.setObjectName("people_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

        is_admin = inst.person is not None and inst.person.role == "admin"
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for code, label in access.ROLES[inst.role].items():
            self.role.addItem(tr(label), code)
        self.password = _secret("password")
        self.password_again = _secret("password_again")
        add = QPushButton(tr("Tambah pengguna"))
        add.setObjectName("add_person")
        add.clicked.connect(self.add_person)
        form = QFormLayout()
        form.addRow(tr("Nama pengguna"), self.username)
        form.addRow(tr("Nama lengkap"), self.full_name)
        form.addRow(tr("Peran"), self.role)
        form.addRow(tr("Kata sandi"), self.password)
        form.addRow(tr("Ulangi kata sandi"), self.password_again)
        form.addRow("", add)
        adding = QGroupBox(tr("Tambah pengguna (administrator)"))
        adding.setLayout(form)
        adding.setVisible(is_admin)
        layout.addWidget(adding)

        self.old_password = _secret("old_password")
        self.new_password = _secret("new_password")
        self.new_password_again = _secret("new_password_again")
        change = QPushButton(tr("Ganti kata sandi saya"))
        change.setObjectName("change_password")
        change.clicked.connect(self.change_own_password)
        own = QFormLayout()
        own.addRow(tr("Kata sandi lama"), self.old_password)
        own.addRow(tr("Kata sandi baru"), self.new_password)
        own.addRow(tr("Ulangi kata sandi"), self.new_password_again)
        own.addRow("", change)
        mine = QGroupBox(tr("Kata sandi saya"))
        mine.setLayout(own)
        mine.setVisible(inst.person is not None)
        layout.addWidget(mine)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Tutup"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()
        self.resize(560, 560)

    def refresh(self) -> None:
        self.table.set_rows(
            [
                (p.username, p.full_name, tr(access.role_label(self._inst, p.role)))
                for p in people.list_people(self._inst)
            ]
        )

    def add_person(self) -> None:
        try:
            person = people.add_person(
                self._inst,
                self.username.text(),
                self.full_name.text(),
                self.role.currentData(),
                _same(self.password, self.password_again),
            )
        except DomainError as e:
            self.message.setText(e.message)
            return
        for edit in (self.username, self.full_name, self.password, self.password_again):
            edit.clear()
        self.message.setText(f"{person.full_name} ({person.username}) ditambahkan.")
        self.refresh()

    def change_own_password(self) -> None:
        assert self._inst.person is not None
        try:
            people.change_password(
                self._inst,
                self._inst.person.username,
                _same(self.new_password, self.new_password_again),
                self.old_password.text(),
            )
        except DomainError as e:
            self.message.setText(e.message)
            return
        for edit in (self.old_password, self.new_password, self.new_password_again):
            edit.clear()
        self.message.setText(tr("Kata sandi Anda diganti."))


class RecoveryDialog(QDialog):
    """A forgotten administrator password, replaced with the recovery code printed at setup."""

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.setWindowTitle(tr("Lupa kata sandi administrator"))
        intro = QLabel(
            tr(
                "Ketik kode pemulihan yang dicatat saat administrator pertama dibuat. Kode itu "
                "hanya berlaku sekali; sesudahnya Anda mendapat kode baru."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code_input")
        self.password = _secret("password")
        self.password_again = _secret("password_again")
        form = QFormLayout()
        form.addRow(tr("Nama pengguna administrator"), self.username)
        form.addRow(tr("Kode pemulihan"), self.code)
        form.addRow(tr("Kata sandi baru"), self.password)
        form.addRow(tr("Ulangi kata sandi"), self.password_again)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        go = self.buttons.addButton(tr("Ganti kata sandi"), QDialogButtonBox.ButtonRole.AcceptRole)
        go.setObjectName("recover")
        go.clicked.connect(self.recover)
        cancel = self.buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(intro)
        self.body.addLayout(form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.resize(520, 280)

    def recover(self) -> None:
        try:
            code = people.recover_admin(
                self._inst,
                self.username.text(),
                self.code.text(),
                _same(self.password, self.password_again),
            )
        except DomainError as e:
            self.error.setText(e.message)
            return
        self.buttons.hide()
        self.error.hide()
        self.body.addWidget(recovery_code_label(code))
        done = QDialogButtonBox()
        ok = done.addButton(tr("Sudah saya catat"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("noted")
        ok.clicked.connect(self.accept)
        self.body.addWidget(done)
