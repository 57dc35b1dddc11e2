"""Where the shipped data lives: the top-level resources/ folder (or its copy in a frozen build)."""

from __future__ import annotations

import sys
from pathlib import Path

_BASE = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[1]))
_ROOT = _BASE / "resources"


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath(*parts)


def guide_path() -> Path:
    """The clerk's guide (docs/panduan.md, its pictures in docs/panduan/), shown at F1."""
    return _BASE / "docs" / "panduan.md"
