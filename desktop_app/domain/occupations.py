"""The occupation catalogue (codes, Indonesian and English labels), kept as data."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.rules import rule_table


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str
    label: str
    label_en: str
    transport: bool


def _load() -> tuple[Occupation, ...]:
    data = rule_table("occupations")
    return tuple(
        Occupation(o["code"], o["label"], o["label_en"], o["transport"])
        for o in data["occupations"]
    )


OCCUPATIONS = _load()
# The occupation whose workers write what they do themselves (`occupation_other`).
OTHER = "lainnya"
_BY_CODE = {o.code: o for o in OCCUPATIONS}


def _names(o: Occupation) -> set[str]:
    """What a clerk may type for an occupation: its code or label, in any case ("Sopir")."""
    short = o.label.split(" (")[0]
    return {
        o.code,
        o.code.replace("_", " "),
        o.label.lower(),
        short.lower(),
        *(part.strip().lower() for part in short.split("/")),
    }


_BY_NAME = {name: o for o in OCCUPATIONS for name in _names(o)}


def occupation(code: str) -> Occupation:
    if not code:
        raise InvalidInput("occupation.empty", "Pilih pekerjaan.", "occupation")
    try:
        return _BY_CODE.get(code) or _BY_NAME[" ".join(code.lower().split())]
    except KeyError:
        raise InvalidInput(
            "occupation.unknown",
            f"Pekerjaan {code!r} tidak ada dalam daftar; pilih salah satu atau 'Lainnya'.",
            "occupation",
        ) from None
