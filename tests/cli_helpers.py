"""Run `satudesa` the way a user does: through its command line, in this process or a child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.cli.main import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    """`satudesa --data-dir DATA ARGS…` in this process: (exit status, stdout, stderr)."""
    code = main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys, data_dir: Path, *args: str):
    code, out, err = run(capsys, data_dir, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def child(data_dir: Path, *args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    """`python -m desktop_app` as a separate process (for servers and killed imports)."""
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def add_worker(capsys, data_dir: Path, nik, name, born, sex, job) -> None:
    code, _, err = run(
        capsys,
        data_dir,
        "worker",
        "add",
        "--nik",
        nik,
        "--name",
        name,
        "--birth-date",
        born,
        "--sex",
        sex,
        "--occupation",
        job,
        "--monthly-income",
        "1.500.000",
    )
    assert code == 0, err
