"""Erasure (UU 27/2022 PDP): a removed worker's personal data is wiped after the retention period.

The district sets the period (its return files carry it to every village). A village wipes a
worker only once the district has acknowledged the removal, so the district's copy is removed
too and wiped after the same period; nothing that left the village lingers un-erased.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.device import clock
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.formatting import local_date
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import erasure, outbox
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting

RETENTION_KEY = "privacy.retention_days"
COMPACT_PENDING_KEY = "privacy.compact_pending"  # wiped, but the file not yet rebuilt
# Two years: a late claim and the inspectorate's audit of the previous fiscal year both still
# find the record; after that the village has no need of a removed worker's identity.
DEFAULT_RETENTION_DAYS = 730


def retention_days(inst: Installation) -> int:
    return int(get_setting(inst.db, RETENTION_KEY, DEFAULT_RETENTION_DAYS))


def set_retention_days(inst: Installation, days: int) -> int:
    """The district sets the period; villages receive it in their next return file."""
    if inst.role != "district":
        raise Refused(
            "privacy.retention_district",
            "Masa simpan data pekerja yang dihapus ditetapkan oleh kabupaten "
            f"(sekarang {retention_days(inst)} hari) dan dikirim lewat berkas kembali.",
        )
    if not 0 <= days <= 3650:
        raise InvalidInput(
            "privacy.retention", "Masa simpan harus antara 0 dan 3.650 hari (10 tahun).", "days"
        )
    access.require(inst, "admin")
    with transaction(inst.db):
        before = retention_days(inst)
        set_setting(inst.db, RETENTION_KEY, days)
        record_change(
            inst, "retention", "settings", RETENTION_KEY, {"days": before}, {"days": days}
        )
    return days


def accept_retention_from_district(inst: Installation, days: object) -> None:
    """A village takes the period its district's return file carries (inside its transaction)."""
    if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 3650:
        set_setting(inst.db, RETENTION_KEY, days)


@dataclass(frozen=True, slots=True)
class Erased:
    count: int
    retention_days: int
    waiting_for_district: int  # removed and past the period, but the district has not got it
    compacted: bool = True  # False: no room to rebuild the file now; done at the next run


def erase_due(inst: Installation, today: dt.date | None = None) -> Erased:
    """Wipe every removed worker whose retention period has passed; compact the file after."""
    today = today or clock.today()
    days = retention_days(inst)
    due, waiting = [], 0
    if inst.role == "village":
        acknowledged = outbox.acknowledged_seq(inst.db)
        for worker_id, deleted_at in erasure.removed_village_workers(inst.db):
            if (today - local_date(deleted_at)).days < days:
                continue
            if erasure.last_delete_seq(inst.db, worker_id) > acknowledged:
                waiting += 1
            else:
                due.append(worker_id)
        erase_one = erasure.erase_village_worker
    else:
        for worker_id, deleted_at in erasure.removed_district_workers(inst.db):
            if (today - local_date(deleted_at)).days >= days:
                due.append(worker_id)
        erase_one = erasure.erase_district_worker
    if due:
        with transaction(inst.db):
            for worker_id in due:
                erase_one(inst.db, worker_id, inst.user)
                record_change(inst, "erase", "worker", worker_id, None, None)
            set_setting(inst.db, COMPACT_PENDING_KEY, True)
    compacted = True
    if get_setting(inst.db, COMPACT_PENDING_KEY, False):
        with transaction(inst.db):
            set_setting(inst.db, COMPACT_PENDING_KEY, False)
        compacted = erasure.compact(inst.db)
        if not compacted:  # no room to rebuild the file: the next run tries again
            with transaction(inst.db):
                set_setting(inst.db, COMPACT_PENDING_KEY, True)
    return Erased(len(due), days, waiting, compacted)
