"""`satudesa user add|list|passwd|recover` and `satudesa approve`: people and their say."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli import opened, prompts
from desktop_app.cli.output import add_json_flag, emit
from desktop_app.services import access, approval, people


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    user = sub.add_parser("user", parents=[common], help="pengguna dan kata sandi / people")
    us = user.add_subparsers(dest="action", metavar="AKSI", required=True)
    new_password = {
        "type": Path,
        "help": "berkas berisi kata sandi baru (bawaan: ditanyakan dua kali)",
    }

    add = us.add_parser("add", parents=[common], help="tambah pengguna (oleh administrator)")
    add.add_argument("username", help="nama pengguna, tanpa spasi")
    add.add_argument("--full-name", default="", help="nama lengkap")
    add.add_argument(
        "--role",
        default="operator",
        help="operator, kepala_desa atau admin (kabupaten: petugas atau admin)",
    )
    add.add_argument(
        "--admin",
        action="store_true",
        help="administrator pertama (hanya selama belum ada pengguna); mencetak kode pemulihan",
    )
    add.add_argument("--new-password-file", **new_password)
    add.set_defaults(run=run_add)

    ls = us.add_parser("list", parents=[common], help="daftar pengguna")
    ls.set_defaults(run=run_list)

    pw = us.add_parser("passwd", parents=[common], help="ganti kata sandi")
    pw.add_argument("username")
    pw.add_argument("--new-password-file", **new_password)
    pw.set_defaults(run=run_passwd)

    rc = us.add_parser(
        "recover", parents=[common], help="kata sandi administrator terlupa: pakai kode pemulihan"
    )
    rc.add_argument("username", help="nama pengguna administrator")
    rc.add_argument("--code-file", type=Path, help="berkas berisi kode pemulihan")
    rc.add_argument("--new-password-file", **new_password)
    rc.set_defaults(run=run_recover)
    ap = sub.add_parser(
        "approve", parents=[common], help="kepala desa menyetujui daftar pekerja yang didanai"
    )
    ap.add_argument("--year", type=int, required=True, help="tahun anggaran")
    ap.set_defaults(run=run_approve)
    for parser in (add, ls, pw, rc, ap):
        add_json_flag(parser)


def _new_password(args: argparse.Namespace) -> str:
    return prompts.secret(
        args.new_password_file, f"Kata sandi baru untuk {args.username}: ", confirm=True
    )


def run_add(args: argparse.Namespace) -> int:
    inst = opened.installation(args)
    if args.admin:
        code = people.create_first_admin(inst, args.username, args.full_name, _new_password(args))
        emit(
            args,
            {"username": args.username, "role": "admin", "recovery_code": code},
            f"Administrator {args.username} dibuat. KODE PEMULIHAN: {code}\n"
            "Tulis atau cetak kode ini dan simpan di tempat aman: hanya dengan kode ini kata "
            "sandi administrator yang terlupa dapat diganti.",
        )
        return 0
    person = people.add_person(inst, args.username, args.full_name, args.role, _new_password(args))
    emit(
        args,
        {"username": person.username, "full_name": person.full_name, "role": person.role},
        f"{access.role_label(inst, person.role)} {person.full_name} ({person.username}) "
        "ditambahkan.",
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    inst = opened.installation(args)
    rows = people.list_people(inst)
    emit(
        args,
        [{"username": p.username, "full_name": p.full_name, "role": p.role} for p in rows],
        "\n".join(
            f"{p.username:16} {access.role_label(inst, p.role):14} {p.full_name}" for p in rows
        )
        or "Belum ada pengguna: siapa pun yang memakai laptop ini dapat mengubah data. "
        "Buat administrator: satudesa user add NAMA --admin",
    )
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    inst = opened.installation(args)
    old = None
    if inst.person is not None and inst.person.username == args.username:
        old = prompts.secret(args.password_file, "Kata sandi lama: ")
    people.change_password(inst, args.username, _new_password(args), old)
    emit(args, {"username": args.username}, f"Kata sandi {args.username} diganti.")
    return 0


def run_approve(args: argparse.Namespace) -> int:
    found = approval.approve_funded_list(opened.installation(args), args.year)
    emit(
        args,
        {
            "year": found.year,
            "by": found.by,
            "head_name": found.head_name,
            "workers": len(found.worker_ids),
            "committed": found.committed,
        },
        approval.describe(found),
    )
    return 0


def run_recover(args: argparse.Namespace) -> int:
    inst = opened.installation(args)
    code = prompts.secret(args.code_file, "Kode pemulihan: ")
    new_code = people.recover_admin(inst, args.username, code, _new_password(args))
    emit(
        args,
        {"username": args.username, "recovery_code": new_code},
        f"Kata sandi {args.username} diganti. Kode lama tidak berlaku lagi; "
        f"KODE PEMULIHAN BARU: {new_code}\nTulis atau cetak dan simpan di tempat aman.",
    )
    return 0
