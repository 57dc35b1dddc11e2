"""`satudesa worker add|list|show|edit|remove|restore`."""

from __future__ import annotations

import argparse
import dataclasses

from desktop_app.cli import district as district_cli
from desktop_app.cli.arg_types import bounded_int
from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.cli.worker_lists import add_filter_options, filters_of, register_actions
from desktop_app.device import clock
from desktop_app.domain.dates import parse_date
from desktop_app.domain.family import HeirForm
from desktop_app.domain.formatting import rupiah, tanggal, thousands
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.domain.worker import WorkerForm
from desktop_app.services import personal_data, registry
from desktop_app.services.worker_list import query_workers

FORM_OPTIONS = {
    "nik": "NIK, 16 angka",
    "kk_number": "nomor KK, 16 angka",
    "full_name": "nama lengkap",
    "birth_place": "tempat lahir",
    "birth_date": "tanggal lahir (YYYY-MM-DD atau DD-MM-YYYY)",
    "sex": "jenis kelamin L/P",
    "address": "alamat",
    "dusun": "dusun",
    "rt": "RT",
    "rw": "RW",
    "phone": "nomor HP",
    "occupation": "kode pekerjaan (motoris, petani, pekebun, nelayan, supir, ...)",
    "occupation_other": "pekerjaan lainnya (jika kode 'lainnya')",
    "monthly_income": "penghasilan sebulan dalam rupiah",
    "programs": "program, mis. JKK,JKM atau JKK,JKM,JHT",
}
HEIR_OPTIONS = {
    "heir_name": "nama ahli waris",
    "heir_relation": "hubungan ahli waris (suami, istri, anak, ayah, ibu, saudara, lainnya)",
    "heir_phone": "nomor HP ahli waris",
}
FORM_FIELDS = {*FORM_OPTIONS, "nik_mismatch_reason"}
# `worker add --name` reads better than --full-name; both are accepted.
ALIASES = {"full_name": ["--name"]}


def _option(name: str) -> list[str]:
    return ["--" + name.replace("_", "-"), *ALIASES.get(name, [])]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    worker = sub.add_parser("worker", parents=[common], help="data pekerja / workers")
    ws = worker.add_subparsers(dest="action", metavar="AKSI", required=True)

    add = ws.add_parser("add", parents=[common], help="daftarkan pekerja baru")
    edit = ws.add_parser("edit", parents=[common], help="perbaiki data pekerja")
    edit.add_argument("id", help="id, awalan id (6+ huruf) atau NIK")
    for parser in (add, edit):
        for name, help_text in {**FORM_OPTIONS, **HEIR_OPTIONS}.items():
            parser.add_argument(*_option(name), dest=name, help=help_text)
        parser.add_argument(
            "--confirm-nik-mismatch",
            dest="nik_mismatch_reason",
            metavar="ALASAN",
            help="simpan walau jenis kelamin/tanggal lahir berbeda dengan NIK, dengan alasannya",
        )
        add_json_flag(parser)
    add.add_argument(
        "--consent-signed",
        nargs="?",
        const="today",
        metavar="TANGGAL",
        help="pekerja menandatangani pernyataan persetujuan data pribadi (bawaan: hari ini)",
    )
    add.set_defaults(run=run_add)
    edit.set_defaults(run=run_edit)

    add.add_argument(
        "--duplicate-reason",
        help="sudah diperiksa: bukan orang yang sama dengan pekerja yang mirip (mis. 'kembar')",
    )

    ls = ws.add_parser("list", parents=[common], help="daftar pekerja")
    add_filter_options(ls)
    ls.add_argument("--limit", type=bounded_int(1, 100_000), default=1000)
    add_json_flag(ls)
    ls.set_defaults(run=run_list)

    show = ws.add_parser("show", parents=[common], help="tampilkan satu pekerja")
    show.add_argument("id", help="id, awalan id (6+ huruf) atau NIK")
    add_json_flag(show)
    show.set_defaults(run=run_show)

    remove = ws.add_parser("remove", parents=[common], help="hapus pekerja (dapat dipulihkan)")
    remove.add_argument("id")
    remove.add_argument("--reason", required=True, help="alasan penghapusan")
    add_json_flag(remove)
    remove.set_defaults(run=run_remove)

    restore = ws.add_parser("restore", parents=[common], help="pulihkan pekerja yang dihapus")
    restore.add_argument("id", help="id, awalan id (6+ huruf) atau NIK")
    add_json_flag(restore)
    restore.set_defaults(run=run_restore)

    register_actions(ws, common)


# The heir's command-line options and the HeirForm fields they fill.
HEIR_FIELDS = {"heir_name": "full_name", "heir_relation": "relation", "heir_phone": "phone"}


def _heir(values: dict[str, str]) -> HeirForm:
    return HeirForm(**{field: values.get(option) or "" for option, field in HEIR_FIELDS.items()})


def _given(args: argparse.Namespace) -> dict[str, str]:
    return {
        k: getattr(args, k)
        for k in (*FORM_OPTIONS, *HEIR_OPTIONS, "nik_mismatch_reason")
        if getattr(args, k, None) is not None
    }


def _report_saved(args: argparse.Namespace, saved: registry.Saved, verb: str) -> None:
    w = saved.worker
    lines = [f"{verb}: {w.full_name} (NIK {w.nik}), id {w.id}"]
    lines += [f"Peringatan: {text}" for text in saved.warnings]
    emit(args, {**w.to_dict(), "warnings": list(saved.warnings)}, "\n".join(lines))


def run_add(args: argparse.Namespace) -> int:
    given = _given(args)
    form = WorkerForm(**{k: v for k, v in given.items() if k in FORM_FIELDS})
    inst = installation(args)
    consent = args.consent_signed
    consent_on = None
    if consent:
        consent_on = clock.today() if consent == "today" else parse_date(consent, "consent")
    saved = registry.register_worker(
        inst, form, _heir(given), duplicate_reason=args.duplicate_reason, consent_on=consent_on
    )
    _report_saved(args, saved, "Terdaftar")
    if consent_on is None and not args.json:
        print(
            "Catatan: persetujuan data pribadi belum dicatat; cetak pernyataannya dengan "
            "'satudesa privacy consent-form', lalu catat dengan 'satudesa privacy consent'."
        )
    return 0


def run_edit(args: argparse.Namespace) -> int:
    inst = installation(args)
    worker = registry.find_worker(inst, args.id)
    stored = registry.edit_form(inst, worker.id)
    given = _given(args)
    form = dataclasses.replace(
        stored.worker, **{k: v for k, v in given.items() if k in FORM_FIELDS}
    )
    heir = dataclasses.replace(
        stored.heir,
        **{field: given[option] for option, field in HEIR_FIELDS.items() if option in given},
    )
    saved = registry.update_worker(
        inst, worker.id, form, heir, stored.children, expected_version=stored.version
    )
    _report_saved(args, saved, "Diperbarui")
    return 0


def run_list(args: argparse.Namespace) -> int:
    inst = installation(args)
    if inst.role == "district":
        return district_cli.run_worker_list(args, inst)
    page = query_workers(inst, filters_of(args), limit=args.limit)
    lines = [f"{'NIK':16}  {'Nama':32}  {'Pekerjaan':16}  {'Dusun':16}  Status"]
    lines += [
        f"{r.nik:16}  {r.full_name[:32]:32}  {r.occupation_label[:16]:16}  "
        f"{(r.dusun or '')[:16]:16}  {r.status_label}"
        for r in page.rows
    ]
    lines.append(f"{thousands(len(page.rows))} dari {thousands(page.total)} pekerja")
    emit(
        args,
        {"total": page.total, "workers": [r.worker.to_dict() for r in page.rows]},
        "\n".join(lines),
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    inst = installation(args)
    if inst.role == "district":
        return district_cli.run_worker_show(args, inst)
    worker = registry.find_worker(inst, args.id)
    details = registry.worker_details(inst, worker.id)
    signed = personal_data.consent_of(inst, worker.id)
    details["consent_signed_on"] = signed and signed.isoformat()
    text = [
        f"{worker.full_name}  ({STATUS_LABELS.get(worker.status, worker.status)}"
        f"{', DIHAPUS' if worker.deleted_at else ''})",
        f"  id            {worker.id}",
        f"  NIK           {worker.nik}",
        f"  Lahir         {worker.birth_place or '-'}, {worker.birth_date}  ({worker.sex})",
        f"  Alamat        {worker.address or '-'}, RT {worker.rt or '-'}/RW {worker.rw or '-'}, "
        f"Dusun {worker.dusun or '-'}",
        f"  HP            {worker.phone or '-'}",
        f"  Pekerjaan     {worker.occupation_other or worker.occupation}",
        f"  Penghasilan   {rupiah(worker.monthly_income)} sebulan",
        f"  Program       {worker.programs}",
        f"  KPJ           {worker.kpj_number or '-'}",
        f"  Persetujuan   {tanggal(signed) if signed else 'belum ada (UU PDP)'}",
    ]
    if worker.nik_mismatch_reason:
        text.append(f"  Beda dgn NIK  dikonfirmasi: {worker.nik_mismatch_reason}")
    text += [f"  Ahli waris    {h['full_name']} ({h['relation']})" for h in details["heirs"]]
    text += [
        f"  Anak          {c['full_name']}, lahir {c['birth_date']}" for c in details["children"]
    ]
    emit(args, details, "\n".join(text))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    inst = installation(args)
    worker = registry.remove_worker(inst, registry.find_worker(inst, args.id).id, args.reason)
    emit(
        args,
        worker.to_dict(),
        f"Dihapus: {worker.full_name} (dapat dipulihkan dengan 'worker restore').",
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    inst = installation(args)
    worker = registry.restore_worker(inst, registry.find_removed_worker(inst, args.id).id)
    emit(args, worker.to_dict(), f"Dipulihkan: {worker.full_name}.")
    return 0
