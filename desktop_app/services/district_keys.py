"""Replacing a district's keys: vouched for by the old key, or (key lost) by telephone.

With the old key at hand, the new profile is signed by it and rides in every return file, so
villages switch over at their next import without anyone doing anything. A lost key cannot
vouch for anything: the district writes a new profile file and every village imports it by
hand after comparing the fingerprint by telephone (docs/sync-format.md, "Keys that change").
Either way the old box key, if readable, is kept so that batches sealed to it still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.device.keys import KeyPair, create_keys, load_keys, retire_keys
from desktop_app.domain.errors import Refused
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import (
    Installation,
    district_profile,
    write_district_profile,
)
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting
from desktop_app.sync import key_change

KEY_CHANGES_KEY = "district.key_changes"  # the chain of statements return files carry


@dataclass(frozen=True, slots=True)
class Replaced:
    profile_path: Path
    fingerprint: str
    vouched: bool  # signed by the old key (villages follow by themselves)


def replace_keys(inst: Installation, lost: bool = False) -> Replaced:
    """Make new district keys and a new profile; vouch for it with the old key unless lost."""
    if inst.role != "district":
        raise Refused("keys.district_only", "Perintah ini hanya untuk instalasi kabupaten.")
    access.require(inst, "admin")
    old: KeyPair | None = None
    if not lost:
        old = load_keys(inst.data_dir)  # refused with advice when the key is gone
    retire_keys(inst.data_dir)
    create_keys(inst.data_dir)
    profile = district_profile(inst)
    with transaction(inst.db):
        # A lost key breaks the chain: villages re-bind by hand, so the old links are useless.
        chain = get_setting(inst.db, KEY_CHANGES_KEY, []) if old else []
        set_setting(
            inst.db, KEY_CHANGES_KEY, [*chain, key_change.vouch(old, profile)] if old else []
        )
        record_change(
            inst,
            "keys_replaced" if old else "keys_replaced_lost",
            "installation",
            inst.code,
            None,
            {"fingerprint": profile["fingerprint"], "vouched": old is not None},
        )
    path = write_district_profile(inst, profile)
    return Replaced(path, profile["fingerprint"], old is not None)


def key_changes(inst: Installation) -> list[dict]:
    """What return files carry so that villages accept the district's current key."""
    return get_setting(inst.db, KEY_CHANGES_KEY, [])
