"""Kill operations part-way, as a power cut would, and check that nothing is lost or half-written.

    python bench/kill_test.py [--every | --sample 1,2,3] [--workers 20] [--only OPERATION]

For each operation (registration, funding, letter numbers, export, the district's import of a
batch, the village's import of a return file) the command runs as a child process that dies
(exit 86, no cleanup) when it starts its Nth data-changing statement (SATUDESA_FAULT_AFTER_CHANGES,
see desktop_app/store/db.py). After each kill the database must pass `PRAGMA integrity_check`
and hold exactly what it held before (an SQL dump compared line by line). Running the command
again must then end in the same state as a run that was never killed (compared with ids and
times masked). `--every` kills at every statement until the command gets through; the test
suite runs a few kill points per operation (tests/test_kill_points.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.cli.main import main  # noqa: E402
from desktop_app.services import registry  # noqa: E402
from desktop_app.services.demo import demo_forms  # noqa: E402
from desktop_app.services.installation import open_installation  # noqa: E402
from desktop_app.store import workers as worker_store  # noqa: E402
from desktop_app.store.db import DB_FILENAME, FAULT_ENV, FAULT_EXIT  # noqa: E402

VILLAGE, DISTRICT, USB = "desa", "kabupaten", "usb"


def cli(data_dir: Path, *args: str) -> str:
    """Run a command in this process (for setting up); refuse loudly if it fails."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["--data-dir", str(data_dir), *args])
    if code != 0:
        raise RuntimeError(f"{args}: {out.getvalue()}")
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    target: str  # the data folder whose database the command changes
    args: Callable[[Path], list[str]]  # the command, given the world folder


def _world(base: Path, workers: int) -> Path:
    """A district and a bound village with `workers` registered, a budget and a letterhead."""
    world = base / "world"
    cli(world / DISTRICT, "init", "district", "--code", "65.03")
    profile = world / DISTRICT / "profil-kabupaten-65.03.json"
    village = world / VILLAGE
    cli(village, "init", "village", "--code", "65.03.10.2004", "--district-profile", str(profile))
    inst = open_installation(village, "operator")
    try:
        for form, heir, children in demo_forms(workers, seed=11):
            registry.register_worker(inst, form, heir, children)
    finally:
        inst.close()
    cli(village, "budget", "set", "--year", "2027", "--amount", "400.000.000")
    cli(village, "letterhead", "--head-name", "Hj. Nurhayati Basri")
    (world / USB).mkdir()
    return world


def _funded(world: Path) -> None:
    cli(world / VILLAGE, "fund", "--year", "2027", "--all")


def _exported(world: Path) -> None:
    _funded(world)
    cli(world / VILLAGE, "export", "--out", str(world / USB))


def _returned(world: Path) -> None:
    _exported(world)
    (batch,) = (world / USB).glob("*.sdsync")
    cli(world / DISTRICT, "import", "--trust-new", str(batch))
    batch.unlink()
    inst = open_installation(world / VILLAGE)
    try:
        niks = [w.nik for w in worker_store.list_workers(inst.db, limit=5)]
    finally:
        inst.close()
    bpjs = world / "bpjs.csv"
    rows = [f"{nik},{98765432100 + i},aktif" for i, nik in enumerate(niks)]
    bpjs.write_text("nik,kpj_number,status\n" + "\n".join(rows) + "\n")
    cli(world / DISTRICT, "bpjs", "import", str(bpjs))
    cli(world / DISTRICT, "export", "--out", str(world / USB))


def _one(world: Path, pattern: str) -> str:
    (found,) = (world / USB).glob(pattern)
    return str(found)


OPERATIONS = {
    "registration": (
        None,
        Operation(
            "registration",
            VILLAGE,
            lambda w: shlex.split(
                "worker add --nik 6503104508900001 --name 'Siti Aminah' --birth-date 05-08-1990 "
                "--sex P --occupation nelayan --monthly-income 1.500.000 --heir-name Ahmad "
                "--heir-relation suami --consent-signed"
            ),
        ),
    ),
    "funding": (
        None,
        Operation("funding", VILLAGE, lambda w: ["fund", "--year", "2027", "--all"]),
    ),
    "letter numbers": (
        _funded,
        Operation(
            "letter numbers",
            VILLAGE,
            lambda w: ["print", "letters", "--year", "2027", "--out", str(w / "surat.pdf")],
        ),
    ),
    "export": (_funded, Operation("export", VILLAGE, lambda w: ["export", "--out", str(w / USB)])),
    "district import": (
        _exported,
        Operation(
            "district import",
            DISTRICT,
            lambda w: ["import", "--trust-new", _one(w, "satudesa_*.sdsync")],
        ),
    ),
    "return import": (
        _returned,
        Operation(
            "return import", VILLAGE, lambda w: ["import", _one(w, "satudesa-kembali_*.sdsync")]
        ),
    ),
}

_ULID = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{26}\b")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?")
_HASH = re.compile(r"\b[0-9a-f]{64}\b")  # audit chain hashes cover ids and times


def dump(folder: Path) -> list[str]:
    """The database as SQL text, after checking its integrity."""
    conn = sqlite3.connect(folder / DB_FILENAME)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise AssertionError(f"integrity_check: {verdict}")
        return list(conn.iterdump())
    finally:
        conn.close()


def masked(folder: Path) -> list[str]:
    """The dump with ids, times and hashes masked, sorted: what two separate runs must agree on."""
    return sorted(
        _HASH.sub("<hash>", _TIME.sub("<time>", _ULID.sub("<id>", line))) for line in dump(folder)
    )


def run_child(world: Path, op: Operation, fault_after: int | None) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(FAULT_ENV, None)
    if fault_after:
        env[FAULT_ENV] = str(fault_after)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--data-dir",
            str(world / op.target),
            *op.args(world),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode not in (0, FAULT_EXIT):
        raise AssertionError(f"{op.name}: exit {done.returncode}: {done.stderr}")
    return done.returncode


@dataclass
class Outcome:
    operation: str
    kills: int = 0
    writes_reached: int = 0  # the kill point at which the command got through
    lost: int = 0  # kills after which the database differed from before


def kill_operation(base: Path, key: str, workers: int, points: list[int] | None) -> Outcome:
    """Kill one operation at `points` (None: every statement until it completes); after each
    kill, compare with the state before and run the command again to the end."""
    prepare, op = OPERATIONS[key]
    base.mkdir(parents=True)
    before = _world(base / "setup", workers)
    if prepare:
        prepare(before)
    expected_world = base / "reference"
    shutil.copytree(before, expected_world)
    assert run_child(expected_world, op, None) == 0
    expected = masked(expected_world / op.target)
    before_dump = dump(before / op.target)
    outcome = Outcome(op.name)
    candidates = iter(points) if points is not None else iter(range(1, 1_000_000))
    trial = base / "trial"
    for n in candidates:
        if trial.exists():
            shutil.rmtree(trial)
        shutil.copytree(before, trial)
        if run_child(trial, op, n) == 0:
            outcome.writes_reached = n
            assert masked(trial / op.target) == expected, f"{op.name}: completed run differs"
            break
        outcome.kills += 1
        if dump(trial / op.target) != before_dump:
            outcome.lost += 1
        assert run_child(trial, op, None) == 0, f"{op.name}: rerun after kill {n} failed"
        assert masked(trial / op.target) == expected, f"{op.name}: rerun after kill {n} differs"
    return outcome


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", action="store_true", help="kill at every statement")
    parser.add_argument("--sample", default="1,2,3,8", help="kill points when not --every")
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--only", choices=sorted(OPERATIONS))
    args = parser.parse_args(argv)
    points = None if args.every else [int(x) for x in args.sample.split(",")]
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, key in enumerate([args.only] if args.only else OPERATIONS):
            outcome = kill_operation(Path(tmp) / str(i), key, args.workers, points)
            outcomes.append(outcome)
            print(
                f"{outcome.operation:16} {outcome.kills:5} kills  completed at statement "
                f"{outcome.writes_reached or '-':>5}  differing after a kill: {outcome.lost}",
                flush=True,
            )
    total = sum(o.kills for o in outcomes)
    print(f"{'total':16} {total:5} kills  differing: {sum(o.lost for o in outcomes)}")
    return 1 if any(o.lost for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main_())
