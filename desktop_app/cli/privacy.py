"""`satudesa privacy retention|erase`: personal-data rights (UU 27/2022 PDP)."""

from __future__ import annotations

import argparse
import dataclasses

from desktop_app.cli.output import add_json_flag, emit
from desktop_app.services import erasure
from desktop_app.services.installation import open_installation


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


def run_retention(args: argparse.Namespace) -> int:
    inst = open_installation(args.data_dir)
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
    inst = open_installation(args.data_dir)
    result = erasure.erase_due(inst)
    text = f"{result.count} pekerja dihapus permanen (masa simpan {result.retention_days} hari)."
    if result.waiting_for_district:
        text += (
            f" {result.waiting_for_district} pekerja menunggu: penghapusannya belum diterima "
            "kabupaten (kirim data dahulu)."
        )
    emit(args, dataclasses.asdict(result), text)
    return 0
