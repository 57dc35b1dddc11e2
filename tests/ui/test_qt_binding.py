"""The Qt binding survives a clerk's long day of calls (a PySide6 release that lost a reference
to None on every void call aborted the process after a few thousand; it is pinned away)."""

from __future__ import annotations

import os
import subprocess
import sys

LOOP = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(60_000):  # about a hundred searches' worth of widget calls, many times over
    label.setText(str(i))
    label.isVisible()
print("survived")
"""


def test_tens_of_thousands_of_widget_calls_do_not_abort_the_process():
    result = subprocess.run(
        [sys.executable, "-c", LOOP],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-500:]
