"""How far the outbox has gone: changes not yet exported, and exported but not acknowledged.

Apart from services/sync.py so that the window's status bar reads them without loading the
sync machinery (keys, sealing, batch files) at start.
"""

from __future__ import annotations

from desktop_app.services.installation import Installation
from desktop_app.store import batches, outbox


def pending_range(inst: Installation) -> tuple[int, int]:
    """The outbox range not yet written to any file (first > last when there is none)."""
    return batches.last_exported_seq(inst.db) + 1, outbox.last_seq(inst.db)


def change_counts(inst: Installation) -> tuple[int, int]:
    """(changes not yet exported, changes exported but not yet acknowledged by the district):
    the status bar and the Sync page both say these two, so they never contradict each other."""
    first, last = pending_range(inst)
    not_exported = max(0, last - first + 1)
    return not_exported, max(0, outbox.unsynced_count(inst.db) - not_exported)
