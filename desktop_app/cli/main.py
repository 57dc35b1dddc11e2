"""`satudesa`: parse the command line and hand each command to its module.

Exit status: 0 done, 1 refused with a message, 2 usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sqlite3
import sys
from pathlib import Path

from desktop_app.cli import (
    audit,
    people,
    printing,
    privacy,
    program,
    prompts,
    setup,
    sync,
    workers,
)
from desktop_app.device.files import disk_full, is_disk_full
from desktop_app.device.logs import configure_logging
from desktop_app.device.private import refuse_inside_data_dir
from desktop_app.domain.errors import DomainError, InvalidInput, ValidationErrors
from desktop_app.services.installation import default_data_dir

COMMAND_MODULES = [setup, people, audit, workers, sync, program, printing, privacy]

log = logging.getLogger("satudesa")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="folder data (bawaan: folder data pengguna) / data folder",
    )
    common.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        metavar="NAMA",
        help="masuk sebagai pengguna ini (kata sandi ditanyakan) / sign in as",
    )
    common.add_argument(
        "--password-file",
        type=Path,
        default=argparse.SUPPRESS,
        help="berkas berisi kata sandi (untuk skrip) / file holding the password",
    )
    parser = argparse.ArgumentParser(
        prog="satudesa",
        description="Satu Desa, 100 Pekerja Rentan — pendaftaran pekerja rentan desa.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def _open_window(args: argparse.Namespace) -> int:
    from desktop_app.ui.app import run_app  # Qt loads only when the window is wanted

    return run_app(args.data_dir)


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse what no command can use: text that is not UTF-8 (the shell passed raw bytes),
    and an output file inside the data folder (it could replace the live database)."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str | Path) and any("\udc80" <= ch <= "\udcff" for ch in str(text)):
                raise InvalidInput(
                    "cli.encoding",
                    f"Isian --{name.replace('_', '-')} bukan teks UTF-8 yang sah; ketik "
                    "ulang tanpa huruf yang rusak.",
                    name,
                )
    if isinstance(getattr(args, "out", None), Path) and args.command != "export":
        refuse_inside_data_dir(args.data_dir, args.out)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    default = getattr(args, "default_data_dir", default_data_dir)
    data_dir = Path(getattr(args, "data_dir", None) or default())
    args.data_dir = data_dir
    args.user = getattr(args, "user", None)
    args.password_file = getattr(args, "password_file", None)
    configure_logging(data_dir)
    if not hasattr(args, "run"):
        args.run = _open_window
    try:
        _check_arguments(args)
        args.credentials = None
        if args.user and args.run is not _open_window:
            password = prompts.secret(args.password_file, f"Kata sandi {args.user}: ")
            args.credentials = (args.user, password)
        with contextlib.ExitStack() as args.exit_stack:
            return args.run(args) or 0
    except ValidationErrors as e:
        log.info("refused %s", [err.code for err in e.errors])
        print("Ditolak:", file=sys.stderr)
        for err in e.errors:
            print(f"  - {err.message}", file=sys.stderr)
        return 1
    except DomainError as e:
        log.info("refused %s", e.code)  # the message may hold a name or NIK: not in the log
        print(f"Ditolak: {e.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `satudesa worker list | head` closed the pipe early
        return 0
    except Exception as e:
        if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
            log.info("refused db.locked")
            print(
                "Ditolak: data sedang dipakai oleh jendela atau perintah Satu Desa lain. Tunggu "
                "sampai selesai, lalu coba lagi.",
                file=sys.stderr,
            )
            return 1
        if is_disk_full(e):  # a PDF or the database could not grow
            log.info("refused disk.full in %s", args.command)
            print(f"Ditolak: {disk_full().message}", file=sys.stderr)
            return 1
        log.exception("unexpected error in %s", args.command)
        print(
            "Terjadi kesalahan yang tidak terduga. "
            f"Rinciannya dicatat di {data_dir / 'satudesa.log'}.",
            file=sys.stderr,
        )
        return 1
