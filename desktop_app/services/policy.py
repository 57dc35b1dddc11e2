"""Policy choices that belong to the district, kept as settings and shown where they are used."""

from __future__ import annotations

from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting

APBD_KEY = "policy.village_budget_is_apbd"
# Default: treat the village budget as APBD, i.e. no PP 50/2025 discount. Budgeting at the full
# rate can only leave money over; assuming a discount BPJS then refuses would leave a shortfall.
APBD_DEFAULT = True


def village_budget_is_apbd(inst: Installation) -> bool:
    return bool(get_setting(inst.db, APBD_KEY, APBD_DEFAULT))


def set_village_budget_is_apbd(inst: Installation, value: bool) -> None:
    access.require(inst, "admin")
    with transaction(inst.db):
        before = {"value": village_budget_is_apbd(inst)}
        set_setting(inst.db, APBD_KEY, value)
        record_change(inst, "policy", "settings", APBD_KEY, before, {"value": value})


def describe(inst: Installation) -> str:
    """The setting in words, for every page and document that uses it."""
    if village_budget_is_apbd(inst):
        return (
            "Kebijakan kabupaten: APBDes dihitung sebagai APBD, jadi keringanan iuran "
            "PP 50/2025 tidak berlaku untuk iuran yang dibayar desa."
        )
    return (
        "Kebijakan kabupaten: APBDes tidak dihitung sebagai APBD, jadi keringanan iuran "
        "PP 50/2025 berlaku pada bulan dan sektor yang ditetapkan."
    )
