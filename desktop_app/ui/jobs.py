"""Long work off the GUI thread: a QRunnable that reports progress and can be cancelled."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop_app.domain.errors import DomainError
from desktop_app.ui.i18n import tr

log = logging.getLogger("satudesa.ui")


class Cancelled(Exception):
    """Raised inside a job's work when the user pressed Batal."""


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the work's return value
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class Job(QRunnable):
    """Run `work(progress)` in the pool; `progress(done, total)` raises Cancelled after cancel().

    The work function must not touch widgets; it talks back only through the signals.
    """

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.signals = JobSignals()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except DomainError as e:
            self.signals.failed.emit(e.message)
        except Exception:
            log.exception("background job failed")
            self.signals.failed.emit(
                tr("Terjadi kesalahan yang tidak terduga; rinciannya dicatat di satudesa.log.")
            )
        else:
            self.signals.finished.emit(result)

    def start(self) -> Job:
        # Work such as reportlab's allocates enough to set off Python's cyclic collector inside
        # the job's thread; Qt objects left over from closed windows must not be finalized
        # there (a widget deleted off the GUI thread crashes), so collect them here first.
        gc.collect()
        QThreadPool.globalInstance().start(self)
        return self
