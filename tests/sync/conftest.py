"""A district and two villages bound to it, in temporary folders, set up through the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_helpers import add_worker, run


@dataclass
class World:
    district: Path
    profile: Path
    ta: Path  # Tanjung Aru, Sebatik Timur
    sn: Path  # Sungai Nyamuk, Sebatik Timur
    usb: Path


WORKERS = {
    "ta": [
        ("6503104508900001", "Siti Aminah", "05-08-1990", "P", "nelayan"),
        ("6503101203850002", "Budi Santoso", "12-03-1985", "L", "motoris"),
    ],
    "sn": [
        ("6503100101800003", "Rahmat Hidayat", "01-01-1980", "L", "pekebun"),
    ],
}


@pytest.fixture
def world(tmp_path, capsys) -> World:
    district = tmp_path / "kabupaten"
    assert run(capsys, district, "init", "district", "--code", "65.03")[0] == 0
    profile = district / "profil-kabupaten-65.03.json"
    w = World(
        district, profile, tmp_path / "tanjung_aru", tmp_path / "sungai_nyamuk", tmp_path / "usb"
    )
    for folder, code in ((w.ta, "65.03.10.2004"), (w.sn, "65.03.10.2001")):
        status = run(
            capsys, folder, "init", "village", "--code", code, "--district-profile", str(profile)
        )[0]
        assert status == 0
    for key, folder in (("ta", w.ta), ("sn", w.sn)):
        for worker in WORKERS[key]:
            add_worker(capsys, folder, *worker)
    w.usb.mkdir()
    return w
