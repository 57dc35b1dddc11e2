"""Measure Satu Desa against the targets of docs/design.md ("Targets") and print a table.

    python bench/run.py [--workers 100000] [--villages 232] [--only village|export|district|
                        province|documents|lists]

Seeds its own data in a temporary folder (a few minutes for 100,000 workers); never part of CI.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.services import auto_backup, registry, sync, worker_list  # noqa: E402
from desktop_app.services.demo import demo_forms  # noqa: E402
from desktop_app.services.installation import init_district, init_village  # noqa: E402

ROWS: list[tuple[str, str, str, bool]] = []


def report(what: str, value: float, unit: str, target: float | None) -> None:
    ok = target is None or value <= target
    shown_target = "" if target is None else f"< {target:g} {unit}"
    ROWS.append((what, f"{value:,.3f} {unit}", shown_target, ok))
    print(f"  {what}: {value:,.3f} {unit}", flush=True)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def seed(inst, count: int, seed_no: int) -> None:
    for worker, heir, children in demo_forms(count, seed=seed_no):
        registry.register_worker(inst, worker, heir, children)


def bench_village(base: Path, workers: int) -> None:
    print(f"Seeding {workers:,} workers…", flush=True)
    inst = init_village(base / "village", "65.03.10.2004")
    t = time.perf_counter()
    seed(inst, workers, 1)
    print(f"  seeded in {time.perf_counter() - t:.0f} s", flush=True)

    samples = []
    extra = demo_forms(workers + 300, seed=1)[workers:]
    for worker, heir, children in extra[:200]:
        t = time.perf_counter()
        registry.register_worker(inst, worker, heir, children)
        samples.append((time.perf_counter() - t) * 1000)
    report("save one worker (median)", statistics.median(samples), "ms", 20)
    report("save one worker (p95)", p95(samples), "ms", 20)

    names = [r.full_name for r in worker_list.fetch_rows(inst, worker_list.Filters(), 500)]
    rng = random.Random(7)
    keystrokes = []
    for name in rng.sample(names, 60):
        for i in range(1, min(len(name), 8) + 1):
            keystrokes.append(name[:i])
    keystrokes += ["6503", "650310", "65031045", "aji", "aji kun", "sungai pa"]
    samples = []
    for text in keystrokes:
        filters = worker_list.Filters(search=text)
        t = time.perf_counter()
        worker_list.count(inst, filters)
        worker_list.fetch_rows(inst, filters, 200)
        samples.append((time.perf_counter() - t) * 1000)
    report(f"search per keystroke, p95 of {len(samples)}", p95(samples), "ms", 30)

    from desktop_app.services.worker_export import export_workers
    from desktop_app.store.workers import SORTS

    samples = []
    for key in SORTS:
        for descending in (False, True):
            for occupation in (None, "nelayan"):
                filters = worker_list.Filters(
                    occupation=occupation, sort=key, descending=descending
                )
                t = time.perf_counter()
                worker_list.fetch_rows(inst, filters, 200)
                samples.append((time.perf_counter() - t) * 1000)
    report(f"first page sorted by a column, p95 of {len(samples)}", p95(samples), "ms", None)
    t = time.perf_counter()
    exported = export_workers(inst, worker_list.Filters(sort="dusun"), base / "pekerja.xlsx")
    report(f"save the list as XLSX, {exported:,} workers", time.perf_counter() - t, "s", None)

    t0 = time.time()
    child = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "window_ready.py"), str(inst.data_dir)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    result = json.loads(child.stdout.strip().splitlines()[-1])
    report(f"window ready, {workers:,} workers", result["ready_at"] - t0, "s", 1.5)
    report("memory, window ready", result["rss_ready_mb"], "MB", 300)
    report(f"memory, all {result['rows']:,} rows fetched", result["rss_all_rows_mb"], "MB", 300)

    # Both run in the background once the window is open (no target: they must not block it).
    t = time.perf_counter()
    auto_backup.database_is_healthy(inst.data_dir)
    report("PRAGMA quick_check after the window opens", time.perf_counter() - t, "s", None)
    t = time.perf_counter()
    auto_backup.make_auto_backup(inst)
    report("automatic backup (in memory, sealed)", time.perf_counter() - t, "s", None)
    inst.close()


def bench_export(base: Path) -> None:
    district, profile = init_district(base / "district_x", "65.03")
    district.close()
    inst = init_village(base / "export", "65.03.10.2001", district_profile=profile)
    seed(inst, 10_000, 2)
    out = base / "usb"
    out.mkdir()
    t = time.perf_counter()
    exported = sync.export_batch(inst, out)
    report(f"export a batch of {exported.count:,} changes", time.perf_counter() - t, "s", 2)
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

    print(f"Preparing {villages} villages of 100 workers, two years of program…", flush=True)
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
    print(f"  seeded in {time.perf_counter() - t:.0f} s", flush=True)
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
    ROWS.append(("importing again changes nothing", str(unchanged), "True", unchanged))
    measure_district_views(district, f"{villages} villages", targets=True)
    district.close()
    open_installation(base / "district").close()
    return base / "district", files


def bench_province(base: Path, regency: Path, files: list[Path], copies: int = 9) -> None:
    """2,320 villages and 232,000 workers: nine renamed copies of the regency's district data
    under the real one, then the real 232 batches imported on top, then the same views."""
    from desktop_app.device.keys import KEY_DIR
    from desktop_app.store.db import DB_FILENAME

    print(f"Building a province: {copies} copies of {regency.name}'s data…", flush=True)
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
    print(f"  copied in {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    results = sync.import_files(district, files, trust_new=True)
    report(f"province import of the real {len(files)} batches on top", time.perf_counter() - t,
           "s", None)  # fmt: skip
    assert all(r.status == "applied" for r in results), results[:3]
    villages = db.execute("SELECT count(*) FROM villages").fetchone()[0]
    workers = db.execute("SELECT count(*) FROM district_workers").fetchone()[0]
    print(f"  province: {villages:,} villages, {workers:,} workers", flush=True)
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
    for worker, _, _ in demo_forms(rows, seed=5):
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
        print(f"  added {result.added}, present {result.already_registered}, "
              f"refused {len(result.refused)}", flush=True)  # fmt: skip
        report(f"import a list of {rows:,} rows ({when})", seconds, "s", None)
    ROWS.append(
        ("importing the list again adds nothing", str(result.added == 0), "True", result.added == 0)
    )
    inst.close()


def bench_documents(base: Path) -> None:
    from pypdf import PdfReader

    from desktop_app.services import budget, letterhead, printing

    print("Seeding 1,000 funded workers…", flush=True)
    inst = init_village(base / "documents", "65.03.10.2004")
    letterhead.save(inst, letterhead.LetterheadSettings(head_name="Hj. Nurhayati Basri"))
    seed(inst, 1000, 3)
    budget.set_budget(inst, 2027, 1_000_000_000)
    budget.fund_workers(inst, 2027)
    for kind, target in (("cards", 5), ("letters", None), ("register", None)):
        out = base / f"{kind}.pdf"
        t = time.perf_counter()
        result = printing.print_documents(inst, kind, out, 2027)
        seconds = time.perf_counter() - t
        pages = len(PdfReader(out).pages)
        report(f"1,000 {kind} as PDF ({pages} pages)", seconds, "s", target)
        report(f"  {kind}: pages per second", pages / seconds, "pages/s", None)
        assert result.count == 1000
    inst.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--villages", type=int, default=232)
    parser.add_argument(
        "--only", choices=["village", "export", "district", "province", "documents", "lists"]
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if args.only in (None, "village"):
            bench_village(base, args.workers)
        if args.only in (None, "export"):
            bench_export(base)
        if args.only in (None, "district", "province"):
            regency, files = bench_district(base, args.villages)
            if args.only == "province":  # long: seeds the regency, then ten times its data
                bench_province(base, regency, files)
        if args.only in (None, "documents"):
            bench_documents(base)
        if args.only in (None, "lists"):
            bench_lists(base)
    width = max(len(r[0]) for r in ROWS)
    print(f"\n{'measure':{width}}  {'result':>16}  {'target':>12}  ok")
    for what, value, target, ok in ROWS:
        print(f"{what:{width}}  {value:>16}  {target:>12}  {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
