"""What documents are made of: plain values the printing service fills from the records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Letterhead:
    village_name: str
    kecamatan: str
    regency: str
    province: str
    address: str
    head_name: str
    head_title: str
    place: str  # where letters are signed: "Sebatik Timur"
    contact: str
    logo_path: str | None = None
    kind: str = "Desa"  # or Kelurahan
    budget_source: str = "APBDes"  # a kelurahan is paid from the kabupaten's APBD
    sample: bool = False  # a demo village: every letter and card is marked CONTOH


@dataclass(frozen=True, slots=True)
class Participant:
    """One worker as documents show them; `nik` already masked as the village chose."""

    worker_id: str
    full_name: str
    nik: str
    birth_place: str
    birth_date: dt.date
    sex: str
    address: str
    dusun: str
    occupation: str
    kpj_number: str | None
    programs: tuple[str, ...]
    coverage_start: dt.date
    coverage_end: dt.date
    monthly_contribution: int
    total_contribution: int
    rate_note: str


@dataclass(frozen=True, slots=True)
class Letter:
    number: str
    issued: dt.date
    participant: Participant
    budget_line: str


@dataclass(frozen=True, slots=True)
class Card:
    participant: Participant
    village_name: str  # with its kind: "Desa Tanjung Aru", "Kelurahan Nunukan Timur"
    qr_payload: str
