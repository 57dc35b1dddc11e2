"""A worker's history from the audit log: when (local time), who, what changed."""

from __future__ import annotations

from desktop_app.services import audit_trail
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ResultsTable

HEADERS = ("Waktu", "Oleh", "Perubahan")


class HistoryTable(ResultsTable):
    def __init__(self, inst: Installation, worker_id: str, parent=None):
        super().__init__(tuple(tr(h) for h in HEADERS), "history", parent)
        self.set_rows(
            [
                (
                    e.when,
                    e.who,
                    tr(e.what) + (f": {', '.join(tr(f) for f in e.fields)}" if e.fields else ""),
                )
                for e in reversed(audit_trail.worker_history(inst, worker_id))
            ]
        )
        self.setMinimumHeight(150)
