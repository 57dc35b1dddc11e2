"""Plainly typed input takes a short way through the rules (a name of ASCII words, a phone
typed 08… or stored +628…, a date as YYYY-MM-DD, an amount of plain digits): over many valid
and invalid variants, each short way gives exactly the full rule's answer, error for error,
and it does answer most plain input."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain import dates, names, phone, worker
from desktop_app.domain.errors import DomainError


def outcome(rule: Callable[..., object], *args: str) -> tuple:
    """What `rule` makes of the input: its value, or the error with its code, text and field."""
    try:
        return ("ok", rule(*args))
    except DomainError as e:
        return ("refused", type(e), e.code, e.message, e.field)


def full_rule_calls(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, rule: Callable[..., object]
) -> Callable[[Iterable[str]], int]:
    """A function that checks `rule` against the module's full rule `name` on each text and
    says how many of them the short way left to the full rule."""
    full = getattr(module, name)
    calls = []

    def counted(*args: str) -> object:
        calls.append(args)
        return full(*args)

    def check(texts: Iterable[str]) -> int:
        calls.clear()
        for text in texts:
            monkeypatch.setattr(module, name, counted)
            fast = outcome(rule, text)
            monkeypatch.setattr(module, name, full)
            assert fast == outcome(full, text, *DEFAULTS[name]), text
        return len(calls)

    return check


DEFAULTS = {
    "_normalized_name": ("full_name",),
    "_normalized_phone": ("phone",),
    "_parsed_date": ("date",),
    "_parsed_rupiah": ("monthly_income",),
}

WORDS = ["budi", "BUDI", "Budi", "bUDI", "b", "B", "mcDonald", "ma'ruf", "MA’RUF", "élodie", "x2"]
NAMES = [" ".join(words) for n in (1, 2, 3) for words in itertools.product(WORDS[:8], repeat=n)] + [
    "",
    " ",
    "A" * 100,
    "A" * 101,
    "Ab " * 33 + "A",
    "Ab " * 33 + "Ab",
    "Budi ",
    " Budi",
    "Budi  Santoso",
    "Budi\tSantoso",
    "Budi\nSantoso",
    "Budi\u00a0Santoso",
    "Budi_Santoso",
    "Budi-Santoso",
    "Budi Santoso.",
    "dg. Matona",
    "La Ode",
    "Nur`aini",
    "ÉLODIE",
    "İSMAIL",
    "STRASSE ß",
    "ǅEMAL",
    "Budi٣",
    "Budi 4",
    "a b",
    "A B",
    "aB",
]


def test_a_plain_name_gets_the_full_rules_answer(monkeypatch):
    check = full_rule_calls(monkeypatch, names, "_normalized_name", names.normalize_name)
    # The short way: the 397 combinations of two letters or more of the words without an
    # apostrophe, "A" * 100, "Ab " * 33 + "A", "La Ode", "a b", "A B" and "aB".
    assert len(NAMES) - check(NAMES) == 403


PHONES = [
    prefix + "1" * n
    for prefix in ("08", "081", "+628", "628", "8", "07", "01", "+601", "0", "00")
    for n in range(5, 15)
] + [
    "",
    "0812 3456 7890",
    "0812-3456-7890",
    "081234567890 ",
    "081234567890\n",
    "08123456789٣",
    "０812345678",
    "08a234567890",
    "(0812) 3456.7890",
    "+",
]


def test_a_phone_typed_08_or_as_stored_gets_the_full_rules_answer(monkeypatch):
    check = full_rule_calls(monkeypatch, phone, "_normalized_phone", phone.normalize_phone)
    # 08 and 10 to 13 digits in all; +628 and 12 to 15 in all, +601 and 12 or 13 (as stored)
    assert len(PHONES) - check(PHONES) == 14


DATES = [
    f"{year}-{month}-{day}"
    for year in ("1990", "2000", "1900", "0000", "0001", "9999", "2024", "2023")
    for month in ("01", "02", "12", "13", "00", "1", "٠٢")
    for day in ("01", "28", "29", "30", "31", "32", "00", "5")
] + [
    "",
    "1990-08-05 ",
    " 1990-08-05",
    "05-08-1990",
    "5/8/1990",
    "19900805",
    "2020-W01-1",
    "2020-W011",
    "2020-001",
    "1990-08-05T00:00",
    "1990_08_05",
    "+990-08-05",
    "1990-+8-05",
    "1990-08-+5",
    "1990--8-05",
    "1990-08--5",
    "199a-08-05",
]


def test_a_date_written_yyyy_mm_dd_gets_the_full_rules_answer(monkeypatch):
    check = full_rule_calls(monkeypatch, dates, "_parsed_date", dates.parse_date)
    assert len(DATES) - check(DATES) == 86  # the real dates of ten characters, no more


AMOUNTS = [digit * n for digit in "019" for n in range(0, 18)] + [
    "0" * 16 + "1",
    "1500000 ",
    " 1500000",
    "1.500.000",
    "Rp1.500.000",
    "1500000٣",
    "١٥٠٠٠٠٠",
    "²",
    "-1500000",
    "+1500000",
    "1_500_000",
]


def test_an_amount_of_plain_digits_gets_the_full_rules_answer(monkeypatch):
    check = full_rule_calls(monkeypatch, worker, "_parsed_rupiah", worker.parse_rupiah)
    assert len(AMOUNTS) - check(AMOUNTS) == 45  # one to fifteen digits, no more


# Generated input for each short way: the full rule it must agree with, and what to type.
GENERATED = {
    "name": (
        names,
        "_normalized_name",
        names.normalize_name,
        st.text(alphabet="aBz Y'’.-\t0éß", max_size=14),
    ),
    "phone": (
        phone,
        "_normalized_phone",
        phone.normalize_phone,
        st.text(alphabet="01268 +-٣", max_size=16),
    ),
    "date": (
        dates,
        "_parsed_date",
        dates.parse_date,
        st.text(alphabet="0129-W/+ ٣", min_size=8, max_size=11),
    ),
    "amount": (
        worker,
        "_parsed_rupiah",
        worker.parse_rupiah,
        st.text(alphabet="0159.Rp ²٣-", max_size=18),
    ),
}


@pytest.mark.parametrize("kind", sorted(GENERATED))
@settings(max_examples=400)
@given(data=st.data())
def test_any_input_gets_the_full_rules_answer(kind, data):
    module, name, rule, texts = GENERATED[kind]
    with pytest.MonkeyPatch.context() as monkeypatch:
        full_rule_calls(monkeypatch, module, name, rule)([data.draw(texts)])
