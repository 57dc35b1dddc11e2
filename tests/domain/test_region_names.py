"""Region names as people write them, and the villages and kecamatan of a regency."""

from __future__ import annotations

import csv

from desktop_app.resources import resource_path

from desktop_app.domain import regions


def test_an_apostrophe_in_a_village_name_is_written_once():
    assert regions.region_name("65.03.05.2002") == "Pa' Padi"


def test_nunukan_has_21_kecamatan_and_232_desa_besides_8_kelurahan():
    villages = regions.villages_in("65.03")
    desa = [code for code, _ in villages if code.rsplit(".", 1)[1].startswith("2")]
    assert (len(regions.kecamatan_in("65.03")), len(desa), len(villages)) == (21, 232, 240)


def test_every_region_name_is_the_one_the_csv_file_holds():
    with resource_path("regions", "wilayah_kemendagri_2025.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 91_599
    assert all(regions.region_name(r["kode"]) == r["nama"].replace("''", "'") for r in rows)
    assert regions.region_name("12.07.28.1007") == "Lubuk Pakam I,II"  # quoted in the file
