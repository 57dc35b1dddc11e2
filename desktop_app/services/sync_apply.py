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
from desktop_app.domain.likely_duplicates import RULES, Person, likely_same
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
    """Write the changes after `applied_seq`; refuse the file if a re-sent change differs."""
    h = opened.header
    code = h["village_code"]
    known = district.received_hashes(db, code, h["first_seq"], min(h["last_seq"], applied_seq))
    new = 0
    for change, sha in zip(opened.records, record_sha256s(opened), strict=True):
        if change["seq"] <= applied_seq:
            if known.get(change["seq"]) != sha:
                raise SyncRefused(
                    "sync.replayed",
                    f"Perubahan nomor {change['seq']} dalam berkas ini berbeda dengan yang sudah "
                    f"diterima dari {h['village_name']}. Mungkin aplikasi desa dipasang ulang "
                    "tanpa memulihkan cadangan; hubungi operator desa sebelum mengimpor.",
                )
            continue
        district.record_received(db, code, change["seq"], sha)
        if change["entity"] == "worker":
            check_worker_change(db, h, change)
            _apply_change(
                db, code, district_materialise.minimised(change["payload"]), h["device_id"]
            )
        elif change["entity"] in ("coverage", "event", "card"):
            check_program_change(db, h, change)
            if change["entity"] == "coverage":
                _check_coverage_forward(db, code, change["payload"])
            elif change["entity"] == "card":
                card = change["payload"]
                cards.record_at_district(db, card["worker_id"], card["serial"], card["issued_on"])
        district_materialise.materialise(db, code, change)
        new += 1
    if new:  # a file seen before must not even touch the "last batch" time
        district.set_applied(db, code, max(applied_seq, h["last_seq"]))
        if h.get(AUDIT):
            _check_audit_chain(db, code, h["village_name"], h[AUDIT])
    return Applied(new, len(opened.records) - new)


def check_worker_change(db: Database, header: dict, change: dict[str, Any]) -> None:
    """A worker from a village's file passes the form's rules and belongs to that village.

    The signature proves which village sent a file, not that its app is honest: a record
    must not carry another village's worker id (it would overwrite that village's row) or
    values the form would refuse.
    """
    code, record = header["village_code"], change["payload"]
    owner = district.worker_village(db, record["id"])
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


def check_program_change(db: Database, header: dict, change: dict[str, Any]) -> None:
    """A coverage period, an event or a card touches only the sending village's workers and
    rows."""
    code, payload = header["village_code"], change["payload"]
    owners = {district.worker_village(db, str(payload["worker_id"]))}
    if change["entity"] in ("coverage", "event"):
        owners.add(district_program.row_village(db, change["entity"], payload["id"]))
    if owners - {None, code}:
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


def _apply_change(db: Database, village_code: str, record: dict[str, Any], device_id: str) -> None:
    district.upsert_worker(db, village_code, record, device_id)
    if record.get("deleted_at"):
        return
    for other in district.find_live_by_nik(db, record["nik"]):
        if other["village_code"] != village_code:
            district.add_finding(
                db,
                "nik_other_village",
                village_code,
                record["id"],
                record["nik"],
                f"NIK {record['nik']} ({record['full_name']}) juga terdaftar di desa "
                f"{other['village_code']} atas nama {other['full_name']}.",
            )
        elif other["id"] != record["id"]:
            # A village refuses a second live record of one NIK, so two here mean the village
            # was set up again (a new laptop without the backup) and registered the worker anew.
            district.add_finding(
                db,
                "nik_twice_in_village",
                village_code,
                record["id"],
                record["nik"],
                f"NIK {record['nik']} ({record['full_name']}) tercatat dua kali dari desa ini, "
                "mungkin karena aplikasi desa dipasang ulang tanpa cadangan. Periksa bersama "
                "operator desa, dan daftarkan NIK ini ke BPJS satu kali saja.",
            )
    _find_likely_same_person(db, village_code, record)
    born = dt.date.fromisoformat(record["birth_date"])
    registered = dt.date.fromisoformat(record["created_at"][:10])
    age = age_on(born, registered)
    if age >= limits().max_age_exclusive:
        district.add_finding(
            db,
            "too_old",
            village_code,
            record["id"],
            record["nik"],
            f"{record['full_name']} berumur {age} tahun saat didaftarkan; BPU hanya untuk "
            f"umur di bawah {limits().max_age_exclusive} tahun.",
        )


def _check_coverage_forward(db: Database, village_code: str, record: dict) -> None:
    """Cover is bought forward only; a period a village recorded for months already past when
    it was recorded (an old version, an edited database) is a finding for the officer."""
    start = dt.date.fromisoformat(record["start_month"])
    recorded = dt.datetime.fromisoformat(record["created_at"]).astimezone(WITA).date()
    try:
        check_period_start(start.year, start.month, recorded)
    except Refused as e:
        district.add_finding(
            db,
            "coverage_backdated",
            village_code,
            record["worker_id"],
            None,
            f"Periode iuran dicatat {recorded.isoformat()} untuk bulan yang sudah lewat: "
            f"{e.message}",
        )


def _find_likely_same_person(db: Database, village_code: str, record: dict[str, Any]) -> None:
    """A finding when another village has likely the same person under another NIK."""
    person = Person(
        record["nik"], record["full_name"], record["birth_date"], record.get("kk_number")
    )
    for other in district.live_born_on(db, record["birth_date"], village_code):
        rule = likely_same(
            person,
            Person(other["nik"], other["full_name"], other["birth_date"], other["kk_number"]),
        )
        if rule:
            district.add_finding(
                db,
                "likely_same_person",
                village_code,
                record["id"],
                record["nik"],
                f"{record['full_name']} (NIK {record['nik']}) mungkin orang yang sama dengan "
                f"{other['full_name']} (NIK {other['nik']}) di desa {other['village_code']}: "
                f"{RULES[rule]}. Periksa KTP-nya bersama kedua desa.",
            )
            return


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
