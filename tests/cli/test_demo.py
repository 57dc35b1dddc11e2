"""`satudesa demo`: a village a new user can try every page of, made once."""

from __future__ import annotations

import datetime as dt

from cli_helpers import run, run_json
from pypdf import PdfReader

from desktop_app.device.clock import WITA
from desktop_app.domain.nik import parse_nik
from desktop_app.services.installation import open_installation


def test_demo_village_is_realistic_funded_and_printable(tmp_path, capsys):
    data = tmp_path / "demo"
    run_json(capsys, data, "demo", "--workers", "40")
    listed = run_json(capsys, data, "worker", "list")
    assert listed["total"] == 40
    for w in listed["workers"]:
        info = parse_nik(w["nik"])  # every demo NIK passes the rules and matches its worker
        assert (info.sex, info.birth_date.isoformat()) == (w["sex"], w["birth_date"])
    assert len({w["occupation"] for w in listed["workers"]}) >= 5
    assert {w["sex"] for w in listed["workers"]} == {"L", "P"}
    summary = run_json(capsys, data, "budget", "show")
    assert summary["funded_workers"] == 40 and summary["remaining"] >= 0
    code, _, _ = run(
        capsys,
        data,
        "print",
        "letters",
        "--year",
        str(dt.date.today().year),
        "--out",
        str(tmp_path / "s.pdf"),
    )
    assert code == 0 and len(PdfReader(tmp_path / "s.pdf").pages) == 40


def test_the_demo_lived_through_its_history_and_never_bought_cover_after_the_fact(tmp_path, capsys):
    data = tmp_path / "demo"
    run_json(capsys, data, "demo", "--workers", "12")
    inst = open_installation(data)
    periods = list(inst.db.query("SELECT start_month, created_at FROM coverage_periods"))
    assert len(periods) == 24  # last year from February, this year from January
    for p in periods:
        recorded = dt.datetime.fromisoformat(p["created_at"]).astimezone(WITA).date()
        assert p["start_month"] >= recorded.replace(day=1).isoformat()
    levels = {r["school_level"] for r in inst.db.query("SELECT school_level FROM children")}
    assert levels and None not in levels  # the clerk recorded every child's schooling
    inst.close()


def test_demo_if_empty_leaves_an_existing_village_alone(tmp_path, capsys):
    data = tmp_path / "demo"
    run_json(capsys, data, "demo", "--workers", "5")
    assert run(capsys, data, "demo", "--if-empty")[0] == 0
    assert run_json(capsys, data, "worker", "list")["total"] == 5
