"""The guide at F1: docs/panduan.md shown as Markdown, with its screenshots, inside the app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.ui.i18n import tr


def guide_path() -> Path:
    """docs/panduan.md: beside the program in a frozen build (build_spec/satudesa.spec ships
    it there), else in the repository the app runs from."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[3]
    return base / "docs" / "panduan.md"


class HelpWindow(QDialog):
    """A window beside the main one (not modal), so the clerk can read and work at once."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Panduan Satu Desa"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setOpenExternalLinks(True)
        path = guide_path()
        self.browser.setSearchPaths([str(path.parent)])
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except OSError:
            self.browser.setPlainText(tr("Panduan tidak ditemukan di folder aplikasi."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(760, 640)

    @classmethod
    def show_for(cls, parent: QWidget) -> HelpWindow:
        """Open the guide, or bring the one already open to the front."""
        window = parent.findChild(cls)
        if window is None:
            window = cls(parent)
        window.show()
        window.raise_()
        window.activateWindow()
        return window
