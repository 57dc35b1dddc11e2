"""Import a clerk's existing list of workers: map its columns, register the good rows in one
go, and hand back the refused rows with their reasons for the clerk to fix and import again.

Every row goes through registry.register_worker — the same door as the form — inside one
transaction: either every good row is in, or (a crash, a cancel) none is. A row whose NIK is
already registered to the same person counts as already there, so importing the same file
twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop_app.device import clock
from desktop_app.domain import import_cells as cells
from desktop_app.domain.errors import DomainError, InvalidInput, ValidationErrors
from desktop_app.domain.formatting import tanggal
from desktop_app.domain.import_mapping import (
    IGNORE,
    TARGETS,
    forms_from_row,
    guess_field,
    guess_mapping,
    header_key,
)
from desktop_app.domain.likely_duplicates import RULES, Person, likely_same, name_key
from desktop_app.domain.names import normalize_name
from desktop_app.domain.occupations import occupation
from desktop_app.domain.worker import validate_worker
from desktop_app.services import access, duplicates, registry
from desktop_app.services.installation import Installation
from desktop_app.services.list_files import ListFile, SourceRow, read_list, write_error_workbook
from desktop_app.store.db import transaction
from desktop_app.store.settings import get_setting, set_setting
from desktop_app.store.workers import find_by_nik

MAPPING_SETTING = "import.header_mapping"  # header key → field, as the clerk last chose
REQUIRED = ("nik", "full_name")
ALREADY_REGISTERED = "sudah terdaftar, akan dilewati"
MISMATCH_HEADER = "Alasan beda NIK"
NIK_MISMATCH_CODES = {"nik.sex_mismatch", "nik.birth_date_mismatch"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Refusal:
    row: SourceRow
    reason: str
    nik_mismatch: bool = False  # only the clerk's confirmation is missing (see save_refused)


@dataclass(frozen=True, slots=True)
class Result:
    added: int
    already_registered: int
    refused: tuple[Refusal, ...]
    warnings: tuple[str, ...]  # "Baris 7: Mungkin orang yang sama dengan …"
    likely_duplicates: int
    headers: tuple[str, ...] = field(repr=False)

    @property
    def total(self) -> int:
        return self.added + self.already_registered + len(self.refused)


def remembered_mapping(inst: Installation) -> dict[str, str]:
    return get_setting(inst.db, MAPPING_SETTING, {})


def open_list(inst: Installation, path: Path | str) -> tuple[ListFile, list[str]]:
    """Read a list and guess its mapping (what the clerk chose before for a header comes first)."""
    remembered = remembered_mapping(inst)
    listed = read_list(path, remembered)
    return listed, guess_mapping(listed.headers, remembered)


def check_mapping(mapping: Sequence[str]) -> None:
    """Refuse a mapping without the columns a registration cannot do without."""
    missing = [TARGETS[f] for f in REQUIRED if f not in mapping]
    if missing:
        raise InvalidInput(
            "import.mapping",
            f"Pilih kolom untuk {' dan '.join(missing)} sebelum mengimpor.",
        )


def choose_columns(listed: ListFile, mapping: Sequence[str], choices: Sequence[str]) -> list[str]:
    """`mapping` with the clerk's "Header=field" choices applied (field empty: leave it out)."""
    chosen = list(mapping)
    keys = [header_key(h) for h in listed.headers]
    for choice in choices:
        header, _, target = choice.partition("=")
        target = target.strip()
        if header_key(header) not in keys:
            raise InvalidInput(
                "import.no_column",
                f"Kolom {header.strip()!r} tidak ada; judul kolom di berkas: "
                f"{', '.join(h for h in listed.headers if h)}.",
            )
        if target and target not in TARGETS:
            raise InvalidInput(
                "import.no_field",
                f"{target!r} bukan isian yang dikenal; pilih salah satu: {', '.join(TARGETS)}.",
            )
        chosen = [IGNORE if f == target and target else f for f in chosen]
        chosen[keys.index(header_key(header))] = target
    return chosen


def remember_mapping(inst: Installation, headers: Sequence[str], mapping: Sequence[str]) -> None:
    """Keep the clerk's choice per header, for the next list with the same headers."""
    chosen = {**remembered_mapping(inst)}
    for header, target in zip(headers, mapping, strict=True):
        if header_key(header):
            chosen[header_key(header)] = target
    with transaction(inst.db):
        set_setting(inst.db, MAPPING_SETTING, chosen)


def _reason(error: DomainError) -> str:
    if isinstance(error, ValidationErrors):
        return "; ".join(e.message for e in error.errors)
    return error.message


def _repeated(nik: str, first_row: int) -> str:
    return f"NIK {nik} sudah ada di baris {first_row} berkas ini."


def _same_person(existing, form_name: str) -> bool:
    try:
        return name_key(existing.full_name) == name_key(normalize_name(form_name))
    except DomainError:
        return False


@dataclass(frozen=True, slots=True)
class PreviewRow:
    number: int
    values: dict[str, str]  # field → the value as it will be registered (or as read)
    reason: str  # "" when the row reads as a good registration
    warning: str = ""  # e.g. likely the same person as a registered worker or an earlier row


def preview(
    inst: Installation,
    listed: ListFile,
    mapping: Sequence[str],
    limit: int = 50,
    today: dt.date | None = None,
) -> list[PreviewRow]:
    """The first rows as the import would take them, with what is wrong, without writing."""
    shown = []
    seen: dict[str, int] = {}
    earlier: list[tuple[int, Person]] = []
    for row in listed.rows[:limit]:
        values = {f: cells.text(v) for f, v in zip(mapping, row.cells, strict=False) if f}
        try:
            form, _ = forms_from_row(row.cells, mapping)
            values = {k: v for k, v in asdict(form).items() if v}
            valid = validate_worker(form, today or clock.today())
        except DomainError as e:
            shown.append(PreviewRow(row.number, values, _reason(e)))
            continue
        values.update(
            full_name=valid.full_name,
            birth_date=tanggal(valid.birth_date),
            occupation=valid.occupation_other or occupation(valid.occupation).label,
        )
        reason = ""
        existing = find_by_nik(inst.db, valid.nik)
        if valid.nik in seen:
            reason = _repeated(valid.nik, seen[valid.nik])
        elif existing is not None:
            reason = (
                ALREADY_REGISTERED
                if _same_person(existing, valid.full_name)
                else registry.DuplicateNik(existing).message
            )
        seen.setdefault(valid.nik, row.number)
        person = Person(valid.nik, valid.full_name, valid.birth_date.isoformat(), valid.kk_number)
        warning = ""
        if not reason:
            warning = _likely_twin(inst, person, earlier)
            earlier.append((row.number, person))
        shown.append(PreviewRow(row.number, values, reason, warning))
    return shown


def _likely_twin(inst: Installation, person: Person, earlier: list[tuple[int, Person]]) -> str:
    """The likely-duplicate warning for a row: a registered worker, else an earlier row."""
    matches = duplicates.matches_for(inst, person)
    if matches:
        return matches[0].message
    for number, other in earlier:
        if rule := likely_same(person, other):
            return f"Mungkin orang yang sama dengan baris {number}: {RULES[rule]}."
    return ""


def import_list(
    inst: Installation,
    listed: ListFile,
    mapping: Sequence[str],
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Result:
    """Register every good row of `listed` in one transaction; return the counts and refusals."""
    access.require(inst, "change")  # once, rather than as a refusal on every row
    check_mapping(mapping)
    added = already = pairs = 0
    refused: list[Refusal] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}  # NIK → the row that brought it in this file
    total = len(listed.rows)
    with transaction(inst.db):
        for done, row in enumerate(listed.rows):
            if progress and done % 20 == 0:
                progress(done, total)
            try:
                form, heir = forms_from_row(row.cells, mapping)
                nik = "".join(ch for ch in form.nik if ch.isdigit())
                if nik and nik in seen:
                    refused.append(Refusal(row, _repeated(nik, seen[nik])))
                    continue
                saved = registry.register_worker(inst, form, heir, today=today)
            except registry.DuplicateNik as e:
                if _same_person(e.existing, form.full_name):
                    already += 1
                    seen[e.existing.nik] = row.number
                else:
                    refused.append(Refusal(row, e.message))
                continue
            except DomainError as e:
                refused.append(Refusal(row, _reason(e), _only_nik_mismatch(e)))
                continue
            added += 1
            seen[saved.worker.nik] = row.number
            pairs += len(saved.likely_duplicates)
            warnings += [f"Baris {row.number}: {text}" for text in saved.warnings]
        if progress:
            progress(total, total)
    return Result(added, already, tuple(refused), tuple(warnings), pairs, listed.headers)


def _only_nik_mismatch(error: DomainError) -> bool:
    errors = error.errors if isinstance(error, ValidationErrors) else [error]
    return all(e.code in NIK_MISMATCH_CODES for e in errors)


def save_refused(result: Result, path: Path | str) -> Path:
    """The error workbook: the refused rows as they were, with a column "Alasan".

    When a row differs from its NIK only in sex or birth date and the list has no column for
    the clerk's confirmation, an empty one is added: filled in, the row is taken next time.
    """
    headers = list(result.headers)
    hint = f" Di daftar ini: isi kolom {MISMATCH_HEADER!r}."
    rows = [(r.row, r.reason + (hint if r.nik_mismatch else "")) for r in result.refused]
    mapped = {guess_field(h) for h in headers}
    if any(r.nik_mismatch for r in result.refused) and "nik_mismatch_reason" not in mapped:
        headers.append(MISMATCH_HEADER)
        rows = [
            (
                SourceRow(row.number, (*row.cells, *[None] * (len(headers) - 1 - len(row.cells)))),
                why,
            )
            for row, why in rows
        ]
    return write_error_workbook(path, headers, rows)


def default_errors_path(source: Path | str) -> Path:
    source = Path(source)
    return source.with_name(f"{source.stem} - perlu diperbaiki.xlsx")
