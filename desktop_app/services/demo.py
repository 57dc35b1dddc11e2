"""Realistic sample data: a village of Kabupaten Nunukan with workers whose NIKs pass the rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.device import clock
from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.domain.registration import age_on
from desktop_app.domain.worker import WorkerForm
from desktop_app.resources import resource_path
from desktop_app.services.collector import collector_paused
from desktop_app.services.duplicate_batches import Candidates
from desktop_app.services.installation import Installation, init_village
from desktop_app.services.registry import Registration, register_many
from desktop_app.store.bulk_load import list_indexes_after
from desktop_app.store.db import bulk_cache

TANJUNG_ARU = "65.03.10.2004"
T = TypeVar("T")

# Where workers' NIKs were first issued: mostly the home kecamatan, some elsewhere in Nunukan,
# some from the Bugis, Makassar and Flores regions many families of Sebatik came from.
NIK_ORIGINS = (
    ("650310", 60),
    ("650301", 8),
    ("650302", 8),
    ("650311", 6),
    ("731502", 7),
    ("730401", 6),
    ("530902", 5),
)
# Seaweed farming is Nunukan's largest informal trade; Sebatik also plants and fishes.
OCCUPATION_MIX = (
    ("pembudidaya_rumput_laut", 18),
    ("pekebun", 20),
    ("petani", 12),
    ("nelayan", 16),
    ("motoris", 10),
    ("supir", 4),
    ("buruh_angkut", 5),
    ("buruh_harian", 6),
    ("pedagang_kecil", 4),
    ("tukang", 2),
    ("ojek", 2),
    ("lainnya", 1),
)
BIRTH_PLACES = ("Nunukan", "Sebatik", "Tawau", "Pinrang", "Bone", "Jeneponto", "Ende", "Tarakan")
DUSUN = ("Sungai Pancang", "Aji Kuning", "Bukit Aru", "Pantai Indah", "Lourdes")


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, cumulative = _CUMULATIVE.get(weighted) or _CUMULATIVE.setdefault(
        weighted,
        ([v for v, _ in weighted], list(itertools.accumulate(w for _, w in weighted))),
    )
    return rng.choices(values, cum_weights=cumulative)[0]


_CUMULATIVE: dict[tuple, tuple[list[str], list[int]]] = {}


def _nik(prefix: str, born: dt.date, sex: str, serial: int) -> str:
    day = born.day + (40 if sex == "P" else 0)
    return f"{prefix}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def _birth_date(rng: random.Random, today: dt.date, min_age: int, max_age: int) -> dt.date:
    start, days = _birth_range(today, min_age, max_age)
    return start + dt.timedelta(days=rng.randrange(days))


@functools.lru_cache(maxsize=256)
def _birth_range(today: dt.date, min_age: int, max_age: int) -> tuple[dt.date, int]:
    """The first birth date of people `min_age` to `max_age` old, and how many days follow."""
    start = today.replace(year=today.year - max_age - 1) + dt.timedelta(days=2)
    end = today.replace(year=today.year - min_age)
    return start, (end - start).days


class _Draws:
    """`random.Random.choice` and `randrange` as Python 3 draws them (one `getrandbits` of the
    bound's length, again while it is not below the bound), so a seed makes the same village,
    without their checks of every argument: a sample worker takes some twenty draws."""

    def __init__(self, rng: random.Random):
        self._bits = rng.getrandbits

    def below(self, n: int) -> int:
        """randrange(n)"""
        k = n.bit_length()
        r = self._bits(k)
        while r >= n:
            r = self._bits(k)
        return r

    def choice(self, seq: Sequence[T]) -> T:
        return seq[self.below(len(seq))]

    def between(self, low: int, high: int) -> int:
        """randrange(low, high)"""
        return low + self.below(high - low)


def _faker(seed: int) -> Any | None:
    """Faker, if installed (the optional `demo` extra): more varied sample names."""
    try:
        from faker import Faker
    except ImportError:
        return None
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    return fake


@dataclass(frozen=True, slots=True)
class _Names:
    """Names and streets drawn from Faker once; each registration picks from them, which is
    what lets a million sample workers be made in seconds instead of minutes."""

    male: list[str]
    female: list[str]
    family: list[str]
    streets: list[str]
    everyone: list[str]  # male and female first names together

    @classmethod
    def drawn(cls, seed: int, size: int = 400) -> _Names:
        fake = _faker(seed)
        if fake is None:  # a plain `pip install .`: the names shipped with the app
            shipped = json.loads(resource_path("demo", "names.json").read_text(encoding="utf-8"))
            male, female = shipped["male"], shipped["female"]
            return cls(male, female, shipped["family"], shipped["streets"], male + female)
        # Faker's name_*() adds academic titles (S.Kom., Dr.) that village workers rarely carry.
        male = [fake.first_name_male() for _ in range(size)]
        female = [fake.first_name_female() for _ in range(size)]
        return cls(
            male,
            female,
            [fake.last_name() for _ in range(size)],
            [fake.street_name() for _ in range(size)],  # "Jl. …" or "Gg. …"
            male + female,
        )


def _school_by_age(age: int) -> tuple[str, str]:
    """Where a child of `age` usually is at school, as a clerk would record it."""
    for level, first_age, first_class, years in (
        ("pt", 18, 1, 5),
        ("sma", 15, 10, 3),
        ("smp", 12, 7, 3),
        ("sd", 6, 1, 6),
        ("tk", 4, 1, 2),
    ):
        if age >= first_age:
            if age - first_age >= years:
                return "berhenti", ""  # finished and working
            return level, str(first_class + age - first_age)
    return "belum_sekolah", ""


def iter_demo_forms(count: int, seed: int = 65031) -> Iterator[Registration]:
    """`count` plausible registrations of one village, the same for the same seed."""
    rng = random.Random(seed)
    draw = _Draws(rng)
    choice, between = draw.choice, draw.between
    names = _Names.drawn(seed)
    today = clock.today()
    serials: dict[str, int] = {}
    for _ in range(count):
        sex = choice("LLLP")  # most funded informal workers in the program are men
        first = choice(names.male if sex == "L" else names.female)
        family = choice(names.family)
        name = f"{first} {family}"
        born = _birth_date(rng, today, 19, 62)
        prefix = _pick(rng, NIK_ORIGINS)
        key = prefix + born.isoformat()
        serials[key] = serials.get(key, 0) + 1
        occupation = _pick(rng, OCCUPATION_MIX)
        dusun = choice(DUSUN)
        worker = WorkerForm(
            nik=_nik(prefix, born, sex, serials[key]),
            kk_number=f"650310{between(10**5, 10**6)}{between(1, 10**4):04d}",
            full_name=name,
            birth_place=choice(BIRTH_PLACES),
            birth_date=born.isoformat(),
            sex=sex,
            address=f"{choice(names.streets)} No. {between(1, 120)}",
            dusun=dusun,
            rt=str(between(1, 13)),
            rw=str(DUSUN.index(dusun) + 1),
            phone=f"08{choice('1235')}{between(10**8, 10**9)}",
            occupation=occupation,
            occupation_other="Penjaga sekolah" if occupation == "lainnya" else "",
            monthly_income=str(between(10, 36) * 100_000),
        )
        spouse_sex = "P" if sex == "L" else "L"
        heir = HeirForm(
            full_name=choice(names.female if spouse_sex == "P" else names.male)
            + " "
            + choice(names.family),
            relation="istri" if spouse_sex == "P" else "suami",
            phone=f"08{choice('1235')}{between(10**8, 10**9)}",
        )
        children = []
        for _ in range(choice((0, 1, 1, 2, 2, 3))):
            child_born = _birth_date(rng, today, 1, min(22, max(1, today.year - born.year - 20)))
            level, klass = _school_by_age(age_on(child_born, today))
            children.append(
                ChildForm(
                    full_name=choice(names.everyone) + " " + family,
                    birth_date=child_born.isoformat(),
                    sex=choice("LP"),
                    school_level=level,
                    school_class=klass,
                )
            )
        yield worker, heir, children


def demo_forms(count: int, seed: int = 65031) -> list[Registration]:
    """`iter_demo_forms` as a list."""
    return list(iter_demo_forms(count, seed))


CHUNK = 50_000  # registrations per register_many call while seeding: fewer, larger writes


def seed_demo_village(
    data_dir: Path,
    workers: int = 100,
    code: str = TANJUNG_ARU,
    progress: Callable[[int, int], None] | None = None,
    demo: bool = True,
) -> Installation:
    """Create a village installation filled with `workers` sample workers (marked as a demo
    unless `demo` is False: documentation pictures of a real-looking village)."""
    inst = init_village(data_dir, code, demo=demo)
    seed_workers(inst, workers, int(code.replace(".", "")) % 1_000_003, progress)
    return inst


def seed_workers(
    inst: Installation,
    workers: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Register `workers` sample workers through the bulk path, `CHUNK` at a time, in one
    transaction (a register left half seeded would be no demo)."""
    forms = iter_demo_forms(workers, seed)
    candidates = Candidates()  # read once, kept from chunk to chunk
    done = 0
    # the index pages stay cached from one chunk to the next; a new register's indexes are
    # built at the end, and the whole run is one transaction
    with bulk_cache(inst.db), list_indexes_after(inst.db, workers):
        while done < workers:
            with collector_paused():
                chunk = list(itertools.islice(forms, CHUNK))
                register_many(inst, chunk, candidates=candidates, report=False)
            done += len(chunk)
            if progress:
                progress(done, workers)


def make_demo(
    data_dir: Path, workers: int = 100, code: str = TANJUNG_ARU, demo: bool = True
) -> Installation:
    """A demo village ready to try every page, made by living through its history.

    Each step runs on the day it "happened" (the injected clock), through the same services
    and rules as a clerk's work: the workers were registered early in January last year and
    funded from February; last December the village funded this year from January. So letters
    and cards print at once, and no cover was bought after the fact.
    """
    from desktop_app.services import letterhead

    today = clock.today()
    registration_drive = dt.date(today.year - 1, 1, 5)
    with clock.living_at(registration_drive):
        inst = seed_demo_village(data_dir, workers, code, demo=demo)
        letterhead.save(
            inst,
            letterhead.LetterheadSettings(
                address=f"Kantor Desa {inst.name}, Kabupaten Nunukan, Kalimantan Utara",
                head_name="(Kepala Desa contoh)",
                contact="0813 0000 0000",
            ),
        )
        _budget_and_fund(inst, registration_drive.year, workers)
    school_year = dt.date(
        today.year if today >= dt.date(today.year, 7, 15) else today.year - 1, 7, 15
    )
    steps = [
        (dt.date(today.year - 1, 12, 10), lambda: _budget_and_fund(inst, today.year, workers)),
        (school_year, lambda: _new_school_year(inst)),
    ]
    for day, step in sorted(steps, key=lambda s: s[0]):
        with clock.living_at(day):
            step()
    return inst


def _new_school_year(inst: Installation) -> None:
    """In July the clerk records where each child now is at school."""
    from desktop_app.services import registry
    from desktop_app.store import workers as worker_store

    today = clock.today()
    for worker in worker_store.list_workers(inst.db, limit=1_000_000):
        stored = registry.edit_form(inst, worker.id)
        if not stored.children:
            continue
        children = [
            dataclasses.replace(
                child,
                **dict(
                    zip(
                        ("school_level", "school_class"),
                        _school_by_age(age_on(dt.date.fromisoformat(child.birth_date), today)),
                        strict=True,
                    )
                ),
            )
            for child in stored.children
        ]
        registry.update_worker(inst, worker.id, stored.worker, stored.heir, children)


def _budget_and_fund(inst: Installation, year: int, workers: int) -> None:
    """Set `year`'s budget a little above what funding everyone costs, then fund everyone."""
    from desktop_app.domain.coverage import default_first_month
    from desktop_app.services import budget
    from desktop_app.store import workers as worker_store

    first = default_first_month(year, clock.today())
    cost = sum(
        sum(c.total for c in budget.cost_for(inst, w, year, 13 - first, first_month=first))
        for w in worker_store.list_workers(inst.db, limit=workers)
    )
    budget.set_budget(
        inst, year, (cost // 1_000_000 + 2) * 1_000_000, working_residents=workers + workers // 8
    )
    budget.fund_workers(inst, year)
