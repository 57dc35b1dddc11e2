"""A batch finds each registration's likely duplicates as comparing it with every worker before
it would, whatever the NIKs look like (old lists carry NIKs that are not 16 digits)."""

from __future__ import annotations

import random

from desktop_app.domain.likely_duplicates import Person, likely_same
from desktop_app.services.duplicate_batches import Candidates
from desktop_app.store.workers import Worker

NAMES = ["Budi Santoso", "BUDI SANTOSO", "Siti Aminah", "Ani", "Andi Saputra", "Ma'ruf"]


def worker(rng: random.Random, i: int) -> Worker:
    base = rng.choice([6503101203850002, 6503105701950003, 6503101203850020])
    kind = rng.random()
    if kind < 0.4:  # one digit off, two swapped, or neither
        nik = str(base + rng.choice([0, 1, 9, 10, 90, 900, 9 * 10**11, 10**12, -1, 2 * 10**5]))
    elif kind < 0.5:  # not 16 digits
        nik = rng.choice(["650310120385002", "65031012038500021", "650310120385000x"])
    else:
        nik = str(rng.randrange(10**15, 10**16))
    return Worker(
        id=f"w{i:05d}",
        nik=nik,
        kk_number=rng.choice([None, "6503100000000001", "6503100000000002"]),
        full_name=rng.choice(NAMES),
        birth_place=None,
        birth_date=rng.choice(["1985-03-12", "1995-01-17", "1990-08-05"]),
        sex="L",
        address=None,
        dusun=None,
        rt=None,
        rw=None,
        village_code="65.03.10.2004",
        phone=None,
        occupation="petani",
        occupation_other=None,
        monthly_income=0,
        programs="JKK,JKM",
        status="registered",
        kpj_number=None,
        bpjs_status=None,
        created_at="",
        created_by="",
        updated_at="",
        updated_by="",
        version=1,
        deleted_at=None,
    )


def one_by_one(workers: list[Worker]) -> list[list[tuple[str, str]]]:
    """Each worker against every one before it: those born the same day first, then those
    on its family card, each in the order registered."""
    found = []
    for i, w in enumerate(workers):
        new = Person(w.nik, w.full_name, w.birth_date, w.kk_number)
        matches = []
        for other in workers[:i]:
            rule = likely_same(
                new, Person(other.nik, other.full_name, other.birth_date, other.kk_number)
            )
            if rule:
                matches.append((other.birth_date != w.birth_date, other.id, rule))
        found.append(
            [(other_id, rule) for _, other_id, rule in sorted(matches, key=lambda m: m[0])]
        )
    return found


def test_a_batch_finds_what_comparing_each_with_all_before_it_finds(village):
    rng = random.Random(14)
    workers = [worker(rng, i) for i in range(600)]
    found = Candidates().find(village, workers)  # (kept across batches: test_register_many)
    expected = one_by_one(workers)
    assert found == expected
    assert sum(map(len, found)) > 1000  # most rules had their turn
    assert {rule for f in found for _, rule in f} == {
        "same_name_birth",
        "nik_one_digit",
        "nik_swapped",
        "same_kk_name",
    }
