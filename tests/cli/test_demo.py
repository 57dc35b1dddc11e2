"""`satudesa demo`: a village a new user can try every page of, made once."""

from __future__ import annotations

import datetime as dt

from cli_helpers import run, run_json
from pypdf import PdfReader

from desktop_app.domain.nik import parse_nik


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


def test_demo_if_empty_leaves_an_existing_village_alone(tmp_path, capsys):
    data = tmp_path / "demo"
    run_json(capsys, data, "demo", "--workers", "5")
    assert run(capsys, data, "demo", "--if-empty")[0] == 0
    assert run_json(capsys, data, "worker", "list")["total"] == 5
