"""The program's rules as data (resources/rules/contributions.json), loaded once."""

from __future__ import annotations

import functools
import json
from typing import Any

from desktop_app.resources import resource_path


@functools.cache
def program_rules() -> dict[str, Any]:
    rules: dict[str, Any] = json.loads(
        resource_path("rules", "contributions.json").read_text(encoding="utf-8")
    )
    return rules
