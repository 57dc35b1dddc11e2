"""Every NIK rule, with numbers that pass and numbers that must be refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import InvalidNik
from desktop_app.domain.nik import check_nik_matches, parse_kk, parse_nik

TODAY = dt.date(2026, 11, 24)


def refused(nik: str) -> str:
    with pytest.raises(InvalidNik) as e:
        parse_nik(nik, TODAY)
    return e.value.code


def test_nunukan_woman_born_5_august_1990_is_read_into_its_parts():
    info = parse_nik("6503104508900001", TODAY)
    assert (info.province_code, info.regency_code, info.kecamatan_code) == (
        "65",
        "65.03",
        "65.03.10",
    )
    assert info.kecamatan_name == "Sebatik Timur"
    assert info.birth_date == dt.date(1990, 8, 5) and info.sex == "P"
    assert info.serial == "0001" and info.warnings == ()


def test_man_keeps_the_day_as_written():
    info = parse_nik("6503101203850002", TODAY)
    assert info.birth_date == dt.date(1985, 3, 12) and info.sex == "L"


def test_spaces_dots_and_dashes_typed_by_habit_are_ignored():
    assert parse_nik("6503 1045 0890 0001", TODAY).nik == "6503104508900001"
    assert parse_nik("65.03.10-450890-0001", TODAY).nik == "6503104508900001"


@pytest.mark.parametrize(
    "nik, born, sex",
    [
        ("6503107101900001", dt.date(1990, 1, 31), "P"),  # day 71 = 31 for a woman
        ("6503104101900001", dt.date(1990, 1, 1), "P"),  # day 41 = 1
        ("6503103101900001", dt.date(1990, 1, 31), "L"),
    ],
)
def test_women_have_forty_added_to_the_day(nik, born, sex):
    info = parse_nik(nik, TODAY)
    assert (info.birth_date, info.sex) == (born, sex)


@pytest.mark.parametrize("day", ["00", "32", "40", "72", "99"])
def test_day_outside_both_ranges_is_refused(day):
    assert refused(f"650310{day}0190" + "0001") == "nik.day"


@pytest.mark.parametrize("month", ["00", "13"])
def test_impossible_month_is_refused(month):
    assert refused(f"65031001{month}900001") == "nik.month"


def test_29_february_2000_exists_because_2000_was_a_leap_year():
    assert parse_nik("6503102902000001", TODAY).birth_date == dt.date(2000, 2, 29)
    assert parse_nik("6503106902000001", TODAY).birth_date == dt.date(2000, 2, 29)


def test_29_february_of_a_year_that_was_never_leap_is_refused():
    assert refused("6503102902010001") == "nik.date"  # neither 2001 nor 1901


def test_31_april_is_refused():
    assert refused("6503103104900001") == "nik.date"


def test_century_is_the_newest_that_is_not_in_the_future():
    assert parse_nik("6503100101050001", TODAY).birth_date == dt.date(2005, 1, 1)
    assert parse_nik("6503100101300001", TODAY).birth_date == dt.date(1930, 1, 1)
    assert parse_nik("6503102411260001", TODAY).birth_date == dt.date(2026, 11, 24)
    assert parse_nik("6503102511260001", TODAY).birth_date == dt.date(1926, 11, 25)


def test_29_february_1900_style_date_resolves_to_2000_not_1900():
    # 1900 was not a leap year: 290200 can only be 2000.
    assert parse_nik("6503102902000001", dt.date(2026, 1, 1)).birth_date.year == 2000


def test_unknown_kecamatan_prefix_is_a_warning_not_a_refusal():
    info = parse_nik("6599014508900001", TODAY)
    assert info.kecamatan_name is None
    assert len(info.warnings) == 1 and "65.99.01" in info.warnings[0]


def test_old_kecamatan_code_from_an_earlier_edition_is_known():
    # Codes from older editions stay valid on NIKs issued back then.
    from desktop_app.domain import regions

    old = next(
        code
        for code in regions._kecamatan_all_editions()
        if regions.region_name(f"{code[:2]}.{code[2:4]}.{code[4:]}") is None
    )
    info = parse_nik(old + "0101900001", TODAY)
    assert info.kecamatan_name is not None and info.warnings == ()


@pytest.mark.parametrize("province", ["00", "10", "20", "99", "66"])
def test_province_that_never_existed_is_refused(province):
    assert refused(province + "03104508900001") == "nik.province"


def test_serial_0000_is_refused():
    assert refused("6503104508900000") == "nik.serial"


@pytest.mark.parametrize(
    "nik, code",
    [
        ("", "nik.empty"),
        ("650310450890001", "nik.length"),
        ("65031045089000011", "nik.length"),
        ("650310450890000O", "nik.digits"),
        ("6503104508９00001", "nik.digits"),
    ],
)
def test_wrong_length_or_characters_are_refused(nik, code):
    assert refused(nik) == code


def test_length_message_says_how_many_digits_were_typed():
    with pytest.raises(InvalidNik) as e:
        parse_nik("650310450890001", TODAY)
    assert "16 angka" in e.value.message and "15" in e.value.message


def test_nik_saying_female_with_sex_l_is_refused_naming_the_mismatch():
    info = parse_nik("6503104508900001", TODAY)
    with pytest.raises(InvalidNik) as e:
        check_nik_matches(info, sex="L", birth_date=None)
    assert e.value.code == "nik.sex_mismatch"
    assert e.value.message == "NIK menunjukkan perempuan, tetapi jenis kelamin diisi laki-laki."


def test_nik_with_another_birth_date_is_refused_naming_both_dates():
    info = parse_nik("6503104508900001", TODAY)
    with pytest.raises(InvalidNik) as e:
        check_nik_matches(info, sex="P", birth_date=dt.date(1990, 8, 6))
    assert "5 Agustus 1990" in e.value.message and "6 Agustus 1990" in e.value.message


def test_kk_number_has_a_region_but_no_date_part():
    assert parse_kk("6503100101100002")[0] == "6503100101100002"
    assert parse_kk("6503109999990002")[0] == "6503109999990002"  # no date rule on a KK
    with pytest.raises(InvalidNik):
        parse_kk("9903100101100002")
    with pytest.raises(InvalidNik):
        parse_kk("6503100101100000")


@st.composite
def valid_niks(draw):
    prefix = draw(st.sampled_from(["650310", "650301", "317101", "731502", "640101"]))
    born = draw(st.dates(dt.date(1927, 1, 1), TODAY))
    sex = draw(st.sampled_from("LP"))
    serial = draw(st.integers(1, 9999))
    day = born.day + (40 if sex == "P" else 0)
    return f"{prefix}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}", born, sex


@given(valid_niks())
def test_any_well_formed_nik_reads_back_its_birth_date_and_sex(case):
    nik, born, sex = case
    info = parse_nik(nik, TODAY)
    assert (info.birth_date, info.sex, info.nik) == (born, sex, nik)


@given(st.text(max_size=24))
def test_arbitrary_text_is_either_a_nik_or_refused_with_a_reason(text):
    try:
        info = parse_nik(text, TODAY)
    except InvalidNik as e:
        assert e.code.startswith("nik.") and e.message
    else:
        assert len(info.nik) == 16 and info.birth_date <= TODAY
