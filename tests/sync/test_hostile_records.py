"""A signed batch from a hostile village app: its records meet the form's rules, and touch only
its own village's rows."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run, run_json
from test_usb_roundtrip import district_state

from desktop_app.device.keys import load_keys
from desktop_app.services.installation import open_installation
from desktop_app.store import outbox
from desktop_app.sync import batch


def worker_changes(folder) -> list[dict]:
    inst = open_installation(folder)
    changes = [
        {k: c[k] for k in ("seq", "at", "entity", "entity_id", "op", "payload")}
        for c in outbox.changes_between(inst.db, 1, outbox.last_seq(inst.db))
    ]
    inst.close()
    return changes


@pytest.fixture
def both_known(world, capsys):
    for folder in (world.ta, world.sn):
        run_json(capsys, folder, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    return world


def hostile_batch(world, tweak) -> str:
    """Tanjung Aru's next batch (change 3), signed with its real keys, record edited."""
    change = worker_changes(world.ta)[0]
    change["seq"], change["op"] = 3, "update"
    tweak(change)
    change["entity_id"] = change["payload"]["id"]
    village = {"code": "65.03.10.2004", "name": "Tanjung Aru", "device_id": ""}
    inst = open_installation(world.ta)
    village["device_id"] = inst.device_id
    inst.close()
    data = batch.build_batch(
        load_keys(world.ta), load_keys(world.district).public.box, village, [change], "t"
    )
    path = world.usb / "jahat" / "kiriman.sdsync"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return str(path)


def other_village_id(world):
    rahmat = worker_changes(world.sn)[0]["payload"]
    return lambda c: c["payload"].update(id=rahmat["id"])


TWEAKS = {
    "other-villages-worker": None,  # filled in the test (needs Sungai Nyamuk's id)
    "birth-date-with-tail": lambda c: c["payload"].update(birth_date="1990-08-05xyz"),
    "birth-date-without-dashes": lambda c: c["payload"].update(birth_date="19900805"),
    "income-as-bool": lambda c: c["payload"].update(monthly_income=True),
    "nul-in-name": lambda c: c["payload"].update(full_name="Siti\0Aminah"),
    "claims-another-village": lambda c: c["payload"].update(village_code="65.03.10.2001"),
    "name-with-digits": lambda c: c["payload"].update(full_name="Siti 4minah"),
    "name-too-long": lambda c: c["payload"].update(full_name="A" * 500),
    "unknown-occupation": lambda c: c["payload"].update(occupation="astronot"),
}


@pytest.mark.parametrize("attack", list(TWEAKS))
def test_a_hostile_record_refuses_the_whole_file_and_changes_nothing(both_known, capsys, attack):
    world = both_known
    tweak = other_village_id(world) if attack == "other-villages-worker" else TWEAKS[attack]
    path = hostile_batch(world, tweak)
    before = district_state(world.district)

    code, out, _ = run(capsys, world.district, "import", path, "--json")

    (result,) = json.loads(out)
    assert code == 1 and result["status"] == "refused"
    assert result["code"] in ("sync.record", "sync.schema")
    assert district_state(world.district) == before


def test_an_honest_update_of_its_own_worker_is_applied(both_known, capsys):
    path = hostile_batch(both_known, lambda c: c["payload"].update(dusun="Sei Pancang"))
    (result,) = run_json(capsys, both_known.district, "import", path)
    assert result["status"] == "applied"


def test_a_coverage_period_for_another_villages_worker_is_refused(both_known, capsys):
    world = both_known
    rahmat = worker_changes(world.sn)[0]["payload"]["id"]

    def coverage_for_rahmat(change):
        change["entity"] = "coverage"
        change["payload"] = {
            "id": "01COVERAGE0000000000000000",
            "worker_id": rahmat,
            "fiscal_year": 2027,
            "start_month": "2027-01-01",
            "months": 12,
            "programs": "JKK,JKM",
            "total_amount": 201_600,
            "funding": "village",
        }

    path = hostile_batch(world, coverage_for_rahmat)
    before = district_state(world.district)
    code, out, _ = run(capsys, world.district, "import", path, "--json")
    (result,) = json.loads(out)
    assert code == 1 and result["code"] == "sync.record" and "desa lain" in result["message"]
    assert district_state(world.district) == before


def test_a_card_for_another_villages_worker_is_refused(both_known, capsys):
    """A card with a higher serial would make the other village's printed card fail."""
    world = both_known
    rahmat = worker_changes(world.sn)[0]["payload"]["id"]

    def card_for_rahmat(change):
        change["entity"] = "card"
        change["payload"] = {
            "id": f"{rahmat}-9",
            "worker_id": rahmat,
            "serial": 9,
            "issued_on": "2026-11-23",
        }

    path = hostile_batch(world, card_for_rahmat)
    before = district_state(world.district)
    code, out, _ = run(capsys, world.district, "import", path, "--json")
    (result,) = json.loads(out)
    assert code == 1 and result["code"] == "sync.record" and "desa lain" in result["message"]
    assert district_state(world.district) == before


def test_a_nul_in_any_text_of_a_record_is_refused_as_a_malformed_file(both_known, capsys):
    path = hostile_batch(both_known, lambda c: c["payload"].update(dusun="Sei\0Pancang"))
    code, out, _ = run(capsys, both_known.district, "import", path, "--json")
    (result,) = json.loads(out)
    assert code == 1 and result["code"] == "sync.schema"
    assert "perubahan 3: teks berisi karakter NUL" in result["message"]
