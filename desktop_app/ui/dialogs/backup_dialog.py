"""Backup and restore in the window: a passphrase backup (to a USB stick), and restoring one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.device.drives import removable_folders
from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import local_time
from desktop_app.services import auto_backup, backup
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ProgressRow


def _passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    return label


class BackupDialog(QDialog):
    """Write a passphrase backup, by default to the USB stick when one is plugged in."""

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.saved: Path | None = None
        self.setWindowTitle(tr("Buat cadangan"))
        intro = QLabel(
            tr(
                "Cadangan berisi data dan kunci desa ini, dikunci dengan kata sandi. Simpan di "
                "flashdisk, jauh dari laptop, dan catat kata sandinya di tempat yang aman."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(str(self._default_path()))
        self.path.setObjectName("backup_path")
        choose = QPushButton(tr("Pilih…"))
        choose.setObjectName("choose_path")
        choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(choose)
        self.passphrase = _passphrase_field("passphrase")
        self.repeat = _passphrase_field("passphrase_repeat")
        form = QFormLayout()
        form.addRow(tr("Simpan ke"), where)
        form.addRow(tr("Kata sandi (8 huruf atau lebih)"), self.passphrase)
        form.addRow(tr("Ulangi kata sandi"), self.repeat)
        self.error = _error_label()
        self.progress = ProgressRow()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            tr("Simpan cadangan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save_backup")
        self.save_button.setDefault(True)
        buttons.addButton(tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.progress.message.connect(self._failed)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.resize(620, 260)

    def _default_path(self) -> Path:
        sticks = removable_folders()
        folder = sticks[0] if sticks else Path.home()
        village = self._inst.name.lower().replace(" ", "-")
        return folder / f"cadangan-{village}-{dt.date.today()}.sdbak"

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan cadangan"), self.path.text(), tr("Cadangan Satu Desa (*.sdbak)")
        )
        if path:
            self.path.setText(path)

    def save(self) -> None:
        if self.passphrase.text() != self.repeat.text():
            self.error.setText(tr("Kedua kata sandi tidak sama."))
            return
        out, passphrase = Path(self.path.text().strip()), self.passphrase.text()
        self.error.clear()
        self.save_button.setEnabled(False)
        self.progress.start_on_db(
            self._inst,
            tr("Membuat cadangan…"),
            lambda inst, _progress: backup.backup(inst, out, passphrase),
            self._saved,
        )

    def _failed(self, text: str) -> None:
        self.error.setText(text)
        self.save_button.setEnabled(True)

    def _saved(self, path: Path) -> None:
        self.saved = path
        self.accept()


class RestoreDialog(QDialog):
    """Choose an automatic backup or a backup file and put its data back."""

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.restored: dict | None = None
        self.setWindowTitle(tr("Pulihkan dari cadangan"))
        intro = QLabel(
            tr(
                "Data saat ini diganti dengan isi cadangan yang dipilih. Sebelumnya data saat "
                "ini disimpan sebagai cadangan otomatis, jadi pemulihan pun dapat dibatalkan."
            )
        )
        intro.setWordWrap(True)
        self.backups = QListWidget()
        self.backups.setObjectName("backup_list")
        for path in auto_backup.auto_backups(inst.data_dir):
            when = local_time(auto_backup.taken_at(path).isoformat())
            self._add(path, tr("Cadangan otomatis") + f" — {when}")
        self.backups.currentItemChanged.connect(lambda *_: self._chosen())
        choose = QPushButton(tr("Pilih berkas cadangan…"))
        choose.setObjectName("choose_file")
        choose.clicked.connect(self._choose)
        self.passphrase = _passphrase_field("passphrase")
        form = QFormLayout()
        form.addRow(tr("Kata sandi cadangan"), self.passphrase)
        self.error = _error_label()
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            tr("Pulihkan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restore_backup")
        buttons.addButton(tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.backups, 1)
        layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.backups.setCurrentRow(0)
        self._chosen()
        self.resize(620, 420)

    def _add(self, path: Path, label: str) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.backups.addItem(item)
        return item

    def add_file(self, path: Path) -> None:
        """Offer a backup file (from a USB stick) and select it."""
        item = self._add(path, str(path))
        self.backups.setCurrentItem(item)

    def _choose(self) -> None:
        sticks = removable_folders()
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Pilih berkas cadangan"),
            str(sticks[0] if sticks else Path.home()),
            tr("Cadangan Satu Desa (*.sdbak)"),
        )
        if path:
            self.add_file(Path(path))

    def chosen_path(self) -> Path | None:
        item = self.backups.currentItem()
        return None if item is None else Path(item.data(Qt.ItemDataRole.UserRole))

    def _chosen(self) -> None:
        path = self.chosen_path()
        self.restore_button.setEnabled(path is not None)
        try:
            self.passphrase.setEnabled(path is not None and backup.needs_passphrase(path))
            self.error.clear()
        except DomainError as e:
            self.error.setText(e.message)

    def restore(self) -> None:
        path = self.chosen_path()
        if path is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Pulihkan dari cadangan"),
            tr("Ganti data saat ini dengan isi cadangan ini?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.restored = backup.restore_in_place(self._inst, path, self.passphrase.text())
        except DomainError as e:
            self.error.setText(e.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()
