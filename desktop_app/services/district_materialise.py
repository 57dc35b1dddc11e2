"""What a village's change means at the district: the worker's row, and its program data.

Called by sync_apply inside the batch's transaction, so a batch is still applied whole or not
at all, and re-applying a change writes the same rows again (the upserts are idempotent).
Heirs and children stay in the village: the district keeps how many, not who.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from desktop_app.domain.likely_duplicates import name_key
from desktop_app.store import district_program
from desktop_app.store.district import WorkerRow

FAMILY_KEYS = ("heirs", "children")


def worker_row(village_code: str, worker: dict[str, Any], device_id: str) -> WorkerRow:
    """A worker's change as the district stores it: the record without the names of heirs and
    children (how many there are is kept), and the columns the board and reports read."""
    record = worker.copy()
    for key in FAMILY_KEYS:
        record.pop(key, None)
    return WorkerRow(
        id=worker["id"],
        village_code=village_code,
        nik=worker["nik"],
        full_name=worker["full_name"],
        name_key=name_key(worker["full_name"]),
        birth_date=worker["birth_date"],
        sex=worker["sex"],
        occupation=worker["occupation"],
        monthly_income=worker["monthly_income"],
        programs=worker["programs"],
        registered_at=worker["created_at"],
        deleted_at=worker.get("deleted_at"),
        record=json.dumps(record, ensure_ascii=False),
        device_id=device_id,
        status=worker.get("status"),
        occupation_other=worker.get("occupation_other"),
        dusun=worker.get("dusun"),
        heirs=len(worker.get("heirs") or ()),
        children=len(worker.get("children") or ()),
    )


def materialise(db: Database, village_code: str, change: dict[str, Any]) -> None:
    """Write one program change (coverage, event, budget) into the district's tables."""
    payload = change["payload"]
    entity = change["entity"]
    if entity == "coverage":
        district_program.upsert_coverage(db, village_code, payload)
    elif entity == "event":
        district_program.upsert_event(db, village_code, payload)
    elif entity == "budget":
        district_program.upsert_budget(db, village_code, payload)
