"""Automatic backups: sealed to the installation, the newest 10 kept, and a damaged database
replaced by the newest good one."""

from __future__ import annotations

import pytest
from forms import BUDI, SITI

from desktop_app.domain.errors import Refused
from desktop_app.services import auto_backup, registry
from desktop_app.services.backup import open_backup
from desktop_app.services.demo import demo_forms
from desktop_app.services.installation import init_village, open_installation
from desktop_app.store import workers as store
from desktop_app.store.db import DB_FILENAME
from desktop_app.store.images import file_is_healthy


def test_automatic_backup_opens_only_with_this_installations_keys(village, tmp_path):
    registry.register_worker(village, SITI)
    path = auto_backup.make_auto_backup(village)
    raw = path.read_bytes()
    assert b"Siti" not in raw and SITI.nik.encode() not in raw
    assert open_backup(path, data_dir=village.data_dir).manifest["code"] == "65.03.10.2004"
    other = init_village(tmp_path / "lain", "65.03.10.2001")
    with pytest.raises(Refused) as e:
        open_backup(path, data_dir=other.data_dir)
    assert e.value.code == "backup.passphrase_or_damaged"
    other.close()


def test_only_the_newest_ten_automatic_backups_are_kept(village):
    made = []
    for worker, _heir, _children in demo_forms(12):
        registry.register_worker(village, worker)
        made.append(auto_backup.make_auto_backup(village))
    kept = auto_backup.auto_backups(village.data_dir)
    assert len(kept) == 10
    assert kept == list(reversed(made[2:]))
    assert not made[0].exists() and not made[1].exists()


def test_a_backup_is_due_after_fifty_changes(village):
    assert auto_backup.backup_due(village)  # none yet
    auto_backup.make_auto_backup(village)
    forms = demo_forms(50)
    for worker, _heir, _children in forms[:49]:
        registry.register_worker(village, worker)
    assert not auto_backup.backup_due(village)
    registry.register_worker(village, forms[49][0])
    assert auto_backup.backup_due(village)


def test_damaged_database_is_replaced_by_the_newest_good_backup(village):
    registry.register_worker(village, SITI)
    auto_backup.make_auto_backup(village)
    registry.register_worker(village, BUDI)
    newest = auto_backup.make_auto_backup(village)
    newest.write_bytes(newest.read_bytes()[:-40])  # a truncated newest backup is skipped
    data_dir = village.data_dir
    village.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    village.close()
    db_path = data_dir / DB_FILENAME
    raw = bytearray(db_path.read_bytes())
    raw[4096:] = bytes((i * 7 + 3) % 256 for i in range(len(raw) - 4096))
    db_path.write_bytes(bytes(raw))
    assert not file_is_healthy(db_path)

    good = auto_backup.newest_good_backup(data_dir)
    assert good is not None and good != newest
    auto_backup.recover_database(data_dir, good)
    assert file_is_healthy(db_path)
    assert list(data_dir.glob(f"{DB_FILENAME}.rusak-*"))
    inst = open_installation(data_dir)
    assert [w.nik for w in store.list_workers(inst.db)] == [SITI.nik]
    inst.close()


def test_backups_leave_no_copy_of_the_database_behind(village):
    registry.register_worker(village, SITI)
    path = auto_backup.make_auto_backup(village)
    assert list((village.data_dir / "tmp").iterdir()) == []
    assert open_backup(path, data_dir=village.data_dir).manifest["code"] == "65.03.10.2004"
    files = [p for p in village.data_dir.rglob("*") if p.is_file()]
    copies = [p.name for p in files if b"Siti" in p.read_bytes()]
    assert all(name.startswith("satudesa.sqlite3") for name in copies)  # the database itself
