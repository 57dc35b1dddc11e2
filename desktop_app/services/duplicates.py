"""Likely duplicates: the same person registered twice under different NIKs.

Every registration (the form, the command line and an imported list) is compared with the
live workers born the same day or on the same family card. A match is a warning, not a
refusal — twins exist — kept as an open pair until the clerk dismisses it with a reason,
which the audit log keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.device import clock
from desktop_app.device.clock import utc_now
from desktop_app.domain.errors import DomainError, Refused
from desktop_app.domain.formatting import tanggal
from desktop_app.domain.likely_duplicates import RULES, Person, likely_same
from desktop_app.domain.worker import WorkerForm, validate_worker
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import duplicates as store
from desktop_app.store import workers as workers_store
from desktop_app.store.db import transaction
from desktop_app.store.workers import Worker


@dataclass(frozen=True, slots=True)
class Match:
    other: Worker
    rule: str

    @property
    def message(self) -> str:
        o = self.other
        born = tanggal(dt.date.fromisoformat(o.birth_date))
        return (
            f"Mungkin orang yang sama dengan {o.full_name} (NIK {o.nik}, lahir {born}"
            f"{f', Dusun {o.dusun}' if o.dusun else ''}): {RULES[self.rule]}."
        )


@dataclass(frozen=True, slots=True)
class Pair:
    id: int
    rule: str
    found_at: str
    worker: Worker
    other: Worker

    @property
    def rule_label(self) -> str:
        return RULES[self.rule]


def _person(nik: str, name: str, birth_date: str, kk: str | None) -> Person:
    return Person(nik, name, birth_date, kk or None)


def matches_for(inst: Installation, person: Person, exclude_id: str | None = None) -> list[Match]:
    """Live workers that are likely `person` under another NIK."""
    found = []
    for other_id, nik, name, born, kk in store.candidates(
        inst.db, person.birth_date, person.kk_number, exclude_id
    ):
        if rule := likely_same(person, _person(nik, name, born, kk)):
            found.append((other_id, rule))
    if not found:
        return []
    others = workers_store.by_ids(inst.db, [other_id for other_id, _ in found])
    return [Match(others[other_id], rule) for other_id, rule in found]


def record_pairs(inst: Installation, pairs: list[tuple[str, str, str]]) -> None:
    """Keep the open pairs of a batch of new registrations: (worker id, other id, rule) each,
    in the caller's transaction."""
    store.insert_open_pairs(inst.db, pairs, utc_now())


def matches_for_form(inst: Installation, form: WorkerForm) -> list[Match]:
    """The likely duplicates of a form about to be registered (none while it is invalid)."""
    try:
        valid = validate_worker(form, clock.today())
    except DomainError:
        return []
    person = _person(valid.nik, valid.full_name, valid.birth_date.isoformat(), valid.kk_number)
    return matches_for(inst, person)


def record_matches(
    inst: Installation, worker: Worker, matches: list[Match], reason: str | None = None
) -> None:
    """Keep the pairs of a new registration; with a reason they are dismissed at once.

    The caller owns the transaction (the registration and its pairs commit together).
    """
    reason = " ".join((reason or "").split()) or None
    now = utc_now()
    for m in matches:
        pair_id = store.insert_pair(
            inst.db, worker.id, m.other.id, m.rule, now, inst.user if reason else None, reason
        )
        if reason:
            _audit_dismissal(inst, pair_id, worker.id, m.other.id, m.rule, reason)


def _audit_dismissal(
    inst: Installation, pair_id: int, worker_id: str, other_id: str, rule: str, reason: str
) -> None:
    record_change(
        inst,
        "dismiss_duplicate",
        "duplicate_pair",
        str(pair_id),
        None,
        {"worker_id": worker_id, "other_id": other_id, "rule": rule, "reason": reason},
    )


def open_pairs(inst: Installation) -> list[Pair]:
    """Pairs the clerk has not yet looked at, newest first."""
    return [Pair(p["id"], p["rule"], p["found_at"], a, b) for p, a, b in store.open_pairs(inst.db)]


def open_pair_count(inst: Installation, up_to: int | None = None) -> int:
    """How many pairs are open (counted no further than `up_to`, when given)."""
    return store.count_open_pairs(inst.db, up_to)


def dismiss(inst: Installation, pair_id: int, reason: str) -> None:
    """Mark a pair as two different people (or known), with the clerk's reason."""
    access.require(inst, "change")
    reason = " ".join(reason.split())
    if not reason:
        raise Refused("duplicate.reason", "Tuliskan alasannya, mis. 'kembar' atau 'sudah dicek'.")
    with transaction(inst.db):
        pair = store.get_pair(inst.db, pair_id)
        if pair is None or pair["dismissed_at"] is not None:
            raise Refused("duplicate.not_open", f"Pasangan {pair_id} tidak sedang terbuka.")
        store.dismiss_pair(inst.db, pair_id, utc_now(), inst.user, reason)
        _audit_dismissal(inst, pair_id, pair["worker_id"], pair["other_id"], pair["rule"], reason)
