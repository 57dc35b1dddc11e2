"""The sealed file format shared by village batches and district return files.

    MAGIC "SATUDESA" | u16 format version | u32 header length | header (JSON, clear)
    | 64-byte Ed25519 signature over everything before it | sealed box (ciphertext)

The header says who sent it, for whom it is sealed, what range it holds and the ciphertext's
length and SHA-256, so a damaged or misdirected file is recognised before decrypting. The
ciphertext is zlib-compressed JSON lines: the header again (binding it to the content), then
one record per line. See docs/sync-format.md.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.device.keys import KeyPair, sign, unb64, verify
from desktop_app.domain.errors import Refused
from desktop_app.sync import seal

MAGIC = b"SATUDESA"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sHI")
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 64 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PLAINTEXT_BYTES = 256 * 1024 * 1024  # far above 10,000 changes; a zip bomb stops here


class SyncRefused(Refused):
    """A file refused whole; nothing of it was applied."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400 reads as infinity
        raise ValueError(f"{text} is out of range")
    return number


def _loads(raw: bytes) -> Any:
    """Parse JSON from a file, raising only ValueError: a file is not trusted until it is opened.

    Python's json accepts Infinity/NaN (whose int() overflows) and recurses once per nesting
    level; both would escape as errors other than a refusal.
    """
    try:
        return json.loads(raw, parse_constant=_reject_constant, parse_float=_finite)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class Opened:
    header: dict[str, Any]
    records: list[dict[str, Any]]
    # Each record's line as signed and sealed: canonical JSON, so its SHA-256 fingerprints
    # the record without encoding it again.
    lines: list[bytes] = field(default_factory=list)


def build(
    keys: KeyPair,
    recipient_box: str,
    header: dict[str, Any],
    records: list[Any],
    sealed: dict[str, Any] | None = None,
) -> bytes:
    """Seal `records` for the recipient and sign the whole file with `keys`.

    `sealed` header fields travel only in the inner header: signed (through the ciphertext's
    checksum in the signed clear header) but unreadable to whoever carries the file. A record
    given as bytes is a line already in canonical JSON (as the outbox keeps them) and goes in
    as it is.
    """
    inner_header = {**header, **(sealed or {})}
    inner = (
        _canonical(inner_header)
        + b"\n"
        + b"".join((r if isinstance(r, bytes) else _canonical(r)) + b"\n" for r in records)
    )
    ciphertext = seal.seal(recipient_box, zlib.compress(inner, 6))
    outer = {
        **header,
        "format": FORMAT_VERSION,
        "sender_keys": {"signing": keys.public.signing, "box": keys.public.box},
        "recipient": seal.key_id(recipient_box),
        "ciphertext_bytes": len(ciphertext),
        "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(),
    }
    head = _canonical(outer)
    signed = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(head)) + head
    return signed + sign(keys, signed) + ciphertext


def _refuse(code: str, message: str) -> SyncRefused:
    return SyncRefused(f"sync.{code}", message)


def read_header(data: bytes) -> dict[str, Any]:
    """The clear header of a file, after the checks that need no key (format, length, checksum)."""
    if not data:
        raise _refuse("empty", "Berkas kosong (0 byte). Salin ulang berkas dari desa/kabupaten.")
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            "too_large", "Berkas terlalu besar untuk berkas sinkronisasi. Minta berkas baru."
        )
    if data[:8] != MAGIC:
        if MAGIC.startswith(data):
            raise _truncated()
        raise _refuse(
            "not_satudesa",
            "Ini bukan berkas sinkronisasi Satu Desa. Pilih berkas berakhiran .sdsync.",
        )
    if len(data) < _PREFIX.size:
        raise _truncated()
    _, version, head_len = _PREFIX.unpack_from(data)
    if version != FORMAT_VERSION:
        raise _refuse(
            "version",
            f"Berkas dibuat dengan format versi {version}, sedangkan aplikasi ini membaca versi "
            f"{FORMAT_VERSION}. Samakan versi aplikasi Satu Desa di desa dan kabupaten.",
        )
    if head_len > MAX_HEADER_BYTES:
        raise _refuse("schema", "Kepala berkas tidak wajar; berkas rusak. Minta berkas baru.")
    if len(data) < _PREFIX.size + head_len + SIGNATURE_BYTES:
        raise _truncated()
    try:
        header: dict[str, Any] = _loads(data[_PREFIX.size : _PREFIX.size + head_len])
        ciphertext_bytes = int(header["ciphertext_bytes"])
        expected_sha = str(header["ciphertext_sha256"])
        if not all(isinstance(header[k], str) for k in ("recipient", "kind")):
            raise TypeError("recipient and kind must be text")
        for key in ("signing", "box"):
            if len(unb64(header["sender_keys"][key])) != 32:
                raise ValueError("public keys are 32 bytes")
    except (ValueError, KeyError, TypeError):
        raise _refuse("schema", "Kepala berkas rusak. Minta berkas baru dari pengirim.") from None
    ciphertext = data[_PREFIX.size + head_len + SIGNATURE_BYTES :]
    if len(ciphertext) < ciphertext_bytes:
        raise _truncated()
    if len(ciphertext) > ciphertext_bytes or hashlib.sha256(ciphertext).hexdigest() != expected_sha:
        raise _refuse(
            "checksum",
            "Isi berkas tidak cocok dengan checksum-nya: berkas rusak di jalan (flashdisk atau "
            "unduhan). Salin ulang berkas dari sumbernya.",
        )
    return header


def _truncated() -> SyncRefused:
    return _refuse(
        "truncated",
        "Berkas terpotong (tidak lengkap), mungkin flashdisk dicabut saat menyalin. "
        "Salin ulang berkas dari sumbernya.",
    )


def open_sealed(
    data: bytes,
    keys: KeyPair,
    trusted_signing_key: Callable[[dict[str, Any]], str],
    check_record: Callable[[dict[str, Any]], None],
    sealed_fields: frozenset[str] = frozenset(),
) -> Opened:
    """Check, verify, decrypt and parse a file, or refuse it whole with the reason.

    `trusted_signing_key(header)` returns the sender's pinned signing key (or raises a
    SyncRefused naming the unknown sender); `check_record` raises ValueError for a bad record.
    The inner header may add the `sealed_fields`, which the opened header then carries.
    """
    opened = open_lines(data, keys, trusted_signing_key, sealed_fields)
    try:
        records = [_loads(line) for line in opened.lines]
        for record in records:
            if not isinstance(record, dict):
                raise ValueError("a record is not an object")
            check_record(record)
    except (ValueError, KeyError, TypeError) as e:
        raise _refuse(
            "schema", f"Isi berkas tidak sesuai format ({e}). Minta berkas baru dari pengirim."
        ) from None
    return Opened(opened.header, records, opened.lines)


def check_signature(
    data: bytes,
    header: dict[str, Any],
    keys: KeyPair,
    trusted_signing_key: Callable[[dict[str, Any]], str],
) -> int:
    """Refuse a file sealed for someone else or not signed by the trusted sender; the offset
    where the signature ends (the ciphertext follows it)."""
    signed_end: int = _PREFIX.size + _PREFIX.unpack_from(data)[2]
    signature = data[signed_end : signed_end + SIGNATURE_BYTES]
    if header["recipient"] != seal.key_id(keys.public.box):
        raise _refuse(
            "wrong_recipient",
            "Berkas ini disegel untuk instalasi lain (kabupaten atau desa lain), jadi tidak "
            "dapat dibuka di sini. Periksa apakah berkas dikirim ke tujuan yang benar.",
        )
    if not verify(trusted_signing_key(header), data[:signed_end], signature):
        raise _refuse(
            "signature",
            "Tanda tangan berkas tidak sah: berkas telah diubah atau bukan dari pengirim yang "
            "terdaftar. Jangan gunakan berkas ini; minta berkas baru dari pengirim.",
        )
    return signed_end


def open_lines(
    data: bytes,
    keys: KeyPair,
    trusted_signing_key: Callable[[dict[str, Any]], str],
    sealed_fields: frozenset[str] = frozenset(),
) -> Opened:
    """`open_sealed` up to the records: checked, verified, decrypted and inflated, the inner
    header compared, and the record lines left unparsed (`records` is empty)."""
    header = read_header(data)
    signed_end = check_signature(data, header, keys, trusted_signing_key)
    compressed = seal.unseal(keys, data[signed_end + SIGNATURE_BYTES :])
    if compressed is None:
        raise _refuse(
            "decrypt", "Berkas tidak dapat dibuka dengan kunci instalasi ini. Minta berkas baru."
        )
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(compressed, MAX_PLAINTEXT_BYTES)
    except zlib.error:
        raise _refuse("schema", "Isi berkas rusak setelah dibuka. Minta berkas baru.") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise _refuse(
            "too_large",
            "Isi berkas jauh melebihi ukuran wajar dan tidak dibuka (melindungi laptop dari "
            "berkas berbahaya). Hubungi pengirim.",
        )
    lines = plain.split(b"\n")
    try:
        inner = _loads(lines[0])
        if not isinstance(inner, dict):
            raise ValueError("the inner header is not an object")
        sealed = {k: v for k, v in inner.items() if k in sealed_fields and k not in header}
        expected = {k: v for k, v in header.items() if k in inner}
        if {k: v for k, v in inner.items() if k not in sealed} != expected or (
            set(inner) - set(header) - set(sealed)
        ):
            raise ValueError("inner header differs from the clear header")
    except (ValueError, KeyError, TypeError) as e:
        raise _refuse(
            "schema", f"Isi berkas tidak sesuai format ({e}). Minta berkas baru dari pengirim."
        ) from None
    return Opened({**header, **sealed}, [], [line for line in lines[1:] if line])
