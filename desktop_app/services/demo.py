"""Realistic sample data: a village of Kabupaten Nunukan with workers whose NIKs pass the rules."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import functools
import itertools
import json
import operator
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
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
from desktop_app.services.made_aside import made_aside
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


class _Draws:
    """Draws of a `random.Random` exactly as Python 3 makes them, so a seed makes the same
    village, without their checks of every argument: a sample worker takes some thirty.

    `randrange(n)` (and so `choice`) takes `getrandbits` of n's bit length, again while that is
    not below n; `choices` with cumulative weights bisects them at `random()` times their total.
    What is drawn from comes with its length and bit length worked out once (`_pool`, `_span`).
    """

    def __init__(self, rng: random.Random):
        self._bits, self._random = rng.getrandbits, rng.random

    def choice(self, pool: _Pool[T]) -> T:
        """choice(items)"""
        items, n, k = pool
        bits = self._bits
        r = bits(k)
        while r >= n:
            r = bits(k)
        return items[r]

    def between(self, span: _Span) -> int:
        """randrange(low, high)"""
        low, n, k = span
        bits = self._bits
        r = bits(k)
        while r >= n:
            r = bits(k)
        return low + r

    def weighted(self, pool: _Weighted) -> str:
        """choices(values, cum_weights=cumulative)[0]"""
        values, cumulative, total = pool
        return values[bisect.bisect_right(cumulative, self._random() * total, 0, len(values) - 1)]


_Pool = tuple[Sequence[T], int, int]  # items, how many, that number's bit length
_Span = tuple[int, int, int]  # low, high - low, its bit length


def _pool(items: Sequence[T]) -> _Pool[T]:
    return items, len(items), len(items).bit_length()


def _span(low: int, high: int) -> _Span:
    return low, high - low, (high - low).bit_length()


_Weighted = tuple[list[str], list[int], float]  # values, cumulative weights, total


def _weighted(weighted: tuple[tuple[str, int], ...]) -> _Weighted:
    cumulative = list(itertools.accumulate(w for _, w in weighted))
    return [v for v, _ in weighted], cumulative, cumulative[-1] + 0.0


@functools.lru_cache(maxsize=256)
def _birth_range(today: dt.date, min_age: int, max_age: int) -> tuple[dt.date, int]:
    """The first birth date of people `min_age` to `max_age` old, and how many days follow."""
    start = today.replace(year=today.year - max_age - 1) + dt.timedelta(days=2)
    end = today.replace(year=today.year - min_age)
    return start, (end - start).days


class _Births:
    """Birth dates of people `min_age` to `max_age` old on `today`, as randrange(days) after
    the first draws them, each day's text (and what `made` adds) worked out once."""

    def __init__(
        self, today: dt.date, min_age: int, max_age: int, made: Callable[[dt.date], tuple]
    ):
        self.first, days = _birth_range(today, min_age, max_age)
        self._span = _span(0, days)
        self._made = made
        self._known: dict[int, tuple] = {}

    def draw(self, draw: _Draws) -> tuple:
        """(birth date as text, *made(birth date)) of a random day"""
        offset = draw.between(self._span)
        known = self._known.get(offset)
        if known is None:
            born = self.first + dt.timedelta(days=offset)
            known = self._known[offset] = (born.isoformat(), *self._made(born))
        return known


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


_SEX = _pool("LLLP")  # most funded informal workers in the program are men
_PHONE_KIND = _pool("1235")
_CHILD_SEX = _pool("LP")
_CHILD_COUNT = _pool((0, 1, 1, 2, 2, 3))
_DUSUN = _pool(DUSUN)
_BIRTH_PLACE = _pool(BIRTH_PLACES)
_NIK_ORIGIN = _weighted(NIK_ORIGINS)
_OCCUPATION = _weighted(OCCUPATION_MIX)
_KK_BLOCK, _KK_SERIAL = _span(10**5, 10**6), _span(1, 10**4)
_HOUSE, _RT = _span(1, 120), _span(1, 13)
_PHONE_NUMBER, _INCOME = _span(10**8, 10**9), _span(10, 36)


def iter_demo_forms(count: int, seed: int = 65031) -> Iterator[Registration]:
    """`count` plausible registrations of one village, the same for the same seed."""
    draw = _Draws(random.Random(seed))
    choice, between, weighted = draw.choice, draw.between, draw.weighted
    names = _Names.drawn(seed)
    male, female, families = _pool(names.male), _pool(names.female), _pool(names.family)
    streets, everyone = _pool(names.streets), _pool(names.everyone)
    today = clock.today()

    def school(born: dt.date) -> tuple[str, str]:
        return _school_by_age(age_on(born, today))

    @functools.cache
    def children_up_to(max_age: int) -> _Births:
        return _Births(today, 1, max_age, school)

    def adult(born: dt.date) -> tuple[str, str, _Births]:
        # the NIK's birth date: DDMMYY, 40 added to the day of a woman
        month_year = f"{born.month:02d}{born.year % 100:02d}"
        return (
            f"{born.day:02d}{month_year}",
            f"{born.day + 40:02d}{month_year}",
            children_up_to(min(22, max(1, today.year - born.year - 20))),
        )

    adults = _Births(today, 19, 62, adult)
    serials: dict[str, int] = {}
    for _ in range(count):
        sex = choice(_SEX)
        first = choice(male if sex == "L" else female)
        family = choice(families)
        born, nik_born_man, nik_born_woman, children_births = adults.draw(draw)
        prefix = weighted(_NIK_ORIGIN)
        key = prefix + born
        serial = serials[key] = serials.get(key, 0) + 1
        occupation = weighted(_OCCUPATION)
        dusun = choice(_DUSUN)
        worker = WorkerForm(
            nik=f"{prefix}{nik_born_woman if sex == 'P' else nik_born_man}{serial:04d}",
            kk_number=f"650310{between(_KK_BLOCK)}{between(_KK_SERIAL):04d}",
            full_name=f"{first} {family}",
            birth_place=choice(_BIRTH_PLACE),
            birth_date=born,
            sex=sex,
            address=f"{choice(streets)} No. {between(_HOUSE)}",
            dusun=dusun,
            rt=str(between(_RT)),
            rw=str(DUSUN.index(dusun) + 1),
            phone=f"08{choice(_PHONE_KIND)}{between(_PHONE_NUMBER)}",
            occupation=occupation,
            occupation_other="Penjaga sekolah" if occupation == "lainnya" else "",
            monthly_income=str(between(_INCOME) * 100_000),
        )
        heir = HeirForm(
            full_name=f"{choice(female if sex == 'L' else male)} {choice(families)}",
            relation="istri" if sex == "L" else "suami",
            phone=f"08{choice(_PHONE_KIND)}{between(_PHONE_NUMBER)}",
        )
        children = []
        for _ in range(choice(_CHILD_COUNT)):
            child_born, level, klass = children_births.draw(draw)
            children.append(
                ChildForm(
                    full_name=f"{choice(everyone)} {family}",
                    birth_date=child_born,
                    sex=choice(_CHILD_SEX),
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
    transaction (a register left half seeded would be no demo). Past one chunk, the forms
    are drawn in a second process while this one registers the chunk before."""
    candidates = Candidates()  # read once, kept from chunk to chunk
    done = 0
    # the index pages stay cached from one chunk to the next; a new register's indexes are
    # built at the end, and the whole run is one transaction
    with (
        collector_paused(),  # from chunk to chunk too: everything made lives to the end
        _demo_chunks(workers, seed) as chunks,
        bulk_cache(inst.db),
        list_indexes_after(inst.db, workers),
    ):
        for chunk in chunks:
            register_many(inst, chunk, candidates=candidates, report=False)
            done += len(chunk)
            if progress:
                progress(done, workers)


def _demo_chunks(workers: int, seed: int) -> contextlib.AbstractContextManager[Iterable[list]]:
    """`iter_demo_forms(workers, seed)` in lists of `CHUNK`. Past one, the rest are drawn in
    a child process while this one draws and registers the first (rather than wait for the
    child's), and each next one while this one registers the one before."""
    if workers <= CHUNK:
        return contextlib.nullcontext(_in_chunks(iter_demo_forms(workers, seed), CHUNK))
    return _drawn_aside(workers, seed)


@contextlib.contextmanager
def _drawn_aside(workers: int, seed: int) -> Iterator[Iterator[list[Registration]]]:
    with made_aside(flat_demo_forms, workers, seed, clock.today(), CHUNK) as rest:
        first = list(itertools.islice(iter_demo_forms(workers, seed), CHUNK))
        yield itertools.chain([first], ([_unflat(flat) for flat in chunk] for chunk in rest))


def _in_chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


# A registration as the child process sends it: each form's fields, in order, as text.
_Flat = tuple[tuple[str, ...], tuple[str, ...] | None, tuple[tuple[str, ...], ...]]
_worker_fields = operator.attrgetter(*WorkerForm.__slots__)
_heir_fields = operator.attrgetter(*HeirForm.__slots__)
_child_fields = operator.attrgetter(*ChildForm.__slots__)


def flat_demo_forms(count: int, seed: int, today: dt.date, size: int) -> Iterator[list[_Flat]]:
    """`iter_demo_forms(count, seed)` as drawn on `today`, after its first `size`, in lists
    of `size`, each form as its fields: what a child process sends `seed_workers`."""
    with clock.living_at(today), collector_paused():  # a chunk's forms hold no cycle
        forms = iter_demo_forms(count, seed)
        for _ in itertools.islice(forms, size):  # drawn, for the draws after them
            pass
        for chunk in _in_chunks(forms, size):
            yield [
                (
                    _worker_fields(worker),
                    None if heir is None else _heir_fields(heir),
                    tuple(map(_child_fields, children)),
                )
                for worker, heir, children in chunk
            ]


def _unflat(flat: _Flat) -> Registration:
    worker, heir, children = flat
    return (
        WorkerForm(*worker),
        None if heir is None else HeirForm(*heir),
        [ChildForm(*child) for child in children],
    )


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
