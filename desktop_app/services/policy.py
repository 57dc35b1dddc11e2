"""Policy choices that belong to the district, kept as settings and shown where they are used."""

from __future__ import annotations

from desktop_app.domain.occupations import occupation
from desktop_app.domain.regions import village_kind
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting

APBD_KEY = "policy.village_budget_is_apbd"
# Default: treat the village budget as APBD, i.e. no PP 50/2025 discount. Budgeting at the full
# rate can only leave money over; assuming a discount BPJS then refuses would leave a shortfall.
APBD_DEFAULT = True
MOTORIS_KEY = "policy.motoris_is_transport"
# Whether boat drivers count as the transport sector for PP 50/2025's discount periods: the
# district's reading of the regulation (default as before: yes, they carry passengers and goods).
MOTORIS_DEFAULT = True


def village_budget_is_apbd(inst: Installation) -> bool:
    """Whether the village's money counts as APBD; a kelurahan's always does."""
    if village_kind(inst.code).is_kelurahan:
        return True
    return bool(get_setting(inst.db, APBD_KEY, APBD_DEFAULT))


def set_village_budget_is_apbd(inst: Installation, value: bool) -> None:
    access.require(inst, "admin")
    with transaction(inst.db):
        before = {"value": village_budget_is_apbd(inst)}
        set_setting(inst.db, APBD_KEY, value)
        record_change(inst, "policy", "settings", APBD_KEY, before, {"value": value})


def motoris_is_transport(inst: Installation) -> bool:
    return bool(get_setting(inst.db, MOTORIS_KEY, MOTORIS_DEFAULT))


def set_motoris_is_transport(inst: Installation, value: bool) -> None:
    access.require(inst, "admin")
    with transaction(inst.db):
        before = {"value": motoris_is_transport(inst)}
        set_setting(inst.db, MOTORIS_KEY, value)
        record_change(inst, "policy", "settings", MOTORIS_KEY, before, {"value": value})


def is_transport(inst: Installation, occupation_code: str) -> bool:
    """Whether an occupation falls in PP 50/2025's transport sector, as the district reads it."""
    if occupation_code == "motoris":
        return motoris_is_transport(inst)
    return occupation(occupation_code).transport


def describe(inst: Installation) -> str:
    """The settings in words, for every page and document that uses them."""
    if village_kind(inst.code).is_kelurahan:
        text = (
            "Kelurahan dibiayai APBD kabupaten, bukan APBDes, jadi keringanan iuran "
            "PP 50/2025 tidak berlaku untuk iuran yang dibayarnya."
        )
    elif village_budget_is_apbd(inst):
        text = (
            "Kebijakan kabupaten: APBDes dihitung sebagai APBD, jadi keringanan iuran "
            "PP 50/2025 tidak berlaku untuk iuran yang dibayar desa."
        )
    else:
        text = (
            "Kebijakan kabupaten: APBDes tidak dihitung sebagai APBD, jadi keringanan iuran "
            "PP 50/2025 berlaku pada bulan dan sektor yang ditetapkan."
        )
    if motoris_is_transport(inst):
        return text + " Motoris dihitung sebagai sektor transportasi."
    return text + " Motoris tidak dihitung sebagai sektor transportasi."
