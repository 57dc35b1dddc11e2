"""A district replaces its keys: vouched for by the old key villages follow by themselves; a lost
key is recovered by hand with a new profile; a forged chain is refused."""

from __future__ import annotations

import json
import shutil

from cli_helpers import add_worker, run, run_json

from desktop_app.services.installation import DISTRICT_KEY, open_installation
from desktop_app.store.settings import get_setting


def pinned_district_key(folder) -> str:
    inst = open_installation(folder)
    try:
        return get_setting(inst.db, DISTRICT_KEY)["signing"]
    finally:
        inst.close()


def send(capsys, world, village) -> dict:
    shutil.rmtree(world.usb, ignore_errors=True)
    (out,) = run_json(capsys, village, "export", "--out", str(world.usb))
    assert out["path"], out
    (result,) = run_json(capsys, world.district, "import", "--trust-new", out["path"])
    return result


def give_back(capsys, world, village, district=None):
    district = district or world.district
    returns = world.usb / "kembali"
    shutil.rmtree(returns, ignore_errors=True)
    run_json(capsys, district, "export", "--out", str(returns))
    code = "2004" if village == world.ta else "2001"
    (path,) = [p for p in returns.iterdir() if code in p.name]
    return run(capsys, village, "import", str(path), "--json")


def test_villages_follow_a_key_change_vouched_for_by_the_old_key(world, capsys):
    send(capsys, world, world.ta)
    assert give_back(capsys, world, world.ta)[0] == 0
    old_key = pinned_district_key(world.ta)
    replaced = run_json(capsys, world.district, "district-keys", "replace")
    assert replaced["vouched"] is True
    new_key = json.loads(world.profile.read_text())["signing"]
    assert new_key != old_key and replaced["fingerprint"] in world.profile.read_text()

    # The village does not know yet: its batch is sealed to the old key, which still opens it.
    add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
    assert send(capsys, world, world.ta)["status"] == "applied"
    code, out, err = give_back(capsys, world, world.ta)
    assert code == 0, err
    assert json.loads(out)[0]["status"] == "applied"
    assert pinned_district_key(world.ta) == new_key
    # From now on the village seals to the new key, and only new changes go.
    add_worker(capsys, world.ta, "6503106707880005", "Rosmawati", "27-07-1988", "P", "petani")
    result = send(capsys, world, world.ta)
    assert result["status"] == "applied" and result["message"].startswith("1 perubahan")


def test_a_village_that_missed_one_change_follows_the_whole_chain(world, capsys):
    send(capsys, world, world.sn)
    run_json(capsys, world.district, "district-keys", "replace")
    run_json(capsys, world.district, "district-keys", "replace")
    code, _, err = give_back(capsys, world, world.sn)
    assert code == 0, err
    assert pinned_district_key(world.sn) == json.loads(world.profile.read_text())["signing"]


def test_a_return_signed_by_a_key_the_pinned_one_never_vouched_for_is_refused(world, capsys):
    import nacl.public
    import nacl.signing

    from desktop_app.device.keys import KeyPair, load_keys
    from desktop_app.sync import batch, key_change

    def fresh() -> KeyPair:
        return KeyPair(nacl.signing.SigningKey.generate(), nacl.public.PrivateKey.generate())

    impostor_old, impostor_new = fresh(), fresh()
    profile = {"code": "65.03", "name": "Kabupaten Nunukan", **vars_of(impostor_new)}
    chain = [key_change.vouch(impostor_old, profile)]  # a chain, but not from the pinned key
    village_box = load_keys(world.ta).public.box
    data = batch.build_return(
        impostor_new, village_box, "65.03", "65.03.10.2004", 9, 2, [], "2026-11-29T00:00:00+00:00",
        {"key_changes": chain},
    )  # fmt: skip
    forged = world.usb / "satudesa-kembali_65.03.10.2004_000009_20261129.sdsync"
    forged.write_bytes(data)
    before = pinned_district_key(world.ta)
    code, out, _ = run(capsys, world.ta, "import", str(forged), "--json")
    assert code == 1 and json.loads(out)[0]["code"] == "sync.unknown_sender"
    assert pinned_district_key(world.ta) == before


def vars_of(keys) -> dict[str, str]:
    return {"signing": keys.public.signing, "box": keys.public.box}


def test_a_lost_district_key_is_recovered_with_a_new_profile_compared_by_hand(world, capsys):
    send(capsys, world, world.ta)
    assert give_back(capsys, world, world.ta)[0] == 0
    shutil.rmtree(world.district / "keys")  # the disk with the key died; the database survived
    code, _, err = run(capsys, world.district, "district-keys", "replace")
    assert code == 1 and "kunci" in err.lower()
    replaced = run_json(capsys, world.district, "district-keys", "replace", "--lost")
    assert replaced["vouched"] is False
    code, out, _ = give_back(capsys, world, world.ta)
    assert code == 1 and json.loads(out)[0]["code"] == "sync.unknown_sender"
    # The clerk compares the fingerprint by telephone, then imports the new profile.
    run_json(capsys, world.ta, "district-profile", str(world.profile))
    add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
    result = send(capsys, world, world.ta)  # the same district database: only the new change
    assert result["status"] == "applied" and result["message"].startswith("1 perubahan")
    assert give_back(capsys, world, world.ta)[0] == 0
