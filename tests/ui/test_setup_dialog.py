"""First run: the clerk picks the village from the Nunukan list or types another code."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app.services.installation import demo_data_dir, is_initialised, open_installation
from desktop_app.ui.dialogs.setup_dialog import SetupDialog


def test_nunukan_villages_are_offered_with_tanjung_aru_preselected(qtbot, data_dir):
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    combo = dialog.findChild(QComboBox, "village_code")
    assert combo.count() == 240 and combo.currentData() == "65.03.10.2004"
    assert "Tanjung Aru — Kec. Sebatik Timur" in combo.currentText()
    dialog.create_village()
    assert is_initialised(data_dir)
    inst = open_installation(data_dir)
    assert (inst.code, inst.name, inst.role) == ("65.03.10.2004", "Tanjung Aru", "village")
    inst.close()


def test_a_code_that_does_not_exist_is_refused_and_nothing_is_created(qtbot, data_dir):
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "code"), "65.03.99.2999")
    dialog.create_village()
    assert "tidak ada dalam daftar Kemendagri" in dialog.error.text()
    assert not is_initialised(data_dir)


def test_the_district_office_is_set_up_from_the_same_first_window(qtbot, data_dir):
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    role = dialog.findChild(QComboBox, "role")
    role.setCurrentIndex(role.findData("district"))
    assert dialog.findChild(QLineEdit, "district_code").text() == "65.03"
    dialog.set_up()
    inst = open_installation(data_dir)
    assert (inst.role, inst.code, inst.demo) == ("district", "65.03", False)
    assert (data_dir / "profil-kabupaten-65.03.json").exists()
    inst.close()


def test_trying_the_demo_leaves_the_real_data_folder_empty(qtbot, data_dir):
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.create_demo()
    assert not is_initialised(data_dir)
    assert dialog.data_dir == demo_data_dir(data_dir) != data_dir
    inst = open_installation(dialog.data_dir)
    assert inst.demo and inst.name == "Tanjung Aru"
    inst.close()
