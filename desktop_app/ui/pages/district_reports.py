"""Kabupaten: the Paritrana figures, coverage per kecamatan and active participants per month
as charts, and the district's reports saved as XLSX or PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import regions
from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import MONTHS_SHORT
from desktop_app.services import district_board, district_report_files
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import year_spin

KECAMATAN_LINE_PX = 22  # height a kecamatan's bars and name need in the chart
REPORT_KINDS = {
    "kecamatan": "Laporan per kecamatan",
    "village": "Laporan per desa",
    "paritrana": "Ringkasan Paritrana (1 halaman)",
}


def _chart(name: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return chart, view


def _reset(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


class DistrictReportsPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.report: district_board.DistrictReport | None = None
        self.year = year_spin(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.kind = QComboBox()
        self.kind.setObjectName("report_kind")
        for key, label in REPORT_KINDS.items():
            self.kind.addItem(tr(label), key)
        save = QPushButton(tr("Simpan laporan…"))
        save.setObjectName("export_report")
        save.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        for w in (QLabel(tr("Tahun anggaran")), self.year):
            top.addWidget(w)
        top.addStretch()
        top.addWidget(self.kind)
        top.addWidget(save)
        self.figures = QLabel()
        self.figures.setObjectName("paritrana_figures")
        self.figures.setWordWrap(True)
        self.kecamatan_chart, self.kecamatan_view = _chart("kecamatan_chart")
        self.months_chart, self.months_view = _chart("months_chart")
        charts = QSplitter()
        charts.addWidget(self.kecamatan_view)
        charts.addWidget(self.months_view)
        charts.setSizes([640, 400])
        # Every kecamatan needs a line of its own, or QtCharts cuts its name to "…": on a
        # small screen the charts scroll rather than shrink below that.
        charts.setMinimumHeight(KECAMATAN_LINE_PX * len(regions.kecamatan_in(inst.code)) + 160)
        scroll = QScrollArea()
        scroll.setObjectName("charts_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(charts)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(scroll, 1)

    def refresh(self) -> None:
        self.report = district_board.district_report(
            self._inst, self.year.value(), with_months=True, detailed=False
        )
        lines = district_board.paritrana_lines(self.report.paritrana)
        cells = [
            f"<td>{label}&nbsp;</td><td align='right'><b>{value}</b>&nbsp;&nbsp;&nbsp;</td>"
            for label, value in lines
        ]
        rows = ["<tr>" + "".join(cells[i : i + 3]) + "</tr>" for i in range(0, len(cells), 3)]
        self.figures.setText("<table>" + "".join(rows) + "</table>")
        self.draw_kecamatan()
        self.draw_months()

    def small_font(self) -> QFont:
        """Axis labels a size smaller, so 21 kecamatan names fit without being cut."""
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() - 2))
        return font

    def draw_kecamatan(self) -> None:
        """Registered, funded and active per kecamatan, with coverage in the label."""
        # Bars grow upwards from the first category: reversed, the list reads top-down.
        chart, kecamatan = self.kecamatan_chart, self.report.kecamatan[::-1]
        _reset(chart)
        series = QHorizontalBarSeries()
        for label, attr in (
            ("Terdaftar", "registered"),
            ("Dibiayai", "funded"),
            ("Aktif", "active"),
        ):
            bars = QBarSet(tr(label))
            bars.append([getattr(k.report, attr) for k in kecamatan])
            series.append(bars)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(
            [
                f"{k.name} ({k.report.share_covered:.0%})"
                if k.report.share_covered is not None
                else k.name
                for k in kecamatan
            ]
        )
        values = QValueAxis()
        values.setRange(0, max([k.report.registered for k in kecamatan] + [1]))
        values.applyNiceNumbers()
        values.setLabelFormat("%d")
        categories.setLabelsFont(self.small_font())
        values.setLabelsFont(self.small_font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.setTitle(
            tr("Kepesertaan per kecamatan {year} (terlindungi)").format(year=self.report.year)
        )

    def draw_months(self) -> None:
        chart = self.months_chart
        _reset(chart)
        bars = QBarSet(tr("Peserta aktif"))
        bars.append(self.report.active_by_month)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        months = QBarCategoryAxis()
        months.append(list(MONTHS_SHORT))
        values = QValueAxis()
        values.setRange(0, max([*self.report.active_by_month, 1]))
        values.applyNiceNumbers()
        values.setLabelFormat("%d")
        months.setLabelsFont(self.small_font())
        months.setLabelsAngle(-90)  # upright names would be cut to "…" in a narrow chart
        values.setLabelsFont(self.small_font())
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(values)
        chart.setTitle(tr("Peserta aktif per bulan {year}").format(year=self.report.year))

    def choose_file(self) -> None:
        kind = self.kind.currentData()
        target, _ = QFileDialog.getSaveFileName(
            self,
            tr("Simpan laporan"),
            f"laporan-{kind}-{self.year.value()}.pdf",
            "PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)",
        )
        if target:
            self.save(Path(target), kind)

    def save(self, path: Path, kind: str) -> None:
        if self.report is None:
            self.refresh()
        assert self.report is not None
        try:
            district_report_files.write_district_report(self.report, kind, path)
        except DomainError as e:
            self.changed.emit(e.message)
            return
        self.changed.emit(tr("Laporan disimpan di {path}").format(path=path))
