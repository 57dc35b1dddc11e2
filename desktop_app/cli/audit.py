"""`satudesa audit verify|history`: is the audit log whole, and what happened to one worker."""

from __future__ import annotations

import argparse
import dataclasses

from desktop_app.cli import opened
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.services import audit_trail, registry


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", parents=[common], help="catatan audit / audit log")
    aus = audit.add_subparsers(dest="action", metavar="AKSI", required=True)
    verify = aus.add_parser(
        "verify", parents=[common], help="periksa rantai catatan audit (keluar 1 jika putus)"
    )
    verify.set_defaults(run=run_verify)
    history = aus.add_parser("history", parents=[common], help="riwayat satu pekerja")
    history.add_argument("id", help="id, awalan id (6+ huruf) atau NIK")
    history.set_defaults(run=run_history)
    for parser in (verify, history):
        add_json_flag(parser)


def run_verify(args: argparse.Namespace) -> int:
    check = audit_trail.verify_chain(opened.installation(args))
    emit(args, {**dataclasses.asdict(check), "ok": check.ok}, check.message)
    return 0 if check.ok else 1


def run_history(args: argparse.Namespace) -> int:
    inst = opened.installation(args)
    worker = registry.find_worker(inst, args.id)
    rows = audit_trail.worker_history(inst, worker.id)
    emit(
        args,
        [dataclasses.asdict(r) for r in rows],
        "\n".join(
            f"{r.when:32} {r.who:14} {r.what}" + (f" ({', '.join(r.fields)})" if r.fields else "")
            for r in rows
        ),
    )
    return 0
