"""The sealed file format shared by village batches and district return files.

    MAGIC "SATUDESA" | u16 format version | u32 header length | header (JSON, clear)
    | 64-byte Ed25519 signature over everything before it | sealed box (ciphertext)

The header says who sent it, for whom it is sealed, what range it holds and the ciphertext's
length and SHA-256, so a damaged or misdirected file is recognised before decrypting. The
ciphertext is zlib-compressed JSON lines: the header again (binding it to the content), then
one record per line. See docs/sync-format.md.
"""

from __future__ import annotations

import binascii
import hashlib
import json
import math
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from desktop_app.device.keys import KeyPair, sign, unb64, verify
from desktop_app.domain.errors import Refused
from desktop_app.sync import seal

MAGIC = b"SATUDESA"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sHI")
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 64 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024  # far above 10,000 changes; a zip bomb stops here
MAX_RECORDS = 100_000  # a batch or return holds at most this many records
MAX_RECORD_BYTES = 64 * 1024  # one record (a change of one worker) is a few hundred bytes
_INFLATE_CHUNK = 256 * 1024


class SyncRefused(Refused):
    """A file refused whole; nothing of it was applied."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400 reads as infinity
        raise ValueError(f"{text} is out of range")
    return number


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite)


def _loads(raw: bytes) -> Any:
    """Parse JSON from a file, raising only ValueError: a file is not trusted until it is opened.

    Python's json accepts Infinity/NaN (whose int() overflows) and recurses once per nesting
    level; both would escape as errors other than a refusal.
    """
    # What json.detect_encoding says without asking it for each line: a record's line starts
    # with "{" then not a zero byte (a BOM or UTF-16/32 would start otherwise).
    utf8 = raw[:1] == b"{" and raw[1:2] != b"\0"
    try:
        # json.loads(raw, parse_constant=..., parse_float=...), without a new decoder per call
        text = raw.decode("utf-8" if utf8 else json.detect_encoding(raw), "surrogatepass")
        return _DECODER.decode(text)
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
        _check_clear_header(header)
    except ValueError:
        raise _refuse("schema", "Kepala berkas rusak. Minta berkas baru dari pengirim.") from None
    ciphertext_bytes, expected_sha = header["ciphertext_bytes"], header["ciphertext_sha256"]
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


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_clear_header(header: Any) -> None:
    """Every field the reader uses before the signature, by type and range (ValueError if not).

    The clear header is read before anything proves who wrote it, so nothing of it may be used
    (as a number, a key, a dict) until its type is known: a number where a key should be must
    be a refusal, not a crash that stops the other files of an import.
    """
    if not isinstance(header, dict):
        raise ValueError("the header is not an object")
    size = header.get("ciphertext_bytes")
    if not _is_int(size) or not 0 < size <= MAX_FILE_BYTES:
        raise ValueError("ciphertext_bytes")
    sha = header.get("ciphertext_sha256")
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise ValueError("ciphertext_sha256")
    if not all(isinstance(header.get(k), str) for k in ("recipient", "kind")):
        raise ValueError("recipient and kind must be text")
    keys = header.get("sender_keys")
    if not isinstance(keys, dict):
        raise ValueError("sender_keys")
    for key in ("signing", "box"):
        value = keys.get(key)
        if not isinstance(value, str) or not value.isascii() or len(value) != 44:
            raise ValueError(f"sender_keys.{key}")
        try:
            if len(unb64(value)) != 32:
                raise ValueError("public keys are 32 bytes")
        except binascii.Error:
            raise ValueError(f"sender_keys.{key}") from None


_SHA256 = re.compile(r"[0-9a-f]{64}")


class _TooLarge(Exception):
    """The plaintext grew past MAX_PLAINTEXT_BYTES while inflating."""


def _lines(compressed: bytes) -> Iterator[bytes]:
    """The inflated lines, inflated a chunk at a time: memory stays near one record.

    An empty line (other than after the last record) or one longer than MAX_RECORD_BYTES is
    not what a writer makes; both are refused before the rest is inflated.
    """
    inflater = zlib.decompressobj()
    pending, total, data = b"", 0, compressed
    while True:
        chunk = inflater.decompress(data, _INFLATE_CHUNK)
        data = inflater.unconsumed_tail
        total += len(chunk)
        if total > MAX_PLAINTEXT_BYTES:
            raise _TooLarge
        *complete, pending = (pending + chunk).split(b"\n")
        for line in complete:
            if not line:
                raise ValueError("an empty line")
            yield line
        if len(pending) > MAX_RECORD_BYTES:
            raise ValueError(f"a line longer than {MAX_RECORD_BYTES} bytes")
        if inflater.eof or (not chunk and not data):
            break
    if not inflater.eof or inflater.unused_data:
        raise ValueError("the compressed content is incomplete")
    if pending:
        yield pending


def _truncated() -> SyncRefused:
    return _refuse(
        "truncated",
        "Berkas terpotong (tidak lengkap), mungkin flashdisk dicabut saat menyalin. "
        "Salin ulang berkas dari sumbernya.",
    )


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


def open_sealed(
    data: bytes,
    keys: KeyPair,
    trusted_signing_key: Callable[[dict[str, Any]], str],
    check_record: Callable[[dict[str, Any]], None],
    sealed_fields: frozenset[str] = frozenset(),
    header: dict[str, Any] | None = None,
) -> Opened:
    """Check, verify, decrypt and parse a file, or refuse it whole with the reason.

    `trusted_signing_key(header)` returns the sender's pinned signing key (or raises a
    SyncRefused naming the unknown sender); `check_record` raises ValueError for a bad record.
    The inner header may add the `sealed_fields`, which the opened header then carries.
    `header`: what `read_header(data)` returned, when the caller has read it already.
    """
    header = read_header(data) if header is None else header
    signed_end = check_signature(data, header, keys, trusted_signing_key)
    compressed = seal.unseal(keys, data[signed_end + SIGNATURE_BYTES :])
    if compressed is None:
        raise _refuse(
            "decrypt", "Berkas tidak dapat dibuka dengan kunci instalasi ini. Minta berkas baru."
        )
    count = header.get("count")
    if not _is_int(count) or not 0 <= count <= MAX_RECORDS:
        raise _refuse("schema", "Kepala berkas tidak sesuai format. Minta berkas baru.")
    records: list[dict[str, Any]] = []
    raw: list[bytes] = []
    try:
        lines = _lines(compressed)
        inner = _loads(next(lines, b""))
        if not isinstance(inner, dict):
            raise ValueError("the inner header is not an object")
        sealed = {k: v for k, v in inner.items() if k in sealed_fields and k not in header}
        expected = {k: v for k, v in header.items() if k in inner}
        if {k: v for k, v in inner.items() if k not in sealed} != expected or (
            set(inner) - set(header) - set(sealed)
        ):
            raise ValueError("inner header differs from the clear header")
        # Records are parsed one line at a time and never more than the header announced:
        # a small file that inflates to millions of lines is refused at the first extra one.
        for line in lines:
            if len(records) == count:
                raise ValueError("more records than the header says")
            record = _loads(line)
            if not isinstance(record, dict):
                raise ValueError("a record is not an object")
            check_record(record)
            records.append(record)
            raw.append(line)
        if len(records) != count:
            raise ValueError("fewer records than the header says")
    except _TooLarge:
        raise _refuse(
            "too_large",
            "Isi berkas jauh melebihi ukuran wajar dan tidak dibuka (melindungi laptop dari "
            "berkas berbahaya). Hubungi pengirim.",
        ) from None
    except (ValueError, KeyError, TypeError, zlib.error) as e:
        raise _refuse(
            "schema", f"Isi berkas tidak sesuai format ({e}). Minta berkas baru dari pengirim."
        ) from None
    return Opened({**header, **sealed}, records, raw)
