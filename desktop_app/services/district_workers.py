"""Workers of every village, as the district officer finds and reads them (read-only).

The village owns its workers' records; the district searches its copy by name, NIK or KPJ
number and shows one record (or, for a finding, the two records side by side).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from desktop_app.device import clock
from desktop_app.domain import regions
from desktop_app.domain.coverage import COVERAGE_LABELS, coverage_status, periods_by_worker
from desktop_app.domain.errors import Refused
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.services.installation import Installation
from desktop_app.services.reports import signatures, status_of
from desktop_app.store import district_program, district_search

_OCCUPATION_LABELS = {o.code: o.label for o in OCCUPATIONS}


def _village_names(inst: Installation, codes: set[str]) -> dict[str, str]:
    """Village names from the region list, else as the village sent it."""
    names = {c: n for c in codes if (n := regions.region_name(c))}
    names.update(district_search.village_names(inst.db, sorted(codes - set(names))))
    return names


def _labelled(row: dict[str, Any], names: dict[str, str], coverage: str) -> dict[str, Any]:
    kec = row["village_code"].rsplit(".", 1)[0]
    status = row["bpjs_status"] or row["status"] or "registered"
    return {
        **row,
        "village": names.get(row["village_code"], row["village_code"]),
        "kecamatan": regions.region_name(kec) or kec,
        "occupation_label": row["occupation_other"]
        or _OCCUPATION_LABELS.get(row["occupation"], row["occupation"]),
        "status_label": STATUS_LABELS.get(status, status),
        "coverage": coverage,
        "coverage_label": COVERAGE_LABELS[coverage],
    }


def search(
    inst: Installation,
    text: str,
    limit: int = 200,
    offset: int = 0,
    total: int | None = None,
    day: dt.date | None = None,
) -> list[dict[str, Any]]:
    """A page of live workers of any village matching a name, NIK or KPJ number.

    `total`, when the caller has counted the matches already, spares counting them again.
    """
    total = count(inst, text) if total is None else total
    rows = district_search.search_workers(inst.db, text, limit, offset, total)
    day = day or clock.today()
    found = signatures(district_program.periods_for(inst.db, [r["id"] for r in rows]))
    names = _village_names(inst, {r["village_code"] for r in rows})
    return [_labelled(r, names, status_of(found.get(r["id"], ""), day)) for r in rows]


def count(inst: Installation, text: str) -> int:
    return district_search.count_matches(inst.db, text)


def find(inst: Installation, ref: str) -> str:
    """A worker's id from its id or NIK (the live record when a NIK has several)."""
    ref = ref.strip()
    if district_program.worker_record(inst.db, ref):
        return ref
    ids = district_program.live_ids_by_nik(inst.db, ref)
    if not ids:
        raise Refused("worker.not_found", f"Pekerja {ref} tidak ditemukan di data kabupaten.")
    return ids[0]


def details(inst: Installation, worker_id: str, day: dt.date | None = None) -> dict[str, Any]:
    """One worker as the district knows it: the village's record (without the names of heirs
    and children), coverage, BPJS fields, events and open findings about the NIK."""
    row = district_program.worker_record(inst.db, worker_id)
    if row is None:
        raise Refused("worker.not_found", f"Pekerja {worker_id} tidak ditemukan.")
    periods = district_program.coverage_of(inst.db, worker_id)
    status = coverage_status(periods_by_worker(periods).get(worker_id, []), day or clock.today())
    record = json.loads(row.pop("record"))
    return {
        **_labelled(
            {k: row[k] for k in district_search.COLUMNS},
            _village_names(inst, {row["village_code"]}),
            status,
        ),
        "registered_at": row["registered_at"],
        "deleted_at": row["deleted_at"],
        "removal_reason": record.get("removal_reason"),
        "dusun": row["dusun"],
        "monthly_income": row["monthly_income"],
        "programs": row["programs"],
        "heirs": row["heirs"],
        "children": row["children"],
        "coverage_periods": periods,
        "events": district_program.events_of(inst.db, worker_id),
        "findings": district_program.findings_about(inst.db, row["nik"]),
    }


def finding_records(inst: Installation, finding_id: int) -> list[dict[str, Any]]:
    """The records a finding is about, to read side by side: for a NIK found twice, both."""
    found = district_program.finding(inst.db, finding_id)
    if found is None:
        raise Refused("finding.not_found", f"Temuan nomor {finding_id} tidak ada.")
    ids = district_program.live_ids_by_nik(inst.db, found["nik"]) if found["nik"] else []
    if found["worker_id"] and found["worker_id"] not in ids:
        ids.insert(0, found["worker_id"])
    return [details(inst, wid) for wid in ids]
