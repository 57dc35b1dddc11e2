"""JKK and JKM benefits from the facts of the event, by the regulation (resources/rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.formatting import rupiah
from desktop_app.domain.rules import benefit_rules

DISABILITY_KINDS = {"total": "Cacat total tetap", "partial": "Cacat sebagian"}


@dataclass(frozen=True, slots=True)
class Part:
    """One amount a benefit is made of, with how it was computed."""

    title: str
    amount: int
    note: str


def disability_parts() -> dict[str, tuple[str, int]]:
    """The partial-disability table: code -> (body part, percent)."""
    table = benefit_rules()["jkk"]["partial_disability"]["table"]
    return {row["code"]: (row["label"], row["percent"]) for row in table}


def check_disability(kind: str | None, part: str | None, function_loss: int | None) -> None:
    if kind is None:
        return
    if kind not in DISABILITY_KINDS:
        raise InvalidInput("event.disability", f"Jenis cacat {kind!r} tidak dikenal.", "disability")
    if kind == "partial" and part not in disability_parts():
        raise InvalidInput(
            "event.disability_part", "Pilih bagian tubuh yang cacat.", "disability_part"
        )
    if function_loss is not None and not 1 <= function_loss <= 100:
        raise InvalidInput(
            "event.function_loss",
            "Persentase berkurangnya fungsi harus 1 sampai 100.",
            "function_loss_percent",
        )


def jkk_death(base: int) -> list[Part]:
    """Death by a work accident: 48 x income, periodic benefit paid at once, funeral costs."""
    r = benefit_rules()["jkk"]["death"]
    return [
        Part(
            f"JKK: {r['label'].lower()}",
            r["income_months"] * base,
            f"{r['income_months']} x {rupiah(base)} ({r['formula']}).",
        ),
        Part("JKK: santunan berkala", r["periodic_total"], r["periodic_formula"] + "."),
        Part("JKK: biaya pemakaman", r["funeral"], "Biaya pemakaman."),
    ]


def jkm() -> list[Part]:
    """Death not caused by work (JKM): lump sum, periodic benefit paid at once, funeral."""
    r = benefit_rules()["jkm"]
    return [Part(f"JKM: {p['title']}", p["amount"], r["label"] + ".") for p in r["parts"]]


def total_disability(base: int) -> list[Part]:
    r = benefit_rules()["jkk"]["total_disability"]
    unconfirmed = "" if r["confirmed"] else " Angka belum dipastikan; cek dengan BPJS."
    return [
        Part(
            f"JKK: {r['label'].lower()}",
            base * r["percent"] * r["income_months"] // 100,
            f"{r['formula']} = {r['percent']}% x {r['income_months']} x {rupiah(base)}."
            + unconfirmed,
        ),
        Part(
            "JKK: santunan berkala", r["periodic_total"], r["periodic_formula"] + "." + unconfirmed
        ),
    ]


def partial_disability(base: int, part: str, function_loss: int | None) -> Part:
    """Anatomical loss: table % x 80 x income; loss of function: that times the loss %."""
    r = benefit_rules()["jkk"]["partial_disability"]
    label, percent = disability_parts()[part]
    amount = base * percent * r["income_months"] // 100
    how = f"{percent}% x {r['income_months']} x {rupiah(base)}"
    if function_loss is not None:
        amount = amount * function_loss // 100
        how = f"{function_loss}% berkurangnya fungsi x {how}"
    return Part(
        f"JKK: {r['label'].lower()} ({label.lower()})",
        amount,
        f"{how}. Persentase tabel belum dipastikan; cek dengan BPJS.",
    )


def stmb(base: int, unable_from: dt.date, unable_to: dt.date) -> int:
    """Income while unable to work (STMB) on the reported income bracket: 100% for the first 12
    months, 50% after, counted by day on a 30-day month."""
    r = benefit_rules()["jkk"]["stmb"]
    days = (unable_to - unable_from).days + 1
    full_days = min(days, r["first_months"] * 30)
    daily = base / 30
    amount: float = full_days * daily * r["first_percent"] / 100
    amount += (days - full_days) * daily * r["after_percent"] / 100
    return round(amount)
