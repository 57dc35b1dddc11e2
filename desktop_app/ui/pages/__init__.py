"""The pages of the main window, in sidebar order."""

from desktop_app.ui.pages.workers import WorkersPage

PAGES = [WorkersPage]
