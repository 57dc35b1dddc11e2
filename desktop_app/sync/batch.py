"""What village batches and district return files hold, and how each record is checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from desktop_app.device.keys import KeyPair
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.sync import envelope

BATCH = "batch"
# What a village's outbox holds; the district keeps workers and records receipt of the rest.
ENTITIES = ("worker", "coverage", "event")
RETURN = "return"
WORKER_FIELDS = {
    "id": str,
    "nik": str,
    "full_name": str,
    "birth_date": str,
    "sex": str,
    "occupation": str,
    "monthly_income": int,
    "programs": str,
    "created_at": str,
}


HEADER_FIELDS = {
    BATCH: {
        "village_code": str,
        "village_name": str,
        "device_id": str,
        "first_seq": int,
        "last_seq": int,
        "count": int,
        "created_at": str,
    },
    RETURN: {
        "district_code": str,
        "village_code": str,
        "return_no": int,
        "ack_seq": int,
        "count": int,
        "created_at": str,
    },
}


def check_header(header: dict[str, Any]) -> None:
    """The clear header's fields, before any of them is used to pick a key or a village."""
    fields = HEADER_FIELDS.get(header.get("kind"))
    if fields is None or any(
        not isinstance(header.get(name), kind) or isinstance(header.get(name), bool)
        for name, kind in fields.items()
    ):
        raise envelope.SyncRefused(
            "sync.schema", "Kepala berkas tidak sesuai format. Minta berkas baru dari pengirim."
        )


def change_sha256(change: dict[str, Any]) -> str:
    """A change's fingerprint, to tell a re-sent change from a different one with its number."""
    canonical = json.dumps(change, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record_sha256s(opened: envelope.Opened) -> list[str]:
    """`change_sha256` of each record, from the lines as read: a line is the canonical JSON
    that `change_sha256` would make again, so hashing it spares encoding every record anew."""
    if not opened.lines:
        return [change_sha256(r) for r in opened.records]
    return [hashlib.sha256(line).hexdigest() for line in opened.lines]


def payload_text(line: bytes) -> str:
    """The payload of a change's canonical line, as JSON text, cut out rather than re-encoded.

    Keys are sorted, so "payload" is followed only by "seq", and no JSON text holds the
    characters `,"seq":` outside a key: strings escape their quotes."""
    start = line.index(b',"payload":') + len(b',"payload":')
    return line[start : line.rindex(b',"seq":')].decode()


def check_change(record: dict[str, Any]) -> None:
    if not isinstance(record.get("seq"), int) or record["seq"] < 1:
        raise ValueError("nomor urut perubahan tidak sah")
    if record.get("entity") not in ENTITIES or record.get("op") not in (
        "insert",
        "update",
        "delete",
    ):
        raise ValueError(f"perubahan {record.get('seq')} tidak dikenal")
    payload = record.get("payload")
    if not isinstance(payload, dict) or payload.get("id") != record.get("entity_id"):
        raise ValueError(f"isi perubahan {record['seq']} tidak lengkap")
    if record["entity"] != "worker":
        return
    for name, kind in WORKER_FIELDS.items():
        if not isinstance(payload.get(name), kind):
            raise ValueError(f"perubahan {record['seq']}: kolom {name} tidak sah")
    for name in ("birth_date", "created_at"):  # the district computes ages from these
        try:
            dt.date.fromisoformat(payload[name][:10])
        except ValueError:
            raise ValueError(f"perubahan {record['seq']}: tanggal {name} tidak sah") from None


def check_batch(opened: envelope.Opened) -> None:
    """The records must be exactly the numbered range the header claims, in order."""
    h = opened.header
    seqs = [r["seq"] for r in opened.records]
    if h.get("kind") != BATCH or seqs != list(range(h["first_seq"], h["last_seq"] + 1)):
        raise envelope.SyncRefused(
            "sync.schema",
            "Isi berkas tidak sesuai rentang nomor di kepalanya. Minta berkas baru dari desa.",
        )


def check_update(record: dict[str, Any]) -> None:
    if not isinstance(record.get("worker_id"), str):
        raise ValueError("pembaruan tanpa id pekerja")
    kpj = record.get("kpj_number")
    if kpj is not None and not (isinstance(kpj, str) and len(kpj) == 11 and is_ascii_digits(kpj)):
        raise ValueError(f"nomor KPJ {kpj!r} tidak sah")
    status = record.get("bpjs_status")
    if status is not None and status not in STATUS_LABELS:
        raise ValueError(f"status BPJS {status!r} tidak dikenal")


def build_batch(
    keys: KeyPair,
    district_box: str,
    village: dict[str, str],
    changes: list[tuple[int, bytes]] | list[dict[str, Any]],
    created_at: str,
) -> bytes:
    """A batch of changes: (seq, canonical JSON line) pairs as the outbox gives them, or dicts."""
    changes = [(c["seq"], c) if isinstance(c, dict) else c for c in changes]
    header = {
        "kind": BATCH,
        "village_code": village["code"],
        "village_name": village["name"],
        "device_id": village["device_id"],
        "first_seq": changes[0][0],
        "last_seq": changes[-1][0],
        "count": len(changes),
        "created_at": created_at,
    }
    return envelope.build(keys, district_box, header, [line for _, line in changes])


def build_return(
    keys: KeyPair,
    village_box: str,
    district_code: str,
    village_code: str,
    return_no: int,
    ack_seq: int,
    updates: list[dict[str, Any]],
    created_at: str,
) -> bytes:
    header = {
        "kind": RETURN,
        "district_code": district_code,
        "village_code": village_code,
        "return_no": return_no,
        "ack_seq": ack_seq,
        "count": len(updates),
        "created_at": created_at,
    }
    return envelope.build(keys, village_box, header, updates)
