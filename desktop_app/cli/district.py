"""The district's answers to `villages`, `report` and `worker list|show`.

The commands are the village's; at a district installation they read the whole regency.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from desktop_app.cli.output import emit
from desktop_app.domain.errors import Refused
from desktop_app.domain.formatting import local_iso, local_time, rupiah, thousands
from desktop_app.services import district_board, district_report_files, district_workers
from desktop_app.services.installation import Installation


def board_json(row: district_board.BoardRow) -> dict[str, Any]:
    data = dataclasses.asdict(row)
    data["last_batch_at"] = row.last_batch_at and local_iso(row.last_batch_at)
    return data


def run_villages(args: argparse.Namespace, inst: Installation) -> int:
    """Reporting villages; with --all every desa of the regency; --kelurahan the kelurahan."""
    report = district_board.district_report(inst, args.year)
    if args.kelurahan:
        rows = [r for r in report.board if r.kelurahan]
    elif args.all:
        rows = [r for r in report.board if not r.kelurahan or r.reported]
    else:
        rows = [r for r in report.board if r.reported]
    lines = [
        f"{'Kode':14} {'Desa':22} {'Kecamatan':18} {'Pekerja':>7} {'Dibiayai':>8} "
        f"{'Aktif':>6}  Batch terakhir"
    ]
    for r in rows:
        last = (
            f"{local_time(r.last_batch_at)} ({r.days_silent} hari)"
            if r.last_batch_at
            else "belum pernah mengirim"
        )
        mark = "!" if r.silent else " "
        lines.append(
            f"{r.code:14} {r.name[:22]:22} {r.kecamatan[:18]:18} {r.workers:7} {r.funded:8} "
            f"{r.active:6} {mark}{last}"
        )
        lines += [f"    ! {gap}" for gap in r.gaps]
    emit(args, [board_json(r) for r in rows], "\n".join(lines))
    return 0


def rollup_json(rollup: district_board.Rollup, **extra: Any) -> dict[str, Any]:
    return {
        "code": rollup.code,
        "name": rollup.name,
        **extra,
        "villages": rollup.villages,
        "villages_reporting": rollup.villages_reporting,
        "villages_at_target": rollup.villages_at_target,
        **dataclasses.asdict(rollup.report),
    }


def report_json(report: district_board.DistrictReport, by: str) -> dict[str, Any]:
    """The regency's report with the same keys as a village's, and one entry per group."""
    entries = (
        [rollup_json(k) for k in report.kecamatan]
        if by == "kecamatan"
        else [
            rollup_json(v, kecamatan=district_board.kecamatan_code(v.code)) for v in report.villages
        ]
    )
    return {
        **rollup_json(report.regency),
        "by": by,
        "entries": entries,
        ("kecamatan" if by == "kecamatan" else "village_reports"): entries,
        "paritrana": dataclasses.asdict(report.paritrana),
    }


def run_report(args: argparse.Namespace, inst: Installation) -> int:
    if args.kind == "renewals":
        raise Refused(
            "report.village_only", "Daftar perpanjangan dibuat di desa, bukan di kabupaten."
        )
    by = args.by or "kecamatan"
    report = district_board.district_report(inst, args.year, with_months=args.kind == "paritrana")
    if args.out:
        kind = "paritrana" if args.kind == "paritrana" else by
        path = district_report_files.write_district_report(report, kind, args.out, args.format)
        emit(args, {"path": str(path)}, f"Laporan ditulis ke {path}")
        return 0
    if args.kind == "paritrana":
        p = report.paritrana
        text = "\n".join(f"{label}: {value}" for label, value in district_board.paritrana_lines(p))
        emit(args, dataclasses.asdict(p), text)
        return 0
    r = report.regency.report
    groups = report.kecamatan if by == "kecamatan" else report.villages
    lines = [
        f"{report.regency.name} {report.year}: terdaftar {thousands(r.registered)}, "
        f"dibiayai {thousands(r.funded)}, aktif {thousands(r.active)}; "
        f"{report.regency.villages_reporting} dari {report.regency.villages} desa melapor",
        f"{'':24} {'Terdaftar':>9} {'Dibiayai':>9} {'Aktif':>7} {'Desa 100':>8}  Iuran APBDes",
    ]
    for g in groups:
        lines.append(
            f"{g.name[:24]:24} {g.report.registered:9} {g.report.funded:9} "
            f"{g.report.active:7} {g.villages_at_target:8}  {rupiah(g.report.committed)}"
        )
    emit(args, report_json(report, by), "\n".join(lines))
    return 0


def run_worker_list(args: argparse.Namespace, inst: Installation) -> int:
    total = district_workers.count(inst, args.search)
    rows = district_workers.search(inst, args.search, limit=args.limit, total=total)
    lines = [f"{'NIK':16}  {'Nama':28}  {'Desa':20}  {'KPJ':11}  Kepesertaan"]
    lines += [
        f"{r['nik']:16}  {r['full_name'][:28]:28}  {r['village'][:20]:20}  "
        f"{r['kpj_number'] or '-':11}  {r['coverage_label']}"
        for r in rows
    ]
    lines.append(f"{thousands(len(rows))} dari {thousands(total)} pekerja")
    emit(args, {"total": total, "workers": rows}, "\n".join(lines))
    return 0


def run_worker_show(args: argparse.Namespace, inst: Installation) -> int:
    d = district_workers.details(inst, district_workers.find(inst, args.id))
    text = [
        f"{d['full_name']}  ({d['status_label']}{', DIHAPUS' if d['deleted_at'] else ''})",
        f"  Desa          {d['village']}, Kecamatan {d['kecamatan']}",
        f"  NIK           {d['nik']}",
        f"  KPJ           {d['kpj_number'] or '-'}",
        f"  Pekerjaan     {d['occupation_label']}",
        f"  Kepesertaan   {d['coverage_label']}",
        f"  Ahli waris    {d['heirs']}, anak {d['children']} (data ada di desa)",
    ]
    text += [
        f"  Iuran {p['fiscal_year']}    {p['months']} bulan dari {p['start_month'][:7]}, "
        f"{rupiah(p['total_amount'])}"
        for p in d["coverage_periods"]
    ]
    text += [
        f"  Kejadian      {e['kind']} {e['event_date']} ({e['claim_status']})" for e in d["events"]
    ]
    emit(args, d, "\n".join(text))
    return 0
