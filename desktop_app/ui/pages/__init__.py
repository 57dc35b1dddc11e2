"""The pages of the main window, in sidebar order, for each kind of installation."""

from typing import Any

from desktop_app.ui.pages.budget import BudgetPage
from desktop_app.ui.pages.district_board import BoardPage
from desktop_app.ui.pages.district_reports import DistrictReportsPage
from desktop_app.ui.pages.district_workers import DistrictWorkersPage
from desktop_app.ui.pages.reports import ReportsPage
from desktop_app.ui.pages.sync import SyncPage
from desktop_app.ui.pages.villages import VillagesPage
from desktop_app.ui.pages.workers import WorkersPage

# Each page is built as Page(installation, main_window) and has a `title`.
PAGES: dict[str, list[Any]] = {
    "village": [WorkersPage, BudgetPage, ReportsPage, SyncPage],
    "district": [BoardPage, DistrictReportsPage, DistrictWorkersPage, VillagesPage],
}
