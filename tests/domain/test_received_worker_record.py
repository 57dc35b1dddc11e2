"""A worker record from another installation: the quick check for records as the form stores
them never accepts what the form's full rules refuse, and refuses with the same errors."""

from __future__ import annotations

import itertools

import pytest

from desktop_app.domain import worker
from desktop_app.domain.errors import ValidationErrors

# A record as a village's app stores it: Siti, a woman born 5 August 1990 (NIK day 45).
STORED = {
    "id": "01JD0000000000000000000001",
    "nik": "6503104508900003",
    "kk_number": "6503101203080011",
    "full_name": "Siti Aminah",
    "birth_place": "Nunukan",
    "birth_date": "1990-08-05",
    "sex": "P",
    "address": "Jl. Pelabuhan No. 4",
    "dusun": "Sei Pancang",
    "rt": "004",
    "rw": "002",
    "phone": "+6281234567890",
    "occupation": "nelayan",
    "occupation_other": None,
    "monthly_income": 1_500_000,
    "programs": "JKK,JKM",
    "nik_mismatch_reason": None,
    "created_at": "2026-11-23T02:00:00+00:00",
    "village_code": "65.03.10.2004",
}

# Values each field may arrive with: as stored, as typed, wrong, or of another type.
VALUES = {
    "nik": [
        "6503100508900003",  # a man's day
        "6503104508910003",  # another year
        "6503104508900000",
        "1103104508900003",  # another province
        "9903104508900003",  # no such province
        "6503104513900003",  # month 13
        "6503 1045 0890 0003",
        "650310450890000",
        "",
        None,
        6503104508900003,
    ],
    "kk_number": ["", None, "6503101203080000", "65031012030800", "6503-1012-0308-0011", 7],
    "full_name": [
        "SITI AMINAH",
        "siti  aminah",
        " Siti Aminah ",
        "Ma’ruf",
        "S",
        "Siti 4minah",
        "Siti\tAminah",
        "Siti\x1bAminah",
        "A" * 101,
        "",
        None,
        ["Siti"],
    ],
    "birth_place": ["", None, "B" * 61, "Nunukan\x07", "Nunukan\tBarat", " Nunukan ", 3],
    "birth_date": ["1990-8-5", "05-08-1990", "1990-08-06", "1991-08-05", "", None, "1990-02-30"],
    "sex": ["L", "p", "Perempuan", "", None, "X", 1],
    "address": ["", None, "A" * 201, "Jl.\u00a0Pelabuhan", "Jl.\x00Pelabuhan"],
    "dusun": ["", None, "D" * 61, "Sei\nPancang"],
    "rt": ["", None, "4", "04", "000", "1000", "abc", " 004 "],
    "rw": ["", None, "2", "0", "-1"],
    "phone": ["", None, "081234567890", "+60123456789", "+6581234567", "0812-3456-7890", "08a"],
    "occupation": ["lainnya", "Nelayan", "astronot", "", None, " nelayan "],
    "occupation_other": ["", "Juru parkir", "   ", "J" * 61, None],
    "monthly_income": [0, 100_000, 10**14, 10**15, -1, True, "1500000", None, 1.5],
    "programs": ["JKK,JKM,JHT", "JKK", "jkk,jkm", "JKK+JKM", "", None, "JKK,JKM,XYZ"],
    "nik_mismatch_reason": ["", "Dikoreksi Dukcapil", "R" * 201, "  ", 5],
    "created_at": [
        "2026-11-23",
        "2005-01-01T00:00:00+00:00",  # before the birth date's NIK year in this century
        "1985-01-01T00:00:00+00:00",  # before the birth
        "2026-13-01T00:00:00+00:00",
        "kemarin",
        "",
        None,
        20261123,
    ],
}

# Fields whose rules read one another: every pair of their values is tried too.
CROSSED = ("nik", "birth_date", "sex", "created_at", "nik_mismatch_reason", "occupation")


def outcome(check, record) -> list[str] | None:
    """The error codes `check` refuses the record with, or None when it passes."""
    try:
        check(record)
    except ValidationErrors as e:
        return [error.code for error in e.errors]
    return None


def variants():
    for field, values in VALUES.items():
        for value in values:
            yield {**STORED, field: value}
    for a, b in itertools.combinations(CROSSED, 2):
        for x, y in itertools.product(VALUES[a] + [STORED[a]], VALUES[b] + [STORED[b]]):
            yield {**STORED, a: x, b: y}


def test_a_record_as_stored_takes_the_quick_check_and_passes():
    assert worker._passes_as_stored(STORED)
    assert outcome(worker.check_worker_record, STORED) is None


def test_every_variant_gets_the_full_checks_answer():
    quick = 0
    for record in variants():
        assert outcome(worker.check_worker_record, record) == outcome(
            worker._check_record_as_form, record
        ), record
        quick += worker._passes_as_stored(record)
    assert quick > 100  # the quick check answered many variants, not only the stored record


@pytest.mark.parametrize(
    "field, value",
    [
        ("full_name", "Siti 4minah"),
        ("nik", "6503100508900003"),
        ("occupation", "astronot"),
        ("birth_date", "19900805"),
    ],
)
def test_a_record_the_form_refuses_is_refused(field, value):
    with pytest.raises(ValidationErrors):
        worker.check_worker_record({**STORED, field: value})
