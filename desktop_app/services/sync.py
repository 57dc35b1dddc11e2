"""Export and import sync files: village batches to the district, return files back.

The same bytes travel on a USB stick or over HTTP; every file is refused whole or applied whole.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.device import clock
from desktop_app.device.clock import utc_now
from desktop_app.device.files import write_atomic
from desktop_app.device.keys import KeyPair, PublicKeys, all_keys, load_keys
from desktop_app.domain import regions
from desktop_app.domain.errors import DomainError, Refused
from desktop_app.services import access, district_keys, erasure, sync_apply
from desktop_app.services.changes import record_change
from desktop_app.services.collector import collector_paused
from desktop_app.services.installation import (
    DISTRICT_KEY,
    Installation,
    accept_district_keys,
    district_of,
)
from desktop_app.services.sync_counts import pending_range
from desktop_app.store import audit, batches, district, outbox, village_keys
from desktop_app.store.db import bulk_import, transaction
from desktop_app.store.settings import get_setting, set_setting
from desktop_app.sync import batch, envelope, files, key_change, seal
from desktop_app.sync.envelope import SyncRefused

log = logging.getLogger("satudesa.sync")

LAST_RETURN_KEY = "sync.last_return"  # {"district": signing key, "number": n}


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path | None
    village_code: str
    first: int
    last: int
    count: int
    message: str


@dataclass(frozen=True, slots=True)
class Imported:
    file: str
    status: str  # applied | already | held | waiting | refused
    message: str
    code: str | None = None  # the refusal's code
    sender: str | None = None  # a file from unconfirmed keys: "village code fingerprint"

    @property
    def ok(self) -> bool:
        return self.status != "refused"


# ---- village: batches out -----------------------------------------------------------------


def batch_bytes(inst: Installation, first: int, last: int) -> tuple[str, bytes]:
    """Build the batch of changes first..last, sealed for this village's district."""
    access.require(inst, "export")
    profile = district_of(inst)
    changes = outbox.change_lines(inst.db, first, last)
    if not changes or changes[0][0] != first or changes[-1][0] != last:
        raise Refused("sync.range", f"Perubahan nomor {first}–{last} tidak ada di laptop ini.")
    village = {
        "code": inst.code,
        "name": inst.name,
        "device_id": inst.device_id,
        "demo": inst.demo,
    }
    data = batch.build_batch(
        load_keys(inst.data_dir),
        profile["box"],
        village,
        changes,
        utc_now(),
        audit_proof(inst),
    )
    return files.batch_name(inst.code, first, last, clock.today()), data


AUDIT_SENT_KEY = "sync.audit_counts_sent"


def record_sent(inst: Installation, first: int, last: int, name: str) -> None:
    """After the batch file is written (or accepted online), in one transaction: the range as
    sent, the audit chain length it showed, and the export in the audit log. A process killed
    before this leaves no trace of an export that did not happen; the next one repeats it."""
    with transaction(inst.db):
        sent = get_setting(inst.db, AUDIT_SENT_KEY, [])
        shown = audit.entry_count(inst.db)
        set_setting(inst.db, AUDIT_SENT_KEY, sorted({*sent, shown})[-batch.MAX_CHECKPOINTS :])
        batches.record_export(inst.db, first, last, name)
        record_change(
            inst, "export", "batch", f"{first}-{last}", None, {"first": first, "last": last}
        )


def audit_proof(inst: Installation) -> dict[str, Any]:
    """The audit chain's head, and its hashes at the lengths earlier batches showed the district,
    recomputed from the entries so that an entry edited in the file shows as a different hash."""
    sent = get_setting(inst.db, AUDIT_SENT_KEY, [])
    count, head, at = audit.chain_hashes(inst.db, sent)
    return {
        "count": count,
        "hash": head,
        "checkpoints": [[c, at[c]] for c in sorted(at) if c != count],
    }


def export_batch(
    inst: Installation, out_dir: Path, first: int | None = None, last: int | None = None
) -> Exported:
    """Write the next batch (or, given a range, that earlier range again) into `out_dir`."""
    require_role(inst, "village")
    if first is None:
        first, last = pending_range(inst)
        if first > last:
            return Exported(
                None,
                inst.code,
                first,
                last,
                0,
                "Tidak ada perubahan baru sejak ekspor terakhir; tidak ada berkas dibuat.",
            )
    last = outbox.last_seq(inst.db) if last is None else last
    name, data = batch_bytes(inst, first, last)
    path = Path(out_dir) / name
    write_atomic(path, data)
    record_sent(inst, first, last, name)
    count = last - first + 1
    return Exported(
        path,
        inst.code,
        first,
        last,
        count,
        f"{count} perubahan (nomor {first}–{last}) ditulis ke {path}.",
    )


# ---- district: return files out -------------------------------------------------------------


def return_bytes(inst: Installation, village_code: str) -> tuple[str, bytes]:
    """A signed return file for one village: acknowledgement and its workers' BPJS fields.

    Every return carries all of the village's current BPJS fields (about a hundred rows), not
    only those changed since the last one, so a lost return file never loses a KPJ number.
    Making one writes nothing (anyone may ask the server for it): its number is the count of
    changes to what it carries, moved on when a batch is applied or BPJS fields change.
    """
    require_role(inst, "district")
    access.require(inst, "export")
    village = district.get_village(inst.db, village_code)
    if village is None:
        raise Refused("sync.unknown_village", f"Desa {village_code} belum pernah mengirim data.")
    number = village.return_no
    updates = district.bpjs_fields_of_village(inst.db, village_code)
    data = batch.build_return(
        load_keys(inst.data_dir),
        village.box_key,
        inst.code,
        village_code,
        number,
        village.applied_seq,
        updates,
        utc_now(),
        {
            "retention_days": erasure.retention_days(inst),
            "key_changes": district_keys.key_changes(inst),
        },
    )
    return files.return_name(village_code, number, clock.today()), data


def export_returns(inst: Installation, out_dir: Path) -> list[Exported]:
    """Write every village's return file; then wipe removed workers past the retention period."""
    results = []
    for village in district.list_villages(inst.db):
        name, data = return_bytes(inst, village.code)
        path = Path(out_dir) / name
        write_atomic(path, data)
        results.append(
            Exported(
                path,
                village.code,
                0,
                village.applied_seq,
                0,
                f"Berkas kembali untuk {village.name}: {path}",
            )
        )
    erasure.erase_due(inst)
    return results


def export(inst: Installation, out_dir: Path) -> list[Exported]:
    """`satudesa export`: a village writes its next batch, a district its return files."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    if inst.role == "village":
        return [export_batch(inst, out_dir)]
    return export_returns(inst, out_dir)


# ---- import ---------------------------------------------------------------------------------


def import_bytes(
    inst: Installation,
    data: bytes,
    file_name: str = "",
    trust_new: bool = False,
    queue_unknown: bool = False,
    keys: list[KeyPair] | None = None,
) -> Imported:
    """Check and apply one file; a refusal is returned as a result, never half-applied.

    `queue_unknown` (the HTTP server): a village with keys not confirmed waits in the queue
    for the officer instead of being refused. `keys`: the installation's key pairs as
    `all_keys` reads them, when the caller read them already for many files.
    """
    access.require(inst, "export")
    try:
        header = envelope.read_header(data)
        batch.check_header(header)
        if file_name:
            files.check_name(file_name, header)
        if inst.role == "district":
            return _import_batch(inst, data, header, file_name, trust_new, queue_unknown, keys)
        return _import_return(inst, data, header, file_name)
    except DomainError as e:
        sender = None
        if e.code in ("sync.unknown_village", "sync.key_changed"):
            sender = f"{header['village_code']} {_fingerprint(header)}"
        return Imported(file_name, "refused", e.message, e.code, sender)
    except Exception:
        # A file is the attacker's input: whatever slipped past the checks above refuses this
        # file, never the other files of an import or the server's connection.
        log.exception("import of %s failed unexpectedly", file_name or "a file")
        return Imported(
            file_name,
            "refused",
            "Berkas tidak dapat dibaca (rusak atau tidak sesuai format); tidak ada yang "
            "diterapkan. Minta berkas baru dari pengirim.",
            "sync.damaged",
        )


def import_files(
    inst: Installation,
    paths: Iterable[Path],
    trust_new: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Imported]:
    """Import several files; each is judged on its own, in the order that fills gaps first.

    The cycle collector waits while a file is applied (its hundreds of parsed records are
    no cycles) and runs between files.
    """
    paths = sorted(Path(p) for p in paths)
    results = []
    keys = _district_keys(inst)
    with bulk_import(inst.db):
        for done, path in enumerate(paths, start=1):
            try:
                data = files.read_limited(path)
            except DomainError as e:
                results.append(Imported(path.name, "refused", e.message, e.code))
            else:
                with collector_paused():
                    results.append(import_bytes(inst, data, path.name, trust_new, keys=keys))
            if progress:
                progress(done, len(paths))
    return results


def _district_keys(inst: Installation) -> list[KeyPair] | None:
    """A district's key pairs, read once for all the files of an import rather than for each;
    None for a village, or when they cannot be read (each file is then refused saying so)."""
    if inst.role != "district":
        return None
    try:
        return all_keys(inst.data_dir)
    except DomainError:
        return None


def require_role(inst: Installation, role: str) -> None:
    if inst.role != role:
        what = "desa" if role == "village" else "kabupaten"
        raise Refused("sync.role", f"Perintah ini hanya untuk instalasi {what}.")


def _sender_check(inst: Installation, header: dict, trust_new: bool) -> Callable[[dict], str]:
    """Which signing key a batch must carry: the pinned one, or one the officer confirmed.

    `trust_new` confirms only a village that is not known yet. A known village with other
    keys (a reinstalled laptop, or someone else using its code) is refused naming both
    fingerprints, until the officer approves the new one with a separate, audited re-key.
    """
    code, name = header["village_code"], header["village_name"]
    sender = header["sender_keys"]["signing"]
    fingerprint = _fingerprint(header)
    known = district.get_village(inst.db, code)
    if known and known.signing_key == sender and known.device_id == header["device_id"]:
        return lambda _h: sender
    if not code.startswith(inst.code + ".") or regions.region_name(code) is None:
        raise SyncRefused(
            "sync.other_district",
            f"Berkas ini dari desa {code}, yang bukan desa {inst.name}. Periksa asal berkas.",
        )
    if village_keys.is_approved(inst.db, code, fingerprint) or (trust_new and not known):
        return lambda _h: sender
    if known:
        pinned = PublicKeys(known.signing_key, known.box_key).fingerprint()
        raise SyncRefused(
            "sync.key_changed",
            f"Berkas atas nama {known.name} ({code}) ditandatangani kunci lain: sidik kunci "
            f"terdaftar {pinned}, sidik kunci berkas ini {fingerprint}. Berkas tidak "
            "diterapkan. Jika desa memasang ulang aplikasi, cocokkan sidik kunci baru dengan "
            "operator desa lewat telepon, lalu ganti kuncinya (halaman Desa, atau "
            f"'satudesa villages rekey {code} --fingerprint {fingerprint}') dan impor lagi.",
        )
    raise SyncRefused(
        "sync.unknown_village",
        f"Desa {name} ({code}) belum dikenal; sidik kuncinya {fingerprint}. Cocokkan sidik "
        "kunci itu dengan operator desa lewat telepon, lalu impor lagi dengan pilihan "
        "'terima desa baru' (--trust-new).",
    )


def _fingerprint(header: dict) -> str:
    keys = header["sender_keys"]
    return PublicKeys(keys["signing"], keys["box"]).fingerprint()


def _pin_sender(inst: Installation, h: dict) -> None:
    """Pin the keys that `_sender_check` let through, with an audit entry naming them."""
    before = district.get_village(inst.db, h["village_code"])
    district.trust_village(
        inst.db,
        h["village_code"],
        h["village_name"],
        h["device_id"],
        h["sender_keys"]["signing"],
        h["sender_keys"]["box"],
        inst.user,
    )
    village_keys.clear(inst.db, h["village_code"])
    record_change(
        inst,
        "village_rekeyed" if before else "village_trusted",
        "village",
        h["village_code"],
        None
        if before is None
        else {"fingerprint": PublicKeys(before.signing_key, before.box_key).fingerprint()},
        {"fingerprint": _fingerprint(h), "device_id": h["device_id"]},
    )


def _import_batch(
    inst: Installation,
    data: bytes,
    header: dict,
    file_name: str,
    trust_new: bool,
    queue_unknown: bool = False,
    keys: list[KeyPair] | None = None,
) -> Imported:
    if header.get("kind") != batch.BATCH:
        raise SyncRefused(
            "sync.kind", "Ini berkas kembali untuk desa; impor di aplikasi desa, bukan kabupaten."
        )
    if header.get("demo") is True and not inst.demo:
        raise SyncRefused(
            "sync.demo",
            f"Berkas ini dari desa CONTOH ({header.get('village_name', '')}): data latihan "
            "aplikasi Satu Desa, bukan data sungguhan, sehingga tidak diterima. Minta desa "
            "mengekspor dari instalasi desanya yang sebenarnya.",
        )
    if header.get("demo") is not True and inst.demo:
        raise SyncRefused(
            "sync.demo_district",
            "Kabupaten ini adalah CONTOH untuk latihan; berkas desa sungguhan tidak disimpan di "
            "sini. Impor berkas ini di instalasi kabupaten yang sebenarnya.",
        )
    try:
        trusted = _sender_check(inst, header, trust_new)
    except SyncRefused as e:
        if queue_unknown and e.code in ("sync.unknown_village", "sync.key_changed"):
            return _queue_sender(inst, data, header, file_name)
        raise
    key_pair = _keys_for(keys or all_keys(inst.data_dir), header)
    if _received_before(inst, data, header, key_pair, trusted):
        return Imported(
            file_name,
            "already",
            f"Berkas {header['first_seq']}–{header['last_seq']} dari {header['village_name']} "
            "sudah pernah diimpor; tidak ada yang berubah.",
        )
    opened = envelope.open_sealed(
        data, key_pair, trusted, batch.check_change, batch.SEALED_FIELDS, header
    )
    batch.check_batch(opened)
    h = opened.header
    first, last = h["first_seq"], h["last_seq"]
    with transaction(inst.db, durable=True):
        village = district.get_village(inst.db, h["village_code"])
        if (
            village is None
            or village.signing_key != h["sender_keys"]["signing"]
            or village.device_id != h["device_id"]
        ):
            _pin_sender(inst, h)
            village = district.get_village(inst.db, h["village_code"])
            assert village is not None  # trusted just above
        if first > village.applied_seq + 1:
            district.hold_batch(inst.db, village.code, first, last, data)
            return Imported(
                file_name,
                "held",
                f"Disimpan dulu: perubahan {village.applied_seq + 1}–{first - 1} dari "
                f"{village.name} belum diterima. Berkas ini diterapkan otomatis "
                "setelah berkas yang hilang diimpor.",
            )
        result = sync_apply.apply_batch(inst.db, opened, village.applied_seq)
        if result.applied:  # a file seen before leaves the database exactly as it was
            district.remember_file(inst.db, h["ciphertext_sha256"], village.code, first, last)
    applied_held = _apply_held(inst, village.code)
    if result.applied == 0 and not applied_held:
        return Imported(
            file_name,
            "already",
            f"Berkas {first}–{last} dari {h['village_name']} sudah pernah diimpor; "
            "tidak ada yang berubah.",
        )
    extra = f" dan {applied_held} perubahan dari berkas yang tertunda" if applied_held else ""
    return Imported(
        file_name,
        "applied",
        f"{result.applied} perubahan dari {h['village_name']} diterapkan{extra}.",
    )


def _received_before(
    inst: Installation, data: bytes, header: dict, keys: KeyPair, trusted: Callable[[dict], str]
) -> bool:
    """Whether this very file was applied before: known by its ciphertext's checksum, it is
    answered after its signature is checked, without decrypting it. Any other file takes the
    full path, which applies it or finds its changes received before."""
    village = district.get_village(inst.db, header["village_code"])
    first, last = header["first_seq"], header["last_seq"]
    if (
        village is None
        or village.signing_key != header["sender_keys"]["signing"]
        or last > village.applied_seq
    ):
        return False
    if not district.file_applied(inst.db, header["ciphertext_sha256"], village.code, first, last):
        return False
    envelope.check_signature(data, header, keys, trusted)
    return True


def _keys_for(keys: list[KeyPair], header: dict) -> KeyPair:
    """The key pair (of `all_keys`) a file was sealed to: the current one, or one retired since
    (a village that has not yet imported the return file with the district's new key)."""
    return next((k for k in keys if seal.key_id(k.public.box) == header["recipient"]), keys[0])


def _queue_sender(inst: Installation, data: bytes, header: dict, file_name: str) -> Imported:
    """Over the network: a sender with unconfirmed keys waits for the officer, nothing applied.

    The file must still open with its own key (so whoever sent it holds that key); only the
    village code, name and keys are kept, never the file.
    """
    envelope.open_sealed(
        data,
        load_keys(inst.data_dir),
        lambda h: h["sender_keys"]["signing"],
        batch.check_change,
        batch.SEALED_FIELDS,
    )
    fingerprint = _fingerprint(header)
    keys = header["sender_keys"]
    with transaction(inst.db):
        village_keys.note_arrival(
            inst.db,
            header["village_code"],
            header["village_name"],
            fingerprint,
            keys["signing"],
            keys["box"],
        )
    return Imported(
        file_name,
        "waiting",
        f"Kunci desa ini (sidik {fingerprint}) menunggu persetujuan petugas kabupaten. "
        "Bacakan sidik kunci ini kepada petugas kabupaten lewat telepon; setelah disetujui, "
        "sinkronkan lagi. Belum ada data yang diterapkan.",
    )


def _pinned(signing_key: str) -> Callable[[dict[str, Any]], str]:
    """The trusted-key lookup for a file whose sender is already known."""
    return lambda _header: signing_key


def _apply_held(inst: Installation, code: str) -> int:
    """Apply held batches that the latest import has made contiguous.

    The file that filled the gap is already committed, so a held batch that no longer fits
    (its changes differ from the ones just applied, as after a village restored an old backup)
    must not turn that file's result into a refusal: it is dropped and left as a finding.
    """
    held_batches = district.held_batches(inst.db, code)
    if not held_batches:  # most imports: no key to read
        return 0
    total = 0
    keys = load_keys(inst.data_dir)
    for held in held_batches:
        village = district.get_village(inst.db, code)
        assert village is not None  # a village's batches are held only once it is trusted
        first, last = held["first_seq"], held["last_seq"]
        if first > village.applied_seq + 1:
            break
        try:
            opened = envelope.open_sealed(
                held["content"],
                keys,
                _pinned(village.signing_key),
                batch.check_change,
                batch.SEALED_FIELDS,
            )
            with transaction(inst.db, durable=True):
                total += sync_apply.apply_batch(inst.db, opened, village.applied_seq).applied
                district.drop_held(inst.db, code, first, last)
        except DomainError as e:
            with transaction(inst.db):
                district.drop_held(inst.db, code, first, last)
                district.add_finding(
                    inst.db,
                    "held_batch_refused",
                    code,
                    None,
                    None,
                    f"Berkas tertunda {first}–{last} dari {village.name} ditolak: {e.message}",
                )
    return total


def _import_return(inst: Installation, data: bytes, header: dict, file_name: str) -> Imported:
    if header.get("kind") != batch.RETURN:
        raise SyncRefused(
            "sync.kind", "Ini berkas data desa untuk kabupaten; impor di aplikasi kabupaten."
        )
    profile = district_of(inst)
    if header.get("village_code") != inst.code:
        raise SyncRefused(
            "sync.other_village",
            f"Berkas kembali ini untuk desa {header.get('village_code')}, bukan {inst.name}.",
        )

    replaced: dict[str, str] = {}

    def district_key(h: dict) -> str:
        sender = h["sender_keys"]["signing"]
        followed = key_change.followed_profile(h.get("key_changes"), profile["signing"], sender)
        if sender != profile["signing"] and followed:
            replaced.update(followed)  # the district's old key vouched for this one
            return sender
        if sender != profile["signing"]:
            raise SyncRefused(
                "sync.unknown_sender",
                "Berkas kembali ini tidak ditandatangani kabupaten yang terdaftar. Minta berkas "
                "baru dari kabupaten, atau impor profil kabupaten yang baru.",
            )
        return profile["signing"]

    opened = envelope.open_sealed(data, load_keys(inst.data_dir), district_key, batch.check_update)
    number = opened.header["return_no"]
    # Numbers count per district key: after a re-bind to a reinstalled district, whose numbers
    # start again at 1, its returns must not all look "already imported".
    last = get_setting(inst.db, LAST_RETURN_KEY) or {}
    signer = opened.header["sender_keys"]["signing"]
    seen = last.get("number", 0) if last.get("district") in (signer, profile["signing"]) else 0
    with transaction(inst.db, durable=True):
        if number <= seen:
            return Imported(
                file_name,
                "already",
                f"Berkas kembali nomor {number} sudah pernah diimpor; tidak ada yang berubah.",
            )
        updated = sync_apply.apply_return(inst, opened)
        if replaced:
            profile = accept_district_keys(inst, replaced)
        set_setting(inst.db, LAST_RETURN_KEY, {"district": profile["signing"], "number": number})
        erasure.accept_retention_from_district(inst, opened.header.get("retention_days"))
    erasure.erase_due(inst)  # removals the district has now acknowledged may be due
    return Imported(
        file_name,
        "applied",
        f"Kabupaten menerima perubahan sampai nomor {opened.header['ack_seq']}; "
        f"{updated} pekerja mendapat nomor KPJ atau status BPJS baru.",
    )


SERVER_KEY = "sync.server"


@dataclass(frozen=True, slots=True)
class VillageSyncState:
    district_name: str | None
    fingerprint: str
    pending_first: int
    pending_last: int
    server: str


def village_state(inst: Installation) -> VillageSyncState:
    """What the Sync page shows a clerk: binding, own key fingerprint, what is still to send."""
    profile = get_setting(inst.db, DISTRICT_KEY)
    first, last = pending_range(inst)
    return VillageSyncState(
        district_name=profile["name"] if profile else None,
        fingerprint=load_keys(inst.data_dir).public.fingerprint(),
        pending_first=first,
        pending_last=last,
        server=get_setting(inst.db, SERVER_KEY, ""),
    )
