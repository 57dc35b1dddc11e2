"""The village head approves the list of workers funded in a fiscal year.

Once an installation has people, letters and the register carry the head's name only for
workers on a list she approved, and the name is hers, as she signed in; a worker funded after
her approval waits for the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.device.clock import utc_now
from desktop_app.domain.errors import Refused
from desktop_app.domain.formatting import rupiah
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import program
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting


@dataclass(frozen=True, slots=True)
class Approval:
    year: int
    by: str  # username
    head_name: str  # as letters print it
    at: str
    worker_ids: frozenset[str]
    committed: int


def _key(year: int) -> str:
    return f"approval.{year}"


def approve_funded_list(inst: Installation, year: int) -> Approval:
    """The signed-in kepala desa approves the workers funded for `year` as they stand now."""
    access.require(inst, "approve")
    if inst.person is None:
        raise Refused(
            "approval.no_people",
            "Persetujuan kepala desa dicatat atas namanya: buat administrator dan akun kepala "
            "desa dahulu.",
        )
    with transaction(inst.db):
        funded = sorted(program.funded_worker_ids(inst.db, year))
        if not funded:
            raise Refused("approval.empty", f"Belum ada pekerja yang didanai tahun {year}.")
        before = get_setting(inst.db, _key(year))
        after = {
            "by": inst.person.username,
            "head_name": inst.person.full_name,
            "at": utc_now(),
            "workers": funded,
            "committed": program.committed(inst.db, year),
        }
        set_setting(inst.db, _key(year), after)
        record_change(inst, "approve", "funded_list", str(year), before, after)
    return approved(inst, year)  # type: ignore[return-value]


def approved(inst: Installation, year: int) -> Approval | None:
    stored = get_setting(inst.db, _key(year))
    if stored is None:
        return None
    return Approval(
        year,
        stored["by"],
        stored["head_name"],
        stored["at"],
        frozenset(stored["workers"]),
        stored["committed"],
    )


def require_approval(inst: Installation, year: int) -> Approval | None:
    """The approval signed documents of `year` rest on; None while the installation is open."""
    if access.is_open(inst):
        return None
    found = approved(inst, year)
    if found is None:
        raise Refused(
            "approval.missing",
            f"Daftar pekerja yang didanai tahun {year} belum disetujui kepala desa, jadi surat "
            "belum dapat memuat namanya. Minta kepala desa masuk dan menyetujuinya "
            f"(satudesa approve --year {year}).",
        )
    return found


def describe(found: Approval) -> str:
    return (
        f"Daftar {found.year} disetujui {found.head_name}: {len(found.worker_ids)} pekerja, "
        f"{rupiah(found.committed)}."
    )
