"""The README's command-line examples, run line by line as written, so they cannot go stale.

Only what a reader must supply is filled in: the USB stick's folder, the passphrase file, the
clerk's old list and the BPJS list the examples name, the text a QR scanner would type, and a
free port for the server.
"""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path

from cli_helpers import ROOT, child

from desktop_app.cli.main import main
from desktop_app.services import printing
from desktop_app.services.installation import open_installation

USB = "/media/usb"
INPUTS = {
    "sandi.txt": "rahasia-desa-2026\n",
    "kpj-dari-bpjs.csv": "nik,kpj_number,status\n6503104508900001,12345678901,aktif\n",
    # A clerk's own list, as Excel in Indonesian saves it: semicolons. Its Siti Aminah has the
    # same birth date as the one registered above under another NIK: a likely duplicate.
    "daftar-lama.csv": "NIK;Nama Lengkap;Tgl Lahir;L/P;Pekerjaan;Dusun;Penghasilan\n"
    "6503104508900002;SITI AMINAH;05-08-1990;P;Petani;Aji Kuning;1.200.000\n",
}


def readme_commands() -> list[list[str]]:
    """The `satudesa` lines of the bash block under "## Command line", split as a shell would."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    joined = block.replace("\\\n", " ")
    commands = [shlex.split(line, comments=True) for line in joined.splitlines()]
    return [c for c in commands if c]


def card_qr_text(data_dir: Path) -> str:
    """What a QR scanner types when it reads the first card the village printed."""
    inst = open_installation(data_dir)
    try:
        people, niks, _ = printing.participants(inst, None, printing.default_year(inst))
        return printing.card_items(inst, people, niks)[0].qr_payload
    finally:
        inst.close()


def filled_in(args: list[str], tmp_path: Path, server_url: str | None) -> list[str]:
    out = []
    for arg in args:
        arg = arg.replace(USB, str(tmp_path / "usb"))
        if arg == "SD1:…":
            arg = card_qr_text(tmp_path / "desa")
        if server_url and arg.startswith("http://127.0.0.1:"):
            arg = server_url
        if "*" in arg:
            out += sorted(glob.glob(arg)) or [arg]
        else:
            out.append(arg)
    return out


def test_every_command_line_example_of_the_readme_works_as_written(tmp_path, monkeypatch, capsys):
    commands = readme_commands()
    assert len(commands) >= 25 and all(c[0] == "satudesa" for c in commands)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "usb").mkdir()
    for name, content in INPUTS.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    server, server_url = None, None
    try:
        for command in commands:
            args = filled_in(command[1:], tmp_path, server_url)
            if "serve" in args:
                port = args.index("--port") + 1
                args[port] = "0"  # tests never take a fixed port
                server = child(tmp_path / args[args.index("--data-dir") + 1], *args[2:])
                line = server.stdout.readline()
                server_url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
                continue
            code = main(args)
            out = capsys.readouterr()
            assert code == 0, f"{shlex.join(command)}\n{out.out}{out.err}"
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
    assert server_url is not None  # the HTTP examples ran too
    restored = open_installation(tmp_path / "laptop-baru")
    assert restored.name == "Tanjung Aru"
    restored.close()
