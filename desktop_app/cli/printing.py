"""`satudesa print letters|cards|register`, `satudesa verify-card`, `satudesa letterhead`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

from desktop_app.cli.arg_types import fiscal_year
from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.services import letterhead, printing, registry


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pr = sub.add_parser("print", parents=[common], help="cetak surat, kartu atau daftar (PDF)")
    pr.add_argument("kind", choices=sorted(printing.KINDS))
    pr.add_argument("--out", type=Path, required=True, help="berkas PDF tujuan")
    pr.add_argument("--year", type=fiscal_year, default=dt.date.today().year)
    who = pr.add_mutually_exclusive_group()
    who.add_argument("--all", action="store_true", help="semua pekerja yang dibiayai (bawaan)")
    who.add_argument("--id", nargs="+", help="id atau NIK pekerja")
    add_json_flag(pr)
    pr.set_defaults(run=run_print)

    vc = sub.add_parser("verify-card", parents=[common], help="periksa isi kode QR kartu")
    vc.add_argument("payload", help="teks kode QR (SD1:…)")
    vc.add_argument("--nik", help="NIK pada KTP pemegang kartu (hanya di desa penerbit)")
    add_json_flag(vc)
    vc.set_defaults(run=run_verify)

    lh = sub.add_parser("letterhead", parents=[common], help="kop surat dan pola nomor surat")
    fields = [f.name for f in dataclasses.fields(letterhead.LetterheadSettings)]
    for name in fields:
        if name == "mask_nik":
            lh.add_argument("--mask-nik", choices=["yes", "no"], help="samarkan NIK di dokumen")
        else:
            lh.add_argument("--" + name.replace("_", "-"), dest=name)
    add_json_flag(lh)
    lh.set_defaults(run=run_letterhead)


def run_print(args: argparse.Namespace) -> int:
    inst = installation(args)
    ids = [registry.find_worker(inst, ref).id for ref in args.id] if args.id else None
    result = printing.print_documents(inst, args.kind, args.out, args.year, ids)
    lines = (
        [f"{printing.KINDS[args.kind]} untuk {result.count} pekerja: {result.path}"]
        if result.path
        else ["Tidak ada yang dapat dicetak."]
        + ([] if result.missing else [printing.nothing_to_print_reason(inst, ids, args.year)])
    )
    lines += [f"  tidak dicetak: {name} — {reason}" for name, reason in result.missing]
    emit(args, dataclasses.asdict(result), "\n".join(lines))
    return 0 if result.path else 1


def run_verify(args: argparse.Namespace) -> int:
    verdict = printing.verify_card_payload(installation(args), args.payload, args.nik)
    emit(args, dataclasses.asdict(verdict), verdict.headline())
    return 0 if verdict.valid else 1


def run_letterhead(args: argparse.Namespace) -> int:
    inst = installation(args)
    current = letterhead.settings(inst)
    changes = {
        f.name: getattr(args, f.name)
        for f in dataclasses.fields(current)
        if getattr(args, f.name, None) is not None
    }
    if "mask_nik" in changes:
        changes["mask_nik"] = changes["mask_nik"] == "yes"
    saved = letterhead.save(inst, dataclasses.replace(current, **changes)) if changes else current
    lines = [f"{label}: {getattr(saved, name) or '-'}" for name, label in letterhead.LABELS.items()]
    lines.append(f"{letterhead.MASK_LABEL}: {'ya' if saved.mask_nik else 'tidak'}")
    emit(args, dataclasses.asdict(saved), "\n".join(lines))
    return 0
