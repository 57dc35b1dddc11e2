"""`satudesa worker import|export|duplicates|dismiss-duplicate`: whole lists of workers."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.domain.formatting import thousands
from desktop_app.domain.import_mapping import TARGETS
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.services import duplicates, list_import
from desktop_app.services.worker_export import export_workers
from desktop_app.services.worker_list import Filters
from desktop_app.store.workers import SORTS


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The worker list's filters and sort, shared by `worker list` and `worker export`."""
    parser.add_argument(
        "--search", default="", help="cari nama, NIK, dusun atau HP (kabupaten: nama, NIK atau KPJ)"
    )
    parser.add_argument("--status", choices=sorted(STATUS_LABELS))
    parser.add_argument("--occupation")
    parser.add_argument("--dusun")
    parser.add_argument("--sort", choices=sorted(SORTS), help="urutkan menurut kolom ini")
    parser.add_argument("--desc", action="store_true", help="urutan terbalik")
    parser.add_argument("--removed", action="store_true", help="hanya pekerja yang dihapus")


def filters_of(args: argparse.Namespace) -> Filters:
    return Filters(
        args.search,
        args.status,
        args.occupation,
        args.dusun,
        sort=args.sort,
        descending=args.desc,
        removed=args.removed,
    )


def register_actions(ws: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    imp = ws.add_parser("import", parents=[common], help="impor daftar pekerja dari XLSX/CSV")
    imp.add_argument("file", type=Path, help="daftar .xlsx atau .csv (koma atau titik koma)")
    imp.add_argument(
        "--errors",
        type=Path,
        help="tulis baris yang ditolak beserta alasannya ke berkas .xlsx ini "
        "(bawaan: di samping berkas daftar)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="JUDUL=ISIAN",
        help="baca kolom JUDUL sebagai ISIAN (mis. 'Nomor Identitas=nik'; kosong: tidak "
        "diimpor); diingat untuk impor berikutnya. Isian: " + ", ".join(TARGETS),
    )
    add_json_flag(imp)
    imp.set_defaults(run=run_import)

    exp = ws.add_parser("export", parents=[common], help="simpan daftar pekerja ke XLSX/CSV")
    exp.add_argument("--out", type=Path, required=True, help="berkas .xlsx atau .csv")
    add_filter_options(exp)
    add_json_flag(exp)
    exp.set_defaults(run=run_export)

    dup = ws.add_parser("duplicates", parents=[common], help="kemungkinan orang yang sama")
    add_json_flag(dup)
    dup.set_defaults(run=run_duplicates)

    dismiss = ws.add_parser(
        "dismiss-duplicate", parents=[common], help="tandai pasangan sudah diperiksa"
    )
    dismiss.add_argument("pair", type=int, help="nomor pasangan dari 'worker duplicates'")
    dismiss.add_argument("--reason", required=True, help="alasan, mis. 'kembar'")
    add_json_flag(dismiss)
    dismiss.set_defaults(run=run_dismiss)


def run_import(args: argparse.Namespace) -> int:
    inst = installation(args)
    listed, mapping = list_import.open_list(inst, args.file)
    if args.map:
        mapping = list_import.choose_columns(listed, mapping, args.map)
        list_import.check_mapping(mapping)
        list_import.remember_mapping(inst, listed.headers, mapping)
    result = list_import.import_list(inst, listed, mapping)
    errors_path = None
    if result.refused:
        errors_path = list_import.save_refused(
            result, args.errors or list_import.default_errors_path(args.file)
        )
    lines = [
        f"{thousands(result.total)} baris dibaca dari {args.file.name} "
        f"(judul kolom di baris {listed.header_row}).",
        f"  Masuk: {thousands(result.added)}",
        f"  Sudah terdaftar (dilewati): {thousands(result.already_registered)}",
        f"  Ditolak: {thousands(len(result.refused))}",
    ]
    lines += [f"    Baris {r.row.number}: {r.reason}" for r in result.refused[:20]]
    if len(result.refused) > 20:
        lines.append(f"    … dan {thousands(len(result.refused) - 20)} baris lagi")
    if errors_path:
        lines.append(f"Perbaiki baris yang ditolak di {errors_path}, lalu impor berkas itu.")
    lines += [f"Peringatan: {w}" for w in result.warnings]
    emit(
        args,
        {
            "added": result.added,
            "already_registered": result.already_registered,
            "refused": [{"row": r.row.number, "reason": r.reason} for r in result.refused],
            "warnings": list(result.warnings),
            "likely_duplicates": result.likely_duplicates,
            "errors_file": str(errors_path) if errors_path else None,
            "mapping": dict(zip(listed.headers, mapping, strict=True)),
        },
        "\n".join(lines),
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    inst = installation(args)
    n = export_workers(inst, filters_of(args), args.out)
    emit(
        args,
        {"workers": n, "file": str(args.out)},
        f"{thousands(n)} pekerja ditulis ke {args.out}.",
    )
    return 0


def run_duplicates(args: argparse.Namespace) -> int:
    inst = installation(args)
    pairs = duplicates.open_pairs(inst)
    lines = [
        f"[{p.id}] {p.worker.full_name} (NIK {p.worker.nik}) ~ {p.other.full_name} "
        f"(NIK {p.other.nik}): {p.rule_label}"
        for p in pairs
    ]
    lines.append(f"{thousands(len(pairs))} pasangan belum diperiksa.")
    emit(
        args,
        [
            {
                "id": p.id,
                "rule": p.rule,
                "worker": p.worker.to_dict(),
                "other": p.other.to_dict(),
            }
            for p in pairs
        ],
        "\n".join(lines),
    )
    return 0


def run_dismiss(args: argparse.Namespace) -> int:
    inst = installation(args)
    duplicates.dismiss(inst, args.pair, args.reason)
    emit(
        args,
        {"id": args.pair, "reason": args.reason},
        f"Pasangan {args.pair} ditandai sudah diperiksa.",
    )
    return 0
