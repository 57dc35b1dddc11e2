"""Child process of bench/run.py: the bare floor of a window start — a QMainWindow holding a
QTableView over 200 rows of a trivial model — reporting when it is ready and its memory."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
    return kb / 1024


def main() -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 200

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 7

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row()}:{index.column()}"
            return None

    app = QApplication([])
    window = QMainWindow()
    table = QTableView()
    model = Model(table)
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1180, 720)
    window.show()
    app.processEvents()
    print(json.dumps({"ready_at": time.time(), "rss_ready_mb": rss_mb()}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
