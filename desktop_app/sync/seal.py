"""Sealed boxes: encrypt to a recipient's public box key, open with our own (PyNaCl)."""

from __future__ import annotations

import hashlib

import nacl.exceptions
import nacl.public

from desktop_app.device.keys import KeyPair, unb64


def seal(recipient_box: str, plaintext: bytes) -> bytes:
    """Encrypt so that only the holder of the recipient's private box key can read it."""
    return nacl.public.SealedBox(nacl.public.PublicKey(unb64(recipient_box))).encrypt(plaintext)


def unseal(keys: KeyPair, ciphertext: bytes) -> bytes | None:
    try:
        return nacl.public.SealedBox(keys.box).decrypt(ciphertext)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        return None


def key_id(public_box: str) -> str:
    """A short, non-secret name of a box key, so a file says whom it was sealed for."""
    return hashlib.sha256(public_box.encode()).hexdigest()[:16]
