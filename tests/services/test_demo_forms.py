"""A seed makes the same sample village however the demo draws it: the pictures in the docs,
the README examples and other tests depend on the forms a seed gives.

The reference below draws them the plain way, with `random.Random`'s own methods; the demo's
faster drawing must give exactly the same forms."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from desktop_app.device import clock
from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.domain.registration import age_on
from desktop_app.domain.worker import WorkerForm
from desktop_app.services import demo


def reference_forms(count: int, seed: int) -> list[demo.Registration]:
    rng = random.Random(seed)
    names = demo._Names.drawn(seed)
    today = clock.today()

    def weighted(pairs: tuple[tuple[str, int], ...]) -> str:
        return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]

    def birth(min_age: int, max_age: int) -> dt.date:
        start = today.replace(year=today.year - max_age - 1) + dt.timedelta(days=2)
        end = today.replace(year=today.year - min_age)
        return start + dt.timedelta(days=rng.randrange((end - start).days))

    serials: dict[str, int] = {}
    forms: list[demo.Registration] = []
    for _ in range(count):
        sex = rng.choice("LLLP")
        first = rng.choice(names.male if sex == "L" else names.female)
        family = rng.choice(names.family)
        born = birth(19, 62)
        prefix = weighted(demo.NIK_ORIGINS)
        key = prefix + born.isoformat()
        serials[key] = serials.get(key, 0) + 1
        occupation = weighted(demo.OCCUPATION_MIX)
        dusun = rng.choice(demo.DUSUN)
        day = born.day + (40 if sex == "P" else 0)
        worker = WorkerForm(
            nik=f"{prefix}{day:02d}{born.month:02d}{born.year % 100:02d}{serials[key]:04d}",
            kk_number=f"650310{rng.randrange(10**5, 10**6)}{rng.randrange(1, 10**4):04d}",
            full_name=f"{first} {family}",
            birth_place=rng.choice(demo.BIRTH_PLACES),
            birth_date=born.isoformat(),
            sex=sex,
            address=f"{rng.choice(names.streets)} No. {rng.randrange(1, 120)}",
            dusun=dusun,
            rt=str(rng.randrange(1, 13)),
            rw=str(demo.DUSUN.index(dusun) + 1),
            phone=f"08{rng.choice('1235')}{rng.randrange(10**8, 10**9)}",
            occupation=occupation,
            occupation_other="Penjaga sekolah" if occupation == "lainnya" else "",
            monthly_income=str(rng.randrange(10, 36) * 100_000),
        )
        heir = HeirForm(
            full_name=rng.choice(names.female if sex == "L" else names.male)
            + " "
            + rng.choice(names.family),
            relation="istri" if sex == "L" else "suami",
            phone=f"08{rng.choice('1235')}{rng.randrange(10**8, 10**9)}",
        )
        children = []
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            child_born = birth(1, min(22, max(1, today.year - born.year - 20)))
            level, klass = demo._school_by_age(age_on(child_born, today))
            children.append(
                ChildForm(
                    full_name=rng.choice(names.everyone) + " " + family,
                    birth_date=child_born.isoformat(),
                    sex=rng.choice("LP"),
                    school_level=level,
                    school_class=klass,
                )
            )
        forms.append((worker, heir, children))
    return forms


@pytest.mark.parametrize(
    ("seed", "day"),
    [(65031, dt.date(2026, 1, 5)), (1, dt.date(2024, 3, 1)), (82495, dt.date(2030, 12, 31))],
)
def test_a_seed_gives_the_forms_the_plain_drawing_gives(seed, day):
    with clock.living_at(day):
        assert demo.demo_forms(3_000, seed) == reference_forms(3_000, seed)


def test_the_names_shipped_with_the_app_give_the_same_forms_too(monkeypatch):
    monkeypatch.setattr(demo, "_faker", lambda seed: None)  # as without the demo extra
    with clock.living_at(dt.date(2025, 6, 30)):
        assert demo.demo_forms(2_000, 7) == reference_forms(2_000, 7)
