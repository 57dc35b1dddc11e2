"""Who may be registered as a BPU participant: age and declared income limits, kept as data."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.formatting import rupiah
from desktop_app.domain.rules import rule_table


@dataclass(frozen=True, slots=True)
class Limits:
    min_age: int
    max_age_exclusive: int
    min_monthly_income: int
    max_monthly_income: int


@functools.cache
def limits() -> Limits:
    data = rule_table("registration")
    return Limits(
        data["min_age"],
        data["max_age_exclusive"],
        data["min_monthly_income"],
        data["max_monthly_income"],
    )


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def check_registration_age(birth_date: dt.date, on: dt.date) -> None:
    age, rules = age_on(birth_date, on), limits()
    if age >= rules.max_age_exclusive:
        raise InvalidInput(
            "age.too_old",
            f"Umur {age} tahun: pendaftaran peserta BPU hanya untuk umur di bawah "
            f"{rules.max_age_exclusive} tahun.",
            "birth_date",
        )
    if age < rules.min_age:
        raise InvalidInput(
            "age.too_young",
            f"Umur {age} tahun: peserta harus berumur paling sedikit {rules.min_age} tahun.",
            "birth_date",
        )


def check_monthly_income(amount: int) -> None:
    rules = limits()
    if amount < rules.min_monthly_income:
        raise InvalidInput(
            "income.too_low",
            f"Penghasilan paling rendah untuk BPU adalah {rupiah(rules.min_monthly_income)} "
            f"sebulan; yang diisi {rupiah(amount)}.",
            "monthly_income",
        )
    if amount > rules.max_monthly_income:
        raise InvalidInput(
            "income.too_high",
            f"Penghasilan {rupiah(amount)} sebulan tampak terlalu besar; periksa jumlah nolnya.",
            "monthly_income",
        )
