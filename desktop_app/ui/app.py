"""Start the window: QApplication, the first-run choice, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app.services.installation import is_initialised, open_installation
from desktop_app.ui.main_window import MainWindow


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Satu Desa")
    app.setOrganizationName("Satu Desa")
    if not is_initialised(data_dir):
        from desktop_app.ui.dialogs.setup_dialog import SetupDialog

        if not SetupDialog(data_dir).exec():
            return 0
    window = MainWindow(open_installation(data_dir))
    window.show()
    return app.exec()
