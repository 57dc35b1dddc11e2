"""Start the window: QApplication, the first-run choice, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app.domain.errors import Refused
from desktop_app.services import access
from desktop_app.services.installation import is_initialised, open_installation, window_language
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.i18n import set_language
from desktop_app.ui.main_window import MainWindow


def _check_display() -> None:
    """Qt aborts the process without a screen; say so in words a clerk can act on instead."""
    if sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        raise Refused(
            "ui.no_display",
            "Tidak ada layar grafis untuk membuka jendela Satu Desa. Jalankan dari desktop, "
            "atau pakai perintah baris (satudesa --help).",
        )


def run_app(data_dir: Path) -> int:
    _check_display()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Satu Desa")
    app.setOrganizationName("Satu Desa")
    if not is_initialised(data_dir):
        from desktop_app.ui.dialogs.setup_dialog import SetupDialog

        if not SetupDialog(data_dir).exec():
            return 0
    inst = open_installation(data_dir)
    if "SATUDESA_LANG" not in os.environ:
        set_language(window_language(inst))
    if not access.is_open(inst) and not SignInDialog(inst).exec():
        return 0
    window = MainWindow(inst)
    window.show()
    return app.exec()
