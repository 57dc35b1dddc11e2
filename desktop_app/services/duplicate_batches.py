"""Likely duplicates of a batch of new registrations, found as registering them one by one would.

A registration is compared with the live workers born the same day or on the same family card
(services/duplicates.py). A batch of thousands asks once for the candidates of all its birth
dates and compares them in memory; a long run of batches (seeding a million sample workers)
keeps them from one batch to the next, while nothing else changes the register.
"""

from __future__ import annotations

import array
from collections.abc import Collection, Sequence

from desktop_app.domain.likely_duplicates import (
    NEAR_NIKS,
    name_key,
    near_nik_rule,
    nik_number,
    same_birth_rule,
)
from desktop_app.services.installation import Installation
from desktop_app.store import audit
from desktop_app.store import duplicates as store
from desktop_app.store.workers import Worker, count_workers

# One candidate born on a given day: (NIK as a number, name key, worker id).
_Entry = tuple[int | None, str, str]
Found = list[tuple[str, str]]  # (id of the likely twin, rule) for one new worker


class _BornOn:
    """The candidates born on one day in the order they came, with what rules most of them
    out at once: their NIKs as numbers (0 for a NIK that is not 16 digits, listed in `odd`)
    and where each name key stands."""

    __slots__ = ("by_key", "entries", "numbers", "odd")

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.numbers = array.array("q")  # side by side in memory: a scan reads no object
        self.by_key: dict[str, list[int]] = {}
        self.odd: list[int] = []

    def add(self, number: int | None, key: str, worker_id: str) -> None:
        position = len(self.entries)
        self.entries.append((number, key, worker_id))
        self.numbers.append(number or 0)
        self.by_key.setdefault(key, []).append(position)
        if number is None:
            self.odd.append(position)

    def to_look_at(self, number: int, key: str) -> list[_Entry]:
        """The entries, in order, that may be likely twins of a 16-digit NIK `number` named
        `key`: the same name, a NIK not 16 digits, or a difference of NIKs that is a key of
        NEAR_NIKS. The rest are ruled out by a subtraction and a look-up each."""
        near = NEAR_NIKS
        positions = [p for p, other in enumerate(self.numbers) if number - other in near]
        same_name, odd = self.by_key.get(key), self.odd
        if same_name or odd:
            positions = sorted({*positions, *(same_name or ()), *odd})
        entries = self.entries
        return [entries[p] for p in positions]


class Candidates:
    """Live workers by birth date as a batch compares them, kept between the batches of a run.

    Pass the same instance to each `register_many` of a run. It trusts what it holds only while
    the register is as the last batch left it (the audit log and the count of live workers
    unchanged): anything registered, corrected or removed in between makes it read afresh.
    """

    def __init__(self) -> None:
        self._born: dict[str, _BornOn] = {}  # every birth date read, with its workers
        self._odd: dict[str, str] = {}  # id → a NIK that is not 16 digits
        self._keys: dict[str, str] = {}  # name → name_key: names recur
        self._mark: tuple[int, int] | None = None

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = name_key(name)
        return key

    def _read(self, inst: Installation, births: Collection[str]) -> None:
        if self._mark != _mark(inst):
            self.forget()
        missing = {b for b in births if b not in self._born}
        for b in missing:
            self._born[b] = _BornOn()
        for worker_id, nik, name, birth in store.live_born_on(inst.db, missing):
            number = nik_number(nik)
            if number is None:
                self._odd[worker_id] = nik
            self._born[birth].add(number, self._key(name), worker_id)

    def forget(self) -> None:
        self._born, self._odd, self._mark = {}, {}, None

    def written(self, inst: Installation) -> None:
        """The batch is written (in the transaction that wrote it): what is held is current."""
        self._mark = _mark(inst)

    def find(self, inst: Installation, workers: Sequence[Worker]) -> list[Found]:
        """For each of `workers` (new, not yet written), its likely duplicates among the live
        workers and the ones before it in `workers`: what `duplicates.matches_for` finds when
        they are registered one by one in this order, in the same order."""
        self._read(inst, {w.birth_date for w in workers})
        cards = {w.kk_number for w in workers if w.kk_number}
        family: dict[str, list[tuple[str, str, str, str]]] = {}  # kk → (id, nik, key, birth)
        for worker_id, nik, name, birth, kk in store.live_on_cards(inst.db, cards):
            family.setdefault(kk, []).append((worker_id, nik, self._key(name), birth))
        found = []
        for w in workers:
            nik, own_key, number = w.nik, self._key(w.full_name), nik_number(w.nik)
            born = self._born[w.birth_date]
            matches = self._same_birth(nik, own_key, number, born)
            if w.kk_number:
                for other_id, other_nik, other_key, birth in family.get(w.kk_number, ()):
                    if birth != w.birth_date and other_key == own_key and other_nik != nik:
                        matches.append((other_id, "same_kk_name"))
                family.setdefault(w.kk_number, []).append((w.id, nik, own_key, w.birth_date))
            found.append(matches)
            if number is None:
                self._odd[w.id] = nik
            born.add(number, own_key, w.id)
        return found

    def _same_birth(self, nik: str, key: str, number: int | None, born: _BornOn) -> Found:
        """Likely twins among the workers born the same day; most pairs are ruled out by one
        subtraction of their NIKs (`to_look_at`)."""
        if number is None:
            return self._same_birth_odd(nik, key, born.entries)
        matches = []
        near = NEAR_NIKS
        for other_number, other_key, other_id in born.to_look_at(number, key):
            if other_key == key:
                if other_number != number:
                    matches.append((other_id, "same_name_birth"))
                continue
            if other_number is None:  # the other NIK is not 16 digits
                rule = same_birth_rule(nik, self._odd[other_id], False)
            elif number - other_number not in near:  # here for its name, not its NIK
                continue
            else:
                rule = near_nik_rule(number, other_number)
            if rule:
                matches.append((other_id, rule))
        return matches

    def _same_birth_odd(self, nik: str, key: str, born: list[_Entry]) -> Found:
        """`_same_birth` for a NIK that is not 16 digits: digit by digit."""
        matches = []
        for other_number, other_key, other_id in born:
            other_nik = self._odd.get(other_id) or f"{other_number:016d}"
            if other_nik != nik and (rule := same_birth_rule(nik, other_nik, other_key == key)):
                matches.append((other_id, rule))
        return matches


def _mark(inst: Installation) -> tuple[int, int]:
    return audit.last_id(inst.db), count_workers(inst.db)
