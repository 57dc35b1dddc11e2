"""People in the window: the first start makes the administrator, roles limit what a person may
do, and a window left alone locks until the same person's password is typed again."""

from __future__ import annotations

import pytest
from forms import SITI
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from desktop_app.domain.errors import Refused
from desktop_app.services import backup, budget, people, registry
from desktop_app.services.installation import open_installation
from desktop_app.store import users
from desktop_app.ui.dialogs.backup_dialog import RestoreDialog
from desktop_app.ui.dialogs.people_dialog import PeopleDialog, RecoveryDialog
from desktop_app.ui.dialogs.setup_dialog import SetupDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.budget import BudgetPage

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


def test_the_operator_cannot_restore_a_backup_but_the_administrator_can(
    qtbot, data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    first_start(qtbot, data_dir)
    admin = signed_in_window(qtbot, data_dir, "ani", ADMIN_PASSWORD)
    people.add_person(admin.inst, "budi", "Budi Santoso", "operator", OPERATOR_PASSWORD)
    saved = backup.backup(admin.inst, tmp_path / "cadangan.sdbak", "sandi-cadangan")
    registry.register_worker(admin.inst, SITI)  # made after the backup

    operator = signed_in_window(qtbot, data_dir, "budi", OPERATOR_PASSWORD)
    assert "Budi Santoso (Operator)" in operator.place_label.text()
    assert not operator.open_warning.isVisibleTo(operator)
    restore = RestoreDialog(operator.inst, operator)
    qtbot.addWidget(restore)
    restore.add_file(saved)
    restore.passphrase.setText("sandi-cadangan")
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    assert "Operator (budi) tidak berwenang" in restore.error.text()
    assert restore.result() != RestoreDialog.DialogCode.Accepted
    assert registry.find_worker(operator.inst, SITI.nik).full_name == "Siti Aminah"

    restore = RestoreDialog(admin.inst, admin)
    qtbot.addWidget(restore)
    restore.add_file(saved)
    restore.passphrase.setText("sandi-cadangan")
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    assert restore.result() == RestoreDialog.DialogCode.Accepted
    with pytest.raises(Refused):  # the backup predates Siti's registration
        registry.find_worker(admin.inst, SITI.nik)


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
    assert window.open_warning.text() == "Siapa pun dapat mengubah data"
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


def test_the_administrator_adds_an_operator_in_the_people_dialog(qtbot, data_dir):
    first_start(qtbot, data_dir)
    window = signed_in_window(qtbot, data_dir, "ani", ADMIN_PASSWORD)
    assert window.people_button.isVisibleTo(window)
    dialog = PeopleDialog(window.inst, window)
    qtbot.addWidget(dialog)
    fill(
        dialog,
        username="budi",
        full_name="Budi Santoso",
        password=OPERATOR_PASSWORD,
        password_again=OPERATOR_PASSWORD,
    )
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_person"), Qt.MouseButton.LeftButton)
    assert "Budi Santoso (budi) ditambahkan" in dialog.message.text()
    assert [(p.username, p.role) for p in users.list_people(window.inst.db)] == [
        ("ani", "admin"),
        ("budi", "operator"),
    ]
    assert dialog.table.item(1, 2).text() == "Operator"


def test_a_forgotten_admin_password_is_replaced_from_the_sign_in_dialog(qtbot, data_dir):
    code = first_start(qtbot, data_dir)
    inst = open_installation(data_dir)
    sign_in = SignInDialog(inst)
    qtbot.addWidget(sign_in)
    qtbot.mouseClick(sign_in.findChild(QPushButton, "forgot"), Qt.MouseButton.LeftButton)
    recovery = sign_in.findChild(RecoveryDialog)
    fill(
        recovery,
        username="ani",
        recovery_code_input=code,
        password="sandi-baru-2027",
        password_again="sandi-baru-2027",
    )
    qtbot.mouseClick(recovery.findChild(QPushButton, "recover"), Qt.MouseButton.LeftButton)
    assert recovery.findChild(QLabel, "recovery_code") is not None
    fill(sign_in, username="ani", password="sandi-baru-2027")
    qtbot.mouseClick(sign_in.findChild(QPushButton, "sign_in"), Qt.MouseButton.LeftButton)
    assert sign_in.result() == SignInDialog.DialogCode.Accepted
    inst.close()


def test_the_village_head_approves_the_funded_list_on_the_budget_page(qtbot, data_dir):
    first_start(qtbot, data_dir)
    admin = signed_in_window(qtbot, data_dir, "ani", ADMIN_PASSWORD)
    people.add_person(admin.inst, "nurhayati", "Hj. Nurhayati Basri", "kepala_desa", "kades-2027")
    registry.register_worker(admin.inst, SITI)
    budget.set_budget(admin.inst, 2027, 40_000_000)
    budget.fund_workers(admin.inst, 2027)
    page = admin.page(BudgetPage)
    page.year.setValue(2027)
    assert "belum disetujui" in page.approval.state.text()
    assert not page.approval.approve_button.isVisibleTo(page)

    head = signed_in_window(qtbot, data_dir, "nurhayati", "kades-2027")
    page = head.page(BudgetPage)
    page.year.setValue(2027)
    qtbot.mouseClick(page.approval.approve_button, Qt.MouseButton.LeftButton)
    assert "disetujui Hj. Nurhayati Basri: 1 pekerja" in page.approval.state.text()
