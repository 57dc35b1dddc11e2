"""A plain `pip install .` gives a working app: every package and every shipped file is in it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_every_package_and_resource_and_runs_the_demo(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", ROOT],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("satudesa-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    packages = {
        str(p.parent.relative_to(ROOT)) for p in (ROOT / "desktop_app").rglob("__init__.py")
    }
    in_wheel = {n.rsplit("/", 1)[0] for n in names if n.endswith("/__init__.py")}
    assert packages | {"desktop_app/resources"} == in_wheel
    shipped = {
        f"desktop_app/resources/{p.relative_to(ROOT / 'resources')}"
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert shipped <= names

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "-t", site, wheel],
        check=True,
        capture_output=True,
    )
    # Run from the installed copy only: the checkout is neither the working folder nor on the path.
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import desktop_app.resources as r; print(r.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(site))
    # As after a plain `pip install .`: without the optional Faker, the demo uses shipped names.
    without_faker = (
        "import sys; sys.modules['faker'] = None; from desktop_app.cli.main import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", without_faker, "--data-dir", tmp_path / "data", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Tanjung Aru" in result.stdout
    assert (tmp_path / "data").is_dir()
