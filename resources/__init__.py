"""Shipped data: rules, region codes, fonts, translations.

This folder is the package `desktop_app.resources` (pyproject maps it), so the files travel in
a wheel and in a PyInstaller build beside this module, and are found the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath(*parts)
