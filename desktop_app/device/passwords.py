"""Passwords and recovery codes, kept only as argon2id hashes (argon2-cffi).

A hash carries its own salt and cost parameters, so a later version can raise the cost and
still check the passwords people chose before.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# About 0.1 s and 32 MiB on the reference laptop: slow for a guesser, unnoticed at sign-in.
_HASHER = PasswordHasher(time_cost=2, memory_cost=32 * 1024, parallelism=1)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: it is read off paper


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_recovery_code() -> str:
    """Twenty characters in groups of four, e.g. K7QM-2XWD-9TNA-HC4R-PJ8E (100 bits)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(20))
    return "-".join(chars[i : i + 4] for i in range(0, 20, 4))


def normalise_code(code: str) -> str:
    """A recovery code as typed: case, spaces and dashes do not matter."""
    return "".join(c for c in code.upper() if c.isalnum())
