"""Five demo villages in three kecamatan reach a district through sealed files, and the
district's figures are the villages' own, through the command line."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from cli_helpers import run_json
from test_usb_roundtrip import district_state

from desktop_app.store.db import DB_FILENAME

FIGURES = (
    "registered",
    "funded",
    "active",
    "lapsed",
    "target",
    "working_residents",
    "allocated",
    "committed",
    "realised",
)


@pytest.fixture
def regency(tmp_path, capsys):
    made = run_json(
        capsys,
        tmp_path / "kabupaten",
        "demo",
        "--district",
        "--villages",
        "5",
        "--kecamatan",
        "3",
        "--workers",
        "6",
    )
    return tmp_path / "kabupaten", made["villages"]


def figures(report: dict) -> dict:
    return {k: report[k] or 0 for k in FIGURES}


def summed(reports: list[dict]) -> dict:
    return {k: sum(r[k] or 0 for r in reports) for k in FIGURES}


def test_each_kecamatan_at_the_district_is_the_sum_of_its_villages_own_reports(regency, capsys):
    district, villages = regency
    assert len({v["kecamatan"] for v in villages}) == 3
    own = {v["code"]: run_json(capsys, v["data_dir"], "report", "coverage") for v in villages}
    assert all(r["registered"] == 6 and r["funded"] == 6 for r in own.values())

    report = run_json(capsys, district, "report", "coverage", "--by", "kecamatan")
    assert figures(report) == summed(list(own.values()))
    assert figures(report) == summed(report["kecamatan"])
    for entry in report["kecamatan"]:
        members = [own[c] for c in own if c.startswith(entry["code"] + ".")]
        assert figures(entry) == summed(members)
        assert entry["villages_reporting"] == len(members)
    assert sum(e["villages_reporting"] > 0 for e in report["kecamatan"]) == 3

    by_village = run_json(capsys, district, "report", "coverage", "--by", "village")
    assert {e["code"]: figures(e) for e in by_village["entries"]} == {
        code: figures(r) for code, r in own.items()
    }


def test_every_desa_is_listed_and_those_that_sent_nothing_stand_out(regency, capsys):
    district, villages = regency
    listed = run_json(capsys, district, "villages", "--all")
    assert len(listed) == 232  # every desa of Nunukan; its 8 kelurahan are listed apart
    reported = {v["code"]: v for v in listed if v["reported"]}
    assert set(reported) == {v["code"] for v in villages}
    assert all(
        v["workers"] == 6 and v["funded"] == 6 and v["active"] == 6 for v in reported.values()
    )
    silent = [v for v in listed if not v["reported"]]
    assert silent and all(v["silent"] and v["workers"] == 0 for v in silent)
    # JSON keeps ISO 8601 with the offset; people read local time.
    assert all(
        dt.datetime.fromisoformat(v["last_batch_at"]).utcoffset() is not None
        for v in reported.values()
    )
    kelurahan = run_json(capsys, district, "villages", "--kelurahan")
    assert len(kelurahan) == 8 and all(k["kelurahan"] for k in kelurahan)


def test_the_district_finds_a_worker_of_the_fifth_village_by_name_nik_and_not_his_heir(
    regency, capsys
):
    district, villages = regency
    fifth = villages[4]
    worker = run_json(capsys, fifth["data_dir"], "worker", "list")["workers"][0]
    by_name = run_json(capsys, district, "worker", "list", "--search", worker["full_name"])
    assert worker["id"] in [w["id"] for w in by_name["workers"]]
    (found,) = [w for w in by_name["workers"] if w["id"] == worker["id"]]
    assert found["village"] == fifth["name"] and found["kecamatan"] == fifth["kecamatan"]
    by_nik = run_json(capsys, district, "worker", "list", "--search", worker["nik"][:10])
    assert worker["id"] in [w["id"] for w in by_nik["workers"]]

    details = run_json(capsys, fifth["data_dir"], "worker", "show", worker["id"])
    seen = run_json(capsys, district, "worker", "show", worker["nik"])
    assert seen["heirs"] == len(details["heirs"]) == 1
    assert seen["children"] == len(details["children"])
    heir = details["heirs"][0]["full_name"]
    conn = sqlite3.connect(district / DB_FILENAME)
    text = "\n".join(
        repr(row)
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'district%'"
        )
        for row in conn.execute(f"SELECT * FROM {table}")
    )
    conn.close()
    assert worker["full_name"] in text and heir not in text


def test_a_removal_reaches_the_district_in_the_next_batch_and_importing_it_again_changes_nothing(
    regency, capsys, tmp_path
):
    district, villages = regency
    fifth = villages[4]
    worker = run_json(capsys, fifth["data_dir"], "worker", "list")["workers"][0]
    run_json(capsys, fifth["data_dir"], "worker", "remove", worker["id"], "--reason", "pindah")
    usb = tmp_path / "usb"
    (exported,) = run_json(capsys, fifth["data_dir"], "export", "--out", str(usb))
    assert exported["count"] == 1
    (result,) = run_json(capsys, district, "import", exported["path"])
    assert result["status"] == "applied"

    found = run_json(capsys, district, "worker", "list", "--search", worker["nik"])
    assert found["total"] == 0
    own = run_json(capsys, fifth["data_dir"], "report", "coverage")
    assert own["registered"] == 5
    by_village = run_json(capsys, district, "report", "coverage", "--by", "village")
    (entry,) = [e for e in by_village["entries"] if e["code"] == fifth["code"]]
    assert figures(entry) == figures(own)

    before = district_state(district)
    (again,) = run_json(capsys, district, "import", exported["path"])
    assert again["status"] == "already"
    first_files = sorted(str(p) for p in (district / "berkas-sinkron").glob("*.sdsync"))
    assert len(first_files) == 5
    results = run_json(capsys, district, "import", *first_files)
    assert {r["status"] for r in results} == {"already"}
    assert district_state(district) == before

    run_json(capsys, fifth["data_dir"], "worker", "restore", worker["id"])
    (restored,) = run_json(capsys, fifth["data_dir"], "export", "--out", str(usb))
    run_json(capsys, district, "import", restored["path"])
    found = run_json(capsys, district, "worker", "list", "--search", worker["nik"])
    assert [w["id"] for w in found["workers"]] == [worker["id"]]


def test_the_district_finds_a_worker_by_kpj_number_after_bpjs_sends_it(regency, capsys, tmp_path):
    district, villages = regency
    worker = run_json(capsys, villages[2]["data_dir"], "worker", "list")["workers"][0]
    bpjs = tmp_path / "kpj.csv"
    bpjs.write_text(f"nik,kpj_number,status\n{worker['nik']},98765432101,aktif\n")
    assert run_json(capsys, district, "bpjs", "import", str(bpjs))["updated"] == 1
    found = run_json(capsys, district, "worker", "list", "--search", "9876543")
    assert [(w["id"], w["kpj_number"]) for w in found["workers"]] == [(worker["id"], "98765432101")]
    assert found["total"] == 1
