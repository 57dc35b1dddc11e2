"""`satudesa init ...` and `satudesa demo`: create an installation."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from desktop_app.cli import prompts
from desktop_app.cli.arg_types import bounded_int
from desktop_app.cli.opened import installation
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.domain.regions import village_kind
from desktop_app.services import backup, people
from desktop_app.services.demo import TANJUNG_ARU, make_demo
from desktop_app.services.district_demo import make_district_demo
from desktop_app.services.installation import (
    Installation,
    demo_data_dir,
    init_district,
    init_village,
    is_initialised,
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
    for parser in (village, district):
        parser.add_argument(
            "--admin",
            metavar="NAMA",
            help="buat administrator pertama (kata sandi dari --password-file atau ditanyakan)",
        )
        parser.add_argument("--admin-full-name", help="nama lengkap administrator")

    demo = sub.add_parser("demo", parents=[common], help="buat desa contoh / sample village")
    demo.add_argument(
        "--district",
        action="store_true",
        help="kabupaten contoh dengan desa-desa contoh yang sudah tersinkron lewat berkas",
    )
    demo.add_argument(
        "--villages", type=bounded_int(1, 500), default=5, help="jumlah desa (dengan --district)"
    )
    demo.add_argument(
        "--kecamatan", type=bounded_int(1, 100), help="tersebar di berapa kecamatan (--district)"
    )
    demo.add_argument("--code", default=TANJUNG_ARU, help="kode desa (bawaan: Tanjung Aru)")
    demo.add_argument(
        "--workers", type=bounded_int(1, 200_000), default=100, help="jumlah pekerja (bawaan 100)"
    )
    demo.add_argument(
        "--if-empty", action="store_true", help="hanya jika folder data belum disiapkan"
    )
    demo.add_argument("--open", action="store_true", help="lalu buka jendelanya")
    add_json_flag(demo)
    # The demo lives in its own folder (…/SatuDesa-Demo), never in the real data folder.
    demo.set_defaults(run=run_demo, default_data_dir=demo_data_dir)

    bk = sub.add_parser("backup", parents=[common], help="cadangkan data dan kunci")
    bk.add_argument("--out", type=Path, required=True, help="berkas cadangan tujuan")
    rs = sub.add_parser("restore", parents=[common], help="pulihkan cadangan ke folder kosong")
    rs.add_argument("file", type=Path)
    for parser, run in ((bk, run_backup), (rs, run_restore)):
        parser.add_argument("--passphrase-file", type=Path, help="berkas berisi kata sandi")
        add_json_flag(parser)
        parser.set_defaults(run=run)


def _admin_password(args: argparse.Namespace) -> str | None:
    """Asked before anything is created, so a mistyped password leaves no half-made folder."""
    if not args.admin:
        return None
    return prompts.secret(args.password_file, f"Kata sandi baru untuk {args.admin}: ", True)


def _first_admin(args: argparse.Namespace, inst: Installation, password: str | None) -> dict:
    if password is None:
        return {}
    code = people.create_first_admin(inst, args.admin, args.admin_full_name or "", password)
    return {"admin": args.admin, "recovery_code": code}


def _admin_text(made: dict) -> str:
    if not made:
        return ""
    return (
        f"\nAdministrator {made['admin']} dibuat. KODE PEMULIHAN: {made['recovery_code']}\n"
        "Tulis atau cetak kode ini dan simpan di tempat aman (mis. lemari kepala desa): hanya "
        "dengan kode ini kata sandi administrator yang terlupa dapat diganti."
    )


def run_init_village(args: argparse.Namespace) -> int:
    password = _admin_password(args)
    inst = init_village(args.data_dir, args.code, args.name, district_profile=args.district_profile)
    made = _first_admin(args, inst, password)
    emit(
        args,
        {
            "role": inst.role,
            "code": inst.code,
            "name": inst.name,
            "data_dir": str(inst.data_dir),
            **made,
        },
        f"{village_kind(inst.code).word} {inst.name} ({inst.code}) siap di {inst.data_dir}."
        f"{_admin_text(made)}",
    )
    return 0


def run_init_district(args: argparse.Namespace) -> int:
    password = _admin_password(args)
    inst, profile = init_district(args.data_dir, args.code, args.name)
    made = _first_admin(args, inst, password)
    emit(
        args,
        {
            "role": inst.role,
            "code": inst.code,
            "name": inst.name,
            "profile": str(profile),
            **made,
        },
        f"{inst.name} ({inst.code}) siap di {inst.data_dir}.\n"
        f"Berikan berkas profil ini kepada setiap desa: {profile}{_admin_text(made)}",
    )
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if not (args.if_empty and is_initialised(args.data_dir)):
        (_district_demo if args.district else _village_demo)(args)
    if args.open:
        from desktop_app.ui.app import run_app  # Qt loads only when the window is wanted

        return run_app(args.data_dir)
    return 0


def _village_demo(args: argparse.Namespace) -> None:
    inst = make_demo(args.data_dir, args.workers, args.code)
    emit(
        args,
        {"code": inst.code, "name": inst.name, "workers": args.workers},
        f"Desa contoh {inst.name} dengan {args.workers} pekerja siap di {inst.data_dir}.",
    )
    inst.close()


def _district_demo(args: argparse.Namespace) -> None:
    district, villages = make_district_demo(
        args.data_dir, args.villages, args.workers, args.kecamatan
    )
    emit(
        args,
        {
            "code": district.code,
            "name": district.name,
            "data_dir": str(district.data_dir),
            "villages": [{**asdict(v), "data_dir": str(v.data_dir)} for v in villages],
        },
        f"{district.name} dengan {len(villages)} desa contoh siap di {district.data_dir}:\n"
        + "\n".join(f"  {v.name} (Kec. {v.kecamatan}): {v.data_dir}" for v in villages),
    )
    district.close()


def _passphrase(args: argparse.Namespace, confirm: bool) -> str:
    """From --passphrase-file (scripts), else asked at the terminal."""
    return prompts.secret(args.passphrase_file, "Kata sandi cadangan: ", confirm)


def run_backup(args: argparse.Namespace) -> int:
    path = backup.backup(installation(args), args.out, _passphrase(args, True))
    emit(args, {"path": str(path)}, f"Cadangan disimpan di {path}. Simpan kata sandinya baik-baik.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    manifest = backup.restore(args.data_dir, args.file, _passphrase(args, False))
    emit(args, manifest, f"{manifest['name']} ({manifest['code']}) dipulihkan ke {args.data_dir}.")
    return 0
