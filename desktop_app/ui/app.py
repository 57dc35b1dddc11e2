"""Start the window: QApplication, the first-run choice, the main window with its health check
of the database, and a last resort for errors nobody caught."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.domain.errors import DomainError, Refused
from desktop_app.domain.formatting import local_time
from desktop_app.services import access, auto_backup
from desktop_app.services.installation import (
    Installation,
    is_initialised,
    open_installation,
    reopen,
    window_language,
)
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.i18n import set_language, tr
from desktop_app.ui.main_window import MainWindow

log = logging.getLogger("satudesa.ui")


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


class _ErrorReporter:
    """sys.excepthook for the window: log the traceback, show a short message, keep going.

    Qt calls the hook for an exception raised in a slot and then carries on, so the window
    stays usable; one message at a time, however many errors follow.
    """

    def __init__(self) -> None:
        self.box: QMessageBox | None = None

    def __call__(self, kind, error, trace) -> None:
        if isinstance(error, DomainError):
            text = error.message
            log.info("refused %s", error.code)  # the message may name a worker: codes only
        else:
            log.error("uncaught error in the window", exc_info=(kind, error, trace))
            text = tr(
                "Terjadi kesalahan yang tidak terduga. Pekerjaan terakhir mungkin belum tersimpan; "
                "periksa lalu ulangi. Rinciannya dicatat di satudesa.log di folder data."
            )
        if self.box is not None:
            return
        self.box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Terjadi kesalahan"),
            text,
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        self.box.setObjectName("error_message")
        self.box.finished.connect(self._closed)
        self.box.open()

    def _closed(self) -> None:
        self.box = None


def install_excepthook() -> _ErrorReporter:
    reporter = _ErrorReporter()
    sys.excepthook = reporter
    return reporter


def ask_recovery(data_dir: Path) -> Path | None:
    """The database failed its health check: offer the newest good automatic backup.

    The backup to recover from when the clerk agrees; None (and a message) otherwise.
    """
    log.error("database in %s failed PRAGMA quick_check", data_dir)
    good = auto_backup.newest_good_backup(data_dir)
    if good is None:
        QMessageBox.critical(
            None,
            tr("Basis data rusak"),
            tr(
                "Basis data Satu Desa di laptop ini rusak, dan tidak ada cadangan otomatis yang "
                "baik. Pulihkan cadangan dari flashdisk ke folder baru (satudesa restore), atau "
                "hubungi kantor kabupaten."
            ),
        )
        return None
    when = local_time(auto_backup.taken_at(good).isoformat())
    answer = QMessageBox.question(
        None,
        tr("Basis data rusak"),
        tr(
            "Basis data Satu Desa di laptop ini rusak. Pulihkan dari cadangan otomatis terbaru "
            "({when})? Perubahan sesudah waktu itu perlu dimasukkan lagi; berkas yang rusak "
            "disimpan di samping."
        ).format(when=when),
    )
    return good if answer == QMessageBox.StandardButton.Yes else None


def _initialised(data_dir: Path) -> bool | None:
    """Whether the folder is set up; a database too damaged to open is offered its backup
    first (None: it stays damaged, the app stops)."""
    try:
        return is_initialised(data_dir)
    except sqlite3.DatabaseError:
        good = ask_recovery(data_dir)
        if good is None:
            return None
        auto_backup.recover_database(data_dir, good)
        return is_initialised(data_dir)


_windows: list[MainWindow] = []  # the open main window (a recovery replaces it)


def open_window(inst: Installation) -> MainWindow:
    """The main window, checked and backed up in the background once it shows."""
    window = MainWindow(inst, auto_backups=True)
    window.database_damaged.connect(lambda: recover_window(window))
    window.show()
    window.start_auto_backup(at_start=True)
    _windows[:] = [window]
    return window


def recover_window(window: MainWindow) -> MainWindow | None:
    """The check after opening found the database damaged: when the clerk agrees, put the
    newest good automatic backup in its place and open the window on it again."""
    good = ask_recovery(window.inst.data_dir)
    if good is None:
        return None
    inst = window.inst
    inst.close()  # Windows renames no open file
    auto_backup.recover_database(inst.data_dir, good)
    again = reopen(inst)
    new = open_window(again)
    window.close()
    return new


def run_app(data_dir: Path) -> int:
    _check_display()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Satu Desa")
    app.setOrganizationName("Satu Desa")
    install_excepthook()
    initialised = _initialised(data_dir)
    if initialised is None:
        return 1
    if not initialised:
        from desktop_app.ui.dialogs.setup_dialog import SetupDialog

        setup = SetupDialog(data_dir)
        if not setup.exec():
            return 0
        data_dir = setup.data_dir  # the demo has its own folder
    inst = open_installation(data_dir)
    if "SATUDESA_LANG" not in os.environ:
        set_language(window_language(inst))
    if not access.is_open(inst) and not SignInDialog(inst).exec():
        return 0
    open_window(inst)
    return app.exec()
