"""A district database from before the program tables: names of heirs and children received
earlier are dropped (the counts stay), and its workers become searchable."""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database

from desktop_app.store import district_program, district_search, migrations
from desktop_app.store.db import open_database


def test_heirs_and_children_received_before_are_reduced_to_counts(tmp_path):
    path = tmp_path / "kab.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    before = migrations.STEPS.index(migrations.add_district_program)
    migrations.migrate(Database(conn), target=before)
    record = {
        "id": "01A",
        "dusun": "Aji Kuning",
        "status": "registered",
        "heirs": [{"full_name": "Ahmad Yani", "relation": "suami"}],
        "children": [{"full_name": "Nur Aisyah"}, {"full_name": "Rizki Ahmad"}],
    }
    conn.execute(
        "INSERT INTO villages(code, name, device_id, signing_key, box_key, trusted_at, "
        "trusted_by) VALUES ('65.03.10.2004', 'Tanjung Aru', 'd', 's', 'b', 't', 'u')"
    )
    conn.execute(
        "INSERT INTO district_workers(id, village_code, nik, full_name, birth_date, sex, "
        "occupation, monthly_income, programs, registered_at, record) VALUES ('01A', "
        "'65.03.10.2004', '6503104508900001', 'Siti Aminah', '1990-08-05', 'P', 'petani', "
        "1500000, 'JKK,JKM', '2026-11-23T02:00:00+00:00', ?)",
        [json.dumps(record)],
    )
    conn.close()

    db = open_database(path)
    row = district_program.worker_record(db, "01A")
    assert (row["heirs"], row["children"], row["dusun"]) == (1, 2, "Aji Kuning")
    assert "Ahmad Yani" not in row["record"] and "Nur Aisyah" not in row["record"]
    assert [w["id"] for w in district_search.search_workers(db, "siti ami")] == ["01A"]
    db.conn.close()


def test_district_search_index_holds_names_only_and_finds_them_without_apostrophes(tmp_path):
    path = tmp_path / "kab.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    before = migrations.STEPS.index(migrations.search_district_names_only)
    migrations.migrate(Database(conn), target=before)
    conn.execute(
        "INSERT INTO villages(code, name, device_id, signing_key, box_key, trusted_at, "
        "trusted_by) VALUES ('65.03.10.2004', 'Tanjung Aru', 'd', 's', 'b', 't', 'u')"
    )
    for worker_id, nik, name, deleted in (
        ("01A", "6503100101900001", "Ma'ruf Amin", None),
        ("01B", "6503104508900002", "Siti Aminah", None),
        ("01C", "6503100101900003", "Amin Rais", "2026-11-01T00:00:00+00:00"),
    ):
        conn.execute(
            "INSERT INTO district_workers(id, village_code, nik, full_name, birth_date, sex, "
            "occupation, monthly_income, programs, registered_at, record, deleted_at) VALUES "
            "(?, '65.03.10.2004', ?, ?, '1990-01-01', 'L', 'petani', 1500000, 'JKK,JKM', "
            "'2026-11-23T02:00:00+00:00', '{}', ?)",
            [worker_id, nik, name, deleted],
        )
    conn.close()

    db = open_database(path)
    columns = [r[1] for r in db.execute("PRAGMA table_info(district_workers_fts)").fetchall()]
    assert columns == ["full_name"]

    def found(text: str) -> list[str]:
        return [w["id"] for w in district_search.search_workers(db, text)]

    assert found("maruf") == found("ma'ruf") == ["01A"]
    assert found("amin") == ["01A", "01B"]  # the removed Amin Rais is not listed
    assert district_search.count_matches(db, "amin") == 2
    assert found("650310450890") == ["01B"]  # NIKs by their own index
    db.execute("UPDATE district_workers SET kpj_number = '12345678901' WHERE id = '01B'")
    assert found("1234567") == ["01B"]  # so are KPJ numbers
    assert found("siti") == ["01B"]  # a new KPJ number leaves the name searchable
    db.execute("UPDATE district_workers SET full_name = 'Siti Rahmah' WHERE id = '01B'")
    assert found("aminah") == [] and found("rahmah") == ["01B"]
    db.execute("UPDATE district_workers SET deleted_at = '2026-11-29' WHERE id = '01A'")
    assert found("maruf") == []
    db.conn.close()
