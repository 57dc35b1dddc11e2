"""The district's view: villages with their last batch and gaps, findings, and BPJS numbers."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import Refused
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.domain.text import NOTE_MAX, clean_text
from desktop_app.services import access
from desktop_app.services.changes import record_change
from desktop_app.services.installation import Installation
from desktop_app.store import district
from desktop_app.store.db import transaction


@dataclass(frozen=True, slots=True)
class VillageRow:
    code: str
    name: str
    workers: int
    applied_seq: int
    last_batch_at: str | None
    gaps: list[str]
    findings: int


def missing_ranges(inst: Installation, code: str) -> list[str]:
    """Gaps in what a village sent, by number: "perubahan 41–57 dari Tanjung Aru belum diterima"."""
    village = district.get_village(inst.db, code)
    if village is None:
        return []
    gaps, expected = [], village.applied_seq + 1
    for held in district.held_batches(inst.db, code):
        if held["first_seq"] > expected:
            gaps.append(
                f"perubahan {expected}–{held['first_seq'] - 1} dari {village.name} belum diterima"
            )
        expected = max(expected, held["last_seq"] + 1)
    return gaps


def village_overview(inst: Installation) -> list[VillageRow]:
    counts = district.worker_counts(inst.db)
    findings: dict[str, int] = {}
    for f in district.open_findings(inst.db):
        findings[f["village_code"]] = findings.get(f["village_code"], 0) + 1
    return [
        VillageRow(
            v.code,
            v.name,
            counts.get(v.code, 0),
            v.applied_seq,
            v.last_batch_at,
            missing_ranges(inst, v.code),
            findings.get(v.code, 0),
        )
        for v in district.list_villages(inst.db)
    ]


def open_findings(inst: Installation) -> list[dict]:
    return district.open_findings(inst.db)


def resolve_finding(inst: Installation, finding_id: int, note: str) -> None:
    """Close a finding once the officer has settled it (with the villages, or with BPJS)."""
    access.require(inst, "change")
    note = clean_text(note, "note", NOTE_MAX, "Catatan")
    if not note:
        raise Refused("finding.note", "Tuliskan apa yang dilakukan untuk menyelesaikan temuan.")
    with transaction(inst.db):
        if not district.resolve_finding(inst.db, finding_id, note, inst.user):
            raise Refused(
                "finding.not_open", f"Temuan nomor {finding_id} tidak ada atau sudah selesai."
            )
        record_change(inst, "resolve", "finding", str(finding_id), None, {"note": note})


# Statuses as BPJS's lists write them, mapped to ours.
BPJS_STATUS_WORDS = {
    **{code: code for code in STATUS_LABELS},
    **{label.lower(): code for code, label in STATUS_LABELS.items()},
    "aktif": "active",
    "nonaktif": "lapsed",
    "non aktif": "lapsed",
    "berhenti": "ended",
}


@dataclass(frozen=True, slots=True)
class BpjsImport:
    updated: int
    unknown_niks: list[str]


def import_bpjs_csv(inst: Installation, path: Path) -> BpjsImport:
    """Write KPJ numbers and statuses from BPJS's list (columns nik, kpj_number, status).

    The whole file is checked first; one bad row refuses the file, naming every bad row.
    """
    access.require(inst, "change")
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = {"nik", "kpj_number", "status"} - set(reader.fieldnames or ())
            if missing:
                raise Refused(
                    "bpjs.columns",
                    f"Kolom {', '.join(sorted(missing))} tidak ada di {Path(path).name}. "
                    "Baris pertama harus: nik,kpj_number,status",
                )
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise Refused("bpjs.unreadable", f"Berkas {path} tidak dapat dibaca: {e}") from None
    problems, parsed = [], []
    for line, row in enumerate(rows, start=2):
        nik, kpj = (row["nik"] or "").strip(), (row["kpj_number"] or "").strip()
        status = BPJS_STATUS_WORDS.get((row["status"] or "").strip().lower())
        if len(nik) != 16 or not is_ascii_digits(nik):
            problems.append(f"baris {line}: NIK {nik!r} bukan 16 angka")
        elif kpj and (len(kpj) != 11 or not is_ascii_digits(kpj)):
            problems.append(f"baris {line}: nomor KPJ {kpj!r} harus 11 angka")
        elif status is None:
            problems.append(f"baris {line}: status {row['status']!r} tidak dikenal")
        else:
            parsed.append((nik, kpj or None, status))
    if problems:
        raise Refused(
            "bpjs.rows", "Berkas BPJS ditolak, tidak ada yang diubah: " + "; ".join(problems)
        )
    updated, unknown = 0, []
    with transaction(inst.db):
        for nik, kpj, status in parsed:
            matches = district.find_live_by_nik(inst.db, nik)
            if not matches:
                unknown.append(nik)
            for worker in matches:
                district.set_bpjs_fields(inst.db, worker["id"], kpj, status)
                updated += 1
        summary = {"file": Path(path).name, "updated": updated, "unknown": len(unknown)}
        record_change(inst, "bpjs_import", "bpjs_list", Path(path).name, None, summary)
    return BpjsImport(updated, unknown)
