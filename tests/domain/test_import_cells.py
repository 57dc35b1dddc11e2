"""Cells of a clerk's spreadsheet read as the form would have them typed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import import_cells as cells
from desktop_app.domain.errors import InvalidNik
from desktop_app.domain.import_mapping import guess_mapping


def test_a_sixteen_digit_number_ending_in_zero_is_refused_as_lost_not_guessed():
    with pytest.raises(InvalidNik) as refused:
        cells.id_number(6503102208920000.0)
    assert refused.value.code == "nik.excel_number"
    assert "15 angka" in refused.value.message and "6503102208920000" in refused.value.message


def test_scientific_notation_from_a_csv_is_refused_as_lost():
    with pytest.raises(InvalidNik, match="angka terakhirnya hilang"):
        cells.id_number("6,50310E+15")


@pytest.mark.parametrize("cell", ["'6503101203850002", "’6503101203850002", 6503101203850002])
def test_apostrophe_and_exact_number_niks_read_as_their_digits(cell):
    assert cells.id_number(cell) == "6503101203850002"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (31118, "12-03-1985"),
        ("5 Agustus 1990", "05-08-1990"),
        ("17 Jan 1995", "17-01-1995"),
        ("05-08-1990", "05-08-1990"),
        (dt.datetime(1980, 6, 1), "01-06-1980"),
    ],
)
def test_dates_from_day_numbers_words_and_date_cells(cell, text):
    assert cells.date_text(cell) == text


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)))
def test_every_excel_day_number_reads_back_as_its_date(day):
    serial = (day - cells.EXCEL_EPOCH).days
    assert cells.date_text(serial) == day.strftime("%d-%m-%Y")


def test_combined_columns_split_into_their_fields():
    assert cells.place_and_date("Nunukan, 5 Agustus 1990") == ("Nunukan", "05-08-1990")
    assert cells.rt_rw("002/001") == ("002", "001")
    assert cells.sex("Laki-laki") == "L" and cells.sex("Pr") == "P"
    assert cells.phone(81234567890) == "081234567890"


def test_indonesian_headers_are_recognised_and_a_field_is_taken_once():
    headers = ["No.", "N I K", "Nama", "Tempat/Tgl. Lahir", "L/P", "No. HP", "Nama", "RT/RW"]
    assert guess_mapping(headers) == [
        "",
        "",
        "full_name",
        "birth_place_date",
        "sex",
        "phone",
        "",
        "rt_rw",
    ]
