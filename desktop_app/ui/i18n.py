"""The window's second language: Indonesian is the source, English comes from a catalogue.

A plain catalogue (resources/translations/en.json, keyed by the Indonesian text) rather than Qt
Linguist files: it needs no build step, and a test checks that every string has its English.
Messages composed at run time and the rules' own messages stay in Indonesian for now.
"""

from __future__ import annotations

import functools
import json
import os

from desktop_app.resources import resource_path

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
_language = os.environ.get("SATUDESA_LANG", "id")


def set_language(code: str) -> None:
    global _language
    _language = code if code in LANGUAGES else "id"


def language() -> str:
    return _language


@functools.cache
def _catalogue(code: str) -> dict[str, str]:
    path = resource_path("translations", f"{code}.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def tr(text: str) -> str:
    """`text` in the chosen language (the Indonesian source when there is no translation)."""
    if _language == "id":
        return text
    return _catalogue(_language).get(text, text)
