"""What village batches and district return files hold, and how each record is checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from desktop_app.device.keys import KeyPair
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.sync import envelope

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
BATCH = "batch"
# What a village's outbox holds: workers, their coverage periods and events, its budgets,
# and the cards it printed (a reprint makes the earlier card invalid).
ENTITIES = ("worker", "coverage", "event", "budget", "card")
RETURN = "return"
WORKER_FIELDS: dict[str, type] = {
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

# The program records the district materialises, with the fields it reads.
PROGRAM_FIELDS: dict[str, dict[str, type]] = {
    "coverage": {
        "worker_id": str,
        "fiscal_year": int,
        "start_month": str,
        "months": int,
        "programs": str,
        "total_amount": int,
        "funding": str,
    },
    "event": {"worker_id": str, "kind": str, "event_date": str, "created_at": str},
    "budget": {
        "fiscal_year": int,
        "allocated": int,
        "budget_line": str,
        "target_workers": int,
        "updated_at": str,
    },
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


# Sealed (inner-only) header fields of a batch: the village's audit chain as it stands, the
# head {"count", "hash"} and the hashes at the counts earlier batches showed ("checkpoints").
AUDIT = "audit"
SEALED_FIELDS = frozenset({AUDIT})
MAX_CHECKPOINTS = 10


def _is_hash(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)
    )


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_audit(proof: Any) -> None:
    """A batch's audit chain proof, if it has one (batches before it existed do not)."""
    if proof is None:
        return
    checkpoints = proof.get("checkpoints") if isinstance(proof, dict) else None
    if (
        not isinstance(checkpoints, list)
        or len(checkpoints) > MAX_CHECKPOINTS
        or not _is_count(proof.get("count"))
        or not _is_hash(proof.get("hash"))
        or not all(
            isinstance(c, list) and len(c) == 2 and _is_count(c[0]) and _is_hash(c[1])
            for c in checkpoints
        )
    ):
        raise envelope.SyncRefused(
            "sync.schema", "Bukti riwayat audit dalam berkas rusak. Minta berkas baru dari desa."
        )


MAX_HEADER_TEXT = 100  # a village name, a code, a device id or a time


def check_header(header: dict[str, Any]) -> None:
    """The clear header's fields, before any of them is used to pick a key or a village.

    Types, ranges and text: the village name is shown in messages before the signature is
    checked, so it may hold no control characters (a terminal escape code) and no more than
    a line's worth of letters.
    """
    fields = HEADER_FIELDS.get(str(header.get("kind")))
    if fields is None or any(
        not isinstance(header.get(name), kind) or isinstance(header.get(name), bool)
        for name, kind in fields.items()
    ):
        raise _bad_header()
    texts = [header[name] for name, kind in fields.items() if kind is str]
    if any(len(t) > MAX_HEADER_TEXT or not t.isprintable() for t in texts):
        raise _bad_header()
    if header["kind"] == BATCH:
        first, last = header["first_seq"], header["last_seq"]
        fits = 1 <= first <= last and header["count"] == last - first + 1
    else:
        fits = header["return_no"] >= 0 and header["ack_seq"] >= 0
    if not fits or not 0 <= header["count"] <= envelope.MAX_RECORDS:
        raise _bad_header()


def _bad_header() -> envelope.SyncRefused:
    return envelope.SyncRefused(
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


# The fields each entity's payload must hold, and their types, as two tuples
_FIELD_TYPES = {
    entity: (tuple(fields), tuple(fields.values()))
    for entity, fields in {"worker": WORKER_FIELDS, **PROGRAM_FIELDS}.items()
}


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
    if record["entity"] == "card":
        if not isinstance(payload.get("worker_id"), str) or not isinstance(
            payload.get("serial"), int
        ):
            raise ValueError(f"perubahan {record['seq']}: kartu tanpa pekerja atau nomor")
        return
    # a value parsed from JSON is of its type exactly (a bool is not taken for an int)
    names, kinds = _FIELD_TYPES[record["entity"]]
    if tuple(map(type, map(payload.get, names))) != kinds:  # all at once; then which one
        name = next(
            n for n, kind in zip(names, kinds, strict=True) if type(payload.get(n)) is not kind
        )
        raise ValueError(f"perubahan {record['seq']}: kolom {name} tidak sah")
    if "\0" in "".join(filter(str.__instancecheck__, payload.values())):  # its texts, in C
        raise ValueError(f"perubahan {record['seq']}: teks berisi karakter NUL")
    if record["entity"] != "worker":
        return
    # the district computes ages from these: exactly YYYY-MM-DD (fromisoformat alone also
    # takes 19900805)
    for name in ("birth_date", "created_at"):
        day = payload[name][:10]
        try:
            if not _ISO_DAY.fullmatch(day):
                raise ValueError
            dt.date.fromisoformat(day)
        except ValueError:
            raise ValueError(f"perubahan {record['seq']}: tanggal {name} tidak sah") from None
    if len(payload["birth_date"]) != 10:
        raise ValueError(f"perubahan {record['seq']}: tanggal lahir tidak sah")


def check_batch(opened: envelope.Opened) -> None:
    """The records must be exactly the numbered range the header claims, in order."""
    h = opened.header
    check_audit(h.get(AUDIT))
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
    village: dict[str, Any],
    changes: list[tuple[int, bytes]] | list[dict[str, Any]],
    created_at: str,
    audit: dict[str, Any] | None = None,
) -> bytes:
    """A batch of changes: (seq, canonical JSON line) pairs as the outbox gives them, or dicts."""
    numbered: list[tuple[int, bytes | dict[str, Any]]] = [
        (c["seq"], c) if isinstance(c, dict) else c for c in changes
    ]
    header = {
        "kind": BATCH,
        "village_code": village["code"],
        "village_name": village["name"],
        "device_id": village["device_id"],
        "first_seq": numbered[0][0],
        "last_seq": numbered[-1][0],
        "count": len(numbered),
        "created_at": created_at,
        **({"demo": True} if village.get("demo") else {}),
    }
    lines = [line for _, line in numbered]
    return envelope.build(keys, district_box, header, lines, {AUDIT: audit} if audit else None)


def build_return(
    keys: KeyPair,
    village_box: str,
    district_code: str,
    village_code: str,
    return_no: int,
    ack_seq: int,
    updates: list[dict[str, Any]],
    created_at: str,
    extra: dict[str, Any] | None = None,
) -> bytes:
    """`extra`: optional header fields a village may act on (the retention period, a change
    of the district's keys); an older village ignores them."""
    header = {
        "kind": RETURN,
        "district_code": district_code,
        "village_code": village_code,
        "return_no": return_no,
        "ack_seq": ack_seq,
        "count": len(updates),
        "created_at": created_at,
        **(extra or {}),
    }
    return envelope.build(keys, village_box, header, updates)
