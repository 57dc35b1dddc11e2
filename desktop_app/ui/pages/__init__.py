"""The pages of the main window, in sidebar order, for each kind of installation.

A page's module is imported, and the page built, only when it is first shown: the window opens
on its first page without loading the others (charts, sync, reports) or their dependencies.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page of the sidebar: its title, and the class (in desktop_app.ui.pages) that builds it
    as Page(installation, main_window)."""

    title: str
    module: str
    name: str

    def load(self) -> Any:
        return getattr(importlib.import_module(f"{__name__}.{self.module}"), self.name)

    def builds(self, page_class: type) -> bool:
        return (page_class.__module__, page_class.__name__) == (
            f"{__name__}.{self.module}",
            self.name,
        )


PAGES: dict[str, list[PageSpec]] = {
    "village": [
        PageSpec("Pekerja", "workers", "WorkersPage"),
        PageSpec("Anggaran", "budget", "BudgetPage"),
        PageSpec("Laporan", "reports", "ReportsPage"),
        PageSpec("Sinkronisasi", "sync", "SyncPage"),
    ],
    "district": [
        PageSpec("Papan desa", "district_board", "BoardPage"),
        PageSpec("Laporan", "district_reports", "DistrictReportsPage"),
        PageSpec("Cari pekerja", "district_workers", "DistrictWorkersPage"),
        PageSpec("Impor dan temuan", "villages", "VillagesPage"),
    ],
}
