"""A village reinstalled without its backup: retire what the old installation sent.

The new laptop's first file is accepted once the officer has compared its fingerprint by
telephone and re-keyed the village (`villages rekey`, audited); its workers arrive under new
ids, and the old installation's copies would count twice. Marking the village "installation
replaced" removes the old copies at the district, carries their KPJ numbers over to the
re-registered workers with the same NIK, and closes the findings the double registration
raised. Nothing happens before the officer confirms, having seen how many workers it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import Refused
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import district
from desktop_app.store.db import transaction


@dataclass(frozen=True, slots=True)
class Replacement:
    village: str
    old_workers: int
    kpj_carried: int
    done: bool  # False: only what would happen, not yet confirmed


def replace_installation(inst: Installation, code: str, confirmed: bool) -> Replacement:
    """Retire the workers a village's earlier installations sent (after `confirmed`)."""
    if inst.role != "district":
        raise Refused("villages.district_only", "Perintah ini hanya untuk instalasi kabupaten.")
    access.require(inst, "change")
    village = district.get_village(inst.db, code)
    if village is None:
        raise Refused("villages.unknown", f"Desa {code} belum pernah mengirim data.")
    old = district.workers_of_other_installations(inst.db, code, village.device_id)
    if not old:
        raise Refused(
            "villages.nothing_old",
            f"Semua pekerja {village.name} berasal dari instalasi yang terdaftar sekarang. Jika "
            "desa dipasang ulang tanpa cadangan, impor dahulu berkas pertama dari laptop baru "
            "(cocokkan sidik kunci lewat telepon, lalu import --trust-new), kemudian ulangi.",
        )
    carried = sum(1 for w in old if w["kpj_number"] and w["nik"] in _new_without_kpj(inst, code))
    if not confirmed:
        return Replacement(village.name, len(old), carried, False)
    with transaction(inst.db):
        waiting = _new_without_kpj(inst, code)
        for w in old:
            if w["kpj_number"] and w["nik"] in waiting:
                district.set_bpjs_fields(
                    inst.db, waiting.pop(w["nik"]), w["kpj_number"], w["bpjs_status"]
                )
            district.retire_worker(
                inst.db, w["id"], "instalasi desa diganti (dipasang ulang tanpa cadangan)"
            )
        district.resolve_findings_of_kind(
            inst.db, "nik_twice_in_village", code, "instalasi lama desa dipensiunkan", inst.user
        )
        record_change(
            inst,
            "installation_replaced",
            "village",
            code,
            None,
            {"current_device": village.device_id, "retired_workers": len(old)},
        )
    return Replacement(village.name, len(old), carried, True)


def _new_without_kpj(inst: Installation, code: str) -> dict[str, str]:
    """NIK → id of the current installation's live workers that have no KPJ number yet."""
    village = district.get_village(inst.db, code)
    assert village is not None  # the caller found it
    return {
        w["nik"]: w["id"]
        for w in district.workers_of_installation(inst.db, code, village.device_id)
        if not w["kpj_number"]
    }
