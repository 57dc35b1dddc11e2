"""Two villages and a district exchange files on a USB stick, through the command line."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from cli_helpers import add_worker, run, run_json

from desktop_app.device.keys import load_keys
from desktop_app.store.db import DB_FILENAME


def district_state(folder) -> str:
    """A digest of every row of the district's tables, to prove a refusal changed nothing."""
    conn = sqlite3.connect(folder / DB_FILENAME)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' "
            "ORDER BY name"
        )
    ]
    digest = hashlib.sha256()
    for table in tables:
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


def test_registrations_travel_to_the_district_and_kpj_numbers_come_back(world, capsys):
    for village in (world.ta, world.sn):
        (exported,) = run_json(capsys, village, "export", "--out", str(world.usb))
        assert exported["count"] >= 1
    files = sorted(world.usb.iterdir())
    assert len(files) == 2

    results = run_json(capsys, world.district, "import", "--trust-new", *map(str, files))
    assert [r["status"] for r in results] == ["applied", "applied"]
    before = district_state(world.district)
    again = run_json(capsys, world.district, "import", *map(str, files))
    assert [r["status"] for r in again] == ["already", "already"]
    assert district_state(world.district) == before

    villages = run_json(capsys, world.district, "villages")
    assert {v["name"]: v["workers"] for v in villages} == {"Sungai Nyamuk": 1, "Tanjung Aru": 2}

    bpjs = world.district.parent / "bpjs.csv"
    bpjs.write_text("nik,kpj_number,status\n6503104508900001,12345678901,aktif\n")
    assert run_json(capsys, world.district, "bpjs", "import", str(bpjs))["updated"] == 1
    returns = world.district.parent / "kembali"
    run_json(capsys, world.district, "export", "--out", str(returns))
    ta_return = next(returns.glob("satudesa-kembali_65.03.10.2004_*"))
    (result,) = run_json(capsys, world.ta, "import", str(ta_return))
    assert result["status"] == "applied"

    siti = run_json(capsys, world.ta, "worker", "show", "6503104508900001")
    assert siti["kpj_number"] == "12345678901" and siti["status"] == "active"
    (again,) = run_json(capsys, world.ta, "import", str(ta_return))
    assert again["status"] == "already"
    # The district acknowledged everything Tanjung Aru sent: nothing is left unsynced.
    from desktop_app.services.installation import open_installation
    from desktop_app.store.outbox import unsynced_count

    inst = open_installation(world.ta)
    assert unsynced_count(inst.db) == 0
    inst.close()


def test_exporting_again_without_changes_writes_nothing_but_a_range_can_be_rewritten(world, capsys):
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    (nothing,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    assert nothing["path"] is None
    assert len(list(world.usb.iterdir())) == 1
    again = world.usb.parent / "again"
    again.mkdir()
    (redone,) = run_json(capsys, world.ta, "export", "--out", str(again), "--range", "1-2")
    assert redone["first"] == 1 and redone["last"] == 2


def test_out_of_order_batch_waits_and_the_gap_is_named_by_number(world, capsys):
    run_json(capsys, world.ta, "export", "--out", str(world.usb / "1"))
    add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
    run_json(capsys, world.ta, "export", "--out", str(world.usb / "2"))
    second = next((world.usb / "2").iterdir())
    first = next((world.usb / "1").iterdir())
    run_json(capsys, world.district, "import", "--trust-new", str(first))
    add_worker(capsys, world.ta, "6503100202910005", "Andi Baso", "02-02-1991", "L", "supir")
    run_json(capsys, world.ta, "export", "--out", str(world.usb / "3"))
    third = next((world.usb / "3").iterdir())

    (held,) = run_json(capsys, world.district, "import", str(third))
    assert held["status"] == "held" and "3–3" in held["message"]
    (village,) = run_json(capsys, world.district, "villages")
    assert village["gaps"] == ["perubahan 3–3 dari Tanjung Aru belum diterima"]
    assert village["workers"] == 2

    (filled,) = run_json(capsys, world.district, "import", str(second))
    assert filled["status"] == "applied"
    (village,) = run_json(capsys, world.district, "villages")
    assert village["gaps"] == [] and village["workers"] == 4 and village["applied_seq"] == 4


def test_nik_registered_in_two_villages_becomes_a_finding_not_an_overwrite(world, capsys):
    add_worker(capsys, world.sn, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "petani")
    for village in (world.ta, world.sn):
        run_json(capsys, village, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    findings = run_json(capsys, world.district, "findings")
    assert [f["kind"] for f in findings] == ["nik_other_village"]
    assert "6503104508900001" in findings[0]["detail"]
    villages = {v["name"]: v["workers"] for v in run_json(capsys, world.district, "villages")}
    assert villages == {"Sungai Nyamuk": 2, "Tanjung Aru": 2}


def test_no_nik_or_name_appears_in_plain_bytes_of_an_exported_file(world, capsys):
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    data = next(world.usb.iterdir()).read_bytes()
    for secret in ("6503104508900001", "Siti Aminah", "Budi Santoso", "6503101203850002"):
        assert secret.encode() not in data
        assert secret.encode("utf-16-le") not in data


def test_village_cannot_import_a_batch_and_district_cannot_import_a_return(world, capsys):
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    batch = next(world.usb.iterdir())
    code, out, _ = run(capsys, world.sn, "import", str(batch))
    assert code == 1 and "kabupaten" in out


def test_held_batch_that_no_longer_fits_becomes_a_finding_and_the_filling_file_stays_applied(
    world, capsys
):
    """Tanjung Aru restored an old backup: its change 4 was re-made differently after a batch
    holding the first change 4 had already reached the district and been held there."""
    import shutil

    (first,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "1"))
    add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
    run_json(capsys, world.ta, "export", "--out", str(world.usb / "2"))
    restored = world.ta.parent / "restored"
    shutil.copytree(world.ta, restored)
    add_worker(capsys, world.ta, "6503100202910005", "Andi Baso", "02-02-1991", "L", "supir")
    (lost,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "3"))
    add_worker(capsys, restored, "6503100303930006", "Yusuf Lamba", "03-03-1993", "L", "petani")
    (redone,) = run_json(
        capsys, restored, "export", "--out", str(world.usb / "4"), "--range", "3-4"
    )

    run_json(capsys, world.district, "import", "--trust-new", first["path"])
    (held,) = run_json(capsys, world.district, "import", lost["path"])
    assert held["status"] == "held"
    (filled,) = run_json(capsys, world.district, "import", redone["path"])
    assert filled["status"] == "applied" and "2 perubahan" in filled["message"]

    (village,) = run_json(capsys, world.district, "villages")
    assert village["applied_seq"] == 4 and village["gaps"] == [] and village["workers"] == 4
    (finding,) = run_json(capsys, world.district, "findings")
    assert finding["kind"] == "held_batch_refused" and "4–4" in finding["detail"]


def test_return_files_of_a_reinstalled_district_are_applied_after_binding_to_it(world, capsys):
    """The new district numbers its return files from 1 again; they are news, not replays."""
    (batch,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", batch["path"])
    old_returns = world.district.parent / "kembali-lama"
    run_json(capsys, world.district, "export", "--out", str(old_returns))
    (old,) = run_json(capsys, world.ta, "import", str(next(old_returns.iterdir())))
    assert old["status"] == "applied"

    new = world.district.parent / "kabupaten-baru"
    assert run(capsys, new, "init", "district", "--code", "65.03")[0] == 0
    run_json(capsys, world.ta, "district-profile", str(new / "profil-kabupaten-65.03.json"))
    (again,) = run_json(
        capsys, world.ta, "export", "--out", str(world.usb / "baru"), "--range", "1-2"
    )
    run_json(capsys, new, "import", "--trust-new", again["path"])
    bpjs = world.district.parent / "bpjs.csv"
    bpjs.write_text("nik,kpj_number,status\n6503104508900001,12345678901,aktif\n")
    run_json(capsys, new, "bpjs", "import", str(bpjs))
    new_returns = world.district.parent / "kembali-baru"
    run_json(capsys, new, "export", "--out", str(new_returns))
    (first_of_new,) = run_json(capsys, world.ta, "import", str(next(new_returns.iterdir())))
    assert first_of_new["status"] == "applied"
    siti = run_json(capsys, world.ta, "worker", "show", "6503104508900001")
    assert siti["kpj_number"] == "12345678901"


def test_a_mistyped_range_is_a_usage_error(world, capsys):
    for typo in ("1..5", "5-3", "0-2", "satu"):
        with pytest.raises(SystemExit) as usage:
            run(capsys, world.ta, "export", "--out", str(world.usb), "--range", typo)
        assert usage.value.code == 2
    assert "tidak sah" in capsys.readouterr().err


def test_village_set_up_again_and_re_registering_a_worker_becomes_a_finding(world, capsys):
    (batch,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "lama"))
    run_json(capsys, world.district, "import", "--trust-new", batch["path"])
    anew = world.ta.parent / "tanjung_aru_baru"
    profile = str(world.profile)
    assert (
        run(
            capsys,
            anew,
            "init",
            "village",
            "--code",
            "65.03.10.2004",
            "--district-profile",
            profile,
        )[0]
        == 0
    )
    add_worker(capsys, anew, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "nelayan")
    (again,) = run_json(capsys, anew, "export", "--out", str(world.usb / "baru"))
    code, out, _ = run(capsys, world.district, "import", "--trust-new", again["path"], "--json")
    assert code == 1 and json.loads(out)[0]["code"] == "sync.key_changed"
    fingerprint = load_keys(anew).public.fingerprint()
    run_json(
        capsys, world.district, "villages", "rekey", "65.03.10.2004", "--fingerprint", fingerprint
    )
    (result,) = run_json(capsys, world.district, "import", again["path"])
    assert result["status"] == "applied"
    (finding,) = run_json(capsys, world.district, "findings")
    assert finding["kind"] == "nik_twice_in_village" and "6503104508900001" in finding["detail"]


def test_district_lists_unregistered_workers_for_bpjs_and_villages_see_them_submitted(
    world, capsys
):
    import csv

    for village in (world.ta, world.sn):
        run_json(capsys, village, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    listing = world.district.parent / "untuk-bpjs.csv"
    assert run_json(capsys, world.district, "bpjs", "export", "--out", str(listing))["workers"] == 3
    rows = list(csv.DictReader(listing.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["nik"] for r in rows} == {"6503104508900001", "6503101203850002", "6503100101800003"}
    assert {r["desa"] for r in rows} == {"Tanjung Aru", "Sungai Nyamuk"}
    returns = world.district.parent / "kembali"
    run_json(capsys, world.district, "export", "--out", str(returns))
    run_json(capsys, world.ta, "import", str(next(returns.glob("*65.03.10.2004*"))))
    assert run_json(capsys, world.ta, "worker", "show", "6503104508900001")["status"] == "submitted"


def test_officer_resolves_a_finding_with_a_note_and_it_leaves_the_open_list(world, capsys):
    add_worker(capsys, world.sn, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "petani")
    for village in (world.ta, world.sn):
        run_json(capsys, village, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    (finding,) = run_json(capsys, world.district, "findings")
    code, _, err = run(capsys, world.district, "findings", "--resolve", str(finding["id"]))
    assert code == 1 and "Tuliskan" in err  # a resolution needs a note
    left = run_json(
        capsys,
        world.district,
        "findings",
        "--resolve",
        str(finding["id"]),
        "--note",
        "Terdaftar di Tanjung Aru; Sungai Nyamuk menghapus datanya",
    )
    assert left == []
    code, _, err = run(
        capsys, world.district, "findings", "--resolve", str(finding["id"]), "--note", "lagi"
    )
    assert code == 1 and "sudah selesai" in err


def test_village_bound_to_a_reinstalled_district_sends_everything_again(world, capsys, tmp_path):
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    new_district = tmp_path / "kabupaten-baru"
    run_json(capsys, new_district, "init", "district", "--code", "65.03")
    run_json(
        capsys, world.ta, "district-profile", str(new_district / "profil-kabupaten-65.03.json")
    )
    again = tmp_path / "usb2"
    (exported,) = run_json(capsys, world.ta, "export", "--out", str(again))
    assert (exported["first"], exported["last"]) == (1, 2)
    (result,) = run_json(capsys, new_district, "import", "--trust-new", exported["path"])
    assert result["status"] == "applied"
    assert run_json(capsys, new_district, "villages")[0]["workers"] == 2


def test_likely_the_same_person_in_two_villages_under_another_nik_is_a_finding(world, capsys):
    # Sungai Nyamuk registers Siti Aminah of Tanjung Aru with one digit of her NIK wrong
    add_worker(capsys, world.sn, "6503104508900007", "SITI AMINAH", "05-08-1990", "P", "nelayan")
    for village in (world.ta, world.sn):
        run_json(capsys, village, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    (finding,) = run_json(capsys, world.district, "findings")
    assert finding["kind"] == "likely_same_person"
    assert "6503104508900001" in finding["detail"] and "6503104508900007" in finding["detail"]
    assert "nama dan tanggal lahir sama" in finding["detail"]


def test_a_nik_one_digit_off_or_swapped_in_another_village_is_a_finding_a_near_number_is_not(
    world, capsys
):
    # Tanjung Aru registers Joko, serial 0100; Sungai Nyamuk registers other people born on the
    # days of Siti, Budi and Joko, under NIKs that differ from theirs in the last digits
    add_worker(capsys, world.ta, "6503101203850100", "JOKO SUSILO", "12-03-1985", "L", "nelayan")
    for nik, name, born, sex in (
        ("6503104508900010", "NUR AINI", "05-08-1990", "P"),  # Siti's 01 swapped
        ("6503101203850012", "AGUS SALIM", "12-03-1985", "L"),  # Budi's with one digit off
        ("6503101203850099", "ANDI WIJAYA", "12-03-1985", "L"),  # Joko's minus 1: 3 digits off
    ):
        add_worker(capsys, world.sn, nik, name, born, sex, "nelayan")
    for village in (world.sn, world.ta):
        run_json(capsys, village, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir()))
    found = {
        f["nik"]: (f["kind"], f["detail"]) for f in run_json(capsys, world.district, "findings")
    }
    assert sorted(found) == ["6503101203850002", "6503104508900001"]
    assert found["6503104508900001"] == (
        "likely_same_person",
        "Siti Aminah (NIK 6503104508900001) mungkin orang yang sama dengan Nur Aini "
        "(NIK 6503104508900010) di desa 65.03.10.2001: NIK hanya tertukar dua angka "
        "bersebelahan dan tanggal lahir sama. Periksa KTP-nya bersama kedua desa.",
    )
    assert found["6503101203850002"] == (
        "likely_same_person",
        "Budi Santoso (NIK 6503101203850002) mungkin orang yang sama dengan Agus Salim "
        "(NIK 6503101203850012) di desa 65.03.10.2001: NIK hanya beda satu angka dan "
        "tanggal lahir sama. Periksa KTP-nya bersama kedua desa.",
    )
