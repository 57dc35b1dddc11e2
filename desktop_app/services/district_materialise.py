"""What a village's change means at the district: the worker's row, and its program data.

Called by sync_apply inside the batch's transaction, so a batch is still applied whole or not
at all, and re-applying a change writes the same rows again (the upserts are idempotent).
Heirs and children stay in the village: the district keeps how many, not who.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.domain.likely_duplicates import name_key
from desktop_app.store import district_program
from desktop_app.store.compact_json import text_encoder
from desktop_app.store.district import WorkerRow

# json.dumps(record, ensure_ascii=False), its encoder made once (the stored text's format)
_ENCODE = text_encoder(sort_keys=False, separators=(", ", ": "))


def worker_row(village_code: str, worker: dict[str, Any], device_id: str) -> WorkerRow:
    """A worker's change as the district stores it: the record without the names of heirs and
    children (how many there are is kept), and the columns the board and reports read.

    The fields go in by position: a district makes a row for every worker of every batch."""
    record = worker.copy()
    heirs = record.pop("heirs", None)
    children = record.pop("children", None)
    get = worker.get
    return WorkerRow(
        worker["id"],
        village_code,
        worker["nik"],
        worker["full_name"],
        name_key(worker["full_name"]),
        worker["birth_date"],
        worker["sex"],
        worker["occupation"],
        worker["monthly_income"],
        worker["programs"],
        worker["created_at"],  # registered_at
        get("deleted_at"),
        _ENCODE(record),
        device_id,
        get("status"),
        get("occupation_other"),
        get("dusun"),
        len(heirs or ()),
        len(children or ()),
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
