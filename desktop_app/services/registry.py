"""Register, correct, remove and restore workers: validate, write, outbox and audit in one go."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from desktop_app.device import clock
from desktop_app.device.clock import utc_now
from desktop_app.domain.errors import DomainError, Problems, Refused
from desktop_app.domain.family import ChildForm, HeirForm, validate_child, validate_heir
from desktop_app.domain.formatting import short_date, thousands
from desktop_app.domain.ids import new_id
from desktop_app.domain.likely_duplicates import Person
from desktop_app.domain.worker import ValidWorker, WorkerForm, validate_worker
from desktop_app.services import access, duplicate_batches, duplicates
from desktop_app.services.changes import Change, record_change, record_changes
from desktop_app.services.collector import collector_paused
from desktop_app.services.installation import Installation
from desktop_app.store import consents, erasure, family, outbox
from desktop_app.store import workers as store
from desktop_app.store.db import bulk_cache, transaction


class DuplicateNik(Refused):
    """The NIK belongs to a live worker already; `existing` is that worker."""

    def __init__(self, existing: store.Worker):
        super().__init__(
            "worker.duplicate_nik",
            f"NIK {existing.nik} sudah terdaftar atas nama {existing.full_name}"
            f"{f' (Dusun {existing.dusun})' if existing.dusun else ''}. "
            "Buka data yang ada untuk memperbaikinya, jangan didaftarkan dua kali.",
            "nik",
        )
        self.existing = existing


@dataclass(frozen=True, slots=True)
class Saved:
    """A saved worker and what the clerk should still see: `notes` of the form (e.g. an
    unknown NIK prefix) and the likely duplicates, together its `warnings`."""

    worker: store.Worker
    notes: tuple[str, ...]
    likely_duplicates: tuple[duplicates.Match, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        # Worded when read: a batch of many thousands would word many it never shows.
        return self.notes + tuple(m.message for m in self.likely_duplicates)


_NO_HEIR = HeirForm()


def _validate(
    form: WorkerForm, heir: HeirForm | None, children: Sequence[ChildForm], today: dt.date
) -> tuple[ValidWorker, list[dict[str, Any]], list[dict[str, Any]]]:
    """Validate the whole form at once so the window can mark every wrong field."""
    problems = Problems()
    valid = problems.check(validate_worker, form, today)
    heirs: list[dict[str, Any]] = []
    kids: list[dict[str, Any]] = []
    h = problems.check(validate_heir, heir or _NO_HEIR)
    if h is not None:
        heirs.append(
            {
                "id": new_id(),
                "full_name": h.full_name,
                "relation": h.relation,
                "nik": h.nik,
                "phone": h.phone,
            }
        )
    for child in children:
        c = problems.check(validate_child, child, today)
        if c is not None:
            kids.append(
                {
                    "id": new_id(),
                    "full_name": c.full_name,
                    "birth_date": c.birth_date.isoformat(),
                    "sex": c.sex,
                    "nik": c.nik,
                    "school_level": c.school_level,
                    "school_class": c.school_class,
                }
            )
    problems.raise_any()
    assert valid is not None
    return valid, heirs, kids


def _fields(valid: ValidWorker) -> dict[str, Any]:
    """The registration columns of a validated form, as stored."""
    return {
        "nik": valid.nik,
        "kk_number": valid.kk_number or None,
        "full_name": valid.full_name,
        "birth_place": valid.birth_place or None,
        "birth_date": valid.birth_date.isoformat(),
        "sex": valid.sex,
        "address": valid.address or None,
        "dusun": valid.dusun or None,
        "rt": valid.rt or None,
        "rw": valid.rw or None,
        "phone": valid.phone or None,
        "occupation": valid.occupation,
        "occupation_other": valid.occupation_other or None,
        "monthly_income": valid.monthly_income,
        "programs": ",".join(valid.programs),
        "nik_mismatch_reason": valid.nik_mismatch_reason or None,
    }


def _snapshot(inst: Installation, worker_id: str) -> dict[str, Any]:
    """The whole record (row, heirs, children) as the outbox and audit log keep it."""
    worker = store.get_worker(inst.db, worker_id)
    assert worker is not None
    return {
        **worker.to_dict(),
        "heirs": family.heirs_of(inst.db, worker_id),
        "children": family.children_of(inst.db, worker_id),
    }


def _record(
    worker: store.Worker, heirs: list[dict[str, Any]], kids: list[dict[str, Any]]
) -> dict[str, Any]:
    """`_snapshot` of what was just written, built from the values instead of read back."""
    record = worker.to_dict()
    record["heirs"] = heirs
    record["children"] = sorted(kids, key=_birth_date)  # as children_of reads them
    return record


_birth_date = operator.itemgetter("birth_date")


def _log(inst: Installation, action: str, op: str, before: dict | None, after: dict) -> None:
    record_change(inst, action, "worker", after["id"], before, after, op=op)


def _audit_nik_confirmation(
    inst: Installation, worker_id: str, before: dict[str, Any] | None, valid: ValidWorker
) -> None:
    """A confirmed difference from the NIK is its own audit entry: who accepted it, and why."""
    reason = valid.nik_mismatch_reason
    if reason and (before is None or before.get("nik_mismatch_reason") != reason):
        record_changes(inst, [_nik_confirmation(worker_id, valid)])


def _nik_confirmation(worker_id: str, valid: ValidWorker) -> Change:
    return Change(
        "nik_mismatch_confirmed",
        "worker",
        worker_id,
        None,
        {
            "nik": valid.nik,
            "reason": valid.nik_mismatch_reason,
            "differences": list(valid.nik_differences),
        },
    )


def _refuse_duplicate(inst: Installation, nik: str, worker_id: str | None) -> None:
    existing = store.find_by_nik(inst.db, nik)
    if existing is not None and existing.id != worker_id:
        raise DuplicateNik(existing)


def register_worker(
    inst: Installation,
    form: WorkerForm,
    heir: HeirForm | None = None,
    children: Sequence[ChildForm] = (),
    today: dt.date | None = None,
    duplicate_reason: str | None = None,
    consent_on: dt.date | None = None,
) -> Saved:
    """Register a new worker of this village.

    Workers that are likely the same person under another NIK are kept as pairs to review
    and named in the warnings; `duplicate_reason` (the clerk has seen them) dismisses them.
    `consent_on`: the date on the consent statement the worker signed (UU 27/2022), if they
    signed it.
    """
    access.require(inst, "change")
    valid, heirs, kids = _validate(form, heir, children, today or clock.today())
    with transaction(inst.db):
        _refuse_duplicate(inst, valid.nik, None)
        worker = _insert_new(inst, valid, heirs, kids, utc_now())
        if consent_on is not None:
            consents.record(inst.db, worker.id, consent_on, inst.user)
        matches = _record_likely_duplicates(inst, worker, duplicate_reason)
    return _saved(worker, valid, matches)


def _record_likely_duplicates(
    inst: Installation, worker: store.Worker, reason: str | None
) -> list[duplicates.Match]:
    """Keep the pairs a new worker makes with likely twins (in the caller's transaction)."""
    person = Person(worker.nik, worker.full_name, worker.birth_date, worker.kk_number)
    matches = duplicates.matches_for(inst, person, exclude_id=worker.id)
    duplicates.record_matches(inst, worker, matches, reason)
    return matches


def _saved(worker: store.Worker, valid: ValidWorker, matches: list[duplicates.Match]) -> Saved:
    return Saved(worker, valid.warnings, tuple(matches))


def _insert_new(
    inst: Installation,
    valid: ValidWorker,
    heirs: list[dict[str, Any]],
    kids: list[dict[str, Any]],
    now: str,
) -> store.Worker:
    """Write a new worker, its family, outbox and audit entries (inside the caller's
    transaction, after the duplicate check)."""
    worker = _new_worker(inst, valid, now)
    store.insert_worker(inst.db, worker)
    family.replace_family(inst.db, worker.id, heirs, kids, new=True)
    _log(inst, "register", "insert", None, _record(worker, heirs, kids))
    _audit_nik_confirmation(inst, worker.id, None, valid)
    return worker


def _new_worker(inst: Installation, valid: ValidWorker, now: str) -> store.Worker:
    return store.Worker(
        id=new_id(),
        village_code=inst.code,
        status="registered",
        kpj_number=None,
        bpjs_status=None,
        created_at=now,
        created_by=inst.user,
        updated_at=now,
        updated_by=inst.user,
        version=1,
        deleted_at=None,
        **_fields(valid),
    )


Registration = tuple[WorkerForm, HeirForm | None, Sequence[ChildForm]]


class RowsRefused(Refused):
    """Rows of a bulk registration that were refused, by index; nothing of the call was saved."""

    def __init__(self, rows: list[tuple[int, DomainError]]):
        index, first = rows[0]
        more = f" (dan {len(rows) - 1} baris lain)" if len(rows) > 1 else ""
        super().__init__(
            "worker.rows_refused",
            f"Baris {index + 1}: {first.message}{more}. Tidak ada yang disimpan; perbaiki "
            "baris itu lalu ulangi.",
        )
        self.rows = rows


def _repeated_nik(nik: str, first_index: int) -> Refused:
    return Refused(
        "worker.duplicate_nik",
        f"NIK {nik} sama dengan NIK di baris {first_index + 1}; satu NIK didaftarkan sekali saja.",
        "nik",
    )


def register_many(
    inst: Installation,
    forms: Iterable[Registration],
    on_progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
    *,
    candidates: duplicate_batches.Candidates | None = None,
    report: bool = True,
) -> list[Saved]:
    """Register many workers in one transaction: what `register_worker` does for each, with
    the same validation, duplicate check, outbox and audit entries and likely-duplicate pairs.

    All or nothing: if any row is refused (invalid, or a NIK already registered or repeated
    in `forms`) nothing is saved and RowsRefused lists every refused row by its index.
    `on_progress(done, total)` is called as rows are written. For very many rows call it
    once per few thousand: each call is one transaction, and pass each call the same
    `candidates` to keep the likely-duplicate candidates read between calls. Each table is
    written a batch at a time: a call costs a few statements per table, not per worker.
    `report=False` returns nothing instead of each row's Saved (a run that never shows them).
    """
    access.require(inst, "change")
    with collector_paused():
        return _register_many(inst, forms, on_progress, today, candidates, report)


def _register_many(
    inst: Installation,
    forms: Iterable[Registration],
    on_progress: Callable[[int, int], None] | None,
    today: dt.date | None,
    candidates: duplicate_batches.Candidates | None,
    report: bool,
) -> list[Saved]:
    today = today or clock.today()
    candidates = candidates or duplicate_batches.Candidates()
    prepared = []
    errors: list[tuple[int, DomainError]] = []
    for index, (form, heir, children) in enumerate(forms):
        try:
            prepared.append((index, *_validate(form, heir, children, today)))
        except DomainError as e:
            errors.append((index, e))
    try:
        with bulk_cache(inst.db), transaction(inst.db):
            _refuse_registered(inst, prepared, errors)
            now = utc_now()
            workers = [_new_worker(inst, valid, now) for _, valid, _, _ in prepared]
            found = candidates.find(inst, workers)
            for start in range(0, len(workers), _WRITE_BATCH):
                end = start + _WRITE_BATCH
                _insert_many(inst, workers[start:end], prepared[start:end], found[start:end])
                if on_progress:
                    on_progress(min(end, len(workers)), len(workers))
            candidates.written(inst)
    except BaseException:
        candidates.forget()
        raise
    if not report:
        return []
    twins = {w.id: w for w in workers}
    twins.update(store.by_ids(inst.db, {i for f in found for i, _ in f} - twins.keys()))
    return [
        Saved(worker, valid.warnings, tuple(duplicates.Match(twins[i], rule) for i, rule in f))
        for worker, (_, valid, _, _), f in zip(workers, prepared, found, strict=True)
    ]


_WRITE_BATCH = 5_000  # rows per round of statements (and per progress report)
_Prepared = tuple[int, ValidWorker, list[dict[str, Any]], list[dict[str, Any]]]


def _refuse_registered(
    inst: Installation, prepared: list[_Prepared], errors: list[tuple[int, DomainError]]
) -> None:
    """Refuse the rows whose NIK a live worker or an earlier row has, with every row refused
    before (one query for the batch)."""
    registered = store.live_by_nik(inst.db, [valid.nik for _, valid, _, _ in prepared])
    first_row: dict[str, int] = {}
    for index, valid, _heirs, _kids in prepared:
        if valid.nik in registered:
            errors.append((index, DuplicateNik(registered[valid.nik])))
        elif valid.nik in first_row:
            errors.append((index, _repeated_nik(valid.nik, first_row[valid.nik])))
        first_row.setdefault(valid.nik, index)
    if errors:
        raise RowsRefused(sorted(errors, key=lambda e: e[0]))


def _insert_many(
    inst: Installation,
    workers: list[store.Worker],
    prepared: list[_Prepared],
    found: list[duplicate_batches.Found],
) -> None:
    """`_insert_new` and `_record_likely_duplicates` for a batch, each table in one go."""
    store.insert_workers(inst.db, workers)
    family.insert_families(
        inst.db,
        [(w.id, heirs, kids) for w, (_, _, heirs, kids) in zip(workers, prepared, strict=True)],
    )
    logged = []
    for worker, (_, valid, heirs, kids) in zip(workers, prepared, strict=True):
        after = outbox.encode(_record(worker, heirs, kids))
        logged.append(Change("register", "worker", worker.id, None, after, "insert"))
        if valid.nik_mismatch_reason:  # what _audit_nik_confirmation records for a new worker
            logged.append(_nik_confirmation(worker.id, valid))
    record_changes(inst, logged)
    duplicates.record_pairs(
        inst, [(w.id, twin, rule) for w, f in zip(workers, found, strict=True) for twin, rule in f]
    )


def _live_worker(inst: Installation, worker_id: str) -> store.Worker:
    worker = store.get_worker(inst.db, worker_id)
    if worker is None or worker.deleted_at is not None:
        raise Refused("worker.not_found", f"Pekerja dengan id {worker_id} tidak ditemukan.")
    return worker


def update_worker(
    inst: Installation,
    worker_id: str,
    form: WorkerForm,
    heir: HeirForm | None = None,
    children: Sequence[ChildForm] = (),
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> Saved:
    """Correct a worker's registration data; refuse if someone saved it since it was opened.

    A save that changes nothing writes nothing (no outbox entry, no audit entry).
    """
    access.require(inst, "change")
    valid, heirs, kids = _validate(form, heir, children, today or clock.today())
    try:
        with transaction(inst.db):
            current = _live_worker(inst, worker_id)
            if expected_version is not None and current.version != expected_version:
                raise Refused(
                    "worker.stale",
                    f"Data {current.full_name} telah diubah oleh {current.updated_by} sejak "
                    "dibuka. Tutup formulir, buka lagi, lalu ulangi perubahan.",
                )
            _refuse_duplicate(inst, valid.nik, worker_id)
            before = _snapshot(inst, worker_id)
            updated = replace(
                current,
                **_fields(valid),
                updated_at=utc_now(),
                updated_by=inst.user,
                version=current.version + 1,
            )
            store.replace_worker(inst.db, updated)
            family.replace_family(inst.db, worker_id, heirs, kids)
            after = _record(updated, heirs, kids)
            if _same_record(before, after):
                raise _NothingChanged
            _log(inst, "update", "update", before, after)
            _audit_nik_confirmation(inst, worker_id, before, valid)
    except _NothingChanged:
        return Saved(current, valid.warnings)
    return Saved(updated, valid.warnings)


class _NothingChanged(Exception):
    """Rolls back a save that changed nothing, so no empty outbox entry is made."""


def _same_record(before: dict[str, Any], after: dict[str, Any]) -> bool:
    ignore = {"updated_at", "updated_by", "version", "heirs", "children"}

    def strip_ids(rows: list[dict[str, Any]]) -> str:
        return json.dumps([{k: v for k, v in r.items() if k != "id"} for r in rows])

    return (
        all(before[k] == after[k] for k in before if k not in ignore)
        and strip_ids(before["heirs"]) == strip_ids(after["heirs"])
        and strip_ids(before["children"]) == strip_ids(after["children"])
    )


def remove_worker(inst: Installation, worker_id: str, reason: str) -> store.Worker:
    """Mark a worker removed (a tombstone: the row stays until the district has it)."""
    access.require(inst, "change")
    reason = " ".join(reason.split())
    if not reason:
        raise Refused("worker.remove_reason", "Tuliskan alasan penghapusan.", "reason")
    with transaction(inst.db):
        current = _live_worker(inst, worker_id)
        before = _snapshot(inst, worker_id)
        removed = replace(
            current,
            deleted_at=utc_now(),
            updated_at=utc_now(),
            updated_by=inst.user,
            version=current.version + 1,
        )
        store.replace_worker(inst.db, removed)
        after = {**before, **removed.to_dict(), "removal_reason": reason}
        _log(inst, "remove", "delete", before, after)
    return removed


def restore_worker(inst: Installation, worker_id: str) -> store.Worker:
    """Undo a removal, unless the NIK has since been registered again."""
    access.require(inst, "change")
    with transaction(inst.db):
        current = store.get_worker(inst.db, worker_id)
        if current is None or current.deleted_at is None:
            raise Refused("worker.not_removed", "Pekerja ini tidak sedang dihapus.")
        if erasure.is_erased(inst.db, worker_id):
            raise Refused(
                "worker.erased",
                "Data pribadi pekerja ini sudah dihapus permanen; daftarkan sebagai pekerja baru.",
            )
        _refuse_duplicate(inst, current.nik, worker_id)
        before = _snapshot(inst, worker_id)
        restored = replace(
            current,
            deleted_at=None,
            updated_at=utc_now(),
            updated_by=inst.user,
            version=current.version + 1,
        )
        store.replace_worker(inst.db, restored)
        _log(inst, "restore", "update", before, {**before, **restored.to_dict()})
    return restored


def change_worker(inst: Installation, worker_id: str, action: str, **fields: Any) -> store.Worker:
    """Set some columns of a worker as a consequence of an event (status, occupation …).

    The caller owns the transaction, so the event and its effect commit together.
    """
    current = _live_worker(inst, worker_id)
    before = _snapshot(inst, worker_id)
    changed = replace(
        current, **fields, updated_at=utc_now(), updated_by=inst.user, version=current.version + 1
    )
    store.replace_worker(inst.db, changed)
    _log(inst, action, "update", before, {**before, **changed.to_dict()})
    return changed


def find_removed_worker(inst: Installation, ref: str) -> store.Worker:
    """A removed worker by id, id prefix or NIK (by NIK: the latest removal of that NIK)."""
    return store.find_removed_by_nik(inst.db, ref.strip()) or find_worker(inst, ref)


def find_worker(inst: Installation, ref: str) -> store.Worker:
    """A live or removed worker by full id, id prefix (at least 6 characters) or NIK."""
    ref = ref.strip()
    worker = store.get_worker(inst.db, ref) or store.find_by_nik(inst.db, ref)
    if worker is None and len(ref) >= 6:
        matches = store.find_by_id_prefix(inst.db, ref)
        if len(matches) > 1:
            raise Refused("worker.ambiguous", f"Lebih dari satu pekerja berawalan id {ref}.")
        worker = matches[0] if matches else None
    if worker is None:
        raise Refused(
            "worker.not_found", f"Pekerja {ref} tidak ditemukan (cari dengan id atau NIK)."
        )
    return worker


def worker_details(inst: Installation, worker_id: str) -> dict[str, Any]:
    """Everything known of one worker, for the edit form and `worker show`."""
    return _snapshot(inst, worker_id)


@dataclass(frozen=True, slots=True)
class EditForm:
    """One worker as the edit form holds it: every field as a clerk types it, ready to change
    and save back with `update_worker` (`version` refuses a save someone made in between)."""

    worker_id: str
    version: int
    worker: WorkerForm
    heir: HeirForm
    children: list[ChildForm]


def edit_form(inst: Installation, worker_id: str) -> EditForm:
    """The stored worker as the form the window and `worker edit` change."""
    d = _snapshot(inst, worker_id)
    typed = {f.name: str(d.get(f.name) or "") for f in dataclasses.fields(WorkerForm)}
    if d["birth_date"]:
        typed["birth_date"] = short_date(dt.date.fromisoformat(d["birth_date"]))
    if d["monthly_income"] is not None:
        typed["monthly_income"] = thousands(d["monthly_income"])
    heir = d["heirs"][0] if d["heirs"] else {}
    return EditForm(
        worker_id,
        d["version"],
        WorkerForm(**typed),
        HeirForm(
            heir.get("full_name") or "",
            heir.get("relation") or "",
            heir.get("nik") or "",
            heir.get("phone") or "",
        ),
        [
            ChildForm(
                c["full_name"],
                c["birth_date"],
                c["sex"] or "",
                c["nik"] or "",
                c.get("school_level") or "",
                str(c.get("school_class") or ""),
            )
            for c in d["children"]
        ],
    )
