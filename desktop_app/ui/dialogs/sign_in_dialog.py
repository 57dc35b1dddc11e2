"""Who is at the keyboard: sign in at start, and again to unlock after the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services.installation import Installation, sign_in
from desktop_app.ui.dialogs.people_dialog import RecoveryDialog
from desktop_app.ui.i18n import tr

ERROR_STYLE = "color: #b00020;"


class SignInDialog(QDialog):
    """Accepted once a person's password matches; `locked_to` keeps the same person (unlock)."""

    def __init__(self, inst: Installation, locked_to: str | None = None, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._locked = locked_to is not None
        place = f"Desa {inst.name}" if inst.role == "village" else inst.name
        self.setWindowTitle(tr("Terkunci") if self._locked else tr("Masuk ke Satu Desa"))
        intro = QLabel(
            tr("Layar dikunci karena tidak dipakai. Masukkan kata sandi untuk melanjutkan.")
            if self._locked
            else tr("Siapa yang memakai aplikasi ini? Setiap perubahan dicatat atas nama Anda.")
        )
        intro.setWordWrap(True)
        heading = QLabel(f"<b>Satu Desa — {place}</b>")
        self.username = QLineEdit(locked_to or "")
        self.username.setObjectName("username")
        self.username.setReadOnly(self._locked)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("sign_in_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Nama pengguna"), self.username)
        form.addRow(tr("Kata sandi"), self.password)
        buttons = QDialogButtonBox()
        enter = buttons.addButton(tr("Masuk"), QDialogButtonBox.ButtonRole.AcceptRole)
        enter.setObjectName("sign_in")
        enter.setDefault(True)
        enter.clicked.connect(self.try_sign_in)
        if not self._locked:
            forgot = buttons.addButton(
                tr("Lupa kata sandi administrator…"), QDialogButtonBox.ButtonRole.ResetRole
            )
            forgot.setObjectName("forgot")
            forgot.clicked.connect(lambda: RecoveryDialog(self._inst, self).open())
            cancel = buttons.addButton(tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
            cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self._locked else self.username).setFocus()
        self.resize(560, 230)

    def try_sign_in(self) -> None:
        try:
            sign_in(self._inst, self.username.text(), self.password.text())
        except DomainError as e:
            self.error.setText(e.message)
            self.password.clear()
            return
        self.password.clear()
        self.accept()

    def reject(self) -> None:
        if not self._locked:  # a locked window opens only with the password
            super().reject()
