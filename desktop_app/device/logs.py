"""The log file in the data folder: where tracebacks go instead of a clerk's screen."""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path

from desktop_app.device.private import create_private_file, secure_data_dir


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is created readable by its owner only."""

    def _open(self) -> io.TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        """Drop a record the disk has no room for: logging's default prints a traceback on
        the clerk's screen, beside the clear refusal the full disk already gets."""


def configure_logging(data_dir: Path) -> None:
    """Log to `satudesa.log` in the data folder (rotated, a few hundred KB at most).

    The log holds codes and ids, never a NIK or a name; it is owner-only all the same.
    """
    root = logging.getLogger("satudesa")
    for old in root.handlers[:]:  # one process may open several data folders (tests do)
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.INFO)
    try:
        secure_data_dir(data_dir)
        handler: logging.Handler = _PrivateRotatingFileHandler(
            data_dir / "satudesa.log", maxBytes=256_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # a read-only folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
