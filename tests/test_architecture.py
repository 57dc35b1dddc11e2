"""The house rules that keep the layers apart (docs/design.md, "Layers"), checked on every run.

Imports are checked by import-linter with the contracts in pyproject.toml; SQL text, which no
import reveals, by a search of the sources.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop_app"


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("lint-imports"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )


def test_the_import_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_sync_module_that_imports_the_store_breaks_the_contracts(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    probe = tmp_path / "desktop_app" / "sync" / "batch.py"
    probe.write_text(probe.read_text() + "\nimport desktop_app.store  # probe\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "desktop_app.sync.batch -> desktop_app.store" in result.stdout


def test_only_the_store_package_runs_sql():
    sql = re.compile(r"\.(execute|executescript|query)\(|\b(INSERT|UPDATE|DELETE) (INTO|FROM)?")
    offenders = [
        p.relative_to(ROOT)
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] != "store" and sql.search(p.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_code_is_lint_clean_and_formatted(args):
    result = subprocess.run(
        [tool("ruff"), *args, "desktop_app", "tests", "bench", "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_type_checks():
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
