"""Registering, correcting, removing and restoring workers through the one service door."""

from __future__ import annotations

import json

import pytest
from forms import BUDI, SITI, with_

from desktop_app.domain.errors import Refused, ValidationErrors
from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.services import registry
from desktop_app.store import audit, outbox
from desktop_app.store.db import DB_FILENAME


def db_bytes(inst) -> bytes:
    """The database file's content after a checkpoint, to prove nothing was written."""
    inst.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (inst.data_dir / DB_FILENAME).read_bytes()


def test_registered_worker_has_its_row_outbox_entry_and_audit_entry(village):
    saved = registry.register_worker(
        village,
        SITI,
        HeirForm("Ahmad Yani", "suami", "", "081211112222"),
        [ChildForm("Nur Aini", "2015-04-01", "P", "")],
    )
    w = saved.worker
    assert (w.nik, w.full_name, w.sex, w.birth_date) == (
        "6503104508900001",
        "Siti Aminah",
        "P",
        "1990-08-05",
    )
    assert w.phone == "+6281234567890" and w.monthly_income == 1_500_000
    assert w.village_code == "65.03.10.2004" and w.status == "registered"
    change = outbox.changes_between(village.db, 1, 1)[0]
    assert (change["entity"], change["entity_id"], change["op"]) == ("worker", w.id, "insert")
    assert change["payload"]["heirs"][0]["full_name"] == "Ahmad Yani"
    assert change["payload"]["children"][0]["birth_date"] == "2015-04-01"
    (entry,) = audit.history(village.db, "worker", w.id)
    assert entry["action"] == "register" and entry["user"] == "operator"
    assert entry["before"] is None and entry["after"]["nik"] == w.nik


def test_duplicate_live_nik_is_refused_naming_the_existing_worker(village):
    first = registry.register_worker(village, SITI).worker
    before = db_bytes(village)
    with pytest.raises(registry.DuplicateNik) as refused:
        registry.register_worker(village, with_(SITI, full_name="Siti Lain"))
    assert refused.value.existing.id == first.id
    assert "Siti Aminah" in refused.value.message
    assert db_bytes(village) == before


def test_refused_input_leaves_the_database_byte_for_byte_unchanged(village):
    registry.register_worker(village, BUDI)
    before = db_bytes(village)
    bad = with_(SITI, nik="6503104508900000", phone="12345", occupation="astronot")
    with pytest.raises(ValidationErrors) as refused:
        registry.register_worker(village, bad)
    fields = {e.field for e in refused.value.errors}
    assert {"nik", "phone", "occupation"} <= fields
    assert db_bytes(village) == before


def test_nik_that_says_female_with_sex_l_is_refused_with_the_mismatch_named(village):
    with pytest.raises(ValidationErrors) as refused:
        registry.register_worker(village, with_(SITI, sex="L"))
    assert any(e.code == "nik.sex_mismatch" for e in refused.value.errors)
    assert outbox.last_seq(village.db) == 0


def test_correction_bumps_version_and_records_before_and_after(village):
    w = registry.register_worker(village, SITI).worker
    saved = registry.update_worker(
        village, w.id, with_(SITI, dusun="Bukit Aru"), expected_version=1
    )
    assert saved.worker.version == 2 and saved.worker.dusun == "Bukit Aru"
    change = outbox.changes_between(village.db, 2, 2)[0]
    assert change["op"] == "update" and change["payload"]["dusun"] == "Bukit Aru"
    entry = audit.history(village.db, "worker", w.id)[-1]
    assert entry["before"]["dusun"] == "Aji Kuning" and entry["after"]["dusun"] == "Bukit Aru"


def test_saving_an_unchanged_form_writes_nothing(village):
    w = registry.register_worker(village, SITI).worker
    saved = registry.update_worker(village, w.id, SITI, expected_version=1)
    assert saved.worker.version == 1
    assert outbox.last_seq(village.db) == 1


def test_correction_of_a_form_opened_before_another_save_is_refused(village):
    w = registry.register_worker(village, SITI).worker
    registry.update_worker(village, w.id, with_(SITI, rt="5"), expected_version=1)
    with pytest.raises(Refused) as refused:
        registry.update_worker(village, w.id, with_(SITI, rw="9"), expected_version=1)
    assert refused.value.code == "worker.stale"


def test_removal_is_a_tombstone_that_frees_the_nik_and_can_be_undone(village):
    w = registry.register_worker(village, SITI).worker
    registry.remove_worker(village, w.id, "pindah ke Tarakan")
    row = village.db.execute("SELECT deleted_at FROM workers WHERE id = ?", [w.id]).fetchone()
    assert row[0] is not None
    change = outbox.changes_between(village.db, 2, 2)[0]
    assert change["op"] == "delete" and change["payload"]["removal_reason"] == "pindah ke Tarakan"
    restored = registry.restore_worker(village, w.id)
    assert restored.deleted_at is None and restored.version == 3


def test_restore_is_refused_when_the_nik_was_registered_again(village):
    w = registry.register_worker(village, SITI).worker
    registry.remove_worker(village, w.id, "salah input")
    registry.register_worker(village, SITI)
    with pytest.raises(registry.DuplicateNik):
        registry.restore_worker(village, w.id)


def test_removal_needs_a_reason(village):
    w = registry.register_worker(village, SITI).worker
    with pytest.raises(Refused):
        registry.remove_worker(village, w.id, "   ")
    assert outbox.last_seq(village.db) == 1


def test_outbox_sequence_has_no_gap_after_a_refused_change(village):
    registry.register_worker(village, SITI)
    with pytest.raises(registry.DuplicateNik):
        registry.register_worker(village, SITI)
    registry.register_worker(village, BUDI)
    seqs = [c["seq"] for c in outbox.changes_between(village.db, 1, 99)]
    assert seqs == [1, 2]
    assert (
        json.loads(village.db.execute("SELECT payload FROM changes WHERE seq=2").fetchone()[0])[
            "full_name"
        ]
        == "Budi Santoso"
    )


def test_worker_is_found_by_nik_or_id_prefix(village):
    w = registry.register_worker(village, SITI).worker
    assert registry.find_worker(village, "6503104508900001").id == w.id
    assert registry.find_worker(village, w.id[:10].lower()).id == w.id
    with pytest.raises(Refused):
        registry.find_worker(village, "6503101203850002")


def test_the_open_pair_count_is_what_the_pairs_list_shows(village):
    from desktop_app.services import duplicates

    registry.register_worker(village, SITI)
    twin = with_(SITI, nik="6503104508900002")  # same name and birth date, another NIK
    registry.register_worker(village, twin)
    assert duplicates.open_pair_count(village) == len(duplicates.open_pairs(village)) == 1
    registry.remove_worker(village, registry.find_worker(village, twin.nik).id, "salah input")
    assert duplicates.open_pair_count(village) == len(duplicates.open_pairs(village)) == 0
