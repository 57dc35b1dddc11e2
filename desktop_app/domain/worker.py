"""A worker's registration form: what the clerk typed, and the checked values it stands for."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.dates import parse_date
from desktop_app.domain.errors import DomainError, InvalidInput, InvalidNik, ValidationErrors
from desktop_app.domain.formatting import is_ascii_digits
from desktop_app.domain.names import normalize_name
from desktop_app.domain.nik import NikInfo, nik_differences, parse_kk, parse_nik
from desktop_app.domain.occupations import occupation
from desktop_app.domain.phone import normalize_phone
from desktop_app.domain.registration import check_monthly_income, check_registration_age

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


@dataclass(frozen=True, slots=True)
class ValidWorker:
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


def _text(raw: str) -> str:
    return " ".join(raw.split())


def _rt_rw(raw: str, field: str) -> str:
    value = raw.strip()
    if not value:
        return ""
    if not is_ascii_digits(value) or len(value) > 3 or int(value) == 0:
        raise InvalidInput(f"{field}.format", f"{field.upper()} ditulis dengan angka 1–999.", field)
    return f"{int(value):03d}"


def parse_rupiah(raw: str, field: str = "monthly_income") -> int:
    """`1.500.000`, `Rp1.500.000` or `1500000` as integer rupiah."""
    text = re.sub(r"^rp\.?", "", raw.strip().lower()).strip()
    digits = text.replace(".", "").replace(" ", "")
    if not digits:
        raise InvalidInput(f"{field}.empty", "Penghasilan sebulan wajib diisi.", field)
    if not is_ascii_digits(digits):
        raise InvalidInput(
            f"{field}.format", "Tulis jumlah rupiah dengan angka, mis. 1.500.000.", field
        )
    return int(digits)


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
    errors: list[DomainError] = []

    def check(fn: Callable[[], Any], default: Any = None) -> Any:
        try:
            return fn()
        except ValidationErrors as e:
            errors.extend(e.errors)
        except DomainError as e:
            errors.append(e)
        return default

    info: NikInfo | None = check(lambda: parse_nik(form.nik, today))
    kk, kk_warnings = (
        check(lambda: parse_kk(form.kk_number), ("", ())) if form.kk_number.strip() else ("", ())
    )
    name = check(lambda: normalize_name(form.full_name))
    birth_place = _text(form.birth_place)
    born = (
        check(lambda: parse_date(form.birth_date, "birth_date"))
        if form.birth_date.strip()
        else None
    )
    if born is None and not form.birth_date.strip():
        errors.append(InvalidInput("birth_date.empty", "Tanggal lahir wajib diisi.", "birth_date"))
    sex = check(lambda: _sex(form.sex))
    reason = _text(form.nik_mismatch_reason)
    differences = nik_differences(info, sex=sex, birth_date=born) if info else []
    confirmed: tuple[str, ...] = ()
    if len(reason) > MAX_REASON:
        errors.append(
            InvalidInput(
                "nik_mismatch_reason.long",
                f"Alasan paling panjang {MAX_REASON} huruf.",
                "nik_mismatch_reason",
            )
        )
    elif differences and not reason:
        errors.extend(InvalidNik(d.code, d.message + CONFIRM_HINT, d.field) for d in differences)
    elif differences:
        confirmed = tuple(
            f"Berbeda dengan NIK, dikonfirmasi ({reason}): {d.message}" for d in differences
        )
    if born is not None:
        if born > today:
            errors.append(
                InvalidInput("birth_date.future", "Tanggal lahir di masa depan.", "birth_date")
            )
        else:
            check(lambda: check_registration_age(born, today))
    rt = check(lambda: _rt_rw(form.rt, "rt"), "")
    rw = check(lambda: _rt_rw(form.rw, "rw"), "")
    phone = check(lambda: normalize_phone(form.phone), "")
    job = check(lambda: occupation(form.occupation.strip()))
    other = _text(form.occupation_other)
    if job is not None and job.code == "lainnya" and not other:
        errors.append(
            InvalidInput(
                "occupation_other.empty",
                "Tuliskan pekerjaannya jika memilih 'Lainnya'.",
                "occupation_other",
            )
        )
    income = check(lambda: parse_rupiah(form.monthly_income))
    if income is not None:
        check(lambda: check_monthly_income(income))
    programs = check(lambda: _programs(form.programs))
    if errors:
        raise ValidationErrors(errors)
    assert info is not None and born is not None  # each would have left an error above
    return ValidWorker(
        nik=info.nik,
        kk_number=kk,
        full_name=name,
        birth_place=birth_place,
        birth_date=born,
        sex=sex,
        address=_text(form.address),
        dusun=_text(form.dusun),
        rt=rt,
        rw=rw,
        phone=phone,
        occupation=job.code,
        occupation_other=other if job.code == "lainnya" else "",
        monthly_income=income,
        programs=programs,
        warnings=info.warnings + kk_warnings + confirmed,
        nik_mismatch_reason=reason if differences else "",
        nik_differences=tuple(d.message for d in differences),
    )
