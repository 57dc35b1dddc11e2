"""Who may do what. Until an installation has people it is open to whoever uses it, as
before people signed in; once an administrator exists, every change needs a signed-in person
and each verb a role that allows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.errors import Refused
from desktop_app.store import users

if TYPE_CHECKING:  # installation uses these verbs: import it for types only
    from desktop_app.services.installation import Installation

ROLES = {
    "village": {"operator": "Operator", "kepala_desa": "Kepala desa", "admin": "Administrator"},
    "district": {"petugas": "Petugas", "admin": "Administrator"},
}
# permission -> (roles that have it, what it is called in a refusal)
PERMISSIONS = {
    "change": ({"operator", "admin", "petugas"}, "mengubah data pekerja dan program"),
    "print": ({"operator", "admin", "petugas"}, "mencetak surat dan kartu"),
    "export": ({"operator", "admin", "petugas"}, "mengirim dan menerima berkas sinkronisasi"),
    "approve": ({"kepala_desa"}, "menyetujui daftar pekerja yang didanai"),
    "admin": ({"admin"}, "mengatur pengguna, pengaturan, kunci dan pemulihan cadangan"),
}


def is_open(inst: Installation) -> bool:
    """Nobody can sign in yet: anyone at the laptop can change the data."""
    return not users.has_people(inst.db)


def require_person(inst: Installation) -> None:
    """Once people exist, a change must name one of them."""
    if inst.person is None and not is_open(inst):
        raise Refused(
            "people.sign_in_required",
            "Masuk dahulu dengan nama pengguna dan kata sandi: setiap perubahan mencatat "
            "siapa yang membuatnya (baris perintah: --user NAMA).",
        )


def require(inst: Installation, permission: str) -> None:
    """Refuse a verb the signed-in person's role does not allow (nothing is refused while open)."""
    require_person(inst)
    if inst.person is None:
        return
    roles, what = PERMISSIONS[permission]
    if inst.person.role not in roles:
        label = ROLES[inst.role].get(inst.person.role, inst.person.role)
        raise Refused(
            "people.not_allowed",
            f"{label} ({inst.person.username}) tidak berwenang {what}. "
            "Minta orang yang berwenang melakukannya.",
        )


def role_label(inst: Installation, role: str) -> str:
    return ROLES[inst.role].get(role, role)
