"""An installation: one data folder with the database, keys and log of a village or district."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from desktop_app.device.clock import utc_now
from desktop_app.device.keys import PublicKeys, create_keys, load_keys, unb64
from desktop_app.device.passwords import password_matches
from desktop_app.device.private import clean_stale_temp, secure_data_dir
from desktop_app.domain import regions
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.ids import new_id
from desktop_app.domain.text import TITLE_MAX, clean_text
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.store import batches, outbox, users
from desktop_app.store.db import DB_FILENAME, open_database, transaction
from desktop_app.store.settings import get_setting, set_setting

PROFILE_KEY = "installation"
DISTRICT_KEY = "district"
PROFILE_FORMAT = "satudesa-district-profile/1"


@dataclass(slots=True)
class Installation:
    """What every service needs: the open database, who this installation is, who is working."""

    data_dir: Path
    db: Database
    role: str  # "village" | "district"
    code: str  # Kemendagri code: 65.03.10.2004 for a village, 65.03 for a district
    name: str
    device_id: str
    user: str  # the name the audit log records: the signed-in person, else the system user
    person: users.Person | None = None  # None: nobody signed in
    demo: bool = False  # sample data (`satudesa demo`): marked DEMO/CONTOH, refused by districts

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Installation:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def demo_data_dir(data_dir: Path | None = None) -> Path:
    """Where the demo village lives: beside the real data folder, never in it."""
    real = Path(data_dir) if data_dir else default_data_dir()
    return real.with_name(real.name + "-Demo")


def default_data_dir() -> Path:
    """The platform's per-user data folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "SatuDesa"


def current_user() -> str:
    """The person at the keyboard, as the audit log names them."""
    try:
        return os.environ.get("SATUDESA_USER") or getpass.getuser()
    except OSError:
        return "operator"


def sign_in(inst: Installation, username: str, password: str) -> users.Person:
    """Name the person at the keyboard once their password matches."""
    person = users.find_person(inst.db, username.strip())
    if person is None or not password_matches(person.password_hash, password):
        raise Refused("people.sign_in", "Nama pengguna atau kata sandi salah.")
    inst.person, inst.user = person, person.username
    return person


def is_initialised(data_dir: Path) -> bool:
    db_path = Path(data_dir) / DB_FILENAME
    if not db_path.exists():
        return False
    db = open_database(db_path)
    try:
        return get_setting(db, PROFILE_KEY) is not None
    finally:
        db.conn.close()


def reopen(inst: Installation) -> Installation:
    """The same data folder on a new connection (for a background job), as the same person."""
    other = open_installation(inst.data_dir, inst.user)
    other.person = inst.person
    return other


def open_installation(data_dir: Path | str, user: str | None = None) -> Installation:
    """Open an initialised data folder; refuse one that was never set up."""
    data_dir = Path(data_dir)
    db_path = data_dir / DB_FILENAME
    if db_path.exists():
        secure_data_dir(data_dir)
        clean_stale_temp(data_dir)
    else:
        raise Refused(
            "setup.missing",
            f"Folder data {data_dir} belum disiapkan. Jalankan 'satudesa init village' "
            "atau 'satudesa demo' terlebih dahulu.",
        )
    db = open_database(db_path)
    profile = get_setting(db, PROFILE_KEY)
    if profile is None:
        db.conn.close()
        raise Refused("setup.missing", f"Folder data {data_dir} belum disiapkan.")
    return Installation(
        data_dir=data_dir,
        db=db,
        role=profile["role"],
        code=profile["code"],
        name=profile["name"],
        device_id=profile["device_id"],
        user=user or current_user(),
        demo=bool(profile.get("demo", False)),
    )


def _create(
    data_dir: Path, role: str, code: str, name: str, user: str | None, demo: bool = False
) -> Installation:
    secure_data_dir(data_dir)
    db_path = data_dir / DB_FILENAME
    if is_initialised(data_dir):
        raise Refused(
            "setup.exists",
            f"Folder data {data_dir} sudah berisi instalasi Satu Desa; pilih folder lain.",
        )
    db = open_database(db_path)
    who = user or current_user()
    with transaction(db):
        set_setting(
            db,
            PROFILE_KEY,
            {
                "role": role,
                "code": code,
                "name": name,
                "device_id": new_id(),
                "created_at": utc_now(),
                **({"demo": True} if demo else {}),
            },
        )
    db.conn.close()
    create_keys(data_dir)
    return open_installation(data_dir, who)


# role → (dots in its code, what it is called, an example)
_CODE_SHAPES = {
    "village": (3, "desa", "65.03.10.2004 untuk Tanjung Aru"),
    "district": (1, "kabupaten", "65.03 untuk Kabupaten Nunukan"),
}


def _official_name(code: str, role: str) -> str:
    """The Kemendagri 2025 name of a village or regency code, or a refusal with an example."""
    dots, what, example = _CODE_SHAPES[role]
    official = regions.region_name(code)
    if code.count(".") != dots or official is None:
        raise InvalidInput(
            f"setup.{role}_code",
            f"Kode {what} {code!r} tidak ada dalam daftar Kemendagri 2025 (contoh: {example}).",
            "code",
        )
    return official


def _place_name(name: str) -> str:
    """A village's or district's name: printed on every letter and sent in every header."""
    return clean_text(name, "name", TITLE_MAX, "Nama desa")


def init_village(
    data_dir: Path | str,
    code: str,
    name: str | None = None,
    user: str | None = None,
    district_profile: Path | None = None,
    demo: bool = False,
) -> Installation:
    """Set up a village installation for the Kemendagri village code `code`.

    With a district profile file the village is bound to its district at once; without one
    it can register and print but not yet export sync files. `demo` marks sample data.
    """
    code = code.strip()
    profile = read_district_profile(district_profile) if district_profile else None
    official = _official_name(code, "village")
    if profile:
        _check_in_district(code, profile)
    inst = _create(Path(data_dir), "village", code, _place_name(name or official), user, demo)
    if profile:
        with transaction(inst.db):
            set_setting(inst.db, DISTRICT_KEY, profile)
    return inst


def init_district(
    data_dir: Path | str,
    code: str,
    name: str | None = None,
    user: str | None = None,
    demo: bool = False,
) -> tuple[Installation, Path]:
    """Set up a district installation and write the profile file villages import at setup.

    A `demo` district takes the batches of demo villages, and only those."""
    code = code.strip()
    official = _official_name(code, "district")
    inst = _create(Path(data_dir), "district", code, _place_name(name or official), user, demo)
    return inst, write_district_profile(inst, district_profile(inst))


def district_profile(inst: Installation) -> dict[str, str]:
    """The profile villages import: the district's code, name, public keys and installation.

    "installation" tells a village whether a profile with new keys comes from the same
    district database (keys replaced: nothing to send again) or from a new one.
    """
    keys = load_keys(inst.data_dir).public
    return {
        "format": PROFILE_FORMAT,
        "code": inst.code,
        "name": inst.name,
        "signing": keys.signing,
        "box": keys.box,
        "fingerprint": keys.fingerprint(),
        "installation": inst.device_id,
    }


def write_district_profile(inst: Installation, profile: dict[str, str]) -> Path:
    path = inst.data_dir / f"profil-kabupaten-{inst.code}.json"
    path.write_text(json.dumps(profile, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def read_district_profile(path: Path) -> dict[str, str]:
    """The district's code, name and public keys from its profile file, checked."""
    try:
        profile = json.loads(Path(path).read_text(encoding="utf-8"))
        if profile.get("format") != PROFILE_FORMAT:
            raise ValueError("format")
        keys = PublicKeys(str(profile["signing"]), str(profile["box"]))
        if any(len(unb64(k)) != 32 for k in (keys.signing, keys.box)):
            raise ValueError("public keys are 32 bytes")
        # A profile whose keys were edited (or mixed from two files) no longer matches the
        # fingerprint the officer reads out; using it would seal every batch for nobody.
        if profile.get("fingerprint", keys.fingerprint()) != keys.fingerprint():
            raise ValueError("fingerprint")
        fields = ("code", "name", "signing", "box", "installation")
        return {k: str(profile[k]) for k in fields if k in profile}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise InvalidInput(
            "setup.district_profile",
            f"Berkas {path} bukan profil kabupaten Satu Desa yang sah. Minta berkas "
            "profil-kabupaten-….json dari kantor kabupaten.",
            "district_profile",
        ) from None


def bind_district(inst: Installation, path: Path) -> dict[str, str]:
    """Bind a village set up without a district (or re-bind after the district's keys changed)."""
    access.require(inst, "admin")  # whose keys the village trusts is the admin's decision
    profile = read_district_profile(path)
    _check_in_district(inst.code, profile)
    with transaction(inst.db):
        previous = get_setting(inst.db, DISTRICT_KEY)
        installation = previous and previous.get("installation")
        same_database = installation is not None and installation == profile.get("installation")
        if previous and previous["signing"] != profile["signing"] and not same_database:
            # Another district installation (reinstalled, new keys) has received nothing of
            # ours: the next export starts again from change 1, and nothing is acknowledged.
            # The same installation with replaced keys (a lost key) still has everything.
            batches.forget_exports(inst.db)
            outbox.set_acknowledged_seq(inst.db, 0)
        set_setting(inst.db, DISTRICT_KEY, profile)
        record_change(inst, "bind_district", "settings", DISTRICT_KEY, previous, profile)
    return profile


def _check_in_district(village_code: str, profile: dict[str, str]) -> None:
    """Refuse a profile of another regency now, not at the first import months later."""
    if not village_code.startswith(profile["code"] + "."):
        raise InvalidInput(
            "setup.other_district",
            f"Desa {village_code} bukan bagian dari {profile['name']} ({profile['code']}); "
            "berkas kabupaten itu akan menolak datanya. Minta profil kabupaten Anda sendiri.",
            "district_profile",
        )


def district_of(inst: Installation) -> dict[str, str]:
    profile = get_setting(inst.db, DISTRICT_KEY)
    if profile is None:
        raise Refused(
            "setup.no_district",
            "Desa ini belum terhubung dengan kabupaten. Impor berkas profil kabupaten dahulu "
            "(satudesa district-profile BERKAS, atau menu Sinkronisasi).",
        )
    return profile


LANGUAGE_KEY = "ui.language"


def window_language(inst: Installation) -> str:
    """The window's language for this installation: "id" (default) or "en"."""
    return get_setting(inst.db, LANGUAGE_KEY, "id")


def set_window_language(inst: Installation, code: str) -> None:
    if code not in ("id", "en"):
        raise InvalidInput("ui.language", "Bahasa harus id atau en.", "language")
    with transaction(inst.db):
        set_setting(inst.db, LANGUAGE_KEY, code)


def accept_district_keys(inst: Installation, vouched: dict[str, str]) -> dict[str, str]:
    """Pin the district's new keys, vouched for by its old key (inside the caller's
    transaction); the district database is the same, so nothing needs sending again."""
    profile = {**district_of(inst)}
    if vouched.get("code") != profile["code"]:
        return profile
    keys = PublicKeys(vouched["signing"], vouched["box"])
    profile.update(signing=keys.signing, box=keys.box)
    if "installation" in vouched:
        profile["installation"] = vouched["installation"]
    set_setting(inst.db, DISTRICT_KEY, profile)
    return profile
