"""A worker's membership status and what it is called on screen."""

from __future__ import annotations

# draft → registered → submitted → active → lapsed | ended (docs/design.md, "Data")
STATUS_LABELS = {
    "draft": "Draf",
    "registered": "Terdaftar",
    "submitted": "Diajukan ke BPJS",
    "active": "Aktif",
    "lapsed": "Menunggak",
    "ended": "Berhenti",
}
