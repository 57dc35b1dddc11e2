"""Measure Satu Desa against its targets, each beside its bare baseline measured in the same run.

    python bench/run.py [--only village|export|district|documents|scale] [--workers 100000]
                        [--villages 232] [--json] [--keep DIR]

`--only scale` seeds 1,000,000 workers through the bulk path and 2,320 district batches (232
villages, ten batches each). `--json` prints one object per measurement: name, value, unit,
baseline (the bare equivalent, where one exists), ratio (value / baseline), target and ok.
`--keep DIR` keeps the seeded data in DIR and reuses it on the next run (seeding a million
workers takes minutes). Times on a shared machine are noisy: each figure is a median of
repeats, and the ratio to the baseline is what to compare across runs. Never part of CI.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
    name: str, value: float, unit: str, baseline: float | None = None, target: str | None = None
) -> None:
    """Record one measurement; `target` is a comparison of `value` or `ratio` with a number."""
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
    report("save, one transaction each", app_rate, "rows/s", raw_rate, "ratio >= 0.5")

    app = fresh_forms(conn, 5000, 7000)
    raw = baselines.prepared_rows(fresh_forms(conn, 5000, 8000), inst.code, inst.user)
    t = time.perf_counter()
    registry.register_many(inst, app)
    app_rate = len(app) / (time.perf_counter() - t)
    raw_rate = baselines.raw_saves(conn, raw, bulk=True)
    report("save, 5,000 in one transaction", app_rate, "rows/s", raw_rate, "ratio >= 0.5")


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
        total = worker_list.count(inst, filters)
        worker_list.fetch_page(inst, filters, None, 200, total)
        app.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        baselines.bare_search(conn, text)
        bare.append((time.perf_counter() - t) * 1000)
    report(
        f"search p95 with the count, {workers:,} workers ({len(app)} keystrokes)",
        p95(app), "ms", p95(bare), "value < 30",
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
            worker_list.fetch_page(inst, everyone, key, 200, total)
            app.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            baselines.bare_page(conn, row[0], row[1])
            bare.append((time.perf_counter() - t) * 1000)
    report("slowest page of 200, anywhere in the list", max(app), "ms", max(bare), "value < 30")


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
        statistics.median(s for s, _ in app), "s",
        statistics.median(s for s, _ in bare), f"value < {ready_target}",
    )  # fmt: skip
    report(
        f"memory at ready, {workers:,} workers",
        statistics.median(r["rss_ready_mb"] for _, r in app), "MB",
        statistics.median(r["rss_ready_mb"] for _, r in bare), f"value < {rss_target}",
    )  # fmt: skip
    if all_rows:
        _, result = child_json("window_ready.py", data, "--all")
        report(f"memory, all {result['rows']:,} rows fetched", result["rss_all_rows_mb"], "MB",
               None, "value < 300")  # fmt: skip


def bench_village(base: Path, workers: int, *, scale: bool = False) -> None:
    inst, seeded = village_with(base, workers)
    if seeded is not None:
        report(f"seed {workers:,} workers through the bulk path", seeded, "s", None,
               "value < 180" if scale else None)  # fmt: skip
    bench_search_and_pages(inst, workers)
    bench_saves(inst)
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
           None, "value < 2")  # fmt: skip
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


def bench_district(base: Path, scratch: Path, villages: int, batches: int) -> None:
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
        report(f"district import, {n:,} batches of 100", first, "s", floor, "ratio <= 3")
        report(f"district import again, {n:,} batches (changes nothing)", again, "s", opened,
               "ratio <= 2")  # fmt: skip


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
    report("1,000 cards as PDF", app, "pages/s", bare, "value >= 250")
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
    parser.add_argument("--only", choices=["village", "export", "district", "documents", "scale"])
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
        if args.only in (None, "district"):
            bench_district(base, scratch, args.villages, 1)
        if args.only in (None, "documents"):
            bench_documents(scratch)
        if args.only == "scale":
            bench_village(base, 1_000_000, scale=True)
            bench_district(base, scratch, args.villages, 10)
    if not AS_JSON:
        print_table()


if __name__ == "__main__":
    main()
