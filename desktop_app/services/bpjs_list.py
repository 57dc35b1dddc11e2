"""The collective registration list the district sends to BPJS (CSV, one row per worker)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop_app.device.files import write_atomic
from desktop_app.domain.occupations import occupation
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.services.safe_cells import safe_row
from desktop_app.store import registration_list
from desktop_app.store.db import transaction

HEADER = (
    "kode_desa",
    "desa",
    "nik",
    "nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "pekerjaan",
    "penghasilan_sebulan",
    "program",
)


def export_registration_list(inst: Installation, out: Path) -> int:
    """Write every worker without a KPJ number and mark them submitted; returns how many.

    The file is written before anything is marked, so a failed write changes nothing.
    """
    access.require(inst, "export")
    rows = registration_list.unregistered_workers(inst.db)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow(
            safe_row(
                (
                    r["village_code"],
                    r["village_name"],
                    r["nik"],
                    r["full_name"],
                    r["birth_date"],
                    r["sex"],
                    occupation(r["occupation"]).label,
                    r["monthly_income"],
                    r["programs"].replace(",", "+"),
                )
            )
        )
    write_atomic(Path(out), buffer.getvalue().encode("utf-8-sig"))
    with transaction(inst.db):
        registration_list.mark_submitted(inst.db, [r["id"] for r in rows])
        summary = {"file": Path(out).name, "workers": len(rows)}
        record_change(inst, "bpjs_export", "bpjs_list", Path(out).name, None, summary)
    return len(rows)
