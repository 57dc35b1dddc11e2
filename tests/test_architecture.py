"""The house rules that keep the layers apart, checked on every run (DESIGN.md section 3)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop_app"


def sources(*, outside: str) -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if outside not in p.relative_to(PACKAGE).parts[:1]]


def test_only_the_ui_package_imports_qt():
    offenders = [
        p
        for p in sources(outside="ui")
        if re.search(r"^\s*(from|import) PySide6", p.read_text(), re.M)
    ]
    assert offenders == []


def test_only_the_store_package_runs_sql():
    sql = re.compile(r"\.(execute|executescript|query)\(|\b(INSERT|UPDATE|DELETE) (INTO|FROM)?")
    offenders = [p.relative_to(ROOT) for p in sources(outside="store") if sql.search(p.read_text())]
    assert offenders == []


def test_domain_does_no_io_but_reading_its_rules():
    forbidden = re.compile(
        r"^\s*(from|import) (sqlite3|sqlite_utils|desktop_app\.(store|services|"
        r"ui|sync|documents))",
        re.M,
    )
    offenders = [p for p in (PACKAGE / "domain").rglob("*.py") if forbidden.search(p.read_text())]
    assert offenders == []


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_code_is_lint_clean_and_formatted(args):
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run(
        [ruff, *args, "desktop_app", "tests", "bench", "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
