"""`satudesa export|import|sync|serve`, `satudesa bpjs import`, `satudesa villages|findings`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

from desktop_app.cli import district as district_cli
from desktop_app.cli.arg_types import bounded_int, fiscal_year
from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.domain.regions import village_kind
from desktop_app.services import (
    bpjs_list,
    district,
    district_keys,
    sync,
    sync_http,
    village_keys,
    village_replacement,
)
from desktop_app.services.installation import bind_district


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export", parents=[common], help="desa: tulis batch berikutnya; kabupaten: berkas kembali"
    )
    export.add_argument("--out", type=Path, required=True, help="folder tujuan (flashdisk)")
    export.add_argument(
        "--range", type=seq_range, help="ekspor ulang rentang lama, mis. 1-50 (desa)"
    )
    add_json_flag(export)
    export.set_defaults(run=run_export)

    imp = sub.add_parser("import", parents=[common], help="impor berkas sinkronisasi")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument(
        "--trust-new",
        action="store_true",
        help="kabupaten: terima desa BARU setelah sidik kuncinya dicocokkan "
        "(tidak pernah mengganti kunci desa yang sudah dikenal)",
    )
    add_json_flag(imp)
    imp.set_defaults(run=run_import)

    online = sub.add_parser("sync", parents=[common], help="kirim dan terima lewat internet")
    online.add_argument("--server", required=True, help="alamat server kabupaten")
    add_json_flag(online)
    online.set_defaults(run=run_sync)

    serve = sub.add_parser("serve", parents=[common], help="server sinkronisasi kabupaten")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=bounded_int(0, 65535), default=8750)
    serve.set_defaults(run=run_serve)

    profile = sub.add_parser(
        "district-profile",
        parents=[common],
        help="desa: hubungkan ke kabupaten dengan berkas profilnya",
    )
    profile.add_argument("file", type=Path)
    add_json_flag(profile)
    profile.set_defaults(run=run_bind)

    bpjs = sub.add_parser("bpjs", parents=[common], help="kabupaten: data dari BPJS")
    bpjs_sub = bpjs.add_subparsers(dest="bpjs_action", metavar="AKSI", required=True)
    bpjs_import = bpjs_sub.add_parser(
        "import", parents=[common], help="impor CSV nik,kpj_number,status dari BPJS"
    )
    bpjs_import.add_argument("file", type=Path)
    add_json_flag(bpjs_import)
    bpjs_import.set_defaults(run=run_bpjs_import)

    bpjs_export = bpjs_sub.add_parser(
        "export", parents=[common], help="daftar pendaftaran kolektif untuk BPJS (CSV)"
    )
    bpjs_export.add_argument("--out", type=Path, required=True)
    add_json_flag(bpjs_export)
    bpjs_export.set_defaults(run=run_bpjs_export)

    villages = sub.add_parser("villages", parents=[common], help="kabupaten: daftar desa")
    which = villages.add_mutually_exclusive_group()
    which.add_argument(
        "--all", action="store_true", help="semua desa kabupaten, juga yang belum mengirim"
    )
    which.add_argument("--kelurahan", action="store_true", help="kelurahan, terpisah dari desa")
    villages.add_argument("--year", type=fiscal_year, default=dt.date.today().year)
    add_json_flag(villages)
    villages.set_defaults(run=run_villages)
    village_actions = villages.add_subparsers(dest="villages_action", metavar="AKSI")
    replaced = village_actions.add_parser(
        "replaced",
        parents=[common],
        help="desa dipasang ulang tanpa cadangan: pensiunkan pekerja dari instalasi lama",
    )
    replaced.add_argument("code", help="kode desa, mis. 65.03.10.2004")
    replaced.add_argument("--yes", action="store_true", help="konfirmasi tanpa bertanya")
    add_json_flag(replaced)
    replaced.set_defaults(run=run_village_replaced)

    keys = sub.add_parser("district-keys", parents=[common], help="kabupaten: ganti kunci")
    keys_sub = keys.add_subparsers(dest="keys_action", metavar="AKSI", required=True)
    replace = keys_sub.add_parser(
        "replace", parents=[common], help="buat kunci baru; desa mengikuti lewat berkas kembali"
    )
    replace.add_argument(
        "--lost",
        action="store_true",
        help="kunci lama hilang: desa harus mengimpor profil baru setelah mencocokkan sidik",
    )
    add_json_flag(replace)
    replace.set_defaults(run=run_replace_keys)
    waiting = village_actions.add_parser(
        "waiting", parents=[common], help="kunci desa yang menunggu persetujuan"
    )
    add_json_flag(waiting)
    waiting.set_defaults(run=run_waiting)
    for action, text in (
        ("accept", "terima desa baru dengan sidik kunci yang sudah dicocokkan lewat telepon"),
        ("rekey", "ganti kunci desa yang dikenal (aplikasi desa dipasang ulang)"),
    ):
        approve = village_actions.add_parser(action, parents=[common], help=text)
        approve.add_argument("code", metavar="KODE_DESA")
        approve.add_argument("--fingerprint", required=True, metavar="XXXX-XXXX-XXXX")
        add_json_flag(approve)
        approve.set_defaults(run=run_approve_key, rekey=action == "rekey")

    findings = sub.add_parser("findings", parents=[common], help="kabupaten: temuan")
    findings.add_argument(
        "--resolve", type=bounded_int(1, 2**62), metavar="NOMOR", help="tandai temuan selesai"
    )
    findings.add_argument("--note", default="", help="apa yang dilakukan (dengan --resolve)")
    add_json_flag(findings)
    findings.set_defaults(run=run_findings)


def seq_range(text: str) -> tuple[int, int]:
    """`--range 41-57` (or one number) as (first, last); a typo is a usage error, exit 2."""
    first, _, last = text.partition("-")
    try:
        pair = int(first), int(last or first)
    except ValueError:
        pair = (0, 0)
    if not 1 <= pair[0] <= pair[1]:
        raise argparse.ArgumentTypeError(f"rentang {text!r} tidak sah; tulis mis. 41-57")
    return pair


def run_export(args: argparse.Namespace) -> int:
    inst = installation(args)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.range:
        results = [sync.export_batch(inst, args.out, *args.range)]
    else:
        results = sync.export(inst, args.out)
    emit(args, [dataclasses.asdict(r) for r in results], "\n".join(r.message for r in results))
    return 0


def run_import(args: argparse.Namespace) -> int:
    inst = installation(args)
    results = sync.import_files(inst, args.files, args.trust_new)
    labels = {
        "applied": "DITERAPKAN",
        "already": "SUDAH ADA",
        "held": "DITUNDA",
        "waiting": "MENUNGGU",
        "refused": "DITOLAK",
    }
    emit(
        args,
        [dataclasses.asdict(r) for r in results],
        "\n".join(f"{labels[r.status]:10} {r.file}: {r.message}" for r in results),
    )
    return 0 if all(r.ok for r in results) else 1


def run_sync(args: argparse.Namespace) -> int:
    inst = installation(args)
    result = sync_http.sync_online(inst, args.server)
    lines = [
        f"Kirim: {result.sent.message}" if result.sent else "Kirim: tidak ada perubahan baru.",
        f"Terima: {result.received.message}"
        if result.received
        else "Terima: kabupaten belum mengirim berkas kembali.",
    ]
    emit(args, dataclasses.asdict(result), "\n".join(lines))
    parts = [p for p in (result.sent, result.received) if p is not None]
    return 0 if all(p.ok for p in parts) else 1


def run_serve(args: argparse.Namespace) -> int:
    inst = installation(args)
    server = sync_http.make_sync_server(inst, args.host, args.port)
    host, port = server.server_address[:2]
    print(f"Server sinkronisasi {inst.name} mendengarkan di http://{host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def run_bind(args: argparse.Namespace) -> int:
    inst = installation(args)
    profile = bind_district(inst, args.file)
    emit(
        args,
        profile,
        f"{village_kind(inst.code).word} {inst.name} terhubung dengan {profile['name']}.",
    )
    return 0


def run_bpjs_import(args: argparse.Namespace) -> int:
    inst = installation(args)
    result = district.import_bpjs_csv(inst, args.file)
    text = f"{result.updated} pekerja diperbarui."
    if result.unknown_niks:
        text += f" NIK tidak ditemukan: {', '.join(result.unknown_niks)}"
    emit(args, dataclasses.asdict(result), text)
    return 0


def run_bpjs_export(args: argparse.Namespace) -> int:
    count = bpjs_list.export_registration_list(installation(args), args.out)
    emit(
        args,
        {"path": str(args.out), "workers": count},
        f"{count} pekerja belum punya nomor KPJ; daftar untuk BPJS: {args.out}",
    )
    return 0


def run_villages(args: argparse.Namespace) -> int:
    inst = installation(args)
    sync.require_role(inst, "district")
    return district_cli.run_villages(args, inst)


def run_village_replaced(args: argparse.Namespace) -> int:
    inst = installation(args)
    preview = village_replacement.replace_installation(inst, args.code, confirmed=False)
    question = (
        f"{preview.old_workers} pekerja {preview.village} dari instalasi lama akan dihapus di "
        f"kabupaten ({preview.kpj_carried} nomor KPJ dipindahkan ke pendaftaran baru dengan NIK "
        "yang sama)."
    )
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"{question} Belum dikonfirmasi: ulangi dengan --yes.", file=sys.stderr)
            return 1
        if input(f"{question} Lanjutkan? (ya/tidak) ").strip().lower() not in ("ya", "y"):
            print("Dibatalkan; tidak ada yang berubah.")
            return 1
    done = village_replacement.replace_installation(inst, args.code, confirmed=True)
    emit(
        args,
        dataclasses.asdict(done),
        f"{done.old_workers} pekerja dari instalasi lama {done.village} dipensiunkan; "
        f"{done.kpj_carried} nomor KPJ dipindahkan.",
    )
    return 0


def run_replace_keys(args: argparse.Namespace) -> int:
    done = district_keys.replace_keys(installation(args), lost=args.lost)
    follow = (
        "Desa menerima kunci baru otomatis saat mengimpor berkas kembali berikutnya."
        if done.vouched
        else "Kirim profil baru ke setiap desa; operator desa mencocokkan sidik kunci lewat "
        "telepon lalu menjalankan 'satudesa district-profile BERKAS'."
    )
    emit(
        args,
        {**dataclasses.asdict(done), "profile_path": str(done.profile_path)},
        f"Kunci kabupaten diganti; sidik baru {done.fingerprint}. Profil: {done.profile_path}. "
        + follow,
    )
    return 0


def run_waiting(args: argparse.Namespace) -> int:
    rows = village_keys.waiting_keys(installation(args))
    lines = [
        f"{r.village_code:15} {(r.village_name or '-')[:24]:24} {r.fingerprint}  "
        + (f"disetujui oleh {r.approved_by}" if r.approved_by else "menunggu")
        + (f" (kunci terdaftar {r.pinned_fingerprint})" if r.pinned_fingerprint else " (desa baru)")
        for r in rows
    ]
    emit(
        args, [dataclasses.asdict(r) for r in rows], "\n".join(lines) or "Tidak ada kunci menunggu."
    )
    return 0


def run_approve_key(args: argparse.Namespace) -> int:
    inst = installation(args)
    message = village_keys.approve_village_key(inst, args.code, args.fingerprint, rekey=args.rekey)
    emit(args, {"message": message}, message)
    return 0


def run_findings(args: argparse.Namespace) -> int:
    inst = installation(args)
    if args.resolve is not None:
        district.resolve_finding(inst, args.resolve, args.note)
    rows = district.open_findings(inst)
    emit(
        args,
        rows,
        "\n".join(f"{f['id']:4} [{f['kind']}] {f['detail']}" for f in rows)
        or "Tidak ada temuan terbuka.",
    )
    return 0
