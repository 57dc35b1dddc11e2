"""Likely the same person under another NIK: the rules hold whichever of the two came first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.likely_duplicates import (
    Person,
    likely_same,
    name_key,
    near_nik_rule,
    nik_number,
    one_digit_apart,
    one_swap_apart,
)

niks = st.text(alphabet="0123456789", min_size=16, max_size=16)


@given(niks, st.integers(0, 15), st.sampled_from("0123456789"))
def test_changing_one_digit_is_one_digit_apart_both_ways(nik, at, digit):
    other = nik[:at] + digit + nik[at + 1 :]
    assert one_digit_apart(nik, other) == one_digit_apart(other, nik) == (other != nik)


@given(niks, st.integers(0, 14))
def test_swapping_two_neighbours_is_one_swap_apart_both_ways(nik, at):
    other = nik[:at] + nik[at + 1] + nik[at] + nik[at + 2 :]
    assert one_swap_apart(nik, other) == one_swap_apart(other, nik) == (other != nik)


@given(niks, niks, st.sampled_from(["Siti Aminah", "Ma'ruf Amin"]), st.booleans())
def test_the_rule_does_not_depend_on_which_was_registered_first(a, b, name, same_day):
    first = Person(a, name, "1990-08-05")
    second = Person(b, name.upper().replace("'", "’"), "1990-08-05" if same_day else "1991-01-01")
    assert likely_same(first, second) == likely_same(second, first)
    assert (likely_same(first, second) is not None) == (a != b and same_day)


def test_names_compare_without_case_apostrophes_or_spacing():
    assert name_key("MA’RUF  AMIN") == name_key("Maruf Amin") == "maruf amin"


def _changed(nik: str, how: str, at: int, digit: str, step: int) -> str:
    if how == "digit":
        return nik[:at] + digit + nik[at + 1 :]
    if how == "swap":
        at = min(at, 14)
        return nik[:at] + nik[at + 1] + nik[at] + nik[at + 2 :]
    return f"{(int(nik) + step) % 10**16:016d}"  # a neighbouring serial, or further


@given(
    niks,
    st.sampled_from(["digit", "swap", "step"]),
    st.integers(0, 15),
    st.sampled_from("0123456789"),
    st.integers(-200, 200) | st.integers(-(10**15), 10**15),
)
def test_the_quick_test_of_two_niks_as_numbers_agrees_with_the_digits(nik, how, at, digit, step):
    """What a batch checks by arithmetic is what the digits say, for one changed digit, two
    swapped neighbours, a neighbouring serial or a NIK further away."""
    other = _changed(nik, how, at, digit, step)
    expected = (
        "nik_one_digit"
        if one_digit_apart(nik, other)
        else "nik_swapped"
        if one_swap_apart(nik, other)
        else None
    )
    a, b = nik_number(nik), nik_number(other)
    assert a is not None and b is not None
    assert near_nik_rule(a, b) == expected
