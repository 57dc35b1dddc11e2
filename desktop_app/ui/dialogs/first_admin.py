"""The first administrator: the fields, and the recovery code shown once to be written down."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError, InvalidInput
from desktop_app.services import people
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr


class AdminFields(QWidget):
    """Username, full name and the password typed twice."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for name, label, secret in (
            ("admin_username", "Nama pengguna administrator", False),
            ("admin_full_name", "Nama lengkap", False),
            ("admin_password", "Kata sandi (paling sedikit 8 huruf)", True),
            ("admin_password_again", "Ulangi kata sandi", True),
        ):
            edit = QLineEdit()
            edit.setObjectName(name)
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(tr(label), edit)
            self.inputs[name] = edit

    def value(self, name: str) -> str:
        return self.inputs[name].text()

    def is_empty(self) -> bool:
        return not any(e.text().strip() for e in self.inputs.values())

    def check(self) -> None:
        """Refuse what would be refused, before anything is created."""
        if self.value("admin_password") != self.value("admin_password_again"):
            raise InvalidInput("people.mismatch", "Kedua kata sandi tidak sama.", "password")
        people.check_new_person(self.value("admin_username"), self.value("admin_password"))

    def create_admin(self, inst: Installation) -> str:
        """Make the administrator from the fields; returns the recovery code."""
        self.check()
        return people.create_first_admin(
            inst,
            self.value("admin_username"),
            self.value("admin_full_name"),
            self.value("admin_password"),
        )


def recovery_code_label(code: str) -> QLabel:
    """The recovery code, large and selectable, with what to do with it."""
    label = QLabel(
        tr(
            "Administrator dibuat. Tulis kode pemulihan ini dan simpan di tempat aman (mis. "
            "lemari kepala desa): hanya dengan kode ini kata sandi administrator yang terlupa "
            "dapat diganti."
        )
        + f"<p style='font-size: 16pt; font-family: monospace'><b>{code}</b></p>"
    )
    label.setObjectName("recovery_code")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CreateAdminDialog(QDialog):
    """From the status bar of an installation that has no people yet."""

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.setWindowTitle(tr("Buat administrator"))
        intro = QLabel(
            tr(
                "Setelah administrator dibuat, setiap perubahan memerlukan nama pengguna dan "
                "kata sandi, dan dicatat atas nama orang yang membuatnya."
            )
        )
        intro.setWordWrap(True)
        self.fields = AdminFields()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            tr("Buat"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("create")
        self.create_button.clicked.connect(self.create_admin)
        cancel = self.buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        self.body = QVBoxLayout(self)
        for w in (intro, self.fields, self.error, self.buttons):
            self.body.addWidget(w)
        self.resize(520, 300)

    def create_admin(self) -> None:
        try:
            code = self.fields.create_admin(self._inst)
        except DomainError as e:
            self.error.setText(e.message)
            return
        for w in (self.fields, self.error, self.buttons):
            w.hide()
        self.body.insertWidget(1, recovery_code_label(code))
        done = QDialogButtonBox()
        ok = done.addButton(tr("Sudah saya catat"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("noted")
        ok.clicked.connect(self.accept)
        self.body.addWidget(done)
