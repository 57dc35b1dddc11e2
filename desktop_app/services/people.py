"""People: the first administrator, adding people, passwords and the admin's recovery code.

Passwords and the recovery code are kept only as argon2id hashes; neither is ever written to
the audit log, the sync batch or the log file.
"""

from __future__ import annotations

from desktop_app.device.passwords import (
    hash_password,
    new_recovery_code,
    normalise_code,
    password_matches,
)
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.ids import new_id
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import users
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting

RECOVERY_KEY = "people.recovery_code_hash"
MIN_PASSWORD = 8


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            "people.password_short",
            f"Kata sandi paling sedikit {MIN_PASSWORD} huruf.",
            "password",
        )


def _check_username(username: str) -> str:
    username = username.strip()
    if not username or not all(c.isalnum() or c in "._-" for c in username):
        raise InvalidInput(
            "people.username",
            "Nama pengguna hanya huruf, angka, titik, garis bawah atau tanda hubung, tanpa spasi.",
            "username",
        )
    return username


def check_new_person(username: str, password: str) -> None:
    """Refuse a username or password that adding the person would refuse."""
    _check_username(username)
    _check_password(password)


def _public(person: users.Person) -> dict[str, str]:
    """What the audit log keeps of a person: never the password's hash."""
    return {"username": person.username, "full_name": person.full_name, "role": person.role}


def _new_recovery_code(inst: Installation) -> str:
    code = new_recovery_code()
    set_setting(inst.db, RECOVERY_KEY, hash_password(normalise_code(code)))
    return code


def create_first_admin(inst: Installation, username: str, full_name: str, password: str) -> str:
    """Make the first administrator, sign them in, and return the recovery code to print.

    From now on changes need a signed-in person.
    """
    username = _check_username(username)
    _check_password(password)
    person = users.Person(
        new_id(), username, full_name.strip() or username, "admin", hash_password(password)
    )
    with transaction(inst.db):
        if not access.is_open(inst):
            raise Refused(
                "people.admin_exists",
                "Administrator sudah ada; orang baru ditambahkan oleh administrator.",
            )
        users.add_person(inst.db, person)
        inst.person, inst.user = person, person.username
        record_change(inst, "user_add", "user", person.id, None, _public(person))
        return _new_recovery_code(inst)


def add_person(
    inst: Installation, username: str, full_name: str, role: str, password: str
) -> users.Person:
    """An administrator adds a person with one of this installation's roles."""
    access.require(inst, "admin")
    if access.is_open(inst):
        raise Refused(
            "people.no_admin", "Buat administrator pertama dahulu (satudesa user add --admin)."
        )
    username = _check_username(username)
    if role not in access.ROLES[inst.role]:
        raise InvalidInput(
            "people.role",
            f"Peran harus salah satu dari: {', '.join(access.ROLES[inst.role])}.",
            "role",
        )
    _check_password(password)
    person = users.Person(
        new_id(), username, full_name.strip() or username, role, hash_password(password)
    )
    with transaction(inst.db):
        if users.find_person(inst.db, username) is not None:
            raise Refused("people.exists", f"Nama pengguna {username} sudah dipakai.", "username")
        users.add_person(inst.db, person)
        record_change(inst, "user_add", "user", person.id, None, _public(person))
    return person


def list_people(inst: Installation) -> list[users.Person]:
    return users.list_people(inst.db)


def change_password(
    inst: Installation, username: str, new_password: str, old_password: str | None = None
) -> None:
    """A person changes their own password (knowing the old one); an admin anyone's."""
    access.require_person(inst)
    person = users.find_person(inst.db, username.strip())
    if person is None:
        raise Refused("people.not_found", f"Pengguna {username} tidak ada.")
    own = inst.person is not None and inst.person.id == person.id
    if own and not password_matches(person.password_hash, old_password or ""):
        raise Refused("people.sign_in", "Kata sandi lama salah.", "old_password")
    if not own:
        access.require(inst, "admin")
    _check_password(new_password)
    with transaction(inst.db):
        users.set_password_hash(inst.db, person.username, hash_password(new_password))
        record_change(inst, "user_password", "user", person.id, None, _public(person))


def recover_admin(inst: Installation, username: str, code: str, new_password: str) -> str:
    """Set a forgotten administrator's password with the recovery code printed at setup.

    The code works once: the answer is the new code to print and keep in its place.
    """
    person = users.find_person(inst.db, username.strip())
    stored = get_setting(inst.db, RECOVERY_KEY)
    if (
        person is None
        or person.role != "admin"
        or not password_matches(stored, normalise_code(code))
    ):
        raise Refused(
            "people.recovery",
            "Kode pemulihan atau nama administrator salah. Kode pemulihan adalah kertas yang "
            "dicetak saat administrator pertama dibuat.",
        )
    _check_password(new_password)
    with transaction(inst.db):
        users.set_password_hash(inst.db, person.username, hash_password(new_password))
        inst.person, inst.user = person, person.username
        record_change(inst, "user_recover", "user", person.id, None, _public(person))
        return _new_recovery_code(inst)
