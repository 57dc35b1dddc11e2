"""The log file in the data folder: where tracebacks go instead of a clerk's screen."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


def configure_logging(data_dir: Path) -> None:
    """Log to `satudesa.log` in the data folder (rotated, a few hundred KB at most)."""
    root = logging.getLogger("satudesa")
    for old in root.handlers[:]:  # one process may open several data folders (tests do)
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            data_dir / "satudesa.log", maxBytes=256_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # a read-only folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
