"""The pages of the main window, in sidebar order, for each kind of installation."""

from desktop_app.ui.pages.sync import SyncPage
from desktop_app.ui.pages.villages import VillagesPage
from desktop_app.ui.pages.workers import WorkersPage

PAGES = {
    "village": [WorkersPage, SyncPage],
    "district": [VillagesPage],
}
