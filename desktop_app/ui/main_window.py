"""The main window: a sidebar of pages and a status bar with the village and unsynced changes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop_app.domain.formatting import thousands
from desktop_app.services import access, worker_list
from desktop_app.services.installation import Installation, set_window_language
from desktop_app.ui.dialogs.first_admin import CreateAdminDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.i18n import LANGUAGES, language, tr
from desktop_app.ui.idle_lock import IDLE_LOCK_MS, IdleLock
from desktop_app.ui.pages import PAGES


class MainWindow(QMainWindow):
    def __init__(self, inst: Installation, parent=None, idle_lock_ms: int = IDLE_LOCK_MS):
        super().__init__(parent)
        self.inst = inst
        place = f"Desa {inst.name}" if inst.role == "village" else inst.name
        self.setWindowTitle(f"Satu Desa — {place}")
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(140)
        self.stack = QStackedWidget()
        self.pages = []
        for page_class in PAGES[inst.role]:
            page = page_class(inst, self)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.sidebar.addItem(tr(page.title))
            if hasattr(page, "changed"):
                page.changed.connect(self.show_message)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.place_label = QLabel()
        self.open_warning = QLabel(
            tr("Belum ada administrator: siapa pun yang memakai laptop ini dapat mengubah data.")
        )
        self.open_warning.setObjectName("open_warning")
        self.open_warning.setStyleSheet("color: #b00020;")
        self.create_admin_button = QPushButton(tr("Buat administrator…"))
        self.create_admin_button.setObjectName("create_admin")
        self.create_admin_button.clicked.connect(self.create_admin)
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
        self.statusBar().addPermanentWidget(self.language)
        self.statusBar().addPermanentWidget(self.place_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sidebar.setCurrentRow(0)  # the first page has just loaded: no refresh for it
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.update_sync_count()
        self.update_person()
        self.resize(1180, 720)

    def update_person(self) -> None:
        """Who is working, or the warning that anyone can change the data; the idle lock runs
        only when there is a person to lock for."""
        place = f"Desa {self.inst.name}" if self.inst.role == "village" else self.inst.name
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
        if person is not None:
            self.idle_lock.start()

    def create_admin(self) -> None:
        dialog = CreateAdminDialog(self.inst, self)
        dialog.finished.connect(lambda _r: self.update_person())
        dialog.open()

    def lock(self) -> None:
        """Hide the data and ask the same person's password again."""
        if self.inst.person is None or self.lock_dialog is not None:
            return
        self.centralWidget().hide()
        self.lock_dialog = SignInDialog(self.inst, self.inst.person.username, self)
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
        return next(p for p in self.pages if isinstance(p, page_class))

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        if hasattr(page, "refresh"):
            page.refresh()
        self.update_sync_count()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)
        self.update_sync_count()

    def update_sync_count(self) -> None:
        pending = worker_list.unsynced_changes(self.inst)
        self.sync_label.setText(
            tr("Semua perubahan sudah tersinkron")
            if pending == 0
            else tr("{n} perubahan belum disinkronkan").format(n=thousands(pending))
        )
