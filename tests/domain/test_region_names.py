"""Region names as people write them, and the villages and kecamatan of a regency."""

from __future__ import annotations

from desktop_app.domain import regions


def test_an_apostrophe_in_a_village_name_is_written_once():
    assert regions.region_name("65.03.05.2002") == "Pa' Padi"


def test_nunukan_has_21_kecamatan_and_232_desa_besides_8_kelurahan():
    villages = regions.villages_in("65.03")
    desa = [code for code, _ in villages if code.rsplit(".", 1)[1].startswith("2")]
    assert (len(regions.kecamatan_in("65.03")), len(desa), len(villages)) == (21, 232, 240)
