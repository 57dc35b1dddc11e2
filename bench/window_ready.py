"""Child process of bench/run.py: open the window on DATA, report readiness time and memory.

python bench/window_ready.py DATA [--all]    (--all: then fetch every row, and report again)
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
    return kb / 1024


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.installation import open_installation
    from desktop_app.ui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(open_installation(Path(sys.argv[1])))
    window.show()
    app.processEvents()
    ready = time.time()
    rss_ready = rss_mb()
    model = window.pages[0].model
    while "--all" in sys.argv and model.canFetchMore():
        model.fetchMore()
    app.processEvents()
    print(
        json.dumps(
            {
                "ready_at": ready,
                "rss_ready_mb": rss_ready,
                "rows": model.rowCount(),
                "rss_all_rows_mb": rss_mb(),
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
