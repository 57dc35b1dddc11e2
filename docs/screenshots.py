"""Save screenshots of the window over a demo village into docs/ (run: python docs/screenshots.py).

Runs offscreen; each page module may add its own shot to SHOTS.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.services.demo import seed_demo_village  # noqa: E402
from desktop_app.ui.dialogs.worker_dialog import WorkerDialog  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        inst = seed_demo_village(Path(tmp) / "data", 100)
        window = MainWindow(inst)
        window.resize(1200, 720)
        window.show()
        app.processEvents()
        window.grab().save(str(DOCS / "main-window.png"))

        first = window.pages[0].model.worker_id(0)
        dialog = WorkerDialog(inst, first)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(DOCS / "worker-dialog.png"))
        dialog.close()
        window.close()
        inst.close()


if __name__ == "__main__":
    main()
