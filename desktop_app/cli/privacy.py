"""`satudesa privacy retention|erase|consent-form|consent|report`: personal-data rights
(UU 27/2022 PDP)."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.device import clock
from desktop_app.domain.dates import parse_date
from desktop_app.domain.formatting import tanggal
from desktop_app.services import erasure, personal_data, registry


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    privacy = sub.add_parser("privacy", parents=[common], help="hak atas data pribadi (UU PDP)")
    ps = privacy.add_subparsers(dest="privacy_action", metavar="AKSI", required=True)

    retention = ps.add_parser(
        "retention", parents=[common], help="masa simpan data pekerja yang dihapus"
    )
    retention.add_argument("--days", type=int, help="kabupaten: tetapkan masa simpan (hari)")
    add_json_flag(retention)
    retention.set_defaults(run=run_retention)

    erase = ps.add_parser(
        "erase", parents=[common], help="hapus permanen data pekerja yang masa simpannya lewat"
    )
    add_json_flag(erase)
    erase.set_defaults(run=run_erase)
    register_rights(ps, common)


def run_retention(args: argparse.Namespace) -> int:
    inst = installation(args)
    if args.days is not None:
        erasure.set_retention_days(inst, args.days)
    days = erasure.retention_days(inst)
    who = (
        "ditetapkan kabupaten" if inst.role == "village" else "dikirim ke desa lewat berkas kembali"
    )
    emit(
        args,
        {"retention_days": days},
        f"Masa simpan data pekerja yang dihapus: {days} hari ({who}); sesudahnya nama, NIK, "
        "data lahir, HP, alamat, ahli waris dan anak dihapus permanen.",
    )
    return 0


def run_erase(args: argparse.Namespace) -> int:
    inst = installation(args)
    result = erasure.erase_due(inst)
    text = f"{result.count} pekerja dihapus permanen (masa simpan {result.retention_days} hari)."
    if result.waiting_for_district:
        text += (
            f" {result.waiting_for_district} pekerja menunggu: penghapusannya belum diterima "
            "kabupaten (kirim data dahulu)."
        )
    emit(args, dataclasses.asdict(result), text)
    return 0


def register_rights(ps: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    form = ps.add_parser(
        "consent-form",
        parents=[common],
        help="cetak pernyataan persetujuan (PDF) untuk ditandatangani",
    )
    form.add_argument("id", nargs="?", help="id atau NIK pekerja (kosong: formulir kosong)")
    form.add_argument("--out", type=Path, required=True, help="berkas PDF tujuan")
    add_json_flag(form)
    form.set_defaults(run=run_consent_form)

    consent = ps.add_parser(
        "consent", parents=[common], help="catat pernyataan persetujuan yang sudah ditandatangani"
    )
    consent.add_argument("id", help="id atau NIK pekerja")
    consent.add_argument("--signed-on", default="", help="tanggal tanda tangan (bawaan: hari ini)")
    add_json_flag(consent)
    consent.set_defaults(run=run_consent)

    report = ps.add_parser(
        "report", parents=[common], help="laporan akses: semua data tentang satu pekerja (PDF)"
    )
    report.add_argument("id", help="id atau NIK pekerja")
    report.add_argument("--out", type=Path, required=True, help="berkas PDF tujuan")
    add_json_flag(report)
    report.set_defaults(run=run_report)


def run_consent_form(args: argparse.Namespace) -> int:
    path = personal_data.write_consent_statement(installation(args), args.out, args.id)
    emit(args, {"path": str(path)}, f"Pernyataan persetujuan: {path}")
    return 0


def run_consent(args: argparse.Namespace) -> int:
    inst = installation(args)
    worker = registry.find_worker(inst, args.id)
    day = parse_date(args.signed_on, "signed_on") if args.signed_on else clock.today()
    personal_data.record_consent(inst, worker.id, day)
    emit(
        args,
        {"worker_id": worker.id, "signed_on": day.isoformat()},
        f"Persetujuan {worker.full_name} tercatat, ditandatangani {tanggal(day)}.",
    )
    return 0


def run_report(args: argparse.Namespace) -> int:
    path = personal_data.access_report(installation(args), args.id, args.out)
    emit(args, {"path": str(path)}, f"Laporan akses data pribadi: {path}")
    return 0
