"""The installation's keys: Ed25519 for signatures, X25519 for sealed boxes (PyNaCl).

Each installation has a signing key (who sent this?) and a box key (only I can read this).
Private keys live in the data folder's keys/ with owner-only permissions and never leave it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import nacl.exceptions
import nacl.public
import nacl.signing

from desktop_app.domain.errors import Refused

KEY_DIR = "keys"


@dataclass(frozen=True, slots=True)
class PublicKeys:
    """What an installation shares: its signing and box public keys, as base64 text."""

    signing: str
    box: str

    def fingerprint(self) -> str:
        """A short code two people can read to each other to confirm a key (XXXX-XXXX-XXXX)."""
        digest = hashlib.sha256((self.signing + self.box).encode()).hexdigest().upper()
        return "-".join(digest[i : i + 4] for i in range(0, 12, 4))


@dataclass(frozen=True, slots=True)
class KeyPair:
    signing: nacl.signing.SigningKey
    box: nacl.public.PrivateKey

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(b64(bytes(self.signing.verify_key)), b64(bytes(self.box.public_key)))


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _write_private(path: Path, raw: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
        f.flush()
        os.fsync(f.fileno())


def create_keys(data_dir: Path) -> KeyPair:
    """Make this installation's key pairs (once, at setup)."""
    folder = data_dir / KEY_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    keys = KeyPair(nacl.signing.SigningKey.generate(), nacl.public.PrivateKey.generate())
    _write_private(folder / "signing.key", bytes(keys.signing))
    _write_private(folder / "box.key", bytes(keys.box))
    return keys


def load_keys(data_dir: Path) -> KeyPair:
    folder = data_dir / KEY_DIR
    try:
        return KeyPair(
            nacl.signing.SigningKey((folder / "signing.key").read_bytes()),
            nacl.public.PrivateKey((folder / "box.key").read_bytes()),
        )
    except (OSError, ValueError, TypeError):
        raise Refused(
            "keys.missing",
            f"Kunci instalasi di {folder} hilang atau rusak. Pulihkan folder data dari cadangan.",
        ) from None


def sign(keys: KeyPair, message: bytes) -> bytes:
    return keys.signing.sign(message).signature


def verify(public_signing: str, message: bytes, signature: bytes) -> bool:
    try:
        nacl.signing.VerifyKey(unb64(public_signing)).verify(message, signature)
    except (nacl.exceptions.BadSignatureError, ValueError, TypeError):
        return False
    return True


RETIRED_DIR = "retired"


def retire_keys(data_dir: Path) -> None:
    """Move the current key pairs aside (kept: files sealed to the old box key still open)."""
    folder = data_dir / KEY_DIR
    retired = folder / RETIRED_DIR
    count = len(list(retired.iterdir())) if retired.is_dir() else 0
    target = retired / f"{count + 1:04d}"  # numbered, so the newest sorts last
    target.mkdir(mode=0o700, parents=True)
    for name in ("signing.key", "box.key"):
        if (folder / name).exists():
            os.replace(folder / name, target / name)


def all_keys(data_dir: Path) -> list[KeyPair]:
    """The current key pair first, then every retired one still readable, newest first."""
    found = [load_keys(data_dir)]
    retired = data_dir / KEY_DIR / RETIRED_DIR
    for folder in sorted(retired.iterdir(), reverse=True) if retired.is_dir() else []:
        try:
            found.append(
                KeyPair(
                    nacl.signing.SigningKey((folder / "signing.key").read_bytes()),
                    nacl.public.PrivateKey((folder / "box.key").read_bytes()),
                )
            )
        except (OSError, ValueError, TypeError):
            continue
    return found
