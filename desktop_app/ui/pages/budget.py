"""Anggaran: the APBDes allocation, what funding the workers costs, and progress toward 100."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.dates import first_of_next_month
from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import rupiah, thousands
from desktop_app.domain.regions import village_kind
from desktop_app.domain.worker import parse_rupiah
from desktop_app.services import budget
from desktop_app.services.installation import Installation
from desktop_app.ui.approval_box import ApprovalBox
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import NOTE_STYLE, year_spin


class BudgetPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.year = year_spin(budget.working_year(inst))
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.amount = QLineEdit()
        self.amount.setObjectName("allocated")
        self.amount.setPlaceholderText(tr("mis. 30.000.000"))
        self.line = QLineEdit()
        self.line.setObjectName("budget_line")
        self.target = QSpinBox()
        self.target.setObjectName("target_workers")
        self.target.setRange(1, 10_000)
        self.residents = QSpinBox()
        self.residents.setObjectName("working_residents")
        self.residents.setRange(0, 100_000)
        self.residents.setSpecialValueText(tr("belum diisi"))
        save = QPushButton(tr("Simpan anggaran"))
        save.setObjectName("save_budget")
        save.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(tr("Tahun anggaran"), self.year)
        kelurahan = village_kind(inst.code).is_kelurahan
        pagu = tr("Pagu APBD kabupaten (Rp)") if kelurahan else tr("Pagu APBDes (Rp)")
        form.addRow(pagu, self.amount)
        form.addRow(tr("Pos anggaran"), self.line)
        form.addRow(tr("Target pekerja"), self.target)
        form.addRow(tr("Penduduk desa yang bekerja"), self.residents)
        form.addRow("", save)
        setup = QGroupBox(tr("Anggaran desa"))
        setup.setLayout(form)

        self.summary = QLabel()
        self.summary.setObjectName("budget_summary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("target_progress")
        self.policy = QLabel()
        self.policy.setObjectName("policy")
        self.policy.setWordWrap(True)
        self.policy.setStyleSheet(NOTE_STYLE)
        fund = QPushButton(tr("Biayai semua pekerja yang belum dibiayai"))
        fund.setObjectName("fund_all")
        fund.clicked.connect(self.fund_all)
        self.message = QLabel()
        self.message.setObjectName("budget_message")
        self.message.setWordWrap(True)
        status = QGroupBox(tr("Satu Desa, 100 Pekerja Rentan"))
        box = QVBoxLayout(status)
        box.addWidget(self.summary)
        box.addWidget(self.progress)
        box.addWidget(self.policy)
        row = QHBoxLayout()
        row.addWidget(fund)
        renew = QPushButton(tr("Daftar perpanjangan bulan depan…"))
        renew.setObjectName("renewals")
        renew.clicked.connect(self.choose_renewals_file)
        row.addWidget(renew)
        row.addStretch()
        box.addLayout(row)
        self.approval = ApprovalBox(inst, self.year.value)
        box.addWidget(self.approval)
        box.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addWidget(setup)
        layout.addWidget(status)
        layout.addStretch()
        self.refresh()

    def refresh(self) -> None:
        s = budget.summary(self._inst, self.year.value())
        self.amount.setText(f"{s.allocated:,}".replace(",", "."))
        self.line.setText(s.budget_line)
        self.target.setValue(s.target)
        self.residents.setValue(s.working_residents or 0)
        self.summary.setText(
            f"Pagu {rupiah(s.allocated)} · terpakai {rupiah(s.committed)} · "
            f"sisa {rupiah(s.remaining)}\n{thousands(s.funded_workers)} dari "
            f"{thousands(s.target)} pekerja dibiayai tahun {s.year}"
        )
        self.progress.setRange(0, s.target)
        self.progress.setValue(min(s.funded_workers, s.target))
        self.progress.setFormat(f"{s.funded_workers} dari {s.target}")
        self.policy.setText(s.policy)
        self.approval.refresh()

    def save(self) -> None:
        try:
            budget.set_budget(
                self._inst,
                self.year.value(),
                parse_rupiah(self.amount.text(), "allocated"),
                self.line.text(),
                self.target.value(),
                self.residents.value() or None,
            )
        except DomainError as e:
            self.message.setText(e.message)
            return
        self.message.setText(tr("Anggaran disimpan."))
        self.refresh()

    def choose_renewals_file(self) -> None:
        month = first_of_next_month(dt.date.today())
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan daftar perpanjangan"), f"perpanjangan-{month:%Y-%m}.pdf", "PDF (*.pdf)"
        )
        if target:
            self.print_renewals(month, Path(target))

    def print_renewals(self, month: dt.date, path: Path) -> None:
        _, count = budget.print_renewals(self._inst, month, path)
        self.message.setText(f"Daftar perpanjangan ({count} pekerja) disimpan di {path}.")

    def fund_all(self) -> None:
        try:
            result = budget.fund_workers(self._inst, self.year.value())
        except DomainError as e:
            self.message.setText(e.message)
            return
        self.message.setText(f"{result.workers} pekerja dibiayai, {rupiah(result.total)}.")
        self.refresh()
        self.changed.emit(self.message.text())
