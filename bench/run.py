"""Measure Satu Desa against the targets of docs/design.md ("Targets") and those of the scale
issue, each beside its bare baseline (where one exists) measured in the same run.

    python bench/run.py [--only village|export|district|province|documents|lists|scale]
                        [--workers 100000] [--villages 232] [--json] [--keep DIR]

`--only scale` seeds 1,000,000 workers through the bulk path and 2,320 district batches (232
villages, ten batches each). `--json` prints one object per measurement: name, value, unit,
baseline (the bare equivalent, where one exists), ratio (value / baseline), target and ok.
`--keep DIR` keeps the seeded data in DIR and reuses it on the next run (seeding a million
workers takes minutes). Times on a shared machine are noisy: each figure is a median of
repeats, and the ratio to the baseline is what to compare across runs. Never part of CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import baselines  # noqa: E402

from desktop_app.services import registry, sync, worker_list  # noqa: E402
from desktop_app.services.demo import iter_demo_forms, seed_workers  # noqa: E402
from desktop_app.services.installation import (  # noqa: E402
    init_district,
    init_village,
    open_installation,
)


@dataclass
class Measure:
    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target: str | None  # e.g. "value < 1", "ratio >= 0.5"
    ok: bool | None


RESULTS: list[Measure] = []
AS_JSON = False


def say(text: str) -> None:
    print(text, file=sys.stderr if AS_JSON else sys.stdout, flush=True)


def report(
    name: str,
    value: float,
    unit: str,
    target: float | str | None = None,
    *,
    baseline: float | None = None,
) -> None:
    """Record one measurement. `target`: a number the value must not exceed, or a comparison
    of `value` or `ratio` (value / baseline) with a number, e.g. "ratio >= 0.5"."""
    if isinstance(target, int | float):
        target = f"value <= {target:g}"
    ratio = value / baseline if baseline else None
    ok = None
    if target:
        what, op, number = target.split()
        x = value if what == "value" else ratio
        ok = x is not None and {"<": x < float(number), "<=": x <= float(number),
                                ">=": x >= float(number)}[op]  # fmt: skip
    m = Measure(name, round(value, 4), unit, baseline and round(baseline, 4),
                ratio and round(ratio, 3), target, ok)  # fmt: skip
    RESULTS.append(m)
    if AS_JSON:
        print(json.dumps(asdict(m), ensure_ascii=False), flush=True)
    else:
        shown = f"  {name}: {value:,.3f} {unit}"
        if baseline:
            shown += f"  (bare {baseline:,.3f}, ×{ratio:.2f})"
        say(shown)


def check(name: str, ok: bool) -> None:
    """A yes/no outcome, as a measurement of 1 or 0 that must be 1."""
    report(name, 1.0 if ok else 0.0, "yes", "value >= 1")


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def fresh_forms(conn, count: int, serial_base: int) -> list:
    """Sample registrations whose NIKs no worker in the database has (serials from
    `serial_base`, a seed of their own each run, so a kept database can be measured again)."""
    from dataclasses import replace

    forms, seen = [], set()
    for form, heir, kids in iter_demo_forms(count * 2, random.randrange(10**6)):
        nik = form.nik[:12] + f"{serial_base + int(form.nik[12:]):04d}"
        taken = conn.execute(
            "SELECT 1 FROM workers WHERE nik = ? AND deleted_at IS NULL", [nik]
        ).fetchone()
        if nik not in seen and not taken:
            seen.add(nik)
            forms.append((replace(form, nik=nik), heir, kids))
            if len(forms) == count:
                return forms
    raise RuntimeError("no fresh NIKs left")


def seed(inst, count: int, seed_no: int) -> None:
    seed_workers(inst, count, seed_no)


# ---- village ------------------------------------------------------------------------------


def village_with(base: Path, workers: int) -> tuple:
    """A village of `workers` sample workers, seeded through the bulk path (or kept from before)."""
    folder = base / f"village-{workers}"
    if folder.exists():
        return open_installation(folder), None
    say(f"Seeding {workers:,} workers through the bulk path…")
    inst = init_village(folder, "65.03.10.2004")
    t = time.perf_counter()
    seed_workers(inst, workers, 1)
    return inst, time.perf_counter() - t


def bench_saves(inst) -> None:
    conn = inst.db.conn
    app = fresh_forms(conn, 300, 5000)
    raw = baselines.prepared_rows(fresh_forms(conn, 300, 6000), inst.code, inst.user)
    t = time.perf_counter()
    for form, heir, kids in app:
        registry.register_worker(inst, form, heir, kids)
    app_rate = len(app) / (time.perf_counter() - t)
    raw_rate = baselines.raw_saves(conn, raw, bulk=False)
    report("save, one transaction each", app_rate, "rows/s", "ratio >= 0.5", baseline=raw_rate)

    app = fresh_forms(conn, 5000, 7000)
    raw = baselines.prepared_rows(fresh_forms(conn, 5000, 8000), inst.code, inst.user)
    t = time.perf_counter()
    registry.register_many(inst, app)
    app_rate = len(app) / (time.perf_counter() - t)
    raw_rate = baselines.raw_saves(conn, raw, bulk=True)
    report("save, 5,000 in one transaction", app_rate, "rows/s", "ratio >= 0.5", baseline=raw_rate)


def bench_search_and_pages(inst, workers: int) -> None:
    conn = inst.db.conn
    rng = random.Random(7)
    top = conn.execute("SELECT max(rowid) FROM workers").fetchone()[0]
    names = [
        conn.execute(
            "SELECT full_name FROM workers WHERE rowid = ?", [rng.randrange(1, top)]
        ).fetchone()[0]
        for _ in range(60)
    ]
    keystrokes = [name[:i] for name in names for i in range(1, min(len(name), 8) + 1)]
    keystrokes += ["6503", "650310", "65031045", "aji", "aji kun", "sungai pa"]
    app, bare = [], []
    for text in keystrokes:
        filters = worker_list.Filters(search=text)
        t = time.perf_counter()
        worker_list.count(inst, filters, worker_list.COUNT_UP_TO + 1)  # as the window counts
        worker_list.fetch_page(inst, filters, None, 200)
        app.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        baselines.bare_search(conn, text)
        bare.append((time.perf_counter() - t) * 1000)
    report(
        f"search p95 with the count, {workers:,} workers ({len(app)} keystrokes)",
        p95(app), "ms", "value < 30", baseline=p95(bare),
    )  # fmt: skip

    everyone = worker_list.Filters()
    total = worker_list.count(inst, everyone)
    app, bare = [], []
    for depth in (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999):
        row = conn.execute(
            "SELECT full_name, rowid FROM workers WHERE deleted_at IS NULL "
            "ORDER BY full_name COLLATE NOCASE, rowid LIMIT 1 OFFSET ?",
            [int(depth * (total - 1))],
        ).fetchone()
        key = worker_list.PageKey(row[0], row[1])
        for _ in range(3):
            t = time.perf_counter()
            worker_list.fetch_page(inst, everyone, key, 200)
            app.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            baselines.bare_page(conn, row[0], row[1])
            bare.append((time.perf_counter() - t) * 1000)
    report(
        "slowest page of 200, anywhere in the list",
        max(app),
        "ms",
        "value < 30",
        baseline=max(bare),
    )


def bench_sorted_pages_and_xlsx(inst, base: Path, xlsx: bool = True) -> None:
    from desktop_app.services.worker_export import export_workers
    from desktop_app.store.workers import SORTS

    samples = []
    dusun = worker_list.dusun_names(inst)[0]
    for key in SORTS:
        for descending in (False, True):
            # no filter, a common occupation, and the rarest (its few matches are sorted),
            # each alone and in one dusun
            for occupation in (None, "nelayan", "lainnya"):
                for in_dusun in (None, dusun):
                    filters = worker_list.Filters(
                        occupation=occupation, dusun=in_dusun, sort=key, descending=descending
                    )
                    t = time.perf_counter()
                    worker_list.fetch_rows(inst, filters, 200)
                    samples.append((time.perf_counter() - t) * 1000)
    report(f"first page sorted by a column, p95 of {len(samples)}", p95(samples), "ms",
           "value < 30")  # fmt: skip
    report("slowest first page sorted by a column", max(samples), "ms", "value < 30")
    if not xlsx:
        return
    t = time.perf_counter()
    exported = export_workers(inst, worker_list.Filters(sort="dusun"), base / "pekerja.xlsx")
    report(f"save the list as XLSX, {exported:,} workers", time.perf_counter() - t, "s")


def child_json(script: str, *args: str) -> tuple[float, dict]:
    t0 = time.time()
    child = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        capture_output=True, text=True, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    result = json.loads(child.stdout.strip().splitlines()[-1])
    return result["ready_at"] - t0, result


def bench_window(inst, workers: int, all_rows: bool, ready_target: float, rss_target: float):
    data = str(inst.data_dir)
    app = [child_json("window_ready.py", data) for _ in range(3)]
    bare = [child_json("bare_window.py") for _ in range(3)]
    report(
        f"window ready, {workers:,} workers",
        statistics.median(s for s, _ in app), "s", f"value < {ready_target}",
        baseline=statistics.median(s for s, _ in bare),
    )  # fmt: skip
    report(
        f"memory at ready, {workers:,} workers",
        statistics.median(r["rss_ready_mb"] for _, r in app), "MB", f"value < {rss_target}",
        baseline=statistics.median(r["rss_ready_mb"] for _, r in bare),
    )  # fmt: skip
    if all_rows:
        _, result = child_json("window_ready.py", data, "--all")
        report(f"memory, all {result['rows']:,} rows fetched", result["rss_all_rows_mb"], "MB",
               "value < 300")  # fmt: skip


def bench_village(base: Path, workers: int, *, scale: bool = False) -> None:
    inst, seeded = village_with(base, workers)
    if seeded is not None:
        report(f"seed {workers:,} workers through the bulk path", seeded, "s",
               "value < 180" if scale else None)  # fmt: skip
    bench_search_and_pages(inst, workers)
    bench_sorted_pages_and_xlsx(inst, base, xlsx=not scale)  # 1,000,000 rows: minutes
    bench_saves(inst)
    # Both run in the background once the window is open (no target: they must not block it).
    from desktop_app.services import auto_backup

    t = time.perf_counter()
    auto_backup.database_is_healthy(inst.data_dir)
    report("PRAGMA quick_check after the window opens", time.perf_counter() - t, "s")
    t = time.perf_counter()
    auto_backup.make_auto_backup(inst)
    report("automatic backup (in memory, sealed)", time.perf_counter() - t, "s")
    inst.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    inst.close()
    if scale:
        bench_window(inst, workers, False, 1, 150)
    else:
        bench_window(inst, workers, True, 1.5, 300)


# ---- export, district, documents ----------------------------------------------------------


def bench_export(base: Path) -> None:
    district, profile = init_district(base / "district_x", "65.03")
    district.close()
    inst = init_village(base / "export", "65.03.10.2001", district_profile=profile)
    seed_workers(inst, 10_000, 2)
    out = base / "usb"
    out.mkdir()
    t = time.perf_counter()
    exported = sync.export_batch(inst, out)
    report(f"export a batch of {exported.count:,} changes", time.perf_counter() - t, "s",
           "value < 2")  # fmt: skip
    inst.close()


def seed_program(inst, years: tuple[int, ...], n: int) -> None:
    """Budgets and coverage for each year, and a few events with claims (district bench),
    each done on a day it could be done: cover is bought before its months, not after."""
    from desktop_app.device import clock
    from desktop_app.services import budget, events
    from desktop_app.store import workers as worker_store

    for year in years:
        with clock.living_at(dt.date(year, 1, 2)):
            budget.set_budget(inst, year, 60_000_000, working_residents=110 + n % 20)
            budget.fund_workers(inst, year)
    living = worker_store.list_workers(inst.db, limit=3)
    day = dt.date(years[-1], 3, 2 + n % 20)
    with clock.living_at(day):
        accident = events.add_event(
            inst, living[0].id, "accident", day, cause="work", unable_from=day, unable_to=day
        )
        events.set_claim_status(inst, accident["id"], "paid" if n % 3 else "submitted")
        events.add_event(inst, living[1].id, "moved", day)


def measure_district_views(inst, scale: str, targets: bool) -> None:
    """Board open (in the window), kecamatan report, and worker search per keystroke;
    the targets of the issue hold at the regency (232 villages), the province is reported."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.cli.district import report_json
    from desktop_app.services import district_board, district_workers
    from desktop_app.ui.pages.district_board import BoardPage

    app = QApplication.instance() or QApplication([])
    samples = []
    for _ in range(3):
        t = time.perf_counter()
        page = BoardPage(inst)  # reads every village as it opens
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        samples.append(time.perf_counter() - t)
        page.close()
    report(f"district board opens, {scale} (median of 3)", statistics.median(samples), "s",
           1 if targets else None)  # fmt: skip
    t = time.perf_counter()
    data = report_json(district_board.district_report(inst, dt.date.today().year), "kecamatan")
    report(f"kecamatan report, {scale}", time.perf_counter() - t, "s", None)
    assert data["registered"] == sum(k["registered"] for k in data["kecamatan"])

    names = [w["full_name"] for w in district_workers.search(inst, "", limit=400)]
    niks = [w["nik"] for w in district_workers.search(inst, "65", limit=50)]
    rng = random.Random(11)
    keystrokes = [name[:i] for name in rng.sample(names, 40) for i in range(1, 9)]
    keystrokes += [nik[:i] for nik in niks[:10] for i in (4, 6, 8, 12, 16)]
    samples = []
    for text in keystrokes:
        t = time.perf_counter()
        total = district_workers.count(inst, text)
        district_workers.search(inst, text, limit=200, total=total)
        samples.append((time.perf_counter() - t) * 1000)
    report(f"district worker search p95 of {len(samples)}, {scale}", p95(samples), "ms",
           30 if targets else None)  # fmt: skip


def bench_district(base: Path, villages: int) -> tuple[Path, list[Path]]:
    """232 villages of 100 workers with two years of coverage, budgets and events."""
    from desktop_app.device import clock
    from desktop_app.domain import regions
    from desktop_app.services.installation import open_installation
    from desktop_app.store.db import DB_FILENAME

    say(f"Preparing {villages} villages of 100 workers, two years of program…")
    district, profile = init_district(base / "district", "65.03")
    codes = [c for c, _ in regions.villages_in("65.03") if c.split(".")[-1].startswith("2")]
    usb = base / "usb232"
    usb.mkdir()
    this_year = dt.date.today().year
    t = time.perf_counter()
    for n, code in enumerate(codes[:villages]):
        inst = init_village(base / "v" / code, code, district_profile=profile)
        with clock.living_at(dt.date(this_year - 1, 1, 1)):  # registered before their cover
            seed(inst, 100, 1000 + n)
        seed_program(inst, (this_year - 1, this_year), n)
        sync.export_batch(inst, usb)
        inst.close()
    say(f"  seeded in {time.perf_counter() - t:.0f} s")
    files = sorted(usb.iterdir())
    t = time.perf_counter()
    results = sync.import_files(district, files, trust_new=True)
    report(f"district import, {len(files)} batches (first time)", time.perf_counter() - t, "s", 30)
    assert all(r.status == "applied" for r in results), results[:3]
    district.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = (district.data_dir / DB_FILENAME).read_bytes()
    t = time.perf_counter()
    results = sync.import_files(district, files)
    report(f"district import, {len(files)} batches (again)", time.perf_counter() - t, "s", 5)
    district.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    unchanged = (district.data_dir / DB_FILENAME).read_bytes() == before
    check("importing again changes nothing", unchanged)
    measure_district_views(district, f"{villages} villages", targets=True)
    district.close()
    open_installation(base / "district").close()
    return base / "district", files


def bench_province(base: Path, regency: Path, files: list[Path], copies: int = 9) -> None:
    """2,320 villages and 232,000 workers: nine renamed copies of the regency's district data
    under the real one, then the real 232 batches imported on top, then the same views."""
    from desktop_app.device.keys import KEY_DIR
    from desktop_app.store.db import DB_FILENAME

    say(f"Building a province: {copies} copies of {regency.name}'s data…")
    district, _ = init_district(base / "province", "65.03")
    # The same district keys, so the regency's batches open here too.
    shutil.copytree(regency / KEY_DIR, district.data_dir / KEY_DIR, dirs_exist_ok=True)
    db = district.db
    t = time.perf_counter()
    db.execute("ATTACH DATABASE ? AS src", [str(regency / DB_FILENAME)])
    db.conn.execute("BEGIN")
    for k in range(1, copies + 1):
        # 65.03.10.2004 → 65.03.031.2004 for k = 1: codes outside the region list, each copy
        # with kecamatan of its own (kecamatan 01–21 plus 21 per copy).
        code = (
            "substr({c}, 1, 6) || printf('%03d', cast(substr({c}, 7, 2) AS int) + "
            + str(21 * k)
            + ") || substr({c}, 9)"
        )
        db.execute(
            "INSERT INTO villages SELECT "
            + code.format(c="code")
            + ", name || ' "
            + str(k)
            + "', device_id, signing_key, box_key, trusted_at, trusted_by, applied_seq, "
            "last_batch_at, return_no FROM src.villages"
        )
        nik = f"substr(nik, 1, 2) || '{20 + k}' || substr(nik, 5)"
        db.execute(
            "INSERT INTO district_workers(id, village_code, nik, full_name, birth_date, sex, "
            "occupation, monthly_income, programs, registered_at, deleted_at, record, kpj_number, "
            "bpjs_status, bpjs_updated_at, status, occupation_other, dusun, heirs, children) "
            f"SELECT id || '-{k}', {code.format(c='village_code')}, {nik}, full_name, birth_date, "
            "sex, occupation, monthly_income, programs, registered_at, deleted_at, record, "
            "kpj_number, bpjs_status, bpjs_updated_at, status, occupation_other, dusun, heirs, "
            "children FROM src.district_workers"
        )
        db.execute(
            f"INSERT INTO district_coverage SELECT id || '-{k}', {code.format(c='village_code')}, "
            f"worker_id || '-{k}', fiscal_year, start_month, months, programs, total_amount, "
            "funding, cancelled_at FROM src.district_coverage"
        )
        db.execute(
            f"INSERT INTO district_events SELECT id || '-{k}', {code.format(c='village_code')}, "
            f"worker_id || '-{k}', kind, event_date, cause, unable_from, unable_to, claim_status, "
            "created_at FROM src.district_events"
        )
        db.execute(
            f"INSERT INTO district_budgets SELECT {code.format(c='village_code')}, fiscal_year, "
            "allocated, budget_line, target_workers, working_residents, updated_at "
            "FROM src.district_budgets"
        )
    db.conn.execute("COMMIT")
    db.execute("DETACH DATABASE src")
    say(f"  copied in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    results = sync.import_files(district, files, trust_new=True)
    report(f"province import of the real {len(files)} batches on top", time.perf_counter() - t,
           "s", None)  # fmt: skip
    assert all(r.status == "applied" for r in results), results[:3]
    villages = db.execute("SELECT count(*) FROM villages").fetchone()[0]
    workers = db.execute("SELECT count(*) FROM district_workers").fetchone()[0]
    say(f"  province: {villages:,} villages, {workers:,} workers")
    measure_district_views(district, f"{villages:,} villages / {workers:,} workers", False)
    district.close()


def bench_lists(base: Path, rows: int = 2000) -> None:
    """Import a clerk's XLSX list of `rows` workers, then the same file again."""
    from openpyxl import Workbook

    from desktop_app.services import list_import

    inst = init_village(base / "lists", "65.03.10.2004")
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PEKERJA RENTAN"])
    sheet.append(["NIK", "Nama", "Tgl Lahir", "L/P", "Pekerjaan", "Dusun", "Penghasilan"])
    for worker, _, _ in iter_demo_forms(rows, seed=5):
        sheet.append(
            [
                worker.nik, worker.full_name.upper(), worker.birth_date, worker.sex,
                worker.occupation_other or worker.occupation, worker.dusun, worker.monthly_income,
            ]
        )  # fmt: skip
    path = base / "daftar.xlsx"
    book.save(path)
    for when in ("first time", "again"):
        t = time.perf_counter()
        listed, mapping = list_import.open_list(inst, path)
        result = list_import.import_list(inst, listed, mapping)
        seconds = time.perf_counter() - t
        say(f"  added {result.added}, present {result.already_registered}, "
            f"refused {len(result.refused)}")  # fmt: skip
        report(f"import a list of {rows:,} rows ({when})", seconds, "s", None)
    check("importing the list again adds nothing", result.added == 0)
    inst.close()


def district_batches(base: Path, villages: int, batches: int) -> tuple[Path, list[list[Path]]]:
    """`batches` files of 100 workers from each of `villages` villages (kept under `base`)."""
    from desktop_app.domain import regions

    usb = base / f"usb-{villages}x{batches}"
    profile = base / "district-keys" / "profil-kabupaten-65.03.json"
    if not usb.exists():
        say(f"Preparing {villages} villages × {batches} batches of 100 workers…")
        if not profile.exists():
            init_district(base / "district-keys", "65.03")[0].close()
        tmp = usb.with_suffix(".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        codes = [c for c, _ in regions.villages_in("65.03") if c.split(".")[-1].startswith("2")]
        for n, code in enumerate(codes[:villages]):
            inst = init_village(base / "v" / code, code, district_profile=profile)
            forms = iter_demo_forms(100 * batches, 1000 + n)
            for _ in range(batches):
                registry.register_many(inst, [next(forms) for _ in range(100)])
                sync.export_batch(inst, tmp)
            inst.close()
        tmp.rename(usb)
    by_round: dict[str, list[Path]] = {}
    for path in sorted(usb.iterdir()):
        by_round.setdefault(path.name.split("_")[1], []).append(path)
    rounds = [[files[i] for files in by_round.values()] for i in range(batches)]
    return profile.parent, rounds


def import_into(base: Path, keys_dir: Path, name: str, files: list[Path]) -> tuple[float, float]:
    """Seconds for the first import of `files` into a fresh district, and for importing again."""
    import shutil

    from desktop_app.store.db import DB_FILENAME

    folder = base / name
    shutil.copytree(keys_dir, folder)  # a district that has imported nothing yet
    district = open_installation(folder)
    t = time.perf_counter()
    results = sync.import_files(district, files, trust_new=True)
    first = time.perf_counter() - t
    assert all(r.status == "applied" for r in results), results[:3]
    district.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = (folder / DB_FILENAME).read_bytes()
    t = time.perf_counter()
    again = sync.import_files(district, files)
    second = time.perf_counter() - t
    assert all(r.status == "already" for r in again), again[:3]
    district.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert (folder / DB_FILENAME).read_bytes() == before, "importing again changed the database"
    district.close()
    return first, second


def bench_district_floor(base: Path, scratch: Path, villages: int, batches: int) -> None:
    """District import of `batches` rounds from each village, beside its floor."""
    from desktop_app.device.keys import load_keys

    keys_dir, rounds = district_batches(base, villages, batches)
    base = scratch
    keys = load_keys(keys_dir)
    sets = [rounds[0]] if batches == 1 else [rounds[0], [f for r in rounds for f in r]]
    for files in sets:
        n = len(files)
        first, again = import_into(base, keys_dir, f"district-{n}", files)
        floor = baselines.floor_import(files, keys, base / f"floor-{n}.sqlite3", insert=True)
        (base / f"floor-{n}.sqlite3").unlink()
        opened = baselines.floor_import(files, keys, base / f"floor-{n}.sqlite3", insert=False)
        report(f"district import, {n:,} batches of 100", first, "s", "ratio <= 3",
               baseline=floor)  # fmt: skip
        report(f"district import again, {n:,} batches (changes nothing)", again, "s",
               "ratio <= 2", baseline=opened)  # fmt: skip


def bench_documents(base: Path) -> None:
    from pypdf import PdfReader

    from desktop_app.services import budget, letterhead, printing

    say("Seeding 1,000 funded workers…")
    inst = init_village(base / "documents", "65.03.10.2004")
    letterhead.save(inst, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    seed_workers(inst, 1000, 3)
    budget.set_budget(inst, 2027, 1_000_000_000)
    budget.fund_workers(inst, 2027)
    from desktop_app.documents import cards

    def pages_per_second(kind: str) -> float:
        out = base / f"{kind}.pdf"
        t = time.perf_counter()
        result = printing.print_documents(inst, kind, out, 2027)
        seconds = time.perf_counter() - t
        assert result.count == 1000
        return len(PdfReader(out).pages) / seconds

    app = statistics.median(pages_per_second("cards") for _ in range(3))
    encode = cards.qr_mask
    ready = encode("SD1:" + "A" * 60)
    cards.qr_mask = lambda _payload: ready  # the bare floor: the same drawing, QR pre-encoded
    bare = statistics.median(pages_per_second("cards") for _ in range(3))
    cards.qr_mask = encode
    report("1,000 cards as PDF", app, "pages/s", "value >= 250", baseline=bare)
    for kind in ("letters", "register"):
        report(f"1,000 {kind} as PDF", pages_per_second(kind), "pages/s")
    inst.close()


def print_table() -> None:
    width = max(len(m.name) for m in RESULTS)
    print(f"\n{'measure':{width}}  {'result':>18}  {'bare':>10}  {'ratio':>6}  {'target':<15} ok")
    for m in RESULTS:
        bare = "" if m.baseline is None else f"{m.baseline:,.3f}"
        ratio = "" if m.ratio is None else f"{m.ratio:.2f}"
        ok = "" if m.ok is None else ("yes" if m.ok else "NO")
        print(f"{m.name:{width}}  {m.value:>12,.3f} {m.unit:<5}  {bare:>10}  {ratio:>6}  "
              f"{m.target or '':<15} {ok}")  # fmt: skip


def main() -> None:
    global AS_JSON
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--villages", type=int, default=232)
    parser.add_argument(
        "--only",
        choices=["village", "export", "district", "province", "documents", "lists", "scale"],
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per measurement")
    parser.add_argument("--keep", type=Path, help="keep seeded data here and reuse it")
    args = parser.parse_args()
    AS_JSON = args.json
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        base = args.keep or scratch  # seeded data, reused from --keep
        base.mkdir(parents=True, exist_ok=True)
        if args.only in (None, "village"):
            bench_village(base, args.workers)
        if args.only in (None, "export"):
            bench_export(scratch)
        if args.only in (None, "district", "province"):
            regency, files = bench_district(scratch, args.villages)
            if args.only == "province":  # long: seeds the regency, then ten times its data
                bench_province(scratch, regency, files)
            bench_district_floor(base, scratch, args.villages, 1)
        if args.only in (None, "documents"):
            bench_documents(scratch)
        if args.only in (None, "lists"):
            bench_lists(scratch)
        if args.only == "scale":
            bench_village(base, 1_000_000, scale=True)
            bench_district_floor(base, scratch, args.villages, 10)
    if not AS_JSON:
        print_table()


if __name__ == "__main__":
    main()
