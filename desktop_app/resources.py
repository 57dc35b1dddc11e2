"""Where the shipped data lives: the top-level resources/ folder (or its copy in a frozen build)."""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[1])) / "resources"


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath(*parts)
