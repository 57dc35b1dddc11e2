"""First run: the clerk picks the village from the Nunukan list or types another code."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app.services.installation import is_initialised, open_installation
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
