"""The program's rules as data: resources/rules/NAME.json, each with its legal sources.

Every rule table is read here, once; the modules that apply a rule ask for its table by name.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from desktop_app.resources import resource_path


@functools.cache
def rule_table(name: str) -> dict[str, Any]:
    """The table resources/rules/<name>.json (cached: the files never change while running)."""
    table: dict[str, Any] = json.loads(
        resource_path("rules", f"{name}.json").read_text(encoding="utf-8")
    )
    return table


def program_rules() -> dict[str, Any]:
    """Contribution rates, brackets, discounts and benefit amounts, versioned by date."""
    return rule_table("contributions")


def benefit_rules() -> dict[str, Any]:
    """JKK, JKM and education benefits, with the disability table and their sources."""
    return rule_table("benefits")
