"""Phone numbers, names, occupations, dates, ages and the whole-form check."""

from __future__ import annotations

import datetime as dt

import pytest
from forms import SITI, with_

from desktop_app.domain.dates import first_of_next_month, parse_date
from desktop_app.domain.errors import InvalidInput, ValidationErrors
from desktop_app.domain.family import HeirForm, validate_heir
from desktop_app.domain.names import normalize_name
from desktop_app.domain.occupations import occupation
from desktop_app.domain.phone import normalize_phone, phone_search_prefix
from desktop_app.domain.registration import age_on, check_registration_age
from desktop_app.domain.worker import validate_worker

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    "raw", ["081234567890", "0812-3456-7890", "+62 812 3456 7890", "6281234567890"]
)
def test_mobile_numbers_in_every_usual_form_become_plus_62(raw):
    assert normalize_phone(raw) == "+6281234567890"


@pytest.mark.parametrize(
    "raw, code",
    [
        ("12345", "phone.prefix"),
        ("0212345678", "phone.not_mobile"),
        ("08123", "phone.length"),
        ("08123456789012345", "phone.length"),
        ("0812abc45678", "phone.digits"),
    ],
)
def test_numbers_that_are_not_mobile_numbers_are_refused(raw, code):
    with pytest.raises(InvalidInput) as e:
        normalize_phone(raw)
    assert e.value.code == code


@pytest.mark.parametrize("raw", ["012-345 6789", "+60 12-345 6789", "60123456789"])
def test_malaysian_mobiles_used_across_the_border_are_accepted(raw):
    assert normalize_phone(raw) == "+60123456789"


def test_other_countries_are_refused_with_the_reason():
    with pytest.raises(InvalidInput) as e:
        normalize_phone("+1 555 123 4567")
    assert e.value.code == "phone.country"


def test_empty_phone_is_allowed():
    assert normalize_phone("  ") == ""


def test_names_are_trimmed_and_capitals_from_the_ktp_are_softened():
    assert normalize_name("  SITI   AMINAH ") == "Siti Aminah"
    assert normalize_name("la ode muhammad") == "La Ode Muhammad"
    assert normalize_name("Andi McRae") == "Andi McRae"
    assert normalize_name("Sitti Ma'ruf") == "Sitti Ma'ruf"


@pytest.mark.parametrize("raw", ["Budi 2", "", "B", "Budi@Santoso"])
def test_names_with_digits_symbols_or_too_short_are_refused(raw):
    with pytest.raises(InvalidInput):
        normalize_name(raw)


@pytest.mark.parametrize(
    "typed, code",
    [
        ("Petani", "petani"),
        ("Sopir", "supir"),
        ("buruh harian", "buruh_harian"),
        (" Nelayan", "nelayan"),
    ],
)
def test_occupation_is_found_by_code_or_label_in_any_case(typed, code):
    assert occupation(typed.strip()).code == code


def test_occupation_catalogue_knows_transport_work():
    assert occupation("motoris").transport and not occupation("petani").transport
    with pytest.raises(InvalidInput):
        occupation("astronot")


def test_dates_typed_three_ways_are_the_same_day():
    assert parse_date("2026-11-23") == parse_date("23-11-2026") == parse_date("23/11/2026")
    with pytest.raises(InvalidInput):
        parse_date("31-02-2026")


def test_registration_is_only_below_65():
    assert age_on(dt.date(1961, 11, 25), TODAY) == 64
    check_registration_age(dt.date(1961, 11, 25), TODAY)
    with pytest.raises(InvalidInput) as e:
        check_registration_age(dt.date(1961, 11, 24), TODAY)
    assert e.value.code == "age.too_old" and "65" in e.value.message


def test_valid_form_is_normalised():
    valid = validate_worker(SITI, TODAY)
    assert valid.rt == "002" and valid.rw == "001"
    assert valid.monthly_income == 1_500_000 and valid.programs == ("JKK", "JKM")


def test_every_wrong_field_is_reported_at_once():
    form = with_(SITI, full_name="", phone="999", monthly_income="500.000", programs="JHT")
    with pytest.raises(ValidationErrors) as e:
        validate_worker(form, TODAY)
    assert {"full_name", "phone", "monthly_income", "programs"} <= {x.field for x in e.value.errors}


def test_a_form_wrong_everywhere_lists_every_problem_with_its_field_in_the_forms_order():
    form = with_(
        SITI,
        nik="6503 1045 0890",
        kk_number="6503100101100000",
        full_name="S1ti",
        birth_place="Nunukan\x07",
        birth_date="31-02-1990",
        sex="X",
        address="A" * 201,
        dusun="D" * 61,
        rt="0",
        rw="1000",
        phone="0712345678",
        occupation="astronot",
        occupation_other="P" * 61,
        monthly_income="Rp1,5 juta",
        programs="JKK,XYZ",
        nik_mismatch_reason="R" * 201,
    )
    assert _problems(form) == [
        ("nik.length", "nik"),
        ("kk_number.serial", "kk_number"),
        ("full_name.digits", "full_name"),
        ("birth_place.characters", "birth_place"),
        ("date.invalid", "birth_date"),
        ("sex.empty", "sex"),
        ("nik_mismatch_reason.long", "nik_mismatch_reason"),
        ("address.too_long", "address"),
        ("dusun.too_long", "dusun"),
        ("rt.format", "rt"),
        ("rw.format", "rw"),
        ("phone.not_mobile", "phone"),
        ("occupation.unknown", "occupation"),
        ("occupation_other.too_long", "occupation_other"),
        ("monthly_income.format", "monthly_income"),
        ("programs.unknown", "programs"),
    ]
    # Problems that read two fields together come in the same order.
    form = with_(SITI, sex="L", birth_date="06-08-1990", occupation="lainnya", monthly_income="1")
    assert _problems(form) == [
        ("nik.sex_mismatch", "sex"),
        ("nik.birth_date_mismatch", "birth_date"),
        ("occupation_other.empty", "occupation_other"),
        ("income.too_low", "monthly_income"),
    ]


def _problems(form) -> list[tuple[str, str | None]]:
    """Every problem `validate_worker` lists for the form: (code, field), in its order."""
    with pytest.raises(ValidationErrors) as e:
        validate_worker(form, TODAY)
    return [(x.code, x.field) for x in e.value.errors]


def test_other_occupation_needs_its_description():
    with pytest.raises(ValidationErrors) as e:
        validate_worker(with_(SITI, occupation="lainnya"), TODAY)
    assert e.value.errors[0].field == "occupation_other"
    ok = validate_worker(
        with_(SITI, occupation="lainnya", occupation_other="Penjaga sekolah"), TODAY
    )
    assert ok.occupation_other == "Penjaga sekolah"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("MA'RUF AMIN", "Ma'ruf Amin"),
        ("NUR'AINI", "Nur'aini"),
        ("NUR’AINI", "Nur'aini"),
        ("nur`aini", "Nur'aini"),
        ("Nur'Aini", "Nur'Aini"),
    ],
)
def test_all_capitals_are_title_cased_without_a_capital_after_the_apostrophe(typed, kept):
    assert normalize_name(typed) == kept


@pytest.mark.parametrize(
    ("typed", "stored_prefix"),
    [
        ("0812 34", "6281234"),
        ("012-3", "60123"),
        ("+62 81", "6281"),
        ("+6012", "6012"),
        ("siti", None),
        ("6503", None),
    ],
)
def test_a_phone_being_typed_is_searched_as_it_is_stored(typed, stored_prefix):
    assert phone_search_prefix(typed) == stored_prefix


def test_an_heirs_nik_typed_with_dots_is_read_as_the_workers_is():
    heir = validate_heir(HeirForm("Ahmad", "suami", "6503.1012.0385.0002", ""))
    assert heir is not None and heir.nik == "6503101203850002"
    with pytest.raises(ValidationErrors) as refused:
        validate_heir(HeirForm("Ahmad", "suami", "6503.1012.0385", ""))
    assert [e.code for e in refused.value.errors] == ["heir_nik.length"]


@pytest.mark.parametrize(
    ("day", "first"),
    [("2026-11-29", "2026-12-01"), ("2026-12-31", "2027-01-01"), ("2028-01-31", "2028-02-01")],
)
def test_next_month_starts_on_its_first_day(day, first):
    assert first_of_next_month(dt.date.fromisoformat(day)).isoformat() == first
