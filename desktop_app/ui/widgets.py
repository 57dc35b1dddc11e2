"""Small widgets the pages share: a progress row with a cancel button, a results table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.services.installation import Installation, reopen
from desktop_app.ui.i18n import tr
from desktop_app.ui.jobs import Job

# Colours of text that speaks to the clerk: one home, so every page says "wrong" the same way.
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
VALID_STYLE = "color: #0b6e4f; font-weight: bold;"
NOTE_STYLE = "color: #455a64;"


class ProgressRow(QWidget):
    """Runs one Job at a time: shows its progress, lets the user cancel, reports the end."""

    message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setObjectName("progress")
        self.label = QLabel()
        self.label.setObjectName("progress_label")
        self.cancel_button = QPushButton(tr("Batal"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.job: Job | None = None
        self.hide()

    def start(
        self,
        what: str,
        work: Callable[[Callable[[int, int], None]], Any],
        on_done: Callable[[Any], None],
    ) -> Job:
        """Run `work(progress)` in the background; `on_done(result)` runs on the GUI thread."""
        self.label.setText(what)
        self.bar.setRange(0, 0)
        self.show()
        self.job = Job(work)
        self.job.signals.progress.connect(self._progress)
        self.job.signals.finished.connect(lambda result: self._finish(on_done, result))
        self.job.signals.failed.connect(lambda text: self._end(text))
        self.job.signals.cancelled.connect(lambda: self._end("Dibatalkan."))
        return self.job.start()

    def start_on_db(
        self,
        window_inst: Installation,
        what: str,
        work: Callable[[Installation, Callable[[int, int], None]], Any],
        on_done: Callable[[Any], None],
    ) -> Job:
        """Like start(), with `work(inst, progress)` on its own database connection.

        SQLite connections must not be shared with the GUI thread mid-transaction, so the
        job opens the data folder again, as the window's person, and closes it when done.
        """

        def job(progress: Callable[[int, int], None]) -> Any:
            inst = reopen(window_inst)
            try:
                return work(inst, progress)
            finally:
                inst.close()

        return self.start(what, job, on_done)

    def cancel(self) -> None:
        if self.job:
            self.job.cancel()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _finish(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._end(None)
        on_done(result)

    def _end(self, text: str | None) -> None:
        self.job = None
        self.hide()
        if text:
            self.message.emit(text)


class ResultsTable(QTableWidget):
    """Read-only rows of text, e.g. one per imported file."""

    def __init__(self, headers: tuple[str, ...], name: str, parent=None):
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.setItem(r, c, QTableWidgetItem(value))
        self.resizeRowsToContents()


def year_spin(year: int) -> QSpinBox:
    """The fiscal-year chooser the budget, report and print screens share."""
    spin = QSpinBox()
    spin.setObjectName("year")
    spin.setRange(2020, 2100)
    spin.setValue(year)
    return spin
