"""A small table of the worker's children inside the worker form: name, birth date, sex, NIK,
and the school level and class the education benefit is counted from."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.education import SCHOOL_LEVELS
from desktop_app.domain.family import ChildForm
from desktop_app.ui.i18n import tr

HEADERS = (
    "Nama anak",
    "Tanggal lahir (HH-BB-TTTT)",
    "L/P",
    "NIK (boleh kosong)",
    "Jenjang sekolah",
    "Kelas",
)
LEVEL_COLUMN = 4


class ChildrenEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("children")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col in (2, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
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

    def _level_combo(self, level: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("child_school_level")
        combo.addItem(tr("— belum dicatat —"), "")
        for code, label in SCHOOL_LEVELS.items():
            combo.addItem(tr(label), code)
        combo.setCurrentIndex(max(combo.findData(level), 0))
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def add_row(self, child: ChildForm | None = None) -> None:
        child = child if isinstance(child, ChildForm) else ChildForm()
        row = self.table.rowCount()
        self.table.insertRow(row)
        birth = child.birth_date
        if len(birth) == 10 and birth[4] == "-":  # stored ISO → how clerks type it
            birth = f"{birth[8:10]}-{birth[5:7]}-{birth[0:4]}"
        texts = (child.full_name, birth, child.sex, child.nik)
        for col, value in enumerate(texts):
            self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.setCellWidget(row, LEVEL_COLUMN, self._level_combo(child.school_level))
        self.table.setItem(row, LEVEL_COLUMN + 1, QTableWidgetItem(child.school_class))
        self.changed.emit()

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def set_children(self, children: list[ChildForm]) -> None:
        self.table.setRowCount(0)
        for child in children:
            self.add_row(child)

    def level_combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, LEVEL_COLUMN)

    def child_forms(self) -> list[ChildForm]:
        def text(row: int, col: int) -> str:
            item = self.table.item(row, col)
            return item.text().strip() if item else ""

        forms = []
        for row in range(self.table.rowCount()):
            name, birth, sex, nik = (text(row, c) for c in range(4))
            level = self.level_combo(row).currentData() or ""
            klass = text(row, LEVEL_COLUMN + 1)
            if any((name, birth, sex, nik, level, klass)):  # a row left empty is not a child
                forms.append(ChildForm(name, birth, sex.upper(), nik, level, klass))
        return forms
