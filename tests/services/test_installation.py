"""Setting up: a district writes its profile; a village binds to it only if the profile fits."""

from __future__ import annotations

import json
import stat

import pytest

from desktop_app.device.keys import KEY_DIR, b64, load_keys
from desktop_app.domain.errors import InvalidInput
from desktop_app.services.installation import bind_district, init_district, init_village


@pytest.fixture
def profile(tmp_path):
    district, path = init_district(tmp_path / "kabupaten", "65.03")
    district.close()
    return path


def test_district_profile_carries_the_public_keys_and_private_keys_stay_owner_only(
    tmp_path, profile
):
    written = json.loads(profile.read_text(encoding="utf-8"))
    keys = load_keys(tmp_path / "kabupaten").public
    assert (written["code"], written["signing"], written["box"]) == (
        "65.03",
        keys.signing,
        keys.box,
    )
    assert written["fingerprint"] == keys.fingerprint()
    for name in ("signing.key", "box.key"):
        mode = (tmp_path / "kabupaten" / KEY_DIR / name).stat().st_mode
        assert stat.S_IMODE(mode) == 0o600
    assert "PRIVATE" not in profile.read_text().upper()


def test_profile_whose_key_was_swapped_no_longer_matches_its_fingerprint_and_is_refused(
    tmp_path, profile
):
    edited = json.loads(profile.read_text(encoding="utf-8"))
    edited["box"] = b64(bytes(32))
    bad = tmp_path / "profil-diubah.json"
    bad.write_text(json.dumps(edited), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        init_village(tmp_path / "desa", "65.03.10.2004", district_profile=bad)
    assert refused.value.code == "setup.district_profile"
    assert not (tmp_path / "desa" / KEY_DIR).exists()


def test_profile_with_a_key_of_the_wrong_length_is_refused(tmp_path, profile):
    edited = json.loads(profile.read_text(encoding="utf-8"))
    edited["signing"] = b64(b"short")
    del edited["fingerprint"]
    bad = tmp_path / "profil-pendek.json"
    bad.write_text(json.dumps(edited), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        init_village(tmp_path / "desa", "65.03.10.2004", district_profile=bad)
    assert refused.value.code == "setup.district_profile"


def test_village_of_another_regency_cannot_bind_to_this_district(tmp_path, profile):
    with pytest.raises(InvalidInput) as refused:
        init_village(tmp_path / "malinau", "65.02.01.2002", district_profile=profile)
    assert refused.value.code == "setup.other_district" and "65.03" in refused.value.message

    village = init_village(tmp_path / "demo", "65.02.01.2002")
    with pytest.raises(InvalidInput):
        bind_district(village, profile)
    village.close()
