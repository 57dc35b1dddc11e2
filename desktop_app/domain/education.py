"""The education benefit per child, from the child's school level and class on the event day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.domain.formatting import rupiah
from desktop_app.domain.registration import age_on
from desktop_app.domain.rules import benefit_rules

SCHOOL_LEVELS = {
    "belum_sekolah": "Belum sekolah",
    "tk": "TK",
    "sd": "SD",
    "smp": "SMP",
    "sma": "SMA",
    "pt": "Perguruan tinggi / pelatihan",
    "berhenti": "Sudah menikah / bekerja",
}


def class_range(level: str) -> range | None:
    """The classes a level counts (SD 1–6, SMP 7–9, SMA 10–12, TK 1–2, PT year 1–5)."""
    for lv in benefit_rules()["education"]["levels"]:
        if lv["code"] == level:
            return range(lv["first_class"], lv["first_class"] + lv["years"])
    return None


def contribution_months_needed() -> int:
    needed: int = benefit_rules()["education"]["min_contribution_months_non_work_death"]
    return needed


@dataclass(frozen=True, slots=True)
class ChildGrant:
    """What one child may receive: per year now, the estimated total, and why."""

    name: str
    age: int
    per_year_now: int
    total: int
    reason: str


def _by_age(age: int) -> tuple[str, int]:
    """A school level and class guessed from the age, for children whose level is not recorded."""
    if age < benefit_rules()["education"]["entry_age_assumption"]:
        return "belum_sekolah", 0
    for level, first_age, first_class in (("pt", 18, 1), ("sma", 15, 10), ("smp", 12, 7)):
        if age >= first_age:
            classes = class_range(level)
            assert classes is not None  # the levels above are in the table
            return level, min(first_class + age - first_age, classes[-1])
    return ("sd", min(age - 5, 6)) if age >= 6 else ("tk", age - 3)


def child_grant(
    name: str, born: dt.date, level: str | None, klass: int | None, day: dt.date
) -> ChildGrant:
    """The remaining years at the child's level and above, per year, ending at 23."""
    rules = benefit_rules()["education"]
    age = age_on(born, day)
    if age >= rules["end_age"]:
        return ChildGrant(name, age, 0, 0, f"Umur {age} tahun: beasiswa berakhir pada umur 23.")
    if level == "berhenti":
        return ChildGrant(name, age, 0, 0, "Sudah menikah atau bekerja: tidak berhak lagi.")
    guessed = not level
    code, klass = (level, klass) if level else _by_age(age)
    waiting = 0
    if code == "belum_sekolah":
        waiting = max(0, rules["entry_age_assumption"] - age)
        code, klass = "tk", None
    levels = rules["levels"]
    start = next(i for i, lv in enumerate(levels) if lv["code"] == code)
    years_left = rules["end_age"] - age - waiting
    taken: list[tuple[str, int, int]] = []
    for i, lv in enumerate(levels[start:]):
        years = lv["years"]
        if i == 0 and klass is not None:
            years = lv["years"] - (klass - lv["first_class"])
        years = min(years, years_left)
        if years <= 0:
            break
        taken.append((lv.get("short", lv["label"]), lv["per_year"], years))
        years_left -= years
    total = sum(per_year * years for _, per_year, years in taken)
    per_year_now = taken[0][1] if taken and not waiting else 0
    where = SCHOOL_LEVELS["belum_sekolah"] if waiting else _where(code, klass)
    plan = ", ".join(f"{label} {years} th x {rupiah(per_year)}" for label, per_year, years in taken)
    reason = f"{where}, umur {age}: {plan}. Sampai umur 23, atau menikah/bekerja."
    if guessed:
        reason = "Jenjang sekolah belum dicatat, diperkirakan dari umur. " + reason
    if waiting:
        reason += f" Dibayar mulai masuk TK (sekitar umur {rules['entry_age_assumption']})."
    return ChildGrant(name, age, per_year_now, total, reason)


def _where(level: str, klass: int | None) -> str:
    label = SCHOOL_LEVELS[level]
    if klass is None:
        return label
    if level == "pt":
        return f"Tahun {klass} perguruan tinggi/pelatihan"
    return f"Kelas {klass} {label}"


def education_grants(
    children: list[tuple[str, dt.date, str | None, int | None]], day: dt.date
) -> list[ChildGrant]:
    """Every child with what they may receive; at most two children (the eldest still entitled)
    receive, the others are listed with the reason."""
    rules = benefit_rules()["education"]
    grants = [
        child_grant(name, born, level, klass, day)
        for name, born, level, klass in sorted(children, key=lambda c: c[1])
    ]
    out, given = [], 0
    for g in grants:
        if g.total and given >= rules["max_children"]:
            g = ChildGrant(
                g.name, g.age, 0, 0, f"Beasiswa paling banyak untuk {rules['max_children']} anak."
            )
        given += bool(g.total)
        out.append(g)
    return out
