"""What a village's change means at the district, beyond the worker row itself.

Called by sync_apply inside the batch's transaction, so a batch is still applied whole or not
at all, and re-applying a change writes the same rows again (the upserts are idempotent).
Heirs and children stay in the village: the district keeps how many, not who.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.store import district_program

FAMILY_KEYS = ("heirs", "children")


def minimised(worker: dict[str, Any]) -> dict[str, Any]:
    """A worker's record as the district keeps it: without the names of heirs and children."""
    return {k: v for k, v in worker.items() if k not in FAMILY_KEYS}


def materialise(db: Database, village_code: str, change: dict[str, Any]) -> None:
    """Write one change's program data into the district's tables."""
    payload = change["payload"]
    entity = change["entity"]
    if entity == "worker":
        district_program.set_worker_extras(
            db,
            payload["id"],
            {
                "status": payload.get("status"),
                "occupation_other": payload.get("occupation_other"),
                "dusun": payload.get("dusun"),
                "heirs": len(payload.get("heirs") or ()),
                "children": len(payload.get("children") or ()),
            },
        )
    elif entity == "coverage":
        district_program.upsert_coverage(db, village_code, payload)
    elif entity == "event":
        district_program.upsert_event(db, village_code, payload)
    elif entity == "budget":
        district_program.upsert_budget(db, village_code, payload)
