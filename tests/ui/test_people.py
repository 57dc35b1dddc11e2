"""People in the window: the first start makes the administrator, roles limit what a person may
do, and a window left alone locks until the same person's password is typed again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from desktop_app.domain.errors import Refused
from desktop_app.services import backup, people
from desktop_app.services.installation import open_installation
from desktop_app.store import users
from desktop_app.ui.dialogs.setup_dialog import SetupDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.main_window import MainWindow

ADMIN_PASSWORD = "kunci-desa-2026"
OPERATOR_PASSWORD = "operator-2026"


def fill(widget, **values: str) -> None:
    for name, value in values.items():
        widget.findChild(QLineEdit, name).setText(value)


def first_start(qtbot, data_dir) -> str:
    """The setup dialog with the administrator's fields; returns the recovery code shown."""
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    fill(
        dialog,
        admin_username="ani",
        admin_full_name="Ani Lestari",
        admin_password=ADMIN_PASSWORD,
        admin_password_again=ADMIN_PASSWORD,
    )
    dialog.create_village()
    shown = dialog.findChild(QLabel, "recovery_code").text()
    assert dialog.recovery_code and dialog.recovery_code in shown
    qtbot.mouseClick(dialog.findChild(QPushButton, "noted"), Qt.MouseButton.LeftButton)
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    return dialog.recovery_code


def test_first_start_creates_the_administrator_and_shows_the_recovery_code(qtbot, data_dir):
    code = first_start(qtbot, data_dir)
    inst = open_installation(data_dir)
    assert [(p.username, p.full_name, p.role) for p in users.list_people(inst.db)] == [
        ("ani", "Ani Lestari", "admin")
    ]
    for stored in data_dir.rglob("*"):  # the database, its WAL, the keys, the log
        if stored.is_file():
            assert ADMIN_PASSWORD.encode() not in stored.read_bytes()
    # the code shown is the one that recovers a forgotten password
    people.recover_admin(inst, "ani", code.lower().replace("-", " "), "kata-sandi-baru")
    inst.close()


def test_passwords_that_differ_create_nothing(qtbot, data_dir):
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    fill(
        dialog,
        admin_username="ani",
        admin_password=ADMIN_PASSWORD,
        admin_password_again="lain-sekali",
    )
    dialog.create_village()
    assert "tidak sama" in dialog.error.text()
    assert not (data_dir / "satudesa.sqlite3").exists()


def signed_in_window(qtbot, data_dir, username, password, idle_lock_ms=60_000) -> MainWindow:
    inst = open_installation(data_dir)
    sign_in = SignInDialog(inst)
    qtbot.addWidget(sign_in)
    fill(sign_in, username=username, password=password)
    qtbot.mouseClick(sign_in.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
    assert sign_in.result() == SignInDialog.DialogCode.Accepted
    window = MainWindow(inst, idle_lock_ms=idle_lock_ms)
    qtbot.addWidget(window)
    return window


def test_the_operator_cannot_restore_a_backup_but_the_administrator_can(qtbot, data_dir, tmp_path):
    first_start(qtbot, data_dir)
    admin = signed_in_window(qtbot, data_dir, "ani", ADMIN_PASSWORD)
    people.add_person(admin.inst, "budi", "Budi Santoso", "operator", OPERATOR_PASSWORD)
    saved = backup.backup(admin.inst, tmp_path / "cadangan.sdbak", "sandi-cadangan")

    operator = signed_in_window(qtbot, data_dir, "budi", OPERATOR_PASSWORD)
    assert "Budi Santoso (Operator)" in operator.place_label.text()
    assert not operator.open_warning.isVisibleTo(operator)
    with pytest.raises(Refused) as refused:
        backup.restore(tmp_path / "laptop-baru", saved, "sandi-cadangan", by=operator.inst)
    assert refused.value.code == "people.not_allowed"
    assert not (tmp_path / "laptop-baru").exists()

    manifest = backup.restore(tmp_path / "laptop-baru", saved, "sandi-cadangan", by=admin.inst)
    assert manifest["code"] == "65.03.10.2004"


def test_a_wrong_password_does_not_sign_in(qtbot, data_dir):
    first_start(qtbot, data_dir)
    inst = open_installation(data_dir)
    dialog = SignInDialog(inst)
    qtbot.addWidget(dialog)
    fill(dialog, username="ani", password="bukan-ini")
    qtbot.mouseClick(dialog.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
    assert inst.person is None and dialog.result() != SignInDialog.DialogCode.Accepted
    inst.close()


def test_an_idle_window_locks_and_opens_again_only_with_the_password(qtbot, data_dir):
    first_start(qtbot, data_dir)
    window = signed_in_window(qtbot, data_dir, "ani", ADMIN_PASSWORD, idle_lock_ms=50)
    window.show()
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible())
    lock = window.lock_dialog
    assert not window.centralWidget().isVisible()
    assert lock.findChild(QLineEdit, "username").text() == "ani"
    assert lock.findChild(QLineEdit, "username").isReadOnly()

    lock.reject()  # Esc does not open a locked window
    fill(lock, password="salah-sandi")
    qtbot.mouseClick(lock.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
    assert lock.isVisible() and not window.centralWidget().isVisible()

    fill(lock, password=ADMIN_PASSWORD)
    qtbot.mouseClick(lock.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
    assert window.lock_dialog is None and window.centralWidget().isVisible()
    assert window.inst.person.username == "ani"


def test_without_people_the_status_bar_warns_and_its_button_creates_the_administrator(
    qtbot, village
):
    window = MainWindow(village)
    qtbot.addWidget(window)
    window.show()
    assert window.open_warning.isVisible()
    assert "siapa pun" in window.open_warning.text()
    qtbot.mouseClick(window.create_admin_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QPushButton, "create").window()
    fill(
        dialog,
        admin_username="ani",
        admin_password=ADMIN_PASSWORD,
        admin_password_again=ADMIN_PASSWORD,
    )
    qtbot.mouseClick(dialog.findChild(QPushButton, "create"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.findChild(QPushButton, "noted"), Qt.MouseButton.LeftButton)
    assert not window.open_warning.isVisible() and not window.create_admin_button.isVisible()
    assert village.person is not None and village.person.role == "admin"
