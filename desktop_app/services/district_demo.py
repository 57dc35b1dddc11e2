"""A demo district: a regency and demo villages in several kecamatan, synced through real files.

Each village is a full installation of its own (its keys, its database) in a folder beside the
district's; its batch is sealed to the district, written as a file, and imported as an officer
would, so the district's board shows what a real first week would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.device import clock
from desktop_app.domain import regions
from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.services import events, sync
from desktop_app.services.demo import TANJUNG_ARU, make_demo
from desktop_app.services.installation import Installation, bind_district, init_district
from desktop_app.store import workers as worker_store

REGENCY = "65.03"  # Kabupaten Nunukan
VILLAGES_FOLDER = "desa-contoh"
FILES_FOLDER = "berkas-sinkron"


@dataclass(frozen=True, slots=True)
class DemoVillage:
    code: str
    name: str
    kecamatan: str
    data_dir: Path
    workers: int


def demo_village_codes(villages: int, kecamatan: int) -> list[str]:
    """Desa codes spread over `kecamatan` kecamatan, Tanjung Aru's (Sebatik Timur) first."""
    desa = [c for c, _ in regions.villages_in(REGENCY) if not regions.village_kind(c).is_kelurahan]
    by_kec: dict[str, list[str]] = {}
    for code in desa:
        by_kec.setdefault(code.rsplit(".", 1)[0], []).append(code)
    home = TANJUNG_ARU.rsplit(".", 1)[0]
    order = [home] + [k for k in sorted(by_kec) if k != home]
    chosen_kec = order[: max(1, min(kecamatan, len(order), villages))]
    by_kec[home] = [TANJUNG_ARU] + [c for c in by_kec[home] if c != TANJUNG_ARU]
    codes: list[str] = []
    round_no = 0
    while len(codes) < villages:
        added = False
        for kec in chosen_kec:
            if round_no < len(by_kec[kec]) and len(codes) < villages:
                codes.append(by_kec[kec][round_no])
                added = True
        if not added:
            raise InvalidInput(
                "demo.villages", f"Kecamatan yang dipilih hanya memiliki {len(codes)} desa."
            )
        round_no += 1
    return codes


def make_district_demo(
    data_dir: Path,
    villages: int = 5,
    workers: int = 100,
    kecamatan: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Installation, list[DemoVillage]]:
    """A district in `data_dir` and `villages` demo villages beside it, synced through files."""
    if not 1 <= villages <= 232:
        raise InvalidInput("demo.villages", "Jumlah desa contoh harus 1 sampai 232.")
    data_dir = Path(data_dir)
    district, profile = init_district(data_dir, REGENCY, demo=True)
    folder = data_dir / VILLAGES_FOLDER
    usb = data_dir / FILES_FOLDER
    usb.mkdir(parents=True, exist_ok=True)
    made = []
    codes = demo_village_codes(villages, kecamatan or min(villages, 21))
    for n, code in enumerate(codes, start=1):
        inst = make_demo(folder / code, workers, code)
        bind_district(inst, profile)
        _add_events(inst, n)
        sync.export_batch(inst, usb)
        kec = regions.region_name(code.rsplit(".", 1)[0]) or ""
        made.append(DemoVillage(code, inst.name, kec, inst.data_dir, workers))
        inst.close()
        if progress:
            progress(n, len(codes))
    results = sync.import_files(district, sorted(usb.glob("satudesa_*.sdsync")), trust_new=True)
    for result in results:
        if not result.ok:
            raise Refused(result.code or "demo.sync", result.message)
    return district, made


def _add_events(inst: Installation, n: int) -> None:
    """A few events with claims, so the board's events and claims columns are not all zero."""
    today = clock.today()
    living = worker_store.list_workers(inst.db, limit=3)
    if len(living) < 2:
        return
    accident = events.add_event(
        inst,
        living[0].id,
        "accident",
        today - dt.timedelta(days=20 + n),
        cause="work",
        unable_from=today - dt.timedelta(days=20 + n),
        unable_to=today - dt.timedelta(days=10 + n),
        today=today,
    )
    if n % 2:
        events.set_claim_status(inst, accident["id"], "paid")
    events.add_event(inst, living[1].id, "moved", today - dt.timedelta(days=5), today=today)
