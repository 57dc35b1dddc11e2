"""The main window: a sidebar of pages and a status bar with the village and unsynced changes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop_app.domain.formatting import thousands
from desktop_app.services import worker_list
from desktop_app.services.installation import Installation, set_window_language
from desktop_app.ui.i18n import LANGUAGES, language, tr
from desktop_app.ui.pages import PAGES


class MainWindow(QMainWindow):
    def __init__(self, inst: Installation, parent=None):
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

        self.place_label = QLabel(f"{place} ({inst.code}) · {inst.user}")
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
        self.resize(1180, 720)

    def _choose_language(self) -> None:
        set_window_language(self.inst, self.language.currentData())
        self.show_message(
            "Bahasa berlaku setelah aplikasi dibuka ulang. / "
            "The language applies when the app is opened again."
        )

    def page(self, page_class: type) -> QWidget:
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
