"""The envelope reader refuses anything malformed with a SyncRefused and never another exception,
even when the malformed part sits behind a valid signature (a buggy or hostile village)."""

from __future__ import annotations

import json

import nacl.public
import nacl.signing
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.device.keys import KeyPair
from desktop_app.sync import batch, envelope
from desktop_app.sync.envelope import SyncRefused

VILLAGE = {"code": "65.03.10.2004", "name": "Tanjung Aru", "device_id": "dev-1"}
VILLAGE_KEYS = KeyPair(nacl.signing.SigningKey.generate(), nacl.public.PrivateKey.generate())
DISTRICT_KEYS = KeyPair(nacl.signing.SigningKey.generate(), nacl.public.PrivateKey.generate())

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # includes inf and nan, which json.dumps writes as Infinity / NaN
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


def worker_change(seq: int, **payload) -> dict:
    worker = {
        "id": f"w{seq}",
        "nik": "6503104508900001",
        "full_name": "Siti Aminah",
        "birth_date": "1990-08-05",
        "sex": "P",
        "occupation": "nelayan",
        "monthly_income": 1_500_000,
        "programs": "JKK+JKM",
        "created_at": "2026-11-24T10:00:00Z",
        **payload,
    }
    return {
        "seq": seq,
        "at": "2026-11-24T10:00:00Z",
        "entity": "worker",
        "entity_id": worker["id"],
        "op": "insert",
        "payload": worker,
    }


def signed_batch(records: list) -> bytes:
    """A batch correctly framed, signed and sealed, holding whatever `records` are."""
    header = {
        "kind": batch.BATCH,
        "village_code": VILLAGE["code"],
        "village_name": VILLAGE["name"],
        "device_id": VILLAGE["device_id"],
        "first_seq": 1,
        "last_seq": max(1, len(records)),
        "count": len(records),
        "created_at": "2026-11-24T10:00:00Z",
    }
    return envelope.build(VILLAGE_KEYS, DISTRICT_KEYS.public.box, header, records)


def open_batch(data: bytes) -> envelope.Opened:
    """What the district does with a file, up to the point of writing it."""
    batch.check_header(envelope.read_header(data))
    opened = envelope.open_sealed(
        data, DISTRICT_KEYS, lambda _h: VILLAGE_KEYS.public.signing, batch.check_change
    )
    batch.check_batch(opened)
    return opened


def framed(head: bytes, rest: bytes = b"\0" * 128) -> bytes:
    return envelope._PREFIX.pack(envelope.MAGIC, envelope.FORMAT_VERSION, len(head)) + head + rest


def test_a_well_formed_batch_opens_with_its_records():
    opened = open_batch(signed_batch([worker_change(1)]))
    assert opened.records[0]["payload"]["full_name"] == "Siti Aminah"


@pytest.mark.parametrize(
    "head",
    [
        b'{"ciphertext_bytes": Infinity}',
        b'{"ciphertext_bytes": 1e400}',
        b'{"ciphertext_bytes": NaN}',
        b"[" * 50_000,
        b'{"a": "\xff"}',
        b"[1, 2]",
    ],
    ids=["infinity", "overflowing-float", "nan", "deep-nesting", "not-utf8", "not-an-object"],
)
def test_header_that_python_json_reads_oddly_is_refused_as_a_format_fault(head):
    with pytest.raises(SyncRefused) as refused:
        envelope.read_header(framed(head))
    assert refused.value.code == "sync.schema"


@settings(max_examples=200, deadline=None)
@given(header=json_values, field=st.sampled_from(["", "ciphertext_bytes", "kind", "sender_keys"]))
def test_any_json_header_is_refused_or_read_never_crashes(header, field):
    """Whole headers, and single fields of a real header, replaced by arbitrary JSON."""
    if field:
        real = envelope.read_header(signed_batch([worker_change(1)]))
        header = {**real, field: header}
    try:
        open_batch(framed(json.dumps(header).encode()))
    except SyncRefused as refused:
        assert refused.code.startswith("sync.") and refused.message
    else:
        pytest.fail("a forged header was accepted")


@settings(max_examples=150, deadline=None)
@given(records=st.lists(json_values, min_size=1, max_size=3))
def test_a_validly_signed_file_of_arbitrary_records_is_refused_as_a_format_fault(records):
    with pytest.raises(SyncRefused) as refused:
        open_batch(signed_batch(records))
    assert refused.value.code == "sync.schema"


@pytest.mark.parametrize(
    "payload",
    [
        {"birth_date": "31-02-1990"},
        {"birth_date": ""},
        {"created_at": "kemarin"},
        {"monthly_income": "1.500.000"},
        {"nik": None},
    ],
)
def test_a_signed_worker_with_a_field_the_district_cannot_use_is_refused(payload):
    with pytest.raises(SyncRefused) as refused:
        open_batch(signed_batch([worker_change(1, **payload)]))
    assert refused.value.code == "sync.schema" and "perubahan 1" in refused.value.message
