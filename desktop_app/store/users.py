"""The people who use this installation: who they are, their role, their password's hash.

Rows without a password hash are names only (installations made before people signed in
recorded the operating-system user here); only rows with one are people who can sign in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    username: str
    full_name: str
    role: str
    password_hash: str | None


_SELECT = "SELECT id, username, full_name, role, password_hash FROM users"


def has_people(db: Database) -> bool:
    """Whether anyone can sign in; until then the installation is open to whoever uses it."""
    return (
        db.execute("SELECT 1 FROM users WHERE password_hash IS NOT NULL LIMIT 1").fetchone()
        is not None
    )


def find_person(db: Database, username: str) -> Person | None:
    row = db.execute(f"{_SELECT} WHERE username = ? AND password_hash IS NOT NULL", [username])
    found = row.fetchone()
    return None if found is None else Person(*found)


def list_people(db: Database) -> list[Person]:
    rows = db.execute(f"{_SELECT} WHERE password_hash IS NOT NULL ORDER BY username")
    return [Person(*r) for r in rows.fetchall()]


def add_person(db: Database, person: Person) -> None:
    """Add a person; a name-only row of the same username becomes that person."""
    db.execute(
        "INSERT INTO users(id, username, full_name, role, created_at, password_hash) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO UPDATE SET "
        "full_name = excluded.full_name, role = excluded.role, "
        "password_hash = excluded.password_hash WHERE users.password_hash IS NULL",
        [
            person.id,
            person.username,
            person.full_name,
            person.role,
            utc_now(),
            person.password_hash,
        ],
    )


def set_password_hash(db: Database, username: str, password_hash: str) -> None:
    db.execute("UPDATE users SET password_hash = ? WHERE username = ?", [password_hash, username])
