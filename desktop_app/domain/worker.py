"""A worker's registration form: what the clerk typed, and the checked values it stands for."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from desktop_app.domain.dates import parse_date
from desktop_app.domain.errors import (
    DomainError,
    InvalidInput,
    InvalidNik,
    Problems,
    ValidationErrors,
)
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.names import normalize_name
from desktop_app.domain.nik import check_nik, nik_differences, parse_kk, read_nik
from desktop_app.domain.occupations import occupation
from desktop_app.domain.phone import normalize_phone
from desktop_app.domain.registration import check_monthly_income, check_registration_age
from desktop_app.domain.text import ADDRESS_MAX, PLACE_MAX, clean_text

PROGRAMS = ("JKK", "JKM", "JHT")  # JKK and JKM always; JHT optional


@dataclass(frozen=True, slots=True)
class WorkerForm:
    """Every field exactly as typed (strings), so a form can be validated as a whole."""

    nik: str = ""
    kk_number: str = ""
    full_name: str = ""
    birth_place: str = ""
    birth_date: str = ""
    sex: str = ""
    address: str = ""
    dusun: str = ""
    rt: str = ""
    rw: str = ""
    phone: str = ""
    occupation: str = ""
    occupation_other: str = ""
    monthly_income: str = ""
    programs: str = "JKK,JKM"
    # The clerk's short reason for keeping a sex or birth date that differs from the NIK
    # (Dukcapil does not reissue a NIK when a birth date is corrected, PP 40/2019).
    nik_mismatch_reason: str = ""


MAX_REASON = 200
CONFIRM_HINT = (
    " Bila data formulir yang benar (mis. tanggal lahir sudah dikoreksi Dukcapil), "
    "konfirmasi dengan alasan singkat."
)


class ValidWorker(NamedTuple):
    """A form that passed every rule, its values as stored. A named tuple: every registration
    makes one, and a frozen dataclass of 18 fields takes twice as long to make."""

    nik: str
    kk_number: str
    full_name: str
    birth_place: str
    birth_date: dt.date
    sex: str
    address: str
    dusun: str
    rt: str
    rw: str
    phone: str
    occupation: str
    occupation_other: str
    monthly_income: int
    programs: tuple[str, ...]
    warnings: tuple[str, ...]
    nik_mismatch_reason: str = ""  # set only when the form differs from the NIK
    nik_differences: tuple[str, ...] = ()  # what differs, when confirmed


_LABELS = {
    "birth_place": ("Tempat lahir", PLACE_MAX),
    "address": ("Alamat", ADDRESS_MAX),
    "dusun": ("Dusun", PLACE_MAX),
    "occupation_other": ("Pekerjaan lainnya", PLACE_MAX),
}


def _text(form: WorkerForm, field: str) -> str:
    label, limit = _LABELS[field]
    return clean_text(getattr(form, field), field, limit, label)


@functools.lru_cache(maxsize=1024)  # a village's RTs and RWs, as typed
def _rt_rw(raw: str, field: str) -> str:
    value = raw.strip()
    if not value:
        return ""
    if not is_ascii_digits(value) or len(value) > 3 or int(value) == 0:
        raise InvalidInput(f"{field}.format", f"{field.upper()} ditulis dengan angka 1–999.", field)
    return f"{int(value):03d}"


def parse_rupiah(raw: str, field: str = "monthly_income") -> int:
    """`1.500.000`, `Rp1.500.000` or `1500000` as integer rupiah."""
    if len(raw) <= 15 and raw.isdigit() and raw.isascii():  # most: 1500000, read as it is
        return int(raw)
    return _parsed_rupiah(raw, field)


def _parsed_rupiah(raw: str, field: str) -> int:
    """`parse_rupiah` for any text, plain digits included."""
    text = re.sub(r"^rp\.?", "", raw.strip().lower()).strip()
    digits = text.replace(".", "").replace(" ", "")
    if not digits:
        raise InvalidInput(f"{field}.empty", "Penghasilan sebulan wajib diisi.", field)
    if not is_ascii_digits(digits):
        raise InvalidInput(
            f"{field}.format", "Tulis jumlah rupiah dengan angka, mis. 1.500.000.", field
        )
    if len(digits.lstrip("0")) > 15:  # a thousand trillion rupiah is no typo we can read
        raise InvalidInput(f"{field}.too_large", "Jumlah rupiah terlalu besar.", field)
    return int(digits)


@functools.lru_cache(maxsize=64)  # nearly every form says "JKK,JKM"
def _programs(raw: str) -> tuple[str, ...]:
    chosen = {p.strip().upper() for p in raw.replace("+", ",").split(",") if p.strip()}
    unknown = chosen - set(PROGRAMS)
    if unknown:
        raise InvalidInput(
            "programs.unknown",
            f"Program {', '.join(sorted(unknown))} tidak dikenal; pilih JKK, JKM dan/atau JHT.",
            "programs",
        )
    if not {"JKK", "JKM"} <= chosen:
        raise InvalidInput(
            "programs.required", "Program JKK dan JKM wajib untuk peserta Satu Desa.", "programs"
        )
    return tuple(p for p in PROGRAMS if p in chosen)


def _sex(raw: str) -> str:
    value = raw.strip().upper()[:1]
    if value not in ("L", "P"):
        raise InvalidInput("sex.empty", "Pilih jenis kelamin: L atau P.", "sex")
    return value


def validate_worker(form: WorkerForm, today: dt.date) -> ValidWorker:
    """Check every field; raise ValidationErrors listing all that are wrong, each with its field."""
    problems = Problems()
    check = problems.check

    nik = check(read_nik, form.nik, today)
    kk, kk_warnings = (
        check(parse_kk, form.kk_number, default=_NO_KK) if form.kk_number.strip() else _NO_KK
    )
    name = check(normalize_name, form.full_name)
    birth_place = check(_text, form, "birth_place", default="")
    if form.birth_date.strip():
        born = check(parse_date, form.birth_date, "birth_date")
    else:
        born = None
        problems.add(InvalidInput("birth_date.empty", "Tanggal lahir wajib diisi.", "birth_date"))
    sex = check(_sex, form.sex)
    reason = " ".join(form.nik_mismatch_reason.split())
    differences = nik_differences(nik[1], nik[2], sex=sex, birth_date=born) if nik else []
    confirmed: tuple[str, ...] = ()
    if len(reason) > MAX_REASON:
        problems.add(
            InvalidInput(
                "nik_mismatch_reason.long",
                f"Alasan paling panjang {MAX_REASON} huruf.",
                "nik_mismatch_reason",
            )
        )
    elif differences and not reason:
        for d in differences:
            problems.add(InvalidNik(d.code, d.message + CONFIRM_HINT, d.field))
    elif differences:
        confirmed = tuple(
            f"Berbeda dengan NIK, dikonfirmasi ({reason}): {d.message}" for d in differences
        )
    if born is not None:
        if born > today:
            problems.add(
                InvalidInput("birth_date.future", "Tanggal lahir di masa depan.", "birth_date")
            )
        else:
            check(check_registration_age, born, today)
    address = check(_text, form, "address", default="")
    dusun = check(_text, form, "dusun", default="")
    rt = check(_rt_rw, form.rt, "rt", default="")
    rw = check(_rt_rw, form.rw, "rw", default="")
    phone = check(normalize_phone, form.phone, default="")
    job = check(occupation, form.occupation.strip())
    other = check(_text, form, "occupation_other", default="")
    if job is not None and job.code == "lainnya" and not other:
        problems.add(
            InvalidInput(
                "occupation_other.empty",
                "Tuliskan pekerjaannya jika memilih 'Lainnya'.",
                "occupation_other",
            )
        )
    income = check(parse_rupiah, form.monthly_income)
    if income is not None:
        check(check_monthly_income, income)
    programs = check(_programs, form.programs)
    problems.raise_any()
    assert nik is not None and born is not None  # each would have left an error above
    return ValidWorker(
        nik=nik[0],
        kk_number=kk,
        full_name=name,
        birth_place=birth_place,
        birth_date=born,
        sex=sex,
        address=address,
        dusun=dusun,
        rt=rt,
        rw=rw,
        phone=phone,
        occupation=job.code,
        occupation_other=other if job.code == "lainnya" else "",
        monthly_income=income,
        programs=programs,
        warnings=nik[3] + kk_warnings + confirmed,
        nik_mismatch_reason=reason if differences else "",
        nik_differences=tuple([d.message for d in differences]),
    )


_NO_KK: tuple[str, tuple[str, ...]] = ("", ())


_RECORD_TEXT = tuple(f for f in WorkerForm.__dataclass_fields__ if f != "monthly_income")
# Limits kept as data that may change between versions; a record registered under older ones
# is not refused for them (the district lists a worker too old as a finding instead).
_RULES_OF_THE_DAY = ("age.", "income.too_")


def check_worker_record(record: dict[str, Any]) -> None:
    """A worker record another installation sent, checked by the same rules as the form.

    Raises ValidationErrors. The record's stored values must be what the form makes of them
    (a birth date exactly YYYY-MM-DD, the NIK as 16 digits), not merely readable.
    """
    if _passes_as_stored(record):
        return
    _check_record_as_form(record)


def _passes_as_stored(record: dict[str, Any]) -> bool:
    """True for a record that `_check_record_as_form` accepts, shown at a quarter of its cost:
    the values as the form stores them, each checked by the form's own rule, without building
    the form or normalising what is normal already. False means only "not shown": the full
    check then decides (and names what is wrong).

    A district checks every worker of every batch it imports. Skipped, as the full check
    ignores them too: the rules of the day (age, income limits), and the birth date in the
    future (a NIK's birth date is never after the registration it is read on).
    """
    get = record.get
    nik, born, sex, created = get("nik"), get("birth_date"), get("sex"), get("created_at")
    income = get("monthly_income")
    if (
        type(nik) is not str
        or type(born) is not str
        or sex not in ("L", "P")
        or type(created) is not str
        or type(income) is not int
        or not 0 <= income < 10**15  # parse_rupiah reads up to 15 digits
        or not set(map(type, map(get, _RECORD_TEXT))) <= _TEXT_OR_NONE
        or len(get("nik_mismatch_reason") or "") > MAX_REASON
    ):
        return False
    try:
        registered = dt.date.fromisoformat(created[:10])
        as_read, nik_born, nik_sex = check_nik(nik, registered)
        if (as_read, nik_born.isoformat(), nik_sex) != (nik, born, sex):
            return False  # not as stored, or differs from the NIK: the full check says which
        if (kk := get("kk_number") or "").strip():
            parse_kk(kk)
        normalize_name(get("full_name") or "")
        normalize_phone(get("phone") or "")
        _rt_rw(get("rt") or "", "rt")  # cached: a village's few RTs and RWs recur
        _rt_rw(get("rw") or "", "rw")
        job = occupation((get("occupation") or "").strip())
        _programs(get("programs") or "")
    except (DomainError, ValueError):
        return False
    other = get("occupation_other") or ""
    if job.code == "lainnya" and not other.split():
        return False
    # clean_text passes printable text within its limit (collapsing spaces only shortens it)
    for name, limit in _LIMITS:
        text = get(name) or ""
        if len(text) > limit or not text.isprintable():
            return False
    return True


_LIMITS = tuple((name, limit) for name, (_, limit) in _LABELS.items())


_TEXT_OR_NONE = frozenset({str, type(None)})


def _check_record_as_form(record: dict[str, Any]) -> None:
    """`check_worker_record` in full: the record as a form, validated as the clerk's would be."""
    texts = {name: record.get(name) or "" for name in _RECORD_TEXT}
    income = record.get("monthly_income")
    created = record.get("created_at")
    if (
        any(not isinstance(v, str) for v in texts.values())
        or not isinstance(income, int)
        or isinstance(income, bool)
        or income < 0
        or not isinstance(created, str)
    ):
        raise ValidationErrors([InvalidInput("record.types", "Jenis isian catatan tidak sah.")])
    try:
        registered = dt.date.fromisoformat(created[:10])
    except ValueError:
        raise ValidationErrors(
            [InvalidInput("record.created_at", "Tanggal pendaftaran tidak sah.")]
        ) from None
    try:
        valid = validate_worker(WorkerForm(**texts, monthly_income=str(income)), registered)
    except ValidationErrors as e:
        errors = [err for err in e.errors if not err.code.startswith(_RULES_OF_THE_DAY)]
        if errors:
            raise ValidationErrors(errors) from None
        return
    if (valid.nik, valid.birth_date.isoformat(), valid.sex) != (
        record.get("nik"),
        record.get("birth_date"),
        record.get("sex"),
    ):
        raise ValidationErrors(
            [InvalidInput("record.format", "NIK, tanggal lahir atau jenis kelamin tidak baku.")]
        )
