"""The officer's confirmation of a village's keys: accepting a new village, or a re-key.

Keys are compared by fingerprint (XXXX-XXXX-XXXX) read out over the telephone; the approval
is audited and waits in the queue until the village's next file with those keys arrives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.device.keys import PublicKeys
from desktop_app.domain import regions
from desktop_app.domain.errors import Refused
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.services.sync import require_role
from desktop_app.store import district, village_keys
from desktop_app.store.db import transaction


@dataclass(frozen=True, slots=True)
class WaitingKey:
    village_code: str
    village_name: str | None
    fingerprint: str
    pinned_fingerprint: str | None  # None: a new village
    seen_at: str | None
    approved_by: str | None


def waiting_keys(inst: Installation) -> list[WaitingKey]:
    """Keys that arrived over the network or were approved, not pinned yet."""
    require_role(inst, "district")
    rows = []
    for row in village_keys.queue(inst.db):
        code = row["village_code"]
        known = district.get_village(inst.db, code)
        rows.append(
            WaitingKey(
                code,
                row["village_name"] or (known.name if known else regions.region_name(code)),
                row["fingerprint"],
                PublicKeys(known.signing_key, known.box_key).fingerprint() if known else None,
                row["seen_at"],
                row["approved_by"],
            )
        )
    return rows


def approve_village_key(inst: Installation, code: str, fingerprint: str, *, rekey: bool) -> str:
    """The officer confirms a village's key fingerprint read out by telephone (audited).

    `rekey` says the officer means to replace the keys of a known village; accepting a new
    village never replaces a pinned key, and a re-key needs a village that is known. The keys
    are pinned when the village's next file with that fingerprint arrives.
    """
    require_role(inst, "district")
    access.require(inst, "admin" if rekey else "export")  # replacing a key is the admin's
    fingerprint = fingerprint.strip().upper()
    if not _FINGERPRINT.fullmatch(fingerprint):
        raise Refused(
            "village.fingerprint", "Sidik kunci ditulis sebagai XXXX-XXXX-XXXX (12 huruf/angka)."
        )
    if not code.startswith(inst.code + ".") or regions.region_name(code) is None:
        raise Refused("village.code", f"{code} bukan kode desa di {inst.name}.")
    known = district.get_village(inst.db, code)
    if rekey and known is None:
        raise Refused(
            "village.unknown",
            f"Desa {code} belum dikenal; terima sebagai desa baru, bukan ganti kunci.",
        )
    if not rekey and known is not None:
        raise Refused(
            "village.known",
            f"Desa {known.name} ({code}) sudah dikenal dengan kunci lain. Mengganti kunci desa "
            f"yang dikenal adalah langkah tersendiri: 'satudesa villages rekey {code} "
            "--fingerprint ...'.",
        )
    pinned = PublicKeys(known.signing_key, known.box_key).fingerprint() if known else None
    if pinned == fingerprint:
        raise Refused(
            "village.same_key", f"Sidik kunci {fingerprint} sudah terdaftar untuk {code}."
        )
    with transaction(inst.db):
        village_keys.approve(inst.db, code, fingerprint, inst.user)
        record_change(
            inst,
            "village_key_approved",
            "village",
            code,
            {"fingerprint": pinned} if pinned else None,
            {"fingerprint": fingerprint},
        )
    name = known.name if known else code
    return (
        f"Sidik kunci {fingerprint} disetujui untuk {name}. Berkas desa berikutnya dengan "
        "kunci ini diterima (impor berkasnya, atau tunggu desa sinkron lagi)."
    )


_FINGERPRINT = re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}")
