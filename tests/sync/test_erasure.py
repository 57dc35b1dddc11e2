"""Erasure: a removed and synced worker's personal data is wiped after the district's retention
period, from both database files, down to the bytes (index, free pages, write-ahead log)."""

from __future__ import annotations

import datetime as dt

from cli_helpers import run, run_json
from forms import with_

from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.services import erasure, registry
from desktop_app.services.installation import open_installation

ROSMA = "6503106707880005"
# Everything that identifies her, as it would sit in the file's bytes.
SECRETS = [
    ROSMA,
    "Rosmawati",
    "Matene",
    "6503100101100077",  # KK number
    "Sulaiman Lalo",  # heir
    "Andi Baso",  # child
    "6281277788899",  # her phone, as stored
    "Jalan Haji Bunga",  # address
    "Bulungan",  # birth place
    "Disdukcapil Malinau",  # why her birth date differs from her NIK
]


def register_rosma(folder):
    from forms import SITI

    inst = open_installation(folder, "operator")
    try:
        form = with_(
            SITI,
            nik=ROSMA,
            kk_number="6503100101100077",
            full_name="Rosmawati Daeng Matene",
            birth_place="Bulungan",
            birth_date="28-07-1988",  # the NIK says the 27th
            nik_mismatch_reason="Tanggal lahir dikoreksi Disdukcapil Malinau",
            address="Jalan Haji Bunga 7",
            phone="0812 7778 8899",
        )
        heir = HeirForm("Sulaiman Lalo", "suami", phone="0813 5550 1234")
        child = ChildForm("Andi Baso Matene", "2015-04-12", "L")
        return registry.register_worker(inst, form, heir, [child]).worker.id
    finally:
        inst.close()


def files_of(folder):
    return sorted(p for p in folder.iterdir() if p.name.startswith("satudesa.sqlite3"))


def found_in(folder) -> set[str]:
    """Which of SECRETS appear anywhere in the database file, its WAL or its shared memory."""
    data = b"".join(p.read_bytes() for p in files_of(folder))
    return {s for s in SECRETS if s.encode() in data}


def round_trip(capsys, world) -> None:
    import shutil

    shutil.rmtree(world.usb)
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    batches = [str(p) for p in world.usb.iterdir()]
    assert all(
        r["status"] == "applied"
        for r in run_json(capsys, world.district, "import", "--trust-new", *batches)
    )
    run_json(capsys, world.district, "export", "--out", str(world.usb / "kembali"))
    returns = [str(p) for p in (world.usb / "kembali").iterdir() if "2004" in p.name]
    assert run_json(capsys, world.ta, "import", *returns)[0]["status"] == "applied"


def test_removed_worker_is_wiped_from_both_files_after_the_retention_period(world, capsys):
    worker_id = register_rosma(world.ta)
    code, _, err = run(capsys, world.ta, "worker", "edit", ROSMA, "--rt", "4")  # a correction
    assert code == 0, err
    round_trip(capsys, world)
    assert found_in(world.ta) == set(SECRETS) and ROSMA.encode() in b"".join(
        p.read_bytes() for p in files_of(world.district)
    )

    assert run_json(capsys, world.district, "privacy", "retention", "--days", "30") == {
        "retention_days": 30
    }
    run_json(capsys, world.ta, "worker", "remove", ROSMA, "--reason", "pindah ke Tarakan")
    round_trip(capsys, world)  # the district has the removal; the village got the period
    assert run_json(capsys, world.ta, "privacy", "retention")["retention_days"] == 30

    removed_on = dt.date.today()
    village = open_installation(world.ta, "operator")
    district = open_installation(world.district, "petugas")
    try:
        for inst in (village, district):  # a day early: nothing goes
            assert erasure.erase_due(inst, removed_on + dt.timedelta(days=29)).count == 0
        assert ROSMA in found_in(world.ta)
        for inst in (village, district):
            assert erasure.erase_due(inst, removed_on + dt.timedelta(days=30)).count == 1
        # While the connections are still open: the WAL, if any, holds none of it either.
        assert found_in(world.ta) == set() and found_in(world.district) == set()
        # The anonymous counts stay: sex, occupation, year of birth, village.
        row = village.db.execute(
            "SELECT sex, occupation, birth_date, nik, full_name FROM workers WHERE id = ?",
            [worker_id],
        ).fetchone()
        assert row == ("P", "pekebun", "1988-01-01", "", "")
        copy = district.db.execute(
            "SELECT village_code, sex, occupation, birth_date FROM district_workers WHERE id = ?",
            [worker_id],
        ).fetchone()
        assert copy == ("65.03.10.2004", "P", "pekebun", "1988-01-01")
        assert village.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert district.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        village.close()
        district.close()
    assert found_in(world.ta) == set() and found_in(world.district) == set()
    # Workers who were not removed are untouched (so the search above could have found them).
    ta_bytes = b"".join(p.read_bytes() for p in files_of(world.ta))
    assert b"6503104508900001" in ta_bytes and b"Siti Aminah" in ta_bytes
    assert run_json(capsys, world.ta, "worker", "list", "--search", "Rosma")["total"] == 0
    code, _, err = run(capsys, world.ta, "worker", "restore", worker_id)
    assert code == 1 and "dihapus permanen" in err
    # The audit chain still holds: the erased entries keep their hashes, so neither the village
    # nor, with the next batch, the district sees a rewritten history.
    assert run_json(capsys, world.ta, "audit", "verify")["ok"] is True
    code, _, err = run(capsys, world.ta, "worker", "edit", "6503104508900001", "--rt", "9")
    assert code == 0, err
    round_trip(capsys, world)
    kinds = {f["kind"] for f in run_json(capsys, world.district, "findings")}
    assert "audit_rewritten" not in kinds


def test_a_removal_the_district_has_not_received_is_not_erased_yet(world, capsys):
    run_json(capsys, world.ta, "worker", "remove", "6503104508900001", "--reason", "meninggal")
    inst = open_installation(world.ta, "operator")
    try:
        result = erasure.erase_due(inst, dt.date.today() + dt.timedelta(days=800))
    finally:
        inst.close()
    assert (result.count, result.waiting_for_district, result.retention_days) == (0, 1, 730)
    assert b"Siti Aminah" in b"".join(p.read_bytes() for p in files_of(world.ta))
