"""Reading the audit log: is its chain whole, and what happened to one worker, by whom."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.formatting import local_time
from desktop_app.services.installation import Installation
from desktop_app.store import audit


@dataclass(frozen=True, slots=True)
class ChainCheck:
    entries: int  # how many entries were read up to the verdict
    broken_at: int | None  # id of the first entry that does not follow from the one before
    message: str

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(inst: Installation) -> ChainCheck:
    """Walk the audit log's hash chain and name its first broken link."""
    count, broken = audit.verify(inst.db)
    if broken is None:
        return ChainCheck(count, None, f"Catatan audit utuh: {count} catatan, rantai tidak putus.")
    what = (
        "isinya diubah langsung di berkas basis data"
        if broken.reason == "changed"
        else "catatan sebelumnya dihapus dari berkas basis data"
    )
    return ChainCheck(
        count,
        broken.entry_id,
        f"Rantai catatan audit putus pada catatan nomor {broken.entry_id} "
        f"({local_time(broken.at)}): {what}. Catatan sesudahnya tidak dapat dipercaya; "
        "laporkan kepada kabupaten.",
    )


ACTION_LABELS = {
    "register": "Didaftarkan",
    "update": "Data diperbaiki",
    "remove": "Dihapus",
    "restore": "Dikembalikan",
    "fund": "Didanai",
    "event": "Kejadian dicatat",
    "claim": "Status klaim diubah",
    "event_death": "Meninggal dunia",
    "event_moved": "Pindah",
    "event_occupation": "Pekerjaan berubah",
    "bpjs_update": "Nomor KPJ / status BPJS dari kabupaten",
}
PRINT_LABELS = {
    "letters": "Surat kepesertaan dicetak",
    "cards": "Kartu peserta dicetak",
    "register": "Dicetak dalam daftar peserta",
    "claim": "Surat pengantar klaim dicetak",
}
# Bookkeeping columns that change on every save and say nothing to the reader.
_QUIET = {"updated_at", "updated_by", "version", "id", "worker_id", "created_at", "created_by"}
FIELD_LABELS = {
    "nik": "NIK",
    "kk_number": "nomor KK",
    "full_name": "nama",
    "birth_place": "tempat lahir",
    "birth_date": "tanggal lahir",
    "sex": "jenis kelamin",
    "address": "alamat",
    "dusun": "dusun",
    "rt": "RT",
    "rw": "RW",
    "phone": "nomor HP",
    "occupation": "pekerjaan",
    "occupation_other": "pekerjaan lainnya",
    "monthly_income": "penghasilan",
    "programs": "program",
    "status": "status",
    "kpj_number": "nomor KPJ",
    "bpjs_status": "status BPJS",
    "deleted_at": "dihapus",
    "removal_reason": "alasan penghapusan",
    "heirs": "ahli waris",
    "children": "anak",
    "claim_status": "status klaim",
}


def _comparable(value: object) -> object:
    """Heirs and children get new ids on every save: compare them without."""
    if isinstance(value, list):
        return [{k: v for k, v in r.items() if k != "id"} for r in value if isinstance(r, dict)]
    return value


def changed_fields(before: dict | None, after: dict | None) -> tuple[str, ...]:
    """The fields a correction changed, named as the form names them (none for a new record)."""
    if before is None or after is None:
        return ()
    keys = (set(before) | set(after)) - _QUIET
    return tuple(
        FIELD_LABELS.get(k, k)
        for k in sorted(keys)
        if _comparable(before.get(k)) != _comparable(after.get(k))
    )


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: str  # local time, as people read it
    who: str
    what: str
    fields: tuple[str, ...]  # the fields this entry changed


def worker_history(inst: Installation, worker_id: str) -> list[HistoryEntry]:
    """Everything the audit log holds about one worker and their cover and events, oldest first."""
    out = []
    for entry in audit.worker_history(inst.db, worker_id):
        out.append(
            HistoryEntry(
                local_time(entry["at"]),
                entry["user"],
                PRINT_LABELS[entry["after"]["kind"]]
                if entry["action"] == "print"
                else ACTION_LABELS.get(entry["action"], entry["action"]),
                changed_fields(entry["before"], entry["after"]),
            )
        )
    return out
