"""A district's change of keys, vouched for by its old key, as return files carry it.

    {"profile": {code, name, signing, box, fingerprint, ...}, "previous_signing": base64,
     "signature": base64 Ed25519 signature by the previous signing key over the canonical
     JSON of "profile"}

Return files carry the whole chain of statements, oldest first, so a village that missed a
change (no return imported between two changes) still follows from the key it pinned. A
village accepts the new key only through a chain that starts at its pinned key; nobody holding
only a new key can make one.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from desktop_app.device.keys import KeyPair, b64, sign, verify


def _canonical(profile: dict[str, Any]) -> bytes:
    return json.dumps(profile, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def vouch(old_keys: KeyPair, new_profile: dict[str, Any]) -> dict[str, Any]:
    """The statement: the old signing key signs the district's new profile."""
    return {
        "profile": new_profile,
        "previous_signing": old_keys.public.signing,
        "signature": b64(sign(old_keys, _canonical(new_profile))),
    }


def _vouched(statement: Any, signing: str) -> dict[str, Any] | None:
    """The profile `statement` vouches for, if the key `signing` signed it."""
    try:
        profile = statement["profile"]
        if statement["previous_signing"] != signing:
            return None
        signature = base64.b64decode(statement["signature"], validate=True)
        if not verify(signing, _canonical(profile), signature):
            return None
        return {k: str(v) for k, v in profile.items()}
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def followed_profile(chain: Any, pinned_signing: str, sender_signing: str) -> dict[str, str] | None:
    """The district's newest profile, if `chain` leads from the pinned key to the sender's."""
    current, profile = pinned_signing, None
    for statement in chain if isinstance(chain, list) else []:
        vouched = _vouched(statement, current)
        if vouched is not None:
            current, profile = vouched["signing"], vouched
    return profile if profile and current == sender_signing else None
