"""`satudesa init ...` and `satudesa demo`: create an installation."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.arg_types import bounded_int
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.domain.errors import InvalidInput
from desktop_app.services import backup
from desktop_app.services.demo import TANJUNG_ARU, make_demo
from desktop_app.services.installation import (
    init_district,
    init_village,
    is_initialised,
    open_installation,
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    init = sub.add_parser("init", parents=[common], help="siapkan instalasi baru / set up")
    init_sub = init.add_subparsers(dest="role", metavar="PERAN", required=True)
    village = init_sub.add_parser("village", parents=[common], help="instalasi desa")
    village.add_argument("--code", required=True, help="kode desa Kemendagri, mis. 65.03.10.2004")
    village.add_argument("--name", help="nama desa (bawaan: nama resmi dari kode)")
    village.add_argument(
        "--district-profile", type=Path, help="berkas profil kabupaten (profil-kabupaten-….json)"
    )
    add_json_flag(village)
    village.set_defaults(run=run_init_village)

    district = init_sub.add_parser("district", parents=[common], help="instalasi kabupaten")
    district.add_argument("--code", required=True, help="kode kabupaten, mis. 65.03")
    district.add_argument("--name", help="nama (bawaan: nama resmi dari kode)")
    add_json_flag(district)
    district.set_defaults(run=run_init_district)

    demo = sub.add_parser("demo", parents=[common], help="buat desa contoh / sample village")
    demo.add_argument("--code", default=TANJUNG_ARU, help="kode desa (bawaan: Tanjung Aru)")
    demo.add_argument(
        "--workers", type=bounded_int(1, 200_000), default=100, help="jumlah pekerja (bawaan 100)"
    )
    demo.add_argument(
        "--if-empty", action="store_true", help="hanya jika folder data belum disiapkan"
    )
    add_json_flag(demo)
    demo.set_defaults(run=run_demo)

    bk = sub.add_parser("backup", parents=[common], help="cadangkan data dan kunci")
    bk.add_argument("--out", type=Path, required=True, help="berkas cadangan tujuan")
    rs = sub.add_parser("restore", parents=[common], help="pulihkan cadangan ke folder kosong")
    rs.add_argument("file", type=Path)
    for parser, run in ((bk, run_backup), (rs, run_restore)):
        parser.add_argument("--passphrase-file", type=Path, help="berkas berisi kata sandi")
        add_json_flag(parser)
        parser.set_defaults(run=run)


def run_init_village(args: argparse.Namespace) -> int:
    inst = init_village(args.data_dir, args.code, args.name, district_profile=args.district_profile)
    emit(
        args,
        {"role": inst.role, "code": inst.code, "name": inst.name, "data_dir": str(inst.data_dir)},
        f"Desa {inst.name} ({inst.code}) siap di {inst.data_dir}.",
    )
    return 0


def run_init_district(args: argparse.Namespace) -> int:
    inst, profile = init_district(args.data_dir, args.code, args.name)
    emit(
        args,
        {"role": inst.role, "code": inst.code, "name": inst.name, "profile": str(profile)},
        f"{inst.name} ({inst.code}) siap di {inst.data_dir}.\n"
        f"Berikan berkas profil ini kepada setiap desa: {profile}",
    )
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if args.if_empty and is_initialised(args.data_dir):
        return 0
    inst = make_demo(args.data_dir, args.workers, args.code)
    emit(
        args,
        {"code": inst.code, "name": inst.name, "workers": args.workers},
        f"Desa contoh {inst.name} dengan {args.workers} pekerja siap di {inst.data_dir}.",
    )
    return 0


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    """From --passphrase-file (scripts), else asked twice at the terminal."""
    if args.passphrase_file:
        return args.passphrase_file.read_text(encoding="utf-8").strip()
    import getpass

    first = getpass.getpass("Kata sandi cadangan: ")
    if confirm and getpass.getpass("Ulangi kata sandi: ") != first:
        raise InvalidInput("backup.mismatch", "Kedua kata sandi tidak sama.", "passphrase")
    return first


def run_backup(args: argparse.Namespace) -> int:
    path = backup.backup(open_installation(args.data_dir), args.out, _passphrase(args, True))
    emit(args, {"path": str(path)}, f"Cadangan disimpan di {path}. Simpan kata sandinya baik-baik.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    manifest = backup.restore(args.data_dir, args.file, _passphrase(args, False))
    emit(args, manifest, f"{manifest['name']} ({manifest['code']}) dipulihkan ke {args.data_dir}.")
    return 0
