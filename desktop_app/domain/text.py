"""Free text as people type it: one line, no control characters, and a length that fits a form.

Every text field has a limit here, so that a document can always lay it out (a name on a KTP
has at most about 100 letters) and no input can make printing or storage grow without end.
"""

from __future__ import annotations

from desktop_app.domain.errors import InvalidInput

NAME_MAX = 100  # a person's name, as on a KTP
PLACE_MAX = 60  # a birth place, a dusun, an occupation typed by hand
ADDRESS_MAX = 200
NOTE_MAX = 500  # what happened, in a sentence or two
TITLE_MAX = 100  # a village name, a head's title, contact details


def has_control_characters(text: str) -> bool:
    """NUL, escape codes and other invisible characters that no form field should hold."""
    if text.isprintable():  # nearly every text: one pass in C
        return False
    return any(not ch.isprintable() and not ch.isspace() for ch in text)


def clean_text(raw: str, field: str, max_length: int, label: str = "Isian") -> str:
    """Collapse spaces; refuse control characters and text longer than `max_length`."""
    if not raw.isprintable() and has_control_characters(raw):  # nearly all text is printable
        raise InvalidInput(
            f"{field}.characters", f"{label} berisi karakter yang tidak dapat dicetak.", field
        )
    text = " ".join(raw.split())
    if len(text) > max_length:
        raise InvalidInput(
            f"{field}.too_long",
            f"{label} terlalu panjang ({len(text)} huruf); paling banyak {max_length} huruf.",
            field,
        )
    return text
