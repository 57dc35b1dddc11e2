"""A small table of the worker's children (name, birth date, sex, NIK) inside the worker form."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.family import ChildForm
from desktop_app.ui.i18n import tr

HEADERS = ("Nama anak", "Tanggal lahir (HH-BB-TTTT)", "L/P", "NIK (boleh kosong)")


class ChildrenEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("children")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        add = QPushButton(tr("Tambah anak"))
        add.setObjectName("add_child")
        add.clicked.connect(self.add_row)
        remove = QPushButton(tr("Hapus anak terpilih"))
        remove.setObjectName("remove_child")
        remove.clicked.connect(self._remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, child: ChildForm | None = None) -> None:
        child = child if isinstance(child, ChildForm) else ChildForm()
        row = self.table.rowCount()
        self.table.insertRow(row)
        birth = child.birth_date
        if len(birth) == 10 and birth[4] == "-":  # stored ISO → how clerks type it
            birth = f"{birth[8:10]}-{birth[5:7]}-{birth[0:4]}"
        for col, value in enumerate((child.full_name, birth, child.sex, child.nik)):
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.changed.emit()

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def set_children(self, children: list[ChildForm]) -> None:
        self.table.setRowCount(0)
        for child in children:
            self.add_row(child)

    def child_forms(self) -> list[ChildForm]:
        def text(row: int, col: int) -> str:
            item = self.table.item(row, col)
            return item.text().strip() if item else ""

        forms = []
        for row in range(self.table.rowCount()):
            values = [text(row, c) for c in range(len(HEADERS))]
            if any(values):  # an empty row the clerk added and left is not a child
                forms.append(ChildForm(values[0], values[1], values[2].upper(), values[3]))
        return forms
