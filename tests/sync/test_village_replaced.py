"""A village reinstalled without its backup: the district retires the old installation's
workers once the officer confirms, keeping KPJ numbers for those registered again."""

from __future__ import annotations

from cli_helpers import add_worker, run, run_json

from desktop_app.device.keys import load_keys

BUDI = "6503101203850002"


def test_a_replaced_installations_workers_are_retired_after_confirmation(world, capsys, tmp_path):
    (batch,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    run_json(capsys, world.district, "import", "--trust-new", batch["path"])
    bpjs = tmp_path / "bpjs.csv"
    bpjs.write_text(f"nik,kpj_number,status\n{BUDI},98765432109,aktif\n")
    run_json(capsys, world.district, "bpjs", "import", str(bpjs))

    code, _, err = run(capsys, world.district, "villages", "replaced", "65.03.10.2004", "--yes")
    assert code == 1 and "berasal dari instalasi yang terdaftar sekarang" in err

    # The laptop died; a new one is set up without the backup and Budi is registered again.
    new = tmp_path / "tanjung_aru_baru"
    run_json(capsys, new, "init", "village", "--code", "65.03.10.2004",
             "--district-profile", str(world.profile))  # fmt: skip
    add_worker(capsys, new, BUDI, "Budi Santoso", "12-03-1985", "L", "motoris")
    (batch,) = run_json(capsys, new, "export", "--out", str(tmp_path / "usb2"))
    code, out, _ = run(capsys, world.district, "import", batch["path"])
    assert code == 1 and "ditandatangani kunci lain" in out
    # The officer reads the new laptop's fingerprint with the clerk and re-keys the village.
    fingerprint = load_keys(new).public.fingerprint()
    run_json(capsys, world.district, "villages", "rekey", "65.03.10.2004",
             "--fingerprint", fingerprint)  # fmt: skip
    run_json(capsys, world.district, "import", batch["path"])
    kinds = [f["kind"] for f in run_json(capsys, world.district, "findings")]
    assert "nik_twice_in_village" in kinds
    villages = run_json(capsys, world.district, "villages")
    assert {v["name"]: v["workers"] for v in villages}["Tanjung Aru"] == 3

    code, _, err = run(capsys, world.district, "villages", "replaced", "65.03.10.2004")
    assert code == 1 and "2 pekerja Tanjung Aru dari instalasi lama" in err
    assert "Belum dikonfirmasi" in err
    assert {v["name"]: v["workers"] for v in run_json(capsys, world.district, "villages")}[
        "Tanjung Aru"
    ] == 3  # nothing changed without the confirmation

    done = run_json(capsys, world.district, "villages", "replaced", "65.03.10.2004", "--yes")
    assert (done["old_workers"], done["kpj_carried"], done["done"]) == (2, 1, True)
    villages = run_json(capsys, world.district, "villages")
    assert {v["name"]: v["workers"] for v in villages}["Tanjung Aru"] == 1
    assert "nik_twice_in_village" not in [
        f["kind"] for f in run_json(capsys, world.district, "findings")
    ]
    # The new laptop gets Budi's KPJ number back with its next return file.
    (ret,) = [
        r
        for r in run_json(capsys, world.district, "export", "--out", str(tmp_path / "kembali"))
        if r["village_code"] == "65.03.10.2004"
    ]
    run_json(capsys, new, "import", ret["path"])
    assert run_json(capsys, new, "worker", "show", BUDI)["kpj_number"] == "98765432109"
