"""Apply opened files to a database: a village batch at the district, a return file at the village.

Each apply runs in one durable transaction, so a file is applied whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import WITA, utc_now
from desktop_app.domain.coverage import check_period_start
from desktop_app.domain.errors import Refused, ValidationErrors
from desktop_app.domain.likely_duplicates import RULES, name_key, same_birth_rule
from desktop_app.domain.registration import age_on, limits
from desktop_app.domain.worker import check_worker_record
from desktop_app.services import district_materialise
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import cards, district, district_program, outbox
from desktop_app.store import workers as village_workers
from desktop_app.sync.batch import AUDIT, record_sha256s
from desktop_app.sync.envelope import Opened, SyncRefused


@dataclass(frozen=True, slots=True)
class Applied:
    applied: int  # changes newly written
    already: int  # changes received before (identical)


def apply_batch(db: Database, opened: Opened, applied_seq: int) -> Applied:
    """Write the changes after `applied_seq`; refuse the file if a re-sent change differs.

    The batch is read, checked and written as a whole: a query or a statement per table for
    all its changes rather than per change, with the same outcome as applying them in turn.
    """
    h = opened.header
    code = h["village_code"]
    hashes = district.received_hashes(db, code, h["first_seq"], min(h["last_seq"], applied_seq))
    fresh: list[tuple[dict[str, Any], str]] = []
    for change, sha in zip(opened.records, record_sha256s(opened), strict=True):
        if change["seq"] <= applied_seq:
            if hashes.get(change["seq"]) != sha:
                raise SyncRefused(
                    "sync.replayed",
                    f"Perubahan nomor {change['seq']} dalam berkas ini berbeda dengan yang sudah "
                    f"diterima dari {h['village_name']}. Mungkin aplikasi desa dipasang ulang "
                    "tanpa memulihkan cadangan; hubungi operator desa sebelum mengimpor.",
                )
            continue
        fresh.append((change, sha))
    if not fresh:  # a file seen before must not even touch the "last batch" time
        return Applied(0, len(opened.records))
    changes = [change for change, _ in fresh]
    workers = [c["payload"] for c in changes if c["entity"] == "worker"]
    worker_ids = {str(c["payload"]["worker_id"]) for c in changes if c["entity"] in _PROGRAM}
    known = district.workers_by_id(db, sorted(worker_ids | {w["id"] for w in workers}))
    _check_changes(db, h, changes, {row.id: row.village_code for row in known})
    found = iter(_worker_findings(db, code, workers, known))  # before the rows are written
    district.record_received(db, code, [(change["seq"], sha) for change, sha in fresh])
    district.upsert_workers(
        db, [district_materialise.worker_row(code, w, h["device_id"]) for w in workers]
    )
    findings: list[Finding] = []
    for change in changes:
        entity = change["entity"]
        if entity == "worker":  # written above, with the batch's other workers
            findings += next(found)
            continue
        if entity == "coverage":
            findings += _coverage_backdated(code, change["payload"])
        elif entity == "card":
            card = change["payload"]
            cards.record_at_district(db, card["worker_id"], card["serial"], card["issued_on"])
        district_materialise.materialise(db, code, change)
    district.add_findings(db, findings)
    district.set_applied(db, code, max(applied_seq, h["last_seq"]))
    if h.get(AUDIT):
        _check_audit_chain(db, code, h["village_name"], h[AUDIT])
    return Applied(len(fresh), len(opened.records) - len(fresh))


# (kind, village_code, worker_id, nik, detail), as district.add_findings writes them
Finding = tuple[str, str, str | None, str | None, str]


def _check_changes(
    db: Database,
    header: dict[str, Any],
    changes: list[dict[str, Any]],
    owners: dict[str, str],
) -> None:
    """Refuse the file at its first change that the village may not send. `owners`: the
    village of each worker the batch names that the district has already."""
    for change in changes:
        payload = change["payload"]
        if change["entity"] == "worker":
            check_worker_change(header, change, owners.get(payload["id"]))
        elif change["entity"] in _PROGRAM:
            rows = {owners.get(str(payload["worker_id"]))}
            if change["entity"] != "card":
                rows.add(district_program.row_village(db, change["entity"], payload["id"]))
            check_program_change(header, change, rows)


_PROGRAM = ("coverage", "event", "card")


def check_worker_change(header: dict, change: dict[str, Any], owner: str | None) -> None:
    """A worker from a village's file passes the form's rules and belongs to that village.

    The signature proves which village sent a file, not that its app is honest: a record
    must not carry another village's worker id (`owner`, the village of the district's row
    with its id, if any: it would overwrite that village's row) or values the form would refuse.
    """
    code, record = header["village_code"], change["payload"]
    problem = None
    if record.get("village_code") != code or owner not in (None, code):
        problem = "pekerja ini milik desa lain"
    else:
        try:
            check_worker_record(record)
        except ValidationErrors as e:
            problem = e.message
    if problem:
        raise _refused_record(header, change, problem)


def check_program_change(header: dict, change: dict[str, Any], owners: set[str | None]) -> None:
    """A coverage period, an event or a card touches only the sending village's workers and
    rows (`owners`: the villages of its worker and of its own row at the district, if any)."""
    if owners - {None, header["village_code"]}:
        raise _refused_record(header, change, "catatan ini milik desa lain")


def _refused_record(header: dict, change: dict[str, Any], problem: str) -> SyncRefused:
    return SyncRefused(
        "sync.record",
        f"Perubahan nomor {change['seq']} dari {header['village_name']} ditolak: {problem}. "
        "Tidak ada isi berkas yang diterapkan; minta operator desa memperbarui aplikasinya "
        "dan mengirim berkas baru.",
    )


def _check_audit_chain(db: Database, code: str, name: str, proof: dict) -> None:
    """Raise `audit_rewritten` when the village's audit log no longer continues the one earlier
    batches showed: it is shorter, or its hash at a length seen before differs."""
    seen = district.audit_seen(db, code)
    shown = {c: h for c, h in proof["checkpoints"]} | {proof["count"]: proof["hash"]}
    longest = max(seen, default=0)
    differs = sorted(c for c, h in shown.items() if seen.get(c, h) != h)
    if proof["count"] < longest or differs:
        where = (
            f"riwayatnya kini {proof['count']} catatan, padahal sudah {longest} catatan"
            if proof["count"] < longest
            else f"{differs[0]} catatan pertamanya tidak sama dengan yang dikirim sebelumnya"
        )
        district.add_finding(
            db,
            "audit_rewritten",
            code,
            None,
            None,
            f"Catatan audit {name} telah diubah sejak berkas sebelumnya: {where}. Periksa "
            "laptop desa (satudesa audit verify) bersama operator dan kepala desa.",
        )
    district.record_audit_seen(db, code, proof["count"], proof["hash"])


def _worker_findings(
    db: Database,
    code: str,
    workers: list[dict[str, Any]],
    known: list[district.KnownWorker],
) -> list[list[Finding]]:
    """The findings each of a batch's workers raises, as if they were written one by one: its
    NIK live elsewhere, likely the same person in another village, too old when registered.

    Read before the batch is written (`known`: the district's rows with the batch's ids), in
    three queries for the whole batch rather than two for each worker.
    """
    live = {n: w for n, w in enumerate(workers) if not w.get("deleted_at")}
    holders = _NikHolders(db, code, known, sorted({w["nik"] for w in live.values()}))
    people = [(n, w["nik"], w["birth_date"], name_key(w["full_name"])) for n, w in live.items()]
    same = _likely_same(live, district.likely_same_candidates(db, code, people))
    names = district.full_names(db, sorted({other.rowid for other, _ in same.values()}))
    max_age = limits().max_age_exclusive
    found: list[list[Finding]] = []
    for n, record in enumerate(workers):
        holders.written(record)
        if n not in live:
            found.append([])
            continue
        findings = [_nik_finding(code, record, other) for other in holders.others(record)]
        if n in same:
            findings.append(_likely_same_finding(code, record, *same[n], names))
        age = age_on(
            dt.date.fromisoformat(record["birth_date"]),
            dt.date.fromisoformat(record["created_at"][:10]),
        )
        if age >= max_age:
            findings.append(
                (
                    "too_old",
                    code,
                    record["id"],
                    record["nik"],
                    f"{record['full_name']} berumur {age} tahun saat didaftarkan; BPU hanya "
                    f"untuk umur di bawah {max_age} tahun.",
                )
            )
        found.append(findings)
    return found


class _NikHolders:
    """Live workers holding the NIKs of a batch, kept up to date as the batch's workers are
    written in turn: read once, before the batch, with the rows of the batch's own workers."""

    def __init__(
        self,
        db: Database,
        code: str,
        known: list[district.KnownWorker],
        niks: list[str],
    ):
        self.code = code
        self.rows: dict[str, district.KnownWorker] = {}
        self.by_nik: dict[str, set[str]] = {}
        for row in known + district.live_with_niks(db, niks):
            self._put(row)
        self.next_rowid = 1 << 62  # a new row is stored after every row there is

    def _put(self, row: district.KnownWorker) -> None:
        old = self.rows.get(row.id)
        if old is not None:
            self.by_nik.get(old.nik, set()).discard(row.id)
        self.rows[row.id] = row
        if row.live:
            self.by_nik.setdefault(row.nik, set()).add(row.id)

    def written(self, record: dict[str, Any]) -> None:
        old = self.rows.get(record["id"])
        if old is None:
            self.next_rowid += 1
        self._put(
            district.KnownWorker(
                self.next_rowid if old is None else old.rowid,
                record["id"],
                self.code if old is None else old.village_code,
                record["nik"],
                record["full_name"],
                not record.get("deleted_at"),
            )
        )

    def others(self, record: dict[str, Any]) -> list[district.KnownWorker]:
        """The live workers with the record's NIK other than itself, in the order stored."""
        ids = self.by_nik.get(record["nik"], ())
        if len(ids) < 2 and record["id"] in ids:  # most NIKs: held by this worker alone
            return []
        holders = sorted(self.rows[i] for i in ids)
        return [h for h in holders if h.id != record["id"]]


def _nik_finding(code: str, record: dict[str, Any], other: district.KnownWorker) -> Finding:
    if other.village_code != code:
        return (
            "nik_other_village",
            code,
            record["id"],
            record["nik"],
            f"NIK {record['nik']} ({record['full_name']}) juga terdaftar di desa "
            f"{other.village_code} atas nama {other.full_name}.",
        )
    # A village refuses a second live record of one NIK, so two here mean the village was set
    # up again (a new laptop without the backup) and registered the worker anew.
    return (
        "nik_twice_in_village",
        code,
        record["id"],
        record["nik"],
        f"NIK {record['nik']} ({record['full_name']}) tercatat dua kali dari desa ini, "
        "mungkin karena aplikasi desa dipasang ulang tanpa cadangan. Periksa bersama "
        "operator desa, dan daftarkan NIK ini ke BPJS satu kali saja.",
    )


def _likely_same(
    live: dict[int, dict[str, Any]], candidates: list[district.Candidate]
) -> dict[int, tuple[district.Candidate, str]]:
    """For each of a batch's workers (by position), the first candidate who is likely the same
    person under another NIK, and the rule (a key of RULES) that says so.

    Candidates share the worker's birth date and hold another NIK, so `likely_same` comes
    down to `same_birth_rule`: a KK number never decides (the rule on it is for people with the
    same name born on other days) and a name key stands for the name (the key of a name key
    is itself)."""
    found: dict[int, tuple[district.Candidate, str]] = {}
    for other in candidates:
        if other.pos in found:
            continue
        record = live[other.pos]
        rule = same_birth_rule(
            record["nik"], other.nik, name_key(record["full_name"]) == other.name_key
        )
        if rule:
            found[other.pos] = (other, rule)
    return found


def _likely_same_finding(
    code: str,
    record: dict[str, Any],
    other: district.Candidate,
    rule: str,
    names: dict[int, str],
) -> Finding:
    """The finding that another village has likely the same person under another NIK."""
    return (
        "likely_same_person",
        code,
        record["id"],
        record["nik"],
        f"{record['full_name']} (NIK {record['nik']}) mungkin orang yang sama dengan "
        f"{names[other.rowid]} (NIK {other.nik}) di desa {other.village_code}: "
        f"{RULES[rule]}. Periksa KTP-nya bersama kedua desa.",
    )


def _coverage_backdated(village_code: str, record: dict) -> list[Finding]:
    """Cover is bought forward only; a period a village recorded for months already past when
    it was recorded (an old version, an edited database) is a finding for the officer."""
    start = dt.date.fromisoformat(record["start_month"])
    recorded = dt.datetime.fromisoformat(record["created_at"]).astimezone(WITA).date()
    try:
        check_period_start(start.year, start.month, recorded)
    except Refused as e:
        return [
            (
                "coverage_backdated",
                village_code,
                record["worker_id"],
                None,
                f"Periode iuran dicatat {recorded.isoformat()} untuk bulan yang sudah lewat: "
                f"{e.message}",
            )
        ]
    return []


def apply_return(inst: Installation, opened: Opened) -> int:
    """Mark changes acknowledged and write the district-owned fields; returns workers updated."""
    db = inst.db
    ack = opened.header["ack_seq"]
    if ack > outbox.acknowledged_seq(db):
        outbox.set_acknowledged_seq(db, min(ack, outbox.last_seq(db)))
    updated = 0
    now = utc_now()
    for update in opened.records:
        worker = village_workers.get_worker(db, update["worker_id"])
        if worker is None:
            continue
        kpj, bpjs_status = update.get("kpj_number"), update.get("bpjs_status")
        status = bpjs_status or ("active" if kpj else worker.status)
        if (worker.kpj_number, worker.bpjs_status, worker.status) == (kpj, bpjs_status, status):
            continue
        village_workers.set_bpjs_fields(db, worker.id, kpj, bpjs_status, status, now)
        record_change(
            inst,
            "bpjs_update",
            "worker",
            worker.id,
            {
                "kpj_number": worker.kpj_number,
                "bpjs_status": worker.bpjs_status,
                "status": worker.status,
            },
            {"kpj_number": kpj, "bpjs_status": bpjs_status, "status": status},
        )
        updated += 1
    return updated
