"""Laporan: coverage by occupation, sex, age and dusun as a chart, and the report as a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import rupiah, thousands
from desktop_app.services import budget, report_files, reports
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import year_spin


class ReportsPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.report: reports.CoverageReport | None = None
        self.year = year_spin(budget.working_year(inst))
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.dimension = QComboBox()
        self.dimension.setObjectName("dimension")
        for key, label in reports.DIMENSIONS.items():
            self.dimension.addItem(tr(label), key)
        self.dimension.currentIndexChanged.connect(lambda _i: self.draw())
        export = QPushButton(tr("Simpan laporan…"))
        export.setObjectName("export_report")
        export.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        for w in (QLabel(tr("Tahun anggaran")), self.year, QLabel(tr("Menurut")), self.dimension):
            top.addWidget(w)
        top.addStretch()
        top.addWidget(export)
        self.figures = QLabel()
        self.figures.setObjectName("figures")
        self.figures.setWordWrap(True)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("coverage_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The category axis changes width with its labels; repainting only the changed region
        # left the old axis's labels drawn over the new one when "Menurut" was switched.
        self.chart_view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.chart_view, 1)
        # No refresh here: the report reads every worker, so it is made when the page is shown.

    def refresh(self) -> None:
        r = self.report = reports.coverage_report(self._inst, self.year.value())
        share = (
            f"{r.share_covered:.0%}"
            if r.share_covered is not None
            else "isi jumlah penduduk bekerja di Anggaran"
        )
        self.figures.setText(
            f"Terdaftar {thousands(r.registered)} · dibiayai {thousands(r.funded)} dari target "
            f"{thousands(r.target)} · aktif {thousands(r.active)} · menunggak/berakhir "
            f"{thousands(r.lapsed)} · pekerja desa terlindungi: {share}\n"
            f"Anggaran {rupiah(r.allocated)} · dianggarkan {rupiah(r.committed)} · "
            f"terealisasi {rupiah(r.realised)}"
        )
        self.draw()

    def draw(self) -> None:
        """Grouped horizontal bars (registered, funded, active) so long labels are never cut."""
        if self.report is None:
            return
        lines = self.report.breakdowns[self.dimension.currentData()]
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            axis.deleteLater()  # removed axes are handed back, not deleted, by QChart
        series = QHorizontalBarSeries()
        for label, attr in (
            ("Terdaftar", "registered"),
            ("Dibiayai", "funded"),
            ("Aktif", "active"),
        ):
            bars = QBarSet(label)
            bars.append([getattr(line, attr) for line in lines])
            series.append(bars)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([line.label for line in lines])
        values = QValueAxis()
        values.setRange(0, max([line.registered for line in lines] + [1]))
        values.setLabelFormat("%d")
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        self.chart.setTitle(
            f"Kepesertaan {self._inst.name} {self.report.year} — "
            f"{self.dimension.currentText().lower()}"
        )
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view.viewport().update()

    def choose_file(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self,
            tr("Simpan laporan"),
            f"laporan-{self._inst.name}-{self.year.value()}.pdf",
            "PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)",
        )
        if target:
            self.save(Path(target))

    def save(self, path: Path) -> None:
        if self.report is None:
            return
        try:
            report_files.write_report(self.report, path)
        except DomainError as e:
            self.changed.emit(e.message)
            return
        self.changed.emit(f"Laporan disimpan di {path}")
