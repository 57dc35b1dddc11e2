"""Bad files are refused whole, with a message naming the fault, and change nothing."""

from __future__ import annotations

import json
import shutil
import struct
import zlib

import pytest
from cli_helpers import run, run_json
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_usb_roundtrip import district_state

from desktop_app.device.keys import create_keys, load_keys, sign
from desktop_app.services import sync
from desktop_app.services.installation import init_district, open_installation
from desktop_app.store import outbox
from desktop_app.sync import batch, envelope, seal


@pytest.fixture
def exported(world, capsys):
    """Tanjung Aru's first batch, the district knowing Tanjung Aru already from an earlier file."""
    (first,) = run_json(capsys, world.ta, "export", "--out", str(world.usb / "first"))
    run_json(capsys, world.district, "import", "--trust-new", first["path"])
    from cli_helpers import add_worker

    add_worker(capsys, world.ta, "6503105505920004", "Nur Aini", "15-05-1992", "P", "petani")
    (second,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))
    from pathlib import Path

    return Path(second["path"])


def refused(capsys, world, path) -> dict:
    before = district_state(world.district)
    code, out, _ = run(capsys, world.district, "import", str(path), "--json")
    assert code == 1
    (result,) = json.loads(out)
    assert result["status"] == "refused"
    assert district_state(world.district) == before
    return result


def rewrite(path, data: bytes, name: str | None = None):
    bad = path.parent / "bad" / (name or path.name)
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(data)
    return bad


def test_truncated_file_is_refused_as_truncated(world, capsys, exported):
    data = exported.read_bytes()
    for cut in (4, 20, len(data) // 2, len(data) - 1):
        result = refused(capsys, world, rewrite(exported, data[:cut]))
        assert result["code"] == "sync.truncated" and "Salin ulang" in result["message"]


def test_one_flipped_byte_anywhere_is_refused(world, capsys, exported):
    data = bytearray(exported.read_bytes())
    for position in (10, 40, len(data) - 100, len(data) - 1):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        result = refused(capsys, world, rewrite(exported, bytes(flipped)))
        assert result["code"].startswith("sync.")


def test_empty_file_is_refused(world, capsys, exported):
    assert refused(capsys, world, rewrite(exported, b""))["code"] == "sync.empty"


def test_file_that_is_not_a_sync_file_is_refused(world, capsys, exported):
    result = refused(capsys, world, rewrite(exported, b"%PDF-1.7 not a batch"))
    assert result["code"] == "sync.not_satudesa"


def test_wrong_format_version_is_refused_naming_both_versions(world, capsys, exported):
    data = bytearray(exported.read_bytes())
    struct.pack_into(">H", data, 8, 7)
    result = refused(capsys, world, rewrite(exported, bytes(data)))
    assert result["code"] == "sync.version" and "7" in result["message"]


def test_valid_file_renamed_to_another_range_is_refused(world, capsys, exported):
    renamed = exported.parent / exported.name.replace("000003-000003", "000004-000009")
    shutil.copy(exported, renamed)
    assert refused(capsys, world, renamed)["code"] == "sync.renamed"


def test_file_signed_by_an_unknown_village_is_refused(world, capsys, exported, tmp_path):
    stranger = tmp_path / "stranger"
    run(
        capsys,
        stranger,
        "init",
        "village",
        "--code",
        "65.03.10.2003",
        "--district-profile",
        str(world.profile),
    )
    from cli_helpers import add_worker

    add_worker(capsys, stranger, "6503100303930006", "Orang Asing", "03-03-1993", "L", "tukang")
    (out,) = run_json(capsys, stranger, "export", "--out", str(tmp_path / "s"))
    result = refused(capsys, world, out["path"])
    assert result["code"] == "sync.unknown_village" and "sidik" in result["message"]


def test_file_re_signed_with_another_key_for_a_known_village_is_refused(world, capsys, exported):
    """An impostor's file with Tanjung Aru's name and code but its own key."""
    inst = open_installation(world.ta)
    impostor = create_keys(world.ta.parent / "impostor")
    header = envelope.read_header(exported.read_bytes())
    fake = envelope.build(
        impostor,
        load_keys(world.district).public.box,
        {
            k: header[k]
            for k in (
                "kind",
                "village_code",
                "village_name",
                "device_id",
                "first_seq",
                "last_seq",
                "count",
                "created_at",
            )
        },
        [
            {
                "seq": 3,
                "at": "x",
                "entity": "worker",
                "entity_id": "X",
                "op": "insert",
                "payload": {},
            }
        ],
    )
    inst.close()
    assert refused(capsys, world, rewrite(exported, fake))["code"] == "sync.key_changed"


def test_file_sealed_for_another_district_is_refused(world, capsys, exported, tmp_path):
    # another installation of the same regency: same code, its own keys
    other, profile = init_district(tmp_path / "other", "65.03")
    other.close()
    run(capsys, world.ta, "district-profile", str(profile))
    (out,) = run_json(capsys, world.ta, "export", "--out", str(tmp_path / "o"), "--range", "3-3")
    assert refused(capsys, world, out["path"])["code"] == "sync.wrong_recipient"


def test_replayed_older_range_with_different_content_is_refused(world, capsys, exported):
    """A village reinstalled without its backup numbers its changes from 1 again."""
    run_json(capsys, world.district, "import", str(exported))
    before = district_state(world.district)
    inst = open_installation(world.ta)
    header = envelope.read_header(exported.read_bytes())
    changes = [
        {
            **{k: c[k] for k in ("seq", "at", "entity", "entity_id", "op")},
            "payload": {**c["payload"], "full_name": "Nama Lain"},
        }
        for c in outbox.changes_between(inst.db, 1, 1)
    ]
    inst.close()
    village = {
        "code": header["village_code"],
        "name": header["village_name"],
        "device_id": header["device_id"],
    }
    replay = batch.build_batch(
        load_keys(world.ta), load_keys(world.district).public.box, village, changes, "t"
    )
    result = refused(capsys, world, rewrite(exported, replay, "salinan.sdsync"))
    assert result["code"] == "sync.replayed" and "nomor 1" in result["message"]
    assert district_state(world.district) == before


def test_zip_bomb_sized_payload_is_refused_without_inflating_it(world, capsys, exported):
    keys = load_keys(world.ta)
    header = envelope.read_header(exported.read_bytes())
    bomb_plain = b"\n" * (envelope.MAX_PLAINTEXT_BYTES + 1024)
    compressed = zlib.compress(bomb_plain, 9)
    assert len(compressed) < 1_000_000
    ciphertext = seal.seal(load_keys(world.district).public.box, compressed)
    outer = {k: v for k, v in header.items() if k not in ("ciphertext_bytes", "ciphertext_sha256")}
    import hashlib

    outer.update(
        ciphertext_bytes=len(ciphertext), ciphertext_sha256=hashlib.sha256(ciphertext).hexdigest()
    )
    head = envelope._canonical(outer)
    signed = envelope._PREFIX.pack(envelope.MAGIC, 1, len(head)) + head
    bomb = signed + sign(keys, signed) + ciphertext
    # the first (empty) line is not the inner header: refused before the rest is inflated
    assert refused(capsys, world, rewrite(exported, bomb))["code"] == "sync.schema"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_mutation_of_a_file_is_refused_with_a_reason_and_changes_nothing(
    world, capsys, exported, data
):
    original = exported.read_bytes()
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "overwrite"]))
    pos = data.draw(st.integers(0, len(original) - 1))
    if kind == "flip":
        mutated = (
            original[:pos]
            + bytes([original[pos] ^ data.draw(st.integers(1, 255))])
            + original[pos + 1 :]
        )
    elif kind == "cut":
        mutated = original[:pos] + original[pos + data.draw(st.integers(1, 64)) :]
    elif kind == "insert":
        mutated = original[:pos] + data.draw(st.binary(min_size=1, max_size=16)) + original[pos:]
    else:
        chunk = data.draw(st.binary(min_size=1, max_size=32))
        mutated = original[:pos] + chunk + original[pos + len(chunk) :]
    if mutated == original:
        return
    district = open_installation(world.district)
    try:
        result = sync.import_bytes(district, mutated, "")
    finally:
        district.close()
    assert result.status == "refused" and result.code.startswith("sync.") and result.message


@pytest.mark.parametrize(
    "field, value",
    [
        ("village_code", 6503),
        ("first_seq", "1"),
        ("kind", "bundle"),
        ("sender_keys", {"signing": "x"}),
    ],
)
def test_header_with_fields_of_the_wrong_kind_is_refused_as_a_format_fault(
    world, capsys, exported, field, value
):
    data = exported.read_bytes()
    _, _, length = envelope._PREFIX.unpack_from(data)
    header = json.loads(data[envelope._PREFIX.size : envelope._PREFIX.size + length])
    header[field] = value
    head = envelope._canonical(header)
    forged = (
        envelope._PREFIX.pack(envelope.MAGIC, 1, len(head))
        + head
        + data[envelope._PREFIX.size + length :]
    )
    assert refused(capsys, world, rewrite(exported, forged, "x.sdsync"))["code"] == "sync.schema"


def test_a_huge_file_picked_by_mistake_is_refused_reading_only_its_first_bytes(
    world, capsys, tmp_path
):
    from desktop_app.sync import files

    film = tmp_path / "film.mp4"
    with open(film, "wb") as f:  # sparse: large on paper, nothing on disk
        f.truncate(envelope.MAX_FILE_BYTES * 4)
    assert len(files.read_limited(film)) == envelope.MAX_FILE_BYTES + 1
    assert refused(capsys, world, film)["code"] == "sync.too_large"


def test_a_folder_given_as_a_file_is_refused_as_unreadable(world, capsys, tmp_path):
    assert refused(capsys, world, tmp_path)["code"] == "sync.unreadable"
