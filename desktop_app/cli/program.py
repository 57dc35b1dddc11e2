"""`satudesa budget|fund|report|event|claim|policy`: the program through the year."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path

from desktop_app.cli import district as district_cli
from desktop_app.cli.arg_types import bounded_int, fiscal_year
from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.domain.dates import parse_date, parse_month
from desktop_app.domain.errors import Refused
from desktop_app.domain.formatting import month_year, rupiah, thousands
from desktop_app.domain.worker import parse_rupiah
from desktop_app.services import budget, events, policy, registry, report_files, reports
from desktop_app.services.worker_list import Row


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    this_year = dt.date.today().year
    b = sub.add_parser("budget", parents=[common], help="anggaran desa per tahun")
    bs = b.add_subparsers(dest="budget_action", metavar="AKSI", required=True)
    bset = bs.add_parser("set", parents=[common], help="isi anggaran tahun anggaran")
    bset.add_argument("--year", type=fiscal_year, default=this_year)
    bset.add_argument("--amount", required=True, help="jumlah rupiah, mis. 26.160.000")
    bset.add_argument("--line", default=budget.DEFAULT_LINE, help="nama pos APBDes")
    bset.add_argument(
        "--target", type=bounded_int(1, 100_000), default=100, help="target pekerja (bawaan 100)"
    )
    bset.add_argument(
        "--working-residents",
        type=bounded_int(1, 1_000_000),
        help="jumlah penduduk desa yang bekerja",
    )
    add_json_flag(bset)
    bset.set_defaults(run=run_budget_set)
    bshow = bs.add_parser("show", parents=[common], help="tampilkan anggaran")
    bshow.add_argument("--year", type=fiscal_year, default=this_year)
    add_json_flag(bshow)
    bshow.set_defaults(run=run_budget_show)

    fund = sub.add_parser("fund", parents=[common], help="biayai pekerja dari APBDes")
    fund.add_argument("--year", type=fiscal_year, default=this_year)
    who = fund.add_mutually_exclusive_group(required=True)
    who.add_argument("--all", action="store_true", help="semua pekerja yang belum dibiayai")
    who.add_argument("--id", nargs="+", help="id atau NIK pekerja")
    fund.add_argument(
        "--from-month",
        type=bounded_int(1, 12),
        help="bulan mulai, 1–12 (bawaan: bulan depan untuk tahun ini, Januari untuk tahun depan)",
    )
    fund.add_argument(
        "--months", type=bounded_int(1, 12), help="jumlah bulan (bawaan: sampai Desember)"
    )
    fund.add_argument(
        "--funding",
        choices=["village", "self", "other"],
        default="village",
        help="pembayar: village (APBDes, bawaan), self (mandiri), other (pihak lain)",
    )
    add_json_flag(fund)
    fund.set_defaults(run=run_fund)

    rep = sub.add_parser("report", parents=[common], help="laporan")
    rep.add_argument("kind", choices=["coverage", "budget", "renewals", "paritrana"])
    rep.add_argument(
        "--by", choices=["village", "kecamatan"], help="kabupaten: per desa atau per kecamatan"
    )
    rep.add_argument("--year", type=fiscal_year, default=this_year)
    rep.add_argument("--month", help="bulan perpanjangan, YYYY-MM (bawaan: bulan depan)")
    rep.add_argument("--format", choices=report_files.FORMATS)
    rep.add_argument("--out", type=Path)
    add_json_flag(rep)
    rep.set_defaults(run=run_report)

    ev = sub.add_parser("event", parents=[common], help="kejadian: kecelakaan, meninggal, …")
    evs = ev.add_subparsers(dest="event_action", metavar="AKSI", required=True)
    add = evs.add_parser("add", parents=[common], help="catat kejadian")
    add.add_argument("id", help="id atau NIK pekerja")
    add.add_argument(
        "kind", choices=["accident", "illness", "death", "moved", "occupation_changed"]
    )
    add.add_argument("--date", required=True, help="tanggal kejadian")
    add.add_argument("--cause", choices=["work", "non_work"])
    add.add_argument("--place", default="")
    add.add_argument("--unable-from")
    add.add_argument("--unable-to")
    add.add_argument("--occupation", help="pekerjaan baru (occupation_changed)")
    add.add_argument("--detail", default="")
    add.add_argument(
        "--disability", choices=["total", "partial"], help="cacat akibat kecelakaan kerja"
    )
    add.add_argument(
        "--disability-part", help="bagian tubuh (cacat sebagian), kode dari rules/benefits.json"
    )
    add.add_argument("--function-loss", type=int, help="persen berkurangnya fungsi (1–100)")
    add_json_flag(add)
    add.set_defaults(run=run_event_add)
    claim = evs.add_parser("claim", parents=[common], help="ubah status klaim")
    claim.add_argument("event_id")
    claim.add_argument("status", choices=["preparing", "submitted", "paid", "refused"])
    add_json_flag(claim)
    claim.set_defaults(run=run_claim)

    letter = evs.add_parser("letter", parents=[common], help="surat pengantar klaim (PDF)")
    letter.add_argument("event_id")
    letter.add_argument("--out", type=Path, required=True)
    add_json_flag(letter)
    letter.set_defaults(run=run_claim_letter)

    pol = sub.add_parser("policy", parents=[common], help="kebijakan kabupaten")
    pol.add_argument(
        "--village-budget-is-apbd",
        choices=["yes", "no"],
        help="apakah APBDes dihitung sebagai APBD (PP 50/2025)",
    )
    pol.add_argument(
        "--motoris-is-transport",
        choices=["yes", "no"],
        help="apakah motoris dihitung sebagai sektor transportasi (PP 50/2025)",
    )
    add_json_flag(pol)
    pol.set_defaults(run=run_policy)


def _summary_text(s: budget.BudgetSummary) -> str:
    return (
        f"Anggaran {s.year}: {rupiah(s.allocated)} ({s.budget_line})\n"
        f"Dipakai {rupiah(s.committed)}, sisa {rupiah(s.remaining)}\n"
        f"Satu Desa 100: {s.funded_workers} dari {s.target} pekerja\n{s.policy}"
    )


def run_budget_set(args: argparse.Namespace) -> int:
    inst = installation(args)
    s = budget.set_budget(
        inst,
        args.year,
        parse_rupiah(args.amount, "amount"),
        args.line,
        args.target,
        args.working_residents,
    )
    emit(args, {**dataclasses.asdict(s), "remaining": s.remaining}, _summary_text(s))
    return 0


def run_budget_show(args: argparse.Namespace) -> int:
    s = budget.summary(installation(args), args.year)
    emit(args, {**dataclasses.asdict(s), "remaining": s.remaining}, _summary_text(s))
    return 0


def run_fund(args: argparse.Namespace) -> int:
    inst = installation(args)
    ids = None if args.all else [registry.find_worker(inst, ref).id for ref in args.id]
    result = budget.fund_workers(inst, args.year, ids, args.months, args.funding, args.from_month)
    emit(
        args,
        dataclasses.asdict(result),
        f"{result.workers} pekerja dibiayai, {rupiah(result.total)}.\n"
        + "\n".join(f"Dasar iuran: {n}" for n in result.rate_notes),
    )
    return 0


def run_report(args: argparse.Namespace) -> int:
    inst = installation(args)
    if inst.role == "district":
        return district_cli.run_report(args, inst)
    if args.kind == "paritrana" or args.by:
        raise Refused("report.district_only", "Laporan ini hanya ada di instalasi kabupaten.")
    if args.kind == "renewals":
        today = dt.date.today()
        month = (
            parse_month(args.month)
            if args.month
            else (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        )
        if args.out:
            path, count = budget.print_renewals(inst, month, args.out)
            emit(
                args,
                {"path": str(path), "workers": count},
                f"Daftar perpanjangan ({count} pekerja): {path}",
            )
            return 0
        due = budget.renewals(inst, month)
        emit(
            args,
            [w.to_dict() for w in due],
            f"Perlu diperpanjang untuk {month_year(month)}: {len(due)} pekerja\n"
            + "\n".join(f"  {w.nik}  {w.full_name}  ({Row(w).occupation_label})" for w in due),
        )
        return 0
    report = reports.coverage_report(inst, args.year)
    if args.out:
        path = report_files.write_report(report, args.out, args.format)
        emit(args, {"path": str(path)}, f"Laporan ditulis ke {path}")
        return 0
    if args.kind == "budget":
        text = (
            f"Anggaran {rupiah(report.allocated)}, dianggarkan {rupiah(report.committed)}, "
            f"terealisasi {rupiah(report.realised)}"
        )
    else:
        text = "\n".join(
            [
                f"Terdaftar {thousands(report.registered)}, dibiayai {thousands(report.funded)}, "
                f"aktif {thousands(report.active)}"
            ]
            + [
                f"  {line.label}: {line.registered}/{line.funded}/{line.active}"
                for line in report.breakdowns["occupation"]
            ]
        )
    emit(args, dataclasses.asdict(report), text)
    return 0


def _date(raw: str | None, field: str) -> dt.date | None:
    return parse_date(raw, field) if raw else None


def run_event_add(args: argparse.Namespace) -> int:
    inst = installation(args)
    worker = registry.find_worker(inst, args.id)
    row = events.add_event(
        inst,
        worker.id,
        args.kind,
        parse_date(args.date, "event_date"),
        place=args.place,
        cause=args.cause,
        unable_from=_date(args.unable_from, "unable_from"),
        unable_to=_date(args.unable_to, "unable_to"),
        detail=args.detail,
        new_occupation=args.occupation,
        disability=args.disability,
        disability_part=args.disability_part,
        function_loss_percent=args.function_loss,
    )
    rights = events.entitlements(inst, row)
    cover = events.cover_on_event_day(inst, row)
    emit(
        args,
        {
            **row,
            "coverage": {"state": cover.state, "note": cover.note},
            "entitlements": [r.to_dict() for r in rights],
        },
        f"Kejadian dicatat (id {row['id']}).\n{cover.note}\n"
        + "\n".join(f"  {r.title}: {r.amount_text} — {r.note}" for r in rights),
    )
    return 0


def run_claim(args: argparse.Namespace) -> int:
    row = events.set_claim_status(installation(args), args.event_id, args.status)
    emit(args, row, f"Status klaim: {row['claim_status']}")
    return 0


def run_claim_letter(args: argparse.Namespace) -> int:
    path = events.print_claim_letter(installation(args), args.event_id, args.out)
    emit(args, {"path": str(path)}, f"Surat pengantar klaim: {path}")
    return 0


def run_policy(args: argparse.Namespace) -> int:
    inst = installation(args)
    if args.village_budget_is_apbd:
        policy.set_village_budget_is_apbd(inst, args.village_budget_is_apbd == "yes")
    if args.motoris_is_transport:
        policy.set_motoris_is_transport(inst, args.motoris_is_transport == "yes")
    emit(
        args,
        {
            "village_budget_is_apbd": policy.village_budget_is_apbd(inst),
            "motoris_is_transport": policy.motoris_is_transport(inst),
        },
        policy.describe(inst),
    )
    return 0
