"""The main window: a sidebar of pages, the Cadangan and Bantuan menus, and a status bar with
the village and unsynced changes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.formatting import thousands
from desktop_app.domain.regions import village_kind
from desktop_app.services import access, sync_counts
from desktop_app.services.installation import Installation, reopen, set_window_language
from desktop_app.ui.i18n import LANGUAGES, language, tr
from desktop_app.ui.idle_lock import IDLE_LOCK_MS, IdleLock
from desktop_app.ui.jobs import Job
from desktop_app.ui.pages import PAGES
from desktop_app.ui.widgets import ALERT_STYLE, ERROR_STYLE

if TYPE_CHECKING:
    from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog

# Dialogs, the backup and the other pages are imported when first used: the window opens
# without loading them.

log = logging.getLogger("satudesa.ui")

# A 1366 × 768 screen less a taskbar and the title bar leaves about 1360 × 690 pixels.
WINDOW_SIZE = (1340, 660)


class MainWindow(QMainWindow):
    database_damaged = Signal()  # the check after opening found the database damaged

    def __init__(
        self,
        inst: Installation,
        parent=None,
        idle_lock_ms: int = IDLE_LOCK_MS,
        *,
        auto_backups: bool = False,
    ):
        super().__init__(parent)
        self.inst = inst
        self._auto_backups = auto_backups
        self._backup_job: Job | None = None
        self._build_menus()
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(140)
        self.stack = QStackedWidget()
        self._specs = PAGES[inst.role]
        # A page is built when first shown (or asked for), into its slot of the stack;
        # until then it is None.
        self.pages: list[QWidget | None] = [None] * len(self._specs)
        for spec in self._specs:
            slot = QWidget()
            QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(slot)
            self.sidebar.addItem(tr(spec.title))
        self._build_page(0)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.demo_label = QLabel("DEMO")  # short: the status bar is full at 1366 pixels
        self.demo_label.setToolTip(tr("DEMO — data contoh, bukan data sungguhan"))
        self.demo_label.setObjectName("demo_label")
        self.demo_label.setStyleSheet(ALERT_STYLE)
        self.place_label = QLabel()
        self.open_warning = QLabel(tr("Siapa pun dapat mengubah data"))
        self.open_warning.setObjectName("open_warning")
        self.open_warning.setToolTip(
            tr(
                "Belum ada administrator: siapa pun yang memakai laptop ini dapat mengubah data, "
                "dan perubahan tidak mencatat nama orangnya."
            )
        )
        self.open_warning.setStyleSheet(ERROR_STYLE)
        self.create_admin_button = QPushButton(tr("Buat administrator…"))
        self.create_admin_button.setObjectName("create_admin")
        self.create_admin_button.clicked.connect(self.create_admin)
        self.people_button = QPushButton(tr("Pengguna…"))
        self.people_button.setObjectName("people")
        self.people_button.clicked.connect(self.show_people)
        self.statusBar().addPermanentWidget(self.people_button)
        # A passing status message covers these for its 15 seconds, then they return.
        self.statusBar().addWidget(self.open_warning)
        self.statusBar().addWidget(self.create_admin_button)
        self.idle_lock = IdleLock(idle_lock_ms, self)
        self.idle_lock.idle.connect(self.lock)
        self.lock_dialog: SignInDialog | None = None
        self.sync_label = QLabel()
        self.sync_label.setObjectName("unsynced_label")
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(language()))
        self.language.currentIndexChanged.connect(self._choose_language)
        self.statusBar().addPermanentWidget(self.demo_label)
        self.statusBar().addPermanentWidget(self.language)
        self.statusBar().addPermanentWidget(self.place_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sidebar.setCurrentRow(0)  # the first page has just loaded: no refresh for it
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.update_sync_count()
        self.update_person()
        self.resize(*WINDOW_SIZE)

    def show_people(self) -> None:
        from desktop_app.ui.dialogs.people_dialog import PeopleDialog

        PeopleDialog(self.inst, self).open()

    def update_person(self) -> None:
        """Who is working, or the warning that anyone can change the data; the idle lock runs
        only when there is a person to lock for. The title and the status bar say DEMO for
        sample data."""
        kind = village_kind(self.inst.code).word
        place = f"{kind} {self.inst.name}" if self.inst.role == "village" else self.inst.name
        self.setWindowTitle(f"Satu Desa — {'DEMO — ' if self.inst.demo else ''}{place}")
        self.demo_label.setVisible(self.inst.demo)
        person = self.inst.person
        who = (
            f"{person.full_name} ({access.role_label(self.inst, person.role)})"
            if person
            else self.inst.user
        )
        self.place_label.setText(f"{place} ({self.inst.code}) · {who}")
        is_open = access.is_open(self.inst)
        self.open_warning.setVisible(is_open)
        self.create_admin_button.setVisible(is_open)
        self.people_button.setVisible(person is not None)
        if person is not None:
            self.idle_lock.start()

    def _build_menus(self) -> None:
        menus = (
            (
                tr("Cadangan"),
                (
                    ("make_backup", tr("Buat cadangan ke flashdisk…"), "Ctrl+B", self.backup),
                    ("restore_backup", tr("Pulihkan dari cadangan…"), "", self.restore),
                ),
            ),
            (tr("Bantuan"), (("help", tr("Panduan (F1)"), "F1", self.show_help),)),
        )
        for title, actions in menus:
            menu = self.menuBar().addMenu(title)
            for name, text, key, slot in actions:
                action = QAction(text, self)
                action.setObjectName(name)
                if key:
                    action.setShortcut(QKeySequence(key))
                action.triggered.connect(slot)
                menu.addAction(action)
                self.addAction(action)  # shortcuts work with the menu bar hidden, too

    def backup(self) -> None:
        from desktop_app.ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.inst, self)
        if dialog.exec() and dialog.saved:
            self.show_message(
                tr("Cadangan disimpan di {path}. Simpan kata sandinya baik-baik.").format(
                    path=dialog.saved
                )
            )

    def restore(self) -> None:
        from desktop_app.ui.dialogs.backup_dialog import RestoreDialog

        dialog = RestoreDialog(self.inst, self)
        if dialog.exec() and dialog.restored:
            self.reload_all()
            self.show_message(tr("Data dipulihkan dari cadangan."))

    def reload_all(self) -> None:
        """Show the data again after it was replaced (a restore)."""
        self.update_person()
        for page in self.pages:
            if page is not None and hasattr(page, "refresh"):
                page.refresh()
        self.update_sync_count()

    def show_help(self) -> None:
        from desktop_app.ui.dialogs.help_window import HelpWindow

        HelpWindow.show_for(self)

    def start_auto_backup(self, *, at_start: bool = False) -> Job | None:
        """An automatic backup off the GUI thread: at start (after the health check), then
        every 50 changes."""
        if not self._auto_backups or self._backup_job is not None:
            return None
        from desktop_app.services import auto_backup

        if not (at_start or auto_backup.backup_due(self.inst)):
            return None
        own = reopen(self.inst)  # its own connection, closed by the job
        make = auto_backup.check_and_back_up if at_start else auto_backup.make_auto_backup

        def work(_progress):
            try:
                return make(own)
            finally:
                own.close()

        self._backup_job = Job(work)
        self._backup_job.signals.finished.connect(self._auto_backup_done)
        self._backup_job.signals.failed.connect(self._auto_backup_failed)
        return self._backup_job.start()

    def _auto_backup_done(self, path) -> None:
        self._backup_job = None
        if path is None:
            self._auto_backups = False  # never back up a damaged database
            self.database_damaged.emit()
            return
        log.info("automatic backup %s", path.name)

    def _auto_backup_failed(self, text: str) -> None:
        self._backup_job = None
        self.statusBar().showMessage(tr("Cadangan otomatis gagal: {text}").format(text=text))

    def create_admin(self) -> None:
        from desktop_app.ui.dialogs.first_admin import CreateAdminDialog

        dialog = CreateAdminDialog(self.inst, self)
        dialog.finished.connect(lambda _r: self.update_person())
        dialog.open()

    def lock(self) -> None:
        """Hide the data and ask the same person's password again."""
        if self.inst.person is None or self.lock_dialog is not None:
            return
        from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog

        self.centralWidget().hide()
        self.lock_dialog = SignInDialog(self.inst, self.inst.person.username, self)
        # over every window of the app, including a form left open, until the password is typed
        self.lock_dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        self.lock_dialog = None
        self.centralWidget().show()
        self.idle_lock.start()

    def _choose_language(self) -> None:
        set_window_language(self.inst, self.language.currentData())
        self.show_message(
            "Bahasa berlaku setelah aplikasi dibuka ulang. / "
            "The language applies when the app is opened again."
        )

    def page(self, page_class: type[QWidget]) -> QWidget:
        """The page of this class, built now if it was not shown yet."""
        return self._build_page(next(i for i, s in enumerate(self._specs) if s.builds(page_class)))

    def _build_page(self, row: int) -> QWidget:
        page = self.pages[row]
        if page is None:
            page = self._specs[row].load()(self.inst, self)
            if hasattr(page, "changed"):
                page.changed.connect(self.show_message)
            self.stack.widget(row).layout().addWidget(page)
            self.pages[row] = page
        return page

    def _show_page(self, row: int) -> None:
        page = self._build_page(row)
        self.stack.setCurrentIndex(row)
        if hasattr(page, "refresh"):
            page.refresh()
        self.update_sync_count()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)
        self.update_sync_count()
        self.start_auto_backup()

    def update_sync_count(self) -> None:
        if self.inst.role == "district":  # it sends no changes: the board shows what came in
            self.sync_label.hide()
            return
        not_exported, waiting = sync_counts.change_counts(self.inst)
        if not_exported:
            text = tr("{n} perubahan belum diekspor").format(n=thousands(not_exported))
        elif waiting:
            text = tr("{n} perubahan menunggu konfirmasi kabupaten").format(n=thousands(waiting))
        else:
            text = tr("Semua perubahan sudah diterima kabupaten")
        self.sync_label.setText(text)
